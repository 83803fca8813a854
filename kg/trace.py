"""Vetoes made visible: a context-local collector that `kg explain` reads.

An extractor that rejects a candidate it has found (a name that ends like a company but
is a kind of company, a place that is a title …) says so with one call, at the point of
rejection, with the candidate's span in the document's text:

    from kg import trace

    if name in er.generic:
        trace.veto("enterprise.generic", "Enterprise", name, start, end)
        continue

- `rule_id` names the veto as a rule id does (`label.rule`): the table entry or check that
  removed the candidate, so a wrong rejection can be traced to it.
- `kind` is the kind the candidate would have had (Place, Enterprise, Project, Observation).
- `text`, `start`, `end`: the candidate as a Mention would hold it (half-open code-point
  offsets into the document's text, `text == doc.text[start:end]`).

When no trace is active (every `kg build`) the call is a no-op costing one context-variable
lookup, so it may stand in hot loops. `tracing()` turns collection on for the code run
inside it, in this thread or task only (a contextvars.ContextVar, not global state):

    with trace.tracing() as vetoes:
        facts = process_document(doc, rules, divisions, clock)
    for v in vetoes:
        print(v.rule, v.kind, v.text, v.start, v.end)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Veto:
    """A candidate an extractor found and rejected, and the rule that rejected it."""

    rule: str
    kind: str
    text: str
    start: int
    end: int


_ACTIVE: ContextVar[list[Veto] | None] = ContextVar("kg_trace_vetoes", default=None)


def veto(rule_id: str, kind: str, text: str, start: int, end: int) -> None:
    """Record that rule `rule_id` removed the `kind` candidate `text` at [start, end); a no-op
    unless a `tracing()` block is active in this context."""
    collected = _ACTIVE.get()
    if collected is not None:
        collected.append(Veto(rule_id, kind, text, start, end))


@contextmanager
def tracing() -> Iterator[list[Veto]]:
    """Collect the vetoes recorded inside the block into the list it yields (in call order).

    Blocks nest: an inner block collects its own vetoes, and the outer one resumes after it.
    """
    collected: list[Veto] = []
    token = _ACTIVE.set(collected)
    try:
        yield collected
    finally:
        _ACTIVE.reset(token)


def active() -> bool:
    """Whether vetoes are being collected: for a caller whose veto arguments are costly to make."""
    return _ACTIVE.get() is not None
