"""The project's vocabulary as a closed rdflib namespace, built from kg.terms (mirrors ontology/kg.ttl)."""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.terms import KG_IRI, KGR_IRI, TERMS

KGR = Namespace(KGR_IRI)

# A DefinedNamespace with `_fail`: an unknown term is an error, so a typo cannot mint a new one.
KG = type(DefinedNamespace)(
    "KG",
    (DefinedNamespace,),
    {"__annotations__": {name: URIRef for name in TERMS}, "_NS": Namespace(KG_IRI), "_fail": True,
     "__doc__": "Terms of `kg:`."},
)

__all__ = ["KG", "KGR", "KG_IRI", "KGR_IRI"]
