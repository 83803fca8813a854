"""OUT/store: an embedded Oxigraph store of a build's graph, loaded once by `kg build` so that a
query does not read the Turtle again: its default graph is kg.ttl (every triple, as a query of
the Turtle sees them) and each report's graph of kg.trig is a named graph in it. A stamp in the store names the kg.ttl and kg.trig it was loaded with (their
sizes and times), so a query asks the store only while those outputs are unchanged.

The loader bulk-loads in pieces of a few megabytes, in two threads of its own: one the text of
kg.ttl handed to it as the build writes it (StoreLoader.turtle), the other the reports' named
graphs from their parts' files (which kg.trig copies), from the start. Oxigraph's bulk load holds
what it is given in memory (a 41 MB kg.ttl at once took 0.7 GB; in pieces of 4 MB, 0.15 GB) and
lets go of Python's lock while it works, so the two load side by side on two cores while the
Turtle is merged and written (one thread fed kg.ttl and then kg.trig: the build waited for it)."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Sequence
from pathlib import Path

STAMP = "kg-build.json"
PIECE = 1_500_000  # characters of Turtle per bulk load (4–5 MB of UTF-8)


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


class StoreLoader:
    """A new store in `folder`, loaded in two threads: from the text handed to `turtle` (statements
    of the default graph, whole subjects) and from `graphs`, files each holding whole named graphs
    as kg.trig states them; `head` is the documents' @prefix lines. `finish` waits for the loading
    and stamps the store; `close` abandons it."""

    def __init__(self, folder: Path, head: str, graphs: Sequence[Path]) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._store = ox.Store(str(folder))
        self._folder = folder
        self._head = head
        self._pending: list[str] = []
        self._size = 0
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._load_turtle, name="kg-store-ttl", daemon=True),
                         threading.Thread(target=self._load_graphs, args=(tuple(graphs),), name="kg-store-trig",
                                          daemon=True)]
        for thread in self._threads:
            thread.start()

    def turtle(self, text: str) -> None:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= PIECE:
            self._send()

    def _send(self) -> None:
        if self._pending:
            piece = "".join([self._head, *self._pending]).encode("utf-8")
            self._pending, self._size = [], 0
            self._queue.put(piece)

    def _load_turtle(self) -> None:
        while (piece := self._queue.get()) is not None:
            if not self._errors:  # after an error the rest is taken and dropped: no writer waits
                self._bulk_load(piece, self._ox.RdfFormat.TURTLE)

    def _load_graphs(self, graphs: tuple[Path, ...]) -> None:
        pending: list[str] = []
        size = 0
        try:
            for n, path in enumerate(graphs):
                if self._errors:  # (the other thread's, or close's)
                    return
                text = path.read_text("utf-8")
                pending.append(text)
                size += len(text)
                if size >= PIECE or n == len(graphs) - 1:
                    self._store.bulk_load(input="".join([self._head, *pending]).encode("utf-8"),
                                          format=self._ox.RdfFormat.TRIG)
                    pending, size = [], 0
        except BaseException as err:  # noqa: BLE001 - raised again by finish, in the build's thread
            self._errors.append(err)

    def _bulk_load(self, piece: bytes, format) -> None:
        try:
            self._store.bulk_load(input=piece, format=format)
        except BaseException as err:  # noqa: BLE001 - raised again by finish, in the build's thread
            self._errors.append(err)

    def finish(self, trig: Path, ttl: Path) -> None:
        """Load what is left, wait for it, and stamp the store with the finished kg.trig and kg.ttl."""
        self._send()
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
        self._queue.put(None)
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
