"""A private jieba tokenizer that knows place, zone and company words, used on short windows.

The global jieba tokenizer is never touched (its add_word state would leak between
builds and tests); this one keeps its cache under the user's cache folder, not a
shared /tmp path. Only the text just before a suffix hit is tokenised, so the cost
is a fraction of tokenising the whole report.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jieba

_PUNCT = set("，,。；;：:！？!?、（）()“”\"'‘’《》【】[]「」『』 \t\r\n\u3000—…·")


def cache_dir() -> Path:
    """The per-user cache folder: $XDG_CACHE_HOME/govreport-kg, else ~/.cache/govreport-kg.

    Created private (0700). When it cannot be made or written (a read-only home, no home),
    a private temporary folder of this process is used instead, never a shared /tmp path.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says a relative value is to be ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "govreport-kg"
    if path.is_absolute():
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.access(path, os.W_OK | os.X_OK):
                return path
        except OSError:
            pass
    return Path(_private_temp().name)


@cache
def _private_temp() -> tempfile.TemporaryDirectory[str]:
    """A folder only this user can enter, removed when the process ends."""
    return tempfile.TemporaryDirectory(prefix="govreport-kg-")


@cache
def tokenizer(extra_words: frozenset[str]) -> jieba.Tokenizer:
    """A private tokenizer with `extra_words` added (one per distinct word set, per process)."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    tok.initialize()
    for word in sorted(extra_words):
        tok.add_word(word, freq=max(tok.suggest_freq(word, tune=False), 10_000))
    return tok


def is_punct(token: str) -> bool:
    return all(ch in _PUNCT for ch in token)


def tokens_before(tok: jieba.Tokenizer, text: str, end: int, width: int = 16) -> list[tuple[str, int]]:
    """Tokens of the window of `text` ending at `end`, cut at the last punctuation; (word, start) pairs."""
    start = max(0, end - width)
    for k in range(end - 1, start - 1, -1):
        if text[k] in _PUNCT:
            start = k + 1
            break
    if start >= end:
        return []
    return [(word, start + s) for word, s, _ in tok.tokenize(text[start:end])]


def tokens_after(tok: jieba.Tokenizer, text: str, start: int, width: int = 16) -> list[tuple[str, int]]:
    """Tokens of the window of `text` starting at `start`, cut at the first punctuation."""
    end = min(len(text), start + width)
    for k in range(start, end):
        if text[k] in _PUNCT:
            end = k
            break
    if start >= end:
        return []
    return [(word, start + s) for word, s, _ in tok.tokenize(text[start:end])]


def tokens_around(tok: jieba.Tokenizer, text: str, start: int, end: int, pad: int = 6) -> list[tuple[str, int]]:
    """Tokens of a window around text[start:end], widened by `pad` each side up to punctuation."""
    a = start
    while a > max(0, start - pad) and text[a - 1] not in _PUNCT:
        a -= 1
    b = end
    while b < min(len(text), end + pad) and text[b] not in _PUNCT:
        b += 1
    return [(word, a + s) for word, s, _ in tok.tokenize(text[a:b])]


def words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in items if len(w) >= 2)
