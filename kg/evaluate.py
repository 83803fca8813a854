"""Score a built graph against a gold annotation file: P/R/F1 per kind, core recall, attribute accuracy.

The graph is read only through the output contract's terms (CONTRACT.md), so a
graph written by any tool that honours the contract can be scored. The gold
format is described in tests/data/SCHEMA.md.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError
from kg.vocab import KG, KGR_IRI

NIF_IS_STRING = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")

ENTITY_KINDS = ("Place", "Enterprise", "Project")
KINDS = (*ENTITY_KINDS, "Observation")

_KIND_CLASS = {"Place": KG.Place, "Enterprise": KG.Enterprise, "Project": KG.Project}
# The gold file spells the contract's individuals in lower case.
_MEASURES = {KG.Growth: "growth", KG.Level: "level", KG.Ratio: "ratio", KG.Change: "change"}
_STATUSES = {KG.Actual: "actual", KG.Target: "target"}
_QUALIFIERS = {KG.Exact: "exact", KG.About: "about", KG.AtLeast: "at_least", KG.AtMost: "at_most"}

# Quote marks are dropped rather than unified: the report writes “两岸一线”
# where an annotator or a tool may leave them out.
_QUOTES = dict.fromkeys(map(ord, "“”\"「」『』‘’'"))
_PLACE_SEPARATOR = "、"
_EVIDENCE_WIDTH = 60


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Tally:
    """How many of `total` things were right."""

    correct: int
    total: int

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Score:
    """Counts for one kind; `found` counts every graph node, so duplicates are false positives."""

    kind: str
    gold: int
    found: int
    tp: int
    duplicates: int  # extra nodes matching an already matched gold thing

    @property
    def fp(self) -> int:
        return self.found - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """A gold thing no graph node matched; `evidence` is the gold's own (observations only)."""

    kind: str
    name: str
    evidence: str = ""


@dataclass(frozen=True)
class FalsePositive:
    """A graph node that matches no gold thing, with the text it was found in."""

    kind: str
    node: str
    name: str
    anchor: str = ""
    sentence: str = ""


@dataclass(frozen=True)
class Duplicate:
    """Several graph nodes matching one gold thing: the first counts, the rest are false positives."""

    kind: str
    gold: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Mismatch:
    """A matched observation whose measure, qualifier or place differs from the gold."""

    node: str
    gold: str
    field: str  # measure, qualifier or place
    expected: str
    found: str
    evidence: str


@dataclass(frozen=True)
class Hit:
    """A graph node of one kind, the rules that found it (its `kg:rule`s), and whether it matched
    a gold thing; a duplicate of a matched node is a false hit."""

    kind: str
    node: str
    name: str
    rules: tuple[str, ...]
    true: bool


@dataclass(frozen=True)
class Evaluation:
    """The whole score of one graph against one gold file."""

    graph: str
    gold: str
    scores: tuple[Score, ...]
    core: Tally  # core observations matched with the right year, status and qualifier
    measure: Tally  # over matched observations
    qualifier: Tally
    place: Tally
    status: Tally  # over observations paired on value, unit and indicator alone (year and status free)
    links: Score  # involves and locatedIn links of matched projects
    part_of: Tally  # matched places with a gold parent whose kg:partOf is that parent
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]
    duplicates: tuple[Duplicate, ...]
    mismatches: tuple[Mismatch, ...]
    hits: tuple[Hit, ...] = ()  # every entity and observation node, for counting hits per rule
    annotated: tuple[str, ...] = (*KINDS, "Link")  # the kinds the gold file holds any of

    def score(self, kind: str) -> Score:
        """The score of one kind (Place, Enterprise, Project, Observation, or Link for project links)."""
        for score in (*self.scores, self.links):
            if score.kind == kind:
                return score
        raise KeyError(kind)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, with the derived rates spelled out."""
        return {
            "graph": self.graph,
            "gold": self.gold,
            "scores": {
                s.kind: {
                    "gold": s.gold,
                    "found": s.found,
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                    "duplicates": s.duplicates,
                    "precision": s.precision,
                    "recall": s.recall,
                    "f1": s.f1,
                }
                for s in self.scores
            },
            "core_recall": _tally_dict(self.core),
            "accuracy": {
                "measure": _tally_dict(self.measure),
                "qualifier": _tally_dict(self.qualifier),
                "place": _tally_dict(self.place),
                "status": _tally_dict(self.status),
                "part_of": _tally_dict(self.part_of),
            },
            "links": {
                "gold": self.links.gold, "found": self.links.found, "tp": self.links.tp,
                "precision": self.links.precision, "recall": self.links.recall, "f1": self.links.f1,
            },
            "misses": [asdict(m) for m in self.misses],
            "false_positives": [asdict(f) for f in self.false_positives],
            "duplicates": [{**asdict(d), "nodes": list(d.nodes)} for d in self.duplicates],
            "mismatches": [asdict(m) for m in self.mismatches],
        }


def _tally_dict(tally: Tally) -> dict[str, Any]:
    return {"correct": tally.correct, "total": tally.total, "rate": tally.rate}


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class _GoldEntity:
    kind: str
    label: str
    names: frozenset[str]  # normalised label and aliases
    links: frozenset[tuple[str, str]] = frozenset()  # a project's (involves | locatedIn, gold label)
    part_of: str | None = None  # a place's gold parent


@dataclass(frozen=True)
class _GoldObservation:
    indicator: str
    names: frozenset[str]  # normalised indicator and aliases
    value: Decimal
    unit: str
    year: int
    status: str
    measure: str
    qualifier: str
    place: str | None
    core: bool
    evidence: str

    def describe(self) -> str:
        return _describe(self.indicator, self.value, self.unit, self.year, self.status)


@dataclass(frozen=True)
class _Gold:
    entities: tuple[_GoldEntity, ...]
    observations: tuple[_GoldObservation, ...]
    document: str | None = None  # the file name of the report annotated


@dataclass(frozen=True)
class _Node:
    """One graph thing as seen through the contract's terms."""

    iri: str
    name: str
    names: frozenset[str]  # normalised
    anchor: str
    sentence: str
    position: int  # where its first mention begins, to list false positives in reading order
    rules: tuple[str, ...] = ()  # its kg:rule ids and its mentions'


@dataclass(frozen=True)
class _GraphObservation:
    node: _Node
    indicator: str
    indicator_names: frozenset[str]
    value: Decimal | None
    unit: str
    year: int | None
    status: str | None
    measure: str | None
    qualifier: str | None
    place: str
    place_names: frozenset[str]


def normalise(name: str) -> str:
    """The form names and units are compared in: NFKC (full-width → ASCII), no whitespace, no quote marks."""
    folded = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    return "".join(folded.split()).casefold()


def read_gold(path: Path) -> _Gold:
    """Read and check a gold file; raise InputError naming the file when it is not one."""
    text = _read_text(path, "gold JSON file")
    try:
        # Decimal straight from the JSON text keeps 7.6 as written, not as a binary float.
        data = json.loads(text, parse_float=Decimal, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON ({exc.msg} at line {exc.lineno}); give a gold annotation file."
        raise InputError(str(path), problem) from exc
    except (RecursionError, ValueError) as exc:
        problem = f"is not a gold annotation file (nested too deep or a number too long: {_reason(exc)[:80]})."
        raise InputError(str(path), problem) from exc
    try:
        return _parse_gold(data)
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        problem = f"is not a gold annotation file ({_reason(exc)}); see the format in tests/data/SCHEMA.md."
        raise InputError(str(path), problem) from exc


def gold_document(path: Path) -> str | None:
    """The file name of the report a gold file annotates (its `document`), if it names one.

    Raises InputError when the file is not a gold annotation file.
    """
    return read_gold(path).document


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _parse_gold(data: Any) -> _Gold:
    if not isinstance(data, dict):
        raise TypeError("the top level is not an object")
    entities_by_kind = data["entities"]
    if not isinstance(entities_by_kind, dict):
        raise TypeError("'entities' is not an object")
    entities = []
    for kind in ENTITY_KINDS:
        for item in entities_by_kind.get(kind, []):
            label = _text(item, "label")
            aliases = _texts(item.get("aliases") or [], f"aliases of {label}")
            links = frozenset(
                (predicate, target)
                for key, predicate in (("enterprises", "involves"), ("places", "locatedIn"))
                for target in _texts(item.get(key) or [], f"{key} of {label}")
            ) if kind == "Project" else frozenset()
            parent = item.get("part_of") if kind == "Place" else None
            entities.append(_GoldEntity(kind, label, frozenset(map(normalise, (label, *aliases))), links,
                                        parent if isinstance(parent, str) and parent else None))
    observations = []
    raw_observations = data["observations"]
    if not isinstance(raw_observations, list):
        raise TypeError("'observations' is not a list")
    for index, item in enumerate(raw_observations):
        where = f"observation {index}"
        indicator = _text(item, "indicator")
        aliases = _texts(item.get("indicator_aliases") or [], f"indicator_aliases of {where}")
        value = item["value"]
        year = item["year"]
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise TypeError(f"the value of {where} is not a number")
        if isinstance(year, bool) or not isinstance(year, int):
            raise TypeError(f"the year of {where} is not an integer")
        place = item.get("place")
        observations.append(
            _GoldObservation(
                indicator=indicator,
                names=frozenset(map(normalise, (indicator, *aliases))),
                value=Decimal(value),
                unit=_text(item, "unit"),
                year=year,
                status=_choice(item, "status", _STATUSES.values(), where),
                measure=_choice(item, "measure", _MEASURES.values(), where),
                qualifier=_choice(item, "qualifier", _QUALIFIERS.values(), where),
                place=place if isinstance(place, str) and place else None,
                core=item.get("core") is True,
                evidence=str(item.get("evidence") or ""),
            )
        )
    document = data.get("document")
    return _Gold(tuple(entities), tuple(observations), document if isinstance(document, str) and document else None)


def _text(item: Any, key: str) -> str:
    if not isinstance(item, dict):
        raise TypeError(f"an entry is not an object: {item!r}")
    value = item[key]
    if not isinstance(value, str) or not value:
        raise TypeError(f"{key} {value!r} is not a non-empty string")
    return value


def _texts(values: Any, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{what} is not a list of strings")
    return values


def _choice(item: dict[str, Any], key: str, allowed: Iterable[str], where: str) -> str:
    value = item[key]
    if value not in set(allowed):
        raise ValueError(f"the {key} of {where} is {value!r}")
    return value


def _read_text(path: Path, what: str) -> str:
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # A FIFO or a device would be read forever.
            raise InputError(str(path), f"is not a regular file; give the path of a {what}.")
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise InputError(str(path), f"does not exist; give the path of a {what}.") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), f"is a folder; give the path of a {what}.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not UTF-8 text; give the path of a {what}.") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror}); give the path of a {what}.") from exc


def _json_int(text: str) -> int | Decimal:
    """An integer of a gold file; one too long for int() (a 5,000-digit year) is refused."""
    if len(text) > 30:
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)


def read_graph(path: Path) -> Graph:
    """Parse a Turtle file; raise InputError naming the file when it is not Turtle."""
    text = _read_text(path, "Turtle file")
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except SyntaxError as exc:  # rdflib's BadSyntax
        line = getattr(exc, "lines", None)
        at = f" at line {line + 1}" if isinstance(line, int) else ""
        problem = f"is not valid Turtle (syntax error{at}); give the kg.ttl that kg build wrote."
        raise InputError(str(path), problem) from exc
    except (AssertionError, ValueError) as exc:
        # rdflib's Turtle parser reports some malformed input (an unterminated
        # string, a bad literal) by assertion or ValueError rather than BadSyntax.
        raise InputError(str(path), "is not valid Turtle; give the kg.ttl that kg build wrote.") from exc
    except RecursionError as exc:
        raise InputError(str(path), "is not a graph kg build writes (its terms nest too deep to read).") from exc
    return graph


# ---------------------------------------------------------------- the graph


class _GraphReader:
    """Reads entities and observations through the contract's terms only."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def names(self, node: Node) -> tuple[str, frozenset[str]]:
        """The node's display name (its label) and all its normalised names."""
        if isinstance(node, Literal):
            return str(node), frozenset({normalise(str(node))})
        labels = sorted(str(o) for o in self.graph.objects(node, RDFS.label))
        alts = sorted(str(o) for o in self.graph.objects(node, SKOS.altLabel))
        shown = (labels or alts or [_local_name(node)])[0]
        return shown, frozenset(normalise(n) for n in (*labels, *alts))

    def one(self, node: Node, prop: URIRef) -> Node | None:
        """One object of a property meant to have one; the least, so the choice is stable."""
        objects = sorted(self.graph.objects(node, prop), key=_sort_key)
        return objects[0] if objects else None

    def evidence(self, node: Node) -> tuple[str, str, int]:
        """Anchor, sentence and start of the node's first mention (by offset, then IRI)."""
        best: tuple[int, str, str, str] | None = None
        for mention in self.graph.objects(node, KG.mention):
            begin = _as_int(self.one(mention, KG.beginIndex))
            anchor = self.one(mention, KG.anchorOf)
            sentence = self.one(mention, KG.sentence)
            if sentence is not None and not isinstance(sentence, Literal):
                sentence = self.one(sentence, NIF_IS_STRING)  # a kg:Sentence node (or, before it, a literal)
            position = begin if begin is not None else _NO_POSITION
            key = (position, _sort_key(mention), str(anchor or ""), str(sentence or ""))
            if best is None or key < best:
                best = key
        if best is None:
            return "", "", _NO_POSITION
        return best[2], best[3], best[0]

    def rules(self, node: Node) -> tuple[str, ...]:
        """The kg:rule ids of the node and of its mentions (an observation carries its own)."""
        found = {str(r) for r in self.graph.objects(node, KG.rule)}
        for mention in self.graph.objects(node, KG.mention):
            found.update(str(r) for r in self.graph.objects(mention, KG.rule))
        return tuple(sorted(found))

    def node(self, node: Node, name: str | None = None) -> _Node:
        """The node with its names and evidence; `name` overrides its label for display."""
        shown, names = self.names(node)
        anchor, sentence, position = self.evidence(node)
        return _Node(_node_id(node), name or shown, names, anchor, sentence, position, self.rules(node))

    def entities(self, kind: str) -> list[_Node]:
        subjects = set(self.graph.subjects(RDF.type, _KIND_CLASS[kind]))
        return [self.node(s) for s in sorted(subjects, key=_sort_key)]

    def observations(self) -> list[_GraphObservation]:
        found = []
        for subject in sorted(set(self.graph.subjects(RDF.type, KG.Observation)), key=_sort_key):
            measured = self.one(subject, KG.indicator)
            indicator, indicator_names = ("", frozenset()) if measured is None else self.names(measured)
            value = _as_decimal(self.one(subject, KG.value))
            unit = str(self.one(subject, KG.unit) or "")
            year = self.year(self.one(subject, KG.year))
            status = _individual(_STATUSES, self.one(subject, KG.status))
            places = sorted(self.graph.objects(subject, KG.refArea), key=_sort_key)
            place_names: set[str] = set()
            shown_places = []
            for place in places:
                shown, names = self.names(place)
                shown_places.append(shown)
                place_names |= names
            found.append(
                _GraphObservation(
                    node=self.node(subject, name=_describe(indicator, value, unit, year, status)),
                    indicator=indicator,
                    indicator_names=indicator_names,
                    value=value,
                    unit=normalise(unit),
                    year=year,
                    status=status,
                    measure=_individual(_MEASURES, self.one(subject, KG.measure)),
                    qualifier=_individual(_QUALIFIERS, self.one(subject, KG.qualifier)),
                    place=_PLACE_SEPARATOR.join(shown_places),
                    place_names=frozenset(place_names),
                )
            )
        return found

    def year(self, node: Node | None) -> int | None:
        # The contract makes kg:year a kg:Year labelled with four digits; a bare
        # literal is accepted too so that looser graphs still get scored.
        if node is None:
            return None
        if isinstance(node, Literal):
            return _as_int(node)
        return _as_int(self.one(node, RDFS.label))


_NO_POSITION = 1 << 62


def _sort_key(node: Node) -> str:
    return node.n3()


def _node_id(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else node.n3()


def _local_name(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def _individual(table: Mapping[URIRef, str], node: Node | None) -> str | None:
    """The gold spelling of one of the contract's individuals; None for anything else."""
    return table.get(node) if isinstance(node, URIRef) else None


def _as_decimal(node: Node | None) -> Decimal | None:
    if not isinstance(node, Literal):
        return None
    try:
        # The lexical form, not toPython(): an xsd:double would come back as a binary float.
        value = Decimal(str(node).strip())
    except InvalidOperation:
        return None
    # NaN and infinities match no gold number, and a signalling NaN cannot even be hashed.
    return value if value.is_finite() else None


def _as_int(node: Node | None) -> int | None:
    if node is None:
        return None
    try:
        return int(str(node).strip())
    except ValueError:
        return None


def _describe(indicator: str, value: Decimal | None, unit: str, year: int | None, status: str | None) -> str:
    number = "?" if value is None else f"{value}"
    return f"{indicator or '?'} {number}{unit} ({year or '?'}, {status or '?'})"


# ---------------------------------------------------------------- matching


def _assign(edges: Mapping[tuple[int, int], tuple[int, ...]]) -> dict[int, int]:
    """A one-to-one gold → node assignment of maximum size.

    `edges` maps (gold index, node index) to a preference rank, higher better.
    Pairs are taken best first; augmenting paths then make sure an early
    choice never costs a match that another assignment would have made.
    """
    gold_to_node: dict[int, int] = {}
    node_to_gold: dict[int, int] = {}
    ordered = sorted(edges, key=lambda pair: (tuple(-r for r in edges[pair]), pair))
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


@dataclass(frozen=True)
class _KindResult:
    score: Score
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]
    duplicates: tuple[Duplicate, ...]
    pairs: dict[int, int]  # gold index → node index


def _settle(
    kind: str,
    gold_names: Sequence[str],
    gold_evidence: Sequence[str],
    nodes: Sequence[_Node],
    edges: Mapping[tuple[int, int], tuple[int, ...]],
) -> _KindResult:
    """Turn candidate pairs into counts, misses, false positives and duplicates."""
    pairs = _assign(edges)
    matched_nodes = set(pairs.values())
    preferred: dict[int, int] = {}  # unmatched node → the gold it best matches
    for gold, node in sorted(edges, key=lambda pair: (tuple(-r for r in edges[pair]), pair)):
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
    return _KindResult(score, misses, false_positives, duplicates, pairs)


def _score_entities(kind: str, gold: Sequence[_GoldEntity], nodes: Sequence[_Node]) -> _KindResult:
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
    return _settle(kind, labels, [""] * len(gold), nodes, edges)


def _place_names(place: str | None, places: Sequence[_GoldEntity]) -> frozenset[str]:
    """Every name under which the gold place (possibly 湘潭县、湘乡市) may be written."""
    if place is None:
        return frozenset()
    accepted: set[str] = set()
    for part in place.split(_PLACE_SEPARATOR):
        key = normalise(part)
        accepted.add(key)
        for entity in places:
            if key in entity.names:
                accepted |= entity.names
    return frozenset(accepted)


def _place_correct(gold_place: frozenset[str], found: _GraphObservation) -> bool:
    if not gold_place:
        return not found.place_names
    return bool(gold_place & found.place_names)


def evaluate(graph_path: Path, gold_path: Path) -> Evaluation:
    """Score the Turtle graph at `graph_path` against the gold file at `gold_path`.

    Raises InputError when either file is missing or not of its kind.
    """
    gold = read_gold(gold_path)
    reader = _GraphReader(read_graph(graph_path))
    results = []
    hits: list[Hit] = []
    matched: dict[str, str] = {}  # node IRI → the gold label it matched
    for kind in ENTITY_KINDS:
        entities = [e for e in gold.entities if e.kind == kind]
        nodes = reader.entities(kind)
        result = _score_entities(kind, entities, nodes)
        results.append(result)
        matched.update((nodes[n].iri, entities[g].label) for g, n in result.pairs.items())
        hits += _hits(kind, nodes, result)
    links, link_misses, wrong_links = _score_links(reader, [e for e in gold.entities if e.kind == "Project"], matched)
    part_of = _part_of_tally(reader, [e for e in gold.entities if e.kind == "Place"], matched)

    found = reader.observations()
    places = [e for e in gold.entities if e.kind == "Place"]
    gold_places = [_place_names(o.place, places) for o in gold.observations]
    by_key: dict[tuple[Decimal, str, int, str], list[int]] = defaultdict(list)
    for index, obs in enumerate(gold.observations):
        by_key[(obs.value, normalise(obs.unit), obs.year, obs.status)].append(index)
    edges: dict[tuple[int, int], tuple[int, ...]] = {}
    for n, candidate in enumerate(found):
        if candidate.value is None or candidate.year is None or candidate.status is None:
            continue
        for g in by_key.get((candidate.value, candidate.unit, candidate.year, candidate.status), ()):
            target = gold.observations[g]
            if not target.names & candidate.indicator_names:
                continue
            agreements = (
                (candidate.measure == target.measure)
                + (candidate.qualifier == target.qualifier)
                + _place_correct(gold_places[g], candidate)
            )
            same_indicator = int(normalise(candidate.indicator) == normalise(target.indicator))
            edges[(g, n)] = (agreements, same_indicator)
    observed = _settle(
        "Observation",
        [o.describe() for o in gold.observations],
        [o.evidence for o in gold.observations],
        [c.node for c in found],
        edges,
    )
    results.append(observed)
    hits += _hits("Observation", [c.node for c in found], observed)

    measure = qualifier = place = core = 0
    mismatches = []
    for g, n in sorted(observed.pairs.items()):
        target, candidate = gold.observations[g], found[n]
        checks = (
            ("measure", target.measure, candidate.measure or "", candidate.measure == target.measure),
            ("qualifier", target.qualifier, candidate.qualifier or "", candidate.qualifier == target.qualifier),
            ("place", target.place or "", candidate.place, _place_correct(gold_places[g], candidate)),
        )
        for field, expected, got, ok in checks:
            if not ok:
                mismatches.append(
                    Mismatch(candidate.node.iri, target.describe(), field, expected, got, target.evidence)
                )
        measure += checks[0][3]
        qualifier += checks[1][3]
        place += checks[2][3]
        # Year and status are part of the strict match already.
        core += target.core and checks[1][3]
    matched_count = len(observed.pairs)
    status = _status_tally(gold.observations, found)
    return Evaluation(
        graph=str(graph_path),
        gold=str(gold_path),
        scores=tuple(r.score for r in results),
        core=Tally(core, sum(o.core for o in gold.observations)),
        measure=Tally(measure, matched_count),
        qualifier=Tally(qualifier, matched_count),
        place=Tally(place, matched_count),
        status=status,
        links=links,
        part_of=part_of,
        misses=(*(m for r in results for m in r.misses), *link_misses),
        false_positives=(*(f for r in results for f in r.false_positives), *wrong_links),
        duplicates=tuple(d for r in results for d in r.duplicates),
        mismatches=tuple(mismatches),
        hits=tuple(hits),
        annotated=_annotated(gold),
    )


def _annotated(gold: _Gold) -> tuple[str, ...]:
    """The kinds a gold file annotates: those it holds any of (the excerpts hold no observations,
    which says they were not annotated, not that the text has none)."""
    held = {e.kind for e in gold.entities} | ({"Observation"} if gold.observations else set())
    if any(e.links for e in gold.entities):
        held.add("Link")
    return tuple(k for k in (*KINDS, "Link") if k in held)


def _hits(kind: str, nodes: Sequence[_Node], result: _KindResult) -> list[Hit]:
    true = set(result.pairs.values())
    return [
        Hit(kind, node.iri, node.name, node.rules, n in true)
        for n, node in enumerate(nodes)
    ]


def _score_links(
    reader: _GraphReader, projects: Sequence[_GoldEntity], matched: Mapping[str, str]
) -> tuple[Score, list[Miss], list[FalsePositive]]:
    """kg:involves and kg:locatedIn links of the projects matched to gold ones, compared with the
    gold's enterprises and places of those projects; a link to a node that matched nothing is wrong."""
    by_label = {p.label: p for p in projects}
    gold_total = found_total = correct = 0
    misses: list[Miss] = []
    wrong: list[FalsePositive] = []
    for subject in sorted(set(reader.graph.subjects(RDF.type, KG.Project)), key=_sort_key):
        project = by_label.get(matched.get(_node_id(subject), ""))
        if project is None:
            continue
        # A target that matched no gold thing (a stray or a duplicate node) is never right, even
        # when its label is a gold label: it is shown by its label and marked.
        found = {
            (name, matched.get(_node_id(target)) or f"{reader.names(target)[0]} (unmatched node)")
            for name, prop in (("involves", KG.involves), ("locatedIn", KG.locatedIn))
            for target in reader.graph.objects(subject, prop)
        }
        gold_total += len(project.links)
        found_total += len(found)
        correct += len(found & project.links)
        misses += [Miss("Link", f"{project.label} {p} {t}") for p, t in sorted(project.links - found)]
        wrong += [FalsePositive("Link", _node_id(subject), f"{project.label} {p} {t}") for p, t in sorted(found - project.links)]
    return Score("Link", gold=gold_total, found=found_total, tp=correct, duplicates=0), misses, wrong


def _part_of_tally(reader: _GraphReader, places: Sequence[_GoldEntity], matched: Mapping[str, str]) -> Tally:
    """Of the places matched to a gold place that has a parent, how many have that parent as a
    kg:partOf (the parent node must itself be the one matched to the gold parent)."""
    by_label = {p.label: p for p in places}
    correct = total = 0
    for subject in sorted(set(reader.graph.subjects(RDF.type, KG.Place)), key=_sort_key):
        place = by_label.get(matched.get(_node_id(subject), ""))
        if place is None or place.part_of is None:
            continue
        total += 1
        correct += any(matched.get(_node_id(up)) == place.part_of for up in reader.graph.objects(subject, KG.partOf))
    return Tally(correct, total)


def _status_tally(gold: Sequence[_GoldObservation], found: Sequence[_GraphObservation]) -> Tally:
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


# ---------------------------------------------------------------- the report


def render_text(evaluation: Evaluation, *, limit: int | None = 30) -> str:
    """A human report: the summary first (a dozen lines), then misses and false positives per kind.

    `limit` caps each listed section; None lists everything.
    """
    e = evaluation
    lines = [
        f"Evaluation of {Path(e.graph).name} against {Path(e.gold).name}",
        f"{'kind':<12} {'gold':>5} {'found':>5} {'TP':>5} {'dup':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for s in e.scores:
        lines.append(
            f"{s.kind:<12} {s.gold:>5} {s.found:>5} {s.tp:>5} {s.duplicates:>4}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    lines.append(f"core observations (right year, status, qualifier): {_tally(e.core)}")
    matched = e.measure.total
    lines.append(
        f"accuracy on {matched} matched observations: measure {_tally(e.measure, False)},"
        f" qualifier {_tally(e.qualifier, False)}, place {_tally(e.place, False)}"
    )
    lines.append(f"status accuracy (paired on value, unit, indicator): {_tally(e.status)}")
    lines.append(f"places with their gold parent as kg:partOf: {_tally(e.part_of)}")
    k = e.links
    lines.append(
        f"links of matched projects (involves, locatedIn): P {k.precision:.3f} R {k.recall:.3f} F1 {k.f1:.3f}"
        f" ({k.tp} right of {k.found} found, {k.gold} in gold)"
    )
    for kind in (*KINDS, "Link"):
        lines += _section(f"Missed {kind}", [_miss_line(m) for m in e.misses if m.kind == kind], limit)
    for kind in (*KINDS, "Link"):
        lines += _section(
            f"False positives {kind}", [_fp_line(f) for f in e.false_positives if f.kind == kind], limit
        )
    lines += _section(
        "Duplicates",
        [f"{d.kind} {d.gold}: {len(d.nodes)} nodes {' '.join(map(_short, d.nodes))}" for d in e.duplicates],
        limit,
    )
    lines += _section(
        "Matched observations with a wrong attribute",
        [f"{m.gold}: {m.field} {m.found or '-'} (gold {m.expected or '-'}) «{m.evidence}»" for m in e.mismatches],
        limit,
    )
    return "\n".join(lines) + "\n"


def _tally(tally: Tally, fraction: bool = True) -> str:
    return f"{tally.rate:.3f} ({tally.correct}/{tally.total})" if fraction else f"{tally.rate:.3f}"


def _section(title: str, items: list[str], limit: int | None) -> list[str]:
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    lines = ["", f"{title} ({len(items)}):", *(f"  {item}" for item in shown)]
    if len(shown) < len(items):
        lines.append(f"  … and {len(items) - len(shown)} more")
    return lines


def _short(iri: str) -> str:
    return "kgr:" + iri[len(KGR_IRI):] if iri.startswith(KGR_IRI) else iri


def _miss_line(miss: Miss) -> str:
    return f"{miss.name} «{miss.evidence}»" if miss.evidence else miss.name


def _fp_line(fp: FalsePositive) -> str:
    context = _window(fp.sentence, fp.anchor) if fp.sentence else fp.anchor
    return f"{fp.name} «{context}»" if context else fp.name


def _window(sentence: str, anchor: str) -> str:
    """At most _EVIDENCE_WIDTH characters of the sentence, centred on the anchor."""
    if len(sentence) <= _EVIDENCE_WIDTH:
        return sentence
    at = sentence.find(anchor) if anchor else -1
    middle = at + len(anchor) // 2 if at >= 0 else 0
    start = max(0, min(middle - _EVIDENCE_WIDTH // 2, len(sentence) - _EVIDENCE_WIDTH))
    end = start + _EVIDENCE_WIDTH
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")
