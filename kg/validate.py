"""Check a built graph against the output's shapes (ontology/shapes.ttl) with pySHACL."""

from __future__ import annotations

import logging

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    """One node that breaks a shape: the node, the property path (if any) and the shape's message."""

    node: str
    path: str
    message: str


@dataclass(frozen=True)
class Validation:
    graph: str
    conforms: bool
    violations: tuple[Violation, ...]

    def summary(self) -> Counter[str]:
        """How many nodes break each message."""
        return Counter(v.message for v in self.violations)


def validate(graph: Path, shapes: Path = SHAPES) -> Validation:
    """Validate `graph` (kg.ttl, or kg.trig whose graphs are taken together) against `shapes`;
    raise InputError when either cannot be read."""
    import pyshacl
    import rdflib

    if graph.exists() and not graph.is_file():
        raise InputError(str(graph), "is not a regular file; give the kg.ttl or kg.trig that kg build wrote")
    data = rdflib.Dataset() if graph.suffix.lower() == ".trig" else rdflib.Graph()
    rdflib_log = logging.getLogger("rdflib")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.ERROR)  # its warnings of each bad IRI in a file that is no Turtle
    try:
        data.parse(graph, format="trig" if graph.suffix.lower() == ".trig" else "turtle")
    except FileNotFoundError:
        raise InputError(str(graph), "no such file; build the graph first with kg build") from None
    except Exception as err:  # noqa: BLE001 - rdflib raises many kinds for a file that is no Turtle
        first = next((line.strip() for line in str(err).splitlines() if line.strip()), "")
        raise InputError(str(graph), f"is not a readable {'TriG' if graph.suffix.lower() == '.trig' else 'Turtle'} "
                                     f"file ({type(err).__name__}: {first[:160]})") from None
    finally:
        rdflib_log.setLevel(level)
    if isinstance(data, rdflib.Dataset):
        union = rdflib.Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union
    try:
        shape_graph = rdflib.Graph().parse(shapes, format="turtle")
    except (OSError, SyntaxError) as err:
        raise InputError(str(shapes), f"the shapes cannot be read ({err})") from None
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shape_graph, inference="none", advanced=True)
    violations = []
    for result in report.subjects(rdflib.RDF.type, rdflib.URIRef(_SH + "ValidationResult")):
        node = report.value(result, rdflib.URIRef(_SH + "focusNode"))
        path = report.value(result, rdflib.URIRef(_SH + "resultPath"))
        message = report.value(result, rdflib.URIRef(_SH + "resultMessage"))
        violations.append(Violation(str(node), "" if path is None else str(path), str(message)))
    return Validation(str(graph), bool(conforms), tuple(sorted(violations, key=lambda v: (v.message, v.node))))
