"""``assistant facts``: look up the figures the documents state, export them, compare them."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from assistant.api import Assistant
from assistant.cli.output import print_json, stderr, stdout, user_errors
from assistant.facts.export import record_json, write_csv, write_xlsx
from assistant.types import FigureRecord


def _sentence(record: FigureRecord) -> Text:
    """The sentence with the figure in bold."""
    figure = record.figure
    text = Text(figure.sentence)
    if 0 <= figure.start < figure.end <= len(figure.sentence):
        text.stylize("bold", figure.start, figure.end)
    return text


def _source(record: FigureRecord) -> str:
    parts = [record.title or record.doc]
    if record.section:
        parts.append(record.section)
    if record.page is not None:
        parts.append(f"第{record.page}页")
    return " · ".join(parts)


def _print_table(query: str, records: list[FigureRecord]) -> None:
    table = Table(title=f"数据：{query}", show_lines=True)
    for column in ("数值", "指标", "时期", "年份·地区", "出处", "原句"):
        table.add_column(column, overflow="fold")  # Chinese has no spaces to wrap at
    for record in records:
        figure = record.figure
        where = " ".join(part for part in (str(record.year or ""), record.region or "") if part)
        table.add_row(figure.value, figure.indicator, figure.period, where, _source(record), _sentence(record))
    stdout.print(table)


def facts(
    query: str = typer.Argument(..., help="Indicator words, e.g. 地区生产总值 增长, 教育集团."),
    year: int = typer.Option(None, "--year", help="Only documents of this year."),
    region: str = typer.Option(None, "--region", help="Only documents of this region (北京 finds 北京市)."),
    doc: str = typer.Option(None, "--doc", help="Only this document (file name, or part of its name or title)."),
    compare: bool = typer.Option(False, "--compare", help="The best record of each document, oldest first."),
    limit: int = typer.Option(20, "-n", "--limit", help="How many records at most."),
    csv_file: Path = typer.Option(None, "--csv", help="Also write the records to this CSV file."),
    xlsx_file: Path = typer.Option(None, "--xlsx", help="Also write the records to this Excel file."),
    chart: Path = typer.Option(None, "--chart", help="With --compare: draw a bar chart into this PNG or SVG file."),
    kb: str = typer.Option(None, "--kb", help="Knowledge base name."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Find figures by indicator: value, unit, period, source and the sentence they stand in."""
    assistant = Assistant()
    with user_errors():
        if compare:
            records = assistant.compare_facts(query, year, region, doc, kb)[:limit]
        else:
            records = assistant.facts(query, year, region, doc, kb, limit)
    drawn = None
    if chart is not None:
        if not compare:
            stderr.print("--chart 需要 --compare (--chart needs --compare)")
            raise typer.Exit(2)
        with user_errors():
            drawn = assistant.compare_chart(query, chart, year, region, doc, kb)
    if csv_file is not None:
        write_csv(records, csv_file)
    if xlsx_file is not None:
        write_xlsx(records, xlsx_file)
    if as_json:
        payload: dict[str, object] = {"query": query, "results": [record_json(r) for r in records]}
        if drawn is not None:
            payload["chart"] = {
                "path": str(drawn.path),
                "unit": drawn.unit,
                "font": drawn.font,
                "bars": [
                    {"label": b.label, "value": b.value, "text": b.text, "doc": b.doc, "source": b.source}
                    for b in drawn.bars
                ],
            }
        print_json(payload)
        return
    if not records:
        stderr.print(f"未找到相关数据 (no figures found): {query}")
        return
    _print_table(query, records)
    if drawn is not None:
        stderr.print(f"已画图 {len(drawn.bars)} 条 → {drawn.path}")
    for path in (csv_file, xlsx_file):
        if path is not None:
            stderr.print(f"已导出 {len(records)} 条 → {path}")
