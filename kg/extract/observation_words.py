"""The observation table's word lists, prepared once per rule book: sorted, joined into regexes, typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

from kg.grammar import (
    AND,
    CLOSE_BRACKET,
    CLOSE_QUOTE,
    COMMA,
    EM_DASH,
    ENUMERATION_COMMA,
    FULL_STOP,
    FULLWIDTH_PERCENT,
    HAN,
    HORIZONTAL_BAR,
    OF,
    OPEN_BRACKET,
    OPEN_QUOTE,
    SEMICOLON,
)
from kg.rules import RuleBook

# A run of Han characters, quotes and brackets: a noun as written (外贸基地, “上云”企业).
_NOUN_CHARS = f"{HAN}{OPEN_QUOTE}{CLOSE_QUOTE}{OPEN_BRACKET}{CLOSE_BRACKET}()"


@dataclass(frozen=True)
class Words:
    """The observation table's word lists, prepared once per rule book."""

    verbs: tuple[tuple[str, int], ...]  # (verb, +1 rise / -1 fall / 0 level), longest first
    verb_words: tuple[str, ...]  # the verbs alone, for a test in C before the walk
    cut_before: tuple[str, ...]
    post_stop: re.Pattern[str]
    attributes: frozenset[str]
    rank_scope: re.Pattern[str]  # the verb and scope before a rank: 稳居全国(第一), 跃居全省第
    inner_drop: re.Pattern[str]
    inner_time: re.Pattern[str]  # 全年 inside a name, but before a share's whole
    adjusted: re.Pattern[str]  # 扣除留抵退税因素后: the basis a rate is adjusted to
    kind_words: re.Pattern[str]
    manner: re.Pattern[str]
    generic_measures: tuple[str, ...]  # longest first
    topic_heads: frozenset[str]
    total_word: str
    total_prefix: str  # 总: 总里程 after 新增…里程 is its running total
    count_totals: tuple[str, ...]
    topic_verbs: tuple[str, ...]
    plan_words: tuple[str, ...]
    short_forms: tuple[tuple[str, str], ...]  # (short, long)
    fused_verbs: tuple[tuple[str, str], ...]  # (减贫, 减少贫困人口)
    plan_things: tuple[str, ...]
    deed_focus: re.Pattern[str]
    people_heads: tuple[str, ...]
    people_deeds: tuple[str, ...]
    people_all: tuple[str, ...]
    opens_relative: frozenset[str]
    times_units: frozenset[str]
    times_name: str
    address_words: tuple[str, ...]
    pivot_verbs: tuple[str, ...]
    pivot_deeds: tuple[str, ...]
    owner_verbs: tuple[str, ...]
    place_lead_verbs: tuple[str, ...]  # 力争, 推动: verbs before a place opening a subject
    long_cut_after: tuple[str, ...]  # 公司, 厂: where a name too long is cut
    list_verbs: tuple[str, ...]  # 新增, 办理: opening a list's first item, shared by its bare nouns; longest first
    item_deeds: re.Pattern[str]  # any verb in a list item that makes it a deed of its own (惠及居民)
    cumulative: tuple[str, ...]  # 累计: a value after it alone is the running total of the thing before
    place_works: tuple[str, ...]  # 港, 站: after a place, a work the name keeps the place with
    place_works_not: tuple[str, ...]  # 站点, 港口: words those open, where the place is read off
    keep_suffix: tuple[str, ...]  # 水土保持: a name ending so keeps the word strip_suffix would cut
    counted_units: tuple[str, ...]  # 个, 家: units that count, after a bound's noun (10亿元以上项目8个)
    threshold_not_before: tuple[str, ...]  # 高于, 连续: after a bound, no noun of a class
    to_end: re.Pattern[str]  # 至, 提高到 closing the words before a value: it is a level reached
    etc_kinds: tuple[str, ...]  # 地, 国: after a 等 closing a list of places, what they were
    example_kinds: tuple[str, ...]  # 企业: after a 等 closing a list of named things, what they were
    places_counted: re.Pattern[str]  # 三市: the count of a list of places, written after it
    items_counted: re.Pattern[str]  # 两个, 四大: the count of a list's items, written after it
    rank_rate_words: tuple[str, ...]  # 增速: a rank of the rate of what was just named
    rank_scopes: tuple[str, ...]  # 全国, 全省: where a rank stands
    scoped_rank_name: re.Pattern[str]  # 全国省会城市排名 closing a name: a rank's scope and name
    numerals: dict[str, int]  # 两 → 2: the one-character numerals of the rule book
    etc_kinds_not_before: tuple[str, ...]  # 地方, 国有: words those open, which stay
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
    before_words: tuple[str, ...]  # the words alone
    after: dict[str, str]
    inner: tuple[str, ...]
    lead_at_least: tuple[str, ...]  # 至少: anywhere before the value in its clause (至少建成2个)
    strip_prefix: tuple[str, ...]
    strip_suffix: tuple[str, ...]
    shared_heads: tuple[str, ...]
    pair_heads: tuple[str, ...]  # 数量: the head two things joined by 和 share (文件和会议数量)
    measure_ends: tuple[str, ...]  # 数, 量, 率: a name that is a measure already (企业户数)
    alone_endings: tuple[str, ...]
    incident_count: str  # 起数: the count of incidents of the kind before it
    residence_kinds: tuple[str, ...]  # 城镇, 农村牧区: kinds of residence naming a population
    incident_measures: tuple[str, ...]  # 死亡人数: of the incidents a list's count before it names
    split_subjects: tuple[tuple[str, ...], ...]
    targets: tuple[str, ...]
    periods: tuple[str, ...]
    review_targets: tuple[str, ...]  # target markers that still mark a target inside a review
    not_markers: tuple[str, ...]  # words that hold a target marker and are none (预期寿命)
    present_verbs: tuple[str, ...]  # a plan's clause opening with one states what is (拥有…)
    present_not_before: tuple[str, ...]
    preliminary: tuple[str, ...]  # words that, in a review, give a result before the year's final figures
    forward_periods: tuple[str, ...]
    back_periods: tuple[str, ...]  # periods counted back from now that open a review paragraph
    goal_words: tuple[str, ...]
    this_year: tuple[str, ...]  # 今年: a paragraph or heading of the report's own year
    this_year_not_after: tuple[str, ...]  # 成本年均, 五年内: no word of the year after these
    period_end: dict[str, int]
    since: tuple[str, ...]  # 以来: a period counted up to now
    period_spans: tuple[str, ...]  # 期间, 时期: after a period, the values within it (“十三五”期间累计…)
    period_events: tuple[str, ...]  # 开局, 规划: after a period, its start or plan, no time frame
    reject_after: tuple[str, ...]
    max_chars: int
    time_lead: re.Pattern[str]  # years and words of time that may open a subject before its place
    total_words: frozenset[str]  # 总量, 规模: alone, the amount of the quantity just named
    capacity_leads: tuple[str, ...]  # 年产: a value after one is a plant's size
    may_open_word: tuple[str, ...]  # 多: after a value, it may open the next word (多功能)
    bounds: tuple[str, ...]  # 以上, 以下: with 的 after them, the bound of a class of things
    own_goals: tuple[str, ...]  # 目标: what a bound with 的 may be of when the quantity is the report's
    bare_level_verbs: tuple[str, ...]  # 达到: verbs before a count that are not kept in its name
    compare: tuple[str, ...]  # 比, 较
    per_capita_levels: tuple[str, ...]  # 收入: a per-head quantity named so is a level
    industry_head: str  # 产业
    industry_ending: str  # 业
    work_done: str  # 建设
    work_word: str  # 工作
    growth_strip: str  # the characters of approximation stripped before a word of growth
    # The [share] section.
    share_word: str  # 占
    share_about: str  # 约占
    share_measures: tuple[str, ...]  # 比重, 比例 (in table order)
    share_head: str
    share_portion: str
    share_short: str
    covered: tuple[str, ...]
    coverage: str
    rate: str
    # The [lists] section.
    respectively: str  # 分别
    all: str  # 均
    each: tuple[str, ...]  # 各, 双 (in table order)
    all_not_after: tuple[str, ...]  # 平, 人, 日: before 均, part of a word (平均, 人均)
    all_not_of: tuple[str, ...]  # 都市圈: after the places a 均 is of, the places name one thing
    # The [rank] section's words.
    ordinal: str  # 第
    top: str  # 前
    rank_name: str  # 排名
    rank_frame_end: re.Pattern[str]  # …排名中: the 中 closing a ranking at a name's end
    rank_names: tuple[str, ...]
    running: str  # 连续
    running_name: str  # 连续年数
    held_verb: str  # 居
    held_forms: dict[str, str]  # 获得 → 获
    # Patterns, compiled once.
    year: re.Pattern[str]  # 2020年
    year_end: re.Pattern[str]  # 2017年底
    to_year: re.Pattern[str]
    base_year: re.Pattern[str]
    base_period: re.Pattern[str]
    plan_period: re.Pattern[str]
    from_start: re.Pattern[str]  # 从A增加到B: the words before A
    from_tail: re.Pattern[str]  # the same with a 分别 before them, as they are removed from the subject
    to_level: re.Pattern[str]
    etc: re.Pattern[str]
    done_after: re.Pattern[str]
    compared: re.Pattern[str]
    object_of: re.Pattern[str]
    rank_topic: re.Pattern[str]
    respective: re.Pattern[str]
    ordinal_lead: re.Pattern[str]
    batch: re.Pattern[str]
    levels_scope: re.Pattern[str]
    level_light: re.Pattern[str]
    growth_word: re.Pattern[str]
    share_unnamed: re.Pattern[str]  # X占Y not yet ending in a word of share
    share_long: re.Pattern[str]  # X占Y比重: X, to be said short
    base_left: re.Pattern[str]  # 比 or 较 ending a name whose base is gone
    owner: re.Pattern[str]  # 的 and the owner of an attribute after a value
    not_in_noun: re.Pattern[str]
    top_share: re.Pattern[str]  # 前1%
    years_span: re.Pattern[str]  # 两年: a span of years alone, before an average growth
    average_verbs: tuple[str, ...]  # 平均增长
    beneficiary: re.Pattern[str]  # 为市场主体: whom a relief is for, opening its name
    per_unit: re.Pattern[str]  # 每个县: a quota per unit of government opening a name
    per_unit_verbs: tuple[str, ...]  # 建成: the verb of making between it and the counted noun


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
        rank_rate_words=w("rank", "rate_words"), rank_scopes=w("rank", "scopes"),
        scoped_rank_name=re.compile(f"(?:{_alt(w('rank', 'scopes'))})(?:{_alt(w('rank', 'peers'))})?"
                                    f"{re.escape(rules.table('observations')['rank']['name'])}$"),
        numerals={**rules.digits, **{m: v for m, v in rules.multipliers.items() if v == 10}},
        **_verb_words(w),
        **_qualifier_words(w, table),
        **_indicator_words(w, table, rules),
        **_indicator_patterns(w, rules),
        **_status_words(w, table),
        **_share_words(table),
        **_rank_words(table),
        **_name_patterns(table),
    )


def _verb_words(w: _Lookup) -> dict[str, Any]:
    """The [verbs] section: every verb with its sign, longest first."""
    verbs = tuple(sorted(
        [(v, 1) for v in w("verbs", "rise")] + [(v, -1) for v in w("verbs", "fall")] + [(v, 0) for v in w("verbs", "level")],
        key=lambda p: (-len(p[0]), -abs(p[1])),
    ))
    return dict(verbs=verbs, verb_words=tuple(v for v, _ in verbs))


def _qualifier_words(w: _Lookup, table: dict[str, Any]) -> dict[str, Any]:
    """The [qualifier] section: the words before and after a value that make it approximate or a bound."""
    before = [(x, "About") for x in w("qualifier", "before_about")]
    before += [(x, "AtLeast") for x in w("qualifier", "before_at_least")]
    before += [(x, "AtMost") for x in w("qualifier", "before_at_most")]
    after = {x: "About" for x in table["qualifier"]["after_about"]}
    after |= {x: "AtLeast" for x in table["qualifier"]["after_at_least"]}
    after |= {x: "AtMost" for x in table["qualifier"]["after_at_most"]}
    before = sorted(before, key=lambda p: -len(p[0]))
    return dict(
        before=tuple(before), before_words=tuple(x for x, _ in before), after=after,
        inner=w("qualifier", "inner_at_least"), lead_at_least=w("qualifier", "lead_at_least"),
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
        owner_verbs=w("indicator", "owner_verbs"), topic_heads=frozenset(w("indicator", "topic_heads")), topic_verbs=w("indicator", "topic_verbs"),
        plan_words=w("indicator", "plan_words"), short_forms=tuple(table["indicator"]["short_forms"].items()), fused_verbs=tuple(table["indicator"]["fused_verbs"].items()), plan_things=w("indicator", "plan_things"),
        deed_focus=re.compile(table["indicator"]["deed_focus"]), people_heads=w("indicator", "people_heads"), people_deeds=w("indicator", "people_deeds"),
        people_all=w("indicator", "people_all"), opens_relative=frozenset(w("indicator", "opens_relative")),
        times_units=frozenset(w("indicator", "times_units")), times_name=table["indicator"]["times_name"],
        address_words=w("indicator", "address_words"),
        pivot_verbs=w("indicator", "pivot_verbs"), pivot_deeds=w("indicator", "pivot_deeds"),
        cumulative=w("indicator", "cumulative"),
        list_verbs=tuple(sorted(w("indicator", "list_verbs"), key=len, reverse=True)),
        place_lead_verbs=w("indicator", "place_lead_verbs"), long_cut_after=w("indicator", "long_cut_after"),
        item_deeds=re.compile(_alt([
            *w("indicator", "item_deeds"), *w("indicator", "list_verbs"), *w("indicator", "deed_verbs"),
            *(v for key in ("rise", "fall", "level") for v in w("verbs", key) if len(v) > 1),
        ])),
        place_works=w("indicator", "place_works"), place_works_not=w("indicator", "place_works_not"),
        keep_suffix=w("indicator", "keep_suffix"), counted_units=w("indicator", "counted_units"),
        threshold_not_before=w("indicator", "threshold_not_before"), etc_kinds=w("names", "etc_kinds"), example_kinds=w("names", "example_kinds"),
        etc_kinds_not_before=w("names", "etc_kinds_not_before"),
        strip_prefix=w("indicator", "strip_prefix"), strip_suffix=w("indicator", "strip_suffix"),
        shared_heads=w("indicator", "shared_heads"), alone_endings=w("indicator", "alone_endings"),
        pair_heads=w("indicator", "pair_heads"), measure_ends=w("indicator", "measure_ends"),
        incident_count=table["indicator"]["incident_count"], residence_kinds=w("indicator", "residence_kinds"), incident_measures=w("indicator", "incident_measures"),
        split_subjects=tuple(tuple(x) for x in table["indicator"]["split_subjects"]),
        reject_after=w("indicator", "reject_after"), max_chars=int(table["indicator"]["max_chars"]),
        total_words=frozenset(w("indicator", "total_words")), total_word=table["indicator"]["total_word"], total_prefix=table["indicator"]["total_prefix"], count_totals=w("indicator", "count_totals"), capacity_leads=w("indicator", "capacity_leads"),
        may_open_word=w("qualifier", "may_open_word"), bounds=w("indicator", "bounds"),
        own_goals=w("indicator", "own_goals"), bare_level_verbs=w("indicator", "bare_level_verbs"),
        compare=w("indicator", "compare"), per_capita_levels=w("indicator", "per_capita_levels"),
        **{k: table["indicator"][k] for k in ("industry_head", "industry_ending", "work_done", "work_word", "growth_strip")},
    )


def _share_words(table: dict[str, Any]) -> dict[str, Any]:
    """The [share] and [lists] sections: the words of a share and those that spread values over a list."""
    share, lists = table["share"], table["lists"]
    return dict(
        share_word=share["word"], share_about=share["about"], share_measures=tuple(share["measures"]),
        share_head=share["head"], share_portion=share["portion"], share_short=share["short"],
        covered=tuple(share["covered"]), coverage=share["coverage"], rate=share["rate"],
        respectively=lists["respectively"], all=lists["all"], each=tuple(lists["each"]), all_not_after=tuple(lists["all_not_after"]), all_not_of=tuple(lists["all_not_of"]),
    )


def _rank_words(table: dict[str, Any]) -> dict[str, Any]:
    """The words of the [rank] section that name a rank and a rank held for years running."""
    rank = table["rank"]
    return dict(
        ordinal=rank["ordinal"], top=rank["top"], rank_name=rank["name"], rank_frame_end=re.compile(rank["frame_end"]), rank_names=tuple(rank["names"]),
        running=rank["running"], running_name=rank["running_name"], held_verb=rank["held_verb"],
        held_forms=dict(rank["held_forms"]),
    )


def _indicator_patterns(w: _Lookup, rules: RuleBook) -> dict[str, Any]:
    """The word lists of the [indicator] and [rank] sections joined into regexes."""
    table = rules.table("observations")
    rank = table["rank"]
    return dict(
        # 规模以上 and 省级以上 are words of a name, not a qualifier that ends it.
        post_stop=re.compile("|".join(
            ("".join(f"(?<!{re.escape(k)})" for k in w("indicator", "bound_kept_after")) if x in w("indicator", "bounds") else "")
            + re.escape(x) for x in w("indicator", "post_stop")
        )),
        rank_scope=re.compile(
            "(?:" + rank["running_years"] + r")?(?P<verb>" + "|".join(sorted(
                map(re.escape, (*w("rank", "leads"), *w("indicator", "ordinal_verbs"))), key=len, reverse=True
            )) + r")?(?P<scope>(?:" + _alt(w("rank", "scopes")) + ")(?:(?P<count>" + rank["peer_count"] + ")?(?:" + _alt(w("rank", "peers")) + "))?)(?:" + _alt(w("rank", "peers_unnamed")) + f")?(?:{re.escape(rank['ordinal'])})?$"
        ),
        **_level_patterns(w, rules),
        count_activities=re.compile("^(?:" + "|".join(map(re.escape, w("indicator", "count_activities"))) + ")"),
        kind_words=re.compile("(?:" + "|".join(map(re.escape, w("indicator", "kind_words")))
                              + f")(?=[^{COMMA},{SEMICOLON};{FULL_STOP}]{{3}})"),
        manner=re.compile("^(?:(?:" + "|".join(map(re.escape, w("indicator", "manner_adverbs")))
                          + f")[{ENUMERATION_COMMA}{AND}]?)+(?=" + "|".join(map(re.escape, w("indicator", "manner_verbs"))) + ")"),
        inner_drop=re.compile("|".join(map(re.escape, w("indicator", "inner_drop")))),
        inner_time=re.compile(table["indicator"]["inner_time"]), adjusted=re.compile(table["indicator"]["adjusted"]),
        time_lead=re.compile("(?:(?:" + table["when"]["year_lead"] + ")|" + _alt(w("indicator", "time_leads"))
                             + f")+[{COMMA},]?"),
    )


def _level_patterns(w: _Lookup, rules: RuleBook) -> dict[str, Any]:
    """The next item of a list of levels of government, with or without its own count."""
    return dict(
        next_level=re.compile(
            f"^[{ENUMERATION_COMMA}{AND}]" + r"(?P<count>[0-9]+(?:\.[0-9]+)?(?:" + _alt(_counters(rules)) + r"))?(?P<level>"
            + _alt(w("indicator", "levels")) + f")(?P<noun>[{_NOUN_CHARS}]+)"
        ),
        next_level_count=re.compile(
            f"^[{ENUMERATION_COMMA}{AND}]" + r"(?P<level>" + _alt(w("indicator", "levels")) + r")[0-9]+(?:\.[0-9]+)?(?:"
            + _alt(_counters(rules)) + f")(?P<noun>[{_NOUN_CHARS}]+)"
        ),
    )


def _status_words(w: _Lookup, table: dict[str, Any]) -> dict[str, Any]:
    """The [status] and [period_end] sections: the words that make a value a target, a period's or early."""
    return dict(
        targets=w("status", "target_markers"), periods=w("status", "periods"),
        review_targets=tuple(t for t in w("status", "target_markers") if t not in w("status", "preliminary")),
        preliminary=w("status", "preliminary"), not_markers=w("status", "not_markers"),
        present_verbs=w("status", "present_verbs"), present_not_before=w("status", "present_not_before"),
        forward_periods=w("status", "forward_periods"), back_periods=w("status", "back_periods"),
        goal_words=w("status", "goal_words"), this_year=w("status", "this_year"), this_year_not_after=w("status", "this_year_not_after"),
        period_end={k: int(v) for k, v in table["period_end"].items()}, since=w("status", "since"), period_spans=w("status", "period_spans"),
        period_events=w("status", "period_events"),
    )


def _name_patterns(table: dict[str, Any]) -> dict[str, Any]:
    """The [when] and [names] patterns, compiled, and the patterns built of words of the table."""
    when, indicator, share = table["when"], table["indicator"], table["share"]
    compiled = {key: re.compile(pattern) for key, pattern in when.items() if key != "year_lead"}  # year_lead: in time_lead
    compiled |= {key: re.compile(pattern) for key, pattern in table["names"].items() if isinstance(pattern, str)}
    counters, breakers = "".join(indicator["owner_counters"]), "".join(indicator["noun_breakers"])
    return dict(
        **compiled,
        to_end=re.compile(f"(?:{when['to_level']})$"),
        from_tail=re.compile(f"(?:{re.escape(table['lists']['respectively'])})?(?:{when['from_start']})"),
        share_unnamed=re.compile(
            f"{share['word']}[^{share['word']}]{{2,}}" + "".join(f"(?<!{re.escape(x)})" for x in share["named"]) + "$"
        ),
        share_long=re.compile(f"^(.+?){share['word']}.+(?:{_alt(share['measures'])})$"),
        base_left=re.compile(f"(?<![{''.join(indicator['compare_kept_after'])}])(?:{_alt(indicator['compare'])})$"),
        owner=re.compile(
            rf"^{OF}(?:\d+(?:\.\d+)?[{counters}])?(?P<owner>[{_NOUN_CHARS}{EM_DASH}{HORIZONTAL_BAR}\-]{{2,30}})"
        ),
        not_in_noun=re.compile(f"[{breakers}]"),
        per_unit_verbs=tuple(table["names"]["per_unit_verbs"]), average_verbs=tuple(table["names"]["average_verbs"]),
        top_share=re.compile(re.escape(table["rank"]["top"]) + f"[0-9]+(?:\\.[0-9]+)?[%{FULLWIDTH_PERCENT}]"),
    )
