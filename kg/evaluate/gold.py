"""Read a gold annotation file (tests/data/SCHEMA.md) into the things it expects a graph to hold."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate.files import read_text
from kg.evaluate.results import ENTITY_KINDS
from kg.evaluate.terms import MEASURES, QUALIFIERS, STATUSES, describe, normalise


@dataclass(frozen=True)
class GoldEntity:
    """A place, enterprise or project the gold expects."""

    kind: str
    label: str
    names: frozenset[str]  # normalised label and aliases
    links: frozenset[tuple[str, str]] = frozenset()  # a project's (involves | locatedIn, gold label)
    part_of: str | None = None  # a place's gold parent


@dataclass(frozen=True)
class GoldObservation:
    """An observation the gold expects, with its attributes spelled as in the gold file."""

    indicator: str
    names: frozenset[str]  # normalised indicator and aliases
    value: Decimal
    unit: str
    year: int
    status: str
    measure: str
    qualifier: str
    place: str | None
    core: bool
    evidence: str

    def describe(self) -> str:
        return describe(self.indicator, self.value, self.unit, self.year, self.status)


@dataclass(frozen=True)
class Gold:
    """The whole of one gold file."""

    entities: tuple[GoldEntity, ...]
    observations: tuple[GoldObservation, ...]
    document: str | None = None  # the file name of the report annotated


def read_gold(path: Path) -> Gold:
    """Read and check a gold file; raise InputError naming the file when it is not one."""
    text = read_text(path, "gold JSON file")
    try:
        # Decimal straight from the JSON text keeps 7.6 as written, not as a binary float.
        data = json.loads(text, parse_float=Decimal, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON ({exc.msg} at line {exc.lineno}); give a gold annotation file."
        raise InputError(str(path), problem) from exc
    except (RecursionError, ValueError) as exc:
        problem = f"is not a gold annotation file (nested too deep or a number too long: {_reason(exc)[:80]})."
        raise InputError(str(path), problem) from exc
    try:
        return _parse_gold(data)
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        problem = f"is not a gold annotation file ({_reason(exc)}); see the format in tests/data/SCHEMA.md."
        raise InputError(str(path), problem) from exc


def gold_document(path: Path) -> str | None:
    """The file name of the report a gold file annotates (its `document`), if it names one.

    Raises InputError when the file is not a gold annotation file.
    """
    return read_gold(path).document


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _parse_gold(data: Any) -> Gold:
    if not isinstance(data, dict):
        raise TypeError("the top level is not an object")
    entities_by_kind = data["entities"]
    if not isinstance(entities_by_kind, dict):
        raise TypeError("'entities' is not an object")
    entities = [_parse_entity(kind, item) for kind in ENTITY_KINDS for item in entities_by_kind.get(kind, [])]
    raw_observations = data["observations"]
    if not isinstance(raw_observations, list):
        raise TypeError("'observations' is not a list")
    observations = [_parse_observation(item, f"observation {index}") for index, item in enumerate(raw_observations)]
    document = data.get("document")
    return Gold(tuple(entities), tuple(observations), document if isinstance(document, str) and document else None)


def _parse_entity(kind: str, item: Any) -> GoldEntity:
    label = _text(item, "label")
    aliases = _texts(item.get("aliases") or [], f"aliases of {label}")
    links = frozenset(
        (predicate, target)
        for key, predicate in (("enterprises", "involves"), ("places", "locatedIn"))
        for target in _texts(item.get(key) or [], f"{key} of {label}")
    ) if kind == "Project" else frozenset()
    parent = item.get("part_of") if kind == "Place" else None
    return GoldEntity(kind, label, frozenset(map(normalise, (label, *aliases))), links,
                      parent if isinstance(parent, str) and parent else None)


def _parse_observation(item: Any, where: str) -> GoldObservation:
    indicator = _text(item, "indicator")
    aliases = _texts(item.get("indicator_aliases") or [], f"indicator_aliases of {where}")
    value = item["value"]
    year = item["year"]
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"the value of {where} is not a number")
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"the year of {where} is not an integer")
    place = item.get("place")
    return GoldObservation(
        indicator=indicator,
        names=frozenset(map(normalise, (indicator, *aliases))),
        value=Decimal(value),
        unit=_text(item, "unit"),
        year=year,
        status=_choice(item, "status", STATUSES.values(), where),
        measure=_choice(item, "measure", MEASURES.values(), where),
        qualifier=_choice(item, "qualifier", QUALIFIERS.values(), where),
        place=place if isinstance(place, str) and place else None,
        core=item.get("core") is True,
        evidence=str(item.get("evidence") or ""),
    )


def _text(item: Any, key: str) -> str:
    if not isinstance(item, dict):
        raise TypeError(f"an entry is not an object: {item!r}")
    value = item[key]
    if not isinstance(value, str) or not value:
        raise TypeError(f"{key} {value!r} is not a non-empty string")
    return value


def _texts(values: Any, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{what} is not a list of strings")
    return values


def _choice(item: dict[str, Any], key: str, allowed: Iterable[str], where: str) -> str:
    value = item[key]
    if value not in set(allowed):
        raise ValueError(f"the {key} of {where} is {value!r}")
    return value


def _json_int(text: str) -> int | Decimal:
    """An integer of a gold file; one too long for int() (a 5,000-digit year) is refused."""
    if len(text) > 30:
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)
