"""``assistant brief``: a one-page brief of a document, as text, JSON, a Word or a Markdown file."""

from __future__ import annotations

from pathlib import Path

import typer

from assistant.api import Assistant
from assistant.brief.export import brief_json
from assistant.cli.output import print_json, stderr, stdout, user_errors


def brief(
    doc: str = typer.Argument(None, help="File name as shown by `assistant list`."),
    topic: str = typer.Option(None, "--topic", help="Instead of a document: a topic across the knowledge base."),
    out: Path = typer.Option(None, "--out", help="Also write the brief to this file: Word (.docx) or Markdown (.md)."),
    mode: str = typer.Option(
        "fast", "--mode", help="fast (default: extracts only) or llm (adds an overview paragraph, figures verified)."
    ),
    kb: str = typer.Option(None, "--kb", help="Knowledge base name."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """A brief of a document (headline figures, section summaries, changes against last year's) or of a topic."""
    if (doc is None) == (topic is None):
        stderr.print("请给出文件名或 --topic (give a DOC or --topic TEXT, not both)")
        raise typer.Exit(2)
    if mode not in ("fast", "llm"):
        stderr.print("--mode must be fast or llm")
        raise typer.Exit(2)
    assistant = Assistant()
    with user_errors():
        result = assistant.topic_brief(topic, kb, mode) if topic is not None else assistant.brief(doc, kb, mode)
        docx = str(assistant.export_brief(result, out)) if out is not None else None
    if result.notice:
        stderr.print(result.notice, highlight=False)
    if as_json:
        print_json(brief_json(result, docx))
        return
    stdout.print(f"[bold]{result.title}[/bold]  {result.doc_type or ''} · {result.year or ''} · {result.region or ''}")
    if result.overview:
        stdout.print(f"\n{result.overview}", highlight=False)
    if result.figures:
        stdout.print("\n[bold]主要数据[/bold]")
        for figure in result.figures:
            stdout.print(f"  {figure.indicator}：{figure.value} [{figure.citation}]", highlight=False)
    if result.sections:
        stdout.print("\n[bold]各部分要点[/bold]")
        for section in result.sections:
            marks = "".join(f"[{n}]" for n in section.citations)
            stdout.print(f"  {section.heading}\n    {section.summary}{marks}", highlight=False)
    if result.changes:
        stdout.print(f"\n[bold]与上年对比[/bold]（{result.previous}）")
        for change in result.changes:
            stdout.print(
                f"  {change.indicator}：{change.previous.value}[{change.previous.citation}] → "
                f"{change.current.value}[{change.current.citation}]  {change.change}",
                highlight=False,
            )
    stdout.print("\n[bold]引用资料[/bold]")
    for citation in result.citations:
        chunk = citation.chunk
        page = f" · 第{chunk.pages[0]}页" if chunk.pages else ""
        stdout.print(f"  [{citation.n}] 《{chunk.title or chunk.doc}》 · {chunk.section}{page}", highlight=False)
    if docx:
        stderr.print(f"已导出 → {docx}")
