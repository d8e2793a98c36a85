"""What passages are about in time, and what questions want: examples written for these tests.

A made-up 2031 report of a made-up province reviews 2030 and the 15th five-year plan (2026—2030),
sets 2031 targets and goals for the 16th plan (2031—2035); a made-up law states rules. None of
it comes from an evaluation question.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.index.store import StoredDocument
from assistant.ingest import split_document
from assistant.ingest.temporal import OFF_TIME, plan_name, plan_span, question_intent, sentence_temporal, temporal_fit
from assistant.query import parse_query
from assistant.query.constraints import document_names
from assistant.retrieve.sentences import sentence_fit
from assistant.types import ACTUAL, PLAN, RULE, TARGET, Chunk, DocMeta, Document, Hit, Temporal

REPORT_META = DocMeta(2031, "青川省", "青川省人民政府", "政府工作报告")
REPORT = """青川省2031年政府工作报告
——2031年1月20日在青川省人民代表大会上
一、2030年工作回顾
过去一年，全省经济运行稳中有进。地区生产总值增长5.8%，城镇新增就业41.2万人，新建普通高中9所。
二、“十六五”时期主要目标任务
“十六五”时期，全省地区生产总值年均增长5%左右，到2035年森林覆盖率达到31%。
三、2031年重点工作
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业40万人以上。
（一）扩大有效投资。新建普通高中6所，改扩建乡镇卫生院20所。
"""
BARE_HEADINGS = """青川省2031年政府工作报告
“十五五”时期工作回顾
“十五五”时期是青川发展极不平凡的五年。全省地区生产总值达到1.2万亿元。
刚刚过去的2030年，全省粮食产量达到680亿斤。
2031年重点工作
重点抓好以下工作：新建城市公园12个。
"""
LAW_META = DocMeta(2029, "全国", "全国人民代表大会常务委员会", "法律")
LAW = """# 中华人民共和国乡村图书馆法
## 第一章 总则
第一条 为了保障公众阅读权利，制定本法。
第二条 乡村图书馆应当免费向公众开放，每周开放时间不得少于四十小时。
"""


def _tags(text: str, meta: DocMeta, name: str = "2031_青川省_政府工作报告.txt") -> dict[str, Temporal]:
    doc = Document(name, name, text.splitlines()[0].lstrip("# "), text, text, meta=meta)
    return {chunk.text: chunk.temporal for chunk in split_document(doc, 60)}


def _tag_of(tags: dict[str, Temporal], words: str) -> Temporal:
    return next(tag for text, tag in tags.items() if words in text)


def test_a_review_section_speaks_of_the_year_before_the_report() -> None:
    tag = _tag_of(_tags(REPORT, REPORT_META), "城镇新增就业41.2万人")
    assert tag == Temporal(2030, 2030, ACTUAL) and tag.label == "2030年 · 实际"


def test_a_targets_section_speaks_of_the_reports_own_year() -> None:
    tags = _tags(REPORT, REPORT_META)
    assert _tag_of(tags, "城镇新增就业40万人以上") == Temporal(2031, 2031, TARGET)
    assert _tag_of(tags, "改扩建乡镇卫生院20所") == Temporal(2031, 2031, TARGET)


def test_a_five_year_plan_paragraph_is_a_plan_over_its_years() -> None:
    tag = _tag_of(_tags(REPORT, REPORT_META), "年均增长5%左右")
    assert tag == Temporal(*plan_span(16), PLAN) == Temporal(2031, 2035, PLAN)
    assert tag.label == "2031—2035年 · 规划目标"


def test_headings_the_numbering_does_not_mark_still_set_the_period() -> None:
    tags = _tags(BARE_HEADINGS, REPORT_META)
    assert _tag_of(tags, "1.2万亿元") == Temporal(2026, 2030, ACTUAL)
    assert _tag_of(tags, "粮食产量达到680亿斤") == Temporal(2030, 2030, ACTUAL)  # the paragraph's lead
    assert _tag_of(tags, "城市公园12个") == Temporal(2031, 2031, TARGET)


def test_a_law_states_rules_of_no_period() -> None:
    tags = _tags(LAW, LAW_META, "2029_中华人民共和国乡村图书馆法.md")
    assert {tag for tag in tags.values()} == {Temporal(None, None, RULE)}


def test_a_document_of_no_known_kind_states_its_years_figures_not_targets() -> None:
    """A statistics sheet or an 执行情况 report of 2030 (type 其他) is about 2030: its figures are no 2030
    targets, as they would be in a 2030 government work report; only its own words make a target."""
    meta = DocMeta(2030, "青川省", None, "其他")
    text = """青川省2030年教育经费执行情况
2030年，全省教育经费总投入达到860亿元，比上年增长6.2%。
2031年力争教育经费总投入达到900亿元。
"""
    tags = _tags(text, meta, "2030_青川省_教育经费执行情况.txt")
    spent = _tag_of(tags, "860亿元")
    assert (spent.start, spent.end) == (2030, 2030) and spent.kind != TARGET
    assert _tag_of(tags, "900亿元").kind in {TARGET, PLAN}  # 力争: the document's own word for a target


def test_a_sentence_refines_its_passage() -> None:
    review = Temporal(2030, 2030, ACTUAL)
    assert sentence_temporal("今年主要预期目标是增长5.5%左右", review, REPORT_META) == Temporal(2031, 2031, TARGET)
    assert sentence_temporal("到2035年森林覆盖率达到31%", review, REPORT_META) == Temporal(2031, 2035, PLAN)
    assert sentence_temporal("地区生产总值增长5.8%", review, REPORT_META) == review
    retrospective = DocMeta(2030, None, "县教育局", "述职报告")  # a 述职报告 looks back on its own year
    assert sentence_temporal("今年新建学校3所", Temporal(), retrospective) == Temporal(2030, 2030, ACTUAL)


@pytest.mark.parametrize(
    ("question", "intent", "stated"),
    [
        ("2030年青川省实际新增了多少就业岗位？", ACTUAL, True),
        ("青川省2030年完成了多少亿元投资？", ACTUAL, True),
        ("青川省2031年地区生产总值的预期增长目标是多少？", TARGET, True),
        ("青川省今年计划新建几所普通高中？", TARGET, True),
        ("“十六五”规划提出森林覆盖率要达到多少？", PLAN, True),
        ("到2035年森林覆盖率的目标是多少？", TARGET, True),
        ("乡村图书馆法规定每周开放时间不得少于多少小时？", RULE, True),
        ("2030年青川省新建了几所普通高中？", ACTUAL, False),  # a year without a word: its results
        ("2030年青川省细颗粒物年均浓度是多少？", ACTUAL, False),  # a year's average over its days, no plan
        ("青川省“十六五”时期地区生产总值年均增长多少？", PLAN, True),
        ("What was Qingchuan's target for GDP growth in 2031?", TARGET, True),
        ("How many jobs did Qingchuan actually add in 2030?", ACTUAL, True),
        ("青川省有几座乡村图书馆？", "", False),
    ],
)
def test_question_intent(question: str, intent: str, stated: bool) -> None:
    years = parse_query(question).years
    assert question_intent(question, years) == (intent, stated)


def test_a_parsed_question_carries_years_intent_unit_and_subject() -> None:
    query = parse_query("据2031年青川省政府工作报告，2030年青川实际新建了几所普通高中？")
    assert (query.years, query.doc_years, query.intent, query.stated) == ((2030,), (2031,), ACTUAL, True)
    assert query.unit == "所" and query.subject[-1] == "普通高中"
    assert "实际" not in query.subject  # a word of intent is not the thing counted
    plan = parse_query("“十六五”时期青川省地区生产总值年均增长目标是多少？")
    assert plan.years == tuple(range(2031, 2036)) and plan.intent == PLAN
    english = parse_query("How many schools joined education groups?")
    assert english.english and english.subject == ("schools",)


def test_the_fit_prefers_the_asked_year_and_kind() -> None:
    actual_2030, target_2031 = Temporal(2030, 2030, ACTUAL), Temporal(2031, 2031, TARGET)
    target_2030 = Temporal(2030, 2030, TARGET)  # the 2030 report's plan for 2030
    wants_result = ((2030,), ACTUAL, True)
    assert (
        temporal_fit(*wants_result, actual_2030)
        > temporal_fit(*wants_result, target_2030)
        > temporal_fit(*wants_result, target_2031)
    )
    plan = Temporal(2031, 2035, PLAN)
    wants_target = ((2031,), TARGET, True)
    assert (
        temporal_fit(*wants_target, target_2031)
        > 0
        > temporal_fit(*wants_target, plan)
        > temporal_fit(*wants_target, actual_2030)
    )
    assert temporal_fit((), "", False, actual_2030) == 0


def _fit(sentence: str, passage: Temporal, question: str) -> float:
    chunk = Chunk("2031_青川省_政府工作报告.txt", 0, sentence, (), 0, len(sentence), meta=REPORT_META, temporal=passage)
    return sentence_fit(parse_query(question), sentence, Hit(chunk, 1.0))


def test_a_sentence_naming_the_asked_year_alone_fits_it_but_a_span_from_year_to_year_does_not() -> None:
    five_years = Temporal(2026, 2030, ACTUAL)  # a review of the five years up to 2030
    question = "2030年青川省地区生产总值实际增长多少？"
    span = "全省地区生产总值从2025年的1.0万亿元增长到2030年的1.2万亿元"
    year = "全省地区生产总值增长5.8%"  # in the same review: a level at its end, the last year's
    assert _fit(span, five_years, question) < _fit(year, five_years, question)
    assert _fit(span, five_years, question) < _fit(year, Temporal(2030, 2030, ACTUAL), question)
    jobs = "2030年青川省新增就业实际多少人？"
    assert _fit("累计新增就业180万人", five_years, jobs) <= OFF_TIME < _fit("2030年新增就业41万人", five_years, jobs)
    table_row = "2030年全省新建普通高中9所"  # a row of a table in a passage about another year
    assert _fit(table_row, Temporal(2029, 2029, ACTUAL), "2030年青川省新建了几所普通高中？") > 0


def test_a_span_from_one_level_to_another_states_the_level_at_its_end_for_a_question_about_that_year() -> None:
    five_years = Temporal(2026, 2030, ACTUAL)
    rise = "全省城镇居民人均可支配收入由4.1万元提高到5.3万元"  # the level of 2030, and of 2025 before it
    level = "2030年青川省城镇居民人均可支配收入是多少元？"
    assert _fit(rise, five_years, level) > OFF_TIME
    assert _fit(rise, five_years, level) == _fit("全省城镇居民人均可支配收入5.3万元", five_years, level)
    # the same sentence answers no question about how much the income grew in 2030: that is the span's change
    assert _fit(rise, five_years, "2030年青川省城镇居民人均可支配收入增长了多少？") <= OFF_TIME
    # nor does a from-to that sums the span say any one year's level
    summed = "五年来全省累计建成保障性住房由0套增加到12万套"
    assert _fit(summed, five_years, "2030年青川省建成了多少套保障性住房？") <= OFF_TIME


def test_a_flow_in_a_review_of_several_years_sums_them_but_a_level_is_the_last_years() -> None:
    five_years = Temporal(2026, 2030, ACTUAL)
    added = "城镇新增就业205万人，新建普通高中40所"  # added over the five years, though no 累计 says so
    assert _fit(added, five_years, "2030年青川省城镇新增就业多少万人？") <= OFF_TIME
    assert _fit(added, five_years, "“十五五”时期青川省城镇新增就业多少万人？") > 0
    assert _fit(added, Temporal(2030, 2030, ACTUAL), "2030年青川省城镇新增就业多少万人？") > 0  # one year's review
    level = "普通高中在校生达到52万人"
    enrolled = "2030年青川省普通高中在校生有多少万人？"
    assert _fit(level, five_years, enrolled) > 0
    assert _fit(f"{level}，{added}", five_years, enrolled) > 0  # the flow is another clause's figure
    assert sentence_temporal(added, five_years, REPORT_META) == five_years
    assert sentence_temporal(level, five_years, REPORT_META) == Temporal(2030, 2030, ACTUAL)
    started = "开工建设保障性住房3.2万套"  # work started happens within a period, 新 written or not
    assert sentence_temporal(started, five_years, REPORT_META) == five_years
    assert _fit(started, five_years, "2030年青川省新开工建设保障性住房多少套？") <= OFF_TIME


def test_work_done_in_a_review_of_several_years_sums_them_but_its_rate_and_a_question_s_done_do_not() -> None:
    """完成 + an amount is the statistical 完成额, a flow: over five years it is no year's. 完成率 is a level, and a
    question's 完成 ("完成多少") is loose usage for what was reached, so it asks no flow."""
    five_years = Temporal(2026, 2030, ACTUAL)
    done = "完成植树造林860万亩"
    assert sentence_temporal(done, five_years, REPORT_META) == five_years
    assert _fit(done, five_years, "2030年青川省完成植树造林多少万亩？") <= OFF_TIME
    assert _fit(done, five_years, "“十五五”时期青川省完成植树造林多少万亩？") > 0
    assert _fit(done, Temporal(2030, 2030, ACTUAL), "2030年青川省完成植树造林多少万亩？") > 0  # one year's review
    assert sentence_temporal("年度计划完成率达到98%", five_years, REPORT_META) == Temporal(2030, 2030, ACTUAL)
    finished = "圆满完成防汛保障任务，森林覆盖率达到36%"  # a task done, and a level beside it
    assert sentence_temporal(finished, five_years, REPORT_META) == Temporal(2030, 2030, ACTUAL)
    gdp = "2030年青川省地区生产总值完成多少亿元？"
    assert not parse_query(gdp).flow
    assert _fit("地区生产总值达到1.2万亿元", five_years, gdp) > 0


def test_a_move_by_an_amount_in_a_review_of_several_years_is_the_span_s_but_a_move_by_a_rate_is_not() -> None:
    """ "压减燃煤消费量800万吨" over five years is their sum, like a flow; a growth rate or a move to a level in the
    same review is the last year's."""
    five_years = Temporal(2026, 2030, ACTUAL)
    cut = "压减燃煤消费量800万吨"
    assert sentence_temporal(cut, five_years, REPORT_META) == five_years
    assert _fit(cut, five_years, "2030年青川省实际压减燃煤消费量多少万吨？") <= OFF_TIME
    assert _fit(cut, Temporal(2030, 2030, ACTUAL), "2030年青川省实际压减燃煤消费量多少万吨？") > 0
    assert sentence_temporal("城乡低保标准提高300元", five_years, REPORT_META) == five_years
    for level in ("规上工业增加值增长6.1%", "森林覆盖率提高到36%"):
        assert sentence_temporal(level, five_years, REPORT_META) == Temporal(2030, 2030, ACTUAL)


def test_the_thing_counted_may_open_with_a_place_word() -> None:
    assert "海外" in parse_query("2030年青川省新建了多少个海外仓？").subject


def test_a_sentence_of_the_other_kind_cannot_answer_a_question_that_names_its_kind() -> None:
    plan_2030 = Temporal(2030, 2030, TARGET)  # the 2030 report's targets for 2030
    target = "城镇新增就业40万人以上"
    assert _fit(target, plan_2030, "2030年青川省城镇新增就业实际完成多少人？") <= OFF_TIME
    assert _fit(target, plan_2030, "2030年青川省城镇新增就业多少人？") > OFF_TIME  # no word of kind: a weaker hint
    assert (
        _fit("城镇新增就业41.2万人", Temporal(2030, 2030, ACTUAL), "2030年青川省城镇新增就业的预期目标是多少？")
        <= OFF_TIME
    )


def test_an_annual_average_concentration_is_a_years_level_but_an_average_rate_spans_the_years() -> None:
    five_years = Temporal(2026, 2030, ACTUAL)
    assert sentence_temporal("细颗粒物年均浓度27微克/立方米", five_years, REPORT_META) == Temporal(2030, 2030, ACTUAL)
    assert sentence_temporal("地区生产总值年均增长5.6%", five_years, REPORT_META) == five_years
    assert sentence_temporal("年均新增城镇就业30万人", five_years, REPORT_META) == five_years


def test_the_measure_word_after_the_ask_word_stays_apart_from_the_thing_counted() -> None:
    subject = parse_query("全年举办了多少场师德讲座？").subject  # jieba alone reads 场师 / 德
    assert "师德" in subject and not any(word.startswith("场") for word in subject)
    assert parse_query("全年举办了多少场师德讲座？").unit == "场"


def test_a_table_row_naming_several_years_fits_the_one_asked() -> None:
    row = "学段：小学，2029年专任教师：850人，2030年专任教师：880人"
    assert _fit(row, Temporal(2030, 2030, ACTUAL), "2029年小学专任教师多少人？") > 0


MIXED_REVIEW = """青川省2031年政府工作报告
时间：2031-02-03
一、2030年和“十五五”时期工作回顾
刚刚过去的2030年，全省上下攻坚克难。
（一）锚定目标攻坚，经济实现稳中有进。规上工业增加值增长7.1%。
（二）民生保障有力。城镇新增就业41.2万人。
这五年，全省地区生产总值年均增长5.6%。
二、一年接着一年干，各项事业取得新进展
2030年是“十五五”收官之年。一年来，全省新建普通高中9所。
（一）教育优质均衡。新增学前普惠学位3万个。
三、2031年重点工作
（一）扩大有效投资。新建普通高中6所。
"""


def test_in_a_review_of_several_periods_a_lead_speaks_for_the_items_after_it() -> None:
    """ "刚刚过去的2030年" opens the year's part of a review of 2030 and the plan period: its items are 2030's;
    "这五年" opens the plan period's part; a review's item naming 目标 reviews it; a masthead date sets nothing."""
    from assistant.ingest.split import line_temporals

    lines = line_temporals(MIXED_REVIEW, REPORT_META, "青川省2031年政府工作报告")
    tags = {MIXED_REVIEW[start:end]: temporal for start, end, temporal in lines}
    assert _tag_of(tags, "规上工业增加值增长7.1%") == Temporal(2030, 2030, ACTUAL)
    assert _tag_of(tags, "城镇新增就业41.2万人") == Temporal(2030, 2030, ACTUAL)
    assert _tag_of(tags, "年均增长5.6%") == Temporal(2026, 2030, ACTUAL)
    # a section whose heading names no period is about what its first paragraph's lead says
    assert _tag_of(tags, "新增学前普惠学位3万个") == Temporal(2030, 2030, ACTUAL)
    assert _tag_of(tags, "新建普通高中6所") == Temporal(2031, 2031, TARGET)


def test_a_sentence_of_another_years_review_cannot_answer() -> None:
    """ "2030年…实际完成多少" is not answered by last year's report reviewing 2029 (its passage may still rank)."""
    review_2029 = Temporal(2029, 2029, ACTUAL)
    assert temporal_fit((2030,), ACTUAL, True, review_2029, exact=True) == OFF_TIME
    assert OFF_TIME < temporal_fit((2030,), ACTUAL, True, review_2029) < 0.5


def test_a_five_year_span_is_named_by_its_plan() -> None:
    assert plan_name(*plan_span(14)) == "十四五" and plan_name(2026, 2030) == "十五五"
    assert plan_name(2022, 2026) == "" and plan_name(2021, 2023) == "", "only a plan's own years are the plan"


def test_a_move_between_levels_states_the_level_of_each_year_it_names() -> None:
    """ "从2020年的…增长到2025年的…" in a five-year review answers either year's level, though another clause of the
    sentence sums the span (年均增长); not a year between, nor how much it moved in one year."""
    sentence = "全市生产总值从2020年的860亿元增长到2025年的1120亿元，规上工业增加值年均增长5.8%。"
    meta = DocMeta(2026, "某市", None, "政府工作报告")
    chunk = Chunk("2026_某市_政府工作报告.txt", 0, sentence, (), 0, len(sentence), meta=meta)
    hit = Hit(replace(chunk, temporal=Temporal(2021, 2025, ACTUAL)), 0.1)
    assert sentence_fit(parse_query("2025年全市生产总值是多少亿元？"), sentence, hit) > 0
    assert sentence_fit(parse_query("2020年全市生产总值是多少亿元？"), sentence, hit) > 0
    assert sentence_fit(parse_query("2023年全市生产总值是多少亿元？"), sentence, hit) == OFF_TIME
    assert sentence_fit(parse_query("2025年全市生产总值增长了多少？"), sentence, hit) == OFF_TIME


def test_a_year_some_document_looks_back_on_wants_its_results() -> None:
    """Indexed: 青川's 2031 report (it reviews 2030) and 白山's 2030 report (its 2030 is targets only)."""
    documents = [
        StoredDocument("qc.txt", "青川省2031年政府工作报告", "h1", 1, 1, REPORT_META),
        StoredDocument("bs.txt", "白山省2030年政府工作报告", "h2", 1, 1, DocMeta(2030, "白山省", "", "政府工作报告")),
    ]
    names = document_names(documents)
    reviewed = parse_query("2030年青川省新建了几所普通高中？", names=names)
    assert (reviewed.intent, reviewed.stated) == (ACTUAL, True)  # a target of 2030 is no answer
    target = Chunk("bs.txt", 0, "新建普通高中6所", (), 0, 8, meta=REPORT_META, temporal=Temporal(2030, 2030, TARGET))
    assert sentence_fit(reviewed, "新建普通高中6所", Hit(target, 1.0)) == OFF_TIME
    # the year's targets are all there is of 白山's 2030, and a question naming the 2030 report may mean them
    assert not parse_query("2030年白山省新建了几所普通高中？", names=names).stated
    assert not parse_query("据2030年青川省政府工作报告，2030年新建几所普通高中？", names=names).stated


def test_a_year_named_as_a_milestone_introduces_the_span_the_paragraph_reviews() -> None:
    """ "2030年是“十五五”收官之年。五年来，…" reviews the five years, and so do the dashed paragraphs after it."""
    from assistant.ingest.split import line_temporals

    text = (
        "青川省2031年政府工作报告\n一、2030年和“十五五”时期工作回顾\n刚刚过去的2030年，全省上下攻坚克难。\n（一）民生保障有力。城镇新增就业41.2万人。\n"
        "各位代表！2030年是“十五五”收官之年。五年来，全省上下砥砺奋进。\n"
        "——综合实力跃上新台阶。油菜籽产量稳定在90万吨以上。\n"
    )
    tags = {text[start:end]: temporal for start, end, temporal in line_temporals(text, REPORT_META, "x")}
    assert _tag_of(tags, "城镇新增就业41.2万人") == Temporal(2030, 2030, ACTUAL)
    assert _tag_of(tags, "五年来") == Temporal(2026, 2030, ACTUAL)
    assert _tag_of(tags, "油菜籽产量稳定在90万吨以上") == Temporal(2026, 2030, ACTUAL)
