"""Chinese numerals: digit characters, magnitudes, and full-width forms (the reader is facts/numbers.py)."""

from __future__ import annotations

import re

FULLWIDTH = str.maketrans("０１２３４５６７８９．％－～", "0123456789.%-~")  # full-width digits and signs → ASCII
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}  # multiply the digit before them within a section
CN_BIG = {"万": 10_000, "亿": 100_000_000}  # multiply the whole section before them
MAGNITUDES = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}  # after an Arabic number: "1.2万", "5.3亿"
ITEM_NUMERALS = "一二三四五六七八九十"  # what numbers a heading or an item: "一、", "（二）", "三是"
# The numbering of a report's parts (层次序号 of GB/T 9704-2012: 一、 → （一） → 1. → （1）) and the run-in
# items of a paragraph ("一是…二是…"), as pattern text to build expressions from.
PART_NUMBER = rf"[{ITEM_NUMERALS}]+、"  # "一、"
SUBPART_NUMBER = rf"[（(][{ITEM_NUMERALS}]+[)）]"  # "（一）", "(二)"
ITEM_LEAD = rf"[{ITEM_NUMERALS}]+是"  # "一是"
LIST_NUMBER = r"\d{1,2}[.．、](?!\d)\s*|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]"  # "1." "（1）" "①", not "1.2万"
# what opens a numbered part or item
ENUMERATOR = re.compile(rf"^(?:{ITEM_LEAD}|{SUBPART_NUMBER}|{PART_NUMBER}|{LIST_NUMBER})")
ITEM_OPENING = re.compile(
    rf"^(?:{ITEM_LEAD}|{SUBPART_NUMBER})"
)  # a run-in item's or a subpart's number: "二是", "（三）"
ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇两\d]+条")  # a law's article number: "第十二条"


def item_numeral(index: int) -> str:
    """The numeral of the ``index``-th (0-based) item or heading: 一 … 十, then digits."""
    return ITEM_NUMERALS[index] if index < len(ITEM_NUMERALS) else str(index + 1)
