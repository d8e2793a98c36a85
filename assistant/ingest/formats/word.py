"""Word documents (.docx): paragraphs and tables in body order, headings marked for the splitter."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail
from assistant.ingest.formats.tables import build_table

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_CAPTION_MAX = 40


def read_docx(data: bytes, ctx: Context) -> Raw:
    """A table becomes one line per row with its headers (see :mod:`.tables`); the paragraph
    just above it, when it reads like a caption, is its title."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as error:
        raise fail(ctx, "不是有效的 Word 文档 (not a valid .docx file)") from error
    lines: list[str] = []
    tables = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph(Paragraph(element, document)))
        elif tag == "tbl":
            caption = lines[-1].strip() if lines else ""
            title = caption if 0 < len(caption) <= _CAPTION_MAX and caption[-1] not in "。；;，," else ""
            table = build_table(_grid(Table(element, document)), title or f"表{tables + 1}")
            if table is not None:
                tables += 1
                lines.extend(table.lines())
    return Raw("\n".join(lines), tables=tables)


def _paragraph(paragraph: Paragraph) -> str:
    """Heading styles become markdown markers so the splitter sees the structure."""
    style = paragraph.style.name if paragraph.style is not None else ""
    level = re.search(r"(?:Heading|标题)\s*(\d)", style)
    if level and paragraph.text.strip():
        return f"{'#' * int(level.group(1))} {paragraph.text.strip()}"
    return paragraph.text


def _grid(table: Table) -> list[list[str]]:
    """Cell texts by grid position; python-docx repeats a merged cell over every position it spans."""
    return [[cell.text for cell in row.cells] for row in table.rows]
