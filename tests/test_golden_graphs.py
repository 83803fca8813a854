"""Golden graphs: each short report in tests/cases/graphs/ (NAME.txt) is built alone and its graph
compared with the Turtle beside it (NAME.ttl) by isomorphism, not by bytes.

The expected Turtle was written by the tool and then read triple by triple against the text:
every fact in it is right for its report (what the tool misses is noted in the file's header
comment, and what it got wrong was left out of the text rather than written down as expected).

When a change of the rules changes a graph on purpose, regenerate the files with

    KG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_graphs.py

which rewrites each NAME.ttl from the build (keeping its header comment) and fails, so that a
run never passes by rewriting its own expectations. A regenerated file must be read before it
is committed: `git diff tests/cases/graphs/` shows every triple that changed, and each must be
right for the text; a wrong fact is a bug to fix, not a new expectation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic

from kg.model import BuildOptions
from kg.pipeline import build

CASES = sorted((Path(__file__).parent / "cases" / "graphs").glob("*.txt"))
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"


def built_turtle(source: Path, out: Path) -> str:
    """The Turtle kg build writes for the one report at `source`."""
    result = build(BuildOptions(paths=(str(source),), out_dir=str(out), html=False, jobs=1))
    assert result.exit_code == 0, result.skipped
    return (out / "kg.ttl").read_text("utf-8")


def header_comment(path: Path) -> str:
    """The comment lines that open a Turtle file (what was checked, what the tool misses)."""
    if not path.exists():
        return ""
    lines = []
    for line in path.read_text("utf-8").splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines) + ("\n" if lines else "")


def describe_difference(expected: Graph, found: Graph) -> str:
    """A readable account of two graphs that differ: how many triples they share, then each
    triple only one of them holds, sorted, in the expected file's prefixes."""
    both, only_expected, only_built = graph_diff(expected, found)
    for name, prefix in expected.namespaces():
        for graph in (only_expected, only_built):
            graph.bind(name, prefix)

    def lines(graph: Graph) -> list[str]:
        return sorted(" ".join(term.n3(graph.namespace_manager) for term in triple) + " ." for triple in graph)

    return "\n".join([
        f"in both: {len(both)} triples",
        f"only expected ({len(only_expected)}):", *(f"  {line}" for line in lines(only_expected)),
        f"only built ({len(only_built)}):", *(f"  {line}" for line in lines(only_built)),
    ])


def test_golden_graph_cases_exist():
    assert len(CASES) >= 4
    for source in CASES:
        assert source.with_suffix(".ttl").exists() or UPDATE, f"{source.name} has no expected Turtle beside it"


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
def test_golden_graph(source: Path, tmp_path: Path):
    expected_path = source.with_suffix(".ttl")
    turtle = built_turtle(source, tmp_path / "out")
    if UPDATE:
        expected_path.write_text(header_comment(expected_path) + turtle, "utf-8")
        pytest.fail(f"rewrote {expected_path.name}: read it triple by triple, then run without KG_UPDATE_GOLDEN")
    expected = Graph().parse(expected_path, format="turtle")
    found = Graph().parse(data=turtle, format="turtle")
    if not isomorphic(expected, found):
        pytest.fail(f"{source.name} builds another graph than {expected_path.name}\n"
                    + describe_difference(expected, found))
