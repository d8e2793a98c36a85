"""Plain text (.txt, .md) and comma-separated tables (.csv): bytes in an unknown encoding."""

from __future__ import annotations

import csv
import io

from assistant.ingest.formats.base import Context, Raw, fail
from assistant.ingest.formats.tables import build_table


def decode(data: bytes, ctx: Context) -> str:
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
    raise fail(ctx, "不是文本文件或编码无法识别 (not a text file, or unknown encoding)")


def _plausible(text: str) -> str:
    """Reject decodings that are mostly control characters: binary data, not text."""
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > max(2, len(text) // 100):
        raise ValueError("binary")
    return text


def read_text(data: bytes, ctx: Context) -> Raw:
    return Raw(decode(data, ctx))


def read_csv(data: bytes, ctx: Context) -> Raw:
    """One table; the delimiter (comma, semicolon, tab) is sniffed from the first lines."""
    text = decode(data, ctx)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    grid = [row for row in csv.reader(io.StringIO(text), dialect)]
    table = build_table(grid, ctx.name.rsplit(".", 1)[0])
    if table is None:
        raise fail(ctx, "表格中没有数据 (no table data)")
    return Raw("\n".join(table.lines()), tables=1)
