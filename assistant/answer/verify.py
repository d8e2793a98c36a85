"""Citation verification after generation.

Every figure an answer states must occur (by value and unit, see
``facts.numbers.figure_in_text``) in a passage its sentence cites, and there measure the
same thing (:mod:`assistant.answer.bind`): "4 schools" is not verified by 组建4个教育集团,
nor is a bare "4" for a question about 多少所学校. A citation number that names no passage
is removed. A sentence without a citation is credited to the first passage that states its
figures, and the citation is added; a figure no passage states is returned unverified, for
the caller to flag. Each check says what the figure was matched to (``measured``, ``unit``)
and whether that is what the question asks (``asked``). A ratio or clock time ("1：15",
"10:00") is not a quantity the numeral parser compares by value; it must appear as written.

A figure found only in a table row must also stand in a cell the sentence can mean: a
sentence naming 2024 is not verified by the 2025 column, nor one naming 小学 by the 初中
row (a small model reading a wide row picks the neighbouring cell).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.bind import Binder, Quantity, english_subject, quantities, same_value
from assistant.answer.guard import without_instructions
from assistant.facts.extract import extract_figures
from assistant.facts.numbers import figure_in_text, find_numbers, in_asked_unit, parse_figure
from assistant.ingest.formats.tables import Cell, Row, parse_row
from assistant.text.markers import MARKER, cited_numbers
from assistant.text.segment import has_cjk
from assistant.text.sentences import CITED_SENTENCE
from assistant.text.years import years_meant
from assistant.types import Citation, FigureCheck, Query

_RATIO = re.compile(r"(?<![\d.])\d{1,4}\s*[:：]\s*\d{1,4}(?![\d.])")


def _clean_markers(sentence: str, valid: set[int]) -> str:
    def keep(match: re.Match) -> str:
        numbers = [n for n in cited_numbers(match.group(0)) if n in valid]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return MARKER.sub(keep, sentence)


def verify_answer(
    text: str,
    citations: Sequence[Citation],
    ignore: str = "",
    query: Query | None = None,
    binder: Binder | None = None,
) -> tuple[str, tuple[FigureCheck, ...]]:
    """Return the answer with valid citation markers only, and the check of each figure.

    Figures that also occur in ``ignore`` (the question; ``query.text`` by default) are not
    checked: repeating "2024年" from the question is not a claim. ``binder`` compares subjects
    that share no words (English answers) by meaning; without it only words are compared.
    """
    ignore = ignore or (query.text if query is not None else "")
    binder = binder or Binder()
    passages = {c.n: without_instructions(c.chunk.text) for c in citations}  # orders in a passage prove nothing
    asked = {m.core for m in find_numbers(ignore)}
    checks: list[FigureCheck] = []
    sentences: list[str] = []
    for sentence in CITED_SENTENCE.findall(text):
        if not sentence:
            continue
        sentence = _clean_markers(sentence, set(passages))
        cited = [n for n in cited_numbers(sentence) if n in passages]
        body = MARKER.sub("", sentence)
        subjects = _subjects(body)
        for mention in find_numbers(body):
            if mention.core in asked:
                continue
            order = cited or list(passages)
            check = _bound_check(
                mention.core, subjects.get(mention.start, ""), order, passages, query, binder, _claim_check(body)
            )
            if check.citation is not None and not cited:
                sentence = _attach(sentence, check.citation)
                cited = [check.citation]
            checks.append(check)
        for ratio in _RATIO.finditer(body):
            if _ratio_in_text(ratio.group(0), ignore):
                continue
            source = next((n for n in cited if _ratio_in_text(ratio.group(0), passages[n])), None)
            if source is None and not cited:
                source = next((n for n in passages if _ratio_in_text(ratio.group(0), passages[n])), None)
                if source is not None:
                    sentence = _attach(sentence, source)
                    cited = [source]
            checks.append(FigureCheck(ratio.group(0), source is not None, source))
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


def _subjects(body: str) -> dict[int, str]:
    """What the answer binds each of its figures to, by the figure's start in ``body``: the figure
    table's reader for Chinese ("组建了4个教育集团" → 组建教育集团), the following words for English."""
    if not has_cjk(body):
        return {m.start: english_subject(body, m.end) for m in find_numbers(body)}
    subjects = {}
    for figure in extract_figures(body):
        at = body.find(figure.sentence)
        if at >= 0 and figure.indicator:
            subjects[at + figure.start] = figure.indicator
    return {m.start: next((s for at, s in subjects.items() if m.start <= at < m.end), "") for m in find_numbers(body)}


def _bound_check(
    figure: str,
    subject: str,
    order: list[int],
    passages: dict[int, str],
    query: Query | None,
    binder: Binder,
    occurs_in: Callable[[str, str], bool] = figure_in_text,
) -> FigureCheck:
    """The check of one figure: the first passage (of ``order``) that states it for the same quantity."""
    wanted = parse_figure(figure)
    unit = wanted.unit if wanted is not None else ""
    claim_unit = ""
    if not subject and query is not None and (not unit or not query.unit or in_asked_unit(query.unit, unit)):
        # a bare figure ("4[1]。", "12所[1]" for 多少所) claims what the question asks
        subject, claim_unit = _question_subject(query), query.unit
    first_unbound: FigureCheck | None = None
    for n in order:
        if not occurs_in(figure, passages[n]):
            continue
        pool = quantities(passages[n])
        targets = [q for q in pool if same_value(figure, q)]
        if not targets:  # the passage states it, but not as a figure the reader binds (a bare number)
            return FigureCheck(figure, True, n, unit)
        for target in targets:
            if binder.bound(subject, claim_unit, target, pool):
                return FigureCheck(figure, True, n, target.unit, target.measured, _asked(query, target, pool, binder))
        first_unbound = first_unbound or FigureCheck(figure, False, n, targets[0].unit, targets[0].measured, False)
    return first_unbound or FigureCheck(figure, False, None, unit)


def _question_subject(query: Query) -> str:
    if query.english and not query.translation:
        return query.subject[0] if query.subject else ""
    return "".join(query.subject[-2:])  # the head and the word that narrows it ("入境 游客")


def _asked(query: Query | None, target: Quantity, pool: tuple[Quantity, ...], binder: Binder) -> bool | None:
    """Whether ``target`` is the quantity the question asks (None: the question names none)."""
    if query is None or not (query.subject or query.unit):
        return None
    subject = _question_subject(query)
    if query.unit and target.unit and not in_asked_unit(query.unit, target.unit, generic_counter=True):
        return False
    return binder.bound(subject, "", target, pool)


def _ratio_in_text(ratio: str, text: str) -> bool:
    normal = lambda t: re.sub(r"\s+", "", t).replace("：", ":")  # noqa: E731
    return normal(ratio) in normal(text)


def _attach(sentence: str, n: int) -> str:
    """Put ``[n]`` before the sentence's closing punctuation."""
    stripped = sentence.rstrip("。！？!?\n")
    return f"{stripped}[{n}]{sentence[len(stripped) :]}"
