"""Property tests (hypothesis): the number parser, and the whole pipeline on any text.

Any input either raises the documented InputError or gives a graph whose every offset points
at its anchor text: `doc.text[m.start:m.end] == m.text`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import rdflib
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from kg.divisions import load_divisions
from kg.errors import InputError
from kg.extract.numbers import find_quantities, parse_number
from kg.model import ReportFacts
from kg.pipeline import process_document
from kg.rdf import to_turtle
from kg.read import blank_markup, parse_document
from kg.rules import load_rules

RULES = load_rules()
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """n (0 ≤ n < 10**12) written in Chinese numerals the way reports write them (一千零五万)."""
    if n == 0:
        return "零"

    def below_10000(k: int) -> str:
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, k = divmod(k, value)
            if d:
                if zero and out:
                    out += "零"
                out += _CN_DIGITS[d] + name
                zero = False
            else:
                zero = True
        return out

    parts, started = "", False
    for value, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if started and d < 1000:
                parts += "零"
            parts += below_10000(d) + name
            started = True
    return "十" + parts[2:] if parts.startswith("一十") and len(parts) <= 3 else parts  # 十五, not 一十五


# --- the number parser ---------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_reads_integers_and_their_grouped_form(n):
    assert parse_number(str(n), RULES) == n
    assert parse_number(f"{n:,}", RULES) == n
    assert parse_number(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")), RULES) == n


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_parse_number_reads_decimals(d):
    assert parse_number(str(d), RULES) == d


@given(st.integers(min_value=0, max_value=10**12 - 1))
@example(10)
@example(15)
@example(105)
@example(1005)
@example(10_0000)
@example(1_0005_0000)
def test_parse_number_of_chinese_numeral_is_its_value(n):
    assert parse_number(chinese_numeral(n), RULES) == n


@given(st.text(max_size=20))
def test_parse_number_on_any_text_gives_a_number_or_value_error(text):
    try:
        value = parse_number(text, RULES)
    except ValueError:
        return
    assert isinstance(value, Decimal) and value.is_finite()


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["%", "万元", "亿元", "万人", "公里", "个百分点", "万吨", "亿千瓦时"]))
def test_find_quantities_reads_a_number_with_its_unit(d, unit):
    text = f"增长{d}{unit}。"
    found = find_quantities(text, RULES)
    assert [(q.value, q.unit, text[q.start:q.end]) for q in found] == [(d, unit, f"{d}{unit}")]


@given(st.integers(1, 9999), st.integers(0, 9), st.integers(0, 9), st.sampled_from(["万元", "万人", "万吨"]))
def test_digits_with_multipliers_in_a_row_are_one_number(yi, qian, bai, unit):
    """1亿2千5百万元 is 12500万元: the groups that are written add up, in the unit's own multiplier."""
    written = f"{yi}亿" + (f"{qian}千" if qian else "") + (f"{bai}百" if bai else "")
    text = f"总额{written}{unit}。"
    assume(qian or bai)  # 3亿万元 is not written
    found = find_quantities(text, RULES)
    assert [(q.value, q.unit, text[q.start:q.end]) for q in found] == [
        (Decimal(yi * 10000 + qian * 1000 + bai * 100), unit, written + unit)]


QUANTITY_TEXT = st.lists(
    st.sampled_from(["增长", "6", "6.5", "１２", "%", "％", "万元", "亿", "余", "多", "左右", "以上", "-", "至", "个百分点",
                     "三", "十", "百", "千", "万", "两", "零", "点", "五", "，", "。", " ", "\n", "倍", "户", "家"])
    | st.text(max_size=3),
    max_size=30,
).map("".join)


@given(QUANTITY_TEXT)
def test_find_quantities_spans_are_in_order_and_inside_the_text(text):
    last_end = 0
    for q in find_quantities(text, RULES):
        assert last_end <= q.start < q.end <= q.qualifier_end <= len(text), q
        signed = text[q.start] in "-－−"  # a minus sign right after a Chinese word (增长-2.1%)
        assert q.value.is_finite() and (q.value >= 0 or signed)
        parse_number(text[q.start:q.start + 1 + signed], RULES)  # it begins with a numeral, or this raises ValueError
        if q.bound != "lower":  # a range's lower bound is its number alone; it borrows the upper's unit
            assert text[q.end - 1] == q.unit[-1], q
        last_end = q.qualifier_end


# --- the whole pipeline on random text -----------------------------------------------------------

WORDS = ["政府工作报告", "2023年", "某某市", "湖南省", "湘潭市", "雨湖区", "一、", "（一）", "1.", "地区生产总值", "增长",
         "6%", "左右", "以上", "万元", "亿元", "固定资产投资", "有限公司", "集团", "项目", "产业园", "经济开发区",
         "——2023年1月10日在某某市第八届人民代表大会第三次会议上", "市长 王小明", "各位代表：", "过去一年", "今年",
         "。", "，", "、", "；", "：", "“", "”", "《", "》", "（", "）", "\n", "\r\n", " ", "\u3000", "\t"]
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))  # controls are put in below
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u2029\ufeff")
PIECES = st.lists(
    st.sampled_from(WORDS) | st.text(CHINESE, min_size=1, max_size=4) | st.text(ALPHABET, min_size=1, max_size=4)
    | st.text("0123456789.%", min_size=1, max_size=4),
    max_size=60,
).map("".join)
PREAMBLE = (Path(__file__).parent / "data" / "inputs" / "report.txt").read_text("utf-8")
SAMPLE_TEXT = (Path(__file__).resolve().parent.parent / "seeds" / "000_6734cc391de7877c.txt").read_text("utf-8")


@st.composite
def random_text(draw: st.DrawFn) -> str:
    """Random pieces (Chinese, ASCII, any code point, digits, report words), sometimes after a
    report's opening, with a few control characters put anywhere."""
    text = draw(PIECES)
    if draw(st.booleans()):
        text = PREAMBLE[: draw(st.integers(0, len(PREAMBLE)))] + text
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(CONTROL) + text[at:]
    return text


RANDOM_TEXT = random_text()


@st.composite
def cut_report(draw: st.DrawFn) -> str:
    """A stretch of the sample report, cut anywhere, with a few characters put in or taken out."""
    start = draw(st.integers(0, len(SAMPLE_TEXT) - 1))
    text = SAMPLE_TEXT[start:start + draw(st.integers(1, 1500))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(WORDS) | CONTROL | st.text(ALPHABET, min_size=1, max_size=2)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 3)):]
    return text


def _facts(data: bytes, name: str = "r.txt") -> ReportFacts | None:
    """The pipeline on a file's bytes; None when the documented InputError refuses them."""
    try:
        doc = parse_document(data, name, RULES)
    except InputError as err:
        event(f"refused: {err.problem.split(' (')[0].split(';')[0]}")
        return None
    facts = process_document(doc, RULES, load_divisions())
    event("built with observations" if facts.observations else "built")
    return facts


def _assert_offsets(facts: ReportFacts) -> None:
    text = facts.document.text
    for s in facts.sentences:
        assert text[s.start:s.end] == s.text
    mentions = [m for e in facts.entities for m in e.mentions]
    mentions += [o.mention for o in facts.observations]
    mentions += [r.mention for r in facts.relations if r.mention is not None]
    for m in mentions:
        assert text[m.start:m.end] == m.text, m
        assert m.text in facts.sentences[m.sentence].text, m
    for o in facts.observations:
        if o.indicator_start is not None:
            assert 0 <= o.indicator_start < o.indicator_end <= len(text)


@settings(SETTINGS, max_examples=150)
@given(RANDOM_TEXT)
def test_pipeline_on_any_text_keeps_offsets_on_their_anchor(text):
    facts = _facts(text.encode("utf-8"))
    if facts is not None:
        _assert_offsets(facts)


@settings(SETTINGS, max_examples=60)
@given(cut_report())
def test_pipeline_on_a_cut_report_keeps_offsets_on_their_anchor(text):
    facts = _facts(text.encode("utf-8"))
    if facts is not None:
        _assert_offsets(facts)


@settings(SETTINGS, max_examples=40)
@given(RANDOM_TEXT | cut_report())
def test_pipeline_on_any_text_writes_turtle_that_parses(text):
    facts = _facts(text.encode("utf-8"))
    if facts is not None:
        rdflib.Graph().parse(data=to_turtle([facts]), format="turtle")


@settings(SETTINGS, max_examples=60)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<br/>", "<b>", "</b>", "<script>x='增长9%'</script>", "<!-- 注 -->",
                                 "&nbsp;", "&ldquo;", "&rdquo;", "&amp;", "&#20013;", "<a href='x>y'>"]) | RANDOM_TEXT,
                max_size=20).map("".join))
def test_pipeline_on_any_web_page_keeps_offsets_and_length(page):
    assert len(blank_markup(page)) == len(page)
    facts = _facts(("<html><body>" + page + "</body></html>").encode("utf-8"), "r.html")
    if facts is not None:
        _assert_offsets(facts)


@settings(SETTINGS, max_examples=100)
@given(st.binary(max_size=400))
def test_pipeline_on_any_bytes_raises_only_input_error(data):
    facts = _facts(data)
    if facts is not None:
        _assert_offsets(facts)
