"""Years a text speaks of: written out ("2025年") or relative to its report's year ("今年")."""

from __future__ import annotations

import re

from assistant.text.lexicon import pairs
from assistant.text.numerals import CN_DIGITS

# Years relative to the year a report is written in ("去年" in a 2025 report is 2024).
RELATIVE_YEARS = {word: int(offset) for word, offset in pairs("relative_years.txt").items()}
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")  # a year in digits: "2025", "2025年"
YEAR_WRITTEN = re.compile(r"(?<!\d)((?:19|20)\d{2})年")  # a year written as one: "2025年"
YEAR_IN_NUMERALS = re.compile(r"[一二][〇零一二三四五六七八九]{3}(?=年)")  # "二〇二五年" (公文 dates, GB/T 15835)


def with_digit_years(text: str) -> str:
    """``text`` with years written in Chinese numerals as digits: "二〇二五年" → "2025年"."""
    return YEAR_IN_NUMERALS.sub(lambda m: "".join(str(CN_DIGITS[c]) for c in m.group(0)), text)


def years_written(text: str) -> set[int]:
    """The years ``text`` writes out with 年 ("2025年")."""
    return {int(y) for y in YEAR_WRITTEN.findall(text)}


def years_meant(text: str, doc_year: int | None) -> set[int]:
    """Years a passage speaks of: written out ("2025年") or relative to its report's year ("今年")."""
    years = years_written(text)
    if doc_year:
        years |= {doc_year + offset for word, offset in RELATIVE_YEARS.items() if word in text}
    return years
