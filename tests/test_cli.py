"""The command line: help everywhere, documented commands, exit codes and messages."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kg.cli import main

from conftest import GOLD, ROOT, SAMPLE

README = (ROOT / "README.md").read_text("utf-8")


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(command):
    result = _run(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert f"kg {command}" in README


def test_build_help_documents_exit_codes():
    out = _run("build", "--help").output
    for code in ("0", "1", "2"):
        assert re.search(rf"^\s+{code}\s+\w", out, re.M), out


def test_build_prints_summary_and_writes(tmp_path):
    result = _run("build", str(SAMPLE), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "reports: 1" in result.output
    assert re.search(r"places: \d+\s+enterprises: \d+\s+projects: \d+", result.output)
    assert "stages:" in result.output and f"wrote {tmp_path / 'kg.ttl'}" in result.output
    assert (tmp_path / "kg.ttl").exists() and (tmp_path / "graph.html").exists()


def test_build_missing_path_exits_2_and_names_it(tmp_path):
    result = _run("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"skipped: {tmp_path / 'nope.txt'}: no such file or folder" in result.output
    assert not (tmp_path / "out").exists()


def test_build_with_one_bad_input_exits_1(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = _run("build", str(SAMPLE), str(bad), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"skipped: {bad}: the file is empty; nothing to build" in result.output
    assert (tmp_path / "out" / "kg.ttl").exists()


def test_eval_prints_scores(sample_build):
    _, out = sample_build
    result = _run("eval", str(out / "kg.ttl"), str(GOLD))
    assert result.exit_code == 0, result.output
    assert re.search(r"^Observation\s+209\s+\d+", result.output, re.M), result.output


def test_query_runs_the_contract_query(sample_build):
    _, out = sample_build
    q = ('SELECT ?indicator ?value WHERE { ?o a kg:Observation ; kg:indicator/rdfs:label ?indicator ; '
         'kg:value ?value ; kg:status kg:Target ; kg:year/rdfs:label "2020" . }')
    result = _run("query", str(out / "kg.ttl"), q, "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert "地区生产总值\t7.8" in result.output


@pytest.mark.parametrize("query, message", [
    ("SELECT ?x WHERE { ?x a foo:Place }", "Error: query: uses the prefix foo: without declaring it"),
    ("plan-target", "Error: query: plan-target is not a named query (kg query --list lists them); did you mean plan-targets?"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "Error: query: only SELECT queries are supported"),
])
def test_query_mistakes_are_one_sentence_saying_what_is_wrong(sample_build, query, message):
    _, out = sample_build
    result = _run("query", str(out / "kg.ttl"), query)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.output


def test_query_columns_come_in_the_order_the_query_names_them(sample_build):
    _, out = sample_build
    result = _run("query", str(out / "kg.ttl"), "SELECT * WHERE { ?s a kg:Place ; rdfs:label ?label } LIMIT 2",
                  "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "s\tlabel"
    result = _run("query", str(out / "kg.ttl"), "SELECT ?label ?s WHERE { ?s a kg:Place ; rdfs:label ?label } LIMIT 2",
                  "--format", "tsv")
    assert result.output.splitlines()[0] == "label\ts"


def test_query_on_missing_graph_is_one_sentence(tmp_path):
    result = _run("query", str(tmp_path / "none.ttl"), "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'none.ttl'}: no such file; build the graph first with kg build"
