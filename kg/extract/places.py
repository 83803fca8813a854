"""Place mentions: divisions from the GB/T 2260 tables, regions and countries from the rule
tables, and zones, areas, towns and villages by the shape of their names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jieba

from kg.divisions import Divisions
from kg.extract.tokens import is_punct, tokens_before
from kg.extract.trie import compile_words
from kg.model import Mention, Sentence
from kg.rules import RuleBook

# Rule ids; the part after "place." is the place type where it is known from the rule.
DIVISION = "place.division"
REGION = "place.region"
COUNTRY = "place.country"
SCOPE = "place.scope"
SUFFIX = "place.suffix"


@dataclass(frozen=True)
class PlaceRules:
    """Place tables compiled once per rule book."""

    names: re.Pattern[str]  # divisions, regions, countries, scope words
    suffixes: re.Pattern[str]
    suffix_type: dict[str, str]
    regions: frozenset[str]
    countries: frozenset[str]
    scope: frozenset[str]
    not_places: frozenset[str]
    bad_stem_start: tuple[str, ...]
    max_stem: int


@cache
def place_rules(rules: RuleBook, divisions: Divisions) -> PlaceRules:
    table = rules.table("places")
    suffix_type = {s: kind for kind in ("Zone", "Area", "Town", "Township", "Village") for s in table["suffix"][kind]}
    regions = frozenset(table["regions"]["Region"])
    countries = frozenset(table["regions"]["Country"])
    scope = frozenset(table["scope"]["own_region"])
    names = set(divisions.names()) | regions | countries | scope
    return PlaceRules(
        names=compile_words(names),
        suffixes=compile_words(suffix_type),
        suffix_type=suffix_type,
        regions=regions,
        countries=countries,
        scope=scope,
        not_places=frozenset(table["stop"]["not_places"]),
        bad_stem_start=rules.words("places", "stop", "bad_stem_start"),
        max_stem=int(table["suffix"]["max_stem"]),
    )


def extract_places(
    sentences: tuple[Sentence, ...], rules: RuleBook, divisions: Divisions, tok: jieba.Tokenizer,
    region_code: str | None, year: int | None,
) -> list[Mention]:
    """Place mentions of every sentence; `norm` is the adcode of a division, else the type."""
    pr = place_rules(rules, divisions)
    out: list[Mention] = []
    for s in sentences:
        out.extend(_named(s, pr, divisions, region_code, year))
        out.extend(_by_suffix(s, pr, divisions, tok, region_code, year))
    return out


def _named(s: Sentence, pr: PlaceRules, divisions: Divisions, region_code: str | None, year: int | None) -> list[Mention]:
    out = []
    for m in pr.names.finditer(s.text):
        name = m.group()
        start, end = s.start + m.start(), s.start + m.end()
        if name in pr.scope:
            out.append(Mention("Place", start, end, name, SCOPE, s.index, ""))
        elif name in pr.regions:
            out.append(Mention("Place", start, end, name, REGION, s.index, "Region"))
        elif name in pr.countries:
            out.append(Mention("Place", start, end, name, COUNTRY, s.index, "Country"))
        else:
            division = divisions.lookup(name, within=region_code, year=year)
            if division is not None and _plausible(division, name, region_code, divisions):
                out.append(Mention("Place", start, end, name, DIVISION, s.index, division.code))
    return out


def _plausible(division, name: str, region_code: str | None, divisions: Divisions) -> bool:
    """A short form (湘乡 for 湘乡市) of a county-level division counts only inside the report's province."""
    if name == division.name or division.level in ("Province", "City") and division.parent is None:
        return True
    if division.level == "Province" or (division.level == "City" and division.code.endswith("00")):
        return True
    if region_code is None:
        return False
    return division.code[:2] == region_code[:2]


def _by_suffix(
    s: Sentence, pr: PlaceRules, divisions: Divisions, tok: jieba.Tokenizer, region_code: str | None, year: int | None,
) -> list[Mention]:
    out = []
    text = s.text
    for m in pr.suffixes.finditer(text):
        suffix = m.group()
        kind = pr.suffix_type[suffix]
        stem_start = _stem_start(text, m.start(), m.end(), kind, pr, tok)
        if stem_start is None:
            continue
        name = text[stem_start:m.end()]
        stem = text[stem_start:m.start()]
        if name in pr.not_places or stem in pr.not_places or len(stem) < 2:
            continue
        if divisions.lookup(name, within=region_code, year=year) is not None:
            continue  # a division's own name (湘潭县): the name matcher has it
        out.append(Mention("Place", s.start + stem_start, s.start + m.end(), name, SUFFIX, s.index, kind))
    return out


def _stem_start(text: str, start: int, end: int, kind: str, pr: PlaceRules, tok: jieba.Tokenizer) -> int | None:
    """Where a suffix's name begins: the one or two words right before it, or None if there are none.

    Single-character suffixes (镇, 乡, 村) must stand alone as a token or close one with
    their stem (乌石镇), so 乡村 and 城乡 are not places.
    """
    window_end = min(len(text), end + 2)
    tokens = tokens_before(tok, text, window_end, width=pr.max_stem + 2 + (window_end - start))
    if not tokens:
        return None
    boundaries = {t_start for _, t_start in tokens} | {t_start + len(w) for w, t_start in tokens}
    if end not in boundaries:
        return None
    if start not in boundaries:
        # The suffix is fused with the word before it: 乌石镇 is one token; 乡村 is not a place.
        fused = next(((w, ts) for w, ts in tokens if ts < start < ts + len(w)), None)
        if fused is None or fused[1] + len(fused[0]) != end or len(fused[0]) - (end - start) < 2:
            return None
        candidate = fused[1]
        return None if text[candidate:start] in pr.not_places else candidate
    before = [(w, ts) for w, ts in tokens if ts + len(w) <= start]
    stem_start, words = start, 0
    for word, ts in reversed(before):
        if is_punct(word) or any(word.startswith(b) for b in pr.bad_stem_start) or word in pr.not_places:
            break
        if start - ts > pr.max_stem or words == 2:
            break
        if word in ("等", "和", "及", "与", "的"):
            break
        stem_start, words = ts, words + 1
        if kind in ("Town", "Township", "Village") and start - stem_start >= 2:
            break
    if stem_start == start or start - stem_start < 2:
        return None
    return stem_start
