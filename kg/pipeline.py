"""The library call: `build(options)` reads reports and writes the graph; it never prints or exits."""

from __future__ import annotations

import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.divisions import Divisions, load_divisions
from kg.errors import InputError, OutputError
from kg.extract.enterprises import extract_enterprises
from kg.extract.observations import extract_observations
from kg.extract.places import extract_places
from kg.extract.projects import extract_projects
from kg.extract.tokens import SentenceTokens, tokenizer, words
from kg.model import BuildOptions, BuildResult, Document, ReportFacts, Skipped
from kg.read import read_document
from kg.relate import place_observations, relate
from kg.indicators import load_scheme
from kg.resolve import normalise_indicators, resolve_entities
from kg.rules import RuleBook, load_rules
from kg.structure import find_sections, split_sentences

REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".md")
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


def find_inputs(paths: tuple[str, ...]) -> tuple[list[Path], list[Skipped]]:
    """The report files named by `paths` (files, or folders searched recursively), sorted; and what was not found."""
    files: set[Path] = set()
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")]
            if not found:
                skipped.append(Skipped(raw, f"the folder holds no report files ({', '.join(REPORT_SUFFIXES)})"))
            files.update(found)
        elif path.is_file():
            files.add(path)
        elif path.exists():
            skipped.append(Skipped(raw, "is not a regular file or folder"))
        else:
            skipped.append(Skipped(raw, "no such file or folder"))
    return sorted(files, key=lambda p: (p.name, str(p))), skipped


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


def process_document(doc: Document, rules: RuleBook, divisions: Divisions, clock: _Clock) -> ReportFacts:
    """One decoded document through structure, extraction, resolution and relation."""
    meta = doc.meta
    with clock.stage("structure"):
        sections = find_sections(doc, rules)
        sentences = split_sentences(doc, sections)
    region = divisions.lookup(meta.region, year=meta.report_year) if meta.region else None
    region_code = region.code if region else None
    with clock.stage("tokenizer"):
        tok = SentenceTokens(tokenizer(extraction_words(rules, divisions)))
    with clock.stage("extract"):
        mentions = extract_places(sentences, rules, divisions, tok, region_code, meta.report_year)
        place_names = frozenset(m.text for m in mentions)
        mentions += extract_enterprises(sentences, rules, tok, place_names)
        known = frozenset(m.text for m in mentions if m.rule != "place.scope" and len(m.text) >= 2)
        mentions += extract_projects(sentences, rules, tok, known)
        written_places = {m.text: m.text for m in mentions if m.kind == "Place" and m.rule != "place.scope"}
        observations = extract_observations(sentences, meta, rules, written_places)
    with clock.stage("resolve"):
        entities = resolve_entities(mentions, divisions, rules, region, meta.region, meta.report_year)
        observations = normalise_indicators(observations, load_scheme())
    with clock.stage("relate"):
        region_label = next((e.label for e in entities if region and e.adcode == region.code), meta.region or "")
        relations = relate(entities, sentences)
        located = place_observations(observations, entities, region_label)
    return ReportFacts(doc, sentences, entities, located, relations)


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Read every input, extract, and write kg.ttl and graph.html atomically into options.out_dir.

    Inputs that cannot be read are skipped and listed; nothing is written when no report was
    built, and an existing output is replaced only once its successor is complete.
    """
    say = progress or (lambda _msg: None)
    clock = _Clock()
    with clock.stage("load rules"):
        rules = load_rules()
        divisions = load_divisions()
    files, skipped = find_inputs(options.paths)
    reports: list[ReportFacts] = []
    seen: dict[str, str] = {}
    warnings: list[str] = []
    for n, path in enumerate(files, 1):
        say(f"[{n}/{len(files)}] {path}")
        try:
            with clock.stage("read"):
                doc = read_document(path, rules)
        except InputError as err:
            skipped.append(Skipped(str(path), err.problem))
            continue
        if doc.digest in seen:
            skipped.append(Skipped(str(path), f"the same report as {seen[doc.digest]}; built once"))
            continue
        seen[doc.digest] = str(path)
        if doc.meta.title is None:
            warnings.append(f"{path}: no 政府工作报告 title found; built with what the text holds")
        reports.append(process_document(doc, rules, divisions, clock))
    outputs: list[str] = []
    if reports and not (options.strict and skipped):
        out = Path(options.out_dir)
        from kg.rdf import to_turtle

        with clock.stage("rdf"):
            turtle = to_turtle(reports)
        if options.html:
            from kg.render import render_html

            with clock.stage("html"):
                page = render_html(reports).encode("utf-8")
        with clock.stage("write"):
            _prepare(out)
            outputs.append(_write_atomic(out / "kg.ttl", turtle))
            if options.html:
                outputs.append(_write_atomic(out / "graph.html", page))
    return BuildResult(tuple(reports), tuple(skipped), tuple(outputs), tuple(clock.totals.items()), tuple(warnings))


def _prepare(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(str(out), f"the output folder cannot be created ({err.strerror})") from None
    if not os.access(out, os.W_OK):
        raise OutputError(str(out), "the output folder is not writable; choose another with --out")


def _write_atomic(path: Path, data: bytes) -> str:
    """Write to a temporary file beside `path`, then rename it into place."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise OutputError(str(path), f"cannot be written ({err.strerror})") from None
    return str(path)
