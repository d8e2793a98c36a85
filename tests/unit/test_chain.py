"""How the chain checks a model's answer against the passages (a scripted model isolates the chain;
tests/integration/test_answer.py runs it with the real one)."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answer.chain import NOTICE_OFF_TARGET, NOTICE_REFUSED, NOTICE_UNVERIFIED, llm_answer_events
from assistant.answer.fast import fast_answer
from assistant.settings import Settings
from assistant.types import Answer, Chunk, Final, Hit

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
