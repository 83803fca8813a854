"""The extraction figures on the sample may not fall below the floors in tests/data/floors.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.evaluate import evaluate

from conftest import GOLD

FLOORS = tomllib.loads((Path(__file__).parent / "data" / "floors.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def evaluation(sample_build):
    _, out = sample_build
    return evaluate(out / "kg.ttl", GOLD)


@pytest.mark.parametrize("kind", sorted(FLOORS["f1"]))
def test_f1_floor(evaluation, kind):
    assert evaluation.score(kind).f1 >= FLOORS["f1"][kind], evaluation.score(kind)


@pytest.mark.parametrize("tally", sorted(FLOORS["rate"]))
def test_rate_floor(evaluation, tally):
    assert getattr(evaluation, tally).rate >= FLOORS["rate"][tally], getattr(evaluation, tally)


def test_no_two_nodes_for_one_gold_thing(evaluation):
    assert evaluation.duplicates == ()


EXCERPTS = Path(__file__).parent / "data" / "excerpts"
_EXCERPT_FLOORS = [(name, kind, floor) for name, floors in sorted(FLOORS["excerpts"].items())
                   for kind, floor in sorted(floors.items())]


@pytest.fixture(scope="module")
def excerpt_evaluations(tmp_path_factory):
    """Each excerpt built alone (no viewer) and scored against its own annotation."""
    from kg.model import BuildOptions
    from kg.pipeline import build

    out = {}
    for name in sorted(FLOORS["excerpts"]):
        folder = tmp_path_factory.mktemp(name)
        result = build(BuildOptions(paths=(str(EXCERPTS / f"{name}.txt"),), out_dir=str(folder), html=False))
        assert result.exit_code == 0, result.skipped
        out[name] = evaluate(folder / "kg.ttl", EXCERPTS / f"{name}.gold.json")
    return out


@pytest.mark.parametrize("name, kind, floor", _EXCERPT_FLOORS, ids=[f"{n}-{k}" for n, k, _ in _EXCERPT_FLOORS])
def test_excerpt_f1_floor(excerpt_evaluations, name, kind, floor):
    assert excerpt_evaluations[name].score(kind).f1 >= floor, excerpt_evaluations[name].score(kind)
