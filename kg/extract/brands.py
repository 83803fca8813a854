"""Brands in the names of works: the enterprise whose works a project's name says it is
(比亚迪长沙工厂, 广州华星光电T9, 珍酒年产…), and the investors among the items of a list of projects
(舍弗勒、新松机器人等项目). Used by the project rules (kg/extract/projects.py)."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from kg.extract.enterprises import EnterpriseRules, enterprise_rules, has_company_ending, is_enterprise_name
from kg.extract.names import is_known_word, prefixes_in, suffixes_in
from kg.extract.tokens import SentenceTokens, proper_names, tokens_in
from kg.rules import load_rules

if TYPE_CHECKING:
    from kg.extract.projects import ProjectRules


class _LeadBrand:
    """The pattern of a brand leading a project's name (吉利SUV…, 桑顿2.5期, 湘钢5、6号焦炉, 吉利4.0…):
    kg/rules/enterprises.toml [brands] lead, as EnterpriseRules.lead_brand of the rule book, for
    the modules that import it; importing reads no table."""

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return enterprise_rules(load_rules()).lead_brand.match(string, pos, endpos)


LEAD_BRAND = _LeadBrand()


def industry_head(name: str, pr: ProjectRules, er: EnterpriseRules) -> str | None:
    """The industry a list item ends in after a two-to-five-character opening (华为|工业互联网,
    中芯国际|集成电路), or None; an item ending like a company (粤芯半导体) is the company."""
    head = next((h for h in pr.industry_heads if name.endswith(h)), None)
    if head is None or not 2 <= len(name) - len(head) <= 6 or has_company_ending(name, er):
        return None
    return head


def may_be_brand(prefix: str, er: EnterpriseRules, tok: SentenceTokens, slogans: frozenset[str],
                 places: frozenset[str]) -> bool:
    """Whether the opening of a work's name may be a brand: a word jieba does not know (猪八戒网,
    拓普) or knows as a proper noun (华为, 京东), not a common word (精密, 国产, 数字), a slogan's
    quality, a place or a kind of body."""
    if prefix in places or prefix in slogans or not is_enterprise_name(prefix, er, places):
        return False
    if any(w in prefix for w in er.route_joiners) or prefix[-1] in er.trailing_joiners:
        return False  # 西安至十堰高铁: a route's first end, not a brand
    return not is_known_word(tok, prefix) or prefix in proper_names()


def only_proper_words(text: str, start: int, end: int, tok: SentenceTokens) -> bool:
    """Whether every word of text[start:end] is one jieba does not know or knows as a proper noun
    (中海|壳牌), as a brand's words are; 夜游|湘江, 智慧|水利 hold common words."""
    proper = proper_names()
    return all(tok.FREQ.get(w, 0) == 0 or w in proper for w in tokens_in(tok, text, start, end))


def brand_after_place(name: str, places: frozenset[str], er: EnterpriseRules, tok: SentenceTokens,
                      pr: ProjectRules) -> tuple[int, str] | None:
    """广州华星光电T9, 惠州恒力PTA, 深圳中芯国际12英寸线: a place the report names, a brand and a
    product line's code name the brand's line in that place; returns the brand's offset and name."""
    place = next(iter(prefixes_in(name, places)), "")
    code = er.line_code.search(name, len(place)) if place else None  # T9, PTA, 12英寸线, 8.5代线
    if code is None or not 2 <= code.start() - len(place) <= 6:
        return None
    brand = name[len(place):code.start()]
    return (len(place), brand) if may_be_brand(brand, er, tok, pr.slogan_prefixes, places) else None


def place_and_word(name: str, places: frozenset[str], er: EnterpriseRules, tok: SentenceTokens) -> bool:
    """陆丰核电: a place the report names and a common word name the place's works, not a brand
    (a central enterprise's name, 中国移动, is one)."""
    place = next(iter(prefixes_in(name, places)), "")
    rest = name[len(place):]
    return bool(place) and is_known_word(tok, rest) and rest not in proper_names() and not er.known.fullmatch(name)


def brand_before_place(
    name: str, places: re.Pattern[str], er: EnterpriseRules, tok: SentenceTokens, pr: ProjectRules,
    place_names: frozenset[str],
) -> str | None:
    """京东云湘潭直播基地, 比亚迪长沙工厂: a name that opens with two to five characters and then a
    place the report names is a brand's works in that place; the opening is the brand. An
    institution's campus (浙大一院余杭院区) is no brand's works."""
    if name.endswith(pr.institution_parts):
        return None
    for k in range(2, min(6, len(name) - 3)):
        place = places.match(name, k)
        if place is None or len(name) - place.end() < 2:
            continue
        prefix = name[:k]
        if pr.endings.search(prefix) or prefix.endswith(pr.routes) or pr.road.fullmatch(prefix):
            return None  # 104国道长兴段改建工程, G348宜昌段…: a work before the place, not a brand
        if prefix.endswith(pr.not_brand_endings):
            return None  # 长江宜昌段岸线复绿工程: a river before the place
        return prefix if may_be_brand(prefix, er, tok, pr.slogan_prefixes, place_names) else None
    return None


def brand_of(name: str, pr: ProjectRules, er: EnterpriseRules, tok: SentenceTokens, places: frozenset[str],
             place_pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """The enterprise whose works a project's name says it is, with its offset in the name, or None."""
    # 珍酒年产1.2万吨…: the name before a capacity is the investor's, before any other reading
    capacity = pr.capacity.match(name)
    if capacity and not suffixes_in(capacity.group(1), places):
        b = capacity.group(1)
        return (0, b) if may_be_brand(b, er, tok, pr.slogan_prefixes, places) else None
    if (placed := brand_after_place(name, places, er, tok, pr)) is not None:
        return placed  # 惠州恒力PTA: the brand after the place
    # 比亚迪南海年产…: a place before the capacity; the brand is before the place
    brand = er.lead_brand.match(name)
    b = brand.group(1) if brand else brand_before_place(name, place_pattern, er, tok, pr, places)
    if brand and not (may_be_brand(b, er, tok, pr.slogan_prefixes, places) and not place_and_word(b, places, er, tok)):
        return None  # 工业4.0: a common word before a version is no brand; nor 陆丰核电 before 5号机组
    return (0, b) if b else None
