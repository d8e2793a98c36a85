"""A brief of a topic across the knowledge base: passages and figures about it, grouped by document and year.

Extractive like a document's brief. The passages are the search hits for the topic; each
document they come from gives one section (newest year first), summarised by its first two
sentences that name the topic (the whole phrase, else at least half of its words), else the
first sentence of its best passage. The figures are the figure table's records matching
the topic well (score ≥ ``FIGURE_MATCH``), each cited to its passage.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.brief.model import Brief, BriefFigure, BriefSection
from assistant.retrieve.sentences import split_sentences
from assistant.text.segment import tokenize
from assistant.types import Chunk, Citation, FigureRecord

FIGURE_MATCH = 0.5
FIGURES_MAX = 12
SENTENCES = 2


def brief_topic(
    topic: str, passages: Sequence[Chunk], records: Sequence[FigureRecord], record_chunks: dict[str, Chunk]
) -> Brief:
    """The brief of ``topic`` from its best ``passages`` (best first) and matching figure ``records``."""
    numbers: dict[str, int] = {}
    ordered: list[Chunk] = []

    def cite(chunk: Chunk) -> int:
        if chunk.id not in numbers:
            numbers[chunk.id] = len(numbers) + 1
            ordered.append(chunk)
        return numbers[chunk.id]

    words = [t for t in dict.fromkeys(tokenize(topic)) if len(t) > 1] or [topic]
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in passages:
        by_doc.setdefault(chunk.doc, []).append(chunk)
    docs = sorted(by_doc, key=lambda d: -(by_doc[d][0].meta.year or 0))
    sections = []
    for doc in docs:
        picked = _sentences(topic, words, by_doc[doc])
        if not picked:
            continue
        first = by_doc[doc][0]
        heading = " ".join(p for p in (str(first.meta.year or ""), f"《{first.title or doc}》") if p)
        summary = "".join(s if s.endswith(("。", "！", "？")) else s.rstrip("；;，,") + "。" for s, _ in picked)
        sections.append(BriefSection(heading, summary, tuple(dict.fromkeys(cite(c) for _, c in picked))))
    figures: list[BriefFigure] = []
    for record in records:
        source = record_chunks.get(record.chunk_id)
        if source is None or record.score < FIGURE_MATCH or len(figures) >= FIGURES_MAX:
            continue
        f = record.figure
        figures.append(BriefFigure(f.indicator, f.value, f.unit, f.sentence, cite(source), f.normalized, "topic"))
    return Brief(
        doc="",
        title=f"专题：{topic}",
        doc_type=None,
        year=None,
        region=None,
        figures=tuple(figures),
        sections=tuple(sections),
        citations=tuple(Citation(numbers[c.id], c) for c in ordered),
    )


def _sentences(topic: str, words: list[str], chunks: list[Chunk]) -> list[tuple[str, Chunk]]:
    candidates = [
        (s, c)
        for c in chunks
        for line in c.text.splitlines()
        if line.strip() not in c.heading_path
        for s in split_sentences(line)
    ]
    whole = [pair for pair in candidates if topic in pair[0]]
    half = [pair for pair in candidates if sum(w in pair[0] for w in words) * 2 >= len(words)]
    picked = (whole + [p for p in half if p not in whole])[:SENTENCES]
    return picked or candidates[:1]
