"""Reading a drafting request once: what it asks for, which documents it names, and whose voice each is."""

from __future__ import annotations

import pytest

from assistant.draft.brief import read_brief
from assistant.draft.documents import AUTHORITY, OTHER, OWN, Catalogued, named_sources
from assistant.types import DocMeta


def _report(region: str, year: int) -> Catalogued:
    return Catalogued(
        f"{year}_{region}_政府工作报告.txt",
        f"{year}年{region}政府工作报告",
        DocMeta(year, region, f"{region}人民政府", "政府工作报告"),
    )


CATALOG = [
    _report("北京市", 2024),
    _report("北京市", 2025),
    _report("北京市", 2026),
    _report("江苏省", 2025),
    _report("江苏省", 2026),
    _report("浙江省", 2025),
    _report("山东省", 2025),
    _report("山东省", 2026),
    Catalogued("gov.txt", "政府工作报告", DocMeta(2024, "全国", "国务院", "政府工作报告")),
    Catalogued("county.txt", "县教育局局长2025年度述职述责述廉报告", DocMeta(2025, None, "县教育局局长", "述职报告")),
    Catalogued("yiwu.md", "中华人民共和国义务教育法", DocMeta(2018, "全国", "全国人民代表大会常务委员会", "法律")),
    Catalogued("jiaoyu.md", "中华人民共和国教育法", DocMeta(2021, "全国", "全国人民代表大会常务委员会", "法律")),
    Catalogued(
        "meiyu.txt", "国务院办公厅关于全面加强和改进学校美育工作的意见", DocMeta(2015, "全国", "国务院办公厅", "意见")
    ),
    Catalogued(
        "tianhe.txt",
        "广州市天河区教育局关于印发《2026年广州市天河区幼儿园招生工作方案》的通知",
        DocMeta(2026, "广州市天河区", "广州市天河区教育局", "方案"),
    ),
]


def test_the_section_layers_points_and_articles_of_a_request() -> None:
    brief = read_brief(
        "请根据述职报告材料，完整起草第二部分中“深化教育改革，激活内生发展动力”一节，约600字，"
        "分“巩固双减成效”“创新育人模式”“深化评价改革”三层写，每层写清具体做法和数字。"
    )
    assert brief.section == "深化教育改革，激活内生发展动力"
    assert brief.layers == ("巩固双减成效", "创新育人模式", "深化评价改革") and brief.points == ()
    brief = read_brief(
        "起草一段工作总结，写明全年理论学习、专题研讨和宣讲的具体做法与数字（写明条号），"
        "并按照教育法关于教师义务和教师资格、职务、聘任制度的条款说明依据。"
    )
    assert brief.points == ("全年理论学习", "专题研讨", "宣讲")
    assert brief.articles == ("教师义务", "教师资格、职务、聘任制度")
    assert read_brief("关于“十四五”以来的总结").section == "", "a quoted term is not a section"
    assert read_brief("写明新建公园的做法，每个数字全文只介绍一次").points == ("新建公园",), (
        "一次 counts, names nothing"
    )
    assert (
        read_brief("起草“优化资源配置，破解‘入学难’‘择校热’难题”一节").section
        == "优化资源配置，破解‘入学难’‘择校热’难题"
    )


@pytest.mark.parametrize(
    ("topic", "subject", "frame"),
    [
        ("根据某省政府工作报告，起草一段全省职业教育和高等教育发展情况的综述，约400字", {"职业", "高等教育"}, "发展"),
        ("起草一段某市智慧城市建设成效的综述", {"智慧", "城市"}, "建设"),
        ("起草一段全省乡村文化振兴推进情况的综述", {"乡村", "文化", "振兴"}, "推进"),
        ("起草一段某县托育服务综述，写明社区托育点覆盖的目标", {"托育", "社区"}, "覆盖"),  # 的 between
    ],
)
def test_a_verb_framing_the_account_asked_is_no_subject_word(topic: str, subject: set[str], frame: str) -> None:
    terms = set(read_brief(topic).terms)
    assert subject <= terms and frame not in terms
    assert "改革" in read_brief("起草一段改革进展的综述").terms, "with no noun before it the verb is the subject"


@pytest.mark.parametrize(
    ("topic", "periods", "years"),
    [
        ("以湖南省2026年政府工作报告为据，写2026年的工作安排，不写2025年的成效", {"plan"}, (2026,)),
        ("以重庆市2026年政府工作报告为据，起草一段关于重庆2025年教育工作成效的综述", {"review"}, (2025,)),
        ("根据北京市2025年和2026年两份政府工作报告，依次写明2024年实绩、2025年计划", {"review", "plan"}, (2024, 2025)),
    ],
)
def test_the_part_of_the_year_a_request_asks_about(topic: str, periods: set[str], years: tuple[int, ...]) -> None:
    brief = read_brief(topic)
    assert brief.periods == periods and brief.asked_years == years


def test_documents_are_named_by_title_or_by_kind_place_and_year() -> None:
    def named(topic: str) -> list[str]:
        return [s.name for s in named_sources(read_brief(topic), CATALOG)]

    assert named("根据北京市2025年和2026年两份政府工作报告，起草一段对比") == [
        "2025_北京市_政府工作报告.txt",
        "2026_北京市_政府工作报告.txt",
    ]
    assert set(named("请根据2026年江苏省和2025年浙江省政府工作报告，起草对比综述")) == {
        "2026_江苏省_政府工作报告.txt",
        "2025_浙江省_政府工作报告.txt",
    }, "each year belongs to the place beside it"
    assert named("以山东省2026年政府工作报告为据，注明出自山东省政府工作报告") == ["2026_山东省_政府工作报告.txt"]
    assert named("请结合县教育局局长述职报告和《中华人民共和国教育法》，起草一段") == ["county.txt", "jiaoyu.md"]
    assert named("依据《中华人民共和国义务教育法》") == ["yiwu.md"], "教育法 inside 义务教育法 is not named"
    assert named("以国务院办公厅2015年的意见为据") == ["meiyu.txt"]
    # a year named with no place beside it is of the place the request names elsewhere, not of every place
    assert named("对比山东省2025年政府工作报告的安排与2026年政府工作报告的回顾") == [
        "2025_山东省_政府工作报告.txt",
        "2026_山东省_政府工作报告.txt",
    ]
    assert named("代山东省人民政府办公厅起草，以全省2026年政府工作报告为主") == ["2026_山东省_政府工作报告.txt"]
    assert set(named("汇总2026年政府工作报告中各地的做法")) == {
        "2026_北京市_政府工作报告.txt",
        "2026_江苏省_政府工作报告.txt",
        "2026_山东省_政府工作报告.txt",
    }, "a request naming no place means every place's report of the year"


def test_the_kind_of_document_the_writer_is_writing_names_no_source() -> None:
    """ "起草…工作方案" says what the writer writes: the knowledge base's one 方案 is no source of it; named with its
    place, or as the source ("参照…方案"), it is."""

    def named(topic: str) -> list[str]:
        return [s.name for s in named_sources(read_brief(topic), CATALOG)]

    assert named("区里要起草今年秋季招生的工作方案，请以北京市2026年政府工作报告为据") == [
        "2026_北京市_政府工作报告.txt"
    ]
    assert named("请参照幼儿园招生工作方案，起草一段报名须知") == ["tianhe.txt"]
    assert named("起草一段说明，以广州市天河区2026年的招生工作方案为据") == ["tianhe.txt"]


def test_a_document_named_only_in_what_the_request_leaves_out_is_no_source() -> None:
    def named(topic: str) -> list[str]:
        return [s.name for s in named_sources(read_brief(topic), CATALOG)]

    topic = "根据北京市2025年政府工作报告写2024年的情况，别用北京市2026年政府工作报告的数字"
    assert named(topic) == ["2025_北京市_政府工作报告.txt"]
    topic = "根据北京市2025年政府工作报告写一则信息，不要把报告的2025年目标，或北京市2026年政府工作报告的数字写进来"
    assert named(topic) == ["2025_北京市_政府工作报告.txt"], "或 goes on saying what to leave out"
    assert named("根据北京市2025年和2026年两份政府工作报告写一段对比，不要混淆年份") == [
        "2025_北京市_政府工作报告.txt",
        "2026_北京市_政府工作报告.txt",
    ]


def test_whose_voice_each_document_is() -> None:
    def voices(topic: str) -> dict[str, str]:
        return {s.name: s.voice for s in named_sources(read_brief(topic), CATALOG)}

    assert voices("起草述职报告中‘深化评价改革’一段，按照《中华人民共和国义务教育法》说明依据") == {
        "county.txt": OWN,
        "yiwu.md": AUTHORITY,
    }
    assert voices("代山东省人民政府办公厅起草工作总结，以山东省2026年政府工作报告为据") == {
        "2026_山东省_政府工作报告.txt": OWN
    }
    assert voices("为县教育局学习材料起草一段综述，以北京市2026年政府工作报告为据") == {
        "2026_北京市_政府工作报告.txt": OTHER
    }, "the writer's own report is no material when it does not speak for itself"
    assert voices("以广州市天河区教育局名义起草汇报，按照《中华人民共和国义务教育法》说明依据") == {
        "yiwu.md": AUTHORITY,
        "tianhe.txt": OWN,
    }, "speaking for itself, the writer's own documents join"
    assert voices("以国务院办公厅2015年的意见为据，为县教育局起草") == {"meiyu.txt": AUTHORITY}
    assert voices("为县教育局局长讲话起草一段，依据国务院办公厅2015年的意见，不要写本县的成绩") == {
        "meiyu.txt": AUTHORITY
    }, "本县 in what the request leaves out does not make the writer's own documents the material"
    assert voices("为县教育局局长讲话起草一段，依据国务院办公厅2015年的意见，结合本县实际") == {
        "meiyu.txt": AUTHORITY,
        "county.txt": OWN,
    }


def test_what_a_request_says_to_leave_out_how_to_mark_and_for_whom_name_no_subject_year_or_part() -> None:
    """ "别把2025年的…掺进来" asks nothing of 2025; "标注属于规划还是落实", "供…审阅" and the unit written for
    (为区水务部门起草) are about the writing, not what it is about."""
    brief = read_brief(
        "以某市2026年政府工作报告为据，为区水务部门起草一段某市2026年防汛工作安排，约300字，只写今年的目标，"
        "别把2025年的实绩数字掺进来，每个数据标注属于规划还是落实，供分管领导审阅。"
    )
    assert brief.asked_years == (2026,)
    assert brief.periods == frozenset({"plan"})
    assert "防汛" in brief.terms
    assert not {"掺进", "落实", "领导", "审阅", "部门", "水务", "实绩"} & set(brief.terms)
    assert "汛情" in read_brief("起草一段防汛总结，供领导参阅：写明汛情和抢险的数字").terms, (
        "the instruction ends at ："
    )
    assert not {"人民", "民政", "办公", "办公厅"} & set(read_brief("代某省人民政府办公厅起草一段防汛工作总结").terms)
    assert "供给" in read_brief("起草一段教育综述，写明学位供给和托育的数字").terms, "供 inside a word: no audience"
    also = read_brief("起草一段某市2026年防汛工作安排，约300字，也不要把2025年已完成的里程写成今年目标。")
    assert also.periods == frozenset({"plan"}) and also.asked_years == (2026,), "也不要 opens what to leave out"
    assert read_brief("起草一段工作总结，写明学校不得收取借读费的规定").points == ("学校不得收取借读费",), (
        "不得 inside a point is the rule it quotes, not an instruction to leave it out"
    )


def test_an_aside_listing_several_subjects_gives_the_key_points() -> None:
    brief = read_brief("起草一段某县2026年卫生工作安排，约300字，只写计划（家庭医生签约和疫苗接种、老年人健康体检）。")
    assert brief.points == ("家庭医生签约", "疫苗接种", "老年人健康体检")
    assert read_brief("起草一段某县卫生工作总结（约300字），写明条号（第几条）").points == (), "an aside of one thing"
    assert read_brief("起草一段卫生工作安排（不含疫苗接种、健康体检）").points == (), "what it leaves out"
    # an aside after a remark on the documents gives examples, not what to write
    remark = read_brief(
        "起草今年卫生工作安排一段，报告里有几项和去年的数字相近（疫苗接种、健康体检等），这里只写今年的"
    )
    assert remark.points == ()


def test_the_things_listed_after_a_colon_are_key_points_and_instructions_after_one_are_not() -> None:
    brief = read_brief("请写一段某市民生工作综述，约300字：看病就医和养老服务；学位供给；农村公路养护。")
    assert brief.points == ("看病就医", "养老服务", "学位供给", "农村公路养护")
    assert read_brief("起草一段，约300字：甲市写公路；乙市写铁路。").points == (), "instructions, each with its verb"
    assert read_brief("起草一段，约300字：概括今年的主要目标。").points == (), "one thing is no list"


def test_numbered_points_are_the_things_numbered_without_their_numbers() -> None:
    """ "按以下几点写：1. …；2. …" lists the points after numbers (GB/T 9704's 1. and （1）, or ①): the numbers and
    the words pointing at the list (以下) are no subject, and 和 between two 的-modifiers joins them to one thing."""
    brief = read_brief("起草一段菜篮子工程综述，按以下几点写：1. 新建的和改造的批发市场；2. 平价蔬菜网点。约200字")
    assert brief.points == ("新建的和改造的批发市场", "平价蔬菜网点")
    assert read_brief("约200字：（1）冷链物流；（2）平价蔬菜网点。").points == ("冷链物流", "平价蔬菜网点")
    assert read_brief("约200字：①冷链物流；②农贸市场和平价蔬菜网点。").points == (
        "冷链物流",
        "农贸市场",
        "平价蔬菜网点",
    )


def test_what_an_only_clause_keeps_to_holds_whatever_years_the_request_mentions() -> None:
    brief = read_brief("以某省2026年政府工作报告为据，报告也写了2025年的完成情况，这里只写今年的部署，约300字")
    assert brief.only_periods == {"plan"} and brief.asked_years == (2025,)
    assert read_brief("以某省2026年政府工作报告为据，写2025年的成效").only_periods == frozenset()


def test_a_quoted_title_followed_by_section_words_is_the_section_wherever_the_request_names_it() -> None:
    topic = "代某省人民政府办公厅起草年度工作部署一段，以某省政府工作报告“壮大特色林果产业”一节为主，约300字"
    assert read_brief(topic).section == "壮大特色林果产业"


@pytest.mark.parametrize(
    ("topic", "opening"),
    [
        ("为某局年度述职报告起草开篇导语，约200字", True),
        ("年度述职报告开篇，约200字", True),
        ("起草一段林果产业工作部署，约300字。产量目标在报告开篇已经列出，只写一次", False),
        ("起草一段工作综述，注意报告开头的预期目标不要重复", False),
    ],
)
def test_an_opening_is_asked_only_where_the_request_says_to_write_it(topic: str, opening: bool) -> None:
    assert read_brief(topic).opening is opening


def test_the_points_an_outline_is_to_follow_are_key_points() -> None:
    """ "按A、B、C几点列写" and "从A和B两个方面写" name what the draft is to cover as much as 写明 does."""
    brief = read_brief("起草汇报提纲中“守牢安全底线”一节，约400字，按道路交通、消防和燃气安全几点列写，写明主要数字。")
    assert brief.points == ("道路交通", "消防", "燃气安全")
    assert read_brief("起草一段教师队伍建设总结，从职称评聘和骨干培养两个方面写，约300字").points == (
        "职称评聘",
        "骨干培养",
    )
    assert read_brief("按照《某某条例》关于不得设置重点班的条款起草一段说明").points == (), "按照 a law's article"
    assert read_brief("起草讲话，用“一是、二是”分别讲海洋科技、港口建设两方面的任务").layers == ("海洋科技", "港口建设")
    assert read_brief("起草提纲一节，分“一、农田建设；二、城镇更新”两部分列写").layers == ("农田建设", "城镇更新")
    assert read_brief("写一则约300字的信息，围绕就业、托育和住房保障三个方面，选取关键数字").points == (
        "就业",
        "托育",
        "住房保障",
    )


def test_the_section_a_request_names_as_its_source_wins_over_the_title_it_asks_to_write() -> None:
    """ "撰写“某省交通情况”一条，以某省报告“交通加快发展”一段为据": the first title is the writer's, the second the
    report's, and the draft is gathered from the report's."""
    topic = "为考察汇报提纲撰写“某省交通建设情况”一条，以某省2025年政府工作报告“交通网络加快完善”一段为据，约200字"
    assert read_brief(topic).section == "交通网络加快完善"
    assert read_brief("撰写“某省交通建设情况”一条，约200字").section == "某省交通建设情况", "no source named"


def test_a_paragraph_named_by_its_opening_words_inside_a_named_section_is_the_section() -> None:
    """ "“（三）…”里以“…”开头的那一段": the paragraph is what the draft is written from, the section only where it is."""
    topic = (
        "根据某省2025年政府工作报告“（三）推进城乡融合发展”里以“稳步壮大林果产业”开头的那一段，起草一则信息，约200字"
    )
    assert read_brief(topic).section == "稳步壮大林果产业"
    topic = "请根据某省2026年政府工作报告“（六）加大民生保障力度”中的“提升医疗服务水平”一小节，写一条汇报要点，约250字"
    assert read_brief(topic).section == "提升医疗服务水平"
    topic = "先以某省2026年政府工作报告“（九）加大民生保障力度”中以“提升医疗服务水平”开头的内容为据，写一段建议"
    assert read_brief(topic).section == "提升医疗服务水平"


def test_two_numbered_sections_a_request_quotes_as_its_sources_are_the_drafts_parts() -> None:
    """ "先用“（三）甲”概括…，再用“（六）乙”写…": each is a part of the draft; a section quoted as where the next one
    is ("“二、…”中“（二）…”里") is no part, and one numbered section alone stays the section."""
    topic = (
        "根据某省2026年政府工作报告，先用五年任务中的“（三）促进区域协调发展”概括方向，"
        "再用今年重点工作中的“（六）强化区域联动”写今年的举措，起草“某省的部署”一节，约400字"
    )
    brief = read_brief(topic)
    assert brief.layers == ("促进区域协调发展", "强化区域联动") and not brief.outlined
    nested = "根据某省报告“二、今年重点工作”中“（六）强化区域联动”里以“推进城市群建设”开头的那一段，起草一段，约200字"
    assert read_brief(nested).layers == () and read_brief(nested).section == "推进城市群建设"
    again = "根据某省报告“二、今年重点工作”中的“（六）强化区域联动”一节起草，不要写“二、今年重点工作”开头的总体要求"
    assert read_brief(again).layers == (), "a section quoted once as holding the one asked holds it wherever quoted"
    assert read_brief("根据某省报告“（六）强化区域联动”一节起草一段，约200字").section == "（六）强化区域联动"


def test_a_list_of_points_goes_on_over_commas_while_it_names_things() -> None:
    """ "写明公路投资，铁路通车里程，机场旅客吞吐量" lists three things across commas; a clause that says anything
    else ("篇幅较短", "注明出处") ends the list."""
    brief = read_brief(
        "起草一段某省交通建设情况，约200字，写明公路投资，铁路通车里程，机场旅客吞吐量和港口集装箱量，篇幅较短，注明出处。"
    )
    assert brief.points == ("公路投资", "铁路通车里程", "机场旅客吞吐量", "港口集装箱量")
    brief = read_brief("起草一段某县教育工作部署，约300字，写明学位供给目标，以及教师招聘和校舍改造安排。")
    assert brief.points == ("学位供给目标", "教师招聘", "校舍改造安排")


def test_a_listed_thing_may_end_with_the_verb_of_the_work_on_it() -> None:
    """ "骨干教师培养" is the 培养 of 骨干教师, a thing listed like "安全教育"; a clause opening with its verb
    ("注明出处") or saying how to write ("数字注明来源") is not."""
    brief = read_brief("起草述职报告中“抓实队伍建设”一节，约300字，写明安全教育，骨干教师培养的做法，注明出处。")
    assert brief.points == ("安全教育", "骨干教师培养")
    brief = read_brief("起草述职报告中“抓实队伍建设”一节，约300字，写明安全教育，数字注明来源。")
    assert brief.points == ("安全教育",)


def test_a_section_of_a_named_document_is_the_source_where_the_clause_says_so() -> None:
    topic = (
        "为局长讲话起草“补齐师资短板”一段，约400字。依据《关于加强学校美育工作的意见》“加强师资配备”部分，讲清要求。"
    )
    assert read_brief(topic).section == "加强师资配备"
