"""A regular expression from a word list, shaped as a trie so that thousands of names match fast.

Python's re tries every branch of a flat alternation at every position; nesting the
words by shared prefix lets it reject a position after one character. Longer words are
tried before their prefixes, so a match is the longest word at its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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
