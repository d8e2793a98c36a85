"""Tables as text that keeps its structure: every row carries its table's title, its own
label and each cell's column header, so a passage (and a figure) is understood alone.

A row is written as ``【title】label | header：value | header：value``; :func:`parse_row`
reads that line back, which is how the figure table finds table cells in indexed text.
Readers hand in a grid of cell texts with merged cells already repeated over their span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"[-+−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?\s*(?:%|‰|[\u4e00-\u9fff]{1,3})?")
_YEAR = re.compile(r"(?:19|20)\d{2}(?:年(?:度|末|底)?)?")
_UNIT_NOTE = re.compile(r"^\s*[（(]?\s*单位\s*[:：]\s*([^）)\s]+)\s*[）)]?\s*$")
_HEADER_UNIT = re.compile(r"\s*[（(]\s*((?:(?!含|其中|不|注)[^（）()\d]){1,4})\s*[）)]")  # "在校生（人）", "(万元)"
_GENERIC = re.compile(r"(?i)sheet\s*\d*|表\s*\d+|幻灯片\s*\d+|工作表\s*\d*")  # names no one chose
_SEPARATOR = " | "
_ROW = re.compile(r"^【([^】]*)】([^|]*?) \| (.+)$")
_MAX_HEADER_ROWS = 4
_MAX_LABEL_COLUMNS = 3
_SERIAL = frozenset({"序号", "编号", "No.", "序"})  # row numbers, not figures


@dataclass(frozen=True)
class Cell:
    """One value of a row with the column header it stands under."""

    header: str
    value: str


@dataclass(frozen=True)
class Row:
    """A table row as written in the text: which table, which row, its cells."""

    title: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    title: str
    rows: tuple[Row, ...]

    def lines(self) -> list[str]:
        return [row_line(row) for row in self.rows]


def is_number(text: str) -> bool:
    """A cell that states a quantity ("12345", "92.5%", "1,200人"); years alone are not."""
    text = text.strip()
    return bool(text) and bool(_NUMBER.fullmatch(text)) and not _YEAR.fullmatch(text)


def row_line(row: Row) -> str:
    cells = _SEPARATOR.join(f"{cell.header}：{cell.value}" if cell.header else cell.value for cell in row.cells)
    return f"【{row.title}】{row.label}{_SEPARATOR}{cells}"


def parse_row(line: str) -> Row | None:
    """The row a line of text was written from by :func:`row_line`, or None for other text."""
    match = _ROW.match(line.strip())
    if not match:
        return None
    cells = []
    for part in match.group(3).split(_SEPARATOR.strip()):
        header, colon, value = part.strip().partition("：")
        cells.append(Cell(header, value) if colon else Cell("", header))
    return Row(match.group(1), match.group(2).strip(), tuple(cells))


def build_table(grid: list[list[str]], title: str) -> Table | None:
    """Header rows, label columns, title and unit found in a grid; None when it is no table.

    The header rows are the top rows before the first row with a number (a year is a
    header, not a number); label columns are the leading columns without numbers.
    """
    grid = _trimmed([[" ".join(str(cell).split()) for cell in row] for row in grid])
    unit = ""
    while grid and len(set(filter(None, grid[0]))) == 1 and len(grid) > 1:  # title or unit line over the table
        only = next(filter(None, grid[0]))
        note = _UNIT_NOTE.match(only)
        if note:
            unit = note.group(1)
        else:
            title = _titled(only, title)
        grid = grid[1:]
    if len(grid) < 2 or max(len(row) for row in grid) < 2:
        return None
    width = max(len(row) for row in grid)
    grid = [row + [""] * (width - len(row)) for row in grid]
    first_data = next((i for i, row in enumerate(grid) if any(is_number(c) for c in row)), len(grid))
    heads = grid[: min(first_data, _MAX_HEADER_ROWS)] if first_data < len(grid) else grid[:1]
    body = grid[len(heads) :]
    serial = 1 if _column_header([row[0] for row in heads]) in _SERIAL else 0
    labels = serial
    while labels < min(_MAX_LABEL_COLUMNS + serial, width - 1) and not any(is_number(row[labels]) for row in body):
        labels += 1
    headers = [_column_header([row[j] for row in heads]) for j in range(width)]
    rows = []
    for values in body:
        label = "·".join(dict.fromkeys(v for v in values[serial:labels] if v))
        cells = tuple(
            Cell(_header_text(headers[j]), _with_unit(values[j], headers[j], unit))
            for j in range(labels, width)
            if values[j]
        )
        if cells:
            rows.append(Row(title.replace("】", "]"), label.replace("|", "/"), cells))
    return Table(title, tuple(rows)) if rows else None


def is_generic_title(title: str) -> bool:
    """ "Sheet1", "表2", "幻灯片3": a name given by the program, not by the author."""
    return bool(_GENERIC.fullmatch(title.strip()))


def _titled(line: str, name: str) -> str:
    """A title line over a table, with the sheet's own name after it when that says more."""
    if not name or is_generic_title(name) or name in line:
        return line
    return f"{line}（{name}）"


def _trimmed(grid: list[list[str]]) -> list[list[str]]:
    """Without empty rows and empty columns."""
    rows = [row for row in grid if any(row)]
    width = max((len(row) for row in rows), default=0)
    keep = [j for j in range(width) if any(j < len(row) and row[j] for row in rows)]
    return [[row[j] if j < len(row) else "" for j in keep] for row in rows]


def _column_header(parts: list[str]) -> str:
    """Header rows over a column joined ("2025年" over "在校生（人）"); a merged cell counts once."""
    words = [f"{part}年" if re.fullmatch(r"(?:19|20)\d{2}", part) else part for part in parts if part]
    return "".join(dict.fromkeys(words))


def _header_text(header: str) -> str:
    """A header as written before a cell: its unit moves to the value, separators are escaped."""
    return _HEADER_UNIT.sub("", header, count=1).replace("：", ":").replace("|", "/")


def _with_unit(value: str, header: str, unit: str) -> str:
    """A bare number gets the unit its header or the table's unit note gives ("12345" → "12345人")."""
    value = value.replace("|", "/")
    if not re.fullmatch(r"[-+−]?[\d,，]*\.?\d+", value):
        return value
    own = _HEADER_UNIT.search(header)
    suffix = own.group(1) if own else unit
    return value + suffix
