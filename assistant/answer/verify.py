"""Citation verification after generation.

Every figure an answer states must occur (by value and unit, see
``facts.numbers.figure_in_text``) in a passage its sentence cites. A citation number
that names no passage is removed. A sentence without a citation is credited to the
first passage that contains its figures, and the citation is added; a figure no passage
contains is returned unverified, for the caller to flag. A ratio or clock time ("1：15",
"10:00") is not a quantity the numeral parser compares by value; it must appear as written.

A figure found only in a table row must also stand in a cell the sentence can mean: a
sentence naming 2024 is not verified by the 2025 column, nor one naming 小学 by the 初中
row (a small model reading a wide row picks the neighbouring cell).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.guard import without_instructions
from assistant.facts.numbers import figure_in_text, find_numbers
from assistant.index.text import years_meant
from assistant.ingest.formats.tables import Cell, Row, parse_row
from assistant.types import Citation, FigureCheck

_RATIO = re.compile(r"(?<![\d.])\d{1,4}\s*[:：]\s*\d{1,4}(?![\d.])")
_MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")
# a sentence keeps the markers written right after its full stop: "……。[1]"
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+(?:\s*\[[\d,，、\s]+\])*|\n|$)")


def _cited(sentence: str) -> list[int]:
    return [int(n) for group in _MARKER.findall(sentence) for n in re.split(r"[,，、\s]+", group) if n]


def _clean_markers(sentence: str, valid: set[int]) -> str:
    def keep(match: re.Match) -> str:
        numbers = [n for n in _cited(match.group(0)) if n in valid]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return _MARKER.sub(keep, sentence)


def verify_answer(
    text: str, citations: Sequence[Citation], ignore: str = ""
) -> tuple[str, tuple[FigureCheck, ...]]:
    """Return the answer with valid citation markers only, and the check of each figure.

    Figures that also occur in ``ignore`` (the question) are not checked: repeating
    "2024年" from the question is not a claim.
    """
    passages = {c.n: without_instructions(c.chunk.text) for c in citations}  # orders in a passage prove nothing
    asked = {m.core for m in find_numbers(ignore)}
    checks: list[FigureCheck] = []
    sentences: list[str] = []
    for sentence in _SENTENCE.findall(text):
        if not sentence:
            continue
        sentence = _clean_markers(sentence, set(passages))
        cited = [n for n in _cited(sentence) if n in passages]
        body = _MARKER.sub("", sentence)
        claims = [(m.core, _claim_check(body)) for m in find_numbers(body) if m.core not in asked]
        claims += [(r.group(0), _ratio_in_text) for r in _RATIO.finditer(body) if not _ratio_in_text(r.group(0), ignore)]
        for figure, occurs_in in claims:
            source = next((n for n in cited if occurs_in(figure, passages[n])), None)
            if source is None and not cited:
                source = next((n for n in passages if occurs_in(figure, passages[n])), None)
                if source is not None:
                    sentence = _attach(sentence, source)
                    cited = [source]
            checks.append(FigureCheck(figure, source is not None, source))
        sentences.append(sentence)
    return "".join(sentences), tuple(checks)


def _claim_check(sentence: str) -> Callable[[str, str], bool]:
    """``figure_in_text``, and where the figure is only in table cells, a cell that fits ``sentence``."""

    def occurs_in(figure: str, passage: str) -> bool:
        if not figure_in_text(figure, passage):
            return False
        lines = passage.split("\n")
        rows = [row for line in lines if (row := parse_row(line)) is not None]
        if not rows or figure_in_text(figure, "\n".join(line for line in lines if parse_row(line) is None)):
            return True
        cells = [(row, cell) for row in rows for cell in row.cells if figure_in_text(figure, cell.value)]
        return not cells or any(_fits(row, cell, sentence, rows) for row, cell in cells)

    return occurs_in


def _fits(row: Row, cell: Cell, sentence: str, rows: list[Row]) -> bool:
    """Whether the years and the row label a sentence names agree with a cell's."""
    said = years_meant(sentence, None)
    own = years_meant(cell.header, None) or years_meant(f"{row.label} {row.title}", None)
    if said and own and not said & own:
        return False
    named = {other.label for other in rows if other.title == row.title and other.label and other.label in sentence}
    return not named or row.label in named


def _ratio_in_text(ratio: str, text: str) -> bool:
    normal = lambda t: re.sub(r"\s+", "", t).replace("：", ":")  # noqa: E731
    return normal(ratio) in normal(text)


def _attach(sentence: str, n: int) -> str:
    """Put ``[n]`` before the sentence's closing punctuation."""
    stripped = sentence.rstrip("。！？!?\n")
    return f"{stripped}[{n}]{sentence[len(stripped):]}"
