"""The figure table on real documents, checked against a list made by reading the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.facts.extract import extract_figures
from assistant.types import Figure

COUNTY = "2025_县教育局局长_述职述责述廉报告.txt"

# Every figure in the county report, read by hand line by line: (value as written,
# unit, a word the indicator must contain).  Not figures, on purpose: the dates
# 2025年度 / 2025年, "十四五"/"十五五", 第一议题, 二十届…四次全会, the slogans in quotes
# (两个确立, 四个意识, 四个自信, 两个维护, 一校一品牌, 三会一课, 五育并举, 1+N,
# 一票否决), the plan title 《…三年行动计划》, 县一中, 一是/二是/三是 and heading numbers.
COUNTY_FIGURES = [
    ("15次", "次", "集中学习"),
    ("6次", "次", "专题研讨"),
    ("8篇", "篇", "心得体会"),
    ("200余场", "场", "集中学习"),
    ("32场", "场", "专题宣讲"),
    ("1.2万人次", "人次", "覆盖师生"),
    ("8次", "次", "党建工作专题会议"),
    ("42所", "所", "中小学党组织"),
    ("15个", "个", "特色品牌"),
    ("4次", "次", "讲党课"),
    ("35名", "名", "新党员"),
    ("4次", "次", "专题研判会"),
    ("3次", "次", "专项督查"),
    ("12个", "个", "整改问题"),
    ("8起", "起", "舆情"),
    ("2所", "所", "义务教育学校"),
    ("5所", "所", "农村学校"),
    ("3200个", "个", "公办义务教育学位"),
    ("3所", "所", "公办园"),
    ("6所", "所", "普惠性民办园"),
    ("68%", "%", "在园幼儿占比"),
    ("4个", "个", "教育集团"),
    ("12所", "所", "农村薄弱学校"),
    ("18%", "%", "合格率"),
    ("3名", "名", "省级名师"),
    ("38所", "所", "农村学校"),
    ("1.5万人次", "人次", "远程优质课程学习"),
    ("1小时", "小时", "书面作业时长"),
    ("56门", "门", "特色课程"),
    ("42名", "名", "志愿服务人员"),
    ("96%", "%", "参与率"),
    ("12场", "场", "活动"),
    ("50名", "名", "新时代好少年"),
    ("8个", "个", "劳动实践基地"),
    ("45名", "名", "心理教师"),
    ("15名", "名", "教师"),
    ("25场", "场", "活动"),
    ("3起", "起", "师德违规问题"),
    ("3名", "名", "相关人员"),
    ("120名", "名", "骨干教师"),
    ("15名", "名", "教师"),
]
HEADING = r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"


def _county_text(data: Path) -> str:
    """The PDF's hard line breaks joined (a break stays only before a heading), spaces dropped."""
    raw = (data / "corpus" / COUNTY).read_text(encoding="utf-8")
    return re.sub(r"[ \t]+", "", re.sub(rf"\n(?!{HEADING})", "", raw))


def _match(figures: list[Figure]) -> tuple[int, list[Figure]]:
    """How many hand-listed figures were found right, and the extracted rows not on the list."""
    unused = list(figures)
    found = 0
    for value, unit, keyword in COUNTY_FIGURES:
        hit = next((f for f in unused if (f.value, f.unit) == (value, unit) and keyword in f.indicator), None)
        if hit is not None:
            unused.remove(hit)
            found += 1
    listed = [(value, unit) for value, unit, _ in COUNTY_FIGURES]
    spurious = [f for f in unused if (f.value, f.unit) not in listed]
    return found, spurious


def test_county_report_figures_match_the_hand_made_list(data: Path) -> None:
    figures = extract_figures(_county_text(data))
    found, spurious = _match(figures)
    assert found / len(COUNTY_FIGURES) >= 0.95, f"recall {found}/{len(COUNTY_FIGURES)}"
    assert len(spurious) <= 0.05 * len(figures), [f.value for f in spurious]


def test_county_report_rows_carry_qualifier_period_and_span(data: Path) -> None:
    figures = extract_figures(_county_text(data))
    by_value = {f.value: f for f in figures}
    assert by_value["200余场"].qualifier == "余" and by_value["200余场"].normalized == 200
    assert by_value["1.2万人次"].normalized == 12000
    assert by_value["1小时"].qualifier == "内"
    assert "全年" in by_value["200余场"].period
    for figure in figures:
        assert figure.sentence[figure.start : figure.end] == figure.value
    assert not any(f.normalized == 2025 for f in figures)


def test_government_report_growth_targets_and_results(data: Path) -> None:
    figures = extract_figures((data / "corpus" / "2026_江苏省_政府工作报告.txt").read_text(encoding="utf-8"))
    growth = [f for f in figures if "地区生产总值" in f.indicator and f.unit == "%"]
    assert any(f.normalized == 5.3 for f in growth), growth
    target = [f for f in growth if f.normalized == 5 and "目标" in f.period]
    assert target, growth

    beijing = extract_figures((data / "corpus" / "2026_北京市_政府工作报告.txt").read_text(encoding="utf-8"))
    growth = [f for f in beijing if "地区生产总值" in f.indicator and f.unit == "%"]
    assert any(f.normalized == 5.4 for f in growth)
    assert any((f.normalized, f.upper) == (4.5, 5) for f in growth)


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("国办发〔2015〕71号\n国务院办公厅\n2015年9月15日", ["71", "2015", "9月15日"]),
        ("第十二条 学校应当在三十日内答复。", ["十二"]),
        ("联系电话：020-38623456。", ["020", "38623456"]),
        ("一、2024年工作回顾\n（一）经济运行", ["2024", "一"]),
    ],
)
def test_dates_codes_and_numbering_are_not_figures(text: str, excluded: list[str]) -> None:
    values = [f.value for f in extract_figures(text)]
    assert not any(word in value for value in values for word in excluded), values


def test_heading_year_becomes_the_period() -> None:
    figures = extract_figures("一、2023年工作回顾\n国内生产总值超过126万亿元，增长5.2%。")
    assert [(f.value, f.indicator, f.period, f.qualifier) for f in figures] == [
        ("126万亿元", "国内生产总值", "2023年", "超过"),
        ("5.2%", "国内生产总值增长", "2023年", ""),
    ]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("5.5%左右的预期增长目标与“十五五”发展目标总体衔接，与经济增长潜力基本吻合。", "预期增长目标"),
        ("7.2%的增长，高于全国平均水平。", "增长"),
        ("2000亿元的专项债券和超长期特别国债支持重大项目。", "专项债券"),
    ],
)
def test_a_figure_leading_its_clause_names_the_noun_it_modifies(sentence: str, indicator: str) -> None:
    """ "5.5%左右的预期增长目标与…": the figure is the target's, not "的预期增长目标与…" cut at 20 characters."""
    (figure, *_) = extract_figures(sentence)
    assert figure.indicator == indicator


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("遥感卫星增至60颗。", "60颗", "遥感卫星"),
        ("获得金牌12枚。", "12枚", "金牌"),
        ("新打机井30口。", "30口", "机井"),
    ],
)
def test_the_common_classifiers_count(text: str, value: str, indicator: str) -> None:
    """Not only the classifiers of education reports: a satellite or a medal is counted too."""
    figures = extract_figures(text)
    assert [f.value for f in figures] == [value] and indicator in figures[0].indicator


@pytest.mark.parametrize(
    ("sentence", "indicators"),
    [
        # the level reached measures what the level left did, not its growth
        ("城镇居民人均收入从3.1万元增长到4.2万元", ["城镇居民人均收入", "城镇居民人均收入"]),
        ("电动公交车由120辆增至860辆", ["电动公交车", "电动公交车"]),
        # a bare verb without 到/至 is the growth of the figure before it
        ("全市财政收入800亿元、增长6.1%", ["全市财政收入", "全市财政收入增长"]),
    ],
)
def test_the_level_a_move_reaches_measures_what_it_started_from(sentence: str, indicators: list[str]) -> None:
    assert [f.indicator for f in extract_figures(sentence)] == indicators
