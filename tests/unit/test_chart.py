"""The compare chart: one bar per record, units reconciled or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ChartError
from assistant.facts.chart import chart_unit, draw_compare_chart
from assistant.facts.numbers import parse_figure
from assistant.types import Figure, FigureRecord


def _record(doc: str, year: int, written: str, indicator: str = "一般公共预算支出") -> FigureRecord:
    parsed = parse_figure(written)
    figure = Figure(
        written,
        parsed.value,
        parsed.unit,
        indicator,
        f"{indicator}{written}。",
        len(indicator),
        len(indicator) + len(written),
    )
    return FigureRecord(
        figure, doc, title=f"{year}年某市政府工作报告", heading_path=("一、回顾",), pages=(2,), year=year, region="某市"
    )


def test_one_bar_per_document_with_amounts_reconciled(tmp_path: Path) -> None:
    records = [_record("a.txt", 2024, "8397亿元"), _record("b.txt", 2025, "88170000万元")]
    chart = draw_compare_chart(records, tmp_path / "c.png", "一般公共预算支出")
    assert chart.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [bar.label for bar in chart.bars] == ["2024 某市", "2025 某市"]
    assert chart.unit == "亿元" and [round(bar.value) for bar in chart.bars] == [8397, 8817]
    assert [bar.text for bar in chart.bars] == ["8397亿元", "88170000万元"]
    assert all("第2页" in bar.source for bar in chart.bars)
    svg = draw_compare_chart(records, tmp_path / "c.svg", "一般公共预算支出")
    assert svg.path.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_percent_and_percentage_points_are_refused(tmp_path: Path) -> None:
    records = [_record("a.txt", 2024, "5.2%", "增长"), _record("b.txt", 2025, "0.4个百分点", "高于全国")]
    with pytest.raises(ChartError, match="百分点"):
        draw_compare_chart(records, tmp_path / "c.png", "增长")
    assert not (tmp_path / "c.png").exists()
    with pytest.raises(ChartError):
        chart_unit([])


def test_many_documents_are_drawn_as_rows(tmp_path: Path) -> None:
    """Fifty provincial reports side by side: one readable row each, not a strip 9,000 pixels wide."""
    from PIL import Image

    records = [_record(f"{n}.txt", 2000 + n, f"{100 + n}亿元") for n in range(20)]
    chart = draw_compare_chart(records, tmp_path / "c.png", "一般公共预算支出")
    width, height = Image.open(chart.path).size
    assert len(chart.bars) == 20 and width <= 1000 and height > 600  # a page wide, growing by a row a document
