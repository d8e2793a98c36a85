"""The quotes under each heading of a draft's outline, and the fast-mode material pack built from them.

The 1.5B model writes well from a few short quotes and badly from whole passages, so
each heading gets the sentences (or runs of clauses of a long sentence) of the material
that fit it best. Without an LLM those quotes are the draft: the material pack, the
outline with the cited sentences of the documents under each heading, verbatim.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.draft.ground import Quote, pairs
from assistant.draft.material import DocumentNote, Material, Passage
from assistant.facts.numbers import find_numbers
from assistant.retrieve.sentences import split_sentences
from assistant.text.numerals import ARTICLE, PART_NUMBER, SUBPART_NUMBER, item_numeral
from assistant.text.segment import tokenize
from assistant.text.sentences import COMMA_CLAUSE
from assistant.types import Chunk, OutlineSection

_ADOPTED = re.compile(r"(?:会议|决定》?)\S{0,12}(?:通过|修订|修正)。?$")  # a law's history, not its content
_HEADING = re.compile(rf"{SUBPART_NUMBER}|{PART_NUMBER}")  # "（四）推进…。" alone is a heading
LEAST_SCORE = 0.45  # a quote scoring less is not worth the model's reading time
WINDOW = 50  # characters of a quote cut from a long sentence


@dataclass(frozen=True)
class QuoteWeights:
    """What a candidate quote is weighed by for a heading; the values the drafting benchmarks
    (bench/drafting.py, bench/check_drafts.py) were last run with."""

    heading: float = 1.5  # share of the heading's rare words the clause holds ("own")
    pair_share: float = 0.5  # … or this share of the heading's character pairs the clause holds, if more
    passage_headings: float = 0.3  # share of the heading's words the passage's own headings hold
    rank_base: float = 0.2  # the passage's rank for the heading's query counts times (this + own)
    named: float = 0.4  # the passage names the heading itself (an item it lists)
    topic: float = 0.4  # share of the draft topic's rare words the clause holds
    section: float = 0.3  # share of the section's rare words the clause holds
    order: float = 0.2  # ÷ the passage's position in the material: earlier passages win ties
    figure: float = 0.1  # the clause states a figure


WEIGHTS = QuoteWeights()


def heading_label(index: int, heading: str) -> str:
    """ "一、heading" for the ``index``-th (0-based) heading."""
    return f"{item_numeral(index)}、{heading}"


@dataclass(frozen=True)
class Evidence:
    """The material under one heading: sentences quoted from the passages."""

    part: OutlineSection
    quotes: tuple[Quote, ...]


def gather_evidence(material: Material, topic: str, section: str, per_heading: int = 3) -> list[Evidence]:
    """The best sentences (or runs of clauses) of the passages under each heading of the outline.

    A quote scores on the heading's words, weighted by how rare they are in the material
    (中考 counts, 改革 hardly), less for its passage's own headings; on how high the
    heading's own query ranked its passage (more when the quote itself has the heading's
    words); on the topic's and the section title's words; and on stating a figure.
    Headings alone and list lead-ins ("…下列条件：") are left out. Pairs are taken best
    first, so a quote goes to the heading it fits best; clauses a heading quotes twice are
    joined, and two headings may quote overlapping clauses of one sentence.
    """
    candidates = [
        (passage, sentence, span, _words(window))
        for passage in material.passages
        if passage.excerpt  # not the passages only a figure or a document number brought in
        for sentence in split_sentences(passage.chunk.text)
        if _is_statement(sentence)
        for span, window in _windows(sentence)
    ]
    rarity = _rarity([words for _, _, _, words in candidates])
    topic_terms, section_terms = rarity(topic), rarity(section)
    cues = dict(material.cues)
    headings = {p.n: _words(p.chunk.section) for p in material.passages}
    w = WEIGHTS
    scored = []
    for index, part in enumerate(material.outline):
        heading_terms = rarity(f"{part.heading} {cues.get(part.heading, '')}")
        for passage, sentence, span, words in candidates:
            clause = _clauses(sentence, span)
            own = max(_covered(heading_terms, words), w.pair_share * _pair_share(part.heading, clause))
            score = (
                w.heading * own
                + w.passage_headings * _covered(heading_terms, headings[passage.n])
                + _rank_prior(passage, part.heading) * (w.rank_base + own)
                + (w.named if part.heading in passage.chunk.text else 0.0)
                + w.topic * _covered(topic_terms, words)
                + w.section * _covered(section_terms, words)
                + w.order / passage.n
                + (w.figure if _has_figure(clause) else 0.0)
            )
            scored.append((score, index, passage, sentence, span))
    picks = _pick(scored, len(material.outline), per_heading)
    found = []
    used: list[str] = []
    for index, part in enumerate(material.outline):
        quotes = []
        for pick in sorted(picks[index], key=lambda item: -item.score):
            text = _clauses(pick.sentence, pick.span)
            used.append(text)
            quotes.append(Quote(_with_article(_sentence_end(text), pick.passage.chunk), pick.passage.n))
        for note in material.figures:
            if note.n in part.citations and not any(note.clause in other for other in used):
                used.append(note.clause)
                quotes.append(Quote(f"{note.clause}。", note.n))
        found.append(Evidence(part, tuple(quotes)))
    return found


@dataclass
class _Pick:
    """A quote chosen for a heading: clauses ``span`` of a passage's sentence (grows when joined)."""

    score: float
    passage: Passage
    sentence: str
    span: range


def _pick(scored: list, count: int, per_heading: int) -> list[list[_Pick]]:
    """Best pairs first: at most ``per_heading`` quotes a heading; runs of one sentence a heading quotes are joined.

    Two headings may quote the same clauses (a sentence on 学前教育 that also names 县中
    serves both), but not the very same run.
    """
    picks: list[dict[tuple[int, str], _Pick]] = [{} for _ in range(count)]
    for score, index, passage, sentence, span in sorted(scored, key=lambda item: -item[0]):
        if score < LEAST_SCORE:
            break
        key = (passage.n, sentence)
        if (pick := picks[index].get(key)) is not None:  # another run of the same sentence: join them
            joined = range(min(pick.span.start, span.start), max(pick.span.stop, span.stop))
            if len(_clauses(sentence, joined)) <= 2 * WINDOW:
                pick.span = joined
            continue
        if any((other := chosen.get(key)) and other.span == span for chosen in picks):
            continue
        if len(picks[index]) < per_heading:
            picks[index][key] = _Pick(score, passage, sentence, span)
    return [list(chosen.values()) for chosen in picks]


def _clauses(sentence: str, span: range) -> str:
    """Clauses ``span`` of the sentence (the whole sentence when the span covers it)."""
    clauses = COMMA_CLAUSE.findall(sentence)
    if span.start == 0 and span.stop >= len(clauses):
        return sentence
    return "".join(clauses[span.start : span.stop]).rstrip("，,")


def _pair_share(heading: str, text: str) -> float:
    """The share of the heading's character pairs in the text (where word matching misses: 师德师风 / 师德)."""
    wanted = pairs(heading)
    return len(wanted & pairs(text)) / len(wanted) if wanted else 0.0


def _rarity(documents: list[set[str]]) -> Callable[[str], dict[str, float]]:
    """Term weights for a query: length times how rare the term is among the material's quotes."""
    frequency: dict[str, int] = {}
    for words in documents:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    total = len(documents) + 1

    def weigh(text: str) -> dict[str, float]:
        """Weights of the text's terms that occur in the material (a term no quote has cannot tell them apart)."""
        return {t: len(t) * (math.log(total / (frequency[t] + 1)) + 0.5) for t in set(tokenize(text)) if t in frequency}

    return weigh


def _windows(sentence: str, size: int = WINDOW) -> list[tuple[range, str]]:
    """A long sentence as runs of its clauses of at most ``size`` characters (a short one whole).

    A government report packs a year into one sentence; each heading quotes the clauses
    that concern it ("保障随迁子女公平入学，首次实施中考全省统一命题"), and two headings
    may quote different clauses of one sentence. Each run comes with its clause numbers.
    """
    clauses = COMMA_CLAUSE.findall(sentence)
    if len(sentence) <= size or len(clauses) < 2:
        return [(range(len(clauses)), sentence)]
    windows: list[tuple[range, str]] = []
    for start in range(len(clauses)):
        end, length = start, 0
        while end < len(clauses) and (end == start or length + len(clauses[end]) <= size):
            length += len(clauses[end])
            end += 1
        windows.append((range(start, end), "".join(clauses[start:end]).rstrip("，,")))
    return windows


def _rank_prior(passage: Passage, heading: str) -> float:
    """0.5 for the first passage the heading's own query found, less further down."""
    ranks = [rank for query, rank in passage.ranks if query == heading or query.endswith(f" {heading}")]
    return 0.5 / (1 + min(ranks)) if ranks else 0.0


def material_pack(material: Material, topic: str, section: str, per_heading: int = 3) -> str:
    """The fast-mode draft: the outline with the quoted, cited sentences under each heading."""
    blocks = [f"相关文件：{document_line(note)}。[{note.n}]" for note in material.documents]
    for index, evidence in enumerate(gather_evidence(material, topic, section, per_heading)):
        blocks.append(heading_label(index, evidence.part.heading))
        blocks += [f"{q.text}[{q.n}]" for q in evidence.quotes] or ["（资料中未找到相关内容。）"]
    return "\n".join(blocks)


def source_label(chunk: Chunk) -> str:
    """A document's short name for the model: 《义务教育法》, 江苏省2026年政府工作报告, 国务院办公厅2015年意见."""
    title = "".join((chunk.title or chunk.doc).split()).removeprefix("中华人民共和国")
    meta = chunk.meta
    if len(title) <= 16 or not (meta.year and meta.doc_type and (meta.issuer or meta.region)):
        return title[:20]
    return f"{meta.issuer or meta.region}{meta.year}年{meta.doc_type}"


def _words(text: str) -> set[str]:
    return set(tokenize(text))


def _covered(terms: dict[str, float], words: set[str]) -> float:
    return sum(weight for term, weight in terms.items() if term in words) / (sum(terms.values()) or 1)


def _has_figure(sentence: str) -> bool:
    return any(m.kind == "quantity" for m in find_numbers(sentence))


def document_line(note: DocumentNote) -> str:
    return f"《{note.title}》（{note.number}）"


def _with_article(sentence: str, chunk: Chunk) -> str:
    """A law's sentence named by its article (第十二条：…), so a draft can cite the article."""
    article = chunk.heading_path[-1] if chunk.heading_path else ""
    if ARTICLE.fullmatch(article) and not ARTICLE.match(sentence):
        return f"{article}：{sentence}"
    return sentence


def _is_statement(sentence: str) -> bool:
    """Not a heading on its own ("一是深化评价改革。") nor the lead-in of a list ("…下列条件：")."""
    sentence = sentence.strip()
    return (
        len(sentence) >= 14
        and not sentence.endswith(("：", ":"))
        and not sentence.startswith("#")
        and not _ADOPTED.search(sentence)
        and not (len(sentence) < 32 and _HEADING.match(sentence))
    )


def _sentence_end(sentence: str) -> str:
    """The sentence ending in a full stop, so its citation marker follows the stop."""
    sentence = sentence.strip().rstrip("；;，,")
    return sentence if sentence[-1:] in "。！？!?" else f"{sentence}。"
