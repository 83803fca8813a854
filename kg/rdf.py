"""Facts to RDF: the only module that mints IRIs.

IRIs are derived from content (an adcode, a name, a report's digest and offsets), so two
builds give the same graph and the same thing found in two reports gets one IRI. No
blank nodes. Triples are collected per graph and subject and written sorted by kg.turtle.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kg.grammar import HAN_FIRST, HAN_LAST
from kg.model import Entity, EntityId, Mention, Observation, ReportFacts
from kg.outcomes import Followed, Outcome, follow_targets
from kg.turtle import write_trig, write_turtle
from kg.terms import IRI, KG_IRI, KGR_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
QB = "http://purl.org/linked-data/cube#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

# Our terms as plain strings (kg.terms): no rdflib in a build, and no DefinedNamespace lookups in hot loops.
T: dict[str, str] = IRI

PREFIXES = {
    "kg": KG_IRI,
    "kgr": KGR_IRI,
    "place": KGR_IRI + "place/",
    "ent": KGR_IRI + "enterprise/",
    "proj": KGR_IRI + "project/",
    "ind": KGR_IRI + "indicator/",
    "year": KGR_IRI + "year/",
    "report": KGR_IRI + "report/",
    "obs": KGR_IRI + "observation/",
    "men": KGR_IRI + "mention/",
    "sen": KGR_IRI + "sentence/",
    "nif": NIF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "prov": PROV,
    "qb": QB,
}

_KIND_PATH = {"Place": "place/", "Enterprise": "enterprise/", "Project": "project/"}
_PLACE_SUBCLASS = {"Country", "Province", "City", "County", "District", "Town", "Township", "Village", "Zone", "Area", "Region"}


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """A name as an IRI path segment: letters and digits of any script kept, the rest percent-encoded."""
    out = []
    for ch in name:
        if ch.isascii() and ch.isalnum() or HAN_FIRST <= ch <= HAN_LAST or "\u3400" <= ch <= "\u4dbf" or ch == "_":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def entity_iri(id: EntityId) -> str:
    """The IRI of a thing's id: a division by its code (place/430300); another place by the code of
    the division it lies in and its name (place/430100-城关镇: 城关镇 is a town of many counties); the
    rest by name."""
    if id.kind == "Place" and id.code and not id.name:
        return KGR_IRI + "place/" + id.code
    if id.kind == "Place" and id.code:
        return KGR_IRI + f"place/{id.code}-{slug(id.name)}"
    return KGR_IRI + _KIND_PATH[id.kind] + slug(id.name)


def entity_iris(facts: ReportFacts) -> dict[EntityId, str]:
    """The IRI of every entity of a report, by its id."""
    return {e.id: entity_iri(e.id) for e in facts.entities}


def report_key(facts: ReportFacts) -> str:
    """What a report is: its region's code (or name) and its year (130600-2021), so a rebuild, a
    renamed file or a second copy names it alike; the file's name only when neither is known."""
    meta = facts.document.meta
    region = _region_entity(facts)
    where = (region.adcode or slug(region.label)) if region is not None else (slug(meta.region) if meta.region else "")
    if where and meta.report_year:
        return f"{where}-{meta.report_year}"
    stem = facts.document.source.rsplit(".", 1)[0] or facts.document.source
    return f"{where}-{slug(stem)}" if where else slug(stem)


def _region_entity(facts: ReportFacts) -> Entity | None:
    region = facts.document.meta.region
    if not region:
        return None
    return next((e for e in facts.entities if e.kind == "Place" and (e.label == region or region in e.aliases)), None)


def report_iri(key: str) -> str:
    return KGR_IRI + "report/" + key


def year_iri(year: int) -> str:
    return KGR_IRI + f"year/{year}"


def indicator_iri(name: str) -> str:
    return KGR_IRI + "indicator/" + slug(name)


def mention_iri(key: str, m: Mention) -> str:
    return KGR_IRI + f"mention/{key}-{m.start}-{m.end}-{m.rule.replace('.', '_')}"


def sentence_iri(key: str, index: int) -> str:
    return KGR_IRI + f"sentence/{key}-{index}"


def observation_iri(key: str, o: Observation, n: int) -> str:
    return KGR_IRI + f"observation/{key}-{o.mention.start}-{o.mention.end}-{n}"


# An object: ("i", iri) or ("l", lexical form, language tag or "", datatype IRI or "").
Obj = tuple[str, ...]


def _iri(value: str) -> Obj:
    return ("i", value)


def _zh(text: str) -> Obj:
    return ("l", text, "zh", "")


def _lit(text: str, datatype: str = "") -> Obj:
    return ("l", text, "", datatype)


def _int(value: int) -> Obj:
    return ("l", str(value), "", XSD + "integer")


def _decimal(value: Decimal) -> Obj:
    return ("l", format(value, "f"), "", XSD + "decimal")


class Triples:
    """Triples grouped by graph and subject, a set each, so repeats across reports merge. The
    default graph ("") holds what reports share (places, enterprises and projects as things,
    indicators, years, containment, targets' outcomes); a report's graph (its IRI) what it says."""

    def __init__(self) -> None:
        self.graphs: dict[str, dict[str, set[tuple[str, Obj]]]] = defaultdict(lambda: defaultdict(set))

    def add(self, s: str, p: str, o: Obj, g: str = "") -> None:
        self.graphs[g][s].add((p, o))

    @property
    def by_subject(self) -> dict[str, set[tuple[str, Obj]]]:
        """Every graph's triples together."""
        if len(self.graphs) <= 1:
            return next(iter(self.graphs.values()), {})
        union: dict[str, set[tuple[str, Obj]]] = defaultdict(set)
        for subjects in self.graphs.values():
            for s, pos in subjects.items():
                union[s] |= pos
        return union

    def __len__(self) -> int:
        return sum(len(v) for subjects in self.graphs.values() for v in subjects.values())


@dataclass(frozen=True)
class _Report:
    """One report while its triples are made: its facts, its key and its graph's IRI."""

    facts: ReportFacts
    key: str

    @property
    def iri(self) -> str:
        return report_iri(self.key)


def report_keys(reports: Sequence[ReportFacts]) -> list[str]:
    """Each report's key; two reports of one region and year (two versions of one report) are
    told apart by their file's name, in the order of their sources."""
    return unique_keys([(report_key(f), f.document.source) for f in reports])


def unique_keys(keys: Sequence[tuple[str, str]]) -> list[str]:
    """Reports' keys from their own keys and their files' names (report_keys): reports of one key
    are told apart by their files' stems; those still alike (a .txt and an .html of one report
    that differ in their text, one file name in two folders) by their whole names, and then by a
    number in the reports' order (the second is -2)."""
    count = Counter(k for k, _ in keys)
    out = [f"{k}-{slug(source.rsplit('.', 1)[0] or source)}" if count[k] > 1 else k for k, source in keys]
    count = Counter(out)
    out = [f"{k}-{slug(source)}" if count[told] > 1 else told for told, (k, source) in zip(out, keys)]
    taken, seen = set(out), Counter()
    for n, k in enumerate(out):
        seen[k] += 1
        if seen[k] > 1:
            number = seen[k]
            while f"{k}-{number}" in taken:
                number += 1
            out[n] = f"{k}-{number}"
            taken.add(out[n])
    return out


@dataclass
class Part:
    """One report's share of the graph, made alone: the triples of its own named graph, the
    default-graph triples it contributes (things, containment, indicators, years), every
    surface form of each thing it names, and what following its targets needs."""

    key: str
    graph: dict[str, set[tuple[str, Obj]]]
    shared: dict[str, set[tuple[str, Obj]]]
    names: dict[str, set[str]]
    followed: list[Followed]

    @property
    def iri(self) -> str:
        return report_iri(self.key)


def report_part(facts: ReportFacts, key: str) -> Part:
    """The triples of one report under its key (report_keys), apart from what needs every
    report: the things' labels (the longest name over all reports) and targets' outcomes."""
    t = Triples()
    r = _Report(facts, key)
    names: dict[str, set[str]] = defaultdict(set)  # entity IRI → every surface form
    followed: list[Followed] = []
    keys = entity_iris(facts)
    _report(t, r, keys)
    for e in facts.entities:
        iri = keys[e.id]
        names[iri].update((e.label, *e.aliases))
        _entity(t, r, e, iri)
    by_label = {e.label: keys[e.id] for e in facts.entities if e.kind == "Place"}
    for e in facts.entities:
        if e.part_of and e.part_of in by_label:
            t.add(keys[e.id], T["partOf"], _iri(by_label[e.part_of]))
    for rel in facts.relations:
        if rel.subject in keys and rel.object in keys:
            t.add(keys[rel.subject], T[rel.predicate], _iri(keys[rel.object]), r.iri)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for o in facts.observations:
        n = counts[(o.mention.start, o.mention.end)]
        counts[(o.mention.start, o.mention.end)] += 1
        iri = observation_iri(key, o, n)
        _observation(t, r, o, iri, by_label)
        followed.append(Followed(iri, facts.document.meta.report_year, by_label.get(o.place), o.indicator,
                                 o.measure, o.year, o.status, o.qualifier, o.value, o.unit, o.preliminary,
                                 o.period))
    return Part(key, dict(t.graphs.get(r.iri, {})), dict(t.graphs.get("", {})), dict(names), followed)


def shared_triples(names: dict[str, set[str]], followed: Iterable[Followed]) -> Triples:
    """The default-graph triples that need every report: each thing's one rdfs:label (the
    longest name written in any report; the others are altLabels) and each target's outcome."""
    t = Triples()
    add_outcomes(t, follow_targets(followed))
    for iri, forms in names.items():
        label = sorted(forms, key=lambda f: (-len(f), f))[0]
        t.add(iri, RDFS + "label", _zh(label))
        for form in forms - {label}:
            t.add(iri, SKOS + "altLabel", _zh(form))
    return t


def add_outcomes(t: Triples, outcomes: Iterable[Outcome]) -> None:
    """Each target's result and whether it is met, in the default graph."""
    for outcome in outcomes:
        t.add(outcome.target, T["outcome"], _iri(outcome.actual))
        t.add(outcome.target, T["met"], _lit("true" if outcome.met else "false", XSD + "boolean"))


def collect(reports: Sequence[ReportFacts]) -> Triples:
    """Every report's facts as triples; entities found in several reports merge by IRI, and a
    target meets the result a later report gives for it (kg:outcome, kg:met)."""
    t = Triples()
    names: dict[str, set[str]] = defaultdict(set)
    followed: list[Followed] = []
    for facts, key in zip(reports, report_keys(reports)):
        part = report_part(facts, key)
        for s, pos in part.graph.items():
            t.graphs[part.iri][s] |= pos
        for s, pos in part.shared.items():
            t.graphs[""][s] |= pos
        for iri, forms in part.names.items():
            names[iri] |= forms
        followed.extend(part.followed)
    for s, pos in shared_triples(names, followed).graphs[""].items():
        t.graphs[""][s] |= pos
    return t


def _report(t: Triples, r: _Report, keys: dict[tuple[str, str], str]) -> None:
    doc, meta, iri = r.facts.document, r.facts.document.meta, r.iri
    g = iri
    t.add(iri, RDF_TYPE, _iri(T["Report"]), g)
    t.add(iri, RDFS + "label", _zh(meta.title or doc.source), g)
    t.add(iri, DCTERMS + "source", _lit(doc.source), g)
    if meta.title:
        t.add(iri, DCTERMS + "title", _zh(meta.title), g)
    if meta.report_year:
        t.add(iri, T["reportYear"], _iri(year_iri(meta.report_year)), g)
        _year(t, meta.report_year)
    if meta.review_year:
        t.add(iri, T["reviewYear"], _iri(year_iri(meta.review_year)), g)
        _year(t, meta.review_year)
    if meta.delivered:
        t.add(iri, DCTERMS + "date", _lit(meta.delivered, XSD + "date"), g)
    if meta.speaker:
        t.add(iri, T["speaker"], _zh(meta.speaker), g)
    if meta.speaker_role:
        t.add(iri, T["speakerRole"], _zh(meta.speaker_role), g)
    region = _region_entity(r.facts)
    if region is not None:
        t.add(iri, T["region"], _iri(keys[region.id]), g)


def _year(t: Triples, year: int) -> None:
    iri = year_iri(year)
    t.add(iri, RDF_TYPE, _iri(T["Year"]))
    t.add(iri, RDFS + "label", _lit(str(year)))


def _mention(t: Triples, r: _Report, m: Mention) -> str:
    iri, g = mention_iri(r.key, m), r.iri
    t.add(iri, RDF_TYPE, _iri(T["Mention"]), g)
    t.add(iri, T["report"], _iri(r.iri), g)
    t.add(iri, T["beginIndex"], _int(m.start), g)
    t.add(iri, T["endIndex"], _int(m.end), g)
    t.add(iri, T["anchorOf"], _lit(m.text), g)
    t.add(iri, T["sentence"], _iri(_sentence(t, r, m.sentence)), g)
    t.add(iri, T["rule"], _lit(m.rule), g)
    return iri


def _sentence(t: Triples, r: _Report, index: int) -> str:
    """A sentence as one node shared by all its mentions (nif:Sentence): its text once, however
    many mentions it holds."""
    iri, g = sentence_iri(r.key, index), r.iri
    if iri not in t.graphs[g]:
        s = r.facts.sentences[index]
        t.add(iri, RDF_TYPE, _iri(T["Sentence"]), g)
        t.add(iri, NIF + "isString", _lit(s.text), g)
        t.add(iri, NIF + "beginIndex", _int(s.start), g)
        t.add(iri, NIF + "endIndex", _int(s.end), g)
        t.add(iri, T["report"], _iri(r.iri), g)
    return iri


def _entity(t: Triples, r: _Report, e: Entity, iri: str) -> None:
    t.add(iri, RDF_TYPE, _iri(T[e.kind]))
    if e.kind == "Place" and e.subtype in _PLACE_SUBCLASS:
        t.add(iri, RDF_TYPE, _iri(T[e.subtype]))
    if e.adcode:
        t.add(iri, T["adcode"], _lit(e.adcode))
    for m in e.mentions:
        t.add(iri, T["mention"], _iri(_mention(t, r, m)), r.iri)


def _observation(t: Triples, r: _Report, o: Observation, iri: str, places: dict[str, str]) -> None:
    ind, g = indicator_iri(o.indicator), r.iri
    t.add(ind, RDF_TYPE, _iri(T["Indicator"]))
    t.add(ind, RDF_TYPE, _iri(SKOS + "Concept"))
    t.add(ind, RDFS + "label", _zh(o.indicator))
    t.add(ind, SKOS + "prefLabel", _zh(o.indicator))
    for alt in {*o.indicator_alt, o.indicator_written} - {o.indicator, ""}:
        t.add(ind, SKOS + "altLabel", _zh(alt))
    t.add(ind, SKOS + "inScheme", _iri(T["indicators"]))
    if o.year is not None:
        _year(t, o.year)
    sign = "+" if o.value > 0 and o.measure in ("Growth", "Change") else ""
    t.add(iri, RDF_TYPE, _iri(T["Observation"]), g)
    t.add(iri, RDFS + "label", _zh(f"{o.indicator} {o.year or ''} {sign}{format(o.value, 'f')}{o.unit}"), g)
    t.add(iri, T["indicator"], _iri(ind), g)
    t.add(iri, T["value"], _decimal(o.value), g)
    t.add(iri, T["unit"], _lit(o.unit), g)
    t.add(iri, T["unitMultiplier"], _int(o.multiplier), g)
    t.add(iri, T["measure"], _iri(T[o.measure]), g)
    t.add(iri, T["status"], _iri(T[o.status]), g)
    t.add(iri, T["qualifier"], _iri(T[o.qualifier]), g)
    if o.year is not None:
        t.add(iri, T["year"], _iri(year_iri(o.year)), g)
    if o.preliminary:
        t.add(iri, T["preliminary"], _lit("true", XSD + "boolean"), g)
    t.add(iri, T["report"], _iri(r.iri), g)
    t.add(iri, T["rule"], _lit(o.rule), g)
    if o.period:
        t.add(iri, T["period"], _zh(o.period), g)
    if o.place in places:
        t.add(iri, T["refArea"], _iri(places[o.place]), g)
    t.add(iri, T["mention"], _iri(_mention(t, r, o.mention)), g)


def to_turtle(reports: Sequence[ReportFacts]) -> bytes:
    """The Turtle document of all reports, byte-identical for the same input."""
    return turtle_of(collect(reports))


def turtle_of(t: Triples) -> bytes:
    """Every graph's triples as one Turtle document: what reports share, then each report's
    statements (kg.trig without its graphs; byte-identical for the same input)."""
    return write_turtle(t.graphs.get("", {}), {g: s for g, s in t.graphs.items() if g}, PREFIXES)


def trig_of(t: Triples) -> bytes:
    """The TriG document: what reports share in the default graph, each report's statements in
    a named graph of its own (the report's IRI); byte-identical for the same input."""
    return write_trig(t.graphs.get("", {}), {g: s for g, s in t.graphs.items() if g}, PREFIXES)
