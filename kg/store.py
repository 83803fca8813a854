"""OUT/store: an embedded Oxigraph store of a build's graph, loaded once by `kg build` so that a
query does not read the Turtle again: its default graph is kg.ttl (every triple, as a query of
the Turtle sees them). A stamp in the store names the kg.ttl and kg.trig it was loaded with (their
sizes and times), so a query asks the store only while those outputs are unchanged. It holds no
named graphs: a query that names graphs (GRAPH, FROM) reads kg.trig (kg.query), as each graph
held twice made the store ~2.5× as slow to load (Oxigraph indexes a named graph's quads six ways,
the default graph's three).

The loader bulk-loads the reports' statements from their parts' files (which kg.ttl copies) in
pieces of a few megabytes, in two threads of its own from the start of the build's writing, and
then what the reports share. Oxigraph's bulk load holds what it is given in memory (a 41 MB
kg.ttl at once took 0.7 GB; in pieces of 4 MB, 0.15 GB) and lets go of Python's lock while it
works, so the two load side by side on two cores while the build writes its files."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

STAMP = "kg-build.json"
PIECE = 4_000_000  # bytes of Turtle per bulk load


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


class StoreLoader:
    """A new store in `folder`, loaded in two threads from `files`, parts' files each holding whole
    subjects' statements as kg.ttl states them (with the key they were made under and the key to
    give them: kg.parts.keyed); `head` is kg.ttl's @prefix lines. `finish` adds the
    statements the reports share, waits for the loading and stamps the store; `close` abandons it."""

    def __init__(self, folder: Path, head: str, files: Sequence[tuple[Path, str, str]]) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._store = ox.Store(str(folder))
        self._folder = folder
        self._head = head
        self._errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._load, args=(tuple(files[n::2]),), name=f"kg-store-{n}",
                                          daemon=True) for n in range(2)]
        for thread in self._threads:
            thread.start()

    def _load(self, files: tuple[tuple[Path, str, str], ...]) -> None:
        from kg.parts import keyed_file

        head = self._head.encode("utf-8")
        pending: list[bytes] = []
        size = 0
        try:
            for n, (path, made_as, key) in enumerate(files):
                if self._errors:  # (the other thread's, or close's)
                    return
                data = keyed_file(path, made_as, key)
                pending.append(data)
                size += len(data)
                if size >= PIECE or n == len(files) - 1:
                    self._bulk_load(b"".join([head, *pending]))
                    pending, size = [], 0
        except BaseException as err:  # noqa: BLE001 - raised again by finish, in the build's thread
            self._errors.append(err)

    def _bulk_load(self, data: bytes) -> None:
        self._store.bulk_load(input=data, format=self._ox.RdfFormat.TURTLE)

    def finish(self, shared: str, trig: Path, ttl: Path) -> None:
        """Load `shared` (the statements of kg.ttl's default graph that no part holds), wait for
        the rest, and stamp the store with the finished kg.trig and kg.ttl."""
        try:
            self._bulk_load((self._head + shared).encode("utf-8"))
        except Exception as err:  # noqa: BLE001 - the threads stop at it; raised below (an interrupt at once)
            self._errors.append(err)
        self._join()
        if self._errors:
            raise self._errors[0]
        self._store.flush()
        self._store.optimize()
        del self._store
        (self._folder / STAMP).write_text(json.dumps({"kg.trig": _stamp(trig), "kg.ttl": _stamp(ttl)}), "utf-8")

    def close(self) -> None:
        """Stop loading (the build failed): nothing more is loaded."""
        if any(thread.is_alive() for thread in self._threads):
            self._errors.append(RuntimeError("the build stopped"))
            self._join()

    def _join(self) -> None:
        for thread in self._threads:
            thread.join()


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
