"""Score a built graph against a gold annotation file: P/R/F1 per kind, core recall, attribute accuracy.

The graph is read only through the output contract's terms (CONTRACT.md), so a
graph written by any tool that honours the contract can be scored. The gold
format is described in tests/data/SCHEMA.md.

The stages, one module each: `gold` and `graph` read the two files (through
`files` and the comparison forms of `terms`), `match` pairs their things and
counts, giving the `results`, and `report` writes them for people.
"""

from __future__ import annotations

from kg.evaluate.gold import gold_document, read_gold
from kg.evaluate.graph import read_graph
from kg.evaluate.match import evaluate
from kg.evaluate.report import render_text
from kg.evaluate.results import (
    ENTITY_KINDS,
    KINDS,
    Duplicate,
    Evaluation,
    FalsePositive,
    Hit,
    Miss,
    Mismatch,
    Score,
    Tally,
)
from kg.evaluate.terms import normalise

__all__ = [
    "ENTITY_KINDS",
    "KINDS",
    "Duplicate",
    "Evaluation",
    "FalsePositive",
    "Hit",
    "Miss",
    "Mismatch",
    "Score",
    "Tally",
    "evaluate",
    "gold_document",
    "normalise",
    "read_gold",
    "read_graph",
    "render_text",
]
