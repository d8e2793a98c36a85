"""Read .txt, .md, .docx and .pdf files into cleaned :class:`Document` records.

Every failure is a :class:`LoadError` whose message names the file and the reason in
words a user can act on (Chinese first, English in brackets).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import LoadError
from assistant.ingest.clean import clean_text
from assistant.ingest.metadata import parse_meta
from assistant.settings import Settings
from assistant.types import Document, PageSpan

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from pypdf import PdfReader

_SKIPPED_NAMES = ("manifest.tsv", "readme")
_TITLE_MAX = 60


@dataclass(frozen=True)
class _Raw:
    """Text as a reader found it; ``pages`` are spans of this raw text."""

    text: str
    pages: tuple[PageSpan, ...] = ()


def _fail(path: Path, reason: str) -> LoadError:
    return LoadError(f"{path.name}: {reason}")


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), then GB18030 (a superset of GBK), then a detector."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" not in data:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return _plausible(data.decode(encoding))
            except (UnicodeDecodeError, ValueError):
                continue
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            try:
                return _plausible(str(best))
            except ValueError:
                pass
    raise _fail(path, "不是文本文件或编码无法识别 (not a text file, or unknown encoding)")


def _plausible(text: str) -> str:
    """Reject decodings that are mostly control characters: binary data, not text."""
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > max(2, len(text) // 100):
        raise ValueError("binary")
    return text


def _read_text(path: Path, data: bytes) -> _Raw:
    return _Raw(_decode(path, data))


def _read_docx(path: Path, data: bytes) -> _Raw:
    """Paragraphs and tables in body order; a table row becomes one line of cells."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as error:
        raise _fail(path, "不是有效的 Word 文档 (not a valid .docx file)") from error
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_docx_paragraph(Paragraph(element, document)))
        elif tag == "tbl":
            lines.extend(_docx_rows(Table(element, document)))
    return _Raw("\n".join(lines))


def _docx_paragraph(paragraph: Paragraph) -> str:
    """Heading styles become markdown markers so the splitter sees the structure."""
    style = paragraph.style.name if paragraph.style is not None else ""
    level = re.search(r"(?:Heading|标题)\s*(\d)", style)
    if level and paragraph.text.strip():
        return f"{'#' * int(level.group(1))} {paragraph.text.strip()}"
    return paragraph.text


def _docx_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _read_pdf(path: Path, data: bytes) -> _Raw:
    """The text layer page by page; scanned PDFs have none and need OCR first."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise _fail(path, "PDF 已加密，无法读取 (encrypted PDF)")
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise _fail(path, "PDF 文件已损坏，无法读取 (corrupt PDF)") from error
    if not texts:
        raise _fail(path, "PDF 文件没有页面 (PDF has no pages)")
    if sum(len("".join(text.split())) for text in texts) < 10 * len(texts):
        raise _fail(path, "PDF 没有文字层，需要先做 OCR 识别 (no text layer; OCR needed)")
    pages, position = [], 0
    for number, text in enumerate(texts, start=1):
        pages.append(PageSpan(number, position, position + len(text)))
        position += len(text) + 1
    return _Raw("\n".join(texts), tuple(pages))


def _decrypts(reader: PdfReader) -> bool:
    """PDFs locked only against editing open with an empty password; others are refused."""
    from pypdf.errors import PyPdfError

    try:
        return bool(reader.decrypt(""))
    except (PyPdfError, NotImplementedError):
        return False


_READERS: dict[str, Callable[[Path, bytes], _Raw]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}


def iter_files(paths: list[Path]) -> list[Path]:
    """Files to load: folders expand recursively to supported files; files pass as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                file
                for file in sorted(path.rglob("*"))
                if file.is_file()
                and file.suffix.lower() in _READERS
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
                and not file.name.lower().startswith(_SKIPPED_NAMES)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def load_document(path: Path, settings: Settings) -> Document:
    """Read, clean and describe one file; raises :class:`LoadError` with the reason."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(_READERS)
        raise _fail(path, f"不支持的文件格式 (unsupported format; use {supported})")
    if not path.is_file():
        raise _fail(path, "文件不存在 (file not found)")
    size_mb = path.stat().st_size / (1024 * 1024)
    if size_mb > settings.max_file_mb:
        shown = f"{size_mb:.1f}" if size_mb >= 1 else f"{size_mb:.2f}"  # not "0.0 MB" under a small limit
        raise _fail(path, f"文件过大 {shown} MB，上限 {settings.max_file_mb:g} MB (file too large)")
    data = path.read_bytes()
    raw = reader(path, data)
    text, offsets = clean_text(raw.text)
    if not text.strip():
        raise _fail(path, "文件中没有可读取的文字 (no text)")
    title = _title(text, path)
    return Document(
        name=path.name,
        path=str(path),
        title=title,
        text=text,
        raw_text=raw.text,
        raw_offsets=offsets,
        pages=_clean_pages(raw.pages, offsets),
        meta=parse_meta(path.name, title, text),
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _clean_pages(pages: tuple[PageSpan, ...], offsets: tuple[int, ...]) -> tuple[PageSpan, ...]:
    """Raw page spans moved onto the cleaned text (offsets only ever increase)."""
    spans = (PageSpan(p.number, bisect_left(offsets, p.start), bisect_left(offsets, p.end)) for p in pages)
    return tuple(span for span in spans if span.start < span.end)


def _title(text: str, path: Path) -> str:
    """The first line when it reads like a title, a 《…》 name in it, else the file name."""
    first = text.split("\n", 1)[0].strip()
    first = re.sub(r"^#+\s*", "", first).split("——", 1)[0].strip()
    salutation = re.match(r"(各位|尊敬的|同志们)", first)
    if first and not salutation and len(first) <= _TITLE_MAX and first[-1] not in "：:，,；;":
        return first
    quoted = re.search(r"《([^》]{4,60})》", first)
    if quoted:
        return quoted.group(1)
    year = re.match(r"((?:19|20)\d{2})_(.+)", path.stem)
    return f"{year.group(1)}年{year.group(2).replace('_', '')}" if year else path.stem.replace("_", " ")
