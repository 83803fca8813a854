"""Facts to RDF: the only module that mints IRIs.

IRIs are derived from content (an adcode, a name, a report's digest and offsets), so two
builds give the same graph and the same thing found in two reports gets one IRI. No
blank nodes. Triples are collected per subject and written sorted by kg.turtle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from kg.model import Entity, Mention, Observation, ReportFacts
from kg.turtle import write_turtle
from kg.terms import IRI, KG_IRI, KGR_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
QB = "http://purl.org/linked-data/cube#"

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
        if ch.isascii() and ch.isalnum() or "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "_":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def entity_iri(kind: str, label: str, adcode: str | None = None, within: str | None = None) -> str:
    """A division by its code (place/430300); another place by the code of the division it lies
    in and its name (place/430100-城关镇: 城关镇 is a town of many counties); the rest by name."""
    if kind == "Place" and adcode:
        return KGR_IRI + "place/" + adcode
    if kind == "Place" and within:
        return KGR_IRI + f"place/{within}-{slug(label)}"
    return KGR_IRI + _KIND_PATH[kind] + slug(label)


def entity_iris(facts: ReportFacts) -> dict[tuple[str, str], str]:
    """The IRI of every entity of a report, by its key."""
    places = {e.label: e for e in facts.entities if e.kind == "Place"}

    def within(e: Entity) -> str | None:
        seen = set()
        while e.part_of and e.part_of in places and e.part_of not in seen:
            seen.add(e.part_of)
            e = places[e.part_of]
            if e.adcode:
                return e.adcode
        return None

    return {
        e.key: entity_iri(e.kind, e.label, e.adcode, None if e.adcode or e.subtype in ("Country", "Region") else within(e))
        for e in facts.entities
    }


def report_iri(facts: ReportFacts) -> str:
    return KGR_IRI + "report/" + facts.document.digest[:16]


def year_iri(year: int) -> str:
    return KGR_IRI + f"year/{year}"


def indicator_iri(name: str) -> str:
    return KGR_IRI + "indicator/" + slug(name)


def mention_iri(facts: ReportFacts, m: Mention) -> str:
    return KGR_IRI + f"mention/{facts.document.digest[:16]}-{m.start}-{m.end}-{m.rule.replace('.', '_')}"


def observation_iri(facts: ReportFacts, o: Observation, n: int) -> str:
    return KGR_IRI + f"observation/{facts.document.digest[:16]}-{o.mention.start}-{o.mention.end}-{n}"


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
    """Triples grouped by subject, a set each, so repeats across reports merge."""

    def __init__(self) -> None:
        self.by_subject: dict[str, set[tuple[str, Obj]]] = defaultdict(set)

    def add(self, s: str, p: str, o: Obj) -> None:
        self.by_subject[s].add((p, o))

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_subject.values())


def collect(reports: Sequence[ReportFacts]) -> Triples:
    """Every report's facts as triples; entities found in several reports merge by IRI."""
    t = Triples()
    names: dict[str, set[str]] = defaultdict(set)  # entity IRI → every surface form
    for facts in reports:
        keys = entity_iris(facts)
        _report(t, facts, keys)
        for e in facts.entities:
            iri = keys[e.key]
            names[iri].update((e.label, *e.aliases))
            _entity(t, facts, e, iri)
        by_label = {e.label: keys[e.key] for e in facts.entities if e.kind == "Place"}
        for e in facts.entities:
            if e.part_of and e.part_of in by_label:
                t.add(keys[e.key], T["partOf"], _iri(by_label[e.part_of]))
        for r in facts.relations:
            if r.subject in keys and r.object in keys:
                t.add(keys[r.subject], T[r.predicate], _iri(keys[r.object]))
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for o in facts.observations:
            n = counts[(o.mention.start, o.mention.end)]
            counts[(o.mention.start, o.mention.end)] += 1
            _observation(t, facts, o, observation_iri(facts, o, n), by_label)
    # One rdfs:label per thing: the longest name written in any report; the others are altLabels.
    for iri, forms in names.items():
        label = sorted(forms, key=lambda f: (-len(f), f))[0]
        t.add(iri, RDFS + "label", _zh(label))
        for form in forms - {label}:
            t.add(iri, SKOS + "altLabel", _zh(form))
    return t


def _report(t: Triples, facts: ReportFacts, keys: dict[tuple[str, str], str]) -> None:
    doc, meta, iri = facts.document, facts.document.meta, report_iri(facts)
    t.add(iri, RDF_TYPE, _iri(T["Report"]))
    t.add(iri, RDFS + "label", _zh(meta.title or doc.source))
    t.add(iri, DCTERMS + "source", _lit(doc.source))
    if meta.title:
        t.add(iri, DCTERMS + "title", _zh(meta.title))
    if meta.report_year:
        t.add(iri, T["reportYear"], _iri(year_iri(meta.report_year)))
        _year(t, meta.report_year)
    if meta.review_year:
        t.add(iri, T["reviewYear"], _iri(year_iri(meta.review_year)))
        _year(t, meta.review_year)
    if meta.delivered:
        t.add(iri, DCTERMS + "date", _lit(meta.delivered, XSD + "date"))
    if meta.speaker:
        t.add(iri, T["speaker"], _zh(meta.speaker))
    if meta.speaker_role:
        t.add(iri, T["speakerRole"], _zh(meta.speaker_role))
    region = next((e for e in facts.entities if e.kind == "Place" and meta.region and (e.label == meta.region or meta.region in e.aliases)), None)
    if region is not None:
        t.add(iri, T["region"], _iri(keys[region.key]))


def _year(t: Triples, year: int) -> None:
    iri = year_iri(year)
    t.add(iri, RDF_TYPE, _iri(T["Year"]))
    t.add(iri, RDFS + "label", _lit(str(year)))


def _mention(t: Triples, facts: ReportFacts, m: Mention) -> str:
    iri = mention_iri(facts, m)
    t.add(iri, RDF_TYPE, _iri(T["Mention"]))
    t.add(iri, T["report"], _iri(report_iri(facts)))
    t.add(iri, T["beginIndex"], _int(m.start))
    t.add(iri, T["endIndex"], _int(m.end))
    t.add(iri, T["anchorOf"], _lit(m.text))
    t.add(iri, T["sentence"], _lit(facts.sentences[m.sentence].text))
    t.add(iri, T["rule"], _lit(m.rule))
    return iri


def _entity(t: Triples, facts: ReportFacts, e: Entity, iri: str) -> None:
    t.add(iri, RDF_TYPE, _iri(T[e.kind]))
    if e.kind == "Place" and e.subtype in _PLACE_SUBCLASS:
        t.add(iri, RDF_TYPE, _iri(T[e.subtype]))
    if e.adcode:
        t.add(iri, T["adcode"], _lit(e.adcode))
    for m in e.mentions:
        t.add(iri, T["mention"], _iri(_mention(t, facts, m)))


def _observation(t: Triples, facts: ReportFacts, o: Observation, iri: str, places: dict[str, str]) -> None:
    ind = indicator_iri(o.indicator)
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
    t.add(iri, RDF_TYPE, _iri(T["Observation"]))
    t.add(iri, RDFS + "label", _zh(f"{o.indicator} {o.year or ''} {sign}{format(o.value, 'f')}{o.unit}"))
    t.add(iri, T["indicator"], _iri(ind))
    t.add(iri, T["value"], _decimal(o.value))
    t.add(iri, T["unit"], _lit(o.unit))
    t.add(iri, T["unitMultiplier"], _int(o.multiplier))
    t.add(iri, T["measure"], _iri(T[o.measure]))
    t.add(iri, T["status"], _iri(T[o.status]))
    t.add(iri, T["qualifier"], _iri(T[o.qualifier]))
    if o.year is not None:
        t.add(iri, T["year"], _iri(year_iri(o.year)))
    t.add(iri, T["report"], _iri(report_iri(facts)))
    t.add(iri, T["rule"], _lit(o.rule))
    if o.period:
        t.add(iri, T["period"], _zh(o.period))
    if o.place in places:
        t.add(iri, T["refArea"], _iri(places[o.place]))
    t.add(iri, T["mention"], _iri(_mention(t, facts, o.mention)))


def to_turtle(reports: Sequence[ReportFacts]) -> bytes:
    """The Turtle document of all reports, byte-identical for the same input."""
    return write_turtle(collect(reports).by_subject, PREFIXES)
