"""Reading: decoding, finding the report inside a web page, parsing the header."""

from __future__ import annotations

import codecs

import pytest

from kg.errors import InputError
from kg.read import decode, find_body, parse_header, read_document
from kg.extract.observations import extract_observations
from kg.structure import find_sections, split_sentences

from conftest import SAMPLE

REPORT = "2023年某某市政府工作报告\n——2023年1月10日在某某市第八届人民代表大会第三次会议上\n市长 王小明\n各位代表：\n一、2022年工作回顾\n全年地区生产总值增长5.1%，固定资产投资增长8%。\n二、2023年工作安排\n地区生产总值增长6%左右。\n"


def test_sample_header(rules):
    doc = read_document(SAMPLE, rules)
    m = doc.meta
    assert (m.title, m.region, m.report_year, m.review_year) == ("2020年湘潭市政府工作报告", "湘潭市", 2020, 2019)
    assert (m.delivered, m.speaker, m.speaker_role) == ("2020-01-06", "张迎春", "市长")


def test_sample_body_excludes_forum_chrome(rules):
    doc = read_document(SAMPLE, rules)
    body = doc.text[doc.body_start:doc.body_end]
    assert body.startswith("2020年湘潭市政府工作报告")
    assert body.endswith("全面建成小康社会努力奋斗!")
    for chrome in ("设为首页", "本版积分规则", "客服中心", "Powered by", "发表于", "签到天数"):
        assert chrome not in body


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")])
def test_decode_encodings(encoding, prefix):
    text, _ = decode(prefix + REPORT.encode(encoding), "r.txt")
    assert text == REPORT


def test_decode_rejects_binary_and_empty():
    with pytest.raises(InputError, match="PDF"):
        decode(b"%PDF-1.7\n...", "r.txt")
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n\t ", "r.txt")


def test_header_of_other_wordings():
    national = parse_header("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：")
    assert (national.region, national.report_year, national.review_year) == ("中华人民共和国", 2024, 2023)
    assert (national.speaker, national.speaker_role, national.delivered) == ("李强", "总理", "2024-03-05")
    titled = parse_header("2021年国务院政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理　李克强\n")
    assert (titled.region, titled.report_year, titled.speaker) == ("中华人民共和国", 2021, "李克强")
    province = parse_header("政府工作报告\n——2021年1月24日在广东省第十三届人民代表大会第四次会议上\n广东省省长 马兴瑞\n")
    assert (province.region, province.report_year, province.speaker, province.speaker_role) == ("广东省", 2021, "马兴瑞", "省长")
    city = parse_header("2023年长沙市人民政府工作报告\n——2023年1月10日在长沙市第十六届人民代表大会第三次会议上\n市长 周某\n")
    assert (city.region, city.report_year, city.speaker_role) == ("长沙市", 2023, "市长")
    hostile = parse_header("<script>alert(1)</script>政府工作报告\n——2023年1月1日在某会议上\n")
    assert hostile.region is None and hostile.report_year == 2023
    county = parse_header("2022年某县人民政府工作报告\n——2022年2月8日在某县第十八届人民代表大会第一次会议上\n代县长 李四\n")
    assert county.report_year == 2022 and county.speaker_role == "代县长" and county.speaker == "李四"


def test_sections_know_review_from_plan(rules, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, "utf-8")
    doc = read_document(path, rules)
    sentences = split_sentences(doc, find_sections(doc, rules))
    by_text = {s.text: s.part for s in sentences}
    assert by_text["全年地区生产总值增长5.1%，固定资产投资增长8%。"] == "review"
    assert by_text["地区生产总值增长6%左右。"] == "plan"
    for s in sentences:
        assert doc.text[s.start:s.end] == s.text


def test_body_of_plain_report_is_whole_text(rules):
    start, end = find_body(REPORT, rules)
    assert REPORT[start:end] == REPORT.strip()


def test_notes_after_the_report_are_no_part_of_it(rules, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT + "名词解释\n[1]“双千工程”：每年招商引资入库1000个以上项目、引进资金1000亿元。\n", "utf-8")
    doc = read_document(path, rules)
    sentences = split_sentences(doc, find_sections(doc, rules), rules.words("report", "part", "notes"))
    parts = {s.text: s.part for s in sentences}
    assert parts["名词解释"] == "notes"
    assert parts["[1]“双千工程”：每年招商引资入库1000个以上项目、引进资金1000亿元。"] == "notes"
    assert parts["地区生产总值增长6%左右。"] == "plan"
    found = extract_observations(sentences, doc.meta, rules)
    assert [str(o.value) for o in found] == ["5.1", "8", "6"]


def test_big5_text_is_read_as_big5_not_as_gb18030_nonsense():
    text = "政府工作報告\n各位代表：現在，我代表市人民政府向大會報告工作。" * 20 + "全年地區生產總值增長百分之六，城鄉居民收入穩步提高，人民生活持續改善。" * 10
    decoded, encoding = decode(text.encode("big5"), "r.txt")
    assert (decoded, encoding) == (text, "big5")


def test_bytes_that_decode_to_no_readable_chinese_are_refused():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0xA1, 0xFF) for _ in range(20_000))
    with pytest.raises(InputError, match=r"r\.txt: the file decodes to Chinese that does not read as text \(only \d+% "
                                         r"common characters\): it is in another encoding or not text; re-save it as UTF-8"):
        decode(data, "r.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_byte_order_mark_is_read(encoding):
    decoded, used = decode(REPORT.encode(encoding), "r.txt")
    assert (decoded, used) == (REPORT, encoding)
