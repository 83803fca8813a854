"""The project's vocabulary as plain strings: every term of `kg:`, mirrored by ontology/kg.ttl.

kg.vocab builds the closed rdflib namespace from these names; kg.rdf reads them as
strings, so a build does not import rdflib (a fifth of a second in every process).
"""

KG_IRI = "https://w3id.org/govreport-kg/ontology#"
KGR_IRI = "https://w3id.org/govreport-kg/resource/"

CLASSES = (
    "Report", "Place", "Country", "Province", "City", "County", "District", "Town", "Township",
    "Village", "Zone", "Area", "Region", "Enterprise", "Project", "Indicator", "IndicatorScheme",
    "Year", "Observation", "Mention", "Sentence", "Measure", "Status", "Qualifier",
)
INDIVIDUALS = (
    "Growth", "Level", "Ratio", "Change", "Actual", "Target", "Exact", "About", "AtLeast", "AtMost",
    "indicators",
)
PROPERTIES = (
    "region", "reportYear", "reviewYear", "title", "delivered", "speaker", "speakerRole", "partOf",
    "adcode", "locatedIn", "involves", "indicator", "value", "unit", "unitMultiplier", "measure",
    "status", "qualifier", "year", "period", "refArea", "report", "mention", "beginIndex",
    "endIndex", "anchorOf", "sentence", "rule", "outcome", "met", "preliminary",
)
TERMS = CLASSES + INDIVIDUALS + PROPERTIES

# Each term's full IRI, by name.
IRI = {name: KG_IRI + name for name in TERMS}
