"""The library call: `build(options)` reads reports and writes the graph; it never prints or exits."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.divisions import Division, Divisions, load_divisions
from kg.errors import InputError, OutputError
from kg.extract.enterprises import extract_enterprises
from kg.extract.observations import extract_observations
from kg.extract.places import extract_places
from kg.extract.projects import extract_projects
from kg.extract.tokens import SentenceTokens, tokenizer, words
from kg.model import BuildOptions, BuildResult, Document, Mention, Observation, ReportFacts, ReportMeta, Sentence, Skipped
from kg.read import read_document
from kg.relate import link_rules, nest_areas, place_observations, relate
from kg.indicators import load_scheme
from kg.resolve import normalise_indicators, resolve_entities
from kg.rules import RuleBook, load_rules
from kg.structure import find_sections, split_sentences

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
            skipped.extend(Skipped(str(d), f"the folder cannot be read ({why})") for d, why in unreadable)
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
    """Report files under `folder` (hidden ones left out); the subfolders that could not be read, and why."""
    found: list[Path] = []
    unreadable: list[tuple[Path, str]] = []

    def note(err: OSError) -> None:
        why = "permission denied" if isinstance(err, PermissionError) else (err.strerror or str(err))
        unreadable.append((Path(err.filename), why))

    for root, dirs, names in os.walk(folder, onerror=note):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            p = Path(root) / name
            if not name.startswith(".") and p.suffix.lower() in REPORT_SUFFIXES and p.is_file():
                found.append(p)
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
        if inner is not None and inner.code.startswith(city.code[:2] if city.code.endswith("0000") else city.code[:4]):
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
    mentions += extract_projects(sentences, rules, tok, known, place_names)
    written_places = {
        m.text: m.text for m in mentions if m.kind == "Place" and m.rule not in ("place.scope", "place.region")
    }
    return mentions, extract_observations(sentences, meta, rules, written_places)


def process_document(doc: Document, rules: RuleBook, divisions: Divisions, clock: _Clock) -> ReportFacts:
    """One decoded document through structure, extraction, resolution and relation."""
    meta = doc.meta
    with clock.stage("structure"):
        sections = find_sections(doc, rules)
        sentences = split_sentences(doc, sections, rules.words("observations", "part", "notes"))
    region = _region(meta.region, divisions, meta.report_year)
    region_code = region.code if region else None
    with clock.stage("tokenizer"):
        tok = SentenceTokens(tokenizer(extraction_words(rules, divisions)))
    with clock.stage("extract"):
        mentions, observations = extract_all(sentences, meta, rules, divisions, tok, region_code)
    with clock.stage("resolve"):
        entities = resolve_entities(mentions, divisions, rules, region, meta.region, meta.report_year)
        observations = normalise_indicators(observations, load_scheme())
    with clock.stage("relate"):
        region_label = next((e.label for e in entities if region and e.adcode == region.code), meta.region or "")
        entities = nest_areas(entities, sentences, link_rules(rules))
        relations = relate(entities, sentences, link_rules(rules), region_label)
        located = place_observations(observations, entities, region_label)
    return ReportFacts(doc, sentences, entities, located, relations)


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Read every input, extract, and write kg.ttl and graph.html atomically into options.out_dir.

    Inputs that cannot be read are skipped and listed, and so is a file the extractors fail
    on (so one bad file in a thousand does not stop the rest); nothing is written when no
    report was built, and an existing output is replaced only once its successor is complete.
    Raises OutputError, before reading any input, when the output folder cannot be written.
    """
    say = progress or (lambda _msg: None)
    clock = _Clock()
    out = Path(options.out_dir)
    check_output_folder(out)
    with clock.stage("load rules"):
        rules = load_rules()
        divisions = load_divisions()
    files, skipped = find_inputs(options.paths, tuple(out / name for name in OUTPUT_NAMES))
    reports: list[ReportFacts] = []
    seen: dict[str, str] = {}
    warnings: list[str] = []
    for n, path in enumerate(files, 1):
        say(f"[{n}/{len(files)}] {path}")
        try:
            with clock.stage("read"):
                doc = read_document(path, rules, options.max_mb)
        except InputError as err:
            skipped.append(Skipped(str(path), err.problem))
            continue
        key = content_key(doc)
        if key in seen:
            skipped.append(Skipped(str(path), f"the same report as {seen[key]}; built once"))
            continue
        seen[key] = str(path)
        warnings.extend(f"{path}: {w}" for w in doc.warnings)
        if doc.meta.title is None:
            warnings.append(f"{path}: no 政府工作报告 title found; built with what the text holds")
        if doc.meta.missing:
            warnings.append(f"{path}: {missing_warning(doc.meta.missing)}")
        try:
            reports.append(process_document(doc, rules, divisions, clock))
        except Exception as err:  # noqa: BLE001 - one file's failure must not stop the batch; it is reported
            skipped.append(Skipped(str(path), f"kg failed on this file ({type(err).__name__}: {err}); please report it with the file"))
    outputs: list[str] = []
    if reports and not (options.strict and skipped):
        from kg.rdf import collect, trig_of, turtle_of

        triples = []  # collected once for both documents, on first need

        def document(write: Callable) -> Callable[[], bytes]:
            def make() -> bytes:
                with clock.stage("rdf"):
                    if not triples:
                        triples.append(collect(reports))
                    return write(triples[0])
            return make

        made = [(out / "kg.ttl", document(turtle_of)), (out / "kg.trig", document(trig_of))]
        if options.html:
            from kg.render import render_html

            def page() -> bytes:
                with clock.stage("html"):
                    return render_html(reports).encode("utf-8")

            made.append((out / "graph.html", page))
        outputs = write_outputs(out, made, clock)
    return BuildResult(tuple(reports), tuple(skipped), tuple(outputs), tuple(clock.totals.items()), tuple(warnings))


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


def write_outputs(out: Path, made: list[tuple[Path, Callable[[], bytes]]], clock: _Clock | None = None) -> list[str]:
    """Make each output and write it atomically; return the paths written.

    Each output is made and written to a temporary file beside its path before the next is
    made (so one output at a time is held in memory); only when all are staged are they
    renamed into place. Until then every previous output is untouched, so an interrupted or
    failed build leaves the previous kg.ttl and graph.html whole and consistent.
    """
    timing = clock or _Clock()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(str(out), f"the output folder cannot be created ({err.strerror or err})") from None
    staged: list[tuple[str, Path]] = []
    try:
        for path, make in made:
            data = make()
            with timing.stage("write"):
                staged.append((_stage(path, data), path))
            del data
        with timing.stage("write"):
            for tmp, path in staged:
                try:
                    os.replace(tmp, path)
                except OSError as err:
                    raise OutputError(str(path), f"cannot be written ({err.strerror or err})") from None
            _sync_folder(out)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return [str(path) for path, _ in made]


def _stage(path: Path, data: bytes) -> str:
    """`data` in a complete, synced temporary file beside `path`; its name."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(str(path), f"cannot be written ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(str(path), f"cannot be written ({err.strerror or err})") from None
        raise
    return tmp


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
