"""Hostile input to the commands other than build: one sentence and an exit code, never a
traceback, never a hang (issue 13). Each input is made by the test."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from kg.cli import main

from conftest import GOLD


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _one_line_error(result, exit_code: int, text: str) -> None:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [text]


def test_gold_nested_too_deep(tmp_path, sample_build):
    gold = tmp_path / "deep.gold.json"
    gold.write_text("[" * 100_000, "utf-8")
    result = _run("eval", str(sample_build[1] / "kg.ttl"), str(gold))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Error: {gold}: is not a gold annotation file (nested too deep or a number too long")


def test_gold_with_a_number_of_5000_digits(tmp_path, sample_build):
    gold = tmp_path / "big.gold.json"
    gold.write_text('{"document": "x", "report": {"report_year": ' + "9" * 5000 + '}, "entities": {}, "observations": []}', "utf-8")
    result = _run("eval", str(sample_build[1] / "kg.ttl"), str(gold))
    _one_line_error(result, 1, f"Error: {gold}: is not a gold annotation file (nested too deep or a number too long: "
                               "a number of 5000 digits).")


def test_turtle_nested_20000_deep(tmp_path):
    graph = tmp_path / "deep.ttl"
    graph.write_text("@prefix : <http://x/> .\n:a :b " + "(" * 20_000 + ")" * 20_000 + " .\n", "utf-8")
    result = _run("eval", str(graph), str(GOLD))
    _one_line_error(result, 1, f"Error: {graph}: is not a graph kg build writes (its terms nest too deep to read).")


@pytest.mark.parametrize("command", [("eval", "FIFO", str(GOLD)), ("query", "FIFO", "SELECT * WHERE { ?s ?p ?o }"),
                                     ("validate", "FIFO")])
def test_a_fifo_is_refused_not_read_forever(tmp_path, command):
    fifo = tmp_path / "graph.ttl"
    os.mkfifo(fifo)
    result = _run(*(str(fifo) if part == "FIFO" else part for part in command))
    assert result.exit_code in (1, 2), result.output
    assert "is not a regular file" in result.output and "Traceback" not in result.output


def test_an_unexpected_error_is_one_sentence_and_debug_shows_the_traceback(monkeypatch, sample_build):
    import kg.query

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(kg.query, "run_query", broken)
    graph = str(sample_build[1] / "kg.ttl")
    result = _run("query", graph, "SELECT * { ?s ?p ?o }")
    _one_line_error(result, 1, "kg query: failed (RuntimeError: a bug); run kg --debug query … for the traceback, "
                               "and please report it")
    debug = _run("--debug", "query", graph, "SELECT * { ?s ?p ?o }")
    assert isinstance(debug.exception, RuntimeError)


def test_an_update_is_named_not_parsed(sample_build):
    result = _run("query", str(sample_build[1] / "kg.ttl"), "DROP ALL")
    _one_line_error(result, 2, "Error: query: is an update (DROP); kg query runs SELECT queries over a built graph and "
                               "changes nothing")


def test_a_file_name_that_is_not_utf8_is_built_and_shown(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"r\xb1\xa8\xb8\xe6.txt")  # 报告 in GBK, on a UTF-8 system
    (folder / name).write_text((__import__("conftest").ROOT / "tests/data/inputs/report.txt").read_text("utf-8"), "utf-8")
    (folder / "good.txt").write_text("2022年某某市政府工作报告\n全年地区生产总值增长6%。\n", "utf-8")
    result = _run("build", str(folder), "--out", str(tmp_path / "out"), "--no-html")
    assert result.exit_code == 0, result.output
    assert "reports: 2" in result.output and "Traceback" not in result.output
    assert "r\ufffd\ufffd\ufffd\ufffd.txt" in result.output
    assert 'dcterms:source "r\ufffd\ufffd\ufffd\ufffd.txt"' in (tmp_path / "out" / "kg.ttl").read_text("utf-8")


def test_a_folder_nested_deep_and_links_that_loop_or_lead_nowhere(tmp_path):
    deep = tmp_path / "in"
    deep.mkdir()
    here = deep
    for _ in range(1100):  # deeper than a recursive walk (os.walk) can go: Python's stack is ~1000
        here = here / "d"
        here.mkdir()
    report = (__import__("conftest").ROOT / "tests/data/inputs/report.txt").read_text("utf-8")
    (here / "deep.txt").write_text(report, "utf-8")
    (deep / "loop.txt").symlink_to(deep / "loop.txt")
    (deep / "gone.txt").symlink_to(deep / "missing.txt")
    try:
        result = _run("build", str(deep), "--out", str(tmp_path / "out"), "--no-html")
    finally:
        (here / "deep.txt").unlink()
        while here != deep:  # leaves first: shutil.rmtree (pytest's clean-up) recurses too
            here.rmdir()
            here = here.parent
    assert result.exit_code == 1, result.output
    assert "reports: 1" in result.output and "Traceback" not in result.output
    assert f"skipped: {deep / 'loop.txt'}: is a link that leads back to itself (a loop of links)" in result.output
    assert f"skipped: {deep / 'gone.txt'}: is a link to a file that does not exist" in result.output


def test_a_build_never_reads_a_viewer_page_a_build_wrote(tmp_path, sample_build):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text((__import__("conftest").ROOT / "tests/data/inputs/report.txt").read_text("utf-8"), "utf-8")
    (folder / "graph.html").write_bytes((sample_build[1] / "graph.html").read_bytes())  # an earlier build's viewer
    result = _run("build", str(folder), "--out", str(tmp_path / "out"), "--no-html")
    assert result.exit_code == 0, result.output
    assert "reports: 1" in result.output and "skipped: 0" in result.output


def test_builds_into_one_folder_at_once_take_turns(tmp_path):
    import re
    import subprocess
    import sys

    from conftest import ROOT

    inputs = ROOT / "tests" / "data" / "inputs"
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PYTHONPATH": str(ROOT)}
    for _ in range(3):
        procs = [subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "build", str(inputs / name),
                                   "--out", str(out), "--no-cache", "-q"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for name in ("report.txt", "news.txt")]
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
        ttl = (out / "kg.ttl").read_text("utf-8")
        page = (out / "graph.html").read_text("utf-8")
        sources = set(re.findall(r'dcterms:source "([^"]+)"', ttl))
        assert len(sources) == 1, sources
        assert sources.pop() in page  # the viewer and the graph are of the same build


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_max_mb_must_be_a_number(tmp_path, value):
    result = _run("build", str(tmp_path), "--max-mb", value, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"Invalid value for --max-mb: {value} is not a number of megabytes" in result.output


def test_a_file_that_exhausts_memory_is_skipped_by_name_and_the_rest_built(tmp_path, monkeypatch):
    import kg.pipeline
    from kg.model import BuildOptions

    folder = tmp_path / "in"
    folder.mkdir()
    report = (__import__("conftest").ROOT / "tests/data/inputs/report.txt").read_text("utf-8")
    (folder / "a-huge.txt").write_text(report.replace("2023", "2021"), "utf-8")
    (folder / "b-good.txt").write_text(report, "utf-8")
    real = kg.pipeline.process_document

    def exhausting(doc, *args, **kwargs):
        if doc.source == "a-huge.txt":
            raise MemoryError
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "process_document", exhausting)
    result = kg.pipeline.build(BuildOptions(paths=(str(folder),), out_dir=str(tmp_path / "out"), html=False, jobs=1))
    assert result.exit_code == 1
    assert [(s.path, s.reason) for s in result.skipped] == [(str(folder / "a-huge.txt"),
        "the machine ran out of memory building this file; build it with fewer workers (--jobs 1) or skip files this "
        "large (--max-mb)")]
    assert len(result.summaries) == 1


def test_a_piece_that_is_no_prose_is_passed_over_and_named(tmp_path):
    report = tmp_path / "r.txt"
    text = "2021年湘潭市政府工作报告\n全年地区生产总值增长7%。建设湘潭" + "大桥" * 3000 + "。建设湘潭大桥。\n"
    report.write_text(text, "utf-8")
    result = _run("build", str(report), "--out", str(tmp_path / "out"), "--no-html")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and f"not read (characters {text.index('建设湘潭大桥大桥')}–" in warnings[0] and "“建设湘潭大桥大桥" in warnings[0], warnings
    ttl = (tmp_path / "out" / "kg.ttl").read_text("utf-8")
    assert "7" in ttl and "大桥大桥大桥" not in ttl  # the sentences around it are read; the run is not
