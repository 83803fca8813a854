"""A regular expression from a word list, shaped as a trie so that thousands of names match fast.

Python's re tries every branch of a flat alternation at every position; nesting the
words by shared prefix lets it reject a position after one character. Longer words are
tried before their prefixes, so a match is the longest word at its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching exactly the given words, longest first at each position."""
    root: dict[str, dict] = {}
    for word in set(words):
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(root) or "(?!)"


def _render(node: dict[str, dict]) -> str:
    branches = []
    ends_here = "" in node
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _render(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Greedy optional: a longer word wins over its prefix.
        return "(?:" + body + ")?" if len(branches) == 1 and len(body) > 1 else body + "?" if len(body) == 1 else "(?:" + body + ")?"
    return body


def compile_words(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(trie_pattern(words))


class WordPattern:
    """A word list's trie regex that finds where a word starts without trying the regex there.

    Python's re tries the alternatives of a trie's first level one after the other, so with
    thousands of names (the divisions' names open with some 950 characters) each position of a text costs
    hundreds of comparisons. Here a character class finds the positions whose character opens
    a word, a walk down a dict trie tells whether a whole word starts there, and only then the
    regex is matched at that position: the same matches as `pattern.search`, for a fraction
    of its cost. `match` and `fullmatch` are the compiled regex's own.
    """

    def __init__(self, words: Iterable[str]) -> None:
        root: dict[str, dict] = {}
        for word in set(words):
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            if word:
                node[""] = {}
        self.regex = re.compile(_render(root) or "(?!)")
        self._root = root
        self._opens = re.compile("[" + "".join(re.escape(ch) for ch in sorted(root)) + "]") if root else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.regex.match(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.regex.fullmatch(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The regex's leftmost match in text[pos:endpos] (the longest word at its start), or None."""
        if self._opens is None:
            return None
        endpos = len(text) if endpos is None else min(endpos, len(text))
        for opens in self._opens.finditer(text, max(pos, 0), endpos):  # one scan, not a search per opener
            start = k = opens.start()
            node: dict[str, dict] | None = self._root
            while k < endpos and (node := node.get(text[k])) is not None:
                if "" in node:
                    return self.regex.match(text, start, endpos)
                k += 1
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The regex's matches in order, none overlapping (as `pattern.finditer`: words are not empty)."""
        while (m := self.search(text, pos, endpos)) is not None:
            yield m
            pos = m.end()
