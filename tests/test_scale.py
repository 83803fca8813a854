"""Builds of many reports (issue 12): worker processes, per-report parts joined into the outputs, the
cache of parts, the store a build loads and kg query asks, and kg publish to a real SPARQL
server (`oxigraph serve`, started on loopback by the test)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.pipeline
from kg.cli import main
from kg.model import BuildOptions
from kg.parts import ANY_KEY
from kg.pipeline import build
from kg.query import named_queries, run_query
from kg.rdf import collect, trig_of, turtle_of

REPORTS = Path(__file__).parent / "data" / "reports"
BAODING = (REPORTS / "hebei-baoding-2021.txt", REPORTS / "hebei-baoding-2022.txt")


def _build(out: Path, *paths: Path, **options) -> kg.model.BuildResult:
    result = build(BuildOptions(paths=tuple(map(str, paths)), out_dir=str(out), html=False, **options))
    assert result.exit_code == 0, result.skipped
    return result


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def four(tmp_path_factory) -> Path:
    """The four real reports built with two workers, with the store."""
    out = tmp_path_factory.mktemp("four")
    _build(out, REPORTS, jobs=2, store=True)
    return out


def test_build_jobs_1_and_2_give_the_same_bytes(tmp_path, four):
    _build(tmp_path, REPORTS, jobs=1)
    for name in ("kg.ttl", "kg.trig"):
        assert (tmp_path / name).read_bytes() == (four / name).read_bytes(), name


def test_build_merged_parts_are_the_graph_made_in_memory(tmp_path):
    # The streamed merge of per-report parts writes what collecting every report at once writes,
    # two reports of one region and year (told apart by their file names) included.
    copies = tmp_path / "copies"
    copies.mkdir()
    text = BAODING[0].read_text("utf-8").splitlines(keepends=True)
    (copies / "a.txt").write_text("".join(text), "utf-8")
    (copies / "b.txt").write_text("".join(text[:40] + ["副本：本行只为区分两份。\n"] + text[40:]), "utf-8")
    shutil.copy(BAODING[1], copies / "c.txt")
    result = build(BuildOptions(paths=(str(copies),), out_dir=str(tmp_path / "out"), html=False, jobs=2))
    assert result.exit_code == 0
    triples = collect(list(result.reports))
    assert (tmp_path / "out" / "kg.ttl").read_bytes() == turtle_of(triples)
    assert (tmp_path / "out" / "kg.trig").read_bytes() == trig_of(triples)
    assert b"report:130600-2021-a {" in trig_of(triples) and b"report:130600-2021-b {" in trig_of(triples)


def test_build_of_parts_made_again_under_their_keys_is_the_graph_made_in_memory(tmp_path):
    # A worker makes a part under a stand-in key that the build replaces by the report's; a key no
    # prefixed name holds (a file's name, for a report of no region or year: (draft) is
    # %28draft%29) has its part made again under it, and so does a report whose text holds the
    # stand-in itself.
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "(draft).txt").write_text("政府工作报告\n\n各位代表：\n\n过去一年，全年地区生产总值增长6%，新建学校12所。\n", "utf-8")
    text = BAODING[1].read_text("utf-8").splitlines(keepends=True)
    (corpus / "b.txt").write_text("".join(text[:40] + [f"新建学校12所，{ANY_KEY}。\n"] + text[40:]), "utf-8")
    shutil.copy(BAODING[0], corpus / "c.txt")
    result = build(BuildOptions(paths=(str(corpus),), out_dir=str(tmp_path / "out"), html=False, jobs=2))
    assert result.exit_code == 0
    triples = collect(list(result.reports))
    trig = (tmp_path / "out" / "kg.trig").read_bytes()
    assert (tmp_path / "out" / "kg.ttl").read_bytes() == turtle_of(triples)
    assert trig == trig_of(triples)
    assert b"<https://w3id.org/govreport-kg/resource/report/%28draft%29> {" in trig
    assert trig.count(ANY_KEY.encode()) == 1  # b.txt's sentence that holds it
    assert b"report:130600-2022 {" in trig and b"report:130600-2021 {" in trig


def test_build_of_two_reports_of_one_key_and_one_stem_tells_them_apart(tmp_path):
    # A .txt and an .html of one report that differ in their text (so both are built), and one
    # file name in two folders: told apart by the whole name, then by a number.
    corpus = tmp_path / "in"
    (corpus / "other").mkdir(parents=True)
    lines = BAODING[0].read_text("utf-8").splitlines(keepends=True)
    (corpus / "report.txt").write_text("".join(lines), "utf-8")
    html = "".join(lines[:40] + ["副本：本行只为区分两份。\n"] + lines[40:])
    (corpus / "report.html").write_text(f"<html><body><pre>{html}</pre></body></html>", "utf-8")
    (corpus / "other" / "report.txt").write_text("".join(lines[:40] + ["又一份。\n"] + lines[40:]), "utf-8")
    result = build(BuildOptions(paths=(str(corpus),), out_dir=str(tmp_path / "out"), html=False, jobs=2))
    assert result.exit_code == 0, result.skipped
    trig = (tmp_path / "out" / "kg.trig").read_bytes()
    assert trig == trig_of(collect(list(result.reports)))
    for key in (b"130600-2021-report%2Ehtml", b"130600-2021-report%2Etxt", b"130600-2021-report%2Etxt-2"):
        assert b"report:" + key + b" {" in trig, key


def test_build_with_one_added_report_extracts_that_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in BAODING:
        shutil.copy(path, corpus / path.name)
    out = tmp_path / "out"
    first = _run("build", str(corpus), "--out", str(out), "--no-html")
    assert first.exit_code == 0, first.output
    assert "reports: 2   skipped: 0   extracted: 2   from the cache: 0" in first.output
    shutil.copy(REPORTS / "guangdong-province-2022.txt", corpus)
    second = _run("build", str(corpus), "--out", str(out), "--no-html")
    assert second.exit_code == 0, second.output
    assert "reports: 3   skipped: 0   extracted: 1   from the cache: 2" in second.output
    alone = tmp_path / "alone"
    _build(alone, corpus, jobs=2)
    for name in ("kg.ttl", "kg.trig"):
        assert (out / name).read_bytes() == (alone / name).read_bytes(), name
    forced = _run("build", str(corpus), "--out", str(out), "--no-html", "--no-cache")
    assert "extracted: 3   from the cache: 0" in forced.output


def test_query_over_the_store_equals_query_over_the_turtle(tmp_path, four):
    assert (four / "store").is_dir()
    alone = tmp_path / "kg.ttl"  # the same Turtle with no store beside it
    shutil.copy(four / "kg.ttl", alone)
    asked = 0
    for name, (_, text) in named_queries().items():
        over_store = run_query(four / "kg.ttl", text)
        over_file = run_query(alone, text)
        assert over_store[0] == over_file[0], name
        assert sorted(over_store[1]) == sorted(over_file[1]), name
        asked += bool(over_file[1])
    assert asked >= 3
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?o a kg:Observation }"
    assert run_query(four, count) == run_query(alone, count)


def test_query_naming_graphs_reads_the_trig_the_store_does_not_hold(tmp_path, four):
    alone = tmp_path / "kg.trig"  # the same TriG with no store beside it
    shutil.copy(four / "kg.trig", alone)
    report = "https://w3id.org/govreport-kg/resource/report/130600-2021"
    for query in (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{report}> {{ ?o a kg:Observation }} }}",
                  "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o a kg:Observation } } GROUP BY ?g",
                  f"SELECT (COUNT(*) AS ?n) FROM <{report}> WHERE {{ ?o a kg:Observation }}"):
        over_folder = run_query(four, query)
        assert over_folder == run_query(alone, query), query
        assert over_folder[1] and over_folder[1][0][-1] not in ("", "0"), query


def test_query_does_not_ask_a_store_of_another_graph(tmp_path, four):
    out = tmp_path / "out"
    shutil.copytree(four, out)
    (out / "kg.ttl").write_bytes((four / "kg.ttl").read_bytes().replace(b"kg:Observation", b"kg:Mention"))
    header, rows = run_query(out / "kg.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?o a kg:Observation }")
    assert rows == [["0"]]  # the file, changed since the store was loaded, answers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    """`oxigraph serve` (the oxigraph package of the test extras) on a free loopback port, stopped after."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    assert binary, "oxigraph (pip install oxigraph, in the test extras) is needed to test kg publish"
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "oxigraph serve did not answer"
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def _ask(base: str, query: str) -> str:
    url = f"{base}/query?query=" + urllib.parse.quote(query)
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode("utf-8").splitlines()[1]


def test_publish_to_oxigraph_serve_then_query_and_publish_again(four, oxigraph_server):
    report = "https://w3id.org/govreport-kg/resource/report/130600-2021"
    count = ("PREFIX kg: <https://w3id.org/govreport-kg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> "
             "{ ?o a kg:Observation } }" % report)
    local = run_query(four, count)[1][0][0]
    assert int(local) > 100
    endpoint = f"{oxigraph_server}/store"
    for attempt in range(2):  # publishing twice leaves one copy
        result = _run("publish", str(four), "--endpoint", endpoint)
        assert result.exit_code == 0, result.output
        assert "published 5 graphs" in result.output
        assert _ask(oxigraph_server, count) == local
        assert _ask(oxigraph_server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == \
            run_query(four, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[1][0][0]
        assert _ask(oxigraph_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == _default_count(four)


def _default_count(out: Path) -> str:
    """Triples in the default graph of kg.trig (what the reports share)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG)
    return str(len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))))


def test_publish_to_nothing_says_so(four):
    port = _free_port()
    result = _run("publish", str(four), "--endpoint", f"http://127.0.0.1:{port}/store")
    assert result.exit_code == 1, result.output
    assert "cannot be reached" in result.output and "check that the server runs" in result.output
