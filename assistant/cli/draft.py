"""``assistant draft`` and ``assistant templates``: report sections drafted from the documents."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from rich.table import Table

from assistant.api import Assistant
from assistant.cli.output import citation_json, print_json, stderr, stdout, user_errors
from assistant.draft.export import source_line
from assistant.draft.templates import INPUT_LABELS, Template
from assistant.types import Draft, Stage, Token


def draft_json(draft: Draft, docx: Path | None = None) -> dict:
    """The draft as JSON; ``citations`` as in ``assistant ask --json``."""
    return {
        "template": draft.template,
        "title": draft.title,
        "mode": draft.mode,
        "outline": [{"heading": part.heading, "citations": list(part.citations)} for part in draft.outline],
        "draft": draft.text,
        "citations": [citation_json(c) for c in draft.citations],
        "figures": [{"text": f.text, "verified": f.verified, "citation": f.citation} for f in draft.figures],
        "inputs": dict(draft.inputs),
        "notice": draft.notice,
        "docx": str(docx) if docx else None,
    }


def _inputs(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key.strip() not in INPUT_LABELS:
            stderr.print(f"--set 需要 KEY=VALUE，KEY 为 {', '.join(INPUT_LABELS)} 之一：{pair}")
            raise typer.Exit(2)
        values[key.strip()] = value.strip()
    return values


def _print_draft(draft: Draft) -> None:
    if draft.notice:
        stderr.print(f"[yellow]{draft.notice}[/yellow]", highlight=False)
    stdout.print(f"[bold]{draft.title}[/bold]", highlight=False)
    stdout.print(draft.text, highlight=False)
    unverified = [f.text for f in draft.figures if not f.verified]
    if unverified:
        stdout.print(f"[red]⚠ 未在引用原文中找到的数字 (unverified): {'、'.join(unverified)}[/red]")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", draft.text)}
    for citation in draft.citations:
        if citation.n in cited:
            stdout.print(source_line(citation), highlight=False)


def draft(
    template: str = typer.Option("auto", "--template", "-t", help="Template name (see `assistant templates`) or auto."),
    topic: str = typer.Option(..., "--topic", help="What to draft, e.g. 起草述职报告中‘师资队伍建设’一节，约400字."),
    points: str = typer.Option(None, "--points", help="Key points, separated by ；、 or new lines."),
    length: int = typer.Option(
        None, "--length", help="About how many characters (default: the template's or the topic's)."
    ),
    mode: str = typer.Option("llm", "--mode", help="llm (default) or fast (a material pack, no LLM)."),
    kb: str = typer.Option(None, "--kb", help="Knowledge base name."),
    out: Path = typer.Option(None, "--out", help="Also write a Word file (.docx, GB/T 9704 layout) or Markdown (.md)."),
    sets: list[str] = typer.Option([], "--set", help="A template input, KEY=VALUE (unit, role, year, section, tone)."),
    extra: list[Path] = typer.Option([], "--with", help="An extra document read for this draft only (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Draft a report section from the documents, every figure verified; optionally export to Word."""
    if mode not in ("llm", "fast"):
        stderr.print("--mode must be llm or fast")
        raise typer.Exit(2)
    inputs = _inputs(sets)
    assistant = Assistant()
    final = None
    with user_errors():
        events = assistant.draft_events(
            topic, template=template, points=points or (), length=length, mode=mode, kb=kb, inputs=inputs, extra=extra
        )
        for event in events:
            if isinstance(event, Stage) and not as_json:
                stderr.print(f"[dim]{event.message}[/dim]", highlight=False)
            elif isinstance(event, Token) and not as_json:
                stderr.print(event.text, end="", highlight=False)
            elif isinstance(event, Draft):
                final = event
        if final is None:
            raise RuntimeError("draft_events ended without its Draft")
        docx = assistant.export_draft(final, out) if out else None
    if as_json:
        print_json(draft_json(final, docx))
        return
    stderr.print()
    _print_draft(final)
    if docx:
        stderr.print(f"已导出 → {docx}")


def _inputs_text(template: Template) -> str:
    return "；".join(f"{INPUT_LABELS[k]} {k}={v or '—'}" for k, v in template.inputs)


def templates(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the drafting templates and their inputs."""
    with user_errors():
        found = Assistant().templates()
    if as_json:
        print_json(
            {
                "templates": [
                    {
                        "name": t.name,
                        "title": t.title,
                        "genre": t.genre,
                        "description": t.description,
                        "inputs": dict(t.inputs),
                        "outline": list(t.outline),
                        "structure": t.structure,
                        "keywords": [*t.genre_keywords, *t.keywords],
                    }
                    for t in found
                ]
            }
        )
        return
    table = Table(title="起草模板 (drafting templates)", show_lines=True)
    for column in ("名称", "标题", "结构", "输入（默认值）"):
        table.add_column(column, overflow="fold")
    for t in found:
        table.add_row(t.name, t.title, t.structure, _inputs_text(t))
    stdout.print(table)
