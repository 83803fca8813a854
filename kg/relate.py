"""Relate entities that the text ties together: projects to the enterprises and places named
in them, enterprises to the places they settle in, and observations to their place."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

from kg.model import Entity, Mention, Observation, Relation, Sentence
from kg.rules import RuleBook



@dataclass(frozen=True)
class LinkRules:
    """The words that tie things to places (kg/rules: settle verbs, routes, agenda verbs)."""

    settle: re.Pattern[str] | None  # 落户, 入驻 … before a place
    routes: tuple[str, ...]  # endings of works that run between places (醴娄高速)
    short_endings: tuple[str, ...]  # 昭山 for 昭山组团: endings a place's short form drops
    agenda: re.Pattern[str]  # 着力推进 after a place that opens a clause


@cache
def link_rules(rules: RuleBook) -> LinkRules:
    settle = rules.words("enterprises", "stop", "settle_verbs")
    adverbs = "|".join(map(re.escape, rules.words("places", "links", "agenda_adverbs")))
    verbs = "|".join(map(re.escape, rules.words("places", "links", "agenda_verbs")))
    return LinkRules(
        settle=re.compile("|".join(map(re.escape, settle))) if settle else None,
        routes=rules.words("projects", "list", "routes"),
        short_endings=rules.words("places", "lists", "long_endings"),
        agenda=re.compile(f"(?:{adverbs})?(?:{verbs})"),
    )


_CLAUSE = re.compile(r"[^；;。！？!?]+")


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
    places: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    enterprises: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        index = places if e.kind == "Place" else enterprises if e.kind == "Enterprise" else None
        if index is not None:
            for m in e.mentions:
                index[m.sentence].append((m, e))
    relations: set[Relation] = set()
    place_names = _names(entities, "Place", links.short_endings)
    enterprise_names = _names(entities, "Enterprise", ())
    above = _ancestors(entities, region_label)
    for project in (e for e in entities if e.kind == "Project"):
        first = min(project.mentions, key=lambda m: m.start) if project.mentions else None
        route = project.label.endswith(links.routes)
        for ent in [] if route else _named_in(project.label, enterprise_names):
            relations.add(Relation(project.key, "involves", ent.key, "relation.name_contains", first))
        for place in _named_in(project.label, place_names):
            if route and place.subtype != "Region":
                continue  # a route's name holds its ends; a region it runs in (长株潭城际铁路) it is in
            if place.label not in above:
                relations.add(Relation(project.key, "locatedIn", place.key, "relation.name_contains", first))
    for sentence in sentences:
        relations |= _agenda_links(sentence, places, entities, links)
    for thing in (e for e in entities if e.kind in ("Enterprise", "Project")):
        for tm in thing.mentions:
            sentence = sentences[tm.sentence]
            settle = links.settle.match(sentence.text, tm.end - sentence.start) if links.settle else None
            if not settle:
                continue
            for plm, place in places.get(tm.sentence, ()):
                if plm.start == sentence.start + settle.end():
                    relations.add(Relation(thing.key, "locatedIn", place.key, "relation.settles_in", tm))
    relations = _most_specific(relations, entities)
    return tuple(sorted(relations, key=lambda r: (r.subject, r.predicate, r.object, r.mention.start if r.mention else -1)))


def _agenda_links(
    sentence: Sentence, places: dict[int, list[tuple[Mention, Entity]]], entities: tuple[Entity, ...], links: LinkRules
) -> set[Relation]:
    """九华组团着力推进医疗器械产业园、绿地城际空间站建设: the projects of a clause that opens with a
    place and an agenda verb are in that place."""
    out: set[Relation] = set()
    openers = {m.start - sentence.start: (m, e) for m, e in places.get(sentence.index, ())}
    if not openers:
        return out
    inside_places = [m for m, _ in places.get(sentence.index, ())]
    projects = [(m, e) for e in entities if e.kind == "Project" for m in e.mentions if m.sentence == sentence.index
                and not any(p.start <= m.start and m.end <= p.end and p != m for p in inside_places)]
    for clause in _CLAUSE.finditer(sentence.text):
        opener = openers.get(clause.start()) or openers.get(clause.start() + 1)
        if opener is None:
            continue
        pm_, place = opener
        verb = links.agenda.match(sentence.text, pm_.end - sentence.start)
        if verb is None:
            continue
        for m, project in projects:
            if sentence.start + verb.end() <= m.start and m.end <= sentence.start + clause.end():
                out.add(Relation(project.key, "locatedIn", place.key, "relation.agenda", m))
    return out


def _ancestors(entities: tuple[Entity, ...], label: str) -> set[str]:
    parent = {e.label: e.part_of for e in entities if e.kind == "Place"}
    out: set[str] = set()
    while (label := parent.get(label) or "") and label not in out:
        out.add(label)
    return out


def _names(entities: tuple[Entity, ...], kind: str, short_endings: tuple[str, ...]) -> dict[str, Entity]:
    """Every name of two or more characters a place or enterprise goes by in the report, to it; a
    place also by its name without a generic ending (昭山 for 昭山组团) where no other place has it."""
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
    return names


def _named_in(name: str, place_names: dict[str, Entity]) -> list[Entity]:
    """The places whose names occur in `name`, longest first, each span taken once (湘潭县 holds
    no 湘潭 of its own)."""
    hits = sorted(((k, n) for n in place_names if n != name for k in _occurrences(name, n)),
                  key=lambda h: (-len(h[1]), h[0]))
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []
    for k, n in hits:
        if any(k < e and s < k + len(n) for s, e in taken):
            continue
        taken.append((k, k + len(n)))
        if place_names[n] not in found:
            found.append(place_names[n])
    return found


def _occurrences(text: str, word: str) -> list[int]:
    out, k = [], text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1)
    return out


def _most_specific(relations: set[Relation], entities: tuple[Entity, ...]) -> set[Relation]:
    """Of a thing's locatedIn links, drop those to a place that holds another of them (湖南医疗器械
    产业园 落户湘潭经开区: in 湘潭经开区, not also in 湖南省)."""
    parent = {e.label: e.part_of for e in entities if e.kind == "Place"}

    def ancestors(label: str) -> set[str]:
        out: set[str] = set()
        while (label := parent.get(label)) and label not in out:
            out.add(label)
        return out

    located: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in relations:
        if r.predicate == "locatedIn":
            located[r.subject].add(r.object[1])
    held = {subject: set().union(*(ancestors(p) for p in labels)) for subject, labels in located.items()}
    return {r for r in relations if r.predicate != "locatedIn" or r.object[1] not in held[r.subject]}


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
