"""Match a graph's things to a gold file's, one to one, and count what was right: the scoring of `kg eval`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kg.evaluate.gold import Gold, GoldEntity, GoldObservation, read_gold
from kg.evaluate.graph import GraphObservation, GraphReader, Node, node_id, read_graph
from kg.evaluate.results import (
    ENTITY_KINDS,
    KINDS,
    Duplicate,
    Evaluation,
    FalsePositive,
    Hit,
    Miss,
    Mismatch,
    Score,
    Tally,
)
from kg.evaluate.terms import PLACE_SEPARATOR, normalise
from kg.vocab import KG

Edges = Mapping[tuple[int, int], tuple[int, ...]]  # (gold index, node index) → preference rank, higher better


@dataclass(frozen=True)
class KindResult:
    """The outcome of matching one kind."""

    score: Score
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]
    duplicates: tuple[Duplicate, ...]
    pairs: dict[int, int]  # gold index → node index


@dataclass(frozen=True)
class _Attributes:
    """How many matched observations have the right measure, qualifier and place, and how many
    core ones are matched with the right qualifier; the mismatches found on the way."""

    measure: int
    qualifier: int
    place: int
    core: int
    mismatches: tuple[Mismatch, ...]


def evaluate(graph_path: Path, gold_path: Path) -> Evaluation:
    """Score the Turtle graph at `graph_path` against the gold file at `gold_path`.

    Raises InputError when either file is missing or not of its kind.
    """
    gold = read_gold(gold_path)
    reader = GraphReader(read_graph(graph_path))
    results, hits, matched = _match_entities(gold, reader)
    links, link_misses, wrong_links = score_links(reader, [e for e in gold.entities if e.kind == "Project"], matched)
    places = [e for e in gold.entities if e.kind == "Place"]
    part_of = part_of_tally(reader, places, matched)

    found = reader.observations()
    gold_places = [place_names(o.place, places) for o in gold.observations]
    observed = score_observations(gold.observations, found, gold_places)
    results.append(observed)
    hits += _hits("Observation", [c.node for c in found], observed)
    attributes = _check_attributes(gold.observations, found, observed.pairs, gold_places)
    matched_count = len(observed.pairs)
    return Evaluation(
        graph=str(graph_path),
        gold=str(gold_path),
        scores=tuple(r.score for r in results),
        core=Tally(attributes.core, sum(o.core for o in gold.observations)),
        measure=Tally(attributes.measure, matched_count),
        qualifier=Tally(attributes.qualifier, matched_count),
        place=Tally(attributes.place, matched_count),
        status=status_tally(gold.observations, found),
        links=links,
        part_of=part_of,
        misses=(*(m for r in results for m in r.misses), *link_misses),
        false_positives=(*(f for r in results for f in r.false_positives), *wrong_links),
        duplicates=tuple(d for r in results for d in r.duplicates),
        mismatches=attributes.mismatches,
        hits=tuple(hits),
        annotated=_annotated(gold),
    )


def _match_entities(gold: Gold, reader: GraphReader) -> tuple[list[KindResult], list[Hit], dict[str, str]]:
    """Match places, enterprises and projects kind by kind; also give every node's hit and, for
    each matched node, the gold label it matched (by node IRI)."""
    results = []
    hits: list[Hit] = []
    matched: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        entities = [e for e in gold.entities if e.kind == kind]
        nodes = reader.entities(kind)
        result = score_entities(kind, entities, nodes)
        results.append(result)
        matched.update((nodes[n].iri, entities[g].label) for g, n in result.pairs.items())
        hits += _hits(kind, nodes, result)
    return results, hits, matched


def assign(edges: Edges) -> dict[int, int]:
    """A one-to-one gold → node assignment of maximum size.

    `edges` maps (gold index, node index) to a preference rank, higher better.
    Pairs are taken best first; augmenting paths then make sure an early
    choice never costs a match that another assignment would have made.
    """
    gold_to_node: dict[int, int] = {}
    node_to_gold: dict[int, int] = {}
    ordered = _best_first(edges)
    for gold, node in ordered:
        if gold not in gold_to_node and node not in node_to_gold:
            gold_to_node[gold] = node
            node_to_gold[node] = gold
    neighbours: dict[int, list[int]] = defaultdict(list)
    for gold, node in ordered:
        neighbours[gold].append(node)

    def augment(gold: int, seen: set[int]) -> bool:
        for node in neighbours[gold]:
            if node in seen:
                continue
            seen.add(node)
            if node not in node_to_gold or augment(node_to_gold[node], seen):
                gold_to_node[gold] = node
                node_to_gold[node] = gold
                return True
        return False

    for gold in sorted(neighbours):
        if gold not in gold_to_node:
            augment(gold, set())
    return gold_to_node


def _best_first(edges: Edges) -> list[tuple[int, int]]:
    """The candidate pairs, best rank first, ties in index order."""
    return sorted(edges, key=lambda pair: (tuple(-r for r in edges[pair]), pair))


def settle(
    kind: str,
    gold_names: Sequence[str],
    gold_evidence: Sequence[str],
    nodes: Sequence[Node],
    edges: Edges,
) -> KindResult:
    """Turn candidate pairs into counts, misses, false positives and duplicates."""
    pairs = assign(edges)
    matched_nodes = set(pairs.values())
    preferred: dict[int, int] = {}  # unmatched node → the gold it best matches
    for gold, node in _best_first(edges):
        if node not in matched_nodes:
            preferred.setdefault(node, gold)
    extra: dict[int, list[int]] = defaultdict(list)
    for node, gold in preferred.items():
        extra[gold].append(node)
    duplicates = tuple(
        Duplicate(kind, gold_names[gold], tuple(nodes[n].iri for n in [pairs[gold], *sorted(extra[gold])]))
        for gold in sorted(extra)
    )
    misses = tuple(Miss(kind, gold_names[g], gold_evidence[g]) for g in range(len(gold_names)) if g not in pairs)
    strays = sorted(
        (n for n in range(len(nodes)) if n not in matched_nodes and n not in preferred),
        key=lambda n: (nodes[n].position, nodes[n].iri),
    )
    false_positives = tuple(
        FalsePositive(kind, nodes[n].iri, nodes[n].name, nodes[n].anchor, nodes[n].sentence) for n in strays
    )
    score = Score(kind, gold=len(gold_names), found=len(nodes), tp=len(pairs), duplicates=len(preferred))
    return KindResult(score, misses, false_positives, duplicates, pairs)


def score_entities(kind: str, gold: Sequence[GoldEntity], nodes: Sequence[Node]) -> KindResult:
    """Match nodes to gold entities of one kind by any shared name, a shared label preferred."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(gold):
        for name in entity.names:
            by_name[name].append(index)
    edges: dict[tuple[int, int], tuple[int, ...]] = {}
    for n, node in enumerate(nodes):
        for name in node.names:
            for g in by_name.get(name, ()):
                # A node whose label is the gold label is preferred to one that only shares an alias.
                same_label = int(normalise(node.name) == normalise(gold[g].label))
                edges[(g, n)] = max(edges.get((g, n), (0,)), (same_label,))
    labels = [e.label for e in gold]
    return settle(kind, labels, [""] * len(gold), nodes, edges)


def score_observations(
    gold: Sequence[GoldObservation], found: Sequence[GraphObservation], gold_places: Sequence[frozenset[str]]
) -> KindResult:
    """Match observations strictly on value, unit, year, status and a shared indicator name; among
    candidates, those agreeing on more of measure, qualifier and place, then on the indicator's
    label, are preferred."""
    by_key: dict[tuple[Decimal, str, int, str], list[int]] = defaultdict(list)
    for index, obs in enumerate(gold):
        by_key[(obs.value, normalise(obs.unit), obs.year, obs.status)].append(index)
    edges: dict[tuple[int, int], tuple[int, ...]] = {}
    for n, candidate in enumerate(found):
        if candidate.value is None or candidate.year is None or candidate.status is None:
            continue
        for g in by_key.get((candidate.value, candidate.unit, candidate.year, candidate.status), ()):
            target = gold[g]
            if not target.names & candidate.indicator_names:
                continue
            agreements = (
                (candidate.measure == target.measure)
                + (candidate.qualifier == target.qualifier)
                + place_correct(gold_places[g], candidate)
            )
            same_indicator = int(normalise(candidate.indicator) == normalise(target.indicator))
            edges[(g, n)] = (agreements, same_indicator)
    return settle(
        "Observation",
        [o.describe() for o in gold],
        [o.evidence for o in gold],
        [c.node for c in found],
        edges,
    )


def _check_attributes(
    gold: Sequence[GoldObservation],
    found: Sequence[GraphObservation],
    pairs: Mapping[int, int],
    gold_places: Sequence[frozenset[str]],
) -> _Attributes:
    """Compare measure, qualifier and place of each matched pair (year and status are part of the
    strict match already)."""
    measure = qualifier = place = core = 0
    mismatches = []
    for g, n in sorted(pairs.items()):
        target, candidate = gold[g], found[n]
        checks = (
            ("measure", target.measure, candidate.measure or "", candidate.measure == target.measure),
            ("qualifier", target.qualifier, candidate.qualifier or "", candidate.qualifier == target.qualifier),
            ("place", target.place or "", candidate.place, place_correct(gold_places[g], candidate)),
        )
        for field, expected, got, ok in checks:
            if not ok:
                mismatches.append(
                    Mismatch(candidate.node.iri, target.describe(), field, expected, got, target.evidence)
                )
        measure += checks[0][3]
        qualifier += checks[1][3]
        place += checks[2][3]
        core += target.core and checks[1][3]
    return _Attributes(measure, qualifier, place, core, tuple(mismatches))


def place_names(place: str | None, places: Sequence[GoldEntity]) -> frozenset[str]:
    """Every name under which the gold place (possibly 湘潭县、湘乡市) may be written."""
    if place is None:
        return frozenset()
    accepted: set[str] = set()
    for part in place.split(PLACE_SEPARATOR):
        key = normalise(part)
        accepted.add(key)
        for entity in places:
            if key in entity.names:
                accepted |= entity.names
    return frozenset(accepted)


def place_correct(gold_place: frozenset[str], found: GraphObservation) -> bool:
    """Whether the observation's places name the gold's; with no gold place, it must have none."""
    if not gold_place:
        return not found.place_names
    return bool(gold_place & found.place_names)


def _annotated(gold: Gold) -> tuple[str, ...]:
    """The kinds a gold file annotates: those it holds any of (the excerpts hold no observations,
    which says they were not annotated, not that the text has none)."""
    held = {e.kind for e in gold.entities} | ({"Observation"} if gold.observations else set())
    if any(e.links for e in gold.entities):
        held.add("Link")
    return tuple(k for k in (*KINDS, "Link") if k in held)


def _hits(kind: str, nodes: Sequence[Node], result: KindResult) -> list[Hit]:
    true = set(result.pairs.values())
    return [
        Hit(kind, node.iri, node.name, node.rules, n in true)
        for n, node in enumerate(nodes)
    ]


def score_links(
    reader: GraphReader, projects: Sequence[GoldEntity], matched: Mapping[str, str]
) -> tuple[Score, list[Miss], list[FalsePositive]]:
    """kg:involves and kg:locatedIn links of the projects matched to gold ones, compared with the
    gold's enterprises and places of those projects; a link to a node that matched nothing is wrong."""
    by_label = {p.label: p for p in projects}
    gold_total = found_total = correct = 0
    misses: list[Miss] = []
    wrong: list[FalsePositive] = []
    for subject in reader.subjects(KG.Project):
        project = by_label.get(matched.get(node_id(subject), ""))
        if project is None:
            continue
        # A target that matched no gold thing (a stray or a duplicate node) is never right, even
        # when its label is a gold label: it is shown by its label and marked.
        found = {
            (name, matched.get(node_id(target)) or f"{reader.names(target)[0]} (unmatched node)")
            for name, prop in (("involves", KG.involves), ("locatedIn", KG.locatedIn))
            for target in reader.graph.objects(subject, prop)
        }
        gold_total += len(project.links)
        found_total += len(found)
        correct += len(found & project.links)
        misses += [Miss("Link", f"{project.label} {p} {t}") for p, t in sorted(project.links - found)]
        wrong += [FalsePositive("Link", node_id(subject), f"{project.label} {p} {t}") for p, t in sorted(found - project.links)]
    return Score("Link", gold=gold_total, found=found_total, tp=correct, duplicates=0), misses, wrong


def part_of_tally(reader: GraphReader, places: Sequence[GoldEntity], matched: Mapping[str, str]) -> Tally:
    """Of the places matched to a gold place that has a parent, how many have that parent as a
    kg:partOf (the parent node must itself be the one matched to the gold parent)."""
    by_label = {p.label: p for p in places}
    correct = total = 0
    for subject in reader.subjects(KG.Place):
        place = by_label.get(matched.get(node_id(subject), ""))
        if place is None or place.part_of is None:
            continue
        total += 1
        correct += any(matched.get(node_id(up)) == place.part_of for up in reader.graph.objects(subject, KG.partOf))
    return Tally(correct, total)


def status_tally(gold: Sequence[GoldObservation], found: Sequence[GraphObservation]) -> Tally:
    """Status accuracy, judged apart from the strict match (which requires the right status).

    Gold and graph observations are paired one to one on value, unit and indicator name
    only, in document order; the tally counts the pairs whose status agrees.
    """
    free = list(range(len(found)))
    correct = total = 0
    for target in gold:
        for k, n in enumerate(free):
            c = found[n]
            if c.value == target.value and c.unit == normalise(target.unit) and target.names & c.indicator_names:
                total += 1
                correct += c.status == target.status
                del free[k]
                break
    return Tally(correct, total)
