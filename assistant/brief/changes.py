"""Year-on-year changes: the same indicator, in the same unit, in two documents.

Indicators are matched by their words with the place and hedging words taken off
(全省/全市/本市 X = X, 预计…增长 = …增长, 实际增长 = 增长, 城镇调查失业率控制 =
城镇调查失业率, 粮食产量继续保持 = 粮食产量) and only within the same role (results reported in the review against
results, targets against targets). Units are compared as :mod:`assistant.facts.numbers`
canonicalises them: multipliers are folded into the value, so 8397亿元 and 83970000万元
are both 元 and compare; % and 百分点 are different quantities and never do.
An indicator stated twice with different values in one document is ambiguous and left out.
"""

from __future__ import annotations

import math
import re

from assistant.brief.model import BriefFigure, Change, ChangeSide

_PLACE = re.compile(r"^(?:预计|全市|全省|全区|全县|全国|本市|我市|我省|我区|全年|今年|去年|其中|同时|年末|年底)+")
_HEDGE = re.compile(r"预计|实际(?=增长)|控制$|(?<=率)(?:为|是)$|(?:继续)?(?:保持|达到|突破|稳定在)$")
_STEM_TAIL = re.compile(r"(?:年均)?(?:增长|下降|增速|涨幅|提高|降低)$")
_SKIP_UNITS = frozenset({"年", "周年", "个月", "月", "日", "岁", "倍"})
_PERCENT = frozenset({"%", "百分点"})
_SCALES = ((1e8, "亿"), (1e4, "万"))
MIN_INDICATOR = 4  # characters: shorter indicators (增长, 建成) are too vague to match across years


def indicator_key(indicator: str) -> str:
    """The indicator's words without place or hedging words, for matching across years."""
    key = _PLACE.sub("", indicator.strip())
    return _HEDGE.sub("", key)


def indicator_stem(indicator: str) -> str:
    """What the indicator measures, without 增长/下降: 地区生产总值增长 → 地区生产总值."""
    return _STEM_TAIL.sub("", indicator_key(indicator))


def comparable(figure: BriefFigure) -> bool:
    """A figure that can be compared: a single value, a unit that is not a date or age, a clear indicator."""
    return (
        figure.normalized is not None
        and figure.unit not in _SKIP_UNITS
        and "-" not in figure.value
        and "—" not in figure.value
        and "~" not in figure.value
        and "至" not in figure.value
        and len(indicator_key(figure.indicator)) >= MIN_INDICATOR
    )


def _unique(figures: list[BriefFigure]) -> dict[tuple[str, str, str], BriefFigure]:
    """{(role, indicator key, unit): figure} for keys stated once (or always with the same value)."""
    found: dict[tuple[str, str, str], BriefFigure] = {}
    ambiguous: set[tuple[str, str, str]] = set()
    for figure in figures:
        if not comparable(figure):
            continue
        key = (figure.role, indicator_key(figure.indicator), figure.unit)
        if key in found and not math.isclose(found[key].normalized or 0, figure.normalized or 0):
            ambiguous.add(key)
        found.setdefault(key, figure)
    return {key: figure for key, figure in found.items() if key not in ambiguous}


def find_changes(
    previous: list[BriefFigure], current: list[BriefFigure], previous_doc: str, current_doc: str
) -> list[tuple[Change, BriefFigure, BriefFigure]]:
    """Each indicator both documents state (same role, same unit), in the current document's order.

    Returns the change with the two figures (the caller renumbers their citations).
    """
    before = _unique(previous)
    now = _unique(current)
    changes = []
    for key, figure in now.items():
        old = before.get(key)
        if old is None:
            continue
        label = key[1] if key[0] != "target" else f"预期目标：{key[1]}"
        delta = (figure.normalized or 0.0) - (old.normalized or 0.0)
        change = Change(
            indicator=label,
            previous=ChangeSide(old.value, old.unit, previous_doc, old.citation, old.normalized or 0.0),
            current=ChangeSide(figure.value, figure.unit, current_doc, figure.citation, figure.normalized or 0.0),
            change=describe_change(old.normalized or 0.0, figure.normalized or 0.0, figure.unit),
            delta=delta,
        )
        changes.append((change, old, figure))
    return changes


def describe_change(previous: float, current: float, unit: str) -> str:
    """ "+0.2个百分点" for percentages; "+3000亿元（+6.1%）" for amounts (relative change in brackets)."""
    delta = current - previous
    if unit in _PERCENT:
        return f"{_signed(delta)}个百分点"
    text = f"{_signed_scaled(delta, unit)}"
    if previous:
        text += f"（{_signed(delta / abs(previous) * 100)}%）"
    return text


def format_amount(value: float, unit: str) -> str:
    """A value with its multiplier put back: 5.2e12 元 → 5.2万亿元, 12000 人次 → 1.2万人次."""
    if unit in _PERCENT:
        return f"{_number(value)}{'个百分点' if unit == '百分点' else '%'}"
    for scale, name in _SCALES:
        if abs(value) >= scale:
            if abs(value) >= 1e12 and name == "亿":
                return f"{_number(value / 1e12)}万亿{unit}"
            return f"{_number(value / scale)}{name}{unit}"
    return f"{_number(value)}{unit}"


def _signed_scaled(delta: float, unit: str) -> str:
    text = format_amount(abs(delta), unit)
    return ("+" if delta > 0 else "-" if delta < 0 else "") + text


def _signed(value: float) -> str:
    text = _number(abs(value))
    return ("+" if value > 0 and text != "0" else "-" if value < 0 and text != "0" else "") + text


def _number(value: float) -> str:
    """At most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"
