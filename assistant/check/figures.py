"""A draft's figures against the knowledge base: supported, in conflict, not found, or about another year or place.

Each figure of the draft is read as the documents' figures are (``extract_figures``:
value, unit, indicator, period, place) and looked up in the figure table by its
indicator. A record is about the same thing when its indicator matches well
(``SAME_INDICATOR``) and its unit is the same once multipliers are folded in, so
"1.2万人次" and "12000人次" are one value. The year a figure is about is the year or
relative word (今年, 去年) its sentence or heading gives, read against the draft's year,
else the draft's own year; a record of another year or region is never a conflict, only a note.
A figure the table cannot place is looked for by retrieval: a passage found for its
sentence that states the value in a sentence naming the indicator supports it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable

from assistant.check.report import CONFLICT, NOT_FOUND, OTHER_PERIOD, OTHER_REGION, SUPPORTED, FigureResult, Source
from assistant.facts.extract import extract_figures
from assistant.facts.numbers import figure_in_text
from assistant.facts.table import FigureTable
from assistant.ingest.clean import heading_level
from assistant.retrieve.sentences import split_sentences
from assistant.text.places import core_place
from assistant.text.segment import tokenize
from assistant.text.years import years_meant
from assistant.types import DocMeta, Figure, FigureRecord, Hit

SAME_INDICATOR = 0.5  # the figure table's match score (0..1) above which a record with the same value supports
SAME_WORDS = 0.5  # share of the two indicators' words in common above which another value contradicts
SEARCH_DEPTH = 50  # records read per figure
PASSAGES = 3  # passages retrieved for a figure the table cannot place
_SHARED_TERMS = 0.5  # share of the indicator's words a retrieved sentence must contain

Search = Callable[[str, int], list[Hit]]


def check_figures(text: str, meta: DocMeta, table: FigureTable, search: Search | None) -> list[FigureResult]:
    """Every figure of ``text`` with its status; ``meta`` gives the draft's own year and region."""
    results = []
    cursor = 0
    starts, paths = _heading_paths(text)
    for figure in extract_figures(text):
        at = text.find(figure.sentence, cursor)
        if at < 0:
            at = text.find(figure.sentence)
        if at < 0:
            continue
        cursor = at
        section = paths[bisect.bisect_right(starts, at) - 1]
        results.append(_check(figure, at, section, meta, table, search))
    return results


def _heading_paths(text: str) -> tuple[list[int], list[str]]:
    """Each line's start and the headings above it (as the splitter reads headings), for bisecting."""
    starts: list[int] = []
    paths: list[str] = []
    stack: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        level = heading_level(line.strip())
        if level is not None:
            stack = [(lvl, head) for lvl, head in stack if lvl < level] + [(level, line.strip())]
        starts.append(offset)
        paths.append(" ".join(head for _, head in stack))
        offset += len(line) + 1
    return starts, paths


def _check(
    figure: Figure, at: int, section: str, meta: DocMeta, table: FigureTable, search: Search | None
) -> FigureResult:
    stated = years_meant(figure.period, meta.year) or years_meant(section, meta.year)
    place = _place(figure.subject) or meta.region

    def elsewhere(record: FigureRecord) -> str | None:
        return _elsewhere(record, stated, meta.year, place)

    def result(status: str, record: FigureRecord | None = None, note: str = "") -> FigureResult:
        return FigureResult(
            figure.value,
            at + figure.start,
            at + figure.end,
            status,
            figure.indicator,
            figure.period,
            record.figure.value if record else None,
            _source(record) if record else None,
            note,
        )

    records = table.search(figure.indicator, limit=SEARCH_DEPTH) if figure.indicator else []
    comparable = [r for r in records if r.score >= SAME_INDICATOR and r.figure.unit == figure.unit]
    supported = next((r for r in comparable if _same_value(figure, r.figure) and not elsewhere(r)), None)
    if supported is not None:
        return result(SUPPORTED, supported)
    same = [r for r in comparable if _same_words(figure.indicator, r.figure.indicator)]
    matching = [r for r in same if _same_value(figure, r.figure)]
    fitting = [r for r in same if elsewhere(r) is None]
    if fitting:
        other = next(iter(matching), None)
        note = f"草稿中的数值与{_where(other)}的数据相同" if other else ""
        return result(CONFLICT, fitting[0], note)
    if matching:
        record = matching[0]
        return result(elsewhere(record) or CONFLICT, record, f"资料中该数值属于{_where(record)}")  # none fits here
    if same:
        record = same[0]
        return result(elsewhere(record) or CONFLICT, record, f"资料中只有{_where(record)}的数据：{record.figure.value}")
    found = _retrieved(figure, stated, search) if search else None
    if found is not None:
        return FigureResult(
            figure.value,
            at + figure.start,
            at + figure.end,
            SUPPORTED,
            figure.indicator,
            figure.period,
            figure.value,
            found,
        )
    return result(NOT_FOUND)


def _same_value(a: Figure, b: Figure) -> bool:
    """Equal normalised values (and range ends): "1.2万" and "12000", "68%" and "68.0%"."""
    if a.normalized is None or b.normalized is None or (a.upper is None) != (b.upper is None):
        return False
    return math.isclose(a.normalized, b.normalized, rel_tol=1e-9) and math.isclose(
        a.upper or 0, b.upper or 0, rel_tol=1e-9
    )


def _same_words(a: str, b: str) -> bool:
    """Whether two indicators name the same thing: most words of both in common, not one generic word
    ("新增") inside a longer indicator."""
    x, y = set(tokenize(a)), set(tokenize(b))
    return bool(x and y) and len(x & y) / len(x | y) >= SAME_WORDS


def _years(period: str, doc_year: int | None) -> set[int]:
    """The years a figure is about: those its period names, else its document's year."""
    return years_meant(period, doc_year) or ({doc_year} if doc_year else set())


def _place(subject: str) -> str | None:
    """A named place (北京市), not 全县/全国, which only say "the whole of the document's place"."""
    return subject if subject and not subject.startswith("全") else None


def _elsewhere(record: FigureRecord, stated: set[int], doc_year: int | None, place: str | None) -> str | None:
    """OTHER_PERIOD or OTHER_REGION when the record is about another year or place than the draft's figure.

    A year the draft states (its sentence or a heading) is compared with the record's own
    years; a figure whose year the draft leaves to its title is compared document to
    document, since an excerpt of "过去一年" without its "2025年工作回顾" heading still
    speaks of the same year as the document it was taken from.
    """
    if stated:
        record_years = _record_years(record)
        if record_years and not stated & record_years:
            return OTHER_PERIOD
    elif doc_year and record.year and doc_year != record.year:
        return OTHER_PERIOD
    record_place = _place(record.figure.subject) or record.region
    if place and record_place and core_place(place) != core_place(record_place):
        return OTHER_REGION
    return None


def _record_years(record: FigureRecord) -> set[int]:
    """A record's years: its period's, else its headings' ("2025年工作回顾": the table reads chunks
    without their headings, where the draft, read whole, has them in the period), else its document's."""
    return years_meant(record.figure.period, record.year) or _years(record.section, record.year)


def _where(record: FigureRecord) -> str:
    years = sorted(_record_years(record))
    when = "、".join(f"{year}年" for year in years)
    return f"{when}（《{record.title or record.doc}》）" if when else f"《{record.title or record.doc}》"


def _source(record: FigureRecord) -> Source:
    return Source(
        record.doc, record.title, record.section, record.page, record.figure.sentence, record.year, record.region
    )


def _retrieved(figure: Figure, years: set[int], search: Search) -> Source | None:
    """A retrieved sentence that states the figure and names most of its indicator, in a fitting year."""
    terms = set(tokenize(figure.indicator or figure.sentence))
    for hit in search(figure.sentence, PASSAGES):
        chunk = hit.chunk
        for sentence in split_sentences(chunk.text):
            if not figure_in_text(figure.value, sentence):
                continue
            shared = len(terms & set(tokenize(sentence))) / len(terms) if terms else 0.0
            spoken_of = _years(sentence, chunk.meta.year)
            if shared >= _SHARED_TERMS and (not years or not spoken_of or years & spoken_of):
                return Source(
                    chunk.doc,
                    chunk.title,
                    chunk.section,
                    chunk.pages[0] if chunk.pages else None,
                    sentence,
                    chunk.meta.year,
                    chunk.meta.region,
                )
    return None
