"""Targets followed into results: a target of one report meets the actual a later report gives
for the same place, indicator, measure and year, and is met or not by its qualifier.

Whether an About (左右) or Exact target is met needs a direction and a tolerance: most targets
are of things more of which is better (growth, income), so such a target is met when the result
falls short of it by no more than the tolerance; for the indicators of `lower_is_better`
(kg/rules/outcomes.toml: unemployment, prices, energy intensity) and for targets of a fall (a
negative growth, 下降3%) it is met when the result exceeds it by no more than the tolerance.
The tolerance is half a percentage point for values in % (rates and shares) and 2% of the
target otherwise. AtLeast (以上) and AtMost (以内) targets are met exactly as written.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from kg.errors import RuleError
from kg.rules import load_rules


@dataclass(frozen=True)
class Followed:
    """What following a target needs of an observation: its IRI and the keys it is matched by."""

    iri: str
    report_year: int | None
    place: str | None  # the place it is for, as one string: its IRI (kg.rdf) or its id's key (the viewer)
    indicator: str  # its indicator's name (the scheme's label: one name, one indicator IRI)
    measure: str
    year: int | None
    status: str
    qualifier: str
    value: Decimal
    unit: str
    preliminary: bool = False
    period: str | None = None  # 十三五, 过去五年: a value for several years, no year's result


@dataclass(frozen=True)
class Outcome:
    """A target, the actual that is its result, and whether the result meets the target."""

    target: str
    actual: str
    met: bool


@dataclass(frozen=True)
class Tolerance:
    percent: Decimal  # for values in %: an absolute tolerance, in percentage points
    relative: Decimal  # for any other unit: a share of the target
    lower_is_better: frozenset[str]  # indicator names (the last part of their IRI, unescaped)
    max_ratio: Decimal = Decimal(5)  # a level's result this many times its target is another quantity


def _met() -> dict:
    """The [met] table of kg/rules/outcomes.toml, validated with the rule book (kg.rules)."""
    return load_rules().table("outcomes")["met"]


@cache
def tolerance() -> Tolerance:
    """kg/rules/outcomes.toml, validated: the tolerances and the lower-is-better indicators."""
    met = _met()
    percent, relative, lower = Decimal(str(met["percent_points"])), Decimal(str(met["relative"])), met["lower_is_better"]
    ratio = Decimal(str(met["max_ratio"]))
    if not (0 <= percent < 10 and 0 <= relative < 1 and ratio > 1):
        raise RuleError("outcomes", "met", "tolerances out of range (0 ≤ percent_points < 10, 0 ≤ relative < 1, max_ratio > 1)")
    return Tolerance(percent, relative, frozenset(lower), ratio)


@cache
def percent_units() -> frozenset[str]:
    """The units of values in % (kg/rules/outcomes.toml [met] percent_units)."""
    return frozenset(_met()["percent_units"])


def follow_targets(observations: Iterable[Followed]) -> Iterator[Outcome]:
    """Each target with the result a later report gives for it. Of several results, a final one
    beats a preliminary one (预计), then the earliest later report, then the IRI (so the answer
    does not depend on the order of the inputs). Results in another unit are not compared."""
    actuals: dict[tuple, list[Followed]] = defaultdict(list)
    targets: list[Followed] = []
    for o in observations:
        if o.year is None or o.place is None or o.report_year is None or o.period:
            continue
        if o.status == "Actual":
            actuals[(o.place, o.indicator, o.measure, o.year, o.unit)].append(o)
        elif o.status == "Target":
            targets.append(o)
    tol = tolerance()
    for target in sorted(targets, key=lambda o: o.iri):
        later = [a for a in actuals.get((target.place, target.indicator, target.measure, target.year, target.unit), ())
                 if a.report_year > target.report_year and _comparable(target, a.value, tol)]
        if not later:
            continue
        actual = min(later, key=lambda a: (a.preliminary, a.report_year, a.iri))
        yield Outcome(target.iri, actual.iri, is_met(target, actual.value, tol))


class Spilled:
    """follow_targets over a corpus in bounded memory: the observations are spread over `buckets`
    files in `folder` by the key a target meets its result by (place, indicator, measure, year,
    unit), and followed one file at a time. A corpus of 3,000 reports has ~900k of them (~300 MB
    as Followed)."""

    def __init__(self, folder: Path, buckets: int = 64) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._paths = [folder / f"{n}.pickle" for n in range(buckets)]
        self._files = [path.open("wb") for path in self._paths]

    def add(self, rows: Iterable[tuple]) -> None:
        """Observations as tuples of Followed's fields in order (a report's, kg.parts.Share)."""
        spread: dict[int, list[tuple]] = defaultdict(list)
        for row in rows:
            spread[hash((row[2], row[3], row[4], row[5], row[9])) % len(self._files)].append(row)
        for n, group in spread.items():
            pickle.dump(group, self._files[n], pickle.HIGHEST_PROTOCOL)

    def outcomes(self) -> Iterator[Outcome]:
        """follow_targets of every observation added, a file at a time (each then removed)."""
        for f in self._files:
            f.close()
        for path in self._paths:
            rows: list[tuple] = []
            with path.open("rb") as f:
                while True:
                    try:
                        rows.extend(pickle.load(f))
                    except EOFError:
                        break
            path.unlink()
            yield from follow_targets(Followed(*row) for row in rows)


def _comparable(target: Followed, result: Decimal, tol: Tolerance) -> bool:
    """Whether a result may be the target's own quantity: a level (not a rate) many times its
    target, or a small share of it, is another quantity that bears the same name."""
    if target.measure != "Level" or target.unit in percent_units() or target.value <= 0 or result <= 0:
        return True
    return target.value / tol.max_ratio <= result <= target.value * tol.max_ratio


def is_met(target: Followed, result: Decimal, tol: Tolerance | None = None) -> bool:
    """Whether `result` meets `target`, by its qualifier (module docstring)."""
    tol = tol or tolerance()
    aim = target.value
    if target.qualifier == "AtLeast":
        return result >= aim
    if target.qualifier == "AtMost":
        return result <= aim
    slack = tol.percent if target.unit in percent_units() else abs(aim) * tol.relative
    lower_better = target.indicator in tol.lower_is_better or (target.measure in ("Growth", "Change") and aim < 0)
    return result <= aim + slack if lower_better else result >= aim - slack
