"""Project mentions: names ending like works (…大桥, …污水处理厂扩建, …产业园二期), road
names (G320, …大道), and items of the lists that name projects (X、Y等N个项目).

A project's name runs back from its ending over the words of its name and stops at a
verb, a function word or punctuation; names that are campaigns or generic works
(三年行动, 雪亮工程, 技术改造) are rejected by the stop table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


from kg.extract.enterprises import BRAND as BRAND_E
from kg.extract.enterprises import LIST as LIST_E
from kg.extract.enterprises import enterprise_rules, has_company_ending, is_enterprise_name, list_items, strip_lead
from kg.extract.names import Walk, after_last_boundary, name_start
from kg.extract.tokens import SentenceTokens, tokens_around
from kg.extract.trie import compile_words
from kg.model import Mention, Sentence
from kg.rules import RuleBook

SUFFIX = "project.suffix"
ROAD = "project.road"
LIST = "project.list"

_LIST = re.compile(r"(?P<names>[^，,。；;：:]{2,80}?)等(?:\d+|[一二三四五六七八九十]+)?(?:个|项|座|条|批)?[\u4e00-\u9fff]{0,6}?(?:项目|工程)")
# A brand leading a project's name: 吉利SUV…, 桑顿2.5期, 湘钢5、6号焦炉, 吉利4.0…(a version number).
_LEAD_BRAND = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:[A-Z]{2,}|\d+\.\d+|\d+(?:[、,]\d+)?(?:期|号|米|代|版))")
@dataclass(frozen=True)
class ProjectRules:
    """Project tables compiled once per rule book."""

    endings: re.Pattern[str]
    road: re.Pattern[str]
    named: frozenset[str]
    stop: frozenset[str]
    generic_tails: tuple[str, ...]
    works: tuple[str, ...]  # endings of a project list's items that are works
    road_endings: tuple[str, ...]
    bad_start: tuple[str, ...]
    walk: Walk  # how far back a name may run from its ending


@cache
def project_rules(rules: RuleBook) -> ProjectRules:
    table = rules.table("projects")
    return ProjectRules(
        endings=compile_words(table["suffix"]["endings"]),
        road=re.compile(table["suffix"]["road_pattern"]),
        named=frozenset(table["suffix"]["named_endings"]),
        stop=frozenset(table["stop"]["not_project_words"]),
        generic_tails=rules.words("projects", "stop", "generic_tails"),
        works=rules.words("projects", "list", "works_endings"),
        road_endings=rules.words("projects", "list", "road_endings"),
        bad_start=rules.words("projects", "stop", "bad_start"),
        walk=Walk(max_chars=int(table["suffix"]["max_stem"]), max_tokens=6, digits=True),
    )


_SPEC = re.compile(r"[A-Za-z0-9一二三四五六七八九十百千万]|[“”\"]")


_COUNT = re.compile(r"\d+(?:个|项|家|条|座|所|批)")


def is_project_name(name: str, pr: ProjectRules) -> bool:
    """Whether a candidate may name a project: not a campaign, a count of projects or a kind of them."""
    if len(name) < 3 or name in pr.stop or any(name.startswith(b) for b in pr.bad_start) or _COUNT.search(name):
        return False
    if any(name.endswith(t) for t in pr.generic_tails):
        return False
    # A stop word that ends the name with less than two characters before it (重点项目, 新改造).
    return not any(name[k:] in pr.stop for k in range(0, min(2, len(name))))


def is_specific(name: str, known: frozenset[str]) -> bool:
    """Whether a name with a generic ending names one thing: it holds a place or enterprise the
    report names, a number or Latin letters, or quotes. 产业扶贫项目 and 雨污管网改造 are kinds
    of work; 湘潭生活垃圾焚烧发电项目 and 湘钢4.3米焦炉改造 are works. (jieba's dictionary is no
    help here: it knows 新松 and 九华 as well as 产业 and 管网.)"""
    return bool(_SPEC.search(name)) or any(k in name for k in known)


def extract_projects(
    sentences: tuple[Sentence, ...], rules: RuleBook, tok: SentenceTokens, known: frozenset[str] = frozenset()
) -> list[Mention]:
    """Project mentions (and the enterprise brands leading their names) of every sentence.

    `known` holds the place and enterprise names found in the report: a name holding one is specific.
    """
    pr = project_rules(rules)
    er = enterprise_rules(rules)
    out: list[Mention] = []
    for s in sentences:
        text = s.text
        spans: list[tuple[int, int, str]] = []
        for m in pr.endings.finditer(text):
            start = name_start(text, m.start(), tok, pr.walk, rules.boundaries)
            ending = m.group()
            if start is None or m.start() - start < (1 if ending in ("二环", "三环") else 2):
                continue
            around = tokens_around(tok, text, start, m.end(), pad=3)
            if m.end() not in {ts + len(w) for w, ts in around}:
                continue  # 湖南工程学院: the ending runs on into another word
            if len(ending) == 1 and not _ending_stands(around, m.start()):
                continue  # 思路, 道路: a one-character ending must not be the tail of a word
            if ending == "路" and text[max(0, start - 1):start] == "的":
                continue  # 新时代的长征路: a road after 的 is a figure of speech
            stem = [w for w, ts in around if start <= ts < m.start()]
            if ending in pr.named:
                if stem and len(stem[-1]) == 1 and stem[-1] not in "东西南北新老" and not stem[-1].isdigit():
                    continue  # 踏平坎坷成大道: a stem ending in a lone character is no name
            elif not is_specific(text[start:m.end()], known):
                continue
            spans.append((start, m.end(), SUFFIX))
        for m in pr.road.finditer(text):
            spans.append((m.start(), m.end(), ROAD))
        for m in _LIST.finditer(text):
            items = list_items(m.group("names"), m.start("names"))
            for n, (k, item) in enumerate(items):
                lead, name = strip_lead(item, er) if n else _trim_first(item, rules.boundaries)
                k += lead
                if name.endswith(pr.works):
                    # The list says its items are projects: no further sign of a name is needed.
                    for part_start, part in _split_and(k, name, pr):
                        spans.append((part_start, part_start + len(part), LIST))
                elif (len(name) <= 3 or has_company_ending(name, er)) and len(name) <= 6 and is_enterprise_name(
                    name, er, frozenset()) and not _LEAD_BRAND.match(name):
                    # 舍弗勒、新松机器人、蓝思科技等项目: a bare name in a list of projects is their investor.
                    out.append(Mention("Enterprise", s.start + k, s.start + k + len(name), name, LIST_E, s.index, name))
        for start, end, rule in _join_pairs(text, spans, pr):
            name = text[start:end]
            if not is_project_name(name, pr):
                continue
            out.append(Mention("Project", s.start + start, s.start + end, name, rule, s.index, name))
            brand = _LEAD_BRAND.match(name)
            if brand:
                b = brand.group(1)
                out.append(Mention("Enterprise", s.start + start, s.start + start + len(b), b, BRAND_E, s.index, b))
    return out


def _ending_stands(tokens: list[tuple[str, int]], start: int) -> bool:
    """A one-character ending starts a token, ends a direction word (护潭西路: 西路) or a road
    name jieba knows whole (韶山路); it is no ending inside a two-character word (思路, 道路)."""
    for word, ts in tokens:
        if ts == start:
            return True
        if ts < start < ts + len(word):
            return len(word) >= 3 or word[0] in "东西南北中"
    return False


def _join_pairs(text: str, spans: list[tuple[int, int, str]], pr: ProjectRules) -> list[tuple[int, int, str]]:
    """Two roads joined by a hyphen are one work (新韶山路-昭山大道): merge their spans."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for start, end, rule in spans:
        if out and text[out[-1][1]:start] in ("-", "—", "－") and text[out[-1][0]:out[-1][1]].endswith(pr.road_endings):
            out[-1] = (out[-1][0], end, out[-1][2])
        else:
            out.append((start, end, rule))
    return out


def _trim_first(item: str, boundaries: frozenset[str]) -> tuple[int, str]:
    """The first item of a list without the clause before it: cut after the last boundary word or 的
    (优化设计实施护潭西路 → 护潭西路; 上级有明确要求的爱劳渠 → 爱劳渠)."""
    cut = after_last_boundary(item, boundaries, keep=2)
    k = item.rfind("的")
    if k >= 0 and len(item) - k - 1 >= 2:
        cut = max(cut, k + 1)
    return cut, item[cut:]


def _split_and(start: int, name: str, pr: ProjectRules) -> list[tuple[int, str]]:
    """芙蓉大道复线及商城路 is two works; 昭华大桥及引线 is one (its second part is no name)."""
    k = name.find("及")
    if k > 0 and len(name) - k - 1 >= 3 and name[:k].endswith(pr.works):
        return [(start, name[:k]), (start + k + 1, name[k + 1:])]
    return [(start, name)]
