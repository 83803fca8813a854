"""The rule tables load, and a malformed one stops the program naming the table and key."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic

from kg.errors import RuleError
from kg.indicators import load_scheme, parse_scheme, scheme_turtle
from kg.rules import load_table

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


def test_shipped_tables_load(rules):
    assert rules.units["亿元"].scale == 100_000_000
    assert rules.units["万人"].base == "人"
    assert rules.units["个百分点"].dimension == "points"


@pytest.mark.parametrize(
    "table, text, key, problem",
    [
        ("projects", '[suffix]\nendings = []\nroad_pattern = "("\nmetro_pattern = ""\nnamed_endings = []\nmax_stem = 3\nlone_stem_chars = []\n'
         'work_verbs = []\nnamed_stems = []\nfused_after = []\nstretch = "段"\nextensions = []\n'
         '[list]\nheads = []\nworks_endings = []\nroad_endings = []\nindustry_heads = []\nroutes = []\n[stop]\nnot_project_words = []\nbad_start = []\ngeneric_tails = []\n'
         'title_verbs = []\nslogan_prefixes = []\ninstitution_parts = []\nplace_after = []\ncapacity_words = []\nnot_brand_endings = []\ncounterpart_verbs = []\nruns_on = []\n'
         '[names]\nmax_chars = 40\n',
         "suffix.road_pattern", "regex does not compile"),
        ("numbers", "[digits]\n[multipliers]\n[extra]\n", "extra", "unknown section"),
        ("observations", "[qualifier]\nafter_about = 3\n", "qualifier.after_about", "must be a list"),
        ("numbers", "[digits]\n", "multipliers", "section is missing"),
    ],
)
def test_malformed_table_names_table_and_key(table, text, key, problem):
    with pytest.raises(RuleError) as err:
        load_table(table, text)
    assert str(err.value).startswith(f"rule table {table}, key {key}: {problem}")


def test_indicator_scheme_rejects_a_name_claimed_twice():
    with pytest.raises(RuleError, match="already a name of a"):
        parse_scheme('[a]\nlabel = "甲"\nalt = ["乙"]\n[b]\nlabel = "丙"\nalt = ["乙"]\n')


def test_indicator_scheme_normalises_other_names():
    scheme = load_scheme()
    assert scheme.normalise("规模工业增加值").label == "规模以上工业增加值"
    assert scheme.normalise("“GDP”").label == "地区生产总值"
    assert scheme.normalise("某种新指标") is None


def test_ontology_indicator_scheme_is_generated_from_the_table():
    committed = rdflib.Graph().parse(ONTOLOGY / "indicators.ttl", format="turtle")
    generated = rdflib.Graph().parse(data=scheme_turtle(load_scheme()), format="turtle")
    if not isomorphic(committed, generated):
        _, only_committed, only_generated = graph_diff(committed, generated)
        pytest.fail(f"regenerate ontology/indicators.ttl: committed has {len(only_committed)} triples the table "
                    f"lacks, the table {len(only_generated)} the file lacks")


def test_regions_placed_in_a_province_or_aliased_are_known_regions_and_provinces(rules):
    from kg.divisions import load_divisions

    divisions = load_divisions()
    table = rules.table("places")
    regions = set(table["regions"]["Region"])
    for written, region in table["region_alias"].items():
        assert {written, region} <= regions, written
    for province, names in table["region_within"].items():
        assert set(names) <= regions, province
        division = divisions.lookup(province)
        assert division is not None and division.level == "Province" and division.name == province


def test_a_mention_longer_than_its_kinds_names_is_dropped_before_entities(rules):
    from kg.model import Mention
    from kg.resolve import within_length

    caps = {kind: rules.table(table)["names"]["max_chars"]
            for kind, table in (("Place", "places"), ("Enterprise", "enterprises"), ("Project", "projects"))}
    mentions = [Mention(kind, 0, n, "名" * n, "test", 0) for kind, cap in caps.items() for n in (cap, cap + 1)]
    kept = within_length(mentions, rules)
    assert [(m.kind, len(m.text)) for m in kept] == [(kind, cap) for kind, cap in caps.items()]


_TABLES = Path(__file__).resolve().parent.parent / "kg" / "rules"


@pytest.mark.parametrize(
    "table, written, wrong, key, problem",
    [
        # an unbalanced bracket in a pattern of a list of patterns
        ("enterprises", "\npatterns = [\n", "\npatterns = [\n  \"(引进\",\n", "context.patterns[0]", "regex does not compile"),
        # a number among the words of a word list
        ("enterprises", 'endings = ["股份有限公司", ', 'endings = [3, "股份有限公司", ', "suffix.endings[0]", "must be a string"),
        # a typo in a unit's field: the field is unknown, and the one it meant is missing
        ("units", '"%" = { base = "%", scale = 1,', '"%" = { base = "%", scael = 1,', "percent.%.scael", "unknown key"),
        ("units", '"%" = { base = "%", scale = 1,', '"%" = { base = "%", scale = "1",', "percent.%.scale", "must be a whole number"),
        ("places", "max_chars = 24", "max_chars = true", "names.max_chars", "must be a whole number"),
        ("places", '"中国" = "中华人民共和国"', '"中国" = ["中华人民共和国"]', "country_alias.中国", "must be a string"),
        # a fragment reference to a key the table does not have (a typo), and a fragment that names itself
        ("report", "{dateline.numeral}{4}", "{dateline.numerals}{4}", "dateline.start", "refers to {dateline.numerals}"),
        ("report", "numeral = '[0-9０-９", "numeral = '{dateline.start}[0-9０-９", "dateline.numeral", "refers to {dateline.numeral} in a circle"),
        # a fragment reference inside a list of patterns
        ("enterprises", "\npatterns = [\n", "\npatterns = [\n  \"{suffix.endingz}\",\n", "context.patterns[0]", "refers to {suffix.endingz}"),
        # a tolerance written as text
        ("outcomes", "relative = 0.02", 'relative = "0.02"', "met.relative", "must be a number"),
    ],
)
def test_a_shipped_table_with_one_mistake_names_table_key_and_problem(table, written, wrong, key, problem):
    text = (_TABLES / f"{table}.toml").read_text("utf-8")
    assert text.count(written) == 1, written
    load_table(table, text)  # the shipped table loads; the one mistake below is what fails
    with pytest.raises(RuleError) as err:
        load_table(table, text.replace(written, wrong))
    assert str(err.value).startswith(f"rule table {table}, key {key}: {problem}"), str(err.value)


def test_a_fragment_reference_is_replaced_by_the_fragment_in_a_group():
    table = load_table("projects", (_TABLES / "projects.toml").read_text("utf-8"))
    pattern = re.compile(table["patterns"]["list"])
    assert "{list.heads}" not in pattern.pattern
    # list.heads holds 项目 and 工程: both close a list; a word not in the list does not
    assert pattern.search("芙蓉大道、昭山大道等5个项目").group("names") == "芙蓉大道、昭山大道"
    assert pattern.search("芙蓉大道、昭山大道等5个工程")
    assert not pattern.search("芙蓉大道、昭山大道等5个活动")


def test_a_list_name_mistyped_in_a_project_pattern_stops_the_rules(monkeypatch):
    import kg.extract.projects as projects
    from kg.rules import load_rules

    book = load_rules()
    tables = {**book.tables, "projects": {**book.tables["projects"], "patterns": {
        **book.tables["projects"]["patterns"], "route_list": "等(?:{route_head})"}}}
    broken = dataclasses.replace(book, tables=tables)
    with pytest.raises(RuleError) as err:
        projects.project_rules(broken)
    assert str(err.value).startswith("rule table projects, key patterns.route_list: refers to {route_head}")


def test_the_walk_characters_behave_as_a_set():
    from kg.extract.names import FUNCTION_CHARS

    assert "的" in FUNCTION_CHARS and "路" not in FUNCTION_CHARS
    assert (FUNCTION_CHARS | {"路"}) >= {"的", "路"} and FUNCTION_CHARS & {"的", "路"} == {"的"}


@pytest.mark.parametrize("table, written, wrong", [
    ("divisions", 'ethnic_ending = "族"', "ethnic_ending = 1"),  # read by kg.divisions, imported by every build
    ("places", "max_chars = 24", "max_chars = true"),
])
def test_kg_build_reports_a_broken_table_in_one_line(tmp_path, table, written, wrong):
    import shutil
    import subprocess
    import sys

    shutil.copytree(_TABLES.parent, tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "kg" / "rules" / f"{table}.toml"
    text = path.read_text("utf-8")
    assert text.count(written) == 1, written
    path.write_text(text.replace(written, wrong), "utf-8")
    sample = next((_TABLES.parent.parent / "seeds").glob("*.txt"))
    run = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", str(sample), "--out",
                          str(tmp_path / "out"), "--no-html"], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith(f"Error: rule table {table}, key "), run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and not (tmp_path / "out" / "kg.ttl").exists()
