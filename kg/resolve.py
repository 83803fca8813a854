"""Resolve mentions into entities: one canonical thing per real thing, by named policies.

Overlaps are settled first (`prefer_longest` within a kind, `prefer_kind` across kinds
for identical spans), then mentions are grouped: divisions by adcode, other places,
enterprises and projects by name, with short forms merged into the long form they
abbreviate (长株潭 → 长株潭城市群, 中国 → 中华人民共和国).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg import trace
from kg.divisions import NATIONAL, Division, Divisions, depth, same_province
from kg.extract import places as P
from kg.extract.names import prefixes_in
from kg.grammar import AND_ALSO, CLOSE_BRACKET, OPEN_BRACKET
from kg.indicators import IndicatorScheme, load_scheme
from kg.model import Entity, Mention, Observation
from kg.rules import RuleBook

_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,24}$")
# Identical spans found by several kinds of rule: the first kind listed wins.
KIND_ORDER = ("Project", "Enterprise", "Place")


def prefer_longest(mentions: Iterable[Mention]) -> list[Mention]:
    """Drop a mention lying inside a longer one of the same kind; keep one of identical spans.

    Division mentions are kept inside zone names (湘潭 in 湘潭高新区): they tie the zone to its city.
    """
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_kind[m.kind].append(m)
    kept: list[Mention] = []
    for kind, ms in by_kind.items():
        # (of identical spans and rules, the one whose reading says more first: 武汉片区 read as a
        # free-trade zone's part, with the zone, before the same words read by their ending alone)
        ms = sorted(set(ms), key=lambda m: (m.start, -m.end, m.rule, not (m.place and m.place.of), repr(m.place), m.norm))
        last_end, last_start = -1, -1
        chosen: list[Mention] = []
        for m in ms:
            if chosen and m.start == last_start and m.end == last_end:
                continue
            if m.end <= last_end and m.rule != P.DIVISION:
                continue
            chosen.append(m)
            if m.end > last_end:
                last_end, last_start = m.end, m.start
        kept.extend(chosen)
    return sorted(kept, key=lambda m: (m.start, m.end, m.kind, m.rule))


def prefer_kind(mentions: Iterable[Mention]) -> list[Mention]:
    """Of mentions with identical spans and different kinds, keep the kind first in KIND_ORDER;
    but an item of a list that says its items are places (建华大街、金台驿等重点片区) is a place, and
    no work's name ends on one with more before it (江北区观音桥等商圈)."""
    best: dict[tuple[int, int], Mention] = {}
    others: list[Mention] = []

    def rank(m: Mention) -> int:
        return -1 if m.rule in _LISTED_PLACES else KIND_ORDER.index(m.kind)

    mentions = list(mentions)
    listed_ends = {(m.sentence, m.end): m.start for m in mentions if m.rule in _LISTED_PLACES}
    for m in mentions:
        if m.rule == P.DIVISION:
            others.append(m)
            continue
        if m.kind == "Project" and listed_ends.get((m.sentence, m.end), -1) > m.start:
            continue  # 江北区观音桥等商圈: the list says 观音桥 is an area, not a bridge of 江北区
        key = (m.start, m.end)
        if key not in best or rank(m) < rank(best[key]):
            best[key] = m
    return sorted([*best.values(), *others], key=lambda m: (m.start, m.end, m.kind, m.rule))


# Rules that find places as the items of a list whose kind word names places.
_LISTED_PLACES = frozenset({P.AREA_LIST, P.COUNT_LIST, P.TOWN_LIST, P.ZONE_LIST})


def embedded_divisions(mentions: list[Mention], routes: tuple[str, ...] = (), region: Division | None = None,
                       home: frozenset[str] = frozenset(), between: tuple[str, ...] = ()) -> set[Mention]:
    """Division, country and region names inside a longer name of another rule (山东 in 山东威高,
    雨湖 in 雨湖工业集中区, 中国 in 中国铁建, 醴陵 in 醴娄高速).

    They tie that name to its place but are not, by themselves, a place the report talks about;
    except a division of the report's own province in the name of a project that is no route
    (攸县垃圾焚烧发电厂 is in 攸县, which the graph then holds for the project to be located in;
    宁德 in 宁德时代邦普…产业园 of a 宜昌 report names a brand, and 雅安 in 川藏铁路雅安至林芝段
    an end).
    """
    named = (P.DIVISION, P.COUNTRY, P.REGION)
    provincial = region is not None and region.code != NATIONAL

    def keeps(o: Mention, m: Mention) -> bool:
        """Whether a project's name keeps the division or foreign country inside it as a place of
        its own (长城汽车俄罗斯图拉州整车制造项目 is in 俄罗斯)."""
        if o.kind == "Project" and m.rule == P.COUNTRY and m.text not in home:
            return True
        return (o.kind == "Project" and not o.text.endswith(routes) and not any(w in o.text for w in between)
                and m.rule == P.DIVISION and (not provincial or same_province(_code(m), region.code)))

    others = sorted((m for m in mentions if m.rule not in named and m.rule != P.SCOPE), key=lambda m: (m.sentence, m.start))
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in others:
        by_sentence[m.sentence].append(m)
    return {
        m for m in mentions if m.rule in named and any(
            o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) and not keeps(o, m)
            for o in by_sentence[m.sentence]
        )
    }


def places_among_enterprises(mentions: list[Mention], region: Division | None) -> set[Mention]:
    """A far division's short name listed between enterprises names one of them (与中铁、京投、
    阿里、清华长庚…合作: 阿里 is no 阿里地区): no place. A place of the report's own province, or one
    with a place beside it in the list, stays."""
    provincial = region is not None and region.code != NATIONAL
    starts = {(m.sentence, m.start): m for m in mentions}
    ends = {(m.sentence, m.end): m for m in mentions}
    out = set()
    for m in mentions:
        if m.rule != P.DIVISION or (provincial and same_province(_code(m), region.code)):
            continue
        beside = [x for x in (ends.get((m.sentence, m.start - 1)), starts.get((m.sentence, m.end + 1))) if x is not None]
        if beside and all(x.kind == "Enterprise" for x in beside):
            trace.veto("place.among_enterprises", "Place", m.text, m.start, m.end)
            out.add(m)
    return out


def works_in_place_names(mentions: list[Mention]) -> set[Mention]:
    """Project names inside a place's name (G60 in G60科创走廊, 湘大附属学校 in 湘大附属学校片区):
    there they name the place, not a work."""
    named = (P.SUFFIX, P.AREA_LIST, P.TOWN_LIST)
    places: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind == "Place" and m.rule in named:
            places[m.sentence].append(m)
    return {
        m for m in mentions if m.kind == "Project" and any(
            p.start <= m.start and m.end <= p.end and (p.end - p.start) > (m.end - m.start) for p in places[m.sentence])
    }


_KIND_TABLE = {"Place": "places", "Enterprise": "enterprises", "Project": "projects"}


def within_length(mentions: list[Mention], rules: RuleBook) -> list[Mention]:
    """The mentions no longer than their kind's names are (the tables' names.max_chars)."""
    caps = {kind: rules.table(table)["names"]["max_chars"] for kind, table in _KIND_TABLE.items()}
    return [m for m in mentions if len(m.text) <= caps.get(m.kind, len(m.text))]


def project_tails(mentions: list[Mention]) -> set[Mention]:
    """Place names by ending that are the tail of a project's name (天古镇 in 壶天古镇): no places."""
    ends = {(m.sentence, m.end): m.start for m in mentions if m.kind == "Project"}
    return {
        m for m in mentions
        if m.kind == "Place" and m.rule == P.SUFFIX and (m.sentence, m.end) in ends and ends[(m.sentence, m.end)] < m.start
    }


def _code(m: Mention) -> str:
    """The division code a place rule read a mention as ("" for any other)."""
    return m.place.code if m.place is not None else ""


def _type(m: Mention) -> str:
    """The type a place rule read a mention as ("" for the report's own scope and any other)."""
    return m.place.type if m.place is not None else ""


def division_key(code: str) -> tuple[str, str]:
    """The key of a division's group of mentions: by its code, whatever name it was written with."""
    return ("Place", _CODE + code)


def code_of(key: tuple[str, str]) -> str | None:
    """The division code of a group's key, or None for a key by name."""
    return key[1][len(_CODE):] if key[0] == "Place" and key[1].startswith(_CODE) else None


_CODE = "code:"


@dataclass
class _Groups:
    """Mentions grouped by what they name, with what the grouping learnt of each group."""

    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))
    subtype: dict[tuple[str, str], str] = field(default_factory=dict)
    foreign_in: dict[tuple[str, str], str] = field(default_factory=dict)  # a foreign city's country
    region_in: dict[tuple[str, str], str] = field(default_factory=dict)  # the code of the division a region is in


def resolve_entities(
    mentions: list[Mention], divisions: Divisions, rules: RuleBook, region: Division | None,
    region_label: str | None, year: int | None,
) -> tuple[Entity, ...]:
    """Entities of one report from its mentions; the report's region and its parents are always there."""
    mentions = prefer_kind(prefer_longest(within_length(mentions, rules)))
    groups = _group(mentions, rules, region)
    _merge_forms(groups.mentions, mentions, rules)
    entities = _division_entities(groups.mentions, divisions, region, region_label)
    entities |= _named_entities(groups, entities, rules, frozenset(divisions.names()))
    if region is None and region_label and _CJK_NAME.match(region_label) and not any(
            e.label == region_label or region_label in e.aliases for e in entities.values() if e.kind == "Place"):
        # The report's own region, named in its header, is a place even when no table holds it
        # (中华人民共和国 for the national report).
        kind = "Country" if region_label in rules.table("places")["regions"]["Country"] else "Region"
        entities[("Place", region_label)] = Entity("Place", region_label, (), (), kind)
    within = {r: province for province, regions in rules.table("places")["region_within"].items() for r in regions}
    return _with_parents(entities, divisions, region, within, rules.table("places")["scope"]["home_country"])


def _group(mentions: list[Mention], rules: RuleBook, region: Division | None) -> _Groups:
    """The mentions by what they name: a division by its code, a country or region by its one name."""
    country_alias = rules.table("places")["country_alias"]
    home = frozenset(country_alias) | frozenset(country_alias.values())  # 中国, 中华人民共和国
    embedded = (embedded_divisions(mentions, rules.words("projects", "list", "routes"), region, home,
                                   rules.words("places", "forms", "route_between")) | project_tails(mentions)
                | works_in_place_names(mentions) | places_among_enterprises(mentions, region))
    region_alias = rules.table("places")["region_alias"]
    region_endings = rules.words("places", "lists", "long_endings")
    groups = _Groups()
    outer = _ambiguous_inner_names(mentions)
    local = _local_towns(mentions, region, rules.words("places", "suffix", "Town") + rules.words("places", "suffix", "Township"))
    for m in mentions:
        if m.rule == P.SCOPE or m in embedded:
            continue
        if m.kind == "Place" and m.rule == P.DIVISION and m.text in local:
            key = ("Place", local[m.text])  # 九江 in a 南海区 report is its 九江镇, not 江西's 九江市
            groups.subtype.setdefault(key, "Town")
        elif m.kind == "Place" and m.rule == P.DIVISION:
            key = division_key(_code(m))
        elif m.kind == "Place" and m.rule == P.COUNTRY:
            key = ("Place", country_alias.get(m.text, m.text))
            groups.subtype[key] = "Country"
        elif m.kind == "Place" and m.rule == P.REGION:
            # 珠三角地区 is 珠三角, which is 珠江三角洲: a region written with a generic ending
            stem = next((m.text[: -len(e)] for e in region_endings if m.text.endswith(e) and m.text[: -len(e)] in region_alias), "")
            key = ("Place", region_alias.get(m.text) or region_alias.get(stem) or m.text)
            groups.subtype.setdefault(key, _type(m))
        elif m.kind == "Place" and m.rule == P.FOREIGN:
            key = ("Place", m.text)
            groups.subtype[key], groups.foreign_in[key] = _type(m), m.place.of
        elif m.kind == "Place" and m.rule == P.REGION_ABBR:
            key = ("Place", m.text)
            groups.subtype[key], groups.region_in[key] = _type(m), m.place.of
        elif m.kind == "Place":
            key = ("Place", outer.get(m, "") + m.text)
            groups.subtype.setdefault(key, _type(m))
        else:
            key = (m.kind, m.text)
        groups.mentions[key].append(m)
    return groups


def _merge_forms(groups: dict[tuple[str, str], list[Mention]], mentions: list[Mention], rules: RuleBook) -> None:
    """Merge the groups that are one thing written in several forms (short forms, zone forms, brands)."""
    divisions_written = {m.text for m in mentions if m.rule == P.DIVISION}
    places_written = {m.text for m in mentions if m.kind == "Place"}
    _merge_short_forms(groups, "Place", rules.words("places", "lists", "long_endings"))
    _merge_zone_forms(groups, rules.table("places")["zone_short"], divisions_written)
    zone_endings = rules.words("places", "suffix", "Zone") + rules.words("places", "suffix", "Area")
    _merge_inserted_forms(groups, tuple(e for e in zone_endings if len(e) >= 2), _insertions(rules))
    _merge_list_items(groups, divisions_written)
    _merge_project_forms(groups, places_written, rules.words("places", "forms", "project_words"))
    _merge_short_forms(groups, "Enterprise", rules.words("enterprises", "stop", "long_endings"))
    _merge_brands(groups, rules.words("enterprises", "stop", "long_endings"), places_written)


def _division_entities(groups: dict[tuple[str, str], list[Mention]], divisions: Divisions, region: Division | None,
                       region_label: str | None) -> dict[tuple[str, str], Entity]:
    """The divisions named and the report's own region. A parent the report never names (无锡市 over
    宜兴, 江苏省 over 昆山市) is left out, as a gold annotator leaves it: the graph holds what the text
    says, and each division's kg:adcode still gives its province."""
    needed_codes = {code for key in groups if (code := code_of(key)) is not None}
    if region is not None:
        needed_codes.add(region.code)
    entities: dict[tuple[str, str], Entity] = {}
    for code in sorted(needed_codes):
        if (d := divisions.get(code)) is None:
            continue
        ms = groups.get(division_key(code), [])
        written = sorted({m.text for m in ms} | ({region_label} if region and code == region.code and region_label else set()),
                         key=lambda t: (-len(t), t))
        label = written[0] if written else d.name
        aliases = tuple(t for t in written if t != label)
        entities[division_key(code)] = Entity("Place", label, aliases, tuple(ms), d.level, code, None)
    return entities


def _named_entities(groups: _Groups, divisions: dict[tuple[str, str], Entity],
                    rules: RuleBook, division_names: frozenset[str] = frozenset()) -> dict[tuple[str, str], Entity]:
    """The entities known by name: every group that is not a division's."""
    country_alias = rules.table("places")["country_alias"]
    region_alias = rules.table("places")["region_alias"]
    regions = rules.table("places")["regions"]["Region"]
    entities: dict[tuple[str, str], Entity] = {}
    for (kind, name), ms in groups.mentions.items():
        if code_of((kind, name)) is not None:
            continue
        # The key's name counts as written, except a region's canonical form the report never
        # writes (长三角 alone stays 长三角, though it is one place with 长江三角洲).
        said = {m.text for m in ms}
        if kind == "Place":
            # 武汉片区 of 中国（湖北）自由贸易试验区武汉片区: a free-trade zone's part goes by its full name too
            said |= {m.place.of + m.text for m in ms if m.rule == P.SUFFIX and m.place is not None and m.place.of}
            # 河北雄安新区: a region of the table after its province's name also goes by the region's own
            said |= {r for r in regions if len(name) > len(r) and name.endswith(r) and name[:-len(r)] in division_names}
        written = sorted(said | ({name} if name not in region_alias.values() or not said else set()),
                         key=lambda t: (-len(t), t))
        label = written[0]
        country = groups.foreign_in.get((kind, name))
        holder = divisions.get(division_key(groups.region_in.get((kind, name), "")))
        entities[(kind, name)] = Entity(kind, label, tuple(t for t in written if t != label), tuple(ms),
                                        groups.subtype.get((kind, name)) if kind == "Place" else None, None,
                                        country_alias.get(country, country) if country else holder.label if holder else None)
    return entities


def _local_towns(mentions: list[Mention], region: Division | None, endings: tuple[str, ...]) -> dict[str, str]:
    """Short division names the report's own towns also go by: 九江 is 九江镇 in a report that
    names 九江镇 and is not in 江西 (a division of the report's own province keeps its name)."""
    towns = {m.text for m in mentions if m.kind == "Place" and m.rule != P.DIVISION and _type(m) in ("Town", "Township")}
    out: dict[str, str] = {}
    for m in mentions:
        if m.kind == "Place" and m.rule == P.DIVISION and region is not None and not same_province(_code(m), region.code):
            town = next((m.text + e for e in endings if m.text + e in towns), None)
            if town is not None:
                out[m.text] = town
    return out


def _ambiguous_inner_names(mentions: list[Mention]) -> dict[Mention, str]:
    """宜昌高新区白洋工业园 is read as 白洋工业园 in 宜昌高新区; but where one name follows two places
    (长沙高新区科技新城、株洲高新区科技新城) they are two things: those mentions keep the place
    before them in their name."""
    ends = {(m.sentence, m.end): m.text for m in mentions if m.kind == "Place"}
    after: dict[Mention, str] = {}
    for m in mentions:
        if m.kind == "Place" and m.rule == P.SUFFIX and (m.sentence, m.start) in ends:
            after[m] = ends[(m.sentence, m.start)]
    outers: dict[str, set[str]] = defaultdict(set)
    for m, o in after.items():
        outers[m.text].add(o)
    return {m: o for m, o in after.items() if len(outers[m.text]) > 1}


def _merge_short_forms(groups: dict[tuple[str, str], list[Mention]], kind: str, endings: tuple[str, ...]) -> None:
    """Fold a group named X into the group named X+ending when both exist (中部 → 中部地区)."""
    names = {name for k, name in groups if k == kind and code_of((k, name)) is None}
    for name in sorted(names):
        for ending in endings:
            longer = name + ending
            if longer in names and (kind, name) in groups:
                groups[(kind, longer)].extend(groups.pop((kind, name)))
                break


def _merge_zone_forms(groups: dict[tuple[str, str], list[Mention]], short: dict[str, str], divisions: set[str]) -> None:
    """Fold a zone's other written forms into one: X综合保税区 and X综保区 (`zone_short`), and a name
    with its division written before it (点军江南新区, 河北雄安新区) and without (江南新区, 雄安新区)."""
    def key(name: str) -> str:
        for long, abbreviation in short.items():
            if name.endswith(long):
                return name[: -len(long)] + abbreviation
        return name

    names = sorted((name for kind, name in groups if kind == "Place" and code_of((kind, name)) is None), key=len)
    by_key: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (-len(n), n)):  # the fullest form first: it keeps the group
        by_key.setdefault(key(name), name)
    # 江南新区 ← 点军江南新区: a longer name that is a division and then this one
    with_division = {n[len(d):]: n for n in names for d in prefixes_in(n, divisions) if len(n) - len(d) >= 4}
    for name in names:
        target = by_key.get(key(name))
        if target is None or target == name:
            target = with_division.get(name)
        if target is not None and target != name and ("Place", name) in groups and ("Place", target) in groups:
            groups[("Place", target)].extend(groups.pop(("Place", name)))


def _merge_inserted_forms(groups: dict[tuple[str, str], list[Mention]], endings: tuple[str, ...],
                          insertions: _Insertions) -> None:
    """Fold a zone's short name into its official one, which inserts words between the short
    name's stem and ending (横琴合作区 → 横琴粤澳深度合作区, 前海合作区 → 前海深港现代服务业合作区),
    where exactly one name of the report is so made. The inserted words are three characters or
    more, with no numeral, and do not go on with a division's name (宜昌市一中高新区 is no 宜昌高新区)."""
    names = sorted(name for kind, name in groups if kind == "Place" and code_of((kind, name)) is None)
    by_head: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_head[name[:2]].append(name)
    for short in names:
        ending = next((e for e in endings if short.endswith(e)), None)
        if ending is None or len(short) - len(ending) < 2:
            continue
        stem = short[: -len(ending)]
        longs = [n for n in by_head[short[:2]] if n.startswith(stem) and n.endswith(ending) and len(n) > len(short)]
        longs = [n for n in longs if insertions.allowed(n[len(stem):-len(ending)])
                 and not any(n.endswith(w) and not short.endswith(w) for w in insertions.word_endings)]
        if len(longs) == 1 and ("Place", short) in groups and ("Place", longs[0]) in groups:
            groups[("Place", longs[0])].extend(groups.pop(("Place", short)))


@dataclass(frozen=True)
class _Insertions:
    """What an official name may not insert into its short one (places.toml, [forms])."""

    numerals: frozenset[str]  # 零 … 九, 十, 百, 千, 0-9
    openings: frozenset[str]  # 省, 市, 县 …: a division's ending
    zone_types: tuple[str, ...]  # 技术, 经济 …: the end of a zone's type
    word_endings: tuple[str, ...]  # 创新区: an ending holding a shorter one inside a word

    def allowed(self, inserted: str) -> bool:
        """Words an official name may insert into its short one: not a county's (市县区…) nor a zone's
        type (武汉东湖新技术开发区 is no 武汉开发区; 南沙经济技术开发区 no 广州开发区)."""
        return (len(inserted) >= 3 and not any(ch in self.numerals for ch in inserted) and inserted[0] not in self.openings
                and not inserted.endswith(self.zone_types))


def _insertions(rules: RuleBook) -> _Insertions:
    numerals = {*rules.digits, *(m for m, v in rules.multipliers.items() if v < 10_000), *"0123456789"}
    return _Insertions(frozenset(numerals), frozenset(rules.table("places")["forms"]["not_inserted_openings"]),
                       rules.words("places", "forms", "zone_types"), rules.words("places", "forms", "word_endings"))


def _merge_list_items(groups: dict[tuple[str, str], list[Mention]], divisions: set[str]) -> None:
    """Fold the item of a counted list (横琴 of 横琴、前海两个合作区; 珠海横琴, after its city) into
    the one zone or area of the report whose name opens with it (of several, the one of the
    list's kind)."""
    names = sorted(name for kind, name in groups if kind == "Place" and code_of((kind, name)) is None)
    for item in names:
        ms = groups.get(("Place", item), [])
        if not ms or any(m.rule != P.COUNT_LIST for m in ms):
            continue
        heads = [item] + [item[len(d):] for d in prefixes_in(item, divisions) if len(item) - len(d) >= 2]
        for head in heads:
            longs = [n for n in names if n != item and n.startswith(head) and len(n) > len(head)
                     and any(m.rule == P.SUFFIX for m in groups.get(("Place", n), []))]
            if len(longs) > 1:  # 前海: the zone (…合作区) of a list of zones, not the area (…金融城)
                longs = [n for n in longs if any(m.place == ms[0].place for m in groups[("Place", n)] if m.rule == P.SUFFIX)]
            if len(longs) == 1:
                groups[("Place", longs[0])].extend(groups.pop(("Place", item)))
                break


def _merge_brands(groups: dict[tuple[str, str], list[Mention]], endings: tuple[str, ...], place_names: set[str]) -> None:
    """Fold a brand (诺力, 吉利) into the one registered name that starts with it, after a place
    (浙江吉利控股集团, 诺力智能装备股份有限公司), and ends like a company. Two candidates: no fold."""
    names = sorted(name for kind, name in groups if kind == "Enterprise")
    # Each registered name with the place it opens with, found once (浙江吉利控股集团 → 浙江), filed
    # under the first two characters of both its forms.
    by_start: dict[str, list[tuple[str, str]]] = defaultdict(list)  # first two characters → (full, place)
    for full in names:
        if full.endswith(endings):
            place = _lead_places(full, place_names)
            for form in {full, full[len(place):]}:
                by_start[form[:2]].append((full, place))
    for short in names:
        if not 2 <= len(short) <= 4:
            continue
        # 茅台集团 for 中国贵州茅台酒厂（集团）有限责任公司: a brand and a bracketed ending the full name holds
        brand, held = next(((short[:-len(e)], e) for e in endings if short.endswith(e) and len(short) - len(e) >= 2),
                           (short, ""))
        longs = []
        for full, place in sorted(set(by_start.get(short[:2], ()))):
            rest = full[len(place):] if place and not short.startswith(place) else full
            if full != short and len(rest) > len(short) and (
                    rest.startswith(short) or held and rest.startswith(brand) and f"{OPEN_BRACKET}{held}{CLOSE_BRACKET}" in rest):
                longs.append(full)
        if len(longs) == 1 and ("Enterprise", short) in groups:
            groups[("Enterprise", longs[0])].extend(groups.pop(("Enterprise", short)))


def _lead_places(name: str, place_names: set[str]) -> str:
    """The places a registered name opens with, one after another (中国贵州茅台酒厂 → 中国贵州)."""
    k = 0
    while k < len(name) and (place := next(iter(prefixes_in(name[k:], place_names)), "")):
        k += len(place)
    return name[:k]


def _merge_project_forms(groups: dict[tuple[str, str], list[Mention]], place_names: set[str],
                         project_words: tuple[str, ...]) -> None:
    """Fold a project's short form into its full name: the full name adds a place before it
    (医疗器械产业园 → 湖南医疗器械产业园), a part after 及 (昭华大桥 → 昭华大桥及引线) or the word
    项目/工程 after it (杭州萧山国际机场三期 → 杭州萧山国际机场三期项目)."""
    names = {name for kind, name in groups if kind == "Project"}
    for full in sorted(names, key=lambda n: (-len(n), n)):
        shorts = [full[len(p):] for p in prefixes_in(full, place_names)]
        shorts += [full[: -len(w)] for w in project_words if full.endswith(w)]
        if AND_ALSO in full:
            shorts.append(full.split(AND_ALSO, 1)[0])
        for short in shorts:
            if short != full and short in names and ("Project", short) in groups and ("Project", full) in groups:
                groups[("Project", full)].extend(groups.pop(("Project", short)))


@dataclass(frozen=True)
class _Holders:
    """What a report's places can be part of: its divisions by code, its named places by label."""

    divisions: Divisions
    region: Division | None
    region_within: dict[str, str]
    label_of: dict[str, str]  # a division's code → its entity's label
    province_label: dict[str, str]
    country: str | None
    division_names: dict[str, str]  # every written name of a division entity → its code
    named_by_label: dict[str, Entity]


def _with_parents(
    entities: dict[tuple[str, str], Entity], divisions: Divisions, region: Division | None,
    region_within: dict[str, str] | None = None, home_country: str | None = None,
) -> tuple[Entity, ...]:
    """Set part_of: a division's parent; a zone or area's place named at its start (湘潭经开区 in
    湘潭经开区产业社区, else a division: 湘潭 in 湘潭高新区), else the report's region; a region's
    province (`region_within`) or, spanning provinces, the country, where the report names it."""
    by_code = {code: e for key, e in entities.items() if (code := code_of(key)) is not None}
    holders = _Holders(
        divisions, region, region_within or {},
        label_of={code: e.label for code, e in by_code.items()},
        province_label={e.adcode: e.label for e in by_code.values() if e.subtype == "Province"},
        country=next((x.label for x in entities.values() if x.subtype == "Country" and x.label == home_country), None),
        division_names=_division_names(entities),
        named_by_label={e.label: e for key, e in entities.items() if e.kind == "Place" and code_of(key) is None
                        and e.subtype not in ("Country", "Region")},
    )
    out = []
    for e in entities.values():
        part_of = _part_of(e, holders)
        out.append(Entity(e.kind, e.label, e.aliases, e.mentions, e.subtype, e.adcode,
                          None if part_of == e.label else part_of))
    return tuple(sorted(out, key=lambda e: (e.kind, e.label)))


def _part_of(e: Entity, h: _Holders) -> str | None:
    """The label of the place an entity is part of, or None."""
    if e.adcode:
        parent = h.divisions.get(e.adcode).parent if h.divisions.get(e.adcode) else None
        while parent and parent not in h.label_of:  # skip a parent the graph does not hold
            parent = h.divisions.get(parent).parent if h.divisions.get(parent) else None
        part_of = h.label_of.get(parent) if parent else None
        return h.country if part_of is None and e.subtype == "Province" else part_of
    if e.part_of:
        return e.part_of  # set by its rule (a foreign city's country)
    if e.kind == "Place" and e.subtype == "Region":
        province = h.region_within.get(e.label) or next(
            (h.region_within.get(a) for a in e.aliases if h.region_within.get(a)), None)
        if not province:
            return h.country
        return next((label for code, label in h.province_label.items()
                     if h.divisions.get(code) and h.divisions.get(code).name == province), None)
    if e.kind == "Place" and e.subtype != "Country":
        return _named_place_part_of(e, h)
    return None


def _named_place_part_of(e: Entity, h: _Holders) -> str | None:
    """A place known by name is part of the longest named place its name opens with, else of the
    division its name holds, else of the report's region."""
    holders = [h.named_by_label[p] for p in prefixes_in(e.label, h.named_by_label, min_len=3)
               if h.named_by_label[p] is not e]
    if holders:
        return max(holders, key=lambda o: len(o.label)).label
    inner = [m for m in _inner_divisions(e, h.division_names) if m in h.label_of]
    opening: list[str] = []  # the divisions its name opens with, written or not (looked up only when needed)
    if not inner:
        opening = [d.code for d in (h.divisions.lookup(n, within=h.region.code if h.region else None)
                                    for n in prefixes_in(e.label, h.divisions.names()) if n != e.label) if d is not None]
        inner = [code for code in opening if code in h.label_of]  # 四川盆地: 四川 names 四川省, written in full elsewhere
    if not inner and e.subtype in ("Zone", "Area"):
        # 中新广州知识城, 中电科涞水产业园: a division the report names, inside the name
        inside = [h.division_names[n] for i in range(1, len(e.label) - 2)
                  for n in prefixes_in(e.label[i:], h.division_names)[:1] if h.division_names[n] in h.label_of]
        # the most specific (中国（湖北）自由贸易试验区宜昌片区: 宜昌, not 湖北)
        inner = sorted(inside, key=depth, reverse=True)[:1]
    first = h.divisions.get(opening[0]) if opening else None
    if not inner and first and first.level == "Province" and h.region and h.region.code != first.code:
        return None  # 四川盆地 in a 成都 report, 四川省 never written: not in the region, nor in a place the graph holds
    return h.label_of[inner[0]] if inner else (h.label_of.get(h.region.code) if h.region else None)


def _division_names(entities: dict[tuple[str, str], Entity]) -> dict[str, str]:
    """Every written name of a division entity, to its code."""
    codes: dict[str, str] = {}
    for key, other in entities.items():
        if (code := code_of(key)) is not None:
            for n in (other.label, *other.aliases):
                codes.setdefault(n, code)
    return codes


def _inner_divisions(e: Entity, codes: dict[str, str]) -> list[str]:
    """Codes of division entities whose written name starts this entity's name (湘潭 in 湘潭高新区),
    the longest name first."""
    return [codes[n] for n in prefixes_in(e.label, codes) if n != e.label]


def identify(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The entities with what their ids need: each place that is no division (nor a region or
    country) with the code of the nearest division it is part of, so that 城关镇 of one county and
    of another are two things. Run once the places' parents are final (after relate.nest_areas)."""
    places = {e.label: e for e in entities if e.kind == "Place"}

    def within(e: Entity) -> str | None:
        seen = set()
        while e.part_of and e.part_of in places and e.part_of not in seen:
            seen.add(e.part_of)
            e = places[e.part_of]
            if e.adcode:
                return e.adcode
        return None

    return tuple(replace(e, within=within(e)) if e.kind == "Place" and not e.adcode and e.subtype not in ("Country", "Region")
                 else e for e in entities)


def name_by_scheme(observations: Iterable[Observation], rules: RuleBook) -> list[Observation]:
    """normalise_indicators with the shipped scheme and the words of `rules` it needs."""
    words = lambda key: rules.words("observations", "indicator", key)  # noqa: E731
    return normalise_indicators(observations, load_scheme(), words("total_words"), words("scheme_light_verbs"))


def normalise_indicators(observations: Iterable[Observation], scheme: IndicatorScheme,
                         amount_words: tuple[str, ...] = (), light_verbs: tuple[str, ...] = ()) -> list[Observation]:
    """Name each observation's indicator by the scheme's preferred label where the scheme knows it,
    also when it is written with a word of its amount after it (一般公共预算支出规模: `amount_words`)
    or a light verb inside it (城镇实现新增就业: `light_verbs`)."""
    out = []
    for o in observations:
        concept = scheme.normalise(o.indicator)
        if concept is None and (word := next((w for w in amount_words if o.indicator.endswith(w)), None)):
            concept = scheme.normalise(o.indicator[: -len(word)])
        if concept is None and (verb := next((v for v in light_verbs if v in o.indicator[1:]), None)):
            concept = scheme.normalise(o.indicator.replace(verb, "", 1))
        if concept is None:
            out.append(o)
        else:
            out.append(replace(o, indicator=concept.label, indicator_written=o.indicator, indicator_alt=concept.alt))
    return out
