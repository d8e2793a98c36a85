"""核稿: paste or upload a draft → the draft highlighted by kind, the problems to step through, a Word copy."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.check.report import STATUS_LABELS, SUPPORTED, CheckReport
from assistant.errors import AssistantError
from assistant.ingest.uploads import safe_filename
from assistant.ui import render

HEADERS = ["位置", "类别", "原文", "建议 / 资料中", "说明"]
COLORS = {
    "数据相符": "#bbf7d0",
    "数据不符": "#fca5a5",
    "资料未载": "#fde68a",
    "他年数据": "#fdba74",
    "他地数据": "#fdba74",
    "标点": "#bfdbfe",
    "数字": "#c7d2fe",
    "文号": "#ddd6fe",
    "层次序号": "#e9d5ff",
    "用词": "#fbcfe8",
    "规范表述": "#f5d0fe",
    "文风": "#a5f3fc",
}
FILE_TYPES = [".docx", ".doc", ".wps", ".txt", ".md", ".pdf"]


def highlighted(report: CheckReport) -> list[tuple[str, str | None]]:
    """The draft cut into (text, label) pieces: each figure by its status, each finding by its kind.

    Where spans overlap the first one (in text order) is shown; the list shows them all.
    """
    spans = sorted(
        [(f.start, f.end, STATUS_LABELS[f.status]) for f in report.figures]
        + [(f.start, f.end, f.kind) for f in report.findings]
    )
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, label in spans:
        if start < pos:
            continue
        if start > pos:
            pieces.append((report.text[pos:start], None))
        pieces.append((report.text[start:end], label))
        pos = end
    if pos < len(report.text):
        pieces.append((report.text[pos:], None))
    return pieces


def rows(report: CheckReport) -> list[list]:
    """One row per problem in text order: findings and every figure the documents do not support."""
    items = [(f.start, [f.start, f.kind, f.text, f.suggestion, f.message]) for f in report.findings]
    for figure in report.figures:
        if figure.status == SUPPORTED:
            continue
        where = f"《{figure.source.title or figure.source.doc}》：{figure.source.sentence}" if figure.source else ""
        note = "；".join(part for part in (f"指标：{figure.indicator}", figure.note, where) if part)
        items.append(
            (
                figure.start,
                [figure.start, STATUS_LABELS[figure.status], figure.text, figure.value_in_documents or "", note],
            )
        )
    return [row for _, row in sorted(items, key=lambda item: item[0])]


def summary(report: CheckReport) -> str:
    flagged = len(report.flagged_figures)
    return (
        f"数据 {len(report.figures)} 处，与资料相符 {len(report.figures) - flagged} 处，需核对 {flagged} 处；"
        f"规范问题 {len(report.findings)} 处（用时 {report.seconds:.1f} 秒）。可下载带批注的 Word 文件。"
        + "".join(report.notices)
    )


def run_check(assistant: Assistant, text: str, file: str | None, kb: str | None, llm: bool = False) -> tuple:
    """Highlighted draft, status line, problem rows and the Word download (a file wins over pasted text);
    ``llm`` adds the LLM's reading of the style (a notice in the status line when it is unavailable)."""
    none = gr.update(value=None, interactive=False)
    if not file and not (text or "").strip():
        return [], render.message_html("warn", "请粘贴草稿文字，或上传 Word / 文本文件。"), [], none
    try:
        mode = "llm" if llm else "fast"
        report = assistant.check_file(Path(file), kb, mode) if file else assistant.check_draft(text, kb, mode)
        stem = Path(file).stem if file else "草稿"
        folder = Path(tempfile.mkdtemp(prefix="assistant-check-"))
        path = assistant.export_check(report, folder / f"{safe_filename(stem, fallback='草稿')}_核稿.docx")
    except AssistantError as error:
        return [], render.message_html("error", str(error)), [], none
    return (
        highlighted(report),
        render.message_html("warn" if report.notices else "ok", summary(report)),
        rows(report),
        gr.update(value=str(path), interactive=True),
    )


def build(assistant: Assistant, kb: gr.Dropdown) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=300):
            text = gr.Textbox(
                label="粘贴草稿",
                lines=12,
                max_lines=30,
                elem_id="check-text",
                placeholder="把要核对的稿子粘贴在这里（第一行为标题），或在下方上传文件",
            )
            upload = gr.File(
                label="或上传草稿（不会加入资料库）",
                file_types=FILE_TYPES,
                type="filepath",
                height=110,
                elem_id="check-file",
            )
            llm = gr.Checkbox(
                label="同时请大模型审读文风（拗口、重复的句子；较慢，不改动数字）",
                value=False,
                elem_id="check-llm",
            )
            start = gr.Button("开始核稿", variant="primary", elem_id="check-start")
        with gr.Column(scale=3, min_width=320):
            status = gr.HTML(elem_id="check-status")
            marked = gr.HighlightedText(
                label="草稿（按类别标出）",
                color_map=COLORS,
                show_legend=True,
                combine_adjacent=False,
                elem_id="check-marked",
            )
            download = gr.DownloadButton("下载带批注的 Word (.docx)", interactive=False, elem_id="check-download")
    problems = gr.Dataframe(
        headers=HEADERS,
        datatype=["number", "str", "str", "str", "str"],
        interactive=False,
        wrap=True,
        elem_id="check-problems",
        max_height=480,
        column_widths=[64, 90, 140, 160, 420],
    )

    def run(t: str, f: str | None, k: str | None, use_llm: bool) -> tuple:
        return run_check(assistant, t, f, k, use_llm)

    start.click(
        run,
        [text, upload, kb, llm],
        [marked, status, problems, download],
        concurrency_id="answer",
        show_progress_on=marked,
    )
