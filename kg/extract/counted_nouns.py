"""The noun right after a count (5个考核断面 → 考核断面), the level of government it is split by,
what the counted things did (8500家工业企业开展技改) and what a value after 的 belongs to."""

from __future__ import annotations

import re

from kg.extract.observation_words import Words
from kg.grammar import AND, CLOSE_BRACKET, CLOSE_QUOTE, ETC, HAN, HAN_FIRST, HAN_LAST, OF, OPEN_BRACKET, OPEN_QUOTE

# 11条（段）市政路: a second counter in brackets after the unit.
BRACKETED_COUNTER = re.compile(f"^[{OPEN_BRACKET}(][{HAN}][{CLOSE_BRACKET})](?=[{HAN}{OPEN_QUOTE}])")
_POST = re.compile(
    f'^(?:[{OPEN_QUOTE}"]?[0-9]*[A-Za-z]+\\+?|[{OPEN_QUOTE}"][0-9]*)?[{HAN}](?:[{HAN}{OPEN_QUOTE}{CLOSE_QUOTE}"{OPEN_BRACKET}{CLOSE_BRACKET}()]|[0-9]*[A-Za-z]+)*'
)
_QUOTED_DEED = re.compile(f"^(?P<noun>[{HAN}]{{2,6}})(?P<deed>{OPEN_QUOTE}[{HAN}]{{1,6}}{CLOSE_QUOTE})$")


def post_name(tail: str, ws: Words) -> str:
    """The noun right after a count (5个考核断面全部达到…→ 考核断面); empty if the tail is no noun."""
    m = _POST.match(tail)
    if not m or tail.startswith(ETC):  # (二等奖10项等奖项: 等 closes the list; no noun of the count)
        return ""
    return ws.post_stop.split(m.group(), maxsplit=1)[0]


def level_noun(
    subject: str, post: str, after_post: str, tail: str, post_len: int, ws: Words,
) -> tuple[str, str, int]:
    """The noun a level shares with the next item of a list of levels: (post, after_post, post_len).

    4个国家级、8个省级外贸基地 → 国家级外贸基地 (4) and 省级外贸基地 (8); 市级51项、县级216项行政
    备案事项 → 市级行政备案事项 (the noun after the next count); 588个省、市级美丽乡村 → 省市级美丽乡村
    (one count for the levels together, joined as in 省市重点项目)."""
    if post in ws.levels and post_len == len(post):
        m = ws.next_level.match(after_post)
        if m:
            noun = ws.post_stop.split(m.group("noun"), maxsplit=1)[0]
            if len(noun) < 2:
                return post, after_post, post_len
            if m.group("count"):
                return post + noun, "", post_len  # its own count: only the level and the noun are its
            joint = post + m.group("level") if len(post) == 1 else post + AND + m.group("level")
            return joint + noun, after_post[m.end("level") + len(noun):], post_len + m.end("level") + len(noun)
        return post, after_post, post_len
    if not post and subject.endswith(ws.levels):
        m = ws.next_level_count.match(tail)
        if m:
            noun = ws.post_stop.split(m.group("noun"), maxsplit=1)[0]
            if len(noun) >= 2:
                return noun, "", 0
    return post, after_post, post_len


def read_deed(post: str, after_post: str, ws: Words) -> tuple[str, str]:
    """What the counted things did, closing the clause after their noun: (the noun, the deed), or
    (post, "") when the clause says nothing of the kind. The deed opens with a deed verb (工业企业
    开展技改; a light one such as 进行 is dropped) or is a short quoted word (中小企业“上云”); it
    holds no other number and no 的 (its own quantity or a further clause)."""
    if ws.not_in_noun.search(post):  # a noun with a preposition in it runs into a clause
        return post, ""
    quoted = _QUOTED_DEED.match(post)
    if quoted and not after_post.strip():
        return quoted.group("noun"), quoted.group("deed")
    after_post = ws.deed_focus.sub("", after_post)  # (开展以蔬菜类…为主的食用农产品快速检测)
    verb = next((v for v in ws.deed_verbs if after_post.startswith(v)), None)
    rest = after_post[len(verb):] if verb else ""
    # 进入ESI全球排名前1%: a top share names a class the things entered, not a quantity of theirs.
    plain = ws.top_share.sub("", after_post)
    if verb is None or len(after_post) > 16 or OF in after_post or any(ch.isdigit() for ch in plain):
        return post, ""
    if sum(HAN_FIRST <= ch <= HAN_LAST for ch in rest) < 2:
        return post, ""
    deed = rest if verb in ws.light_deed_verbs else after_post
    return post, ws.batch.sub("", deed.removesuffix(ws.work_word))  # 完成农村生活污水治理工作: the work is the deed


def owner_after(tail: str, ws: Words) -> str:
    """What a value after 的 belongs to: 总投资9.5亿元的天然气管线年底建成 → 天然气管线."""
    m = ws.owner.match(tail)
    if not m:
        return ""
    owner = ws.post_stop.split(m.group("owner"), maxsplit=1)[0].removesuffix(ws.work_done)
    return owner if len(owner) >= 2 else ""


def work_of(post: str, ws: Words) -> str:
    """What a count of works is of: 5个林场试点建设 → 林场试点 (建设 is the work done on them)."""
    return post[:-len(ws.work_done)] if post.endswith(ws.work_done) and len(post) > 4 else post
