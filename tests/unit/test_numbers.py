"""Reading numerals: equal writings compare equal, and words with numerals are not figures."""

from __future__ import annotations

import pytest

from assistant.facts.numbers import figure_in_text, find_numbers, in_asked_unit, parse_figure, same_figure


def _only(text: str):
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.2万人次", "12000人次"),
        ("68%", "68.0%"),
        ("68%", "百分之六十八"),
        ("3200个", "3,200个"),
        ("3200个", "三千二百个"),
        ("三十日", "30日"),
        ("30天", "三十日"),
        ("5.3亿元", "53000万元"),
        ("一小时", "1小时"),
        ("4.5%—5%", "4.5%-5%"),
        ("１２所", "12所"),
        ("0.4个百分点", "0.4百分点"),
    ],
)
def test_equal_writings_are_the_same_figure(a: str, b: str) -> None:
    assert same_figure(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("1.2万人次", "12000人"), ("68%", "68个"), ("4.5%—5%", "5%"), ("3200个", "320个"), ("5.3亿元", "5.3万元")],
)
def test_different_figures_differ(a: str, b: str) -> None:
    assert not same_figure(a, b)


@pytest.mark.parametrize(
    ("text", "core", "value", "unit"),
    [
        ("覆盖师生1.2万人次", "1.2万人次", 12000, "人次"),
        ("自收到申请之日起三十日内", "三十日", 30, "日"),
        ("作业时长控制在一小时内", "一小时", 1, "小时"),
        ("新建十二所学校", "十二所", 12, "所"),
        ("两千名教师", "两千名", 2000, "名"),
        ("一百二十名骨干教师", "一百二十名", 120, "名"),
        ("合格率达到百分之五十", "百分之五十", 50, "%"),
        ("总投资5.3亿元", "5.3亿元", 5.3e8, "元"),
        ("粮食产量1.39万亿斤", "1.39万亿斤", 1.39e12, "斤"),
        ("全员劳动生产率达58万元/人", "58万元/人", 580000, "元/人"),
        ("年满六周岁的儿童", "六周岁", 6, "岁"),
        ("千分之三", "千分之三", 3, "‰"),
        ("3000余万元", "3000余万元", 3e7, "元"),
        ("集装箱吞吐量首次突破百万标箱", "百万标箱", 1e6, "标准箱"),  # a magnitude alone before a unit: one of it
        ("经济总量迈上万亿元台阶", "万亿元", 1e12, "元"),
        ("接待游客百万人次", "百万人次", 1e6, "人次"),
    ],
)
def test_values_and_units(text: str, core: str, value: float, unit: str) -> None:
    mention = _only(text)
    assert (mention.core, mention.value, mention.unit) == (core, pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "upper", "unit"),
    [
        ("年均增速4.5%—5%", 4.5, 5, "%"),
        ("年均增速4.5%-5%", 4.5, 5, "%"),
        ("年均增速4.5—5%", 4.5, 5, "%"),
        ("3至5年", 3, 5, "年"),
        ("三至五年", 3, 5, "年"),
        ("20—30万元", 2e5, 3e5, "元"),
    ],
)
def test_ranges(text: str, value: float, upper: float, unit: str) -> None:
    mention = _only(text)
    assert (mention.value, mention.upper, mention.unit) == (value, upper, unit)


@pytest.mark.parametrize(
    ("text", "core", "qualifier"),
    [
        ("开展集中学习200余场", "200余场", "余"),
        ("1100多万学生", "1100多万", "多"),
        ("每班不少于2名教师", "2名", "不少于"),
        ("国内生产总值超过126万亿元", "126万亿元", "超过"),
        ("增长5%左右", "5%", "左右"),
        ("研发投入占比6%以上", "6%", "以上"),
        ("约2350亿元", "2350亿元", "约"),
        ("控制在1小时内", "1小时", "内"),
    ],
)
def test_qualifiers_are_kept_apart(text: str, core: str, qualifier: str) -> None:
    mention = _only(text)
    assert (mention.core, mention.qualifier) == (core, qualifier)
    assert mention.qualifier in mention.text


@pytest.mark.parametrize(
    "text",
    [
        "一、强化理论武装",
        "（二）扛牢主体责任",
        "(二)扛牢主体责任",
        "1. 加强党的建设",
        "(3)落实",
        "2、完善制度",
        "一是扩大公办学位供给",
        "带头落实“第一议题”制度",
        "第一责任人",
        "第十二条 国家实行",
        "推进长三角一体化",
        "建设一流大学",
        "统一大市场",
        "唯一标准",
        "一些地方",
        "一批成果",
        "进一步深化",
        "一方面",
        "“十四五”规划收官",
        "十四五时期",
        "实施三孩生育政策",
        "双一流建设",
        "二十届中央纪委四次全会",
        "做到“两个维护”",
        "增强“四个意识”",
        "《教育系统党建质量提升三年行动计划》",
        "国办发〔2015〕71号",
        "咨询电话：020-38623456",
        "打造“1+N”课后服务体系",
        "5G基站",
        "PM2.5浓度",
        "一年级新生",
        "第十四届全国人大二次会议",
        "社会消费品零售总额",
        "十二届市委五次、六次全会",
        "保持两位数增长",
        "居全球前三位",
        "10:00至17:00",
        "自贸区3.0版",
        "中央八项规定精神",
        "一次性补贴",
        "一体推进",
        "千万不要放松",
        "打造千亿级产业集群",
    ],
)
def test_words_with_numerals_are_not_figures(text: str) -> None:
    assert [m for m in find_numbers(text) if m.kind == "quantity"] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2025年1月10日", "date"),
        ("2024年", "date"),
        ("二〇二五年", "date"),
        ("6月底", "date"),
        ("2021—2025年", "date"),
        ("过去五年", "period"),
        ("五年来", "period"),
        ("3年", "quantity"),
    ],
)
def test_dates_and_periods_are_marked(text: str, kind: str) -> None:
    assert _only(text).kind == kind


def test_offsets_point_into_the_text() -> None:
    text = "新建城区义务教育学校 2 所、改扩建农村学校 5 所,新增公办义务教育学位 3,200 个"
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text
        assert text[mention.core_start : mention.core_end] == mention.core
    assert [m.value for m in find_numbers(text)] == [2, 5, 3200]


def test_bare_chinese_numeral_reads_as_figure_only_when_asked() -> None:
    assert find_numbers("三十") == []
    figure = parse_figure("三十")
    assert figure is not None and figure.value == 30 and figure.unit == ""


@pytest.mark.parametrize(
    ("figure", "passage", "found"),
    [
        ("12000人次", "组建宣讲团开展专题宣讲32场,覆盖师生1.2万人次", True),
        ("1.2万", "覆盖师生1.2万人次", True),
        ("12000", "覆盖师生1.2万人次", True),
        ("12000人", "覆盖师生1.2万人次", False),
        ("68.0%", "公办园在园幼儿占比提升至68%", True),
        ("68", "公办园在园幼儿占比提升至68%", True),
        ("3,200个", "新增公办义务教育学位3200个", True),
        ("30日", "自收到申请之日起三十日内作出决定", True),
        ("5%", "地区生产总值年均增速4.5%-5%", True),
        ("4.5%—5%", "地区生产总值年均增速4.5%-5%", True),
        ("200余所", "开展集中学习200余场", False),
        ("200余场", "开展集中学习200余场", True),
        ("5", "专题研讨15次", False),
        ("2025年1月10日", "报告人:某某 2025年1月10日", True),
        ("1", "一是扩大公办学位供给", False),
    ],
)
def test_figure_in_text(figure: str, passage: str, found: bool) -> None:
    assert figure_in_text(figure, passage) is found


@pytest.mark.parametrize(
    ("asked", "unit", "answers"),
    [
        ("元", "美元", True),  # "how much foreign investment": money in whatever currency the report states
        ("亿元", "欧元", True),
        ("元", "元", True),
        ("美元", "元", False),  # a question naming the currency is not answered in another
        ("美元", "欧元", False),
        ("元", "吨", False),
        ("万人", "名", True),
        ("公里", "平方公里", False),
    ],
)
def test_a_figure_is_in_the_unit_asked(asked: str, unit: str, answers: bool) -> None:
    assert in_asked_unit(asked, unit) is answers
