"""The rule book: the data tables in this folder, loaded and validated before any report is read."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.errors import RuleError

@dataclass(frozen=True)
class Of:
    """A list or table every element of which has one type: Of(list, str), Of(dict, int)."""

    container: type
    item: Any


@dataclass(frozen=True)
class Record:
    """A table with named fields of given types, some of them optional."""

    fields: dict[str, Any]
    optional: tuple[str, ...] = ()


PATTERN = "pattern"  # a string that must compile as a regular expression
NUMBER = (int, float)  # a whole or decimal number (0.5, 5)
WORDS = Of(list, str)
_UNIT = Record({"base": str, "scale": int, "dimension": str, "cn_numeral": bool})
_BASE_UNIT = Record({"dimension": str, "only_after": str}, optional=("only_after",))

# Each table's sections and their keys with their types; `list` is a list of words (WORDS), and
# a section given as an Of or Record takes any keys (Of) or its named fields (Record) as values.
_SCHEMA: dict[str, dict[str, Any]] = {
    "units": {"percent": Of(dict, _UNIT), "base": Of(dict, _BASE_UNIT), "prefixes": Of(dict, int),
              "standalone": Of(dict, int), "after_number": {"not_multipliers": list, "class_units": list, "class_marks": list, "modifier_units": list}},
    "numbers": {"digits": Of(dict, int), "multipliers": Of(dict, int),
                "written": {"implicit_one_after": list, "implicit_one_own": list, "implicit_one_not_after": list,
                            "big_count_not_before": list, "first_place_unit": str, "fraction_word": str,
                            "range_words": list, "ordinal": str, "big": str, "big_count_unit": str,
                            "opens_next_word": list},
                "numeral": {"point": str, "not_alone": list, "zero_lookalikes": list},
                "patterns": {k: PATTERN for k in ("numeral", "wellformed", "fraction", "years_running", "run_of_years")}},
    "observations": {
        "qualifier": {k: list for k in (
            "after_about", "after_at_least", "after_at_most", "before_about",
            "before_at_least", "before_at_most", "inner_at_least", "lead_at_least", "may_open_word")},
        "verbs": {"rise": list, "fall": list, "level": list},
        "indicator": {"count_totals": list, "short_forms": Of(dict, str), "fused_verbs": Of(dict, str), "plan_words": list, "plan_things": list, "total_word": str, "total_prefix": str, "alone_endings": list, "incident_count": str, "residence_kinds": list, "incident_measures": list, "topic_verbs": list, "deed_focus": PATTERN, "people_heads": list, "people_deeds": list, "people_all": list, "opens_relative": list, "times_units": list, "times_name": str, "address_words": list, "topic_heads": list, "pivot_verbs": list, "pivot_deeds": list, "strip_prefix": list, "strip_suffix": list, "shared_heads": list, "pair_heads": list, "measure_ends": list,
                      "split_subjects": Of(list, WORDS), "reject_after": list, "max_chars": int, "time_leads": list, "total_words": list, "capacity_leads": list, "joined_words": list,
                      "cut_before": list, "post_stop": list, "inner_drop": list, "ordinal_verbs": list,
                      "per_capita": list, "work_nouns": list, "count_activities": list, "keep_prefix": list,
                      "attributes": list, "deed_verbs": list, "light_deed_verbs": list,
                      "kind_words": list, "manner_adverbs": list, "manner_verbs": list,
                      "generic_measures": list, "owner_verbs": list, "cumulative": list, "list_verbs": list, "item_deeds": list, "place_lead_verbs": list, "long_cut_after": list, "scheme_light_verbs": list, "place_works": list,
                      "place_works_not": list, "keep_suffix": list, "inner_time": PATTERN, "adjusted": PATTERN, "counted_units": list, "threshold_not_before": list, "grantors": list, "grant_verbs": list,
                      "levels": list, "bounds": list, "bound_kept_after": list, "own_goals": list,
                      "bare_level_verbs": list, "compare": list, "compare_kept_after": list, "industry_head": str,
                      "industry_ending": str, "per_capita_levels": list, "work_done": str, "work_word": str,
                      "owner_counters": list, "noun_breakers": list, "growth_strip": str},
        "status": {"target_markers": list, "present_verbs": list, "present_not_before": list, "not_markers": list, "periods": list, "period_events": list, "forward_periods": list, "goal_words": list, "this_year": list, "this_year_not_after": list, "preliminary": list, "since": list, "period_spans": list,
                   "back_periods": list},
        "period_end": Of(dict, int),
        "rank": {"leads": list, "scopes": list, "peers": list, "peers_unnamed": list, "peer_count": PATTERN, "rate_words": list, "firsts": list, "place_units": list, "not_places": list, "ordinal": str, "top": str, "name": str, "names": list, "frame_end": PATTERN,
                 "running": str, "running_name": str, "running_years": PATTERN, "held_verb": str,
                 "held_forms": Of(dict, str)},
        "share": {"word": str, "about": str, "measures": list, "head": str, "portion": str, "short": str, "named": list,
                  "covered": list, "coverage": str, "rate": str},
        "lists": {"respectively": str, "all": str, "each": list, "all_not_after": list, "all_not_of": list},
        "when": dict.fromkeys(("year", "year_end", "year_lead", "to_year", "base_year", "base_period", "plan_period", "from_start",
                               "to_level"), PATTERN),
        "names": {**dict.fromkeys(("etc", "done_after", "compared", "object_of", "rank_topic", "respective", "ordinal_lead",
                                   "batch", "levels_scope", "level_light", "growth_word", "places_counted", "items_counted", "per_unit", "beneficiary", "years_span"), PATTERN), "etc_kinds": list, "example_kinds": list,
                  "per_unit_verbs": list, "average_verbs": list,
                  "etc_kinds_not_before": list},
    },
    "places": {
        "suffix": {"Zone": list, "Area": list, "Region": list, "Town": list, "Township": list, "Village": list, "max_stem": int,
                   "contained_only": list, "containers": list, "division_endings": list, "county": str,
                   "place_led": list, "cities_group": list, "zone_levels": list, "zone_endings_of_divisions": list, "zone_part": str, "zone_campus": list, "foreign_city": list, "free_trade_opens": str,
                   "free_trade": list, "bilateral_opens": str, "bilateral_partners": list},
        "regions": {"Region": list, "Country": list, "directions": list, "direction_ending": str},
        "region_within": Of(dict, WORDS),
        "zone_short": Of(dict, str),
        "country_alias": Of(dict, str),
        "region_alias": Of(dict, str),
        "scope": {"own_region": list, "home_country": str},
        "lists": {"town_kinds": list, "area_kinds": list, "not_area_endings": list, "long_endings": list,
                  "ending_opens": list, "not_of_areas": list, "not_after_area_kind": list, "not_in_area": list,
                  "park_kind": str, "park_ending": str},
        "counts": {"vague": list, "classifiers": list, "list_classifiers": list, "town_classifiers": list},
        "towns": {"not_in_name": list, "run_villages": list, "cut_after": list, "kinds": list, "works": list},
        "forms": {"not_inserted_openings": list, "zone_types": list, "word_endings": list, "project_words": list, "route_between": list},
        "frequency": {"common_site": int, "common_pair": int},
        "names": {"max_chars": int},
        "stop": {"not_places": list, "bad_stem_start": list, "bad_stems": list, "country_titles": list, "era_before": list, "event_endings": list, "event_clause_words": list, "campus_after": list,
                 "institutions": list, "organs": list, "kinds_of_zone": list, "organisations": list, "conjunctions": list,
                 "serial": PATTERN, "street": PATTERN, "enterprise_kinds": list, "route_words": list,
                 "bad_stem_end": list},
    },
    "enterprises": {
        "suffix": {"endings": list, "weak_endings": list, "brand_trades": list, "legal_forms": list, "name_words": list, "bank": str, "bracketed_words": list},
        "known": {"central": list, "banks": list},
        "context": {"patterns": Of(list, PATTERN), "needs": Of(list, WORDS), "verb_patterns": Of(list, PATTERN),
                    "partner_words": list,
                    "clause_chars": list},
        "stop": {"not_enterprise_endings": list, "generic": list, "cooperations": list, "trailing_descriptors": list,
                 "place_endings": list, "long_endings": list, "kind_endings": list},
        "classes": {"brand_place_endings": list, "kind_legal_forms": list, "class_endings": list,
                    "class_starts": list, "kind_parts": list, "kind_stems": list, "geo_endings": list, "waters": list, "not_waters": list,
                    "counters": list, "bracket_works": list, "kind_head": str, "numerals": list,
                    "count_words": list, "numbered_endings": list},
        "brands": {"lead": PATTERN, "line_code": PATTERN, "route_joiners": list, "trailing_joiners": list},
        "lists": {"enterprise": list, "not_enterprise": list},
        "frequency": {"common": int},
        "names": {"max_chars": int},
    },
    "names": {"walk": {"function_chars": list, "lead_particles": list, "per_year": str},
              "frequency": {"common_word": int}},
    "viewer": {  # the HTML viewer's labels (kg/render.py), keyed by the vocabulary's names
        "classes": dict.fromkeys(("Report", "Place", "Enterprise", "Project", "Indicator", "Year"), str),
        "predicates": dict.fromkeys(("partOf", "locatedIn", "involves", "region", "reportYear", "observed", "target"), str),
        "status": dict.fromkeys(("Actual", "Target"), str),
        "qualifier": dict.fromkeys(("Exact", "About", "AtLeast", "AtMost"), str),
        "measure": dict.fromkeys(("Growth", "Level", "Ratio", "Change"), str),
        "properties": dict.fromkeys(("subtype", "adcode", "partOf", "source", "title", "region", "reportYear",
                                     "reviewYear", "delivered", "speaker", "speakerRole"), str),
        "title": {"graph": str, "reports": str},
    },
    "projects": {
        "suffix": {"endings": list, "road_pattern": PATTERN, "metro_pattern": PATTERN, "named_endings": list, "max_stem": int, "craft_max_freq": int,
                   "lone_stem_chars": list, "bilateral_opens": list, "built_before": list, "built_after": list, "companion_joins": list, "companion_works": list, "companion_ends": list, "part_works_not_open": list, "toponym_chars": list, "work_verbs": list, "named_stems": list, "fused_after": list, "stretch": str,
                   "extensions": list, "short_endings": list, "directions": list, "main_works": list, "site_endings": list, "port": str, "part_endings": list, "part_levels": list, "part_levels_not_before": list, "abstract_parts": list, "branch_endings": list, "branch_of": list, "link_words": list, "directed_works": list},
        "list": {"needs": list, "heads": list, "works_endings": list, "road_endings": list, "industry_heads": list, "routes": list,
                 "investor_heads": list, "line_endings": list},
        "stop": {"not_project_words": list, "bad_start": list, "generic_tails": list, "title_verbs": list, "slogan_prefixes": list, "institution_parts": list, "place_after": list,
                 "capacity_words": list, "not_brand_endings": list,
                 "counterpart_verbs": list, "runs_on": list, "figurative_endings": list, "verb_after": list,
                 "pronouns": list, "group_after": list, "speed_words": list, "region_suffix": list, "programme_endings": list, "scope_leads": list},
        "patterns": Record(dict.fromkeys((
            "list", "route_list", "institution_list", "transfer", "craft", "specific", "counted_name", "numbered", "size_class", "level_institution",
            "bracket_before", "bracketed_qualifier", "bracketed_place", "level", "latin_digit", "count_of",
            "abbreviation", "abbreviation_tail", "numeral", "counted_after", "stretch_tail", "next_lines"), PATTERN)),
        "names": {"max_chars": int},
    },
    "outcomes": {"met": {"percent_points": NUMBER, "relative": NUMBER, "percent_units": list, "max_ratio": NUMBER,
                         "lower_is_better": list}},  # kg/outcomes.py
    "relations": {"settle": {"verbs": list, "manners": list},  # kg/relate.py
                  "agenda": {"adverbs": list, "verbs": list, "openers": list}},
    "divisions": {"abbreviations": Of(dict, str),  # kg/divisions.py
                  "names": {"city_endings": list, "district_endings": list, "placeholder": str, "ethnic_ending": str}},
    "report": {  # kg/read.py, kg/structure.py: a report's header and headings
        "title": {"phrase": str, "line": PATTERN, "run": PATTERN, "file_name": PATTERN},
        "region": {"government": list, "not_name": PATTERN, "country": str, "national": list,
                   "national_government": str, "national_congress": str, "congress": PATTERN, "we_represent": PATTERN},
        "dateline": {"numeral": PATTERN, "line": PATTERN, "start": PATTERN, "end": PATTERN},
        "speaker": {"roles": list, "after": PATTERN, "salutation": str},
        "headings": {"numerals": str, "review": PATTERN, "plan": PATTERN},
        "date": {"year": str},
        "explain": {"review": str, "plan": str},
        "part": {"review": list, "plan": list, "notes": list},
    },
}


@dataclass(frozen=True)
class Unit:
    """A unit as written, with the multiplier of its number and what it measures."""

    text: str
    base: str
    scale: int
    dimension: str
    cn_numeral: bool
    only_after: str = ""  # the unit counts only when the number follows this word (前10强)


@dataclass(frozen=True, eq=False)  # identity hash: caches key on the loaded book
class RuleBook:
    """All tables, validated; code refers to them by name."""

    tables: dict[str, dict[str, Any]]
    chrome: tuple[str, ...]
    boundaries: frozenset[str]  # words that end a name walked back from its ending
    units: dict[str, Unit]
    digits: dict[str, int]
    multipliers: dict[str, int]

    def table(self, name: str) -> dict[str, Any]:
        return self.tables[name]

    def words(self, table: str, section: str, key: str) -> tuple[str, ...]:
        """A word list, longest first so that alternations prefer the longest match."""
        return tuple(sorted(self.tables[table][section][key], key=lambda w: (-len(w), w)))


def _validate(name: str, data: dict[str, Any]) -> None:
    schema = _SCHEMA[name]
    for section, body in data.items():
        if section not in schema:
            raise RuleError(name, section, "unknown section")
        expected = schema[section]
        if isinstance(expected, Of | Record):
            _check(name, section, body, expected)
            continue
        if not isinstance(body, dict):
            raise RuleError(name, section, "must be a table")
        for key, value in body.items():
            if key not in expected:
                raise RuleError(name, f"{section}.{key}", "unknown key")
            _check(name, f"{section}.{key}", value, expected[key])
        for key in expected:
            if key not in body:
                raise RuleError(name, f"{section}.{key}", "is missing")
    for section in schema:
        if section not in data:
            raise RuleError(name, section, "section is missing")


def _check(table: str, key: str, value: Any, expected: Any) -> None:
    """Raise RuleError naming the table and key unless `value` has the type `expected` describes."""
    if expected is list:
        expected = WORDS
    if isinstance(expected, Of):
        if not isinstance(value, expected.container):
            raise RuleError(table, key, f"must be a {'list' if expected.container is list else 'table'}")
        items = value.items() if isinstance(value, dict) else ((f"[{i}]", v) for i, v in enumerate(value))
        for at, item in items:
            _check(table, f"{key}.{at}" if isinstance(value, dict) else f"{key}{at}", item, expected.item)
        if isinstance(value, list) and len(set(map(str, value))) != len(value):
            raise RuleError(table, key, "holds a duplicate entry")
    elif isinstance(expected, Record):
        if not isinstance(value, dict):
            raise RuleError(table, key, "must be a table")
        for field in value.keys() - expected.fields.keys():
            raise RuleError(table, f"{key}.{field}", "unknown key")
        for field, kind in expected.fields.items():
            if field in value:
                _check(table, f"{key}.{field}", value[field], kind)
            elif field not in expected.optional:
                raise RuleError(table, f"{key}.{field}", "is missing")
    elif expected == PATTERN:
        _check(table, key, value, str)
        _compile(table, key, value)
    elif not isinstance(value, expected) or expected in (int, NUMBER) and isinstance(value, bool):
        raise RuleError(table, key, f"must be a {_TYPE_NAMES.get(expected) or expected.__name__}")


_TYPE_NAMES = {str: "string", int: "whole number", bool: "true or false", list: "list", dict: "table", NUMBER: "number"}


def _units(data: dict[str, Any]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for text, spec in data["percent"].items():
        units[text] = Unit(text, spec["base"], int(spec["scale"]), spec["dimension"], bool(spec["cn_numeral"]))
    for base, spec in data["base"].items():
        only_after = spec.get("only_after", "")
        units.setdefault(base, Unit(base, base, 1, spec["dimension"], True, only_after))
        if not only_after:
            for prefix, scale in data["prefixes"].items():
                units.setdefault(prefix + base, Unit(prefix + base, base, int(scale), spec["dimension"], True))
    for text, scale in data["standalone"].items():
        units.setdefault(text, Unit(text, "", int(scale), "number", True))
    return units


def load_table(name: str, text: str) -> dict[str, Any]:
    """Parse and validate one TOML table; raise RuleError naming the table and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RuleError(name, "-", f"is not valid TOML ({err})") from None
    _validate(name, data)
    _resolve_fragments(name, data)
    return data


# A pattern names a fragment of its own table as {section.key}: a word list stands for the
# alternation of its words (escaped, longest first), a string for itself (resolved in turn); each is
# put in a non-capturing group, so a quantifier after it ({dateline.numeral}{4}) takes it whole.
# Regex quantifiers ({2,4}) hold no dot and are no reference.
_FRAGMENT = re.compile(r"\{([A-Za-z_]\w*)\.([A-Za-z_]\w*)\}")


def _resolve_fragments(name: str, data: dict[str, Any]) -> None:
    """Replace every fragment reference in the table's patterns by the fragment; a reference to a
    key the table does not have, or a circle of references, is a RuleError naming the pattern."""
    schema = _SCHEMA[name]
    for section, expected in schema.items():
        body = data[section]
        if isinstance(expected, Record):
            kinds = {k: kind for k, kind in expected.fields.items() if k in body}
        elif isinstance(expected, Of):
            kinds = dict.fromkeys(body, expected.item)
        else:
            kinds = expected
        for key, kind in kinds.items():
            if kind == PATTERN:
                body[key] = _resolved(name, data, f"{section}.{key}", body[key])
            elif kind == Of(list, PATTERN):  # a list of patterns: each item resolved
                body[key] = [_resolved(name, data, f"{section}.{key}[{i}]", p) for i, p in enumerate(body[key])]


def _resolved(name: str, data: dict[str, Any], at: str, pattern: str) -> str:
    """A pattern with its fragments put in, compiled again (to check) only if it changed."""
    text = _fragment_text(name, data, at, pattern, (at.split("[")[0],))
    if text != pattern:
        _compile(name, at, text)
    return text


def _fragment_text(name: str, data: dict[str, Any], at: str, pattern: str, seen: tuple[str, ...]) -> str:
    def fragment(m: re.Match[str]) -> str:
        ref = f"{m.group(1)}.{m.group(2)}"
        value = data.get(m.group(1), {}).get(m.group(2)) if isinstance(data.get(m.group(1)), dict) else None
        if ref in seen:
            raise RuleError(name, at, f"refers to {{{ref}}} in a circle ({' → '.join(seen)} → {ref})")
        if isinstance(value, str):
            return "(?:" + _fragment_text(name, data, at, value, (*seen, ref)) + ")"
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return "(?:" + "|".join(map(re.escape, sorted(value, key=lambda w: (-len(w), w)))) + ")"
        raise RuleError(name, at, f"refers to {{{ref}}}, which is no word list or pattern of the table")

    return _FRAGMENT.sub(fragment, pattern)


def _compile(table: str, key: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise RuleError(table, key, f"regex does not compile ({err})") from None


def _lines(resource: Any) -> tuple[str, ...]:
    """The entries of a one-per-line table, without comments and blank lines."""
    return tuple(
        line.strip() for line in resource.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def load_rules() -> RuleBook:
    """Load every table shipped in kg/rules; cached per process (the tables are read-only)."""
    folder = resources.files(__name__)
    tables = {name: load_table(name, (folder / f"{name}.toml").read_text("utf-8")) for name in _SCHEMA}
    chrome = _lines(folder / "chrome.txt")
    boundaries = frozenset(_lines(folder / "boundaries.txt"))
    numbers = tables["numbers"]
    return RuleBook(
        tables=tables,
        chrome=chrome,
        boundaries=boundaries,
        units=_units(tables["units"]),
        digits={k: int(v) for k, v in numbers["digits"].items()},
        multipliers={k: int(v) for k, v in numbers["multipliers"].items()},
    )
