"""How the chain checks a model's answer against the passages (a scripted model isolates the chain;
tests/integration/test_answer.py runs it with the real one)."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answer.chain import NOTICE_OFF_TARGET, NOTICE_REFUSED, NOTICE_UNVERIFIED, llm_answer_events
from assistant.answer.fast import fast_answer
from assistant.settings import Settings
from assistant.types import Answer, Chunk, Final, Hit, Temporal

PASSAGE = "全县组建4个教育集团，覆盖农村薄弱学校12所。学校不得开除未成年学生。"


class ScriptedModel:
    """Answers every prompt with one fixed text, as a small model sometimes does."""

    def __init__(self, reply: str) -> None:
        self.reply = reply

    def stream(self, messages: list[dict], max_tokens: int = 256, temperature: float = 0.1) -> Iterator[str]:
        yield self.reply


def _answer(reply: str, question: str, settings: Settings) -> Answer:
    hits = [Hit(Chunk("county.txt", 0, PASSAGE, ("一、集团化办学",), 0, len(PASSAGE), title="县教育局述职报告"), 1.0)]
    events = list(
        llm_answer_events(
            ScriptedModel(reply), settings, lambda _: hits, question, extract=lambda q, h: fast_answer(q, h)
        )
    )
    assert isinstance(events[-1], Final)
    return events[-1].answer


def test_a_verified_answer_stands(settings: Settings) -> None:
    answer = _answer("全县组建了4个教育集团，覆盖农村薄弱学校12所[1]。", "组建了几个教育集团？", settings)
    assert answer.text.startswith("全县组建了4个教育集团") and not answer.notice
    assert all(figure.verified for figure in answer.figures)


def test_a_needless_refusal_gives_way_to_the_source_sentence(settings: Settings) -> None:
    answer = _answer("资料中未找到。", "组建了几个教育集团？", settings)
    assert not answer.refused and answer.notice == NOTICE_REFUSED
    assert "4个教育集团" in answer.text and answer.mode == "llm"


def test_an_invented_figure_is_never_shown(settings: Settings) -> None:
    answer = _answer("全县组建了7个教育集团[1]。", "组建了几个教育集团？", settings)
    assert answer.notice == NOTICE_UNVERIFIED
    assert "7个" not in answer.text and "4个教育集团" in answer.text


def test_an_invented_figure_for_an_unanswered_question_becomes_a_refusal(settings: Settings) -> None:
    answer = _answer("全县教师平均年龄为38岁[1]。", "全县教师平均年龄是多少岁？", settings)
    assert answer.refused and "38" not in answer.text


def test_a_bare_yes_or_no_is_shown_with_its_source(settings: Settings) -> None:
    answer = _answer("否。", "学校可以开除未成年学生吗？", settings)
    assert answer.text.startswith("否。") and "不得开除未成年学生" in answer.text


def test_a_verified_figure_of_the_wrong_kind_gives_way(settings: Settings) -> None:
    """12所 is in the passage, but the question asks for a count of 集团: the source sentence answers."""
    answer = _answer("12所[1]。", "组建了几个教育集团？", settings)
    assert answer.notice == NOTICE_OFF_TARGET and "4个教育集团" in answer.text


def test_a_looping_answer_is_cut_after_its_first_round(settings: Settings) -> None:
    cycle = "全县组建了4个教育集团，覆盖农村薄弱学校12所[1]。"
    answer = _answer(cycle * 6, "组建了几个教育集团？", settings)
    assert answer.text.count("覆盖农村薄弱学校") == 1 and answer.text.startswith("全县组建了4个教育集团")
    assert all(figure.verified for figure in answer.figures)


def _answer_from(reply: str, question: str, passages: list[Chunk], settings: Settings) -> Answer:
    hits = [Hit(chunk, 1.0) for chunk in passages]
    events = list(
        llm_answer_events(
            ScriptedModel(reply), settings, lambda _: hits, question, extract=lambda q, h: fast_answer(q, h)
        )
    )
    assert isinstance(events[-1], Final)
    return events[-1].answer


def _chunk(
    text: str, heading: str, temporal: Temporal = Temporal(), index: int = 0, title: str = "某市政府工作报告"
) -> Chunk:
    return Chunk(f"{title}.txt", index, text, (heading,), 0, len(text), title=title, temporal=temporal)


def test_a_figure_restated_as_the_asked_quantity_is_no_answer(settings: Settings) -> None:
    """The model writes the question's words around a figure of another quantity (增长12% is 旅游总收入's):
    the sentence the figure comes from must answer the question as fast mode would quote it; none does."""
    passage = _chunk("全年接待游客3200万人次，旅游总收入增长12%。", "一、文旅融合")
    answer = _answer_from("全年旅游外汇收入增长12%[1]。", "全年旅游外汇收入是多少？", [passage], settings)
    assert answer.refused and "12%" not in answer.text


def test_a_figure_of_another_year_or_kind_gives_way_to_the_one_asked(settings: Settings) -> None:
    """Asked for next year's target, the model quotes last year's result: its source sentence is off time,
    and the target sentence of the other passage answers instead."""
    review = _chunk("城镇新增就业4.1万人。", "一、2025年工作回顾", Temporal(2025, 2025, "actual"))
    targets = _chunk("城镇新增就业4.5万人以上。", "二、2026年主要预期目标", Temporal(2026, 2026, "target"), 1)
    answer = _answer_from(
        "2026年城镇新增就业的预期目标是4.1万人[1]。",
        "2026年城镇新增就业的预期目标是多少？",
        [review, targets],
        settings,
    )
    assert answer.notice == NOTICE_OFF_TARGET and "4.5万人" in answer.text and "4.1万" not in answer.text


def test_a_figure_whose_sentence_answers_stands(settings: Settings) -> None:
    """The same check keeps a right answer: its source sentence states the quantity asked, in the year asked."""
    targets = _chunk("城镇新增就业4.5万人以上。", "二、2026年主要预期目标", Temporal(2026, 2026, "target"))
    answer = _answer_from(
        "2026年城镇新增就业的预期目标是4.5万人以上[1]。", "2026年城镇新增就业的预期目标是多少？", [targets], settings
    )
    assert not answer.notice and answer.text.startswith("2026年城镇新增就业的预期目标是4.5万人")


def test_a_figure_of_another_year_gives_way_where_the_passages_hold_the_asked_year(settings: Settings) -> None:
    """Last year's report reviews the year before (31.4万); this year's reviews the year asked (31.7万). The
    model's figure is quotable on its own, but another passage fits the asked year clearly better."""
    older = _chunk(
        "城镇新增就业31.4万人。",
        "一、过去一年工作回顾",
        Temporal(2024, 2024, "actual"),
        0,
        "某市政府工作报告（2025年）",
    )
    newer = _chunk(
        "城镇新增就业31.7万人。",
        "一、过去一年工作回顾",
        Temporal(2025, 2025, "actual"),
        0,
        "某市政府工作报告（2026年）",
    )
    question = "2025年城镇新增就业实际达到多少人？"
    answer = _answer_from("2025年城镇新增就业实际达到31.4万人[1]。", question, [older, newer], settings)
    assert answer.notice == NOTICE_OFF_TARGET and "31.7万人" in answer.text and "31.4" not in answer.text
    kept = _answer_from("2025年城镇新增就业实际达到31.7万人[2]。", question, [older, newer], settings)
    assert not kept.notice and "31.7万人" in kept.text


def test_a_follow_up_the_model_answers_instead_of_rewriting_keeps_the_previous_question(settings: Settings) -> None:
    """Asked to rewrite a follow-up, a small model may answer it: a statement asks nothing, so the search goes
    on with the previous question and the follow-up; a rewrite that still asks is used."""
    from assistant.answer.chain import standalone_question

    history = [("全县建成了几所标准化食堂？", "建成标准化食堂9所[1]。")]
    answered = standalone_question(ScriptedModel("9所标准化食堂全部投入使用。"), settings, "覆盖多少学生？", history)
    assert answered == "全县建成了几所标准化食堂？ 覆盖多少学生？"
    rewritten = standalone_question(ScriptedModel("标准化食堂覆盖多少学生？"), settings, "覆盖多少学生？", history)
    assert rewritten == "标准化食堂覆盖多少学生？"
    again = standalone_question(ScriptedModel("How many students do the canteens serve?"), settings, "How many?", [])
    assert again == "How many?", "no history: the question itself"
    from assistant.text.sentences import is_question

    assert is_question("What did the canteens cost") and is_question("食堂覆盖多少学生") and is_question("食堂建成了吗")
    assert not is_question("9所标准化食堂全部投入使用。")
