"""PDF: the text layer page by page; a page with (almost) none is a scan and is read by OCR.

A page with ruled tables is read by pdfplumber instead, which finds the tables by their
lines: the text around them in order from the top, each table as rows with headers.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail, paged
from assistant.ingest.formats.ocr import ocr_pages
from assistant.ingest.formats.tables import build_table

if TYPE_CHECKING:
    from PIL.Image import Image
    from pypdf import PdfReader

_MIN_TEXT = 20  # characters of text layer below which a page is taken for a scan
_OCR_DPI = 150  # enough for body text of a scan; more costs time and gains little
_CAPTION_MAX = 40


def read_pdf(data: bytes, ctx: Context) -> Raw:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise fail(ctx, "PDF 已加密，无法读取 (encrypted PDF)")
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise fail(ctx, "PDF 文件已损坏，无法读取 (corrupt PDF)") from error
    if not texts:
        raise fail(ctx, "PDF 文件没有页面 (PDF has no pages)")
    scanned = [i for i, text in enumerate(texts) if len("".join(text.split())) < _MIN_TEXT]
    tabled = _with_tables(data, [i for i in range(len(texts)) if i not in scanned])
    for index, (text, _) in tabled.items():
        texts[index] = text
    ocr = [False] * len(texts)
    for index, text in zip(scanned, ocr_pages(_render(data, scanned, ctx), len(scanned), ctx), strict=True):
        if len(text) > len(texts[index].strip()):
            texts[index], ocr[index] = text, True
    if not "".join(texts).strip():
        raise fail(ctx, "PDF 没有文字层，OCR 也未识别出文字 (no text layer, and OCR found no text)")
    return paged(texts, ocr=ocr, tables=sum(count for _, count in tabled.values()))


def _render(data: bytes, indexes: list[int], ctx: Context) -> Iterator[Image]:
    """Page images for OCR, rendered one at a time (a 100-page scan never sits in memory whole)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise fail(ctx, "PDF 文件已损坏，无法读取 (corrupt PDF)") from error
    try:
        for index in indexes:
            yield document[index].render(scale=_OCR_DPI / 72, grayscale=True).to_pil()
    finally:
        document.close()


def _decrypts(reader: PdfReader) -> bool:
    """PDFs locked only against editing open with an empty password; others are refused."""
    from pypdf.errors import PyPdfError

    try:
        return bool(reader.decrypt(""))
    except (PyPdfError, NotImplementedError):
        return False


def _with_tables(data: bytes, indexes: list[int]) -> dict[int, tuple[str, int]]:
    """{page index: (its text with tables as rows, how many tables)} for the pages that hold ruled tables."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    found: dict[int, tuple[str, int]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index in indexes:
                page = pdf.pages[index]
                tables = page.find_tables()
                if not tables:
                    continue
                boxes = [table.bbox for table in tables]
                around = page.filter(partial(_outside_chars, boxes=boxes))
                lines = [(line["top"], line["text"]) for line in around.extract_text_lines()]
                items = [(top, [text]) for top, text in lines]
                read = 0
                for table in tables:
                    caption = next((text for top, text in reversed(lines) if top < table.bbox[1]), "")
                    title = caption if 0 < len(caption) <= _CAPTION_MAX and caption[-1] not in "。；;，," else ""
                    rows = build_table(_filled(table.extract()), title or f"表{read + 1}")
                    if rows is not None:
                        read += 1
                        items.append((table.bbox[1], rows.lines()))
                if read:
                    found[index] = ("\n".join(line for _, lines in sorted(items) for line in lines), read)
    except (PDFSyntaxError, ValueError, KeyError, TypeError):
        return {}  # the text layer read above stands
    return found


def _outside_chars(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """pdfplumber's filter: keep every object but the characters inside the tables (read as tables)."""
    return obj.get("object_type") != "char" or not _inside(obj, boxes)


def _inside(char: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether a character's middle lies in a table (a line just below may touch the table's edge)."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _filled(rows: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber leaves the other cells of a merged one empty (None): they take the text to
    their left, or above when at the start of a row."""
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        cells: list[str] = []
        for c, cell in enumerate(row):
            if cell is None:
                cell = cells[c - 1] if c else (grid[r - 1][c] if r and c < len(grid[r - 1]) else "")
            cells.append(cell)
        grid.append(cells)
    return grid
