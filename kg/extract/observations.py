"""Quantified statements: each number with a unit becomes an observation of a named indicator.

The engine reads a sentence clause by clause. A run of values (8.2%、8.8%) shares the
clause's subject; the subject is the text before the run with time, scope and verb words
stripped, split into one indicator per value when the clause says 分别 or lists as many
names as values. The words right before a value give its measure and sign (增长 / 下降),
the words around it its qualifier, the report part and the clause its year and status.
"""

from __future__ import annotations

import re

from kg.extract.counted_nouns import BRACKETED_COUNTER, level_noun, post_name
from kg.extract.indicator_names import clause_topic, name_share, names_for_run
from kg.extract.measures import (
    ABOUT_SHARE,
    Value,
    approximate,
    leading_verb,
    measure_of,
    qualifier_of,
    read_before,
)
from kg.extract.name_cleaning import clean_name, has_cjk
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.observation_words import Words, prepare_words
from kg.extract.when import is_preliminary, paragraph_periods, read_when, reviewed_year
from kg.model import Mention, Observation, ReportMeta, Sentence
from kg.rules import RuleBook

_CLAUSE_BOUNDARY = re.compile(r"[，,；;：:。！？!?]|\n")
# 从A增加到B: A is the level a period started from (从每人每月1883元提高到1949元: per head and month).
# 由2013年的2330元增长到8629元: the start's year is given.
_FROM = re.compile(r"(?:从|由)(?:(?P<year>(?:19|20)\d{2})年(?:的|底|末)?)?(?:每人)?(?:每[年月日])?$")
_FROM_TAIL = re.compile(r"(?:分别)?(?:从|由)(?:(?:19|20)\d{2}年(?:的|底|末)?)?(?:每人)?(?:每[年月日])?$")
_TO = re.compile(r"(?:增加|提高|增长|上升|扩大|下降|降低|减少|提升)?(?:到|至)")
_RATES = ("percent", "permille", "points", "times", "tenths")
_SHARE = re.compile(r"占[^占]{2,}(?<!比重)(?<!比例)(?<!份额)(?<!占比)(?<!比)(?<!率)$")


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


_OWN_GOAL = ("目标", "要求", "任务", "水平", "幅度", "增长", "速度")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_BOUNDARY.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


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
            lead = leading_verb(clean_name(subject, ws) if subject else "", ws)
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
        share_of = name_share(last, subject, tail, ws)
        if _is_threshold(last, tail) and not share_of:
            prev_end = p_start  # the bound is part of the next value's subject (…10万元以上的村达到60%)
            i = j
            continue
        # 11条（段）市政路: a second counter in brackets after the unit stands before the noun.
        counter = BRACKETED_COUNTER.match(tail)
        noun_tail = tail[counter.end():] if counter else tail
        post = post_name(noun_tail, ws) if q.dimension != "years_running" else ""
        after_post = noun_tail[len(post):] if post and noun_tail.startswith(post) else ""
        post_len = len(post)  # what of the text after the value the noun takes up
        if q.dimension != "years_running":
            post, after_post, post_len = level_noun(subject, post, after_post, noun_tail, post_len, ws)
        if previous_names is None and not has_cjk(clean_name(subject, ws)):
            # 一般公共预算收入稳步增长，增长4.4%: a value without a subject is of the indicator that
            # opens the clause before, when that clause has no value of its own.
            topic = clause_topic(text, clauses, c_start, quantities, ws)
            previous_names = [topic] if topic else None
        if "分别" in pre_all and len(listed_names) == len(run) > len(previous_names or ()):
            previous_names = listed_names  # X38253元、Y15929元，分别增长5.8%和8.6%: each of the list
        names, place = ([share_of] * len(run), None) if share_of else names_for_run(
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
            previous_names = [clean_name(subject.removesuffix("连续"), ws)]  # what a rank after it is of
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
