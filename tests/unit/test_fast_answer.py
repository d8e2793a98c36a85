"""Fast mode's choice of sentence and its refusals, on hand-made passages (no models needed)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.answer import fast
from assistant.answer.fast import fast_answer, of_place
from assistant.query import parse_query
from assistant.query.expect import expectation, expected_of
from assistant.types import ACTUAL, Chunk, DocMeta, Hit, Temporal


def _hit(text: str, title: str = "2026年某市政府工作报告", headings: tuple[str, ...] = (), year: int = 2026) -> Hit:
    chunk = Chunk("report.txt", 0, text, headings, 0, len(text), title=title, meta=DocMeta(year=year))
    return Hit(chunk, 1.0)


@pytest.mark.parametrize(
    ("question", "unit", "ratio", "focus"),
    [
        ("艺术类科目在中考中的分值是多少分？", "分", False, "分值"),
        ("县教育局全年共发放了多少助学金？", "", False, "助学金"),
        ("组建了几个教育集团？", "个", False, "集团"),
        ("每天在校时间最长不得超过几小时？", "小时", False, "时间"),
        ("其征收比例是多少？", "", True, "比例"),
        ("县一中引进了多少名省级名师？", "名", False, "名师"),
    ],
)
def test_what_a_numeric_question_expects(question: str, unit: str, ratio: bool, focus: str) -> None:
    expected = expectation(question)
    assert (expected.unit, expected.ratio) == (unit, ratio)
    assert focus in expected.focus


def test_list_and_open_questions_expect_nothing() -> None:
    assert expectation("义务教育教师职务分为哪几级？") == expectation("学校美育的目标是什么？")
    assert not expectation("学校美育的目标是什么？").focus


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("组建了几个教育集团？", "全县组建4个教育集团，覆盖学校23所。", True),
        ("组建了几个教育集团？", "全县教育集团化办学稳步推进。", False),  # no count
        ("艺术类科目在中考中的分值是多少分？", "探索将艺术类科目纳入中考计分科目。", False),
        ("其征收比例是多少？", "教育费附加的征收比例为3%。", True),
        ("其征收比例是多少？", "税务机关依法足额征收教育费附加。", False),
        ("全年发放了多少万元助学金？", "全年发放助学金4200万元。", True),  # 万元 folds into 元
        ("审批时限是多少天？", "审批时限为三十日。", True),  # 天 and 日 are one unit
        ("全年接待入境游客多少人次？", "其中入境游客111万、增长115.6%。", True),  # 111万 counts 人次 unsaid
        ("全年入境旅游收入是多少？", "其中入境游客111万、增长115.6%。", False),  # the head 收入 is not named
        ("全年入境旅游收入是多少？", "入境旅游人次增长40.5%。", False),  # 收入 ends the subject though jieba tags it v
        ("全年入境旅游收入是多少？", "入境旅游收入达到12亿美元。", True),
        ("全年入境旅游收入是多少？", "全年税收收入完成120亿元。", False),  # another noun narrows 收入
        ("全年旅游收入是多少？", "实现旅游总收入50亿元。", True),  # the question's 旅游 narrows it still
        ("全年旅游收入是多少？", "全年实现收入50亿元。", False),  # 收入 on its own: of what? (a heading may say)
        ("全年接待入境游客多少人次？", "全年接待游客9亿人次。", False),  # all visitors, not those from abroad
        ("12345热线号码是多少？", "畅通12345热线，办结率98%。", True),  # 号码 names the form, 热线 the thing
        ("全年发放了多少万元助学金？", "全年发放助学金4200。", False),  # a bare figure is no sum of money
        ("新增了多少个公办幼儿园学位？", "新增公办中小学、幼儿园学位2.6万个。", False),  # the list's total
        ("新增了多少个公办幼儿园学位？", "新增公办幼儿园学位1.2万个、中小学学位3万个。", True),
        ("全市有多少家省级博物馆？", "省级图书馆、博物馆、美术馆达到86家。", False),  # the head listed: their total
        ("全市有多少家博物馆？", "图书馆、博物馆、美术馆达到86家，其中博物馆31家。", True),  # its own figure too
        ("全市有多少家博物馆？", "新建图书馆、博物馆、美术馆各2家。", True),  # each its own
        ("全年旅游收入增长多少？", "接待游客增长9.1%、旅游收入增长11.4%。", True),  # 、 between clauses, not a list
        (
            "全年税收收入总额是多少亿元？",
            "一般公共预算收入达到86亿元，其中税收收入增长4%。",
            False,
        ),  # 86亿元 is not its
        ("全年税收收入总额是多少亿元？", "税收收入增长4%，达到62亿元。", True),
        ("全年高端装备产值是多少亿元？", "高端装备产值增长12%，数字产业产值超过900亿元。", False),  # another 产值's
        ("全年高端装备产值是多少亿元？", "高端装备产值增长12%，达到900亿元。", True),
        ("全年旅游收入是多少亿元？", "旅游总收入增长10%，实现收入500亿元。", True),  # no other noun narrows it
        ("全市GDP总量是多少亿元？", "全市地区生产总值达到860亿元。", True),  # a short form and its full name
        ("全市高企数量达到多少家？", "高新技术企业增至120家。", True),
        ("全市地区生产总值是多少亿元？", "全市GDP达到860亿元。", True),
        ("全区农牧民人均可支配收入是多少元？", "城乡居民人均可支配收入分别达到4.1万元、1.9万元。", True),
    ],
)
def test_a_sentence_meets_the_expectation_only_with_unit_and_subject(question: str, sentence: str, met: bool) -> None:
    assert expectation(question).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("2025年全省农村居民人均可支配收入是多少？", "城镇居民人均可支配收入52180元，增长4.5%。", False),
        ("2025年全省农村居民人均可支配收入是多少？", "农村居民人均可支配收入21360元，增长6.2%。", True),
        ("全省高技术制造业增加值增长了多少？", "装备制造业增加值增长9.1%。", False),
        ("全省高技术制造业增加值增长了多少？", "高技术制造业增加值增长12.3%。", True),
        ("全市普惠性幼儿园覆盖率是多少？", "全市普惠性幼儿园覆盖率达到92%。", True),  # 全市 is a place
        ("2025年全省农村居民人均可支配收入是多少？", "城乡居民人均可支配收入分别达到4.1万元、1.9万元。", True),
        ("《教师法》规定教师每几年应当参加一次培训？", "教师每五年应当参加一次培训。", True),  # a clause, no compound
        ("全年货物进口总值增长了多少？", "货物进出口总值增长5.5%。", False),  # the joint figure, not 进口's
        ("全年货物进口总值增长了多少？", "货物进口、出口总值分别增长3.1%和6.2%。", True),
    ],
)
def test_every_word_narrowing_the_compound_asked_is_named(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全市新增了多少辆新能源公交车？", "新增新能源公交车和出租车1200辆。", False),  # 和 joins a list too
        ("全市新增了多少辆新能源公交车？", "新增新能源公交车1200辆和出租车300辆。", True),
        ("全市新增了多少辆新能源公交车（不含出租车）？", "新增新能源公交车和出租车1200辆。", False),  # left out
        ("全市新增了多少辆新能源公交车和出租车？", "新增新能源公交车和出租车1200辆。", True),
        ("共排查了多少所学校？", "排查涉及学校36所。", True),  # the 及 of 涉及 joins nothing
        ("全年修缮和新建了多少所校舍？", "修缮和新建校舍36所。", True),  # two acts the question names, one thing
    ],
)
def test_a_figure_shared_by_things_joined_counts_none_of_them(question: str, sentence: str, met: bool) -> None:
    """ "公交车和出租车1200辆" is their sum: 和, 及 and 与 join a list as 、 does, unless the question counts the
    other things too; a 及 inside a word (涉及) or acts the question names (修缮和新建) join nothing counted."""
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全年一般公共预算收入是多少亿元？", "一般公共预算支出86亿元，增长3%。", False),
        ("全年一般公共预算收入是多少亿元？", "一般公共预算收入62亿元，增长5%。", True),
        ("全县民办幼儿园有多少所？", "全县公办幼儿园增加到120所。", False),
    ],
)
def test_a_sibling_does_not_pass_for_the_thing_asked_even_by_meaning(question: str, sentence: str, met: bool) -> None:
    """The embedder reads 收入 and 支出 as near synonyms: a reader that takes every noun for a paraphrase
    (``names`` always true) still does not take the sibling's figure for the one asked."""
    assert expected_of(parse_query(question)).met_by(sentence, "", lambda word, text: True) is met


def test_a_head_on_its_own_answers_under_a_heading_that_names_its_modifier() -> None:
    assert expectation("全年旅游收入是多少？").met_by("全年实现收入50亿元。", "县文旅局工作总结 · 一、旅游经济")


def test_near_miss_is_refused_with_the_closest_passage() -> None:
    hits = [_hit("探索将艺术类科目纳入中考改革试点，纳入高中阶段学校考试招生录取计分科目。")]
    answer = fast_answer("艺术类科目在中考中的分值是多少分？", hits)
    assert answer.refused and "未找到" in answer.text
    assert answer.citations[0].chunk.text == hits[0].chunk.text


def test_a_title_line_is_never_the_answer() -> None:
    title = "国务院办公厅关于全面加强和改进学校美育工作的意见"
    hits = [_hit(f"{title}\n国办发〔2015〕71号\n各省、自治区、直辖市人民政府：", title=title)]
    answer = fast_answer("国务院办公厅关于全面加强和改进学校美育工作的意见的发文字号是什么？", hits)
    assert "71号" in answer.text


def test_terms_of_the_title_do_not_pick_the_sentence() -> None:
    """义务教育 names the law; the sentence that answers is the one about 职务 分为."""
    text = "国家建立统一的义务教育教师职务制度。教师职务分为初级职务、中级职务和高级职务。"
    hits = [_hit(text, title="中华人民共和国义务教育法", headings=("第四章教师", "第三十条"), year=2018)]
    answer = fast_answer("《义务教育法》规定义务教育教师职务分为哪几级？", hits)
    assert "初级职务" in answer.text


def test_a_sentence_about_another_year_loses_to_the_year_asked() -> None:
    target = "今年主要预期目标是：细颗粒物年均浓度控制在29微克/立方米左右。"
    review = "过去一年，细颗粒物年均浓度27微克/立方米，空气质量持续改善。"
    hits = [_hit(target), _hit(review)]
    answer = fast_answer("据2026年某市政府工作报告，2025年细颗粒物年均浓度是多少？", hits)
    assert "27微克" in answer.text and "29微克" not in answer.text


def test_a_sentence_that_announces_a_list_brings_the_list() -> None:
    text = (
        "双胞胎参加电脑派位可在以下两种方式中任选其一，一经选定不得更改。1.一号派位，同园录取。2.多号派位，按实录取。"
    )
    answer = fast_answer("双胞胎可以在哪两种派位方式中任选其一？", [_hit(text)])
    assert "一号派位" in answer.text and "多号派位" in answer.text


def test_an_english_how_many_question_is_answered_by_a_sentence_that_states_a_quantity() -> None:
    hits = [_hit("过去一年，是全县教育改革纵深推进的关键之年。"), _hit("全年新建乡镇寄宿制学校7所，新增学位2100个。")]
    answer = fast_answer("How many boarding schools were built last year?", hits)
    assert not answer.refused and "7所" in answer.text
    assert fast_answer("How many boarding schools were built last year?", hits[:1]).refused


def test_a_table_row_is_quoted_by_the_cells_the_question_names() -> None:
    """A statistics sheet's row holds every year and column; the answer shows the one asked for."""
    row = "【2031年全县学校基本情况】初中 | 2031年在校生：6789人 | 2031年专任教师：520人 | 2030年在校生：6500人 | 2030年专任教师：510人"
    hit = _hit(row, title="2031年全县学校基本情况", year=2031)
    answer = fast_answer("2030年初中专任教师多少人？", [hit])
    assert "510人" in answer.text and "520人" not in answer.text and "6500人" not in answer.text
    assert answer.text.startswith("【2031年全县学校基本情况】初中")
    assert any(f.text == "510人" and f.verified for f in answer.figures)
    whole = fast_answer("初中的情况如何？", [hit])  # no cell named: the row stays whole
    assert "6789人" in whole.text and "510人" in whole.text


def _report_of(region: str, text: str) -> Hit:
    meta = DocMeta(year=2026, region=region, doc_type="政府工作报告")
    chunk = Chunk(f"2026_{region}_政府工作报告.txt", 0, text, ("一、2025年工作回顾",), 0, len(text), meta=meta)
    return Hit(chunk, 1.0)


def test_a_figure_of_another_places_report_does_not_answer() -> None:
    """Provinces report the same indicators: 青川省's 新增城镇就业 is no answer to 白山省's."""
    from assistant.query import parse_query
    from assistant.query.constraints import DocumentNames

    names = DocumentNames(("青川省", "白山省", "白山省平原市"))
    question = "2025年白山省城镇新增就业实际完成多少万人？"
    query = parse_query(question, names=names)
    other = _report_of("青川省", "全年城镇新增就业31.2万人。")
    assert fast_answer(question, [other], query=query).refused
    # its own report answers, and so does a city's report of the province; another report naming it too
    for hit in (
        _report_of("白山省", "全年城镇新增就业31.2万人。"),
        _report_of("白山省平原市", "全年城镇新增就业31.2万人。"),
        _report_of("青川省", "白山省全年城镇新增就业31.2万人。"),
    ):
        assert not fast_answer(question, [hit], query=query).refused
    # a question naming no place reads every report
    assert not fast_answer("2025年城镇新增就业实际完成多少万人？", [other]).refused


def test_a_question_of_how_much_something_moved_is_not_answered_by_its_level() -> None:
    """ "增长多少" asks for the change: "总额超过2.1万亿元" states the level, "增长4.2%" the change."""
    question = "2030年青川省社会消费品零售总额实际增长多少？"
    level = _hit("2030年，全省社会消费品零售总额超过2.1万亿元。", year=2031)
    assert fast_answer(question, [level]).refused
    moved = _hit("2030年，全省社会消费品零售总额2.1万亿元、比上年增长4.2%。", year=2031)
    answer = fast_answer(question, [level, moved])
    assert not answer.refused and "4.2%" in answer.text
    # 增加值 is value added, a level too
    assert fast_answer(question, [_hit("全省服务业增加值达到1.1万亿元，社会消费品零售总额超过2.1万亿元。")]).refused


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        (
            "全年接待入境游客多少人次？",
            "全年接待游客5亿人次，入境旅游人次增长68.2%。",
            False,
        ),  # 入境: the later figure's
        ("全年接待入境游客多少人次？", "入境旅游持续升温，全年接待游客111万人次。", True),  # named before it
        ("全年开展了几次专题研讨？", "集中学习15次，专题研讨6次，带动各级党组织开展集中学习200余场。", True),  # a verb
        ("农村义务教育学校新建了多少所？", "全年新建农村义务教育学校12所。", True),  # 学校 is counted, not 新建
    ],
)
def test_the_noun_narrowing_what_is_counted_is_named_before_it(question: str, sentence: str, met: bool) -> None:
    from assistant.query import parse_query
    from assistant.query.expect import expected_of

    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("截至2030年底全县农民专业合作社总数达到多少家？", "新登记农民专业合作社120家、家庭农场85家。", False),  # added
        ("截至2030年底全县农民专业合作社总数达到多少家？", "农民专业合作社新增120家、总数达到860家。", True),
        ("截至2030年底全县有多少家农民专业合作社？", "全县农民专业合作社达到860家。", True),
        ("2030年全县新增农民专业合作社多少家？", "新登记农民专业合作社120家。", True),  # a flow asked
        ("全县一共有多少辆公交车？", "新增公交车40辆。", False),
    ],
)
def test_a_total_at_a_point_in_time_is_not_answered_by_what_was_added(question: str, sentence: str, met: bool) -> None:
    from assistant.query import parse_query
    from assistant.query.expect import expected_of

    assert expected_of(parse_query(question)).met_by(sentence) is met


def test_a_province_no_document_is_of_is_still_the_place_asked_about() -> None:
    """Asked about 甘肃 with only another province's reports indexed: their figures are no answer."""
    from assistant.query import parse_query
    from assistant.query.constraints import DocumentNames

    question = "2025年甘肃省城镇新增就业多少万人？"
    query = parse_query(question, names=DocumentNames(("青川省",)))
    assert query.constraints.places == ("甘肃",)
    assert fast_answer(question, [_report_of("青川省", "全年城镇新增就业31.2万人。")], query=query).refused


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("去年成功获得了哪项全国性体育赛事的举办权？", {"哪项", "全国性", "体育赛事"}),
        ("哪家企业入选了世界500强？", {"哪家", "企业"}),
        ("全县有哪几所学校入选省级示范校？", {"几所", "学校"}),  # 哪几所: the kind after 几 and its measure word
        ("报告提出了哪些稳就业的举措？", set()),  # no noun after 哪些: nothing to leave out
        ("全省新建了多少所学校？", set()),
    ],
)
def test_a_which_question_reads_the_kind_it_asks_for(question: str, kind: set[str]) -> None:
    from assistant.query import parse_query

    assert kind <= parse_query(question).kind and (kind or not parse_query(question).kind)


def test_a_which_question_is_answered_by_a_sentence_naming_one_of_the_kind() -> None:
    """中国学生运动会 is the 全国性体育赛事 asked about: the sentence need not name the kind."""
    hits = [_hit("全年新增就业3.2万人。本市成功获得第十五届中国学生运动会举办权。")]
    answer = fast_answer("本市成功获得了哪项全国性体育赛事的举办权？", hits)
    assert not answer.refused and "中国学生运动会" in answer.text


def test_a_city_inside_the_province_is_answered_only_where_it_is_named() -> None:
    """ "平原市" of 白山省: the province's figure (地区生产总值增长5.1%) is not the city's."""
    from assistant.query import parse_query
    from assistant.query.constraints import DocumentNames

    names = DocumentNames(("青川省", "白山省"))
    question = "据2026年白山省政府工作报告，2025年平原市地区生产总值是多少亿元？"
    query = parse_query(question, names=names)
    assert query.constraints.localities == ("平原市",)
    province = _report_of("白山省", "全省地区生产总值3.2万亿元，增长5.1%。")
    assert fast_answer(question, [province], query=query).refused
    city = _report_of("白山省", "平原市地区生产总值突破4000亿元。")
    assert not fast_answer(question, [city], query=query).refused
    # the province written before the city, as people write an address
    assert parse_query("2025年湖南长沙市地区生产总值是多少亿元？").constraints.localities == ("长沙市",)
    # the province itself, written in full or as "白山地区", is no place below it
    assert parse_query("2025年白山地区生产总值增长多少？", names=names).constraints.localities == ()
    assert parse_query("2025年白山省新增就业多少万人？", names=names).constraints.localities == ()


def test_a_year_in_chinese_numerals_is_the_year_in_digits() -> None:
    """公文 write dates as "二〇二五年"; a question asking so means 2025 as "2025年" does."""
    from assistant.query import parse_query

    query = parse_query("二〇二五年全省新建了多少所学校？")
    assert query.years == parse_query("2025年全省新建了多少所学校？").years == (2025,)
    assert query.text == "二〇二五年全省新建了多少所学校？"  # the question is kept as asked
    assert not any("〇" in term or term == "五年" for term in query.terms)


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全县配备了多少名社区工作者？", "每万城镇常住人口拥有社区工作者达到19.2人。", True),  # 名 and 人 count people
        ("全县有多少位老人享受补贴？", "为1.2万名老年人发放补贴。", False),  # people, but 老人 unnamed
        ("全县学生午餐覆盖率是多少？", "全县学生午餐覆盖3.2万人。", False),  # a rate, not a count
        ("全县学生午餐覆盖率是多少？", "全县学生午餐覆盖率达到96%。", True),
    ],
)
def test_a_unit_of_the_same_class_and_a_rate_by_its_name(question: str, sentence: str, met: bool) -> None:
    from assistant.query import parse_query
    from assistant.query.expect import expected_of

    assert expected_of(parse_query(question)).met_by(sentence) is met


def test_a_sentence_naming_the_indicator_in_short_is_quoted() -> None:
    """ "粮食总产" is how reports write 粮食总产量: a paraphrase that covers under half the question's terms."""
    answer = fast_answer(
        "据2031年白山省政府工作报告，2030年全省粮食总产量是多少？",
        [_hit("粮食总产1142亿斤，再创历史新高。", year=2031)],
    )
    assert not answer.refused and "1142亿斤" in answer.text


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("全年为多少位行动不便的老人做了体检？", ("老人",)),  # not 行动 不便: 的 closes what describes them
        ("全年为多少名家庭困难的学生发放了助学金？", ("学生",)),
        ("为多少户低保家庭发放了临时救助？", ("低保", "家庭")),  # no 的: the words after the ask word
        # a long description opening with a preposition, a list inside it: the 的 that closes it is far
        ("全市为多少位由社区推荐、长期独居的老人做了体检？", ("老人",)),
    ],
)
def test_the_thing_counted_follows_the_de_that_describes_it(question: str, counted: tuple[str, ...]) -> None:
    from assistant.query import subject_words

    assert subject_words(question) == counted


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("全县一共有多少所幼儿园？", ("幼儿园",)),
        ("2031年全市旅游业一共收入多少亿元？", ("旅游业", "收入")),  # jieba reads 一共 as a noun
        ("全区合计有多少个公园？", ("公园",)),
    ],
)
def test_words_saying_a_figure_is_a_total_are_not_what_it_counts(question: str, subject: tuple[str, ...]) -> None:
    from assistant.query import subject_words

    assert subject_words(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("全市的省级美术馆单独算有多少家？", ("省级", "美术馆")),  # 单独 算有: the predicate, not the subject
        ("2031年全省城镇新增就业实际达到多少人？", ("新增", "就业")),  # a verb before the nouns stays
        ("全县学生平均书面作业时长控制在多少小时？", ("学生", "平均", "书面", "作业", "时长", "控制")),
    ],
)
def test_an_adverb_and_verbs_after_the_subject_are_not_what_it_counts(question: str, subject: tuple[str, ...]) -> None:
    from assistant.query import subject_words

    assert subject_words(question) == subject


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全市的省级美术馆单独算有多少家？", "省级图书馆、博物馆、美术馆达到86家。", False),  # the list's total
        ("全市省级图书馆、博物馆、美术馆一共有多少家？", "省级图书馆、博物馆、美术馆达到86家。", True),  # all asked
        ("全市新增了多少张康复床位？", "新增托位1.2万个、康复床位800张。", True),  # 、 between figures
    ],
)
def test_a_figure_shared_by_a_list_answers_only_for_the_whole_list(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("2031年全市GDP实际增速是多少？", "全市地区生产总值增长5.2%，一般公共预算收入增长3.1%。", True),
        ("2031年全市GDP实际增速是多少？", "一般公共预算收入增长3.1%。", False),  # another indicator's move
        ("全市规上工业增加值增幅是多少？", "规上工业增加值增长7.5%。", True),
        ("全县居民消费价格涨幅是多少？", "居民消费价格上涨0.4%。", True),
        ("全县居民消费价格涨幅是多少？", "居民消费价格指数为100.4。", False),  # a level, no move
    ],
)
def test_a_noun_naming_a_move_is_answered_by_the_verb_stating_it(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


def test_a_term_named_by_its_full_name_or_its_verb_counts_as_covered() -> None:
    """GDP written 地区生产总值 and 增速 written 增长: the sentence covers the question, though not in its words."""
    answer = fast_answer(
        "据2032年白山省政府工作报告，2031年全省GDP实际增速是多少？",
        [_hit("全省地区生产总值增长5.3%，一般公共预算收入增长4.1%。", year=2032)],
    )
    assert not answer.refused and "5.3%" in answer.text


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        # the head shortened (零售 of 零售额) is read with the words before it: another 零售 is another quantity
        ("全市农村网络零售额是多少亿元？", "全市社会消费品零售总额达到1200亿元。", False),
        ("全市农村网络零售额是多少亿元？", "全市农村网络零售总额达到86亿元。", True),
        (
            "全县发下去的富硒茶有多少吨？",
            "发放富硒健康茶420吨。",
            True,
        ),  # a verb before the head is said in other words
    ],
)
def test_a_head_written_shortened_is_read_as_the_same_compound_or_not(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全县能提供多少个午托名额（学生午休床位）？", "新增学生午休床位3200个，午托服务覆盖全部小学。", True),
        ("全县能提供多少个午托名额（学生午休床位）？", "新增图书馆座位3200个。", False),  # neither name
        ("全县能提供多少个午托名额？", "新增学生午休床位3200个，午托服务覆盖全部小学。", False),  # no other name given
        ("全县职工（含技工学校）有多少人？", "全县技工学校招生3200人。", False),  # 含…: a qualifier, no name
    ],
)
def test_a_name_the_question_gives_in_brackets_is_the_thing_asked_too(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全县共有多少个公交车站？", "全县新建公交站120个，共有公交站1800个。", True),  # written 公交站
        ("全县共有多少个巴士车站？", "全县新建公交站120个，共有公交站1800个。", False),  # its first character kept
        ("全县有多少辆校车？", "全县新购置公交车40辆。", False),  # a two-character word is never shortened
    ],
)
def test_a_word_written_a_character_shorter_is_named(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全县登记在册的志愿者有多少人？", "全县志愿者人数达到3.5万人。", True),  # a description through 的
        ("全县社区志愿者有多少人？", "全县志愿者人数达到3.5万人。", False),  # a compound: another kind
        ("全年新添了多少片打球的场地？", "全年新增球场场地405片。", False),  # another noun (球场) narrows it
        ("全年新添了多少个停车的泊位？", "全年新增泊位4050个。", True),  # a verb before the head: said as 新增
        ("全县登记在册的志愿者有多少人？", "全县文明志愿者服务3.5万人次。", False),  # another noun narrows it
    ],
)
def test_a_head_described_through_de_is_answered_without_the_description(
    question: str, sentence: str, met: bool
) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("全县发放的低氟茶有多少吨？", ("发放", "低氟茶")),  # jieba: 低 / 氟 / 茶
        ("全县高企数量增加到了多少家？", ("高企", "数量")),  # 高 / 企; 增加到 asks, it is no subject
        ("全县新筹集的保租房有多少套？", ("筹集", "保租房")),  # 保 / 租房
    ],
)
def test_a_word_the_segmenter_does_not_know_is_put_back_together(question: str, subject: tuple[str, ...]) -> None:
    assert parse_query(question).subject == subject


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全年入境旅游收入是多少？", "全年接待入境游客111万人次。", False),  # a count, not an amount of money
        ("全年入境旅游收入是多少？", "入境旅游创汇12亿美元。", True),
        ("全年入境旅游收入增长了多少？", "入境旅游创汇增长15%。", True),  # a change asked: answered in %
        ("全县农业总产值是多少？", "全县农业产出增长较快，农产品加工企业达到120家。", False),
    ],
)
def test_a_head_naming_an_amount_of_money_asks_for_one(question: str, sentence: str, met: bool) -> None:
    """Read as if the sentence named the thing asked in other words (the embedder's call), the unit decides."""
    assert expected_of(parse_query(question)).met_by(sentence, names=lambda word, text: True) is met


def test_the_sentence_is_read_with_the_words_put_back_together_as_the_question_was() -> None:
    """总 / 里程 glued into the question's 总里程 must be read the same way in the sentence."""
    expected = expected_of(parse_query("截至2030年全市地铁运营总里程达到多少公里？"))
    assert expected.met_by("开通2条地铁新线、新增运营里程30公里，总里程达609公里。")


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        (
            "2030年全县新增了多少个停车泊位？",
            "全县停车泊位增至1.2万个，智慧停车平台上线运行。",
            False,
        ),  # a level reached
        ("2030年全县新增了多少个停车泊位？", "新增停车泊位3000个，总数增至1.2万个。", True),  # the flow stated too
        ("2030年全县有多少个停车泊位？", "全县停车泊位增至1.2万个。", True),  # a level asked
        ("2030年全县新建了多少个停车场？", "新建停车场40个，泊位利用率提高到85%。", True),  # the level is another's
        ("2030年全县新建成多少公里绿道？", "全县绿道总长度达到320公里。", False),  # the length reached
        ("2030年全县新建成多少公里绿道？", "全县绿道总数突破120条，总长320公里。", False),  # a stock and a level
        ("2030年全县新建成多少公里绿道？", "新建成绿道45公里，总长度达到320公里。", True),
    ],
)
def test_what_was_added_is_not_answered_by_a_level_reached(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


class _KeywordEmbedder:
    """Vectors by one keyword: phrases naming 税收 point one way, all others the other (a stand-in for the
    embedder, whose cosines the binder compares)."""

    name = "keyword"

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] if "税收" in text else [0.0, 1.0] for text in texts]


def test_a_paraphrase_is_read_only_in_a_figure_of_the_unit_asked() -> None:
    """ "税收收入总额是多少亿元": the 亿元 figure measures 地方一般公共预算收入; the 税收收入 beside it is a growth
    rate. Meaning may stand in for words only through a figure in the unit asked."""
    from assistant.answer.bind import Binder

    binder = Binder(_KeywordEmbedder())  # type: ignore[arg-type]
    sentence = "地方一般公共预算收入达到86亿元，其中税收收入增长4%。"
    assert binder.meaning_fit("税收收入总额", sentence) == pytest.approx(1.0)
    assert binder.meaning_fit("税收收入总额", sentence, "亿元") == pytest.approx(0.0)
    assert binder.meaning_fit("税收收入总额", "全年税收收入62亿元。", "亿元") == pytest.approx(1.0)


class _PensionEmbedder:
    """A stand-in whose vectors point one way for phrases naming the pension scheme ("pension", 养老保险), all
    others the other."""

    name = "pension"

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] if "pension" in text or "养老保险" in text else [0.0, 1.0] for text in texts]


def test_what_a_figure_measures_is_read_with_its_clause() -> None:
    """ "参加城乡居民养老保险86万人": the reader takes 人 for all the figure measures when the thing counted
    comes after it ("惠及86万人"); its clause says what the people counted did."""
    from assistant.answer.bind import Binder

    binder = Binder(_PensionEmbedder())  # type: ignore[arg-type]
    subject = "people enrolled in the rural pension scheme"
    assert binder.meaning_fit(subject, "全县城乡居民养老保险扩面，惠及86万名群众。") == pytest.approx(0.0)
    assert binder.meaning_fit(subject, "城乡居民养老保险惠及86万名群众。") == pytest.approx(1.0)


class _GrainEmbedder:
    """A stand-in whose cosines put "grain output" nearest to 粮食 (0.8) and near enough to 生产总值 (0.6) to pass
    the English floor on its own."""

    name = "grain"

    @staticmethod
    def _vector(text: str) -> list[float]:
        if "grain" in text:
            return [0.8, 0.6]
        return [1.0, 0.0] if "粮食" in text else [0.0, 1.0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.array([self._vector(t) for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.embed_queries(texts)


def test_an_english_question_whose_thing_is_stated_for_another_period_only_is_refused() -> None:
    """Grain output is stated for the five-year plan only: the year's GDP, the best figure left, is no answer."""
    five_years = Temporal(2026, 2030, ACTUAL)
    year = Temporal(2030, 2030, ACTUAL)
    meta = DocMeta(2031, None, None, "政府工作报告")
    hits = [
        Hit(
            Chunk("r.txt", 0, "五年来，粮食总产量年均稳定在90万吨以上。", (), 0, 20, meta=meta, temporal=five_years),
            1.0,
        ),
        Hit(Chunk("r.txt", 1, "2030年，地区生产总值增长5.5%。", (), 20, 40, meta=meta, temporal=year), 1.0),
    ]
    question = "What was the total grain output in 2030?"
    assert fast_answer(question, hits, embedder=_GrainEmbedder()).refused  # type: ignore[arg-type]
    stated = [hits[1], Hit(Chunk("r.txt", 2, "2030年，粮食总产量92万吨。", (), 40, 60, meta=meta, temporal=year), 1.0)]
    answer = fast_answer(question, stated, embedder=_GrainEmbedder())  # type: ignore[arg-type]
    assert not answer.refused and "92万吨" in answer.text


@pytest.mark.parametrize(
    ("question", "facilities"),
    [
        ("白山省黑石港2030年货物吞吐量是多少亿吨？", ("黑石港",)),  # the province before it is no part of it
        ("2030年黑石国际机场的旅客吞吐量是多少？", ("黑石国际机场",)),
        ("白山港2030年货物吞吐量是多少？", ()),  # the province's own port: its report speaks for it
        ("2030年沿海港口货物吞吐量是多少亿吨？", ()),  # no one port
        ("2030年新建机场几个？", ()),  # a verb the tagger reads as a place
        ("How much cargo did Heishi Port handle in 2030?", ("heishi",)),
        ("How many passengers did Baishan Heishi International Airport carry in 2030?", ("heishi",)),
    ],
)
def test_the_ports_airports_and_zones_a_question_names(question: str, facilities: tuple[str, ...]) -> None:
    from assistant.query.constraints import DocumentNames, read_constraints

    assert read_constraints(question, DocumentNames(("白山省",))).facilities == facilities


def test_a_port_inside_the_province_is_not_answered_by_the_provinces_total() -> None:
    from assistant.query.constraints import DocumentNames

    names = DocumentNames(("白山省",))
    for question in ("2030年白山省黑石港货物吞吐量是多少亿吨？", "How many tonnes of cargo did Heishi Port handle?"):
        query = parse_query(question, names=names)
        total = _report_of("白山省", "全省港口货物吞吐量达到3.2亿吨。")
        assert not of_place(query, total.chunk, total.chunk.text), question
        for named in ("黑石港货物吞吐量达到1.1亿吨。", "黑石新港货物吞吐量达到1.1亿吨。"):  # written longer too
            assert of_place(query, total.chunk, named), (question, named)


def test_a_place_inside_the_province_must_be_named_where_the_figure_is_stated() -> None:
    """Named after the figure, a port narrows another statement; named before a figure of the whole (全省…),
    it is not that figure's place. A border crossing (口岸) is such a place too."""
    from assistant.query.constraints import DocumentNames

    names = DocumentNames(("白山省",))
    port = parse_query("2030年白山省黑石港货物吞吐量是多少亿吨？", names=names)
    crossing = parse_query("白山省黑石口岸2030年货运量是多少万吨？", names=names)
    assert crossing.constraints.facilities == ("黑石口岸",)
    chunk = _report_of("白山省", "x").chunk
    assert not of_place(port, chunk, "港口货物吞吐量突破3亿吨，新开航线2条，黑石港集装箱吞吐量居全国第5位。")
    assert not of_place(crossing, chunk, "黑石口岸扩能改造完成，全省口岸货运量超1.2亿吨，进出口总额增长8%。")
    assert of_place(crossing, chunk, "全省口岸货运量超1.2亿吨，其中黑石口岸完成3000万吨。")
    assert of_place(port, chunk, "推进黑石港扩能改造，货物吞吐量突破1.1亿吨。"), "named before its figure"


def test_a_compound_head_the_sentence_writes_only_after_another_noun_is_another_quantity() -> None:
    """工业产值 (one word to the segmenter) asked: "工业转型加快，农业产值突破百亿元" states 农业's 产值 (a paraphrase
    reader would take it); the second word after a word that is no noun, or shortly after the first, still may."""
    expected = expected_of(parse_query("2030年全县工业产值是多少亿元？"))
    assert expected._head_of_another("工业转型加快，农业产值突破百亿元。")
    assert not expected._head_of_another("工业总产值达到120亿元。")
    assert not expected._head_of_another("工业企业提质，产值达到120亿元。")
    assert not expected.met_by("工业转型加快，农业产值突破百亿元。", names=lambda word, text: True)


def test_a_unit_of_the_same_quantity_in_another_size_answers() -> None:
    """Asked in 吨, a report's 亿斤 of grain is its answer (the document's own figure, never converted); 多少TEU
    reads the statistical bulletins' 标准箱; a length does not answer a question asking a weight."""
    from assistant.facts.numbers import in_asked_unit

    assert in_asked_unit("吨", "亿斤") and in_asked_unit("米", "公里") and in_asked_unit("TEU", "万标准箱")
    assert not in_asked_unit("吨", "公里") and not in_asked_unit("人", "人次")
    assert expected_of(parse_query("2030年全县油菜籽产量是多少吨？")).met_by("全县油菜籽产量达到12.5亿斤。")
    assert expected_of(parse_query("2030年黑石港集装箱吞吐量是多少TEU？")).met_by("黑石港集装箱吞吐量120万标准箱。")
    assert not expected_of(parse_query("2030年全县油菜籽产量是多少吨？")).met_by("油菜籽种植面积达到12.5万公顷。")


def test_an_english_how_many_is_not_answered_by_a_rate() -> None:
    hits = [_hit("2030年，入境旅游人次增长40.5%。")]
    question = "How many inbound tourist visits did the county receive in 2030?"
    assert fast_answer(question, hits).refused
    answered = fast_answer(question, [_hit("2030年，接待入境游客120万人次，增长40.5%。")])
    assert not answered.refused and "120万人次" in answered.text
    # a rate asked is answered by one
    assert not fast_answer("How many percentage points did the rate of visits rise in 2030?", hits).refused


def test_an_ask_clause_that_names_no_thing_reads_the_clause_before_it() -> None:
    query = parse_query("2030年全县给老人做免费白内障筛查，总共查了多少人次？")
    assert "筛查" in query.subject and expected_of(query).head == "筛查"
    assert expected_of(query).met_by("全县免费开展老人白内障筛查3.2万人次。")


def test_a_count_in_the_measure_word_of_anything_answers_one_asked_in_its_own() -> None:
    """ "多少家": "建成社区食堂41个" counts 食堂 in 个; "组建4个教育集团" counts no 学校."""
    expected = expected_of(parse_query("2030年全县建成了多少家社区食堂？"))
    assert expected.met_by("建成社区食堂41个。")
    schools = expected_of(parse_query("2030年全县有多少所学校加入了教育集团？"))
    assert not schools.met_by("组建4个教育集团，实现城乡结对帮扶。")


def test_figures_in_the_unit_asked_measuring_other_things_do_not_answer() -> None:
    """新增就业 is named beside a bare figure; the 人 figures are 参保人数's and 参保人员's."""
    expected = expected_of(parse_query("2030年全县城镇新增就业实际完成了多少人？"))
    sentence = "养老保险参保人数达到52万人，护理险参保人员超过8万人，1万新就业群体纳入职业伤害保障。"
    assert not expected.met_by(sentence)
    assert expected.met_by("城镇新增就业增长5%，达到1.2万人。")  # the level's clause goes on with the head's


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全县乡村教师生活补助标准是每人每月多少元？", "乡村教师生活补助标准再提高200元。", False),  # a move only
        ("全县乡村教师生活补助标准是每人每月多少元？", "乡村教师生活补助标准提高到每人每月800元。", True),
        ("全县乡村教师生活补助标准是每人每月多少元？", "乡村教师生活补助标准每人每月800元，比上年增加200元。", True),
        ("全县乡村教师生活补助标准提高了多少元？", "乡村教师生活补助标准再提高200元。", True),  # the move asked
    ],
)
def test_a_level_asked_is_not_answered_by_a_move_alone(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


@pytest.mark.parametrize(
    ("question", "sentence", "met"),
    [
        ("全年货物进出口总额增长了多少？", "出口增长8.2%，跨境电商交易额增长20%。", False),  # a part of the joint
        ("全年货物进出口总额增长了多少？", "货物进出口总额增长5.1%，其中出口增长8.2%。", True),
        ("全县中小学有多少所？", "全县小学达到45所。", False),
        ("2030年全省新能源汽车销量是多少万辆？", "新能源汽车产量突破80万辆。", False),  # a sibling (产量/销量)
        ("截至2030年，全市的省级名师（不含市级名师）有多少人？", "省级名师和市级名师达到320人。", False),  # their sum
        ("截至2030年，全市的省级名师有多少人？", "省级名师达到120人，市级名师200人。", True),
        ("截至2030年，全市的省级名师和市级名师有多少人？", "省级名师和市级名师达到320人。", True),
    ],
)
def test_a_part_sibling_or_sum_does_not_pass_for_the_quantity_asked(question: str, sentence: str, met: bool) -> None:
    assert expected_of(parse_query(question)).met_by(sentence) is met


def test_the_start_of_a_two_word_compound_does_not_name_it() -> None:
    """零售 of 零售总额 is a word of its own (即时零售); 总产 of 总产量 is how reports shorten it."""
    assert not expectation("全年社会消费品零售总额是多少？").met_by("培育即时零售新业态3个。")
    assert expectation("全年粮食总产量是多少？").met_by("粮食总产1142亿斤。")


def test_the_unit_asked_is_covered_by_a_figure_written_in_another_form() -> None:
    """多少亿千瓦时 is answered by 亿度: the unit's words are not terms a sentence must cover."""
    question = "白山省2030年外送绿电多少亿千瓦时？"
    assert parse_query(question).unit_words == {"亿千瓦", "亿千瓦时", "千瓦", "千瓦时"}
    sentence = "全年输出绿电145亿度、增长22%。"
    answer = fast_answer(question, [_hit(sentence, title="2031年白山省政府工作报告", year=2031)])
    assert not answer.refused and "145亿度" in answer.text


def test_a_which_question_is_answered_by_items_that_do_not_name_its_kind() -> None:
    """哪几所学校: the answer names the schools (城关中学、实验小学), not 学校; the kind is no subject to name."""
    question = "2030年全县有哪几所学校入选省级示范校？"
    assert not parse_query(question).subject
    answer = fast_answer(question, [_hit("城关中学、实验小学入选省级示范校，示范校总数达到12所。", year=2030)])
    assert not answer.refused and "城关中学" in answer.text


class _TaxEmbedder(_GrainEmbedder):
    """A stand-in reading only whether a text speaks of tax (税收, "tax")."""

    @staticmethod
    def _vector(text: str) -> list[float]:
        return [1.0, 0.0] if "税收" in text or "tax" in text else [0.0, 1.0]


def test_an_english_figure_must_fit_in_the_unit_named() -> None:
    """ "tax revenue … in yuan": the 亿元 figure measures another revenue and the tax figure is a growth rate."""
    question = "What was the county's tax revenue in 2030, in yuan?"
    rate_only = [_hit("2030年，全县一般公共预算收入达到86亿元，其中税收收入增长4%。")]
    assert fast_answer(question, rate_only, embedder=_TaxEmbedder()).refused  # type: ignore[arg-type]
    stated = [_hit("2030年，全县税收收入62亿元，增长4%。")]
    answer = fast_answer(question, stated, embedder=_TaxEmbedder())  # type: ignore[arg-type]
    assert not answer.refused and "62亿元" in answer.text


def test_a_colloquial_question_is_answered_by_the_sentence_stating_its_figure() -> None:
    """Most of a colloquial question's words are not in the report's sentence; the figure it asks is."""
    answer = fast_answer(
        "据2031年白山省政府工作报告，2030年全省一共盖好并投入使用了多少座供居民借阅图书的城市书房？",
        [_hit("建成城市书房126座，新增公共文化服务点300个。", title="2031年白山省政府工作报告", year=2031)],
    )
    assert not answer.refused and "126座" in answer.text


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        ("全年接待游客3200万人次，增长12%。", True),
        ("入境游客41万、增长30%。", True),  # a bare count
        ("旅游收入增长12%，达到85亿元。", False),  # a rate and an amount of money count no visits
    ],
)
def test_an_english_how_many_question_of_no_unit_is_answered_by_a_count_only(sentence: str, states: bool) -> None:
    query = parse_query("How many tourist visits did Qingchuan receive in 2031?")
    assert fast._states_english_ask(query, sentence, None) is states


@pytest.mark.parametrize(
    ("question", "unit", "subject"),
    [
        ("这几年全县一共新建了多少座桥梁？", "座", "桥梁"),  # 这几年 is when, not what is asked
        ("近几年县里建成了几所寄宿制学校？", "所", "学校"),
        ("去年给每位退休教师的慰问金提到了多少钱？", "元", "慰问金"),  # 多少钱 asks in 元; 提到了 is the predicate
        ("全县乡村教师的交通补贴是多少？", "元", "补贴"),  # a subsidy is an amount of money
    ],
)
def test_the_ask_word_unit_and_subject_of_colloquial_questions(question: str, unit: str, subject: str) -> None:
    query = parse_query(question)
    assert query.unit == unit
    assert subject in "".join(query.subject)
    assert "提到" not in query.subject


def test_a_word_apart_from_a_verb_head_does_not_narrow_it() -> None:
    """读书 and 推迟 are not one compound: the sentence that says when the delay ends answers."""
    expected = expected_of(parse_query("按规定，儿童读书最晚可以推迟到几周岁？"))
    assert expected.met_by("因身体原因需要延缓入学的儿童，可以推迟到八周岁。")


@pytest.mark.parametrize(
    ("sentence", "met"),
    [
        ("全市经济稳中有进，地区生产总值增长6%，图书零售总额达80亿元，出口总额12亿元、增长9%。", False),
        ("图书零售总额达到80亿元，增长4%。", True),  # the move in the next clause is the head's
        ("图书零售总额增长4%，达到80亿元。", True),
    ],
)
def test_a_change_asked_is_answered_only_by_a_move_of_the_thing_asked(sentence: str, met: bool) -> None:
    expected = expected_of(parse_query("2031年全市图书零售总额比上年增长了多少？"))
    assert expected.met_by(sentence) is met


def test_figures_of_other_things_do_not_answer_a_count_whose_thing_has_none() -> None:
    """The thing asked is named in a clause with no figure; the figures beside it count other things."""
    academicians = expected_of(parse_query("2031年全市新引进的院士有几位？"))
    assert not academicians.met_by("新引进院士数量创历史新高，新引进博士研究生320人，技能人才超过9万人。")
    assert academicians.met_by("新引进院士3位，新引进博士研究生320人。")
    volunteers = expected_of(parse_query("全县持证的志愿者一共有多少？"))  # no unit named: any figure counts
    assert not volunteers.met_by("为持证志愿者发放服务补贴，建成志愿服务站点500个。")
    assert volunteers.met_by("全县持证志愿者达到8.6万人。")


def test_the_checks_that_stay_where_a_question_says_less() -> None:
    """Where the rules above would overreach: a thing counted after the ask keeps the verbs before it, a measure
    word the reader does not know (几连胜) leaves figures unjudged, a verb head (入学) named apart from a figure is
    no noun a figure must sit beside, and a bracketed aside does not split a compound."""
    assert "扩建" in parse_query("全县新建和扩建了几所中小学？").subject
    run = expected_of(parse_query("县代表队在全市联赛中实现了几连胜？"))
    assert run.met_by("县代表队在全市联赛中取得“十连胜”，全年举办赛事活动120场。")
    school_age = expected_of(parse_query("按规定幼童满几周岁应当入学？"))
    assert school_age.met_by("年满六周岁的幼童，其监护人应当送其入学。")
    standard = expected_of(parse_query("全县残疾人两项补贴（护理）标准是每月多少元？"))
    assert not standard.met_by("城乡低保标准提高到每月900元。")  # 低保 narrows 标准: another standard


def test_a_figure_the_question_states_is_not_its_answer() -> None:
    """The question names 12所 to say which schools: a reader that takes a count of 学校 for the 小学 asked (as
    the embedder may) must not find it in that figure; the sentence's other figure counts 幼儿园."""
    expected = expected_of(parse_query("全县今年新建的12所学校里，小学占几所？"))

    def schools_for_primary(word: str, text: str) -> bool:
        return re.search(r"学校\d+所", text) is not None

    assert not expected.met_by("全县新建学校12所、幼儿园5所。", names=schools_for_primary)
    assert expected.met_by("全县新建学校12所，其中初中4所、小学8所。")
