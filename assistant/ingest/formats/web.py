"""Web pages saved from a government site (.html, .htm): the article, not the navigation.

readability-lxml finds the main content (the node with the densest prose) and drops
menus, sidebars and footers; its HTML then becomes one paragraph a line, headings as
markdown markers and tables as tables.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail
from assistant.ingest.formats.tables import build_table

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_BLOCKS = frozenset(
    "p div section article main header footer li ul ol dl dt dd blockquote pre br tr h1 h2 h3 h4 h5 h6".split()
)
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###"}
_SITE_SUFFIX = re.compile(r"\s*[_|｜—–-]\s*[^_|｜—–-]{2,30}(?:政府|网|门户|官网)\s*$")  # "…总结_某县人民政府"


def read_html(data: bytes, ctx: Context) -> Raw:
    import lxml.html
    from lxml.etree import ParserError
    from readability import Document
    from readability.readability import Unparseable

    try:
        page = Document(data)
        title = _SITE_SUFFIX.sub("", page.short_title()).strip()
        root = lxml.html.fromstring(page.summary(html_partial=True))
    except (Unparseable, ParserError, ValueError) as error:
        raise fail(ctx, "网页无法解析 (the HTML cannot be parsed)") from error
    lines: list[str] = []
    tables = _Lines(lines).walk(root)
    if lines and lines[0].startswith("#"):
        title = lines[0].lstrip("# ")  # the article's own heading says it better than <title>
    elif title:
        lines.insert(0, f"# {title}")
    return Raw("\n".join(lines), tables=tables, title=title)


class _Lines:
    """Collects block text as lines while walking the tree; tables go through :mod:`.tables`."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.current: list[str] = []
        self.tables = 0
        self.heading = ""

    def walk(self, element: HtmlElement) -> int:
        self._visit(element)
        self._flush()
        return self.tables

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(f"{self.heading} {text}" if self.heading else text)
        self.current, self.heading = [], ""

    def _visit(self, element: HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "nav"):
            return
        if tag == "table":
            self._flush()
            caption = element.find("caption")
            title = caption.text_content().strip() if caption is not None else (self.lines[-1] if self.lines else "")
            table = build_table(_grid(element), title[:40] or f"表{self.tables + 1}")
            if table is not None:
                self.tables += 1
                self.lines.extend(table.lines())
            return
        if tag in _BLOCKS:
            self._flush()
            self.heading = _HEADINGS.get(tag, "")
        self.current.append(element.text or "")
        for child in element:
            self._visit(child)
            self.current.append(child.tail or "")
        if tag in _BLOCKS:
            self._flush()


def _grid(table: HtmlElement) -> list[list[str]]:
    """Cells by grid position: colspan repeats a cell to the right, rowspan downwards."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table.iter("tr")):
        cells: list[str] = []
        for cell in row.iter("td", "th"):
            while (r, len(cells)) in pending:
                cells.append(pending.pop((r, len(cells))))
            text = " ".join(cell.text_content().split())
            for _ in range(_span(cell, "colspan", 50)):
                for extra in range(1, _span(cell, "rowspan", 200)):
                    pending[(r + extra, len(cells))] = text
                cells.append(text)
        while (r, len(cells)) in pending:
            cells.append(pending.pop((r, len(cells))))
        grid.append(cells)
    return grid


def _span(cell: HtmlElement, attribute: str, limit: int) -> int:
    value = str(cell.get(attribute, "1")).strip()
    return min(int(value), limit) if value.isdigit() and int(value) > 0 else 1
