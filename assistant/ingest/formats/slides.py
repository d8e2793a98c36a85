"""Presentations (.pptx): each slide a page, its text boxes top to bottom, its tables as tables."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.ingest.formats.base import Context, Raw, fail, paged
from assistant.ingest.formats.tables import build_table

Shape = Any  # python-pptx's shapes are a union of classes whose attributes depend on has_table, has_text_frame…

if TYPE_CHECKING:
    from pptx.slide import Slide


def read_pptx(data: bytes, ctx: Context) -> Raw:
    import pptx
    from pptx.exc import PackageNotFoundError

    try:
        presentation = pptx.Presentation(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise fail(ctx, "不是有效的 PowerPoint 文件 (not a valid .pptx file)") from error
    pages, tables = [], 0
    for number, slide in enumerate(presentation.slides, start=1):
        lines: list[str] = []
        title = slide.shapes.title.text_frame.text.strip() if slide.shapes.title is not None else ""
        for shape in _shapes(slide):
            if shape.has_table:
                grid = [[cell.text for cell in row.cells] for row in shape.table.rows]
                table = build_table(grid, title or f"幻灯片{number}")
                if table is not None:
                    tables += 1
                    lines.extend(table.lines())
            elif shape.has_text_frame:
                lines.extend(p for p in (para_text.strip() for para_text in _paragraphs(shape)) if p)
        pages.append("\n".join(lines))
    return paged(pages, tables=tables)


def _shapes(slide: Slide) -> Iterator[Shape]:
    """Shapes in reading order (top to bottom, then left to right), groups opened."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    def flat(shapes: Iterator[Shape]) -> Iterator[Shape]:
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from flat(shape.shapes)
            else:
                yield shape

    return iter(sorted(flat(iter(slide.shapes)), key=lambda s: (s.top or 0, s.left or 0)))


def _paragraphs(shape: Shape) -> Iterator[str]:
    for paragraph in shape.text_frame.paragraphs:
        yield "".join(run.text for run in paragraph.runs)
