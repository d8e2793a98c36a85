"""The citation verifier on tricky figures: units, multipliers, Chinese numerals, ranges."""

from __future__ import annotations

import pytest

from assistant.answer.verify import verify_answer
from assistant.types import Chunk, Citation


def _citations(*texts: str) -> list[Citation]:
    return [Citation(n, Chunk(f"doc{n}.txt", 0, text, (), 0, len(text))) for n, text in enumerate(texts, 1)]


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("参与学生达12000人次[1]。", "农村学校学生参与远程优质课程学习达1.2万人次"),
        ("占比提升至68.0%[1]。", "公办园在园幼儿占比提升至68%"),
        ("新增学位3,200个[1]。", "新增公办义务教育学位3200个"),
        ("应在30日内作出决定[1]。", "应当自收到申请之日起三十日内作出决定"),
        ("增长目标为4.5%—5%[1]。", "地区生产总值增长4.5%-5%"),
        ("每天锻炼一小时[1]。", "保证学生每天校园体育活动时间不少于一小时"),
        ("师生比为1:15[1]。", "幼儿园师生比1：15"),
    ],
)
def test_equivalent_writings_verify(answer: str, passage: str) -> None:
    _, figures = verify_answer(answer, _citations(passage))
    assert figures and all(f.verified for f in figures), figures


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("参与学生达1.3万人次[1]。", "参与达1.2万人次"),
        ("占比68%[1]。", "占比达到86%"),
        ("新增学位3200所[1]。", "新增学位3200个"),  # same value, other unit
        ("增长5%—6%[1]。", "增长4.5%-5%"),
        ("师生比不得低于1：15[1]。", "按照规定配备专任教师和保育员"),  # a ratio is copied or flagged
        ("实际使用外资86.4亿元[1]。", "实际使用外资86.4亿美元"),  # another currency: money asked in 元 or not
    ],
)
def test_wrong_figures_are_flagged(answer: str, passage: str) -> None:
    _, figures = verify_answer(answer, _citations(passage))
    assert figures and not any(f.verified for f in figures), figures


def test_figure_must_be_in_the_cited_passage_not_another() -> None:
    citations = _citations("组建4个教育集团", "覆盖12所农村薄弱学校")
    _, figures = verify_answer("覆盖12所学校[1]。", citations)
    assert [(f.text, f.verified) for f in figures] == [("12所", False)]


def test_citation_numbers_that_name_no_passage_are_removed() -> None:
    text, figures = verify_answer("组建4个教育集团[1][7]。", _citations("组建4个教育集团"))
    assert "[7]" not in text and "[1]" in text
    assert figures[0].verified and figures[0].citation == 1


def test_uncited_sentence_gets_the_passage_that_holds_its_figure() -> None:
    text, figures = verify_answer("覆盖12所学校。", _citations("组建4个教育集团", "覆盖12所农村薄弱学校"))
    assert text == "覆盖12所学校[2]。"
    assert figures[0].citation == 2


def test_figures_repeated_from_the_question_are_not_claims() -> None:
    _, figures = verify_answer("2024年组建4个集团[1]。", _citations("组建4个教育集团"), ignore="2024年组建了几个集团？")
    assert [f.text for f in figures] == ["4个"]


@pytest.mark.parametrize(
    ("answer", "verified"),
    [
        ("全县农村居民人均可支配收入增长8.5%[1]。", True),
        ("全县农村居民人均可支配收入增长6.2%[1]。", False),  # the 城镇 figure: 城乡 names 城镇 first
        ("全县城镇居民人均可支配收入增长6.2%[1]。", True),
        ("全县出口增长4.1%[1]。", True),
        ("全县出口增长3.7%[1]。", False),  # the 进口 figure, listed first before 分别
    ],
)
def test_a_figure_after_fenbie_measures_the_part_in_its_place(answer: str, verified: bool) -> None:
    passage = "全县城乡居民人均可支配收入分别增长6.2%和8.5%。外贸进出口总额32亿元，其中进口、出口分别增长3.7%、4.1%。"
    _, figures = verify_answer(answer, _citations(passage))
    assert [f.verified for f in figures] == [verified], figures
