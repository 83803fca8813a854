"""Golden cases for places, enterprises and projects: one TOML file per case in tests/cases/entities/.

Each case gives a text, the report's region and year, and the labels expected for each
kind it lists (a kind not listed is not checked), and may list the involves and locatedIn
links expected ("subject predicate object") and the parents of some places (part_of). Adding a case touches no Python.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from kg.divisions import load_divisions
from kg.model import Document, ReportMeta
from kg.pipeline import process_document

CASES = sorted((Path(__file__).parent / "cases" / "entities").glob("*.toml"))


def _facts(case: dict, rules):
    text = case["text"]
    meta = ReportMeta(title=f"{case['report_year']}年{case['region']}政府工作报告", region=case["region"],
                      report_year=case["report_year"], review_year=case["report_year"] - 1)
    doc = Document(source="case.txt", text=text, body_start=0, body_end=len(text), meta=meta,
                   digest=hashlib.sha256(text.encode()).hexdigest())
    return process_document(doc, rules, load_divisions())


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_entity_case(path: Path, rules):
    case = tomllib.loads(path.read_text("utf-8"))
    facts = _facts(case, rules)
    for kind, key in (("Place", "places"), ("Enterprise", "enterprises"), ("Project", "projects")):
        if key in case:
            found = {e.label for e in facts.entities if e.kind == kind}
            expected = set(case[key])
            assert found == expected, f"{kind}: missing {expected - found}, extra {found - expected}"
    if "part_of" in case:
        parents = {e.label: e.part_of for e in facts.entities if e.kind == "Place"}
        assert {label: parents.get(label) or "" for label in case["part_of"]} == case["part_of"]  # "": none
    if "links" in case:
        found = {f"{r.subject.label} {r.predicate} {r.object.label}" for r in facts.relations
                 if r.predicate in ("involves", "locatedIn")}
        expected = set(case["links"])
        assert found == expected, f"links: missing {expected - found}, extra {found - expected}"
    for e in facts.entities:
        for m in e.mentions:
            assert case["text"][m.start:m.end] == m.text
    for r in facts.relations:
        if r.mention is not None:
            assert case["text"][r.mention.start:r.mention.end] == r.mention.text, r


def test_divisions_have_adcode_and_chain_to_the_highest_one_named(rules):
    """A division's chain goes up through the divisions the report names and stops at the highest:
    新疆 is written, so 高昌区 → 吐鲁番市 → 新疆; 湖南省 is not, so 攸县 → 株洲市 ends there (its adcode,
    4302…, still gives the province), and no unnamed province is added as a place."""
    case = tomllib.loads((Path(__file__).parent / "cases" / "entities" / "01-divisions-short-forms.toml").read_text("utf-8"))
    facts = _facts(case, rules)
    by_label = {e.label: e for e in facts.entities if e.kind == "Place"}
    divisions = [e for e in by_label.values() if e.adcode]
    assert {e.label for e in divisions} >= {"醴陵", "攸县", "高昌区"}
    chains = {}
    for e in divisions:
        chain, node = [e.label], e
        while node.part_of:
            node = by_label[node.part_of]
            chain.append(node.label)
        chains[e.label] = chain
    assert chains["高昌区"] == ["高昌区", "吐鲁番市", "新疆"] and by_label["新疆"].subtype == "Province"
    assert chains["攸县"] == ["攸县", "株洲市"] and by_label["攸县"].adcode.startswith("43")
    assert "湖南省" not in by_label
    assert by_label["醴陵"].adcode == "430281" and by_label["醴陵"].part_of == "株洲市"
    assert by_label["醴陵"].subtype == "City" and by_label["攸县"].subtype == "County"


def test_a_region_after_its_province_goes_by_the_region_own_name(rules):
    """河北雄安新区 is labelled as written and also goes by 雄安新区 (the table's region), so a
    reader or a gold file naming the region alone finds it."""
    case = {"region": "中华人民共和国", "report_year": 2018,
            "text": "京津冀协同发展取得重要进展，河北雄安新区设立。"}
    places = {e.label: e for e in _facts(case, rules).entities if e.kind == "Place"}
    assert "雄安新区" in places["河北雄安新区"].aliases
