"""Entry point of the ``assistant`` command."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from assistant.api import Assistant
from assistant.cli.ask import ask
from assistant.cli.brief import brief
from assistant.cli.check import check
from assistant.cli.doctor import doctor
from assistant.cli.draft import draft, templates
from assistant.cli.facts import facts
from assistant.cli.models import models_app
from assistant.cli.output import (
    chunk_json,
    page_label,
    print_json,
    progress_bar,
    run_batch,
    stderr,
    stdout,
    user_errors,
)
from assistant.types import Hit

app = typer.Typer(help="报告助手 — offline Q&A, figures and drafting over your reports.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.command()(ask)
app.command()(facts)
app.command()(brief)
app.command()(draft)
app.command()(templates)
app.command()(doctor)
app.command()(check)

KB = typer.Option(None, "--kb", help="Knowledge base name (default: settings.kb, 'default').")
JSON = typer.Option(False, "--json", help="Print JSON instead of a table.")


def hit_json(hit: Hit) -> dict:
    return {**chunk_json(hit.chunk), "score": round(hit.score, 6)}


@app.command()
def index(
    paths: list[Path] = typer.Argument(
        ...,
        help="Files or folders: Word/WPS, Excel/WPS sheets, csv, PDF (scans by OCR), images, OFD, pptx, html, "
        "txt, md, zip.",
    ),
    kb: str = KB,
    as_json: bool = JSON,
) -> None:
    """Index documents; unchanged files are skipped, changed ones replaced."""
    with user_errors():
        with progress_bar("索引") as update:
            report = Assistant().index(paths, kb, update)
    if as_json:
        print_json(report.as_json())
        return
    stdout.print(
        f"新增 {report.added} · 更新 {report.updated} · 未变 {report.unchanged} · "
        f"失败 {len(report.failed)} · 未收录 {len(report.skipped)} · 嵌入 {report.chunks_embedded} 段"
    )
    for failure in report.failed:
        stderr.print(f"[yellow]失败[/yellow] {failure.path}: {failure.error}")
    for skipped in report.skipped:
        stderr.print(f"[dim]未收录[/dim] {skipped.path}: {skipped.reason}")


@app.command("list")
def list_documents(kb: str = KB, as_json: bool = JSON) -> None:
    """List the indexed documents."""
    with user_errors():
        documents = Assistant().documents(kb)
    if as_json:
        print_json(
            {
                "documents": [
                    {
                        "doc": d.name,
                        "title": d.title,
                        "chunks": d.chunks,
                        "year": d.meta.year,
                        "region": d.meta.region,
                        "doc_type": d.meta.doc_type,
                        "format": d.info.format,
                        "pages": d.info.pages,
                        "ocr_pages": list(d.info.ocr_pages),
                        "tables": d.info.tables,
                    }
                    for d in documents
                ]
            }
        )
        return
    table = Table(title="资料库")
    for column in ("文件", "标题", "类型", "年份", "地区", "格式", "页数", "OCR页", "表格", "段数"):
        table.add_column(column)
    for d in documents:
        table.add_row(
            d.name,
            d.title,
            d.meta.doc_type or "",
            str(d.meta.year or ""),
            d.meta.region or "",
            d.info.format,
            str(d.info.pages or ""),
            str(len(d.info.ocr_pages)),
            str(d.info.tables),
            str(d.chunks),
        )
    stdout.print(table)


@app.command()
def remove(doc: str = typer.Argument(..., help="File name as shown by `assistant list`."), kb: str = KB) -> None:
    """Remove a document and its chunks from every index."""
    with user_errors():
        removed = Assistant().remove(doc, kb)
    if not removed:
        stderr.print(f"[red]未找到文档 (no such document):[/red] {doc}")
        raise typer.Exit(1)
    stdout.print(f"已删除 {doc}")


@app.command()
def search(
    query: str = typer.Argument(None, help="A question or keywords."),
    k: int = typer.Option(5, "-k", help="How many passages."),
    batch: Path = typer.Option(None, "--batch", help="JSONL file with lines {id, q}."),
    kb: str = KB,
    as_json: bool = JSON,
) -> None:
    """Find the passages that best match a query (no LLM)."""
    assistant = Assistant()
    if batch is not None:
        run_batch(
            batch,
            lambda item: {"query": item["q"], "results": [hit_json(h) for h in assistant.search(item["q"], k, kb)]},
        )
        return
    if query is None:
        stderr.print("请给出查询 (give a QUERY or --batch FILE)")
        raise typer.Exit(2)
    with user_errors():
        hits = assistant.search(query, k, kb)
    if as_json:
        print_json({"query": query, "results": [hit_json(h) for h in hits]})
        return
    for n, hit in enumerate(hits, 1):
        stdout.print(
            f"[bold][{n}] {hit.chunk.title}[/bold] · {hit.chunk.section}{page_label(hit.chunk)}  ({hit.score:.4f})"
        )
        stdout.print(hit.chunk.text, highlight=False)
        stdout.print()


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind; 0.0.0.0 shares on the network (needs logins)."),
    port: int = typer.Option(7860),
    kb: str = KB,
    auth_file: Path = typer.Option(None, "--auth-file", help="File of user:password lines (or ASSISTANT_UI_USERS)."),
    no_auth: bool = typer.Option(False, "--no-auth", help="Share on the network without logins (not recommended)."),
) -> None:
    """Serve the browser UI (logins required unless it listens on 127.0.0.1 only)."""
    from assistant.ui.app import launch

    with user_errors():
        launch(Assistant(), host=host, port=port, kb=kb, auth_file=auth_file, no_auth=no_auth)


@app.command("eval")
def evaluate(
    files: list[Path] = typer.Argument(..., help="JSONL questions (id, q, evidence, type, lang)."),
    mode: str = typer.Option(None, "--mode", help="Also measure answers: fast or llm."),
    kb: str = KB,
    as_json: bool = JSON,
) -> None:
    """Measure retrieval (hit@1/3/5/10, MRR@10 of the evidence strings) and, with --mode, answers."""
    from assistant.evaluate import evaluate_answers, evaluate_retrieval, read_questions

    assistant = Assistant()
    with user_errors():
        result = evaluate_retrieval(assistant, read_questions(files), kb)
        if mode:
            rows = [
                json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
            result["answers"] = evaluate_answers(assistant, rows, mode, kb)
    if as_json:
        print_json(result)
        return
    table = Table(title="检索评测 (retrieval)")
    for column in ("group", "n", "hit@1", "hit@3", "hit@5", "hit@10", "mrr@10"):
        table.add_column(column)
    for name, scores in {"overall": result["overall"], **result["groups"]}.items():
        table.add_row(name, *(str(scores[c]) for c in ("n", "hit@1", "hit@3", "hit@5", "hit@10", "mrr@10")))
    stdout.print(table)
    stdout.print(f"misses@5: {', '.join(result['misses@5']) or '—'}")
    if "answers" in result:
        stdout.print_json(data=result["answers"])
