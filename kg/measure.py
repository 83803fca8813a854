"""Score several reports in one run: each report built alone and scored against its gold
file, the micro average per kind over them, and the true and false hits of every rule.

`kg eval` calls these; kg.evaluate scores one graph against one gold file.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate import KINDS, Evaluation, Score, evaluate, gold_document

GOLD_SUFFIX = ".gold.json"
SCORED_KINDS = (*KINDS, "Link")
NO_RULE = "(no rule)"
_EXAMPLES = 4
_EXAMPLE_WIDTH = 24  # characters of an example shown in the text table (JSON has them whole)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Scored:
    """One report's evaluation, named by its gold file, and the graph or report it came from."""

    name: str
    source: str  # the graph scored, or the report built to score it
    built: bool  # True when kg eval built `source` itself
    evaluation: Evaluation
    warnings: tuple[str, ...] = ()  # what building the report noticed

    def annotated(self, kind: str) -> bool:
        """Whether the gold file annotates this kind at all: a gold file with no observations (the
        excerpts) scores none, rather than scoring every observation found as false."""
        return kind in self.evaluation.annotated


@dataclass(frozen=True)
class RuleHits:
    """How often the things one rule found were right (matched a gold thing) and wrong."""

    rule: str
    kind: str
    true: int
    false: int
    false_names: tuple[str, ...]  # a few of the wrong ones, as examples

    @property
    def precision(self) -> float:
        total = self.true + self.false
        return self.true / total if total else 0.0


def gold_name(gold: Path) -> str:
    """A report's name in tables: its gold file's name without `.gold.json`."""
    name = gold.name
    for suffix in (GOLD_SUFFIX, ".json"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def find_golds(paths: Iterable[Path]) -> list[Path]:
    """The gold files named by `paths`: files as given, folders' `*.gold.json` (not their
    subfolders), sorted by name within a folder.

    Raises InputError for a path that does not exist or a folder that holds no gold file.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            golds = sorted(p for p in path.iterdir() if p.name.endswith(GOLD_SUFFIX) and p.is_file())
            if not golds:
                raise InputError(str(path), f"the folder holds no gold annotation files (*{GOLD_SUFFIX}); give gold files or a folder of them.")
            found += golds
        elif path.exists():
            found.append(path)
        else:
            raise InputError(str(path), "does not exist; give a gold annotation file or a folder of them.")
    return found


def report_for(gold: Path, folders: Sequence[Path]) -> Path:
    """The report a gold file annotates, looked up in `folders`: the file its `document` names,
    else NAME.txt (or another report ending) for NAME.gold.json.

    Raises InputError when no folder holds it, or when two do (which one was meant is unclear).
    """
    from kg.pipeline import REPORT_SUFFIXES

    document = gold_document(gold)
    names = [document] if document else []
    names += [gold_name(gold) + suffix for suffix in REPORT_SUFFIXES]
    for name in names:
        hits = [folder / name for folder in folders if (folder / name).is_file()]
        if len(hits) > 1:
            raise InputError(str(gold), f"its report {name} is in several --reports folders ({', '.join(map(str, hits))}); give only the one that holds it.")
        if hits:
            return hits[0]
    where = ", ".join(map(str, folders))
    raise InputError(str(gold), f"its report {names[0]} is in none of the --reports folders ({where}); give the folder that holds it with --reports.")


def score_graphs(pairs: Sequence[tuple[Path, Path]]) -> list[Scored]:
    """Score each (graph, gold) pair; raise InputError for a file that is missing or not of its kind."""
    return [Scored(gold_name(gold), str(graph), False, evaluate(graph, gold)) for graph, gold in pairs]


def build_and_score(pairs: Sequence[tuple[Path, Path]], progress: Progress | None = None) -> list[Scored]:
    """Build each (report, gold) pair's report alone, in this process (the rules and jieba are
    loaded once), into a temporary folder, and score its graph against the gold file.

    Raises InputError naming the report when it cannot be built, or the gold file when it is
    not one.
    """
    from kg.model import BuildOptions
    from kg.pipeline import build

    say = progress or (lambda _msg: None)
    out: list[Scored] = []
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        for n, (report, gold) in enumerate(pairs, 1):
            say(f"[{n}/{len(pairs)}] {report}")
            gold_document(gold)  # a bad gold file is named before the build it would waste
            folder = Path(tmp) / str(n)
            result = build(BuildOptions(paths=(str(report),), out_dir=str(folder), html=False))
            if not result.reports:
                reason = result.skipped[0].reason if result.skipped else "nothing was built"
                raise InputError(str(report), f"cannot be built ({reason}).")
            evaluation = replace(evaluate(folder / "kg.ttl", gold), graph=str(report))
            out.append(Scored(gold_name(gold), str(report), True, evaluation, result.warnings))
    return out


def micro(scored: Sequence[Scored]) -> tuple[Score, ...]:
    """Per kind (Place, Enterprise, Project, Observation, Link), the counts summed over the
    reports whose gold file annotates the kind: precision, recall and F1 of the sums."""
    totals = []
    for kind in SCORED_KINDS:
        parts = [s.evaluation.score(kind) for s in scored if s.annotated(kind)]
        totals.append(Score(
            kind,
            gold=sum(p.gold for p in parts),
            found=sum(p.found for p in parts),
            tp=sum(p.tp for p in parts),
            duplicates=sum(p.duplicates for p in parts),
        ))
    return tuple(totals)


def rule_hits(scored: Sequence[Scored]) -> list[RuleHits]:
    """True and false hits per (rule, kind) over the reports, most false hits first.

    Every graph node counts once for each rule among its own and its mentions' `kg:rule`s (an
    entity found by two rules counts for both); a node matching a gold thing is a true hit, a
    node matching none, or a second node for one gold thing, a false hit. Kinds a gold file
    does not annotate are left out for that report.
    """
    true: dict[tuple[str, str], int] = defaultdict(int)
    false: dict[tuple[str, str], int] = defaultdict(int)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in scored:
        for hit in s.evaluation.hits:
            if not s.annotated(hit.kind):
                continue
            for rule in hit.rules or (NO_RULE,):
                key = (rule, hit.kind)
                if hit.true:
                    true[key] += 1
                else:
                    false[key] += 1
                    if len(examples[key]) < _EXAMPLES and hit.name not in examples[key]:
                        examples[key].append(hit.name)
    keys = sorted(set(true) | set(false), key=lambda k: (-false[k], true[k], k))
    return [RuleHits(rule, kind, true[(rule, kind)], false[(rule, kind)], tuple(examples[(rule, kind)]))
            for rule, kind in keys]


# ---------------------------------------------------------------- output


def _score_dict(score: Score) -> dict[str, Any]:
    return {
        "gold": score.gold, "found": score.found, "tp": score.tp, "fp": score.fp, "fn": score.fn,
        "duplicates": score.duplicates, "precision": score.precision, "recall": score.recall, "f1": score.f1,
    }


def to_dict(scored: Sequence[Scored]) -> dict[str, Any]:
    """A JSON-ready view: every report's whole evaluation (as `kg eval GRAPH GOLD --json` prints
    it) with its name and source, and the micro average per kind."""
    reports = []
    for s in scored:
        body = s.evaluation.to_dict()
        reports.append({
            "name": s.name, "source": s.source, "built": s.built, "warnings": list(s.warnings),
            "annotated": [k for k in SCORED_KINDS if s.annotated(k)], **body,
        })
    return {
        "reports": reports,
        "micro": {
            score.kind: {**_score_dict(score), "reports": sum(s.annotated(score.kind) for s in scored)}
            for score in micro(scored)
        },
    }


def rules_to_dict(scored: Sequence[Scored]) -> dict[str, Any]:
    """A JSON-ready view of `rule_hits`: the reports counted and one entry per rule and kind."""
    return {
        "reports": [s.name for s in scored],
        "rules": [
            {"rule": h.rule, "kind": h.kind, "true": h.true, "false": h.false, "precision": h.precision,
             "false_examples": list(h.false_names)}
            for h in rule_hits(scored)
        ],
    }


def render_table(scored: Sequence[Scored]) -> str:
    """A row per report per kind (gold, found, TP, P, R, F1), then the micro average per kind.

    A kind the report's gold file does not annotate shows `-` and is left out of the average.
    """
    label = f"micro ({len(scored)} reports)"
    width = max([len("report"), len(label), *(len(s.name) for s in scored)])
    head = f"{'report':<{width}}  {'kind':<12} {'gold':>5} {'found':>5} {'TP':>5} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [head]

    def row(name: str, score: Score, annotated: bool = True) -> str:
        if not annotated:
            found = score.found if score.found or score.gold else "-"
            return f"{name:<{width}}  {score.kind:<12} {'-':>5} {found:>5} {'-':>5} {'-':>6} {'-':>6} {'-':>6}"
        return (f"{name:<{width}}  {score.kind:<12} {score.gold:>5} {score.found:>5} {score.tp:>5}"
                f" {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}")

    for s in scored:
        for k, kind in enumerate(SCORED_KINDS):
            lines.append(row(s.name if k == 0 else "", s.evaluation.score(kind), s.annotated(kind)))
    for k, score in enumerate(micro(scored)):
        lines.append(row(label if k == 0 else "", score, any(s.annotated(score.kind) for s in scored)))
    return "\n".join(lines) + "\n"


def render_rules(scored: Sequence[Scored]) -> str:
    """The rule table: true and false hits per rule and kind, most false hits first."""
    hits = rule_hits(scored)
    width = max([len("rule"), *(len(h.rule) for h in hits)])
    names = ", ".join(s.name for s in scored)
    lines = [
        f"Hits per rule over {len(scored)} report{'s' if len(scored) != 1 else ''} ({names}); a thing counts for every rule that found it",
        f"{'rule':<{width}}  {'kind':<12} {'true':>5} {'false':>5} {'P':>6}  false hits, for example",
    ]
    for h in hits:
        examples = " / ".join(_clip(name) for name in h.false_names)
        lines.append(f"{h.rule:<{width}}  {h.kind:<12} {h.true:>5} {h.false:>5} {h.precision:>6.3f}  {examples}")
    return "\n".join(lines) + "\n"


def _clip(name: str) -> str:
    return name if len(name) <= _EXAMPLE_WIDTH else name[: _EXAMPLE_WIDTH - 1] + "…"
