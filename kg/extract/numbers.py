"""Numbers and quantities as written: Arabic, full-width and Chinese numerals, with their units."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.rules import RuleBook, Unit

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－−", "0123456789.,--")
# A minus sign counts only right after a Chinese word (增长-2.1%); after a digit it is a range.
_ARABIC = r"(?:(?<=[\u4e00-\u9fff])[-－−](?=[0-9０-９]))?(?<![A-Za-z0-9.．·])(?:[0-9０-９]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
_CHINESE = r"(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as written, inside some text (offsets relative to that text)."""

    start: int
    end: int  # end of the unit, before any 左右/以上
    value: Decimal
    unit: str  # as written, without 余/多 (2.9万余户 → 万户)
    scale: int  # multiplier of the unit (万户 → 10000)
    dimension: str
    inner_at_least: bool  # 余 or 多 stood between number and unit
    after: str  # 左右, 以上, 以内, 以下 or ""
    qualifier_end: int  # end including the after-qualifier
    bound: str = ""  # "lower" or "upper" for the ends of a range (6%-6.5%, 6至6.5%)


_CN_WELLFORMED = re.compile(
    r"^(?:[一二两三四五六七八九]?千零?)?(?:[一二两三四五六七八九]百零?)?(?:[一二两三四五六七八九]?十)?[一二两三四五六七八九]?(?:点[零〇一二三四五六七八九]+)?$"
)


def _valid_chinese(num: str) -> bool:
    """A well-formed Chinese numeral with a digit in it (百倍, 十百千万 and 零 alone are idioms)."""
    if not _CN_WELLFORMED.match(num):
        return False
    return any(ch in "一二两三四五六七八九" for ch in num) and num not in ("一",)


def parse_number(text: str, rules: RuleBook) -> Decimal:
    """An exact Decimal of an Arabic, full-width or Chinese numeral; ValueError if it is none."""
    t = text.translate(_FULLWIDTH).replace(",", "")
    if t and (t[0].isdigit() or t[0] == "-" and t[1:2].isdigit()):
        try:
            return Decimal(t)
        except InvalidOperation:
            raise ValueError(f"not a number: {text!r}") from None
    return _parse_chinese(t, rules)


def _parse_chinese(text: str, rules: RuleBook) -> Decimal:
    if not text:
        raise ValueError("empty numeral")
    integer, _, fraction = text.partition("点")
    total, section, digit = 0, 0, None
    for ch in integer:
        if ch in rules.digits:
            if digit is not None and ch not in "零〇":
                # 二〇一九-style digit strings: read digit by digit
                return Decimal("".join(str(rules.digits[c]) for c in integer if c in rules.digits))
            digit = rules.digits[ch] if ch not in "零〇" else None
        elif ch in rules.multipliers:
            mult = rules.multipliers[ch]
            if mult >= 10000:
                section = (section + (digit or 0)) * mult
                total += section
                section = 0
            else:
                section += (digit if digit is not None else 1) * mult
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    value = Decimal(total + section + (digit or 0))
    if fraction:
        frac = "".join(str(rules.digits[c]) for c in fraction if c in rules.digits)
        value += Decimal("0." + frac)
    return value


@cache
def _pattern(rules: RuleBook) -> re.Pattern[str]:
    """Number, multiplier (万, 亿 …), 余/多, unit, and 左右/以上 … after it: all from the tables."""
    units = sorted((u for u in rules.units if u not in rules.table("units")["standalone"]), key=lambda u: (-len(u), u))
    qualifier = rules.table("observations")["qualifier"]
    after = qualifier["after_about"] + qualifier["after_at_least"] + qualifier["after_at_most"]
    alt = lambda words: "|".join(map(re.escape, sorted(set(words), key=lambda w: (-len(w), w))))  # noqa: E731
    mult = [m for m in rules.table("units")["prefixes"] if m != "十" and m != "百"] + list(rules.table("units")["standalone"])
    return re.compile(
        rf"(?P<num>{_ARABIC}|{_CHINESE})(?P<mult>{alt(mult)})?(?P<inner>{alt(qualifier['inner_at_least'])})?"
        rf"(?P<unit>{alt(units)})?(?P<after>{alt(after)})?"
    )


_RANGE_SEP = r"\s*(?:-|—|–|－|~|～|至|到)\s*"
_BARE_LOWER = re.compile(rf"({_ARABIC}){_RANGE_SEP}$")


def find_quantities(text: str, rules: RuleBook) -> list[Quantity]:
    """Every number followed by a unit (or 万/亿) in `text`, left to right, not overlapping.

    A range (6%-6.5%, 6至6.5%, 6-6.5%) gives two quantities, its lower and upper bound,
    the lower taking the upper's unit when it has none.
    """
    found = _shared_units(text, _quantities(text, rules), rules)
    firsts = _first_places(text, rules) + _years_running(text, rules)
    if firsts:
        taken = [(q.start, q.qualifier_end) for q in found]
        found = sorted(found + [q for q in firsts if not any(a < q.end and q.start < b for a, b in taken)], key=lambda q: q.start)
    return _ranges(text, found, rules)


@cache
def _first_place_pattern(rules: RuleBook) -> re.Pattern[str]:
    rank = rules.table("observations")["rank"]
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    return re.compile(
        rf"(?:(?:{alt(rank['leads'])})|连续[0-9一二三四五六七八九十]+年)(?:{alt(rank['scopes'])})(?P<first>{alt(rank['firsts'])})"
    )


_YEARS_RUNNING = re.compile(r"连续(?P<n>[0-9]{1,2}|[二三四五六七八九十]{1,2})(?P<unit>年)(?=[\u4e00-\u9fff“])")


def _years_running(text: str, rules: RuleBook) -> list[Quantity]:
    """连续9年全国第一: for how many years in a row something held, a quantity of unit 年."""
    if "连续" not in text:
        return []
    out = []
    for m in _YEARS_RUNNING.finditer(text):
        try:
            value = parse_number(m.group("n"), rules)
        except ValueError:
            continue
        out.append(Quantity(m.start("n"), m.end("unit"), value, "年", 1, "years_running", False, "", m.end("unit")))
    return out


def _first_places(text: str, rules: RuleBook) -> list[Quantity]:
    """居全国第一, 连续9年全国首位: a rank of 1 written in words, as a quantity of unit 位."""
    if "第一" not in text and "首位" not in text:
        return []
    return [
        Quantity(m.start("first"), m.end("first"), Decimal(1), "位", 1, "rank", False, "", m.end("first"))
        for m in _first_place_pattern(rules).finditer(text)
    ]


_BARE_ITEM = re.compile(rf"(?<!第)({_ARABIC})[、和]$")


def _shared_units(text: str, found: list[Quantity], rules: RuleBook) -> list[Quantity]:
    """Bare numbers listed before a quantity share its unit: 高于全省22.7和28.8个百分点,
    分别增长12.5、9.8和7.6% (each a quantity of its own, as if the unit were written)."""
    out: list[Quantity] = []
    for q in found:
        items: list[Quantity] = []
        start = q.start
        floor = out[-1].qualifier_end if out else 0
        while m := _BARE_ITEM.search(text, max(floor, start - 24), start):
            try:
                value = parse_number(m.group(1), rules)
            except ValueError:
                break
            items.insert(0, replace(q, start=m.start(1), end=m.end(1), value=value, qualifier_end=m.end(1),
                                    after="", inner_at_least=False))
            start = m.start(1)
        out.extend(items)
        out.append(q)
    return out


def _ranges(text: str, found: list[Quantity], rules: RuleBook) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == q.unit and re.fullmatch(_RANGE_SEP, text[prev.qualifier_end:q.start]):
            out[-1] = replace(prev, bound="lower")
            out.append(replace(q, bound="upper"))
            continue
        m = _BARE_LOWER.search(text, max(0, q.start - 24), q.start)
        if m and m.end() == q.start and (prev is None or prev.qualifier_end <= m.start()):
            try:
                low = parse_number(m.group(1), rules)
            except ValueError:
                out.append(q)
                continue
            if low < q.value:
                out.append(replace(q, start=m.start(1), end=m.end(1), value=low, qualifier_end=m.end(1),
                                   bound="lower", after="", inner_at_least=False))
                out.append(replace(q, bound="upper"))
                continue
        out.append(q)
    return out


def _quantities(text: str, rules: RuleBook) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _pattern(rules).finditer(text):
        num, mult, unit_text = m.group("num"), m.group("mult") or "", m.group("unit") or ""
        if not unit_text and not mult:
            continue
        chinese = not num.lstrip("-－−")[:1].isdigit() and num.lstrip("-－−")[:1] not in "０１２３４５６７８９"
        written = mult + unit_text
        unit: Unit | None = rules.units.get(written)
        if unit is None:
            if unit_text:
                continue
            unit = rules.units.get(mult)
            if unit is None:
                continue
        if chinese and not (unit.cn_numeral and (mult or unit.base != unit.text or unit.dimension in ("points", "times", "tenths"))):
            continue
        if unit.only_after and not text.endswith(unit.only_after, 0, m.start()):
            continue
        if chinese and not _valid_chinese(num):
            continue
        if chinese and mult and not unit_text:
            continue  # 十万垅, 百万: a Chinese numeral with a bare multiplier is a name, not an amount
        try:
            value = parse_number(num, rules)
        except ValueError:
            continue
        end = m.end("unit") if unit_text else m.end("mult")
        inner = bool(m.group("inner")) and bool(unit_text)
        after = m.group("after") or ""
        if after == "多" and not unit_text:
            after = ""
        found.append(Quantity(m.start(), end, value, written, unit.scale, unit.dimension, inner, after,
                              m.end("after") if after else end))
    return found
