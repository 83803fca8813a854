"""Per-report parts on disk, and the cache of them: what one report adds to the graph, made
alone (in a worker process), so that a build of many reports holds one report at a time.

A part is five files named by the report's content (its bytes and file name) under a folder
named by the rules' version (every file of the kg package that extraction reads):

- `.trig`  the report's named graph as it stands in kg.trig (text);
- `.ttl`   the same statements as they stand in kg.ttl (not indented, outside any graph), which
           copies them after the default graph: a build concatenates its parts;
- `.share` what the default graph needs of every report's: its default-graph triples, the names
           of its things and the keys of its observations for kg:outcome (read once, by the join);
- `.meta`  what the build needs of every report (small, read as the build sorts its reports):
           its summary, keys and warnings;
- `.facts` the report's facts (for the viewer, and `BuildResult.reports`).

The `.meta` file is written last, so a part is complete when it exists. A worker makes the part
of the report it extracted at once, before the build knows every report's key (two copies of one
region's year are told apart by their files' names, rdf.unique_keys), under a stand-in key,
ANY_KEY, which the build replaces by the report's key as it copies the part (keyed): every IRI a
report's key is in is made the same way and sorts alike whatever the key. A part made under
another key than the build gives its report, or under ANY_KEY for a key that cannot stand in a
prefixed name, is made again from its facts (write_part); so is the part of a report whose text
holds ANY_KEY itself, of which the worker writes the facts alone (write_facts).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path

from kg import __version__
from kg.model import ReportFacts, ReportSummary
from kg.outcomes import Followed
from kg.rdf import PREFIXES, report_key, report_part
from kg.turtle import Shortener, indented, safe_local, subject_block

ANY_KEY = "kgReportKeyGivenWhenJoined"  # the key of a part made before its report's key is known


def serves(made_as: str, key: str) -> bool:
    """Whether a part made under `made_as` is the part of a report whose key is `key` (once keyed)."""
    return made_as == key or (made_as == ANY_KEY and safe_local(key + "-0"))


def keyed(text: str, made_as: str, key: str) -> str:
    """An IRI of a part under the report's key."""
    return text.replace(ANY_KEY, key) if made_as == ANY_KEY else text


def keyed_file(path: Path, made_as: str, key: str) -> bytes:
    """A part's file (UTF-8 text; the stand-in is ASCII) under the report's key."""
    data = path.read_bytes()
    return data.replace(ANY_KEY.encode(), key.encode("utf-8")) if made_as == ANY_KEY else data

SUFFIXES = (".trig", ".ttl", ".facts", ".share", ".meta")  # .meta last


@cache
def rules_version() -> str:
    """A digest of every file of the kg package that extraction reads (its code, rule tables
    and division tables); a change to any of them makes every part anew."""
    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in ("viewer", "queries") or "__pycache__" in rel.parts:
            continue
        h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def input_digest(path: Path, max_mb: float | None = None) -> str | None:
    """What names a report's part: its bytes and its file name (which the graph states); None
    when the file cannot be read or is over `max_mb` (the worker then reads it and says why)."""
    try:
        if max_mb is not None and path.stat().st_size > max_mb * 1e6:
            return None
        with path.open("rb") as f:
            data = f.read()
    except OSError:
        return None
    return hashlib.sha256(os.fsencode(path.name) + b"\0" + data).hexdigest()


@dataclass(frozen=True)
class Meta:
    """What the build needs of a report: read as it sorts the reports (and again for a cached one)."""

    summary: ReportSummary
    content_key: str  # the body without white space: two inputs of one report are built once
    warnings: tuple[str, ...]
    key: str  # the report's own key (rdf.report_key), before two of one key are told apart
    made_as: str  # the key the part was made under: ANY_KEY, `key`, or `key` told apart from another report's


@dataclass(frozen=True)
class Share:
    """What the default graph needs of a report's (most of a part's size but its text): read once.
    Kept apart from Meta, which the build reads two or three times: 0.4 s per 100 reports each."""

    shared: dict[str, set]  # its default-graph triples, by subject
    names: dict[str, set[str]]
    followed: tuple[tuple, ...]  # Followed fields of the observations a target can meet


@dataclass(frozen=True)
class Entry:
    """Where a part lies: its files are `base` + .trig, .ttl, .facts and .meta."""

    base: Path

    def file(self, suffix: str) -> Path:
        return self.base.with_name(self.base.name + suffix)

    def complete(self) -> bool:
        return self.file(".meta").is_file()

    def meta(self) -> Meta:
        """The part's meta, its indicators' names interned: a build keeps every report's, and the
        same ~200 names recur in each (a build of 3,000 from the cache without the store peaked
        at 216 MB, and at 164 MB with them interned)."""
        with self.file(".meta").open("rb") as f:
            meta = pickle.load(f)
        summary = replace(meta.summary, indicators=frozenset(map(sys.intern, meta.summary.indicators)))
        return replace(meta, summary=summary)

    def share(self) -> Share:
        with self.file(".share").open("rb") as f:
            return pickle.load(f)

    def facts(self) -> ReportFacts:
        with self.file(".facts").open("rb") as f:
            return pickle.load(f)


def entry_for(folder: Path, digest: str) -> Entry:
    return Entry(folder / digest[:2] / digest)


def summarise(facts: ReportFacts) -> ReportSummary:
    kinds: dict[str, int] = {}
    for e in facts.entities:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    meta = facts.document.meta
    return ReportSummary(facts.document.source, meta.region, meta.report_year, tuple(sorted(kinds.items())),
                         len(facts.observations), frozenset(o.indicator for o in facts.observations))


_FOLLOWED_FIELDS = tuple(f.name for f in fields(Followed))


def _followable(o: Followed) -> bool:
    """An observation follow_targets may pair (the others it passes over at once)."""
    return (o.year is not None and o.place is not None and o.report_year is not None and not o.period
            and o.status in ("Actual", "Target"))


def stands_in(facts: ReportFacts) -> bool:
    """Whether a report's part can be made under ANY_KEY: its text and its file's name do not hold it."""
    return ANY_KEY not in facts.document.text and ANY_KEY not in facts.document.source


def write_facts(entry: Entry, facts: ReportFacts) -> None:
    """Write a report's facts alone (a worker's, when its part cannot be made under ANY_KEY), which
    write_part completes once the build knows the report's key."""
    entry.base.parent.mkdir(parents=True, exist_ok=True)
    for suffix in SUFFIXES:
        entry.file(suffix).unlink(missing_ok=True)
    _atomic(entry.file(".facts"), pickle.dumps(facts, pickle.HIGHEST_PROTOCOL))


def write_part(entry: Entry, facts: ReportFacts, content_key: str, warnings: tuple[str, ...],
               key: str | None = None, facts_written: bool = False) -> None:
    """Make the report's part under `key` (by default its own) and write its five files (four
    when write_facts wrote the facts)."""
    own = report_key(facts)
    part = report_part(facts, key or own)
    short = Shortener(PREFIXES)
    entry.base.parent.mkdir(parents=True, exist_ok=True)
    for suffix in SUFFIXES:
        if not (facts_written and suffix == ".facts"):
            entry.file(suffix).unlink(missing_ok=True)
    # Each subject's statements are made once, for kg.ttl, and indented for its graph in kg.trig.
    blocks = {s: subject_block(s, tuple(sorted(part.graph[s])), short) for s in sorted(part.graph)}
    trig = [f"{short(part.iri)} {{\n\n", *(indented(b, "    ") for b in blocks.values()), "}\n\n"]
    _atomic(entry.file(".trig"), "".join(trig).encode("utf-8"))
    _atomic(entry.file(".ttl"), "".join(blocks.values()).encode("utf-8"))
    if not facts_written:
        _atomic(entry.file(".facts"), pickle.dumps(facts, pickle.HIGHEST_PROTOCOL))
    # (fields by name, not dataclasses.astuple: its deep copy was a tenth of the part's time)
    followed = tuple(tuple(getattr(o, f) for f in _FOLLOWED_FIELDS) for o in part.followed if _followable(o))
    _atomic(entry.file(".share"), pickle.dumps(Share(part.shared, part.names, followed), pickle.HIGHEST_PROTOCOL))
    meta = Meta(summarise(facts), content_key, warnings, own, key or own)
    _atomic(entry.file(".meta"), pickle.dumps(meta, pickle.HIGHEST_PROTOCOL))


def _atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a part is whole or absent."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.rename(tmp, path)  # (os.replace is the outputs' own: a test pauses it before their renames)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Reports(Sequence[ReportFacts]):
    """A build's reports, in order, each read from its part when asked for."""

    def __init__(self, entries: Sequence[Entry], readable: bool = True) -> None:
        self._entries = tuple(entries)
        self._readable = readable

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, i):  # type: ignore[override]
        if not self._readable:
            raise LookupError("the facts of a large build without the cache are not kept; build with the cache")
        if isinstance(i, slice):
            return [e.facts() for e in self._entries[i]]
        return self._entries[i].facts()

    def __repr__(self) -> str:
        return f"Reports({len(self)} reports)"
