"""PDF: the text layer page by page; a page with (almost) none is a scan and is read by OCR."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail, paged
from assistant.ingest.formats.ocr import ocr_pages

if TYPE_CHECKING:
    from PIL.Image import Image
    from pypdf import PdfReader

_MIN_TEXT = 20  # characters of text layer below which a page is taken for a scan
_OCR_DPI = 150  # enough for body text of a scan; more costs time and gains little


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
    ocr = [False] * len(texts)
    for index, text in zip(scanned, ocr_pages(_render(data, scanned, ctx), len(scanned), ctx), strict=True):
        if len(text) > len(texts[index].strip()):
            texts[index], ocr[index] = text, True
    if not "".join(texts).strip():
        raise fail(ctx, "PDF 没有文字层，OCR 也未识别出文字 (no text layer, and OCR found no text)")
    return paged(texts, ocr=ocr)


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
