"""问答: streaming answers with numbered citation chips; follow-ups use the conversation, which
can be taken away as Word or Markdown."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Generator, Iterator
from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.types import Answer, Final, Token
from assistant.ui import render

MODES = [("快速：即时摘录原文", "fast"), ("大模型：先给快速答案，再逐字生成", "llm")]
_REFRESH_S = 0.12  # how often streamed tokens are pushed to the browser

PLACEHOLDER = (
    "<div class='ra-empty'><b>从您的资料中找答案</b><br>"
    "每个回答都附带原文出处：点击编号查看原文段落，数字已标出。<br>"
    "可以继续追问，例如先问“全年组建了几个教育集团？”，再问“覆盖多少所学校？”。</div>"
)


def _history(answers: list[Answer]) -> list[tuple[str, str]]:
    return [(a.question, a.text) for a in answers]


def respond(
    assistant: Assistant, question: str, mode: str, messages: list, answers: list[Answer], kb: str | None
) -> Iterator[tuple]:
    """Yields (chat messages, answers, question box) while the answer arrives."""
    question = (question or "").strip()
    if not question:
        yield gr.skip(), gr.skip(), gr.skip()
        return
    messages = [
        *messages,
        {"role": "user", "content": render.esc(question)},
        {"role": "assistant", "content": render.pending_html(question)},
    ]
    yield messages, answers, ""
    try:
        if mode == "llm":
            answer = yield from _stream_llm(assistant, question, messages, answers, kb)
        else:
            answer = assistant.ask(question, "fast", _history(answers), kb)
    except AssistantError as error:
        messages[-1] = {"role": "assistant", "content": render.error_html(str(error), question)}
        yield messages, answers, question
        return
    messages[-1] = {"role": "assistant", "content": render.answer_html(answer)}
    yield messages, [*answers, answer], ""


def _stream_llm(
    assistant: Assistant, question: str, messages: list, answers: list[Answer], kb: str | None
) -> Generator[tuple, None, Answer]:
    """The fast answer at once, then the LLM's tokens below it; returns the verified answer."""
    preview = assistant.ask(question, "fast", kb=kb)
    messages[-1] = {"role": "assistant", "content": render.pending_html(question, preview)}
    yield messages, answers, ""
    streamed, last = "", 0.0
    for event in assistant.ask_events(question, "llm", _history(answers), kb):
        if isinstance(event, Token):
            streamed += event.text
            if time.monotonic() - last > _REFRESH_S:
                messages[-1] = {"role": "assistant", "content": render.pending_html(question, preview, streamed)}
                yield messages, answers, ""
                last = time.monotonic()
        elif isinstance(event, Final):
            return event.answer
    raise RuntimeError("ask_events ended without its Final event")


def export_files(assistant: Assistant, answers: list[Answer]) -> tuple:
    """Download-button updates for the conversation as Word and as Markdown (none before the first answer)."""
    if not answers:
        return tuple(gr.update(value=None, interactive=False) for _ in range(2))
    stem = Path(tempfile.mkdtemp(prefix="assistant-chat-")) / f"问答记录_{time.strftime('%Y%m%d_%H%M')}"
    try:
        paths = [assistant.export_conversation(answers, stem.with_suffix(suffix)) for suffix in (".docx", ".md")]
    except (AssistantError, OSError):
        return tuple(gr.update(value=None, interactive=False) for _ in range(2))
    return tuple(gr.update(value=str(path), interactive=True) for path in paths)


def build(assistant: Assistant, kb: gr.Dropdown) -> None:
    answers = gr.State([])
    chatbot = gr.Chatbot(
        elem_id="chat",
        show_label=False,
        height="62vh",
        min_height=320,
        render_markdown=False,
        placeholder=PLACEHOLDER,
        buttons=["copy"],
        feedback_options=None,
        group_consecutive_messages=False,
    )
    with gr.Row(elem_classes="ra-ask-row"):
        question = gr.Textbox(
            elem_id="question",
            show_label=False,
            scale=6,
            lines=1,
            max_lines=4,
            submit_btn=False,
            placeholder="输入问题（中文或英文），回车发送；可以接着追问",
        )
        send = gr.Button("发送", variant="primary", elem_id="send", scale=1, min_width=72)
    with gr.Row(elem_classes="ra-options"):
        mode = gr.Radio(MODES, value="llm", show_label=False, elem_id="mode", scale=4, container=False)
        clear = gr.Button("新对话", size="sm", elem_id="clear", scale=1, min_width=80)
    with gr.Row(elem_classes="ra-options"):
        word = gr.DownloadButton("导出 Word", interactive=False, elem_id="chat-docx", size="sm", min_width=100)
        markdown = gr.DownloadButton("导出 Markdown", interactive=False, elem_id="chat-md", size="sm", min_width=100)

    def run(q: str, m: str, msgs: list, ans: list, k: str | None) -> Iterator[tuple]:
        yield from respond(assistant, q, m, msgs, ans, k)

    inputs = [question, mode, chatbot, answers, kb]
    outputs = [chatbot, answers, question]
    send.click(run, inputs, outputs, concurrency_id="answer")
    question.submit(run, inputs, outputs, concurrency_id="answer")
    clear.click(lambda: ([], [], ""), None, outputs, queue=False)
    chatbot.clear(lambda: [], None, answers, queue=False)
    answers.change(lambda a: export_files(assistant, a), answers, [word, markdown], queue=False)
