"""The UI's render helpers: records in, escaped display HTML out (no browser, no models)."""

from __future__ import annotations

from assistant.types import Answer, Chunk, Citation, DocMeta, Draft, Figure, FigureCheck, FigureRecord
from assistant.ui import render
from assistant.ui.draft import done_message

PASSAGE = "深化集团化办学改革，组建4个教育集团，覆盖12所农村薄弱学校。"


def _chunk(text: str = PASSAGE, title: str = "县教育局局长2025年度述职述责述廉报告") -> Chunk:
    return Chunk(
        doc="report.txt",
        index=3,
        text=text,
        heading_path=("二、聚焦主责主业", "（一）优化资源配置"),
        start=0,
        end=len(text),
        pages=(2,),
        title=title,
        meta=DocMeta(year=2025),
    )


def _answer(text: str, figures: tuple[FigureCheck, ...] = (), **kw) -> Answer:
    defaults = dict(
        question="组建了几个教育集团？",
        standalone_question="组建了几个教育集团？",
        text=text,
        refused=False,
        mode="fast",
        citations=(Citation(1, _chunk()),),
        figures=figures,
    )
    return Answer(**(defaults | kw))


def test_a_citation_chip_opens_the_passage_with_the_figure_marked() -> None:
    html = render.answer_html(_answer("组建了4个教育集团。[1]", (FigureCheck("4个", True, 1),)))
    assert '<sup class="ra-ref">1</sup>' in html
    assert '<details class="ra-chip ra-cited" data-n="1">' in html
    assert '<mark class="ra-fig">4个</mark>' in html
    assert "（一）优化资源配置" in html and "第2页" in html and "report.txt" in html


def test_unverified_figures_are_marked_and_listed() -> None:
    html = render.answer_html(_answer("组建了5个教育集团。[1]", (FigureCheck("5个", False, None),)))
    assert '<mark class="ra-unverified"' in html and "5个</mark>" in html
    assert "以下数字未在引用原文中找到" in html


def test_the_rewritten_question_and_notice_are_shown() -> None:
    html = render.answer_html(
        _answer(
            "覆盖12所学校。[1]",
            standalone_question="组建的教育集团覆盖多少所学校？",
            question="覆盖多少所？",
            notice="大模型不可用",
        )
    )
    assert "检索用的问题：组建的教育集团覆盖多少所学校？" in html and "大模型不可用" in html


def test_english_questions_get_english_labels() -> None:
    html = render.answer_html(
        _answer("4 groups.[1]", question="How many groups?", standalone_question="How many groups?")
    )
    assert "Sources" in html and "来源" not in html


def test_everything_from_documents_is_escaped() -> None:
    evil = _chunk(text="<script>alert(1)</script> 4个", title='<img src=x onerror="x">')
    answer = _answer(
        "<b>4个</b>[1]",
        (FigureCheck("4个", True, 1),),
        citations=(Citation(1, evil),),
        question="<i>q</i>",
        standalone_question="<i>q2</i>",
    )
    html = render.answer_html(answer)
    assert "<script>" not in html and "<img" not in html and "<b>4个</b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in render.pending_html("<script>", None, "<script>x")
    assert "<script>" not in render.error_html("<script>")


def test_a_draft_sets_headings_apart_and_marks_what_needs_checking() -> None:
    draft = Draft(
        template="shuzhi-duty",
        title="优化资源配置",
        topic="起草“优化资源配置”一节",
        mode="llm",
        text="一、扩大学位供给\n新增学位3200个。[1]\n建成【待核实：9所】学校。",
        citations=(Citation(1, _chunk("新增公办义务教育学位3200个。")), Citation(2, _chunk())),
        figures=(FigureCheck("3200个", True, 1), FigureCheck("9所", False, None)),
    )
    html = render.draft_html(draft)
    assert '<p class="ra-draft-h">一、扩大学位供给</p>' in html
    assert '<mark class="ra-unverified"' in html and "【待核实：9所】" in html
    assert 'data-n="1"' in html and 'data-n="2"' not in html  # only the passages the draft cites
    assert render.cited_numbers(draft.text) == {1}
    # the status counts the length as the draft's notice does: "9所" once, no markers, no line breaks
    assert done_message(draft).startswith(
        f"已完成：{len('一、扩大学位供给新增学位3200个。建成9所学校。')} 字，引用 1 段资料"
    )


def test_figure_rows_put_value_indicator_sentence_and_source_first() -> None:
    figure = Figure("4个", 4.0, "个", "组建教育集团", PASSAGE, PASSAGE.index("4个"), PASSAGE.index("4个") + 2)
    record = FigureRecord(
        figure, "report.txt", "县教育局局长2025年度述职述责述廉报告", ("二、聚焦主责主业",), (2,), 2025, "某县"
    )
    row = render.figure_rows([record])[0]
    assert row[:2] == ["4个", "组建教育集团"]
    assert '<mark class="ra-fig">4个</mark>' in row[2]
    assert "第2页" in row[3] and row[4] == 2025 and row[7] == 4.0
    assert len(row) == len(render.FIGURE_HEADERS) == len(render.FIGURE_TYPES)
