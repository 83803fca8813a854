"""kg explain and kg.trace: the candidates a text gives, their rules and fates, and vetoes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import trace
from kg.cli import main
from kg.explain import explain_text

from conftest import SAMPLE

SENTENCE = "湘潭市引进湖南华菱湘潭钢铁有限公司，全年地区生产总值增长7.6%。"


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# ---------------------------------------------------------------- kg.trace


def test_trace_veto_is_a_no_op_outside_tracing():
    assert not trace.active()
    trace.veto("enterprise.generic", "Enterprise", "平台公司", 0, 4)  # nothing to collect it, nothing raised


def test_trace_collects_vetoes_inside_tracing_and_nests():
    with trace.tracing() as outer:
        trace.veto("enterprise.generic", "Enterprise", "平台公司", 3, 7)
        with trace.tracing() as inner:
            assert trace.active()
            trace.veto("project.slogan", "Project", "雪亮工程", 10, 14)
        trace.veto("place.title", "Place", "中国企业500强", 20, 28)
    assert not trace.active()
    assert inner == [trace.Veto("project.slogan", "Project", "雪亮工程", 10, 14)]
    assert [v.rule for v in outer] == ["enterprise.generic", "place.title"]


# ---------------------------------------------------------------- explain_text


@pytest.fixture(scope="module")
def explained():
    return explain_text(SENTENCE, region="湘潭市", year=2020)


def test_explain_candidates_carry_rule_and_offsets(explained):
    for c in explained.candidates:
        assert SENTENCE[c.mention.start:c.mention.end] == c.mention.text, c
        assert c.mention.rule.startswith(c.mention.kind.lower() + "."), c
    kept = {(c.mention.kind, c.mention.text): c for c in explained.candidates if c.kept}
    city = kept[("Place", "湘潭市")]
    assert (city.mention.start, city.mention.end, city.entity.label) == (0, 3, "湘潭市")
    company = kept[("Enterprise", "湖南华菱湘潭钢铁有限公司")]
    assert (company.mention.start, company.mention.end) == (5, 17)
    assert company.entity.kind == "Enterprise"


def test_explain_says_why_a_candidate_was_dropped(explained):
    # A division inside a company's name is found, then dropped: it is no place of its own.
    inner = [c for c in explained.candidates if c.mention.kind == "Place" and 5 <= c.mention.start < 17]
    assert inner and all(not c.kept and c.why for c in inner), inner
    assert all(c.why == "" for c in explained.candidates if c.kept)


def test_explain_observation_follows_the_part():
    review = explain_text("全年地区生产总值增长7.6%。", region="湘潭市", year=2020, part="review")
    plan = explain_text("全年地区生产总值增长7.6%。", region="湘潭市", year=2020, part="plan")
    (r,), (p,) = review.observations, plan.observations
    assert (r.found.indicator, r.found.value, r.found.mention.start, r.found.mention.end) == ("地区生产总值", Decimal("7.6"), 10, 14)
    assert (r.kept.status, r.kept.year) == ("Actual", 2019)
    assert (p.kept.status, p.kept.year, p.kept.place) == ("Target", 2020, "湘潭市")
    assert plan.text == "全年地区生产总值增长7.6%。"  # the heading that sets the part is not shown


def test_explain_candidates_hold_every_mention_the_pipeline_keeps():
    """explain runs the extractors itself; if the pipeline calls another one, this fails."""
    text = SAMPLE.read_text("utf-8")
    start = text.index("一、")
    paragraph = text[start:start + 3000]
    ex = explain_text(paragraph, region="湘潭市", year=2020)
    candidates = {(c.mention.kind, c.mention.start, c.mention.end, c.mention.rule) for c in ex.candidates}
    kept = {(m.kind, m.start, m.end, m.rule) for e in ex.facts.entities for m in e.mentions}
    assert kept and kept <= candidates, kept - candidates
    assert len(ex.observations) == len(ex.facts.observations)


# ---------------------------------------------------------------- kg explain


def test_cli_explain_prints_candidates_and_fates():
    result = _run("explain", SENTENCE, "--region", "湘潭市", "--year", "2020")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    company = next(line for line in lines if "湖南华菱湘潭钢铁有限公司" in line and line.lstrip().startswith("Enterprise"))
    assert "5-17" in company and "enterprise." in company and "kept: Enterprise 湖南华菱湘潭钢铁有限公司" in company
    assert any(line.lstrip().startswith("Place") and "not kept:" in line for line in lines), result.output
    assert "地区生产总值 7.6% (2019, Actual, Exact, Growth)" in result.output


def test_cli_explain_prints_vetoes(monkeypatch):
    import kg.pipeline as pipeline

    original = pipeline.extract_enterprises

    def vetoing(sentences, *args, **kwargs):
        # What an extractor does when it rejects a candidate (kg/trace.py).
        trace.veto("enterprise.test_generic", "Enterprise", "平台公司", 3, 7)
        return original(sentences, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_enterprises", vetoing)
    result = _run("explain", "支持平台公司转型发展。")
    assert result.exit_code == 0, result.output
    assert "vetoes (" in result.output  # the extractors' own vetoes may be listed too
    veto = next(line for line in result.output.splitlines() if "removed by veto enterprise.test_generic" in line)
    assert veto.split()[0] == "Enterprise" and "平台公司" in veto and "3-7" in veto
    data = json.loads(_run("explain", "支持平台公司转型发展。", "--json").output)
    fake = {"kind": "Enterprise", "text": "平台公司", "start": 3, "end": 7, "rule": "enterprise.test_generic"}
    assert fake in data["vetoes"]


def test_cli_explain_json_and_file(tmp_path: Path):
    text_file = tmp_path / "one.txt"
    text_file.write_text(SENTENCE, "utf-8")
    result = _run("explain", "--file", str(text_file), "--region", "湘潭市", "--year", "2020", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["region"], data["year"], data["part"]) == ("湘潭市", 2020, None)
    city = next(c for c in data["candidates"] if c["text"] == "湘潭市")
    assert (city["kind"], city["start"], city["end"], city["kept"], city["entity"]) == ("Place", 0, 3, True, "湘潭市")
    assert {"Place", "Enterprise"} <= {e["kind"] for e in data["entities"]}


@pytest.mark.parametrize("args, code, last", [
    ((), 2, "Error: give a SENTENCE or --file F (one of them)"),
    (("  ",), 2, "Error: the text is empty; give a sentence to explain"),
    (("--file", "/nonexistent/one.txt"), 1, "Error: /nonexistent/one.txt: does not exist; give the path of a text file."),
])
def test_cli_explain_bad_input_is_one_line(args, code, last):
    result = _run("explain", *args)
    assert result.exit_code == code, result.output
    assert result.output.splitlines()[-1] == last


def test_cli_explain_reads_a_file_as_build_does(tmp_path):
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.4\n%binary")
    result = _run("explain", "--file", str(pdf))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {pdf}: the file is a PDF file, not text; convert it to text first"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("全市地区生产总值增长6.5%，达到3200亿元。".encode("gb18030"))
    result = _run("explain", "--file", str(gbk), "--region", "保定市", "--year", "2021")
    assert result.exit_code == 0, result.output
    assert "地区生产总值" in result.output and "3200亿元" in result.output
