"""Relate entities that the text ties together: projects to the enterprises and places named
in them, enterprises to the places they settle in, and observations to their place."""

from __future__ import annotations

import re
from dataclasses import replace
from collections import defaultdict

from kg.model import Entity, Mention, Observation, Relation, Sentence



def relate(
    entities: tuple[Entity, ...], sentences: tuple[Sentence, ...], settle_verbs: tuple[str, ...] = ()
) -> tuple[Relation, ...]:
    """locatedIn and involves links, each with the mention that shows it.

    `settle_verbs` (落户, 入驻 …) before a place name tie the enterprise or project before them to it.
    """
    settle_pattern = re.compile("|".join(map(re.escape, settle_verbs))) if settle_verbs else None
    places: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    enterprises: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        index = places if e.kind == "Place" else enterprises if e.kind == "Enterprise" else None
        if index is not None:
            for m in e.mentions:
                index[m.sentence].append((m, e))
    relations: set[Relation] = set()
    for project in (e for e in entities if e.kind == "Project"):
        for pm in project.mentions:
            for em, ent in enterprises.get(pm.sentence, ()):
                if _inside(em, pm):
                    relations.add(Relation(project.key, "involves", ent.key, "relation.name_contains", pm))
            for plm, place in places.get(pm.sentence, ()):
                if _inside(plm, pm):
                    relations.add(Relation(project.key, "locatedIn", place.key, "relation.name_contains", pm))
    for thing in (e for e in entities if e.kind in ("Enterprise", "Project")):
        for tm in thing.mentions:
            sentence = sentences[tm.sentence]
            settle = settle_pattern.match(sentence.text, tm.end - sentence.start) if settle_pattern else None
            if not settle:
                continue
            for plm, place in places.get(tm.sentence, ()):
                if plm.start == sentence.start + settle.end():
                    relations.add(Relation(thing.key, "locatedIn", place.key, "relation.settles_in", tm))
    return tuple(sorted(relations, key=lambda r: (r.subject, r.predicate, r.object, r.mention.start if r.mention else -1)))


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
