"""The Turtle and the viewer agree on what is one thing: the same places are one IRI and one
node, different places are two of each, whatever their names (issue 14)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import rdflib
from rdflib import RDF

from kg.model import BuildOptions
from kg.pipeline import build
from kg.vocab import KG


def _build(tmp_path: Path, texts: dict[str, str]) -> tuple[rdflib.Graph, list[dict]]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    out = tmp_path / "out"
    result = build(BuildOptions(paths=(str(folder),), out_dir=str(out), html=True))
    assert result.exit_code == 0, result.skipped
    page = (out / "graph.html").read_text("utf-8")
    data = json.loads(re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[0])
    return rdflib.Graph().parse(out / "kg.ttl", format="turtle"), data["nodes"]


def _places_by_adcode(graph: rdflib.Graph, nodes: list[dict], adcode: str) -> tuple[set, list[str]]:
    iris = {s for s in graph.subjects(KG.adcode, rdflib.Literal(adcode)) if (s, RDF.type, KG.Place) in graph}
    ids = [n["id"] for n in nodes if n["cls"] == "Place" and ["adcode", adcode] in n.get("props", [])]
    return iris, ids


def test_two_written_forms_of_one_division_are_one_iri_and_one_node(tmp_path):
    text = ("2021年湘潭市人民政府工作报告\n——2021年1月10日在湘潭市第十六届人民代表大会第六次会议上\n"
            "全年湘潭市地区生产总值增长4.1%。湘潭经济持续恢复，湘潭县、湘乡市粮食产量稳定。\n")
    graph, nodes = _build(tmp_path, {"r.txt": text})
    iris, ids = _places_by_adcode(graph, nodes, "430300")
    assert len(iris) == 1 and len(ids) == 1, (iris, ids)
    node = next(n for n in nodes if n["id"] == ids[0])
    assert "湘潭" in node.get("aliases", []), node


def test_two_divisions_of_one_name_in_two_reports_are_two_iris_and_two_nodes(tmp_path):
    beijing = ("2021年北京市人民政府工作报告\n——2021年1月23日在北京市第十五届人民代表大会第四次会议上\n"
               "朝阳区、海淀区加快建设国际科技创新中心核心区。\n")
    changchun = ("2021年长春市人民政府工作报告\n——2021年1月20日在长春市第十五届人民代表大会第五次会议上\n"
                 "朝阳区、南关区老旧小区改造全面完成。\n")
    graph, nodes = _build(tmp_path, {"beijing.txt": beijing, "changchun.txt": changchun})
    for adcode in ("110105", "220104"):  # 北京市朝阳区, 长春市朝阳区
        iris, ids = _places_by_adcode(graph, nodes, adcode)
        assert len(iris) == 1 and len(ids) == 1, (adcode, iris, ids)
    assert len({n["id"] for n in nodes if n["label"].startswith("朝阳区")}) == 2


def test_an_entity_id_is_its_division_code_or_its_name_within_a_division():
    from kg.model import Entity
    from kg.rdf import entity_iri
    from kg.resolve import identify

    county = Entity("Place", "湘潭县", adcode="430321", subtype="County")
    short = Entity("Place", "湘潭", adcode="430300", subtype="City")
    full = Entity("Place", "湘潭市", adcode="430300", subtype="City")
    assert short.id == full.id and short.id.label != full.id.label  # one thing, shown by either name
    town = Entity("Place", "花石镇", subtype="Town", part_of="湘潭县")
    same_name = Entity("Place", "花石镇", subtype="Town", part_of="某县")  # no division holds it
    placed = {e.label: e for e in identify((county, town))}
    assert placed["花石镇"].within == "430321"
    assert placed["花石镇"].id != identify((same_name,))[0].id
    assert entity_iri(placed["花石镇"].id).endswith("place/430321-花石镇")
    assert entity_iri(full.id).endswith("place/430300")
    assert Entity("Project", "芙蓉大道").id == Entity("Project", "芙蓉大道").id != Entity("Enterprise", "芙蓉大道").id


def test_relations_name_their_ends_by_the_ids_of_the_entities():
    from kg.explain import explain_text

    facts = explain_text("湘潭县花石镇加快建设花石大桥。", region="湘潭市", year=2021).facts
    ids = {e.id for e in facts.entities}
    assert facts.relations, facts
    for r in facts.relations:
        assert r.subject in ids and r.object in ids, r
    town = next(e for e in facts.entities if e.label == "花石镇")
    assert town.within == "430321" and town.id.code == "430321"
