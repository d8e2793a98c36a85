"""A first browser page: search the knowledge base and see the indexed documents."""

from __future__ import annotations

import html

import gradio as gr

from assistant.api import Assistant
from assistant.errors import AssistantError


def _render_hits(assistant: Assistant, query: str, kb: str | None) -> str:
    try:
        hits = assistant.search(query, kb=kb)
    except AssistantError as error:
        return f"<p class='error'>{html.escape(str(error))}</p>"
    if not hits:
        return "<p>资料中未找到相关内容。</p>"
    parts = []
    for n, hit in enumerate(hits, 1):
        chunk = hit.chunk
        page = f" · 第{chunk.pages[0]}页" if chunk.pages else ""
        parts.append(
            f"<div class='hit'><b>[{n}] {html.escape(chunk.title)}</b>"
            f"<div class='section'>{html.escape(chunk.section)}{page}</div>"
            f"<p>{html.escape(chunk.text)}</p></div>"
        )
    return "\n".join(parts)


def _documents_table(assistant: Assistant, kb: str | None) -> list[list]:
    return [
        [d.name, d.title, d.meta.doc_type or "", d.meta.year or "", d.meta.region or "", d.chunks]
        for d in assistant.documents(kb)
    ]


def build(assistant: Assistant, kb: str | None = None) -> gr.Blocks:
    with gr.Blocks(title="报告助手") as page:
        gr.Markdown("# 报告助手\n从您的报告和政策文件中查找原文依据。")
        with gr.Tab("检索"):
            query = gr.Textbox(label="问题或关键词", placeholder="例如：组建了几个教育集团？", elem_id="query")
            button = gr.Button("检索", variant="primary", elem_id="search")
            results = gr.HTML(elem_id="results")
            button.click(lambda q: _render_hits(assistant, q, kb), query, results)
            query.submit(lambda q: _render_hits(assistant, q, kb), query, results)
        with gr.Tab("资料库"):
            table = gr.Dataframe(
                headers=["文件", "标题", "类型", "年份", "地区", "段数"],
                value=lambda: _documents_table(assistant, kb),
                interactive=False,
            )
            gr.Button("刷新").click(lambda: _documents_table(assistant, kb), None, table)
    return page


def launch(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860, kb: str | None = None) -> None:
    page = build(assistant, kb)
    page.queue(default_concurrency_limit=4).launch(server_name=host, server_port=port, show_api=False)
