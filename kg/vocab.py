"""The project's vocabulary as a closed rdflib namespace, mirroring ontology/kg.ttl."""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

KG_IRI = "https://w3id.org/govreport-kg/ontology#"
KGR_IRI = "https://w3id.org/govreport-kg/resource/"

KGR = Namespace(KGR_IRI)


class KG(DefinedNamespace):
    """Terms of `kg:`; an unknown term is an error (`_fail`), so a typo cannot mint a new one."""

    _NS = Namespace(KG_IRI)
    _fail = True

    # classes
    Report: URIRef
    Place: URIRef
    Country: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    District: URIRef
    Town: URIRef
    Township: URIRef
    Village: URIRef
    Zone: URIRef
    Area: URIRef
    Region: URIRef
    Enterprise: URIRef
    Project: URIRef
    Indicator: URIRef
    IndicatorScheme: URIRef
    Year: URIRef
    Observation: URIRef
    Mention: URIRef
    Measure: URIRef
    Status: URIRef
    Qualifier: URIRef

    # individuals
    Growth: URIRef
    Level: URIRef
    Ratio: URIRef
    Change: URIRef
    Actual: URIRef
    Target: URIRef
    Exact: URIRef
    About: URIRef
    AtLeast: URIRef
    AtMost: URIRef
    indicators: URIRef  # the concept scheme of indicators

    # properties
    region: URIRef
    reportYear: URIRef
    reviewYear: URIRef
    title: URIRef
    delivered: URIRef
    speaker: URIRef
    speakerRole: URIRef
    partOf: URIRef
    adcode: URIRef
    locatedIn: URIRef
    involves: URIRef
    indicator: URIRef
    value: URIRef
    unit: URIRef
    unitMultiplier: URIRef
    measure: URIRef
    status: URIRef
    qualifier: URIRef
    year: URIRef
    period: URIRef
    refArea: URIRef
    report: URIRef
    mention: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sentence: URIRef
    rule: URIRef
