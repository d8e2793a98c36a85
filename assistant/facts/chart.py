"""A bar chart of one indicator across documents, drawn locally with matplotlib (no CDN, no network).

One bar per figure record (``facts --compare`` gives the best record of each document),
labelled with the document's year and place, the value as written above it. Units are
reconciled the way :mod:`assistant.facts.numbers` reads them: multipliers are folded into
the value, so 亿元 and 万元 are both 元 and share an axis (shown in 亿元 or 万元). Different
units (% and 百分点, 元 and 人) are different quantities: the chart refuses to mix them and
says which document states which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.errors import ChartError
from assistant.types import FigureRecord

_CJK_FILE_MARKS = ("CJK", "wqy", "SourceHan", "Hei", "Song")  # file names of CJK fonts (Noto, WenQuanYi, Source Han)
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "AR PL UMing CN",
)
_SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


@dataclass(frozen=True)
class ChartBar:
    label: str  # "2025 北京市"
    value: float  # in the chart's unit
    text: str  # the figure as written
    doc: str
    source: str  # 《title》 · section · 第p页


@dataclass(frozen=True)
class Chart:
    """What was drawn: one bar per record, the axis unit, the file and the font used."""

    title: str
    unit: str
    bars: tuple[ChartBar, ...]
    path: Path
    font: str | None  # None: no CJK font was found, Chinese labels may show as boxes


def chart_unit(records: Sequence[FigureRecord]) -> str:
    """The one canonical unit the records share, or ChartError saying which document states which."""
    if not records:
        raise ChartError("没有可画的数据 (no figures to chart)")
    units = {record.figure.unit for record in records}
    if len(units) > 1:
        listed = "；".join(f"《{r.title or r.doc}》{r.figure.value}（{r.figure.unit or '无单位'}）" for r in records)
        why = "% 与 百分点 是不同的量" if units == {"%", "百分点"} else "不同单位的数值不能画在同一坐标上"
        raise ChartError(f"单位不一致，不能画在一张图上（{why}）：{listed} (units differ: {', '.join(sorted(units))})")
    missing = [r for r in records if r.figure.normalized is None]
    if missing:
        raise ChartError(f"数值无法读取 (value not readable): {missing[0].figure.value}")
    return units.pop()


def draw_compare_chart(records: Sequence[FigureRecord], path: Path, title: str) -> Chart:
    """Draw ``records`` as a bar chart into ``path`` (.png or .svg) and return what was drawn."""
    unit = chart_unit(records)
    largest = max(abs(r.figure.normalized or 0.0) for r in records)
    divisor, prefix = next(
        ((scale, name) for scale, name in _SCALES if largest >= scale and unit not in ("%", "百分点")), (1.0, "")
    )
    shown_unit = prefix + (unit if unit != "百分点" else "个百分点")
    labels = _labels(records)
    bars = tuple(
        ChartBar(label, (r.figure.normalized or 0.0) / divisor, r.figure.value, r.doc, _source(r))
        for label, r in zip(labels, records, strict=True)
    )
    font = cjk_font()
    _render(bars, path, title, shown_unit, font)
    return Chart(title, shown_unit, bars, Path(path), font)


def _labels(records: Sequence[FigureRecord]) -> list[str]:
    labels = [" ".join(str(p) for p in (r.year, r.region) if p) or (r.title or r.doc) for r in records]
    if len(set(labels)) < len(labels):
        labels = [r.title or r.doc for r in records]
    return labels


def _source(record: FigureRecord) -> str:
    parts = [f"《{record.title or record.doc}》"]
    if record.section:
        parts.append(record.section)
    if record.page is not None:
        parts.append(f"第{record.page}页")
    return " · ".join(parts)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs, found through matplotlib's font manager.

    Matplotlib lists the system's fonts once and keeps the list in its cache: a CJK font installed after
    that (``make browser`` on a machine where something drew a chart before) is not in it, so when the list
    has none, the system's font folders are read again and their CJK files added."""
    from matplotlib import font_manager

    found = _cjk_name({font.name for font in font_manager.fontManager.ttflist})
    if found is None:
        for path in font_manager.findSystemFonts():
            if any(mark in Path(path).name for mark in _CJK_FILE_MARKS):
                font_manager.fontManager.addfont(path)
        found = _cjk_name({font.name for font in font_manager.fontManager.ttflist})
    return found


def _cjk_name(installed: set[str]) -> str | None:
    found = next((name for name in _CJK_FONTS if name in installed), None)
    if found is None:
        found = next((name for name in sorted(installed) if "CJK" in name or "Hei" in name or "Song" in name), None)
    return found


COLUMNS_MAX = 8  # more bars than this read better as rows: one horizontal bar a document, labels left


def _render(bars: Sequence[ChartBar], path: Path, title: str, unit: str, font: str | None) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = len(bars) > COLUMNS_MAX
    size = (8.0, max(4.2, 0.32 * len(bars) + 1.2)) if rows else (max(5.0, 1.4 * len(bars) + 2), 4.2)
    figure = Figure(figsize=size, dpi=120)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    props: dict[str, Any] = {"family": font} if font else {}
    values, labels, at = [bar.value for bar in bars], [bar.label for bar in bars], range(len(bars))
    if rows:
        drawn = axes.barh(at, values, color="#c0392b", height=0.6)
        axes.set_yticks(at, labels, **props)
        axes.invert_yaxis()  # the first document on top, as in the table
        axes.set_xlabel(unit, **props)
        axes.margins(x=0.15)
    else:
        drawn = axes.bar(at, values, color="#c0392b", width=0.6)
        axes.set_xticks(at, labels, **props)
        axes.set_ylabel(unit, **props)
        axes.margins(y=0.15)
    axes.spines[["top", "right"]].set_visible(False)
    for rect, bar in zip(drawn, bars, strict=True):
        end = (
            (rect.get_width(), rect.get_y() + rect.get_height() / 2)
            if rows
            else (
                rect.get_x() + rect.get_width() / 2,
                rect.get_height(),
            )
        )
        axes.annotate(
            bar.text,
            end,
            ha="left" if rows else "center",
            va="center" if rows else "bottom",
            xytext=(3, 0) if rows else (0, 3),
            textcoords="offset points",
            fontsize=9,
            **props,
        )
    axes.set_title(title, **props)
    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg" if path.suffix.lower() == ".svg" else "png")
