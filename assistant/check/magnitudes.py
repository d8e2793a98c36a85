"""万/亿 and full digits mixed in one list: "新增就业1.2万人、转移劳动力35000人".

GB/T 15835-2011 asks that the numbers of one place be written one way ("同类别同形式");
within one sentence's list of like quantities (items separated by 、，；, one unit, one
order of size) a reader compares "1.2万" with "35000" only after converting one of them.
The full-digit quantity is flagged, written in the other's form. Years, dates, spans of
time, 文号 and codes are not quantities to ``find_numbers``, so they never count;
percentages are listed in the rule file as units that do not count either.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.check.report import Finding
from assistant.facts.numbers import NumberMention, find_numbers, unit_class
from assistant.text.numerals import MAGNITUDES
from assistant.text.sentences import STOPS, sentence_pattern

_SENTENCE = sentence_pattern(STOPS)
_WITH_MAGNITUDE = re.compile(r"\d+(?:\.(\d+))?[余多]?(万亿|亿|万)")  # "1.2万", "20余万", "5.2万亿"
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?![\d.,])")  # a whole number in full digits
_ANY_MAGNITUDE = re.compile(r"[百千万亿]")


def check_magnitudes(text: str, data: dict, kind: str) -> list[Finding]:
    """Full-digit quantities listed beside a 万/亿 one of the same unit, with the 万/亿 form as the fix;
    ``data`` is the rule's table in numbers.toml."""
    findings = []
    for sentence in _SENTENCE.finditer(text):
        mentions = [
            m
            for m in find_numbers(sentence.group())
            if m.kind == "quantity" and m.unit and m.unit not in data["skip_units"] and m.upper is None
        ]
        for mention in mentions:
            digits = _DIGITS.match(mention.core)
            if not digits or _ANY_MAGNITUDE.search(mention.core):
                continue
            for other in mentions:
                written = _WITH_MAGNITUDE.match(other.core)
                if not written or not _listed(sentence.group(), mention, other, data):
                    continue
                magnitude = written.group(2)
                if mention.value < _scale(magnitude):
                    magnitude = "万"
                if mention.value < max(_scale(magnitude), _scale(data["smallest"])):
                    continue
                start, end = sentence.start() + mention.core_start, sentence.start() + mention.core_end
                shortened = _shorten(digits.group().replace(",", ""), _scale(magnitude)) + magnitude
                message = data["message"].format(other=other.core)
                suggestion = shortened + mention.core[digits.end() :]
                findings.append(Finding(data["id"], kind, start, end, text[start:end], message, suggestion))
                break
    return findings


def _listed(sentence: str, mention: NumberMention, other: NumberMention, data: dict) -> bool:
    """Whether two quantities are items of one list: a separator between them, one unit, one order of
    size (a total in 亿元 and a per-head income in 元 are not compared), and not one figure given twice."""
    between = sentence[min(mention.end, other.end) : max(mention.start, other.start)]
    return (
        any(separator in between for separator in data["separators"])
        and unit_class(other.unit) == unit_class(mention.unit)
        and other.value / data["ratio"] <= mention.value <= other.value * data["ratio"]
        and not _restated(mention, other)
    )


def _restated(mention: NumberMention, other: NumberMention) -> bool:
    """Whether the full-digit figure is the 万/亿 one given exactly ("突破3万元、达到30512元"):
    they differ by less than one unit of the 万/亿 figure's last digit."""
    written = _WITH_MAGNITUDE.match(other.core)
    assert written is not None
    step = _scale(written.group(2)) / 10 ** len(written.group(1) or "")
    return abs(mention.value - other.value) < step


def _scale(magnitude: str) -> int:
    """万 → 10000, 亿 → 10^8, 万亿 → 10^12."""
    scale = 1
    for char in magnitude:
        scale *= MAGNITUDES[char]
    return scale


def _shorten(digits: str, scale: int) -> str:
    """``digits`` divided by ``scale``, exactly and without trailing zeros: "35000", 10000 → "3.5"."""
    value = (Decimal(digits) / scale).normalize()
    return f"{value:f}"
