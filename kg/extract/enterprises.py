"""Enterprise mentions: names ending like companies (集团, 控股, 线缆 …), and names listed in the
phrases that introduce enterprises (引进X、Y等企业). Brands that lead a project's name
(吉利SUV…) are found with the projects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jieba

from kg.extract.tokens import is_punct, tokens_before
from kg.extract.trie import compile_words
from kg.model import Mention, Sentence
from kg.rules import RuleBook

SUFFIX = "enterprise.suffix"
CONTEXT = "enterprise.context"
BRAND = "enterprise.brand"

_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,12}$")


@dataclass(frozen=True)
class EnterpriseRules:
    """Enterprise tables compiled once per rule book."""

    strong: re.Pattern[str]
    weak: frozenset[str]
    contexts: tuple[re.Pattern[str], ...]
    not_endings: tuple[str, ...]
    generic: frozenset[str]


@cache
def enterprise_rules(rules: RuleBook) -> EnterpriseRules:
    table = rules.table("enterprises")
    weak = frozenset(table["suffix"]["weak_endings"])
    strong = [e for e in table["suffix"]["endings"] if e not in weak]
    return EnterpriseRules(
        strong=compile_words(strong),
        weak=weak,
        contexts=tuple(re.compile(p) for p in table["context"]["patterns"]),
        not_endings=rules.words("enterprises", "stop", "not_enterprise_endings"),
        generic=frozenset(table["stop"]["generic"]),
    )


def is_enterprise_name(name: str, er: EnterpriseRules, place_names: frozenset[str]) -> bool:
    """Whether a candidate may name an enterprise: not generic, not a body or school, not a place."""
    if not _NAME.match(name) or name in er.generic or name in place_names:
        return False
    if any(name.endswith(e) for e in er.not_endings):
        return False
    return not name.isdigit()


def extract_enterprises(
    sentences: tuple[Sentence, ...], rules: RuleBook, tok: jieba.Tokenizer, place_names: frozenset[str]
) -> list[Mention]:
    """Enterprise mentions of every sentence; `norm` is the name."""
    er = enterprise_rules(rules)
    out: list[Mention] = []
    for s in sentences:
        text = s.text
        for m in er.strong.finditer(text):
            start = _stem_start(text, m.start(), tok)
            if start is None:
                continue
            name = text[start:m.end()]
            if is_enterprise_name(name, er, place_names) and text[start:m.start()] not in er.generic:
                out.append(Mention("Enterprise", s.start + start, s.start + m.end(), name, SUFFIX, s.index, name))
        for pattern in er.contexts:
            for m in pattern.finditer(text):
                group = "names" if "names" in pattern.groupindex else "name"
                g_start = m.start(group)
                for item_start, item in _items(m.group(group), g_start):
                    if is_enterprise_name(item, er, place_names):
                        out.append(Mention("Enterprise", s.start + item_start, s.start + item_start + len(item),
                                           item, CONTEXT, s.index, item))
    return out


def _items(group: str, offset: int) -> list[tuple[int, str]]:
    """The 、-separated items of a list, with their offsets; quotes around an item are dropped."""
    items, pos = [], 0
    for part in re.split(r"([、和及])", group):
        if part in ("、", "和", "及"):
            pos += len(part)
            continue
        stripped = part.strip("“”\"‘’ ")
        lead = part.find(stripped) if stripped else 0
        if stripped:
            items.append((offset + pos + lead, stripped))
        pos += len(part)
    return items


def _stem_start(text: str, start: int, tok: jieba.Tokenizer) -> int | None:
    """The one or two words before a company ending that make its name (华菱 + 线缆)."""
    tokens = [(w, ts) for w, ts in tokens_before(tok, text, start, width=10)]
    stem_start, words = start, 0
    for word, ts in reversed(tokens):
        if is_punct(word) or word in ("等", "和", "及", "与", "的", "了", "在", "对", "是") or not re.match(r"^[\u4e00-\u9fffA-Za-z0-9]+$", word):
            break
        if len(word) == 1 and words == 0 and start - ts < 1:
            break
        stem_start, words = ts, words + 1
        if start - stem_start >= 2 or words == 2:
            break
    if start - stem_start < 2:
        return None
    return stem_start
