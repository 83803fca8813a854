"""The extraction figures may not fall below the floors in tests/data/floors.toml: the sample,
the excerpts written for the purpose and the real reports, each built alone and scored against
its own gold file, and the micro average of the real reports.

Every run prints the figures it measured (under "measured" at the end of pytest's output), so
that raising a floor is copying a number.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.measure import SCORED_KINDS, Scored, build_and_score, micro

from conftest import GOLD

DATA = Path(__file__).parent / "data"
EXCERPTS = DATA / "excerpts"
REPORTS = DATA / "reports"
REAL_GOLD = DATA / "gold"
FLOORS = tomllib.loads((DATA / "floors.toml").read_text("utf-8"))


def _figures(scores) -> str:
    return "  ".join(f"{s.kind} {s.f1:.3f}" for s in scores)


@pytest.fixture(scope="module")
def evaluation(sample_build):
    _, out = sample_build
    return evaluate(out / "kg.ttl", GOLD)


def test_sample_figures_are_printed(evaluation, record_property):
    record_property("timing: quality sample (F1)", _figures((*evaluation.scores, evaluation.links)))


@pytest.mark.parametrize("kind", sorted(FLOORS["f1"]))
def test_f1_floor(evaluation, kind):
    assert evaluation.score(kind).f1 >= FLOORS["f1"][kind], evaluation.score(kind)


@pytest.mark.parametrize("tally", sorted(FLOORS["rate"]))
def test_rate_floor(evaluation, tally):
    assert getattr(evaluation, tally).rate >= FLOORS["rate"][tally], getattr(evaluation, tally)


def test_no_two_nodes_for_one_gold_thing(evaluation):
    assert evaluation.duplicates == ()


def _floors(section: str) -> list[tuple[str, str, float]]:
    return [(name, kind, floor) for name, floors in sorted(FLOORS[section].items()) for kind, floor in sorted(floors.items())]


def _built(names, folder: Path, gold_folder: Path) -> dict[str, Scored]:
    """Each report built alone (no viewer), in this process, and scored against its own gold file."""
    pairs = [(folder / f"{name}.txt", gold_folder / f"{name}.gold.json") for name in sorted(names)]
    return {s.name: s for s in build_and_score(pairs)}


def _record(record_property, scored: dict[str, Scored]) -> None:
    for name, s in scored.items():
        kinds = [s.evaluation.score(k) for k in SCORED_KINDS if s.annotated(k)]
        record_property(f"timing: quality {name} (F1)", _figures(kinds))


# ---------------------------------------------------------------- the excerpts


_EXCERPT_FLOORS = _floors("excerpts")


@pytest.fixture(scope="module")
def excerpt_evaluations() -> dict[str, Scored]:
    return _built(FLOORS["excerpts"], EXCERPTS, EXCERPTS)


def test_excerpt_figures_are_printed(excerpt_evaluations, record_property):
    _record(record_property, excerpt_evaluations)


@pytest.mark.parametrize("name, kind, floor", _EXCERPT_FLOORS, ids=[f"{n}-{k}" for n, k, _ in _EXCERPT_FLOORS])
def test_excerpt_f1_floor(excerpt_evaluations, name, kind, floor):
    score = excerpt_evaluations[name].evaluation.score(kind)
    assert score.f1 >= floor, score


# ---------------------------------------------------------------- the real reports


_REPORT_FLOORS = _floors("reports")


@pytest.fixture(scope="module")
def report_evaluations() -> dict[str, Scored]:
    return _built(FLOORS["reports"], REPORTS, REAL_GOLD)


def test_every_real_report_with_gold_has_floors():
    assert sorted(FLOORS["reports"]) == sorted(p.name.removesuffix(".gold.json") for p in REAL_GOLD.glob("*.gold.json"))


def test_report_figures_are_printed(report_evaluations, record_property):
    _record(record_property, report_evaluations)
    record_property(f"timing: quality micro of {len(report_evaluations)} real reports (F1)",
                    _figures(micro(list(report_evaluations.values()))))


@pytest.mark.parametrize("name, kind, floor", _REPORT_FLOORS, ids=[f"{n}-{k}" for n, k, _ in _REPORT_FLOORS])
def test_report_f1_floor(report_evaluations, name, kind, floor):
    score = report_evaluations[name].evaluation.score(kind)
    assert score.f1 >= floor, score


@pytest.mark.parametrize("kind", sorted(FLOORS["micro"]))
def test_report_micro_f1_floor(report_evaluations, kind):
    (score,) = [s for s in micro(list(report_evaluations.values())) if s.kind == kind]
    assert score.f1 >= FLOORS["micro"][kind], score
