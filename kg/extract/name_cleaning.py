"""An indicator name cleaned of what is no part of it: years, plan periods, scope, verbs,
footnote marks; cut to its measured thing when long; a list of items joined into one name."""

from __future__ import annotations

import re

from kg.extract.measures import strip_tail
from kg.extract.observation_words import Words
from kg.grammar import (
    AND,
    AND_ALSO,
    CLOSE_BRACKET,
    CLOSE_QUOTE,
    EM_DASH,
    ENUMERATION_COMMA,
    HAN_FIRST,
    HAN_LAST,
    HORIZONTAL_BAR,
    IDEOGRAPHIC_SPACE,
    JOINERS,
    OF,
    OPEN_BRACKET,
    OPEN_QUOTE,
)

_FOOTNOTE = re.compile(r"\^?\[\d{1,3}\]")  # a note's mark in the text: “5个1000”行动^[4]
# 细颗粒物（PM2.5）平均浓度, 空气质量优良天数比率（AQI）: the abbreviation is no part of the name.
_ABBREVIATION = re.compile(f"[{OPEN_BRACKET}(][A-Za-z0-9.&]{{2,10}}[){CLOSE_BRACKET}]")
_LIST_MARK_OUTSIDE = re.compile(f"{ENUMERATION_COMMA}(?![^{OPEN_BRACKET}({OPEN_QUOTE}]*[{CLOSE_BRACKET}){CLOSE_QUOTE}])")


def clean_name(name: str, ws: Words) -> str:
    """An indicator name without the time, scope and verb words around it."""
    # 入选第五批国家级非遗名录: which batch is the year's, not the quantity's (the next year has the sixth).
    # 力争到2025年…: the preposition of a year that is removed goes with it; so does a plan period (“十四五”期间).
    name = ws.plan_period.sub("", ws.year.sub("", ws.year_end.sub("", ws.to_year.sub("", name))))
    name = _strip_joiners(ws.batch.sub("", ws.inner_time.sub("", ws.inner_drop.sub("", ws.adjusted.sub("", name)))), ws)
    name = ws.base_left.sub("", name)  # 比“十三五”末增长: the base gone, its 比 goes too
    granted = False  # whether the last word stripped was a verb of receiving (获, 争取)
    for _ in range(4):
        before = name
        name = ws.levels_scope.sub("", ws.manner.sub("", name))  # 市县两级组织开展…: a scope, like 全市
        name = ws.level_light.sub(r"\g<level>", name)  # 市级开展辖区内教师免费轮训 → 市级教师免费轮训
        name = ws.beneficiary.sub("", name)  # 为市场主体减税降费: whom it is for, like a scope
        name = ws.ordinal_lead.sub("", name)  # 第四个经济总量过万亿元城市: the order it came in, no name
        # 获国家…专项债券: the state that grants is no part of what was granted; elsewhere 国家
        # opens a title (国家区域医疗中心, 国家质量工作考核) and stays.
        grantor = next((g for g in ws.grantors if granted and name.startswith(g)), None)
        granted = False
        # Most names open with none of the words: one test in C before the loop over them.
        for word in (grantor,) if grantor else ws.strip_prefix if name.startswith(ws.strip_prefix) else ():
            if not name.startswith(word) or word in ws.opens_relative and OF in name:
                continue  # (在湘投资的世界500强企业: 在 opens the clause the 的 closes, and stays)
            # 国家5A物流企业 keeps 国家: a word before a grade (5A) belongs to it; before an amount
            # (其中10亿元以上项目) it goes.
            rest, grade = name[len(word):len(word) + 1], name[len(word):len(word) + 2]
            is_grade = len(grade) == 2 and grade.isascii() and grade[0].isdigit() and grade[1].isalpha()
            # 国家和省级现代农业产业园: a word that opens a list of levels is one of its items.
            if not name.startswith(ws.keep_prefix) and not is_grade \
                    and not (len(word) > 1 and rest in (AND, ENUMERATION_COMMA, AND_ALSO) and not name.startswith(ws.joined_words, len(word))):
                name = name[len(word):]
                granted = word in ws.grant_verbs
                break
        if not name.endswith(ws.keep_suffix):  # (…在国家级开发区综合排名中: the ranking's 中 goes too)
            name = ws.rank_frame_end.sub("", strip_tail(name, ws.strip_suffix)[0])
        name = _strip_joiners(name, ws)
        if name == before:
            break
    name = ws.kind_words.sub("", _FOOTNOTE.sub("", _ABBREVIATION.sub("", name)))
    for short, long in ws.short_forms:  # 城市低保对象最低生活保障人均补差水平: the long form says it again
        if short in name and long in name:
            name = name.replace(long, "", 1)
    if ws.share_word in name:
        for measure in ws.share_measures:
            name = name.replace(OF + measure, measure)  # 占规上工业的比重 → 占规上工业比重
    if len(name) > ws.max_chars:
        # 红云红河烟草（集团）有限责任公司红河卷烟厂完成卷烟生产: after the company's or plant's name, not mid-word
        cut = max((k + len(w) for w in ws.long_cut_after if (k := name.rfind(w)) >= 0 and len(name) - k - len(w) >= 4),
                  default=-1)
        name = clean_name(name[cut:], ws) if cut > 0 else name[-ws.max_chars:]
    return name


_JOINERS = " \t" + IDEOGRAPHIC_SPACE + JOINERS + OF + EM_DASH + HORIZONTAL_BAR  # (——常住人口城镇化率: a list's dash)


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
    return any(HAN_FIRST <= ch <= HAN_LAST or ch.isascii() and ch.isalpha() for ch in text)


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
    """One name for a list sharing one value: its items run together, as analysts write it (畜牧、蔬菜、
    果品产业占比 → 畜牧蔬菜果品产业占比; the list as written and joined by 和 are its other names,
    observations._list_forms)."""
    return _LIST_MARK_OUTSIDE.sub("", name)  # 县（市、区）级博物馆: a list inside brackets or quotes stays
