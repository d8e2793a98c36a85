"""Positioned text lines (from OCR or an OFD page) → page text in reading order.

Scans and OFD pages give text pieces with boxes, not paragraphs. Here a two-column page
is read column by column (a title across both columns stays where it stands), lines
become paragraphs (a line ending short of the column's edge, an indent or a wider gap
ends one), and running headers, footers and page numbers are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from assistant.ingest.clean import heading_level, is_cjk

_MARGIN = 0.08  # share of the page height at the top and bottom where headers and footers stand
_PAGE_NUMBER = re.compile(  # "- 3 -", "3", "3/10", "第3页", "第3页 共10页"
    r"[-—–－\s]*(?:第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)[-—–－\s]*"
)


@dataclass(frozen=True)
class TextBox:
    """A piece of text and where it stands on the page (y grows downwards)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class PageBoxes:
    width: float
    height: float
    boxes: tuple[TextBox, ...]


def pages_text(pages: list[PageBoxes]) -> list[str]:
    """The text of each page, one paragraph a line, without running headers and page numbers."""
    repeated = _running_lines(pages)
    kept = [[box for box in page.boxes if not _is_furniture(box, page, repeated)] for page in pages]
    # A short page's longest line is no measure of the text width: the whole document's is.
    text_right = max((box.x1 for boxes in kept for box in boxes), default=0.0)
    texts = []
    for page, boxes in zip(pages, kept, strict=True):
        blocks = _blocks(boxes, page.width)
        right = text_right if len(blocks) == 1 else None
        texts.append("\n".join(p for block in blocks for p in _paragraphs(block, right)))
    return texts


def _in_margin(box: TextBox, page: PageBoxes) -> bool:
    return box.y1 <= page.height * _MARGIN or box.y0 >= page.height * (1 - _MARGIN)


def _shape(text: str) -> str:
    """A header with its page number taken out, so "第3页 某县教育局" repeats as itself."""
    return re.sub(r"\d+", "#", "".join(text.split()))


def _running_lines(pages: list[PageBoxes]) -> set[str]:
    """Margin texts that recur on at least half of several pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_shape(b.text) for b in page.boxes if _in_margin(b, page)})
    return {shape for shape, n in seen.items() if n >= max(2, len(pages) / 2)}


def _is_furniture(box: TextBox, page: PageBoxes, repeated: set[str]) -> bool:
    if not _in_margin(box, page):
        return False
    return bool(_PAGE_NUMBER.fullmatch(box.text)) or _shape(box.text) in repeated


def _gutter(boxes: list[TextBox], width: float) -> float | None:
    """The x of a gap between two columns in the middle of the page, if the page has two."""
    if len(boxes) < 6:
        return None
    crossing, x = min(
        (sum(1 for b in boxes if b.x0 < x < b.x1), x) for x in (width * step / 100 for step in range(30, 71))
    )
    left = [b for b in boxes if b.x1 <= x]
    right = [b for b in boxes if b.x0 >= x]
    if crossing > len(boxes) * 0.15 or len(left) < 3 or len(right) < 3:
        return None
    side_by_side = min(max(b.y1 for b in left), max(b.y1 for b in right)) > max(
        min(b.y0 for b in left), min(b.y0 for b in right)
    )
    return x if side_by_side else None


def _blocks(boxes: list[TextBox], width: float) -> list[list[list[TextBox]]]:
    """Blocks of rows in reading order: the page, or its columns between full-width lines."""
    gutter = _gutter(boxes, width)
    if gutter is None:
        return [_rows(boxes)]
    spanning = sorted((b for b in boxes if b.x0 < gutter < b.x1), key=lambda b: b.y0)
    blocks: list[list[list[TextBox]]] = []
    top = float("-inf")
    for bottom in [*(b.middle for b in spanning), float("inf")]:
        band = [b for b in boxes if top <= b.middle < bottom and not b.x0 < gutter < b.x1]
        blocks += [_rows([b for b in band if b.x1 <= gutter]), _rows([b for b in band if b.x0 >= gutter])]
        blocks += [[[b]] for b in spanning if b.middle == bottom]
        top = bottom
    return [block for block in blocks if block]


def _rows(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes on one text line grouped (their middles within half a line), left to right."""
    rows: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if rows and abs(box.middle - median(b.middle for b in rows[-1])) < 0.5 * box.height:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def _row_text(row: list[TextBox]) -> str:
    text = row[0].text
    for before, box in zip(row, row[1:], strict=False):
        gap = box.x0 - before.x1
        text += (" " if gap > before.height or _latin_pair(text, box.text) else "") + box.text
    return text


def _latin_pair(before: str, after: str) -> bool:
    return bool(before and after) and not is_cjk(before[-1]) and not is_cjk(after[0])


def _paragraphs(rows: list[list[TextBox]], right: float | None = None) -> list[str]:
    """Rows joined into paragraphs: a row continues the last one when that reached the right
    edge (``right``, else the block's), this one is neither indented nor a heading, and the
    gap between them is an ordinary line gap."""
    if not rows:
        return []
    left = min(b.x0 for row in rows for b in row)
    right = right if right is not None else max(b.x1 for row in rows for b in row)
    gaps = [b[0].y0 - a[0].y1 for a, b in zip(rows, rows[1:], strict=False) if b[0].y0 > a[0].y1]
    usual_gap = median(gaps) if gaps else 0.0
    paragraphs: list[str] = []
    previous: list[TextBox] | None = None
    for row in rows:
        size = median(b.height for b in row)
        text = _row_text(row)
        continues = previous is not None and (
            previous[-1].x1 >= right - 2 * size
            and row[0].x0 - left < size
            and heading_level(text) is None
            and row[0].y0 - previous[0].y1 <= max(usual_gap * 1.5, size * 0.8)
        )
        if continues:
            paragraphs[-1] += (" " if _latin_pair(paragraphs[-1], text) else "") + text
        else:
            paragraphs.append(text)
        previous = row
    return paragraphs
