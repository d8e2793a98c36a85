"""A document's sections rebuilt from its passages, and the facts a request gets from the section it names."""

from __future__ import annotations

import os
import subprocess
import sys

from assistant.draft.brief import Brief, read_brief
from assistant.draft.documents import OWN, Source
from assistant.draft.gather import Gathered, gather_facts
from assistant.draft.plan import fit, plan_parts
from assistant.draft.sections import ARTICLE_LEVEL, ITEM_LEVEL, DocumentText, heading_match
from assistant.settings import Settings
from assistant.types import Chunk, DocMeta
from tests.drafting import COMPULSORY_LAW, COUNTY, document_chunks


def _text(text: str, size: int = 80) -> DocumentText:
    """A document given as text, cut into passages of about ``size`` characters at line ends."""
    chunks, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        chunks.append(Chunk("doc.txt", len(chunks), text[start:end], (), start, end, title="文件", meta=DocMeta(2026)))
        start = end + 1
    return DocumentText(chunks)


# a request several tests ask of a made-up report
PRESCHOOL = read_brief("根据某省2026年政府工作报告，起草一段某省2025年学前教育发展的综述，约300字。")


def _gather_whole(brief: Brief, text: str, title: str, meta: DocMeta, voice: str) -> Gathered:
    """The facts a request gathers from one made-up document given whole as one passage."""
    name = f"{title}.txt"
    doc = DocumentText([Chunk(name, 0, text, (), 0, len(text), title=title, meta=meta)])
    return gather_facts(brief, [Source(name, title, meta, voice)], {name: doc}.get)


def _gather_report(text: str, brief: Brief) -> Gathered:
    """The facts a request gathers from a made-up 2026 government work report of 某省 holding ``text``."""
    return _gather_whole(brief, text, "2026年某省政府工作报告", DocMeta(2026, "某省", None, "政府工作报告"), "other")


def _report_facts(text: str, brief: Brief) -> list[str]:
    """The facts (texts) a request gathers from a made-up 2026 government work report of 某省 holding ``text``."""
    return [f.text for f in _gather_report(text, brief).facts]


def _gather_own_report(text: str, brief: Brief, unit: str) -> list[str]:
    """The facts (texts) a request gathers from ``unit``'s head's own made-up 2025 述职报告 holding ``text``."""
    meta = DocMeta(2025, "某县", unit, "述职报告")
    return [f.text for f in _gather_whole(brief, text, f"{unit}局长述职报告", meta, OWN).facts]


def test_the_county_report_rebuilds_with_its_inline_items(settings: Settings) -> None:
    doc = DocumentText(document_chunks(COUNTY, settings))
    headings = [(s.level, s.heading) for s in doc.sections]
    assert (4, "(三)建强师资队伍,夯实教育发展根基") in headings
    assert (ITEM_LEVEL, "一是加强师德师风建设") in headings and (ITEM_LEVEL, "二是提升教师专业素养") in headings
    assert doc.preamble is not None and "请予评议" in doc.text[doc.preamble.start : doc.preamble.end]

    [section] = doc.find("建强师资队伍，夯实教育发展根基")  # full-width comma asked, half-width written
    clauses = [c.text for c in doc.within(section)]
    wanted = [
        "实施“教育家精神铸魂强师行动”",
        "组织师德专题培训、先进事迹宣讲等活动25场",
        "建立师德失范“一票否决制”",
        "查处师德违规问题3起",
        "实施“名师培养工程”",
        "选拔培养县级名师、骨干教师120名",
    ]
    assert [c for c in clauses if c in wanted] == wanted, "every clause of the section, in the document's order"
    assert not any("建强师资队伍" in c for c in clauses), "the heading's own words are not a statement"
    assert {doc.chunk_at(c.start).index for c in doc.within(section)} == {7}, "each clause knows its passage"


def test_a_heading_is_found_by_its_words_and_a_short_one_only_whole() -> None:
    assert heading_match("师资队伍建设", "建强师资队伍,夯实教育发展根基") >= 0.6
    assert heading_match("巩固双减成效，保障学生课外活动时间", "巩固“双减”成效") == 1.0
    assert heading_match("教育集团化办学", "促进城乡教育均衡") < 0.6
    assert heading_match("就业", "就业") == 1.0 and heading_match("就业服务", "业务") == 0.0


def test_a_run_in_heading_ends_with_its_paragraph_and_law_items_stay_in_their_article() -> None:
    doc = _text(
        "一、2025年工作回顾\n（一）民生福祉改善。就业方面，新增就业10万人。教育方面，新增学位2万个。\n"
        "各位代表！五年来，我们坚持人民至上。\n"
        "## 第二章 学生\n第十二条 适龄儿童免试入学。\n（一）就近入学；\n（二）公开招生。\n第十三条 县级人民政府保障入学。\n"
    )
    [section] = doc.find("民生福祉改善")
    assert "五年来" not in doc.text[section.start : section.end], "an unnumbered paragraph after it is not its own"
    assert [s.label for s in doc.children(section)] == ["就业", "教育"], "就业方面，… reads as an item"
    articles = [s for s in doc.sections if s.level == ARTICLE_LEVEL]
    assert [a.label for a in articles] == ["第十二条", "第十三条"]
    assert "公开招生" in doc.text[articles[0].start : articles[0].end], "（一）（二） inside an article are its words"


def test_a_named_section_gives_all_its_facts_and_a_law_its_article(settings: Settings) -> None:
    county = DocumentText(document_chunks(COUNTY, settings))
    law = DocumentText(document_chunks(COMPULSORY_LAW, settings))
    texts = {COUNTY: county, COMPULSORY_LAW: law}
    brief = read_brief(
        "请结合县教育局局长述职报告和《中华人民共和国义务教育法》，起草述职报告中“深化评价改革”一段，"
        "约300字，并按照义务教育法关于教师资格和教师职务制度的条款（写明条号）说明依据。"
    )
    assert brief.section == "深化评价改革" and brief.articles == ("教师资格", "教师职务制度")
    sources = [Source(COUNTY, county.title, county.meta, OWN), Source(COMPULSORY_LAW, law.title, law.meta, "authority")]
    gathered = gather_facts(brief, sources, texts.get)
    assert gathered.how == "section"
    own = [f.text for f in gathered.facts if f.source.name == COUNTY]
    assert own[0] == "出台《中小学教师评价实施办法》" and "对15名教学实绩突出的教师实行“直聘”激励" in own
    assert not any("师德" in t and "一票否决" in t for t in own), "nothing from the next section"
    cited = [f for f in gathered.facts if f.source.name == COMPULSORY_LAW]
    assert {f.article for f in cited} == {"第三十条"} and any("教师职务制度" in f.text for f in cited)


def test_a_topic_is_matched_by_what_it_is_about_not_by_its_year_or_its_commonest_word() -> None:
    text = (
        "一、过去一年主要工作\n（一）经济运行稳中有进。2025年全省地区生产总值5000亿元。新增就业岗位3万个。"
        "全年接待游客500万人次。\n（二）民生事业持续改善。开展国防教育宣传活动20场。学前教育普惠率达到90%。新建城市公园12个。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草一段“某省2025年教育工作成效”综述，约300字，写明职业教育和学前教育的数字。"
    )
    gathered = _gather_report(text, brief)
    facts = [f.text for f in gathered.facts]
    assert "学前教育普惠率达到90%" in facts
    assert not any("地区生产总值" in f for f in facts), "the year asked says when, not what: 2025 alone is no match"
    assert not any("国防教育" in f for f in facts), "职业教育's 教育 alone is no match (the report never says 职业)"


def test_a_clause_beside_a_chosen_one_lengthens_a_draft_only_when_it_names_the_subject() -> None:
    """A report's sentence may list several subjects: beside 学前教育's clause, 育儿补贴 and 养老床位 are others."""
    text = (
        "一、过去一年主要工作\n（一）民生事业持续改善。发放育儿补贴2亿元，新增养老床位3000张，"
        "城乡低保标准提高5%，学前教育普惠率达到92%。全省地区生产总值增长5%。\n"
    )
    gathered = _gather_report(text, PRESCHOOL)
    assert [f.text for f in gathered.facts] == ["学前教育普惠率达到92%"]
    assert not gathered.reserve, "育儿补贴, 养老床位 and 低保 are other subjects of the sentence"


def test_the_sentences_a_lead_on_the_subject_opens_lengthen_a_draft_up_to_the_next_lead() -> None:
    """A report's paragraph strings subjects, each led by a short sentence: the sentences after 推进教育强省建设 speak of
    education, figure or not, until 提升医疗服务水平 leads another subject; 城镇新增就业 sits under 稳定扩大就业."""
    text = (
        "一、2025年工作回顾\n（五）民生事业持续改善。稳定扩大就业。城镇新增就业40万人。推进教育强省建设。"
        "实施县域高中振兴计划，改善办学条件。学前教育普惠率达到92%。完善教师培训体系，培训教师2万人次。"
        "提升医疗服务水平。新建县级医院3所。\n"
    )
    gathered = _gather_report(text, PRESCHOOL)
    assert [f.text for f in gathered.facts] == ["学前教育普惠率达到92%"]
    reserve = [f.text for f in gathered.reserve]
    assert reserve[:4] == ["实施县域高中振兴计划", "改善办学条件", "完善教师培训体系", "培训教师2万人次"], (
        "nearest first"
    )
    assert not any(word in t for t in reserve for word in ("就业", "医院", "推进教育强省建设")), "other runs; leads"


def test_a_chosen_clause_with_no_lead_before_it_in_its_paragraph_brings_no_run() -> None:
    """Under a heading alone, a paragraph mixing subjects is no run: 新建县级医院 is not about 学前教育."""
    text = "一、2025年工作回顾\n（五）民生事业持续改善。学前教育普惠率达到92%。新建县级医院3所。城镇新增就业40万人。\n"
    gathered = _gather_report(text, PRESCHOOL)
    assert [f.text for f in gathered.facts] == ["学前教育普惠率达到92%"]
    assert not gathered.reserve


def test_a_section_a_report_heads_in_its_review_and_its_plans_is_taken_from_the_part_asked() -> None:
    """“推进乡村振兴” heads the year's review and this year's tasks alike: a 2025 summary takes the review's; what
    the request leaves out (别掺入五年累计数) asks for no part of the report."""
    text = (
        "一、2025年工作回顾\n（二）推进乡村振兴。新建高标准农田300万亩。\n"
        "二、2026年重点工作\n（二）推进乡村振兴。新建高标准农田400万亩以上。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草2025年工作总结中“推进乡村振兴”一段，约200字，只写2025年当年，"
        "别掺入五年累计数据。"
    )
    facts = _report_facts(text, brief)
    assert "新建高标准农田300万亩" in facts and not any("400万亩" in f for f in facts)


def test_a_duty_is_cited_by_its_own_article_not_by_the_liability_chapter_restating_it() -> None:
    """第三十一条 punishes failing the duty of 第九条 in the duty's own words; a request about the duty cites 第九条,
    one about liability the chapter of 法律责任."""
    text = (
        "第一章 总则\n第一条 为了规范乡村卫生室建设，制定本条例。\n第二章 设置\n"
        "第九条 县级人民政府应当制定乡村卫生室设置规划，合理确定布局。\n第七章 法律责任\n"
        "第三十一条 县级人民政府未按照规定制定、调整乡村卫生室设置规划的，由上级人民政府责令改正。\n"
    )
    meta = DocMeta(2030, "全国", "某部", "法律")

    def cited(request: str) -> set[str]:
        return {f.article for f in _gather_whole(read_brief(request), text, "乡村卫生室条例", meta, "authority").facts}

    assert cited("起草一段卫生工作总结，按照《乡村卫生室条例》关于制定调整卫生室设置规划的条款说明依据") == {"第九条"}
    assert "第三十一条" in cited("起草一段，按照《乡村卫生室条例》关于未制定卫生室设置规划的法律责任的条款说明依据")


def test_an_item_heading_naming_the_subject_leads_its_run() -> None:
    """ "三是学前教育提质扩容。" heads a paragraph on 学前教育: its sentences lengthen a draft, figure or not, the next
    item's do not."""
    text = (
        "一、2025年工作回顾\n三是学前教育提质扩容。改造园舍3万平方米。学前教育普惠率达到92%。开展巡回指导800人次。\n"
        "四是提升医疗服务水平。新建县级医院3所。\n"
    )
    gathered = _gather_report(text, PRESCHOOL)
    assert [f.text for f in gathered.facts] == ["学前教育普惠率达到92%"]
    reserve = [f.text for f in gathered.reserve]
    assert "改造园舍3万平方米" in reserve and "开展巡回指导800人次" in reserve
    assert not any("医院" in t or "提质扩容" in t for t in reserve)


def test_a_quoted_title_of_request_words_names_no_subject() -> None:
    """“目标与实绩” says what kind of account to write; 目标 would take every 预期目标 of the plans."""
    text = (
        "一、2025年工作回顾\n过去一年，城镇新增就业28万人。\n二、2026年工作安排\n"
        "今年主要预期目标是：地区生产总值增长5%左右。\n（六）保障和改善民生。城镇新增就业30万人，农村劳动力转移就业50万人。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告，起草一段某省2026年就业安排的“目标与实绩”比照，约300字。")
    facts = _report_facts(text, brief)
    assert "城镇新增就业30万人" in facts
    assert not any("地区生产总值" in f for f in facts)


def test_a_frame_verb_takes_no_clause_and_a_compound_the_report_never_writes_stands_by_its_modifier() -> None:
    text = (
        "一、过去一年主要工作\n（一）经济发展稳中向好。全省地区生产总值增长5.2%。民营经济发展壮大，新增经营主体12万户。"
        "县域经济加快发展，10个县进入全国百强。\n（二）社会事业全面进步。新设立某省应用职业技术大学。"
        "新增普惠性托位8000个。文化旅游融合发展，接待游客6000万人次。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告，起草一段某省2025年职业教育和高等教育发展情况的综述，约300字。")
    gathered = _gather_report(text, brief)
    facts = [f.text for f in gathered.facts]
    assert "新设立某省应用职业技术大学" in facts, "职业教育, never written, stands by 职业"
    assert not any(word in f for f in facts for word in ("民营经济", "县域经济", "文化旅游")), "发展 frames the account"


def test_the_generic_end_of_a_compound_speaks_of_the_subject_only_inside_it() -> None:
    """管理 of 网格化管理, written as one by the request and the report: 改善社区管理条件 is another measure."""
    text = (
        "一、主要工作\n（一）提升基层治理水平。一是完善便民服务。新建便民服务站6个，办理事项1.2万件。"
        "二是推进城乡共治。深化网格化管理改革，划分网格320个，配备专职网格员410名。"
        "实施“社区提质计划”，改善社区管理条件，新建社区用房8处。\n"
    )
    brief = read_brief("起草述职报告中“基层网格化管理”一节，约300字")
    facts = _gather_own_report(text, brief, "某县民政局")
    assert "划分网格320个" in facts and "配备专职网格员410名" in facts
    assert not any("社区管理条件" in f or "社区用房" in f for f in facts)


def test_a_subject_is_found_through_the_narrower_words_a_report_writes_for_it() -> None:
    """高职 and 中职 are 职业教育, which the report never writes: its clauses are on the subject, and
    职业 alone (职业伤害保障, another subject) no longer stands in for it."""
    text = (
        "一、过去一年主要工作\n（一）民生事业持续改善。新建中小学校30所。5所高职院校入选国家“双高计划”，"
        "2所中职学校升格高职。启动新就业形态人员职业伤害保障试点。城镇新增就业40万人。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草一段某省2025年职业教育发展的综述，约300字，写明职业教育的数字。"
    )
    facts = _report_facts(text, brief)
    assert "5所高职院校入选国家“双高计划”" in facts and "2所中职学校升格高职" in facts
    assert not any("职业伤害" in f for f in facts)


def test_the_parts_of_a_report_not_asked_for_lengthen_a_draft_under_their_own_period() -> None:
    """A 2025 account whose year holds little may go on with the five-year review and the plans, each
    opening with its period in words (no year the passage does not write), and only on the request's subjects."""
    text = (
        "一、2025年工作回顾\n（一）民生事业持续改善。学前教育普惠率达到92%。全省地区生产总值增长5%。\n"
        "二、“十四五”时期主要成就\n“十四五”时期，学前教育毛入园率达到95%，新建城市公园120个。公益慈善事业加快发展。\n"
        "三、2026年重点工作\n（一）办好人民满意的教育。推进学前教育普及普惠，新增普惠性学位1万个。规范公益慈善事业发展。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告，起草一段某省2025年学前教育事业发展的综述，约300字。")
    gathered = _gather_report(text, brief)
    assert [f.text for f in gathered.facts] == ["学前教育普惠率达到92%"]
    leads = {f.text: f.lead for f in gathered.reserve}
    assert leads.get("学前教育毛入园率达到95%") == "“十四五”时期，"
    assert leads.get("推进学前教育普及普惠") == "下一步，将" and leads.get("新增普惠性学位1万个") == "下一步，将"
    assert not any("公益慈善" in t for t in leads), "事业发展 frames the account: no subject of the request"


def test_a_key_point_no_clause_covers_still_gets_the_clause_stating_its_figure() -> None:
    """ "医院设置": the report writes 设置 only in its plans (规范设置…), a part the request does not ask about, so no
    clause of the year reviewed holds half the point's weight; the clause with a figure that names 医院 stands
    for it, and its sentence comes whole."""
    text = (
        "一、过去一年主要工作\n（一）民生事业持续改善。医院管理持续加强。公立医院改革深化。"
        "基本公共卫生服务均等化水平提高。新建3所县级医院、2所社区卫生服务中心，远程医疗实现乡镇全覆盖。"
        "全省地区生产总值增长5%。\n二、今年主要工作\n（一）办好民生实事。规范设置村级便民服务点。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草一段某省2025年基本公共卫生服务综述，约300字，写明均等化、医院设置等数字。"
    )
    assert "医院设置" in brief.points
    facts = _report_facts(text, brief)
    assert "新建3所县级医院、2所社区卫生服务中心" in facts
    assert "远程医疗实现乡镇全覆盖" in facts, "the rest of the point's sentence"
    assert not any("地区生产总值" in f for f in facts)


def test_a_paragraph_led_by_the_named_sentence_is_the_section() -> None:
    """A report leads a paragraph of its plans with a short sentence where another document heads it: the
    paragraph is the section named, not the clauses elsewhere sharing its words."""
    text = (
        "二、2026年重点工作\n（三）推进城乡融合\n"
        "稳步壮大林果产业。新建核桃示范园20个。推广林下种植模式，林果综合产值达到300亿元。\n"
        "提升农村道路质量。新改建农村公路800公里。\n"
        "林果产业的科技服务已覆盖全省，壮大了一批龙头企业。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告，以“稳步壮大林果产业”一段为主，起草一段工作安排，约200字。")
    facts = _report_facts(text, brief)
    assert facts[:2] == ["稳步壮大林果产业", "新建核桃示范园20个"] and "林果综合产值达到300亿元" in facts
    assert not any("公路" in f or "科技服务" in f for f in facts)


def test_a_lead_alone_on_its_line_leads_the_paragraph_under_it() -> None:
    """A report may write a paragraph's lead on a line of its own: the paragraph under it, up to the next such lead,
    is the section named."""
    text = (
        "二、2026年重点工作\n（三）推进城乡融合\n"
        "稳步壮大林果产业。\n新建核桃示范园20个。推广林下种植模式，林果综合产值达到300亿元。\n"
        "提升农村道路质量。\n新改建农村公路800公里。\n"
        "（四）推进生态保护\n林果产业的科技服务覆盖全省。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告“（三）推进城乡融合”里以“稳步壮大林果产业”开头的一段，起草一则信息，约200字。"
    )
    facts = _report_facts(text, brief)
    assert facts[:3] == ["稳步壮大林果产业", "新建核桃示范园20个", "推广林下种植模式"]
    assert not any("公路" in f or "科技服务" in f for f in facts)


def test_a_paragraph_led_by_a_named_sentence_with_a_comma_is_the_section() -> None:
    """A five-year review leads its paragraphs with sentences such as "这五年，某省交通网络更加完善。": the comma does
    not stop the sentence from being the lead the request names."""
    text = (
        "一、“十四五”工作回顾\n这五年，某省交通网络更加完善。5年累计完成交通投资3000多亿元，新增高速公路900公里。\n"
        "这五年，某省生态环境更加优美。森林覆盖率提高到32%。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告“这五年，某省交通网络更加完善”一段，写一段五年成就综述，约200字。")
    facts = _report_facts(text, brief)
    assert {"5年累计完成交通投资3000多亿元", "新增高速公路900公里"} <= set(facts)
    assert not any("森林" in f for f in facts)


def test_a_paragraph_named_by_its_first_clause_is_the_section() -> None:
    """A writer names a paragraph by its opening words, which end at a comma ("“就业是最基本的民生”一段"): the
    paragraph is the section, and a paragraph merely opening with a few of those words is not."""
    text = (
        "二、2026年重点工作\n（五）保障和改善民生\n"
        "就业是最基本的民生，要把稳岗扩岗放在突出位置。高校毕业生就业要拓宽渠道，新增见习岗位3000个。\n"
        "就业服务要下沉，让困难群体在家门口找到工作。\n"
        "养老是群众的急难愁盼，新建社区食堂50个。\n"
    )
    brief = read_brief("以某省2026年政府工作报告“就业是最基本的民生”一段为据，起草一段讲话，约300字。")
    facts = _report_facts(text, brief)
    assert {"要把稳岗扩岗放在突出位置", "新增见习岗位3000个"} <= set(facts)
    assert not any("食堂" in f or "家门口" in f for f in facts)


def test_the_opening_words_beside_a_paragraph_named_by_its_lead_are_what_its_heading_line_goes_on_to_say() -> None:
    """A paragraph named by its lead is one of its section's paragraphs, the first of them included: what lengthens
    its draft is what the section's heading line goes on to say, not the paragraphs on other subjects beside the one
    named, nor the opening of the whole part of the report."""
    brief = read_brief("以某省2026年政府工作报告“托育是年轻家庭的期盼”一段为据，起草一段讲话，约400字。")
    paragraphs = (
        "养老是群众的急难愁盼，新建社区食堂50个，改造老旧小区120个。\n"
        "托育是年轻家庭的期盼，新增普惠托位3000个，建成示范托育机构20家。\n"
        "（五）统筹发展和安全\n"
    )
    part = "二、2026年重点工作\n今年要重点做好以下八个方面工作。\n"
    run_in = _gather_report(
        f"{part}（四）以增进民生福祉为重点，办好民生实事。今年要把财力更多投向民生。\n{paragraphs}", brief
    )
    alone = _gather_report(f"{part}（四）增进民生福祉\n{paragraphs}", brief)
    for gathered in (run_in, alone):
        assert "新增普惠托位3000个" in [f.text for f in gathered.facts]
        reserve = [f.text for f in gathered.reserve]
        assert not any("食堂" in f or "老旧小区" in f for f in reserve), "a paragraph beside the one named"
        assert not any("八个方面" in f for f in reserve), "the opening of the whole part"
    assert [f.text for f in run_in.reserve] == ["今年要把财力更多投向民生"]


def test_a_parts_opening_stating_figures_of_its_own_frames_no_section_under_it() -> None:
    """A part opening with the year's targets ("生产总值增长5%左右") states something beside its sections; a part
    opening with its aim in general words is what lengthens a draft of one of them."""
    brief = read_brief("根据某省2026年政府工作报告“（二）建设美丽家园”一节，起草一段讲话，约400字。")
    section = "（二）建设美丽家园\n新建城市公园12个，治理黑臭水体30条。\n"
    targets = "二、2026年重点工作\n今年是开局之年。主要预期目标是：生产总值增长5%左右，城镇新增就业50万人。\n"
    aims = "二、2026年重点工作\n今年要坚持生态优先，推动绿色发展。\n"
    assert not _gather_report(targets + section, brief).reserve
    assert [f.text for f in _gather_report(aims + section, brief).reserve] == ["今年要坚持生态优先", "推动绿色发展"]


def test_a_term_the_request_asks_to_explain_is_defined_by_the_reports_glossary_after_the_sentence_naming_it() -> None:
    """A report explains its coined terms in an annex (名词解释): asked to explain one, a writer puts its definition
    where the section names it, once; a term the request does not ask about stays unexplained."""
    text = (
        "二、2026年重点工作\n（二）推进智慧教育\n"
        "完善“三通两平台”机制，推广“双师课堂”模式。新建智慧教室500间。\n"
        "（三）推进城乡融合\n新改建农村公路800公里。\n"
        "名词解释\n"
        "1.“三通两平台”机制：宽带网络校校通、优质资源班班通、网络学习空间人人通，建设资源和管理两个平台。\n"
        "2.“双师课堂”模式：城区教师远程授课，乡村教师在班辅导。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告“（二）推进智慧教育”一节，说明“三通两平台”机制的含义，起草一段，约200字。"
    )
    facts = _report_facts(text, brief)
    assert facts[:5] == [
        "完善“三通两平台”机制",
        "宽带网络校校通、优质资源班班通、网络学习空间人人通",
        "建设资源和管理两个平台",
        "推广“双师课堂”模式",
        "新建智慧教室500间",
    ], "the definition follows the clause naming the term, before the rest of its sentence"
    assert not any("远程授课" in f or "公路" in f for f in facts)
    every = _report_facts(
        text, read_brief("根据某省2026年政府工作报告“（二）推进智慧教育”一节，结合名词解释起草，约200字。")
    )
    assert "城区教师远程授课" in every, "naming the glossary asks for every term the section names"
    plain = _report_facts(text, read_brief("根据某省2026年政府工作报告“（二）推进智慧教育”一节起草，约200字。"))
    assert not any("校校通" in f or "远程授课" in f for f in plain)


def test_the_writers_numbered_outline_is_the_plan_in_the_writers_order() -> None:
    """ "依次讲：一是“乙”，二是“甲”": the items are the draft's layers in the writer's order, and a paragraph of the
    section no item names is left out, though the section holds it."""
    text = (
        "二、2026年重点工作\n（二）推进教育科技人才一体发展。坚持科技打头阵。\n"
        "提升科技创新能力。建设省实验室5个。\n"
        "加强产学研融合。新培育科技型企业300家。\n"
        "提升教育服务能力。建设现代产业学院20个，增加普通高中学位供给。\n"
        "（三）扩大有效需求。社会消费品零售总额增长5%。\n"
    )
    brief = read_brief(
        "请根据某省2026年政府工作报告“（二）推进教育科技人才一体发展”部分起草讲话，约300字，"
        "依次讲：一是“提升教育服务能力”，二是“加强产学研融合”。“提升科技创新能力”一段不用讲。"
    )
    assert brief.layers == ("提升教育服务能力", "加强产学研融合") and brief.outlined
    parts = plan_parts(brief, _gather_report(text, brief), 300, own_voice=False)
    assert [p.heading for p in parts] == ["提升教育服务能力", "加强产学研融合"]
    assert "建设现代产业学院20个" in [f.text for f in parts[0].facts]
    assert not any("省实验室" in f.text for p in parts for f in p.facts)


def test_each_item_of_the_writers_outline_gets_its_share_of_the_length() -> None:
    """Fitted as one list, the sentences later in the document went first: the writer's item the report puts last
    kept its lead and its figure only, while the others kept all of theirs."""
    text = (
        "二、2026年重点工作\n（二）推进教育科技人才一体发展。坚持科技打头阵。\n"
        "加强产学研融合。新培育科技型企业300家，建设中试基地20个。建设概念验证中心15个，拓展新产品应用示范场景100个。\n"
        "提升教育服务能力。建设现代产业学院20个，稳步扩大优质本科教育。新建特殊教育学校3所，增加普通高中学位1万个。\n"
        "实施人才强省工程。优化提升英才计划。深入开展人才行活动。加快集聚战略科技人才。健全人才引育留用机制。"
        "新培育高技能人才12万人。\n"
        "（三）扩大有效需求。社会消费品零售总额增长5%。\n"
    )
    brief = read_brief(
        "请根据某省2026年政府工作报告“（二）推进教育科技人才一体发展”部分起草讲话，约120字，"
        "依次讲：一是“提升教育服务能力”，二是“实施人才强省工程”，三是“加强产学研融合”。"
    )
    parts = plan_parts(brief, _gather_report(text, brief), 120, own_voice=False)
    assert [p.heading for p in parts] == ["提升教育服务能力", "实施人才强省工程", "加强产学研融合"]
    assert "深入开展人才行活动" in [f.text for f in parts[1].facts]


def test_the_facts_gathered_do_not_depend_on_the_hash_seed() -> None:
    """Words of equal weight were ordered by set iteration, so a run of the same request picked another clause
    under another hash seed; they are taken in the order the request writes them."""
    script = (
        "from assistant.draft.gather import _rarity\n"
        "words = ['丙丁', '甲乙', '戊己', '庚辛', '壬癸']\n"
        "print(list(_rarity([set(words), {'甲乙'}])(words)))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
        ).stdout
        for seed in range(4)
    }
    assert len(runs) == 1, runs


def test_a_key_point_naming_an_item_of_the_report_takes_the_whole_item() -> None:
    """ "写明…营商环境改革" names the item "三是营商环境改革纵深推进": its sentences state the figures without
    repeating its name ("新增减税降费8.1亿元"), so they come with it; a key point as common as 教育, which heads
    several items, names none of them."""
    text = (
        "一、2025年工作回顾\n二是产业升级步伐加快。新增规上工业企业300家。\n"
        "三是营商环境改革纵深推进。出台支持企业发展18条措施。新增减税降费8.1亿元，压减审批时限40%。"
        "上线“一件事一次办”事项26项。\n四是教育事业全面发展。新建中小学12所。\n五是职业教育提质增效。新增实训基地5个。\n"
        "二、2026年工作安排\n（三）深化营商环境改革。力争审批时限再压减10%。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草一段某省2025年工作综述，约300字，写明营商环境改革、教育的主要数字。"
    )
    assert "营商环境改革" in brief.points
    facts = _report_facts(text, brief)
    assert {"新增减税降费8.1亿元", "压减审批时限40%", "上线“一件事一次办”事项26项"} <= set(facts)
    assert not any("再压减" in f for f in facts), "the item of the plans is another year's"
    assert "新增实训基地5个" not in facts, "教育 heads two items: it names neither whole"


def test_a_key_point_naming_the_lead_of_a_paragraph_takes_the_paragraph() -> None:
    """A report's plans lead a paragraph with a short sentence ("推进美丽河湖建设。…"): a key point naming it
    takes the paragraph's sentences, figure or not, not the next paragraph's."""
    text = (
        "二、2026年重点工作\n（五）建设美丽家园\n"
        "推进美丽河湖建设。治理中小河流200公里，建成滨水绿道60公里。实施湿地修复工程。\n"
        "加快建设森林城市。新增造林面积3万亩。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告，起草一段某省2026年生态建设工作安排，约200字，写明美丽河湖的任务。")
    assert brief.points == ("美丽河湖",), "的任务 says what to write of it"
    facts = _report_facts(text, brief)
    assert {"治理中小河流200公里", "建成滨水绿道60公里", "实施湿地修复工程"} <= set(facts)
    assert not any("造林" in f for f in facts)


def test_the_items_a_request_names_by_number_in_a_quoted_list_join_the_named_section() -> None:
    """ "参照附表“2026年8项惠民工程”第二、三项": the list's items are the numbered headings after its title, and those
    two bring their clauses beside the section named; the other items, and a 二、 of the body, do not."""
    text = (
        "二、2026年重点工作\n（一）办好民生实事\n"
        "持续改善农村面貌。推进农村改厕，完善垃圾收运体系。\n"
        "二、全面从严治党\n加强廉政建设。\n"
        "附表\n2026年8项惠民工程\n一、稳定就业\n年度目标：城镇新增就业5万人。\n"
        "二、改善农村人居环境\n年度目标：农村卫生户厕普及率达到80%。\n"
        "三、建设农村公路\n年度目标：新改建农村公路600公里。\n"
        "四、关爱老年人\n年度目标：新增养老床位900张。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，以“持续改善农村面貌”一段为主，参照附表“2026年8项惠民工程”第二、三项，"
        "起草一段工作安排，约300字。"
    )
    assert brief.numbered == (("2026年8项惠民工程", (2, 3)),)
    facts = _report_facts(text, brief)
    assert "推进农村改厕" in facts
    assert any("农村卫生户厕普及率达到80%" in f for f in facts) and any("新改建农村公路600公里" in f for f in facts)
    assert not any("就业" in f or "养老" in f or "廉政" in f for f in facts)


def test_a_long_article_cited_for_two_rules_keeps_the_sentence_of_each() -> None:
    """ "关于保障图书馆免费开放、不得出租馆舍的条款": both rules sit in one long article, each in its own sentence;
    the article is quoted by its sentences on the subject, and the second rule's sentence is one of them."""
    article = (
        "第十五条 县级以上人民政府应当保障公共图书馆免费开放，将所需经费列入本级预算。"
        "公共图书馆应当根据读者需求合理安排开放时间，在公休日和法定节假日开放，并向社会公告开放时间。"
        "公共图书馆应当为老年人、残疾人和未成年人提供便利，设置专门阅览区域，配备适宜的设施设备。"
        "公共图书馆应当加强馆藏文献信息的收集、整理和保护，建立健全文献信息资源共建共享机制。"
        "公共图书馆应当定期开展阅读推广活动，联合学校、社区和志愿服务组织，培养全民阅读习惯。"
        "图书馆免费开放的服务项目包括文献借阅、讲座展览和数字阅读，保障免费开放所需人员。"
        "乡镇图书馆分馆应当与县级图书馆统一开放，保障免费开放时间不少于县级图书馆。"
        "县级图书馆应当在农忙时节调整开放安排，保障免费开放服务覆盖农村读者和外出务工人员家庭。"
        "公共图书馆不得出租馆舍用于与其功能无关的经营活动。"
    )
    text = f"第一章 总则\n第一条 为了促进公共图书馆事业发展，制定本条例。\n第二章 服务\n{article}\n"
    meta = DocMeta(2030, "全国", "某部", "法律")
    brief = read_brief(
        "起草一段某县图书馆工作总结，按照《公共图书馆条例》关于保障图书馆免费开放、不得出租馆舍的条款（写明条号）说明依据"
    )
    assert len(brief.articles) == 2
    facts = _gather_whole(brief, text, "公共图书馆条例", meta, "authority").facts
    assert {f.article for f in facts} == {"第十五条"}
    assert any("不得出租馆舍" in f.text for f in facts)


def test_a_key_point_naming_a_part_with_items_of_its_own_takes_the_part() -> None:
    """ "教师队伍建设" names "（二）建强教师队伍，提升育人水平", whose items ("一是加强师德建设。…") never repeat its
    words: the point takes the part with its items, where no single item matches it."""
    text = (
        "一、主要工作\n（一）优化资源配置。新建学校2所，改造校舍1.2万平方米。\n"
        "（二）建强教师队伍，提升育人水平\n一是加强师德建设。开展师德培训18场，查处违规问题2起。\n"
        "二是培养骨干教师。选拔骨干教师60名。\n（三）深化评价改革。出台学生综合素质评价办法。\n"
    )
    brief = read_brief("以某县教育局局长述职报告为据，起草一段年度工作总结，约300字，按资源配置、教师队伍建设几点列写")
    assert brief.points == ("资源配置", "教师队伍建设")
    facts = _gather_own_report(text, brief, "某县教育局")
    assert {"开展师德培训18场", "查处违规问题2起", "选拔骨干教师60名"} <= set(facts)
    assert not any("评价办法" in f for f in facts)


def test_a_run_in_heading_followed_by_another_of_its_kind_holds_the_paragraphs_between() -> None:
    """A plan's item runs on over paragraphs led by short sentences ("（一）抓投资。…\\n要谋划好项目。…\\n（二）…"):
    they are the item's, up to the next of its kind; after the last item they are the part's (see above)."""
    doc = _text(
        "二、2026年工作安排\n（一）抓投资扩需求。全年投资增长8%左右。\n要谋划好项目。确保交通投资超过500亿元。\n"
        "要加快项目建设。建成某某高铁。\n（二）促消费惠民生。社会消费品零售总额增长5%。\n"
    )
    [section] = doc.find("抓投资扩需求")
    clauses = [c.text for c in doc.within(section)]
    assert "确保交通投资超过500亿元" in clauses and "建成某某高铁" in clauses
    assert not any("社会消费品" in c for c in clauses), "the next item is its own"


def test_a_named_section_keeps_first_what_the_key_points_name_lead_sentences_and_all() -> None:
    """A section holding more than the length asked ("写明市场主体、民生的主要数字" of a paragraph of many items,
    each led by a short sentence without a figure): the sentences the points' leads lead are the points', and
    what no point names goes first when the facts are cut to the length."""
    text = (
        "一、2025年工作回顾\n（一）质效稳步提升。市场主体活力增强。总量达100万户，新登记10万户。生态环境更加优美。"
        "空气优良天数比率达85%，细颗粒物浓度30微克/立方米。民生保障有力。城镇新增就业20万人。"
        "文旅消费增长8%，接待游客5000万人次。\n（二）改革持续深化。\n"
    )
    brief = read_brief(
        "撰写一段某省2025年工作摘编，以某省2026年政府工作报告“质效稳步提升”一段为据，约60字，写明市场主体、民生的主要数字。"
    )
    facts = list(_gather_report(text, brief).facts)
    points = {f.text: f.point for f in facts}
    assert points["总量达100万户"] == 0 and points["城镇新增就业20万人"] == 1
    assert points["空气优良天数比率达85%"] == -1
    kept = [f.text for f in fit(facts, 40)]
    assert "总量达100万户" in kept and "城镇新增就业20万人" in kept
    assert "空气优良天数比率达85%" not in kept, "what no point names goes first"


def test_a_key_point_answered_by_the_opening_of_a_list_takes_the_whole_list() -> None:
    """ "今年主要预期目标是：增长5%左右；新增就业…；…。" is one statement, though the text splits it at ；: the point
    that finds its opening finds every target."""
    text = (
        "二、2026年工作安排\n今年主要预期目标是：地区生产总值增长5%左右；城镇新增就业30万人以上；"
        "粮食产量600亿斤以上；居民消费价格涨幅2%左右。\n各地要抓好落实。全年新建公园10个。\n"
    )
    brief = read_brief("根据某省2026年政府工作报告，起草一段某省2026年工作安排，约200字，写明今年主要预期目标。")
    facts = _report_facts(text, brief)
    assert {"城镇新增就业30万人以上", "粮食产量600亿斤以上", "居民消费价格涨幅2%左右"} <= set(facts)
    assert "全年新建公园10个" not in facts, "the list ends at its full stop"


def test_one_item_a_key_point_names_is_stressed_and_the_section_keeps_its_other_items() -> None:
    """ "写明安全教育的主要数字" of a section written 一是…二是…: the item named comes first, and the other item,
    which the point may mean in other words, stays in the section; two items named leave out the rest."""
    text = (
        "（二）抓实队伍建设，筑牢安全底线\n一是加强安全教育。开展应急演练40场，覆盖学生2万人次。\n"
        "二是提升教师能力。培训骨干教师90名，新增学科带头人12名。\n三是改善办学条件。新建食堂3个。\n"
    )
    one = read_brief("起草述职报告中“抓实队伍建设，筑牢安全底线”一节，约300字，写明安全教育的主要数字。")
    facts = _gather_own_report(text, one, "某县教育局")
    assert "开展应急演练40场" in facts and "培训骨干教师90名" in facts
    two = read_brief("起草述职报告中“抓实队伍建设，筑牢安全底线”一节，约300字，写明安全教育、教师能力的主要数字。")
    facts = _gather_own_report(text, two, "某县教育局")
    assert "培训骨干教师90名" in facts and "新建食堂3个" not in facts


def test_in_a_whole_report_a_lead_answering_a_key_point_brings_its_first_figures() -> None:
    """ "按财政收支、对外开放两个方面各选一两个数字": the report opens each aspect with a short sentence without a
    figure ("财政运行总体平稳。"); the sentence after it states the aspect's figures, the next ones go on."""
    text = (
        "一、2025年工作回顾\n过去一年，全省上下攻坚克难。财政运行总体平稳。一般公共预算收入增长3.2%，民生支出占比78%。"
        "新增减税降费120亿元。对外开放持续扩大。进出口总额增长6.5%。新设外资企业900家。\n"
        "二、2026年工作安排\n全力稳住财政运行。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草一段某省2025年经济运行综述，约150字，按财政收支、对外开放两个方面各选一两个数字。"
    )
    facts = _report_facts(text, brief)
    assert {"一般公共预算收入增长3.2%", "民生支出占比78%", "进出口总额增长6.5%"} <= set(facts)
    assert "新增减税降费120亿元" not in facts and "新设外资企业900家" not in facts


def test_an_item_run_in_a_paragraph_that_states_a_figure_is_a_statement() -> None:
    """ "二是新建村级图书室12个。" names its item and states its figure: its words are no heading's."""
    doc = _text("（一）文化惠民。今年办好三件实事。一是新建村级图书室12个。二是开展送戏下乡。\n")
    words = {c.text: c.heading for c in doc.clauses}
    assert words["一是新建村级图书室12个"] is False
    assert words["二是开展送戏下乡"] is True, "an item without a figure is still its label"


def test_a_sentence_counting_the_subjects_things_brings_the_items_it_announces() -> None:
    """ "办好三件民生实事。一是…二是…三是…": the items are the 民生实事 asked about though none names them; a
    review's results and the next paragraph are not, nor are the items of a count of other things."""
    text = (
        "一、2025年工作回顾\n民生实事全面完成，新建村级图书室10个。\n"
        "二、2026年重点工作\n今年，将继续办好三件民生实事。一是新建村级图书室12个。"
        "二是为5000名老年人免费体检。三是改造农村公路120公里。\n"
        "推进产业发展。建设两个园区。一是建成物流园区1个。二是建成科创园区1个。\n"
    )
    brief = read_brief("以某省2026年政府工作报告为据，写某省2026年三件民生实事，约200字，这里只写今年的部署")
    facts = _report_facts(text, brief)
    # without the report's numbering: a draft taking some of them numbers its own
    assert facts[1:] == ["新建村级图书室12个", "为5000名老年人免费体检", "改造农村公路120公里"]


def test_a_key_point_is_read_without_the_kind_of_account_it_asks_for() -> None:
    """ "蔬菜生产目标": a report states the target without the word 目标 ("全年蔬菜种植面积…"), so the clause covers
    the point wholly (score 2: one and its whole cover), as high as a clause answering a point can."""
    text = (
        "二、2026年重点工作\n抓好蔬菜生产。落实蔬菜保供责任，完善蔬菜冷链设施。全年蔬菜种植面积900万亩、产量60亿斤"
        "以上。实现乡村建设目标，新建村级服务中心20个。\n"
    )
    brief = read_brief("以某省2026年政府工作报告为据，写明蔬菜生产目标和村级服务中心建设，约80字")
    facts = {f.text: (f.point, f.score) for f in _gather_report(text, brief).facts}
    assert facts["全年蔬菜种植面积900万亩、产量60亿斤以上"] == (0, 2.0)


def test_a_clause_saying_what_a_figure_did_brings_the_figure_before_it() -> None:
    text = "一、2025年工作回顾\n风险防控有力。发行再融资债券50亿元，有效缓释地方债务风险。\n"
    brief = read_brief("以某省2026年政府工作报告为据，写2025年化解债务风险的情况，约100字")
    facts = _report_facts(text, brief)
    assert facts[-2:] == ["发行再融资债券50亿元", "有效缓释地方债务风险"]


def test_a_key_point_quoting_an_item_of_a_part_not_asked_for_takes_the_item() -> None:
    """A request about last year's results that also asks for "2026年报告“就业护航工程”的新安排" names that item of
    the plans by its title: it comes whole though the plans are not the part asked about; an unquoted point on the
    same subject stays in the review. A point that only names the kind of account (完成情况) finds nothing."""
    text = (
        "一、2025年工作回顾\n稳岗就业成效明显。城镇新增就业7.2万人，零工市场新增12家。\n"
        "二、2026年重点工作\n一是实施就业护航工程。开发公益性岗位3000个，城镇新增就业7.5万人以上。\n"
        "二是完善社会保障。城乡居民基础养老金提高20元。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，写一段某省2025年就业完成情况，约300字，写出城镇新增就业的安排和完成情况，"
        "再简要写出2026年报告“就业护航工程”的新安排。"
    )
    assert "完成" not in brief.points
    facts = _report_facts(text, brief)
    assert {"城镇新增就业7.2万人", "开发公益性岗位3000个", "城镇新增就业7.5万人以上"} <= set(facts)
    assert not any("养老金" in f for f in facts), "the plans' other items are not asked for"


def test_a_first_sentence_with_a_comma_leads_only_for_a_title_written_with_one() -> None:
    """A key point of a few words ("教师队伍建设") names the part headed "建强教师队伍，提升育人水平" and takes its
    items; a paragraph opening "教师队伍结构持续优化，…。" elsewhere is no second lead for it (a comma lead is one only
    for a title asked with its comma), so the point still picks out one part."""
    text = (
        "一、2025年工作回顾\n（一）推进集团化办学。组建3个教育集团。\n（二）建强教师队伍，提升育人水平\n"
        "一是加强师德建设。开展师德培训20场。\n二是培养骨干教师。选拔骨干教师80名。\n"
        "（三）优化资源配置\n教师队伍结构持续优化，城乡学校交流更加顺畅。新建学校4所。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草一段某省2025年教育工作综述，约300字，写明教师队伍建设的主要数字。"
    )
    facts = _report_facts(text, brief)
    assert {"开展师德培训20场", "选拔骨干教师80名"} <= set(facts)


def test_a_key_point_naming_an_indicator_in_everyday_words_finds_it_under_the_reports_name() -> None:
    """ "经济增长" and "财政收入" are written 地区生产总值 and 一般公共预算收入 where a report states their figures; the
    point's own words find only a clause that mentions them in passing (与经济增长基本同步)."""
    text = (
        "一、过去一年主要工作\n（一）经济运行稳中向好。全省地区生产总值增长5.3%，一般公共预算收入增长4.2%，"
        "粮食产量300亿斤。\n（二）民生保障有力。居民人均可支配收入增长5%，与经济增长基本同步。基层财政运行总体平稳。\n"
        "二、今年主要工作\n（一）扩大有效需求。\n"
    )
    brief = read_brief(
        "根据某省2026年政府工作报告，起草某省2025年经济运行综述一段，约200字，写明经济增长、财政收入和粮食等数字。"
    )
    assert {"经济增长", "财政收入"} <= set(brief.points)
    facts = _report_facts(text, brief)
    assert any("地区生产总值增长5.3%" in f for f in facts)
    assert any("一般公共预算收入增长4.2%" in f for f in facts)
