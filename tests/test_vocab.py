"""The code's vocabulary and ontology/kg.ttl declare the same terms, and cover the contract."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from kg.vocab import KG, KG_IRI

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
CONTRACT_TERMS = {
    "Report", "Place", "Enterprise", "Project", "Indicator", "Year", "Observation", "Mention",
    "region", "reportYear", "partOf", "adcode", "locatedIn", "involves", "indicator", "value", "unit",
    "measure", "status", "qualifier", "year", "refArea", "report", "mention", "beginIndex", "endIndex",
    "anchorOf", "sentence", "Growth", "Level", "Ratio", "Change", "Actual", "Target", "Exact", "About",
    "AtLeast", "AtMost",
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def _declared(g: rdflib.Graph) -> set[str]:
    return {str(s)[len(KG_IRI):] for s in g.subjects(RDF.type, None) if str(s).startswith(KG_IRI)}


def test_ontology_and_code_declare_the_same_terms(ontology):
    code_terms = set(KG.__annotations__)
    assert _declared(ontology) == code_terms


def test_contract_terms_are_all_declared(ontology):
    assert CONTRACT_TERMS <= _declared(ontology)


def test_every_term_has_zh_and_en_labels_and_a_comment(ontology):
    for name in _declared(ontology):
        term = rdflib.URIRef(KG_IRI + name)
        langs = {label.language for label in ontology.objects(term, rdflib.RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert ontology.value(term, rdflib.RDFS.comment) is not None, name


def test_alignment_with_standards(ontology):
    qb = rdflib.Namespace("http://purl.org/linked-data/cube#")
    skos = rdflib.SKOS
    assert (KG.Observation, rdflib.RDFS.subClassOf, qb.Observation) in ontology
    assert (KG.Indicator, rdflib.RDFS.subClassOf, skos.Concept) in ontology
    assert (KG.indicators, RDF.type, skos.ConceptScheme) in ontology
    assert (KG.partOf, RDF.type, OWL.TransitiveProperty) in ontology


def test_unknown_term_is_an_error():
    with pytest.raises(AttributeError):
        KG.Regoin  # noqa: B018 — a typo must not mint a term
