"""起草: a template, its inputs and key points → a streamed draft with citations → a Word file."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.api import Assistant
from assistant.draft.prose import visible_length
from assistant.draft.templates import INPUT_LABELS, Template
from assistant.errors import AssistantError
from assistant.ingest.uploads import safe_filename
from assistant.types import Draft, Stage, Token
from assistant.ui import render

AUTO = "auto"
MODES = [("快速：资料摘录", "fast"), ("大模型：起草成文", "llm")]
EXTRA_INPUTS = ("unit", "role", "year", "section", "tone")  # the template inputs behind 更多
LENGTHS = [("由模板决定", ""), *((f"约 {n} 字", str(n)) for n in (200, 300, 400, 600, 800, 1000, 1500, 2000))]
_REFRESH_S = 0.15


def _templates(assistant: Assistant) -> list[Template]:
    try:
        return assistant.templates()
    except AssistantError:
        return []


def template_hint(assistant: Assistant, name: str) -> tuple:
    """The template's description, and each input's default as its placeholder."""
    chosen = next((t for t in _templates(assistant) if t.name == name), None)
    if chosen is None:
        hint = "根据题目自动选择模板（例如写明“述职报告”“年度工作总结”“发言稿”）。"
        return (_hint(hint), *(gr.update(placeholder="由模板决定") for _ in EXTRA_INPUTS), gr.update(choices=LENGTHS))
    defaults = chosen.defaults
    hint = chosen.description or chosen.title
    if chosen.outline:
        hint += f"　默认提纲：{'；'.join(chosen.outline)}"
    updates = [gr.update(placeholder=f"默认：{defaults[key]}" if defaults.get(key) else "") for key in EXTRA_INPUTS]
    default = f"由模板决定（约 {defaults['length']} 字）" if defaults.get("length") else "由模板决定"
    return _hint(hint), *updates, gr.update(choices=[(default, ""), *LENGTHS[1:]])


def _hint(text: str) -> str:
    return f"<div class='ra-hint'>{render.esc(text)}</div>"


def _length(value: str | None) -> int | None:
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return int(digits) if digits else None


def write(
    assistant: Assistant,
    topic: str,
    template: str,
    points: str,
    length: str | None,
    extra_values: list[str],
    extra_files: list[str] | None,
    mode: str,
    kb: str | None,
) -> Iterator[tuple]:
    """Yields (status, draft HTML, download button) while the draft is written."""
    topic = (topic or "").strip()
    no_file = gr.update(value=None, interactive=False)
    if not topic:
        yield (
            render.message_html("warn", "请先写明要起草什么，例如：起草述职报告中“师资队伍建设”一节。"),
            gr.skip(),
            no_file,
        )
        return
    inputs = {
        key: value.strip() for key, value in zip(EXTRA_INPUTS, extra_values, strict=True) if value and value.strip()
    }
    yield render.message_html("ok", "准备中…"), render.draft_pending_html(), no_file
    streamed, last, draft = "", 0.0, None
    try:
        for event in assistant.draft_events(
            topic,
            template=template or AUTO,
            points=points or "",
            length=_length(length),
            mode=mode,
            kb=kb,
            inputs=inputs,
            extra=[Path(f) for f in extra_files or []],
        ):
            if isinstance(event, Stage):
                yield render.message_html("ok", event.message), render.draft_pending_html(streamed), no_file
            elif isinstance(event, Token):
                streamed += event.text
                if time.monotonic() - last > _REFRESH_S:
                    yield gr.skip(), render.draft_pending_html(streamed), gr.skip()
                    last = time.monotonic()
            elif isinstance(event, Draft):
                draft = event
        if draft is None:
            raise RuntimeError("draft_events ended without its Draft")
        folder = Path(tempfile.mkdtemp(prefix="assistant-draft-"))
        path = assistant.export_draft(draft, folder / f"{safe_filename(draft.title, fallback='草稿')}.docx")
    except AssistantError as error:
        yield render.message_html("error", str(error)), gr.skip(), no_file
        return
    yield (
        render.message_html("ok", done_message(draft)),
        render.draft_html(draft),
        gr.update(value=str(path), interactive=True),
    )


def done_message(draft: Draft) -> str:
    """What the finished draft holds, its length counted as its notice counts it (no markers, no spaces)."""
    cited = len(render.cited_numbers(draft.text))
    return f"已完成：{visible_length(draft.text)} 字，引用 {cited} 段资料。可下载 Word 文件。"


def build(assistant: Assistant, kb: gr.Dropdown, tab: gr.Tab) -> None:
    templates = _templates(assistant)
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=300):
            topic = gr.Textbox(
                label="起草什么",
                elem_id="draft-topic",
                lines=2,
                max_lines=4,
                placeholder="例如：起草述职报告中“优化资源配置”一节，约400字",
            )
            with gr.Row():
                template = gr.Dropdown(
                    [("自动选择（按题目判断）", AUTO), *((t.title, t.name) for t in templates)],
                    value=AUTO,
                    label="模板",
                    elem_id="draft-template",
                    scale=3,
                    min_width=180,
                )
                length = gr.Dropdown(
                    LENGTHS,
                    value="",
                    label="字数",
                    allow_custom_value=True,
                    elem_id="draft-length",
                    scale=2,
                    min_width=130,
                )
            hint = gr.HTML(template_hint(assistant, AUTO)[0], elem_id="draft-hint")
            points = gr.Textbox(
                label="要点（每行一条，可不填）",
                lines=2,
                max_lines=8,
                elem_id="draft-points",
                placeholder="例如：集团化办学\n新增公办学位",
            )
            with gr.Accordion("更多：单位、职务、年度、标题、语气、参考文件", open=False):
                extras = [
                    gr.Textbox(label=INPUT_LABELS[key], elem_id=f"draft-{key}", placeholder="由模板决定")
                    for key in EXTRA_INPUTS
                ]
                extra_files = gr.File(
                    label="本次参考的文件（只用于这篇，不加入资料库）",
                    file_count="multiple",
                    file_types=[".txt", ".md", ".docx", ".pdf"],
                    height=110,
                )
            with gr.Row(elem_classes="ra-options"):
                mode = gr.Radio(
                    MODES, value="llm", show_label=False, elem_id="draft-mode", container=False, scale=3, min_width=220
                )
                start = gr.Button("开始起草", variant="primary", elem_id="draft-start", scale=1, min_width=110)
        with gr.Column(scale=3, min_width=320):
            status = gr.HTML(elem_id="draft-status")
            output = gr.HTML(
                "<div class='ra-draft ra-empty'>起草结果显示在这里：每句话后的编号是资料出处，"
                "点击下方编号查看原文；未在资料中找到的数字会标为【待核实】。</div>",
                elem_id="draft-output",
            )
            download = gr.DownloadButton("下载 Word (.docx)", interactive=False, elem_id="draft-download")

    def run(t: str, tpl: str, pts: str, n: str | None, *rest: Any) -> Iterator[tuple]:
        *values, files, m, k = rest
        yield from write(assistant, t, tpl, pts, n, list(values), files, m, k)

    start.click(
        run,
        [topic, template, points, length, *extras, extra_files, mode, kb],
        [status, output, download],
        concurrency_id="answer",
    )
    template.change(lambda name: template_hint(assistant, name), template, [hint, *extras, length], queue=False)
