"""Shared CLI plumbing: JSON output, progress bars on stderr, errors as exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from assistant.errors import AssistantError
from assistant.types import Chunk, Citation

stderr = Console(stderr=True)
stdout = Console()


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


@contextmanager
def progress_bar(label: str) -> Iterator:
    """Yields a ``(message, done, total)`` callback drawing a bar on stderr."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=False) as progress:
        task = progress.add_task(label, total=None)

        def update(message: str, done: int, total: int) -> None:
            progress.update(task, description=f"{label} {message}", completed=done, total=total)

        yield update


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn domain errors into a one-line message and exit code 1 (no traceback)."""
    try:
        yield
    except AssistantError as error:
        stderr.print(f"[red]错误 (error):[/red] {error}")
        raise typer.Exit(1) from error


def run_batch(path: Path, handle: Callable[[dict], dict]) -> None:
    """One JSON line out per ``{"id", "q"}`` line in; a bad line reports its error and the batch goes on."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            print_json(
                {"id": None, "line": number, "error": f"第 {number} 行不是 JSON (line {number} is not JSON): {error}"}
            )
            continue
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            ident = item.get("id") if isinstance(item, dict) else None
            print_json({"id": ident, "line": number, "error": f'第 {number} 行缺少 "q" (line {number} has no "q")'})
            continue
        try:
            print_json({"id": item.get("id"), **handle(item)})
        except AssistantError as error:
            print_json({"id": item.get("id"), "error": str(error)})


def chunk_json(chunk: Chunk) -> dict:
    """Where a passage comes from and what it says, as every JSON output shows it (``ocr``: read from a scan)."""
    return {
        "doc": chunk.doc,
        "title": chunk.title,
        "section": chunk.section,
        "about": chunk.temporal.label,  # the period and kind of statement: "2025年 · 实际"
        "page": chunk.pages[0] if chunk.pages else None,
        "ocr": chunk.ocr,
        "text": chunk.text,
    }


def page_label(chunk: Chunk) -> str:
    """ " 第3页 · 扫描件识别" after a passage's source: its page, and that OCR read it (figures to check)."""
    page = f" 第{chunk.pages[0]}页" if chunk.pages else ""
    return page + (" · 扫描件识别 (OCR)" if chunk.ocr else "")


def citation_json(citation: Citation) -> dict:
    """A numbered passage as the ``ask`` and ``draft`` JSON show it."""
    return {"n": citation.n, **chunk_json(citation.chunk)}
