"""SPARQL SELECT over a built Turtle file, through Oxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf import PREFIXES


def _prologue(query: str) -> str:
    declared = {line.split()[1].rstrip(":") for line in query.splitlines() if line.strip().upper().startswith("PREFIX ")}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared) + query


def _text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def run_query(graph: Path, query: str) -> tuple[list[str], list[list[str]]]:
    """The variable names and rows (as text) of a SELECT query over `graph`."""
    store = ox.Store()
    try:
        with graph.open("rb") as f:
            store.bulk_load(f, format=ox.RdfFormat.TURTLE)
    except FileNotFoundError:
        raise InputError(str(graph), "no such file; build the graph first with kg build") from None
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(str(graph), f"is not a readable Turtle file ({err})") from None
    try:
        result = store.query(_prologue(query))
    except SyntaxError as err:
        raise InputError("query", f"is not valid SPARQL ({err})") from None
    if not isinstance(result, ox.QuerySolutions):
        raise InputError("query", "only SELECT queries are supported")
    header = [v.value for v in result.variables]
    rows = [[_text(sol[v]) for v in result.variables] for sol in result]
    return header, rows
