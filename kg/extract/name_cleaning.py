"""An indicator name cleaned of what is no part of it: years, plan periods, scope, verbs,
footnote marks; cut to its measured thing when long; a list of items joined into one name."""

from __future__ import annotations

import re

from kg.extract.measures import strip_tail
from kg.extract.observation_words import Words
from kg.extract.when import YEAR

# A five-year plan period standing before a name (“十四五”期间): no part of the name.
_PERIOD = re.compile(r"“?十[一二三四五六]五”?(?:规划)?(?:期间|时期|以来|末)?")
_BASE_LEFT = re.compile(r"(?<![占对之相])(?:比|较)$")
_FOOTNOTE = re.compile(r"\^?\[\d{1,3}\]")  # a note's mark in the text: “5个1000”行动^[4]
_ABBREVIATION = re.compile(r"[（(][A-Za-z0-9.&]{2,10}[)）]")  # 细颗粒物（PM2.5）平均浓度: no part of the name
# 力争到2025年…: the preposition of a year that is removed goes with it.
_TO_YEAR = re.compile(r"(?:到|至)(?=(?:19|20)\d{2}\s*年)")
_ORDINAL_LEAD = re.compile(r"^第[0-9一二三四五六七八九十]+个(?=[\u4e00-\u9fff“])")
BATCH = re.compile(r"第[0-9一二三四五六七八九十]+批(?=[\u4e00-\u9fff“])")
_LEVELS_SCOPE = re.compile(r"^(?:[省市县区乡镇村]、?){2,4}[两三四五]级(?=[\u4e00-\u9fff“])")
_LIST_MARK_OUTSIDE = re.compile(r"、(?![^（(“]*[）)”])")


def clean_name(name: str, ws: Words) -> str:
    """An indicator name without the time, scope and verb words around it."""
    # 入选第五批国家级非遗名录: which batch is the year's, not the quantity's (the next year has the sixth).
    name = _strip_joiners(BATCH.sub("", ws.inner_drop.sub("", _PERIOD.sub("", YEAR.sub("", _TO_YEAR.sub("", name))))), ws)
    name = _BASE_LEFT.sub("", name)  # 比“十三五”末增长: the base gone, its 比 goes too
    granted = False  # whether the last word stripped was a verb of receiving (获, 争取)
    for _ in range(4):
        before = name
        name = _LEVELS_SCOPE.sub("", ws.manner.sub("", name))  # 市县两级组织开展…: a scope, like 全市
        name = _ORDINAL_LEAD.sub("", name)  # 第四个经济总量过万亿元城市: the order it came in, no name
        # 获国家…专项债券: the state that grants is no part of what was granted; elsewhere 国家
        # opens a title (国家区域医疗中心, 国家质量工作考核) and stays.
        grantor = next((g for g in ws.grantors if granted and name.startswith(g)), None)
        granted = False
        for word in (grantor,) if grantor else ws.strip_prefix:
            # 国家5A物流企业 keeps 国家: a word before a grade number belongs to it.
            rest = name[len(word):len(word) + 1]
            # 国家和省级现代农业产业园: a word that opens a list of levels is one of its items.
            if name.startswith(word) and not name.startswith(ws.keep_prefix) and not (rest.isascii() and rest.isdigit()) \
                    and not (len(word) > 1 and rest in ("和", "、", "及") and not name.startswith(ws.joined_words, len(word))):
                name = name[len(word):]
                granted = word in ws.grant_verbs
                break
        name, _ = strip_tail(name, ws.strip_suffix)
        name = _strip_joiners(name, ws)
        if name == before:
            break
    name = ws.kind_words.sub("", _FOOTNOTE.sub("", _ABBREVIATION.sub("", name)))
    if "占" in name:
        name = name.replace("的比重", "比重").replace("的比例", "比例")  # 占规上工业的比重 → 占规上工业比重  # 空气质量优良天数比率（AQI）: the abbreviation is no part of the name
    if len(name) > ws.max_chars:
        name = name[-ws.max_chars:]
    return name


_JOINERS = " \t\u3000、和及与的"


def _strip_joiners(name: str, ws: Words) -> str:
    """The name without the joining characters and spaces at its ends, but for those of a word it
    begins or ends with (涉及, 和美)."""
    i, j = 0, len(name)
    while i < j and name[i] in _JOINERS and not name.startswith(ws.joined_words, i):
        i += 1
    while j > i and name[j - 1] in _JOINERS and not name[:j].endswith(ws.joined_words):
        j -= 1
    return name[i:j]


def has_cjk(text: str) -> bool:
    """Whether a name has a word in it: Chinese, or Latin letters (GDP, CPI, R&D)."""
    return any("\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalpha() for ch in text)


def cut_long(name: str, ws: Words) -> str:
    """In a long name, keep what follows the last verb that introduces the measured thing."""
    if len(name) <= 12:
        return name
    best = -1
    for word in ws.cut_before:
        k = name.rfind(word)
        if k > 0 and len(name) - k - len(word) >= 4:
            best = max(best, k + len(word))
    return name[best:] if best > 0 else name


def join_items(name: str) -> str:
    """One name for a list sharing one value: 甲、乙X → 甲和乙X; single characters run together (省、市重点项目 → 省市重点项目)."""
    items = name.split("、")
    if len(items) > 1 and all(len(i) == 1 for i in items[:-1]):
        return "".join(items)
    return _LIST_MARK_OUTSIDE.sub("和", name)  # 县（市、区）级博物馆: a list inside brackets or quotes stays
