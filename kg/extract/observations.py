"""Quantified statements: each number with a unit becomes an observation of a named indicator.

The engine reads a sentence clause by clause. A run of values (8.2%、8.8%) shares the
clause's subject; the subject is the text before the run with time, scope and verb words
stripped, split into one indicator per value when the clause says 分别 or lists as many
names as values. The words right before a value give its measure and sign (增长 / 下降),
the words around it its qualifier, the report part and the clause its year and status.
"""

from __future__ import annotations

import re

from kg.extract.measures import (
    ABOUT_SHARE,
    Value,
    approximate,
    leading_verb,
    measure_of,
    qualifier_of,
    read_before,
    strip_tail,
)
from kg.extract.names import after_last_boundary, skip_boundaries
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.observation_words import Words, prepare_words
from kg.extract.when import YEAR, is_preliminary, paragraph_periods, read_when, reviewed_year
from kg.indicators import load_scheme
from kg.model import Mention, Observation, ReportMeta, Sentence
from kg.rules import RuleBook

_CLAUSE_BOUNDARY = re.compile(r"[，,；;：:。！？!?]|\n")
# 从A增加到B: A is the level a period started from (从每人每月1883元提高到1949元: per head and month).
# 由2013年的2330元增长到8629元: the start's year is given.
_FROM = re.compile(r"(?:从|由)(?:(?P<year>(?:19|20)\d{2})年(?:的|底|末)?)?(?:每人)?(?:每[年月日])?$")
_FROM_TAIL = re.compile(r"(?:分别)?(?:从|由)(?:(?:19|20)\d{2}年(?:的|底|末)?)?(?:每人)?(?:每[年月日])?$")
_TO = re.compile(r"(?:增加|提高|增长|上升|扩大|下降|降低|减少|提升)?(?:到|至)")
# A five-year plan period standing before a name (“十四五”期间): no part of the name.
_PERIOD = re.compile(r"“?十[一二三四五六]五”?(?:规划)?(?:期间|时期|以来|末)?")
# 等 closing a list of examples, not inside a word (高等教育, 中等职业, 平等, 同等, 等级); 山东威高等 closes one.
_ETC = re.compile(r"(?<![初同平对均相超优何])(?<!高(?=等(?:教育|院校|学校|职业)))(?<!中(?=等(?:职业|收入|教育|规模)))等(?![级同])")
# What all the counted things did, closing the clause: 9个贫困县全部摘帽, 1104个贫困村全部出列.
_DONE_AFTER = re.compile(r"^(?:全部|均已|均|都已|都|已经|已)(?P<verb>[\u4e00-\u9fff]{2})(?=[，,；;。]|$)")
_SHARE = re.compile(r"占[^占]{2,}(?<!比重)(?<!比例)(?<!份额)(?<!占比)(?<!比)(?<!率)$")
_BASE_LEFT = re.compile(r"(?<![占对之相])(?:比|较)$")
_FOOTNOTE = re.compile(r"\^?\[\d{1,3}\]")  # a note's mark in the text: “5个1000”行动^[4]
_ABBREVIATION = re.compile(r"[（(][A-Za-z0-9.&]{2,10}[)）]$")
_NO_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》")
_LIST_SEP = re.compile(r"[、]|(?<=[^和])和(?=[^谐])")


def _clean_name(name: str, ws: Words) -> str:
    """An indicator name without the time, scope and verb words around it."""
    # 入选第五批国家级非遗名录: which batch is the year's, not the quantity's (the next year has the sixth).
    name = _BATCH.sub("", ws.inner_drop.sub("", _PERIOD.sub("", YEAR.sub("", name)))).strip(" \t\u3000、和及与的")
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
                    and not (len(word) > 1 and rest in ("和", "、", "及")):
                name = name[len(word):]
                granted = word in ws.grant_verbs
                break
        name, _ = strip_tail(name, ws.strip_suffix)
        name = name.strip(" \t\u3000、和及与的")
        if name == before:
            break
    name = ws.kind_words.sub("", _FOOTNOTE.sub("", _ABBREVIATION.sub("", name)))
    if "占" in name:
        name = name.replace("的比重", "比重").replace("的比例", "比例")  # 占规上工业的比重 → 占规上工业比重  # 空气质量优良天数比率（AQI）: the abbreviation is no part of the name
    if len(name) > ws.max_chars:
        name = name[-ws.max_chars:]
    return name


def _has_cjk(text: str) -> bool:
    """Whether a name has a word in it: Chinese, or Latin letters (GDP, CPI, R&D)."""
    return any("\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalpha() for ch in text)


def _split_subject(subject: str, n: int, ws: Words) -> list[str] | None:
    """One indicator name per value, when the subject lists n names (or names two populations)."""
    for pair in ws.split_subjects:
        whole, parts = pair[0], pair[1:]
        if whole in subject and len(parts) == n:
            return [subject.replace(whole, part, 1) for part in parts]
    items = [i for i in subject.split("、") if i]
    if len(items) != n:
        items = [i for i in re.split("[、和]", subject) if i]
    if len(items) != n:
        return None
    first, last = items[0], items[-1]
    if n == 2 and len(first) == 2 and len(last) > len(first) + 2 and not any(first.endswith(h) for h in ws.shared_heads):
        # 城镇、农村居民人均可支配收入: parallel short words share what follows the last one's.
        return [first + last[len(first):], last]
    head = next((h for h in ws.shared_heads if last.endswith(h) and len(last) > len(h)), None)
    inner = False
    if head is None:
        # 装备制造业、高新技术产业增加值占规上工业的比重: the items share what follows the last one's
        # own words, from the first head inside it (产业 after a 业 is the item's own ending).
        inner = sorted((k, h) for h in ws.shared_heads if (k := last.find(h, 2)) > 0)
        if inner:
            k, h = inner[0]
            if h == "产业" and all(i.endswith("业") for i in items[:-1]):
                k += 2
            head = last[k:]
            inner = True
    if head:
        # An item with a head of its own keeps it (汽车产量、钢材产量); one ending like the last
        # item's words before a shared tail takes the tail (战略性新兴产业、…产业增加值占…比重).
        items = [i if i.endswith(head) or not inner and any(i.endswith(h) for h in ws.shared_heads) else i + head
                 for i in items]
    # 城市污水收集率和处理率: a short later item shares the first item's stem.
    items = [
        first[: -len(i)] + i if k and len(i) <= 3 and len(first) > len(i) + 1 and first[-1] == i[-1] else i
        for k, i in enumerate(items)
    ]
    return items


_TOP_SHARE = re.compile(r"前[0-9]+(?:\.[0-9]+)?[%％]")


def extract_observations(
    sentences: tuple[Sentence, ...], meta: ReportMeta, rules: RuleBook, places: dict[str, str] | None = None
) -> list[Observation]:
    """Observations of every sentence, in text order.

    `places` maps the place names written in the report to their labels; a clause that
    starts with one (湘潭县挺进…) is about that place, any other about the report's region.
    """
    places = places or {}
    ws = prepare_words(rules)
    region = meta.region or ""
    out: list[Observation] = []
    context = paragraph_periods(sentences, ws)
    for s in sentences:
        if s.part == "notes" or s.part == "other" and not any(ch.isdigit() for ch in s.text):
            continue
        quantities = _outside_slogans(s.text, find_quantities(s.text, rules))
        if not quantities:
            continue
        out.extend(_sentence_observations(s, quantities, meta, region, places, ws, context))
    return out


_SLOGAN = re.compile(r"“[^”“]{0,12}\d[^”“]{0,12}”")


def _outside_slogans(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Quantities that are no part of a quoted slogan (“4个100%”, “5个1000”行动, “1530”工程)."""
    spans = [(m.start(), m.end()) for m in _SLOGAN.finditer(text)] if "“" in text else []
    return [q for q in quantities if not any(a < q.start < b for a, b in spans)]


def _is_threshold(q: Quantity, tail: str) -> bool:
    """2000万元以上的企业, 5万元以下的村: a bound that defines a kind of thing, no quantity of the
    report (压减30%以上的目标 is one: the goal is the quantity's own)."""
    return q.after in ("以上", "以下") and tail.startswith("的") and not tail.startswith(_OWN_GOAL, 1)


def _share_of(q: Quantity, subject: str, tail: str, ws: Words) -> str:
    """将1/3以上的X投向Y, 30%以上的X用于Y: the share of X that goes to Y (X投向Y比例), when the
    clause opens with the share; empty otherwise."""
    if q.dimension != "percent" or not tail.startswith("的") or _has_cjk(_clean_name(subject, ws)):
        return ""
    rest = tail[1:]
    if any(ch.isdigit() for ch in rest) or not _has_cjk(rest) or len(rest) > ws.max_chars:
        return ""
    return _clean_name(rest, ws) + "比例"


_OWN_GOAL = ("目标", "要求", "任务", "水平", "幅度", "增长", "速度")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_BOUNDARY.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


_TOPIC = re.compile(r"在([^，,；;。在]{2,16}?)中[，,]")


def _sentence_observations(
    s: Sentence, quantities: list[Quantity], meta: ReportMeta, region: str, places: dict[str, str], ws: Words,
    context: dict[int, str],
) -> list[Observation]:
    text = s.text
    clauses = _clauses(text)
    out: list[Observation] = []
    previous_names: list[str] | None = None
    listed_names: list[str] = []  # the names of the runs of a list (X38253元、Y15929元), for a 分别 after it
    previous_counted = False  # whether the last run counted things (道路16条), which own an attribute after it
    rank_place: str | None = None
    carried: tuple[str, str] | None = None  # the subject and words of a 从A增加到B clause, for B
    prev_end = 0
    i = 0
    while i < len(quantities):
        q = quantities[i]
        c_start, c_end = next(((a, b) for a, b in clauses if a <= q.start < b), (0, len(text)))
        # The subject starts after the clause boundary or after the previous value of the clause.
        p_start = max(c_start, prev_end)
        listed = p_start == prev_end > 0 and text[p_start:p_start + 1] == "、"  # X38253元、Y15929元: one list
        while p_start < q.start and text[p_start] in "、和及与":
            p_start += 1
        pre_all = text[p_start:q.start]
        subject, direction, before_q, verb = read_before(pre_all, ws)
        if not direction and q.dimension in ("percent", "permille"):
            # 压减一般性支出10%以上: a rise or fall verb before the noun still signs the rate.
            lead = leading_verb(_clean_name(subject, ws) if subject else "", ws)
            if lead:
                direction, verb = lead
                k = subject.find(verb)
                subject = subject[:k] + subject[k + len(verb):]
        run = [Value(q, direction, before_q, verb)]
        # A run: values separated by 、/和 and at most a verb (8.2%、8.8%; 2.52万户、增长8.75%).
        j = i + 1
        while j < len(quantities) and quantities[j].start < c_end:
            between = text[quantities[j - 1].qualifier_end:quantities[j].start]
            if quantities[j].bound == "upper":
                run.append(Value(quantities[j], run[-1].direction, None, run[-1].verb))
                j += 1
                continue
            if not re.match(r"^[、和及与]", between):
                break
            rest, d, bq, vb = read_before(between[1:], ws)
            if rest.strip():
                break
            run.append(Value(quantities[j], d, bq, vb))
            j += 1
        starting_level: int | None = None  # the year of a 从A增加到B clause's A, when it is read
        if (start := _FROM.search(pre_all)) and j < len(quantities) and _TO.match(text, run[-1].q.qualifier_end):
            # 从9.73万亿元增加到12.9万亿元: the first number is where a period began. In a review its
            # year is not given, so only the level reached is read, under the same subject; in a
            # plan (从每月631元提高到653元) it is today's level: an actual of the reviewed year.
            subject = _FROM_TAIL.sub("", subject)
            carried = (subject, pre_all)
            starting_level = int(start.group("year")) if start.group("year") else None
            if starting_level is None and s.part == "plan":
                starting_level = meta.review_year
            if starting_level is None:
                prev_end = run[-1].q.qualifier_end
                i = j
                continue
        elif carried is not None:
            (subject, pre_all), carried = carried, None
        last = run[-1].q
        prev_end = last.qualifier_end
        tail = text[last.qualifier_end:c_end]
        run_after = "" if last.after else next((w for w in ws.after if tail.startswith(w)), "")
        if run_after == "多" and re.match(r"[\u4e00-\u9fff“]", tail[1:2]):
            run_after = ""  # 2座多功能体育馆: 多 opens the next word
        if any(tail.startswith(w) for w in ws.reject_after) or text.endswith(ws.capacity_leads, 0, q.start):
            i = j  # 华菱湘钢年产120万吨精品钢项目: the plant's size
            continue
        if q.dimension == "percent" and text.endswith("前", 0, q.start):
            i = j  # 排名前1%: the top share is the bound of a class, no quantity
            continue
        share_of = _share_of(last, subject, tail, ws)
        if _is_threshold(last, tail) and not share_of:
            prev_end = p_start  # the bound is part of the next value's subject (…10万元以上的村达到60%)
            i = j
            continue
        # 11条（段）市政路: a second counter in brackets after the unit stands before the noun.
        counter = _BRACKETED_COUNTER.match(tail)
        noun_tail = tail[counter.end():] if counter else tail
        post = _post_name(noun_tail, ws) if q.dimension != "years_running" else ""
        after_post = noun_tail[len(post):] if post and noun_tail.startswith(post) else ""
        post_len = len(post)  # what of the text after the value the noun takes up
        if q.dimension != "years_running":
            post, after_post, post_len = _level_noun(subject, post, after_post, noun_tail, post_len, ws)
        if previous_names is None and not _has_cjk(_clean_name(subject, ws)):
            # 一般公共预算收入稳步增长，增长4.4%: a value without a subject is of the indicator that
            # opens the clause before, when that clause has no value of its own.
            topic = _clause_topic(text, clauses, c_start, quantities, ws)
            previous_names = [topic] if topic else None
        if "分别" in pre_all and len(listed_names) == len(run) > len(previous_names or ()):
            previous_names = listed_names  # X38253元、Y15929元，分别增长5.8%和8.6%: each of the list
        names, place = ([share_of] * len(run), None) if share_of else _names_for_run(
            text, subject, pre_all, post, run, previous_names, places, ws,
            after_post, noun_tail, previous_counted,
        )
        if names is None:
            i = j
            continue
        if run[0].q.dimension == "rank":
            # 某县前进5位，跃居全省第12位: a rank clause without its own place keeps the last one named.
            if not isinstance(place, list):
                place = place or rank_place
                rank_place = place
        if post:
            prev_end = last.qualifier_end + (counter.end() if counter else 0) + post_len  # the noun after the count is not the next subject
        if last.unit in ("%", "％") and tail.startswith(("覆盖", "全覆盖")):
            # 乡镇社会工作服务站100%覆盖: the share covered.
            names = [name if name.endswith("率") else name + "覆盖率" for name in names]
        about_share = False
        if last.unit in ("%", "％"):
            # 占公共财政预算支出的85%: a share, named as one (…占公共财政预算支出比重); 约占 is an
            # approximate share (约占地区生产总值的1/3): 约 is its qualifier, no part of its name.
            about_share = any(ABOUT_SHARE in name for name in names)
            names = [name.replace(ABOUT_SHARE, "占") for name in names]
            names = [name + "比重" if _SHARE.search(name) else name for name in names]
        previous_names = names
        listed_names = listed_names + names if listed else list(names)
        if run[0].q.dimension == "years_running":
            previous_names = [_clean_name(subject.removesuffix("连续"), ws)]  # what a rank after it is of
        previous_counted = run[-1].q.dimension == "count"
        year, status, period = read_when(s, text, c_start, q.start, meta, ws, context.get(s.paragraph))
        if starting_level is not None:
            year, status = starting_level, "Actual"
        # Only the reviewed year's own results are early figures (not an older year's, nor a target).
        preliminary = status == "Actual" and year == reviewed_year(meta, year) and is_preliminary(s, text, q.start, ws)
        pairs = list(zip(run, names)) if len(names) == len(run) else [(run[0], name) for name in names]
        value_places = place if isinstance(place, list) else [place] * len(pairs)
        # 分别达到61%和97%以上: a qualifier after the last value of a list holds for every value.
        shared_after = last.after if len(run) > 1 and last.after and not any(v.q.after for v in run[:-1]) else ""
        growth_word = bool(re.search(r"(?:增速|增幅|涨幅|增长率)(?:分别|均)?(?:达到|达|为|保持在|保持|控制在|稳定在|在)?$", pre_all.rstrip("约近超过")))
        for (value, name), place in zip(pairs, value_places):
            # A later value without its own verb takes the run's first verb (分别增长8.2%、8.8%).
            v = value if value.direction or value.verb else Value(value.q, run[0].direction, value.before_qualifier, run[0].verb)
            if v.direction and v.verb and v.verb in name and v.q.dimension not in _RATES:
                v = Value(v.q, 0, v.before_qualifier, v.verb)  # 改造提升9条道路: the verb names the things counted
            measure = measure_of(v, ws, name, growth_word)
            amount = value.q.value
            if v.direction < 0 and measure in ("Growth", "Change"):
                amount = -amount
            mention = Mention("Observation", s.start + value.q.start, s.start + value.q.end,
                              text[value.q.start:value.q.end], "observation.quantity", s.index, str(amount))
            # Where the name stands as written in the clause, for the evidence; names made up of
            # pieces (汽车及零部件 + 产业增加值) stand nowhere whole and get no span.
            at = text.rfind(name, c_start, c_end) if name else -1
            out.append(Observation(
                indicator=name, value=amount, unit=value.q.unit, measure=measure, status=status,
                preliminary=preliminary,
                qualifier=approximate(qualifier_of(value, run_after or shared_after, ws, pre_all), about_share),
                year=year, place=place or region,
                mention=mention, rule="observation.list" if len(run) > 1 else "observation.clause",
                multiplier=value.q.scale, period=period,
                indicator_start=s.start + at if at >= 0 else None,
                indicator_end=s.start + at + len(name) if at >= 0 else None,
            ))
        i = j
    return out


def _cut_long(name: str, ws: Words) -> str:
    """In a long name, keep what follows the last verb that introduces the measured thing."""
    if len(name) <= 12:
        return name
    best = -1
    for word in ws.cut_before:
        k = name.rfind(word)
        if k > 0 and len(name) - k - len(word) >= 4:
            best = max(best, k + len(word))
    return name[best:] if best > 0 else name


_POST = re.compile(r"^[“\"]?[\u4e00-\u9fff](?:[\u4e00-\u9fff“”\"（）()]|[0-9]*[A-Za-z]+)*")


_OWNER = re.compile(r"^的(?:\d+(?:\.\d+)?[个项条座家所处批])?(?P<owner>[\u4e00-\u9fff“”（）()—―\-]{2,30})")


def _owner_after(tail: str, ws: Words) -> str:
    """What a value after 的 belongs to: 总投资9.5亿元的天然气管线年底建成 → 天然气管线."""
    m = _OWNER.match(tail)
    if not m:
        return ""
    owner = ws.post_stop.split(m.group("owner"), maxsplit=1)[0].removesuffix("建设")
    return owner if len(owner) >= 2 else ""


_ORDINAL_LEAD = re.compile(r"^第[0-9一二三四五六七八九十]+个(?=[\u4e00-\u9fff“])")
_BATCH = re.compile(r"第[0-9一二三四五六七八九十]+批(?=[\u4e00-\u9fff“])")
_LEVELS_SCOPE = re.compile(r"^(?:[省市县区乡镇村]、?){2,4}[两三四五]级(?=[\u4e00-\u9fff“])")
_COMPARED = re.compile(r"^(?:高于|低于|高出|低出|快于|慢于)(?:全国|全省|全市|全区|全州)(?:平均水平|平均)?$")
_SHARE_LONG = re.compile(r"^(.+?)占.+(?:比重|比例)$")
_SPANS = ("months", "days", "workdays", "hours")
_RATES = ("percent", "permille", "points", "times", "tenths")
_BRACKETED_COUNTER = re.compile(r"^[（(][\u4e00-\u9fff][）)](?=[\u4e00-\u9fff“])")
_OBJECT_OF = re.compile(r"对(?:全国|全省|全市|全县|全区)?$")
_QUOTED_DEED = re.compile(r"^(?P<noun>[\u4e00-\u9fff]{2,6})(?P<deed>“[\u4e00-\u9fff]{1,6}”)$")
_NOT_IN_NOUN = re.compile("[在向对把将与为到从]")  # a noun with a preposition in it runs into a clause


def _deed(post: str, after_post: str, ws: Words) -> tuple[str, str]:
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
    return post, _BATCH.sub("", deed.removesuffix("工作"))  # 完成农村生活污水治理工作: the work is the deed


def _level_noun(
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


def _post_name(tail: str, ws: Words) -> str:
    """The noun right after a count (5个考核断面全部达到…→ 考核断面); empty if the tail is no noun."""
    m = _POST.match(tail)
    if not m:
        return ""
    return ws.post_stop.split(m.group(), maxsplit=1)[0]


def _lead_verbs(pre: str, ws: Words) -> str:
    """The verbs a clause opens with (确保完成…, 优化设计实施…): up to the last boundary word
    before the first example, unless a clause with 的 stands between."""
    first = re.split(r"[、等]", pre, maxsplit=1)[0]
    if "的" in first:
        # Only the opening run of boundary words when a 的-clause follows (确保完成上级…的X).
        return first[: skip_boundaries(first, 0, ws.boundaries, keep=0, times=6)]
    return first[: after_last_boundary(first, ws.boundaries, keep=0)]


def _names_for_run(
    text: str, subject: str, pre_all: str, post: str, run: list[Value], previous: list[str] | None,
    places: dict[str, str], ws: Words, after_post: str = "", tail: str = "", previous_counted: bool = False,
) -> tuple[list[str] | None, str | list[str] | None]:
    """Indicator names for the values of a run (None: nothing nameable), and the place the clause
    names (or one place a value, for 甲、乙…分别增长 a%、b%).

    More names than values means one value for several indicators (入学率、参保率均达到100%).
    """
    n = len(run)
    if run[0].q.dimension == "years_running":
        # 政务服务能力连续3年居全国第一 → 政务服务能力居全国第一连续年数.
        owner = _clean_name(subject.removesuffix("连续"), ws)
        held = re.split(r"[，,；;。、]", tail, maxsplit=1)[0].translate(_NO_QUOTES).replace("的", "")
        # One form for what was held: 获得“好”的等次 → 获好等次, 全国第一 → 居全国第一.
        held = re.sub(r"^获得", "获", held)
        if ws.rank_scope.search(held[:2]) and not held[:1] == "居":
            held = "居" + held
        if not _has_cjk(owner) or not _has_cjk(held):
            return None, None
        return [owner + held + "连续年数"] * n, None
    # X、Y等N个Z: the things listed are examples; Z is what is counted.
    etc = [m.start() for m in _ETC.finditer(subject)]
    examples = bool(etc)
    at = etc[-1] if etc else -1  # the last 等 that closes a list of examples (高等教育 holds none)
    if examples and n > 1 and "分别" in pre_all:
        # 甲、乙、丙等产业增加值分别增长a%、b%、c%: the examples are the indicators, sharing what follows 等.
        listed, shared = subject[:at], subject[at + 1:]
        items = [i for i in listed.split("、") if i]
        shared = _clean_name(shared.replace("分别", ""), ws)
        if len(items) == n and shared:
            return [_clean_name(i, ws) + shared for i in items], None
    if examples:
        noun, rest = post[:2], post[2:]
        if noun in ws.work_nouns and not subject[at + 1:].strip():
            # 加快完成X、Y等25个项目 → 加快完成项目; 推进X等5个项目后续建设 → 后续建设项目.
            tail = ws.count_activities.match(rest or after_post)
            if tail:
                return [tail.group(0) + noun] * n, None
            lead = _lead_verbs(pre_all, ws)
            if lead and not rest:
                return [lead + noun] * n, None
        if noun not in ws.work_nouns and post.endswith(tuple(ws.work_nouns)) and not subject[at + 1:].strip():
            # X等50项重点项目竣工投产 → 竣工投产重点项目: the activity names what is counted.
            tail = ws.count_activities.match(after_post)
            if tail:
                return [tail.group(0) + post] * n, None
        subject = subject[at + 1:]
    if n > 1 and "分别" in pre_all:
        # 浏阳经开区、浏阳高新区规模工业总产值分别增长12.5%、9.8%: one indicator, one place a value.
        items = subject.replace("分别", "").split("、")
        leads = [_leading_place(i, places) for i in items]
        if len(items) == n and all(leads) and all(leads[k] == items[k] for k in range(n - 1)) and len(leads[-1]) < len(items[-1]):
            name = _clean_name(items[-1][len(leads[-1]):], ws)
            if _has_cjk(name):
                return [name] * n, [places[x] for x in leads]
    place = None
    when = ws.time_lead.match(subject)
    skip = when.end() if when else 0  # 去年湘潭县粮食产量: the place after the words of time
    lead = _leading_place(subject[skip:], places)
    if lead and skip + len(lead) < len(subject):
        place, subject = places[lead], subject[skip + len(lead):]
        # 湘潭县、湘乡市获…: further places of a list share the value; the first stands for them.
        while subject.startswith(("、", "和")) and _leading_place(subject[1:], places):
            subject = subject[1 + len(_leading_place(subject[1:], places)):]
    cleaned = _clean_name(subject, ws)
    if cleaned in ws.attributes:
        # 总投资9.5亿元的X管线 → X管线总投资; X项目469项，完成投资3210亿元 → X项目完成投资.
        attribute = max((a for a in ws.attributes if subject.endswith(a)), key=len, default=cleaned)
        owner = _owner_after(tail, ws)
        if not owner and previous and previous_counted:
            owner = previous[0]
        if not owner and previous and len(previous) == 1:
            # X项目599项，总投资5942亿元，当年计划投资1003亿元: a second attribute of the same owner.
            # (A bare 投资 ends names of their own, 固定资产投资: only a longer attribute marks an owner.)
            had = max((a for a in ws.attributes if previous[0].endswith(a) and len(previous[0]) > len(a)), key=len, default="")
            had = had if len(had) > 2 else ""
            owner = previous[0][: -len(had)] if had else ""
        if owner:
            return [owner + attribute] * n, place
    if post and "、" in subject and run[-1].q.value == len([x for x in subject.split("、") if x]):
        # 甲、乙、丙3个产业集群: the items are named; the count is of what follows.
        return [_clean_name(_work_of(post), ws)] * n, place
    if post and run[-1].q.dimension not in ("percent", "points", "money", "number"):
        # 地表水10个考核断面 → 地表水考核断面; 续建58个项目 → 续建项目; 建立200个互助点 → 建立互助点.
        verb = run[0].verb
        kept_verb = verb if verb not in ws.strip_prefix and verb not in ("达到", "达", "为") else ""
        # 改造提升11条市政路: a verb between the subject's words and the count stays between them.
        between = kept_verb if cleaned and post else ""
        name = _clean_name(cleaned + between + _work_of(post), ws)
        if post in ws.strip_suffix and not name.endswith(post):
            # 72项任务全部完成: a noun counted alone is the name's head, whatever it strips elsewhere
            # (50个马路市场搬迁任务 counts the markets: 任务 closing a longer noun still goes).
            name += post
        done = _DONE_AFTER.match(after_post)
        if done and not cleaned and len(post) <= 6:
            return [done.group("verb") + name] * n, place  # 9个贫困县全部摘帽 → 摘帽贫困县
        noun, deed = _deed(post, after_post, ws)
        if deed and _OBJECT_OF.search(subject):
            return [_cut_long(_clean_name(noun, ws) + deed, ws)] * n, place  # 对400座水库进行除险加固
        if deed and not cleaned:
            name = deed + _clean_name(noun, ws)  # 8500家工业企业开展技改 → 开展技改工业企业
        elif deed:
            name = _clean_name(cleaned + between + post + after_post, ws)  # 支持…工业企业开展技改: as written
        if kept_verb and not cleaned and not name.startswith(verb):
            name = verb + name
        return [_cut_long(name, ws)] * n, place
    if _COMPARED.match(cleaned) and previous and len(previous) in (1, n):
        # 占比达到67.7%，高于全省3.1个百分点: how far the quantity just named stands above the
        # province's; a share is named short (X占Y比重 → X占比高于全省).
        return [_SHARE_LONG.sub(r"\1占比", p) + cleaned for p in (previous * n)[:n]], place
    if cleaned.startswith(("比", "较")) and previous and len(previous) == n:
        return previous, place  # 比上年增加1000亿元: a change of the quantity just named
    if cleaned.startswith("占") and previous:
        # 研发经费支出4200亿元，占地区生产总值比重3.26%: the share of the quantity just named.
        return [_cut_long(previous[0] + cleaned, ws)] * n, place
    if run[0].q.dimension == "rank" and (scoped := _scoped_rank(subject, previous, ws)):
        return scoped * n if len(scoped) == 1 else scoped, place
    if cleaned in ws.generic_measures and previous and len(previous) == 1 and (owner := _owner_of(previous[0], ws)):
        return [owner + cleaned] * n, place  # 粮食播种面积…、总产量1280万吨 → 粮食总产量
    if cleaned in ws.total_words and previous and len(previous) == 1 and _has_cjk(previous[0]):
        return previous * n, place  # 地区生产总值增长6.6%，总量突破900亿元: the level of the same quantity
    if not _has_cjk(cleaned):
        _, deed = _deed("", tail, ws) if previous_counted and previous and len(previous) == 1 else ("", "")
        if deed and run[-1].q.dimension == "count":
            # 创建400个美丽乡村，200个以上通过省级验收: the deed of so many of the things just counted.
            owner = next((previous[0][len(v):] for v in ws.owner_verbs if previous[0].startswith(v)), previous[0])
            return [deed + owner] * n, place
        if previous and len(previous) == n and not (previous_counted and run[0].q.dimension in _SPANS):
            return previous, place  # (17个村3个月完成征迁: the span is the deed's, not the villages')
        return None, None
    if run[0].q.dimension == "rank":
        # 在全省园区综合排名中，湘潭高新区前进43位: the topic names the ranking, the subject the place.
        topic = _TOPIC.search(text[: text.find(pre_all) if pre_all else len(text)])
        topic_name = _clean_name(topic.group(1), ws) if topic else ""
        if subject.endswith(("第", "前")):
            # 跃居全国绿色发展百强区第69位: the list ranked in follows the verb, else it is the topic.
            ranked = subject[:-1]
            for verb in ws.ordinal_verbs:
                k = ranked.rfind(verb)
                if k >= 0:
                    after, before = ranked[k + len(verb):], ranked[:k]
                    # 跃居全国…百强区第69位: the ranking follows the verb; 省评冲刺前10强: it precedes it.
                    ranked = after if _has_cjk(_clean_name(after, ws)) or topic_name else before
                    break
            ranked = _clean_name(ranked, ws)
            if _has_cjk(ranked):
                return [ranked if ranked.endswith(("排名", "位次")) else ranked + "排名"] * n, place
            if topic_name:
                return [topic_name] * n, place
        if topic_name and (lead == subject or len(cleaned) <= 8):
            return [topic_name] * n, places.get(lead) if lead else place
    if n > 1 and ("分别" in pre_all or "均" in pre_all[-3:] or any(p[0] in subject for p in ws.split_subjects)):
        parts = _split_subject(re.sub("分别比?|均比?$", "", subject), n, ws)
        if parts:
            return [_cut_long(_clean_name(p, ws), ws) or cleaned for p in parts], place
    if n == 1 and (pre_all.endswith("各") or pre_all.endswith("双")) and re.search("[、和]", subject):
        # 新增博士、硕士学位授权高校各3所: so many of each; 耕地安全利用率和…利用率达到双100%: both.
        body, _, _, _ = read_before(subject.removesuffix("各").removesuffix("双"), ws)
        verb = next((v for v, _ in ws.verbs if len(v) > 1 and body.startswith(v) and v not in ws.strip_prefix), "")
        body = body[len(verb):]
        items = [i for i in re.split("[、和]", body) if i]
        parts = _split_subject(body, len(items), ws) or items
        names = [_cut_long(_clean_name(verb + p, ws), ws) for p in parts]
        if len(names) > 1 and all(_has_cjk(x) for x in names):
            return names, place
    if n == 1 and "均" in pre_all[-4:] and "、" in subject:
        items = [_cut_long(_clean_name(i, ws), ws) for i in subject.split("、")]
        if all(_has_cjk(i) for i in items):
            return items, place
    if lead == subject:
        return None, None  # the clause names a place and no quantity of it
    # One value for a list of things (新增A、B13人) is the count of A and B together: name it so.
    return [_join_items(_cut_long(cleaned, ws))] * n, place


def _clause_topic(text: str, clauses: list[tuple[int, int]], c_start: int, quantities: list[Quantity],
                  ws: Words) -> str | None:
    """The indicator of the scheme that opens the clause before the one at `c_start`, if that
    clause holds no value: 一般公共预算收入稳步增长 → 一般公共预算收入."""
    before = [(a, b) for a, b in clauses if b <= c_start]
    if not before or any(before[-1][0] <= q.start < before[-1][1] for q in quantities):
        return None
    name = _clean_name(text[before[-1][0]:before[-1][1]].rstrip("，,；;"), ws)
    scheme = load_scheme()
    return next((name[:k] for k in range(min(len(name), ws.max_chars), 3, -1) if scheme.normalise(name[:k])), None)


def _work_of(post: str) -> str:
    """What a count of works is of: 5个林场试点建设 → 林场试点 (建设 is the work done on them)."""
    return post[:-2] if post.endswith("建设") and len(post) > 4 else post


def _owner_of(name: str, ws: Words) -> str:
    """What a quantity's name is of, without its own measure and opening verb (粮食播种面积 → 粮食,
    净增市场主体 → 市场主体); empty when the name is no more than that."""
    owner = name
    measure = next((m for m in ws.generic_measures if owner.endswith(m) and len(owner) > len(m)), "")
    owner = owner[: len(owner) - len(measure)]
    verb = next((v for v in ws.owner_verbs if owner.startswith(v) and len(owner) > len(v) + 1), "")
    owner = owner[len(verb):]
    return owner if (measure or verb) and _has_cjk(owner) and len(owner) >= 2 else ""


def _scoped_rank(subject: str, previous: list[str] | None, ws: Words) -> list[str] | None:
    """X稳居全国第一, X连续5年居全国首位, X…，全省第2位: X's rank in that scope (X全国排名)."""
    m = ws.rank_scope.search(subject)
    if not m:
        return None
    owner = _clean_name(subject[:m.start()], ws)
    if not _has_cjk(owner):
        if not previous or len(previous) != 1 or previous[0].endswith(("排名", "位次")):
            return None
        owner = previous[0]  # 快递业务量突破8.5亿件，全省第2位
    return [_clean_name(item, ws) + m.group("scope") + "排名" for item in owner.split("、") if item]


def _join_items(name: str) -> str:
    """One name for a list sharing one value: 甲、乙X → 甲和乙X; single characters run together (省、市重点项目 → 省市重点项目)."""
    items = name.split("、")
    if len(items) > 1 and all(len(i) == 1 for i in items[:-1]):
        return "".join(items)
    return _LIST_MARK_OUTSIDE.sub("和", name)  # 县（市、区）级博物馆: a list inside brackets or quotes stays


_LIST_MARK_OUTSIDE = re.compile(r"、(?![^（(“]*[）)”])")


def _leading_place(subject: str, places: dict[str, str]) -> str | None:
    """The longest place name the subject starts with."""
    best = None
    for k in range(min(len(subject), 12), 1, -1):
        if subject[:k] in places:
            best = subject[:k]
            break
    return best


