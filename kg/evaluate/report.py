"""Write an evaluation of one graph as a report for people: the scores, then what was missed and wrong."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.results import KINDS, Evaluation, FalsePositive, Miss, Tally
from kg.vocab import KGR_IRI

_EVIDENCE_WIDTH = 60


def render_text(evaluation: Evaluation, *, limit: int | None = 30) -> str:
    """A human report: the summary first (a dozen lines), then misses and false positives per kind.

    `limit` caps each listed section; None lists everything.
    """
    return "\n".join([*_summary(evaluation), *_listings(evaluation, limit)]) + "\n"


def _summary(e: Evaluation) -> list[str]:
    lines = [
        f"Evaluation of {Path(e.graph).name} against {Path(e.gold).name}",
        f"{'kind':<12} {'gold':>5} {'found':>5} {'TP':>5} {'dup':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for s in e.scores:
        lines.append(
            f"{s.kind:<12} {s.gold:>5} {s.found:>5} {s.tp:>5} {s.duplicates:>4}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    lines.append(f"core observations (right year, status, qualifier): {_tally(e.core)}")
    matched = e.measure.total
    lines.append(
        f"accuracy on {matched} matched observations: measure {_tally(e.measure, False)},"
        f" qualifier {_tally(e.qualifier, False)}, place {_tally(e.place, False)}"
    )
    lines.append(f"status accuracy (paired on value, unit, indicator): {_tally(e.status)}")
    lines.append(f"places with their gold parent as kg:partOf: {_tally(e.part_of)}")
    k = e.links
    lines.append(
        f"links of matched projects (involves, locatedIn): P {k.precision:.3f} R {k.recall:.3f} F1 {k.f1:.3f}"
        f" ({k.tp} right of {k.found} found, {k.gold} in gold)"
    )
    return lines


def _listings(e: Evaluation, limit: int | None) -> list[str]:
    lines: list[str] = []
    for kind in (*KINDS, "Link"):
        lines += _section(f"Missed {kind}", [_miss_line(m) for m in e.misses if m.kind == kind], limit)
    for kind in (*KINDS, "Link"):
        lines += _section(
            f"False positives {kind}", [_fp_line(f) for f in e.false_positives if f.kind == kind], limit
        )
    lines += _section(
        "Duplicates",
        [f"{d.kind} {d.gold}: {len(d.nodes)} nodes {' '.join(map(_short, d.nodes))}" for d in e.duplicates],
        limit,
    )
    lines += _section(
        "Matched observations with a wrong attribute",
        [f"{m.gold}: {m.field} {m.found or '-'} (gold {m.expected or '-'}) «{m.evidence}»" for m in e.mismatches],
        limit,
    )
    return lines


def _tally(tally: Tally, fraction: bool = True) -> str:
    return f"{tally.rate:.3f} ({tally.correct}/{tally.total})" if fraction else f"{tally.rate:.3f}"


def _section(title: str, items: list[str], limit: int | None) -> list[str]:
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    lines = ["", f"{title} ({len(items)}):", *(f"  {item}" for item in shown)]
    if len(shown) < len(items):
        lines.append(f"  … and {len(items) - len(shown)} more")
    return lines


def _short(iri: str) -> str:
    return "kgr:" + iri[len(KGR_IRI):] if iri.startswith(KGR_IRI) else iri


def _miss_line(miss: Miss) -> str:
    return f"{miss.name} «{miss.evidence}»" if miss.evidence else miss.name


def _fp_line(fp: FalsePositive) -> str:
    context = _window(fp.sentence, fp.anchor) if fp.sentence else fp.anchor
    return f"{fp.name} «{context}»" if context else fp.name


def _window(sentence: str, anchor: str) -> str:
    """At most _EVIDENCE_WIDTH characters of the sentence, centred on the anchor."""
    if len(sentence) <= _EVIDENCE_WIDTH:
        return sentence
    at = sentence.find(anchor) if anchor else -1
    middle = at + len(anchor) // 2 if at >= 0 else 0
    start = max(0, min(middle - _EVIDENCE_WIDTH // 2, len(sentence) - _EVIDENCE_WIDTH))
    end = start + _EVIDENCE_WIDTH
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")
