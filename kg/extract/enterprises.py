"""Enterprise mentions: names ending like companies (集团, 控股, 线缆 …) and names listed in
the phrases that introduce enterprises (引进X、Y等企业, 支持X、Y做强, 与X合作). Brands
that lead a project's name (吉利SUV…) and short names in project lists are found with
the projects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


from kg.extract.names import (
    FUNCTION_CHARS, Walk, after_last_boundary, boundary_at, is_known_word, list_items, name_start, prefixes_in,
    skip_boundaries,
)
from kg.extract.tokens import SentenceTokens, proper_names, tokens_around
from kg.extract.trie import compile_words
from kg.model import Mention, Sentence
from kg.rules import RuleBook

SUFFIX = "enterprise.suffix"
CONTEXT = "enterprise.context"
BRAND = "enterprise.brand"
LIST = "enterprise.list"
KNOWN = "enterprise.known"

_NUMBERED_BUREAU = re.compile(r"[一二三四五六七八九十]+局$")
_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,24}$")  # registered names run long
_WALK = Walk(max_chars=8, max_tokens=2)
# A registered name (…有限公司) runs longer: place, brand and trade before the legal form.
_LEGAL_WALK = Walk(max_chars=16, max_tokens=5)



@dataclass(frozen=True)
class EnterpriseRules:
    """Enterprise tables compiled once per rule book."""

    endings: re.Pattern[str]
    weak: frozenset[str]
    legal_forms: frozenset[str]
    walk: Walk  # how far back a short name runs from its ending
    known: re.Pattern[str]  # the names of central state-owned enterprises
    legal_walk: Walk  # how far back a registered name (…有限公司) runs
    contexts: tuple[re.Pattern[str], ...]
    verb_contexts: tuple[re.Pattern[str], ...]
    not_endings: tuple[str, ...]
    generic: frozenset[str]
    generic_kinds: tuple[str, ...]  # kinds of company (上市公司): a name ending in one is a kind (not so
    # a bank: 长兴农商银行 is one, though 农商银行 is a kind)
    boundaries: frozenset[str]  # for dropping an item's leading verb
    descriptors: tuple[str, ...]
    place_endings: tuple[str, ...]


@cache
def enterprise_rules(rules: RuleBook) -> EnterpriseRules:
    table = rules.table("enterprises")
    return EnterpriseRules(
        endings=compile_words(set(table["suffix"]["endings"]) | set(table["suffix"]["weak_endings"])),
        weak=frozenset(table["suffix"]["weak_endings"]),
        legal_forms=frozenset(table["suffix"]["legal_forms"]),
        known=compile_words(table["known"]["central"] + table["known"]["banks"]),
        walk=Walk(_WALK.max_chars, _WALK.max_tokens, through=frozenset(table["suffix"]["name_words"])),
        legal_walk=Walk(_LEGAL_WALK.max_chars, _LEGAL_WALK.max_tokens, through=frozenset(table["suffix"]["name_words"])),
        contexts=tuple(re.compile(p) for p in table["context"]["patterns"]),
        verb_contexts=tuple(re.compile(p) for p in table["context"]["verb_patterns"]),
        not_endings=rules.words("enterprises", "stop", "not_enterprise_endings"),
        generic=frozenset(table["stop"]["generic"]),
        generic_kinds=tuple(g for g in rules.words("enterprises", "stop", "generic")
                            if len(g) >= 4 and g.endswith(("公司", "机构"))),
        boundaries=rules.boundaries,
        descriptors=rules.words("enterprises", "stop", "trailing_descriptors"),
        place_endings=rules.words("enterprises", "stop", "place_endings"),
    )


def has_company_ending(name: str, er: EnterpriseRules) -> bool:
    """Whether a name ends like a company (集团, 科技, 机器人 …), strong or weak ending alike."""
    return er.endings.search(name[-6:]) is not None and any(
        name.endswith(m.group()) for m in er.endings.finditer(name[-6:])
    )


def is_enterprise_name(name: str, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    """Whether a candidate may name an enterprise: not generic, not a body or school, not a place."""
    if not _NAME.match(name) or name in er.generic or name in place_names or name.isdigit():
        return False
    if any(name.endswith(g) for g in er.generic_kinds):
        return False  # 境内外上市公司, 本地龙头企业: a kind of company, however qualified
    if name.endswith(er.place_endings):
        return False
    if any(name.endswith(e) for e in er.not_endings) and not _NUMBERED_BUREAU.search(name):
        return False  # 市发改局 is a body; 中铁五局 (a numbered engineering bureau) is a company
    return True


def strip_lead(item: str, er: EnterpriseRules) -> tuple[int, str]:
    """An item without the verbs that introduce it (新引进保利 → 保利) and the words that describe
    a brand's ecosystem after it (华为产业生态圈 → 华为); returns (offset in the item, name)."""
    lead = 0
    for _ in range(3):
        if item[lead:lead + 1] in FUNCTION_CHARS and len(item) - lead > 2:
            lead += 1  # 与华为: a particle before the name
            continue
        after = skip_boundaries(item, lead, er.boundaries, keep=1, times=1)
        if after == lead:
            break
        lead = after
    item = item[lead:]
    for _ in range(2):  # 盈峰基金生态链 → 盈峰基金 → 盈峰
        word = next((w for w in er.descriptors if item.endswith(w) and len(item) - len(w) >= 2), None)
        if word is None:
            break
        item = item[: -len(word)]
    return lead, item


def extract_enterprises(
    sentences: tuple[Sentence, ...], rules: RuleBook, tok: SentenceTokens, place_names: frozenset[str]
) -> list[Mention]:
    """Enterprise mentions of every sentence; `norm` is the name."""
    er = enterprise_rules(rules)
    out: list[Mention] = []
    for s in sentences:
        text = s.text
        for m in er.endings.finditer(text):
            if m.group() in er.weak:
                continue  # 科技, 机器人: too common as words; such names are found in lists
            name = _suffix_name(text, m.start(), m.end(), m.group(), er, tok, rules.boundaries)
            if name is not None and m.group() == "银行" and not _bank_name(text[name:m.start()], tok, er, place_names):
                continue  # 商业银行, 政策性银行: kinds of bank; 中信银行, 浙商银行: banks
            if name is not None and is_enterprise_name(text[name:m.end()], er, place_names):
                out.append(Mention("Enterprise", s.start + name, s.start + m.end(), text[name:m.end()], SUFFIX, s.index,
                                   text[name:m.end()]))
        for pattern, headed in [(p, True) for p in er.contexts] + [(p, False) for p in er.verb_contexts]:
            for m in pattern.finditer(text):
                items = list_items(m.group("names"), m.start("names"))
                if not headed and any(len(item) > 3 and any(ch in _CLAUSE_CHARS for ch in item[1:])
                                      and not is_known_word(tok, item) for _, item in items):
                    continue  # 推动里水、大沥与…在产业、交通等方面协同: a clause, not a list (美的, 万和 are names)
                for n, (item_start, item) in enumerate(items):
                    item = item.split("等", 1)[0]  # 宁德时代等领军企业: the list ends at 等
                    lead, name = strip_lead(item, er)
                    if n == 0 and (cut := after_last_boundary(name, er.boundaries, keep=2)):
                        lead, name = lead + cut, name[cut:]  # 仙湖氢谷集聚|飞驰汽车: the clause before the list
                    start = item_start + lead
                    if not headed and not has_company_ending(name, er) and tok.FREQ.get(name, 0) >= _COMMON \
                            and name not in proper_names():
                        continue  # 在产业、交通等方面协同: a common word stands where no company is named
                    place = next(iter(prefixes_in(name, place_names)), "")
                    if place and boundary_at(name, len(place), er.boundaries):
                        continue  # 四川携手, 澳门更好融入国家: a place and then a verb, not a company
                    if place and _only_places(name, place_names):
                        continue  # 江苏宜兴, 广州南沙: places written in a row
                    if is_enterprise_name(name, er, place_names):
                        out.append(Mention("Enterprise", s.start + start, s.start + start + len(name), name, CONTEXT,
                                           s.index, name))
        out.extend(_known(s, er))
    return out


def _bank_name(stem: str, tok: SentenceTokens, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    """Whether the words before 银行 name a bank: a name jieba does not know as a common word
    (中信, 浙商), or a place and a kind of bank (长兴农商银行); not a kind of bank however qualified
    (大型商业银行, 吸引政策性银行: the generic table). The national banks whose names are common
    words (工商银行, 建设银行) are in the known table."""
    name = stem + "银行"
    # The longest kind the name ends in (农商银行, not 银行): er.generic is a set, so never its first.
    kind = max((g for g in er.generic if g.endswith("银行") and name.endswith(g)), key=lambda g: (len(g), g), default=None)
    if kind is not None:
        return name != kind and name[: -len(kind)] in place_names
    return bool(stem) and (tok.FREQ.get(stem, 0) < _COMMON or stem in proper_names())


_CLAUSE_CHARS = frozenset("在的和与及")


def _only_places(name: str, place_names: frozenset[str]) -> bool:
    rest = name
    while rest and (place := next(iter(prefixes_in(rest, place_names)), "")):
        rest = rest[len(place):]
    return not rest.strip("的")


# How often a word must occur in jieba's dictionary to be too common for a company's short name
# (交通 10908, 产业 8756; but 中联重科 34, 保利 37, 绿地 174).
_COMMON = 500


def _known(s: Sentence, er: EnterpriseRules) -> list[Mention]:
    """Central state-owned enterprises by the short names reports use (中国移动, 国家电网): a
    national list, general knowledge like the division tables."""
    out = []
    for m in er.known.finditer(s.text):
        after = s.text[m.end():m.end() + 4]
        # 中国石油大学, 中国建筑业协会, 支持中国电子信息产业: a longer name or phrase goes on; the
        # company's name ends at punctuation, a particle, a verb or its own legal words.
        if after and "\u4e00" <= after[0] <= "\u9fff" and after[0] not in FUNCTION_CHARS and not (
                boundary_at(after, 0, er.boundaries) or er.endings.match(after)):
            continue
        out.append(Mention("Enterprise", s.start + m.start(), s.start + m.end(), m.group(), KNOWN, s.index, m.group()))
    return out


def _suffix_name(
    text: str, start: int, end: int, ending: str, er: EnterpriseRules, tok: SentenceTokens, boundaries: frozenset[str]
) -> int | None:
    """Where a name ending in a company word begins, or None when the ending is an ordinary word here."""
    tokens = tokens_around(tok, text, start, end, pad=3)
    if end not in {ts + len(w) for w, ts in tokens}:
        return None  # 科技创新: the ending runs on into another word
    # 县产业|投资|集团, 宜昌城市|发展|投资|集团有限公司: words that stop other names belong to this one
    walk = er.legal_walk if ending in er.legal_forms else er.walk
    begin = name_start(text, start, tok, walk, boundaries)
    if begin is None or start - begin < 2:
        return None
    stem = text[begin:start]
    last = next((w for w, ts in reversed(tokens) if ts < start and ts + len(w) <= start), "")
    if stem in er.generic or (last + ending in er.generic and stem == last):
        return None  # 本级平台公司: a kind of company, not one (长兴农商银行 is one)
    return begin
