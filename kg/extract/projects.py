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

import jieba

from kg.extract.enterprises import enterprise_rules, is_enterprise_name, list_items, strip_lead
from kg.extract.tokens import is_punct, tokens_before
from kg.extract.trie import compile_words
from kg.model import Mention, Sentence
from kg.rules import RuleBook

SUFFIX = "project.suffix"
ROAD = "project.road"
LIST = "project.list"
BRAND = "enterprise.brand"
ENTERPRISE_LIST = "enterprise.list"
# Endings of the items of a project list that name works (爱劳渠, 护潭西路, 城区水系治理).
_WORKS = re.compile(r"(?:路|桥|渠|河|湖|港|园|厂|站|线|环|中心|通道|治理|管控|加固|改造|扩建|工程|基地|学校|中学|小学|医院|校区|院区|设施|期|项目|高速|高铁|铁路|机场|古镇|养生谷|空间站)$")

_LIST = re.compile(r"(?P<names>[^，,。；;：:]{2,80}?)等(?:\d+|[一二三四五六七八九十]+)?(?:个|项|座|条|批)?(?:重大|重点|产业|续建|新建|大气污染治理|治理|水利建设|民生)?(?:项目|工程)")
_LEAD_BRAND = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:[A-Z]{2,}|\d+(?:\.\d+)?(?:[、,]\d+)?(?:期|号|米|代|版|柔性|智能))")
_VERBS = ("实施", "推进", "加快", "建设", "完成", "开工", "启动", "建成", "新建", "抓好", "做好", "确保", "力争", "推动",
          "全力", "大力", "积极", "加强", "开展", "落实", "谋划", "争取", "引进", "支持", "打造", "提升", "优化", "完善",
          "新增", "竣工", "投产", "续建", "深入", "扎实", "围绕", "依托", "服务", "保障", "促进", "实现", "形成")


@dataclass(frozen=True)
class ProjectRules:
    """Project tables compiled once per rule book."""

    endings: re.Pattern[str]
    road: re.Pattern[str]
    stop: frozenset[str]
    bad_start: tuple[str, ...]
    max_stem: int


@cache
def project_rules(rules: RuleBook) -> ProjectRules:
    table = rules.table("projects")
    return ProjectRules(
        endings=compile_words(table["suffix"]["endings"]),
        road=re.compile(table["suffix"]["road_pattern"]),
        stop=frozenset(table["stop"]["not_project_words"]),
        bad_start=rules.words("projects", "stop", "bad_start"),
        max_stem=int(table["suffix"]["max_stem"]),
    )


def is_project_name(name: str, pr: ProjectRules) -> bool:
    if len(name) < 3 or name in pr.stop or any(name.startswith(b) for b in pr.bad_start):
        return False
    return not any(name.endswith(w) and len(name) - len(w) < 2 for w in pr.stop)


def extract_projects(sentences: tuple[Sentence, ...], rules: RuleBook, tok: jieba.Tokenizer) -> list[Mention]:
    """Project mentions (and the enterprise brands leading their names) of every sentence."""
    pr = project_rules(rules)
    er = enterprise_rules(rules)
    out: list[Mention] = []
    for s in sentences:
        text = s.text
        spans: list[tuple[int, int, str]] = []
        for m in pr.endings.finditer(text):
            start = _name_start(text, m.start(), m.end(), pr, tok)
            if start is not None:
                spans.append((start, m.end(), SUFFIX))
        for m in pr.road.finditer(text):
            spans.append((m.start(), m.end(), ROAD))
        for m in _LIST.finditer(text):
            for k, item in list_items(m.group("names"), m.start("names")):
                lead, name = strip_lead(item, er)
                k += lead
                if _WORKS.search(name):
                    spans.append((k, k + len(name), LIST))
                elif len(name) <= 6 and is_enterprise_name(name, er, frozenset()) and not _LEAD_BRAND.match(name):
                    # 舍弗勒、新松机器人、蓝思科技等项目: a bare name in a list of projects is their investor.
                    out.append(Mention("Enterprise", s.start + k, s.start + k + len(name), name, ENTERPRISE_LIST, s.index, name))
        for start, end, rule in spans:
            name = text[start:end]
            if not is_project_name(name, pr):
                continue
            out.append(Mention("Project", s.start + start, s.start + end, name, rule, s.index, name))
            brand = _LEAD_BRAND.match(name)
            if brand:
                b = brand.group(1)
                out.append(Mention("Enterprise", s.start + start, s.start + start + len(b), b, BRAND, s.index, b))
    return out


def _name_start(text: str, start: int, end: int, pr: ProjectRules, tok: jieba.Tokenizer) -> int | None:
    """Where a project name ending at `end` begins, walking back over its words."""
    tokens = tokens_before(tok, text, start, width=pr.max_stem)
    name_start = start
    for word, ts in reversed(tokens):
        if is_punct(word) and word not in ("、",):
            break
        if word in ("等", "和", "与", "的", "了", "在", "对", "是", "为", "把", "将", "以", "及") or word.startswith(_VERBS):
            break
        if word == "、":
            # 湘钢5、6号焦炉: a 、 between digits belongs to the name; elsewhere it ends it.
            if not (ts > 0 and text[ts - 1].isdigit() and ts + 1 < len(text) and text[ts + 1].isdigit()):
                break
        name_start = ts
    if start - name_start < 2:
        return None
    return name_start
