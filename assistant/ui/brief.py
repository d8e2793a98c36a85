"""速览: a one-page brief of a chosen document, with the same citation chips as answers, and its Word
and Markdown files; with the LLM, an overview paragraph on top whose figures are verified."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.brief.export import brief_draft
from assistant.errors import AssistantError
from assistant.ingest.uploads import safe_filename
from assistant.ui import render

MODES = [("快速：资料摘录", "fast"), ("大模型：加一段概述（数字经核实）", "llm")]


def document_choices(assistant: Assistant, kb: str | None) -> dict:
    """Dropdown update listing the indexed documents (title shown, file name as value)."""
    try:
        documents = assistant.documents(kb)
    except AssistantError:
        documents = []
    return gr.update(choices=[(d.title or d.name, d.name) for d in documents])


def show(assistant: Assistant, doc: str | None, kb: str | None, mode: str = "fast") -> tuple:
    """The brief as HTML, a status line, its Word file and its Markdown file (None when there is no brief)."""
    none = gr.update(value=None, interactive=False)
    if not doc:
        return "", render.message_html("warn", "请选择一个文件"), none, none
    try:
        brief = assistant.brief(doc, kb, mode)
        stem = Path(tempfile.mkdtemp(prefix="assistant-brief-")) / f"{safe_filename(Path(doc).stem)[:40]}_速览"
        files = [assistant.export_brief(brief, stem.with_suffix(suffix)) for suffix in (".docx", ".md")]
    except AssistantError as error:
        return "", render.message_html("error", str(error)), none, none
    status = f"主要数据 {len(brief.figures)} 项 · 要点 {len(brief.sections)} 段"
    status += (
        f" · 与《{brief.previous}》对比 {len(brief.changes)} 项"
        if brief.previous
        else " · 资料库中没有上一年的同类文件"
    )
    if brief.overview:
        status = f"概述 {sum(f.verified for f in brief.overview_figures)} 个数字已核实 · " + status
    return (
        render.draft_html(brief_draft(brief)),
        render.message_html("warn" if brief.notice else "ok", status),
        *(gr.update(value=str(path), interactive=True) for path in files),
    )


def build(assistant: Assistant, kb: gr.Dropdown, tab: gr.Tab) -> None:
    with gr.Row(elem_classes="ra-search-row"):
        doc = gr.Dropdown([], label="文件", elem_id="brief-doc", scale=5)
        go = gr.Button("生成速览", variant="primary", elem_id="brief-go", scale=1, min_width=96)
    mode = gr.Radio(MODES, value="fast", show_label=False, elem_id="brief-mode", container=False)
    status = gr.HTML(elem_id="brief-status")
    view = gr.HTML(elem_id="brief-view")
    with gr.Row():
        word = gr.DownloadButton("导出 Word", interactive=False, elem_id="brief-docx", size="sm", min_width=100)
        markdown = gr.DownloadButton("导出 Markdown", interactive=False, elem_id="brief-md", size="sm", min_width=100)

    def run(d: str | None, k: str | None, m: str) -> tuple:
        return show(assistant, d, k, m)

    go.click(run, [doc, kb, mode], [view, status, word, markdown], show_progress_on=view)
    refresh = (lambda k: document_choices(assistant, k), kb, doc)
    tab.select(*refresh, queue=False)
    kb.change(*refresh, queue=False)
