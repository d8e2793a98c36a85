"""Repair text taken from PDFs and the web: hard line breaks, stray spaces, noise lines.

Every cleaned character keeps the index of the raw character it came from, so a
citation found in the cleaned text can still be shown in the original.  Characters
themselves are never rewritten (no NFKC): a figure such as "1.2万" must survive as is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.text.sentences import CLAUSE_STOPS

_CN_NUM = "一二三四五六七八九十百千零〇两"
# Heading grammar of Chinese official documents; a smaller level is a bigger section.
_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"第[{_CN_NUM}\d]+编"), 0),
    (re.compile(rf"第[{_CN_NUM}\d]+章"), 1),
    (re.compile(rf"第[{_CN_NUM}\d]+节"), 2),
    (re.compile(rf"[{_CN_NUM}]+、"), 3),
    (re.compile(rf"[（(][{_CN_NUM}]+[）)]"), 4),
    (re.compile(r"\d{1,2}[.．、](?!\d)"), 5),
    (re.compile(r"[（(]\d{1,2}[）)]"), 6),
    (re.compile(rf"第[{_CN_NUM}\d]+条"), 7),
)
ARTICLE_LEVEL = 7
_MARKDOWN = re.compile(r"(#{1,6})\s+(\S.*)")

_TERMINAL = CLAUSE_STOPS + "：:."
_CLOSERS = "”’」』）)】》〉\"'"
_SPACES = frozenset(" \t\u3000\xa0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_NOISE_LINE = re.compile(r"<!--.*-->|[-—–]\s*\d{1,4}\s*[-—–]")
_ENUMERATOR_ONLY = re.compile(rf"[{_CN_NUM}]+是[：:，,]?")
_WRAP_SHARE = 0.85  # a line at least this share of the page width was wrapped by the layout


def heading_level(line: str) -> int | None:
    """The heading level a line starts with (markdown ``#`` or a Chinese marker), or None."""
    md = _MARKDOWN.match(line)
    if md:
        inner = heading_level(md.group(2))
        return inner if inner is not None else len(md.group(1)) - 1
    for pattern, level in _HEADINGS:
        if pattern.match(line):
            return level
    return None


def is_cjk(char: str) -> bool:
    """Ideographs and the punctuation set in full width around them."""
    code = ord(char)
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2018 <= code <= 0x201F
        or char in "—…·"
    )


def _width(text: str) -> int:
    """Printed width: wrapping in a PDF happens by width, and digits are half as wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


@dataclass(frozen=True)
class _Line:
    chars: str
    offsets: tuple[int, ...]
    end: int  # raw index of the line break that follows
    indented: bool


def _normalise(raw: str, start: int, end: int) -> _Line:
    """Drop invisible characters and spaces next to CJK; squeeze other runs of spaces."""
    chars: list[str] = []
    offsets: list[int] = []
    i = start
    while i < end:
        char = raw[i]
        if char in _SPACES:
            run_end = i
            while run_end < end and raw[run_end] in _SPACES:
                run_end += 1
            before = chars[-1] if chars else ""
            after = raw[run_end] if run_end < end else ""
            between_latin = bool(before and after) and not is_cjk(before) and not is_cjk(after)
            if between_latin or before == "#" or "|" in (before, after):  # markdown, table cells
                chars.append(" ")
                offsets.append(i)
            i = run_end
            continue
        if char not in _INVISIBLE and unicodedata.category(char) != "Cc":
            chars.append(char)
            offsets.append(i)
        i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    indented = start < end and (raw[start] in "\t\u3000" or raw.startswith("  ", start))
    return _Line("".join(chars), tuple(offsets), end, indented)


def _lines(raw: str) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw):
        if not match.group():
            continue
        body = match.group().rstrip("\r\n")
        if _NOISE_LINE.fullmatch(body.strip()):
            continue
        lines.append(_normalise(raw, match.start(), match.start() + len(body)))
    return lines


def _page_width(lines: list[_Line]) -> int | None:
    """The wrap width when most lines were broken by a page layout, else None."""
    widths = sorted(_width(line.chars) for line in lines if line.chars)
    if len(widths) < 3:
        return None
    width = widths[int(len(widths) * 0.9) - 1]
    full = sum(1 for w in widths if w >= _WRAP_SHARE * width)
    return width if 40 <= width <= 240 and full * 2 >= len(widths) else None


def is_bare_heading(line: str) -> bool:
    """A heading line with no body after it; an article (第X条) is body text itself.

    "（二）基本原则。" is still bare; "19．金融“五篇大文章”：科技金融…。" is a listed item.
    """
    if heading_level(line) in (None, ARTICLE_LEVEL) or len(line) > 60:
        return False
    body = line.removesuffix("。")
    if (body != line and len(line) > 20) or re.search(r"[：:].", body):
        return False
    return not any(char in CLAUSE_STOPS for char in body)


def _joins(a: str, b: _Line, page_width: int | None) -> bool:
    """Whether the break between line ``a`` and ``b`` is a layout wrap, not a paragraph."""
    if _ENUMERATOR_ONLY.fullmatch(a):
        return True  # "一是" alone on a line (a bold run in the web page) leads its item
    if page_width is None or b.indented or " | " in a or " | " in b.chars:
        return False
    if _width(a) < _WRAP_SHARE * page_width or is_bare_heading(a):
        return False
    # A full line ending a sentence is often still mid-paragraph ("三是深化评价改革。" and
    # its content on the next line); only a heading or a colon then starts a new paragraph.
    last = a.rstrip(_CLOSERS)[-1:] or a[-1]
    return not (last in "：:" or (last in _TERMINAL and heading_level(b.chars) is not None))


def _needs_space(last: str, first: str) -> bool:
    """Words of Latin text wrapped across lines need a space; Chinese and numbers do not."""
    latin = (last.isascii() and last.isalpha()) or (first.isascii() and first.isalpha())
    return latin and not is_cjk(last) and not is_cjk(first)


def clean_text(raw: str) -> tuple[str, tuple[int, ...]]:
    """Cleaned text (one paragraph a line) and, for each of its characters, its raw index."""
    lines = _lines(raw)
    page_width = _page_width(lines)
    chars: list[str] = []
    offsets: list[int] = []
    previous: _Line | None = None
    blank = False
    for line in lines:
        if not line.chars:
            blank = True
            continue
        if previous is not None:
            if blank or not _joins(previous.chars, line, page_width):
                chars.append("\n")
                offsets.append(previous.end)
            elif _needs_space(previous.chars[-1], line.chars[0]):
                chars.append(" ")
                offsets.append(previous.end)
        chars.extend(line.chars)
        offsets.extend(line.offsets)
        previous, blank = line, False
    return "".join(chars), tuple(offsets)
