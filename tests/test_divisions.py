"""Tests of kg.divisions: names to GB/T 2260 codes, short forms, context, years and the shipped tables."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.divisions import (
    Division,
    Divisions,
    ShortFormRules,
    load_divisions,
    parse_short_form_rules,
    parse_spans,
    short_forms,
)
from kg.errors import RuleError

DATA = resources.files("kg") / "data" / "gb2260"


@pytest.fixture(scope="session")
def divisions() -> Divisions:
    return load_divisions()


@pytest.fixture(scope="session")
def rules() -> ShortFormRules:
    return parse_short_form_rules((DATA / "short_forms.toml").read_text(encoding="utf-8"),
                                  (DATA / "common_words.txt").read_text(encoding="utf-8"))


def code_of(division: Division | None) -> str | None:
    return division.code if division else None


def test_lookup_full_name_of_prefecture_city(divisions: Divisions) -> None:
    xiangtan = divisions.lookup("湘潭市")
    assert xiangtan == Division("430300", "湘潭市", "City", "430000", "湘潭")


@pytest.mark.parametrize("within", [None, "430300", "430000", "430321"])
def test_lookup_short_form_prefers_the_higher_level(divisions: Divisions, within: str | None) -> None:
    # 湘潭县 also strips to 湘潭, but 湘潭 written alone is the city, even in 湘潭县's own report.
    assert code_of(divisions.lookup("湘潭", within=within)) == "430300"


def test_lookup_county_level_city(divisions: Divisions) -> None:
    assert divisions.lookup("湘乡") == Division("430381", "湘乡市", "City", "430300", "湘乡")
    assert divisions.lookup("湘乡市") == divisions.lookup("湘乡")


@pytest.mark.parametrize(("name", "code", "level", "short"), [
    ("湘潭县", "430321", "County", "湘潭县"),  # 湘潭 is the city's short form, so the county keeps its full name
    ("岳塘区", "430304", "District", "岳塘"),
    ("湖南", "430000", "Province", "湖南"),
    ("湖南省", "430000", "Province", "湖南"),
    ("北京", "110000", "Province", "北京"),
    ("宁夏", "640000", "Province", "宁夏"),
    ("内蒙古", "150000", "Province", "内蒙古"),
    ("广西", "450000", "Province", "广西"),
    ("湘西州", "433100", "City", "湘西"),
    ("湘西", "433100", "City", "湘西"),
    ("湘西土家族苗族自治州", "433100", "City", "湘西"),
    ("湘西自治州", "433100", "City", "湘西"),
    ("恩施州", "422800", "City", "恩施"),
    ("恩施", "422800", "City", "恩施"),  # the prefecture, not 恩施市
    ("延边", "222400", "City", "延边"),
    ("长阳", "420528", "County", "长阳"),
    ("神农架林区", "429021", "County", "神农架"),
    ("仙桃", "429004", "City", "仙桃"),
    ("浦东", "310115", "District", "浦东"),
])
def test_lookup_names_and_short_forms(divisions: Divisions, name: str, code: str, level: str, short: str) -> None:
    division = divisions.lookup(name)
    assert division is not None, name
    assert (division.code, division.level, division.short) == (code, level, short)


def test_lookup_county_within_autonomous_prefecture(divisions: Divisions) -> None:
    yongshun = divisions.lookup("永顺县", within="433100")
    assert yongshun is not None
    assert (yongshun.code, yongshun.parent) == ("433127", "433100")
    assert code_of(divisions.lookup("永顺", within="433100")) == "433127"


def test_lookup_same_name_in_two_provinces_needs_context(divisions: Divisions) -> None:
    assert divisions.lookup("朝阳区") is None
    assert code_of(divisions.lookup("朝阳区", within="110000")) == "110105"
    assert code_of(divisions.lookup("朝阳区", within="110105")) == "110105"
    assert code_of(divisions.lookup("朝阳区", within="220100")) == "220104"
    # Same province but another prefecture still decides it.
    assert code_of(divisions.lookup("朝阳区", within="220200")) == "220104"


def test_lookup_short_form_of_district_by_context(divisions: Divisions) -> None:
    # Without context 朝阳 is the prefecture-level city in Liaoning; in a Beijing report the district.
    assert code_of(divisions.lookup("朝阳")) == "211300"
    assert code_of(divisions.lookup("朝阳", within="110000")) == "110105"


def test_lookup_division_created_in_2015(divisions: Divisions) -> None:
    gaochang = divisions.lookup("高昌区")
    assert gaochang is not None
    assert (gaochang.code, gaochang.parent) == ("650402", "650400")
    assert [d.name for d in divisions.chain("650402")] == ["高昌区", "吐鲁番市", "新疆维吾尔自治区"]


def test_lookup_by_year_for_a_county_that_became_a_district(divisions: Divisions) -> None:
    # 密云县 (110228) became 密云区 (110118) between the 2014 and 2015 revisions.
    assert code_of(divisions.lookup("密云", year=2012)) == "110228"
    assert code_of(divisions.lookup("密云", year=2016)) == "110118"
    assert code_of(divisions.lookup("密云")) == "110118"
    # The old full name still resolves, through the fallback, in any year.
    old = divisions.lookup("密云县", year=2018)
    assert old is not None
    assert (old.code, old.level) == ("110228", "County")
    assert code_of(divisions.lookup("密云区", year=2011)) == "110118"


def test_lookup_by_year_for_a_renamed_code(divisions: Divisions) -> None:
    # 371324 was 苍山县 until 2013, 兰陵县 from 2014.
    assert divisions.lookup("苍山县", year=2012) == divisions.lookup("苍山县", year=2019)
    assert code_of(divisions.lookup("苍山县")) == "371324"
    assert divisions.get("371324") == divisions.lookup("兰陵县")
    assert divisions.get("371324").name == "兰陵县"


def test_lookup_year_between_revisions_uses_the_earlier_one(divisions: Divisions) -> None:
    # No 2012 revision: a 2012 report resolves against December 2011.
    assert code_of(divisions.lookup("巢湖", year=2010)) == "341400"
    assert code_of(divisions.lookup("巢湖", year=2012)) == "340181"


def test_lookup_supplement_after_2019(divisions: Divisions) -> None:
    assert code_of(divisions.lookup("邵东")) == "430582"
    assert code_of(divisions.lookup("邵东县", year=2015)) == "430521"
    assert code_of(divisions.lookup("钢城区", year=2015)) == "371203"
    assert code_of(divisions.lookup("钢城区")) == "370117"
    assert divisions.get("371200").name == "莱芜市"
    assert code_of(divisions.lookup("莱芜")) == "370116"


def test_lookup_unknown_and_placeholder_names(divisions: Divisions) -> None:
    assert divisions.lookup("市辖区") is None
    assert divisions.lookup("") is None
    assert divisions.lookup("湘") is None
    assert divisions.lookup("乌托邦市") is None


def test_lookup_rejects_malformed_context(divisions: Divisions) -> None:
    with pytest.raises(ValueError):
        divisions.lookup("湘潭", within="湘潭市")


def test_common_words_are_not_short_forms(divisions: Divisions) -> None:
    for word in ("合作", "资源", "公安", "振兴", "城区"):
        assert word not in divisions.names()
    assert divisions.lookup("合作") is None
    # A full name that is a common word stays a key for lookup.
    assert code_of(divisions.lookup("城区", within="140300")) == "140302"


def test_chain_of_county_level_city(divisions: Divisions) -> None:
    assert [d.name for d in divisions.chain("430381")] == ["湘乡市", "湘潭市", "湖南省"]
    assert divisions.chain("999999") == ()


def test_chain_of_municipality_district_skips_placeholder(divisions: Divisions) -> None:
    assert [d.code for d in divisions.chain("110105")] == ["110105", "110000"]
    assert [d.code for d in divisions.chain("429004")] == ["429004", "420000"]


def test_children_of_prefecture(divisions: Divisions) -> None:
    codes = [d.code for d in divisions.children("430300")]
    assert codes == ["430302", "430304", "430321", "430381", "430382"]
    assert divisions.children("999999") == ()


def test_children_of_abolished_prefecture_as_it_last_stood(divisions: Divisions) -> None:
    assert "341421" in [d.code for d in divisions.children("341400")]  # 庐江县 under 巢湖市 in 2010


def test_get(divisions: Divisions) -> None:
    assert divisions.get("430000") == Division("430000", "湖南省", "Province", None, "湖南")
    assert divisions.get("430100").short == "长沙"
    assert divisions.get("430121").short == "长沙县"
    assert divisions.get("123456") is None


def test_names_have_no_one_character_or_placeholder(divisions: Divisions) -> None:
    names = divisions.names()
    assert {"湘潭市", "湘潭", "湘西州", "湖南", "岳塘"} <= names
    assert "市辖区" not in names
    assert min(len(n) for n in names) >= 2


@pytest.fixture(scope="session")
def current(divisions: Divisions) -> list[Division]:
    """Every division in force now, walked down from the provinces."""
    out: list[Division] = []
    todo = [d for d in map(divisions.get, (f"{n}0000" for n in range(11, 83))) if d]
    while todo:
        division = todo.pop()
        out.append(division)
        todo.extend(divisions.children(division.code))
    return out


def test_every_current_division_is_well_formed(divisions: Divisions, current: list[Division]) -> None:
    assert len(current) > 3000
    for division in current:
        assert len(division.code) == 6 and division.code.isdigit()
        assert len(division.short) >= 2
        assert division.level in ("Province", "City", "County", "District")
        assert (division.level == "Province") == (division.parent is None) == division.code.endswith("0000")
        if division.parent is not None:
            assert divisions.get(division.parent).level in ("Province", "City")


def test_every_current_division_resolves_within_itself(divisions: Divisions, current: list[Division]) -> None:
    for division in current:
        assert code_of(divisions.lookup(division.name, within=division.code)) == division.code
        assert code_of(divisions.lookup(division.short, within=division.code)) == division.code


def test_load_divisions_is_cached() -> None:
    assert load_divisions() is load_divisions()


@pytest.mark.parametrize(("name", "expected"), [
    ("湘潭市", ("湘潭",)),
    ("湖南省", ("湖南",)),
    ("湘西土家族苗族自治州", ("湘西", "湘西州", "湘西自治州")),
    ("黔西南布依族苗族自治州", ("黔西南", "黔西南州", "黔西南自治州")),
    ("伊犁哈萨克自治州", ("伊犁", "伊犁州", "伊犁自治州")),
    ("宁夏回族自治区", ("宁夏",)),
    ("内蒙古自治区", ("内蒙古",)),
    ("新疆维吾尔自治区", ("新疆",)),
    ("香港特别行政区", ("香港",)),
    ("龙胜各族自治县", ("龙胜", "龙胜县")),
    ("鄂伦春自治旗", ("鄂伦春旗",)),
    ("东乡族自治县", ("东乡县",)),
    ("阿里地区", ("阿里",)),
    ("兴安盟", ("兴安",)),
    ("清新区", ("清新",)),
    ("浦东新区", ("浦东",)),
    ("白云鄂博矿区", ("白云鄂博",)),
    ("万柏林区", ("万柏林",)),
    ("准格尔旗", ("准格尔",)),
    ("阿拉善左旗", ()),
    ("沛县", ()),
    ("芒市", ()),
    ("城区", ()),
])
def test_short_forms(rules: ShortFormRules, name: str, expected: tuple[str, ...]) -> None:
    assert short_forms(name, rules) == expected


MAIN = "Code\tName\tSince\tUntil\n430300\t湘潭市\t\t\n430321\t湘潭县\t\t2019\n"
SUPPLEMENT_HEADER = "Code\tName\tSince\tUntil\tSource\n"


def test_parse_spans_applies_supplement() -> None:
    spans = parse_spans(MAIN.replace("\t2019\n", "\t\n"),
                        SUPPLEMENT_HEADER + "430321\t湘潭县\t\t2020\tx\n430399\t新区县\t2021\t\tx\n")
    assert sorted(spans) == [("430300", "湘潭市", None, None), ("430321", "湘潭县", None, 2020),
                             ("430399", "新区县", 2021, None)]


@pytest.mark.parametrize(("main", "supplement", "message"), [
    ("Code\tName\n", SUPPLEMENT_HEADER, "header"),
    (MAIN + "4303\t短码\t\t\n", SUPPLEMENT_HEADER, "not six digits"),
    (MAIN + "430302\t市辖区\t\t\n", SUPPLEMENT_HEADER, "not a division name"),
    (MAIN + "430302\t雨湖区\t2O15\t\n", SUPPLEMENT_HEADER, "four digits"),
    (MAIN, SUPPLEMENT_HEADER + "430304\t岳塘区\t2020\t\t\n", "names no source"),
    (MAIN, SUPPLEMENT_HEADER + "430321\t湘潭县\t\t2020\tx\n", "still in force"),
    (MAIN, SUPPLEMENT_HEADER + "430300\t湘潭市\t2020\t\tx\n", "already known"),
    (MAIN, SUPPLEMENT_HEADER + "430300\t潭州市\t2020\t\tx\n", "two names in force"),
])
def test_parse_spans_rejects_bad_rows(main: str, supplement: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_spans(main, supplement)


def test_parse_short_form_rules_rejects_bad_tables() -> None:
    text = (DATA / "short_forms.toml").read_text(encoding="utf-8")
    with pytest.raises(RuleError, match="min_length"):
        parse_short_form_rules(text.replace("min_length = 2", "min_length = 1"), "")
    with pytest.raises(RuleError, match="unknown key"):
        parse_short_form_rules("surplus = 1\n" + text, "")
    with pytest.raises(RuleError, match="listed twice"):
        parse_short_form_rules(text, "合作\n合作\n")


def test_data_folder_names_its_source() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "1173e8b57b1ac265f3c79099bfab8f1aea4811a1" in readme
    supplement = (DATA / "supplement.tsv").read_text(encoding="utf-8").splitlines()
    assert all(line.split("\t")[4].strip() for line in supplement[1:])


def test_containment_is_read_from_the_codes():
    from kg.divisions import prefecture_code, province_code, province_prefix, same_province, scope_prefix

    assert (province_prefix("430381"), province_code("430381"), prefecture_code("430381")) == ("43", "430000", "430300")
    assert [scope_prefix(c) for c in ("430000", "430300", "430381")] == ["43", "4303", "4303"]
    assert same_province("430381", "431000") and not same_province("430381", "440300")


def test_depth_and_holding_are_read_from_the_codes():
    from kg.divisions import depth, holds_divisions

    # 421000 (荆州市) is a prefecture though its code has a zero before the trailing 00
    assert [depth(c) for c in ("420000", "421000", "420500", "420502")] == [0, 1, 1, 2]
    assert [holds_divisions(c) for c in ("420000", "421000", "420502")] == [True, True, False]


def test_a_reports_scope_is_its_province_or_its_prefecture():
    from kg.divisions import in_scope

    assert in_scope("430381", "430000") and in_scope("430381", "430300") and in_scope("430302", "430381")
    assert not in_scope("430381", "430200") and not in_scope("440300", "430000")
