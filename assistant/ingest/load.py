"""Read any supported file into a cleaned :class:`Document` record.

The reader for the file's format (see :mod:`assistant.ingest.formats`) gives raw
text; here it is cleaned, titled and described. Every failure is a :class:`LoadError`
whose message names the file and the reason in words a user can act on (Chinese
first, English in brackets).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from pathlib import Path

from assistant.ingest.clean import clean_text
from assistant.ingest.formats import READERS, Context, is_encrypted
from assistant.ingest.formats.base import PageFn, fail, no_progress
from assistant.ingest.formats.tables import is_generic_title
from assistant.ingest.metadata import parse_meta
from assistant.settings import Settings
from assistant.types import Document, FileInfo, PageSpan

_TITLE_MAX = 60


def load_document(path: Path, settings: Settings, name: str | None = None, on_page: PageFn = no_progress) -> Document:
    """Read, clean and describe one file; raises :class:`LoadError` with the reason.

    ``name`` is the document's name in the knowledge base (default: the file name);
    ``on_page`` hears (pages done, pages in all) from readers that OCR page by page.
    """
    ctx = Context(name or path.name, settings, on_page)
    suffix = Path(ctx.name).suffix.lower()
    reader = READERS.get(suffix)
    if not path.is_file():
        raise fail(ctx, "文件不存在 (file not found)")
    if reader is None:
        raise fail(ctx, f"不支持的文件格式 (unsupported format; use {', '.join(READERS)})")
    size_mb = path.stat().st_size / (1024 * 1024)
    if size_mb > settings.max_file_mb:
        shown = f"{size_mb:.1f}" if size_mb >= 1 else f"{size_mb:.2f}"  # not "0.0 MB" under a small limit
        raise fail(ctx, f"文件过大 {shown} MB，上限 {settings.max_file_mb:g} MB (file too large)")
    data = path.read_bytes()
    if is_encrypted(data):
        raise fail(ctx, "文件设有打开密码，请去除密码后再添加 (password-protected file)")
    raw = reader(data, ctx)
    text, offsets = clean_text(raw.text)
    if not text.strip():
        raise fail(ctx, "文件中没有可读取的文字 (no text)")
    title = raw.title if 0 < len(raw.title) <= _TITLE_MAX else _title(text, Path(ctx.name))
    pages = _clean_pages(raw.pages, offsets)
    return Document(
        name=ctx.name,
        path=str(path),
        title=title,
        text=text,
        raw_text=raw.text,
        raw_offsets=offsets,
        pages=pages,
        meta=parse_meta(Path(ctx.name).name, title, text),
        content_hash=hashlib.sha256(data).hexdigest(),
        info=FileInfo(suffix.lstrip("."), len(raw.pages), raw.ocr_pages, raw.tables),
    )


def _clean_pages(pages: tuple[PageSpan, ...], offsets: tuple[int, ...]) -> tuple[PageSpan, ...]:
    """Raw page spans moved onto the cleaned text (offsets only ever increase)."""
    spans = (PageSpan(p.number, bisect_left(offsets, p.start), bisect_left(offsets, p.end)) for p in pages)
    return tuple(span for span in spans if span.start < span.end)


def _title(text: str, path: Path) -> str:
    """The first line when it reads like a title, a 《…》 name in it, else the file name."""
    first = text.split("\n", 1)[0].strip()
    first = re.sub(r"^#+\s*", "", first).split("——", 1)[0].strip()
    first = re.sub(r"^【([^】]*)】.*", r"\1", first)  # a table's row: its table's title
    first = "" if is_generic_title(first) else first
    salutation = re.match(r"(各位|尊敬的|同志们)", first)
    if first and not salutation and len(first) <= _TITLE_MAX and first[-1] not in "：:，,；;":
        return first
    quoted = re.search(r"《([^》]{4,60})》", first)
    if quoted:
        return quoted.group(1)
    year = re.match(r"((?:19|20)\d{2})_(.+)", path.stem)
    return f"{year.group(1)}年{year.group(2).replace('_', '')}" if year else path.stem.replace("_", " ")
