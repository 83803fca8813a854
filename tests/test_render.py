"""Tests for kg.render: the offline, injection-safe, deterministic HTML viewer."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.model import Document, Entity, Mention, Observation, Relation, ReportFacts, ReportMeta, Sentence
from kg.render import EVIDENCE_CAP, STABILIZATION_MAX, STABILIZATION_MIN, _strip_remote_refs, _vis_options, render_html

VIEWER_DIR = Path(__file__).parent.parent / "kg" / "viewer"

EVIL_ENTERPRISE = "<script>alert(1)</script>公司"
EVIL_PROJECT = "<img src=x onerror=alert(1)>项目"
EVIL_TITLE = "2020年<script>alert(1)</script>政府工作报告"

SENTENCES = (
    "2020年湘潭市政府工作报告",
    "全年地区生产总值增长7.6%，湘潭经开区发展良好。",
    "2020年地区生产总值增长7.8%左右。",
    f"{EVIL_ENTERPRISE}在湘潭经开区投资{EVIL_PROJECT}。",
)
TEXT = "\n".join(SENTENCES) + "\n"


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for index, line in enumerate(text.split("\n")[:-1]):
        out.append(Sentence(index, start, start + len(line), line, "review" if index < 2 else "plan"))
        start += len(line) + 1
    return tuple(out)


def _mention(text: str, sentences: tuple[Sentence, ...], kind: str, anchor: str, sentence: int, nth: int = 0) -> Mention:
    """The nth occurrence of `anchor` in sentence `sentence`, with offsets into the whole text."""
    s = sentences[sentence]
    at = -1
    for _ in range(nth + 1):
        at = s.text.index(anchor, at + 1)
    start = s.start + at
    assert text[start : start + len(anchor)] == anchor
    return Mention(kind, start, start + len(anchor), anchor, f"{kind.lower()}.test", sentence)


def id_of(entities, kind: str, label: str):
    """The id of the entity of that kind and label, as relate gives a relation's ends."""
    return next(e.id for e in entities if (e.kind, e.label) == (kind, label))


def _facts(source: str = "xiangtan-2020.txt", title: str = "2020年湘潭市政府工作报告") -> ReportFacts:
    sents = _sentences(TEXT)
    m = lambda kind, anchor, sentence, nth=0: _mention(TEXT, sents, kind, anchor, sentence, nth)  # noqa: E731
    doc = Document(
        source=source,
        text=TEXT,
        body_start=0,
        body_end=len(TEXT),
        meta=ReportMeta(title=title, region="湘潭市", report_year=2020, review_year=2019),
        digest=hashlib.sha256(TEXT.encode()).hexdigest(),
    )
    entities = (
        Entity("Place", "湘潭市", (), (m("Place", "湘潭市", 0),), "City", "430300", "湖南省"),
        Entity(
            "Place", "湘潭经开区", ("经开区",), (m("Place", "湘潭经开区", 1), m("Place", "湘潭经开区", 3)),
            "Zone", None, "湘潭市",
        ),
        Entity("Enterprise", EVIL_ENTERPRISE, (), (m("Enterprise", EVIL_ENTERPRISE, 3),)),
        Entity("Project", EVIL_PROJECT, (), (m("Project", EVIL_PROJECT, 3),)),
    )
    gdp_2019 = m("Quantity", "7.6%", 1)
    gdp_2020 = m("Quantity", "7.8%左右", 2)
    name_2019 = sents[1].start + sents[1].text.index("地区生产总值")
    observations = (
        Observation("地区生产总值", Decimal("7.6"), "%", "Growth", "Actual", "Exact", 2019, "湘潭市", gdp_2019,
                    "indicator.growth_rate", indicator_start=name_2019, indicator_end=name_2019 + 6),
        Observation("地区生产总值", Decimal("7.8"), "%", "Growth", "Target", "About", 2020, "湘潭市", gdp_2020,
                    "indicator.growth_rate", indicator_alt=("GDP",)),
    )
    relations = (
        Relation(id_of(entities, "Enterprise", EVIL_ENTERPRISE), "locatedIn", id_of(entities, "Place", "湘潭经开区"),
                 "relate.located_in",
                 m("Place", "湘潭经开区", 3)),
        Relation(id_of(entities, "Project", EVIL_PROJECT), "involves", id_of(entities, "Enterprise", EVIL_ENTERPRISE),
                 "relate.involves"),
    )
    return ReportFacts(doc, sents, entities, observations, relations)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html([_facts()])


def _page_data(page: str) -> dict:
    found = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def _nodes(data: dict) -> dict[str, dict]:
    return {n["id"]: n for n in data["nodes"]}


class _Refs(HTMLParser):
    """Collects every URL a tag or stylesheet would load, and inline script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.script_tags = 0
        self.tags: set[str] = set()
        self._in: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href", "data", "poster", "srcset"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        if tag in ("script", "style"):
            self._in = (tag, attrs)
        self.script_tags += tag == "script"
        self.tags.add(tag)

    def handle_data(self, data):
        if self._in and self._in[0] == "style":
            self.styles.append(data)
        elif self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))

    def handle_endtag(self, tag):
        self._in = None


def _refs(page: str) -> _Refs:
    parser = _Refs()
    parser.feed(page)
    parser.close()
    return parser


def test_render_html_has_no_remote_references(page):
    refs = _refs(page)
    assert not [u for u in refs.urls if re.match(r"\s*(https?:)?//", u, re.I)]
    css = "\n".join(refs.styles)
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css, re.I)
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*['\"]?\s*(https?:)?//", page, re.I)
    assert "bootstrap" not in page and "cdn.jsdelivr" not in page and "cdnjs" not in page


def test_render_html_inlines_vis_network(page):
    origin = importlib.util.find_spec("pyvis").origin  # locates pyvis without importing it
    vis_js = (Path(origin).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")
    assert vis_js.strip() in page
    assert "<script>" + vis_js.strip()[:200] in page


def test_render_html_includes_viewer_assets_verbatim(page):
    # Jinja includes them: a stray template delimiter would change or break them.
    for name in ("viewer.js", "viewer.css"):
        assert (VIEWER_DIR / name).read_text("utf-8").rstrip("\n") in page


def test_render_html_embeds_labels_and_values_in_json(page):
    data = _page_data(page)
    ids = {n["id"] for n in data["nodes"]}
    assert {
        "Place:湘潭市", "Place:湘潭经开区", "Place:湖南省", f"Enterprise:{EVIL_ENTERPRISE}", f"Project:{EVIL_PROJECT}",
        "Indicator:地区生产总值", "Year:2019", "Year:2020", "Report:xiangtan-2020.txt",
    } <= ids
    assert "湘潭经开区" in {n["label"] for n in data["nodes"]}
    nodes = _nodes(data)
    rows = nodes["Indicator:地区生产总值"]["obs"]
    assert [(r["year"], r["status"], r["value"], r["place"]) for r in rows] == [
        (2019, "Actual", "+7.6%", "湘潭市"), (2020, "Target", "+7.8%左右", "湘潭市"),
    ]
    assert data["meta"]["status"] == {"Actual": "实际", "Target": "目标"}
    assert nodes["Place:湘潭市"]["props"] == [["subtype", "City"], ["adcode", "430300"], ["partOf", "湖南省"]]
    assert nodes["Place:湘潭经开区"]["aliases"] == ["经开区"]
    assert nodes["Indicator:地区生产总值"]["aliases"] == ["GDP"]  # searchable by its other names
    assert nodes["Report:xiangtan-2020.txt"]["label"] == "2020年湘潭市政府工作报告"


def test_render_html_edges_carry_labels(page):
    data = _page_data(page)
    edges = {(e["from"], e["to"], e["label"]) for e in data["edges"]}
    assert edges == {
        ("Place:湘潭市", "Place:湖南省", "partOf"),
        ("Place:湘潭经开区", "Place:湘潭市", "partOf"),
        (f"Enterprise:{EVIL_ENTERPRISE}", "Place:湘潭经开区", "locatedIn"),
        (f"Project:{EVIL_PROJECT}", f"Enterprise:{EVIL_ENTERPRISE}", "involves"),
        ("Report:xiangtan-2020.txt", "Place:湘潭市", "region"),
        ("Report:xiangtan-2020.txt", "Year:2020", "reportYear"),
        ("Indicator:地区生产总值", "Year:2019", "observed"),
        ("Indicator:地区生产总值", "Year:2020", "target"),
    }
    assert len(data["edges"]) == len(edges)
    located = next(e for e in data["edges"] if e["label"] == "locatedIn")
    assert located["rules"] == ["relate.located_in"] and located["nEv"] == 1


def test_render_html_evidence_offsets_point_at_the_anchor(page):
    data = _page_data(page)
    facts = _facts()
    mentions = {(m.start, m.end): m for e in facts.entities for m in e.mentions}
    mentions |= {(o.mention.start, o.mention.end): o.mention for o in facts.observations}
    checked = 0
    for entry in data["nodes"] + data["edges"]:
        for ev in entry.get("ev", []):
            report, start, text = data["sentences"][ev["s"]]
            assert "a" not in ev  # the sentence holds the anchor, so it is not repeated
            anchor = mentions[(ev["b"], ev["e"])]
            assert text[ev["b"] - start : ev["e"] - start] == anchor.text == TEXT[ev["b"] : ev["e"]]
            assert data["rules"][ev["k"]] in (anchor.rule, "indicator.growth_rate")
            if "x" in ev:
                assert text[ev["x"][0] - start : ev["x"][1] - start] == "地区生产总值"
            checked += 1
    assert checked >= 8
    assert _nodes(data)["Place:湘潭经开区"]["nEv"] == 2


def test_render_html_caps_evidence_per_node():
    text = "湘潭" * 30
    doc = Document("many.txt", text, 0, len(text), ReportMeta(), "d")
    sentence = Sentence(0, 0, len(text), text, "review")
    mentions = tuple(Mention("Place", 2 * k, 2 * k + 2, "湘潭", "place.test", 0) for k in range(30))
    facts = ReportFacts(doc, (sentence,), (Entity("Place", "湘潭", (), mentions),), (), ())
    node = _nodes(_page_data(render_html([facts])))["Place:湘潭"]
    assert node["nEv"] == 30
    assert [ev["b"] for ev in node["ev"]] == [2 * k for k in range(EVIDENCE_CAP)]
    assert node["size"] <= 48


def test_render_html_escapes_report_strings():
    page = render_html([_facts(title=EVIL_TITLE)])
    assert "<img src=x" not in page
    assert "<script>alert" not in page
    assert "onerror=alert(1)>" not in page
    assert "<title>2020年&lt;script&gt;alert(1)&lt;/script&gt;政府工作报告 · 知识图谱</title>" in page
    data = _page_data(page)  # the text itself survives, to be shown with textContent
    assert _nodes(data)[f"Project:{EVIL_PROJECT}"]["name"] == EVIL_PROJECT
    assert data["meta"]["reports"][0]["title"] == EVIL_TITLE
    # only the page's own script elements: the data blob, vis-network and the viewer
    refs = _refs(page)
    assert refs.script_tags == 3
    assert not refs.tags & {"img", "iframe", "object", "embed", "svg", "base"}


def test_render_html_json_blob_cannot_close_its_script():
    payload = "</script><!--<script>x</SCRIPT>&amp;"
    page = render_html([_facts(title=payload)])
    blob = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in blob and ">" not in blob and "&" not in blob
    assert _page_data(page)["meta"]["reports"][0]["title"] == payload


def test_render_html_titles_are_plain_text(page):
    viewer = (VIEWER_DIR / "viewer.js").read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in viewer
    # tooltips are strings, which vis-network 9 shows with innerText, never as HTML
    assert re.search(r"title: tooltip\(n\)", viewer) and re.search(r"title: predicateText\(", viewer)
    assert "this.frame.innerText=t" in page


def test_render_html_csp_allows_only_its_own_scripts(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for attrs, body in _refs(page).scripts:
        if attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_render_html_is_byte_identical_and_order_free():
    a, b = _facts("a.txt"), _facts("b.txt")
    first = render_html([a, b])
    assert render_html([a, b]) == first
    assert render_html([b, a]) == first


def test_render_html_merges_the_same_entity_across_reports():
    data = _page_data(render_html([_facts("a.txt"), _facts("b.txt")]))
    assert [n["id"] for n in data["nodes"]].count("Place:湘潭市") == 1
    node = _nodes(data)["Place:湘潭市"]
    assert node["nEv"] == 2 and {ev["r"] for ev in node["ev"]} == {0, 1}
    assert [r["source"] for r in data["meta"]["reports"]] == ["a.txt", "b.txt"]


def test_render_html_nodes_use_color_not_group(page):
    data = _page_data(page)
    colours = {}
    for node in data["nodes"]:
        assert "group" not in node
        assert re.fullmatch(r"#[0-9a-f]{6}", node["color"])
        colours.setdefault(node["cls"], set()).add((node["color"], node["shape"]))
    assert all(len(v) == 1 for v in colours.values())
    assert len({next(iter(v)) for v in colours.values()}) == len(colours)
    assert {c["name"] for c in data["classes"]} >= set(colours)


def test_render_html_sizes_nodes_by_mentions(page):
    sizes = {n["id"]: n["size"] for n in _page_data(page)["nodes"]}
    assert sizes["Place:湘潭经开区"] > sizes["Place:湘潭市"] > sizes["Place:湖南省"]


def test_render_html_layout_is_seeded_and_physics_stops(page):
    options = _page_data(page)["options"]
    assert isinstance(options["layout"]["randomSeed"], int)
    assert options["physics"]["solver"] in options["physics"]
    assert options["physics"]["stabilization"]["enabled"] is True
    viewer = (VIEWER_DIR / "viewer.js").read_text("utf-8")
    assert re.search(r'once\("stabilizationIterationsDone"', viewer)
    assert re.search(r"setOptions\(\{\s*physics:\s*false\s*\}\)", viewer)


def test_render_html_layout_steps_depend_only_on_size():
    # A step count from the clock would make the first layout differ between machines.
    steps = [_vis_options(n)["physics"]["stabilization"]["iterations"] for n in (1, 10, 380, 1000, 10**5)]
    assert steps == sorted(steps, reverse=True)
    assert steps[0] == STABILIZATION_MAX and steps[-1] == STABILIZATION_MIN
    assert _vis_options(380) == _vis_options(380)


def test_render_html_leaves_labels_to_the_page(page):
    # vis-network would draw every label, piled up in the dense parts; viewer.js draws them
    # itself and skips those that would overlap (tests/test_viewer_browser.py checks it).
    viewer = (VIEWER_DIR / "viewer.js").read_text("utf-8")
    vis_node = re.search(r"function visNode\(n\) \{(.*?)\n  \}\n", viewer, re.S).group(1)
    assert "label" not in vis_node and "new vis.DataSet(nodeList.map(visNode))" in viewer
    assert 'network.on("afterDrawing", drawLabels)' in viewer


def test_render_html_uses_cjk_fonts(page):
    stack = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif'
    assert stack in page
    assert "WenQuanYi Micro Hei" in _page_data(page)["options"]["nodes"]["font"]["face"]


def test_render_html_handles_no_reports():
    data = _page_data(render_html([]))
    assert data["nodes"] == [] and data["edges"] == []


def test_render_html_survives_bad_sentence_index():
    facts = _facts()
    place = facts.entities[0]
    bad = dataclasses.replace(place, mentions=(dataclasses.replace(place.mentions[0], sentence=99),))
    data = _page_data(render_html([dataclasses.replace(facts, entities=(bad,) + facts.entities[1:])]))
    (ev,) = _nodes(data)["Place:湘潭市"]["ev"]
    assert "s" not in ev and ev["a"] == "湘潭市"


def test_render_html_keeps_anchor_when_sentence_disagrees():
    facts = _facts()
    place = facts.entities[0]
    moved = dataclasses.replace(place, mentions=(dataclasses.replace(place.mentions[0], sentence=1),))
    data = _page_data(render_html([dataclasses.replace(facts, entities=(moved,) + facts.entities[1:])]))
    (ev,) = _nodes(data)["Place:湘潭市"]["ev"]
    assert ev["a"] == "湘潭市" and data["sentences"][ev["s"]][2] == SENTENCES[1]


def test_render_html_shortens_long_labels_only_on_the_canvas():
    facts = _facts()
    long_name = "湘潭" * 20
    entity = Entity("Project", long_name)
    page = render_html([dataclasses.replace(facts, entities=facts.entities + (entity,))])
    node = _nodes(_page_data(page))[f"Project:{long_name}"]
    assert node["name"] == long_name and len(node["label"]) < len(long_name) and node["label"].endswith("…")


def test_strip_remote_refs_removes_pyvis_cdn_tags():
    origin = importlib.util.find_spec("pyvis").origin
    template = (Path(origin).parent / "templates" / "template.html").read_text("utf-8")
    assert "cdn.jsdelivr.net" in template  # what pyvis's own page would load
    extra = "<style>@import url('https://x.test/a.css'); b{background:url(//x.test/i.png)}</style>"
    stripped = _strip_remote_refs(template + extra)
    refs = _refs(stripped)
    assert not [u for u in refs.urls if re.match(r"\s*(https?:)?//", u, re.I)]
    assert "@import" not in stripped and "x.test" not in stripped


def test_importing_render_does_not_import_pyvis():
    code = "import sys, kg.render; assert 'pyvis' not in sys.modules, 'pyvis imported eagerly'"
    root = Path(__file__).parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ---- many reports: what each node is named by, and targets with their results ------------------


def _later_report(preliminary: bool = True) -> ReportFacts:
    """A 2021 report of 湘潭 giving the 2020 result of the 2020 target of `_facts()`."""
    text = "2021年湘潭市政府工作报告\n预计全年地区生产总值增长7.2%。\n"
    sents = _sentences(text)
    doc = Document(
        "xiangtan-2021.txt", text, 0, len(text),
        ReportMeta(title="2021年湘潭市政府工作报告", region="湘潭市", report_year=2021, review_year=2020),
        hashlib.sha256(text.encode()).hexdigest(),
    )
    result = _mention(text, sents, "Quantity", "7.2%", 1)
    observations = (
        Observation("地区生产总值", Decimal("7.2"), "%", "Growth", "Actual", "Exact", 2020, "湘潭市", result,
                    "indicator.growth_rate", preliminary=preliminary),
    )
    place = Entity("Place", "湘潭市", (), (_mention(text, sents, "Place", "湘潭市", 0),), "City", "430300", "湖南省")
    return ReportFacts(doc, sents, (place,), observations, ())


def test_render_html_one_report_has_no_picker_data(page):
    data = _page_data(page)
    assert "outcomes" not in data and "layout" not in data["meta"]
    assert not [n for n in data["nodes"] if "rs" in n] and not [e for e in data["edges"] if "rs" in e]
    assert data["meta"]["reports"] == [
        {"source": "xiangtan-2020.txt", "title": "2020年湘潭市政府工作报告", "region": "湘潭市", "year": 2020}
    ]


def test_render_html_many_reports_mark_nodes_and_edges_with_their_reports():
    data = _page_data(render_html([_facts(), _later_report()]))
    assert [r["source"] for r in data["meta"]["reports"]] == ["xiangtan-2020.txt", "xiangtan-2021.txt"]
    nodes = _nodes(data)
    assert nodes["Place:湘潭市"]["rs"] == [0, 1]
    assert nodes["Place:湘潭经开区"]["rs"] == [0]
    assert nodes["Report:xiangtan-2021.txt"]["rs"] == [1]
    assert nodes["Year:2020"]["rs"] == [0, 1]  # a target of one, a result in the other
    edges = {(e["from"], e["to"], e["label"]): e["rs"] for e in data["edges"]}
    assert edges[("Indicator:地区生产总值", "Year:2020", "target")] == [0]
    assert edges[("Indicator:地区生产总值", "Year:2020", "observed")] == [1]
    assert edges[("Report:xiangtan-2021.txt", "Place:湘潭市", "region")] == [1]
    assert len(data["nodes"]) == len(nodes)  # one node per thing, not one per report
    layout = data["meta"]["layout"]
    assert (layout["min"], layout["max"]) == (STABILIZATION_MIN, STABILIZATION_MAX)


def test_render_html_many_reports_pair_targets_with_results():
    data = _page_data(render_html([_later_report(), _facts()]))
    (row,) = data["outcomes"]
    assert {k: row[k] for k in ("place", "indicator", "year", "target", "tv", "q", "result", "av", "pre", "met")} == {
        "place": "湘潭市", "indicator": "地区生产总值", "year": 2020, "target": "7.8%左右", "tv": 7.8, "q": "About",
        "result": "7.2%", "av": 7.2, "pre": True, "met": False,  # 0.6 points short of 左右 7.8
    }
    reports = [r["source"] for r in data["meta"]["reports"]]
    assert (reports[row["tr"]], reports[row["ar"]]) == ("xiangtan-2020.txt", "xiangtan-2021.txt")
    for key, anchor in (("tev", "7.8%左右"), ("aev", "7.2%")):
        _, start, text = data["sentences"][row[key]["s"]]
        assert text[row[key]["b"] - start : row[key]["e"] - start] == anchor
    final = _page_data(render_html([_facts(), _later_report(preliminary=False)]))["outcomes"][0]
    assert "pre" not in final


def test_render_html_many_reports_without_a_later_result_have_no_outcomes():
    data = _page_data(render_html([_facts("a.txt"), _facts("b.txt")]))  # two copies of one year
    assert data["outcomes"] == []


@pytest.fixture(scope="module")
def baoding_reports(tmp_path_factory):
    from kg.model import BuildOptions
    from kg.pipeline import build

    reports = Path(__file__).parent / "data" / "reports"
    paths = tuple(str(reports / f"hebei-baoding-{year}.txt") for year in (2021, 2022))
    result = build(BuildOptions(paths=paths, out_dir=str(tmp_path_factory.mktemp("baoding")), html=False))
    assert result.exit_code == 0, result.skipped
    return result.reports


def test_render_html_outcomes_are_the_graphs_outcomes(baoding_reports):
    # The page's table and kg:outcome / kg:met pair the same observations alike.
    from kg.rdf import T, collect, indicator_iri

    triples = collect(baoding_reports).by_subject

    def value(iri: str, key: str) -> str:
        return next(o[1] for p, o in triples[iri] if p == T[key])

    graph = set()
    for iri, pos in triples.items():
        actual = next((o[1] for p, o in pos if p == T["outcome"]), None)
        if actual is not None:
            graph.add((value(iri, "indicator"), Decimal(value(iri, "value")), Decimal(value(actual, "value")),
                       value(iri, "met") == "true"))
    rows = _page_data(render_html(baoding_reports))["outcomes"]
    page = {(indicator_iri(r["indicator"]), Decimal(str(r["tv"])), Decimal(str(r["av"])), r["met"]) for r in rows}
    assert page == graph and len(rows) == len(graph)
    assert (indicator_iri("地区生产总值"), Decimal(8), Decimal("7.2"), False) in page
    assert (indicator_iri("一般公共预算收入"), Decimal("6.5"), Decimal("11.3"), True) in page
