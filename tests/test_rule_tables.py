"""No report's own names in the rule tables: a gold label found whole in a list of kg/rules/ is
a rule fitted to one report, unless it is a division or stands in a general list.

Every gold file under tests/data is read (the sample's, the excerpts' and the real reports'),
and every entry of every rule table: each string of a .toml list, each key of a .toml table,
each line of a .txt table. A gold name (label or alias) of an Enterprise, a Project, or a
Place that is not an administrative division must not be one of them, except in the general
lists of kg/rules/enterprises.toml [known] (central state-owned enterprises, national banks),
kg/rules/places.toml [regions] (the regions of national and provincial plans) and the scopes a rank
stands in (kg/rules/observations.toml [rank] scopes: 全国, 西部 …), each of
which names its dated sources (a name added there must come from one of them), and except
endings and kinds (the [suffix], [stop] and [zone_short] sections: 新区 ends names, it is none,
though a gold file may label a bare 新区 a place). A Place is a division when the gold's place_type is a level of the
division tables (Province, City, County, District) or a country (the top of the hierarchy;
the world's countries are general knowledge), or when kg.divisions knows its name.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from kg.divisions import load_divisions

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "kg" / "rules"
DATA = Path(__file__).parent / "data"
DIVISION_TYPES = frozenset({"Country", "Province", "City", "County", "District"})
GENERAL_LISTS = (
    ("enterprises.toml", "known", "central"), ("enterprises.toml", "known", "banks"), ("places.toml", "regions", "Region"),
    ("observations.toml", "rank", "scopes"),
)
# Sections of endings and kinds (高新区, 新区, 自贸试验区 → 自贸区): words that end or classify a
# name, not names; a gold file that labels a bare kind a place does not make its ending a name.
ENDINGS = ("[suffix.", "[stop.", "[zone_short.", "[country_titles", "project_words.toml [stop.", "project_words.toml [suffix.")



def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(entry, where) for every string in a TOML value and every key of its tables."""
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else key
            yield key, inner
            yield from _strings(item, inner)


@cache
def rule_entries() -> dict[str, frozenset[str]]:
    """Every whole entry of the rule tables, with where it stands (`places.toml [regions.Region]`)."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(RULES.iterdir()):
        if path.suffix == ".toml":
            for entry, where in _strings(tomllib.loads(path.read_text("utf-8")), ""):
                found[entry].add(f"{path.name} [{where}]")
        elif path.suffix == ".txt":
            for line in path.read_text("utf-8").splitlines():
                entry = line.strip()
                if entry and not entry.startswith("#"):
                    found[entry].add(path.name)
    return {entry: frozenset(places) for entry, places in found.items()}


def general_names() -> frozenset[str]:
    names: set[str] = set()
    for table, section, key in GENERAL_LISTS:
        names.update(tomllib.loads((RULES / table).read_text("utf-8"))[section][key])
    return frozenset(names)


def gold_files() -> list[Path]:
    return sorted(DATA.rglob("*.gold.json"))


@cache
def offenders() -> dict[str, tuple[str, ...]]:
    """Gold names found whole in a rule table: name → where it stands, and which gold files hold it."""
    entries, general, divisions = rule_entries(), general_names(), load_divisions()
    found: dict[str, set[str]] = defaultdict(set)
    for gold in gold_files():
        data = json.loads(gold.read_text("utf-8"))
        for kind, items in data["entities"].items():
            for item in items:
                for name in (item["label"], *(item.get("aliases") or [])):
                    if name not in entries or name in general:
                        continue
                    if all(any(mark in where for mark in ENDINGS) for where in entries[name]):
                        continue
                    if kind == "Place" and (item.get("place_type") in DIVISION_TYPES or divisions.lookup(name)):
                        continue
                    found[name] |= set(entries[name]) | {f"gold {gold.name} ({kind})"}
    return {name: tuple(sorted(where)) for name, where in sorted(found.items())}


def _listing(names: dict[str, tuple[str, ...]]) -> str:
    return "; ".join(f"{name}: {', '.join(w for w in where if not w.startswith('gold '))}" for name, where in names.items())


def test_rule_tables_are_read_whole():
    entries = rule_entries()
    assert "place.division" not in entries  # rule ids are code, not table entries
    assert "中国工商银行" in entries and "湖南省" in entries  # a list entry and a table key
    assert any(path.endswith(".txt") for places in entries.values() for path in places)
    assert len(gold_files()) >= 11  # the sample, six excerpts, three real reports, the eval case


def test_general_lists_name_their_source():
    for table, section, key in GENERAL_LISTS:
        text = (RULES / table).read_text("utf-8")
        text = text[text.index(f"[{section}]"):]  # the key of that section (places.toml has Region twice)
        comment = text[: text.index(f"\n{key} = ")].rsplit("\n\n", 1)[-1]
        assert re.search(r"(?:\(|, )20\d\d\)", comment), f"the comment over {key} in {table} names no dated source: {comment!r}"


def test_rule_tables_hold_no_gold_names():
    assert offenders() == {}, _listing(offenders())
