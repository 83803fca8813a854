"""OUT/store: an embedded Oxigraph store of a build's graph, loaded once by `kg build` so that a
query does not read the Turtle again: its default graph is kg.ttl (every triple, as a query of
the Turtle sees them) and each report's graph of kg.trig is a named graph in it. A stamp in the store names the kg.ttl and kg.trig it was loaded with (their
sizes and times), so a query asks the store only while those outputs are unchanged.

The build hands the loader the text of kg.ttl and of kg.trig's named graphs as it writes them
(StoreLoader), and the loader bulk-loads it in pieces of a few megabytes in a thread of its own:
Oxigraph's bulk load holds what it is given in memory (a 41 MB kg.ttl at once took 0.7 GB; in
pieces of 4 MB, 0.15 GB) and lets go of Python's lock while it works, so the store is loaded on
the second core while the Turtle is merged and written."""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path

STAMP = "kg-build.json"
PIECE = 1_500_000  # characters of Turtle per bulk load (4–5 MB of UTF-8)


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


class StoreLoader:
    """A new store in `folder`, loaded in a thread from the text handed to `turtle` (statements of
    the default graph, whole subjects) and `trig` (whole named graphs); `head` is the documents'
    @prefix lines. `finish` waits for the loading and stamps the store; `close` abandons it."""

    def __init__(self, folder: Path, head: str) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._store = ox.Store(str(folder))
        self._folder = folder
        self._head = head
        self._pending: dict[str, list[str]] = {"ttl": [], "trig": []}
        self._sizes = {"ttl": 0, "trig": 0}
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="kg-store", daemon=True)
        self._thread.start()

    def turtle(self, text: str) -> None:
        self._add("ttl", text)

    def trig(self, text: str) -> None:
        self._add("trig", text)

    def _add(self, kind: str, text: str) -> None:
        self._pending[kind].append(text)
        self._sizes[kind] += len(text)
        if self._sizes[kind] >= PIECE:
            self._send(kind)

    def _send(self, kind: str) -> None:
        if self._pending[kind]:
            piece = "".join([self._head, *self._pending[kind]]).encode("utf-8")
            self._pending[kind], self._sizes[kind] = [], 0
            self._queue.put((kind, piece))

    def _load(self) -> None:
        formats = {"ttl": self._ox.RdfFormat.TURTLE, "trig": self._ox.RdfFormat.TRIG}
        while (item := self._queue.get()) is not None:
            if self._error is None:  # after an error the rest is taken and dropped: no writer waits
                try:
                    self._store.bulk_load(input=item[1], format=formats[item[0]])
                except BaseException as err:  # noqa: BLE001 - raised again by finish, in the build's thread
                    self._error = err

    def finish(self, trig: Path, ttl: Path) -> None:
        """Load what is left, wait for it, and stamp the store with the finished kg.trig and kg.ttl."""
        self._send("ttl")
        self._send("trig")
        self._stop()
        if self._error is not None:
            raise self._error
        self._store.flush()
        self._store.optimize()
        del self._store
        (self._folder / STAMP).write_text(json.dumps({"kg.trig": _stamp(trig), "kg.ttl": _stamp(ttl)}), "utf-8")

    def close(self) -> None:
        """Stop loading (the build failed): nothing more is loaded."""
        if self._thread.is_alive():
            self._error = self._error or RuntimeError("the build stopped")
            self._stop()

    def _stop(self) -> None:
        self._queue.put(None)
        self._thread.join()


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
