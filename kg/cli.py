"""The `kg` command: turns arguments into one options object, calls the library, prints, exits."""

from __future__ import annotations

import difflib
import re

import json
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import click

from kg import __version__
from kg.errors import InputError, KgError
from kg.model import EXIT_INTERRUPTED, EXIT_NOTHING_BUILT, BuildOptions, BuildResult
from kg.read import shown

BUILD_EPILOG = """\b
Exit codes:
  0    every input was built
  1    some inputs were skipped (each is listed with the reason); the rest were built
  2    nothing was built (no readable report, bad usage, an output folder that cannot
       be written, or with --strict any skip); the previous outputs are left as they were
  130  interrupted (Ctrl-C or kill -TERM); the previous outputs are left as they were
"""



class BuildFailed(click.ClickException):
    """A build that wrote nothing: the message on one line, exit code 2."""

    exit_code = EXIT_NOTHING_BUILT


class _Guarded(click.Group):
    """The commands' one error boundary: any exception a command lets out (a bug, a file the
    readers choke on, memory) becomes one sentence and exit code 1, its traceback only with
    --debug; Ctrl-C is exit 130. Errors the commands expect are theirs to word (ClickException)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as err:  # noqa: BLE001 - the boundary: nothing else reaches the user as a traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            command = ctx.invoked_subcommand or "kg"
            what = "ran out of memory" if isinstance(err, MemoryError) else f"failed ({type(err).__name__}: {_short(err)})"
            hint = "; try --max-mb or fewer inputs at once" if isinstance(err, MemoryError) else ""
            click.echo(f"kg {command}: {what}{hint}; run kg --debug {command} … for the traceback, and please report it",
                       err=True)
            sys.exit(1)


def _finite(value: float, name: str) -> float:
    """A number option that must be a number: nan and inf slip through FloatRange's bounds."""
    if value != value or value in (float("inf"), float("-inf")):
        raise click.BadParameter(f"{value} is not a number of megabytes", param_hint=name)
    return value


def _short(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text if len(text) <= 160 else text[:157] + "…"


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error instead of one sentence.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn Chinese government work reports (政府工作报告) into a knowledge graph."""
    ctx.obj = {"debug": debug}


@main.command(epilog=BUILD_EPILOG)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", default="output", show_default=True,
              help="Folder for kg.ttl, kg.trig, graph.html and store/.")
@click.option("--strict", is_flag=True, help="Fail (exit 2, write nothing) if any input is skipped.")
@click.option("--html/--no-html", "html", default=None,
              help="Write graph.html, the viewer (by default for builds of up to 200 reports: it holds them all).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes extracting reports (default: one per core); the output is the same whatever N.")
@click.option("--no-cache", is_flag=True,
              help="Extract every report afresh, neither reading nor keeping parts in OUT/.kg-cache.")
@click.option("--no-store", is_flag=True, help="Do not load OUT/store, the embedded Oxigraph store kg query uses.")
@click.option("--max-mb", default=64.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              callback=lambda ctx, param, value: _finite(value, "--max-mb"),
              help="Skip input files larger than this many megabytes (a build needs ~100 MB of memory per MB of input).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the output paths.")
def build(paths: tuple[str, ...], out_dir: str, strict: bool, html: bool | None, jobs: int | None, no_cache: bool,
          no_store: bool, max_mb: float, quiet: bool) -> None:
    """Build the graph of the reports in PATHS (files or folders of .txt/.html files).

    Writes OUT/kg.ttl (Turtle), OUT/kg.trig (a named graph per report), OUT/graph.html (an
    offline viewer) and OUT/store (an Oxigraph store for kg query), and prints what it found,
    per class, with the time of each stage. Reports are extracted in --jobs worker processes;
    the parts of reports built before with the same rules are taken from OUT/.kg-cache, so
    adding one report to a corpus extracts that one.
    """
    from kg.pipeline import build as run_build

    options = BuildOptions(paths=paths, out_dir=out_dir, strict=strict, html=html, max_mb=max_mb, jobs=jobs,
                           cache=not no_cache, store=not no_store)
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
    if result.reports and not result.written:
        click.echo("kg: --strict: nothing written because inputs were skipped", err=True)
    sys.exit(result.exit_code)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C, so that a killed build removes its temporary files on the way out."""
    raise KeyboardInterrupt


def _print_summary(result: BuildResult, elapsed: float, quiet: bool) -> None:
    for s in result.skipped:
        click.echo(shown(f"skipped: {s.path}: {s.reason}"), err=True)
    for w in result.warnings:
        click.echo(shown(f"warning: {w}"), err=True)
    if not result.reports:
        click.echo("kg: no report was built", err=True)
        return
    if not quiet:
        kinds: Counter[str] = Counter()
        for r in result.summaries:
            kinds.update(dict(r.kinds))
        observations = sum(r.observations for r in result.summaries)
        indicators = len(set().union(*(r.indicators for r in result.summaries)))
        extracted = min(result.extracted, len(result.summaries))
        click.echo(f"reports: {len(result.summaries)}   skipped: {len(result.skipped)}   "
                   f"extracted: {extracted}   from the cache: {len(result.summaries) - extracted}")
        for r in result.summaries[:50]:
            click.echo(shown(f"  {r.source}: {r.region or '(region unknown)'}, {r.report_year or '(year unknown)'}"))
        if len(result.summaries) > 50:
            click.echo(f"  … and {len(result.summaries) - 50} more")
        click.echo(
            f"places: {kinds['Place']}   enterprises: {kinds['Enterprise']}   projects: {kinds['Project']}   "
            f"indicators: {indicators}   observations: {observations}"
        )
        stages = "   ".join(f"{name} {secs:.2f}s" for name, secs in result.timings)
        click.echo(f"stages: {stages}")
        click.echo(f"total: {elapsed:.2f}s")
    for path in result.outputs:
        click.echo(shown(f"wrote {path}"))


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The SPARQL 1.1 Graph Store Protocol address (Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data).")
@click.option("--user", help="User name for HTTP basic authentication.")
@click.option("--password", envvar="KG_PUBLISH_PASSWORD", help="Password (or the environment's KG_PUBLISH_PASSWORD).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the total.")
def publish(out: Path, endpoint: str, user: str | None, password: str | None, quiet: bool) -> None:
    """Send the graph built in OUT (its kg.trig) to a SPARQL store: the default graph (what the
    reports share) by an HTTP PUT to URL?default, then each report's named graph to
    URL?graph=IRI, each replacing what the store held under that name (so publishing again
    leaves one copy)."""
    from kg.publish import publish as send

    graphs = size = 0
    try:
        for sent in send(out, endpoint, user, password):
            graphs += 1
            size += sent.size
            if not quiet:
                click.echo(f"{sent.status} {sent.graph or '(default graph)'}: {sent.size / 1e3:.0f} kB", err=True)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"published {graphs} graphs ({size / 1e6:.1f} MB of Turtle) to {endpoint}")


EVAL_EPILOG = """\b
Forms:
  kg eval GRAPH GOLD
      one graph against one gold file: the scores, then every miss and
      false positive with its evidence (as it always did)
  kg eval GRAPH GOLD GRAPH GOLD ...
      several graphs, each against its own gold file: a row per report and
      kind, then the micro average per kind
  kg eval --reports DIR [GOLD ...]
      builds alone, in one process, each report that a GOLD (a gold file or a
      folder of *.gold.json; by default DIR's own) annotates, and scores it:
      the file the gold's "document" names, else NAME.txt for NAME.gold.json,
      looked up in DIR (--reports may be given more than once)
\b
Examples:
  kg eval output/kg.ttl tests/data/xiangtan-2020.gold.json
  kg eval --reports tests/data/reports tests/data/gold
  kg eval --reports tests/data/excerpts --by-rule
\b
The micro average sums TP, FP and FN over the reports. A kind a gold file
holds nothing of (the excerpts a_ to f_ annotate no observations) shows - and is left
out of the average and of --by-rule.
\b
Exit codes: 0 scored; 1 a file missing or not of its kind, or a report that
cannot be built; 2 bad usage.
"""


@main.command("eval", epilog=EVAL_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[GRAPH GOLD]... | [GOLD]...")
@click.option("--reports", "report_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
              help="Build the reports in DIR (repeatable) that the gold files annotate, each alone, and score them.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--by-rule", is_flag=True,
              help="Print, instead of the scores, the true and false hits of every rule (kg:rule), most false first.")
@click.option("--details", is_flag=True, help="With several reports, also print each report's misses and false positives.")
@click.option("--limit", default=30, show_default=True, help="Misses and false positives listed per kind (0: all).")
def eval_(paths: tuple[Path, ...], report_dirs: tuple[Path, ...], as_json: bool, by_rule: bool, details: bool,
          limit: int) -> None:
    """Score graphs against gold annotation files (tests/data/SCHEMA.md): precision, recall
    and F1 for places, enterprises, projects, observations and project links.

    GRAPH is a Turtle file from kg build (or any tool using the contract's terms), GOLD a
    gold annotation JSON. With one GRAPH GOLD pair the report also gives core recall,
    status/qualifier/measure accuracy and every miss and false positive with its evidence.
    """
    from kg.evaluate import render_text
    from kg.measure import build_and_score, find_golds, render_rules, render_table, report_for, rules_to_dict, score_graphs
    from kg.measure import to_dict as scores_to_dict

    try:
        if report_dirs:
            for folder in report_dirs:
                if not folder.is_dir():
                    what = "is not a folder" if folder.exists() else "does not exist"
                    raise click.ClickException(f"{folder}: {what}; give --reports the folder that holds the reports.")
            golds = find_golds(paths or report_dirs)
            pairs = [(report_for(gold, report_dirs), gold) for gold in golds]
            scored = build_and_score(pairs, lambda msg: click.echo(msg, err=True))
            for s in scored:
                for warning in s.warnings:
                    click.echo(f"warning: {warning}", err=True)
        else:
            if not paths:
                raise click.UsageError("give GRAPH GOLD (one pair or several), or --reports DIR")
            if len(paths) % 2:
                raise click.UsageError(f"give GRAPH GOLD pairs; {paths[-1]} has no GOLD after it")
            scored = score_graphs(list(zip(paths[::2], paths[1::2])))
    except KgError as err:
        raise click.ClickException(str(err)) from None
    single = not report_dirs and len(paths) == 2
    if by_rule:
        click.echo(json.dumps(rules_to_dict(scored), ensure_ascii=False, indent=2) if as_json else render_rules(scored), nl=not as_json)
    elif single:
        (only,) = scored
        click.echo(json.dumps(only.evaluation.to_dict(), ensure_ascii=False, indent=2) if as_json
                   else render_text(only.evaluation, limit=limit or None))
    elif as_json:
        click.echo(json.dumps(scores_to_dict(scored), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(scored), nl=False)
        if details:
            for s in scored:
                click.echo("")
                click.echo(render_text(s.evaluation, limit=limit or None), nl=False)


@main.command()
@click.argument("sentence", required=False)
@click.option("-f", "--file", "text_file", type=click.Path(path_type=Path),
              help="Explain the text of a file instead (read as kg build reads it: UTF-8, GB18030, Big5 …).")
@click.option("--region", help="The report's region, as its header would give it (its full name).")
@click.option("--year", type=click.IntRange(1949, 2100), help="The report's year (the year reviewed is the one before).")
@click.option("--part", type=click.Choice(["review", "plan"]),
              help="Read the text as standing in the report's review of last year or its plan (targets).")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain(sentence: str | None, text_file: Path | None, region: str | None, year: int | None, part: str | None,
            as_json: bool) -> None:
    """Show what the rules make of SENTENCE (or --file F): every candidate mention with its kind,
    text, offsets and the rule that found it, whether it was kept as an entity (and which) or
    dropped and why, the vetoes that removed candidates, and the observations, entities and
    links the text gives.

    The text is built as a report body of its own, without a header; --region and --year give
    the context a header would.
    """
    from kg.explain import explain_text, render_text, to_dict

    if (sentence is None) == (text_file is None):
        raise click.UsageError("give a SENTENCE or --file F (one of them)")
    if text_file is not None:
        from kg.read import decode  # the reading kg build does: PDFs named, GB18030 and Big5 read

        try:
            sentence, _ = decode(text_file.read_bytes(), str(text_file))
        except FileNotFoundError:
            raise click.ClickException(f"{text_file}: does not exist; give the path of a text file.") from None
        except IsADirectoryError:
            raise click.ClickException(f"{text_file}: is a folder; give the path of a text file.") from None
        except InputError as err:
            raise click.ClickException(str(err)) from None
        except OSError as err:
            raise click.ClickException(f"{text_file}: cannot be read ({err.strerror}).") from None
    assert sentence is not None
    if not sentence.strip():
        raise click.UsageError("the text is empty; give a sentence to explain")
    try:
        result = explain_text(sentence, region=region, year=year, part=part)  # type: ignore[arg-type]
    except KgError as err:
        raise click.ClickException(str(err)) from None
    if as_json:
        click.echo(json.dumps(to_dict(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result), nl=False)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--limit", default=20, show_default=True, help="Violations listed (0: all).")
def validate(graph: Path, limit: int) -> None:
    """Check GRAPH (kg.ttl or kg.trig) against the output's shapes (ontology/shapes.ttl, SHACL):
    every observation has one indicator, value, unit, measure, status, qualifier and report;
    every mention's offsets span its anchor inside its sentence; every division has a six-digit
    adcode and a chain up to its province; everything found has one label. Exit 0 when it
    conforms, 1 when it does not (the violations listed), 2 when it cannot be read."""
    from kg.validate import validate as check

    try:
        result = check(graph)
    except KgError as err:
        raise BuildFailed(str(err)) from None
    if result.conforms:
        click.echo(f"{graph}: conforms to the shapes of ontology/shapes.ttl")
        return
    click.echo(f"{graph}: {len(result.violations)} violations of ontology/shapes.ttl", err=True)
    for message, count in result.summary().most_common():
        click.echo(f"  {count} × {message}", err=True)
    for v in result.violations[: limit or None]:
        click.echo(f"  {v.node}: {v.message}", err=True)
    sys.exit(1)


FORMATS = click.Choice(["table", "csv", "tsv", "json"])


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="table, csv (UTF-8 with a byte-order mark: opens in a spreadsheet), tsv or json.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries that ship with kg, and exit.")
@click.option("--allow-service", is_flag=True,
              help="Let the query ask other SPARQL endpoints (SERVICE): requests leave this machine. Off by default.")
def query(graph: Path | None, query: str | None, query_file: Path | None, fmt: str, list_queries: bool,
          allow_service: bool) -> None:
    """Run a SPARQL SELECT QUERY (or -f FILE, or the name of a named query) over GRAPH
    (kg.ttl, or kg.trig: its report graphs are queried together) and print the rows.

    The kg:, kgr:, rdfs:, skos:, xsd:, dcterms:, prov: and qb: prefixes are predeclared.
    `kg query --list` lists the named queries (plan-targets, review-results, targets, projects,
    enterprises …), each a .rq file in kg/queries/ to read and copy.
    """
    from kg.query import format_rows, named_queries, run_query

    named = named_queries()
    if list_queries:
        for name, (about, _) in named.items():
            click.echo(f"{name:16} {about}")
        return
    if graph is None:
        raise click.UsageError("give a GRAPH (kg.ttl or kg.trig) and a QUERY, or --list")
    if query_file is not None:
        query = query_file.read_text("utf-8")
    elif query in named:
        query = named[query][1]
    elif query and re.fullmatch(r"[A-Za-z][\w-]*", query.strip()):
        close = difflib.get_close_matches(query.strip(), list(named), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise BuildFailed(f"query: {query.strip()} is not a named query (kg query --list lists them){hint}")
    if not query:
        raise click.UsageError("give a QUERY, the name of a named query (kg query --list) or --file")
    try:
        header, rows = run_query(graph, query, allow_service)
    except KgError as err:
        if getattr(err, "path", None) == "query":
            raise BuildFailed(str(err)) from None  # the query itself is refused: exit 2, as bad usage
        raise click.ClickException(str(err)) from None
    click.echo(format_rows(header, rows, fmt))


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="table, csv (UTF-8 with a byte-order mark: opens in a spreadsheet), tsv or json.")
def targets(graph: Path, fmt: str) -> None:
    """Targets and their results in GRAPH: for each target a report set, the result a later
    report gave for it (preliminary ones marked 预计), whether it was met, and the two sentences
    that say so. Build the reports together (kg build 2021.txt 2022.txt) so targets can meet
    their results. The query is kg/queries/targets.rq."""
    from kg.query import format_rows, named_queries, run_query

    try:
        header, rows = run_query(graph, named_queries()["targets"][1])
    except KgError as err:
        raise click.ClickException(str(err)) from None
    click.echo(format_rows(header, rows, fmt))
