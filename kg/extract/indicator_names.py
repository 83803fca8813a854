"""Indicator names for a run of values: from the clause's subject, the noun after the count,
the names of the values just before, a place that opens the clause, a ranking's topic."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Callable

from kg.extract.counted_nouns import owner_after, read_deed, work_of
from kg.extract.measures import Value, read_before
from kg.extract.name_cleaning import clean_name, cut_long, has_cjk, join_items
from kg.extract.names import after_last_boundary, skip_boundaries
from kg.extract.numbers import Quantity
from kg.extract.observation_words import Words
from kg.extract.tokens import dictionary_words
from kg.extract.when import QUOTES
from kg.grammar import AND, AND_ALSO, COMMA, ENUMERATION_COMMA, ETC, FULL_STOP, OF, SEMICOLON, WITH
from kg.indicators import load_scheme

_NO_QUOTES = str.maketrans("", "", QUOTES)
_SPANS = ("months", "days", "workdays", "hours")
_LIST_MARK = re.compile(f"[{ENUMERATION_COMMA}{AND}]")  # what separates the items of a list of names
_HELD_END = re.compile(f"[{COMMA},{SEMICOLON};{FULL_STOP}{ENUMERATION_COMMA}]")
_EXAMPLES_END = re.compile(f"[{ENUMERATION_COMMA}{ETC}]")
_CLAUSE_END = COMMA + "," + SEMICOLON + ";"


def name_share(q: Quantity, subject: str, tail: str, ws: Words) -> str:
    """将1/3以上的X投向Y, 30%以上的X用于Y: the share of X that goes to Y (X投向Y比例), when the
    clause opens with the share; empty otherwise."""
    if q.dimension != "percent" or not tail.startswith(OF) or has_cjk(clean_name(subject, ws)):
        return ""
    rest = tail[len(OF):]
    if any(ch.isdigit() for ch in rest) or not has_cjk(rest) or len(rest) > ws.max_chars:
        return ""
    return clean_name(rest, ws) + ws.share_portion


@dataclass(frozen=True)
class _Clause:
    """What the naming rules read of a run's clause; `place`, `lead` and `cleaned` are set once the
    place that opens the subject has been read off it."""

    text: str
    subject: str
    pre_all: str
    post: str
    run: list[Value]
    previous: list[str] | None
    places: dict[str, str]
    ws: Words
    after_post: str
    tail: str
    previous_counted: bool
    things: frozenset[str] = frozenset()  # names of enterprises and works: a place opening one is part of it
    place: str | None = None
    lead: str | None = None
    cleaned: str = ""

    @property
    def n(self) -> int:
        return len(self.run)


_Names = tuple[list[str] | None, str | list[str] | None]


def names_for_run(
    text: str, subject: str, pre_all: str, post: str, run: list[Value], previous: list[str] | None,
    places: dict[str, str], ws: Words, after_post: str = "", tail: str = "", previous_counted: bool = False,
    things: frozenset[str] = frozenset(),
) -> _Names:
    """Indicator names for the values of a run (None: nothing nameable), and the place the clause
    names (or one place a value, for 甲、乙…分别增长 a%、b%).

    More names than values means one value for several indicators (入学率、参保率均达到100%).
    The rules are tried in order; the first that decides gives the names.
    """
    c = _Clause(text, subject, pre_all, post, run, previous, places, ws, after_post, tail, previous_counted, things)
    if run[0].q.dimension == "years_running":
        return _years_running_names(c)
    found, c = _example_names(c)
    if found is not None:
        return found
    found = _names_per_place(c) or _places_sharing_a_value(c)
    if found is not None:
        return found
    c = _read_place(c)
    for rule in _RULES:
        found = rule(c)
        if found is not None:
            return found
    # One value for a list of things (新增A、B13人) is the count of A and B together: name it so.
    return [join_items(cut_long(c.cleaned, ws))] * c.n, c.place


def _years_running_names(c: _Clause) -> _Names:
    """政务服务能力连续3年居全国第一 → 政务服务能力居全国第一连续年数."""
    ws = c.ws
    owner = clean_name(c.subject.removesuffix(ws.running), ws)
    held = _HELD_END.split(c.tail, maxsplit=1)[0].translate(_NO_QUOTES).replace(OF, "")
    # One form for what was held: 获得“好”的等次 → 获好等次, 全国第一 → 居全国第一.
    for long, short in ws.held_forms.items():
        if held.startswith(long):
            held = short + held[len(long):]
    if ws.rank_scope.search(held[:2]) and not held.startswith(ws.held_verb):
        held = ws.held_verb + held
    if not has_cjk(owner) or not has_cjk(held):
        return None, None
    return [owner + held + ws.running_name] * c.n, None


def _example_names(c: _Clause) -> tuple[_Names | None, _Clause]:
    """X、Y等N个Z: the things listed are examples; Z is what is counted. The names, when the
    examples decide them, and the clause with its subject cut after the last 等."""
    etc = [m.start() for m in c.ws.etc.finditer(c.subject)]
    if not etc:
        return None, c
    at, n, ws = etc[-1], c.n, c.ws  # the last 等 that closes a list of examples (高等教育 holds none)
    if n > 1 and ws.respectively in c.pre_all:
        # 甲、乙、丙等产业增加值分别增长a%、b%、c%: the examples are the indicators, sharing what follows 等.
        listed, shared = c.subject[:at], c.subject[at + 1:]
        items = [i for i in listed.split(ENUMERATION_COMMA) if i]
        shared = clean_name(shared.replace(ws.respectively, ""), ws)
        # 网易、三七互娱等龙头企业营业收入: what kind of thing the examples are is no part of each name
        kind = next((k + len(w) for w in ws.example_kinds if 0 <= (k := shared.find(w)) <= 4
                     and len(shared) - k - len(w) >= 2), 0)
        shared = shared[kind:]
        if len(items) == n and shared:
            return ([clean_name(i, ws) + shared for i in items], None), c
    noun, rest = c.post[:2], c.post[2:]
    if noun in ws.work_nouns and not c.subject[at + 1:].strip():
        # 加快完成X、Y等25个项目 → 加快完成项目; 推进X等5个项目后续建设 → 后续建设项目.
        activity = ws.count_activities.match(rest or c.after_post)
        if activity:
            return ([activity.group(0) + noun] * n, None), c
        lead = _lead_verbs(c.pre_all, ws)
        if lead and not rest:
            return ([lead + noun] * n, None), c
    if noun not in ws.work_nouns and c.post.endswith(tuple(ws.work_nouns)) and not c.subject[at + 1:].strip():
        # X等50项重点项目竣工投产 → 竣工投产重点项目: the activity names what is counted.
        activity = ws.count_activities.match(c.after_post)
        if activity:
            return ([activity.group(0) + c.post] * n, None), c
    after = c.subject[at + 1:]
    listed = [i for i in c.subject[:at].split(ENUMERATION_COMMA) if i]
    of_places = len(listed) > 1 and all(leading_place(i, c.places) == i for i in listed[1:])
    kind = next((k for k in ws.etc_kinds if of_places and after.startswith(k) and len(after) > len(k) + 1
                 and not after.startswith(ws.etc_kinds_not_before)), "")
    return None, replace(c, subject=after[len(kind):])  # 重庆、四川等地|海铁联运班列


def _names_per_place(c: _Clause) -> _Names | None:
    """浏阳经开区、浏阳高新区规模工业总产值分别增长12.5%、9.8%: one indicator, one place a value."""
    n = c.n
    if not (n > 1 and c.ws.respectively in c.pre_all):
        return None
    items = c.subject.replace(c.ws.respectively, "").split(ENUMERATION_COMMA)
    leads = [leading_place(i, c.places) for i in items]
    if len(items) == n and all(leads) and all(leads[k] == items[k] for k in range(n - 1)) and len(leads[-1]) < len(items[-1]):
        # 南宁、柳州、桂林三市生产总值: the count of the places listed (三市) is no part of the name.
        name = clean_name(c.ws.places_counted.sub("", items[-1][len(leads[-1]):]), c.ws)
        if has_cjk(name):
            return [name] * n, [c.places[x] for x in leads]
    return None


def _places_sharing_a_value(c: _Clause) -> _Names | None:
    """马鞍山、滁州、阜阳经济总量均超过3000亿元: one value that each place listed reached, one
    observation a place (as 分别 gives one a value)."""
    at = c.pre_all.rfind(c.ws.all, len(c.pre_all) - 4)
    if not (c.n == 1 and at >= 0 and ENUMERATION_COMMA in c.subject) or c.pre_all[at - 1:at] in c.ws.all_not_after:
        return None  # (三市PM2.5平均浓度为…: 平均, 人均, 日均 are no 均 of each)
    items = c.subject.removesuffix(c.ws.all).split(ENUMERATION_COMMA)
    leads = [leading_place(i, c.places) for i in items]
    if all(leads) and all(leads[k] == items[k] for k in range(len(items) - 1)) and len(leads[-1]) < len(items[-1]):
        rest = items[-1][len(leads[-1]):]
        if c.ws.places_counted.match(rest) or rest.startswith(c.ws.all_not_of) or leads[-1].endswith(c.ws.all_not_of):
            return None  # 郑州、开封、洛阳三市…; 南京、杭州、合肥都市圈…: the places together, or what they name
        name = clean_name(rest, c.ws)
        if has_cjk(name):
            return [name] * len(items), [c.places[x] for x in leads]
    return None


def _read_place(c: _Clause) -> _Clause:
    """The clause with the place that opens its subject read off (after words of time)."""
    subject, places, place = c.subject, c.places, None
    when = c.ws.time_lead.match(subject)
    skip = when.end() if when else 0  # 去年湘潭县粮食产量: the place after the words of time
    lead = leading_place(subject[skip:], places)
    verb = next((w for w in c.ws.place_lead_verbs if subject.startswith(w, skip) and leading_place(subject[skip + len(w):], places)),
                "") if lead is None and subject.startswith(c.ws.place_lead_verbs, skip) else ""
    if verb:  # 力争前海合作区新增港资企业100家: the place after a verb the name goes without
        skip += len(verb)
        lead = leading_place(subject[skip:], places)
    if lead and subject.startswith(c.ws.place_works, skip + len(lead)) \
            and not subject.startswith(c.ws.place_works_not, skip + len(lead)):
        lead = None  # 湘潭港货物吞吐量: the port is named with its place
    if lead and any(len(t) > len(lead) and t.startswith(lead) and subject.startswith(t, skip) for t in c.things):
        lead = None  # 重庆长安汽车股份有限公司销量: the place opens an enterprise's or a work's name
    if lead and skip + len(lead) < len(subject):
        place, subject = places[lead], subject[skip + len(lead):]
        inner = leading_place(subject, places)
        if inner and 4 <= len(inner) < len(subject) and not subject.startswith(c.ws.place_works, len(inner)):
            place, subject = places[inner], subject[len(inner):]  # 前海合作区南山片区新增…: the zone's part
        # 湘潭县、湘乡市获…: further places of a list share the value; the first stands for them.
        while subject.startswith((ENUMERATION_COMMA, AND)) and leading_place(subject[1:], places):
            subject = subject[1 + len(leading_place(subject[1:], places)):]
    return replace(c, subject=subject, place=place, lead=lead, cleaned=clean_name(subject, c.ws))


def _attribute_names(c: _Clause) -> _Names | None:
    """总投资9.5亿元的X管线 → X管线总投资; X项目469项，完成投资3210亿元 → X项目完成投资."""
    ws, previous = c.ws, c.previous
    if c.cleaned not in ws.attributes:
        return None
    attribute = max((a for a in ws.attributes if c.subject.endswith(a)), key=len, default=c.cleaned)
    owner = owner_after(c.tail, ws)
    if not owner and previous and c.previous_counted:
        owner = previous[0]
    if not owner and previous and len(previous) == 1 and not has_cjk(c.subject[: len(c.subject) - len(attribute)]):
        # X项目599项，总投资5942亿元，当年计划投资1003亿元: a second attribute of the same owner.
        # (A bare 投资 ends names of their own, 固定资产投资: only a longer attribute marks an owner.)
        had = max((a for a in ws.attributes if previous[0].endswith(a) and len(previous[0]) > len(a)), key=len, default="")
        had = had if len(had) > 2 else ""
        owner = previous[0][: -len(had)] if had else ""
    if owner:
        return [owner + attribute] * c.n, c.place
    return None


def _named_items_names(c: _Clause) -> _Names | None:
    """甲、乙、丙3个产业集群: the items are named; the count is of what follows."""
    if c.post and ENUMERATION_COMMA in c.subject \
            and c.run[-1].q.value == len([x for x in c.subject.split(ENUMERATION_COMMA) if x]):
        return [clean_name(work_of(c.post, c.ws), c.ws)] * c.n, c.place
    return None


def _counted_noun_names(c: _Clause) -> _Names | None:
    """地表水10个考核断面 → 地表水考核断面; 续建58个项目 → 续建项目; 建立200个互助点 → 建立互助点."""
    ws, post, cleaned, n = c.ws, c.post, c.cleaned, c.n
    dimension = c.run[-1].q.dimension
    if not post or dimension in ("percent", "points", "money", "rank") or dimension == "number" and not has_cjk(cleaned):
        return None  # (a bare number counts a noun only after words of its own: 惠及1200多万群众)
    verb = c.run[0].verb
    if not verb and c.subject.endswith((AND, AND_ALSO, WITH)) and not c.subject.endswith(ws.joined_words) and len(post) >= 2:
        # 公布首批…名录和39处历史文化街区: the words before 和 are another thing; the count's is its noun
        return [cut_long(clean_name(work_of(post, ws), ws), ws)] * n, c.place
    kept_verb = verb if verb not in ws.strip_prefix and verb not in ws.bare_level_verbs else ""
    if verb and (manner := ws.manner.match(cleaned + verb)) and manner.end() == len(cleaned):
        cleaned = ""  # 高起点培育8个先进制造业集群: the adverb went with its verb
    # 改造提升11条市政路: a verb between the subject's words and the count stays between them.
    between = kept_verb if cleaned and post else ""
    name = clean_name(cleaned + between + work_of(post, ws), ws)
    if post in ws.strip_suffix and not name.endswith(post):
        # 72项任务全部完成: a noun counted alone is the name's head, whatever it strips elsewhere
        # (50个马路市场搬迁任务 counts the markets: 任务 closing a longer noun still goes).
        name += post
    if (sent := _sent_to(c.subject, post, c.after_post, ws, verb)) is not None:
        return [cut_long(sent, ws)] * n, c.place
    if c.run[-1].q.unit in ws.times_units and cleaned:  # 习近平总书记9次考察河北: how often it was done
        who = next((cleaned[:-len(a)] for a in ws.address_words if cleaned.endswith(a) and len(cleaned) > len(a) + 1), cleaned)
        return [cut_long(clean_name(who + post, ws), ws) + ws.times_name] * n, c.place
    done = ws.done_after.match(c.after_post)
    if done and not cleaned and len(post) <= 6:
        return [done.group("verb") + name] * n, c.place  # 9个贫困县全部摘帽 → 摘帽贫困县
    noun, deed = read_deed(post, c.after_post, ws)
    if deed and ws.object_of.search(c.subject):
        return [cut_long(clean_name(noun, ws) + deed, ws)] * n, c.place  # 对400座水库进行除险加固
    if deed and not cleaned:
        name = deed + clean_name(noun, ws)  # 8500家工业企业开展技改 → 开展技改工业企业
    elif deed:
        name = clean_name(cleaned + between + post + c.after_post, ws)  # 支持…工业企业开展技改: as written
    if kept_verb and not cleaned and not name.startswith(verb):
        name = verb + name
    if per := ws.per_unit.match(name):
        # 每个县建成高品质夜经济特色集聚区 → 每县高品质夜经济特色集聚区
        rest = name[per.end():]
        verb = next((v for v in ws.per_unit_verbs if rest.startswith(v) and len(rest) > len(v) + 1), "")
        name = per.group("each") + per.group("unit") + rest[len(verb):]
    return [cut_long(name, ws)] * n, c.place


def _sent_to(subject: str, post: str, after_post: str, ws: Words, verb: str = "") -> str | None:
    """选派1315名医疗队员驰援湖北 → 驰援湖北医疗队员: people sent or organised to do something are
    named by what they went to do, without the verb that sent them; so are those something is done
    for (为1000家以上企业提供环保政策法规服务 → 提供环保政策法规服务企业). None: no such clause."""
    at, sender = next(((i, v) for v in ws.pivot_verbs if (i := subject.find(v)) >= 0), (-1, ""))
    if not sender and verb in ws.pivot_verbs and not has_cjk(clean_name(subject, ws)):
        at, sender = len(subject), ""  # (为1000家…: the verb read before the value)
    elif not sender or has_cjk(clean_name(subject[:at], ws)):
        return None
    rest = subject[at + len(sender):] + post + after_post  # (选派医疗队员1315名驰援湖北: the noun may stand before)
    k = min((i for d in ws.pivot_deeds if (i := rest.find(d)) >= 2), default=-1)
    deed = rest[k:].split(AND, 1)[0] if k >= 0 else ""  # (提供环保政策法规服务和…: the first deed)
    if k < 0 or len(deed) > 12 or OF in rest[:k] + deed or any(ch.isdigit() for ch in rest[:k] + deed):
        return None
    return deed + clean_name(rest[:k], ws)


def _compared_names(c: _Clause) -> _Names | None:
    """占比达到67.7%，高于全省3.1个百分点: how far the quantity just named stands above the
    province's; a share is named short (X占Y比重 → X占比高于全省)."""
    previous, n, ws = c.previous, c.n, c.ws
    if ws.compared.match(c.cleaned) and previous and len(previous) in (1, n):
        return [ws.share_long.sub(r"\1" + ws.share_short, p) + c.cleaned for p in (previous * n)[:n]], c.place
    return None


def _change_names(c: _Clause) -> _Names | None:
    """比上年增加1000亿元: a change of the quantity just named."""
    if c.cleaned.startswith(c.ws.compare) and c.previous and len(c.previous) == c.n:
        return c.previous, c.place
    return None


def _share_names(c: _Clause) -> _Names | None:
    """研发经费支出4200亿元，占地区生产总值比重3.26%: the share of the quantity just named."""
    if c.cleaned.startswith(c.ws.share_word) and c.previous:
        return [cut_long(c.previous[0] + c.cleaned, c.ws)] * c.n, c.place
    return None


def _scoped_rank_names(c: _Clause) -> _Names | None:
    """X稳居全国第一: X's rank in that scope (X全国排名)."""
    if c.run[0].q.dimension == "rank" and c.n == 1 and c.ws.respectively in c.subject:
        return None, None  # (A和B分别居…第一位和第二位: the second place is not read; neither is named)
    if c.run[0].q.dimension == "rank" and (scoped := _scoped_rank(c.subject, c.previous, c.ws, c.pre_all)):
        return scoped * c.n if len(scoped) == 1 else scoped, c.place
    return None


def _generic_measure_names(c: _Clause) -> _Names | None:
    """粮食播种面积…、总产量1280万吨 → 粮食总产量."""
    previous = c.previous
    if c.cleaned in c.ws.generic_measures and previous and len(previous) == 1 and (owner := _owner_of(previous[0], c.ws)):
        return [owner + c.cleaned] * c.n, c.place
    return None


def _span_names(c: _Clause) -> _Names | None:
    """…增长8.3%，两年平均增长6.1%: the average growth over a span of the quantity just named; 十年增加
    70万亿元, its change over the span; 制造业投资两年平均增长9.1%: the average of the quantity named."""
    verb, ws = c.run[0].verb, c.ws
    average = verb in ws.average_verbs  # (十年增加70万亿元: the change of the quantity itself)
    if average and not ws.years_span.match(c.cleaned) and any(ws.years_span.match(c.cleaned[-k:]) for k in (2, 3)):
        return [c.cleaned + verb] * c.n, c.place
    span_written = next((x for x in (c.cleaned, c.subject) if ws.years_span.match(x)), None)  # (五年 is cleaned off)
    if c.previous and len(c.previous) == 1 and verb and span_written:
        base = c.previous[0]
        for v in ws.average_verbs:  # (…两年平均增长8.5%，五年年均增长7.5%: of the quantity, not of its average)
            span = next((k for k in (2, 3) if base.endswith(v) and ws.years_span.match(base[-len(v) - k:-len(v)])), 0)
            base = base[: -len(v) - span] if span else base
        return [base + (span_written + verb if average else "")] * c.n, c.place
    return None


def _total_names(c: _Clause) -> _Names | None:
    """地区生产总值增长6.6%，总量突破900亿元: the level of the same quantity."""
    previous, ws = c.previous, c.ws
    if c.cleaned in ws.total_words and previous and len(previous) == 1 and has_cjk(previous[0]):
        return previous * c.n, c.place
    # 新增高速公路通车里程210公里，总里程达到6144公里: the running total of what was just added;
    # 新发展农民专业合作社168家，总数达到1236家: of the things just counted
    tail = c.cleaned.removeprefix(ws.total_prefix)
    counted = c.cleaned in ws.count_totals
    if previous and len(previous) == 1 and has_cjk(previous[0]) and (
            counted or tail != c.cleaned and len(tail) >= 2 and previous[0].endswith(tail)):
        verb = next((v for v in ws.owner_verbs if previous[0].startswith(v) and len(previous[0]) > len(v) + len(tail)), "")
        if verb or counted:
            return [previous[0][len(verb):]] * c.n, c.place
    return None


def _unnamed_names(c: _Clause) -> _Names | None:
    """A subject with no word in it: the deed of so many of the things just counted, the names
    just before, or nothing nameable."""
    previous, n = c.previous, c.n
    if has_cjk(c.cleaned):
        return None
    _, deed = read_deed("", c.tail, c.ws) if c.previous_counted and previous and len(previous) == 1 else ("", "")
    if deed and c.run[-1].q.dimension == "count":
        # 创建400个美丽乡村，200个以上通过省级验收: the deed of so many of the things just counted.
        owner = next((previous[0][len(v):] for v in c.ws.owner_verbs if previous[0].startswith(v)), previous[0])
        return [deed + owner] * n, c.place
    if c.post and c.run[-1].q.dimension == "number":
        # 、7000万劳动者, 55万农村贫困人口脱贫: a bare number of people is of the noun after it; of
        # anything else it is no quantity named here (nor more of the names before).
        k = next((k for k in range(len(c.post), 1, -1) if c.post[:k].endswith(c.ws.people_heads)), 0)
        if not k or any(ch.isdigit() for ch in c.tail.split(ENUMERATION_COMMA, 1)[0]):
            return None, None  # (320万退休职工养老金上调4.5%: the number is the group's whose rate follows)
        # What they did names them, unless all of them did it (625万建档立卡贫困人口全部脱贫: the group).
        after = c.post[k:] + c.after_post
        rest = "" if after.startswith(c.ws.people_all) else c.ws.post_stop.sub("", after)
        deed = next((d for d in c.ws.people_deeds if rest.startswith(d)), "")
        return [cut_long(clean_name(c.post[:k], c.ws), c.ws) + deed] * n, c.place
    if previous and len(previous) == n and not (c.previous_counted and c.run[0].q.dimension in _SPANS):
        if c.run[0].q.dimension != "rank":
            # 地区生产总值2.4万亿元，居全国城市第6位，增长5.2%: the quantity the rank was of, not the rank
            previous = [p[: m.start()] if (m := c.ws.scoped_rank_name.search(p)) and m.start() >= 2 else p for p in previous]
        return previous, c.place  # (17个村3个月完成征迁: the span is the deed's, not the villages')
    return None, None


def _ranking(topic: str, ws: Words) -> str:
    """A ranking's name: its topic, with 排名 unless it ends in one (全省县域高质量发展考核 → …考核排名)."""
    return topic if not topic or topic.endswith(ws.rank_names) else topic + ws.rank_name


def _rank_topic_names(c: _Clause) -> _Names | None:
    """在全省园区综合排名中，湘潭高新区前进43位: the topic names the ranking, the subject the place."""
    if c.run[0].q.dimension != "rank":
        return None
    ws, subject, n = c.ws, c.subject, c.n
    topic = ws.rank_topic.search(c.text[: c.text.find(c.pre_all) if c.pre_all else len(c.text)])
    topic_name = _ranking(clean_name(topic.group(1), ws), ws) if topic else ""
    if mark := next((m for m in (ws.ordinal, ws.top) if subject.endswith(m)), ""):
        # 跃居全国绿色发展百强区第69位: the list ranked in follows the verb, else it is the topic.
        ranked = subject[:-len(mark)]
        if framed := ws.rank_topic.match(ranked):  # 在全省县域高质量发展考核中排名第4位: the frame is the topic
            topic_name, ranked = _ranking(clean_name(framed.group(1), ws), ws), ranked[framed.end():]
        for verb in ws.ordinal_verbs:
            k = ranked.rfind(verb)
            if k >= 0:
                after, before = ranked[k + len(verb):], ranked[:k]
                # 跃居全国…百强区第69位: the ranking follows the verb; 省评冲刺前10强: it precedes it.
                ranked = after if has_cjk(clean_name(after, ws)) or topic_name else before
                break
        ranked = clean_name(ranked, ws)
        if has_cjk(ranked):
            return [ranked if ranked.endswith(ws.rank_names) else ranked + ws.rank_name] * n, c.place
        if topic_name:
            return [topic_name] * n, c.place
    if topic_name and (c.lead == subject or len(c.cleaned) <= 8):
        return [topic_name] * n, c.places.get(c.lead) if c.lead else c.place
    return None


def _respective_names(c: _Clause) -> _Names | None:
    """X、Y分别增长a%、b% (or X、Y均…): one name a value, split off the subject."""
    n, pre_all, ws = c.n, c.pre_all, c.ws
    if n > 1 and (ws.respectively in pre_all or ws.all in pre_all[-3:] or any(p[0] in c.subject for p in ws.split_subjects)):
        parts = _split_subject(ws.respective.sub("", c.subject), n, ws)
        if parts:
            return [cut_long(p, ws) or c.cleaned for p in _of_incidents([clean_name(p, ws) for p in parts], ws)], c.place
    return None


def _of_incidents(parts: list[str], ws: Words) -> list[str]:
    """生产安全事故起数、死亡人数: what is counted of incidents after the count of their kind is of
    that kind (生产安全事故死亡人数)."""
    kind = parts[0].removesuffix(ws.incident_count) if parts[0].endswith(ws.incident_count) else ""
    if len(kind) < 2:
        return parts
    return [parts[0]] + [kind + p if p in ws.incident_measures else p for p in parts[1:]]


def _each_names(c: _Clause) -> _Names | None:
    """新增博士、硕士学位授权高校各3所: so many of each (also of the two a word names: 省市…各50家);
    耕地安全利用率和…利用率达到双100%: both."""
    ws = c.ws
    pair = next((p for p in ws.split_subjects if p[0] in c.subject), None)  # 省市“专精特新”企业各50家: 省级 and 市级
    if not (c.n == 1 and c.pre_all.endswith(ws.each) and (_LIST_MARK.search(c.subject) or pair)):
        return None
    subject = c.subject
    for word in ws.each:
        subject = subject.removesuffix(word)
    body, _, _, _ = read_before(subject, ws)
    verb = next((v for v, _ in ws.verbs if len(v) > 1 and body.startswith(v) and v not in ws.strip_prefix), "")
    body = body[len(verb):]
    items = [i for i in _LIST_MARK.split(body) if i]
    parts = _split_subject(body, len(items) if len(items) > 1 or pair is None else len(pair) - 1, ws) or items
    names = [cut_long(clean_name(verb + p, ws), ws) for p in parts]
    if len(names) > 1 and all(has_cjk(x) for x in names):
        return names, c.place
    return None


def _all_names(c: _Clause) -> _Names | None:
    """入学率、参保率均达到100%: one value for each of the listed indicators."""
    pair = c.subject.split(AND) if ENUMERATION_COMMA not in c.subject and c.subject.count(AND) == 1 else []
    if pair and not all(len(i) >= 4 and _stands_alone(i, c.ws) for i in pair):
        pair = []  # 研究和试验发展经费: one name holding 和; 粮食播种面积和产量: the second is the first's
    if c.n == 1 and c.ws.all in c.pre_all[-4:] and (ENUMERATION_COMMA in c.subject or pair):
        # (X集团、Y有限公司营业收入均突破千亿元: the items share the head the last one names; two
        # indicators of their own joined by 和 are two as well: 投诉办结率和举报核查率均超过95%)
        listed = pair or [i for i in c.subject.split(ENUMERATION_COMMA) if i]
        # X集团公司、Y有限公司研发投入均超过50亿元: what follows the last enterprise's name is shared
        owner = max((t for t in c.things if listed[-1].startswith(t) and len(listed[-1]) > len(t) + 1), key=len, default="")
        head = _last_head(listed, c.ws) or (listed[-1][len(owner):] if owner else "")
        items = [cut_long(clean_name(i, c.ws), c.ws) for i in _with_head(listed, head, c.ws)]
        if all(has_cjk(i) for i in items):
            return items, c.place
    return None


def _pair_each(c: _Clause) -> _Names | None:
    """生产安全事故起数和死亡人数分别下降5%, 文件和会议数量均压减20%: one value for each of two things
    joined by 和 (分别 or 均 before it). The second takes the incidents' kind of the first; a first that
    is a measure already stands alone (信访总量, 企业户数); a first of two characters stands for the
    second's first two when the second opens with no longer word (城镇和农村居民收入: 城镇居民收入);
    else the first takes the head the second ends in (工业和服务业增加值: 工业增加值), when what is left
    of each is two to four characters (规上工业和高新技术产业增加值 stays one name)."""
    ws, subject = c.ws, c.subject
    if c.n != 1 or ENUMERATION_COMMA in subject or subject.count(AND) != 1 or not (
            ws.respectively in c.pre_all[-4:] or ws.all in c.pre_all[-4:]):
        return None
    first, second = subject.split(AND)
    first = clean_name(first, ws)  # 全年文件和会议数量: the words of time go
    heads = ws.pair_heads + ws.shared_heads
    fits = [h for h in heads if second.endswith(h) and len(second) > len(h)]
    # (第三产业增加值: 产业增加值, the first that fits; 规上工业和高新技术产业增加值: 增加值, as the scheme names 规上工业增加值)
    head = next((h for h in fits if load_scheme().normalise(first + h) is not None), fits[0] if fits else "")
    if first.endswith(ws.incident_count) and second in ws.incident_measures:
        parts = _of_incidents([first, second], ws)
    elif (first.endswith(heads) or first.endswith(ws.measure_ends)) and head:
        parts = [first, second]  # 信访总量和越级访人数, 企业户数和营业收入: each a name of its own
    elif len(first) == 2 and head and not any(second[:k] in _longer_words() for k in (3, 4)):
        parts = [first + second[2:], second]  # 城镇和农村|居民收入: 城镇 stands where 农村 does (城镇居民收入)
    elif head and 2 <= len(first) <= 4 and 2 <= len(second) - len(head) <= 4:
        parts = [first + head, second]  # 工业和服务业增加值: the head the second ends in (工业增加值)
    else:
        return None
    names = [cut_long(clean_name(p, ws), ws) for p in parts]
    return (names, c.place) if all(has_cjk(x) for x in names) else None


@cache
def _longer_words() -> frozenset[str]:
    """Words of three characters or more that jieba's dictionary counts ten times or more (服务业, 摩托车,
    基础设施; not 农村居民, counted 3): a second item opening with one does not open with a two-character
    scope like the first's (工业和服务业增加值: 工业增加值, not 工业业增加值)."""
    return dictionary_words(frozenset(), min_len=3, min_count=10)


def _each_grows(c: _Clause) -> _Names | None:
    """二氧化硫、氮氧化物排放量下降3%: one rate of change for a list of indicators is each one's (the
    items share the head the last one names); a level or a share of them together is not split."""
    v = c.run[0]
    if c.n != 1 or not v.direction or v.q.dimension != "percent" or ENUMERATION_COMMA not in c.subject:
        return None
    listed = [i for i in c.subject.split(ENUMERATION_COMMA) if i]
    head = _last_head(listed, c.ws)
    if not head or not 2 <= len(listed) <= 4:
        return None
    items = [cut_long(clean_name(i, c.ws), c.ws) for i in _with_head(listed, head, c.ws)]
    return (items, c.place) if all(has_cjk(i) for i in items) else None


def _last_head(listed: list[str], ws: Words) -> str:
    """The shared head the last item of a list ends in (氮氧化物排放量 → 排放量), or empty."""
    return next((h for h in ws.shared_heads if listed[-1].endswith(h) and len(listed[-1]) > len(h)), "")


def _with_head(listed: list[str], head: str, ws: Words) -> list[str]:
    """The items of a list with the head the last names, each but those that stand alone."""
    return [i if not head or i.endswith(head) or _stands_alone(i, ws) else i + head for i in listed]


def _stands_alone(item: str, ws: Words) -> bool:
    """Whether a list item is an indicator of its own, to take no head the last item names (研发投入、
    高新技术产业增加值增长15%: 研发投入 is one; 二氧化硫、氮氧化物排放量: 二氧化硫 is not)."""
    return item.endswith(ws.shared_heads) or item.endswith(ws.alone_endings) or load_scheme().normalise(item) is not None


def _place_only(c: _Clause) -> _Names | None:
    """The clause names a place and no quantity of it."""
    if c.lead != c.subject:
        return None
    if c.previous and len(c.previous) == c.n and c.run[0].verb:
        return c.previous, c.places[c.lead]  # 济南市生产总值突破9000亿元，青岛市达到11741.3亿元: the same quantity
    return None, None


# The naming rules after the place is read, in the order they are tried.
_RULES: tuple[Callable[[_Clause], _Names | None], ...] = (
    _attribute_names, _named_items_names, _counted_noun_names, _compared_names, _change_names, _share_names,
    _scoped_rank_names, _generic_measure_names, _span_names, _total_names, _unnamed_names, _rank_topic_names,
    _respective_names, _each_names, _all_names, _pair_each, _each_grows, _place_only,
)


def _parallel_tail(item: str, last: str) -> str:
    """What follows, in the last item of a list, the word an earlier item ends in (城镇居民和农村居民人均
    可支配收入: 居民 → 人均可支配收入), which the earlier item shares; empty when the last holds no such
    word or the item already ends so."""
    k = last.find(item[-2:], 1) if len(item) > 2 else -1
    tail = last[k + 2:] if k > 0 else ""
    return tail if len(tail) >= 2 and not item.endswith(tail) else ""


def _split_subject(subject: str, n: int, ws: Words) -> list[str] | None:
    """One indicator name per value, when the subject lists n names (or names two populations)."""
    for pair in ws.split_subjects:
        whole, parts = pair[0], pair[1:]
        if whole in subject and len(parts) == n:
            return [subject.replace(whole, part, 1) for part in parts]
    items = [i for i in subject.split(ENUMERATION_COMMA) if i]
    if len(items) == n and (count := ws.items_counted.search(items[-1])) and ws.numerals.get(count.group("n")) == n:
        # 新一代信息技术、医药健康两个产业规模: the count of the items is no part of a name
        items[-1] = items[-1][:count.start()] + items[-1][count.end():]
    if len(items) != n:
        items = [i for i in _LIST_MARK.split(subject) if i]
    if len(items) != n:
        return None
    first, last = items[0], items[-1]
    if n == 2 and len(first) == 2 and len(last) > len(first) + 2 and not any(first.endswith(h) for h in ws.shared_heads):
        # 城镇、农村居民人均可支配收入: parallel short words share what follows the last one's (城镇和农村
        # 牧区常住居民…: what follows the last one's whole kind of residence, 农村牧区).
        kind = next((k for k in ws.residence_kinds if last.startswith(k) and len(last) > len(k) + 1), "")
        return [first + last[len(kind or first):], last]
    tails = [_parallel_tail(i, last) for i in items[:-1]]
    if all(tails):
        return [i + t for i, t in zip(items[:-1], tails)] + [last]  # 城镇居民和农村居民人均可支配收入
    head = next((h for h in ws.shared_heads if last.endswith(h) and len(last) > len(h)), None)
    inner = False
    if head is None:
        # 装备制造业、高新技术产业增加值占规上工业的比重: the items share what follows the last one's
        # own words, from the first head inside it (产业 after a 业 is the item's own ending).
        inner = sorted((k, h) for h in ws.shared_heads if (k := last.find(h, 2)) > 0)
        if inner:
            k, h = inner[0]
            if h == ws.industry_head and all(i.endswith(ws.industry_ending) for i in items[:-1]):
                k += len(h)
            head = last[k:]
            inner = True
    if head:
        # An item with a head of its own keeps it (汽车产量、钢材产量); one ending like the last
        # item's words before a shared tail takes the tail (战略性新兴产业、…产业增加值占…比重).
        items = [i if i.endswith(head) or not inner and _stands_alone(i, ws) else i + head for i in items]
    # 城市污水收集率和处理率: a short later item shares the first item's stem.
    items = [
        first[: -len(i)] + i if k and len(i) <= 3 and len(first) > len(i) + 1 and first[-1] == i[-1] else i
        for k, i in enumerate(items)
    ]
    return items


def _lead_verbs(pre: str, ws: Words) -> str:
    """The verbs a clause opens with (确保完成…, 优化设计实施…): up to the last boundary word
    before the first example, unless a clause with 的 stands between."""
    first = _EXAMPLES_END.split(pre, maxsplit=1)[0]
    if OF in first:
        # Only the opening run of boundary words when a 的-clause follows (确保完成上级…的X).
        return first[: skip_boundaries(first, 0, ws.boundaries, keep=0, times=6)]
    return first[: after_last_boundary(first, ws.boundaries, keep=0)]


def clause_topic(text: str, clauses: list[tuple[int, int]], c_start: int, quantities: list[Quantity],
                  ws: Words) -> str | None:
    """The indicator of the scheme that opens the clause before the one at `c_start`, if that
    clause holds no value: 一般公共预算收入稳步增长 → 一般公共预算收入."""
    before = [(a, b) for a, b in clauses if b <= c_start]
    if not before or any(before[-1][0] <= q.start < before[-1][1] for q in quantities):
        return None
    name = clean_name(text[before[-1][0]:before[-1][1]].rstrip(_CLAUSE_END), ws)
    scheme = load_scheme()
    return next((name[:k] for k in range(min(len(name), ws.max_chars), 3, -1) if scheme.normalise(name[:k])), None)


def _owner_of(name: str, ws: Words) -> str:
    """What a quantity's name is of, without its own measure and opening verb (粮食播种面积 → 粮食,
    净增市场主体 → 市场主体); empty when the name is no more than that."""
    owner = name
    measure = next((m for m in ws.generic_measures if owner.endswith(m) and len(owner) > len(m)), "")
    owner = owner[: len(owner) - len(measure)]
    verb = next((v for v in ws.owner_verbs if owner.startswith(v) and len(owner) > len(v) + 1), "")
    owner = owner[len(verb):]
    return owner if (measure or verb) and has_cjk(owner) and len(owner) >= 2 else ""


def _scoped_rank(subject: str, previous: list[str] | None, ws: Words, pre_all: str = "") -> list[str] | None:
    """X稳居全国第一, X连续5年居全国首位, X…，全省第2位: X's rank in that scope (X全国排名)."""
    m = ws.rank_scope.search(subject)
    if not m:
        return None
    owner, rate = clean_name(subject[:m.start()], ws), ""
    owned = subject[:m.start()]
    if owned.endswith(ws.all) and (pair := _measures_of(owned.removesuffix(ws.all), previous, ws)) is not None:
        return [item + _scope_name(m) + ws.rank_name for item in pair]
    if owner in ws.total_words and previous and len(previous) == 1:
        owner = previous[0]  # 地区生产总值…，总量居全国第9位: the rank of the thing just named
    owner = next((owner[: -len(n)] for n in ws.rank_names if owner.endswith(n) and len(owner) > len(n) + 1), owner)
    if not has_cjk(owner):
        if not previous or len(previous) != 1:
            return None
        owner = previous[0]  # 快递业务量突破8.5亿件，全省第2位
        if owner.endswith(ws.rank_names):
            # 增速居全国第8位、西部第5位: the next rank is of the same thing, in another scope
            scope = ws.scoped_rank_name.search(owner)
            if scope is None:
                return None
            owner = owner[: scope.start()]
            rate = next((w for w in ws.rank_rate_words if owner.endswith(w)), "")
            owner = owner[: len(owner) - len(rate)]
            # …，总量居全国城市第19位，增速居全国第8位: the rate's rank after the level's
            rate = rate or next((w for w in ws.rank_rate_words if pre_all.startswith(w)), "")
        else:  # 地区生产总值增长7%，增速居全国第8位: the rate's rank
            rate = next((w for w in ws.rank_rate_words if pre_all.startswith(w)), "")
    return [clean_name(item, ws) + rate + _scope_name(m) + ws.rank_name for item in owner.split(ENUMERATION_COMMA) if item]


def _scope_name(m: re.Match[str]) -> str:
    """A rank's scope as named, without the count of its peers (东北四个副省级城市 → 东北副省级城市)."""
    return m.group("scope").replace(m.group("count") or "", "", 1)


def _measures_of(owner: str, previous: list[str] | None, ws: Words) -> list[str] | None:
    """总量和增速均居…首位 (after 地区生产总值…), 进出口总额和增速均居…: two measures joined by 和,
    each of the thing the first names or the clause before named; 牛奶和羊肉产量均居…: two things
    sharing the measure the second names; None when the owner is no such pair."""
    first, _, second = owner.rpartition(AND)
    if first and has_cjk(first) and AND not in first and (head := _last_head([first, second], ws)) \
            and not _stands_alone(first, ws):
        return [first + head, second]  # 牛奶和羊肉产量均居全国首位: two things sharing the measure ranked
    if not first or second not in ws.rank_rate_words and second not in ws.total_words:
        return None
    if first in ws.total_words or first in ws.rank_rate_words:
        if not previous or len(previous) != 1 or not has_cjk(previous[0]):
            return None
        return [previous[0] + first, previous[0] + second]
    if not has_cjk(first) or AND in first:
        return None
    # (地区生产总值总量和增速: the rate is of 地区生产总值, not of its 总量)
    owner = first.removesuffix(ws.total_word) if len(first) > len(ws.total_word) + 1 else first
    return [first, owner + second]


def leading_place(subject: str, places: dict[str, str]) -> str | None:
    """The longest place name the subject starts with."""
    best = None
    for k in range(min(len(subject), 20), 1, -1):
        if subject[:k] in places:
            best = subject[:k]
            break
    return best
