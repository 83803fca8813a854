"""Enterprise mentions: names ending like companies (集团, 控股, 线缆 …) and names listed in
the phrases that introduce enterprises (引进X、Y等企业, 支持X、Y做强, 与X合作). Brands
that lead a project's name (吉利SUV…) and short names in project lists are found with
the projects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_left
from functools import cache, lru_cache

from kg import trace
from kg.divisions import province_abbreviations
from kg.extract.names import (
    FUNCTION_CHARS, Walk, after_last_boundary, boundary_at, is_known_word, list_items, name_start, prefixes_in,
    skip_boundaries,
)
from kg.extract.tokens import SentenceTokens, is_punct, proper_names, token_at, tokens_around, tokens_in
from kg.extract.trie import compile_words
from kg.grammar import (
    CLAUSE_MARKS, CLOSE_BRACKET, COMMA, COLON, ENUMERATION_COMMA, ETC, FULL_STOP, HAN, HAN_FIRST, HAN_LAST, OF,
    OPEN_BRACKET, SEMICOLON,
)
from kg.model import Mention, Sentence
from kg.errors import RuleError
from kg.rules import RuleBook

SUFFIX = "enterprise.suffix"
SIBLING = "enterprise.list_sibling"
BRAND_TRADE = "enterprise.brand_and_trade"
CONTEXT = "enterprise.context"
BRAND = "enterprise.brand"
BRACKET = "enterprise.bracket"
LIST = "enterprise.list"
KNOWN = "enterprise.known"

# Registered names run long, and may hold a bracketed word before their legal form (…控股（集团）有限公司).
_NAME = re.compile(rf"^[{HAN}A-Za-z0-9]{{2,24}}(?:[{OPEN_BRACKET}(][{HAN}]{{2,4}}[{CLOSE_BRACKET})][{HAN}A-Za-z0-9]{{2,16}})?$")
_WALK = Walk(max_chars=8, max_tokens=2)
# A registered name (…有限公司) runs longer: place, brand and trade before the legal form.
_LEGAL_WALK = Walk(max_chars=16, max_tokens=6)



@dataclass(frozen=True)
class EnterpriseRules:
    """Enterprise tables compiled once per rule book."""

    endings: re.Pattern[str]
    common: int  # jieba's count from which a word is too common for a company's short name
    weak: frozenset[str]
    brand_trades: frozenset[str]  # 高科: weak endings after which an unknown word is a company's short name
    legal_forms: frozenset[str]
    walk: Walk  # how far back a short name runs from its ending
    known: re.Pattern[str]  # the names of central state-owned enterprises
    legal_walk: Walk  # how far back a registered name (…有限公司) runs
    bracketed: re.Pattern[str]  # （集团）: words in brackets inside a registered name, before what follows
    cooperations: frozenset[str]  # 中哈: before a place in brackets, a cooperation's name
    contexts: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]  # (pattern, words one of which a match holds)
    verb_contexts: tuple[re.Pattern[str], ...]
    not_endings: tuple[str, ...]
    generic: frozenset[str]
    generic_kinds: tuple[str, ...]  # kinds of company (上市公司): a name ending in one is a kind (not so
    # a bank: 长兴农商银行 is one, though 农商银行 is a kind)
    boundaries: frozenset[str]  # for dropping an item's leading verb
    descriptors: tuple[str, ...]
    place_endings: tuple[str, ...]
    class_endings: tuple[str, ...]  # industries, sectors, campaigns (高端装备制造业, 京津冀协同发展)
    class_starts: tuple[str, ...]  # quantities, scopes, regions, slogans' qualities (更多, 北部, 美丽)
    kind_parts: tuple[str, ...]  # words of kinds of enterprise (央企, 民营企业) inside a name
    kind_stems: frozenset[str]  # a company's function or ownership (运营, 投资, 跨国)
    counters: str  # 家, 个 …: a name opening with one after a number is counted
    list_enterprise: tuple[str, ...]  # a list's category that says its items are enterprises (等企业)
    list_not_enterprise: tuple[str, ...]  # one that says they are not (等领域, 等院校)
    zone_endings: tuple[str, ...]  # endings of zones, areas and parks (产业园, 科技城): places, not brands
    brand_place_endings: tuple[str, ...]  # 园, 城: brands end so too (碧桂园, 华侨城)
    bracket_works: tuple[str, ...]  # 园, 基地: the works a brand before a bracketed place names
    kind_legal_forms: frozenset[str]  # 公司 …: after nothing but kind_stems, a kind of company
    geo_endings: tuple[str, ...]  # waters and landforms (大亚湾): a list item ending in one is a place
    waters: tuple[str, ...]  # 湖, 池, 河: an item of two characters ending in one is a water (滇池)
    not_waters: tuple[str, ...]  # 电池: a word ending like a water that is none
    bank: str  # 银行: the words before it must name a bank
    numbered_bureau: re.Pattern[str]  # 中铁五局: a numbered engineering bureau is a company
    counted: re.Pattern[str]  # a name opening with a count (4个, 两家)
    numeral_before: re.Pattern[str]  # a count's last numeral before a name
    partner_words: frozenset[str]  # 与, 同: what introduces a partner
    clause_chars: frozenset[str]  # 在, 的 …: inside a list item, a clause, not a name
    lead_brand: re.Pattern[str]  # a brand leading a project's name (吉利SUV…, 桑顿2.5期)
    line_code: re.Pattern[str]  # a product line's code after a brand (T9, 12英寸线)
    route_joiners: tuple[str, ...]  # 至: a route's two ends, not a brand
    trailing_joiners: frozenset[str]  # 和, 到 …: an opening ending in one is no brand


def _longest_first(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted(items, key=lambda w: (-len(w), w)))


def _counts(classes: dict) -> dict[str, re.Pattern[str]]:
    """The EnterpriseRules fields that are patterns of counts, built from the numerals' words."""
    numerals = "".join(map(re.escape, classes["numerals"]))
    counting = "0-9" + numerals + "".join(map(re.escape, classes["count_words"]))
    endings = "|".join(map(re.escape, _longest_first(classes["numbered_endings"])))
    return {
        "numbered_bureau": re.compile(f"[{numerals}]+(?:{endings})$"),
        "counted": re.compile(f"^[{counting}]+"),
        "numeral_before": re.compile(f"[{counting}]$"),
    }


def _contexts(section: dict) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Each list pattern with the words one of which its match holds (enterprises.toml, context.needs)."""
    if len(section["needs"]) != len(section["patterns"]):
        raise RuleError("enterprises", "context.needs", "must give one list of words for each of context.patterns")
    return tuple((re.compile(p), tuple(n)) for p, n in zip(section["patterns"], section["needs"]))


@cache
def enterprise_rules(rules: RuleBook) -> EnterpriseRules:
    table = rules.table("enterprises")
    return EnterpriseRules(
        common=table["frequency"]["common"],
        endings=compile_words(set(table["suffix"]["endings"]) | set(table["suffix"]["weak_endings"])),
        weak=frozenset(table["suffix"]["weak_endings"]),
        brand_trades=frozenset(table["suffix"]["brand_trades"]),
        legal_forms=frozenset(table["suffix"]["legal_forms"]),
        cooperations=frozenset(table["stop"]["cooperations"]),
        bracketed=re.compile(f"[{OPEN_BRACKET}(](?:" + "|".join(map(re.escape, table["suffix"]["bracketed_words"]))
                             + f")[{CLOSE_BRACKET})][{HAN}]{{0,8}}$"),
        known=compile_words(table["known"]["central"] + table["known"]["banks"]),
        walk=Walk(_WALK.max_chars, _WALK.max_tokens, through=frozenset(table["suffix"]["name_words"])),
        legal_walk=Walk(_LEGAL_WALK.max_chars, _LEGAL_WALK.max_tokens, through=frozenset(table["suffix"]["name_words"])),
        contexts=_contexts(table["context"]),
        verb_contexts=tuple(re.compile(p) for p in table["context"]["verb_patterns"]),
        not_endings=rules.words("enterprises", "stop", "not_enterprise_endings"),
        generic=frozenset(table["stop"]["generic"]),
        generic_kinds=tuple(g for g in rules.words("enterprises", "stop", "generic")
                            if len(g) >= 4 and g.endswith(tuple(table["stop"]["kind_endings"]))),
        boundaries=rules.boundaries,
        descriptors=rules.words("enterprises", "stop", "trailing_descriptors"),
        place_endings=rules.words("enterprises", "stop", "place_endings"),
        class_endings=_longest_first(table["classes"]["class_endings"]),
        class_starts=_longest_first(table["classes"]["class_starts"]),
        kind_parts=_longest_first([*table["classes"]["kind_parts"],
                                   *(a + table["classes"]["kind_head"] for a in province_abbreviations().values())]),
        kind_stems=frozenset(table["classes"]["kind_stems"]),
        counters="".join(table["classes"]["counters"]),
        list_enterprise=_longest_first(table["lists"]["enterprise"]),
        list_not_enterprise=_longest_first(table["lists"]["not_enterprise"]),
        geo_endings=_longest_first(table["classes"]["geo_endings"]),
        waters=tuple(table["classes"]["waters"]),
        not_waters=tuple(table["classes"]["not_waters"]),
        zone_endings=_longest_first([w for kind in ("Zone", "Area") for w in rules.table("places")["suffix"][kind]]
                                    + [w for w in rules.table("projects")["suffix"]["named_endings"]
                                       if w.endswith(tuple(table["classes"]["brand_place_endings"]))]),
        brand_place_endings=tuple(table["classes"]["brand_place_endings"]),
        bracket_works=tuple(table["classes"]["bracket_works"]),
        kind_legal_forms=frozenset(table["classes"]["kind_legal_forms"]),
        bank=table["suffix"]["bank"],
        **_counts(table["classes"]),
        partner_words=frozenset(table["context"]["partner_words"]),
        clause_chars=frozenset(table["context"]["clause_chars"]),
        lead_brand=re.compile(table["brands"]["lead"]),
        line_code=re.compile(table["brands"]["line_code"]),
        route_joiners=tuple(table["brands"]["route_joiners"]),
        trailing_joiners=frozenset(table["brands"]["trailing_joiners"]),
    )


def has_company_ending(name: str, er: EnterpriseRules) -> bool:
    """Whether a name ends like a company (集团, 科技, 机器人 …), strong or weak ending alike."""
    return er.endings.search(name[-6:]) is not None and any(
        name.endswith(m.group()) for m in er.endings.finditer(name[-6:])
    )


def is_enterprise_name(name: str, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    """Whether a candidate may name an enterprise: not generic, not a body or school, not a place,
    not an industry, a campaign or a kind of company."""
    return name_veto(name, er, place_names) is None


def name_veto(name: str, er: EnterpriseRules, place_names: frozenset[str]) -> str | None:
    """The id of the veto that says a candidate names no enterprise, or None when it may name one."""
    if not _NAME.match(name) or name.isdigit():
        return "enterprise.shape"
    if name in er.generic:
        return "enterprise.generic"
    if name in place_names or name.endswith(er.place_endings):
        return "enterprise.place"
    if any(name.endswith(g) for g in er.generic_kinds) or any(k in name for k in er.kind_parts):
        return "enterprise.kind"  # 境内外上市公司, 航母型民营企业集团, 央企集团: a kind of company
    if any(name.endswith(e) for e in er.not_endings) and not er.numbered_bureau.search(name):
        return "enterprise.body"  # 市发改局 is a body; 中铁五局 (a numbered engineering bureau) is a company
    if (counted := er.counted.match(name)) and name[counted.end():counted.end() + 1] in er.counters:
        return "enterprise.counted"  # 4个国家级, 两家银行: a count of a kind
    if name.endswith(er.class_endings) and not has_company_ending(name, er):
        return "enterprise.class"  # 高端装备制造业, 京津冀协同发展, 白沟试点: industries, campaigns
    if name.startswith(er.class_starts) and len(name) > 2:
        return "enterprise.class"  # 更多中小企业, 北部生态, 美丽河北: quantities, regions, slogans
    if any(name.endswith(p) and len(name) - len(p) >= 2 for p in _suffixes(name, place_names)):
        return "enterprise.slogan"  # 美丽河北, 数字湖南, 健康中国: a quality and a place
    return None


def _suffixes(name: str, place_names: frozenset[str]) -> list[str]:
    return [name[-k:] for k in range(2, min(len(name) - 1, 8)) if name[-k:] in place_names]


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
        by_suffix = _by_suffix(s, er, tok, rules.boundaries, place_names)
        out.extend(by_suffix)
        if by_suffix and ENUMERATION_COMMA in s.text:
            out.extend(_list_siblings(s, by_suffix, er, tok, rules.boundaries, place_names))
        out.extend(_by_context(s, er, tok, place_names))
        out.extend(_before_bracketed_place(s, er, tok, rules.boundaries, place_names))
        out.extend(_known(s, er, tok))
    return out


def _by_suffix(s: Sentence, er: EnterpriseRules, tok: SentenceTokens, boundaries: frozenset[str],
               place_names: frozenset[str]) -> list[Mention]:
    """Names that end like companies (湘潭钢铁集团, 浙江锦诚新材料股份有限公司)."""
    text, out = s.text, []
    for m in er.endings.finditer(text):
        if m.group() in er.weak:
            if m.group() in er.brand_trades and (brand := _unknown_brand_before(text, m.start(), m.end(), tok, boundaries, place_names)) is not None:
                out.append(Mention("Enterprise", s.start + brand, s.start + m.end(), text[brand:m.end()], BRAND_TRADE,
                                   s.index, text[brand:m.end()]))
            continue  # 科技, 机器人: too common as words; such names are found in lists, or after a brand
        name = _suffix_name(text, m.start(), m.end(), m.group(), er, tok, boundaries)
        if name is None:
            continue
        if m.group() == er.bank and not _bank_name(text[name:m.start()], tok, er, place_names):
            trace.veto("enterprise.kind_of_bank", "Enterprise", text[name:m.end()], s.start + name, s.start + m.end())
            continue  # 商业银行, 政策性银行: kinds of bank; 中信银行, 浙商银行: banks
        label = text[name:m.end()]
        veto = name_veto(label, er, place_names) or _suffix_veto(text, name, m.start(), m.end(), er, tok, place_names)
        if veto:
            trace.veto(veto, "Enterprise", label, s.start + name, s.start + m.end())
            continue
        out.append(Mention("Enterprise", s.start + name, s.start + m.end(), label, SUFFIX, s.index, label))
    return out


def _unknown_brand_before(text: str, start: int, end: int, tok: SentenceTokens, boundaries: frozenset[str],
                          place_names: frozenset[str]) -> int | None:
    """国轩|高科: one of brand_trades right after one word of two or three characters that jieba's
    dictionary does not hold, the whole standing as words of their own after a mark, a 、 or a verb,
    is a company's name; where the start of the brand is, else None."""
    around = tokens_around(tok, text, start, end, pad=4)
    brand = next(((w, ts) for w, ts in around if ts + len(w) == start), None)
    if brand is None or not 2 <= len(brand[0]) <= 3 or is_known_word(tok, brand[0]) or brand[0] in place_names:
        return None
    if any(ch in FUNCTION_CHARS or not HAN_FIRST <= ch <= HAN_LAST for ch in brand[0]):
        return None
    if end not in {ts + len(w) for w, ts in around} or brand[0] in boundaries:
        return None  # 科技创新: the ending runs on; 做强|汽车, 提质|商贸: a verb, no brand
    after = next((w for w, ts in around if ts == end), "")
    if after and not (is_punct(after) or after in (ENUMERATION_COMMA, ETC) or after in FUNCTION_CHARS
                      or after in boundaries):
        return None  # 国省科技|计划项目, 盈峰机器人|产业基金: the name runs on into a kind of thing
    at = brand[1]
    before = next((w for w, ts in around if ts + len(w) == at), "")
    if at > 0 and not (is_punct(before) or before == ENUMERATION_COMMA or before in boundaries):
        return None  # inside a longer name or phrase
    return at


_CLAUSE = re.compile(f"[^{CLAUSE_MARKS},;:!?]+")  # a clause: the text between clause marks


def _list_siblings(s: Sentence, found: list[Mention], er: EnterpriseRules, tok: SentenceTokens,
                   boundaries: frozenset[str], place_names: frozenset[str]) -> list[Mention]:
    """海信集团、中车青岛四方机车车辆股份有限公司、澳柯玛做大做强: in a 、-list of which two items and
    half or more are companies by their endings, the other items are companies too where they look
    like names (a word jieba does not know or knows as a proper noun; no place, no common
    word). The first item loses the clause before it, the last what follows its first verb."""
    text, out = s.text, []
    spans = {(m.start - s.start, m.end - s.start) for m in found}
    for clause in _CLAUSE.finditer(text):
        if ENUMERATION_COMMA not in clause.group():
            continue
        items = list_items(clause.group(), clause.start())
        names = []
        for n, (start, item) in enumerate(items):
            start, name = _list_item_name(text, n, start, item, er, tok) if n == 0 else (start, item)
            closed = ETC in name[1:]
            if closed or n == len(items) - 1:  # the list ends in this item: at 等, a function word or a verb
                cut = next((k for k in range(2, len(name)) if name[k] == ETC or name[k] in FUNCTION_CHARS
                            or boundary_at(name, k, boundaries)), len(name))
                name = name[:cut]
            names.append((start, name))
            if closed:
                break  # X、Y等中央企业深化改革、做强做优: what follows 等 is no item of the list
        companies = [(st, nm) for st, nm in names if any(a <= st and st + len(nm) == b for a, b in spans)]
        if len(companies) < 2 or 2 * len(companies) < len(names):
            continue  # 三峡集团、长江大保护、碳达峰…; 云南白药集团、滇池、翠湖: one company among other things
        for start, name in names:
            if (start, name) in companies or any(a < start + len(name) and start < b for a, b in spans):
                continue
            around = tokens_around(tok, text, start, start + len(name), pad=0)
            if len(around) > 2 or around[0][1] != start or around[-1][1] + len(around[-1][0]) != start + len(name):
                continue  # 文艺院团提质增效, 福田汽车转型: a clause, not a name of one or two words
            if not 2 <= len(name) <= 10 or _is_place_item(name, er, place_names) or _context_veto(
                    name, False, er, tok, place_names) or not looks_named(text, start, name, er, tok, place_names):
                continue
            out.append(Mention("Enterprise", s.start + start, s.start + start + len(name), name, SIBLING, s.index, name))
    return out


def _suffix_veto(text: str, start: int, ending: int, end: int, er: EnterpriseRules, tok: SentenceTokens,
                 place_names: frozenset[str] = frozenset()) -> str | None:
    """Why a name found by its company ending names no company here, or None."""
    if text[start:ending] in place_names and _industry_follows(text, end, er, tok):
        return "enterprise.industry_of_place"  # 承接广州纺织服装商圈: a place's trade, and more nouns of it
    if start and er.numeral_before.search(text, 0, start) and text[start] in er.counters:
        return "enterprise.counted"  # 4家实体公司: a count of a kind of company
    if text[ending:end] in er.kind_legal_forms and _only_kind_stems(text[start:ending], er):
        return "enterprise.kind"  # 运营公司, 开发投资公司, 跨国公司: a kind of company (产业集团 names a city's)
    if category_says_not(_list_category(text, start, end, tok), er):
        return "enterprise.list_category"  # 白沟箱包、高阳纺织等21个特色产业集群: industries
    return None




def _industry_follows(text: str, end: int, er: EnterpriseRules, tok: SentenceTokens) -> bool:
    """Whether the words after text[:end], up to a boundary, a particle or punctuation, close on a
    class of things (纺织|服装|商圈|产业, 钢铁|行业): the name before them is an industry's, not a company's."""
    words, starts = tok.cut(text)
    for word, start in zip(words, starts):
        if start < end:
            continue
        if is_punct(word) or word in er.boundaries or (len(word) == 1 and word in FUNCTION_CHARS) or start - end > 8:
            return False
        if word.endswith(er.class_endings) and len(word) <= 3:
            return True
    return False


def _only_kind_stems(stem: str, er: EnterpriseRules) -> bool:
    """Whether a stem is nothing but words of a company's function or ownership (开发投资,
    产业集团), read greedily from its start; 县产业投资 (a county's) and 城发 are not."""
    pos = 0
    while pos < len(stem):
        k = next((k for k in (4, 3, 2, 1) if stem[pos:pos + k] in er.kind_stems), 0)
        if not k:
            return False
        pos += k
    return pos > 0


def _closes_list(text: str, pos: int, tok: SentenceTokens, after_list: bool) -> bool:
    """Whether the 等 at text[pos] closes a list (X、Y等企业), not part of a word (依法平等保护).
    jieba fuses 等 with the character before it now and then (山东威|高等, 新华|三等, 立|中等),
    so after a 、-list a fused 等 closes it too."""
    _, start = token_at(tok, text, pos)
    return start == pos or after_list


def _list_category(text: str, start: int, end: int, tok: SentenceTokens) -> str:
    """The category closing the 、-list a name at text[start:end] stands in (等21个特色产业集群 →
    21个特色产业集群), or "" when the name is in no list or the list names no category."""
    if text[end:end + 1] != ENUMERATION_COMMA and text[start - 1:start] != ENUMERATION_COMMA:
        return ""
    clause_ends, closers = _list_marks(text, tok)
    i = bisect_left(clause_ends, end)
    stop = clause_ends[i] if i < len(clause_ends) else len(text)
    j = bisect_left(closers, end)
    if j < len(closers) and closers[j] < stop:
        return text[closers[j] + 1:min(stop, closers[j] + 13)]
    return ""


@lru_cache(maxsize=8)
def _list_marks(text: str, tok: SentenceTokens) -> tuple[list[int], list[int]]:
    """Where a sentence's clauses end and which of its 等 close a list: found once per sentence,
    so that each listed name looks its category up instead of scanning the rest of the clause
    (a sentence of thousands of listed names stays linear)."""
    clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    closers = [k for k, ch in enumerate(text) if ch == ETC and _closes_list(text, k, tok, True)]
    return clause_ends, closers


_CLAUSE_END = re.compile(f"[{CLAUSE_MARKS},;:!?{OPEN_BRACKET}({CLOSE_BRACKET})]")


def category_says_not(category: str, er: EnterpriseRules) -> bool:
    """Whether a list's category says its items are not enterprises (领域, 院校, 产业集群) and
    nothing in it says they are (企业, 集团, 投资商)."""
    return bool(category) and any(w in category for w in er.list_not_enterprise) and not any(
        w in category for w in er.list_enterprise)


def _by_context(s: Sentence, er: EnterpriseRules, tok: SentenceTokens, place_names: frozenset[str]) -> list[Mention]:
    """Names listed where enterprises stand (引进X、Y等企业, 支持X、Y做强, 与X合作)."""
    out: list[Mention] = []
    for pattern, needs, headed in [(p, n, True) for p, n in er.contexts] + [(p, (), False) for p in er.verb_contexts]:
        if needs and not any(word in s.text for word in needs):
            continue  # a match would hold one of these words: no need to try the pattern everywhere
        for m in pattern.finditer(s.text):
            names = _context_names(s, m, headed, er, tok, place_names)
            for start, name in names:
                veto = _context_veto(name, headed, er, tok, place_names)
                if veto:
                    trace.veto(veto, "Enterprise", name, s.start + start, s.start + start + len(name))
                    continue
                out.append(Mention("Enterprise", s.start + start, s.start + start + len(name), name, CONTEXT,
                                   s.index, name))
    return out


def _context_names(s: Sentence, m: re.Match[str], headed: bool, er: EnterpriseRules, tok: SentenceTokens,
                   place_names: frozenset[str]) -> list[tuple[int, str]]:
    """The items of a list where enterprises stand, with their offsets; none when the list names
    trades, fields, places or a clause (each such list vetoed whole)."""
    text = s.text
    listed = ENUMERATION_COMMA in m.group("names")
    deng = next((k for k in range(m.start("names"), m.end()) if text[k] == ETC
                 and _closes_list(text, k, tok, ENUMERATION_COMMA in text[m.start("names"):k])), None)
    if headed and not listed and deng is None:
        return []  # 依法平等保护民营企业: the 等 of 平等 closes no list
    group_end = min(m.end("names"), deng) if deng is not None else m.end("names")
    items = list_items(text[m.start("names"):group_end], m.start("names"))
    if not items:
        return []
    if not headed and deng is not None and category_says_not(text[deng + 1:m.end()], er):
        _veto_all(s, items, "enterprise.list_category")  # 光电、风电等领域, 中国农大等院校合作
        return []
    if not headed and any(len(item) > 3 and any(ch in er.clause_chars for ch in item[1:])
                          and not is_known_word(tok, item) for _, item in items):
        return []  # 推动里水、大沥与…在产业、交通等方面协同: a clause, not a list (美的, 万和 are names)
    names = [_list_item_name(text, n, item_start, item, er, tok) for n, (item_start, item) in enumerate(items)]
    if headed and all(is_known_word(tok, name) and name not in proper_names() for _, name in names):
        # 餐饮、防疫等企业: every item a word of the dictionary, none a proper noun, names the trades of
        # companies, not companies (神曲乐器, two words, may be a brand: jieba cuts brands so)
        _veto_all(s, names, "enterprise.no_name")
        return []
    if not headed and len(names) > 1 and 2 * sum(_is_place_item(n, er, place_names) for _, n in names) >= len(names):
        _veto_all(s, names, "enterprise.place_list")  # 支持广州、珠海、东莞高质量发展: places
        return []
    if not headed and not any(looks_named(text, start, name, er, tok, place_names) for start, name in names):
        _veto_all(s, names, "enterprise.no_name")  # 推动规模化发展、标准化建设: no item looks like a name
        return []
    return names


def _list_item_name(text: str, n: int, item_start: int, item: str, er: EnterpriseRules,
                    tok: SentenceTokens) -> tuple[int, str]:
    """An item of a list without the words that lead it; the first without the clause before it,
    nor the tail of a word the list's pattern cut (支|持国家…: the pattern's items hold 16 characters)."""
    if n == 0 and (word := token_at(tok, text, item_start))[1] < item_start and len(item) - (
            cut := word[1] + len(word[0]) - item_start) >= 2:
        item_start, item = item_start + cut, item[cut:]
    lead, name = strip_lead(item, er)
    if n == 0 and (cut := after_last_boundary(name, er.boundaries, keep=2)):
        lead, name = lead + cut, name[cut:]  # 仙湖氢谷集聚|飞驰汽车: the clause before the list
    if n == 0 and (cut := _after_partner(text, item_start + lead, name, tok, er.partner_words)):
        lead, name = lead + cut, name[cut:]  # 平台与|餐饮: what 与 introduces is the list
    return item_start + lead, name


def _context_veto(name: str, headed: bool, er: EnterpriseRules, tok: SentenceTokens,
                  place_names: frozenset[str]) -> str | None:
    """The id of the veto that says an item of such a list names no enterprise, or None."""
    if not headed and not has_company_ending(name, er) and tok.FREQ.get(name, 0) >= er.common \
            and name not in proper_names():
        return "enterprise.common_word"  # 在产业、交通等方面协同: a common word stands where no company is named
    if not has_company_ending(name, er) and _is_water(name, er):
        return "enterprise.water"  # 推动云南白药集团、滇池、翠湖协同发展: lakes, not companies
    place = next(iter(prefixes_in(name, place_names)), "")
    if place and boundary_at(name, len(place), er.boundaries):
        return "enterprise.place_and_verb"  # 四川携手, 澳门更好融入国家: a place and then a verb, not a company
    if place and _only_places(name, place_names):
        return "enterprise.places"  # 江苏宜兴, 广州南沙: places written in a row
    veto = name_veto(name, er, place_names)
    if veto == "enterprise.place" and headed and _brand_with_place_ending(name, er, place_names):
        return None  # 碧桂园、中国中铁等500强企业: a brand ending like a place
    return veto


def _after_partner(text: str, start: int, name: str, tok: SentenceTokens, partner_words: frozenset[str]) -> int:
    """The offset in a list's first item after the last 与 or 同 standing as a word of its own
    (鼓励平台与|餐饮、防疫等企业合作), leaving two characters or more; 0 when there is none."""
    for k in range(len(name) - 3, 0, -1):
        if name[k] in partner_words and token_at(tok, text, start + k) == (name[k], start + k):
            return k + 1
    return 0


def _brand_with_place_ending(name: str, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    return (len(name) >= 3 and name.endswith(er.brand_place_endings) and name not in place_names
            and not name.endswith(er.zone_endings))


def _is_water(name: str, er: EnterpriseRules) -> bool:
    """滇池, 翠湖, 派河: a name of two characters or more ending like an inland water (not 力神电池)."""
    return len(name) >= 2 and name.endswith(er.waters) and not name.endswith(er.not_waters)


def _veto_all(s: Sentence, items: list[tuple[int, str]], rule: str) -> None:
    for start, name in items:
        trace.veto(rule, "Enterprise", name, s.start + start, s.start + start + len(name))


def _is_place_item(name: str, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    """Whether a list item is a place (广州, 民族地区, 前海两个合作区, 江苏宜兴, 惠州大亚湾): a list is of one kind,
    so a list of places (half its items or more: a place may be misread) is no list of enterprises."""
    return name in place_names or name.endswith(er.place_endings) or (len(name) >= 3 and name.endswith(er.geo_endings)) or (
        _is_water(name, er)) or (
        bool(prefixes_in(name, place_names)) and _only_places(name, place_names))


def looks_named(text: str, start: int, name: str, er: EnterpriseRules, tok: SentenceTokens,
                 place_names: frozenset[str]) -> bool:
    """Whether a list item has the look of a company's name: a company ending, a central enterprise's
    or bank's name, or a word (after any place it opens with) that jieba does not know or knows as
    a proper noun (华为, 北科生物); not words of the common vocabulary alone (标准化, 新型储能)."""
    if has_company_ending(name, er) or er.known.fullmatch(name):
        return True
    place = next(iter(prefixes_in(name, place_names)), "")
    words = tokens_in(tok, text, start + len(place), start + len(name))
    proper = proper_names()
    return any(tok.FREQ.get(w, 0) == 0 or w in proper for w in words if w not in place_names)


def _bank_name(stem: str, tok: SentenceTokens, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    """Whether the words before 银行 name a bank: a name jieba does not know as a common word
    (中信, 浙商), or a place and a kind of bank (长兴农商银行); not a kind of bank however qualified
    (大型商业银行, 吸引政策性银行: the generic table). The national banks whose names are common
    words (工商银行, 建设银行) are in the known table."""
    name = stem + er.bank
    # The longest kind the name ends in (农商银行, not 银行): er.generic is a set, so never its first.
    kind = max((g for g in er.generic if g.endswith(er.bank) and name.endswith(g)), key=lambda g: (len(g), g), default=None)
    if kind is not None:
        return name != kind and name[: -len(kind)] in place_names
    return bool(stem) and (tok.FREQ.get(stem, 0) < er.common or stem in proper_names())


def _only_places(name: str, place_names: frozenset[str]) -> bool:
    rest = name
    while rest and (place := next(iter(prefixes_in(rest, place_names)), "")):
        rest = rest[len(place):]
    return not rest.strip(OF)


def _known(s: Sentence, er: EnterpriseRules, tok: SentenceTokens) -> list[Mention]:
    """Central state-owned enterprises by the short names reports use (中国移动, 国家电网): a
    national list, general knowledge like the division tables."""
    out = []
    for m in er.known.finditer(s.text):
        after = s.text[m.end():m.end() + 4]
        # 中国石油大学, 中国建筑业协会, 支持中国电子信息产业: a longer name or phrase goes on; the
        # company's name ends at punctuation, a particle, a verb or its own legal words.
        if after and HAN_FIRST <= after[0] <= HAN_LAST and after[0] not in FUNCTION_CHARS and not (
                boundary_at(after, 0, er.boundaries) or er.endings.match(after)) and not _opens_work(s.text, m, er, tok):
            trace.veto("enterprise.inside_longer_name", "Enterprise", m.group(), s.start + m.start(), s.start + m.end())
            continue
        if m.start() and token_at(tok, s.text, m.start())[1] < m.start():
            # 占全国开行量: 国开行 would begin inside the word 全国
            trace.veto("enterprise.inside_word", "Enterprise", m.group(), s.start + m.start(), s.start + m.end())
            continue
        out.append(Mention("Enterprise", s.start + m.start(), s.start + m.end(), m.group(), KNOWN, s.index, m.group()))
    return out


_BRACKETED = re.compile(rf"[{OPEN_BRACKET}(]([{HAN}]{{2,8}})[{CLOSE_BRACKET})](?=[{HAN}A-Za-z0-9])")
_PHRASE_END = re.compile(f"[{COMMA},{FULL_STOP}{SEMICOLON};{COLON}:{ENUMERATION_COMMA}]")


def _before_bracketed_place(s: Sentence, er: EnterpriseRules, tok: SentenceTokens, boundaries: frozenset[str],
                            place_names: frozenset[str]) -> list[Mention]:
    """京东（保定）数字经济产业园, 巴斯夫（广东）一体化基地: a name before a place in brackets that opens a
    longer name is a company's, in that place; the brackets are how reports write a brand's local
    works. Not a place's own zone (中国（浙江）自由贸易试验区) nor a kind (中德（保定）)."""
    text, out = s.text, []
    for m in _BRACKETED.finditer(text):
        if m.group(1) not in place_names:
            continue
        if not any(w in _PHRASE_END.split(text[m.end():m.end() + 16], 1)[0] for w in er.bracket_works):
            continue  # 中欧班列（成渝）开行超过4600列: no works of a brand follow the brackets
        # 鸿富锦精密电子（郑州）有限公司: a legal form right after the brackets ends the registered name
        form = max((f for f in er.legal_forms if text.startswith(f, m.end())), key=len, default="")
        begin = name_start(text, m.start(), tok, er.legal_walk if form else er.walk, boundaries)
        if begin is None or m.start() - begin < 2:
            continue
        name = text[begin:m.start()]
        veto = "enterprise.cooperation" if name in er.cooperations else name_veto(name, er, place_names) or (
            None if looks_named(text, begin, name, er, tok, place_names) and not prefixes_in(name, place_names)
            else "enterprise.no_name")
        if veto:
            trace.veto(veto, "Enterprise", name, s.start + begin, s.start + m.start())
            continue
        end = m.end() + len(form) if form else m.start()
        out.append(Mention("Enterprise", s.start + begin, s.start + end, text[begin:end], BRACKET, s.index, text[begin:end]))
    return out


def _opens_work(text: str, m: re.Match[str], er: EnterpriseRules, tok: SentenceTokens) -> bool:
    """华侨城未来创想城: a central enterprise's name opening a longer name on a word's edge opens its
    works, unless the longer name is a body, a school, a class of things or another company's
    (中国石油大学, 中国电子信息产业, 中国电子科技集团)."""
    if token_at(tok, text, m.end())[1] != m.end() or token_at(tok, text, m.end() - 1)[1] < m.start():
        return False  # the name runs into a word across its edge (中国移动|通信 fused)
    words, starts = tok.cut(text)
    end = m.end()
    for word, start in zip(words, starts):
        if start < m.end():
            continue
        if is_punct(word) or word in er.boundaries or (len(word) == 1 and word in FUNCTION_CHARS):
            break  # 华侨城欢乐海岸|建设: the longer name ends at a verb, a particle or punctuation
        end = start + len(word)
    longer = text[m.start():end]
    if end == m.end():
        return False
    return not (longer.endswith(er.not_endings) or longer.endswith(er.class_endings)
                or er.endings.search(longer, len(m.group())) is not None)  # 国网长兴县供电公司: a company's name


def _suffix_name(
    text: str, start: int, end: int, ending: str, er: EnterpriseRules, tok: SentenceTokens, boundaries: frozenset[str]
) -> int | None:
    """Where a name ending in a company word begins, or None when the ending is an ordinary word here."""
    tokens = tokens_around(tok, text, start, end, pad=3)
    if end not in {ts + len(w) for w, ts in tokens}:
        return None  # 科技创新: the ending runs on into another word
    # 县产业|投资|集团, 宜昌城市|发展|投资|集团有限公司: words that stop other names belong to this one
    walk = er.legal_walk if ending in er.legal_forms else er.walk
    if ending in er.legal_forms and (inner := er.bracketed.search(text, max(0, start - 14), start)) is not None:
        start = inner.start()  # 控股（集团）有限公司, 稀土（集团）高科技股份有限公司: the name runs on before the bracket
    begin = name_start(text, start, tok, walk, boundaries)
    if begin is None or start - begin < 2:
        return None
    # 国网|长兴县供电公司: a central enterprise's name before the stem is the name's opening
    begin = next((begin - k for k in range(8, 1, -1) if begin >= k and er.known.fullmatch(text, begin - k, begin)), begin)
    stem = text[begin:start]
    last = next((w for w, ts in reversed(tokens) if ts < start and ts + len(w) <= start), "")
    if stem in er.generic or (last + ending in er.generic and stem == last):
        return None  # 本级平台公司: a kind of company, not one (长兴农商银行 is one)
    return begin
