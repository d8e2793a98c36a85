"""Framing a draft its material cannot fill: general words at the ends, never a fact."""

from __future__ import annotations

from assistant.draft.compose import TOO_SHORT
from assistant.draft.frame import bodies_named, frame
from assistant.draft.prose import visible_length
from assistant.settings import Settings
from tests.drafting import ScriptedModel

BODY = "据某省政府工作报告，新增学前普惠学位16万个，特殊教育学校实现全覆盖[1]。"
TOPIC = "某省教育民生工作综述"


def _reply(text: str) -> ScriptedModel:
    return ScriptedModel(lambda lines, prompt: "", framing=text)


def test_an_opening_and_a_closing_in_general_words_fill_a_short_draft(settings: Settings) -> None:
    model = _reply(
        "总起：教育民生事关千家万户，牵动社会各方关切。\n"
        "小结：上述举措有力促进了教育公平。今后将着力推动优质教育资源扩容。"
    )
    paragraphs, framing = frame(["一、教育民生", BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert paragraphs[0] == "一、教育民生"  # the heading stays first; the opening opens the text under it
    assert paragraphs[1].startswith("教育民生事关千家万户") and BODY in paragraphs[1]
    assert paragraphs[1].endswith("今后将着力推动优质教育资源扩容。")
    assert framing.opening and framing.closing and "总起" in model.prompts[0] and TOPIC in model.prompts[0]
    assert BODY not in model.prompts[0], "shown the body, a small model copies it into the opening"


def test_framing_that_reads_the_request_back_is_left_out(settings: Settings) -> None:
    topic = "起草某省教育民生工作综述，写明学前普惠学位、特殊教育学校全覆盖等具体数字"
    model = _reply(
        "总起：学前普惠学位、特殊教育学校全覆盖等工作扎实推进。教育是民生之基。\n小结：这些工作惠及广大群众。"
    )
    _, framing = frame([BODY], topic, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。"


def test_framing_states_no_figure_restates_nothing_and_borrows_no_voice(settings: Settings) -> None:
    model = _reply(
        "总起：全省新增学前普惠学位，特殊教育学校实现全覆盖。教育是民生之基。\n"  # restates the body
        "小结：全年投入教育经费120亿元。我们的投入逐年加大。这些工作惠及广大群众。"  # a figure; 我们
    )
    paragraphs, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。"
    assert framing.closing == "这些工作惠及广大群众。"
    assert "120亿元" not in paragraphs[0] and "我们" not in paragraphs[0]


def test_a_closing_in_anothers_material_leaves_out_we_will(settings: Settings) -> None:
    model = _reply("总起：教育是民生之基。\n小结：下一步，我们将继续深化教育改革。我们的工作惠及广大群众。")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.closing == "下一步，将继续深化教育改革。"  # "我们的工作…" cannot lose its subject: it goes


def test_an_opening_sentence_pointing_back_to_what_it_precedes_closes_the_draft_instead(settings: Settings) -> None:
    model = _reply("总起：这一举措旨在推动教育公平。教育是民生之基。\n小结：上述工作惠及广大群众。")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。"
    assert framing.closing == "上述工作惠及广大群众。这一举措旨在推动教育公平。"
    cut_off = _reply("总起：教育是民生之基。这些工作惠及广大群众。\n小结：下一步，将推动素质教育的")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, cut_off, settings)
    assert framing.closing == "这些工作惠及广大群众。", (
        "a closing cut off by the token limit leaves the summing-up whole"
    )


def test_a_lead_naming_a_means_by_a_bare_verb_goes_and_the_rest_of_its_sentence_stays(settings: Settings) -> None:
    """ "通过实施，" lost its object with the sentence a check dropped before it; "通过开展读书活动，" names its means."""
    model = _reply("总起：通过实施，全县学校办学水平稳步提升。\n小结：通过开展读书活动，校园文化氛围日益浓厚。")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, True, model, settings)
    assert framing.opening == "全县学校办学水平稳步提升。"
    assert framing.closing == "通过开展读书活动，校园文化氛围日益浓厚。"


def test_a_framing_sentence_opening_as_a_sentence_of_the_body_does_loses_its_opening_word(settings: Settings) -> None:
    """The body's documents already say "下一步，将…": a closing "下一步，将继续…" would announce the next steps twice."""
    plans = BODY + "下一步，将新建公办幼儿园30所[2]。"
    model = _reply("总起：教育是民生之基。\n小结：下一步，将继续深化教育改革，办好人民满意的教育。")
    _, framing = frame([plans], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.closing == "将继续深化教育改革，办好人民满意的教育。"
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.closing == "下一步，将继续深化教育改革，办好人民满意的教育。", "a body without plans leaves it"


def test_a_sentence_the_token_limit_cut_off_is_left_out(settings: Settings) -> None:
    model = _reply("总起：教育是民生之基。\n小结：这些工作惠及广大群众。下一步，将继续加大投入，优化资源配置，满足")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.closing == "这些工作惠及广大群众。"


def test_the_writers_own_material_may_speak_in_the_first_person(settings: Settings) -> None:
    model = _reply("总起：教育是民生之基。\n小结：下一步，我们将继续加大投入。")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, True, model, settings)
    assert framing.closing == "下一步，我们将继续加大投入。"


def test_a_draft_long_enough_is_not_framed(settings: Settings) -> None:
    model = _reply("总起：教育是民生之基。\n小结：这些工作惠及广大群众。")
    paragraphs, framing = frame([BODY], TOPIC, TOPIC, 20, False, model, settings)
    assert paragraphs == [BODY] and not framing.length and not model.prompts


def test_the_prompts_example_is_not_copied(settings: Settings) -> None:
    """A small model copies the prompt's example closing about clinics into a draft about schools."""
    from assistant.prompts import load_prompt

    example = next(line for line in load_prompt(settings, "draft_frame").splitlines() if line.startswith("小结："))
    model = _reply(f"总起：教育是民生之基。\n{example}")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。" and not framing.closing


def test_the_subjects_name_is_no_restatement_but_the_closing_may_not_repeat_the_opening(settings: Settings) -> None:
    """Naming the subject ("耕地保护工作", six characters the body also writes) does not restate the body;
    a closing that says the opening's words again is left out."""
    body = "我们扎实做好耕地保护工作，新建高标准农田3万亩[1]。"
    model = _reply(
        "总起：耕地保护工作是守住粮食安全底线的重要基础，关系长远发展。\n"
        "小结：耕地保护工作是守住粮食安全底线的重要基础。下一步，将持续完善工作机制。"
    )
    _, framing = frame([body], "耕地保护工作情况", "耕地保护工作情况", 200, True, model, settings)
    assert framing.opening == "耕地保护工作是守住粮食安全底线的重要基础，关系长远发展。"
    assert framing.closing == "下一步，将持续完善工作机制。"


def test_opening_and_closing_together_fill_no_more_than_is_missing(settings: Settings) -> None:
    model = _reply(
        "总起：教育是民生之基，事关千家万户和社会长远发展。\n小结：这些工作有力促进了教育公平，群众满意度稳步提升。"
    )
    body = "某省新增学前普惠学位16万个，特殊教育学校实现全覆盖，义务教育优质均衡持续推进[1]。"
    _, framing = frame([body], TOPIC, TOPIC, 100, False, model, settings)
    assert framing.opening and not framing.closing  # 35 may be general words (0.35 of 100): the opening takes 24


def test_an_opening_reading_a_long_title_back_is_left_out(settings: Settings) -> None:
    """A section's title names its facts: an opening that reads it back states them again."""
    title = "巩固劳动教育成效，保障学生实践时间"
    body = "全县建成校外劳动实践基地8个，保证学生每周实践时间不少于2小时[1]。"
    model = _reply(f"总起：{title}是落实立德树人的重要任务。教育是民生之基。\n小结：各项工作稳步推进。")
    _, framing = frame([body], f"起草述职报告中“{title}”一节", title, 200, True, model, settings)
    assert framing.opening == "教育是民生之基。"


def test_a_body_covering_half_the_length_may_be_framed_to_the_shortest_length_kept(settings: Settings) -> None:
    body = (
        "某县新建和改扩建幼儿园6所，新增学前学位1800个，公办园在园幼儿占比提高到62%[1]。全县义务教育学校全部建成"
        "标准化食堂，配备专职校医48名，学生体质健康达标率稳步提升，课后服务实现全覆盖[1]。"
    )  # 94 characters of 170 asked
    model = _reply(
        "总起：学前教育和学校保障事关千家万户，是办好人民满意教育的基础。\n"
        "小结：下一步，将持续完善保障机制，推动各项工作落地见效。"
    )
    paragraphs, framing = frame([body], TOPIC, TOPIC, 170, False, model, settings)
    assert framing.opening and framing.closing
    assert visible_length("".join(paragraphs)) >= TOO_SHORT * 170


def test_framing_names_no_body_the_draft_and_topic_do_not(settings: Settings) -> None:
    model = _reply(
        "总起：某省教育厅高度重视教育民生，服务发展大局。教育是民生之基。\n"  # an invented actor; 大局 is no body
        "小结：今后将着力构建教育发展新格局。"
    )
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。"
    assert framing.closing == "今后将着力构建教育发展新格局。"
    named = _reply("总起：县教育局坚持把教育民生摆在突出位置。\n小结：各项工作稳步推进。")
    _, framing = frame([BODY], "县教育局" + TOPIC, "县教育局" + TOPIC, 200, True, named, settings)
    assert framing.opening == "县教育局坚持把教育民生摆在突出位置。"  # the topic names it
    elsewhere = _reply("总起：某市教育局坚持把教育民生摆在突出位置。教育是民生之基。\n小结：各项工作稳步推进。")
    _, framing = frame([BODY], "为县教育局起草" + TOPIC, TOPIC, 200, False, elsewhere, settings)
    assert framing.opening == "教育是民生之基。"  # the writer's 县教育局 is not 某市教育局
    assert bodies_named("这项工作事关全局，是开创新格局的关键") == []  # words ending in a common word name no body


def test_a_framing_clause_restating_a_body_clause_in_other_words_is_left_out(settings: Settings) -> None:
    """Fewer than eight characters in a row shared, the same content words: the fact would be stated twice."""
    body = "某县推行课后服务全覆盖，保证学生每天校内锻炼时间不少于1小时[1]。"
    model = _reply(
        "总起：保证了学生有充足的校内锻炼时间，课后服务成效明显。教育是民生之基。\n"  # its first clause restates
        "小结：这些举措丰富了校园生活，保证了学生有充足的校内锻炼时间，促进了身心健康。"
    )
    _, framing = frame([body], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。", "without its first clause the sentence cannot stand"
    assert framing.closing == "这些举措丰富了校园生活，促进了身心健康。"
    leading = _reply("总起：教育是民生之基。\n小结：通过推行课后服务，保证了学生有充足的校内锻炼时间。")
    _, framing = frame([body], TOPIC, TOPIC, 200, False, leading, settings)
    assert not framing.closing, "a sentence left ending on 通过… says nothing"


def test_a_sentence_left_unfinished_by_a_dropped_clause_goes(settings: Settings) -> None:
    """A clause naming the body's 普惠学位 goes; what is left stands only when it still says something: not a
    frame verb's clause alone (围绕…), nor 不仅 without its second half."""
    model = _reply(
        "总起：围绕群众就学需求，持续扩大普惠学位供给。教育是民生之基。\n"
        "小结：这些举措不仅回应了群众期盼，还扩大了普惠学位供给。下一步将持续完善服务网络，扩大普惠学位供给。"
    )
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。"
    assert framing.closing == "下一步将持续完善服务网络。"


def test_a_draft_the_checks_left_short_is_framed_once_more_with_what_was_kept(settings: Settings) -> None:
    model = ScriptedModel(
        lambda lines, prompt: "",
        framing=[
            "总起：办好人民满意的教育是长期任务。\n小结：新增学前普惠学位16万个。",  # a figure: left out
            "总起：办好人民满意的教育是长期任务。\n"  # said already
            "小结：下一步，将把办好人民满意的教育摆在突出位置，群众获得感持续增强。",  # its 2nd clause copies it
        ],
    )
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "办好人民满意的教育是长期任务。", "what the first call wrote is not taken twice"
    assert framing.closing == "下一步，群众获得感持续增强。", "the framing shown to the call is no request read back"
    assert len(model.prompts) == 2 and "已写好的总起：办好人民满意的教育是长期任务。" in model.prompts[1]
    assert "已写好" not in model.prompts[0]
    enough = _reply("总起：教育是民生之基，事关千家万户。\n小结：全年投入教育经费120亿元。")
    _, framing = frame([BODY * 4], TOPIC, TOPIC, 170, False, enough, settings)  # 132 characters, 38 missing
    assert framing.opening and not framing.closing  # 147 characters: 23 more could be asked, none need be
    assert len(enough.prompts) == 1, "a draft the first call made long enough is not framed again"


def test_a_framing_clause_naming_a_term_of_the_body_outside_the_subject_is_left_out(settings: Settings) -> None:
    """A measure the body states (医教协同, with its figures) named again in general words counts it twice;
    the subject's own words (学生健康) may be named."""
    body = "某县推进医教协同，为中小学配备校医86名[1]。"
    model = _reply(
        "总起：学生健康事关家庭幸福和民族未来，相关工作稳步开展。\n小结：下一步，将持续深化医教协同，不断提升服务水平。"
    )
    _, framing = frame([body], "学生健康工作情况", "学生健康工作", 200, False, model, settings)
    assert framing.opening == "学生健康事关家庭幸福和民族未来，相关工作稳步开展。"
    assert framing.closing == "下一步，不断提升服务水平。"


def test_the_model_is_shown_the_request_without_its_lists_of_what_to_write(settings: Settings) -> None:
    """Shown a list of what to write, a small model reads it back as its opening; a title quoted with a list stays."""
    topic = "以某省报告“稳就业、保民生”一段为据，起草一段综述，写明新增岗位、技能培训和创业贷款等数字，注明出处。"
    model = _reply("总起：就业是最大的民生。\n小结：这些工作惠及广大群众。")
    frame([BODY], topic, TOPIC, 200, False, model, settings)
    assert "以某省报告“稳就业、保民生”一段为据，起草一段综述，注明出处。" in model.prompts[0]
    assert "技能培训" not in model.prompts[0]


def test_a_framing_sentence_naming_what_no_document_names_is_left_out(settings: Settings) -> None:
    """A named strategy or project is a fact, which framing never adds."""
    model = _reply("总起：教育是民生之基。通过实施“甲乙崛起”战略，教育与经济深度融合。\n小结：这些工作惠及广大群众。")
    _, framing = frame([BODY], TOPIC, TOPIC, 200, False, model, settings)
    assert framing.opening == "教育是民生之基。" and framing.closing == "这些工作惠及广大群众。"
