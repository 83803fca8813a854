"""The indicator scheme: common statistical indicators with their other names (kg/rules/indicators.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import RuleError
from kg.grammar import CLOSE_QUOTE, CLOSE_SINGLE_QUOTE, IDEOGRAPHIC_SPACE, OPEN_QUOTE, OPEN_SINGLE_QUOTE


@dataclass(frozen=True)
class Concept:
    """One indicator of the scheme: its key, preferred name and other names."""

    key: str
    label: str
    alt: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class IndicatorScheme:
    """Names to concepts; a name found in a report is normalised to its concept's label."""

    concepts: tuple[Concept, ...]
    by_name: dict[str, Concept]

    def normalise(self, name: str) -> Concept | None:
        return self.by_name.get(_fold(name))


# Quote marks and spaces, which names compare without.
_UNFOLDED = OPEN_QUOTE + CLOSE_QUOTE + "\"'" + OPEN_SINGLE_QUOTE + CLOSE_SINGLE_QUOTE + " " + IDEOGRAPHIC_SPACE


def _fold(name: str) -> str:
    """Names compare without quotes, spaces and case (“三公”经费 = 三公经费, gdp = GDP)."""
    return "".join(ch for ch in name if ch not in _UNFOLDED).upper()


def parse_scheme(text: str, table: str = "indicators") -> IndicatorScheme:
    """Parse and validate the table: every concept has a label and alt list; no name is claimed twice."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RuleError(table, "-", f"is not valid TOML ({err})") from None
    concepts, by_name = [], {}
    for key, body in data.items():
        if not isinstance(body, dict) or set(body) != {"label", "alt"}:
            raise RuleError(table, key, "needs exactly `label` and `alt`")
        if not isinstance(body["label"], str) or not isinstance(body["alt"], list):
            raise RuleError(table, key, "`label` must be a string and `alt` a list")
        concept = Concept(key, body["label"], tuple(body["alt"]))
        for name in (concept.label, *concept.alt):
            folded = _fold(name)
            if folded in by_name:
                raise RuleError(table, key, f"name {name} is already a name of {by_name[folded].key}")
            by_name[folded] = concept
        concepts.append(concept)
    return IndicatorScheme(tuple(concepts), by_name)


@cache
def load_scheme() -> IndicatorScheme:
    return parse_scheme((resources.files("kg.rules") / "indicators.toml").read_text("utf-8"))


def scheme_turtle(scheme: IndicatorScheme) -> str:
    """The scheme as SKOS Turtle, for ontology/indicators.ttl."""
    lines = [
        "@prefix kg: <https://w3id.org/govreport-kg/ontology#> .",
        "@prefix ind: <https://w3id.org/govreport-kg/resource/indicator/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
        "# Generated from kg/rules/indicators.toml by kg.indicators.scheme_turtle; do not edit by hand.",
        "",
    ]
    from kg.rdf import indicator_iri, PREFIXES

    ns = PREFIXES["ind"]
    for c in scheme.concepts:
        local = indicator_iri(c.label)[len(ns):]
        lines.append(f"ind:{local} a kg:Indicator , skos:Concept ;")
        lines.append("    skos:inScheme kg:indicators ;")
        lines.append(f'    skos:notation "{c.key}" ;')
        lines.append(f'    rdfs:label "{c.label}"@zh ;')
        alts = "".join(f' ;\n    skos:altLabel "{a}"@zh' for a in c.alt)
        lines.append(f'    skos:prefLabel "{c.label}"@zh{alts} .')
        lines.append("")
    return "\n".join(lines)
