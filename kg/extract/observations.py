"""Quantified statements: each number with a unit becomes an observation of a named indicator.

The engine reads a sentence clause by clause. A run of values (8.2%、8.8%) shares the
clause's subject; indicator_names names it, measures reads the sign, measure and qualifier
from the words around each value, when gives year, status and period. This module walks
a sentence's quantities, groups them into runs and assembles the observations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from kg.extract.counted_nouns import BRACKETED_COUNTER, level_noun, post_name
from kg.extract.indicator_names import clause_topic, leading_place, name_share, names_for_run
from kg.extract.measures import (
    Value,
    approximate,
    leading_verb,
    measure_of,
    qualifier_of,
    read_before,
)
from kg.extract.name_cleaning import clean_name, has_cjk
from kg.extract.names import skip_boundaries
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.observation_words import Words, prepare_words
from kg.extract.when import is_preliminary, paragraph_periods, read_when, reviewed_year
from kg.grammar import (
    AND,
    CLOSE_QUOTE,
    COLON,
    COMMA,
    ENUMERATION_COMMA,
    EXCLAMATION,
    FULL_STOP,
    FULLWIDTH_PERCENT,
    HAN,
    JOINERS,
    OF,
    OPEN_QUOTE,
    QUESTION,
    SEMICOLON,
)
from kg.model import Mention, Observation, ReportMeta, Sentence
from kg.rules import RuleBook

_CLAUSE_BOUNDARY = re.compile(f"[{COMMA},{SEMICOLON};{COLON}:{FULL_STOP}{EXCLAMATION}{QUESTION}!?]|\\n")
_JOINED = re.compile(f"[{JOINERS}]")  # what joins the values of a run (8.2%、8.8%)
_WORD_START = re.compile(f"[{HAN}{OPEN_QUOTE}]")
_PERCENT = ("%", FULLWIDTH_PERCENT)
_RATES = ("percent", "permille", "points", "times", "tenths")


def extract_observations(
    sentences: tuple[Sentence, ...], meta: ReportMeta, rules: RuleBook, places: dict[str, str] | None = None,
    works: Mapping[int, Sequence[tuple[int, int]]] | None = None, things: frozenset[str] = frozenset(),
) -> list[Observation]:
    """Observations of every sentence, in text order.

    `places` maps the place names written in the report to their labels; a clause that
    starts with one (湘潭县挺进…) is about that place, any other about the report's region.
    `works` gives, by sentence, the spans (offsets in the document) of the works named there: a
    number inside a work's name (同光晶体涞源10万片碳化硅单晶衬底项目) is part of the name.
    `things` are the names of the enterprises and works found: a place that opens one of them
    (重庆长安汽车股份有限公司) is part of that name, not the place of the value.
    """
    places, works = places or {}, works or {}
    ws = prepare_words(rules)
    region = meta.region or ""
    out: list[Observation] = []
    context = paragraph_periods(sentences, ws, meta.report_year)
    numerals = frozenset(rules.digits) | frozenset(rules.multipliers)  # 第一位, 千亿元: values written in words
    for s in sentences:
        if s.part == "notes" or s.part == "other" and not any(ch.isdigit() or ch in numerals for ch in s.text):
            continue
        quantities = _outside_slogans(s.text, find_quantities(s.text, rules))
        quantities = [q for q in quantities
                      if not any(a <= s.start + q.start and s.start + q.end <= b for a, b in works.get(s.index, ()))]
        if not quantities:
            continue
        out.extend(_sentence_observations(s, quantities, meta, region, places, ws, context, things))
    return out


_SLOGAN = re.compile(f"{OPEN_QUOTE}[^{CLOSE_QUOTE}{OPEN_QUOTE}]{{0,12}}\\d[^{CLOSE_QUOTE}{OPEN_QUOTE}]{{0,12}}{CLOSE_QUOTE}")


def _outside_slogans(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Quantities that are no part of a quoted slogan (“4个100%”, “5个1000”行动, “1530”工程)."""
    spans = [(m.start(), m.end()) for m in _SLOGAN.finditer(text)] if OPEN_QUOTE in text else []
    return [q for q in quantities if not any(a < q.start < b for a, b in spans)]


def _is_threshold(q: Quantity, tail: str, ws: Words) -> bool:
    """2000万元以上的企业, 5万元以下的村: a bound that defines a kind of thing, no quantity of the
    report (压减30%以上的目标 is one: the goal is the quantity's own); so is a bound right before a
    noun that is counted in the same clause (10亿元以上项目8个, 5000万元以上项目1350个)."""
    if q.after not in ws.bounds and not q.inner_at_least:  # 过百亿元的产业集群: a bound too
        return False
    if tail.startswith(OF):
        return not tail.startswith(ws.own_goals, len(OF))
    counted = _COUNTED_NOUN.match(tail)
    if counted is None or not tail.startswith(ws.counted_units, counted.end()):
        return False
    noun = counted.group(1)
    return not noun.startswith(ws.threshold_not_before) and not any(noun.startswith(v) for v, _ in ws.verbs)


# A noun and then a number (项目8个): what a bound before it classes, when the number counts.
_COUNTED_NOUN = re.compile(f"([{HAN}]{{1,8}}?)[0-9]+(?:[.][0-9]+)?")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_BOUNDARY.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


@dataclass
class _Reading:
    """What the runs read so far in a sentence leave for the next run."""

    previous_names: list[str] | None = None
    listed_names: list[str] = field(default_factory=list)  # the names of the runs of a list (X38253元、Y15929元), for a 分别 after it
    run_names: list[list[str]] = field(default_factory=list)  # the names of every run read so far, in order
    previous_counted: bool = False  # whether the last run counted things (道路16条), which own an attribute after it
    rank_place: str | None = None
    previous_place: str | None = None  # the place of the last run, for a value after it without a subject
    carried: tuple[str, str] | None = None  # the subject and words of a 从A增加到B clause, for B
    list_verb: str = ""  # the verb opening the first item of the list being read (新增), for its bare nouns
    list_sign: tuple[int, str] | None = None  # the rise or fall verb opening it (压减), for items without one
    list_kind: str = ""  # the kind of its first value (count, people, percent …): items of another share nothing
    things: frozenset[str] = frozenset()  # the names of the enterprises and works found (a place opening one is no place)
    topic: str = ""  # the work a clause without a value names, for 投资 and 项目 after it (_of_topic)
    prev_end: int = 0


@dataclass(frozen=True)
class _Run:
    """A run of values in its clause, with the text before it."""

    values: list[Value]
    end: int  # the index of the first quantity after the run
    c_start: int
    c_end: int
    p_start: int
    listed: bool  # X38253元、Y15929元: the run continues a list
    pre_all: str
    subject: str
    lead: tuple[int, str] | None = None  # a rise or fall verb before the subject's noun (压减粗钢产能355万吨)


def _sentence_observations(
    s: Sentence, quantities: list[Quantity], meta: ReportMeta, region: str, places: dict[str, str], ws: Words,
    context: dict[int, str], things: frozenset[str] = frozenset(),
) -> list[Observation]:
    clauses = _clauses(s.text)
    out: list[Observation] = []
    reading = _Reading(things=things)
    i = 0
    while i < len(quantities):
        run = _read_run(s.text, quantities, i, clauses, reading.prev_end, ws)
        out.extend(_run_observations(s, quantities, run, clauses, meta, region, places, ws, context, reading))
        i = run.end
    return out


def _read_run(
    text: str, quantities: list[Quantity], i: int, clauses: list[tuple[int, int]], prev_end: int, ws: Words,
) -> _Run:
    """The run of values that starts with quantity `i`, its clause and the text before it."""
    q = quantities[i]
    c_start, c_end = next(((a, b) for a, b in clauses if a <= q.start < b), (0, len(text)))
    # The subject starts after the clause boundary or after the previous value of the clause.
    p_start = max(c_start, prev_end)
    listed = p_start == prev_end > 0 and text[p_start:p_start + 1] == ENUMERATION_COMMA  # X38253元、Y15929元: one list
    while p_start < q.start and text[p_start] in JOINERS:
        p_start += 1
    if q.start > p_start and text[q.start - 1] == ENUMERATION_COMMA:
        p_start = q.start  # 国控集团达到“3A”评级、10家平台公司达到…: a count right after 、 opens an item of its own
    pre_all = text[p_start:q.start]
    subject, direction, before_q, verb = read_before(pre_all, ws)
    for short, long in ws.fused_verbs if not direction else ():  # 减贫2136人: 减少贫困人口
        if subject.endswith(short) and (fused := leading_verb(long, ws)):
            (direction, verb), subject = fused, subject[: -len(short)] + long[len(fused[1]):]
    # (not 压缩审批时限至3个工作日: 至 makes the value the level reached)
    lead = leading_verb(clean_name(subject, ws) if subject else "", ws) if not direction and not ws.to_end.search(pre_all) else None
    if lead and not _signs(lead, q):
        lead = None
    if lead:
        direction, verb = lead
        k = subject.find(verb)
        subject = subject[:k] + subject[k + len(verb):]
    values, end = _run_values(text, quantities, i, c_end, Value(q, direction, before_q, verb), ws)
    return _Run(values, end, c_start, c_end, p_start, listed, pre_all, subject, lead)


def _signs(lead: tuple[int, str], q: Quantity) -> bool:
    """Whether a rise or fall verb before the noun signs the value: a rate, or an amount that is no
    money for a fall (压减一般性支出10%以上; 减少农村贫困人口116万人 — but 降低社保费负担8.68亿元, 减少涉企
    收费2000万元 name what was saved)."""
    return q.dimension in ("percent", "permille") or lead[0] < 0 and not q.dimension.startswith("money")


def _run_values(
    text: str, quantities: list[Quantity], i: int, c_end: int, first: Value, ws: Words,
) -> tuple[list[Value], int]:
    """A run: values separated by 、/和 and at most a verb (8.2%、8.8%; 2.52万户、增长8.75%), and the
    index of the quantity after it."""
    run = [first]
    j = i + 1
    while j < len(quantities) and quantities[j].start < c_end:
        between = text[quantities[j - 1].qualifier_end:quantities[j].start]
        if quantities[j].bound == "upper":
            run.append(Value(quantities[j], run[-1].direction, None, run[-1].verb))
            j += 1
            continue
        if not between and quantities[j - 1].dimension == "households" and quantities[j].dimension == "people":
            # 减少贫困人口4832户19516人: households and people of one count, the second as the first
            run.append(Value(quantities[j], run[-1].direction, None, run[-1].verb))
            j += 1
            continue
        if not _JOINED.match(between):
            break
        rest, d, bq, vb = read_before(between[1:], ws)
        if rest.strip():
            break
        if quantities[j].dimension != quantities[j - 1].dimension and post_name(text[quantities[j].qualifier_end:c_end], ws):
            break  # 减少贫困人口100万人、1000个贫困村出列: a count of its own noun, another item
        run.append(Value(quantities[j], d, bq, vb))
        j += 1
    return run, j


def _run_observations(
    s: Sentence, quantities: list[Quantity], run: _Run, clauses: list[tuple[int, int]], meta: ReportMeta,
    region: str, places: dict[str, str], ws: Words, context: dict[int, str], reading: _Reading,
) -> list[Observation]:
    """The observations of one run (none when it is no quantity of the report), updating `reading`."""
    text, values = s.text, run.values
    started = _read_start(s, quantities, run, meta, reading, ws)
    if started is None:
        return []
    subject, pre_all, starting_level = started
    if not run.listed:  # the first item of a list sets the verb's sign and the kind its items share
        reading.list_sign, reading.list_kind = run.lead, _kind(run.values[0].q)
    subject = _shared_verb(subject, run, reading, ws)
    run = _shared_sign(run, reading, ws)
    values = run.values
    last = values[-1].q
    reading.prev_end = last.qualifier_end
    tail = text[last.qualifier_end:run.c_end]
    run_after = "" if last.after else next((w for w in ws.after if tail.startswith(w)), "")
    if run_after in ws.may_open_word and _WORD_START.match(tail[len(run_after):len(run_after) + 1]):
        run_after = ""  # 2座多功能体育馆: 多 opens the next word
    if _not_observed(text, values[0].q, tail, ws):
        return []
    share_of = name_share(last, subject, tail, ws)
    if _is_threshold(last, tail, ws) and not share_of:
        reading.prev_end = run.p_start  # the bound is part of the next value's subject (…10万元以上的村达到60%)
        return []
    # A 从A提高到B clause's A is named by its subject alone: 提高 after it is no noun of it.
    noun_tail = "" if starting_level is not None else _beside_next(text, quantities, run, tail)
    names, place = _name_run(text, quantities, run, subject, pre_all, noun_tail, share_of, clauses, places, ws, reading)
    if names is None:
        return []
    names, about_share = _share_names(names, last, tail, ws)
    names = _of_topic(_running_total(names, subject, pre_all, ws), text, quantities, run, clauses, reading, ws)
    if not run.listed:
        reading.list_verb = next((v for v in ws.list_verbs if names and names[0].startswith(v)), "")
    reading.previous_names = _names_after(names, place, values)
    reading.listed_names = reading.listed_names + names if run.listed else list(names)
    reading.run_names.append(list(names))
    if values[0].q.dimension == "years_running":
        reading.previous_names = [clean_name(subject.removesuffix(ws.running), ws)]  # what a rank after it is of
    reading.previous_counted = values[-1].q.dimension == "count"
    q_start = values[0].q.start
    year, status, period = read_when(s, text, (run.c_start, run.c_end), q_start, meta, ws, context.get(s.paragraph))
    if starting_level is not None:
        year, status = starting_level, "Actual"
    # Only the reviewed year's own results are early figures (not an older year's, nor a target).
    preliminary = status == "Actual" and year == reviewed_year(meta, year) and is_preliminary(s, text, q_start, ws)
    return _observations(s, run, [_without_total(name, ws) for name in names], place, region, pre_all, run_after,
                         about_share, (year, status, period), preliminary, ws)


def _names_after(names: list[str], place: str | list[str] | None, values: list) -> list[str]:
    """The names a clause after this run may take up: one where the run gave a shared name to each
    place listed (杭州、宁波…均超过…，全省达到…: 全省's value is of that one name)."""
    return names[:1] if isinstance(place, list) and len(set(names)) == 1 < len(names) > len(values) else names


def _read_start(
    s: Sentence, quantities: list[Quantity], run: _Run, meta: ReportMeta, reading: _Reading, ws: Words,
) -> tuple[str, str, int | None] | None:
    """The run's subject, the words before it and the year of a 从A增加到B clause's A, when it is
    read (None when the run is such an A, not read, or B's subject carried over from A)."""
    subject, pre_all, values = run.subject, run.pre_all, run.values
    starting_level: int | None = None
    start = ws.from_start.search(pre_all)
    if start and start.group("year") and run.end >= len(quantities) and ws.to_level.match(s.text, values[-1].q.qualifier_end):
        # 贫困发生率由2015年的14.5%降至零: the level reached is no number, but the first is the year's.
        return ws.from_tail.sub("", subject), pre_all, int(start.group("year"))
    if start and run.end < len(quantities) and ws.to_level.match(s.text, values[-1].q.qualifier_end):
        # 从9.73万亿元增加到12.9万亿元: the first number is where a period began. In a review its
        # year is not given, so only the level reached is read, under the same subject; in a
        # plan (从每月631元提高到653元) it is today's level: an actual of the reviewed year.
        subject = ws.from_tail.sub("", subject)
        reading.carried = (subject, pre_all)
        starting_level = int(start.group("year")) if start.group("year") else None
        if starting_level is None and s.part == "plan":
            starting_level = meta.review_year
        elif starting_level is None and start.groupdict().get("previous") and meta.review_year:
            starting_level = meta.review_year - 1  # 赤字率从上年的3.6%降到3.2%: the year before the one reviewed
        if starting_level is None:
            reading.prev_end = values[-1].q.qualifier_end
            return None
    elif reading.carried is not None:
        (subject, pre_all), reading.carried = reading.carried, None
    return subject, pre_all, starting_level


# Dimensions counted alike: a list's items share its first verb only when they count or measure the
# same kind of thing (新增市场主体5.6万户、高新技术企业312家; not …、城镇调查失业率5.5%).
_SAME_KIND = {"households": "count"}


def _kind(q: Quantity) -> str:
    """What a value counts or measures, for comparing list items (households count as things do)."""
    return _SAME_KIND.get(q.dimension, q.dimension)


def _like_the_first(run: _Run, reading: _Reading, ws: Words) -> bool:
    """Whether a list item names a thing before its value (not 、1000个贫困村出列, a count of its own
    noun), is of the kind of the list's first and holds no verb of its own (新增 in 、新增钢铁产能
    置换项目12个; 涉及 in 、涉及居民3.2万户)."""
    return has_cjk(run.subject) and all(_kind(v.q) == reading.list_kind for v in run.values) \
        and not ws.item_deeds.search(clean_name(run.subject, ws))


def _shared_sign(run: _Run, reading: _Reading, ws: Words) -> _Run:
    """A list item without a verb of its own signed by the rise or fall verb that opens the list
    (压减粗钢产能355万吨、煤炭产能1035万吨: both fell), when it is of the first item's kind."""
    sign = reading.list_sign
    if not run.listed or sign is None or any(v.direction or v.verb for v in run.values) \
            or not _like_the_first(run, reading, ws) or not all(_signs(sign, v.q) for v in run.values):
        return run
    return replace(run, values=[replace(v, direction=sign[0], verb=sign[1]) for v in run.values])


def _shared_verb(subject: str, run: _Run, reading: _Reading, ws: Words) -> str:
    """A list item's subject with the verb of the list's first item when it is a bare noun
    (办理人大代表建议855件、政协提案827件: 政协提案 → 办理政协提案), else as it is."""
    if not (run.listed and reading.list_verb and has_cjk(subject)) or not _like_the_first(run, reading, ws):
        return subject
    name = clean_name(subject, ws)
    if not has_cjk(name) or name.startswith(ws.cut_before) \
            or name in ws.attributes or name in ws.total_words or name.endswith(ws.generic_measures):
        return subject
    return reading.list_verb + subject


def _not_observed(text: str, q: Quantity, tail: str, ws: Words) -> bool:
    """Whether the run's value is a plant's size or the bound of a class, no quantity of the report."""
    if tail.startswith(ws.reject_after) or text.endswith(ws.capacity_leads, 0, q.start):
        return True  # 华菱湘钢年产120万吨精品钢项目: the plant's size
    # 排名前1%: the top share is the bound of a class, no quantity
    return q.dimension == "percent" and text.endswith(ws.top, 0, q.start)


def _name_run(
    text: str, quantities: list[Quantity], run: _Run, subject: str, pre_all: str, tail: str, share_of: str,
    clauses: list[tuple[int, int]], places: dict[str, str], ws: Words, reading: _Reading,
) -> tuple[list[str] | None, str | list[str] | None]:
    """The names of the run's values and its place (names_for_run, given the noun after the count
    and the names of the runs before); moves `reading.prev_end` past that noun."""
    q, last, values = run.values[0].q, run.values[-1].q, run.values
    # 11条（段）市政路: a second counter in brackets after the unit stands before the noun.
    counter = BRACKETED_COUNTER.match(tail)
    noun_tail = tail[counter.end():] if counter else tail
    post = post_name(noun_tail, ws) if q.dimension != "years_running" else ""
    after_post = noun_tail[len(post):] if post and noun_tail.startswith(post) else ""
    post_len = len(post)  # what of the text after the value the noun takes up
    if q.dimension != "years_running":
        post, after_post, post_len = level_noun(subject, post, after_post, noun_tail, post_len, ws)
    if reading.previous_names is None and not has_cjk(clean_name(subject, ws)):
        # 一般公共预算收入稳步增长，增长4.4%: a value without a subject is of the indicator that
        # opens the clause before, when that clause has no value of its own.
        topic = clause_topic(text, clauses, run.c_start, quantities, ws)
        reading.previous_names = [topic] if topic else None
    if ws.respectively in pre_all:
        reading.previous_names = _respective(values, subject, reading, ws)
    names, place = _share_place(share_of, len(values), places) if share_of else names_for_run(
        text, subject, pre_all, post, values, reading.previous_names, places, ws,
        after_post, noun_tail, reading.previous_counted, reading.things,
    )
    if post and not (names is None and last.dimension == "number" and _ENDS_IN_VALUE.match(noun_tail[post_len:])):
        # the noun after the count is not the next subject (but 320万退休职工养老金上调4.5%: the bare
        # number named nothing, and the noun is that of the value after it)
        reading.prev_end = last.qualifier_end + (counter.end() if counter else 0) + post_len
    if names is None and (verb := clean_name(subject, ws) or values[0].verb) in ws.owner_verbs and q.dimension == "count":
        # 实施“规模以上工业企业倍增计划”，确保新增450家: the things the plan before is about
        topic = _plan_topic(text, quantities, clauses, run.c_start, ws)
        names = [verb + topic] * len(values) if topic else None
    if names is None:
        return None, None
    if place is None and not share_of and not has_cjk(subject) and not post and reading.previous_names \
            and len(values) == 1 and ws.respectively not in pre_all:
        # X开发区实现产值1130亿元，增长12.4%: a value with no words of its own before it (not even
        # 全市) is of the thing and place just named.
        place = reading.previous_place
    reading.previous_place = place if not isinstance(place, list) else None
    if q.dimension == "rank" and not isinstance(place, list):
        # 某县前进5位，跃居全省第12位: a rank clause without its own place keeps the last one named.
        place = place or reading.rank_place
        reading.rank_place = place
    return names, place


# What is left of an item after a noun when a value follows in the item (…养老金上调4.5%).
_ENDS_IN_VALUE = re.compile(f"[^{ENUMERATION_COMMA}]*?[0-9]")


def _plan_topic(text: str, quantities: list[Quantity], clauses: list[tuple[int, int]], c_start: int, ws: Words) -> str:
    """The things a plan or campaign in the clause before is about (实施“规模以上工业企业倍增计划” →
    规模以上工业企业), when that clause holds no value; else empty."""
    clause, lead = _clause_before(text, quantities, clauses, c_start, ws)
    clause = clause[lead:].strip(OPEN_QUOTE + CLOSE_QUOTE)
    plan = next((p for p in ws.plan_words if clause.endswith(p)), "")
    topic = clause[:len(clause) - len(plan)] if plan else ""
    return topic if 4 <= len(topic) <= 12 and topic.isalpha() and topic.endswith(ws.plan_things) else ""


def _without_total(name: str, ws: Words) -> str:
    """A count's name without 总数 closing it (市场主体总数 → 市场主体): the count of things is the
    things'. (A rank read after it is named with the word: gold files name 总数…排名 both ways.)"""
    word = next((w for w in ws.count_totals if name.endswith(w) and len(name) > len(w) + 1), "")
    return name[:-len(word)] if word else name


def _clause_before(
    text: str, quantities: list[Quantity], clauses: list[tuple[int, int]], c_start: int, ws: Words,
) -> tuple[str, int]:
    """The clause before the one at `c_start` and where the verbs opening it end (持续推进|…), when
    it holds no value; else ("", 0)."""
    before = [(a, b) for a, b in clauses if b <= c_start]
    if not before or any(before[-1][0] <= q.start < before[-1][1] for q in quantities):
        return "", 0
    clause = text[before[-1][0]:before[-1][1]]
    return clause, skip_boundaries(clause, 0, ws.boundaries, keep=0, times=6)


def _beside_next(text: str, quantities: list[Quantity], run: _Run, tail: str) -> str:
    """剩余312户1036名贫困人口: a count with another right after it, in another unit, counts the noun
    after that one (the words after the value, read past the next)."""
    nxt = quantities[run.end] if run.end < len(quantities) else None
    last = run.values[-1].q
    if nxt is None or nxt.start != last.qualifier_end or nxt.unit == last.unit or nxt.end >= run.c_end:
        return tail
    return text[nxt.qualifier_end:run.c_end]


def _of_topic(
    names: list[str], text: str, quantities: list[Quantity], run: _Run, clauses: list[tuple[int, int]],
    reading: _Reading, ws: Words,
) -> list[str]:
    """持续推进白洋淀上游流域综合治理，投资187亿元，实施项目169个: a name that is only 投资 or 项目 is of
    the work the clause before names, when that clause holds no value (and so are such names
    after it in the sentence); so is a coverage (全面开展驻镇帮镇扶村，全域覆盖1127个乡镇)."""
    if not names or any(name not in ws.topic_heads and not name.startswith(ws.topic_verbs) for name in names) \
            or any(v.q.dimension in _RATES for v in run.values):
        return names  # (全力扩大有效需求，投资增长8%: the rate of 投资 itself, whatever the slogan before)
    clause, lead = _clause_before(text, quantities, clauses, run.c_start, ws)
    if clause:
        topic = clean_name(clause[lead:], ws) if 0 < lead < len(clause) else ""
        reading.topic = topic if 4 <= len(topic) <= 16 and topic.isalpha() and not topic.endswith(tuple(ws.topic_heads)) \
            and not ws.etc.search(topic) else ""  # (引进三一重工等龙头企业: examples, no work)
    return [reading.topic + name for name in names]


def _share_place(share: str, n: int, places: dict[str, str]) -> tuple[list[str], str | None]:
    """A share's names, with the place its name opens with read off (滨海新区地区生产总值占全市比重:
    the share is 滨海新区's)."""
    lead = leading_place(share, places)
    if lead and has_cjk(share[len(lead):]):
        return [share[len(lead):]] * n, places[lead]
    return [share] * n, None


def _running_total(names: list[str], subject: str, pre_all: str, ws: Words) -> list[str]:
    """A value after 累计 with no subject of its own is the running total of the thing named before
    it, not of what was added: 新增注册企业700家、累计超过2000家 → 注册企业."""
    if not any(w in pre_all for w in ws.cumulative) or has_cjk(clean_name(subject, ws)):
        return names
    return [_total_of(n, ws) for n in names]


def _total_of(name: str, ws: Words) -> str:
    """The thing a count of new things counts, without the verb of adding (新增上市公司 → 上市公司)."""
    verbs = tuple(v for v in ws.owner_verbs if v not in ws.cumulative)
    return next((name[len(v):] for v in verbs if name.startswith(v) and len(name) > len(v) + 1), name)


def _respective(values: list[Value], subject: str, reading: _Reading, ws: Words) -> list[str] | None:
    """What a run of values after 分别 is of: the names of the list before it (X38253元、Y15929元，
    分别增长5.8%和8.6%), or, without a subject of its own, of as many runs of one value each just
    before it (接待游客6.8亿人次，旅游总消费7620亿元，分别增长30.4%和30.6%)."""
    n, previous = len(values), reading.previous_names
    if len(reading.listed_names) == n > len(previous or ()):
        return reading.listed_names
    runs = reading.run_names[-n:]
    if n > 1 and len(runs) == n and all(len(names) == 1 for names in runs) and len(previous or ()) < n \
            and not has_cjk(clean_name(subject, ws)):
        return [names[0] for names in runs]
    return previous


def _share_names(names: list[str], last: Quantity, tail: str, ws: Words) -> tuple[list[str], bool]:
    """The names of a percentage named as the share it is, and whether it is an approximate share."""
    if last.unit in _PERCENT and tail.startswith(ws.covered):
        # 乡镇社会工作服务站100%覆盖: the share covered.
        names = [name if name.endswith(ws.rate) else name + ws.coverage for name in names]
    about_share = False
    if last.unit in _PERCENT:
        # 占公共财政预算支出的85%: a share, named as one (…占公共财政预算支出比重); 约占 is an
        # approximate share (约占地区生产总值的1/3): 约 is its qualifier, no part of its name.
        about_share = any(ws.share_about in name for name in names)
        names = [name.replace(ws.share_about, ws.share_word) for name in names]
        names = [name + ws.share_head if ws.share_unnamed.search(name) else name for name in names]
    return names, about_share


def _observations(
    s: Sentence, run: _Run, names: list[str], place: str | list[str] | None, region: str, pre_all: str,
    run_after: str, about_share: bool, when: tuple[int | None, str, str | None], preliminary: bool, ws: Words,
) -> list[Observation]:
    """One observation a value and name of the run."""
    text, values, (year, status, period) = s.text, run.values, when
    last = values[-1].q
    pairs = list(zip(values, names)) if len(names) == len(values) else [(values[0], name) for name in names]
    value_places = place if isinstance(place, list) else [place] * len(pairs)
    # 分别达到61%和97%以上: a qualifier after the last value of a list holds for every value.
    shared_after = last.after if len(values) > 1 and last.after and not any(v.q.after for v in values[:-1]) else ""
    growth_word = bool(ws.growth_word.search(pre_all.rstrip(ws.growth_strip)))  # 增速为6.5%: a growth rate
    out: list[Observation] = []
    for k, ((value, name), place) in enumerate(zip(pairs, value_places)):
        if k and value is not values[0] and any(w in text[pairs[k - 1][0].q.qualifier_end:value.q.start] for w in ws.cumulative):
            name = _total_of(name, ws)  # 新增注册企业700家、累计超过2000家
        v = _signed(value, values[0], name)
        measure = measure_of(v, ws, name, growth_word)
        amount = value.q.value
        if v.direction < 0 and measure in ("Growth", "Change"):
            amount = -amount
        mention = Mention("Observation", s.start + value.q.start, s.start + value.q.end,
                          text[value.q.start:value.q.end], "observation.quantity", s.index, str(amount))
        # Where the name stands as written in the clause, for the evidence; names made up of
        # pieces (汽车及零部件 + 产业增加值) stand nowhere whole and get no span.
        at = text.rfind(name, run.c_start, run.c_end) if name else -1
        written = _written_list(name, text, run.c_start, run.c_end) if name and at < 0 else None
        if written is not None:
            at, name_span = written[0], written[1] - written[0]
        else:
            name_span = len(name)
        out.append(Observation(
            indicator=name, value=amount, unit=value.q.unit, measure=measure, status=status,
            preliminary=preliminary,
            qualifier=approximate(qualifier_of(value, run_after or shared_after, ws, pre_all), about_share),
            year=year, place=place or region,
            mention=mention, rule="observation.list" if len(values) > 1 else "observation.clause",
            multiplier=value.q.scale, period=period,
            indicator_start=s.start + at if at >= 0 else None,
            indicator_end=s.start + at + name_span if at >= 0 else None,
            indicator_alt=_list_forms(text[written[0]:written[1]]) if written is not None else (),
        ))
    return out


def _written_list(name: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a name made of a list's items (畜牧蔬菜果品产业占比) stands in the clause as written,
    with the list's marks (畜牧、蔬菜、果品产业占比); None if it does not."""
    if ENUMERATION_COMMA not in text[start:end]:
        return None
    k = text.find(name[0], start, end)
    while k >= 0:
        i, j = 0, k
        while i < len(name) and j < end:
            if text[j] == name[i]:
                i, j = i + 1, j + 1
            elif text[j] == ENUMERATION_COMMA and i > 0:
                j += 1
            else:
                break
        if i == len(name):
            return k, j
        k = text.find(name[0], k + 1, end)
    return None


def _list_forms(written: str) -> tuple[str, ...]:
    """The other names of a name made of a list's items: as written, and joined by 和."""
    return (written, written.replace(ENUMERATION_COMMA, AND)) if ENUMERATION_COMMA in written else ()


def _signed(value: Value, first: Value, name: str) -> Value:
    """The value with the verb that signs it: a later value without its own verb takes the run's
    first verb (分别增长8.2%、8.8%); a verb that names the things counted signs nothing."""
    v = value if value.direction or value.verb else Value(value.q, first.direction, value.before_qualifier, first.verb)
    if v.direction and v.verb and v.verb in name and v.q.dimension not in _RATES:
        v = Value(v.q, 0, v.before_qualifier, v.verb)  # 改造提升9条道路: the verb names the things counted
    return v
