"""The noun right after a count (5个考核断面 → 考核断面), the level of government it is split by,
what the counted things did (8500家工业企业开展技改) and what a value after 的 belongs to."""

from __future__ import annotations

import re

from kg.extract.name_cleaning import BATCH
from kg.extract.observation_words import Words

BRACKETED_COUNTER = re.compile(r"^[（(][\u4e00-\u9fff][）)](?=[\u4e00-\u9fff“])")
_POST = re.compile(r"^[“\"]?[\u4e00-\u9fff](?:[\u4e00-\u9fff“”\"（）()]|[0-9]*[A-Za-z]+)*")
_OWNER = re.compile(r"^的(?:\d+(?:\.\d+)?[个项条座家所处批])?(?P<owner>[\u4e00-\u9fff“”（）()—―\-]{2,30})")
_QUOTED_DEED = re.compile(r"^(?P<noun>[\u4e00-\u9fff]{2,6})(?P<deed>“[\u4e00-\u9fff]{1,6}”)$")
_NOT_IN_NOUN = re.compile("[在向对把将与为到从]")  # a noun with a preposition in it runs into a clause
_TOP_SHARE = re.compile(r"前[0-9]+(?:\.[0-9]+)?[%％]")


def post_name(tail: str, ws: Words) -> str:
    """The noun right after a count (5个考核断面全部达到…→ 考核断面); empty if the tail is no noun."""
    m = _POST.match(tail)
    if not m:
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
            joint = post + m.group("level") if len(post) == 1 else post + "和" + m.group("level")
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
    if _NOT_IN_NOUN.search(post):
        return post, ""
    quoted = _QUOTED_DEED.match(post)
    if quoted and not after_post.strip():
        return quoted.group("noun"), quoted.group("deed")
    verb = next((v for v in ws.deed_verbs if after_post.startswith(v)), None)
    rest = after_post[len(verb):] if verb else ""
    # 进入ESI全球排名前1%: a top share names a class the things entered, not a quantity of theirs.
    plain = _TOP_SHARE.sub("", after_post)
    if verb is None or len(after_post) > 16 or "的" in after_post or any(ch.isdigit() for ch in plain):
        return post, ""
    if sum("\u4e00" <= ch <= "\u9fff" for ch in rest) < 2:
        return post, ""
    deed = rest if verb in ws.light_deed_verbs else after_post
    return post, BATCH.sub("", deed.removesuffix("工作"))  # 完成农村生活污水治理工作: the work is the deed


def owner_after(tail: str, ws: Words) -> str:
    """What a value after 的 belongs to: 总投资9.5亿元的天然气管线年底建成 → 天然气管线."""
    m = _OWNER.match(tail)
    if not m:
        return ""
    owner = ws.post_stop.split(m.group("owner"), maxsplit=1)[0].removesuffix("建设")
    return owner if len(owner) >= 2 else ""


def work_of(post: str) -> str:
    """What a count of works is of: 5个林场试点建设 → 林场试点 (建设 is the work done on them)."""
    return post[:-2] if post.endswith("建设") and len(post) > 4 else post
