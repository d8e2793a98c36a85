"""Build a brief from a document's chunks (extractive: every word comes from the document).

The rules, in the order a reader meets them:

* **Headline figures.** A report's key indicators are the ones it sets targets for. So the
  headline figures are (1) every figure stated from the passage that announces the year's
  targets on (a passage outside the review that says 主要预期目标 / 预期目标是 / 主要目标是),
  and (2) the figures of the review section (the first top-level section whose heading says
  回顾, 总结 or 成绩) that measure the same thing as a target (地区生产总值 for 地区生产总值增长,
  with its amount and its growth). A document with neither (a 述职报告, a policy) has no
  ranking of its own, so its figures are spread over its passages: each passage's first
  figure, then each one's second, and so on, so that every part of the report is heard before
  one part says more. At most ``HEADLINE_MAX`` figures, in document order.
* **Sections.** Each top-level section gives its first sentence and, when another of its
  sentences states two or more figures, the first such sentence.
* **Changes.** When the knowledge base holds a document of the same kind (doc_type), place
  (region) and the previous year, every indicator both documents state, in the review or
  among the targets, is compared as :mod:`assistant.brief.changes` describes.

Every figure and sentence cites the passage (chunk) it was taken from, numbered ``[n]`` in
order of first use, like an answer's citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.brief.changes import comparable, find_changes, indicator_stem
from assistant.brief.model import Brief, BriefFigure, BriefSection, Change, Source
from assistant.facts.extract import extract_figures
from assistant.ingest.temporal import REVIEW_WORDS
from assistant.retrieve.sentences import split_sentences
from assistant.types import Chunk, Citation

HEADLINE_MAX = 12
TARGETS = re.compile(r"主要预期目标|预期目标是|主要目标是")
_DATE_UNITS = frozenset({"年", "周年", "月", "日"})
_TOTALS = frozenset({"总量", "经济总量", "总额", "规模"})  # named by the figure before them in the sentence


class _Citations:
    """Numbers passages in order of first use."""

    def __init__(self) -> None:
        self.chunks: dict[str, tuple[int, Chunk]] = {}

    def cite(self, chunk: Chunk) -> int:
        if chunk.id not in self.chunks:
            self.chunks[chunk.id] = (len(self.chunks) + 1, chunk)
        return self.chunks[chunk.id][0]

    def all(self) -> tuple[Citation, ...]:
        return tuple(Citation(n, chunk) for n, chunk in self.chunks.values())


def brief_document(doc: Source, previous: Source | None = None) -> Brief:
    """The brief of ``doc``; with ``previous`` (same kind, place, the year before) its changes too."""
    citations = _Citations()
    review, targets = _scoped_figures(doc)
    headline = _headline(doc, review, targets)
    numbered = {id(figure): citations.cite(chunk) for figure, chunk in headline}
    figures = tuple(_with_citation(figure, numbered[id(figure)]) for figure, chunk in headline)
    sections = tuple(_sections(doc, citations))
    changes: tuple[Change, ...] = ()
    if previous is not None:
        changes = tuple(_changes(previous, doc, review + targets, citations))
    return Brief(
        doc=doc.name,
        title=doc.title,
        doc_type=doc.meta.doc_type,
        year=doc.meta.year,
        region=doc.meta.region,
        figures=figures,
        sections=sections,
        changes=changes,
        citations=citations.all(),
        previous=previous.name if previous is not None else None,
    )


def _top(chunk: Chunk) -> str:
    return chunk.heading_path[0] if chunk.heading_path else ""


def _figures(chunk: Chunk, role: str, after: int = 0) -> list[tuple[BriefFigure, Chunk]]:
    """The chunk's figures (from character ``after`` on) as brief figures; dates and spans of years left out."""
    found: list[tuple[BriefFigure, Chunk]] = []
    for figure in extract_figures(chunk.text):
        at = chunk.text.find(figure.sentence)
        if at + len(figure.sentence) <= after or figure.unit in _DATE_UNITS or not figure.indicator:
            continue
        indicator = figure.indicator
        if indicator in _TOTALS and found and found[-1][0].sentence == figure.sentence:
            indicator = indicator_stem(found[-1][0].indicator)  # "X增长a%，总量b": the total of X
        found.append(
            (BriefFigure(indicator, figure.value, figure.unit, figure.sentence, 0, figure.normalized, role), chunk)
        )
    return found


def _scoped_figures(doc: Source) -> tuple[list[tuple[BriefFigure, Chunk]], list[tuple[BriefFigure, Chunk]]]:
    """The figures of the review section and those from the targets passage on."""
    heading = next((_top(c) for c in doc.chunks if any(word in _top(c) for word in REVIEW_WORDS)), None)
    review, targets = [], []
    for chunk in doc.chunks:
        if heading is not None and _top(chunk) == heading:
            review += _figures(chunk, "review")
        elif (marker := TARGETS.search(chunk.text)) is not None:
            targets += _figures(chunk, "target", marker.start())
    return review, targets


def _headline(doc: Source, review: list, targets: list) -> list[tuple[BriefFigure, Chunk]]:
    stems = {indicator_stem(figure.indicator) for figure, _ in targets}
    chosen = [(f, c) for f, c in review if indicator_stem(f.indicator) in stems] + targets
    if chosen:
        return _unique(chosen)[:HEADLINE_MAX]
    per_chunk = [_figures(chunk, "lead") for chunk in doc.chunks]
    rounds = max(map(len, per_chunk), default=0)
    by_round = [found[at] for at in range(rounds) for found in per_chunk if at < len(found)]
    kept = {id(figure) for figure, _ in _unique(by_round)[:HEADLINE_MAX]}
    return [pair for found in per_chunk for pair in found if id(pair[0]) in kept]  # in document order


def _unique(figures: list[tuple[BriefFigure, Chunk]]) -> list[tuple[BriefFigure, Chunk]]:
    """The figures with repeats (same role, indicator and value) left out, first kept."""
    seen, unique = set(), []
    for figure, chunk in figures:
        key = (figure.role, figure.indicator, figure.value)
        if key not in seen:
            seen.add(key)
            unique.append((figure, chunk))
    return unique


def _with_citation(figure: BriefFigure, n: int) -> BriefFigure:
    return BriefFigure(figure.indicator, figure.value, figure.unit, figure.sentence, n, figure.normalized, figure.role)


def _body_sentences(chunks: Iterable[Chunk]) -> list[tuple[str, Chunk]]:
    """The sentences of the chunks, heading lines left out."""
    found = []
    for chunk in chunks:
        headings = set(chunk.heading_path)
        for line in chunk.text.splitlines():
            if line.strip() and line.strip() not in headings:
                found += [(sentence, chunk) for sentence in split_sentences(line)]
    return found


def _sections(doc: Source, citations: _Citations) -> Iterable[BriefSection]:
    order = list(dict.fromkeys(_top(c) for c in doc.chunks if _top(c)))
    for heading in order:
        sentences = _body_sentences(c for c in doc.chunks if _top(c) == heading)
        if not sentences:
            continue
        picked = [sentences[0]]
        dense = next(
            (pair for pair in sentences[1:] if sum(comparable(f) for f, _ in _sentence_figures(pair)) >= 2), None
        )
        if dense is not None:
            picked.append(dense)
        summary = "".join(
            sentence.rstrip("；;，,") + ("" if sentence.endswith(("。", "！", "？")) else "。")
            for sentence, _ in picked
        )
        numbers = tuple(dict.fromkeys(citations.cite(chunk) for _, chunk in picked))
        yield BriefSection(heading, summary, numbers)


def _sentence_figures(pair: tuple[str, Chunk]) -> list[tuple[BriefFigure, Chunk]]:
    sentence, chunk = pair
    return [
        (BriefFigure(f.indicator, f.value, f.unit, f.sentence, 0, f.normalized), chunk)
        for f in extract_figures(sentence)
        if f.unit not in _DATE_UNITS and f.indicator
    ]


def _changes(previous: Source, doc: Source, current: list, citations: _Citations) -> Iterable[Change]:
    review, targets = _scoped_figures(previous)
    old_pairs = review + targets
    old_chunks = {id(f): c for f, c in old_pairs}
    new_chunks = {id(f): c for f, c in current}
    for change, old, new in find_changes([f for f, _ in old_pairs], [f for f, _ in current], previous.name, doc.name):
        before = citations.cite(old_chunks[id(old)])
        after = citations.cite(new_chunks[id(new)])
        yield Change(
            change.indicator,
            type(change.previous)(
                change.previous.value, change.previous.unit, change.previous.doc, before, change.previous.normalized
            ),
            type(change.current)(
                change.current.value, change.current.unit, change.current.doc, after, change.current.normalized
            ),
            change.change,
            change.delta,
        )
