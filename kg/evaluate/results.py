"""What scoring a graph against a gold file gives: counts per kind, tallies, misses and false positives."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ENTITY_KINDS = ("Place", "Enterprise", "Project")
KINDS = (*ENTITY_KINDS, "Observation")


@dataclass(frozen=True)
class Tally:
    """How many of `total` things were right."""

    correct: int
    total: int

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Score:
    """Counts for one kind; `found` counts every graph node, so duplicates are false positives."""

    kind: str
    gold: int
    found: int
    tp: int
    duplicates: int  # extra nodes matching an already matched gold thing

    @property
    def fp(self) -> int:
        return self.found - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """A gold thing no graph node matched; `evidence` is the gold's own (observations only)."""

    kind: str
    name: str
    evidence: str = ""


@dataclass(frozen=True)
class FalsePositive:
    """A graph node that matches no gold thing, with the text it was found in."""

    kind: str
    node: str
    name: str
    anchor: str = ""
    sentence: str = ""


@dataclass(frozen=True)
class Duplicate:
    """Several graph nodes matching one gold thing: the first counts, the rest are false positives."""

    kind: str
    gold: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Mismatch:
    """A matched observation whose measure, qualifier or place differs from the gold."""

    node: str
    gold: str
    field: str  # measure, qualifier or place
    expected: str
    found: str
    evidence: str


@dataclass(frozen=True)
class Hit:
    """A graph node of one kind, the rules that found it (its `kg:rule`s), and whether it matched
    a gold thing; a duplicate of a matched node is a false hit."""

    kind: str
    node: str
    name: str
    rules: tuple[str, ...]
    true: bool


@dataclass(frozen=True)
class Evaluation:
    """The whole score of one graph against one gold file."""

    graph: str
    gold: str
    scores: tuple[Score, ...]
    core: Tally  # core observations matched with the right year, status and qualifier
    measure: Tally  # over matched observations
    qualifier: Tally
    place: Tally
    status: Tally  # over observations paired on value, unit and indicator alone (year and status free)
    links: Score  # involves and locatedIn links of matched projects
    part_of: Tally  # matched places with a gold parent whose kg:partOf is that parent
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]
    duplicates: tuple[Duplicate, ...]
    mismatches: tuple[Mismatch, ...]
    hits: tuple[Hit, ...] = ()  # every entity and observation node, for counting hits per rule
    annotated: tuple[str, ...] = (*KINDS, "Link")  # the kinds the gold file holds any of

    def score(self, kind: str) -> Score:
        """The score of one kind (Place, Enterprise, Project, Observation, or Link for project links)."""
        for score in (*self.scores, self.links):
            if score.kind == kind:
                return score
        raise KeyError(kind)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, with the derived rates spelled out."""
        return {
            "graph": self.graph,
            "gold": self.gold,
            "scores": {s.kind: _score_dict(s) for s in self.scores},
            "core_recall": _tally_dict(self.core),
            "accuracy": {
                "measure": _tally_dict(self.measure),
                "qualifier": _tally_dict(self.qualifier),
                "place": _tally_dict(self.place),
                "status": _tally_dict(self.status),
                "part_of": _tally_dict(self.part_of),
            },
            "links": {
                "gold": self.links.gold, "found": self.links.found, "tp": self.links.tp,
                "precision": self.links.precision, "recall": self.links.recall, "f1": self.links.f1,
            },
            "misses": [asdict(m) for m in self.misses],
            "false_positives": [asdict(f) for f in self.false_positives],
            "duplicates": [{**asdict(d), "nodes": list(d.nodes)} for d in self.duplicates],
            "mismatches": [asdict(m) for m in self.mismatches],
        }


def _score_dict(s: Score) -> dict[str, Any]:
    return {
        "gold": s.gold,
        "found": s.found,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "duplicates": s.duplicates,
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
    }


def _tally_dict(tally: Tally) -> dict[str, Any]:
    return {"correct": tally.correct, "total": tally.total, "rate": tally.rate}
