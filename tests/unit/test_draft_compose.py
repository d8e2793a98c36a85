"""Putting a drafted paragraph right: each fact once and in the document's words, the length kept,
whose words each sentence restates said, and official punctuation outside quotations."""

from __future__ import annotations

from dataclasses import replace

from assistant.draft.compose import Group, lengthen, once, previews, snap, splice, trim
from assistant.draft.documents import AUTHORITY, OTHER, OWN, Source
from assistant.draft.gather import Fact
from assistant.draft.ground import Quote
from assistant.draft.plan import dedupe, fit
from assistant.draft.prose import official, visible_length
from assistant.draft.voice import settle_voice
from assistant.types import Chunk, Citation, DocMeta

COUNTY = Source(
    "county.txt", "县教育局局长2025年度述职述责述廉报告", DocMeta(2025, None, "县教育局局长", "述职报告"), OWN
)
LAW = Source(
    "yiwu.md", "中华人民共和国义务教育法", DocMeta(2018, "全国", "全国人民代表大会常务委员会", "法律"), AUTHORITY
)
MEIYU = Source(
    "meiyu.txt",
    "国务院办公厅关于全面加强和改进学校美育工作的意见",
    DocMeta(2015, "全国", "国务院办公厅", "意见"),
    AUTHORITY,
)
CHONGQING = Source(
    "cq.txt", "重庆市2026年政府工作报告", DocMeta(2026, "重庆市", "重庆市人民政府", "政府工作报告"), OTHER
)
CHUNK = Chunk("county.txt", 4, "", (), 0, 0)


def _fact(text: str, sentence: int, score: float = 1.0, item: str = "", source: Source = COUNTY) -> Fact:
    return Fact(text, source, CHUNK, sentence * 10, sentence, item, score)


def test_each_fact_once() -> None:
    facts = [
        _fact("组建4个教育集团", 1),
        _fact("覆盖12所农村薄弱学校", 1),
        _fact("组建4个教育集团，覆盖12所农村薄弱学校", 2),
        _fact("深化集团化办学改革，组建了4个教育集团", 3),
        _fact("推荐15名教师参评市级名师", 4),
        _fact("对15名教学实绩突出的教师实行“直聘”激励", 5),
    ]
    kept = [f.text for f in dedupe(facts)]
    assert kept == [
        "组建4个教育集团",
        "覆盖12所农村薄弱学校",
        "推荐15名教师参评市级名师",
        "对15名教学实绩突出的教师实行“直聘”激励",
    ], "the same figure of another thing (15名) is another fact"
    shares = [_fact("组建4个教育集团", 5), _fact("其中，教师占30%", 6), _fact("家长占30%", 6)]
    shares += [
        _fact("学生就读初中3年、高中4年", 7),
        _fact("学生就读初中3年、高职2年", 8),
        _fact("组建了4个教育集团", 9),
    ]
    assert [f.text for f in dedupe(shares)] == [f.text for f in shares[:5]], (
        "a figure's own digits (30%) say nothing of what it is said of; other figures beside a shared one (3年 with "
        "2年) are another statement; the same figure of the same words is the same fact"
    )
    stated: list = []
    text, removed = once("一是组建4个教育集团，覆盖12所农村薄弱学校[1]。", stated)
    again, removed = once(
        "二是深化集团化办学，组建4个教育集团，集团内合格率提升18%[1]。三是组建4个教育集团[1]。", stated
    )
    assert again == "二是深化集团化办学，集团内合格率提升18%[1]。" and removed == 2
    # the model's restatement with a figure of its own is the same fact again (the figure is marked later)
    stated = []
    once("护理型床位占比提升至76.4%[2]。", stated, {"76.4%"})
    text, removed = once("护理型床位占比从60%提升至76.4%[2]。", stated, {"76.4%"})
    assert (text, removed) == ("", 1)


def test_a_clause_saying_again_how_the_clause_before_it_ends_goes() -> None:
    """The small model stutters ("…增长37%，增长37%"): the second clause goes however short."""
    text, removed = once("蔬菜产量突破90万吨、增长37%，增长37%[1]。", [])
    assert (text, removed) == ("蔬菜产量突破90万吨、增长37%[1]。", 1)
    text, removed = once("花卉产值实现翻番，实现翻番[2]。", [])
    assert (text, removed) == ("花卉产值实现翻番[2]。", 1)


def test_a_clause_only_naming_again_a_measure_already_named_goes() -> None:
    stated: list = []
    once("全面推行“课堂积分制”“错题档案”，开设兴趣社团38个[1]。", stated)
    text, removed = once("我们通过实施“课堂积分制”，学生每周阅读时长达到5小时[1]。", stated)
    assert (text, removed) == ("学生每周阅读时长达到5小时[1]。", 1)
    text, removed = once("推行“走班选课”，开设选修课程12门[1]。", stated)
    assert removed == 0, "a name not stated before is new"


def test_the_facts_fit_the_length_sentence_by_sentence() -> None:
    facts = [
        _fact("推动党的创新理论进校园、进课堂、进头脑", 1),
        _fact("组建宣讲团深入校园开展专题宣讲32场", 2),
        _fact("覆盖师生1.2万人次", 2),
        _fact("增强“四个意识”", 3, score=0.3),
        _fact("坚定“四个自信”", 3, score=0.3),
    ]
    kept = fit(facts, 45)
    assert [f.text for f in kept] == ["组建宣讲团深入校园开展专题宣讲32场", "覆盖师生1.2万人次"], (
        "the sentences that fit least go first, a figure's last; no clause is left without its sentence"
    )

    long = ["一是加强师德师风建设。" + "开展师德专题培训25场[1]。" * 6 + "营造风清气正的育人环境[1]。"]
    trimmed = trim(long, [_fact("开展师德专题培训25场", 1)], 60)
    assert 0.85 * 60 <= visible_length(trimmed[0]) <= 1.15 * 60 and trimmed[0].startswith("一是加强师德师风建设。")
    assert "营造风清气正" not in trimmed[0], "a sentence stating no fact goes first"
    long_fact = "组织全县教师集中学习师德规范并逐校签订师德承诺书，实现全县中小学师德承诺全覆盖"
    over = ["一是加强师德师风建设。开展师德专题培训25场[1]。查处违反师德行为3起[1]。" + long_fact + "[1]。"]
    facts = [_fact("开展师德专题培训25场", 1), _fact("查处违反师德行为3起", 1), _fact(long_fact, 1, score=0.5)]
    kept = trim(over, facts, 60)[0]
    assert long_fact in kept and "查处违反师德行为3起" not in kept, "the long fact's leaving would make it too short"
    assert 0.85 * 60 <= visible_length(kept) <= 1.15 * 60
    far_over = ["一是加强师德师风建设。" + "，".join([long_fact] * 4) + "[1]。"]
    assert trim(far_over, facts, 60) == ["一是加强师德师风建设。"], "leaving it out comes nearer the length asked"
    reserve = [_fact("引进省级名师3名", 7)]
    short = lengthen(["二是深化集团化办学改革，组建4个教育集团[1]。"], reserve, [Citation(1, CHUNK)], 40)
    assert short[0].endswith("引进省级名师3名[1]。"), "a short draft grows by facts, not by padding"


def test_a_fact_the_draft_already_states_in_other_words_does_not_lengthen_it() -> None:
    """The model wrote "惠及全县3.5万名学生" where the passage says "3.5万名学生受益": the words are not found in the
    draft, but the fact is there, and adding it would state it twice; a fact of its own still lengthens the draft."""
    paragraphs = ["据某市政府工作报告，推进课后服务全覆盖，惠及全县3.5万名学生[1]。"]
    reserve = [_fact("全县3.5万名学生受益", 7), _fact("新建标准化食堂6个", 8), _fact("做好政府工作", 9)]
    longer = lengthen(paragraphs, reserve, [Citation(1, CHUNK)], 80)[0]
    assert "受益" not in longer, ("the same figure of the same students is stated once", longer)
    assert longer.endswith("新建标准化食堂6个[1]。做好政府工作[1]。"), (
        "a fact of its own lengthens the draft, and so do words a clause naming the source happens to share",
        longer,
    )
    five_years = _fact("地区生产总值年均增长5%以上", 3)
    longer = lengthen(["地区生产总值增长5%左右[1]。"], [five_years], [Citation(1, CHUNK)], 40)[0]
    assert longer.endswith("地区生产总值年均增长5%以上[1]。"), ("this year's 5%左右 is not a five-year 5%以上", longer)


def test_a_sentence_kept_for_a_key_point_sheds_the_clauses_no_point_asks_for_when_still_too_long() -> None:
    """Each sentence is the last of its key point ("写明地铁里程、公交线路"), so none can go whole: the clauses no
    point asks for go instead, but not one the next clause goes on from ("增长8%" says nothing alone)."""
    facts = [
        replace(_fact("老城区主干道完成改造", 1), score=1.0),
        replace(_fact("地铁运营里程达到120公里", 1, score=2.0), point=0),
        replace(_fact("新开通公交线路15条", 2, score=2.0), point=1),
        replace(_fact("公交日均客运量达到80万人次", 2), score=1.0),
        _fact("增长8%", 2),
    ]
    kept = [f.text for f in fit(facts, 48)]
    assert kept == ["地铁运营里程达到120公里", "新开通公交线路15条", "公交日均客运量达到80万人次", "增长8%"]
    kept = [f.text for f in fit(facts, 30)]
    assert kept == ["地铁运营里程达到120公里", "新开通公交线路15条", "公交日均客运量达到80万人次"]


def test_the_last_sentence_stating_a_key_point_stays_when_the_draft_is_trimmed() -> None:
    """A draft over the length asked loses the sentences of a point stated twice before the one sentence of
    another point, even when that one is the last and fits the request a little less."""
    metro = [
        replace(_fact("地铁运营里程达到120公里", 1, score=2.0), point=0),
        replace(_fact("新建地铁车站12座", 2, score=2.0), point=0),
    ]
    bus = replace(_fact("新开通公交线路15条", 3, score=1.6), point=1)
    draft = ["全市交通建设加快推进。地铁运营里程达到120公里[1]。新建地铁车站12座[1]。新开通公交线路15条[1]。"]
    kept = trim(draft, [*metro, bus], 34)[0]
    assert "新开通公交线路15条" in kept and "新建地铁车站12座" not in kept
    assert visible_length(kept) <= 1.15 * 34


def test_a_draft_of_several_parts_is_trimmed_from_the_part_with_the_most_sentences() -> None:
    """A policy's items drafted as parts, none with a figure: of sentences fitting as well, the long first part
    gives one up before the short second part loses its second requirement."""
    first = ["配齐专职心理教师", "建立心理辅导室", "开展心理健康普查", "组织家长课堂"]
    second = ["完善校园安全制度", "小规模学校按需配备安保设施"]
    facts = [_fact(text, n) for n, text in enumerate([*first, *second], 1)]
    draft = ["".join(f"{t}[1]。" for t in first), "".join(f"{t}[2]。" for t in second)]
    kept = trim(draft, facts, 44)
    assert "小规模学校按需配备安保设施" in kept[1] and len([s for s in first if s in kept[0]]) < len(first)
    assert visible_length("".join(kept)) <= 1.15 * 44


def test_the_last_sentence_of_an_article_the_request_cites_stays_when_the_facts_are_trimmed() -> None:
    """A request citing a law (关于…的条款) needs its article though a report's figures outrank it."""
    facts = [
        _fact("新建公办幼儿园12所", 1, score=1.5),
        _fact("新增学位3000个", 2, score=1.5),
        _fact("县级人民政府应当合理配置教育资源", 3, item="第六条", source=LAW),
    ]
    kept = [f.text for f in fit(facts, 30)]
    assert "县级人民政府应当合理配置教育资源" in kept and len(kept) == 2


def test_a_sentence_stating_a_cited_article_stays_when_the_draft_is_trimmed() -> None:
    article = "县级人民政府应当合理配置教育资源"
    report = ["新建公办幼儿园12所", "新增学位3000个", "改造薄弱学校20所", "培训校长400人次", "建成智慧教室90间"]
    draft = [
        "一是扩大学位供给。" + "".join(f"{r}[1]。" for r in report) + "《义务教育法》第六条规定，" + article + "[2]。"
    ]
    facts = [_fact(r, n, score=1.5) for n, r in enumerate(report, 1)] + [_fact(article, 9, item="第六条", source=LAW)]
    kept = trim(draft, facts, 70)[0]
    assert article in kept and visible_length(kept) < visible_length(draft[0])
    more = "县级人民政府应当改善薄弱学校的办学条件并采取措施保障农村地区实施义务教育"
    longer = [draft[0] + more + "[2]。"]
    kept = trim(longer, [*facts, _fact(more, 10, item="第六条", source=LAW)], 70)[0]
    assert article in kept and more not in kept, "the first sentence of the article stays, not every one"


def test_a_fact_lengthening_a_draft_goes_to_its_documents_paragraph_and_a_period_is_written_once() -> None:
    """Two provinces' paragraphs: the plans of the first province's report join its own paragraph (not the
    other one that shares more words), and two of its clauses opening with 下一步 make one sentence."""
    anhui, fujian = Chunk("ah.txt", 3, "", (), 0, 0), Chunk("fj.txt", 5, "", (), 0, 0)
    paragraphs = ["一是据安徽省报告，新增普通高中学位5.8万个[1]。", "二是据福建省报告，学前教育普惠率达到92%[2]。"]
    reserve = [
        replace(_fact("加快学前教育普及普惠", 8, score=0.2), chunk=anhui, lead="下一步，将"),
        replace(_fact("扎实推进县中振兴", 9, score=0.2), chunk=anhui, lead="下一步，将"),
    ]
    longer = lengthen(paragraphs, reserve, [Citation(1, anhui), Citation(2, fujian)], 120)
    assert longer[0].endswith("新增普通高中学位5.8万个[1]。下一步，将加快学前教育普及普惠；扎实推进县中振兴[1]。")
    assert longer[1] == paragraphs[1]


def test_a_paraphrase_becomes_the_documents_words_and_a_missing_fact_is_added() -> None:
    facts = [
        _fact("全年主持局党组理论学习中心组集中学习15次", 1),
        _fact("专题研讨6次", 1),
        _fact("带头撰写心得体会8篇", 1),
        _fact("组建宣讲团深入校园开展专题宣讲32场", 2),
        _fact("覆盖师生1.2万人次", 2),
    ]
    written = snap("我全年主持局党组理论学习中心组集中学习了15次，专题研讨6次。我们组建宣讲团开展专题宣讲32场。", facts)
    assert "全年主持局党组理论学习中心组集中学习15次" in written
    groups = [Group(tuple(facts[:3]), 1), Group(tuple(facts[3:]), 1)]
    spliced, added = splice(written, groups)
    assert added == 2 and "带头撰写心得体会8篇[1]。" in spliced and spliced.endswith("覆盖师生1.2万人次[1]。")
    assert spliced.index("带头撰写心得体会8篇") < spliced.index("宣讲32场"), "added after the fact before it"


def test_whose_words_each_sentence_restates() -> None:
    sources = {1: COUNTY, 2: MEIYU, 3: LAW, 4: CHONGQING}
    settled = settle_voice(
        "我们实施“名师培养工程”，选拔培养骨干教师120名[1]。二是我们深入贯彻落实国务院办公厅意见，遵循艺术人才成长规律，"
        "培养艺术专门人才[2]。第十二条规定，适龄儿童、少年免试入学[3]。我们严格执行免试就近入学政策，保障就近入学[1][3]。",
        sources,
        own_voice=True,
    )
    text = settled.text
    assert "我们实施“名师培养工程”" in text, "the writer's own work stays in the first person"
    assert "《国务院办公厅关于全面加强和改进学校美育工作的意见》提出，" in text and "我们深入贯彻" not in text
    assert "《义务教育法》第十二条规定，适龄儿童、少年免试入学[3]。" in text
    assert "按照《义务教育法》要求，我们严格执行" in text
    assert settled.rewritten == 3
    about_others = settle_voice(
        "五年来，我们坚持以人为本，新增学位10万个[4]。新增本科高校3所[4]。我们将继续努力。", sources, own_voice=False
    )
    assert (
        about_others.text
        == "据重庆市2026年政府工作报告，五年来，重庆市坚持以人为本，新增学位10万个[4]。新增本科高校3所[4]。"
    )
    assert about_others.dropped == 1, "the first person about nothing the documents say goes"


def test_official_punctuation_outside_quotations() -> None:
    assert (
        official("改扩建农村学校5所,新增公办义务教育学位3200个;推进公办园建设[1]。")
        == "改扩建农村学校5所，新增公办义务教育学位3200个；推进公办园建设[1]。"
    )
    assert (
        official("共1,234人,8:30开始,学生平均1 小时内(含课后服务)。")
        == "共1,234人，8:30开始，学生平均1小时内（含课后服务）。"
    )
    assert (
        official("组织开展“学思想,强党性”主题教育,《关于(试行)的通知》。")
        == "组织开展“学思想,强党性”主题教育，《关于(试行)的通知》。"
    )
    assert official("１２所学校") == "12所学校" and visible_length("一是[1][2]。\n【待核实：99场】") == 6


def test_a_clause_announcing_what_the_draft_then_states_goes() -> None:
    """The model's list of what follows ("包括…、…以及…等") states each fact a second time."""
    draft = (
        "某市全年民生工作成效明显，包括新建城市书房、开通社区食堂以及完成老旧小区改造等[1]。"
        "新建城市书房12家[1]。开通社区食堂30个[1]。完成老旧小区改造156个[1]。"
    )
    quotes = [Quote("新建城市书房12家，开通社区食堂30个，完成老旧小区改造156个。", 1)]
    text, removed = previews(draft, quotes)
    assert text.startswith("某市全年民生工作成效明显[1]。新建城市书房12家[1]。") and removed == 1


def test_a_list_the_draft_does_not_state_item_by_item_or_the_documents_own_list_stays() -> None:
    partly = "某市在文化、体育和养老服务方面取得进展[1]。新建城市书房12家，开通社区食堂30个[1]。"
    assert previews(partly, []) == (partly, 0)  # 文化, 体育: too short to tell; 养老服务 is not stated
    own = "全面推进城市书房、社区食堂建设[1]。新建城市书房12家，开通社区食堂30个[1]。"
    assert previews(own, [Quote("全面推进城市书房、社区食堂建设。", 1)]) == (own, 0)


def test_a_sentence_left_with_its_connective_alone_goes() -> None:
    stated: list = []
    once("新建城市书房12家[1]。", stated)
    text, removed = once("同时，新建城市书房12家[1]。开通社区食堂30个[1]。", stated)
    assert text == "开通社区食堂30个[1]。" and removed == 1


def test_a_clause_saying_a_facts_words_without_its_figures_becomes_the_fact() -> None:
    """A small model writes "门诊预约就诊率高" for "门诊预约就诊率、电子病历使用率分别达86.5%、92.1%": the
    document's clause, figures and all, comes back; a clause on something else, or a fact of few words, does not."""
    facts = [
        _fact("门诊预约就诊率、电子病历使用率分别达86.5%、92.1%", 1),
        _fact("新增床位300张", 2),
        _fact("基层诊疗量占比稳步提高", 3),
    ]
    written = snap("我们门诊预约就诊率、电子病历使用率高，群众满意。新增床位，改善就医条件。", facts)
    assert "门诊预约就诊率、电子病历使用率分别达86.5%、92.1%" in written
    assert "新增床位，改善就医条件" in written, "新增床位 is too few words to stand for its fact"
    assert "群众满意" in written


def test_a_clause_stating_part_of_a_fact_becomes_the_whole_fact_so_the_figure_is_said_once() -> None:
    """The small model ties "惠及320万人" to its own words, or to the fact's words in the clause before; adding the
    fact whole after the sentence would say 320万人 twice."""
    facts = [
        _fact("推进全民参保", 1),
        _fact("连续2年提高城乡居民医保财政补助标准、惠及320万人", 1),
        _fact("新增参保12.5万人", 1),
    ]
    group = [Group(tuple(facts), 1)]
    for written, expected in [
        (
            "我们扎实推进民生保障，惠及320万人[1]。",
            "我们扎实推进民生保障，连续2年提高城乡居民医保财政补助标准、惠及320万人[1]。",
        ),
        (
            "一是提高城乡居民医保财政补助标准和企业职工基本养老保险参保人数，惠及320万人[1]。",
            "一是连续2年提高城乡居民医保财政补助标准、惠及320万人[1]。",
        ),
    ]:
        snapped = snap(written, facts)
        assert snapped == expected
        spliced, added = splice(snapped, group)
        assert spliced.count("320万人") == 1 and added == 2 and "新增参保12.5万人" in spliced


def test_a_figure_tied_to_the_fact_beside_its_own_goes_back_to_its_own() -> None:
    """The small model merges two facts of a sentence: "林地面积连续4年净增加36万亩" gives 林地 the 36万亩 of 防护林带.
    The clause becomes the first fact, and the second is added whole: 36万亩 said once, of what it measures."""
    facts = [_fact("林地面积连续4年净增加", 1), _fact("新建防护林带36万亩", 1), _fact("森林覆盖率达到41.2%", 1)]
    snapped = snap("全县林地面积连续4年净增加36万亩，森林覆盖率达到41.2%[1]。", facts)
    assert snapped == "林地面积连续4年净增加，森林覆盖率达到41.2%[1]。", "the fact in its own words"
    spliced, added = splice(snapped, [Group(tuple(facts), 1)])
    assert added == 1 and spliced.count("36万亩") == 1 and "新建防护林带36万亩[1]。" in spliced
    for kept in (
        "我们林地面积连续4年净增加、新建防护林带36万亩[1]。",  # both facts' words: no figure is misplaced
        "我们林地面积连续4年净增加52万亩[1]。",  # a figure of no other fact: the model's own, left for the check
    ):
        assert snap(kept, facts) == kept


def test_a_part_of_a_fact_stays_where_the_text_states_the_rest_of_it() -> None:
    written = "我们新建学校3所，改善办学条件[1]。新增学位2400个，缓解入学压力[1]。"
    assert snap(written, [_fact("新建学校3所、新增学位2400个", 1)]) == written, "the whole fact would say 3所 twice"


def test_the_same_figure_with_another_qualifier_is_another_fact() -> None:
    """This year's "增长6%左右" after the five-year "年均增长6%以上" of the same indicator is a new target; the model's
    "增长6%" after the document's "增长6%左右" is not."""
    stated: list = []
    once("城区地区生产总值年均增长6%以上[1]。", stated)
    text, removed = once("今年地区生产总值增长6%左右[2]。", stated)
    assert text == "今年地区生产总值增长6%左右[2]。" and removed == 0
    text, removed = once("今年地区生产总值增长6%[2]。", stated)
    assert text == "" and removed == 1
