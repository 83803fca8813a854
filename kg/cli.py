"""The `kg` command: turns arguments into one options object, calls the library, prints, exits."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError
from kg.model import BuildOptions, BuildResult

BUILD_EPILOG = """\b
Exit codes:
  0    every input was built
  1    some inputs were skipped (each is listed with the reason); the rest were built
  2    nothing was built (no readable report, bad usage, an output folder that cannot
       be written, or with --strict any skip); the previous outputs are left as they were
  130  interrupted (Ctrl-C or kill -TERM); the previous outputs are left as they were
"""

EXIT_NOTHING_BUILT = 2
EXIT_INTERRUPTED = 130


class BuildFailed(click.ClickException):
    """A build that wrote nothing: the message on one line, exit code 2."""

    exit_code = EXIT_NOTHING_BUILT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Turn Chinese government work reports (政府工作报告) into a knowledge graph."""


@main.command(epilog=BUILD_EPILOG)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", default="output", show_default=True, help="Folder for kg.ttl and graph.html.")
@click.option("--strict", is_flag=True, help="Fail (exit 2, write nothing) if any input is skipped.")
@click.option("--no-html", is_flag=True, help="Write only kg.ttl.")
@click.option("--max-mb", default=64.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Skip input files larger than this many megabytes (a build needs ~100 MB of memory per MB of input).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the output paths.")
def build(paths: tuple[str, ...], out_dir: str, strict: bool, no_html: bool, max_mb: float, quiet: bool) -> None:
    """Build the graph of the reports in PATHS (files or folders of .txt/.html files).

    Writes OUT/kg.ttl (Turtle) and OUT/graph.html (an offline viewer) and prints what it
    found, per class, with the time of each stage.
    """
    from kg.pipeline import build as run_build

    options = BuildOptions(paths=paths, out_dir=out_dir, strict=strict, html=not no_html, max_mb=max_mb)
    t0 = time.perf_counter()
    progress = None if quiet else (lambda msg: click.echo(msg, err=True))
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main_thread else None
    try:
        result = run_build(options, progress)
    except KgError as err:
        raise BuildFailed(str(err)) from None
    except KeyboardInterrupt:
        click.echo("kg: interrupted; the previous outputs are left as they were", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    _print_summary(result, time.perf_counter() - t0, quiet)
    code = result.exit_code
    if strict and result.skipped:
        click.echo("kg: --strict: nothing written because inputs were skipped", err=True)
        code = EXIT_NOTHING_BUILT
    sys.exit(code)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C, so that a killed build removes its temporary files on the way out."""
    raise KeyboardInterrupt


def _print_summary(result: BuildResult, elapsed: float, quiet: bool) -> None:
    for s in result.skipped:
        click.echo(f"skipped: {s.path}: {s.reason}", err=True)
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    if not result.reports:
        click.echo("kg: no report was built", err=True)
        return
    if not quiet:
        kinds: Counter[str] = Counter()
        for r in result.reports:
            kinds.update(e.kind for e in r.entities)
        observations = sum(len(r.observations) for r in result.reports)
        indicators = len({o.indicator for r in result.reports for o in r.observations})
        click.echo(f"reports: {len(result.reports)}   skipped: {len(result.skipped)}")
        for r in result.reports:
            meta = r.document.meta
            click.echo(f"  {r.document.source}: {meta.region or '(region unknown)'}, {meta.report_year or '(year unknown)'}")
        click.echo(
            f"places: {kinds['Place']}   enterprises: {kinds['Enterprise']}   projects: {kinds['Project']}   "
            f"indicators: {indicators}   observations: {observations}"
        )
        stages = "   ".join(f"{name} {secs:.2f}s" for name, secs in result.timings)
        click.echo(f"stages: {stages}")
        click.echo(f"total: {elapsed:.2f}s")
    for path in result.outputs:
        click.echo(f"wrote {path}")


@main.command("eval")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", default=30, show_default=True, help="Misses and false positives listed per kind (0: all).")
def eval_(graph: Path, gold: Path, as_json: bool, limit: int) -> None:
    """Score GRAPH (a Turtle file from kg build or any tool using the contract's terms)
    against GOLD (a gold annotation JSON): precision, recall and F1 per kind, core recall,
    status/qualifier/measure accuracy, the involves/locatedIn links of matched projects, and
    the misses and false positives with evidence."""
    from kg.evaluate import evaluate, render_text

    try:
        result = evaluate(graph, gold)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, limit=limit or None))


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, path_type=Path), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default="table", show_default=True)
def query(graph: Path, query: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL SELECT QUERY (or -f FILE) over GRAPH (Turtle) and print the rows.

    The kg:, kgr:, rdfs:, skos:, xsd:, dcterms:, prov: and qb: prefixes are predeclared.
    """
    from kg.query import run_query

    if query_file is not None:
        query = query_file.read_text("utf-8")
    if not query:
        raise click.UsageError("give a QUERY or --file")
    try:
        header, rows = run_query(graph, query)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    if fmt == "json":
        click.echo(json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "tsv":
        click.echo("\t".join(header))
        for r in rows:
            click.echo("\t".join(r))
    else:
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
        click.echo("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        for r in rows:
            click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)))
        click.echo(f"({len(rows)} rows)")
