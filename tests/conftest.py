"""Shared fixtures: the sample report built once per session, and the rule book."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import BuildOptions, BuildResult
from kg.pipeline import build
from kg.rules import RuleBook, load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "000_6734cc391de7877c.txt"
GOLD = Path(__file__).parent / "data" / "xiangtan-2020.gold.json"


@pytest.fixture(scope="session")
def rules() -> RuleBook:
    return load_rules()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """The sample built once into a temporary folder: (result, folder)."""
    out = tmp_path_factory.mktemp("sample")
    result = build(BuildOptions(paths=(str(SEEDS),), out_dir=str(out)))
    assert result.exit_code == 0, result.skipped
    return result, out


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    import rdflib

    _, out = sample_build
    return rdflib.Graph().parse(out / "kg.ttl", format="turtle")


def pytest_terminal_summary(terminalreporter) -> None:
    """Print what tests measured with `record_property("timing: …", value)`; nothing asserts on it."""
    lines = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, value in getattr(report, "user_properties", ()):
                if name.startswith("timing: "):
                    lines.append(f"{name[len('timing: '):]}: {value}")
    if lines:
        terminalreporter.write_sep("-", "measured")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True, scope="session")
def _every_build_validates():
    """Every kg.ttl a test builds in this process is checked against ontology/shapes.ttl as it is
    written (kg validate): a build that breaks a shape fails the test that made it."""
    import kg.pipeline
    from kg.validate import validate

    write = kg.pipeline.write_outputs

    def write_and_validate(out, made, clock=None):
        written = write(out, made, clock)
        for path in written:
            if path.endswith("kg.ttl"):
                result = validate(Path(path))
                assert result.conforms, f"{path} breaks the shapes: {dict(result.summary())}"
        return written

    kg.pipeline.write_outputs = write_and_validate
    _UNCHECKED_WRITE.append(write)
    yield
    kg.pipeline.write_outputs = write


_UNCHECKED_WRITE: list = []


@pytest.fixture
def unvalidated(monkeypatch):
    """Builds in this test are not checked against the shapes: for tests that count a build's own
    work, which the check would swamp (tests/test_hostile_growth.py)."""
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "write_outputs", _UNCHECKED_WRITE[0])
