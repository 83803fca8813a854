"""End to end: the sample report to Turtle and HTML, as the contract describes."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, Namespace

from kg.model import BuildOptions
from kg.pipeline import build
from kg.vocab import KG

from conftest import SAMPLE

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

CONTRACT_QUERY = """
PREFIX kg: <https://w3id.org/govreport-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?indicator ?value ?unit ?qualifier WHERE {
  ?o a kg:Observation ; kg:indicator/rdfs:label ?indicator ;
     kg:value ?value ; kg:unit ?unit ; kg:qualifier ?qualifier ;
     kg:status kg:Target ; kg:year/rdfs:label "2020" .
}
"""


def test_build_writes_turtle_and_html(sample_build):
    result, out = sample_build
    assert sorted(Path(p).name for p in result.outputs) == ["graph.html", "kg.trig", "kg.ttl"]
    assert (out / "kg.ttl").stat().st_size > 10_000
    assert (out / "kg.trig").stat().st_size > 10_000
    assert (out / "graph.html").stat().st_size > 10_000


def test_contract_query_returns_2020_targets(sample_graph):
    rows = {(str(r.indicator), r.value.toPython(), str(r.unit), r.qualifier) for r in sample_graph.query(CONTRACT_QUERY)}
    from decimal import Decimal

    assert ("地区生产总值", Decimal("7.8"), "%", KG.About) in rows
    assert ("固定资产投资", Decimal("10"), "%", KG.AtLeast) in rows
    assert ("城镇调查失业率", Decimal("5.5"), "%", KG.AtMost) in rows


def test_build_twice_is_byte_identical(tmp_path, sample_build):
    _, first = sample_build
    build(BuildOptions(paths=(str(SAMPLE),), out_dir=str(tmp_path)))
    assert (tmp_path / "kg.ttl").read_bytes() == (first / "kg.ttl").read_bytes()
    assert (tmp_path / "kg.trig").read_bytes() == (first / "kg.trig").read_bytes()
    assert (tmp_path / "graph.html").read_bytes() == (first / "graph.html").read_bytes()


def test_graph_has_no_blank_nodes(sample_graph):
    assert not [t for t in sample_graph if any(isinstance(x, BNode) for x in t)]


def test_every_thing_has_one_zh_label_and_a_mention(sample_graph):
    for cls in (KG.Place, KG.Enterprise, KG.Project):
        for thing in sample_graph.subjects(rdflib.RDF.type, cls):
            labels = list(sample_graph.objects(thing, rdflib.RDFS.label))
            assert len(labels) == 1 and labels[0].language == "zh", thing
            # Only divisions added to complete a partOf chain, and the report's own region named
            # in its header, may be unmentioned; everything else has its evidence.
            if not list(sample_graph.objects(thing, KG.mention)):
                is_chain_parent = (sample_graph.value(thing, KG.adcode) is not None
                                   and list(sample_graph.subjects(KG.partOf, thing)))
                is_region = (None, KG.region, thing) in sample_graph
                assert is_chain_parent or is_region, thing


def test_mention_offsets_point_at_their_anchor(sample_graph):
    text = SAMPLE.read_text("utf-8")
    mentions = list(sample_graph.subjects(rdflib.RDF.type, KG.Mention))
    assert len(mentions) > 300
    for m in mentions:
        begin = sample_graph.value(m, KG.beginIndex).toPython()
        end = sample_graph.value(m, KG.endIndex).toPython()
        anchor = str(sample_graph.value(m, KG.anchorOf))
        node = sample_graph.value(m, KG.sentence)
        assert (node, rdflib.RDF.type, KG.Sentence) in sample_graph
        sentence = str(sample_graph.value(node, NIF.isString))
        start = sample_graph.value(node, NIF.beginIndex).toPython()
        assert text[begin:end] == anchor
        assert anchor in sentence and text[start:start + len(sentence)] == sentence
        assert start <= begin and end <= start + len(sentence)


def test_a_sentence_is_one_node_whatever_its_mentions(sample_graph):
    sentences = set(sample_graph.subjects(rdflib.RDF.type, KG.Sentence))
    mentioned = set(sample_graph.objects(None, KG.sentence))
    assert sentences == mentioned
    texts = [str(sample_graph.value(s, NIF.isString)) for s in sentences]
    assert len(texts) == len(sentences) < len(set(sample_graph.subjects(rdflib.RDF.type, KG.Mention)))


def test_report_metadata_in_graph(sample_graph):
    report = next(sample_graph.subjects(rdflib.RDF.type, KG.Report))
    assert str(sample_graph.value(report, rdflib.DCTERMS.source)) == SAMPLE.name
    assert str(sample_graph.value(sample_graph.value(report, KG.reportYear), rdflib.RDFS.label)) == "2020"
    region = sample_graph.value(report, KG.region)
    assert str(sample_graph.value(region, rdflib.RDFS.label)) == "湘潭市"
    assert str(sample_graph.value(region, KG.adcode)) == "430300"


def test_forum_chrome_never_reaches_the_graph(sample_graph, rules):
    from kg.read import read_document

    doc = read_document(SAMPLE, rules)
    outside = doc.text[: doc.body_start] + "\n" + doc.text[doc.body_end :]
    chrome = {line.strip() for line in outside.splitlines() if line.strip()}
    assert {"设为首页收藏本站", "本版积分规则", "客服中心"} <= chrome  # the page's own menus and footer
    literals = {str(o) for o in sample_graph.objects() if isinstance(o, Literal)}
    for line in chrome:
        # A short chrome line (积分) may stand inside report words (积分制); it must not stand alone.
        hits = [x for x in literals if (line in x if len(line) >= 4 else x == line)]
        assert hits == [], line


def test_html_loads_nothing_from_the_network(sample_build):
    _, out = sample_build
    page = (out / "graph.html").read_text("utf-8")
    refs = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", page, re.I)
    refs += re.findall(r"@import\s+(?:url\()?[\"']?(?:https?:)?//|url\(\s*[\"']?(?:https?:)?//", page, re.I)
    assert refs == []
    assert "vis.Network" in page or "new vis" in page


def test_seed_is_the_shared_sample_byte_for_byte():
    import hashlib

    # sha256 of ../shared/seeds/000_6734cc391de7877c.txt, the sample as handed over.
    assert hashlib.sha256(SAMPLE.read_bytes()).hexdigest() == "661ce2297963408003377d3ce883f2e4e49c09ab461245c1d003c8ae75e88894"


CHAIN_QUERY = """
PREFIX kg: <https://w3id.org/govreport-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?place ?code (COUNT(?province) AS ?provinces) WHERE {
  ?place kg:adcode ?code .
  OPTIONAL { ?place kg:partOf* ?province . ?province a kg:Province . }
} GROUP BY ?place ?code
"""


def test_every_division_has_adcode_and_partof_chain_up_to_the_highest_one_named(sample_graph):
    rows = list(sample_graph.query(CHAIN_QUERY))
    assert len(rows) >= 8
    for place, code, provinces in rows:
        assert len(str(code)) == 6 and str(code).isdigit()
        assert int(provinces) == (0 if str(code).startswith("65") else 1), (place, code)
    # 吐鲁番市 and 高昌区 are written, 新疆 is not: their chain stops at 吐鲁番市, and no province is
    # added unnamed.
    assert sorted(str(code) for _, code, _ in rows if str(code).startswith("65")) == ["650400", "650402"]
    xiangxiang = next(p for p, code, _ in rows if str(code) == "430381")
    chain = list(sample_graph.transitive_objects(xiangxiang, KG.partOf))
    assert [str(sample_graph.value(x, KG.adcode)) for x in chain[:3]] == ["430381", "430300", "430000"]
    # Labels are the fullest names the report writes: 湖南省 only inside a project's name
    # (湖南省大数据产业园), which counts, since the project is located by it.
    assert [str(sample_graph.value(x, rdflib.RDFS.label)) for x in chain[:3]] == ["湘乡市", "湘潭市", "湖南省"]


def test_the_build_result_owns_the_exit_policy():
    from kg.model import BuildResult, Skipped

    skip = (Skipped("a.txt", "the file is empty"),)
    report = (object(),)
    assert [BuildResult(r, s, (), strict=strict).exit_code for r, s, strict in [
        (report, (), False), (report, skip, False), (report, skip, True), ((), skip, False), ((), (), True)]] == [0, 1, 2, 2, 2]
    assert BuildResult(report, skip, (), strict=True).written is False
