"""Relate entities that the text ties together: projects to the enterprises and places named
in them, enterprises to the places they settle in, and observations to their place."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

from kg.extract.trie import compile_words
from kg.grammar import CLAUSE_MARKS, ENUMERATION_COMMA
from kg.model import Entity, EntityId, Mention, Observation, Relation, Sentence
from kg.rules import RuleBook



@dataclass(frozen=True)
class LinkRules:
    """The words that tie things to places (kg/rules: settle verbs, routes, agenda verbs)."""

    settle: re.Pattern[str] | None  # 落户, 入驻 … before a place
    routes: tuple[str, ...]  # endings of works that run between places (醴娄高速)
    short_endings: tuple[str, ...]  # 昭山 for 昭山组团: endings a place's short form drops
    agenda: re.Pattern[str]  # 着力推进 after a place that opens a clause
    openers: tuple[str, ...]  # 支持 before a clause's place


@cache
def link_rules(rules: RuleBook) -> LinkRules:
    settle = rules.words("relations", "settle", "verbs")
    manners = "|".join(map(re.escape, rules.words("relations", "settle", "manners")))
    adverbs = "|".join(map(re.escape, rules.words("relations", "agenda", "adverbs")))
    verbs = "|".join(map(re.escape, rules.words("relations", "agenda", "verbs")))
    return LinkRules(
        # 签约落户, 成功落地: a word of manner may come before the verb.
        settle=re.compile(f"(?:{manners})?(?:" + "|".join(map(re.escape, settle)) + ")") if settle else None,
        routes=rules.words("projects", "list", "routes"),
        short_endings=rules.words("places", "lists", "long_endings"),
        agenda=re.compile(f"(?:{adverbs})(?:{verbs})?|(?:{verbs})"),
        openers=rules.words("relations", "agenda", "openers"),
    )


# An agenda clause ends at any punctuation but 、 (杭州着力推进A，宁波加快建设B: B is 宁波's).
_CLAUSE = re.compile(f"[^{CLAUSE_MARKS},;:!?]+")


def relate(
    entities: tuple[Entity, ...], sentences: tuple[Sentence, ...], links: LinkRules, region_label: str = ""
) -> tuple[Relation, ...]:
    """locatedIn and involves links, each with the mention that shows it.

    A project is tied to the enterprises and places its name holds (湘乡垃圾焚烧发电厂 → 湘乡市),
    except the ends of a route (醴娄高速) and the places that hold the report's own region (湖南 in
    湖南健康产业园 says nothing of where in 湘潭 it is); to the place a clause opens with when the
    clause sets that place's agenda (九华组团着力推进A、B建设); an enterprise or project to the place
    after a settle verb (落户湘潭经开区). Of a thing's places only the most specific are kept.
    """
    places = _by_sentence(entities, "Place")
    projects = _by_sentence(entities, "Project")
    relations = _name_links(entities, links, region_label)
    for index in projects.keys() & places.keys():
        relations |= _agenda_links(sentences[index], places[index], projects[index], links)
    relations |= _settle_links(entities, sentences, places, links)
    relations = _most_specific(relations, entities)
    return tuple(sorted(relations, key=lambda r: (r.subject.kind, r.subject.label, r.predicate, r.object.kind, r.object.label,
                                                  r.mention.start if r.mention else -1)))


def _by_sentence(entities: tuple[Entity, ...], kind: str) -> dict[int, list[tuple[Mention, Entity]]]:
    """The mentions of the entities of one kind, by the sentence they are in."""
    index: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        if e.kind == kind:
            for m in e.mentions:
                index[m.sentence].append((m, e))
    return index


def _name_links(entities: tuple[Entity, ...], links: LinkRules, region_label: str) -> set[Relation]:
    """A project's links to the enterprises and places its name holds (not a route's ends)."""
    relations: set[Relation] = set()
    place_names = _names(entities, "Place", links.short_endings)
    enterprise_names = _names(entities, "Enterprise", ())
    above = _ancestors(_parents(entities), region_label)
    for project in (e for e in entities if e.kind == "Project"):
        first = min(project.mentions, key=lambda m: m.start) if project.mentions else None
        route = project.label.endswith(links.routes)
        for ent in [] if route else _named_in(project.label, enterprise_names):
            relations.add(Relation(project.id, "involves", ent.id, "relation.name_contains", first))
        for place in _named_in(project.label, place_names):
            if route and place.subtype != "Region":
                continue  # a route's name holds its ends; a region it runs in (长株潭城际铁路) it is in
            if place.label not in above:
                relations.add(Relation(project.id, "locatedIn", place.id, "relation.name_contains", first))
    return relations


def _settle_links(entities: tuple[Entity, ...], sentences: tuple[Sentence, ...],
                  places: dict[int, list[tuple[Mention, Entity]]], links: LinkRules) -> set[Relation]:
    """An enterprise or project tied to the place after a settle verb (落户湘潭经开区)."""
    relations: set[Relation] = set()
    for thing in (e for e in entities if e.kind in ("Enterprise", "Project")):
        for tm in thing.mentions:
            sentence = sentences[tm.sentence]
            settle = links.settle.match(sentence.text, tm.end - sentence.start) if links.settle else None
            if not settle:
                continue
            starts = {plm.start: (plm, place) for plm, place in places.get(tm.sentence, ())}
            hit = starts.get(sentence.start + settle.end())
            while hit is not None and (following := starts.get(hit[0].end)) is not None:
                hit = following  # 落户宜昌高新区白洋工业园: the last of places in a row is the most specific
            if hit is not None:
                relations.add(Relation(thing.id, "locatedIn", hit[1].id, "relation.settles_in", tm))
    return relations


def _agenda_links(
    sentence: Sentence, places: list[tuple[Mention, Entity]], things: list[tuple[Mention, Entity]], links: LinkRules,
    *, skip_inside_places: bool = True,
) -> set[Relation]:
    """九华组团着力推进医疗器械产业园、绿地城际空间站建设: the things (projects, or areas) of a clause
    of one sentence that opens with a place and an agenda verb are in that place. A project name
    inside a place's name (湘大附属学校 in 湘大附属学校片区) is no project there."""
    out: set[Relation] = set()
    openers = {m.start - sentence.start: (m, e) for m, e in places}
    if skip_inside_places:
        things = [(m, e) for m, e in things if not any(p.start <= m.start and m.end <= p.end for p, _ in places)]
    text = sentence.text
    for clause in _CLAUSE.finditer(text):
        # Agenda anchors: a place at the clause's start (after 支持 …) or after a 、, then an agenda
        # verb (金华加快A、嘉兴桐乡加快B: A is 金华's, B is 桐乡's).
        anchors: list[tuple[int, Entity]] = []
        place_ends = {m.end - sentence.start for m, _ in places}
        # After a 、 only when what precedes it is no place: 越城区、柯桥区着力推进… is one joint
        # subject, and its works are neither's alone.
        for at in [clause.start() + (text[clause.start()] == " ")] + [
                k + 1 for k in range(clause.start(), clause.end()) if text[k] == ENUMERATION_COMMA and k not in place_ends]:
            lead = next((w for w in links.openers if text.startswith(w, at)), "") if text.startswith(links.openers, at) else ""
            opener = openers.get(at + len(lead))
            if opener is None:
                continue
            pm_, place = opener
            # 嘉兴桐乡加快…: of places written one after another, the last is the most specific.
            while (following := openers.get(pm_.end - sentence.start)) is not None:
                pm_, place = following
            verb = links.agenda.match(text, pm_.end - sentence.start)
            if verb is not None:
                anchors.append((verb.end(), place))
        for m, thing in things:
            if not m.end <= sentence.start + clause.end():
                continue
            before = [(end, place) for end, place in anchors if sentence.start + end <= m.start]
            if before:
                out.add(Relation(thing.id, "locatedIn", max(before, key=lambda a: a[0])[1].id, "relation.agenda", m))
    return out


def nest_areas(entities: tuple[Entity, ...], sentences: tuple[Sentence, ...], links: LinkRules) -> tuple[Entity, ...]:
    """九华组团着力推进保利湘江湾片区、工业淘宝片区建设: the areas and zones of a clause that opens with
    a place and an agenda verb are part of that place, unless the place is inside them; a town,
    zone or area written right after a place (湘潭县花石镇) is part of it."""
    places: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        if e.kind == "Place":
            for m in e.mentions:
                places[m.sentence].append((m, e))
    parent: dict[str, str] = {}
    parents = _parents(entities)
    for index, ms in places.items():
        sentence = sentences[index]
        areas = [(m, e) for m, e in ms if e.subtype in ("Area", "Zone")]
        for relation in _agenda_links(sentence, ms, areas, links, skip_inside_places=False):
            child, holder = relation.subject.label, relation.object.label
            if child != holder and child not in _ancestors(parents, holder):
                parent.setdefault(child, holder)
        # 湘潭县花石镇, 宜昌高新区白洋工业园: a place written right after another is inside it.
        ends = {m.end: e for m, e in ms}
        for m, e in ms:
            holder = ends.get(m.start)
            if (holder is not None and holder is not e and e.adcode is None and e.subtype in _NESTED
                    and holder.subtype not in ("Country", "Region") and e.label not in _ancestors(parents, holder.label)):
                parent.setdefault(e.label, holder.label)
    if not parent:
        return entities
    return tuple(replace(e, part_of=parent[e.label]) if e.kind == "Place" and e.label in parent else e for e in entities)


# Places that lie inside the place written right before them.
_NESTED = frozenset({"Area", "Zone", "Town", "Township", "Village"})


def _parents(entities: tuple[Entity, ...]) -> dict[str, str | None]:
    return {e.label: e.part_of for e in entities if e.kind == "Place"}


def _ancestors(parent: dict[str, str | None], label: str) -> set[str]:
    out: set[str] = set()
    while (label := parent.get(label) or "") and label not in out:
        out.add(label)
    return out


@dataclass(frozen=True)
class _Names:
    by_name: dict[str, Entity]
    pattern: re.Pattern[str]


def _names(entities: tuple[Entity, ...], kind: str, short_endings: tuple[str, ...]) -> _Names:
    """Every name of two or more characters a place or enterprise goes by in the report, to it; an
    area also by its name without a generic ending (昭山 for 昭山组团) where no other place has it.
    (Not a town: annotators rarely put 龙山实验学校 in 龙山街道.)
    (Not an enterprise: 产业 for 产业集团 would tie every 产业园 to it.)"""
    names: dict[str, Entity] = {}
    for e in entities:
        if e.kind == kind and e.subtype != "Country":
            for name in (e.label, *e.aliases):
                if len(name) >= 2:
                    names.setdefault(name, e)
    for e in entities:
        if e.kind == kind and e.subtype == "Area":
            ending = next((x for x in short_endings if e.label.endswith(x)), None)
            if ending and len(e.label) - len(ending) >= 2:
                names.setdefault(e.label[: -len(ending)], e)
    return _Names(names, compile_words(names))


def _named_in(name: str, names: _Names) -> list[Entity]:
    """The things whose names occur in `name` (leftmost, longest first: 湘潭县 holds no 湘潭 of its
    own), not counting a thing named by the whole of it (湘大附属学校 in its own 片区's short form)."""
    found: list[Entity] = []
    for m in names.pattern.finditer(name):
        thing = names.by_name[m.group()]
        if m.group() != name and thing not in found:
            found.append(thing)
    return found


def _most_specific(relations: set[Relation], entities: tuple[Entity, ...]) -> set[Relation]:
    """Of a thing's locatedIn links, drop those to a place that holds another of them (湖南医疗器械
    产业园 落户湘潭经开区: in 湘潭经开区, not also in 湖南省)."""
    parent = {e.label: e.part_of for e in entities if e.kind == "Place"}

    def ancestors(label: str) -> set[str]:
        out: set[str] = set()
        while (label := parent.get(label)) and label not in out:
            out.add(label)
        return out

    located: dict[EntityId, set[str]] = defaultdict(set)
    for r in relations:
        if r.predicate == "locatedIn":
            located[r.subject].add(r.object.label)
    held = {subject: set().union(*(ancestors(p) for p in labels)) for subject, labels in located.items()}
    return {r for r in relations if r.predicate != "locatedIn" or r.object.label not in held[r.subject]}


def _inside(inner: Mention, outer: Mention) -> bool:
    return inner.sentence == outer.sentence and outer.start <= inner.start and inner.end <= outer.end and inner != outer


def place_observations(
    observations: list[Observation], entities: tuple[Entity, ...], region_label: str
) -> tuple[Observation, ...]:
    """Give each observation the label of a Place entity: its own where one was read, else the region."""
    labels = {e.label for e in entities if e.kind == "Place"}
    alias = {a: e.label for e in entities if e.kind == "Place" for a in e.aliases}
    out = []
    for o in observations:
        place = o.place if o.place in labels else alias.get(o.place, region_label)
        out.append(o if place == o.place else replace(o, place=place))
    return tuple(out)
