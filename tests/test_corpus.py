"""Many reports in one graph: report IRIs that last, one named graph per report, targets
followed into the results a later report gives (issue 11)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest

from kg.model import BuildOptions
from kg.outcomes import Followed, Tolerance, follow_targets, is_met
from kg.pipeline import build

REPORTS = Path(__file__).parent / "data" / "reports"
KG = "https://w3id.org/govreport-kg/ontology#"
PREFIXES = f"PREFIX kg: <{KG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
OUTCOMES = PREFIXES + """
SELECT ?indicator ?year ?target ?qualifier ?result ?met WHERE {
  ?t kg:outcome ?a ; kg:met ?met ; kg:indicator/rdfs:label ?indicator ; kg:year/rdfs:label ?year ;
     kg:value ?target ; kg:qualifier ?qualifier ; kg:refArea/kg:adcode ?code .
  ?a kg:value ?result .
  FILTER (?code = "%s")
}"""


def _build(out: Path, *paths: Path) -> Path:
    result = build(BuildOptions(paths=tuple(map(str, paths)), out_dir=str(out), html=False))
    assert result.exit_code == 0, result.skipped
    return out


def _store(path: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    fmt = pyoxigraph.RdfFormat.TRIG if path.suffix == ".trig" else pyoxigraph.RdfFormat.TURTLE
    store.load(path.read_bytes(), format=fmt)
    return store


def _outcomes(store: pyoxigraph.Store, adcode: str, **options) -> dict[tuple[str, str], tuple]:
    rows = store.query(OUTCOMES % adcode, **options)
    return {(r["indicator"].value, r["year"].value): (Decimal(r["target"].value), r["qualifier"].value.removeprefix(KG),
                                                      Decimal(r["result"].value), r["met"].value == "true") for r in rows}


@pytest.fixture(scope="module")
def baoding(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """保定's 2021 report (its targets) and 2022 report (its results) built together."""
    return _build(tmp_path_factory.mktemp("baoding"), REPORTS / "hebei-baoding-2021.txt", REPORTS / "hebei-baoding-2022.txt")


def _label(name: str) -> str:
    """The indicator scheme's label of a name (进出口总值 may be a name of 进出口总额)."""
    from kg.indicators import load_scheme

    concept = load_scheme().normalise(name)
    return concept.label if concept is not None else name


def test_targets_of_baoding_2021_meet_their_results_in_2022(baoding):
    found = _outcomes(_store(baoding / "kg.ttl"), "130600")
    expected = {(_label(name), year): outcome for (name, year), outcome in {
        ("地区生产总值", "2021"): (Decimal("8"), "AtLeast", Decimal("7.2"), False),
        ("一般公共预算收入", "2021"): (Decimal("6.5"), "AtLeast", Decimal("11.3"), True),
        ("规模以上工业增加值", "2021"): (Decimal("10"), "About", Decimal("11.4"), True),
        ("固定资产投资", "2021"): (Decimal("10"), "About", Decimal("6.9"), False),
        ("社会消费品零售总额", "2021"): (Decimal("9"), "About", Decimal("9.5"), True),
        ("进出口总值", "2021"): (Decimal("5"), "About", Decimal("40.4"), True),
        ("居民人均可支配收入", "2021"): (Decimal("8.5"), "About", Decimal("10.1"), True),
    }.items()}
    assert {k: found.get(k) for k in expected} == expected


def test_a_target_of_guangdong_2022_meets_the_2023_reports_preliminary_result(tmp_path):
    out = _build(tmp_path, REPORTS / "guangdong-province-2022.txt", REPORTS / "guangdong-province-2023.txt")
    store = _store(out / "kg.ttl")
    found = _outcomes(store, "440000")
    assert found[(_label("地区生产总值"), "2022")] == (Decimal("5.5"), "About", Decimal("2"), False)
    preliminary = {r["v"].value for r in store.query(
        PREFIXES + "SELECT ?v WHERE { ?t kg:outcome ?a . ?a kg:preliminary true ; kg:value ?v }")}
    assert preliminary == {"2"}  # 预计全年地区生产总值增长2%左右: the January report's preliminary result


def test_report_and_observation_iris_do_not_depend_on_order_names_or_company(baoding, tmp_path):
    renamed = tmp_path / "in"
    renamed.mkdir()
    shutil.copy(REPORTS / "hebei-baoding-2022.txt", renamed / "a.txt")
    shutil.copy(REPORTS / "hebei-baoding-2021.txt", renamed / "b.txt")
    together = _build(tmp_path / "together", renamed)
    alone = _build(tmp_path / "alone", REPORTS / "hebei-baoding-2021.txt")

    def subjects(path: Path, kind: str) -> set[str]:
        rows = _store(path).query(PREFIXES + f"SELECT ?s WHERE {{ ?s a kg:{kind} }}")
        return {r["s"].value for r in rows}

    for kind in ("Report", "Observation"):
        assert subjects(together / "kg.ttl", kind) == subjects(baoding / "kg.ttl", kind)
    assert subjects(baoding / "kg.ttl", "Report") == {
        "https://w3id.org/govreport-kg/resource/report/130600-2021",
        "https://w3id.org/govreport-kg/resource/report/130600-2022",
    }
    # One report built alone names its report and observations as it does among others.
    assert subjects(alone / "kg.ttl", "Observation") <= subjects(baoding / "kg.ttl", "Observation")


def test_trig_holds_one_named_graph_per_report_and_queries_one_alone(baoding):
    store = _store(baoding / "kg.trig")
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/govreport-kg/resource/report/130600-2021",
                      "https://w3id.org/govreport-kg/resource/report/130600-2022"}
    one = pyoxigraph.NamedNode("https://w3id.org/govreport-kg/resource/report/130600-2021")
    years = {r["y"].value for r in store.query(
        PREFIXES + "SELECT DISTINCT ?y WHERE { ?o a kg:Observation ; kg:status kg:Target ; kg:year/rdfs:label ?y }",
        default_graph=[one, pyoxigraph.DefaultGraph()])}
    assert "2021" in years and "2022" not in years  # 2022's targets are in the other report's graph
    # The union of the graphs is the Turtle.
    assert {q.triple for q in store} == {q.triple for q in _store(baoding / "kg.ttl")}


@pytest.mark.parametrize("qualifier, value, unit, measure, indicator, result, met", [
    ("AtLeast", "8", "%", "Growth", "地区生产总值", "7.2", False),
    ("AtLeast", "6.5", "%", "Growth", "一般公共预算收入", "6.5", True),
    ("AtMost", "5.5", "%", "Ratio", "城镇调查失业率", "5.2", True),
    ("AtMost", "3", "%", "Growth", "居民消费价格", "3.1", False),
    ("About", "10", "%", "Growth", "固定资产投资", "9.5", True),  # short by half a point: within tolerance
    ("About", "10", "%", "Growth", "固定资产投资", "9.4", False),
    ("About", "10", "%", "Growth", "规模以上工业增加值", "14", True),  # more of a good thing meets it
    ("About", "3", "%", "Growth", "居民消费价格", "3.5", True),  # less is better: up to half a point over
    ("About", "3", "%", "Growth", "居民消费价格", "3.6", False),
    ("About", "3", "%", "Growth", "居民消费价格", "0.9", True),
    ("Exact", "-3", "%", "Growth", "单位地区生产总值能耗", "-3.4", True),  # a fall targeted: more fall meets it
    ("Exact", "-3", "%", "Growth", "某项支出", "-2.4", False),
    ("About", "500", "亿元", "Level", "地区生产总值", "491", True),  # 2% of the target short
    ("About", "500", "亿元", "Level", "地区生产总值", "489", False),
])
def test_met_by_qualifier_direction_and_tolerance(qualifier, value, unit, measure, indicator, result, met):
    target = Followed("t", 2021, "p", indicator, measure, 2021, "Target", qualifier, Decimal(value), unit)
    tolerance = Tolerance(Decimal("0.5"), Decimal("0.02"), frozenset({"居民消费价格", "城镇调查失业率"}))
    assert is_met(target, Decimal(result), tolerance) is met


@pytest.mark.parametrize("target, result, followed", [
    ("1000", "11042", False),  # 新增…1000家 against all 11,042 of them: another quantity
    ("8", "16.4", True),  # 改厕8万座 done twice over: the same quantity, met
    ("100", "15", False),
])
def test_a_level_far_from_its_target_is_another_quantity(target, result, followed):
    aim = Followed("t", 2021, "p", "科技型中小企业", "Level", 2021, "Target", "AtLeast", Decimal(target), "家")
    got = Followed("a", 2022, "p", "科技型中小企业", "Level", 2021, "Actual", "Exact", Decimal(result), "家")
    assert [o.actual for o in follow_targets([aim, got])] == (["a"] if followed else [])


def _kg(*args: str):
    from click.testing import CliRunner

    from kg.cli import main

    return CliRunner().invoke(main, list(args))


def test_kg_targets_prints_each_target_with_its_result_and_evidence(baoding):
    result = _kg("targets", str(baoding / "kg.trig"), "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    rows = {(r["indicator"], r["year"]): r for r in json.loads(result.output)}
    gdp = rows[(_label("地区生产总值"), "2021")]
    assert (gdp["region"], gdp["target"], gdp["qualifier"], gdp["result"], gdp["met"]) == ("保定市", "8%", "AtLeast", "7.2%", "false")
    assert "生产总值增长8%以上" in gdp["target_sentence"] and "7.2%" in gdp["result_sentence"]


def test_csv_opens_in_a_spreadsheet_with_chinese_intact(baoding):
    result = _kg("targets", str(baoding / "kg.ttl"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeffregion,indicator,year,target,qualifier,result,met,")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert any(r["indicator"] == _label("居民人均可支配收入") and r["met"] == "true" for r in rows)


def test_named_queries_are_listed_and_run_by_name(baoding):
    listed = _kg("query", "--list")
    assert listed.exit_code == 0, listed.output
    names = {line.split()[0] for line in listed.output.splitlines()}
    assert {"plan-targets", "review-results", "targets", "projects", "enterprises"} <= names
    result = _kg("query", str(baoding / "kg.ttl"), "plan-targets", "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t") == ["report", "indicator", "value", "unit", "qualifier", "measure"]
    assert f"2021年保定市政府工作报告\t{_label('地区生产总值')}\t8\t%\tAtLeast\tGrowth" in lines


def test_query_without_a_graph_says_what_to_give():
    result = _kg("query")
    assert result.exit_code == 2, result.output
    assert "give a GRAPH (kg.ttl or kg.trig) and a QUERY, or --list" in result.output


def test_targets_followed_in_buckets_on_disk_are_those_followed_in_memory(tmp_path):
    # A corpus's targets and results are spread over files by the key a target meets its result
    # by and followed a file at a time (bounded memory): the same outcomes as all at once.
    from dataclasses import astuple

    from kg.outcomes import Spilled
    from kg.rdf import report_keys, report_part

    result = build(BuildOptions(paths=(str(REPORTS / "hebei-baoding-2021.txt"), str(REPORTS / "hebei-baoding-2022.txt")),
                                out_dir=str(tmp_path / "out"), html=False, store=False))
    reports = list(result.reports)
    followed = [report_part(facts, key).followed for facts, key in zip(reports, report_keys(reports))]
    at_once = set(follow_targets(o for every in followed for o in every))
    spilled = Spilled(tmp_path / "buckets", buckets=3)
    for every in followed:
        spilled.add(astuple(o) for o in every)
    assert set(spilled.outcomes()) == at_once
    assert len(at_once) >= 10 and not list((tmp_path / "buckets").iterdir())
