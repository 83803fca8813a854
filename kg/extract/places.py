"""Place mentions: divisions from the GB/T 2260 tables, regions and countries from the rule
tables, and zones, areas, towns and villages by the shape of their names."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache


from kg import trace
from kg.divisions import (
    NATIONAL, Division, Divisions, governed_by_province, holds_divisions, in_scope, prefecture_code, province_code, province_prefix,
    province_abbreviations, same_province, scope_prefix,
)
from kg.extract.names import (
    FUNCTION_CHARS, Walk, after_last_boundary, list_items, name_start, prefixes_in, skip_boundaries, suffixes_in,
)
from kg.extract.tokens import (
    SentenceTokens, dictionary_words, is_punct, proper_names, token_at, tokens_around, tokens_before,
)
from kg.extract.trie import WordPattern, compile_words
from kg.grammar import (
    AND, AND_ALSO, CLOSE_BRACKET, CLOSE_QUOTE, COLON, COMMA, EM_DASH, ENUMERATION_COMMA, ETC, EXCLAMATION,
    FULL_STOP, HAN, HAN_FIRST, HAN_LAST, HORIZONTAL_BAR, KATAKANA_MIDDLE_DOT, MIDDLE_DOT, OF, OPEN_BRACKET, OPEN_QUOTE, QUESTION,
    SEMICOLON, WITH,
)
from kg.model import Mention, PlaceReading, Sentence
from kg.rules import RuleBook

# Rule ids; the part after "place." is the place type where it is known from the rule.
DIVISION = "place.division"
REGION = "place.region"
COUNTRY = "place.country"
SCOPE = "place.scope"
SUFFIX = "place.suffix"
FOREIGN = "place.foreign"
TOWN_LIST = "place.town_list"
AREA_LIST = "place.area_list"
COUNT_LIST = "place.count_list"
ZONE_LIST = "place.zone_list"
REGION_ABBR = "place.region_abbreviation"

# jieba's part-of-speech tags of words that open no place name: verbs, adverbs of manner,
# pronouns, prepositions, conjunctions and particles (出台|横琴合作区, 迎来|雄安新区, 各类|开发区).
# Not d: the dictionary tags 高新 and 高速 so, and they open names (高新双创片区).
_LEAD_TAGS = frozenset({b"v", b"ad", b"r", b"p", b"c", b"u"})


@cache
def lead_words() -> frozenset[str]:
    """Words jieba's dictionary tags as verbs, adverbs, pronouns, prepositions, conjunctions or
    particles: a name never opens with one (one character, 环 in 环洞庭湖, is judged by
    FUNCTION_CHARS)."""
    return dictionary_words(_LEAD_TAGS, min_len=2)


@dataclass(frozen=True)
class PlaceRules:
    """Place tables compiled once per rule book."""

    names: WordPattern  # divisions, regions, countries, scope words (thousands: see WordPattern)
    common_site: int  # jieba's count from which a list item is a common word, no area (places.toml [frequency])
    common_pair: int  # jieba's count from which a word across a division's edge outweighs it
    suffixes: re.Pattern[str]
    suffix_type: dict[str, str]
    regions: frozenset[str]
    countries: frozenset[str]
    scope: frozenset[str]
    not_places: frozenset[str]
    bad_stem_start: tuple[str, ...]
    bad_stems: frozenset[str]
    country_titles: tuple[str, ...]  # 中国企业500强: after a country, a title's words
    era_before: tuple[str, ...]  # 新中国: before a country, a word making it an era's name
    campus_after: tuple[str, ...]  # 院区, 分院: after an area's name, an institution's campus
    division_names: frozenset[str]  # every division name and short form (words given to the tokenizer)
    institutions: tuple[str, ...]  # 西湖实验室: after a division's short form, an institution's name
    organs: tuple[str, ...]  # 委, 政府: after a division's ending, its organs (开封|市委)
    org_after: re.Pattern[str]  # 石油大学, 建筑业协会: an organisation's name going on after a country
    event_after: re.Pattern[str]  # 光谷国际光电子博览会: an event's name going on after a country
    event_clause_words: tuple[str, ...]  # 成功, 举办: between 中国 and an event's ending, a clause
    contained_only: frozenset[str]  # 社区: a place by this ending only right after its town or district
    containers: tuple[str, ...]  # 街道, 镇, 乡, 区: the endings of what contains a 社区
    kinds_of_zone: tuple[str, ...]  # 村级工业园: names of this ending are kinds, not places
    town_list: re.Pattern[str]  # 花石、月山、银田等中心镇: the items of a list of towns are towns
    area_list: re.Pattern[str]  # 竹埠港、南天等区域: the items of a list of areas are areas
    not_area_endings: tuple[str, ...]
    max_stem: int
    count_list: re.Pattern[str]  # 横琴、前海两个合作区: as many names as the count, before a kind of zone
    region_endings: tuple[str, ...]  # 地区, 城市群: a region written with one is that region (华北地区)
    ending_opens: tuple[str, ...]  # 地区生产总值: a word a region ending opens, whose it is
    digits: dict[str, int]
    count: re.Pattern[str]  # 两个, 三大, 一批: a count before a kind
    stem_numerals: frozenset[str]  # 一 … 十: a stem mostly of these is a slogan's count (一湾一环六组团)
    big_numerals: frozenset[str]  # 百, 千, 万: 千企帮千镇, 万村 count towns
    foreign_city: re.Pattern[str]  # 老挝凯山丰威汉市: a city right after a foreign country
    home_names: frozenset[str]  # 中国, 中华人民共和国: no foreign city after these
    free_trade_zone: re.Pattern[str]  # 中国（浙江）自由贸易试验区
    bilateral_zone: re.Pattern[str]  # 中韩（长春）国际合作示范区
    town_item: re.Pattern[str]  # 水口乡顾渚村: an item of a list of towns (and a village)
    town_cut: frozenset[str]  # 秭归县以茅坪镇: a list of towns opens after these
    town_kinds: tuple[str, ...]  # 小镇, 古镇: kinds of area or works, not towns
    town_works: tuple[str, ...]  # 古镇: a list holding one is a list of works
    townships: tuple[str, ...]  # 乡
    one_char_endings: frozenset[str]  # 乡, 镇, 村
    division_endings: tuple[str, ...]  # 渝中区解放碑: the division before an area
    not_in_area: frozenset[str]  # 的, 到, 从 …: an item holding one is a route or a clause
    park_kind: str  # 园区
    park_ending: str  # 园
    direction_chars: str  # 东西南北中: 粤东, 冀中南
    direction_ending: str  # 地区: 粤东地区
    conjunctions: frozenset[str]  # 和, 与, 及, 同 …: 新馆和县 joins two works
    serial: re.Pattern[str]  # 南海I号: a craft's name
    street: re.Pattern[str]  # 朝阳大街, 长沙路
    enterprise_list_after: re.Pattern[str]  # 、美团等平台企业
    route_after: re.Pattern[str]  # 京港澳高速
    bad_stem_end: tuple[str, ...]  # 支撑型, 保静线
    county: str  # 县 of 县城
    place_led: frozenset[str]  # 示范区, 试验区: a place only with a place's name at its start
    cities_group: frozenset[str]  # 城市群, 城市圈: a stem of places' names and nothing else
    zone_levels: tuple[str, ...]  # 国家: a level word between a zone's place and the rest of its name
    zone_endings_of_divisions: tuple[str, ...]  # 新区: a division named like an area (滨海新区)
    zone_part: str  # 片区
    zone_campus: tuple[str, ...]  # 园区, 园: a zone's park in a district (深圳高新区南山园区)


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """Words as the alternatives of a regular expression, each escaped, in the order given."""
    return "|".join(map(re.escape, words))


# The clause ends and brackets a list of towns stops at.
_CLAUSE_PUNCT = re.compile(f"[{COMMA},{FULL_STOP}{SEMICOLON};{COLON}:{EXCLAMATION}{QUESTION}!?"
                           f"{OPEN_BRACKET}{CLOSE_BRACKET}(){OPEN_QUOTE}{CLOSE_QUOTE}]")
# A 、-list closed by 等 and what kind of thing its items are (园区平台, 平台作用).
_LIST_ITEM = f"[{HAN}{MIDDLE_DOT}{KATAKANA_MIDDLE_DOT}]{{2,14}}"
_LIST_TO = re.compile(f"(?P<names>{_LIST_ITEM}(?:{ENUMERATION_COMMA}{_LIST_ITEM}){{1,10}}){ETC}(?P<kind>[{HAN}]{{0,4}})")
# The dashes that join two parties a zone is named by (中国—中东欧国家经贸合作示范区): em, en, hyphen.
_DASHES = EM_DASH + "\u2013-"
# A quoted title that opens with a name (“中国改革2021年度…典型案例”).
_QUOTED_TITLE = re.compile(f"[^{CLOSE_QUOTE}]{{6,}}{CLOSE_QUOTE}")


def _numerals(rules: RuleBook) -> dict[str, re.Pattern[str] | frozenset[str]]:
    """The patterns and sets of PlaceRules made of the numerals of numbers.toml (一 … 九, 十, 百, 千, 万)."""
    table = rules.table("places")["counts"]
    digits = "".join(d for d, v in rules.digits.items() if v > 0)  # 一 … 九 (not 零)
    tens = "".join(m for m, v in rules.multipliers.items() if v == 10)
    big = "".join(m for m, v in rules.multipliers.items() if 100 <= v <= 10_000)
    return {
        "count": re.compile(f"[{digits}{tens}{big}{''.join(table['vague'])}0-9]+[{''.join(table['classifiers'])}]"),
        "stem_numerals": frozenset(digits + tens),
        "big_numerals": frozenset(big),
    }


def _town_patterns(rules: RuleBook) -> dict[str, re.Pattern[str] | frozenset[str] | tuple[str, ...]]:
    """The patterns and words of PlaceRules for lists of towns (李家巷镇、林城镇; 水口乡顾渚村)."""
    towns = rules.table("places")["towns"]
    name_char = f"(?:(?![{ETC}{OF}{AND}{WITH}{AND_ALSO}{''.join(towns['not_in_name'])}])[{HAN}])"
    endings = rules.words("places", "suffix", "Town") + rules.words("places", "suffix", "Township")
    town = f"{name_char}{{2,4}}?(?:{_alternation(endings)})"
    village = f"{name_char}{{2,4}}?(?:{_alternation(rules.words('places', 'towns', 'run_villages'))})"
    return {
        "town_item": re.compile(f"(?P<town>{town})(?P<village>{village})?"),
        "town_cut": frozenset(towns["cut_after"]),
        "town_kinds": rules.words("places", "towns", "kinds"),
        "town_works": rules.words("places", "towns", "works"),
        "townships": rules.words("places", "suffix", "Township"),
    }


def _context_patterns(rules: RuleBook) -> dict[str, re.Pattern[str]]:
    """The patterns of PlaceRules that read what follows a name: an organisation's, a craft's, a
    street's, a company's or a route's name it opens."""
    table = rules.table("places")
    words = rules.words
    not_in_list = f"{COMMA},{FULL_STOP}{SEMICOLON};"
    return {
        "event_after": re.compile(f"[{HAN}A-Za-z0-9]{{1,10}}?(?:" + _alternation(words("places", "stop", "event_endings")) + ")"),
        "org_after": re.compile(f"[{HAN}]{{0,4}}?(?:" + _alternation(words("places", "stop", "institutions"))
                                + "|" + _alternation(table["stop"]["organisations"]) + ")"),
        "serial": re.compile(table["stop"]["serial"]),
        "street": re.compile(table["stop"]["street"]),
        "enterprise_list_after": re.compile(
            f"(?:{ENUMERATION_COMMA}[^{not_in_list}{ENUMERATION_COMMA}]{{1,14}}){{1,10}}{ETC}[^{not_in_list}]{{0,6}}?"
            f"(?:{_alternation(table['stop']['enterprise_kinds'])})"),
        "route_after": re.compile(
            f"[{ENUMERATION_COMMA}]?[{HAN}]{{0,6}}?(?:{_alternation(table['stop']['route_words'])})"),
        "foreign_city": re.compile(f"([{HAN}]{{2,7}}?[{''.join(table['suffix']['foreign_city'])}])"),
        "free_trade_zone": re.compile(
            f"{re.escape(table['suffix']['free_trade_opens'])}[{OPEN_BRACKET}(][{HAN}]{{2,3}}[{CLOSE_BRACKET})]"
            f"(?:{_alternation(table['suffix']['free_trade'])})"
            f"(?P<part>[{HAN}]{{2,4}}?{re.escape(table['suffix']['zone_part'])})?"),
        "bilateral_zone": re.compile(
            f"{re.escape(table['suffix']['bilateral_opens'])}[{''.join(table['suffix']['bilateral_partners'])}]"
            f"[{OPEN_BRACKET}(][{HAN}]{{2,3}}[{CLOSE_BRACKET})][{HAN}]{{1,10}}?"
            f"(?P<ending>{_alternation(sorted(table['suffix']['Zone'] + table['suffix']['Area'], key=len, reverse=True))})"),
    }


def _list_patterns(rules: RuleBook, suffix_type: dict[str, str]) -> dict[str, re.Pattern[str]]:
    """The patterns of PlaceRules for lists closed by a kind of place (花石、月山等中心镇)."""
    words = rules.words
    han_or_latin = f"[{HAN}A-Za-z0-9]"
    tens = "".join(m for m, v in rules.multipliers.items() if v == 10)
    return {
        "town_list": re.compile(
            # (the first item may carry the verb before it, 推进平襄镇: cut off by _first_item)
            f"(?P<names>[{HAN}]{{2,6}}(?:{ENUMERATION_COMMA}[{HAN}]{{2,4}}){{0,10}}){ETC}"
            f"(?:\\d+(?:{_alternation(words('places', 'counts', 'town_classifiers'))}))?"
            f"(?P<kind>{_alternation(words('places', 'lists', 'town_kinds'))})"
        ),
        "area_list": re.compile(
            f"(?P<names>{han_or_latin}{{2,12}}(?:{ENUMERATION_COMMA}{han_or_latin}{{2,10}}){{1,10}}){ETC}"
            # 引进华为、京东等企业建设区域总部, 宜红茶、清江鱼等区域公用品牌: the kind is not of places.
            f"(?:(?!{_alternation(words('places', 'lists', 'not_of_areas'))})[{HAN}]){{0,6}}?"
            f"(?:{_alternation(words('places', 'lists', 'area_kinds'))})"
            f"(?!{_alternation(words('places', 'lists', 'not_after_area_kind'))})"
        ),
        "count_list": re.compile(
            f"(?P<names>[{HAN}]{{2,8}}(?:{ENUMERATION_COMMA}[{HAN}]{{2,8}}){{1,9}})"
            f"(?P<count>[{''.join(rules.digits)}{tens}]{{1,2}}|(?<![0-9])[0-9]{{1,2}})"
            f"[{''.join(words('places', 'counts', 'list_classifiers'))}]"
            f"[{HAN}]{{0,4}}?(?P<ending>" + _alternation(sorted(suffix_type, key=len, reverse=True)) + ")"
        ),
    }


def _place_words(rules: RuleBook, suffix_type: dict[str, str]) -> dict[str, object]:
    """The word sets of PlaceRules beyond the names and stop words."""
    table = rules.table("places")
    home = table["scope"]["home_country"]
    return {
        "home_names": frozenset({home, *(a for a, c in table["country_alias"].items() if c == home)}),
        "one_char_endings": frozenset(s for s in suffix_type if len(s) == 1),
        "division_endings": rules.words("places", "suffix", "division_endings"),
        "not_in_area": frozenset(OF) | frozenset(table["lists"]["not_in_area"]),
        "park_kind": table["lists"]["park_kind"],
        "park_ending": table["lists"]["park_ending"],
        "direction_chars": "".join(table["regions"]["directions"]),
        "direction_ending": table["regions"]["direction_ending"],
        "conjunctions": frozenset(AND + WITH + AND_ALSO) | frozenset(table["stop"]["conjunctions"]),
        "bad_stem_end": rules.words("places", "stop", "bad_stem_end"),
        "county": table["suffix"]["county"],
        "place_led": frozenset(table["suffix"]["place_led"]), "cities_group": frozenset(table["suffix"]["cities_group"]),
        "zone_levels": rules.words("places", "suffix", "zone_levels"),
        "zone_endings_of_divisions": rules.words("places", "suffix", "zone_endings_of_divisions"),
        "zone_part": table["suffix"]["zone_part"],
        "zone_campus": tuple(table["suffix"]["zone_campus"]),
    }


@cache
def place_rules(rules: RuleBook, divisions: Divisions) -> PlaceRules:
    table = rules.table("places")
    suffix_type = {s: kind for kind in ("Zone", "Area", "Region", "Town", "Township", "Village") for s in table["suffix"][kind]}
    regions = frozenset(table["regions"]["Region"])
    countries = frozenset(table["regions"]["Country"])
    scope = frozenset(table["scope"]["own_region"])
    names = set(divisions.names()) | regions | countries | scope
    return PlaceRules(
        **_numerals(rules), **_town_patterns(rules), **_context_patterns(rules), **_list_patterns(rules, suffix_type),
        **_place_words(rules, suffix_type),
        names=WordPattern(names),
        common_site=table["frequency"]["common_site"],
        common_pair=table["frequency"]["common_pair"],
        suffixes=compile_words(suffix_type),
        suffix_type=suffix_type,
        regions=regions,
        countries=countries,
        scope=scope,
        not_places=frozenset(table["stop"]["not_places"]),
        bad_stem_start=rules.words("places", "stop", "bad_stem_start"),
        bad_stems=frozenset(table["stop"]["bad_stems"]),
        country_titles=rules.words("places", "stop", "country_titles"),
        era_before=rules.words("places", "stop", "era_before"), event_clause_words=rules.words("places", "stop", "event_clause_words"),
        campus_after=rules.words("places", "stop", "campus_after"),
        division_names=frozenset(divisions.names()),
        institutions=rules.words("places", "stop", "institutions"),
        organs=rules.words("places", "stop", "organs"),
        contained_only=frozenset(table["suffix"]["contained_only"]),
        containers=rules.words("places", "suffix", "containers"),
        kinds_of_zone=rules.words("places", "stop", "kinds_of_zone"),
        not_area_endings=rules.words("places", "lists", "not_area_endings"),
        max_stem=int(table["suffix"]["max_stem"]),
        digits={**rules.digits, **{k: v for k, v in rules.multipliers.items() if v == 10}},
        region_endings=tuple(e for e in rules.words("places", "lists", "long_endings") if e not in suffix_type),
        ending_opens=rules.words("places", "lists", "ending_opens"),
    )


def extract_places(
    sentences: tuple[Sentence, ...], rules: RuleBook, divisions: Divisions, tok: SentenceTokens,
    region_code: str | None, year: int | None,
) -> list[Mention]:
    """Place mentions of every sentence, each with what its rule read it as (Mention.place: a
    division's code and level, else the place's type)."""
    pr = place_rules(rules, divisions)
    directions = _directions(region_code, divisions, pr)
    heads = _city_heads(region_code, divisions)
    out: list[Mention] = []
    for s in sentences:
        first = len(out)  # this sentence's mentions are out[first:]
        out.extend(_named(s, pr, divisions, region_code, year, tok, rules.boundaries))
        out.extend(_by_suffix(s, pr, divisions, tok, region_code, year, rules.boundaries, heads))
        for m in pr.town_list.finditer(s.text) if ETC in s.text else ():  # its matches hold 等: try it where one is
            kind = "Village" if pr.suffix_type.get(m.group("kind")) == "Village" else "Town"
            pos = m.start("names")
            for k, item in enumerate(m.group("names").split(ENUMERATION_COMMA)):
                if k == 0:
                    pos, item = _first_item(pos, item, rules.boundaries)
                if 2 <= len(item) <= 4 and item not in pr.not_places:
                    out.append(Mention("Place", s.start + pos, s.start + pos + len(item), item, TOWN_LIST, s.index, place=PlaceReading(kind)))
                pos += len(item) + 1
        out.extend(_area_list(s, pr, tok, rules.boundaries))
        out.extend(_count_list(s, pr, tok, rules.boundaries))
        out.extend(_zone_list(s, pr, out[first:], rules.boundaries))
        if directions is not None:
            out.extend(_directional(s, directions, (province_code(region_code), prefecture_code(region_code)), tok, pr,
                                    rules.boundaries))
        out.extend(_town_run(s, pr, rules.boundaries))
        out.extend(_zone_campuses(s, pr, out[first:], tok))
        for m in pr.free_trade_zone.finditer(s.text):
            out.extend(_free_trade_zone(s, m, pr))
        for m in pr.bilateral_zone.finditer(s.text):
            out.append(Mention("Place", s.start + m.start(), s.start + m.end(), m.group(), SUFFIX, s.index,
                               place=PlaceReading(pr.suffix_type[m.group("ending")])))
    return out


def _free_trade_zone(s: Sentence, m: re.Match[str], pr: PlaceRules) -> list[Mention]:
    """中国（湖北）自由贸易试验区武汉片区: the zone, and its part (a city's 片区) as an area of its own
    that also goes by its full name (PlaceReading.of holds the zone's); a count before 片区 (三个片区)
    names no part."""
    text, part = s.text, m.group("part")
    zone_end = m.start("part") if part else m.end()
    out = [Mention("Place", s.start + m.start(), s.start + zone_end, text[m.start():zone_end], SUFFIX, s.index,
                   place=PlaceReading("Zone"))]
    if part and not pr.count.match(part) and part[0] not in pr.stem_numerals and not part.startswith(pr.bad_stem_start) \
            and part[0] not in FUNCTION_CHARS:  # (…试验区及临港新片区, 各个片区, 所在片区: no part's name)
        out.append(Mention("Place", s.start + zone_end, s.start + m.end(), part, SUFFIX, s.index,
                           place=PlaceReading("Area", of=text[m.start():zone_end])))  # its full name: the zone's and its own
    return out


def _zone_campuses(s: Sentence, pr: PlaceRules, found: list[Mention], tok: SentenceTokens) -> list[Mention]:
    """深圳高新区南山园区, 佛山高新区南海园: a zone found by its ending, then a division's name and
    园区 or 园 ending a word, is the zone's park in that division, named with its zone."""
    out = []
    text = s.text
    for z in found:
        if z.rule != SUFFIX or z.place is None or z.place.type not in ("Zone", "Village"):
            continue  # (中关村丰台园: 中关村 is read by its ending as a village)
        at = z.end - s.start
        d = pr.names.match(text, at)
        if d is None or d.group() not in pr.division_names:
            continue
        ending = next((e for e in pr.zone_campus if text.startswith(e, d.end())), None)
        end = d.end() + len(ending) if ending else 0
        if ending is None or not _aligned(text, d.end(), end, tok, pr, division=False):
            continue  # 高新区南山园林: no park's ending
        out.append(Mention("Place", z.start, s.start + end, text[z.start - s.start:end], SUFFIX, s.index,
                           place=PlaceReading("Zone")))
    return out


def _town_run(s: Sentence, pr: PlaceRules, boundaries: frozenset[str]) -> list[Mention]:
    """李家巷镇、林城镇获评…; 水口乡顾渚村、泗安镇新川村入选…: a 、-list whose items are towns (镇, 乡,
    街道), or a town and a village in it, names towns and villages, however jieba cuts their
    names. The first item may follow a verb; the last may run on into the clause. One item of
    two or three characters without an ending (陆城、枝城镇、红花套镇) is a town written short."""
    out: list[Mention] = []
    offset = 0
    for clause in _CLAUSE_PUNCT.split(s.text):
        parts = clause.split(ENUMERATION_COMMA)
        if len(parts) >= 2:
            items: list[tuple[int, str, re.Match[str] | None]] = []
            pos = offset
            for k, part in enumerate(parts):
                at, item = (_first_item(pos, part, boundaries) if k == 0 else (pos, part))
                if k == 0 and not pr.town_item.fullmatch(item):
                    # 秭归县以茅坪镇, 五峰…自治县加快渔洋关镇: the list begins after the clause's last
                    # particle or verb
                    cut = max([i + 1 for i, ch in enumerate(item[:-2]) if ch in FUNCTION_CHARS or ch in pr.town_cut]
                              + [after_last_boundary(item, boundaries, keep=3)])
                    at, item = at + cut, item[cut:]
                last = k == len(parts) - 1
                whole = pr.town_item.fullmatch(item)
                runs_on = None if last or whole or k == 0 else pr.town_item.match(item)
                items.append((at, item, pr.town_item.match(item) if last else whole or runs_on))
                pos += len(part) + 1
                if runs_on is not None:
                    break  # 抄乐镇发展茶叶、精品水果…: the town runs on into the clause, whose own list follows
            towns = sum(m is not None for _, _, m in items)
            short = [(at, item) for at, item, m in items if m is None and 2 <= len(item) <= 3 and
                     not any(ch in FUNCTION_CHARS for ch in item)]
            # 碧泉潭、壶天古镇、洛口古镇等文旅项目: ancient towns listed as tourist works are no towns
            ancient = any(m is not None and m.group("town").endswith(pr.town_works) for _, _, m in items)
            # 建强中心镇、专业镇、特色镇: a list of kinds of town names none
            kinds = any(m is not None and (m.group("town") in pr.not_places or m.group("town")[:-1] in pr.bad_stems)
                        for _, _, m in items)
            if towns >= 2 and towns + len(short) == len(items) and len(short) <= 1 and not ancient and not kinds:
                for at, item in short:
                    out.append(Mention("Place", s.start + at, s.start + at + len(item), item, TOWN_LIST, s.index, place=PlaceReading("Town")))
                for at, _, m in items:
                    if m is not None:
                        out.extend(_town_mentions(s, pr, at, m))
        offset += len(clause) + 1
    return out


def _town_mentions(s: Sentence, pr: PlaceRules, at: int, m: re.Match[str]) -> list[Mention]:
    town, village = m.group("town"), m.group("village")
    if town[:-1] in pr.bad_stems or town in pr.not_places or town.endswith(pr.town_kinds):
        return []  # 音乐小镇、书画小镇等文创小镇: a kind of area; 壶天古镇: a tourist work
    kind = "Township" if town.endswith(pr.townships) else "Town"
    out = [Mention("Place", s.start + at, s.start + at + len(town), town, TOWN_LIST, s.index, place=PlaceReading(kind))]
    if village and village[:-1] not in pr.bad_stems and village not in pr.not_places:
        v = at + len(town)
        out.append(Mention("Place", s.start + v, s.start + v + len(village), village, TOWN_LIST, s.index, place=PlaceReading("Village")))
    return out




def _open_name(text: str, begin: int, end: int, tok: SentenceTokens, pr: PlaceRules, keep: int = 2) -> int:
    """Where a name in text[begin:end] opens once the words jieba cuts before it that open no
    name are dropped: verbs, adverbs, pronouns (出台|横琴合作区, 强力|推进|府河, 各类|开发区) and counts
    (一座|新城); at least `keep` characters stay. A division or region is never dropped."""
    words, starts = tok.cut(text)
    i = bisect_left(starts, begin)
    while i < len(words) and starts[i] == begin:
        word = words[i]
        if end - begin - len(word) < keep or word in pr.division_names or word in pr.regions:
            break
        if not _is_lead(word) and not pr.count.fullmatch(word):
            break
        begin += len(word)
        i += 1
    return begin


def _after_last_lead(text: str, begin: int, end: int, tok: SentenceTokens, pr: PlaceRules) -> int:
    """Where the first item of a list opens: after the last verb, adverb or pronoun of the words
    jieba cuts in text[begin:end] (强力|推进|浮山湾 → 浮山湾), leaving two characters or more."""
    words, starts = tok.cut(text)
    i = bisect_left(starts, begin)
    cut = begin
    while i < len(words) and starts[i] + len(words[i]) <= end - 2:
        if _is_lead(words[i]) and words[i] not in pr.division_names:
            cut = starts[i] + len(words[i])
        i += 1
    return cut


@cache
def _is_lead(word: str) -> bool:
    """Whether a word is a lead word (lead_words), or two joined that the rules' tokenizer holds
    as one (改造提升: the verbs of works are added to it). Every test of a word the rules' tokenizer
    cut against lead_words asks this."""
    leads = lead_words()
    return word in leads or any(word[:k] in leads and word[k:] in leads for k in range(2, len(word) - 1))


def _holds_count(text: str, begin: int, end: int, tok: SentenceTokens, pr: PlaceRules) -> bool:
    """Whether a word of text[begin:end] is a count (前海两个合作区, 南沙三大科学城): what follows
    a count is a kind of the things listed before it, not a name."""
    words, starts = tok.cut(text)
    i = bisect_left(starts, begin)
    while i < len(words) and starts[i] < end:
        if pr.count.fullmatch(words[i]):
            return True
        i += 1
    return False


def _first_item(pos: int, item: str, boundaries: frozenset[str]) -> tuple[int, str]:
    """The first item of a list without the verbs and particles before it (抓好竹埠港 → 竹埠港,
    在北京 → 北京)."""
    for _ in range(3):
        lead = skip_boundaries(item, 0, boundaries, keep=2, times=1)
        if not lead and len(item) > 2 and item[0] in FUNCTION_CHARS:
            lead = 1
        if not lead:
            break
        pos, item = pos + lead, item[lead:]
    return pos, item


def _area_list(s: Sentence, pr: PlaceRules, tok: SentenceTokens, boundaries: frozenset[str]) -> list[Mention]:
    """抓好竹埠港、南天等区域污染治理; 打造九华、东方红广场、建设路口等楼宇经济聚集区: the items of a
    list that closes on a kind of area are areas. Items that are kinds of site (学校、医院等人员
    密集区域) or common words are not."""
    out: list[Mention] = []
    if ENUMERATION_COMMA not in s.text or ETC not in s.text:
        return out  # a match holds both: the pattern need not be tried at every character
    for m in pr.area_list.finditer(s.text):
        for k, (pos, item) in enumerate(list_items(m.group("names"), m.start("names"))):
            if k == 0:
                pos, item = _first_item(pos, item, boundaries)
                lead = _after_last_lead(s.text, pos, pos + len(item), tok, pr) - pos
                pos, item = pos + lead, item[lead:]
            # 渝中区解放碑、江北区观音桥等商圈: a district written before its area is a place of its own
            held = next((n for n in prefixes_in(item, pr.division_names) if n.endswith(pr.division_endings)), "")
            if held and len(item) - len(held) >= 2:
                pos, item = pos + len(held), item[len(held):]
            if len(item) < 2 or item in pr.not_places or item.endswith(pr.not_area_endings):
                continue
            if any(ch in pr.not_in_area for ch in item) or tok.FREQ.get(item, 0) >= pr.common_site:
                # 加密广州港到东南亚、…等航线: a route or a clause, not an area
                continue
            out.append(Mention("Place", s.start + pos, s.start + pos + len(item), item, AREA_LIST, s.index, place=PlaceReading("Area")))
    return out


def _zone_list(s: Sentence, pr: PlaceRules, found: list[Mention], boundaries: frozenset[str]) -> list[Mention]:
    """发挥深圳园、保定中关村、保定高新区、莲池高新区等平台作用; 依托深圳园、长城园、…等园区平台: in a
    list of zones (two items or more that are zones by their ending, or a list of 园区 with an
    item ending in 园), an item ending in 园 or opening with a division's name is a zone too."""
    out: list[Mention] = []
    if ENUMERATION_COMMA not in s.text or ETC not in s.text:
        return out  # a match holds both: the pattern need not be tried at every character
    zones = {(m.start - s.start, m.end - s.start) for m in found if m.rule == SUFFIX and m.place is not None and m.place.type == "Zone"}
    for m in _LIST_TO.finditer(s.text):
        items = list_items(m.group("names"), m.start("names"))
        if items:
            items[0] = _first_item(*items[0], boundaries)
        listed = sum((pos, pos + len(item)) in zones for pos, item in items)
        # …等创新园区: a kind of park, perhaps qualified; …等入驻园区: a verb, the items settle in parks
        kind = m.group("kind")
        parks = (pr.park_kind in kind and kind[: kind.index(pr.park_kind)] not in boundaries
                 and any(item.endswith(pr.park_ending) for _, item in items))
        if listed < 2 and not parks:
            continue  # 引进华为、长沙比亚迪等入驻园区: no list of zones
        for pos, item in items:
            if (pos, pos + len(item)) in zones or len(item) < 3 or any(ch in FUNCTION_CHARS for ch in item):
                continue
            head = pr.names.match(item)
            if item.endswith(pr.park_ending) or (head is not None and head.group() in pr.division_names and len(item) - head.end() >= 2):
                out.append(Mention("Place", s.start + pos, s.start + pos + len(item), item, ZONE_LIST, s.index, place=PlaceReading("Zone")))
    return out


def _directions(region_code: str | None, divisions: Divisions, pr: PlaceRules) -> re.Pattern[str] | None:
    """粤东, 粤西, 粤北 in a 广东 report: the report's province's abbreviation and a direction name
    a region of it. (A prefecture's first character is no such abbreviation: 中东地区 in a 中山
    report, 东南地区 in a 东莞 one, are no regions of the city.)"""
    if region_code is None or region_code == NATIONAL:
        return None
    province = province_abbreviations().get(province_prefix(region_code))
    if not province:
        return None
    return re.compile(f"(?P<p>{province}[{pr.direction_chars}]{{1,3}})(?:{re.escape(pr.direction_ending)})?")


def _directional(s: Sentence, directions: re.Pattern[str], codes: tuple[str, str], tok: SentenceTokens,
                 pr: PlaceRules, boundaries: frozenset[str]) -> list[Mention]:
    """The directional regions of the report's province or prefecture a sentence names, on word
    edges, that are no common word (南北 is one); each read as a Region of the division it is in
    (`codes`: the province's and the prefecture's)."""
    out = []
    edges: set[int] | None = None
    for m in directions.finditer(s.text):
        core = m.group("p")
        if edges is None:  # the sentence is cut only when it holds a candidate
            words, starts = tok.cut(s.text)
            edges = set(starts) | {st + len(w) for w, st in zip(words, starts)}
        if m.start() not in edges or m.end() not in edges:
            continue
        if pr.enterprise_list_after.match(s.text, m.end()):
            trace.veto("place.region_in_enterprise_list", "Place", m.group(), s.start + m.start(), s.start + m.end())
            continue  # 支持京东、美团等平台企业: a company whose name reads like a region
        if tok.FREQ.get(core, 0) > 0 and core not in proper_names():
            continue
        if not m.group().endswith(pr.direction_ending) and not directions.match(s.text, m.end()) \
                and not _standalone_after(s.text, m.end(), words, starts, boundaries):
            continue  # 浙东唐诗之路: the region opens another thing's name (粤东粤西粤北: three regions)
        within = codes[0]
        out.append(Mention("Place", s.start + m.start(), s.start + m.end(), m.group(), REGION_ABBR, s.index,
                           place=PlaceReading("Region", of=within)))
    return out


def _standalone_after(text: str, end: int, words: list[str], starts: list[int], boundaries: frozenset[str]) -> bool:
    """Whether a name ends its phrase: punctuation, a particle, a boundary word or a verb follows."""
    if end >= len(text) or is_punct(text[end]) or text[end] in FUNCTION_CHARS:
        return True
    i = bisect_left(starts, end)
    return i < len(words) and starts[i] == end and (words[i] in boundaries or _is_lead(words[i]))


def _count(numeral: str, digits: dict[str, int]) -> int:
    """The value of a count of one or two characters, Arabic or Chinese (8 8, 三 3, 十 10, 十二 12;
    else 0)."""
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    values = [digits.get(ch, -1) for ch in numeral]
    if -1 in values:
        return 0
    if len(values) == 1:
        return values[0]
    if values[0] == 10:
        return 10 + values[1]
    return values[0] * 10 if values[1] == 10 else 0


def _count_list(s: Sentence, pr: PlaceRules, tok: SentenceTokens, boundaries: frozenset[str]) -> list[Mention]:
    """横琴、前海两个合作区; 光明、松山湖、南沙三大科学城: a list of as many names as the count
    before a kind of zone or area names zones or areas (the divisions among them are named by
    their own rule). A count that is not the list's length says nothing."""
    out: list[Mention] = []
    if ENUMERATION_COMMA not in s.text:
        return out  # a match holds one: the pattern need not be tried at every character
    for m in pr.count_list.finditer(s.text):
        items = list_items(m.group("names"), m.start("names"))
        if _count(m.group("count"), pr.digits) != len(items):
            continue
        kind = pr.suffix_type[m.group("ending")]
        for k, (pos, item) in enumerate(items):
            if k == 0:
                pos, item = _first_item(pos, item, boundaries)
                lead = _after_last_lead(s.text, pos, pos + len(item), tok, pr) - pos
                pos, item = pos + lead, item[lead:]
            if len(item) < 2 or pr.names.fullmatch(item) or item in pr.not_places or any(ch in FUNCTION_CHARS for ch in item):
                continue
            out.append(Mention("Place", s.start + pos, s.start + pos + len(item), item, COUNT_LIST, s.index, place=PlaceReading(kind)))
    return out


def _aligned(text: str, start: int, end: int, tok: SentenceTokens, pr: PlaceRules, division: bool,
             rival: Callable[[str], bool | None] | None = None) -> bool:
    """Whether jieba puts word boundaries at both ends of a span (湘江城区段 holds no 江城区)."""
    tokens = tokens_around(tok, text, start, end, pad=4)
    bounds = {ts for _, ts in tokens} | {ts + len(w) for w, ts in tokens}
    if division and end not in bounds and any(
            ts < end < ts + len(w) and w[end - ts:].startswith(pr.organs) for w, ts in tokens):
        bounds.add(end)  # 开封|市委, 天津市委: the division's organ took its ending, or the word holds both
    if start not in bounds or end not in bounds:
        return False
    if not division:
        return True
    # The tokenizer knows every division name (so it cuts them whole), so for a division also
    # ask whether its edge characters make a dictionary word with their neighbours
    # (湘江|城区 is no 江城区). Countries and regions are not in doubt (与德国合作: 国合 is a word).
    # Only a common word counts: jieba's dictionary also holds rare pairs (苏吴 3, 水机 6) that
    # would cut 江苏 off 江苏吴江区 and 丽水 off 丽水机场.
    # A neighbour that is part of a longer word (支持|重庆: 持重 is no rival) is not in doubt, unless
    # the rival is a division that could be meant here (腾讯云|南海: 南海 against 云南).
    # A neighbour that is a division itself (陕西|安康: 西安 is no rival) is not in doubt either.
    before = next((w for w, ts in tokens if ts + len(w) == start), "")
    after = next((w for w, ts in tokens if ts == end), "")
    left, right = text[start - 1:start + 1], text[end - 1:end + 1]

    def doubted(neighbour: str, pair: str, particles: str) -> bool:
        if neighbour in particles or (rival is not None and rival(neighbour) is not None):
            return False  # a particle (汉中|等地: 中等 is no rival), or two places written in a row
        if len(neighbour) == 1:
            return _common_pair(tok, pair, rival, pr.common_pair)
        return bool(rival and rival(pair))

    # Particles that follow names (等, 的) or join them (和, 与); 以 before a name makes words (以上城区).
    return not (start > 0 and doubted(before, left, AND + WITH + AND_ALSO)) and not (
        end < len(text) and doubted(after, right, ETC + OF + AND + WITH + AND_ALSO))


def _common_pair(tok: SentenceTokens, word: str, rival: Callable[[str], bool | None] | None, least: int) -> bool:
    """Whether a two-character word across a division's edge outweighs it: a division name that
    could be meant here (长兴 against 兴城市 in 长兴城市污水处理厂) but not one that could not (和安
    of 和安县 against 安徽, which the tokenizer was told as a word), else a common word (湘江)."""
    verdict = rival(word) if rival is not None else None
    if verdict is not None:
        return verdict
    return tok.FREQ.get(word, 0) >= least


def _named(
    s: Sentence, pr: PlaceRules, divisions: Divisions, region_code: str | None, year: int | None, tok: SentenceTokens,
    boundaries: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Divisions, regions, countries and scope words named in a sentence. A rejected match gives
    way to one starting a character later (和安 | 安徽 in 和安徽广德)."""
    out: list[Mention] = []
    # The province or prefecture just named, and where its run of names ends: 江苏宜兴、溧阳 names
    # two cities of 江苏 that the report's own region would not license.
    licence: dict[str, str | int] = {}
    text, pos = s.text, 0
    while (m := pr.names.search(text, pos)) is not None:
        if not _one_named(m, s, pr, divisions, region_code, year, tok, boundaries, licence, out):
            pos = m.start() + 1
        else:
            pos = m.end()
    return out


def _one_named(
    m: re.Match[str], s: Sentence, pr: PlaceRules, divisions: Divisions, region_code: str | None, year: int | None,
    tok: SentenceTokens, boundaries: frozenset[str], licence: dict[str, str | int], out: list[Mention],
) -> bool:
    """Add the mention(s) of one match; False if the match names no place here."""
    name, text = m.group(), s.text
    kind_known = name in pr.regions or name in pr.countries

    def rival(word: str) -> bool | None:
        """None: not a division name; else whether that division could be meant here."""
        if word not in pr.division_names:
            return None
        other = divisions.lookup(word, within=region_code, year=year)
        return other is not None and _plausible(other, word, region_code, divisions)

    if _region_with_ending(m, s, pr, tok, out):
        return True
    if len(name) <= 3 and name not in pr.scope and not _aligned(text, m.start(), m.end(), tok, pr, not kind_known, rival):
        return False
    if _no_place_here(m, s, pr, tok, boundaries):
        return False
    start, end = s.start + m.start(), s.start + m.end()
    if name in pr.scope:
        out.append(Mention("Place", start, end, name, SCOPE, s.index, place=PlaceReading("")))
    elif name in pr.regions:
        out.append(Mention("Place", start, end, name, REGION, s.index, place=PlaceReading("Region")))
    elif name in pr.countries:
        out.append(Mention("Place", start, end, name, COUNTRY, s.index, place=PlaceReading("Country")))
        city = pr.foreign_city.match(text, m.end())
        if city and name not in pr.home_names and _foreign_city(city.group(1), pr, divisions, boundaries):
            # 老挝凯山丰威汉市: a city named right after a foreign country is in it.
            out.append(Mention("Place", s.start + city.start(1), s.start + city.end(1), city.group(1), FOREIGN,
                               s.index, place=PlaceReading("City", of=name)))
    else:
        return _division_named(m, s, pr, divisions, region_code, year, tok, boundaries, licence, out)
    return True


def _region_with_ending(m: re.Match[str], s: Sentence, pr: PlaceRules, tok: SentenceTokens, out: list[Mention]) -> bool:
    """华北地区, 长株潭城市群: a region written with a generic ending of regions is that region
    (but 两江新区地区生产总值: the ending opens the next word). Whether it was added."""
    name, text = m.group(), s.text
    ending = next((e for e in pr.region_endings if text.startswith(e, m.end())), "") if name in pr.regions else ""
    ending = "" if text.startswith(pr.ending_opens, m.end()) else ending
    if ending and name + ending not in pr.regions and _aligned(text, m.start(), m.end() + len(ending), tok, pr, False):
        out.append(Mention("Place", s.start + m.start(), s.start + m.end() + len(ending), name + ending, REGION,
                           s.index, place=PlaceReading("Region")))
        return True
    return False


def _no_place_here(m: re.Match[str], s: Sentence, pr: PlaceRules, tok: SentenceTokens, boundaries: frozenset[str]) -> bool:
    """Whether a country's or region's name is part of something else here: a title, a slogan, a
    route, an organisation, a craft."""
    name, text = m.group(), s.text
    if name in pr.countries and text.startswith(pr.country_titles, m.end()):
        return True  # 中国企业500强: a title
    if name in pr.countries and text.endswith(pr.era_before, 0, m.start()):
        trace.veto("place.country_as_era", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 新中国成立70周年: an era
    if name in pr.countries and _slogan_before(text, m.start(), tok, pr, boundaries):
        trace.veto("place.country_in_slogan", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # “科创中国”, 健康中国行动, 美丽中国: a programme's name
    if name in pr.regions and m.start() > 0 and text[m.start() - 1] in province_abbreviations().values() and (
            pr.route_after.match(text, m.end()) or not _standalone_after(text, m.end(), *tok.cut(text), boundaries)):
        trace.veto("place.route_name", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 京港澳高速, 京港澳特色产业带: a route named by the places it joins, not 港澳 (闽港澳合作 keeps it)
    if (name in pr.countries or name in pr.regions) and pr.org_after.match(text, m.end()):
        return True  # 中国石油大学, 华南师范大学, 中国建筑业协会: an organisation's name
    if name in pr.home_names and (event := pr.event_after.match(text, m.end())) is not None \
            and _names_only(text, m.end(), event.end(), tok, pr.event_clause_words):
        trace.veto("place.country_opens_event", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 中国光谷国际光电子博览会, 中国海南岛欢乐节: an event's name (not 中国首次举办…大会)
    if pr.serial.match(text, m.end()):
        trace.veto("place.serial_name", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # “南海I号”, 天宫二号: a ship's or craft's name
    if name in pr.home_names and (text[m.end():m.end() + 1] in _NAME_JOINERS or (
            text[m.end():m.end() + 1] in (OPEN_BRACKET, "(") and (d := pr.names.match(text, m.end() + 1)) is not None
            and d.group() in pr.division_names and text[d.end():d.end() + 1] in (CLOSE_BRACKET, ")"))):
        trace.veto("place.home_country_opens_name", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 中国—东盟信息港, 中国（南昌）中医药科创城, 中国·贵州国际茶文化节: a name's opening
    return False


def _names_only(text: str, start: int, end: int, tok: SentenceTokens, clause_words: tuple[str, ...]) -> bool:
    """Whether text[start:end] holds no function character and none of `clause_words`: words of a name
    (光谷国际光电子博览会, 国际服务贸易交易会), not a clause (成功主办…峰会, 在联合国气候变化大会, 首次举办…大会)."""
    words, starts = tok.cut(text)
    inside = [w for w, ts in zip(words, starts) if start <= ts < end]
    return not any(w in clause_words or (len(w) == 1 and w in FUNCTION_CHARS) for w in inside)


# After 中国, the marks that join it to the rest of an official name (a dash, a middle dot; a bracket
# only round a division: 中国（含港澳台） is the country).
_NAME_JOINERS = frozenset(_DASHES + HORIZONTAL_BAR + MIDDLE_DOT + KATAKANA_MIDDLE_DOT)


def _division_named(
    m: re.Match[str], s: Sentence, pr: PlaceRules, divisions: Divisions, region_code: str | None, year: int | None,
    tok: SentenceTokens, boundaries: frozenset[str], licence: dict[str, str | int], out: list[Mention],
) -> bool:
    """Add the division a match names, if it could be meant here; `licence` lets the short names
    listed after a city or province be its own (长沙、株洲 after 湖南)."""
    name, text = m.group(), s.text
    division = divisions.lookup(name, within=region_code, year=year)
    if division is None:
        return False
    licensed = bool(licence) and division.code.startswith(str(licence["prefix"])) and (
        text[int(licence["end"]):m.start()] in ("", ENUMERATION_COMMA))
    if not licensed and not _plausible(division, name, region_code, divisions):
        return False
    if _division_veto(m, s, pr, division, region_code, licensed, tok, boundaries):
        return False
    out.append(Mention("Place", s.start + m.start(), s.start + m.end(), name, DIVISION, s.index, place=PlaceReading(division.level, division.code)))
    if division.level == "Province" or holds_divisions(division.code):
        licence.update(prefix=scope_prefix(division.code), end=m.end())
    elif licensed:
        licence["end"] = m.end()
    return True


def _division_veto(m: re.Match[str], s: Sentence, pr: PlaceRules, division: Division, region_code: str | None,
                   licensed: bool, tok: SentenceTokens, boundaries: frozenset[str]) -> bool:
    """Whether a division's name is part of a phrase, a work, an institution or a street here."""
    name, text = m.group(), s.text
    if len(name) == 2 and division.level != "Province" and not licensed and (
            region_code is None or not same_province(division.code, region_code)) \
            and _slogan_before(text, m.start(), tok, pr, boundaries, pr.names):
        trace.veto("place.far_name_in_phrase", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 真金白银, 产业兴县: a far division's two characters ending a phrase
    if len(name) == 2 and name[0] in pr.conjunctions and m.start() > 0 and _is_cjk(text[m.start() - 1]) \
            and not any(text.endswith(b, 0, m.start()) for b in (text[max(0, m.start() - k):m.start()] for k in (2, 3, 4))
                        if b in boundaries):
        return True  # 新馆和县全民健身中心: 和 joins two works; 和县 is no place here (but 支持和田)
    if name != division.name and text.startswith(pr.institutions, m.end()):
        return True  # 西湖实验室, 南湖大学: a short form in an institution's name
    if division.level == "District" and m.start() > 0 and _is_cjk(text[m.start() - 1]) and not licensed and (
            region_code is None or not same_province(division.code, region_code)) \
            and not _word_edge_before(text, m.start(), pr, boundaries):
        trace.veto("place.far_district_inside_word", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 金融城|东区, 科学城|北区: a far district's name across the end of another name
    if name != division.name and pr.street.match(text, m.end()) and _word_ends_after(text, m.end(), tok):
        trace.veto("place.street_name", "Place", name, s.start + m.start(), s.start + m.end())
        return True  # 朝阳大街, 长沙路: a street named after a place, not the place
    return False


def _word_edge_before(text: str, start: int, pr: PlaceRules, boundaries: frozenset[str]) -> bool:
    """Whether a name may start at `start`: after a function character, a boundary word or a place's
    name (上海|青浦区, 与|余杭区, 推进|城东区)."""
    if text[start - 1] in FUNCTION_CHARS:
        return True
    for k in range(2, min(start, 6) + 1):
        before = text[start - k:start]
        if before in boundaries or pr.names.fullmatch(text, start - k, start):
            return True
    return False


def _slogan_before(text: str, start: int, tok: SentenceTokens, pr: PlaceRules, boundaries: frozenset[str],
                   places: WordPattern | None = None) -> bool:
    """Whether a common word of two or more characters is written right before a country's name,
    or opens the quote it ends, making a programme's name of it (健康|中国, “科创中国”); a verb, preposition or boundary word
    before it (走向|中国, 在|中国, 建设|中国) makes none."""
    if any(text[start - k - 1:start - k] == OPEN_QUOTE and all(_is_cjk(ch) for ch in text[start - k:start]) for k in (2, 3, 4)):
        return True  # “科创中国”: a quoted name that ends in the country's
    if text[start - 1:start] == OPEN_QUOTE and _QUOTED_TITLE.match(text[start:]):
        return True  # “中国改革2021年度…典型案例”: a quoted title that opens with it
    before = tokens_before(tok, text, start, width=4)
    if not before or before[-1][1] + len(before[-1][0]) != start:
        return False
    word = before[-1][0]
    return (len(word) >= 2 and tok.FREQ.get(word, 0) >= pr.common_pair and word not in boundaries
            and not _is_lead(word) and not any(ch.isdigit() for ch in word)
            and (places is None or not places.fullmatch(word)))




def _word_ends_after(text: str, end: int, tok: SentenceTokens) -> bool:
    """Whether jieba ends a word one or two characters after `end` (长沙路|, 朝阳大街|): the
    ending closes a street's name rather than opening a longer word."""
    words, starts = tok.cut(text)
    ends = {st + len(w) for w, st in zip(words, starts)}
    return end + 1 in ends or end + 2 in ends


def _is_cjk(ch: str) -> bool:
    return HAN_FIRST <= ch <= HAN_LAST


def _foreign_city(name: str, pr: PlaceRules, divisions: Divisions, boundaries: frozenset[str]) -> bool:
    """A city name after a country holds no function character, verb or Chinese division
    (美国客商落户株洲市 and 日本的城市 name no foreign city)."""
    if any(ch in FUNCTION_CHARS for ch in name) or name in pr.not_places:
        return False
    if any(name[i:i + k] in boundaries for k in (2, 3, 4) for i in range(len(name) - k + 1)):
        return False
    return not any(n in name for n in (name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1))
                   if divisions.lookup(n) is not None)


def _plausible(division, name: str, region_code: str | None, divisions: Divisions) -> bool:
    """Full names and the short forms of provinces and prefectures count anywhere; the short form
    of a county-level division (湘乡 for 湘乡市) only inside the report's own prefecture (or
    province, for a provincial report), where the text can mean no other place by it; one its
    province governs directly stands to the province's reports as a prefecture (a 武汉 report's
    仙桃、天门、潜江). (Right after its province or prefecture, 江苏宜兴、溧阳, _named licenses it too.)"""
    if name == division.name or division.level == "Province" or holds_divisions(division.code):
        return True
    if region_code is None:
        return False
    if governed_by_province(division.code) and region_code[:2] == division.code[:2]:
        return True
    return in_scope(division.code, region_code)


def _by_suffix(
    s: Sentence, pr: PlaceRules, divisions: Divisions, tok: SentenceTokens, region_code: str | None, year: int | None,
    boundaries: frozenset[str], heads: frozenset[str] = frozenset(),
) -> list[Mention]:
    out = []
    text = s.text
    for m in pr.suffixes.finditer(text):
        suffix = m.group()
        kind = pr.suffix_type[suffix]
        stem_start = _stem_start(text, m.start(), m.end(), kind, pr, tok, boundaries)
        if stem_start is None:
            continue
        inner_scope = _scope_in_stem(text, stem_start, m.start(), pr, tok)
        if inner_scope is not None:
            stem_start = inner_scope  # 综合实力居全国|国家级高新区: the report's scope ends the clause before the name
            if text[stem_start:m.start()] in pr.zone_levels:
                continue  # 我市国家级经济技术开发区: a level of zone, no name
        if stem_start > 1 and text[stem_start - 1] in _DASHES and (joined := pr.names.search(text, max(0, stem_start - 9), stem_start - 1)) \
                and joined.end() == stem_start - 1:
            stem_start = joined.start()  # 中国—中东欧国家经贸合作示范区: two parties joined by a dash name it
        name = text[stem_start:m.end()]
        stem = text[stem_start:m.start()]
        if name in pr.not_places or stem in pr.not_places or stem in pr.bad_stems or len(stem) < 2:
            continue
        if stem in pr.scope and stem not in pr.division_names:  # (全州工业园区: 全州 is 全州县's too)
            trace.veto("place.scope_before_kind", "Place", name, s.start + stem_start, s.start + m.end())
            continue  # 全省工业园区, 全市开发区: the report's own region's parks of a kind, no named place
        if stem.endswith(pr.bad_stem_end):
            continue  # 支撑型产业园区, 创新型园区: a type of zone; 保静线新区至保定段: a route's stretch
        if suffix in pr.place_led and not _led_by_name(text, stem_start, stem, pr, divisions, region_code, year, tok, heads) \
                and (wider := _place_before(text, stem_start, pr, divisions, region_code, year, tok)) is not None:
            stem_start = wider  # 景德镇|国家|陶瓷文化传承创新试验区: the place opens a stem longer than a walk
            name, stem = text[stem_start:m.end()], text[stem_start:m.start()]
        veto = _suffix_veto(text, m, stem_start, stem, pr, divisions, region_code, year, tok, heads)
        if veto:
            trace.veto(veto, "Place", name, s.start + stem_start, s.start + m.end())
            continue
        if stem[0] in pr.one_char_endings:
            continue  # 水口乡顾渚村: jieba's 乡顾 puts the township's ending into the village's stem
        numerals = sum(ch in pr.stem_numerals for ch in stem)
        if numerals >= 2 and numerals / len(stem) >= 0.4:
            continue  # 一湾一环六组团: a slogan's count, not a name
        if divisions.lookup(name, within=region_code, year=year) is not None:
            continue  # a division's own name (湘潭县): the name matcher has it
        if suffix in pr.contained_only and not _contained(text, stem_start, stem, pr):
            continue  # 桂城街道夏北社区, 湘潭经开区产业社区 are communities; 融城社区, 高新区智慧社区 kinds
        if name.endswith(pr.kinds_of_zone):
            continue  # 村级工业园: a kind of park, however qualified
        out.append(Mention("Place", s.start + stem_start, s.start + m.end(), name, SUFFIX, s.index, place=PlaceReading(kind)))
    return out



def _scope_in_stem(text: str, begin: int, end: int, pr: PlaceRules, tok: SentenceTokens) -> int | None:
    """Where a zone's stem begins after a scope word standing in it or across its start as a word of
    its own (综合实力居全国|国家级高新区, 全|省国家级高新区), else None (安全区块链 holds no 全区; 全州 is a county)."""
    words, starts = tok.cut(text)
    edges = set(starts) | {st + len(w) for w, st in zip(words, starts)}
    found = [k + len(w) for w in pr.scope if w not in pr.division_names
             and (k := text.rfind(w, max(0, begin - len(w) + 1), end)) >= 0 and k in edges and k + len(w) in edges]
    after = max(found, default=None)
    return after if after is not None and after > begin else None


def _opens_with_name(text: str, begin: int, tok: SentenceTokens, pr: PlaceRules) -> bool:
    """Whether the word a stem opens with is a name: one jieba's dictionary lacks or tags as a
    proper noun (中关村, 张江, 杨凌), not a common word (国家, 全国, 生态) nor one it does not know
    (智慧农业示范区, 4大夜经济示范区: the words of a kind)."""
    words, starts = tok.cut(text)
    i = bisect_left(starts, begin)
    if i >= len(words) or starts[i] != begin or len(words[i]) < 2:
        return False
    word = words[i]
    return word in proper_names() and not _is_lead(word) and word not in pr.bad_stems


def _city_heads(region_code: str | None, divisions: Divisions) -> frozenset[str]:
    """The first characters of the prefectures of the report's province, and its abbreviation:
    the characters joint names are made of (深河 for 深圳 and 河源, 石保廊, 广深)."""
    if region_code is None or region_code == NATIONAL:
        return frozenset()
    province = province_code(region_code)
    heads = {d.name[0] for d in divisions.children(province) if holds_divisions(d.code)}
    abbreviation = province_abbreviations().get(province_prefix(province))
    return frozenset(heads | ({abbreviation} if abbreviation else set()))


def _joint_name(stem: str, heads: frozenset[str]) -> bool:
    """Whether a stem opens with a joint name of two or three places of the province, one
    character each, all different (深河产业共建示范区, 石保廊…试验区)."""
    for k in (3, 2):
        if len(stem) > k and len(set(stem[:k])) == k and all(ch in heads for ch in stem[:k]):
            return True
    return False


def _suffix_veto(text: str, m: re.Match[str], stem_start: int, stem: str, pr: PlaceRules, divisions: Divisions,
                 region_code: str | None, year: int | None, tok: SentenceTokens, heads: frozenset[str]) -> str:
    """The id of the veto that says a name by its ending is no place here, or empty."""
    suffix = m.group()
    if len(suffix) > 1 and not _ends_word(text, m.end(), tok, pr):
        return "place.ending_inside_word"  # 城市更|新城|市, 市县|城区: the ending is part of another word
    if suffix in pr.cities_group and not _names_cities(stem, pr, heads):
        return "place.group_of_no_cities"  # 京津冀世界级城市群, 万宁市东部城市群: more than the cities' names
    if _count_before(text, stem_start, tok, pr):
        return "place.counted_kind"  # 振兴一批专业镇: a kind, counted
    if text.startswith(pr.campus_after, m.end()):
        return "place.campus_name"  # 人民医院新区|分院: an institution's campus, no area
    if suffix.startswith(pr.county) and divisions.lookup(stem + pr.county, within=region_code, year=year) is None \
            and divisions.lookup(stem, within=region_code, year=year) is None:
        return "place.county_town_without_county"  # 县城 is a county's town only after the county (湘潭县城, not 畅通县城)
    if suffix in pr.place_led and (not _led_by_name(text, stem_start, stem, pr, divisions, region_code, year, tok, heads)
                                   or any(stem.startswith(c) and stem.startswith(pr.country_titles, len(c))
                                          for c in pr.countries)):
        # 创建国家生态文明建设示范区, 中国特色社会主义先行示范区: a title; 深圳先行示范区: a zone
        return "place.title_without_place"
    return ""


def _names_cities(stem: str, pr: PlaceRules, heads: frozenset[str]) -> bool:
    """Whether a group of cities' stem is a division's or region's name, short names joined (宜荆荆恩) or a
    province's abbreviation and a direction (浙中), and nothing else."""
    return bool(pr.names.fullmatch(stem)) or _joint_name(stem, heads) or (
        stem[0] in province_abbreviations().values() and all(ch in pr.direction_chars for ch in stem[1:]))


def _led_by_name(text: str, stem_start: int, stem: str, pr: PlaceRules, divisions: Divisions, region_code: str | None,
                 year: int | None, tok: SentenceTokens, heads: frozenset[str]) -> bool:
    """Whether a place-led zone's stem opens with a place, places' short names or a proper name."""
    return _opens_with_place(text, stem_start, pr, divisions, region_code, year) or _joint_name(stem, heads) \
        or _opens_with_name(text, stem_start, tok, pr)


def _place_before(text: str, begin: int, pr: PlaceRules, divisions: Divisions, region_code: str | None,
                  year: int | None, tok: SentenceTokens) -> int | None:
    """Where a division or region opens a zone's name right before `begin`, a stem's start that the
    walk back stopped at (宜春|国家|锂电新能源产业示范区, 景德镇|国家|陶瓷文化传承创新试验区: a level
    word between), the place starting a word; None when none does."""
    k = begin - next((len(w) for w in pr.zone_levels if text.endswith(w, 0, begin)), 0)
    for j in range(min(k, 8), 1, -1):
        if pr.names.fullmatch(text, k - j, k) and _opens_with_place(text, k - j, pr, divisions, region_code, year) \
                and token_at(tok, text, k - j)[1] == k - j:
            return k - j
    return None


def _opens_with_place(text: str, begin: int, pr: PlaceRules, divisions: Divisions, region_code: str | None,
                      year: int | None) -> bool:
    """Whether a division or region of the tables is named at text[begin:]."""
    m = pr.names.match(text, begin)
    if m is None or m.group() in pr.scope:
        return False
    return m.group() in pr.regions or divisions.lookup(m.group(), within=region_code, year=year) is not None


def _ends_word(text: str, end: int, tok: SentenceTokens, pr: PlaceRules) -> bool:
    """Whether a name's ending closes a word: jieba puts a boundary after it and the next character
    makes no kind of place (市县城|区 is 城区) nor a verb (县域经济带|动 is 带动) with its last."""
    words, starts = tok.cut(text)
    i = bisect_right(starts, end - 1) - 1
    if i >= 0 and starts[i] + len(words[i]) > end:
        return False
    pair = text[end - 1:end + 1]
    return pair not in pr.not_places and (len(pair) < 2 or not _is_lead(pair))


def _count_before(text: str, begin: int, tok: SentenceTokens, pr: PlaceRules) -> bool:
    """Whether the word right before a name is a count (一批|专业镇, 一个|新城)."""
    words, starts = tok.cut(text)
    i = bisect_left(starts, begin) - 1
    return i >= 0 and starts[i] + len(words[i]) == begin and bool(pr.count.fullmatch(words[i]))


def _contained(text: str, stem_start: int, stem: str, pr: PlaceRules) -> bool:
    """Whether a 社区's name follows its container (a street, town or zone, before it or inside its
    stem) with a name of its own after it, not an honour or kind (高新区|智慧社区)."""
    if text.endswith(pr.containers, 0, stem_start):
        return stem not in pr.bad_stems
    last = max((stem.rfind(c) + len(c) for c in pr.containers if c in stem[:-1]), default=0)
    return last > 0 and len(stem) - last >= 2 and stem[last:] not in pr.bad_stems


def _stem_start(
    text: str, start: int, end: int, kind: str, pr: PlaceRules, tok: SentenceTokens, boundaries: frozenset[str]
) -> int | None:
    """Where a suffix's name begins: the one or two words right before it, or None if there are none.

    Single-character suffixes (镇, 乡, 村) must stand alone as a token or close one with
    their stem (乌石镇), so 乡村 and 城乡 are not places.
    """
    if end - start == 1:
        begin = _one_char_stem_start(text, start, end, pr, tok, boundaries)
        if begin is not None and begin > 0 and text[begin - 1].isdigit():
            return None  # 由1997年|建|镇时: a date's unit and a verb after a number, no town's name
        return begin
    begin = name_start(text, start, tok, Walk(max_chars=pr.max_stem, max_tokens=4), boundaries)
    if begin is None or start - begin < 2:
        return None
    begin = _after_inner_place(text, begin, start, end, kind, pr)
    if begin is None:
        return None
    if _holds_count(text, begin, start, tok, pr):
        return None  # 横琴、前海两个合作区, 一座新城: a kind after a count; a list's rule names the places
    for _ in range(2):
        if text.startswith(pr.bad_stem_start, begin) and start - begin > 2:
            begin += next(len(b) for b in pr.bad_stem_start if text.startswith(b, begin))
        begin = _open_name(text, begin, start, tok, pr)
    if _is_lead(text[begin:start]) and text[begin:start] not in pr.division_names:
        return None  # 各类|开发区: a pronoun or verb, and no name (the dictionary tags 即墨 v: not a division)
    return begin if start - begin >= 2 else None


def _one_char_stem_start(text: str, start: int, end: int, pr: PlaceRules, tok: SentenceTokens,
                         boundaries: frozenset[str]) -> int | None:
    """Where the name before a one-character suffix (镇, 乡, 村) begins, or None."""
    tokens = tokens_around(tok, text, start, end, pad=6)
    bounds = {ts for _, ts in tokens} | {ts + len(w) for w, ts in tokens}
    if end not in bounds:
        return None
    fused = next(((w, ts) for w, ts in tokens if ts < start < ts + len(w)), None)
    if fused is not None:
        # 乌石镇 is one token (or 乌 + 石镇); 乡村 is not a place (its stem would be one character).
        if fused[1] + len(fused[0]) != end or fused[0] in pr.not_places:
            return None
        if len(fused[0]) - 1 >= 2:
            return None if fused[0][-2] in pr.big_numerals else fused[1]  # 帮千镇: a count of towns
        before = next(((w, ts) for w, ts in tokens if ts + len(w) == fused[1]), None)
        if before and len(before[0]) == 1 and before[0] not in FUNCTION_CHARS and not is_punct(before[0]):
            return before[1]
        if before and len(before[0]) == 2 and before[0] in proper_names() and before[0] not in pr.bad_stems \
                and not _is_lead(before[0]) and before[0] not in pr.division_names \
                and not any(ch in pr.one_char_endings for ch in before[0]) and tok.FREQ.get(fused[0], 0) == 0 \
                and not before[0].startswith(pr.bad_stem_start):  # (新建|通村: a verb jieba tags as a name)
            return before[1]  # 田家|沟村, 青岩|刘村: a name jieba knows before an ending fused into no word (水乡 is one)
        return None
    begin = name_start(text, start, tok, Walk(max_chars=3, max_tokens=1), boundaries)
    if begin is not None and start - begin > 2 and text[begin] in FUNCTION_CHARS:
        begin += 1  # 以茅坪|镇: jieba may fuse a particle with the town's name
    if begin is not None and ((_is_lead(text[begin:start]) and text[begin:start] not in pr.division_names)
                              or _holds_count(text, begin, start, tok, pr)):
        return None  # 消除|村, 不出|村: a verb before the ending, not a name
    if begin is not None and (any(ch in pr.one_char_endings for ch in text[begin:start]) or text[start - 1] in pr.big_numerals):
        return None  # 名城名镇名村: a list of kinds; 千企帮千镇, 万村: a count
    return begin if begin is not None and start - begin >= 2 else None


_NAMED_ALONE = ("Town", "Township", "Village", "Area")  # kinds of place named without the division before them


def _after_inner_place(text: str, begin: int, start: int, end: int, kind: str, pr: PlaceRules) -> int | None:
    """宜昌高新区白洋工业园, 狮山镇罗村片区: a zone or area inside a zone, or anything inside a town,
    is its own place: the name after the first one is this place's (a community inside a zone,
    湘潭经开区产业社区, stays whole; 西塘古镇 is no town; 高新区跻身国家高新区: a stem that is only
    a zone's ending has no name left, None)."""
    while kind in _NAMED_ALONE and (m := pr.names.match(text, begin, start)) is not None and m.group() in pr.division_names \
            and m.group().endswith(pr.division_endings) and start - m.end() >= 2 \
            and (kind != "Area" or not m.group().endswith(pr.zone_endings_of_divisions)):
        # 长安区|王曲街道, 湘潭县|花石镇, 南平市|武夷新区: a town or area after its county, city or district
        # is named alone (滨海新区中心商务片区 stays whole: 滨海新区 is a district named like an area)
        begin = m.end()
    inner = pr.suffixes.search(text, begin, start)
    if inner is not None and text[inner.start() - 1:inner.end()] in pr.town_kinds:
        inner = None
    if inner is None or not (pr.suffix_type[inner.group()] in ("Town", "Township") or (
            pr.suffix_type[inner.group()] == "Zone" and kind in ("Zone", "Area"))) or not (
            len(inner.group()) > 1 or inner.start() - begin >= 2) or (
            # 上海自贸试验区临港新片区: the part of a zone named by a place is named with it
            text.endswith(pr.zone_part, 0, end) and pr.suffix_type[inner.group()] == "Zone" and inner.start() - begin >= 2
            and (m := pr.names.match(text, begin)) is not None and (m.group() in pr.division_names or m.group() in pr.regions)):
        return begin
    if inner.start() - begin < 2 and (start - inner.end() < 2 or kind != "Area" or suffixes_in(
            text[max(0, inner.start() - 6):inner.start()], pr.division_names | pr.regions)):
        # 高新区跻身国家高新区: no name left; 上海自贸试验区临港新片区: a named zone's part is
        # named with it; but the area after a zone of no name (…改革试验区|广清接合片区) is its own
        return None
    begin = inner.end()
    return None if start - begin < 2 else begin
