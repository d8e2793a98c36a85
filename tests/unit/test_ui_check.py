"""The 核稿 tab's rendering: the draft cut into labelled pieces, the problem rows (no browser needed)."""

from __future__ import annotations

from assistant.check.checker import check_conventions
from assistant.check.report import CONFLICT, SUPPORTED, CheckReport, FigureResult, Source
from assistant.check.rules import load_rules
from assistant.ui.check import COLORS, highlighted, rows, summary

TEXT = "截止2025年底,全县组建3个教育集团,新增学位3200个。"


def _report() -> CheckReport:
    source = Source(
        "county.txt", "县教育局局长2025年度述职述责述廉报告", "二、聚焦主责主业", None, "组建4个教育集团", 2025
    )
    figures = (
        FigureResult(
            "3个", 13, 15, CONFLICT, "组建教育集团", "2025年", "4个", source, "草稿中的数值与2024年的数据相同"
        ),
        FigureResult("3200个", 24, 29, SUPPORTED, "新增学位", "2025年", "3200个", source),
    )
    return CheckReport(TEXT, tuple(check_conventions(TEXT, load_rules())), figures)


def test_the_draft_is_highlighted_by_kind_and_nothing_is_lost() -> None:
    pieces = highlighted(_report())
    assert "".join(text for text, _ in pieces) == TEXT
    labels = {text: label for text, label in pieces if label}
    assert labels == {"截止": "用词", ",": "标点", "3个": "数据不符", "3200个": "数据相符"}
    assert set(labels.values()) <= set(COLORS), "every label has a colour"


def test_rows_list_problems_in_text_order_without_supported_figures() -> None:
    listed = rows(_report())
    assert [row[0] for row in listed] == sorted(row[0] for row in listed)
    assert [row[2] for row in listed] == ["截止", ",", "3个", ","]
    conflict = listed[2]
    assert conflict[1] == "数据不符" and conflict[3] == "4个" and "2024年" in conflict[4] and "《" in conflict[4]


def test_the_status_line_carries_the_notices_and_the_llm_kind_has_a_colour() -> None:
    report = CheckReport(TEXT, notices=("大模型不可用，未做文风审读，以下为规则检查结果",))
    assert summary(report).endswith("大模型不可用，未做文风审读，以下为规则检查结果")
    assert "大模型" not in summary(CheckReport(TEXT))
    assert "文风" in COLORS
