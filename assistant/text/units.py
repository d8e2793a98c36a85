"""Units a figure is written in, and the one canonical form figures are compared in.

Every table here is read by both sides of a comparison: the numeral reader
(facts/numbers.py) and what a question expects (answer/expect.py). A unit one side knows
and the other spells differently can never match ("多少千米" against 公里), so synonyms
live only in ``data/unit_forms.txt``.
"""

from __future__ import annotations

from assistant.text.lexicon import groups, pairs, words

COUNT_UNITS = words("count_units.txt")  # measure words (量词): "4个", "两所"
MEASURE_UNITS = words("measure_units.txt")  # units of measure, time and money: "5公里", "3.2%"
UNIT_FORMS = pairs("unit_forms.txt")  # written → canonical: 千米 → 公里
# what a question puts after 多少/几 ("几小时", "多少万元", "多少千瓦时"): every unit the reader knows, longest
# first ("千瓦时" before "千瓦"); a hand-kept list of the units questions happened to use missed the rest, and a
# question whose unit goes unread accepts a figure in any unit
ASKED_UNITS = sorted({*words("asked_units.txt"), *COUNT_UNITS, *MEASURE_UNITS}, key=len, reverse=True)
# Measure words that count no thing: a multiple (3倍), a score (90分), a degree (5度).
NOT_COUNTING = frozenset(("倍", "分", "度"))
COUNTERS = frozenset(COUNT_UNITS) - NOT_COUNTING  # measure words that count the noun after them: "4个教育集团"
# Canonical units that count the same kind of thing: 名 and 位 count 人 (but 人次 is another measure).
UNIT_CLASS = {"名": "人", "位": "人", "日": "日", "周": "周", "个月": "月"}
# canonical unit → the quantity it measures (斤 and 吨 both measure 质量), for a question asking in another size
DIMENSION = {unit: quantity for quantity, units in groups("unit_dimensions.txt").items() for unit in units}
RATE_UNITS = frozenset(("%", "百分点", "倍"))  # a rate or a multiple: a count of no thing
GENERIC_COUNTER = "个"  # a question's 多少个 asks for a count of anything ("多少个学校" is answered by 12所)
MONEY = "元"  # money asked without a currency; every currency's name ends in it (美元, 欧元, 港元)


def canonical(unit: str) -> str:
    """The form a unit is compared in ("千米" → "公里", "元/平方千米" → "元/平方千米" with its head canonical)."""
    head, slash, tail = unit.partition("/")
    return UNIT_FORMS.get(head, head) + slash + tail


def counts_things(unit: str) -> bool:
    """Whether a figure in ``unit`` is a count of things or events: a measure word (所, 户, 辆), a compound
    count (人次, 架次), or none ("入境游客111万"). Money and units of measure (亿元, 公里, 吨) count nothing."""
    unit = canonical(unit)
    return not unit or unit in COUNTERS or unit.endswith("次")
