"""Golden cases for observations: one TOML file per case in tests/cases/observations/.

Each case gives a sentence, the part of the report it stands in and the report's year,
and every observation expected from it (an empty list for negatives); an observation may
state `preliminary` (a result given before the year's final figures) or `period` (the
multi-year period a value is for), and then the case's flags or periods are compared too. With `paragraphs =
true` the text is split into sentences and paragraphs as a report body is; with `sections = true` its
numbered headings are read too (each sentence knows its section's title). Adding a case
touches no Python.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from kg.extract.observations import extract_observations
from kg.model import Document, ReportMeta, Sentence
from kg.structure import find_sections, split_sentences
from kg.resolve import name_by_scheme

CASES = sorted((Path(__file__).parent / "cases" / "observations").glob("*.toml"))
REGION = "某某市"


def _found(case: dict, rules, preliminary: bool = False, period: bool = False) -> set[tuple]:
    meta = ReportMeta(region=REGION, report_year=case["report_year"], review_year=case["report_year"] - 1)
    text = case["text"]
    if case.get("paragraphs") or case.get("sections"):
        doc = Document("case.txt", text, 0, len(text), meta, "")
        sections = find_sections(doc, rules) if case.get("sections") else ()
        sentences = tuple(replace(s, part=case["part"]) for s in split_sentences(doc, sections))
    else:
        sentences = (Sentence(0, 0, len(text), text, case["part"]),)
    places = {p: p for p in case.get("places", [])}
    works: dict[int, list[tuple[int, int]]] = {}  # the works the case names, as the project rules would find them
    for name in case.get("works", []):
        start = text.index(name)
        index = next(x.index for x in sentences if x.start <= start < x.end)
        works.setdefault(index, []).append((start, start + len(name)))
    things = frozenset(case.get("works", []) + case.get("enterprises", []))  # the names found of works and enterprises
    observations = name_by_scheme(extract_observations(sentences, meta, rules, places, works, things), rules)
    for o in observations:
        assert text[o.mention.start:o.mention.end] == o.mention.text
        if o.indicator_start is not None:
            assert text[o.indicator_start:o.indicator_end] in (o.indicator, o.indicator_written, *o.indicator_alt)
    return {
        (o.indicator, o.value, o.unit, o.measure, o.status, o.qualifier, o.year, o.place)
        + ((o.preliminary,) if preliminary else ()) + ((o.period or "",) if period else ())
        for o in observations
    }


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_observation_case(path: Path, rules):
    case = tomllib.loads(path.read_text("utf-8"))
    # A case that states `preliminary` (or `period`) for any observation is compared with it
    # (false, or no period, where it is not stated); the others without it.
    preliminary = any("preliminary" in e for e in case["expect"])
    period = any("period" in e for e in case["expect"])
    expected = {
        (e["indicator"], Decimal(e["value"]), e["unit"], e["measure"], e["status"], e["qualifier"], e["year"],
         e.get("place", REGION)) + ((e.get("preliminary", False),) if preliminary else ())
        + ((e.get("period", ""),) if period else ())
        for e in case["expect"]
    }
    found = _found(case, rules, preliminary, period)
    assert found == expected, f"missing {expected - found}\nextra {found - expected}"


def test_there_are_negative_cases():
    assert sum(1 for p in CASES if not tomllib.loads(p.read_text("utf-8"))["expect"]) >= 3


def test_a_name_run_together_from_a_list_keeps_the_list_as_its_other_names(rules):
    from kg.explain import explain_text

    facts = explain_text("畜牧、蔬菜、果品产业占比达到67.7%。", region="保定市", year=2021).facts
    (o,) = [o for o in facts.observations if o.value == Decimal("67.7")]
    assert o.indicator == "畜牧蔬菜果品产业占比"
    assert o.indicator_alt == ("畜牧、蔬菜、果品产业占比", "畜牧和蔬菜和果品产业占比")
    text = facts.document.text
    assert text[o.indicator_start:o.indicator_end] == "畜牧、蔬菜、果品产业占比"  # the evidence: the name as written
