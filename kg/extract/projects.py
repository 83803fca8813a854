"""Project mentions: names ending like works (…大桥, …污水处理厂扩建, …产业园二期), road
names (G320, …大道), and items of the lists that name projects (X、Y等N个项目).

A project's name runs back from its ending over the words of its name and stops at a
verb, a function word or punctuation; names that are campaigns or generic works
(三年行动, 雪亮工程, 技术改造) are rejected by the stop table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


from kg import trace
from kg.grammar import (
    AND, AND_ALSO, CLAUSE_MARKS, CLOSE_QUOTE, COLON, COMMA, EM_DASH, EN_DASH, ENUMERATION_COMMA, ETC, FULL_STOP,
    FULLWIDTH_HYPHEN_MINUS, HAN, HORIZONTAL_BAR, JOINERS, OF, OPEN_BRACKET, OPEN_QUOTE, PLUS_MINUS, SEMICOLON, TO,
)
from kg.extract.enterprises import BRAND as BRAND_E
from kg.extract.enterprises import LIST as LIST_E
from kg.extract.enterprises import (
    EnterpriseRules, category_says_not, enterprise_rules, has_company_ending, is_enterprise_name, list_items,
    strip_lead,
)
from kg.extract.brands import (
    LEAD_BRAND, brand_after_place, brand_of, industry_head, may_be_brand, only_proper_words,
)
from kg.extract.names import (
    FUNCTION_CHARS, Walk, after_last_boundary, is_known_word, name_start, prefixes_in, suffixes_in, word_table,
)
from kg.extract.tokens import (
    SentenceTokens, cut_words, dictionary_words, is_punct, proper_names, token_at, tokens_around,
)
from kg.extract.trie import compile_words
from kg.errors import RuleError
from kg.model import Mention, Sentence
from kg.rules import RuleBook

SUFFIX = "project.suffix"
ROAD = "project.road"
LIST = "project.list"
ROUTES = "project.route_list"
TRANSFER = "project.water_transfer"
PORT = "project.port"
CRAFT = "project.craft"

@dataclass(frozen=True)
class ProjectRules:
    """Project tables compiled once per rule book."""

    endings: re.Pattern[str]
    road: re.Pattern[str]
    metro: re.Pattern[str]  # 地铁3号线: the line; its city is walked back to
    named: frozenset[str]
    part_heads: tuple[str, ...]  # named endings of works (医院, 水电站) a part's name may follow
    stop: frozenset[str]
    generic_tails: tuple[str, ...]
    works: tuple[str, ...]  # endings of a project list's items that are works
    road_endings: tuple[str, ...]
    industry_heads: tuple[str, ...]
    list: re.Pattern[str]  # X、Y等N个项目: the items of a list of projects
    list_needs: tuple[str, ...]  # words one of which a match of `list` holds
    bad_start: tuple[str, ...]
    lone_stem_chars: str
    bilateral_opens: tuple[str, ...]  # 中: 中缅口岸 is China's port with a country, no rare name
    toponym_chars: str  # 山, 湖, 岩: the ends of names of mountains and waters
    title_verbs: tuple[str, ...]
    slogan_prefixes: frozenset[str]
    institution_parts: tuple[str, ...]
    place_after: tuple[str, ...]
    countries: tuple[str, ...]
    regions: tuple[str, ...]  # multi-division regions (珠三角): a region's kind of work is a kind
    capacity: re.Pattern[str]  # 旗滨|年产…: a name before a capacity is the investor's
    capacity_words: tuple[str, ...]
    not_brand_endings: tuple[str, ...]
    work_verbs: tuple[str, ...]
    named_stems: tuple[str, ...]
    fused_after: tuple[str, ...]
    stretch: str
    port: str  # 港: after division or region names, a port (青岛港)
    extensions: tuple[str, ...]
    routes: tuple[str, ...]  # endings of routes, whose stretches are works (商合杭铁路长兴段, 104国道长兴段)
    counterpart_verbs: tuple[str, ...]
    runs_on_after: re.Pattern[str]
    walk: Walk  # how far back a name may run from its ending
    kind_words: frozenset[str]  # a level, an owner, a size or a quality (公立, 县级, 特色): a kind of work
    route_heads: tuple[str, ...]  # kinds of route a list of routes' short names closes on (高速公路)
    route_list: re.Pattern[str]  # 沈海、长深等高速公路: where a list of routes' short names closes
    named_routes: tuple[str, ...]  # endings a list's last route carries for all (津石高速)
    linear_parks: tuple[str, ...]  # parks with stretches as routes have (长征国家文化公园遵义段)
    area_endings: tuple[str, ...]  # an item ending so is an area, no division sharing a work
    transport: tuple[str, ...]  # works a longer name may run on from (高铁 in 西部高铁枢纽)
    built: tuple[str, ...]  # words saying a list is being built (对接A、B建设)
    created_works: tuple[str, ...]  # works made by 创建 (国家公园), not titles sought
    partner_openers: tuple[str, ...]  # 与, 同: what follows up to a verb of partnership is a partner
    partner_verbs: tuple[str, ...]
    speed_after: tuple[str, ...]  # 中高速增长: a speed, not a road
    transfer: re.Pattern[str]  # 引江济淮, 引江补汉工程: a water transfer named by its rivers
    craft: re.Pattern[str]  # 嫦娥五号, 蛟龙号载人潜水器: a spacecraft or vessel named by a word and a number
    craft_not_before: tuple[str, ...]  # 中央一号文件, 一号工程: a document or a campaign, no craft
    craft_max_freq: int  # 市委, 集团: a word this common in jieba's dictionary names no craft
    craft_after: tuple[str, ...]  # 任务, 目标飞行器: words a craft's name stands before
    craft_variant_of: tuple[str, ...]  # 星, 卫星, 运载火箭: what a variant's letter or number stands before
    institution_list: re.Pattern[str]  # 、…等医疗机构: what closes a list of institutions
    short_endings: tuple[str, ...]  # 二环: an ending that takes a one-character stem
    directions: tuple[str, ...]
    main_works: tuple[str, ...]  # 主体工程: the main works of a work, no work of its own
    site_endings: tuple[str, ...]  # 公园, 港区: a stem with a word jieba does not know names one site
    part_endings: tuple[str, ...]  # 大楼: a work only as a named work's part
    part_levels: tuple[str, ...]  # 市, 县: a level opening a named work's head makes it the report's own
    part_levels_not_before: tuple[str, ...]  # 级: 县级医院 is a kind
    abstract_parts: tuple[str, ...]  # 信息化, 改革: parts that make a kind of work
    branch_endings: tuple[str, ...]  # 分院: a hospital's branch only
    branch_of: tuple[str, ...]  # 医院: what a branch must be of
    link_words: tuple[str, ...]  # 特高压, 合作: a work named by two ends joined by a dash holds one
    directed_works: tuple[str, ...]  # 工程: a work whose stretch a direction names (…工程南段)
    investor_heads: tuple[str, ...]  # 项目: a list closing so may name investors
    line_endings: tuple[str, ...]
    figurative_endings: tuple[str, ...]  # 路 after 的: a figure of speech
    verb_after: tuple[str, ...]
    pronouns: tuple[str, ...]
    group_after: tuple[str, ...]
    speed_words: tuple[str, ...]
    region_suffix: tuple[str, ...]
    programme_endings: tuple[str, ...]  # 工程 after a quoted slogan: a programme
    scope_leads: tuple[str, ...]  # 主城区: a part of the city before a work's name, no part of it
    specific: re.Pattern[str]  # a number, Latin letters or quotes: a generic ending names one work
    counted_name: re.Pattern[str]
    numbered: re.Pattern[str]
    size_class: re.Pattern[str]
    level_institution: re.Pattern[str]  # 县人民医院: a hospital named by the report's level alone
    built_before: tuple[str, ...]  # 新建, 建成: before such a hospital, it is a new one, a work
    built_after: tuple[str, ...]  # 建成, 投用: after it, likewise
    companion_joins: tuple[str, ...]  # 及: between a work and its companion works (…枢纽及配套灌区工程)
    companion_works: tuple[str, ...]  # 配套: what opens a work's companion works
    companion: re.Pattern[str]  # 及配套工程: a work's companion works written right after it, of no name of their own
    part_works: re.Pattern[str]  # 及第四跑道工程: the works of a part of a work after it (see _with_part_works)
    companion_ends: tuple[str, ...]  # 工程, 项目: what closes companion works and a part's works
    part_works_not_open: tuple[str, ...]  # 及一批项目, 及相关工程: counts and kinds, no part of the work
    bracket_before: re.Pattern[str]
    bracketed_qualifier: re.Pattern[str]
    bracketed_place: re.Pattern[str]
    level: re.Pattern[str]
    latin_digit: re.Pattern[str]
    count_of: re.Pattern[str]
    abbreviation: re.Pattern[str]
    abbreviation_tail: re.Pattern[str]
    numeral: re.Pattern[str]
    counted_after: re.Pattern[str]
    stretch_tail: re.Pattern[str]
    next_lines: re.Pattern[str]  # 、4号线: a line listed after a metro line


# The project rules' word lists kept beside projects.toml (see the head of kg/rules/project_words.toml).
_WORDS = "project_words"
_WORD_KEYS = (("suffix", ("kind_words", "linear_parks", "transfer_verbs", "transfer_links", "craft_kinds", "craft_not_before",
                          "craft_after", "craft_variant_of")), ("list", ("route_heads", "named_routes")),
              ("stop", ("area_endings", "transport", "built", "created_works", "partner_openers", "partner_verbs",
                        "speed_after", "institution_heads")))


# Word lists of project_words.toml read as they are, each into the ProjectRules field of its key's name.
_WORD_TUPLES = (("list", ("route_heads", "named_routes")), ("suffix", ("linear_parks", "craft_not_before", "craft_after",
                                                                     "craft_variant_of")),
                ("stop", ("area_endings", "transport", "built", "created_works", "partner_openers", "partner_verbs",
                          "speed_after")))

# Word lists of projects.toml read as they are, each into the ProjectRules field of its key's name.
_LISTS = (("suffix", ("short_endings", "directions", "main_works", "site_endings", "part_endings", "part_levels",
                      "part_levels_not_before", "abstract_parts", "branch_endings", "branch_of", "link_words",
                      "directed_works", "bilateral_opens", "built_before", "built_after", "companion_joins",
                      "companion_works", "companion_ends", "part_works_not_open")),
          ("list", ("investor_heads", "line_endings")),
          ("stop", ("scope_leads", "figurative_endings", "verb_after", "pronouns", "group_after", "speed_words", "region_suffix",
                    "programme_endings")))


# A {name} left in a pattern after the fills: a typo of a list's name (regex counts are {2,4}).
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")


def _companion(suffix: dict) -> re.Pattern[str]:
    """及配套…工程: a work's companion works written right after it (projects.toml companion_*)."""
    def alternation(key: str) -> str:
        return "|".join(map(re.escape, suffix[key]))
    return re.compile(f"(?:{alternation('companion_joins')})(?:{alternation('companion_works')})[{HAN}]{{0,6}}?"
                      f"(?:{alternation('companion_ends')})")


def _part_works(suffix: dict) -> re.Pattern[str]:
    """及…工程: the works of a part of a work written right after it (see _with_part_works)."""
    return re.compile(f"(?:{'|'.join(map(re.escape, suffix['companion_joins']))})"
                      f"(?P<stem>[{HAN}A-Za-z0-9]{{2,8}}?)(?:{'|'.join(map(re.escape, suffix['companion_ends']))})")


@cache
def project_rules(rules: RuleBook) -> ProjectRules:
    table = rules.table("projects")
    words = word_table(_WORDS, _WORD_KEYS)
    w = lambda section, key: rules.words("projects", section, key)  # noqa: E731
    return ProjectRules(
        **_patterns(rules, words),
        named=frozenset(table["suffix"]["named_endings"]),
        part_heads=tuple(e for e in table["suffix"]["named_endings"]
                         if len(e) >= 2 and e in table["suffix"]["endings"] and e != table["suffix"]["stretch"]),
        stop=frozenset(table["stop"]["not_project_words"]),
        generic_tails=w("stop", "generic_tails"),
        works=w("list", "works_endings"),
        list_needs=w("list", "needs"),
        road_endings=w("list", "road_endings"),
        industry_heads=w("list", "industry_heads"),
        bad_start=w("stop", "bad_start"),
        lone_stem_chars="".join(table["suffix"]["lone_stem_chars"] + table["suffix"]["toponym_chars"]),
        toponym_chars="".join(table["suffix"]["toponym_chars"]),
        title_verbs=w("stop", "title_verbs"),
        slogan_prefixes=frozenset(table["stop"]["slogan_prefixes"]),
        institution_parts=w("stop", "institution_parts"),
        place_after=w("stop", "place_after"),
        countries=rules.words("places", "regions", "Country"),
        regions=rules.words("places", "regions", "Region"),
        capacity_words=w("stop", "capacity_words"),
        not_brand_endings=w("stop", "not_brand_endings"),
        work_verbs=tuple(sorted(w("suffix", "work_verbs"), key=len, reverse=True)),  # 品质提升 before 提升
        named_stems=w("suffix", "named_stems"),
        fused_after=w("suffix", "fused_after"),
        stretch=table["suffix"]["stretch"],
        port=table["suffix"]["port"],
        extensions=w("suffix", "extensions"),
        routes=w("list", "routes"),
        counterpart_verbs=w("stop", "counterpart_verbs"),
        walk=Walk(max_chars=int(table["suffix"]["max_stem"]), max_tokens=8, digits=True, quotes=True),
        kind_words=frozenset(words["suffix"]["kind_words"]), craft_max_freq=int(table["suffix"]["craft_max_freq"]),
        **{key: tuple(words[section][key]) for section, keys in _WORD_TUPLES for key in keys},
        companion=_companion(table["suffix"]),
        part_works=_part_works(table["suffix"]),
        **{key: w(section, key) for section, keys in _LISTS for key in keys},
    )


def _patterns(rules: RuleBook, words: dict) -> dict[str, re.Pattern[str]]:
    """The ProjectRules fields that are patterns, compiled from the tables."""
    table = rules.table("projects")
    alt = lambda section, key: "|".join(map(re.escape, rules.words("projects", section, key)))  # noqa: E731
    function_chars = "".join(sorted(FUNCTION_CHARS))
    patterns = table["patterns"]
    # The word lists a pattern's {name} stands for (see [patterns] in projects.toml).
    fills = {"route_heads": "|".join(words["list"]["route_heads"]),
             "institution_heads": "|".join(words["stop"]["institution_heads"]),
             "transfer_verbs": "|".join(words["suffix"]["transfer_verbs"]),
             "transfer_links": "|".join(words["suffix"]["transfer_links"]),
             "craft_kinds": "|".join(sorted(words["suffix"]["craft_kinds"], key=len, reverse=True))}

    def filled(key: str) -> re.Pattern[str]:
        pattern = patterns[key]
        for name, alternation in fills.items():
            pattern = pattern.replace("{" + name + "}", alternation)
        if (left := _PLACEHOLDER.search(pattern)) is not None:
            raise RuleError("projects", f"patterns.{key}", f"refers to {left.group()}, which is no list of project_words.toml")
        return re.compile(pattern)

    return {
        "endings": compile_words(table["suffix"]["endings"]),
        "road": re.compile(table["suffix"]["road_pattern"]),
        "metro": re.compile(table["suffix"]["metro_pattern"]),
        "capacity": re.compile(rf"^([{HAN}A-Za-z]{{2,6}}?)(?:" + alt("stop", "capacity_words") + ")"),
        "runs_on_after": re.compile(r"(?:(?![" + function_chars + rf"])[{HAN}]){{0,4}}?(?:"
                                    + alt("stop", "runs_on") + ")"),
        **{key: filled(key) for key in patterns},
    }


_CITY_WALK = Walk(max_chars=4, max_tokens=2)


def _veto(s: Sentence, rule: str, start: int, end: int) -> None:
    """Report a rejected candidate text[start:end] of sentence `s` (offsets in the sentence) to kg
    explain; None, for the callers that return it as their own answer of no name."""
    trace.veto(rule, "Project", s.text[start:end], s.start + start, s.start + end)


def is_project_name(name: str, pr: ProjectRules, places: frozenset[str] = frozenset(), short: bool = False) -> bool:
    """Whether a candidate may name a project: not a campaign, a count of projects or a kind of them."""
    return name_veto(name, pr, places, short) is None


def name_veto(name: str, pr: ProjectRules, places: frozenset[str] = frozenset(), short: bool = False) -> str | None:
    """The id of the veto that says a candidate names no project (a campaign, a count of projects, a
    kind of them), or None when it may name one.

    A one-character bad start (和, 全) counts only where it opens no place the report names
    (和平镇卫生院迁建; but 全省高铁). A `short` name (a route's short name, 沈海) may have two characters."""
    if len(name) < (2 if short else 3):
        return "project.too_short"
    if name in pr.stop:
        return "project.stop_word"
    if pr.counted_name.search(name) or pr.numbered.search(name):
        return "project.counted"  # 四大工程, 十三件工程, 消费品六大进口基地: a count of works
    if pr.size_class.search(name):
        return "project.size_class"  # 百亿美元级大项目: a class of projects by size
    if any(name.endswith(CLOSE_QUOTE + e) for e in pr.programme_endings):
        return "project.quoted_programme"  # 民企“百千万”工程: a quoted slogan right before 工程 names a programme
    for b in pr.bad_start if name.startswith(pr.bad_start) else ():  # the tuple tested in C first
        if name.startswith(b) and not (len(b) == 1 and prefixes_in(name, places)):
            return "project.bad_start"
    if name.endswith(pr.generic_tails):
        return "project.generic_tail"
    # A stop word that ends the name with less than two characters before it (重点项目, 新改造).
    return "project.stop_word" if any(name[k:] in pr.stop for k in range(0, min(2, len(name)))) else None


def is_specific(name: str, known: frozenset[str], pr: ProjectRules) -> bool:
    """Whether a name with a generic ending names one thing: it holds a place or enterprise the
    report names, a number or Latin letters, or quotes. 产业扶贫项目 and 雨污管网改造 are kinds
    of work; 湘潭生活垃圾焚烧发电项目 and 湘钢4.3米焦炉改造 are works. (jieba's dictionary is no
    help here: it knows 新松 and 九华 as well as 产业 and 管网.)"""
    return bool(pr.specific.search(name)) or any(k in name for k in known)


@dataclass(frozen=True)
class _Scope:
    """What the project rules share over one report: the tables, the tokenizer and the names found."""

    pr: ProjectRules
    er: EnterpriseRules
    tok: SentenceTokens
    boundaries: frozenset[str]
    known: frozenset[str]  # place and enterprise names: a generic ending after one is specific
    places: frozenset[str]
    place_pattern: re.Pattern[str]
    port_names: frozenset[str]  # every division's name and short form, regions and the report's places


_Span = tuple[int, int, str]  # start and end in the sentence, and the rule
# The dashes between the two ends a work is named by (em dash, horizontal bar, hyphens, en dash).
_END_DASHES = EM_DASH + HORIZONTAL_BAR + "-" + FULLWIDTH_HYPHEN_MINUS + EN_DASH


def extract_projects(
    sentences: tuple[Sentence, ...], rules: RuleBook, tok: SentenceTokens, known: frozenset[str] = frozenset(),
    places: frozenset[str] = frozenset(), division_names: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Project mentions (and the enterprise brands leading their names) of every sentence.

    `known` holds the place and enterprise names found in the report: a name holding one is specific;
    `places` holds its place names (a name opening with a brand and then a place is the brand's works);
    `division_names` every division's name and short form (a port is named by its cities).
    """
    pr = project_rules(rules)
    sc = _Scope(pr, enterprise_rules(rules), tok, rules.boundaries, known, places,
                compile_words(p for p in places if len(p) >= 2), division_names | places | frozenset(pr.regions))
    out: list[Mention] = []
    for s in sentences:
        spans = [span for m in sc.pr.endings.finditer(s.text) if (span := _suffix_span(s, m, sc)) is not None]
        spans += _pattern_spans(s.text, sc)
        routes = _route_items(s.text, sc.pr, places, tok, rules.boundaries)
        spans += [(k, e, ROUTES) for k, e in routes]
        needs = sc.pr.list_needs
        for m in sc.pr.list.finditer(s.text) if not needs or any(w in s.text for w in needs) else ():
            spans += _list_spans(s, m, {k for k, _ in routes}, sc, out)
        for start, end, rule in _join_pairs(s.text, spans, sc):
            for k, e in _split_named(s.text, start, end, sc) if rule == SUFFIX else [(start, end)]:
                _add_project(s, k, e, rule, sc, out)
    return out


def _suffix_span(s: Sentence, m: re.Match[str], sc: _Scope) -> _Span | None:
    """The name a work's ending (m) closes, walked back over its words; None if it names no work."""
    text, pr, tok = s.text, sc.pr, sc.tok
    ending = m.group()
    start = _suffix_start(text, m, sc)
    if start is None:
        return None
    around = tokens_around(tok, text, start, m.end(), pad=3)
    word = next(((w, ts) for w, ts in around if ts < start < ts + len(w)), None)
    if word and is_known_word(tok, word[0]) and text[word[1]:start] not in sc.boundaries:
        # A name starts on a word's edge: 集|中供热 is no cut, 集成电|路 no road.
        if word[1] + len(word[0]) >= m.end():
            return _veto(s, "project.inside_word", start, m.end())
        start = word[1]
    if any(ts == start and ts + len(w) == m.end() and len(w) > len(ending) and is_known_word(tok, w)
           and w not in proper_names() for w, ts in around):
        return _veto(s, "project.common_word", start, m.end())  # 大中小学: one common word (not 三峡大坝)
    if text[start:m.end()].endswith(pr.industry_heads):
        return _veto(s, "project.industry", start, m.end())  # 中国集成电路: an industry, its 路 no road's
    if (opened := _before_parenthesis(text, start, sc.places, tok, pr, sc.boundaries)) is not None:
        start = opened  # 京东（保定）数字经济产业园: a place in brackets inside the name
    if m.end() not in {ts + len(w) for w, ts in around} and not _fused(around, m.start(), m.end(), text, pr):
        return _veto(s, "project.ending_runs_on", start, m.end())  # 湖南工程学院: the ending runs on
    if len(ending) == 1 and not _ending_stands(around, m.start(), tok, pr):
        return _veto(s, "project.ending_inside_word", start, m.end())  # 思路, 道路: the tail of a word
    if ending in pr.figurative_endings and text[max(0, start - 1):start] == OF:
        return _veto(s, "project.figure_of_speech", start, m.end())  # 新时代的长征路
    start = _by_ending(s, start, m, [w for w, ts in around if start <= ts < m.start()], sc)
    if start is None:
        return None
    if _is_kind(text[start:m.start()], text[start:m.end()], tok, sc.known, pr):
        return _veto(s, "project.kind", start, m.end())  # 公立医院, 特色产业园: a kind of work, not one work
    return start, m.end(), SUFFIX


def _suffix_start(text: str, m: re.Match[str], sc: _Scope) -> int | None:
    """Where the name before a work's ending begins, or None if there is no name of two characters."""
    pr, ending = sc.pr, m.group()
    start = name_start(text, m.start(), sc.tok, pr.walk, sc.boundaries)
    if text.endswith(pr.main_works, 0, m.end()):
        return None  # 3号线南海段主体工程基本完工: the main works of a work, not another work
    if ending not in pr.named and (start is None or m.start() - start < 2 or not _strip_verbs(text[start:m.start()], pr)):
        # 三峡大瀑布景区|提升|工程, 地铁13号线|扩能|提升|工程: verbs of works (boundaries elsewhere) after a named work
        before = _before_verbs(text, m.start(), sc)
        start = start if before is None else before
    if start is None or m.start() - start < (1 if ending in pr.short_endings else 2):
        return None
    return start


def _by_ending(s: Sentence, start: int, m: re.Match[str], stem: list[str], sc: _Scope) -> int | None:
    """The checks of one kind of ending (a stretch, an extension, a named or a generic ending): the
    name's start, moved back over a route's bracket for a stretch, or None if they veto it."""
    text, pr, ending = s.text, sc.pr, m.group()
    if ending == pr.stretch:
        bracket = pr.bracket_before.search(text, max(0, start - 10), start)
        outer = name_start(text, bracket.start(), sc.tok, pr.walk, sc.boundaries) if bracket else None
        if outer is not None and _is_stretch(text[outer:bracket.start()] + text[start:m.start()], sc.places, pr):
            return outer  # 京雄保城际（R1线）保定东至雄安段: the route's name holds a bracket
        if not _is_stretch(text[start:m.start()], sc.places, pr):
            return _veto(s, "project.stretch_of_no_route", start, m.end())  # 城区段: a route's stretch only
    elif ending in pr.extensions:
        if not text[start:m.start()].endswith(pr.routes):
            return _veto(s, "project.extension_of_no_route", start, m.end())  # 西拓南延: a route's only
    elif ending in pr.branch_endings and not any(h in text[start:m.start()] for h in pr.branch_of):
        return _veto(s, "project.branch_of_no_hospital", start, m.end())  # 中国科学院成都分院: no work
    elif ending in pr.named:
        if stem and len(stem[-1]) == 1 and not _lone_char_fits(stem, pr, ending) and not _part_of_named_work(stem, sc):
            return _veto(s, "project.lone_character", start, m.end())  # 踏平坎坷成大道: no name
    elif ending in pr.part_endings:
        if not _holds_named_work(text[start:m.start()], pr) and not _part_of_named_work(stem, sc) \
                and not any(k in text[start:m.start()] for k in sc.known):
            return _veto(s, "project.part_of_no_work", start, m.end())  # 8栋总部大楼, 千万元大楼: no work's part
    elif not is_specific(text[start:m.end()], sc.known, pr) and not _holds_named_work(text[start:m.start()], pr, sc.tok) \
            and not _part_of_named_work(stem, sc) and not _proper_site(stem, ending, sc) \
            and not _work_and_verbs(text, start, m.start(), sc):
        return _veto(s, "project.generic_ending", start, m.end())
    return start


def _pattern_spans(text: str, sc: _Scope) -> list[_Span]:
    """Works named by a pattern: road numbers (G320), metro lines, water transfers (引江济淮)."""
    spans = [(m.start(), m.end(), ROAD) for m in sc.pr.road.finditer(text)]
    for m in sc.pr.metro.finditer(text):
        # 佛山地铁3号线南海段: the city before the line is walked back to like any name's stem
        begin = name_start(text, m.start(), sc.tok, _CITY_WALK, sc.boundaries)
        spans.append((begin if begin is not None else m.start(), m.end(), ROAD))
        end = m.end()
        while (more := sc.pr.next_lines.match(text, end)) is not None:  # 3号线、4号线和5号线: each a line
            spans.append((more.start("line"), more.end("line"), ROAD))
            end = more.end()
    spans += [(m.start(), m.end(), TRANSFER) for m in sc.pr.transfer.finditer(text)
              if token_at(sc.tok, text, m.start())[1] == m.start()]  # not the 引 of 吸引, 招引
    return spans + _port_spans(text, sc) + _craft_spans(text, sc)


def _craft_spans(text: str, sc: _Scope) -> list[_Span]:
    """Spacecraft, satellites and vessels named by a word and a number (嫦娥五号, 天问一号, 北斗三号全球卫星
    导航系统, 墨子号量子科学实验卫星), standing as a phrase of their own: the word one of jieba's
    dictionary and no common one (市委, 集团, 时代 name bodies and eras: 市委一号课题), after a mark, a
    joiner or a verb (not 星|时代一号, 深海|勇士号: the name is longer), and before a mark, a joiner, a verb
    or an adverb (嫦娥五号首次完成), not before a noun or a phrase (核电二号机组, 宁海一号公路, 雄鹰一号无人机) nor a
    document, campaign or work's ending (中央一号文件, 一号工程)."""
    spans = []
    for m in sc.pr.craft.finditer(text):
        if m.start() == 0:
            continue
        stem, at = token_at(sc.tok, text, m.start() - 1)
        if not (at + len(stem) == m.start() and 2 <= len(stem) <= 3) or (
                not is_known_word(sc.tok, stem) and stem not in proper_names()) or sc.tok.FREQ.get(stem, 0) > sc.pr.craft_max_freq:
            continue
        if not (at == 0 or _phrase_edge(text, at - 1, sc)) or not (m.end() == len(text) or _phrase_edge(text, m.end(), sc, after=True)):
            continue
        if text.startswith(sc.pr.craft_not_before, m.end()) or sc.pr.endings.match(text, m.end()):
            continue
        spans.append((at, m.end(), CRAFT))
    return spans


def _phrase_edge(text: str, k: int, sc: _Scope, after: bool = False) -> bool:
    """Whether the word holding text[k] ends (or, `after`, opens) a phrase beside a name: a mark, a
    joiner, a function character or a verb of the boundaries; after a name also a verb, an adverb, an
    adjective or a numeral of jieba's dictionary (首次, 相继, 圆满; not 课题, 机组, 无人机)."""
    word, _ = token_at(sc.tok, text, k)
    if is_punct(word) or word in JOINERS or word == ETC or word in FUNCTION_CHARS or word in sc.boundaries:
        return True
    if after and (len(word) > 2 and word[:2] in sc.boundaries or text.startswith(sc.pr.craft_after, k)
                  or (v := _VARIANT.match(text, k)) is not None and text.startswith(sc.pr.craft_variant_of, v.end())):
        return True  # 投入使用: a verb jieba fused with its object; 神舟十五号|任务: its mission; 风云四号|B星: a variant
    return after and word in _predicates()


_VARIANT = re.compile("[A-Z0-9]{1,3}")  # 风云四号B星, 珞珈三号01星, 长征五号B运载火箭: a craft's variant


@cache
def _abbreviations() -> frozenset[str]:
    """Words jieba's dictionary tags as abbreviations (上汽, 中联重科, 人大): short names of bodies."""
    return dictionary_words(frozenset({b"j"}), min_len=2)


@cache
def _predicates() -> frozenset[str]:
    """Words jieba's dictionary tags as verbs, adverbs, adjectives or numerals (完成, 首次, 相继, 圆满)."""
    return dictionary_words(frozenset({b"v", b"vd", b"d", b"ad", b"a", b"m"}), min_len=2)


def _port_spans(text: str, sc: _Scope) -> list[_Span]:
    """Ports named by their cities or region (青岛港, 宁波舟山港, 北部湾港): 港 closing a word after one
    or two names of divisions or regions that open a word, the whole no division's own name (防城港)."""
    spans = []
    port = sc.pr.port
    k = text.find(port, 1)
    while k > 0:
        end = k + len(port)
        begin = k
        for _ in range(2):
            name = next(iter(suffixes_in(text[max(0, begin - 8):begin], sc.port_names)), "")
            begin -= len(name)
            if not name:
                break
        if begin < k and text[begin:end] not in sc.port_names and not sc.er.endings.match(text, end) \
                and text[end:end + 1] not in (OPEN_BRACKET, "("):  # (青岛港集团, 天津港（集团）: a company's name)
            around = tokens_around(sc.tok, text, begin, end, pad=1)
            if any(ts == begin for _, ts in around) and any(ts + len(w) == end for w, ts in around):
                spans.append((begin, end, PORT))
        k = text.find(port, end)
    return spans


def _list_spans(s: Sentence, m: re.Match[str], claimed: set[int], sc: _Scope, out: list[Mention]) -> list[_Span]:
    """The works among the items of a list of projects (X、Y等N个项目); the investors among them
    are added to `out` as enterprises."""
    text, pr, er = s.text, sc.pr, sc.er
    items = list_items(m.group("names"), m.start("names"))
    items = [(k + lead, name) for n, (k, item) in enumerate(items)
             for lead, name in [strip_lead(item, er) if n else _trim_first(item, sc.boundaries)]]
    # 瑞士ABB、德国舍弗勒等外资项目: a country before an item says where its investor is from.
    items = [(k + len(c), name[len(c):]) if (c := _country(name, pr)) else (k, name) for k, name in items]
    items = [(k, name) for k, name in items if k not in claimed]  # 沈海、长深等高速: routes, no brands
    # 沈海、长深等高速公路…项目, 制造、封测等领域项目, 醒狮、龙舟等非遗项目: the category says the items
    # are routes, fields or activities, so a bare item is no investor.
    category = text[m.end("names") + 1:m.end()]
    no_investors = (category_says_not(category, er) or any(r in category for r in pr.route_heads)
                    or not category.endswith(pr.investor_heads))  # 滇中引水、引汉济渭等重大水利工程: works, not investors
    heads = [industry_head(name, pr, er) for _, name in items]
    works = [not head and name.endswith(pr.works) for (_, name), head in zip(items, heads)]
    mostly_works = 2 * sum(works) >= len(works)
    spans: list[_Span] = []
    for (k, name), is_work, head in zip(items, works, heads):
        spans += _list_item(s, k, name, head, is_work, mostly_works, no_investors, sc, out)
    return spans


def _list_item(s: Sentence, k: int, name: str, head: str | None, is_work: bool, mostly_works: bool,
               no_investors: bool, sc: _Scope, out: list[Mention]) -> list[_Span]:
    """One item of a list of projects: a work (its spans), an investor (added to `out`), or neither."""
    text, pr, er, tok, places = s.text, sc.pr, sc.er, sc.tok, sc.places
    if head:
        # 华为工业互联网、拓普汽车配件: a brand's works in an industry; the brand invests.
        # Without a brand or a place before it (精密零部件) the item is a kind of work.
        brand = name[: -len(head)]
        is_brand = brand not in places and may_be_brand(brand, er, tok, pr.slogan_prefixes, places)
        if is_brand:
            out.append(Mention("Enterprise", s.start + k, s.start + k + len(brand), brand, BRAND_E, s.index, brand))
        return [(k, k + len(name), LIST)] if is_brand or brand in places else []
    if is_work:
        # The list says its items are projects: no further sign of a name is needed.
        return [(part_start, part_start + len(part), LIST) for part_start, part in _split_and(k, name, pr, text, tok)]
    if brand_after_place(name, places, er, tok, pr) is not None:
        return [(k, k + len(name), LIST)]  # 广州华星光电T9: a brand's line in a place
    if mostly_works and 2 <= len(name) <= 10 and name not in places:
        # 碧泉潭、壶天古镇、洛口古镇等文旅项目: a list is of one kind; when most of its
        # items are works, a bare name among them is a work too, not an investor.
        if is_enterprise_name(name, er, frozenset()) and not has_company_ending(name, er):
            return [(k, k + len(name), LIST)]
        return []
    if not no_investors and not LEAD_BRAND.match(name) and (
            may_be_brand(name, er, tok, pr.slogan_prefixes, places)
            and (len(name) <= 3 or len(name) <= 6 and only_proper_words(text, k, k + len(name), tok))
            or has_company_ending(name, er) and len(name) <= 6 and is_enterprise_name(name, er, frozenset())):
        # 舍弗勒、新松机器人、蓝思科技等项目: a bare name in a list of projects is their investor.
        out.append(Mention("Enterprise", s.start + k, s.start + k + len(name), name, LIST_E, s.index, name))
    return []


def _add_project(s: Sentence, start: int, end: int, rule: str, sc: _Scope, out: list[Mention]) -> None:
    """Add the project text[start:end] to `out` unless a veto says it names none, then its brand."""
    text, pr, places = s.text, sc.pr, sc.places
    start = _over_known(text, _over_dash(text, start, end, sc), end, sc.known)
    scope = next((w for w in pr.scope_leads if text.startswith(w, start)), "")
    rest = text[start + len(scope):end]
    if scope and name_veto(rest, pr, places, rule == ROUTES) is None \
            and rest not in pr.named and any(rest.endswith(e) and len(rest) - len(e) >= 2 for e in pr.named):
        start += len(scope)  # 主城区|创业路: the part of the city is where the work is, no part of its name
    name = text[start:end]
    if veto := (_institution_veto(text, start, end, pr) or name_veto(name, pr, places, rule == ROUTES)
                or _work_veto(text, start, end, pr) or _span_veto(name, sc)):
        _veto(s, veto, start, end)
        return
    if (tail := sc.pr.bracketed_qualifier.match(text, end)) is not None:
        end = tail.end()  # 横琴口岸（二期）, 京雄保城际（R1线）: a phase, line or stretch in brackets
    joint = _places_before(text, start, name, places, sc.boundaries, pr)
    out.append(Mention("Project", s.start + joint, s.start + end, text[joint:end], rule, s.index, text[joint:end]))
    if OPEN_BRACKET in name:
        return  # 京东（保定）数字经济产业园: the brand before a bracket is the enterprise rules' (enterprise.bracket)
    if (brand := brand_of(name, sc.pr, sc.er, sc.tok, sc.places, sc.place_pattern)) is not None \
            and brand[1] not in sc.port_names and not (_AMOUNT.fullmatch(brand[1]) and not sc.er.endings.search(brand[1])):
        # (苍南|1号…, 220千伏|…变电站: a county and an amount, no brand; 360集团 is one)
        k, b = start + brand[0], brand[1]
        out.append(Mention("Enterprise", s.start + k, s.start + k + len(b), b, BRAND_E, s.index, b))


def _over_known(text: str, start: int, end: int, known: frozenset[str]) -> int:
    """A name that starts inside the name of a place or enterprise the report names starts where that
    name does (中国|航发西安航空发动机有限公司航空发动机维修基地: the walk stopped at the country)."""
    for k in range(max(0, start - 12), start):
        for stop in range(end - 1, start, -1):
            if text[k:stop] in known:
                return k
    return start


# A number and a unit of at most two characters (220千伏, 35千伏): an amount, no brand (360集团 is one).
_AMOUNT = re.compile(f"[0-9.]+[{HAN}]{{1,2}}")


def _institution_veto(text: str, start: int, end: int, pr: ProjectRules) -> str | None:
    """县人民医院创建三级综合医院: a hospital named by the report's level alone is the institution, no
    work, unless the words around it build it (新建市第二人民医院, 县人民医院建成投用)."""
    if pr.level_institution.search(text[start:end]) and not text.startswith(pr.built_after, end) \
            and not text.endswith(pr.built_before, 0, start):
        return "project.institution"
    return None


def _over_dash(text: str, start: int, end: int, sc: _Scope) -> int:
    """Where a work named by its two ends begins (白鹤滩—浙江特高压直流输电工程, 长兴—安吉合作产业园,
    宁东至浙江±800千伏…工程, 陕北—湖北±800千伏…, 南海大道—兴海大道立交工程): back over a voltage's ±
    and over one dash (never a doubled one, which sets off what follows) to the first end; `start`
    when no such end stands there."""
    begin = start
    for _ in range(2):
        k = _first_end(text, begin, end, sc)
        if k is None:
            break
        begin = k
    return begin


def _first_end(text: str, start: int, end: int, sc: _Scope) -> int | None:
    """The start of the end named before a ± or a dash at `start`: any two to four characters (or two
    such ends joined by 至) before a voltage's ±; before a single dash, and only in the name of a link
    (特高压, 合作, 立交 …), a place the report names, a proper name, a short name before a place, or a road."""
    voltage = text[start - 1:start] == PLUS_MINUS
    dash = text[start - 1:start] in _END_DASHES and text[start - 2:start - 1] not in _END_DASHES
    if not voltage and not (dash and any(w in text[start:end] for w in sc.pr.link_words)):
        return None
    begin = name_start(text, start - 1, sc.tok, sc.pr.walk, sc.boundaries)
    if begin is None:
        return None
    left = text[begin:start - 1]
    if voltage:
        return begin if all(2 <= len(e) <= 4 for e in left.split(TO)) else None
    if left in sc.places or 2 <= len(left) <= 4 and left in proper_names():
        return begin
    if 2 <= len(left) <= 4 and prefixes_in(text[start:start + 8], sc.places):
        return begin  # 白鹤滩—浙江…: the second end a place, the first is the other end's name
    if len(left) >= 3 and left.endswith(sc.pr.road_endings):
        return begin  # 南海大道—兴海大道立交工程: the junction of two roads
    return None


def _span_veto(name: str, sc: _Scope) -> str | None:
    """The id of a veto of a joined name as a whole (a capacity, a slogan, places and a kind), or None."""
    pr, places = sc.pr, sc.places
    if name.startswith(pr.capacity_words):
        return "project.capacity"  # 年产10万吨饲料项目: a capacity with no investor describes a work, names none
    if any(prefixes_in(name[k:], places) for k in (2, 3) if name[:k] in pr.slogan_prefixes):
        return "project.slogan"  # 书香惠州文化工程: a slogan (a quality and a place) names a campaign
    if (rest := _after_places(name, places)) != name and (rest in pr.stop and rest not in pr.named
                                                          or rest.startswith(ETC)):
        # 龙山街道城中村改造, 里水镇和顺片区连片改造, 深圳等市城中村改造: places and a kind of work
        # (a place and a named ending is a work: 粤东城际铁路)
        return "project.places_and_kind"
    return None


def _before_parenthesis(text: str, start: int, places: frozenset[str], tok: SentenceTokens, pr: ProjectRules,
                        boundaries: frozenset[str]) -> int | None:
    """Where a name begins that holds a place or its stretch in brackets before `start` (京东（保定）|数字经济
    产业园, 中德（保定）|…实训基地, 巴斯夫（广东）|一体化基地首期, 赤水河（仁怀段）|综合治理工程一期): the words before the bracket, walked back
    like any stem; None when the bracket holds no place the report names or nothing stands before it."""
    bracket = pr.bracketed_place.search(text, max(0, start - 8), start)
    if bracket is None or bracket.group(1).removesuffix(pr.stretch) not in places:
        return None  # (赤水河（仁怀段）综合治理工程: a place's stretch in brackets too)
    begin = name_start(text, bracket.start(), tok, Walk(max_chars=6, max_tokens=3), boundaries)
    if begin is None or bracket.start() - begin < 2:
        return None
    return begin


def _places_before(text: str, start: int, name: str, places: frozenset[str], boundaries: frozenset[str],
                   pr: ProjectRules) -> int:
    """Where a work shared by a list of places begins (徐水、曲阳城镇污水处理厂, 易县、高碑店生活垃圾焚烧
    发电项目): the name opens with a place and the items before it, up to a verb or punctuation,
    are places; the report writes the work once for all of them."""
    if not prefixes_in(name, places):
        return start
    begin = start
    while text[begin - 1:begin] == ENUMERATION_COMMA:
        item = next((p for p in suffixes_in(text[max(0, begin - 13):begin - 1], places)), None)
        if item is None:
            return start
        k = begin - 1 - len(item)
        before = text[:k]
        if len(item) > 4 or item.endswith(pr.area_endings):
            return start  # 神农城片区、株洲一中新校区: an area and a work, not one work of two divisions
        if not before or before[-1] in _ITEM_OPENERS or any(before.endswith(b) for b in boundaries):
            begin = k
            if not before or before[-1] != ENUMERATION_COMMA:
                return begin
        else:
            return start
    return start if begin == start else begin


# What may stand before the first place of a list of places sharing a work: a clause mark or a joiner.
_ITEM_OPENERS = f"{COMMA},{FULL_STOP}{SEMICOLON};{COLON}:{JOINERS}"


def _is_kind(stem: str, name: str, tok: SentenceTokens, known: frozenset[str], pr: ProjectRules) -> bool:
    """Whether the words before a work's ending name a kind of work: common words only, one of
    them a level, owner, size or quality (公立|医院, 地区性|重要|港口, 四级|公园). A name with a place,
    an enterprise, a number, a quote or a word jieba does not know (恒祥|儿童公园) is one work: so is a
    place's kind of work (舟山绿色石化基地, 洪桥镇现代物流园区), a place being too often the name's opening;
    not so a region of many divisions (珠三角地区|公办|优质|中小学: the kinds of school of a region)."""
    region = next((r for r in pr.regions if stem.startswith(r)), "") if stem.startswith(pr.regions) else ""
    if region:
        region += next((w for w in pr.region_suffix if stem.startswith(w, len(region))), "")
        stem, name = stem[len(region):], name[len(region):]
    if not stem or pr.latin_digit.search(stem) or any(k in stem for k in known):
        return False

    def kind(w: str) -> bool:
        return w in pr.kind_words or bool(pr.level.fullmatch(w))

    # The stem's words (公立|医院), or the words before the one holding the ending (公办|中小学).
    return any(bool(words) and any(map(kind, words)) and all(
        kind(w) or len(w) >= 2 and is_known_word(tok, w) and w not in proper_names() for w in words)
        for words in (_kind_cut(stem, tok, pr), _kind_cut(name, tok, pr)[:-1]))


def _kind_cut(text: str, tok: SentenceTokens, pr: ProjectRules) -> list[str]:
    """jieba's words of a text, with runs of words that make a kind word joined (危|旧 → 危旧, 新|时代 →
    新时代: the dictionary does not hold every kind word as one)."""
    words = tok.tok.lcut(text, HMM=False)
    out: list[str] = []
    for w in words:
        if out and len(out[-1]) + len(w) <= 4 and out[-1] + w in pr.kind_words:
            out[-1] += w
        else:
            out.append(w)
    return out


_ROUTE_CLAUSE = re.compile(f"[{CLAUSE_MARKS},;:!?]")


def _route_items(text: str, pr: ProjectRules, places: frozenset[str], tok: SentenceTokens,
                 boundaries: frozenset[str]) -> list[tuple[int, int]]:
    """The routes of a list of routes named by short names (the first characters of their ends),
    sharing one kind: 沈海、深岑、长深等高速公路, 广湛、珠肇等高铁, 荣乌、太行山、曲港、津石高速, 容易线、
    安大线和京白线等骨干道路. Each short name is a route's name as the report writes it. A list
    holding a place (石家庄、保定等高铁站) or a common word is no list of routes."""
    out: list[tuple[int, int]] = []
    for m in pr.route_list.finditer(text):
        if pr.runs_on_after.match(text, m.end()):
            continue  # 石家庄、保定等高铁站: places along routes
        clause = max((c.end() for c in _ROUTE_CLAUSE.finditer(text, 0, m.start())), default=0)
        segment = text[clause:m.start()]
        if ENUMERATION_COMMA not in segment:
            continue
        items = list_items(segment, clause)
        if not (text.startswith(ETC, m.start()) or pr.count_of.match(text, m.start())):
            # 荣乌、太行山、曲港、津石高速: the last item is the stem of a route with the ending itself
            if len(items[-1][1]) > 4 or not m.group().endswith(pr.named_routes):
                continue
            items = items[:-1]
        if not items:
            continue
        cut, first = _trim_first(items[0][1], boundaries)
        items[0] = (items[0][0] + cut, first)
        parts = [part for k, item in items for part in split_conjunction(k, item, text, tok, min_right=2)]
        routes = [(k, k + len(name)) for k, name in parts
                  if not name.endswith(tuple(pr.routes)) or name.endswith(pr.line_endings)]
        if any(text[k:e] in places for k, e in routes):
            continue  # 石家庄、保定等高铁: places on routes
        out += [(k, e) for k, e in routes if _is_route_abbreviation(text[k:e], pr, places, tok)]
    return out


def _is_route_abbreviation(name: str, pr: ProjectRules, places: frozenset[str], tok: SentenceTokens) -> bool:
    """Whether an item of a list of routes is a route's short name (沈海, 广珠（澳）, 安大线, 荣乌新线):
    two to four characters, no place, no common word (容易), no kind of route (高铁、城际等)."""
    if not pr.abbreviation.fullmatch(name) or any(c in FUNCTION_CHARS for c in name):
        return False
    core = pr.abbreviation_tail.sub("", name)
    if name.endswith(pr.line_endings) and len(core) >= 2:
        return True  # 容易线, 荣乌新线, 蒲江线: a line's name, whatever its words
    if len(core) < 2 or core in places or core in pr.stop or prefixes_in(core, places) == [core]:
        return False
    if any(core.endswith(r) or r.endswith(core) for r in pr.routes + pr.route_heads):
        return False  # 高铁、城际等轨道交通: kinds of route
    # 容易, 工业|企业: a common word or a phrase of common words is no route's short name
    words = tok.tok.lcut(core, HMM=False)
    return not all(len(w) >= 2 and is_known_word(tok, w) and w not in proper_names() for w in words)


def _country(name: str, pr: ProjectRules) -> str | None:
    """The country a list item opens with, when a name of two or more characters follows (德国|舍弗勒,
    韩国|三星). 日本电产 is cut so too: a name that opens with its country cannot be told from a brand
    after its country without knowing the company."""
    return next((c for c in pr.countries if name.startswith(c) and len(name) - len(c) >= 2), None)


def _after_places(name: str, places: frozenset[str]) -> str:
    """What a name says after the places it opens with (里水镇|和顺片区|连片改造 → 连片改造); a rest
    shorter than four characters is no kind of work (惠州|大道)."""
    rest = name
    while (place := next(iter(prefixes_in(rest, places)), "")) and len(rest) - len(place) >= 4:
        rest = rest[len(place):]
    return rest


_CLAUSE_END = re.compile(f"[{CLAUSE_MARKS},;:!?{OPEN_BRACKET}(]")


def _fused(tokens: list[tuple[str, int]], start: int, end: int, text: str, pr: ProjectRules) -> bool:
    """工程建设: jieba fused the ending with a word that follows a name (建设, 开工), not one that
    continues it (工程学院)."""
    return any(ts == start and text[end:ts + len(w)] in pr.fused_after for w, ts in tokens)


def _strip_verbs(stem: str, pr: ProjectRules) -> str:
    """The stem without the verbs of works that end it (青藏铁路格拉段|扩能|改造 → 青藏铁路格拉段)."""
    for _ in range(3):
        verb = next((v for v in pr.work_verbs if stem.endswith(v)), None)
        if verb is None:
            break
        stem = stem[: -len(verb)]
    return stem


def _before_verbs(text: str, end: int, sc: _Scope) -> int | None:
    """Where a named work begins that one to three verbs of works, ending at `end`, follow
    (青藏铁路格拉段|扩能改造|工程, 地铁13号线|扩能提升|工程, 深圳湾公园|品质提升|工程), or None: the work ends
    like a named work or a route's stretch, is a metro line, or is a proper site."""
    pr, k = sc.pr, end
    for _ in range(3):
        verb = next((v for v in pr.work_verbs if text.endswith(v, 0, k)), None)
        if verb is None:
            return None
        k -= len(verb)
        before = name_start(text, k, sc.tok, pr.walk, sc.boundaries)
        if before is not None and k - before >= 2 and _names_work(text, before, k, sc):
            return before
    return None


def _work_and_verbs(text: str, start: int, end: int, sc: _Scope) -> bool:
    """Whether text[start:end] is a named work and then verbs of works (深圳湾公园|品质提升)."""
    core = _strip_verbs(text[start:end], sc.pr)
    return len(core) < end - start and len(core) >= 2 and _names_work(text, start, start + len(core), sc)


def _names_work(text: str, start: int, end: int, sc: _Scope) -> bool:
    """Whether text[start:end] names one work by its shape alone (see _before_verbs)."""
    pr, name = sc.pr, text[start:end]
    if _holds_named_work(name, pr, sc.tok) or any(m.end() == len(name) for m in pr.metro.finditer(name)):
        return True
    if is_specific(name, sc.known, pr) and any(0 < e.start() and e.end() == len(name) for e in pr.endings.finditer(name)):
        return True  # 榜罗镇会议纪念馆: a work's ending after a place the report names
    if name.endswith(pr.stretch) and _is_stretch(name[: -len(pr.stretch)], sc.places, pr):
        return True
    site = next((e for e in pr.site_endings if name.endswith(e)), "")
    words = [w for w, ts in tokens_around(sc.tok, text, start, end - len(site), pad=0) if start <= ts]
    return bool(site) and len(name) > len(site) and _proper_site(words, site, sc)


def _holds_named_work(stem: str, pr: ProjectRules, tok: SentenceTokens | None = None) -> bool:
    """金陵北路拓宽工程, 县中医院迁建工程: without its verbs of works, the stem ends like a named
    work, so the generic ending names that work's project; 中环快速化改造工程: the stem is a named
    work as it stands."""
    for _ in range(3):
        if len(stem) >= 3 and (stem.endswith(tuple(pr.named - {pr.stretch})) or stem.endswith(pr.named_stems)):
            if tok is not None and any(w in pr.kind_words for w in cut_words(tok.tok, stem)):  # (no sentence: uncached)
                return False  # 县级|医院|提标扩能, 国省|干线|公路|扩能改造: a kind of work's works (not 示范区|大道)
            return not any(stem.startswith(p) and len(stem) - len(p) >= 2 and stem[len(p):] in pr.named_stems
                           for p in pr.slogan_prefixes)  # 智慧口岸改造: a kind's word and a site (not 文化路, 长寿湖)
        verb = next((v for v in pr.work_verbs if stem.endswith(v)), None)
        if verb is None:
            return False
        stem = stem[: -len(verb)]
    return False


def _part_of_named_work(stem: list[str], sc: _Scope) -> bool:
    """Whether a stem's words are a named work's name and then one or two words naming a part of
    it (市中医院|新|蒲 院区, 县人民医院|新|住院 大楼, 乌江构皮滩水电站|通航|设施 工程): the part is of
    at most four characters and holds no function word, verb of works or abstract part (信息化, 改革);
    the head is one work's, not a kind's (公立医院, 数据中心: see _one_work), or a named site's
    (葛洲坝水利枢纽|船闸 改造)."""
    pr = sc.pr
    for j in (1, 2):
        if len(stem) <= j:
            break
        head, part = "".join(stem[:-j]), "".join(stem[-j:])
        if len(part) > 4 or any(ch in FUNCTION_CHARS for ch in part) or any(w in pr.work_verbs for w in stem[-j:]) \
                or any(a in part for a in pr.abstract_parts):
            continue
        site = next((e for e in pr.site_endings if head.endswith(e)), "")
        if len(head) >= 3 and (head.endswith(pr.part_heads) and _one_work(head, stem[:-j], sc)
                               or site and _proper_site(stem[:-j], site, sc)):
            return True
    return False


def _one_work(head: str, words: list[str], sc: _Scope) -> bool:
    """Whether a named work's head names one work (遵义医科大学附属医院, 乌江构皮滩水电站, 市中医院,
    兴海大道: a place, an enterprise, a number, a word jieba does not know or tags as a name, or the
    report's own level), not a kind (中小学, 燃煤电厂, 公共图书馆)."""
    pr = sc.pr
    return is_specific(head, sc.known, pr) or any(len(w) >= 2 and not is_known_word(sc.tok, w) for w in words) \
        or any(w in proper_names() and not w.endswith(pr.part_heads) for w in words) \
        or head.startswith(pr.part_levels) and not head.startswith(pr.part_levels_not_before, 1)


def _proper_site(stem: list[str], ending: str, sc: _Scope) -> bool:
    """Whether a site's generic ending follows a proper name: a stem word of two characters or more
    that jieba's dictionary does not know (骆岗|中央公园, 茅坪|港区, 城市|绿心|森林公园), a stem of two or
    three single characters making no word (磨|憨|口岸; not 中|缅|口岸, China's ports with a country), or the name
    of a mountain or a water, its last character standing after a name or the whole a proper name
    (东安|湖|体育公园, 凤凰山|体育公园; not 登山|步道, 矿山|公园: common words)."""
    if ending not in sc.pr.site_endings:
        return False
    if 2 <= len(stem) <= 3 and all(len(w) == 1 and w not in FUNCTION_CHARS and not is_punct(w) for w in stem) \
            and not is_known_word(sc.tok, "".join(stem)) and stem[0] not in sc.pr.bilateral_opens:
        return True  # 磨|憨|口岸: a rare name jieba reads character by character, no word of its own
    return any(len(w) >= 2 and not is_known_word(sc.tok, w) for w in stem) or any(
        w[-1] in sc.pr.toponym_chars and (len(w) == 1 and k > 0 or len(w) >= 3 and w in proper_names())
        for k, w in enumerate(stem))


def _is_stretch(stem: str, places: frozenset[str], pr: ProjectRules) -> bool:
    """商合杭铁路长兴段, 沿江高铁武宜段, 川藏铁路雅安至林芝段: a route's name, then a place or the
    short names of its ends, then 段 (国道G210都匀至独山段: its ends' names may hold a function character);
    or a work's name and a direction (…综合治理工程南段)."""
    for place in suffixes_in(stem, places):
        if stem[: -len(place)].endswith(pr.routes + pr.linear_parks) or _ends_in_road_number(stem[: -len(place)], pr):
            return True
    if stem[-1:] in pr.directions and len(stem) >= 5 and stem[:-1].endswith(pr.directed_works):
        return True  # 伊通河综合治理工程南段: a work's southern stretch
    tail = pr.stretch_tail.search(stem)
    while tail is not None and tail.start() <= len(stem) - 2:
        if (stem[: tail.start()].endswith(pr.routes) or _ends_in_road_number(stem[: tail.start()], pr)) and (
                not any(ch in FUNCTION_CHARS for ch in tail.group()) or all(p in places for p in tail.group().split(TO))):
            return True
        tail = pr.stretch_tail.search(stem, tail.start() + 1)
    return False


def _ends_in_road_number(text: str, pr: ProjectRules) -> bool:
    """Whether the text ends in a road's number (国道G352, S208): a route's name."""
    return any(m.end() == len(text) for m in pr.road.finditer(text, max(0, len(text) - 12)))


def _lone_char_fits(stem: list[str], pr: ProjectRules, ending: str = "") -> bool:
    """Whether a stem may end in a one-character word: a direction or a kind of place (西路, 煤矿区),
    a digit, a named work (明珠路提质改造), or a character after a numeral (一中十二中校区)."""
    last = stem[-1]
    if ending.endswith(pr.routes) and 2 <= len(stem) <= 4 and all(len(w) == 1 for w in stem):
        return True  # 宜涪高铁, 郑万高铁: a route named by the first characters of its ends
    if last in pr.lone_stem_chars or last.isdigit() or "".join(stem).endswith(tuple(pr.named)):
        return True  # 明珠路提质改造: the stem is itself a named work
    return len(stem) > 1 and bool(pr.numeral.match(stem[-2]))


def _work_veto(text: str, start: int, end: int, pr: ProjectRules) -> str | None:
    """The id of the veto that says a name in its sentence is no work of the report's own, or None:
    not a title sought (申报…产业园), not what a work connects to (对接长沙望雷大道、黄桥大道), not a counted kind
    (芙蓉学校2所), not a campaign's quoted name (“千万工程”), not the head of a longer name
    (三市高铁站, 西部高铁枢纽)."""
    if text.startswith(pr.verb_after, end):
        return "project.verb_ending"  # 磁浮交通系统工程化: the ending is part of a verb
    if any(p in text[start:end] for p in pr.pronouns):
        return "project.figure_of_speech"  # 畅其路、美其颜: a pronoun makes a figure of speech, not a name
    if pr.counted_after.match(text, end):
        return "project.counted"  # 芙蓉学校2所: a counted kind
    if text.startswith(pr.place_after, end):
        return "project.place_name"  # 虹星桥镇: a place's name
    if text[start - 1:start] == OPEN_QUOTE and text[end:end + 1] == CLOSE_QUOTE:
        return "project.quoted_campaign"  # “千万工程”, “雪亮工程”, “四好农村路”: a name wholly in quotes is a campaign's
    if text.startswith(pr.group_after, end):
        return "project.group_of_works"  # 环渤海港口群, 京津冀机场群: a group of works of a kind
    if text[start:end].endswith(pr.transport) and pr.runs_on_after.match(text, end):
        return "project.head_of_longer_name"  # 西部高铁枢纽, G320延长线军工产业走廊: the work names a longer thing
    clause = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    before = text[clause:start]
    if before.endswith(pr.title_verbs) and not text[start:end].endswith(pr.created_works):
        return "project.title_sought"  # 申报…产业园 (a national park is made by 创建: the park is the work)
    for verb in pr.counterpart_verbs:
        k = before.rfind(verb)
        # The verb, then nothing but earlier items of the same list (对接A、B), and the list is not
        # what is being built (对接天府国际机场、成资大道建设 names works).
        between = before[k + len(verb):] if k >= 0 else ""
        if k >= 0 and (not between or between.endswith(ENUMERATION_COMMA) and not any(c in between for c in ETC + OF)):
            rest = _CLAUSE_END.split(text[end:], maxsplit=1)[0]
            if not any(w in rest for w in pr.built) and not any(v in between for v in pr.title_verbs + pr.counterpart_verbs):
                return "project.counterpart"
    k = max(before.rfind(o) for o in pr.partner_openers)
    between = before[k + 1:] if k >= 0 else ""
    if k >= 0 and (not between or between.endswith(ENUMERATION_COMMA) and not any(c in between for c in ETC + OF)):
        # 与北京儿童医院、天坛医院等深度合作: the items between 与 and a verb of partnership are partners
        if any(v in _CLAUSE_END.split(text[end:], maxsplit=1)[0] for v in pr.partner_verbs):
            return "project.partner"
    if (close := pr.institution_list.match(text, end)) is not None and ETC in close.group():
        return "project.institution"  # 区人民医院、区中医院等医疗机构: institutions, not works
    if text[start:end].endswith(pr.speed_words) and text.startswith(pr.speed_after, end):
        return "project.speed"  # 保持中高速增长: a speed, not a road
    return None


def _ending_stands(tokens: list[tuple[str, int]], start: int, tok: SentenceTokens, pr: ProjectRules) -> bool:
    """A one-character ending starts a token, ends a direction word (护潭西路: 西路) or a road
    name jieba knows whole (韶山路); it is no ending inside a two-character word (思路, 道路)."""
    for word, ts in tokens:
        if ts == start:
            return True
        if ts < start < ts + len(word):
            # 望洪段 cut as 望|洪段: a stretch's ending fused into a word jieba only guessed stands
            return len(word) >= 3 or word.startswith(pr.directions) or word.endswith(pr.stretch) and not is_known_word(tok, word)
    return False


def _join_pairs(text: str, spans: list[tuple[int, int, str]], sc: _Scope) -> list[tuple[int, int, str]]:
    """Two roads joined by a hyphen are one work (新韶山路-昭山大道), and so are a work and its
    companion works after 及 (拉洛水利枢纽及配套灌区工程, 湘河水利枢纽及配套工程): merge their spans."""
    pr = sc.pr
    spans = sorted(spans, key=lambda sp: (sp[0], -sp[1], sp[2]))
    out: list[tuple[int, int, str]] = []
    for start, end, rule in spans:
        if out and text[out[-1][1]:start] in ("-", EM_DASH, FULLWIDTH_HYPHEN_MINUS) and text[out[-1][0]:out[-1][1]].endswith(pr.road_endings):
            out[-1] = (out[-1][0], end, out[-1][2])
        elif out and text[out[-1][1]:start] in pr.companion_joins and text.startswith(pr.companion_works, start):
            out[-1] = (out[-1][0], max(end, out[-1][1]), out[-1][2])
        else:
            out.append((start, end, rule))
    return [(start, end + len(m.group()) if (m := pr.companion.match(text, end)) else _with_part_works(text, start, end, out, sc),
             rule) for start, end, rule in out]


def _with_part_works(text: str, start: int, end: int, spans: list[tuple[int, int, str]], sc: _Scope) -> int:
    """The end of a work's name with the works of a part of it after 及 (重庆江北国际机场T3B航站楼及第四跑道
    工程, 晶圆生产线及封测基地项目: one work), else `end`. Not after a name that ends like works already
    (…改扩建工程及…项目), nor when the part is a named work of its own (沪昆高铁及长株潭城际铁路工程: a
    span ends before the ending), a company's or a place's (及上汽乘用车项目: a proper name or a name the report
    names opens it), a count or a kind (及一批项目, 及重点项目), or the main works (…及度假区主体工程)."""
    pr = sc.pr
    m = pr.part_works.match(text, end)
    if m is None or text[start:end].endswith(pr.companion_ends) or m.group().endswith(pr.generic_tails + pr.main_works) \
            or m.group("stem").startswith(pr.part_works_not_open) or any(ch in FUNCTION_CHARS for ch in m.group("stem")):
        return end
    first, _ = token_at(sc.tok, text, m.start("stem"))
    if first not in sc.port_names and (first in proper_names() or first in _abbreviations()) \
            or any(k in m.group("stem") for k in sc.known - sc.places if len(k) >= 2):
        return end  # 宁德时代基地及上汽乘用车项目: another company's or place's work
    if any(end < s2 < m.end("stem") and e2 <= m.end("stem") for s2, e2, _ in spans):
        return end
    return m.end()


def _trim_first(item: str, boundaries: frozenset[str]) -> tuple[int, str]:
    """The first item of a list without the clause before it: cut after the last boundary word or 的
    (优化设计实施护潭西路 → 护潭西路; 上级有明确要求的爱劳渠 → 爱劳渠)."""
    cut = after_last_boundary(item, boundaries, keep=2)
    k = item.rfind(OF)
    if k >= 0 and len(item) - k - 1 >= 2:
        cut = max(cut, k + 1)
    return cut, item[cut:]


def _split_and(start: int, name: str, pr: ProjectRules, text: str, tok: SentenceTokens) -> list[tuple[int, str]]:
    """芙蓉大道复线及商城路, 安大线和京白线 are two works; 昭华大桥及引线 is one (its second part is
    no name), and so is 长江路和平街改造 (jieba reads 和平街: the 和 is no conjunction)."""
    parts = split_conjunction(start, name, text, tok, min_left=2, min_right=3)
    if len(parts) == 2 and parts[0][1].endswith(pr.works):
        return parts
    return [(start, name)]


def _split_named(text: str, start: int, end: int, sc: _Scope) -> list[tuple[int, int]]:
    """Two named works one ending's walk took in (沪蓉高速及汉宜城际铁路工程: 沪蓉高速, 汉宜城际铁路工程):
    both parts end like named works, the second maybe with verbs of works and a generic ending; else
    the name whole (北京环球主题公园及度假区, 昭华大桥及引线)."""
    pr = sc.pr
    parts = split_conjunction(start, text[start:end], text, sc.tok, min_left=3, min_right=3)
    if len(parts) == 2 and all(_holds_named_work(_strip_generic(part, pr), pr) for _, part in parts) \
            and not parts[1][1].startswith(pr.companion_works):  # 拉洛水利枢纽及配套灌区工程: one work
        return [(k, k + len(part)) for k, part in parts]
    return [(start, end)]


def _strip_generic(name: str, pr: ProjectRules) -> str:
    """The name without the generic ending that closes it (汉宜城际铁路工程 → 汉宜城际铁路)."""
    ending = next((e for e in pr.companion_ends if name.endswith(e)), "")
    return name[: len(name) - len(ending)]


def split_conjunction(start: int, item: str, text: str, tok: SentenceTokens, min_left: int = 2,
                      min_right: int = 2) -> list[tuple[int, str]]:
    """An item of text[start:] joined by 和 or 及 to another (安大线和京白线 → 安大线, 京白线), where
    jieba cuts the 和 as a word of its own, or fuses it only with the character before (智慧港及|“);
    else the item whole (长江路|和平街改造: 和 opens a word)."""
    for joint in (AND, AND_ALSO):
        k = item.find(joint)
        if not min_left <= k <= len(item) - 1 - min_right:
            continue
        word, at = token_at(tok, text, start + k)
        if at + len(word) == start + k + 1 and len(word) <= 2 or (
                joint == AND_ALSO and at == start + k and len(word) <= 3 and not is_known_word(tok, word)):  # 高速|及汉宜|城际: a guess
            return [(start, item[:k]), (start + k + 1, item[k + 1:])]
    return [(start, item)]
