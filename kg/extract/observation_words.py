"""The observation table's word lists, prepared once per rule book: sorted, joined into regexes, typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

from kg.rules import RuleBook


@dataclass(frozen=True)
class Words:
    """The observation table's word lists, prepared once per rule book."""

    verbs: tuple[tuple[str, int], ...]  # (verb, +1 rise / -1 fall / 0 level), longest first
    cut_before: tuple[str, ...]
    post_stop: re.Pattern[str]
    attributes: frozenset[str]
    rank_scope: re.Pattern[str]  # the verb and scope before a rank: 稳居全国(第一), 跃居全省第
    inner_drop: re.Pattern[str]
    kind_words: re.Pattern[str]
    manner: re.Pattern[str]
    generic_measures: tuple[str, ...]  # longest first
    owner_verbs: tuple[str, ...]
    ordinal_verbs: tuple[str, ...]
    boundaries: frozenset[str]
    work_nouns: frozenset[str]
    per_capita: tuple[str, ...]
    keep_prefix: tuple[str, ...]
    joined_words: tuple[str, ...]  # 涉及, 和美: words a name keeps whole where joining characters are dropped
    levels: tuple[str, ...]  # levels of government a count may be split by (国家级, 省级, 省)
    next_level: re.Pattern[str]  # 、8个省级外贸基地 / 、市级美丽乡村: the next item of a list of levels
    next_level_count: re.Pattern[str]  # 、县级216项行政备案事项: the next level with its count and noun
    grantors: tuple[str, ...]  # who grants (国家), dropped only after a verb of receiving
    grant_verbs: frozenset[str]
    count_activities: re.Pattern[str]
    deed_verbs: tuple[str, ...]
    light_deed_verbs: tuple[str, ...]
    before: tuple[tuple[str, str], ...]  # (word, qualifier), longest first
    after: dict[str, str]
    inner: tuple[str, ...]
    strip_prefix: tuple[str, ...]
    strip_suffix: tuple[str, ...]
    shared_heads: tuple[str, ...]
    split_subjects: tuple[tuple[str, ...], ...]
    targets: tuple[str, ...]
    periods: tuple[str, ...]
    review_targets: tuple[str, ...]  # target markers that still mark a target inside a review
    preliminary: tuple[str, ...]  # words that, in a review, give a result before the year's final figures
    forward_periods: tuple[str, ...]
    back_periods: tuple[str, ...]  # periods counted back from now that open a review paragraph
    goal_words: tuple[str, ...]
    period_end: dict[str, int]
    since: tuple[str, ...]  # 以来: a period counted up to now
    reject_after: tuple[str, ...]
    max_chars: int
    time_lead: re.Pattern[str]  # years and words of time that may open a subject before its place
    total_words: frozenset[str]  # 总量, 规模: alone, the amount of the quantity just named
    capacity_leads: tuple[str, ...]  # 年产: a value after one is a plant's size


_Lookup = Callable[[str, str], tuple[str, ...]]


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _counters(rules: RuleBook) -> list[str]:
    """The units that count things or people (个, 家, 项, 名), as written."""
    return [u for u, unit in rules.units.items() if unit.dimension in ("count", "people") and unit.scale == 1]


@cache
def prepare_words(rules: RuleBook) -> Words:
    """The observation table of `rules` as one prepared `Words`, built once per rule book."""
    w = lambda section, key: rules.words("observations", section, key)  # noqa: E731
    table = rules.table("observations")
    return Words(
        **_verb_words(w),
        **_qualifier_words(w, table),
        **_indicator_words(w, table, rules),
        **_indicator_patterns(w, rules),
        **_status_words(w, table),
    )


def _verb_words(w: _Lookup) -> dict[str, Any]:
    """The [verbs] section: every verb with its sign, longest first."""
    return dict(
        verbs=tuple(sorted(
            [(v, 1) for v in w("verbs", "rise")] + [(v, -1) for v in w("verbs", "fall")]
            + [(v, 0) for v in w("verbs", "level")],
            key=lambda p: (-len(p[0]), -abs(p[1])),
        )),
    )


def _qualifier_words(w: _Lookup, table: dict[str, Any]) -> dict[str, Any]:
    """The [qualifier] section: the words before and after a value that make it approximate or a bound."""
    before = [(x, "About") for x in w("qualifier", "before_about")]
    before += [(x, "AtLeast") for x in w("qualifier", "before_at_least")]
    before += [(x, "AtMost") for x in w("qualifier", "before_at_most")]
    after = {x: "About" for x in table["qualifier"]["after_about"]}
    after |= {x: "AtLeast" for x in table["qualifier"]["after_at_least"]}
    after |= {x: "AtMost" for x in table["qualifier"]["after_at_most"]}
    return dict(
        before=tuple(sorted(before, key=lambda p: -len(p[0]))), after=after,
        inner=w("qualifier", "inner_at_least"),
    )


def _indicator_words(w: _Lookup, table: dict[str, Any], rules: RuleBook) -> dict[str, Any]:
    """The word lists of the [indicator] section, as tuples and sets."""
    return dict(
        cut_before=w("indicator", "cut_before"),
        attributes=frozenset(w("indicator", "attributes")),
        ordinal_verbs=w("indicator", "ordinal_verbs"),
        boundaries=rules.boundaries,
        work_nouns=frozenset(table["indicator"]["work_nouns"]),
        per_capita=w("indicator", "per_capita"),
        keep_prefix=w("indicator", "keep_prefix"), joined_words=w("indicator", "joined_words"),
        levels=tuple(sorted(w("indicator", "levels"), key=len, reverse=True)),
        grantors=w("indicator", "grantors"), grant_verbs=frozenset(w("indicator", "grant_verbs")),
        deed_verbs=w("indicator", "deed_verbs"), light_deed_verbs=w("indicator", "light_deed_verbs"),
        generic_measures=tuple(sorted(w("indicator", "generic_measures"), key=len, reverse=True)),
        owner_verbs=w("indicator", "owner_verbs"),
        strip_prefix=w("indicator", "strip_prefix"), strip_suffix=w("indicator", "strip_suffix"),
        shared_heads=w("indicator", "shared_heads"),
        split_subjects=tuple(tuple(x) for x in table["indicator"]["split_subjects"]),
        reject_after=w("indicator", "reject_after"), max_chars=int(table["indicator"]["max_chars"]),
        total_words=frozenset(w("indicator", "total_words")), capacity_leads=w("indicator", "capacity_leads"),
    )


def _indicator_patterns(w: _Lookup, rules: RuleBook) -> dict[str, Any]:
    """The word lists of the [indicator] and [rank] sections joined into regexes."""
    return dict(
        # 规模以上 and 省级以上 are words of a name, not a qualifier that ends it.
        post_stop=re.compile("|".join(
            ("(?<![模级])" if x in ("以上", "以下") else "") + re.escape(x) for x in w("indicator", "post_stop")
        )),
        rank_scope=re.compile(
            r"(?:连续[0-9一二三四五六七八九十]+年)?(?P<verb>" + "|".join(sorted(
                map(re.escape, (*w("rank", "leads"), *w("indicator", "ordinal_verbs"))), key=len, reverse=True
            )) + r")?(?P<scope>" + "|".join(map(re.escape, w("rank", "scopes"))) + r")第?$"
        ),
        **_level_patterns(w, rules),
        count_activities=re.compile("^(?:" + "|".join(map(re.escape, w("indicator", "count_activities"))) + ")"),
        kind_words=re.compile("(?:" + "|".join(map(re.escape, w("indicator", "kind_words"))) + r")(?=[^，,；;。]{3})"),
        manner=re.compile("^(?:(?:" + "|".join(map(re.escape, w("indicator", "manner_adverbs"))) + ")[、和]?)+(?="
                          + "|".join(map(re.escape, w("indicator", "manner_verbs"))) + ")"),
        inner_drop=re.compile("|".join(map(re.escape, w("indicator", "inner_drop")))),
        time_lead=re.compile(r"(?:(?:19|20)[0-9]{2}\s*年|" + _alt(w("indicator", "time_leads")) + r")+[，,]?"),
    )


def _level_patterns(w: _Lookup, rules: RuleBook) -> dict[str, Any]:
    """The next item of a list of levels of government, with or without its own count."""
    return dict(
        next_level=re.compile(
            r"^[、和](?P<count>[0-9]+(?:\.[0-9]+)?(?:" + _alt(_counters(rules)) + r"))?(?P<level>" + _alt(w("indicator", "levels"))
            + r")(?P<noun>[\u4e00-\u9fff“”（）()]+)"
        ),
        next_level_count=re.compile(
            r"^[、和](?P<level>" + _alt(w("indicator", "levels")) + r")[0-9]+(?:\.[0-9]+)?(?:" + _alt(_counters(rules))
            + r")(?P<noun>[\u4e00-\u9fff“”（）()]+)"
        ),
    )


def _status_words(w: _Lookup, table: dict[str, Any]) -> dict[str, Any]:
    """The [status] and [period_end] sections: the words that make a value a target, a period's or early."""
    return dict(
        targets=w("status", "target_markers"), periods=w("status", "periods"),
        review_targets=tuple(t for t in w("status", "target_markers") if t not in w("status", "preliminary")),
        preliminary=w("status", "preliminary"),
        forward_periods=w("status", "forward_periods"), back_periods=w("status", "back_periods"),
        goal_words=w("status", "goal_words"),
        period_end={k: int(v) for k, v in table["period_end"].items()}, since=w("status", "since"),
    )
