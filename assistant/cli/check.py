"""``assistant check``: 核稿 of a draft file or pasted text — rule findings and figures against the documents."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from assistant.api import Assistant
from assistant.check.report import STATUS_LABELS, CheckReport, FigureResult, Finding, Source
from assistant.cli.output import print_json, stderr, stdout, user_errors


def finding_json(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "suggestion": finding.suggestion,
    }


def _source_json(source: Source | None) -> dict | None:
    if source is None:
        return None
    return {
        "doc": source.doc,
        "title": source.title,
        "section": source.section,
        "page": source.page,
        "sentence": source.sentence,
        "year": source.year,
        "region": source.region,
    }


def figure_json(figure: FigureResult) -> dict:
    return {
        "text": figure.text,
        "start": figure.start,
        "end": figure.end,
        "status": figure.status,
        "value_in_documents": figure.value_in_documents,
        "citation": _source_json(figure.source),
        "indicator": figure.indicator,
        "period": figure.period,
        "note": figure.note,
    }


def report_json(report: CheckReport, docx: Path | None) -> dict:
    return {
        "figures": [figure_json(f) for f in report.figures],
        "findings": [finding_json(f) for f in report.findings],
        "text": report.text,
        "seconds": report.seconds,
        "docx": str(docx) if docx else None,
        "notices": list(report.notices),
    }


def _print(report: CheckReport) -> None:
    flagged = report.flagged_figures
    for notice in report.notices:
        stderr.print(notice)
    stdout.print(
        f"数据 {len(report.figures)} 处，需核对 {len(flagged)} 处；规范问题 {len(report.findings)} 处"
        f"（{report.seconds:.1f} 秒）"
    )
    if flagged:
        table = Table(title="数据核对", show_lines=True)
        for column in ("位置", "草稿", "指标", "结果", "资料中", "出处 / 说明"):
            table.add_column(column, overflow="fold")
        for figure in flagged:
            where = f"《{figure.source.title or figure.source.doc}》" if figure.source else ""
            table.add_row(
                str(figure.start),
                figure.text,
                figure.indicator,
                STATUS_LABELS[figure.status],
                figure.value_in_documents or "",
                " ".join(p for p in (where, figure.note) if p),
            )
        stdout.print(table)
    if report.findings:
        table = Table(title="规范检查", show_lines=True)
        for column in ("位置", "类别", "原文", "建议", "说明"):
            table.add_column(column, overflow="fold")
        for finding in report.findings:
            table.add_row(str(finding.start), finding.kind, finding.text, finding.suggestion, finding.message)
        stdout.print(table)


def check(
    file: Path = typer.Argument(None, help="The draft: .docx, .txt, .md (or any format `index` reads)."),
    text: str = typer.Option(None, "--text", help="The draft as text instead of a file."),
    out: Path = typer.Option(None, "--out", help="Also write a Word copy with each problem as a comment."),
    mode: str = typer.Option(
        None, "--mode", help="fast (default): rules and figures, no LLM; llm: also the LLM's reading."
    ),
    llm: bool = typer.Option(
        False,
        "--llm",
        help="Also ask the configured LLM for sentences hard to read or repeating themselves (= --mode llm).",
    ),
    kb: str = typer.Option(None, "--kb", help="Knowledge base the figures are checked against."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """核稿: check a draft's figures against the documents and its writing against GB/T 15834, 15835, 9704."""
    if (file is None) == (text is None):
        stderr.print("请给出草稿文件或 --text 文本（二者选一） (give FILE or --text TEXT)")
        raise typer.Exit(2)
    if llm and mode == "fast":
        stderr.print("快速模式不调用大模型：--llm 不能与 --mode fast 同用 (--llm means --mode llm)")
        raise typer.Exit(2)
    mode = "llm" if llm else mode or "fast"
    assistant = Assistant()
    with user_errors():
        report = assistant.check_file(file, kb, mode) if file is not None else assistant.check_draft(text, kb, mode)
        written = assistant.export_check(report, out) if out is not None else None
    if as_json:
        print_json(report_json(report, written))
        return
    _print(report)
    if written is not None:
        stderr.print(f"已写出带批注的 Word 文件 → {written}")
