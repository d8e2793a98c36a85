"""The records a brief is made of: small frozen dataclasses, citations numbered like answers."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.types import Chunk, Citation, DocMeta, FigureCheck


@dataclass(frozen=True)
class Source:
    """A document as a brief reads it: its name, title, metadata and chunks in document order."""

    name: str
    title: str
    meta: DocMeta
    chunks: tuple[Chunk, ...]


@dataclass(frozen=True)
class BriefFigure:
    """A headline figure: ``value`` as written, ``unit`` canonical (multipliers folded into the value),
    the sentence it stands in and the citation ``[n]`` of the passage holding that sentence."""

    indicator: str
    value: str
    unit: str
    sentence: str
    citation: int
    normalized: float | None = None
    role: str = "review"  # "review" (results reported), "target" (this year's targets), "lead" (fallback)


@dataclass(frozen=True)
class BriefSection:
    """A top-level section: its heading and one or two of its own sentences, cited."""

    heading: str
    summary: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class ChangeSide:
    """One year's value of a shared indicator."""

    value: str
    unit: str
    doc: str
    citation: int
    normalized: float


@dataclass(frozen=True)
class Change:
    """A shared indicator in the previous and the current document, and the change between them."""

    indicator: str
    previous: ChangeSide
    current: ChangeSide
    change: str  # "+0.2个百分点", "-3.5微克/立方米（-11.5%）"
    delta: float  # current − previous, in the unit (元 for money)


@dataclass(frozen=True)
class Brief:
    """A one-page brief of a document (or of a topic across the knowledge base).

    ``previous`` names the document the changes compare against (None: the knowledge
    base holds no document of the same kind, place and previous year). ``mode="llm"``
    adds an ``overview`` paragraph (:mod:`assistant.brief.overview`): ``overview_figures``
    checks its figures, ``overview_dropped`` are the model's sentences left out because
    a figure of theirs is not in the passages they cite, ``notice`` says why there is
    less than asked (an unavailable LLM, sentences dropped).
    """

    doc: str
    title: str
    doc_type: str | None
    year: int | None
    region: str | None
    figures: tuple[BriefFigure, ...] = ()
    sections: tuple[BriefSection, ...] = ()
    changes: tuple[Change, ...] = ()
    citations: tuple[Citation, ...] = ()
    previous: str | None = None
    mode: str = "fast"
    overview: str = ""
    overview_figures: tuple[FigureCheck, ...] = ()
    overview_dropped: tuple[str, ...] = ()
    notice: str = ""
