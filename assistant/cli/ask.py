"""``assistant ask``: questions answered with verified citations."""

from __future__ import annotations

from pathlib import Path

import typer

from assistant.api import Assistant
from assistant.cli.output import citation_json, page_label, print_json, run_batch, stderr, stdout, user_errors
from assistant.types import Answer, Final, Token


def answer_json(answer: Answer) -> dict:
    return {
        "question": answer.question,
        "standalone_question": answer.standalone_question,
        "answer": answer.text,
        "refused": answer.refused,
        "mode": answer.mode,
        "citations": [citation_json(c) for c in answer.citations],
        "figures": [
            {
                "text": f.text,
                "verified": f.verified,
                "citation": f.citation,
                "unit": f.unit,
                "measured": f.measured,
                "asked": f.asked,
            }
            for f in answer.figures
        ],
        "notice": answer.notice,
    }


def _print_answer(answer: Answer) -> None:
    if answer.notice:
        stderr.print(f"[yellow]{answer.notice}[/yellow]")
    stdout.print(answer.text, highlight=False)
    unverified = [f.text for f in answer.figures if not f.verified]
    if unverified:
        stdout.print(f"[red]⚠ 未在引用原文中找到的数字 (unverified): {'、'.join(unverified)}[/red]")
    for c in answer.citations:
        where = " · ".join(part for part in (c.chunk.title, c.chunk.section, c.chunk.temporal.label) if part)
        stdout.print(f"[bold][{c.n}][/bold] {where}{page_label(c.chunk)}", highlight=False)


def ask(
    question: str = typer.Argument(None, help="The question, in Chinese or English."),
    mode: str = typer.Option("llm", "--mode", help="llm (default) or fast (extractive, no LLM)."),
    batch: Path = typer.Option(None, "--batch", help="JSONL file with lines {id, q}."),
    kb: str = typer.Option(None, "--kb", help="Knowledge base name."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Answer a question from the documents, with numbered, verified citations."""
    if mode not in ("llm", "fast"):
        stderr.print("--mode must be llm or fast")
        raise typer.Exit(2)
    assistant = Assistant()
    if batch is not None:
        run_batch(batch, lambda item: answer_json(assistant.ask(item["q"], mode, kb=kb)))
        return
    if question is None:
        stderr.print("请给出问题 (give a QUESTION or --batch FILE)")
        raise typer.Exit(2)
    with user_errors():
        if as_json:
            print_json(answer_json(assistant.ask(question, mode, kb=kb)))
            return
        for event in assistant.ask_events(question, mode, kb=kb):
            if isinstance(event, Token):
                stderr.print(event.text, end="", highlight=False)
            elif isinstance(event, Final):
                stderr.print()
                _print_answer(event.answer)
