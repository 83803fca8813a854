"""China's administrative divisions (GB/T 2260, 2010–2019, plus a small supplement): names to codes and back.

The tables ship in `kg/data/gb2260/` (see the README there). Each row is one
name a code carried over a span of years; a report of year Y is resolved
against the names in force in Y, falling back to the others for names that
no longer exist.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, NamedTuple, cast, get_args

from kg.errors import RuleError
from kg.rules import load_table

Level = Literal["Province", "City", "County", "District"]
LEVELS: tuple[str, ...] = get_args(Level)

_TABLES = ("divisions.tsv", "supplement.tsv")
_RULES = "short_forms.toml"
_COMMON = "common_words.txt"


@dataclass(frozen=True)
class Division:
    """One name of one administrative division at county level or above."""

    code: str  # six digits
    name: str  # official full name, 湘西土家族苗族自治州
    level: Level
    parent: str | None  # code of the parent division; None for a province-level one
    short: str  # the common short form (湘西), or the full name when it has none


class _Record(NamedTuple):
    """A division with the years its name was in force (None: open-ended)."""

    division: Division
    since: int | None
    until: int | None

    def alive(self, year: int | None) -> bool:
        """In force in `year`; year None means now."""
        if year is None:
            return self.until is None
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)


@dataclass(frozen=True)
class _Suffix:
    text: str
    ethnic: bool
    variant: str
    also: tuple[str, ...] = ()  # further endings written after the stem (湘西自治州)


@dataclass(frozen=True)
class ShortFormRules:
    """The tables of short_forms.toml and common_words.txt, validated."""

    min_length: int
    suffixes: dict[str, tuple[_Suffix, ...]]  # by last character, longest first
    no_short_endings: tuple[str, ...]
    ethnic_tail: re.Pattern[str]  # group 1: the shortest stem before a run of X族 or bare X
    ethnic_stems: frozenset[str]
    ethnic_ending: str  # 族, after a group's name
    exceptions: dict[str, dict[str, str]]
    common_words: frozenset[str]


class Divisions:
    """All divisions and the names they are written by; built by `load_divisions`."""

    def __init__(self, records: Iterable[_Record], forms: dict[str, tuple[int, ...]],
                 full: dict[str, tuple[int, ...]], names: frozenset[str]) -> None:
        self._records = tuple(records)
        self._full = full  # official name → record indices
        self._forms = forms  # short form or variant → record indices
        self._names = names
        self._memo: dict[tuple[str, str | None, int | None], Division | None] = {}
        latest: dict[str, _Record] = {}
        kids: dict[str, list[_Record]] = {}
        for record in self._records:
            code = record.division.code
            if code not in latest or _later(record, latest[code]):
                latest[code] = record
            if record.division.parent is not None:
                kids.setdefault(record.division.parent, []).append(record)
        self._latest = latest
        self._kids = kids

    def get(self, code: str) -> Division | None:
        """The division with this code under its latest name, or None."""
        record = self._latest.get(code)
        return record.division if record else None

    def chain(self, code: str) -> tuple[Division, ...]:
        """The division with this code, then its parents up to the province; () if unknown."""
        out: list[Division] = []
        division = self.get(code)
        while division is not None:
            out.append(division)
            division = self.get(division.parent) if division.parent else None
        return tuple(out)

    def children(self, code: str) -> tuple[Division, ...]:
        """The divisions directly under `code`, as they stood when its latest name was last in force."""
        parent = self._latest.get(code)
        if parent is None:
            return ()
        by_code: dict[str, _Record] = {}
        for record in self._kids.get(code, ()):
            if record.alive(parent.until):
                known = by_code.get(record.division.code)
                if known is None or _later(record, known):
                    by_code[record.division.code] = record
        return tuple(by_code[c].division for c in sorted(by_code))

    def names(self) -> frozenset[str]:
        """Every full name and safe short form, for building a text matcher."""
        return self._names

    def lookup(self, name: str, *, within: str | None = None, year: int | None = None) -> Division | None:
        """The division `name` most likely means, or None if there is none or it stays ambiguous.

        `name` is a full name, short form or variant (湘潭市, 湘潭, 湘西州).
        `within` is the code of the region the text is about: a candidate in it,
        containing it or equal to it wins over one in the same province, which
        wins over the rest; a tie goes to the higher level (湘潭 is 湘潭市, not
        湘潭县). `year` picks the names in force that year (None: now), falling
        back to the names of other years when none is.
        """
        key = (name, within, year)
        if key in self._memo:
            return self._memo[key]  # the same names recur thousands of times in a long report
        if within is not None and not _is_code(within):
            raise ValueError(f"within must be a six-digit division code, not {within!r}")
        self._memo[key] = found = self._lookup(name.strip(), within, year)
        return found

    def _lookup(self, name: str, within: str | None, year: int | None) -> Division | None:
        full = self._full.get(name, ())
        forms = self._forms.get(name, ())
        for ids, current in ((full, True), (forms, True), (full, False), (forms, False)):
            records = [self._records[i] for i in ids]
            if current:
                records = [r for r in records if r.alive(year)]
            if records:
                return self._choose(_one_per_code(records), within, latest_wins=not current)
        return None

    def _choose(self, records: list[_Record], within: str | None, latest_wins: bool) -> Division | None:
        """The one record context and level single out; among names no longer in force, the last to end."""
        pool = records
        if within is not None:
            around = set(self._ancestors(within))
            related = [r for r in pool if r.division.code in around or within in self._ancestors(r.division.code)]
            same_province = [r for r in pool if r.division.code[:2] == within[:2]]
            pool = related or same_province or pool
        if len(pool) == 1:
            return pool[0].division
        top = min(_rank(r.division.code) for r in pool)
        best = [r for r in pool if _rank(r.division.code) == top]
        if len(best) > 1 and latest_wins:
            # 无为县 was 341422 until 2011, then 340225 until 2018: the later one.
            last = max(r.until or 0 for r in best)
            best = [r for r in best if r.until == last]
        return best[0].division if len(best) == 1 else None

    def _ancestors(self, code: str) -> Iterator[str]:
        """`code` and the codes above it, known or not."""
        yield code
        parent = _parent_code(code, self._latest.keys())
        while parent is not None:
            yield parent
            parent = _parent_code(parent, self._latest.keys())


@cache
def _written() -> dict[str, Any]:
    """kg/rules/divisions.toml, validated: the provinces' abbreviations and the words of division names."""
    return load_table("divisions", resources.files("kg.rules").joinpath("divisions.toml").read_text("utf-8"))


def province_abbreviations() -> dict[str, str]:
    """The one-character abbreviation (简称) of each province-level division, by the first two
    digits of its code (kg/rules/divisions.toml, read on first use, so that a broken table is
    reported by the build as one, not by an import). Regions of a province are named with it and a
    direction (粤东, 冀中南, 苏北, 陕南)."""
    return _written()["abbreviations"]


# The code the national government's reports are read with (中华人民共和国 holds every division).
NATIONAL = "000000"


# Questions of containment answered from the codes alone (the first two digits name the province,
# the first four the prefecture): asked here, not by slicing codes in the rules.
def province_prefix(code: str) -> str:
    """The digits every code of a division's province starts with (43 for 430381)."""
    return code[:2]


def province_code(code: str) -> str:
    """The code of the province a division is in (430000 for 430381)."""
    return code[:2] + "0000"


def prefecture_code(code: str) -> str:
    """The code of the prefecture a county-level division is in (430300 for 430381)."""
    return code[:4] + "00"


def scope_prefix(code: str) -> str:
    """The digits the codes under a province (43) or a prefecture (4303) start with; a county's
    are its prefecture's."""
    return code[:2] if code.endswith("0000") else code[:4]


def same_province(a: str, b: str) -> bool:
    return a[:2] == b[:2]


def in_scope(code: str, region_code: str) -> bool:
    """Whether a division lies in a report's scope: its province's, or its prefecture's for a
    prefecture or county report (scope_prefix)."""
    return code.startswith(scope_prefix(region_code))


def governed_by_province(code: str) -> bool:
    """Whether a county-level division is governed by its province directly, as a prefecture is
    (its code's second pair is 90: 仙桃 429004, 济源 419001, 琼海 469002, 石河子 659001)."""
    return code[2:4] == "90" and not code.endswith("00")


def holds_divisions(code: str) -> bool:
    """Whether a division is a province or a prefecture, which hold other divisions (its code ends 00)."""
    return _rank(code) < 2


def depth(code: str) -> int:
    """How deep a division lies: 0 a province, 1 a prefecture, 2 a county (430000, 430300, 430381)."""
    return _rank(code)


def _is_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def _rank(code: str) -> int:
    """0 province level, 1 prefecture level, 2 county level."""
    if code.endswith("0000"):
        return 0
    return 1 if code.endswith("00") else 2


def _later(a: _Record, b: _Record) -> bool:
    """Whether `a` was in force after `b`."""
    if a.until is None and b.until is None:
        return (a.since or 0) > (b.since or 0)
    if a.until is None or b.until is None:
        return a.until is None
    return a.until > b.until


def _overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """Whether two (since, until) spans share a year; None is open-ended."""
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def _one_per_code(records: list[_Record]) -> list[_Record]:
    by_code: dict[str, _Record] = {}
    for record in records:
        known = by_code.get(record.division.code)
        if known is None or _later(record, known):
            by_code[record.division.code] = record
    return list(by_code.values())


def _parent_code(code: str, known: Container[str]) -> str | None:
    """The prefecture-level code above `code` if it exists, else the province; None for a province."""
    if code.endswith("0000"):
        return None
    if not code.endswith("00"):
        prefecture = prefecture_code(code)
        if prefecture in known:
            return prefecture
    return province_code(code)


def _level(code: str, name: str, rules: ShortFormRules) -> Level:
    if name in rules.exceptions and "level" in rules.exceptions[name]:
        return cast(Level, rules.exceptions[name]["level"])  # checked against LEVELS when parsed
    if code.endswith("0000"):
        return "Province"
    names = _written()["names"]
    if code.endswith("00") or name.endswith(tuple(names["city_endings"])):
        return "City"
    return "District" if name.endswith(tuple(names["district_endings"])) else "County"


def short_forms(name: str, rules: ShortFormRules) -> tuple[str, ...]:
    """The short forms of an official name, the common one first; () if it has none.

    湘西土家族苗族自治州 → (湘西, 湘西州); 鄂伦春自治旗 → (鄂伦春旗,); 沛县 → ().
    """
    if name in rules.exceptions and "short" in rules.exceptions[name]:
        short = rules.exceptions[name]["short"]
        return (short,) if short else ()
    if name.endswith(rules.no_short_endings):
        return ()
    for suffix in rules.suffixes.get(name[-1], ()):
        if not name.endswith(suffix.text):
            continue
        stem = name[: -len(suffix.text)]
        if len(stem) < rules.min_length:
            continue
        if suffix.ethnic:
            stem = _strip_ethnic(stem, rules)
            if stem.removesuffix(rules.ethnic_ending) in rules.ethnic_stems:
                # 鄂伦春自治旗, 东乡族自治县: the stem is the people, so only 鄂伦春旗, 东乡县.
                return (stem.removesuffix(rules.ethnic_ending) + suffix.variant,) if suffix.variant else ()
        forms = [stem]
        if suffix.variant:
            forms.append(stem + suffix.variant)
        forms += [stem + ending for ending in suffix.also]
        return tuple(f for f in forms if len(f) >= rules.min_length and f != name)
    return ()


def _strip_ethnic(stem: str, rules: ShortFormRules) -> str:
    match = rules.ethnic_tail.match(stem)
    return match.group(1) if match else stem


def _read_text(name: str) -> str:
    return resources.files("kg").joinpath("data/gb2260", name).read_text(encoding="utf-8")


Span = tuple[str, str, int | None, int | None]  # code, name, since, until (None: open-ended)


def _rows(table: str, text: str, header: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """Yield (key for errors, cells) for each data line of a TSV table with this header."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != header:
        raise RuleError(table, "header", f"must be {' '.join(header)}, tab-separated")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        key = f"line {number}"
        cells = line.split("\t")
        if len(cells) != len(header):
            raise RuleError(table, key, f"must have {len(header)} tab-separated cells")
        if not _is_code(cells[0]):
            raise RuleError(table, key, f"code {cells[0]!r} is not six digits")
        if len(cells[1]) < 2 or cells[1] == _written()["names"]["placeholder"]:
            raise RuleError(table, key, f"{cells[1]!r} is not a division name")
        yield key, cells


def _year(table: str, key: str, cell: str) -> int | None:
    if not cell:
        return None
    if not (cell.isascii() and cell.isdigit() and len(cell) == 4):
        raise RuleError(table, key, f"year {cell!r} is not four digits")
    return int(cell)


def parse_spans(main: str, supplement: str) -> list[Span]:
    """The (code, name, since, until) rows of divisions.tsv, amended by supplement.tsv.

    A supplement row with Since adds a name; one with only Until ends a name
    that divisions.tsv has still in force. Raise RuleError naming the table and line.
    """
    spans: dict[tuple[str, str], tuple[int | None, int | None]] = {}
    table = "gb2260/divisions.tsv"
    for key, (code, name, since, until) in _rows(table, main, ("Code", "Name", "Since", "Until")):
        if (code, name) in spans:
            raise RuleError(table, key, f"{code} {name} is listed twice")
        spans[(code, name)] = (_year(table, key, since), _year(table, key, until))
    table = "gb2260/supplement.tsv"
    for key, (code, name, since, until, source) in _rows(
            table, supplement, ("Code", "Name", "Since", "Until", "Source")):
        if not source.strip():
            raise RuleError(table, key, "names no source")
        start, end = _year(table, key, since), _year(table, key, until)
        if start is None:
            known = spans.get((code, name))
            if end is None or known is None or known[1] is not None:
                raise RuleError(table, key, f"{code} {name}: a row without Since must end a name "
                                            "that divisions.tsv has still in force")
            spans[(code, name)] = (known[0], end)
            continue
        if (code, name) in spans:
            raise RuleError(table, key, f"{code} {name} is already known")
        if end is not None and end < start:
            raise RuleError(table, key, "Until is before Since")
        spans[(code, name)] = (start, end)
    current: dict[str, str] = {}
    for (code, name), (_, until) in spans.items():
        if until is None and current.setdefault(code, name) != name:
            raise RuleError(table, code, f"has two names in force, {current[code]} and {name}: end one")
    return [(code, name, since, until) for (code, name), (since, until) in spans.items()]


_RULE_KEYS = frozenset({"min_length", "suffix", "stem", "exception"})


def parse_short_form_rules(rules: str, common_words: str) -> ShortFormRules:
    """Parse and validate short_forms.toml and common_words.txt; raise RuleError naming the key."""
    table = f"gb2260/{_RULES}"
    try:
        data: dict[str, Any] = tomllib.loads(rules)
    except tomllib.TOMLDecodeError as err:
        raise RuleError(table, "(file)", str(err)) from err
    for key in data.keys() ^ _RULE_KEYS:
        raise RuleError(table, key, "unknown key" if key in data else "is missing")
    min_length = data["min_length"]
    if not isinstance(min_length, int) or min_length < 2:
        raise RuleError(table, "min_length", "must be a whole number of at least 2: one character is never a name")
    suffixes = []
    for index, entry in enumerate(data["suffix"]):
        if set(entry) - {"also"} != {"text", "ethnic", "variant"}:
            raise RuleError(table, f"suffix[{index}]", "must have exactly text, ethnic and variant (and may have also)")
        if not entry["text"]:
            raise RuleError(table, f"suffix[{index}].text", "is empty")
        also = entry.get("also", [])
        if not isinstance(also, list) or not all(isinstance(a, str) and a for a in also):
            raise RuleError(table, f"suffix[{index}].also", "must be a list of endings")
        suffixes.append(_Suffix(str(entry["text"]), bool(entry["ethnic"]), str(entry["variant"]), tuple(also)))
    if len({s.text for s in suffixes}) != len(suffixes):
        raise RuleError(table, "suffix", "holds a suffix twice")
    stem = data["stem"]
    if set(stem) != {"no_short_endings", "ethnic_groups"}:
        raise RuleError(table, "stem", "must have exactly no_short_endings and ethnic_groups")
    groups = [str(g) for g in stem["ethnic_groups"]]
    if len(set(groups)) != len(groups):
        raise RuleError(table, "stem.ethnic_groups", "holds a group twice")
    ending = _written()["names"]["ethnic_ending"]  # 族
    forms = {g + ending for g in groups} | {g for g in groups if len(g) >= 2}
    exceptions: dict[str, dict[str, str]] = {}
    for name, entry in data["exception"].items():
        if not entry or not set(entry) <= {"short", "level"}:
            raise RuleError(table, f"exception.{name}", "must have short, level or both, and nothing else")
        if "level" in entry and entry["level"] not in LEVELS:
            raise RuleError(table, f"exception.{name}.level", f"must be one of {', '.join(LEVELS)}")
        if len(entry.get("short", "xx")) == 1:
            raise RuleError(table, f"exception.{name}.short", "is one character")
        exceptions[name] = {k: str(v) for k, v in entry.items()}
    words = [line.strip() for line in common_words.splitlines() if line.strip() and not line.startswith("#")]
    for word in words:
        if words.count(word) > 1:
            raise RuleError(f"gb2260/{_COMMON}", word, "is listed twice")
    by_last: dict[str, list[_Suffix]] = {}
    for suffix in sorted(suffixes, key=lambda s: -len(s.text)):
        by_last.setdefault(suffix.text[-1], []).append(suffix)
    tail = "|".join(sorted(forms, key=lambda f: (-len(f), f)))
    return ShortFormRules(
        min_length=min_length,
        suffixes={last: tuple(group) for last, group in by_last.items()},
        no_short_endings=tuple(str(e) for e in stem["no_short_endings"]),
        ethnic_tail=re.compile(f"^(.{{{min_length},}}?)(?:{tail})+$"),
        ethnic_stems=frozenset(groups),
        ethnic_ending=ending,
        exceptions=exceptions,
        common_words=frozenset(words),
    )


def build_divisions(spans: Iterable[Span], rules: ShortFormRules) -> Divisions:
    """Index the spans by full name, short form and variant."""
    spans = sorted(spans, key=lambda s: (s[0], s[2] or 0))
    codes = {code for code, *_ in spans}
    common = rules.common_words
    full: dict[str, list[int]] = {}
    written: dict[str, list[int]] = {}
    forms: list[tuple[str, ...]] = []
    for index, (_, name, _, _) in enumerate(spans):
        full.setdefault(name, []).append(index)
        mine = short_forms(name, rules)
        if not common.isdisjoint(mine):
            mine = tuple(f for f in mine if f not in common)
        forms.append(mine)
        for form in mine:
            written.setdefault(form, []).append(index)
    shared = {form for form, ids in written.items() if len(ids) > 1 or form in full}
    records = []
    for index, (code, name, since, until) in enumerate(spans):
        short = forms[index][0] if forms[index] else name
        # A short form that a higher-level division goes by at the same time is not
        # this one's `short` (湘潭 is 湘潭市's, not 湘潭县's), though lookup still
        # reaches it by context (朝阳 in a Beijing report is 朝阳区).
        if short in shared:
            rank = _rank(code)
            if any(_rank(spans[j][0]) < rank and _overlap(spans[j][2:], (since, until))
                   for j in (*written[short], *full.get(short, ()))):
                short = name
        division = Division(code, name, _level(code, name, rules), _parent_code(code, codes), short)
        records.append(_Record(division, since, until))
    names = frozenset(n for n in (*full, *written) if n not in common)
    return Divisions(
        records,
        forms={k: tuple(v) for k, v in written.items()},
        full={k: tuple(v) for k, v in full.items()},
        names=names,
    )


@cache
def load_divisions() -> Divisions:
    """The division tables shipped in kg/data/gb2260, validated and indexed once per process."""
    spans = parse_spans(_read_text(_TABLES[0]), _read_text(_TABLES[1]))
    return build_divisions(spans, parse_short_form_rules(_read_text(_RULES), _read_text(_COMMON)))
