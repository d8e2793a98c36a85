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
