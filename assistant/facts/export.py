"""Figure records as plain rows: the JSON the CLI prints and the CSV / Excel files it writes."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from assistant.types import FigureRecord

# (JSON key, column heading in CSV and Excel files)
COLUMNS = (
    ("value", "数值"),
    ("normalized", "标准值"),
    ("unit", "单位"),
    ("indicator", "指标"),
    ("subject", "主体"),
    ("period", "时期"),
    ("about", "所指"),
    ("year", "年份"),
    ("region", "地区"),
    ("doc", "文件"),
    ("title", "标题"),
    ("section", "章节"),
    ("page", "页码"),
    ("ocr", "扫描件识别"),
    ("sentence", "原句"),
)


def record_json(record: FigureRecord) -> dict:
    """The ``facts --json`` shape of one record (fields are only ever added)."""
    figure = record.figure
    return {
        "value": figure.value,
        "normalized": figure.normalized,
        "upper": figure.upper,
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "indicator": figure.indicator,
        "subject": figure.subject,
        "period": figure.period,
        "about": record.about,
        "year": record.year,
        "region": record.region,
        "doc": record.doc,
        "title": record.title,
        "section": record.section,
        "page": record.page,
        "ocr": record.ocr,
        "sentence": figure.sentence,
        "score": record.score,
    }


def _rows(records: Sequence[FigureRecord]) -> list[list]:
    rows = []
    for record in records:
        data = record_json(record)
        rows.append([data[key] for key, _ in COLUMNS])
    return rows


def write_csv(records: Sequence[FigureRecord], path: Path) -> None:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([heading for _, heading in COLUMNS])
        writer.writerows(["" if cell is None else cell for cell in row] for row in _rows(records))


def write_xlsx(records: Sequence[FigureRecord], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append([heading for _, heading in COLUMNS])
    for row in _rows(records):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
