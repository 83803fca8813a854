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
