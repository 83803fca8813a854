"""SPARQL SELECT over a built Turtle file, through Oxigraph."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf import PREFIXES


def _prologue(query: str) -> str:
    declared = {line.split()[1].rstrip(":") for line in query.splitlines() if line.strip().upper().startswith("PREFIX ")}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared) + query


def _text(term: object) -> str:
    """A result as a reader writes it: literals as their text, IRIs as prefixed names."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _BY_LENGTH:
            if term.value.startswith(ns) and term.value[len(ns):] and "/" not in term.value[len(ns):]:
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return str(term)


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _shift_lines(message: str, lines: int) -> str:
    """Error positions of the user's query, not of the query with the prefixes put before it."""
    return re.sub(r"(\d+):(\d+)", lambda m: f"{max(1, int(m.group(1)) - lines)}:{m.group(2)}", message)


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
    full = _prologue(query)
    try:
        result = store.query(full)
    except SyntaxError as err:
        added = full.count("\n") - query.count("\n")
        raise InputError("query", f"is not valid SPARQL ({_shift_lines(str(err), added)})") from None
    if not isinstance(result, ox.QuerySolutions):
        raise InputError("query", "only SELECT queries are supported")
    header = [v.value for v in result.variables]
    rows = [[_text(sol[v]) for v in result.variables] for sol in result]
    return header, rows
