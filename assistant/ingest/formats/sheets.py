"""Spreadsheets (.xlsx): every sheet a table, merged cells repeated over their span."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail
from assistant.ingest.formats.tables import build_table

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet


def read_xlsx(data: bytes, ctx: Context) -> Raw:
    """Values as the sheet shows them (formulas by their last computed result); a sheet's
    name is its table's title unless a title row over the table says more."""
    import openpyxl

    if not data:
        raise fail(ctx, "文件为空（0 字节）(empty file)")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise fail(ctx, "不是有效的 Excel 表格 (not a valid .xlsx file)") from error
    lines: list[str] = []
    tables = 0
    for sheet in workbook.worksheets:
        table = build_table(_grid(sheet), sheet.title)
        if table is not None:
            tables += 1
            lines.extend(table.lines())
    if not tables:
        raise fail(ctx, "表格中没有数据 (no table data)")
    return Raw("\n".join(lines), tables=tables)


def _grid(sheet: Worksheet) -> list[list[str]]:
    grid = [[_shown(cell) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    return grid


def _shown(cell: Cell) -> str:
    """A cell as a reader sees it: 0.925 formatted as a percentage is "92.5%", 12345.0 is "12345"."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        percent = "%" in (cell.number_format or "")
        number = value * 100 if percent else value
        text = f"{number:.12g}" if isinstance(number, float) else str(number)
        return text + ("%" if percent else "")
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()
