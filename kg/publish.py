"""`kg publish`: a build's graph to a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph's
/store, Fuseki's /DATASET/data, Virtuoso's /sparql-graph-crud, …): each report's named graph
by an HTTP PUT to ENDPOINT?graph=IRI, which replaces that graph, and the default graph (what
the reports share) by a PUT to ENDPOINT?default. Publishing twice leaves one copy."""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, OutputError

TURTLE = "text/turtle; charset=utf-8"


@dataclass(frozen=True)
class Published:
    """One graph sent: its IRI ("" for the default graph), its size in bytes, the HTTP status."""

    graph: str
    size: int
    status: int


def graphs_of(out: Path) -> Iterator[tuple[str, bytes]]:
    """The graphs of OUT/kg.trig one at a time, each a Turtle document: ("", the default graph),
    then (report IRI, its graph) in the file's order. kg.trig is read as kg build writes it (its
    prefixes, the default graph's statements, then `name {` … `}` blocks), so a corpus of any
    size is sent holding one graph."""
    from kg.rdf import PREFIXES

    trig = out / "kg.trig" if out.is_dir() else out
    if not trig.is_file():
        raise InputError(str(out), f"holds no kg.trig; build the reports first with kg build --out {out}")
    prefixes = {f"{p}:": ns for p, ns in PREFIXES.items()}
    head: list[str] = []
    body: list[str] = []
    name = ""
    with trig.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("@prefix "):
                head.append(line)
            elif name == "" and line.endswith(" {\n") and not line.startswith(" "):
                yield "", "".join(head + ["\n"] + body).encode("utf-8")
                name, body = _expand(line[:-3], prefixes), []
            elif line == "}\n":
                yield name, "".join(head + ["\n"] + body).encode("utf-8")
                name, body = None, []  # type: ignore[assignment]
            elif name is None and line.endswith(" {\n") and not line.startswith(" "):
                name, body = _expand(line[:-3], prefixes), []
            elif line.strip():
                body.append(line)
    if name == "":  # a graph of no report graphs
        yield "", "".join(head + ["\n"] + body).encode("utf-8")


def _expand(term: str, prefixes: dict[str, str]) -> str:
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    prefix, _, local = term.partition(":")
    return prefixes[prefix + ":"] + local


def publish(out: Path, endpoint: str, user: str | None = None, password: str | None = None,
            timeout: float = 300) -> Iterator[Published]:
    """Send every graph of the build in `out` to `endpoint`: the default graph, then each report's
    graph; yield each as it is sent. Raises OutputError on the first refusal."""
    send = _sender(endpoint, user, password, timeout)
    for graph, data in graphs_of(out):
        where = f"graph={urllib.parse.quote(graph, safe='')}" if graph else "default"
        yield Published(graph, len(data), send(where, data))


def _sender(endpoint: str, user: str | None, password: str | None, timeout: float) -> Callable[[str, bytes], int]:
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise OutputError(endpoint, "is not an http(s) URL; give the endpoint's Graph Store address, such as http://localhost:7878/store")
    headers = {"Content-Type": TURTLE}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    joiner = "&" if "?" in endpoint else "?"

    def send(query: str, data: bytes) -> int:
        request = urllib.request.Request(f"{endpoint}{joiner}{query}", data=data, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as err:
            body = err.read(300).decode("utf-8", "replace").strip()
            raise OutputError(endpoint, f"refused the graph ({err.code} {err.reason}: {body}); check the endpoint's Graph Store address and rights") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise OutputError(endpoint, f"cannot be reached ({reason}); check that the server runs and the address") from None

    return send
