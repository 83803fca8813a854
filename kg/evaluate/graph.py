"""Read a Turtle graph, and its entities and observations through the output contract's terms only
(ontology/CONTRACT.md), so that a graph written by any tool honouring the contract can be scored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node as Term

from kg.errors import InputError
from kg.evaluate.files import read_text
from kg.evaluate.terms import KIND_CLASS, MEASURES, PLACE_SEPARATOR, QUALIFIERS, STATUSES, describe, normalise
from kg.vocab import KG

NIF_IS_STRING = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
NO_POSITION = 1 << 62  # the position of a node without a located mention: after every other


@dataclass(frozen=True)
class Node:
    """One graph thing as seen through the contract's terms."""

    iri: str
    name: str
    names: frozenset[str]  # normalised
    anchor: str
    sentence: str
    position: int  # where its first mention begins, to list false positives in reading order
    rules: tuple[str, ...] = ()  # its kg:rule ids and its mentions'


@dataclass(frozen=True)
class GraphObservation:
    """A kg:Observation with its attributes spelled as the gold file spells them (None: not one of
    the contract's individuals)."""

    node: Node
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


def read_graph(path: Path) -> Graph:
    """Parse a Turtle file; raise InputError naming the file when it is not Turtle."""
    text = read_text(path, "Turtle file")
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


class GraphReader:
    """Reads entities and observations through the contract's terms only."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def names(self, node: Term) -> tuple[str, frozenset[str]]:
        """The node's display name (its label) and all its normalised names."""
        if isinstance(node, Literal):
            return str(node), frozenset({normalise(str(node))})
        labels = sorted(str(o) for o in self.graph.objects(node, RDFS.label))
        alts = sorted(str(o) for o in self.graph.objects(node, SKOS.altLabel))
        shown = (labels or alts or [_local_name(node)])[0]
        return shown, frozenset(normalise(n) for n in (*labels, *alts))

    def one(self, node: Term, prop: URIRef) -> Term | None:
        """One object of a property meant to have one; the least, so the choice is stable."""
        objects = sorted(self.graph.objects(node, prop), key=sort_key)
        return objects[0] if objects else None

    def evidence(self, node: Term) -> tuple[str, str, int]:
        """Anchor, sentence and start of the node's first mention (by offset, then IRI)."""
        best: tuple[int, str, str, str] | None = None
        for mention in self.graph.objects(node, KG.mention):
            begin = _as_int(self.one(mention, KG.beginIndex))
            anchor = self.one(mention, KG.anchorOf)
            sentence = self.one(mention, KG.sentence)
            if sentence is not None and not isinstance(sentence, Literal):
                sentence = self.one(sentence, NIF_IS_STRING)  # a kg:Sentence node (or, before it, a literal)
            position = begin if begin is not None else NO_POSITION
            key = (position, sort_key(mention), str(anchor or ""), str(sentence or ""))
            if best is None or key < best:
                best = key
        if best is None:
            return "", "", NO_POSITION
        return best[2], best[3], best[0]

    def rules(self, node: Term) -> tuple[str, ...]:
        """The kg:rule ids of the node and of its mentions (an observation carries its own)."""
        found = {str(r) for r in self.graph.objects(node, KG.rule)}
        for mention in self.graph.objects(node, KG.mention):
            found.update(str(r) for r in self.graph.objects(mention, KG.rule))
        return tuple(sorted(found))

    def node(self, node: Term, name: str | None = None) -> Node:
        """The node with its names and evidence; `name` overrides its label for display."""
        shown, names = self.names(node)
        anchor, sentence, position = self.evidence(node)
        return Node(node_id(node), name or shown, names, anchor, sentence, position, self.rules(node))

    def subjects(self, cls: URIRef) -> list[Term]:
        """The things typed `cls`, in a stable order."""
        return sorted(set(self.graph.subjects(RDF.type, cls)), key=sort_key)

    def entities(self, kind: str) -> list[Node]:
        """The graph's places, enterprises or projects (`kind`), in a stable order."""
        return [self.node(s) for s in self.subjects(KIND_CLASS[kind])]

    def observations(self) -> list[GraphObservation]:
        """The graph's observations, in a stable order."""
        return [self.observation(subject) for subject in self.subjects(KG.Observation)]

    def observation(self, subject: Term) -> GraphObservation:
        """One kg:Observation; several kg:refArea places are shown joined, as the gold writes them."""
        measured = self.one(subject, KG.indicator)
        indicator, indicator_names = ("", frozenset()) if measured is None else self.names(measured)
        value = _as_decimal(self.one(subject, KG.value))
        unit = str(self.one(subject, KG.unit) or "")
        year = self.year(self.one(subject, KG.year))
        status = _individual(STATUSES, self.one(subject, KG.status))
        place_names: set[str] = set()
        shown_places = []
        for place in sorted(self.graph.objects(subject, KG.refArea), key=sort_key):
            shown, names = self.names(place)
            shown_places.append(shown)
            place_names |= names
        return GraphObservation(
            node=self.node(subject, name=describe(indicator, value, unit, year, status)),
            indicator=indicator,
            indicator_names=indicator_names,
            value=value,
            unit=normalise(unit),
            year=year,
            status=status,
            measure=_individual(MEASURES, self.one(subject, KG.measure)),
            qualifier=_individual(QUALIFIERS, self.one(subject, KG.qualifier)),
            place=PLACE_SEPARATOR.join(shown_places),
            place_names=frozenset(place_names),
        )

    def year(self, node: Term | None) -> int | None:
        """The year a kg:year object names."""
        # The contract makes kg:year a kg:Year labelled with four digits; a bare
        # literal is accepted too so that looser graphs still get scored.
        if node is None:
            return None
        if isinstance(node, Literal):
            return _as_int(node)
        return _as_int(self.one(node, RDFS.label))


def sort_key(node: Term) -> str:
    """The order nodes are visited in, so that every choice among them is stable."""
    return node.n3()


def node_id(node: Term) -> str:
    """How a node is named in results: its IRI, or its N3 form for anything else."""
    return str(node) if isinstance(node, URIRef) else node.n3()


def _local_name(node: Term) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def _individual(table: Mapping[URIRef, str], node: Term | None) -> str | None:
    """The gold spelling of one of the contract's individuals; None for anything else."""
    return table.get(node) if isinstance(node, URIRef) else None


def _as_decimal(node: Term | None) -> Decimal | None:
    if not isinstance(node, Literal):
        return None
    try:
        # The lexical form, not toPython(): an xsd:double would come back as a binary float.
        value = Decimal(str(node).strip())
    except InvalidOperation:
        return None
    # NaN and infinities match no gold number, and a signalling NaN cannot even be hashed.
    return value if value.is_finite() else None


def _as_int(node: Term | None) -> int | None:
    if node is None:
        return None
    try:
        return int(str(node).strip())
    except ValueError:
        return None
