"""The library call: `build(options)` reads reports and writes the graph; it never prints or exits."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
import contextlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.divisions import Division, Divisions, in_scope, load_divisions
from kg.errors import InputError, OwnOutputError, OutputError
from kg.extract.enterprises import extract_enterprises
from kg.extract.observations import extract_observations
from kg.extract.places import extract_places
from kg.extract.projects import extract_projects
from kg.extract.tokens import SentenceTokens, tokenizer, words
from kg.model import (
    BuildOptions, BuildResult, Document, Mention, Observation, ReportFacts, ReportMeta, Sentence, Skipped, writes_outputs,
)
from kg.read import read_document
from kg.relate import link_rules, nest_areas, place_observations, relate
from kg.indicators import load_scheme
from kg.resolve import identify, name_by_scheme, resolve_entities
from kg.rules import RuleBook, load_rules
from kg.structure import find_sections, split_sentences, unread_warning

REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".md")
OUTPUT_NAMES = ("kg.ttl", "kg.trig", "graph.html")
Progress = Callable[[str], None]


class _Clock:
    """Wall time per named stage, summed over reports."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.totals[name] += time.perf_counter() - t0


def find_inputs(paths: tuple[str, ...], outputs: tuple[Path, ...] = ()) -> tuple[list[Path], list[Skipped]]:
    """The report files named by `paths`, sorted by name; and what was not found or not readable.

    A folder is searched recursively for files ending in REPORT_SUFFIXES, leaving out hidden
    files and folders and `outputs` (the build's own graph.html). A file named directly is
    read whatever its ending.
    """
    files: dict[Path, Path] = {}  # resolved → as given, so one file named twice is read once
    skipped: list[Skipped] = []
    excluded = {p.resolve() for p in outputs}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, unreadable = _search(path)
            skipped.extend(Skipped(str(d), why) for d, why in unreadable)
            found = [p for p in found if p.resolve() not in excluded]
            if not found and not unreadable:
                skipped.append(Skipped(raw, f"the folder holds no report files ({', '.join(REPORT_SUFFIXES)})"))
            for p in found:
                files.setdefault(p.resolve(), p)
        elif path.is_file():
            files.setdefault(path.resolve(), path)
        elif path.is_symlink():
            skipped.append(Skipped(raw, "is a link to a file that does not exist"))
        elif path.exists():
            skipped.append(Skipped(raw, "is not a regular file or folder"))
        else:
            skipped.append(Skipped(raw, "no such file or folder"))
    return sorted(files.values(), key=lambda p: (p.name, str(p))), skipped


def _search(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under `folder` (hidden ones left out); what could not be read there (a folder,
    a link to nothing), with the sentence that says why."""
    found: list[Path] = []
    unreadable: list[tuple[Path, str]] = []

    def note(err: OSError) -> None:
        why = "permission denied" if isinstance(err, PermissionError) else (err.strerror or str(err))
        unreadable.append((Path(err.filename), f"the folder cannot be read ({why})"))

    # A walk of our own, with a stack: os.walk recurses (a folder nested a thousand deep ended the
    # run with RecursionError), and a link to a folder above would loop (links are not followed).
    stack = [str(folder)]
    while stack:
        top = stack.pop()
        try:
            entries = list(os.scandir(top))
        except OSError as err:
            note(err)
            continue
        for entry in sorted(entries, key=lambda e: e.name, reverse=True):
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif Path(entry.name).suffix.lower() in REPORT_SUFFIXES and entry.is_file():
                    found.append(Path(entry.path))
                elif Path(entry.name).suffix.lower() in REPORT_SUFFIXES and entry.is_symlink():
                    unreadable.append((Path(entry.path), "is a link to a file that does not exist"))
            except OSError as err:
                if entry.is_symlink():
                    unreadable.append((Path(entry.path), "is a link that leads back to itself (a loop of links)"))
                else:
                    note(err)
    return found, unreadable


def extraction_words(rules: RuleBook, divisions: Divisions) -> frozenset[str]:
    """Words the private tokenizer must keep whole: division names, zone and company endings."""
    places = rules.table("places")
    items = set(divisions.names())
    for kind in ("Zone", "Area"):
        items.update(places["suffix"][kind])
    items.update(places["regions"]["Region"])
    items.update(rules.table("enterprises")["suffix"]["endings"])
    items.update(rules.table("projects")["suffix"]["endings"])
    return words(items)


def _region(name: str | None, divisions: Divisions, year: int | None) -> Division | None:
    """The division a report's region names: 湘潭市, or a district written with its city
    (佛山市南海区 is 南海区 within 佛山市)."""
    if not name:
        return None
    region = divisions.lookup(name, year=year)
    for k in range(len(name) - 2, 1, -1):
        if region is not None:
            break
        city = divisions.lookup(name[:k], year=year)
        inner = divisions.lookup(name[k:], within=city.code, year=year) if city is not None else None
        if inner is not None and in_scope(inner.code, city.code):
            region = inner
    return region


def extract_all(
    sentences: tuple[Sentence, ...], meta: ReportMeta, rules: RuleBook, divisions: Divisions, tok: SentenceTokens,
    region_code: str | None,
) -> tuple[list[Mention], list[Observation]]:
    """Every extractor over the sentences, in the order their inputs need: places, enterprises
    (which must not take a place for a company), projects (which look for both), observations
    (whose subject may open with a place the report writes; a multi-city region is a modifier
    of the name there, 京津保合作项目, not the place the value is for)."""
    mentions = extract_places(sentences, rules, divisions, tok, region_code, meta.report_year)
    place_names = frozenset(m.text for m in mentions if m.rule != "place.scope")
    mentions += extract_enterprises(sentences, rules, tok, place_names)
    known = frozenset(m.text for m in mentions if m.rule != "place.scope" and len(m.text) >= 2)
    mentions += extract_projects(sentences, rules, tok, known, place_names, divisions.names())
    written_places = {
        m.text: m.text for m in mentions if m.kind == "Place" and m.rule not in ("place.scope", "place.region")
    }
    works: dict[int, list[tuple[int, int]]] = defaultdict(list)  # a number inside a work's name is the name's
    for m in mentions:
        if m.kind == "Project":
            works[m.sentence].append((m.start, m.end))
    things = frozenset(m.text for m in mentions if m.kind in ("Enterprise", "Project"))
    return mentions, extract_observations(sentences, meta, rules, written_places, works, things)


def process_document(doc: Document, rules: RuleBook, divisions: Divisions, clock: _Clock | None = None) -> ReportFacts:
    """One decoded document through structure, extraction, resolution and relation (the time of
    each stage added to `clock`, when given)."""
    meta, clock = doc.meta, clock or _Clock()
    with clock.stage("structure"):
        sections = find_sections(doc, rules)
        sentences = split_sentences(doc, sections, rules.words("report", "part", "notes"))
    region = _region(meta.region, divisions, meta.report_year)
    region_code = region.code if region else None
    with clock.stage("tokenizer"):
        tok = SentenceTokens(tokenizer(extraction_words(rules, divisions)))
    with clock.stage("extract"):
        mentions, observations = extract_all(sentences, meta, rules, divisions, tok, region_code)
    with clock.stage("resolve"):
        entities = resolve_entities(mentions, divisions, rules, region, meta.region, meta.report_year)
        observations = name_by_scheme(observations, rules)
    with clock.stage("relate"):
        region_label = next((e.label for e in entities if region and e.adcode == region.code), meta.region or "")
        entities = identify(nest_areas(entities, sentences, link_rules(rules)))
        relations = relate(entities, sentences, link_rules(rules), region_label)
        located = place_observations(observations, entities, region_label)
    return ReportFacts(doc, sentences, entities, located, relations)


HTML_LIMIT = 200  # above this many reports the viewer is left out unless asked for: it holds them all


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Read every input, extract, and write kg.ttl, kg.trig, graph.html (and OUT/store)
    atomically into options.out_dir; builds into one folder take turns (a lock per folder), so
    two at once never leave kg.ttl of one and graph.html of the other. See _build."""
    check_output_folder(Path(options.out_dir))
    with _folder_lock(Path(options.out_dir)):
        return _build(options, progress)


@contextmanager
def _folder_lock(out: Path) -> Iterator[None]:
    """An exclusive lock on an output folder, held by one build at a time on this machine: a file
    named by the folder's path in kg's cache folder (the output folder may not exist yet)."""
    import fcntl

    from kg.extract.tokens import cache_dir

    folder = cache_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(os.fsencode(out.resolve())).hexdigest()[:32]
    with open(folder / f"{key}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """The build itself (see build).

    Reports are extracted in `options.jobs` worker processes, each into a part on disk (kg.parts),
    and the parts joined into the outputs, so a build holds one report at a time
    (the viewer aside) and the same inputs give the same bytes whatever the number of workers.
    With `options.cache`, parts of inputs built before under the same rules are taken from
    OUT/.kg-cache and the new ones kept there once the build has written its outputs.

    Inputs that cannot be read are skipped and listed, and so is a file the extractors fail
    on (so one bad file in a thousand does not stop the rest); nothing is written when no
    report was built, and an existing output is replaced only once its successor is complete.
    Raises OutputError, before reading any input, when the output folder cannot be written.
    """
    from kg.parts import Entry, entry_for, input_digest, rules_version

    say = progress or (lambda _msg: None)
    clock = _Clock()
    out = Path(options.out_dir)
    check_output_folder(out)
    files, skipped = find_inputs(options.paths, tuple(out / name for name in OUTPUT_NAMES))
    with clock.stage("load rules"):
        version = rules_version()
    cached = out / CACHE_NAME / version
    work = Path(tempfile.mkdtemp(prefix="kg-parts-"))
    try:
        entries: list[Entry] = []
        todo: dict[str, tuple[str, str]] = {}  # entry base → (path, base) for the workers
        for n, path in enumerate(files):
            digest = (input_digest(path, options.max_mb) if options.cache else None) or f"input-{n}"
            entry = entry_for(cached, digest)
            if not (options.cache and entry.complete()):
                entry = entry_for(work, digest)
                todo.setdefault(str(entry.base), (str(path), str(entry.base)))
            entries.append(entry)
        outcomes = _extract(list(todo.values()), options, clock, say, len(files) - len(todo))
        reports: list[Entry] = []
        named: list[tuple[str, str, str]] = []  # each report's own key, file name and the key it was made as
        seen: dict[str, str] = {}
        warnings: list[str] = []
        duplicates: list[str] = []  # extracted copies of a report built once: their parts are kept
        for path, entry in zip(files, entries):
            status, reason, key, noted, own = outcomes.get(str(entry.base)) or _from_cache(entry)
            if status == "own":
                continue  # a viewer page a build wrote: passed over, like a hidden file
            if status == "unread":
                skipped.append(Skipped(str(path), reason))
                continue
            if key in seen:
                skipped.append(Skipped(str(path), f"the same report as {seen[key]}; built once"))
                if status == "ok" and str(entry.base) in outcomes:
                    duplicates.append(str(entry.base))
                continue
            seen[key] = str(path)
            warnings.extend(f"{path}: {w}" for w in noted)
            if status == "failed":
                skipped.append(Skipped(str(path), reason))
                continue
            reports.append(entry)
            named.append(own)
        parts, failed = _make_parts(reports, named, duplicates, outcomes, work, options, clock)
        where = {entry: str(path) for path, entry in zip(files, entries)}
        for entry, reason in failed.items():
            skipped.append(Skipped(where[entry], reason))
        keep = [n for n, entry in enumerate(reports) if entry not in failed]
        reports, parts = [reports[n] for n in keep], [parts[n] for n in keep]
        metas = [entry.meta() for entry in parts]
        outputs: list[str] = []
        # A build of a few reports hands back their facts (and its viewer needs them all); a
        # larger one hands back a sequence that reads each from the cache when asked.
        small = len(reports) <= HTML_LIMIT
        facts = [e.facts() for e in reports] if small and (options.html is not False or not options.cache) else None
        extracted = sum(str(e.base) in todo for e in reports)
        if writes_outputs(bool(reports), bool(skipped), options.strict):
            html = options.html if options.html is not None else len(reports) <= HTML_LIMIT
            outputs = _write(out, parts, metas, work, options, html, facts, clock)
            if options.cache:
                reports = _keep(work, cached, todo, reports)
        from kg.parts import Reports

        summaries = tuple(m.summary for m in metas)
        kept = Reports(reports) if options.cache else tuple(facts) if facts is not None else Reports(reports, readable=False)
        return BuildResult(kept, tuple(skipped), tuple(outputs), tuple(clock.totals.items()),
                           tuple(warnings), summaries, extracted, options.strict)
    finally:
        _remove_tree(work)


def _remove_tree(folder: Path) -> None:
    """Remove a folder of this build's own (by path: shutil.rmtree walks by file descriptor)."""
    for root, dirs, names in os.walk(folder, topdown=False):
        for name in names:
            Path(root, name).unlink(missing_ok=True)
        for name in dirs:
            with contextlib.suppress(OSError):
                os.rmdir(Path(root, name))
    with contextlib.suppress(OSError):
        os.rmdir(folder)


CACHE_NAME = ".kg-cache"


def _from_cache(entry) -> tuple[str, str, str, tuple[str, ...], tuple[str, str, str]]:
    meta = entry.meta()
    return ("ok", "", meta.content_key, meta.warnings, (meta.key, meta.summary.source, meta.made_as))


def _make_parts(reports: list, named: list[tuple[str, str, str | None]], duplicates: list[str], outcomes: dict,
                work: Path, options: BuildOptions, clock: _Clock) -> tuple[list, dict]:
    """Complete the parts once every report's key is known (kg.parts): a part made under a key
    that does not serve its report's (a cached part made under another key, or under ANY_KEY for a
    key no prefixed name holds) is made again beside the build's (the cache keeps the first), and
    the facts a worker wrote alone are made into their part, in the workers. The reports' parts, in
    order; and the reports whose part failed, with the reason."""
    from kg.parts import Entry, serves
    from kg.rdf import unique_keys

    keys = unique_keys([(own, source) for own, source, _ in named])
    tasks = []  # (facts base, part base, content key, warnings, key)
    parts = []
    for n, (entry, key, (_, _, made_as)) in enumerate(zip(reports, keys, named)):
        outcome = outcomes.get(str(entry.base))
        if made_as is not None and serves(made_as, key):
            parts.append(entry)
        elif made_as is None:  # extracted: its facts alone
            tasks.append((str(entry.base), str(entry.base), outcome[2], outcome[3], key))
            parts.append(entry)
        else:
            meta = entry.meta()
            again = Entry(work / "renamed" / f"{n}")
            tasks.append((str(entry.base), str(again.base), meta.content_key, meta.warnings, key))
            parts.append(again)
    for base in duplicates:  # (completed for the cache: the next build passes over it unread)
        if outcomes[base][4][2] is None:
            tasks.append((base, base, outcomes[base][2], outcomes[base][3], outcomes[base][4][0]))
    failed = {}
    for (status, reason, times), task in zip(_map(_part_one, tasks, options.jobs or _cores()), tasks):
        _add_times(clock, times)
        if status != "ok" and task[0] not in duplicates:
            failed[Entry(Path(task[0]))] = reason
    return parts, failed


def _extract(tasks: list[tuple[str, str]], options: BuildOptions, clock: _Clock, say: Progress,
             done: int) -> dict[str, tuple[str, str, str, tuple[str, ...]]]:
    """Extract each (path, part base) into its part (_extract_one), in worker processes when there
    are several and more than one job; entry base → (status, reason, content key, warnings, (own
    key, file name, the key its part was made under or None)), status one of ok, unread (the
    reason why) or failed (the extractors' error)."""
    results: dict[str, tuple] = {}
    meter = _Meter(say, done + len(tasks), done)
    for result, (path, base) in zip(_map(_extract_one, tasks, options.jobs or _cores(), _warm, (options.max_mb,)),
                                    tasks):  # (the results first: the workers end when they end)
        results[base] = result[:4] + result[5:]
        _add_times(clock, result[4])
        meter.tick(path)
    return results


def _map(work: Callable, tasks: list, jobs: int, warm: Callable | None = None, args: tuple = ()) -> Iterator:
    """`work` of each task, in the tasks' order, in `jobs` worker processes (here when one will do)."""
    if jobs <= 1 or len(tasks) <= 1:
        if warm is not None:
            warm(*args)
        yield from map(work, tasks)
        return
    import concurrent.futures as cf
    import multiprocessing as mp

    # fork: each worker starts with the rules this process loaded (and any test's patches); it
    # loads jieba once. Results come back in the inputs' order whatever order they end in.
    pool = cf.ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=mp.get_context("fork"), initializer=warm,
                                  initargs=args)
    try:
        yield from pool.map(work, tasks, chunksize=1)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        raise
    # Every result is in: the workers let go of their memory and end while the build goes on.
    pool.shutdown(wait=False)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _add_times(clock: _Clock, times: dict[str, float]) -> None:
    for name, secs in times.items():
        clock.totals[name] += secs


class _Meter:
    """Progress: a line per report for a few reports, else a line per twentieth of them (or
    every ten seconds) with the rate and the time left."""

    def __init__(self, say: Progress, total: int, done: int) -> None:
        self.say, self.total, self.done, self.start_done = say, total, done, done
        self.t0 = self.last = time.perf_counter()

    def tick(self, path: str) -> None:
        self.done += 1
        if self.total <= 20:
            self.say(f"[{self.done}/{self.total}] {path}")
            return
        now = time.perf_counter()
        step = max(1, self.total // 20)
        if self.done == self.total or self.done % step == 0 or now - self.last > 10:
            self.last = now
            rate = (self.done - self.start_done) / max(now - self.t0, 1e-9)
            left = (self.total - self.done) / rate if rate else 0
            self.say(f"[{self.done}/{self.total}] reports extracted, {rate:.1f}/s, about {left:.0f} s left")


_STATE: dict[str, object] = {}


def _warm(max_mb: float) -> None:
    """Load the rules, the division tables and jieba once in this process (a worker's start)."""
    if "rules" not in _STATE:
        rules, divisions = load_rules(), load_divisions()
        tokenizer(extraction_words(rules, divisions))
        load_scheme()
        _STATE.update(rules=rules, divisions=divisions)
    _STATE["max_mb"] = max_mb


def _extract_one(task: tuple[str, str]) -> tuple:
    """One input into its part, made under kg.parts.ANY_KEY (or its facts alone: kg.parts), a
    worker's job: (status, reason, content key, warnings, times, (own key, file name, ANY_KEY or None))."""
    from kg.parts import ANY_KEY, Entry, stands_in, write_facts, write_part
    from kg.rdf import report_key

    path, base = task
    rules, divisions = _STATE["rules"], _STATE["divisions"]
    clock = _Clock()
    try:
        with clock.stage("read"):
            doc = read_document(Path(path), rules, _STATE["max_mb"])  # type: ignore[arg-type]
    except OwnOutputError:
        return ("own", "", "", (), dict(clock.totals), None)
    except InputError as err:
        return ("unread", err.problem, "", (), dict(clock.totals), None)
    key = content_key(doc)
    warnings = list(doc.warnings)
    if doc.meta.title is None:
        warnings.append(f"no {rules.table('report')['title']['phrase']} title found; built with what the text holds")
    if doc.meta.missing:
        warnings.append(missing_warning(doc.meta.missing))
    if unread := unread_warning(doc):
        warnings.append(unread)
    try:
        facts = process_document(doc, rules, divisions, clock)  # type: ignore[arg-type]
        with clock.stage("rdf"):
            made_as = ANY_KEY if stands_in(facts) else None
            if made_as is None:
                write_facts(Entry(Path(base)), facts)
            else:
                write_part(Entry(Path(base)), facts, key, tuple(warnings), ANY_KEY)
            own = (report_key(facts), facts.document.source, made_as)
    except MemoryError:
        return ("failed", _OUT_OF_MEMORY, key, tuple(warnings), dict(clock.totals), None)
    except Exception as err:  # noqa: BLE001 - one file's failure must not stop the batch; it is reported
        return ("failed", _failure(err), key, tuple(warnings), dict(clock.totals), None)
    return ("ok", "", key, tuple(warnings), dict(clock.totals), own)


_OUT_OF_MEMORY = ("the machine ran out of memory building this file; build it with fewer workers (--jobs 1) "
                  "or skip files this large (--max-mb)")


def _failure(err: Exception) -> str:
    return f"kg failed on this file ({type(err).__name__}: {err}); please report it with the file"


def _part_one(task: tuple[str, str, str, tuple[str, ...], str]) -> tuple[str, str, dict[str, float]]:
    """A report's part under its key, from its facts (a worker's job): (status, reason, times)."""
    from kg.parts import Entry, write_part

    facts_base, base, content, warnings, key = task
    clock = _Clock()
    try:
        with clock.stage("rdf"):
            write_part(Entry(Path(base)), Entry(Path(facts_base)).facts(), content, warnings, key,
                       facts_written=facts_base == base)
    except MemoryError:
        return ("failed", _OUT_OF_MEMORY, dict(clock.totals))
    except Exception as err:  # noqa: BLE001 - as in _extract_one
        return ("failed", _failure(err), dict(clock.totals))
    return ("ok", "", dict(clock.totals))


def _write(out: Path, reports: list, metas: list, work: Path, options: BuildOptions, html: bool,
           facts: list | None, clock: _Clock) -> list[str]:
    """Join the parts into the outputs and write them atomically; the paths written. kg.ttl and
    kg.trig are the statements of the default graph, which every report's share adds to, and
    then each report's statements from its part, in the order of the reports' IRIs."""
    from kg.parts import Entry, keyed_file, serves, write_part
    from kg.rdf import PREFIXES, report_iri, unique_keys
    from kg.turtle import prologue

    keys = unique_keys([(m.key, m.summary.source) for m in metas])
    parts = []  # (report IRI, part, key, the key the part was made under)
    for n, (entry, key, meta) in enumerate(zip(reports, keys, metas)):
        made_as = meta.made_as
        if not serves(made_as, key):  # (made under its key by _make_parts; kept for a part made otherwise)
            with clock.stage("rdf"):
                entry, made_as = Entry(work / "rekeyed" / f"{n}"), key  # (n counts the reports kept)
                write_part(entry, reports[n].facts(), meta.content_key, meta.warnings, key)
        parts.append((report_iri(key), entry, key, made_as))
    head = prologue(PREFIXES)
    ordered = sorted(parts)  # the reports' graphs in order
    shared: list[str] = []  # the default graph's statements, made by the first file that needs them

    def copy(path: Path, suffix: str) -> None:
        if not shared:
            with clock.stage("rdf"):
                shared.append(_shared_statements(parts, work))
        with clock.stage("rdf"), path.open("wb") as f:
            f.write((head + shared[0]).encode("utf-8"))
            for _, entry, key, made_as in ordered:
                f.write(keyed_file(entry.file(suffix), made_as, key))

    made = [Output(out / "kg.ttl", lambda path: copy(path, ".ttl")), Output(out / "kg.trig", lambda path: copy(path, ".trig"))]
    if html:
        from kg.render import render_html

        def page(path: Path) -> None:
            with clock.stage("html"):
                every = facts if facts is not None else [entry.facts() for entry in reports]
                path.write_bytes(render_html(every).encode("utf-8"))

        made.append(Output(out / "graph.html", page))
    if options.store:
        # Loaded in threads from the parts' statements while the files are written; "store" is
        # the time the build then waits for it.
        loader: list = []

        def store_begin(path: Path) -> None:
            from kg.store import StoreLoader

            loader.append(StoreLoader(path, head, [(entry.file(".ttl"), made_as, key) for _, entry, key, made_as in ordered]))

        def store_done() -> None:
            with clock.stage("store"):
                loader[0].finish(shared[0], made[1].staged, made[0].staged)

        made.append(Output(out / STORE_NAME, store_begin, folder=True, finish=store_done,
                           close=lambda: [load.close() for load in loader]))
    return write_outputs(out, made, clock)


STORE_NAME = "store"


def _shared_statements(parts: list[tuple], work: Path) -> str:
    """The statements of the default graph: each report's share of it (read once and let go of:
    what reports share is mostly the same things), the things' labels over all reports and the
    targets' outcomes, followed in bounded memory (kg.outcomes.Spilled, in `work`)."""
    from kg.outcomes import Spilled
    from kg.parts import keyed
    from kg.rdf import PREFIXES, Triples, add_outcomes, shared_triples
    from kg.turtle import Shortener, statements

    default: dict[str, set] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    spilled = Spilled(work / "followed")
    for _, entry, key, made_as in parts:
        share = entry.share()
        for s, pos in share.shared.items():
            default[s] |= pos
        for iri, forms in share.names.items():
            names[iri] |= forms
        spilled.add((keyed(f[0], made_as, key), *f[1:]) for f in share.followed)
        del share
    outcomes = Triples()
    add_outcomes(outcomes, spilled.outcomes())
    for t in (shared_triples(names, ()), outcomes):
        for s, pos in t.graphs[""].items():
            default[s] |= pos
    return statements(default, Shortener(PREFIXES))


def _keep(work: Path, cached: Path, todo: dict, reports: list) -> list:
    """Move the parts this build made into the cache (the parts of other rules' versions out);
    the reports' entries where they now lie."""
    from kg.parts import SUFFIXES, Entry

    moved: dict[str, Entry] = {}
    for base in todo:  # every part made, a duplicate's too (the next build skips it unread)
        entry = Entry(Path(base))
        if not entry.complete():
            continue
        dst = cached / entry.base.parent.name / entry.base.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        for suffix in SUFFIXES:  # .meta last: a part is whole or absent
            shutil.move(str(entry.file(suffix)), str(dst) + suffix)
        moved[base] = Entry(dst)
    kept = [moved.get(str(e.base), e) for e in reports]
    for other in cached.parent.iterdir():
        if other != cached and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    return kept


def missing_warning(missing: tuple[str, ...]) -> str:
    """What a report lacks, said in one sentence with what follows from it."""
    follows = []
    if "region" in missing:
        follows.append("have no place")
    if "report year" in missing:
        follows.append("carry a year only where their sentence gives one")
    return (
        f"no {' and no '.join(missing)} found in the header, the file name or the section headings; "
        f"its observations {' and '.join(follows)}"
    )


def content_key(doc: Document) -> str:
    """What makes two inputs the same report: the body's text without white space (a .txt and
    an .html copy of one report differ only there)."""
    body = re.sub(r"\s+", "", doc.text[doc.body_start:doc.body_end])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def check_output_folder(out: Path) -> None:
    """Raise OutputError unless `out` is, or can be made, a writable folder; creates nothing."""
    if out.exists() and not out.is_dir():
        raise OutputError(str(out), "is a file, not a folder; choose another output folder with --out")
    existing = out
    while not existing.exists():
        if existing.is_symlink():
            raise OutputError(str(out), f"cannot be created: {existing} is a link to nothing; choose another with --out")
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(str(out), f"cannot be created: {existing} is a file; choose another output folder with --out")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(str(existing), "the folder is not writable; choose another output folder with --out")


@dataclass
class Output:
    """An output and how to make it: `write(tmp)` writes it whole at a temporary path beside
    `path` (a file, or a folder when `folder`); `staged` is that path once written."""

    path: Path
    write: Callable[[Path], None]
    folder: bool = False
    staged: Path | None = None
    finish: Callable[[], None] | None = None  # for one written in the background: wait for it
    close: Callable[[], None] | None = None  # and stop it, when the build fails


def write_outputs(out: Path, made: list[Output], clock: _Clock | None = None) -> list[str]:
    """Make each output and write it atomically; return the paths written.

    Each output is written to a temporary file (or folder) beside its path; only when all are
    staged are they renamed into place. Until then every previous output is untouched, so an
    interrupted or failed build leaves the previous kg.ttl and graph.html whole and consistent.
    """
    timing = clock or _Clock()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(str(out), f"the output folder cannot be created ({err.strerror or err})") from None
    try:
        for o in made:  # all staged first: one may be written while another is (the store)
            o.staged = _stage(o.path, o.folder)
        for o in sorted(made, key=lambda o: o.finish is None):  # what works in the background begins first
            try:
                o.write(o.staged)
                if not o.folder:
                    with timing.stage("write"), o.staged.open("rb+") as f:
                        os.fsync(f.fileno())
                    os.chmod(o.staged, 0o644)
            except OSError as err:
                raise OutputError(str(o.path), f"cannot be written ({err.strerror or err})") from None
        for o in made:
            try:
                if o.finish is not None:
                    o.finish()
            except OSError as err:
                raise OutputError(str(o.path), f"cannot be written ({err.strerror or err})") from None
        with timing.stage("write"):
            for o in made:
                try:
                    _replace(o)
                except OSError as err:
                    raise OutputError(str(o.path), f"cannot be written ({err.strerror or err})") from None
            _sync_folder(out)
    finally:
        for o in made:
            if o.close is not None:
                o.close()
            if o.staged is not None and o.staged.exists():
                shutil.rmtree(o.staged, ignore_errors=True) if o.folder else o.staged.unlink(missing_ok=True)
    return [str(o.path) for o in made]


def _replace(o: Output) -> None:
    """Rename a staged output into place; a folder by moving the previous one aside first."""
    assert o.staged is not None
    if not o.folder or not o.path.exists():
        os.replace(o.staged, o.path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{o.path.name}.old.", dir=o.path.parent))
    os.replace(o.path, old / o.path.name)
    os.replace(o.staged, o.path)
    shutil.rmtree(old, ignore_errors=True)


def _stage(path: Path, folder: bool = False) -> Path:
    """A new temporary file (or folder) beside `path`."""
    try:
        if folder:
            return Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        return Path(tmp)
    except OSError as err:
        raise OutputError(str(path), f"cannot be written ({err.strerror or err})") from None


def _sync_folder(folder: Path) -> None:
    """Make the renames durable; a file system that cannot sync folders is left as it is."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
