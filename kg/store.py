"""OUT/store: an embedded Oxigraph store of a build's graph, loaded once by `kg build` so that a
query does not read the Turtle again: its default graph is kg.ttl (every triple, as a query of
the Turtle sees them) and each report's graph of kg.trig is a named graph in it. A stamp in the store names the kg.ttl and kg.trig it was loaded with (their
sizes and times), so a query asks the store only while those outputs are unchanged."""

from __future__ import annotations

import json
from pathlib import Path

STAMP = "kg-build.json"


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def load_store(folder: Path, trig: Path, ttl: Path) -> None:
    """Load `ttl` as the default graph and the named graphs of `trig` into a new store in
    `folder`, stamped with both. (Oxigraph's union of graphs repeats a triple stated in two
    graphs; the Turtle as the default graph answers as a query of the Turtle does.)"""
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)  # its default graph is in kg.ttl already
    store.flush()
    store.optimize()
    del store
    (folder / STAMP).write_text(json.dumps({"kg.trig": _stamp(trig), "kg.ttl": _stamp(ttl)}), "utf-8")


def store_for(graph: Path) -> Path | None:
    """The store that holds `graph` (an output folder, or its kg.ttl or kg.trig), if there is
    one and the graph is unchanged since it was loaded; else None."""
    folder = graph if graph.is_dir() else graph.parent
    store = folder / "store"
    try:
        stamp = json.loads((store / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    names = ("kg.ttl", "kg.trig") if graph.is_dir() else (graph.name,)
    for name in names:
        try:
            if stamp.get(name) != _stamp(folder / name):
                return None
        except OSError:
            if not graph.is_dir():
                return None
    return store


def open_store(folder: Path):
    """The store in `folder`, read-only (many queries may run at once)."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(folder))
