"""Where a name begins: walking back from a name's ending over the words of the name.

Place, enterprise and project names all end in a recognisable word (高新区, 集团, 大桥)
and begin after the verb, preposition or punctuation that introduces them
(推进|湘潭高新区, 支持|湘钢). The walk goes back over jieba tokens and stops at a
boundary word (kg/rules/boundaries.txt), a function character, punctuation, or a limit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Container, Iterable, Iterator, Set
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from kg.errors import RuleError
from kg.extract.tokens import SentenceTokens, is_punct, tokens_before
from kg.grammar import (
    CLOSE_QUOTE, CLOSE_SINGLE_QUOTE, ENUMERATION_COMMA, ETC, HAN, HAN_FIRST, HAN_LAST, OPEN_QUOTE, OPEN_SINGLE_QUOTE,
)
from kg.rules import load_rules


class WalkChars(Set[str]):
    """The characters of a word list of kg/rules/names.toml [walk], read from the rule book on first
    use: importing a module that names them reads no table, so a broken table is reported by the
    build that loads it, not by an import."""

    def __init__(self, key: str) -> None:
        self._key = key

    @cached_property
    def chars(self) -> frozenset[str]:
        return frozenset(load_rules().table("names")["walk"][self._key])

    def __contains__(self, item: object) -> bool:
        return item in self.chars

    def __iter__(self) -> Iterator[str]:
        return iter(self.chars)

    def __len__(self) -> int:
        return len(self.chars)

    @classmethod
    def _from_iterable(cls, items: Iterable[str]) -> frozenset[str]:
        return frozenset(items)  # what set operations (|, &, -) give: a plain frozenset


# Single characters that never begin or continue a name when they stand alone as a token.
FUNCTION_CHARS = WalkChars("function_chars")
_WORD = re.compile(rf"^[{HAN}A-Za-z0-9]+$")
_LEAD_FUNCTION = WalkChars("lead_particles")
_DECIMAL = re.compile(r"^[0-9]+\.[0-9]+$")


@cache
def _per_year() -> str:
    """The unit after a slash in a capacity per year (4000万吨/年)."""
    return load_rules().table("names")["walk"]["per_year"]


@dataclass(frozen=True)
class Walk:
    """Limits of one kind of name: how many characters and tokens its stem may have."""

    max_chars: int
    max_tokens: int
    digits: bool = False  # 湘钢5、6号焦炉: digits and a 、 between digits belong to the name
    quotes: bool = False  # 湘江风光带“两岸一线”联通工程: a short quoted part inside a name belongs to it
    through: frozenset[str] = frozenset()  # boundary words this kind of name holds (投资 in 县产业投资集团)


def name_start(text: str, start: int, tok: SentenceTokens, walk: Walk, boundaries: frozenset[str]) -> int | None:
    """The offset where the name whose ending begins at `start` begins, or None if it has no stem."""
    tokens = tokens_before(tok, text, start, width=walk.max_chars + 2)
    begin, count = start, 0
    for word, ts in reversed(tokens):
        if word == ENUMERATION_COMMA and walk.digits and ts > 0 and text[ts - 1].isdigit() and ts + 1 < len(text) and text[ts + 1].isdigit():
            begin = ts
            continue
        if walk.digits and _DECIMAL.match(word):
            begin = ts  # 吉利4.0柔性工厂, 桑顿2.5期
            continue
        if walk.digits and word == "/" and text[ts + 1:ts + 2] == _per_year() and ts > 0 and HAN_FIRST <= text[ts - 1] <= HAN_LAST:
            begin = ts  # 浙石化4000万吨/年炼化一体化项目: a capacity's unit per year
            continue
        if is_punct(word) or not _WORD.match(word) or (word in boundaries and word not in walk.through) or (
                len(word) > 1 and word.endswith(ETC)):
            break
        if len(word) > 2 and any(word[-k:] in boundaries for k in range(2, min(len(word), 5))):
            break  # 全力支持: a token that ends in a boundary word is one too
        if len(word) == 1 and word in FUNCTION_CHARS:
            break
        if word.isdigit() and not walk.digits:
            break
        if start - ts > walk.max_chars or (count == walk.max_tokens and len(word) > 1):
            break
        begin, count = ts, count + (len(word) > 1)
    if begin < start and text[max(0, begin - 1):begin] == ETC:
        return None  # X、Y等Z片区: what follows 等 names the category of the examples, not a thing
    # A name never starts with a boundary word that jieba fused with the name (拉通西二环 → 西二环).
    begin = skip_boundaries(text, begin, boundaries, end=start, keep=1, times=2)
    while start - begin > 2 and text[begin] in _LEAD_FUNCTION:
        begin += 1  # 实施好昭华大桥: jieba may fuse a particle with the name (好昭华)
    if walk.quotes and begin > 0 and text[begin - 1] == CLOSE_QUOTE:
        begin = _before_quote(text, begin, start, tok, walk, boundaries)
    return begin if start - begin >= 1 else None


_QUOTED = re.compile(rf"{OPEN_QUOTE}[{HAN}A-Za-z0-9]{{1,8}}{CLOSE_QUOTE}$")


def _before_quote(text: str, begin: int, start: int, tok: SentenceTokens, walk: Walk, boundaries: frozenset[str]) -> int:
    """湘江风光带“两岸一线”联通工程: a name may hold a short quoted part, but only with words of its
    own before it (“菜篮子”工程 is a slogan's work, not a name); returns where the name begins."""
    quoted = _QUOTED.search(text, max(0, begin - 10), begin)
    if quoted is None:
        return begin
    left = max(1, walk.max_chars - (start - quoted.start()))
    outer = name_start(text, quoted.start(), tok, Walk(left, walk.max_tokens, walk.digits, through=walk.through), boundaries)
    if outer is None or quoted.start() - outer < 2 or tok.FREQ.get(text[outer:quoted.start()], 0) >= _common_word():
        return begin  # 注重“调停缓撤”项目: a common word before the quote is a verb, not a name
    return outer


@cache
def _common_word() -> int:
    """names.toml [frequency] common_word, read on first use (as WalkChars)."""
    return load_rules().table("names")["frequency"]["common_word"]


def boundary_at(text: str, pos: int, boundaries: frozenset[str]) -> int:
    """The length of the boundary word starting at text[pos] (longest first), or 0."""
    for k in (4, 3, 2):
        if text[pos:pos + k] in boundaries:
            return k
    return 0


def skip_boundaries(text: str, pos: int, boundaries: frozenset[str], *, end: int | None = None, keep: int = 1,
                    times: int = 3) -> int:
    """The offset after the boundary words opening text[pos:end] (新引进保利 → 保利), leaving at
    least `keep` characters before `end`."""
    end = len(text) if end is None else end
    for _ in range(times):
        k = boundary_at(text, pos, boundaries)
        if not k or end - pos - k < keep:
            break
        pos += k
    return pos


def after_last_boundary(text: str, boundaries: frozenset[str], *, keep: int = 2) -> int:
    """The offset after the last boundary word of `text` that leaves `keep` characters after it
    (优化设计实施护潭西路 → 护潭西路), or 0 if there is none."""
    for stop in range(len(text) - keep, 1, -1):
        if any(text[stop - k:stop] in boundaries for k in (4, 3, 2) if stop - k >= 0):
            return stop
    return 0


def is_known_word(tok: SentenceTokens, word: str) -> bool:
    """Whether jieba's dictionary holds the word (proper names mostly are not in it)."""
    return tok.FREQ.get(word, 0) > 0


def prefixes_in(text: str, names: Container[str], min_len: int = 2, max_len: int = 24) -> list[str]:
    """The names that begin `text`, longest first: a lookup per length, not a scan of the names."""
    return [text[:k] for k in range(min(len(text), max_len), min_len - 1, -1) if text[:k] in names]


def suffixes_in(text: str, names: Container[str], min_len: int = 2, max_len: int = 24) -> list[str]:
    """The names that end `text`, longest first."""
    return [text[-k:] for k in range(min(len(text), max_len), min_len - 1, -1) if text[-k:] in names]


def list_items(group: str, offset: int) -> list[tuple[int, str]]:
    """The 、-separated items of a list with their offsets; quotes around an item are dropped.

    A 、 between digits (湘钢5、6号焦炉) is inside an item.
    """
    items, pos = [], 0
    for part in _LIST_SEPARATOR.split(group):
        stripped = part.strip(_ITEM_QUOTES)
        if stripped:
            items.append((offset + pos + part.find(stripped), stripped))
        pos += len(part) + 1
    return items


_LIST_SEPARATOR = re.compile(rf"(?<![0-9]){ENUMERATION_COMMA}|{ENUMERATION_COMMA}(?![0-9])")
_ITEM_QUOTES = OPEN_QUOTE + CLOSE_QUOTE + '"' + OPEN_SINGLE_QUOTE + CLOSE_SINGLE_QUOTE + " "


@cache
def word_table(name: str, keys: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, Any]:
    """kg/rules/NAME.toml, a table of word lists, validated against `keys` ((section, (key, ...)), ...):
    known sections and keys, all present, each a list of distinct words; a RuleError names the table
    and key otherwise. Cached per process (the tables are read-only)."""
    text = (resources.files("kg.rules") / f"{name}.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RuleError(name, "-", f"is not valid TOML ({err})") from None
    expected = dict(keys)
    for section, body in data.items():
        if section not in expected or not isinstance(body, dict):
            raise RuleError(name, section, "unknown section")
        for key, value in body.items():
            if key not in expected[section]:
                raise RuleError(name, f"{section}.{key}", "unknown key")
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise RuleError(name, f"{section}.{key}", "must be a list of words")
            if len(set(value)) != len(value):
                raise RuleError(name, f"{section}.{key}", "holds a duplicate entry")
    for section, names in keys:
        for key in names:
            if key not in data.get(section, {}):
                raise RuleError(name, f"{section}.{key}", "is missing")
    return data
