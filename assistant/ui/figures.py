"""数据速查: the figure table, filtered by year, region and document, exported as CSV or Excel."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.facts.export import write_csv, write_xlsx
from assistant.ingest.uploads import safe_filename
from assistant.ui import render

ALL = "全部"


def _filter(value: str | int | None) -> str | None:
    return None if value in (None, "", ALL) else str(value)


def filter_choices(assistant: Assistant, kb: str | None) -> tuple:
    """Dropdown updates for year, region and document from the indexed documents."""
    try:
        documents = assistant.documents(kb)
    except AssistantError:
        documents = []
    years = sorted({d.meta.year for d in documents if d.meta.year}, reverse=True)
    regions = sorted({d.meta.region for d in documents if d.meta.region})
    return (
        gr.update(choices=[ALL, *map(str, years)]),
        gr.update(choices=[ALL, *regions]),
        gr.update(choices=[(ALL, ALL), *((d.title or d.name, d.name) for d in documents)]),
    )


def lookup(
    assistant: Assistant, query: str, year: str, region: str, doc: str, compare: bool, limit: float, kb: str | None
) -> tuple:
    """Rows, a status line and the two export files (None when nothing was found)."""
    query = (query or "").strip()
    none = gr.update(value=None, interactive=False)
    if not query:
        return (
            [],
            render.message_html("warn", "请输入要查的指标，例如：教育集团、学校 覆盖、经费 投入"),
            none,
            none,
            None,
        )
    year_filter = _filter(year)
    try:
        args = (query, int(year_filter) if year_filter else None, _filter(region), _filter(doc))
        records = (
            assistant.compare_facts(*args, kb=kb)[: int(limit)]
            if compare
            else assistant.facts(*args, kb=kb, limit=int(limit))
        )
    except AssistantError as error:
        return [], render.message_html("error", str(error)), none, none, None
    if not records:
        return [], render.message_html("warn", f"未找到相关数据：{query}"), none, none, None
    folder = Path(tempfile.mkdtemp(prefix="assistant-export-"))
    stem = safe_filename(f"数据_{query}"[:40])
    csv_path, xlsx_path = folder / f"{stem}.csv", folder / f"{stem}.xlsx"
    write_csv(records, csv_path)
    write_xlsx(records, xlsx_path)
    status = f"找到 {len(records)} 条" + (
        "（每个文件最匹配的一条，按年份排列）" if compare else "（最匹配的在前，点击表头可排序）"
    )
    chart = None
    if compare:
        try:  # drawn here with matplotlib into a PNG file: no script, no CDN
            chart = str(assistant.compare_chart(args[0], folder / f"{stem}.png", *args[1:], kb=kb).path)
        except AssistantError as error:
            status += f"；未画图：{error}"
    return (
        render.figure_rows(records),
        render.message_html("ok", status),
        gr.update(value=str(csv_path), interactive=True),
        gr.update(value=str(xlsx_path), interactive=True),
        chart,
    )


def build(assistant: Assistant, kb: gr.Dropdown, tab: gr.Tab) -> None:
    with gr.Row(elem_classes="ra-search-row"):
        query = gr.Textbox(
            elem_id="figure-query",
            show_label=False,
            scale=5,
            submit_btn=False,
            placeholder="指标词，例如：教育集团、地区生产总值 增长、培训 教师",
        )
        search = gr.Button("查询", variant="primary", elem_id="figure-search", scale=1, min_width=72)
    with gr.Row(elem_classes="ra-filters"):
        year = gr.Dropdown([ALL], value=ALL, label="年份", elem_id="figure-year", min_width=110)
        region = gr.Dropdown([ALL], value=ALL, label="地区", elem_id="figure-region", min_width=110)
        doc = gr.Dropdown([(ALL, ALL)], value=ALL, label="文件", elem_id="figure-doc", scale=2, min_width=160)
        limit = gr.Number(20, label="条数", minimum=1, maximum=200, precision=0, min_width=80, elem_id="figure-limit")
        compare = gr.Checkbox(label="按文件对比", elem_id="figure-compare", min_width=110)
    status = gr.HTML(elem_id="figure-status")
    table = gr.Dataframe(
        headers=render.FIGURE_HEADERS,
        datatype=render.FIGURE_TYPES,
        interactive=False,
        wrap=True,
        elem_id="figure-table",
        max_height=520,
        column_widths=[90, 140, 340, 230, 64, 80, 80, 90, 56],
        buttons=["fullscreen", "copy"],
    )
    chart = gr.Image(
        label="对比图", type="filepath", interactive=False, elem_id="figure-chart", height=360, buttons=["download"]
    )
    with gr.Row(elem_classes="ra-exports"):
        csv_file = gr.DownloadButton("导出 CSV", interactive=False, elem_id="figure-csv", size="sm", min_width=100)
        xlsx_file = gr.DownloadButton("导出 Excel", interactive=False, elem_id="figure-xlsx", size="sm", min_width=100)

    def run(q: str, y: str, r: str, d: str, c: bool, n: float, k: str | None) -> tuple:
        return lookup(assistant, q, y, r, d, c, n, k)

    inputs = [query, year, region, doc, compare, limit, kb]
    outputs = [table, status, csv_file, xlsx_file, chart]
    search.click(run, inputs, outputs)
    query.submit(run, inputs, outputs)
    refresh = (lambda k: filter_choices(assistant, k), kb, [year, region, doc])
    tab.select(*refresh, queue=False)
    kb.change(*refresh, queue=False)
