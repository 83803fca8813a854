"""A regular expression from a word list, shaped as a trie so that thousands of names match fast.

Python's re tries every branch of a flat alternation at every position; nesting the
words by shared prefix lets it reject a position after one character. Longer words are
tried before their prefixes, so a match is the longest word at its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache


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
    """A word list's trie that finds, matches and fullmatches its words as its trie regex would,
    without that regex.

    Python's re tries the alternatives of a trie's first level one after the other, so with
    thousands of names (the divisions' names open with some 950 characters) each position of a text costs
    hundreds of comparisons, and compiling the regex of ~7,000 names costs every process 80 ms. Here
    a character class finds the positions whose character opens a word and a walk down a dict trie
    finds the longest word there, as the regex's greedy branches do (each character selects one
    branch, so the deepest word on the text's path is its match). Matches are re.Match objects over
    the same span (made by a pattern of that many characters).
    """

    def __init__(self, words: Iterable[str]) -> None:
        root: dict[str, dict] = {}
        for word in set(words):
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            if word:
                node[""] = {}
        self._root = root
        self._opens = re.compile("[" + "".join(re.escape(ch) for ch in sorted(root)) + "]") if root else None

    @property
    def regex(self) -> re.Pattern[str]:
        """The trie regex these matches equal (compiled when asked for: tests compare with it)."""
        return re.compile(_render(self._root) or "(?!)")

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The longest word at text[pos:], ending by endpos, or None (as the regex's match)."""
        pos, endpos = max(pos, 0), len(text) if endpos is None else min(endpos, len(text))
        node: dict[str, dict] | None = self._root
        k, end = pos, -1
        while k < endpos and (node := node.get(text[k])) is not None:
            k += 1
            if "" in node:
                end = k
        return _span(end - pos).match(text, pos, endpos) if end > pos else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """A match when text[pos:endpos] is one of the words, else None."""
        pos, endpos = max(pos, 0), len(text) if endpos is None else min(endpos, len(text))
        node: dict[str, dict] | None = self._root
        for k in range(pos, endpos):
            if (node := node.get(text[k])) is None:
                return None
        return _span(endpos - pos).match(text, pos, endpos) if endpos > pos and "" in node else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The regex's leftmost match in text[pos:endpos] (the longest word at its start), or None."""
        if self._opens is None:
            return None
        endpos = len(text) if endpos is None else min(endpos, len(text))
        for opens in self._opens.finditer(text, max(pos, 0), endpos):  # one scan, not a search per opener
            if (m := self.match(text, opens.start(), endpos)) is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The regex's matches in order, none overlapping (as `pattern.finditer`: words are not empty)."""
        while (m := self.search(text, pos, endpos)) is not None:
            yield m
            pos = m.end()


@cache
def _span(n: int) -> re.Pattern[str]:
    """A pattern matching any `n` characters: the match object of a word found by the trie walk."""
    return re.compile(f"(?s:.{{{n}}})")
