"""The year, status and period of a value, from the report part, the years written before it and
the paragraph's plan period; and whether a reviewed year's value is an early figure."""

from __future__ import annotations

import re

from kg.extract.observation_words import Words
from kg.grammar import (
    CLOSE_CORNER,
    CLOSE_QUOTE,
    CLOSE_SINGLE_QUOTE,
    CLOSE_TITLE,
    CLOSE_WHITE_CORNER,
    COLON,
    FULLWIDTH_PERCENT,
    OF,
    OPEN_CORNER,
    OPEN_QUOTE,
    OPEN_SINGLE_QUOTE,
    OPEN_TITLE,
    OPEN_WHITE_CORNER,
)
from kg.model import ReportMeta, Sentence

# The quotes around a word, written in any script (“十三五”以来, 《纲要》).
QUOTES = (OPEN_QUOTE + CLOSE_QUOTE + "\"'" + OPEN_SINGLE_QUOTE + CLOSE_SINGLE_QUOTE + OPEN_CORNER + CLOSE_CORNER
          + OPEN_WHITE_CORNER + CLOSE_WHITE_CORNER + OPEN_TITLE + CLOSE_TITLE)


def paragraph_periods(sentences: tuple[Sentence, ...], ws: Words, report_year: int | None = None) -> dict[int, str]:
    """Paragraphs that open by naming a plan period's goals (“十四五”时期主要目标：…; 今后五年的目标是…),
    or a review paragraph that opens with the past period (五年来，…): their values are for the
    period, whatever their own sentence says (a year it names still wins)."""
    periods: dict[int, str] = {}
    seen: set[int] = set()
    of_year = {s.paragraph for s in sentences if _names_the_year(s.text, ws, report_year)}
    for s in sentences:
        if s.paragraph in seen:
            continue
        seen.add(s.paragraph)
        opening = _without_false_markers(s.text.split(COLON, 1)[0] if COLON in s.text else s.text, ws)
        if period := _goal_period(opening, ws):
            periods[s.paragraph] = period
        elif s.part != "plan" and (back := next((p for p in ws.back_periods if s.text.startswith(p)), None)):
            periods[s.paragraph] = back  # 五年来，…: a review paragraph of the period's totals
        elif s.part == "plan" and s.paragraph not in of_year and not _names_the_year(s.heading, ws, report_year) \
                and (period := _goal_period(s.heading, ws)):
            periods[s.paragraph] = period  # 二、“十四五”时期主要目标任务: the section's paragraphs (——常住人口城镇化率提高到65%)
    return periods


def _names_the_year(text: str, ws: Words, report_year: int | None) -> bool:
    """Whether a text names the report's year or the one it reviews, not as a base (2022年是…; a
    heading's “十四五”目标和2021年工作; 今年主要预期目标是…): its values are that year's, whatever section
    holds it. A later year (到2025年) is the period's; a base (比2020年下降13.5%) says nothing of it."""
    for word in ws.this_year:
        k = text.find(word)
        while k >= 0:
            if not text.endswith(ws.this_year_not_after, 0, k):
                return True  # (not 成本年均, 五年内)
            k = text.find(word, k + 1)
    years = (report_year, report_year - 1) if report_year else ()
    return any(int(m.group(1)) in years and not ws.base_year.search(text, 0, m.start()) for m in ws.year.finditer(text))


def _goal_period(text: str, ws: Words) -> str | None:
    """The plan period whose goals the text names (“十四五”时期主要目标), if any."""
    period = next((p for p in (*ws.periods, *ws.forward_periods) if p in text), None)
    return period if period and any(word in text for word in ws.goal_words) else None


def _without_false_markers(text: str, ws: Words) -> str:
    """The text without the words that hold a target marker and are none (人均预期寿命)."""
    for word in ws.not_markers:
        text = text.replace(word, "")
    return text


def _states_what_is(clause: str, rest: str, markers: tuple[str, ...], ws: Words) -> bool:
    """A plan's clause that opens with 拥有 or 现有 and holds no target marker, before the value or
    after it in the clause (拥有独角兽企业5家以上的目标 is a target; 现有基础上再新建… is no state)."""
    verb = next((v for v in ws.present_verbs if clause.startswith(v)), None)
    if verb is None or clause.startswith(ws.present_not_before, len(verb)):
        return False
    return not any(m in clause or m in rest for m in markers)


def reviewed_year(meta: ReportMeta, default: int | None) -> int | None:
    """The year the report reviews (the year before the report's), else `default`."""
    return meta.review_year or (meta.report_year - 1 if meta.report_year else default)


def is_preliminary(s: Sentence, text: str, q_start: int, ws: Words) -> bool:
    """Whether a value of a review stands after 预计 in its sentence (预计全年地区生产总值增长2%左右，
    一般公共预算收入增长3%): the whole sentence from the word on gives the year's early figures."""
    if s.part == "plan":
        return False
    before = text[:q_start]
    return any(word in before for word in ws.preliminary)


def _names_an_event(text: str, end: int, ws: Words) -> bool:
    """Whether a plan period ending at `end` names the plan or its start (“十四五”良好开局, “十四五”规划)."""
    return any(w in text[end:end + 6] for w in ws.period_events)


_SHARE = re.compile(f"[0-9.]+[%{FULLWIDTH_PERCENT}]")


def _years_written(text: str, q_start: int, c_start: int, before: str, period: str | None, ws: Words) -> list[int]:
    """The years written before a value that are its own (not a comparison's base), none when the
    value's own clause names a plan period's span after the last (2017年…脱贫摘帽，“十三五”期间累计
    减少…: the period's; not 2024年是实现“十四五”目标任务的关键一年，…增长5.5%)."""
    # (恢复到2019年的80%: a year written right before a share with 的 is its base too; not 增加到2020年的
    # 15616.1亿元, the level the year reached)
    share = _SHARE.match(text, q_start) is not None
    written = [m for m in ws.year.finditer(text, 0, q_start)
               if not ws.base_year.search(text, 0, m.start()) and not (share and text[m.end():q_start] == OF)]
    at = before.rfind(period) if period in ws.period_end else -1
    if written and at >= max(c_start, written[-1].end()) \
            and before[at + len(period):].lstrip(QUOTES).startswith(ws.period_spans):
        return []
    return [int(m.group(1)) for m in written]


def read_when(
    s: Sentence, text: str, clause_span: tuple[int, int], q_start: int, meta: ReportMeta, ws: Words,
    context: str | None = None,
) -> tuple[int | None, str, str | None]:
    """Year (None when the report's year is unknown and the text gives none), status and period of
    a value, from the report part, explicit years, the paragraph's plan period (`context`) and
    target words. 预计 in a review gives a preliminary result of the reviewed year, not a target."""
    c_start, c_end = clause_span
    report_year = meta.report_year
    review_year = meta.review_year or (report_year - 1 if report_year else None)
    status = "Target" if s.part == "plan" else "Actual"
    year = report_year if s.part == "plan" else review_year
    before = text[:q_start]
    # A year or plan period after 比/较 is the base of a comparison (比2023年增加…, 比“十二五”末增长1.5倍), not
    # the value's; so is the year a change starts from (由2013年的2330元增长到8629元).
    period = next((p for p in ws.periods if p in before and not ws.base_period.search(before, 0, before.find(p))
                   and not _names_an_event(before, before.find(p) + len(p), ws)), None)
    forward = next((p for p in ws.forward_periods if p in before), None)
    years = _years_written(text, q_start, c_start, before, period, ws)
    if not years and not period and not forward and context:
        period, forward = (context, None) if context in ws.periods else (None, context)
    if years:
        explicit = years[-1]
        if report_year and explicit >= report_year:
            status, year = "Target", explicit
        elif report_year:
            status, year = "Actual", explicit
        else:
            year = explicit
    elif period in ws.period_end and not before[before.find(period) + len(period):].lstrip(QUOTES).startswith(ws.since):
        # 十三五期间…年均增长8.1%: the plan period's last year; a target if it is still to come.
        # (“十三五”以来 counts the period up to now: the years so far, below.)
        year = ws.period_end[period]
        status = "Target" if report_year and year >= report_year else "Actual"
    elif forward and report_year:
        # 今后五年 / 五年内: the five years that begin with the report's.
        year, status = report_year + 4, "Target"
    elif period:
        year = review_year  # 过去五年: counted back from the reviewed year
    clause = _without_false_markers(text[c_start:q_start], ws)
    markers = ws.targets if s.part == "plan" else ws.review_targets
    if s.part == "plan" and not years and _states_what_is(clause, text[q_start:c_end], markers, ws):
        return review_year, "Actual", period  # 拥有…7000万劳动者: what the region has now
    if any(marker in clause for marker in markers) and not (years and report_year and years[-1] < report_year):
        status = "Target"
        if s.part != "plan" and not years:
            year = report_year or year
    return year, status, period
