"""Numerals in Chinese official text: find them, read their value, compare them.

The figure table and the answer verifier share this one reader, so that "1.2万人次"
in a report and "12000人次" in an answer are the same figure to both.

One rule for units: every multiplier (百/千/万/亿) is folded into ``value`` and left
out of ``unit``, so "5.3亿元" reads as 530000000 元 and equals "53000万元".  A few
synonyms are spelled one way (％ → %, 个百分点 → 百分点, 天 → 日, 周岁 → 岁); ``text``
always keeps the writing.  Chinese numerals count only before a measure word
(三十日, 两所), because bare ones are mostly words (统一, 一体化, 十四五).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from assistant.text.normalize import squash
from assistant.text.numerals import CN_BIG, CN_DIGITS, CN_SMALL, FULLWIDTH, MAGNITUDES
from assistant.text.sentences import CLAUSE_BREAK
from assistant.text.units import COUNT_UNITS, DIMENSION, GENERIC_COUNTER, MEASURE_UNITS, MONEY, UNIT_CLASS, canonical

_AR = r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
_CN = r"[〇零一二两三四五六七八九十](?:[〇零一二两三四五六七八九十百千万亿]|点(?=[〇零一二三四五六七八九]))*"
# a magnitude written alone before a unit ("首次突破百万标箱", "迈上万亿元台阶", "百万人次"): one of it; never alone
# before anything else ("千万不要", "千亿级")
_BARE = r"[百千](?=[万亿])|万(?=亿)"
_START = re.compile(
    rf"(?P<pct>百分之|千分之)(?P<pnum>{_AR}|百|{_CN})|(?P<ar>{_AR})|(?P<cn>{_CN})"
    rf"|(?<![\d{''.join(CN_DIGITS)}十百千])(?P<bare>{_BARE})"
)

# Measure words and units; the regex tries the longest first ("人次" before "人").
_UNIT = re.compile("|".join(sorted(map(re.escape, COUNT_UNITS + MEASURE_UNITS), key=len, reverse=True)))
# After a Chinese numeral many of those measure words start idioms (一度, 十分, 一批).
_NOT_AFTER_CN = frozenset("度 分 期 节 层 班 届 批 种 类 首 部 本 头 只 根 款 幅 盏 宗 例 床 门".split())
# "一" alone is mostly a word (一次性, 一年来, 一个): only measurements count …
_ONE_OK = frozenset("小时 个小时 分钟 个百分点 百分点 倍 公里 千米 米 平方米 亩 公顷 元 吨 岁 周岁".split())
# … and spans of time only with 内/以上/后 ("一年内").
_ONE_TIME = frozenset("年 个月 日 天 周 个工作日 工作日".split())
_TIME_UNITS = frozenset("年 个月 日 天 周 小时 个小时 分钟 个工作日 工作日".split())
_PREFIXES = (
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "不足",
    "超过",
    "将近",
    "接近",
    "大约",
    "至少",
    "最多",
    "多达",
    "高达",
    "逾",
    "超",
    "近",
    "约",
)
_NOT_BEFORE_YUE = "节制契公条合预简隐"
_SUFFIX = re.compile(r"\s*(以上|以下|以内|之内|左右|开外|有余)")
_TIME_SUFFIX = re.compile(r"\s*(内|后)")
_PERIOD_BEFORE = re.compile(r"(?:过去|今后|未来|最近|此前|近|这|(?<!提)前)$")
_PERIOD_AFTER = re.compile(r"来|以来|间|里")
_NAME_AFTER_YEAR = re.compile(r"级|规划|计划|行动|攻坚|奋斗目标")
_RANGE = re.compile(r"\s*(?:——|[-—–~]|至|到)\s*")
_MONTH_DAY = re.compile(
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
)
_DAY = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]")
_ISO_DATE = re.compile(r"(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}(?!\d)")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}(?!\d)|\d{3}-\d{3}-\d{4}(?!\d)|\d{1,2}[:：]\d\d(?!\d)")
_SHIELD = re.compile(
    r"“[^“”\n]{1,15}”|「[^「」\n]{1,15}」|\"[^\"\n]{1,15}\"|《[^《》\n]*》|〔[^〔〕\n]*〕"
    r"|［[^［］\n]*］|\[[^\[\]\n]*\]"
)
_MARKER_AFTER = re.compile(r"\s*[、.)）号]")
_ENGLISH_SENTENCE_END = re.compile(r"(?<=[A-Za-z,] )\d[\d,.]*\.(?=\s|\[|$)")  # "trained 1200." is no list marker
_ORDINAL_MEETING = re.compile(r"次(?:、[一二三四五六七八九十]+次)*(?:全会|全体会议|会议|党代会)")
_RANK = re.compile(r"[位名]")
_CODE_NEIGHBOUR = re.compile(r"[A-Za-z+×]")
_PER = re.compile(r"/[百千万亿]*")
_NAME_AFTER = re.compile(r"\s*(?:规定|版)")


@dataclass(frozen=True)
class NumberMention:
    """A number as a document writes it, with the value it stands for.

    ``text``/``start``/``end`` cover the qualifier words too ("超过126万亿元"); the
    number itself ("126万亿元", "200余场") is ``core``, at ``core_start``..``core_end``.
    """

    text: str
    start: int
    end: int
    value: float  # multipliers folded in; a range's lower bound
    unit: str  # canonical, without multiplier ("元", "人次", "%"); "" when none follows
    upper: float | None = None
    qualifier: str = ""  # 超过/余/多/左右/以上 … as written
    kind: str = "quantity"  # "quantity", "date" (2025年1月10日) or "period" (过去五年)
    core_start: int = 0
    core_end: int = 0

    @property
    def core(self) -> str:
        return self.text[self.core_start - self.start : self.core_end - self.start]


@dataclass(frozen=True)
class _Part:
    """One number with what follows it, before ranges and qualifiers are looked at."""

    start: int
    end: int
    value: Decimal
    scale: Decimal
    unit: str  # as written
    inner: str  # 余/多 between number and unit
    chinese: bool
    numeral: str


def find_numbers(text: str) -> list[NumberMention]:
    """Every quantity, date and span of time in ``text``; list markers and codes are skipped."""
    return _scan(text, strict=True)


@lru_cache(maxsize=50_000)
def has_quantity(text: str) -> bool:
    """Whether the text states a quantity (not only a year or a date)."""
    return any(m.kind == "quantity" for m in find_numbers(text))


def quantity_clauses(text: str) -> list[str]:
    """The clauses of ``text`` (between commas and semicolons) that state a quantity."""
    return [clause for clause in CLAUSE_BREAK.split(text) if has_quantity(clause)]


def parse_figure(text: str) -> NumberMention | None:
    """The first number in a short figure such as "1.2万人次" or "三十"; bare Chinese allowed."""
    found = _scan(text, strict=False)
    return found[0] if found else None


def same_figure(a: str, b: str) -> bool:
    """Whether two writings state the same figure: "68%" and "68.0%", "三十日" and "30日"."""
    x, y = parse_figure(a), parse_figure(b)
    return (
        x is not None
        and y is not None
        and x.unit == y.unit
        and _close(x.value, y.value)
        and (x.upper is None) == (y.upper is None)
        and _close(x.upper or 0, y.upper or 0)
    )


def figure_in_text(figure: str, passage: str) -> bool:
    """Whether the figure an answer states occurs in the passage, by value and unit.

    A bare number matches that value under any unit; a number with a unit needs the
    same unit.  A single value also matches either end of a range in the passage.
    Qualifiers are not compared: "200余所" is found where the passage says "200余所".
    """
    wanted = parse_figure(figure)
    if wanted is None:
        return bool(squash(figure)) and squash(figure) in squash(passage)
    if wanted.kind == "date":
        return squash(wanted.core.translate(FULLWIDTH)) in squash(passage.translate(FULLWIDTH))
    return any(_matches(wanted, found) for found in _scan(passage, strict=True))


def figure_spans(figure: str, passage: str) -> list[tuple[int, int]]:
    """Where ``passage`` states the figure (as :func:`figure_in_text` matches it), for highlighting."""
    wanted = parse_figure(figure)
    if wanted is None or wanted.kind == "date":
        needle = (wanted.core if wanted is not None else figure).strip()
        return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), passage)] if needle else []
    return [(m.start, m.end) for m in _scan(passage, strict=True) if _matches(wanted, m)]


def ordinal_value(numeral: str) -> int | None:
    """The value of a list number as written, Arabic or Chinese: "十二" → 12, "3" → 3."""
    value = _value(numeral) if numeral else None
    return int(value) if value is not None and value == int(value) else None


def chinese_ordinal(n: int) -> str:
    """How a list number 1..99 is written in Chinese: 3 → "三", 12 → "十二", 20 → "二十"."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if not tens:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def _matches(wanted: NumberMention, found: NumberMention) -> bool:
    if wanted.unit and wanted.unit != found.unit:
        return False
    if wanted.upper is not None:
        return found.upper is not None and _close(wanted.value, found.value) and _close(wanted.upper, found.upper)
    return _close(wanted.value, found.value) or (found.upper is not None and _close(wanted.value, found.upper))


def unit_class(unit: str) -> str:
    """The kind of thing a unit counts or measures, canonical and without multiplier: 万人 → 人, 名 → 人, 亿元 → 元."""
    if not unit:
        return ""
    parsed = parse_figure("1" + unit)
    form = parsed.unit if parsed is not None and parsed.unit else canonical(unit)
    return UNIT_CLASS.get(form, form)


def same_unit_class(a: str, b: str, generic_counter: bool = False) -> bool:
    """Whether two units count the same kind of thing; with ``generic_counter`` a 个 matches any measure word."""
    x, y = unit_class(a), unit_class(b)
    if x == y:
        return True
    return generic_counter and GENERIC_COUNTER in (x, y) and x in COUNT_UNITS and y in COUNT_UNITS


def in_asked_unit(asked: str, unit: str, generic_counter: bool = False) -> bool:
    """Whether a figure in ``unit`` is in the unit a question asks: the same unit class, a unit of the same
    quantity in another size (斤 for 吨), or any currency where money is asked without naming one (元: "how much
    foreign investment" is answered by 118亿美元; a question naming 美元 is not answered in 元)."""
    return (
        same_unit_class(asked, unit, generic_counter)
        or same_dimension(asked, unit)
        or (unit_class(asked) == MONEY and unit_class(unit).endswith(MONEY))
    )


def same_dimension(a: str, b: str) -> bool:
    """Whether two units measure the same kind of quantity in different sizes (斤 and 吨, 公里 and 米)."""
    x, y = DIMENSION.get(unit_class(a)), DIMENSION.get(unit_class(b))
    return x is not None and x == y


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _scan(original: str, strict: bool) -> list[NumberMention]:
    text = original.translate(FULLWIDTH)
    shield = [(m.start(), m.end()) for m in _SHIELD.finditer(text)]
    found: list[NumberMention] = []
    pos = 0
    while (m := _START.search(text, pos)) is not None:
        mention, pos = _read(text, original, m.start(), shield, strict)
        if mention is not None:
            found.append(mention)
        pos = max(pos, m.end())
    return found


def _read(
    text: str, original: str, start: int, shield: list[tuple[int, int]], strict: bool
) -> tuple[NumberMention | None, int]:
    """The mention starting at ``start`` (or None) and where scanning goes on."""
    if (code := _PHONE.match(text, start)) is not None:  # phone numbers and clock times
        return None, code.end()
    if (iso := _ISO_DATE.match(text, start)) is not None:
        return _mention(
            original, start, iso.end(), start, iso.end(), float(text[start : start + 4]), "年", kind="date"
        ), iso.end()
    first = _part(text, start)
    if first is None:
        return None, start + 1
    part, low, upper = first, first.value * first.scale, None
    if (dash := _RANGE.match(text, first.end)) is not None and (second := _part(text, dash.end())):
        if second.unit and (not first.unit or first.unit == second.unit) and second.chinese == first.chinese:
            scale = first.scale if first.unit or first.scale != 1 else second.scale
            if first.value * scale <= second.value * second.scale:
                part = replace(first, end=second.end, unit=second.unit)
                low, upper = first.value * scale, second.value * second.scale
    if _inside(shield, start) or _rejected(text, part, strict):
        return None, part.end
    return _finish(text, original, part, low, upper)


def _finish(
    text: str, original: str, first: _Part, low: Decimal, upper: Decimal | None
) -> tuple[NumberMention | None, int]:
    """Adds qualifiers around the number and decides whether it is a date or a span of time."""
    unit, end = first.unit, first.end
    lead = _prefix(text, first.start)
    kind = "quantity"
    if unit == "年" and _is_year(first) and not first.inner:
        kind = "date"
        if (tail := _MONTH_DAY.match(text, end)) is not None:
            end = tail.end()
    elif unit == "月" and first.value <= 12 and upper is None and not first.inner:
        kind = "date"
        if (tail := _DAY.match(text, end)) is not None:
            end = tail.end()
    if unit in _TIME_UNITS and kind == "quantity":
        if _NAME_AFTER_YEAR.match(text, end) and unit == "年":
            return None, end
        near = _PERIOD_BEFORE.search(text, max(0, first.start - 3), first.start)
        period_lead = near.group() if near else ""
        if period_lead or _PERIOD_AFTER.match(text, end):
            kind, lead = "period", period_lead or lead
    trail = ""
    if kind == "quantity" and (
        s := _SUFFIX.match(text, end) or (unit in _TIME_UNITS and _TIME_SUFFIX.match(text, end))
    ):
        trail = s.group(1)
        tail_end = s.end()
    else:
        tail_end = end
    if first.numeral == "一" and unit in _ONE_TIME and kind == "quantity" and not trail:
        return None, end
    qualifier = lead + first.inner + trail
    mention = _mention(
        original,
        first.start - len(lead),
        tail_end,
        first.start,
        end,
        float(low),
        canonical(unit),
        None if upper is None else float(upper),
        qualifier,
        kind,
    )
    return mention, tail_end


def _mention(
    original: str,
    start: int,
    end: int,
    core_start: int,
    core_end: int,
    value: float,
    unit: str,
    upper: float | None = None,
    qualifier: str = "",
    kind: str = "quantity",
) -> NumberMention:
    return NumberMention(original[start:end], start, end, value, unit, upper, qualifier, kind, core_start, core_end)


def _part(text: str, pos: int) -> _Part | None:
    """Reads one number at ``pos`` and what follows it: 余/多, multipliers, a unit."""
    m = _START.match(text, pos)
    if m is None:
        return None
    if m["pct"]:
        value = _value(m["pnum"])
        unit = "%" if m["pct"] == "百分之" else "‰"
        if value is None:
            return None
        return _Part(pos, m.end(), value, Decimal(1), unit, "", not m["pnum"][0].isdigit(), m["pnum"])
    numeral = m["ar"] or m["cn"] or m["bare"]
    chinese = m["ar"] is None
    value = Decimal(MAGNITUDES[numeral]) if m["bare"] else _value(numeral)
    if value is None:
        return None
    end, scale, inner, unit = m.end(), Decimal(1), "", ""
    while True:
        at = _skip_space(text, end)
        if (u := _UNIT.match(text, at)) is not None:
            if not (chinese and u.group() in _NOT_AFTER_CN):
                unit, end = u.group(), u.end()
                end = _denominator(text, end)
                unit = text[u.start() : end].replace(" ", "")
            break
        char = text[at : at + 1]
        if char and (char in CN_BIG or (not chinese and char in MAGNITUDES)):
            scale *= MAGNITUDES[char]
            end = at + 1
        elif char and char in "余多" and not inner:
            inner, end = char, at + 1
        else:
            break
    if m["bare"] and not unit:
        return None
    return _Part(pos, end, value, scale, unit, inner, chinese, numeral)


def _denominator(text: str, end: int) -> int:
    """Extends a unit over "/人" or "/百亿元" (58万元/人, 29微克/立方米)."""
    if (per := _PER.match(text, end)) is not None and (u := _UNIT.match(text, per.end())) is not None:
        return u.end()
    return end


def _rejected(text: str, part: _Part, strict: bool) -> bool:
    """Numbers that are not quantities: ordinals, list markers, codes, names, idioms."""
    before = text[part.start - 1 : part.start] if part.start else ""
    after = text[part.end : part.end + 1]
    if before == "第" or (part.unit == "年" and after == "级") or (part.unit == "位" and after == "数"):
        return True  # 第十二条, 一年级, 两位数
    if before == "前" and _RANK.fullmatch(part.unit):  # 前三位, 前10名: a rank
        return True
    if (part.chinese or not part.unit) and _NAME_AFTER.match(text, part.end):  # 八项规定, 3.0版
        return True
    if part.chinese:
        return _rejected_chinese(text, part, strict, before, after)
    return _rejected_arabic(text, part, before, after)


def _rejected_chinese(text: str, part: _Part, strict: bool, before: str, after: str) -> bool:
    if (before and before in "数几若周") or after == "几" or (strict and not part.unit):
        return True  # 数十万, 十几个, 周三, bare words
    if part.numeral in ("零", "〇") or (part.numeral == "二" and part.unit in COUNT_UNITS):
        return True  # 零起点, 二次会议 (counting says 两次)
    if part.numeral == "一" and part.unit not in _ONE_OK | _ONE_TIME:
        return True  # 一次性, 一个, 一批
    return part.unit == "次" and bool(_ORDINAL_MEETING.match(text, part.end - 1))  # 四次全会


def _rejected_arabic(text: str, part: _Part, before: str, after: str) -> bool:
    if _CODE_NEIGHBOUR.match(after) or _CODE_NEIGHBOUR.match(before):
        return True  # 5G, PM2.5, C919, 1+N
    if part.unit or part.scale != 1 or "." in part.numeral:
        return False
    bare = part.numeral.replace(",", "")
    marker = _MARKER_AFTER.match(text, part.end) is not None and not _ENGLISH_SENTENCE_END.match(text, part.start)
    return (
        marker or (len(bare) > 1 and bare[0] == "0") or ("," not in part.numeral and len(bare) >= 6)
    )  # 1. (3) 71号, 020, postcodes and ids


def _prefix(text: str, start: int) -> str:
    for word in _PREFIXES:
        if text.endswith(word, 0, start):
            if word == "约" and start >= 2 and text[start - 2] in _NOT_BEFORE_YUE:
                continue
            return word
    return ""


def _is_year(part: _Part) -> bool:
    digits = part.numeral
    if part.scale != 1:
        return False
    if part.chinese:
        return len(digits) == 4 and all(c in CN_DIGITS for c in digits)
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


def _value(numeral: str) -> Decimal | None:
    if numeral[0].isdigit():
        return Decimal(numeral.replace(",", ""))
    return _chinese_value(numeral)


def _chinese_value(numeral: str) -> Decimal | None:
    """三千二百 → 3200, 一百零五 → 105, 二〇二五 → 2025; None for 十四五 or 三四 (not one number)."""
    if numeral == "百":
        return Decimal(100)
    whole, _, fraction = numeral.partition("点")
    if fraction and not all(c in CN_DIGITS for c in fraction):
        return None
    if all(c in CN_DIGITS for c in whole):
        if len(whole) > 1 and not set(whole) & {"〇", "零"}:
            return None
        value = Decimal("".join(str(CN_DIGITS[c]) for c in whole))
    else:
        positional = _positional(whole)
        if positional is None:
            return None
        value = positional
    if fraction:
        value += Decimal("0." + "".join(str(CN_DIGITS[c]) for c in fraction))
    return value


def _positional(numeral: str) -> Decimal | None:
    total, section, digit = 0, 0, None
    for char in numeral:
        if char in CN_DIGITS:
            if CN_DIGITS[char] == 0:
                continue
            if digit is not None:
                return None
            digit = CN_DIGITS[char]
        elif char in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[char]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * CN_BIG[char] if char == "亿" else total + section * CN_BIG[char]
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u3000\n\r":
        pos += 1
    return pos


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
