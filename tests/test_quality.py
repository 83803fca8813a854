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
