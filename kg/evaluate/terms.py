"""The forms gold and graph are compared in: normalised names, the contract's individuals as the gold
spells them, and one line describing an observation."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from kg.grammar import (
    CLOSE_CORNER, CLOSE_QUOTE, CLOSE_SINGLE_QUOTE, CLOSE_WHITE_CORNER, ENUMERATION_COMMA, OPEN_CORNER, OPEN_QUOTE,
    OPEN_SINGLE_QUOTE, OPEN_WHITE_CORNER,
)
from kg.vocab import KG

KIND_CLASS = {"Place": KG.Place, "Enterprise": KG.Enterprise, "Project": KG.Project}
# The gold file spells the contract's individuals in lower case.
MEASURES = {KG.Growth: "growth", KG.Level: "level", KG.Ratio: "ratio", KG.Change: "change"}
STATUSES = {KG.Actual: "actual", KG.Target: "target"}
QUALIFIERS = {KG.Exact: "exact", KG.About: "about", KG.AtLeast: "at_least", KG.AtMost: "at_most"}

# Several places of one observation (湘潭县、湘乡市) are written joined by this mark.
PLACE_SEPARATOR = ENUMERATION_COMMA

# Quote marks are dropped rather than unified: the report writes “两岸一线”
# where an annotator or a tool may leave them out.
_QUOTES = dict.fromkeys(map(ord, OPEN_QUOTE + CLOSE_QUOTE + "\"" + OPEN_CORNER + CLOSE_CORNER + OPEN_WHITE_CORNER
                               + CLOSE_WHITE_CORNER + OPEN_SINGLE_QUOTE + CLOSE_SINGLE_QUOTE + "'"))


def normalise(name: str) -> str:
    """The form names and units are compared in: NFKC (full-width → ASCII), no whitespace, no quote marks."""
    folded = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    return "".join(folded.split()).casefold()


def describe(indicator: str, value: Decimal | None, unit: str, year: int | None, status: str | None) -> str:
    """One line naming an observation, `?` for what it lacks: `GDP 7.6% (2020, actual)`."""
    number = "?" if value is None else f"{value}"
    return f"{indicator or '?'} {number}{unit} ({year or '?'}, {status or '?'})"
