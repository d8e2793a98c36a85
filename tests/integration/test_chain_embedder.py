"""The chain with the real embedder: an English answer's figure bound to what it counts."""

from __future__ import annotations

from assistant.answer.chain import NOTICE_OFF_TARGET, NOTICE_UNVERIFIED, llm_answer_events
from assistant.answer.fast import fast_answer
from assistant.settings import Settings
from assistant.types import Chunk, Hit
from tests.unit.test_chain import PASSAGE, ScriptedModel


def test_a_figure_of_another_quantity_gives_way_to_the_one_asked(settings: Settings) -> None:
    """ "4 schools": 4 is in the passage, but it counts 教育集团; the source sentence with 12所 answers instead."""
    from assistant.answer.bind import Binder
    from assistant.index.embed import get_embedder

    embedder = get_embedder(settings)
    hits = [Hit(Chunk("county.txt", 0, PASSAGE, ("一、集团化办学",), 0, len(PASSAGE), title="县教育局述职报告"), 1.0)]
    events = list(
        llm_answer_events(
            ScriptedModel("4 schools joined education groups. [1]"),
            settings,
            lambda _: hits,
            "How many schools joined education groups?",
            extract=lambda q, h: fast_answer(q, h, embedder=embedder),
            binder=Binder(embedder),
        )
    )
    answer = events[-1].answer
    assert answer.notice in (NOTICE_UNVERIFIED, NOTICE_OFF_TARGET) and "12" in answer.text
    assert [f.text for f in answer.figures if f.asked] == ["12所"]


def test_an_english_how_many_question_is_answered_by_the_sentence_whose_figure_counts_it(settings: Settings) -> None:
    """The sentence nearest the question as a whole speaks of the same field; the one whose figure
    measures the thing asked (新设外商投资企业) answers it."""
    from assistant.index.embed import get_embedder

    text = (
        "国际交流合作不断拓展，外资企业来鄂投资意愿增强，进出口总额增长18.2%，2025年湖北外商投资环境持续优化。"
        "新设外商投资企业673家，新增有进出口实绩企业1357家。"
    )
    hits = [Hit(Chunk("province.txt", 0, text, ("一、对外开放",), 0, len(text), title="省政府工作报告"), 1.0)]
    answer = fast_answer(
        "How many new foreign-invested enterprises were established in Hubei in 2025?",
        hits,
        embedder=get_embedder(settings),
    )
    assert "673" in answer.text and [f.text for f in answer.figures if f.asked] == ["673家"]
