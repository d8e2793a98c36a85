"""What every reader returns and shares: the raw text record, the reading context, failures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.errors import LoadError
from assistant.settings import Settings
from assistant.types import PageSpan

PageFn = Callable[[int, int], None]
"""Called as (pages done, pages in all) by readers that work page by page (OCR)."""


def no_progress(done: int, total: int) -> None:
    """The default page callback: nobody is watching."""


@dataclass(frozen=True)
class Raw:
    """Text as a reader found it; ``pages`` are spans of this raw text.

    ``ocr_pages`` are the page numbers whose text came from OCR, ``tables`` how many
    tables were read as tables, ``title`` a title the file itself declares (OFD, HTML).
    """

    text: str
    pages: tuple[PageSpan, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    tables: int = 0
    title: str = ""


@dataclass(frozen=True)
class Context:
    """What a reader knows besides the bytes: the name for messages, limits, a page callback."""

    name: str
    settings: Settings
    on_page: PageFn = no_progress


def fail(ctx: Context, reason: str) -> LoadError:
    """The one form of every loading error: "name: 中文原因 (English reason)"."""
    return LoadError(f"{ctx.name}: {reason}")


def paged(texts: Sequence[str], ocr: Sequence[bool] = (), tables: int = 0, title: str = "") -> Raw:
    """Pages joined by line breaks, each page's span recorded (pages are numbered from 1)."""
    pages, position = [], 0
    for number, text in enumerate(texts, start=1):
        pages.append(PageSpan(number, position, position + len(text)))
        position += len(text) + 1
    ocr_pages = tuple(n for n, flag in enumerate(ocr, start=1) if flag)
    return Raw("\n".join(texts), tuple(pages), ocr_pages, tables, title)
