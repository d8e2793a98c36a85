"""资料库: choose the knowledge base, upload files with progress, list, remove and re-index documents."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.ingest.formats import SUPPORTED
from assistant.kb.indexer import IndexReport
from assistant.ui import render

FILE_TYPES = list(SUPPORTED)


def library_view(assistant: Assistant, kb: str | None, message: str = "") -> tuple:
    """(documents table, remove-picker update, status HTML) for one knowledge base."""
    try:
        documents = assistant.documents(kb)
        counts = assistant.figure_counts(kb)
    except AssistantError as error:
        return [], gr.update(choices=[], value=None), render.message_html("error", str(error))
    summary = message or render.message_html(
        "ok" if documents else "warn",
        f"知识库“{kb or assistant.settings.kb}”：{len(documents)} 个文档，{sum(d.chunks for d in documents)} 段，"
        f"{sum(counts.values())} 条数据"
        if documents
        else "知识库为空：上传文件后即可提问。",
    )
    choices = [(f"{d.title}（{d.name}）" if d.title and d.title != d.name else d.name, d.name) for d in documents]
    return render.document_rows(documents, counts), gr.update(choices=choices, value=None), summary


def _progress_callback(progress: gr.Progress):
    def update(message: str, done: int, total: int) -> None:
        progress((done, max(total, 1)), desc=f"索引 {message}", unit="")  # the message names what is counted

    return update


def build(assistant: Assistant, kb: gr.Dropdown, tab: gr.Tab) -> None:
    with gr.Row(elem_classes="ra-kb-row"):
        kb.render()
        gr.HTML(
            "<div class='ra-hint'>每个知识库单独检索。输入新名称回车即可新建（例如“2025年材料”）。</div>",
            elem_classes="ra-kb-hint",
        )
    with gr.Row(equal_height=False, elem_classes="ra-upload-row"):
        files = gr.File(
            label="上传文件（可多选：Word/WPS、Excel/WPS表格、PDF及扫描件、图片、OFD、PPT、网页、txt、zip）",
            file_count="multiple",
            file_types=FILE_TYPES,
            elem_id="upload",
            scale=3,
            min_width=260,
            height=150,
        )
        with gr.Column(scale=1, min_width=200):
            add = gr.Button("加入资料库", variant="primary", elem_id="upload-index")
            reindex = gr.Button("重新索引已上传文件", elem_id="reindex", size="sm")
    status = gr.HTML(elem_id="library-status")
    table = gr.Dataframe(
        headers=render.DOCUMENT_HEADERS,
        datatype=render.DOCUMENT_TYPES,
        interactive=False,
        wrap=True,
        elem_id="documents",
        max_height=440,
        column_widths=[220, 280, 100, 60, 100, 60, 60, 60, 60, 60, 80],
    )
    with gr.Row(elem_classes="ra-remove-row"):
        doomed = gr.Dropdown([], label="删除文档（连同其段落和数据）", elem_id="remove-doc", scale=4, min_width=200)
        remove = gr.Button("删除", variant="stop", elem_id="remove", scale=1, min_width=80)

    def view(k: str | None) -> tuple:
        return library_view(assistant, k)

    def add_files(paths: list[str] | None, k: str | None, progress: gr.Progress = gr.Progress()) -> tuple:
        if not paths:
            return *library_view(assistant, k, render.message_html("warn", "请先选择要上传的文件。")), gr.skip()
        try:
            report = assistant.add_files([Path(p) for p in paths], k, _progress_callback(progress))
        except AssistantError as error:
            return *library_view(assistant, k, render.message_html("error", str(error))), gr.skip()
        return *library_view(assistant, k, render.index_report_html(report)), None

    def reindex_all(k: str | None, progress: gr.Progress = gr.Progress()) -> tuple:
        try:
            report: IndexReport = assistant.reindex(k, _progress_callback(progress))
        except AssistantError as error:
            return library_view(assistant, k, render.message_html("error", str(error)))
        return library_view(assistant, k, render.index_report_html(report))

    def remove_doc(doc: str | None, k: str | None) -> tuple:
        if not doc:
            return library_view(assistant, k, render.message_html("warn", "请先选择要删除的文档。"))
        try:
            removed = assistant.remove(doc, k)
        except AssistantError as error:
            return library_view(assistant, k, render.message_html("error", str(error)))
        message = f"已删除 {doc}" if removed else f"未找到文档：{doc}"
        return library_view(assistant, k, render.message_html("ok" if removed else "warn", message))

    def pick_kb(k: str | None) -> tuple:
        return *library_view(assistant, k), gr.update(choices=assistant.knowledge_bases())

    listing = [table, doomed, status]
    # one progress bar, where the user is looking (not one over every output)
    add.click(
        add_files, [files, kb], [*listing, files], concurrency_id="index", concurrency_limit=1, show_progress_on=files
    )
    reindex.click(reindex_all, kb, listing, concurrency_id="index", concurrency_limit=1, show_progress_on=table)
    remove.click(remove_doc, [doomed, kb], listing, concurrency_id="index", concurrency_limit=1)
    kb.change(view, kb, listing)
    tab.select(pick_kb, kb, [*listing, kb])
