"""SPARQL SELECT over a built graph (Turtle or TriG), through Oxigraph; the named queries that
ship with the package; results as a table, CSV, TSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf import PREFIXES


# The East Asian wide characters, from the CJK radicals to the half- and full-width forms (code
# points): a terminal gives each of them two columns.
WIDE_FIRST, WIDE_LAST = 0x2E80, 0xFFEF


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


def named_queries() -> dict[str, tuple[str, str]]:
    """The queries of kg/queries/: name → (what it answers, its text). Each is a .rq file a user
    can read and copy; its first comment lines say what it answers."""
    out = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text("utf-8")
            about = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
            out[entry.name[:-3]] = (about, text)
    return out


def format_rows(header: list[str], rows: list[list[str]], fmt: str) -> str:
    """Rows as `fmt`: table (aligned columns and a count), csv (with a byte-order mark, so a
    spreadsheet opens the Chinese as Chinese), tsv or json (a list of objects)."""
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" if fmt == "csv" else "") + buf.getvalue().rstrip("\n")
    rows = [[_clip(c) for c in r] for r in rows]  # a table is for reading; csv, tsv and json keep all
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


_COLUMN = 60  # the widest a table's column grows, in terminal columns


def _clip(text: str) -> str:
    """A cell cut to _COLUMN terminal columns, with … where it was cut."""
    if _width(text) <= _COLUMN:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > _COLUMN - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if WIDE_FIRST <= ord(ch) <= WIDE_LAST else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def run_query(graph: Path, query: str, allow_service: bool = False) -> tuple[list[str], list[list[str]]]:
    """The variable names and rows (as text) of a SELECT query over `graph` (.ttl or .trig: a
    TriG file's graphs are queried together, as its default graph, unless the query names one;
    an output folder: its store, else its kg.trig). The store a build loaded beside the graph
    (OUT/store) answers when it holds the graph as it is (kg.store), without reading the file,
    unless the query names graphs, which the store does not hold.
    A query that asks another endpoint (SERVICE) is refused unless `allow_service`, and an
    update always is (kg.sparql_guard), before any graph is read."""
    from kg.sparql_guard import check_query, names_graphs
    from kg.store import open_store, store_for

    check_query(query, allow_service)
    held = None if names_graphs(query) else store_for(graph)
    if held is not None:
        try:
            store, union = open_store(held), False
        except OSError:
            held = None
    if held is None:
        if graph.is_dir():
            graph = graph / "kg.trig"
        store, union = _load(graph), graph.suffix.lower() == ".trig"
    full = _prologue(query)
    return _interruptible(lambda: _answer(store, full, query, union))


def _answer(store: ox.Store, full: str, query: str, union: bool) -> tuple[list[str], list[list[str]]]:
    try:
        result = store.query(full, use_default_graph_as_union=union)
    except SyntaxError as err:
        if "Prefix not found" in str(err) and (unknown := _undeclared_prefixes(full)):
            raise InputError("query", f"uses the prefix {unknown[0]}: without declaring it (PREFIX {unknown[0]}: <…>); "
                                      f"kg declares {', '.join(p + ':' for p in PREFIXES)}") from None
        added = full.count("\n") - query.count("\n")
        raise InputError("query", f"is not valid SPARQL ({_shift_lines(str(err), added)})") from None
    if not isinstance(result, ox.QuerySolutions):
        del result  # Oxigraph's answer must be dropped in the thread that made it
        raise InputError("query", "only SELECT queries are supported")
    variables = sorted(result.variables, key=lambda v: _first_use(query, v.value))
    header = [v.value for v in variables]
    rows = [[_text(sol[v]) for v in variables] for sol in result]
    return header, rows


def _first_use(query: str, name: str) -> int:
    """Where a variable first appears in the query: the columns come in the order a reader wrote
    them (SELECT * as the pattern names them; Oxigraph's own order is not the query's)."""
    m = re.search(rf"[?$]{re.escape(name)}(?![\w])", query)
    return m.start() if m else len(query)


def _undeclared_prefixes(query: str) -> list[str]:
    """The prefixes the query uses in names (foo:Place) and declares nowhere."""
    body = re.sub(r"<[^>]*>|\"[^\"]*\"|'[^']*'|#[^\n]*", " ", query)
    declared = set(re.findall(r"(?i)PREFIX\s+([A-Za-z][\w-]*)?:", body))
    used = re.findall(r"(?<![\w?$:])([A-Za-z][\w-]*):(?=[A-Za-z_\u4e00-\u9fff])", body)
    return sorted({p for p in used if p not in declared})


def _interruptible(work):
    """Run `work` in a thread the main one waits for in short steps, so Ctrl-C reaches the main
    thread (and the command ends) even while Oxigraph evaluates a long query in native code."""
    import threading

    box: dict = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as err:  # noqa: BLE001 - handed to the waiting thread, which raises it
            box["error"] = err

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _load(graph: Path) -> ox.Store:
    """An in-memory store of a Turtle or TriG file."""
    store = ox.Store()
    trig = graph.suffix.lower() == ".trig"
    if graph.exists() and not graph.is_file():
        raise InputError(str(graph), "is not a regular file; give the kg.ttl or kg.trig that kg build wrote")
    try:
        with graph.open("rb") as f:
            store.bulk_load(f, format=ox.RdfFormat.TRIG if trig else ox.RdfFormat.TURTLE)
    except FileNotFoundError:
        raise InputError(str(graph), "no such file; build the graph first with kg build") from None
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(str(graph), f"is not a readable {'TriG' if trig else 'Turtle'} file ({err})") from None
    return store
