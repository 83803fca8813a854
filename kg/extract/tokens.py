"""A private jieba tokenizer that knows place, zone and company words, and the window
queries the extractors make of each sentence's words.

The global jieba tokenizer is never touched (its add_word state would leak between
builds and tests); this one keeps its cache under the user's cache folder, not a
shared /tmp path. Each sentence is cut once (SentenceTokens) and every extractor
reads the words before or around its candidates from that cut.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
from bisect import bisect_right
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from math import log
from pathlib import Path

from kg import grammar as g


def _import_jieba():  # noqa: ANN202
    """jieba imports pkg_resources (~0.12 s in every process) only to open its own data files,
    and falls back to opening them by path when it cannot: hide it for that one import."""
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba as module
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    return module


jieba = _import_jieba()

_PUNCT = set(
    g.CLAUSE_MARKS + ",;:!?" + g.ENUMERATION_COMMA + g.OPEN_BRACKET + g.CLOSE_BRACKET + "()"
    + g.OPEN_QUOTE + g.CLOSE_QUOTE + g.OPEN_SINGLE_QUOTE + g.CLOSE_SINGLE_QUOTE + "\"'"
    + g.OPEN_TITLE + g.CLOSE_TITLE + g.OPEN_LENTICULAR + g.CLOSE_LENTICULAR + "[]"
    + g.OPEN_CORNER + g.CLOSE_CORNER + g.OPEN_WHITE_CORNER + g.CLOSE_WHITE_CORNER
    + " \t\r\n" + g.IDEOGRAPHIC_SPACE + g.EM_DASH + g.ELLIPSIS + g.MIDDLE_DOT
)


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


# The least frequency given to the words a tokenizer is told (division names, endings).
ADDED_FREQ = 10_000


@cache
def tokenizer(extra_words: frozenset[str]) -> jieba.Tokenizer:
    """A private tokenizer with `extra_words` added (one per distinct word set, per process).

    Adding the words (~7,000 division names and endings, each weighed by a cut of it) cost a
    new process about as much as loading jieba's dictionary; the dictionary with them added
    (all add_word changes: the frequencies and their total) is kept in the user's cache folder
    by jieba's version and the words, and loaded in their place."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    key = hashlib.sha256("\0".join([jieba.__version__, str(ADDED_FREQ), *sorted(extra_words)]).encode()).hexdigest()
    path = cache_dir() / f"tokenizer-{key[:16]}.marshal"
    try:
        freq, total = marshal.loads(path.read_bytes())
        if isinstance(freq, dict) and isinstance(total, int):
            tok.FREQ, tok.total, tok.initialized = freq, total, True
            return tok
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tok.initialize()
    for word in sorted(extra_words):
        tok.add_word(word, freq=max(tok.suggest_freq(word, tune=False), ADDED_FREQ))
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps((tok.FREQ, tok.total)))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return tok


# jieba's part-of-speech tags for proper nouns: people, places, organisations, other names.
_PROPER_TAGS = frozenset({b"nr", b"nrt", b"nrfg", b"ns", b"nt", b"nz"})


@cache
def proper_names() -> frozenset[str]:
    """Words jieba's dictionary tags as proper nouns (华为 nr, 京东 ns, 中电 nt), as opposed to
    common words (精密 a, 高端 n); only the rules that weigh a brand against a common word ask."""
    return dictionary_words(_PROPER_TAGS)


@cache
def dictionary_words(tags: frozenset[bytes], min_len: int = 1, min_count: int = 0) -> frozenset[str]:
    """The words of jieba's dictionary with one of `tags` (any tag when empty), at least `min_len`
    characters and a count of at least `min_count`. Read from the dictionary once and cached per
    user (~20 ms to load afterwards)."""
    key = b"".join(sorted(tags)).decode() or "any"
    path = cache_dir() / f"dictionary-{jieba.__version__}-{key}-{min_len}{f'-{min_count}' if min_count else ''}.marshal"
    try:
        return frozenset(marshal.loads(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    words = []
    with jieba.Tokenizer().get_dict_file() as dictionary:
        for line in dictionary:
            parts = line.split()
            if len(parts) == 3 and (not tags or parts[2] in tags) and int(parts[1]) >= min_count:
                word = parts[0].decode("utf-8")
                if len(word) >= min_len:
                    words.append(word)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(words))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return frozenset(words)


_PUNCT_CHARS = "".join(sorted(_PUNCT))


def is_punct(token: str) -> bool:
    """Whether every character of `token` is punctuation or space (True for ''): strip tests them in C."""
    return not token.strip(_PUNCT_CHARS)


class SentenceTokens:
    """A tokenizer that cuts each sentence once and answers window queries from that cut.

    The extractors ask for the words before or around many spans of the same sentence;
    cutting the whole sentence once costs less than cutting each window (jieba's cost is
    mostly per call) and gives every extractor the same words. Sentences are keyed by the
    identity of their text, so the cache holds one document's sentences and repeats no work
    for repeated text by accident of equality. Make one per document.
    """

    def __init__(self, tok: jieba.Tokenizer) -> None:
        self.tok = tok
        self.FREQ = tok.FREQ
        self._cache: dict[int, tuple[str, list[str], list[int]]] = {}

    def cut(self, text: str) -> tuple[list[str], list[int]]:
        """The words of a sentence and their start offsets."""
        hit = self._cache.get(id(text))
        if hit is None or hit[0] is not text:
            words = cut_words(self.tok, text)
            starts, at = [], 0
            for word in words:
                starts.append(at)
                at += len(word)
            hit = self._cache[id(text)] = (text, words, starts)
        return hit[1], hit[2]


# The jieba whose cut cut_words repeats; another version's words come from its own tokenize.
_CUT_VERSION = "0.42.1"


def cut_words(tok: jieba.Tokenizer, text: str) -> list[str]:
    """The words of `tok.tokenize(text)` (default mode, HMM on) in order, made by the same steps
    as jieba 0.42.1 with fewer Python calls (one pass for get_DAG and calc, no generators): the
    sentences with a candidate name, two thirds of a report, are cut once each, and jieba's own
    steps made that cut 0.24 s of the real reports' and the sample's extraction, this 0.15 s."""
    if jieba.__version__ != _CUT_VERSION:
        return [word for word, _, _ in tok.tokenize(text)]
    freq, logtotal = tok.FREQ, log(tok.total)
    han, skip = jieba.re_han_default, jieba.re_skip_default
    out: list[str] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            _cut_block(block, freq, logtotal, out)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append(piece)
            else:
                out.extend(piece)  # one word per character, as jieba yields them
    return out


def _best_ends(block: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """For each position of `block`, the last index of the word starting there on jieba's most
    probable route (Tokenizer.get_DAG and calc in one backward pass: the same sums in the same
    order, ties to the longer word as max over (probability, end) gives them)."""
    n = len(block)
    probs = [0.0] * (n + 1)
    ends = list(range(n + 1))
    for k in range(n - 1, -1, -1):
        best = None
        i, frag = k, block[k]
        while i < n:
            f = freq.get(frag)
            if f is None:
                break
            if f:
                p = log(f) - logtotal + probs[i + 1]
                if best is None or p >= best:
                    best, ends[k] = p, i
            i += 1
            frag = block[k:i + 1]
        probs[k] = 0.0 - logtotal + probs[k + 1] if best is None else best
    return ends


def _cut_block(block: str, freq: dict[str, int], logtotal: float, out: list[str]) -> None:
    """jieba's Tokenizer.__cut_DAG: the route's words, runs of single characters that are no
    word given to the HMM (finalseg)."""
    ends = _best_ends(block, freq, logtotal)
    n, x, run = len(block), 0, ""
    while x < n:
        y = ends[x] + 1
        if y - x == 1:
            run += block[x]
        else:
            if run:
                _add_run(run, freq, out)
                run = ""
            out.append(block[x:y])
        x = y
    if run:
        _add_run(run, freq, out)


def _add_run(run: str, freq: dict[str, int], out: list[str]) -> None:
    """A run of single characters: itself, the HMM's words when it is no word, else its characters."""
    if len(run) == 1:
        out.append(run)
    elif not freq.get(run):
        out.extend(jieba.finalseg.cut(run))
    else:
        out.extend(run)


def tokens_before(tok: SentenceTokens, text: str, end: int, width: int = 16) -> list[tuple[str, int]]:
    """Words that end by `end` and start within `width` of it, after the last punctuation; (word, start) pairs."""
    words, starts = tok.cut(text)
    i = bisect_right(starts, end) - 1
    out: list[tuple[str, int]] = []
    while i >= 0:
        w, st = words[i], starts[i]
        if st + len(w) > end:
            w = w[: end - st]  # a word running past `end` is cut there, as a window ending at `end` would
            if not w:
                i -= 1
                continue
        if st < end - width or is_punct(w):
            break
        out.append((w, st))
        i -= 1
    out.reverse()
    return out


def tokens_around(tok: SentenceTokens, text: str, start: int, end: int, pad: int = 6) -> list[tuple[str, int]]:
    """Words overlapping text[start:end] widened by `pad` each side, not across punctuation."""
    words, starts = tok.cut(text)
    i = max(0, bisect_right(starts, start) - 1)
    while i > 0 and starts[i - 1] + len(words[i - 1]) > start - pad and not is_punct(words[i - 1]):
        i -= 1
    out: list[tuple[str, int]] = []
    while i < len(words) and starts[i] < end + pad:
        if is_punct(words[i]) and starts[i] >= end:
            break
        if not is_punct(words[i]) or starts[i] >= start:
            out.append((words[i], starts[i]))
        i += 1
    return out


def token_at(tok: SentenceTokens, text: str, pos: int) -> tuple[str, int]:
    """The word of the sentence's cut that holds text[pos], and its start (平等 for the 等 of 依法平等)."""
    words_, starts = tok.cut(text)
    i = bisect_right(starts, pos) - 1
    if i < 0 or starts[i] + len(words_[i]) <= pos:
        return text[pos:pos + 1], pos
    return words_[i], starts[i]


def tokens_in(tok: SentenceTokens, text: str, start: int, end: int) -> list[str]:
    """The words of the sentence's cut inside text[start:end], cut at its edges."""
    words_, starts = tok.cut(text)
    i = max(0, bisect_right(starts, start) - 1)
    out = []
    while i < len(words_) and starts[i] < end:
        word = words_[i][max(0, start - starts[i]): end - starts[i]]
        if word:
            out.append(word)
        i += 1
    return out


def words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in items if len(w) >= 2)
