"""Numbers and quantities as written: Arabic, full-width and Chinese numerals, with their units."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.grammar import (
    AND, COMMA, EM_DASH, ENUMERATION_COMMA, FULLWIDTH_DIGITS, FULLWIDTH_FULL_STOP, FULLWIDTH_HYPHEN_MINUS,
    FULLWIDTH_SOLIDUS, FULLWIDTH_TILDE, HAN, MIDDLE_DOT, OPEN_QUOTE,
)
from kg.rules import RuleBook, Unit

_MINUS = "\u2212"  # − the minus sign
_EN_DASH = "\u2013"  # –
_FW = f"{FULLWIDTH_DIGITS[0]}-{FULLWIDTH_DIGITS[-1]}"  # the full-width digits as a character-class range
_FULLWIDTH = str.maketrans(FULLWIDTH_DIGITS + FULLWIDTH_FULL_STOP + COMMA + FULLWIDTH_HYPHEN_MINUS + _MINUS,
                           "0123456789.,--")
# A minus sign counts only right after a Chinese word (增长-2.1%); after a digit it is a range.
# Thousands are grouped by a comma (1,234), or between full-width digits by either comma (１，２３４:
# the full-width comma between ASCII digits is a clause's end, 增长5%，234个).
_ARABIC = (rf"(?:(?<=[{HAN}])[-{FULLWIDTH_HYPHEN_MINUS}{_MINUS}](?=[0-9{_FW}]))?(?<![A-Za-z0-9.{FULLWIDTH_FULL_STOP}{MIDDLE_DOT}])"
           rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])|[{_FW}]{{1,3}}(?:[,{COMMA}][{_FW}]{{3}})+(?![{_FW}])|[0-9{_FW}]+)"
           rf"(?:[.{FULLWIDTH_FULL_STOP}][0-9{_FW}]+)?")
# Signs in a row before a number (增长-−－7%): garbled text, whose sign cannot be read.
_SIGNS = "-" + FULLWIDTH_HYPHEN_MINUS + _MINUS + EM_DASH + _EN_DASH
# A Chinese character or an opening quote: the start of a word after a value.
_WORD_START = re.compile(f"[{HAN}{OPEN_QUOTE}]")


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


@dataclass(frozen=True)
class _Written:
    """The patterns and words of numbers written in words (kg/rules/numbers.toml), compiled once per rule book."""

    wellformed: re.Pattern[str]  # a Chinese numeral as a quantity is written
    fraction: re.Pattern[str]  # 1/3, 三分之一
    years_running: re.Pattern[str]  # 连续9年
    # Digits with multipliers in a row (1万2千亿元, 2亿3千万元, 1亿2000万元): a number written the Chinese
    # way with Arabic digits. The multipliers fall (亿 > 万 > 千 > 百); the unit's own prefix closes it.
    compound: re.Pattern[str]
    group: re.Pattern[str]  # one (digits, multiplier) of a compound
    bare_item: re.Pattern[str]  # a bare number listed before a quantity (12.5、)
    range_sep: re.Pattern[str]  # what stands between the ends of a range
    bare_lower: re.Pattern[str]  # a bare number and a range's separator before a quantity
    large: frozenset[str]  # the multipliers of 万 and above, which a unit keeps (万, 亿)
    not_alone: frozenset[str]
    opens_next_word: frozenset[str]
    ordinal: str  # 第: a number after it is an ordinal, no count
    place_units: tuple[str, ...]  # …but 第3位, 第4名 are places of a rank
    class_units: tuple[str, ...]  # ages (岁) that define a class of people when bounded
    class_marks: tuple[str, ...]
    modifier_units: frozenset[str]  # capacities (MW) that define a kind of plant before a noun


@cache
def _written(rules: RuleBook) -> _Written:
    table = rules.table("numbers")
    written, patterns = table["written"], table["patterns"]
    grouped = "".join(m for m, value in rules.multipliers.items() if value >= 100)  # 百, 千, 万, 亿
    ranges = "|".join(["-", EM_DASH, _EN_DASH, FULLWIDTH_HYPHEN_MINUS, "~", FULLWIDTH_TILDE,
                       *map(re.escape, written["range_words"])])
    range_sep = rf"\s*(?:{ranges})\s*"
    ordinal = re.escape(written["ordinal"])
    after = rules.table("units")["after_number"]
    return _Written(
        wellformed=re.compile(patterns["wellformed"]),
        fraction=re.compile(
            rf"(?<![0-9{_FW}A-Za-z./{FULLWIDTH_SOLIDUS}])(?P<a>[1-9][0-9]?)[/{FULLWIDTH_SOLIDUS}](?P<b>[1-9][0-9]?)"
            rf"(?![0-9{_FW}A-Za-z/{FULLWIDTH_SOLIDUS}])|" + patterns["fraction"]
        ),
        years_running=re.compile(patterns["years_running"]),
        compound=re.compile(rf"(?<![0-9{_FW}.{FULLWIDTH_FULL_STOP},{COMMA}])(?:[0-9{_FW}]{{1,4}}[{grouped}]){{2,4}}"),
        group=re.compile(rf"([0-9{_FW}]{{1,4}})([{grouped}])"),
        bare_item=re.compile(rf"(?<!{ordinal})({_ARABIC})[{ENUMERATION_COMMA}{AND}]$"),
        range_sep=re.compile(range_sep),
        bare_lower=re.compile(rf"({_ARABIC}){range_sep}$"),
        large=frozenset(m for m, value in rules.multipliers.items() if value >= 10000),
        not_alone=frozenset(table["numeral"]["not_alone"]),
        opens_next_word=frozenset(written["opens_next_word"]),
        ordinal=written["ordinal"],
        place_units=tuple(rules.table("observations")["rank"]["place_units"]),
        class_units=tuple(after["class_units"]),
        class_marks=tuple(after["class_marks"]),
        modifier_units=frozenset(after["modifier_units"]),
    )


def _valid_chinese(num: str, rules: RuleBook) -> bool:
    """A well-formed Chinese numeral with a digit in it (百倍, 十百千万 and 零 alone are idioms)."""
    written = _written(rules)
    if not written.wellformed.match(num):
        return False
    return any(rules.digits.get(ch) for ch in num) and num not in written.not_alone


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
    integer, _, fraction = text.partition(rules.table("numbers")["numeral"]["point"])
    total, section, digit = 0, 0, None
    for ch in integer:
        if ch in rules.digits:
            if digit is not None and rules.digits[ch]:
                # 二〇一九-style digit strings: read digit by digit
                return Decimal("".join(str(rules.digits[c]) for c in integer if c in rules.digits))
            digit = rules.digits[ch] or None  # a zero (零, 〇) holds a place
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
    not_multipliers = rules.table("units")["after_number"]["not_multipliers"]
    mult = [m for m in rules.table("units")["prefixes"] if m not in not_multipliers] + list(rules.table("units")["standalone"])
    chinese = rules.table("numbers")["patterns"]["numeral"]
    return re.compile(
        rf"(?P<num>{_ARABIC}|{chinese})(?:(?P<lead_inner>{alt(qualifier['inner_at_least'])})(?={alt(mult)}))?"
        rf"(?P<mult>{alt(mult)})?(?P<inner>{alt(qualifier['inner_at_least'])})?"
        rf"(?P<unit>{alt(units)})?(?P<after>{alt(after)})?"
    )


def find_quantities(text: str, rules: RuleBook) -> list[Quantity]:
    """Every number followed by a unit (or 万/亿) in `text`, left to right, not overlapping.

    A range (6%-6.5%, 6至6.5%, 6-6.5%) gives two quantities, its lower and upper bound,
    the lower taking the upper's unit when it has none.
    """
    found = _shared_units(text, _quantities(text, rules), rules)
    w = _written(rules)
    if w.ordinal in text:  # 第3批试点, 第3届进博会: an ordinal, no count (第3位, 第4名 are places: kept)
        found = [q for q in found if not (q.start and text[q.start - 1] == w.ordinal and q.dimension != "rank"
                                          and not q.unit.startswith(w.place_units))]
    written = _fractions(text, rules) + _implicit_ones(text, rules) + _big_counts(text, rules) + _compounds(text, rules)
    if written:
        # A fraction's digits are no quantities of their own (1/3亩 is a third of a mu, not 3 mu).
        spans = [(q.start, q.qualifier_end) for q in written]
        found = sorted([q for q in found if not any(a < q.qualifier_end and q.start < b for a, b in spans)] + written,
                       key=lambda q: q.start)
    places, scopes = _first_places(text, rules)
    if scopes:  # 居全国35个大中城市第3位: the count of peers inside a rank's scope is no quantity
        found = [q for q in found if not any(a <= q.start and q.qualifier_end <= b for a, b in scopes)]
    firsts = places + _years_running(text, rules)
    if firsts:
        taken = [(q.start, q.qualifier_end) for q in found]
        found = sorted(found + [q for q in firsts if not any(a < q.end and q.start < b for a, b in taken)], key=lambda q: q.start)
    return _classes(text, _ranges(text, found, rules), rules)


def _classes(text: str, found: list[Quantity], rules: RuleBook) -> list[Quantity]:
    """Without the ages that define a class of people (65岁及以上老年人, 0-3岁婴幼儿) and the capacities
    that define a kind of plant (20MW分布式光伏项目)."""
    w = _written(rules)
    return [q for q in found if not (q.unit.endswith(w.class_units) and (q.bound or q.after or text.startswith(w.class_marks, q.end)))
            and not (q.unit in w.modifier_units and _WORD_START.match(text[q.qualifier_end:q.qualifier_end + 1]))]


@cache
def _first_place_pattern(rules: RuleBook) -> re.Pattern[str]:
    rank = rules.table("observations")["rank"]
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    run = rules.table("numbers")["patterns"]["run_of_years"]
    # 居全国第三位: a place after the first, written in Chinese numerals (Arabic ones are read as numbers)
    numerals = "".join(d for d, v in rules.digits.items() if v) + "".join(m for m, v in rules.multipliers.items() if v == 10)
    return re.compile(
        # (位居全市各区第一、全省各区县第一: a first after 、 and another first is a rank of its own)
        rf"(?:(?:{alt(rank['leads'])})|{run}|(?:{'|'.join(f'(?<={re.escape(f)})' for f in rank['firsts'])}){ENUMERATION_COMMA})"
        rf"(?:{alt(rank['scopes'])})(?:(?:{rank['peer_count']})?(?:{alt(rank['peers'] + rank['peers_unnamed'])}))?"
        rf"(?P<first>(?:{alt(rank['firsts'])}|{re.escape(rank['ordinal'])}(?P<n>[0-9{numerals}]+))(?:{alt(rank['place_units'])})?"
        rf"(?![{''.join(rank['not_places'])}]))"
    )


def _years_running(text: str, rules: RuleBook) -> list[Quantity]:
    """连续9年全国第一: for how many years in a row something held, a quantity of unit 年."""
    out = []
    for m in _written(rules).years_running.finditer(text):
        try:
            value = parse_number(m.group("n"), rules)
        except ValueError:
            continue
        out.append(Quantity(m.start("n"), m.end("unit"), value, m.group("unit"), 1, "years_running", False, "", m.end("unit")))
    return out


def _first_places(text: str, rules: RuleBook) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """居全国第一, 连续9年全国首位, 居全国第三位: a rank written in words, as a quantity of unit 位; and
    the spans of the scopes before them (whose count of peers, 35个, is no quantity)."""
    rank = rules.table("observations")["rank"]
    if not any(first in text for first in rank["firsts"]) and rank["ordinal"] not in text:
        return [], []
    unit = rules.table("numbers")["written"]["first_place_unit"]
    out, scopes = [], []
    for m in _first_place_pattern(rules).finditer(text):
        scopes.append((m.start(), m.start("first")))
        try:
            value = parse_number(m.group("n"), rules) if m.group("n") else Decimal(1)
        except ValueError:
            continue
        out.append(Quantity(m.start("first"), m.end("first"), value, unit, 1, "rank", False, "", m.end("first")))
    return out, scopes


def _after_word(text: str, end: int, rules: RuleBook) -> str:
    """The qualifier word (左右, 以上 …) right after a value that ends at `end`, or ""."""
    qualifier = rules.table("observations")["qualifier"]
    words = sorted(qualifier["after_about"] + qualifier["after_at_least"] + qualifier["after_at_most"], key=len, reverse=True)
    return next((w for w in words if text.startswith(w, end) and w not in _written(rules).opens_next_word), "")


def _fractions(text: str, rules: RuleBook) -> list[Quantity]:
    """A fraction (1/3, 三分之一) is a share, read as a percentage to one decimal (33.3%)."""
    if "/" not in text and FULLWIDTH_SOLIDUS not in text and rules.table("numbers")["written"]["fraction_word"] not in text:
        return []
    out = []
    for m in _written(rules).fraction.finditer(text):
        try:
            if m.group("a"):
                a, b = Decimal(m.group("a")), Decimal(m.group("b"))
            else:
                a, b = parse_number(m.group("ca"), rules), parse_number(m.group("cb"), rules)
        except ValueError:
            continue
        if not 0 < a < b or b > 100:
            continue  # 3/2, 7/24 read as a time: no share
        value = (a * 100 / b).quantize(Decimal("0.1"))
        after = _after_word(text, m.end(), rules)
        out.append(Quantity(m.start(), m.end(), value, "%", 1, "percent", False, after, m.end() + len(after)))
    return out


@cache
def _implicit_pattern(rules: RuleBook) -> re.Pattern[str]:
    written = rules.table("numbers")["written"]
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    units = sorted((u for u in rules.units if u not in rules.table("units")["standalone"]), key=lambda u: (-len(u), u))
    mult = [m for m in rules.table("units")["standalone"]]
    leads = [m for m, v in rules.multipliers.items() if 10 <= v <= 1000]  # 十, 百, 千: 突破千亿元
    return re.compile(
        rf"(?<!{'|'.join(map(re.escape, written['implicit_one_not_after']))})(?P<word>{alt(written['implicit_one_after'])})"
        rf"(?P<lead>{alt(leads)})?(?P<mult>{alt(mult)})(?P<unit>{alt(units)})"
    )


def _implicit_ones(text: str, rules: RuleBook) -> list[Quantity]:
    """超万亩, 过万亿元: a multiplier without a number after a word of exceeding is one of it, at least;
    突破千亿元 is a thousand of it (1000 亿元)."""
    if not any(mult in text for mult in rules.table("units")["standalone"]):
        return []
    own = rules.table("numbers")["written"]["implicit_one_own"]
    out = []
    for m in _implicit_pattern(rules).finditer(text):
        written = m.group("mult") + m.group("unit")
        unit = rules.units.get(written)
        if unit is None:
            continue
        start = m.start("word") if m.group("word") in own else m.start("lead") if m.group("lead") else m.start("mult")
        after = _after_word(text, m.end(), rules)
        count = Decimal(rules.multipliers[m.group("lead")]) if m.group("lead") else Decimal(1)
        out.append(Quantity(start, m.end(), count, written, unit.scale, unit.dimension, True, after,
                            m.end() + len(after)))
    return out


def _compound_total(groups: list[tuple[int, int]], closing: int) -> int | None:
    """The value of (digits, multiplier) pairs and the unit's own multiplier (`closing`, 1 if none),
    read as a Chinese numeral; None if ill-formed (3万5万, 12千)."""
    total, section, big = 0, 0, 0
    for i, (n, mult) in enumerate(groups):
        if i and mult >= groups[i - 1][1] or mult < 10000 and n > 9:
            return None
        if mult >= 10000:
            total = (total + section + n) * mult if mult > big else total + (section + n) * mult
            section, big = 0, max(big, mult)
        else:
            section += n * mult
    if closing <= groups[-1][1] and closing > 1:
        return None
    if closing >= 10000:
        return (total + section) * closing if closing >= big else total + section * closing
    return total + section


@cache
def _longest_units(rules: RuleBook) -> tuple[str, ...]:
    return tuple(sorted(rules.units, key=len, reverse=True))


def _compounds(text: str, rules: RuleBook) -> list[Quantity]:
    """1万2千亿元 is 12000亿元, 2亿3千万元 23000万元, 2万5千人 25000人: the unit keeps the last 万 or 亿."""
    written = _written(rules)
    large = written.large
    if not any(mult in text for mult in large):
        return []
    prefixes = rules.table("units")["prefixes"]
    out = []
    for m in written.compound.finditer(text):
        groups = [(int(d.translate(_FULLWIDTH)), rules.multipliers[x]) for d, x in written.group.findall(m.group())]
        unit_text = next((u for u in _longest_units(rules) if text.startswith(u, m.end())), "")
        unit = rules.units.get(unit_text)
        if unit is None:
            continue
        prefix = unit_text[: len(unit_text) - len(unit.base)]
        if prefix and prefix not in large:
            continue  # 2万5千百万元: no numeral
        total = _compound_total(groups, int(prefixes[prefix]) if prefix else 1)
        last = m.group()[-1]
        if total is None or prefix == "" and last in large and rules.units.get(last + unit_text) is None:
            continue
        if not prefix and last in large:
            unit_text, unit = last + unit_text, rules.units[last + unit_text]
        scale = Decimal(unit.scale) / Decimal(rules.units[unit.base].scale if unit.base in rules.units else 1)
        end = m.end() + len(unit_text) - (1 if not prefix and last in large else 0)
        after = _after_word(text, end, rules)
        out.append(Quantity(m.start(), end, Decimal(total) / scale, unit_text, unit.scale, unit.dimension, False,
                            after, end + len(after)))
    return out


@cache
def _big_count_pattern(rules: RuleBook) -> re.Pattern[str]:
    written = rules.table("numbers")["written"]
    big, not_before = written["big"], written["big_count_not_before"]
    return re.compile(
        rf"(?<![{re.escape(written['ordinal'])}0-9{_FW}.{FULLWIDTH_FULL_STOP}A-Za-z])(?P<n>[1-9][0-9]?){re.escape(big)}(?!"
        + "|".join(re.escape(w[len(big):]) for w in not_before) + f")(?=[{HAN}{OPEN_QUOTE}])"
    )


def _big_counts(text: str, rules: RuleBook) -> list[Quantity]:
    """4大夜经济示范区, 7大领域: so many major things, a count of unit 个 (the text writes 大)."""
    written = rules.table("numbers")["written"]
    if written["big"] not in text:
        return []
    return [
        Quantity(m.start("n"), m.end(), Decimal(m.group("n")), written["big_count_unit"], 1, "count", False, "", m.end())
        for m in _big_count_pattern(rules).finditer(text)
    ]


def _shared_units(text: str, found: list[Quantity], rules: RuleBook) -> list[Quantity]:
    """Bare numbers listed before a quantity share its unit: 高于全省22.7和28.8个百分点,
    分别增长12.5、9.8和7.6% (each a quantity of its own, as if the unit were written)."""
    bare_item = _written(rules).bare_item
    out: list[Quantity] = []
    for q in found:
        items: list[Quantity] = []
        start = q.start
        floor = out[-1].qualifier_end if out else 0
        while m := bare_item.search(text, max(floor, start - 24), start):
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
    written = _written(rules)
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == q.unit and written.range_sep.fullmatch(text[prev.qualifier_end:q.start]):
            out[-1] = replace(prev, bound="lower")
            out.append(replace(q, bound="upper"))
            continue
        m = written.bare_lower.search(text, max(0, q.start - 24), q.start)
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
    opens_next_word = _written(rules).opens_next_word
    found: list[Quantity] = []
    for m in _pattern(rules).finditer(text):
        num, mult, unit_text = m.group("num"), m.group("mult") or "", m.group("unit") or ""
        if not unit_text and not mult:
            continue
        if m.start() > 0 and text[m.start() - 1] in _SIGNS and (num[0] in _SIGNS or m.start() > 1 and text[m.start() - 2] in _SIGNS):
            continue  # 增长-−－7%: two signs or more, garbled
        first = num.lstrip("-" + FULLWIDTH_HYPHEN_MINUS + _MINUS)[:1]
        chinese = not first.isdigit() and first not in FULLWIDTH_DIGITS
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
        if chinese and not _valid_chinese(num, rules):
            continue
        if chinese and mult and not unit_text:
            continue  # 十万垅, 百万: a Chinese numeral with a bare multiplier is a name, not an amount
        try:
            value = parse_number(num, rules)
        except ValueError:
            continue
        end = m.end("unit") if unit_text else m.end("mult")
        inner = bool(m.group("inner")) and bool(unit_text) or bool(m.group("lead_inner"))  # 10万多件; 6800多万
        after = m.group("after") or ""
        if after in opens_next_word and (not unit_text or _WORD_START.match(text[m.end():m.end() + 1])):
            # 2座多功能书院: 多 opens the next word; 10万多件 / 100亿元多 end on it
            after = ""
        found.append(Quantity(m.start(), end, value, written, unit.scale, unit.dimension, inner, after,
                              m.end("after") if after else end))
    return found
