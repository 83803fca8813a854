"""Facts → one self-contained HTML viewer page (vis-network via pyvis); the only module that imports pyvis.

The page works opened from disk with no network: vis-network's code and CSS are
inlined from pyvis's bundled copy, every http(s) reference is stripped, and a
Content-Security-Policy allows only the page's own inline scripts. All report
data travels as one JSON blob in a `<script type="application/json">` tag with
`<`, `>` and `&` escaped, and `viewer.js` builds the panels with textContent,
so no report string is ever parsed as HTML.

One report's page draws the whole graph on opening. A page of several reports opens on
a picker of reports and kinds and a table of targets with their results, and draws
only what the reader picks: each node and edge carries the reports that name it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import html
import json
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Sequence

from kg.grammar import ENUMERATION_COMMA
from kg.model import EntityId, Observation, ReportFacts

VIEWER_DIR = Path(__file__).parent / "viewer"
TEMPLATE = "page.html"

EVIDENCE_CAP = 20  # mentions per node or edge written into the page
OBSERVATION_CAP = 200  # observation rows per indicator or year written into the page
LABEL_MAX = 18  # longer names are shortened on the canvas; the panel shows them whole
LAYOUT_SEED = 7
STABILIZATION_MIN, STABILIZATION_MAX = 50, 120  # layout steps before physics stops

CJK_FONTS = '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif'

_TITLE_SLOT = "@@KG_TITLE@@"
_DATA_SLOT = "@@KG_DATA@@"
_CSP_SLOT = "@@KG_CSP@@"


@dataclass(frozen=True)
class NodeClass:
    """How one class of node looks: vis-network shape and colour, legend name."""

    name: str
    zh: str
    color: str
    shape: str


# Each class of node's colour and shape, in the legend's order; its name in the legend is the
# viewer table's (kg/rules/viewer.toml [classes]).
_LOOKS = (
    ("Report", "#8c564b", "star"),
    ("Place", "#4e79a7", "dot"),
    ("Enterprise", "#f28e2b", "diamond"),
    ("Project", "#59a14f", "triangle"),
    ("Indicator", "#e15759", "hexagon"),
    ("Year", "#b07aa1", "square"),
)


@dataclass(frozen=True)
class Labels:
    """The words the page shows (kg/rules/viewer.toml), each map in the table's order."""

    classes: tuple[NodeClass, ...]
    predicates: dict[str, str]  # predicate → an edge's label
    status: dict[str, str]  # Actual, Target
    qualifier: dict[str, str]  # written after a value (左右 for About)
    measure: dict[str, str]  # Growth, Level …
    properties: dict[str, str]  # key → label in the panel, in display order
    graph: str  # ends the page's title
    reports: str  # after the count of reports in a page of several

    def of_class(self, name: str) -> NodeClass:
        return next(c for c in self.classes if c.name == name)


@functools.cache
def viewer_labels() -> Labels:
    """The viewer's labels, from the rule book's viewer table (validated when it is loaded)."""
    from kg.rules import load_rules

    table = load_rules().table("viewer")
    return Labels(
        classes=tuple(NodeClass(name, table["classes"][name], color, shape) for name, color, shape in _LOOKS),
        predicates=dict(table["predicates"]),
        status=dict(table["status"]),
        qualifier=dict(table["qualifier"]),
        measure=dict(table["measure"]),
        properties=dict(table["properties"]),
        graph=table["title"]["graph"],
        reports=table["title"]["reports"],
    )


class _Evidence(NamedTuple):
    """One mention as the page shows it: which report, where, and the rule that found it.

    A named tuple rather than a dataclass: sorting and hashing tens of thousands of
    them stays in C.
    """

    report: int
    start: int
    end: int
    text: str
    rule: str
    sentence: int
    also: tuple[int, ...] = ()  # (start, end) of a second span to mark, e.g. the indicator's name


@dataclass(slots=True)
class _NodeDraft:
    """A node while facts from every report are gathered into it (private, mutable)."""

    id: str
    cls: str
    name: str
    aliases: set[str] = field(default_factory=set)
    props: dict[str, set[str]] = field(default_factory=dict)
    evidence: set[_Evidence] = field(default_factory=set)
    observations: list[tuple[tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    reports: set[int] = field(default_factory=set)  # the reports that name it: what a picked report draws

    def add_prop(self, key: str, value: object) -> None:
        if value is not None and value != "":
            self.props.setdefault(key, set()).add(str(value))


@dataclass(slots=True)
class _EdgeDraft:
    rules: set[str] = field(default_factory=set)
    evidence: set[_Evidence] = field(default_factory=set)
    reports: set[int] = field(default_factory=set)


@dataclass
class _Graph:
    nodes: dict[str, _NodeDraft] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], _EdgeDraft] = field(default_factory=dict)

    def node(self, report: int, cls: str, key: str, name: str | None = None) -> _NodeDraft:
        """The node `cls:key`, made on first use and marked as named by `report`; `name`
        (default: the key) is what the page shows."""
        node_id = f"{cls}:{key}"
        draft = self.nodes.get(node_id)
        if draft is None:
            draft = self.nodes[node_id] = _NodeDraft(node_id, cls, name or key)
        draft.reports.add(report)
        return draft

    def edge(self, report: int, source: _NodeDraft, target: _NodeDraft, label: str) -> _EdgeDraft:
        key = (source.id, target.id, label)
        draft = self.edges.get(key)
        if draft is None:
            draft = self.edges[key] = _EdgeDraft()
        draft.reports.add(report)
        return draft


def render_html(reports: Sequence[ReportFacts]) -> str:
    """Return the whole viewer page for `reports` as one string; same reports, same bytes.

    Reports are ordered by (source, digest) first, so the page does not depend on
    the order they are given in.
    """
    ordered = sorted(reports, key=lambda f: (f.document.source, f.document.digest))
    head, middle, tail = _page_shell()
    with _collector_paused():
        data = _page_data(ordered, _gather(ordered))
        blob = _embed_json(data)
    return "".join((head, html.escape(_page_title(ordered)), middle, blob, tail))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the page data is built.

    A large build allocates hundreds of thousands of small dicts and lists while the
    reports' facts are alive, and each collector pass walks all of them: that halves
    the speed for 10,000 nodes and grows faster than the input. Nothing built here
    forms a cycle, so reference counting frees it all the same.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ---- facts → graph -------------------------------------------------------------------------


def _entity_keys(reports: Sequence[ReportFacts]) -> list[dict[tuple[str, str], tuple[str, str]]]:
    """Per report, each entity's (kind, label) → the (key, name) of its node. An entity is one
    node wherever its id is one (the id kg.rdf mints its IRI from: a division by its code, 湘潭 and
    湘潭市 alike), shown by its fullest label; two things of one label (朝阳区 of 北京 and of 长春)
    are two nodes, their keys told apart by the id."""
    ids = [{e.key: e.id for e in facts.entities} for facts in reports]
    labels: dict[EntityId, set[str]] = defaultdict(set)
    for keys in ids:
        for (_, label), id in keys.items():
            labels[id].add(label)
    shown = {id: min(names, key=lambda t: (-len(t), t)) for id, names in labels.items()}
    owners: dict[tuple[str, str], set[EntityId]] = defaultdict(set)
    for keys in ids:
        for (kind, _), id in keys.items():
            owners[(kind, shown[id])].add(id)
    return [{
        (kind, label): (shown[id] if len(owners[(kind, shown[id])]) == 1 else f"{shown[id]}@{_told_apart(id)}", shown[id])
        for (kind, label), id in keys.items()
    } for keys in ids]


def _told_apart(id: EntityId) -> str:
    """What tells a thing from another of its label: a division's code, another place's division and name."""
    return id.code if not id.name else f"{id.code}-{id.name}" if id.code else id.name


def _gather(reports: Sequence[ReportFacts]) -> _Graph:
    """Merge every report's facts into one graph of nodes keyed by id (entities as the Turtle's IRIs
    are: _entity_keys)."""
    graph = _Graph()
    all_keys = _entity_keys(reports)
    for r, facts in enumerate(reports):
        doc, meta = facts.document, facts.document.meta
        keys = all_keys[r]

        def entity_node(kind: str, label: str) -> _NodeDraft:
            key, name = keys.get((kind, label), (label, label))
            return graph.node(r, kind, key, name)

        report = graph.node(r, "Report", doc.source, meta.title)
        for key, value in (
            ("source", doc.source),
            ("title", meta.title),
            ("region", meta.region),
            ("reportYear", meta.report_year),
            ("reviewYear", meta.review_year),
            ("delivered", meta.delivered),
            ("speaker", meta.speaker),
            ("speakerRole", meta.speaker_role),
        ):
            report.add_prop(key, value)
        if meta.region:
            region = next((e.label for e in facts.entities if e.kind == "Place"
                           and (e.label == meta.region or meta.region in e.aliases)), meta.region)
            graph.edge(r, report, entity_node("Place", region), "region")
        if meta.report_year is not None:
            graph.edge(r, report, graph.node(r, "Year", str(meta.report_year)), "reportYear")

        for entity in facts.entities:
            node = entity_node(entity.kind, entity.label)
            node.aliases.update(entity.aliases)
            if entity.label != node.name:
                node.aliases.add(entity.label)  # 湘潭 in one report, 湘潭市 in another: one place
            node.add_prop("subtype", entity.subtype)
            node.add_prop("adcode", entity.adcode)
            node.add_prop("partOf", entity.part_of)
            node.evidence.update(
                _Evidence(r, m.start, m.end, m.text, m.rule, m.sentence) for m in entity.mentions
            )
            if entity.part_of:
                graph.edge(r, node, entity_node("Place", entity.part_of), "partOf")

        for relation in facts.relations:
            subject = entity_node(relation.subject.kind, relation.subject.label)
            obj = entity_node(relation.object.kind, relation.object.label)
            edge = graph.edge(r, subject, obj, relation.predicate)
            edge.rules.add(relation.rule)
            m = relation.mention
            if m is not None:
                edge.evidence.add(_Evidence(r, m.start, m.end, m.text, m.rule, m.sentence))

        for o in facts.observations:
            indicator = graph.node(r, "Indicator", o.indicator)
            indicator.aliases.update(o.indicator_alt)
            if o.indicator_written:
                indicator.aliases.add(o.indicator_written)
            year = graph.node(r, "Year", str(o.year)) if o.year is not None else None
            row = _observation_row(o, r)
            indicator.observations.append(row)
            if year is not None:
                year.observations.append(row)
            evidence = _observation_evidence(o, r)
            indicator.evidence.add(evidence)
            if year is not None:
                year.evidence.add(evidence)
                graph.edge(r, indicator, year, "observed" if o.status == "Actual" else "target")
    return graph


def _observation_evidence(o: Observation, report: int) -> _Evidence:
    """An observation's number as evidence, with its indicator's name as the second span to mark."""
    also = (o.indicator_start, o.indicator_end)
    m = o.mention
    return _Evidence(report, m.start, m.end, m.text, o.rule, m.sentence, also if None not in also else ())


def _observation_row(o: Observation, report: int) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """An observation as one table row, with the key it is sorted by."""
    value = format(o.value, "f")
    if o.measure in ("Growth", "Change") and o.value > 0:
        value = "+" + value
    shown = f"{value}{o.unit}{viewer_labels().qualifier.get(o.qualifier, '')}"
    row = {
        "year": o.year,
        "indicator": o.indicator,
        "value": shown,
        "status": o.status,
        "place": o.place,
        "measure": o.measure,
        "rule": o.rule,
        "report": report,
        "at": [o.mention.start, o.mention.end],
    }
    if o.period:
        row["period"] = o.period
    key = (o.year or 0, o.status != "Actual", o.indicator, o.place, report, o.mention.start, shown, o.rule)
    return key, row


# ---- graph → page data ---------------------------------------------------------------------
#
# The page's JSON, kept compact because a large build has tens of thousands of nodes:
#   nodes:     {id, label, cls, shape, color, size, name? (when label is shortened), aliases?, props?,
#               nEv, ev?, nObs?, obs?}; tooltips are made from these by viewer.js
#   edges:     {from, to, label, rules?, nEv?, ev?}
#   ev:        {r: report, b: begin, e: end, k: rule (index into rules), s?: sentence (index into
#               sentences), a?: anchor text (only when the sentence does not hold it at b..e),
#               x?: [begin, end] of a second span to mark (the indicator's name)}
#   sentences: [report, begin, text]
# With several reports, nodes and edges also carry rs (the indices of the reports that name them,
# so the page draws the reports a reader picks without a copy of the graph per report), and the
# page has outcomes (below): one report's page is as it was.


class _Tables:
    """Sentences and rule ids that evidence points at, each written once into the page."""

    def __init__(self, reports: Sequence[ReportFacts]) -> None:
        self._reports = reports
        self._sentence_ref: dict[tuple[int, int], int] = {}
        self._rule_ref: dict[str, int] = {}
        self.sentences: list[list[Any]] = []
        self.rules: list[str] = []

    def rule(self, rule: str) -> int:
        ref = self._rule_ref.get(rule)
        if ref is None:
            ref = self._rule_ref[rule] = len(self.rules)
            self.rules.append(rule)
        return ref

    def evidence(self, ev: _Evidence) -> dict[str, Any]:
        out: dict[str, Any] = {"r": ev.report, "b": ev.start, "e": ev.end, "k": self.rule(ev.rule)}
        sentences = self._reports[ev.report].sentences
        holds_anchor = False
        if 0 <= ev.sentence < len(sentences):
            s = sentences[ev.sentence]
            key = (ev.report, ev.sentence)
            ref = self._sentence_ref.get(key)
            if ref is None:
                ref = self._sentence_ref[key] = len(self.sentences)
                self.sentences.append([ev.report, s.start, s.text])
            out["s"] = ref
            holds_anchor = ev.start >= s.start and s.text[ev.start - s.start : ev.end - s.start] == ev.text
        if not holds_anchor:
            out["a"] = ev.text
        if ev.also:
            out["x"] = list(ev.also)
        return out


def _page_data(reports: Sequence[ReportFacts], graph: _Graph) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready values built in a fixed order."""
    tables = _Tables(reports)
    words = viewer_labels()
    many = len(reports) > 1  # several reports: the page opens on a picker and draws the chosen ones
    nodes: list[dict[str, Any]] = []
    for node_id in sorted(graph.nodes):
        draft = graph.nodes[node_id]
        style = words.of_class(draft.cls)
        evidence = sorted(draft.evidence)
        rows = [row for _, row in sorted(draft.observations, key=lambda kr: kr[0])]
        weight = len(rows) if draft.cls in ("Indicator", "Year") else len(evidence)
        label = _short(draft.name)
        node: dict[str, Any] = {
            "id": node_id,
            "label": label,
            "cls": draft.cls,
            "shape": style.shape,
            "color": style.color,
            "size": 30 if draft.cls == "Report" else _size(weight),
        }
        if label != draft.name:
            node["name"] = draft.name
        aliases = sorted(draft.aliases - {draft.name})
        if aliases:
            node["aliases"] = aliases
        props = [[key, ENUMERATION_COMMA.join(sorted(draft.props[key]))] for key in words.properties if key in draft.props]
        if props:
            node["props"] = props
        node["nEv"] = len(evidence)
        if evidence:
            node["ev"] = [tables.evidence(ev) for ev in evidence[:EVIDENCE_CAP]]
        if rows:
            node["nObs"] = len(rows)
            node["obs"] = rows[:OBSERVATION_CAP]
        if many:
            node["rs"] = sorted(draft.reports)
        nodes.append(node)

    edges: list[dict[str, Any]] = []
    for key in sorted(graph.edges):
        source, target, label = key
        draft = graph.edges[key]
        edge: dict[str, Any] = {"from": source, "to": target, "label": label}
        if draft.rules:
            edge["rules"] = sorted(draft.rules)
        if draft.evidence:
            evidence = sorted(draft.evidence)
            edge["nEv"] = len(evidence)
            edge["ev"] = [tables.evidence(ev) for ev in evidence[:EVIDENCE_CAP]]
        if many:
            edge["rs"] = sorted(draft.reports)
        edges.append(edge)

    data: dict[str, Any] = {
        "meta": {
            "title": _page_title(reports),
            "reports": [_report_entry(f) for f in reports],
            "predicates": words.predicates,
            "props": words.properties,
            "status": words.status,
            "measure": words.measure,
            "evidenceCap": EVIDENCE_CAP,
            "observationCap": OBSERVATION_CAP,
        },
        "classes": [{"name": c.name, "zh": c.zh, "color": c.color, "shape": c.shape} for c in words.classes],
        "nodes": nodes,
        "edges": edges,
        "sentences": tables.sentences,
        "rules": tables.rules,
        "options": _vis_options(len(nodes)),
    }
    if many:
        data["meta"]["layout"] = {  # for the reports a reader picks, as _vis_options does for all
            "min": STABILIZATION_MIN,
            "max": STABILIZATION_MAX,
            "budget": _LAYOUT_BUDGET,
            "improved": _IMPROVED_LAYOUT_MAX,
            "big": _BIG,
        }
        data["meta"]["qualifier"] = words.qualifier
        data["outcomes"] = _outcome_rows(reports, tables)
    return data


def _report_entry(facts: ReportFacts) -> dict[str, Any]:
    """A report as the picker lists it: file, title, and region and year when known."""
    doc, meta = facts.document, facts.document.meta
    entry: dict[str, Any] = {"source": doc.source, "title": meta.title or doc.source}
    if meta.region:
        entry["region"] = meta.region
    if meta.report_year is not None:
        entry["year"] = meta.report_year
    return entry


# ---- targets and their results -------------------------------------------------------------
#
# outcomes: [{place, indicator, year, target (value, unit and qualifier as written), tv (its
#            number), q (qualifier), result, av, pre? (a preliminary result), met, tr, ar (the
#            reports of the target and the result), tev, aev (their evidence, as ev above)}]


def _outcome_rows(reports: Sequence[ReportFacts], tables: _Tables) -> list[dict[str, Any]]:
    """Each target with the result a later report gives for it, as kg:outcome and kg:met link
    them: the same kg.outcomes.follow_targets over the same keys, with the places keyed by their
    ids, as kg.rdf's IRIs are (so 保定市 of two reports is one place), and observations named by
    (report, offsets, n) in the order kg.rdf's IRIs sort in within a report."""
    from kg.outcomes import Followed, follow_targets
    observed: dict[str, tuple[int, Observation]] = {}
    followed: list[Followed] = []
    for r, facts in enumerate(reports):
        places = {e.label: e.id.key for e in facts.entities if e.kind == "Place"}
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for o in facts.observations:
            span = (o.mention.start, o.mention.end)
            n = counts[span]
            counts[span] += 1
            ref = f"{r}:{span[0]}-{span[1]}-{n}"
            observed[ref] = (r, o)
            followed.append(Followed(ref, facts.document.meta.report_year, places.get(o.place), o.indicator,
                                     o.measure, o.year, o.status, o.qualifier, o.value, o.unit, o.preliminary,
                                     o.period))
    rows = []
    for outcome in follow_targets(followed):
        (tr, target), (ar, actual) = observed[outcome.target], observed[outcome.actual]
        row: dict[str, Any] = {
            "place": target.place,
            "indicator": target.indicator,
            "year": target.year,
            "target": f"{format(target.value, 'f')}{target.unit}{viewer_labels().qualifier.get(target.qualifier, '')}",
            "tv": float(target.value),
            "q": target.qualifier,
            "result": f"{format(actual.value, 'f')}{actual.unit}",
            "av": float(actual.value),
        }
        if actual.preliminary:
            row["pre"] = True
        row |= {"met": outcome.met, "tr": tr, "ar": ar, "tev": tables.evidence(_observation_evidence(target, tr)),
                "aev": tables.evidence(_observation_evidence(actual, ar))}
        rows.append(row)
    rows.sort(key=lambda row: (row["place"], row["indicator"], row["year"], row["tr"], row["tev"]["b"]))
    return rows


def _short(name: str) -> str:
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1] + "…"


def _size(weight: int) -> float:
    """Node radius grows with the square root of its mentions, so big nodes do not swamp the picture."""
    return round(min(10 + 4 * math.sqrt(weight), 48), 1)


_LAYOUT_BUDGET = 48_000  # layout steps × nodes: more nodes, fewer steps
_IMPROVED_LAYOUT_MAX = 150  # vis-network's Kamada-Kawai start, only for small graphs (it grows as n²)
_BIG = 1500  # nodes above which edges are hidden while the view is dragged


def layout_steps(n_nodes: int) -> int:
    """How many layout steps a graph of `n_nodes` gets; viewer.js computes the same for the
    reports a reader picks (meta.layout)."""
    return max(STABILIZATION_MIN, min(STABILIZATION_MAX, _LAYOUT_BUDGET // max(n_nodes, 1)))


def _vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: fixed seed, a bounded number of ForceAtlas2 steps (the page then turns physics off).

    The number of steps depends only on the number of nodes, never on the clock, so
    the first layout is the same on every open, however fast the machine. ForceAtlas2 keeps
    the clusters (a year and its indicators, a city and its districts) apart and gives
    a readable picture of the sample in 120 steps, ~1 s in headless Chromium; the
    Barnes-Hut settings used before took ~930 steps, ~12 s. `theta` 0.9 trades a little
    accuracy of the far-field force for speed. The page draws node labels itself
    (viewer.js), so vis-network's font options only name the face it uses.
    """
    big = n_nodes > _BIG
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": n_nodes <= _IMPROVED_LAYOUT_MAX},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "theta": 0.9,
                "gravitationalConstant": -60,
                "centralGravity": 0.05,
                "springLength": 40,
                "springConstant": 0.1,
                "damping": 0.6,
                "avoidOverlap": 0,
            },
            "minVelocity": 2,
            "stabilization": {"enabled": True, "iterations": layout_steps(n_nodes), "updateInterval": 20, "fit": True},
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"face": CJK_FONTS, "size": 14, "color": "#222222"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#b8b8b8", "highlight": "#555555", "hover": "#555555"},
            "smooth": False,  # straight lines: cheaper to draw, and edge labels sit on their midpoints
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "keyboard": False},
    }


def _page_title(reports: Sequence[ReportFacts]) -> str:
    if len(reports) == 1:
        doc = reports[0].document
        return f"{doc.meta.title or doc.source} · {viewer_labels().graph}"
    return f"{len(reports)} {viewer_labels().reports} · {viewer_labels().graph}"


def _embed_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no `</script`, `<!--` or markup can appear in it.

    Dicts are built in a fixed order, so no key sorting is needed for identical output.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---- the page around the data --------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _page_shell() -> tuple[str, str, str]:
    """The page without its data, split around the title and data slots; built once per process,
    and drawn by pyvis once per version of pyvis, of the viewer's files and of this module: it is
    kept in the user's cache folder, since importing pyvis costs a new process ~0.4–0.7 s
    (networkx, IPython)."""
    from kg.extract.tokens import cache_dir

    path = cache_dir() / f"viewer-shell-{_shell_key()}.json"
    try:
        head, middle, tail = json.loads(path.read_text("utf-8"))
        if all(isinstance(part, str) for part in (head, middle, tail)):
            return head, middle, tail
    except (OSError, ValueError, TypeError):
        pass
    shell = _draw_shell()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(shell), "utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return shell


def _shell_key() -> str:
    """What the page's shell is made of: this module, the viewer's files, and pyvis's files (by
    name, size and time, found without importing pyvis)."""
    import importlib.util

    h = hashlib.sha256(Path(__file__).read_bytes())
    for f in sorted(VIEWER_DIR.iterdir()):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    spec = importlib.util.find_spec("pyvis")
    for folder in sorted(spec.submodule_search_locations or ()) if spec else ():
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                st = os.stat(os.path.join(root, name))
                h.update(f"{os.path.relpath(os.path.join(root, name), folder)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]


def _draw_shell() -> tuple[str, str, str]:
    """The page without its data, drawn by pyvis."""
    from pyvis.network import Network  # costs ~0.4 s to import: only when a page is drawn

    net = Network(directed=True, cdn_resources="in_line")
    # Our template first, pyvis's own directory second so `lib/vis-9.1.2/...` includes resolve.
    net.set_template_dir([str(VIEWER_DIR), net.template_dir], TEMPLATE)
    page = _strip_remote_refs(net.generate_html())
    page = page.replace(_CSP_SLOT, _content_security_policy(page), 1)
    for slot in (_TITLE_SLOT, _DATA_SLOT):
        if page.count(slot) != 1:
            raise RuntimeError(f"viewer template {VIEWER_DIR / TEMPLATE} must hold {slot} exactly once")
    head, rest = page.split(_TITLE_SLOT)
    middle, tail = rest.split(_DATA_SLOT)
    return head, middle, tail


_REMOTE = r"""["']?\s*(?:https?:)?//"""
_REMOTE_REFS = (
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*" + _REMOTE + r"[^>]*>\s*</script\s*>", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*" + _REMOTE + r"[^>]*>", re.I),
    re.compile(r"@import\s+(?:url\(\s*)?" + _REMOTE + r"[^;]*;", re.I),
)
_REMOTE_URL = re.compile(r"url\(\s*" + _REMOTE + r"[^)]*\)", re.I)


def _strip_remote_refs(page: str) -> str:
    """Drop every script, stylesheet, @import or url() that would reach the network."""
    for pattern in _REMOTE_REFS:
        page = pattern.sub("", page)
    return _REMOTE_URL.sub("none", page)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _content_security_policy(page: str) -> str:
    """Allow exactly the page's own inline scripts (by hash) and nothing from the network."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in _INLINE_SCRIPT.findall(page)
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data: blob:; "
        "font-src data:; "
        "base-uri 'none'; "
        "form-action 'none'"
    )
