"""Fast mode: an extractive answer without an LLM, in well under a second.

The answer is the sentence of the retrieved passages that best covers the question's
terms (a figure counts for numeric questions), quoted with its citation. When no
sentence covers the question's key terms well enough, or none states what a numeric
question asks for (its unit, the thing counted: see ``expect``), the answer is a refusal
that still shows the closest passages. A sentence that announces a list ("以下两种方式")
brings the lines that follow it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.bind import Binder, quantities
from assistant.answer.guard import is_instruction
from assistant.answer.verify import verify_answer
from assistant.facts.numbers import in_asked_unit
from assistant.index.embed import Embedder
from assistant.ingest.formats.tables import Cell, Row, parse_row, row_line
from assistant.ingest.temporal import OFF_TIME
from assistant.query import parse_query
from assistant.query.expect import Expectation, WordMatch, expected_of
from assistant.retrieve.sentences import (
    ScoredSentence,
    has_quantity,
    is_english,
    rank_by_meaning,
    rank_sentences,
    split_sentences,
)
from assistant.text.places import REGION_WORDS, names_facility, without_suffix
from assistant.text.sentences import CLAUSE_BREAK
from assistant.text.units import counts_things
from assistant.types import Answer, Chunk, Citation, FigureCheck, Hit, Query

LIST_LEAD = re.compile(r"(?:以下|下列)[^，。；]{0,6}[种项个条类点方]|如下|[：:]$")
LIST_BUDGET = 240  # characters of a list quoted after its lead sentence
# How close in meaning what a sentence's figure measures must be to an English question's subject ("aging gas
# pipelines" against 改造燃气管网) for the sentence to answer it: chosen by bench/meaning_floor.py on the dev sets
# (bench/results/meaning-floor-en.json, session 28, a figure's clause compared too, blind8_dev among the sets:
# 0.3 to 0.375 handle 34 of 36 rightly; above 0.375 each step refuses more answerable questions). Among those
# equals 0.35, not the lowest: on blind5_dev, outside that sweep, 0.3 answers an English near miss (an airport's
# passengers by its runway's sentence) that 0.35 refuses, and no dev question the other way.
MEANING_FLOOR = 0.35
# … and how far below the best fit among the passages' figures (of the place asked, any year) it may be
ENGLISH_MARGIN = 0.1
# The same for a Chinese question whose thing asked the sentence does not name in its words ("天然气产量" against
# "生产…天然气56.5亿立方米"): above this, what the sentence's figure measures means what is asked. Same bench
# (meaning-floor-zh.json; session 20, with paraphrase3_dev among the sets: 0.7 and 0.8 handle as many
# questions rightly, 203 of 217, and the bench takes the lower, as it did when 0.8 was chosen).
PARAPHRASE_FLOOR = 0.7
REFUSAL_ZH = "资料中未找到该问题的明确答案，以下是最接近的段落，供参考。"
REFUSAL_EN = "Not found in the documents. The closest passages are listed below."


def refusal(question: str, standalone: str, citations: tuple[Citation, ...], mode: str, notice: str = "") -> Answer:
    text = REFUSAL_EN if is_english(question) else REFUSAL_ZH
    return Answer(question, standalone, text, True, mode, citations, (), notice)


def fast_answer(
    question: str,
    hits: list[Hit],
    standalone: str | None = None,
    notice: str = "",
    embedder: Embedder | None = None,
    query: Query | None = None,
) -> Answer:
    """The best supporting sentence with its citation, or a refusal with the closest passages.

    English questions cannot match Chinese sentences word for word; with an ``embedder``
    their sentences are ranked by meaning, else in retrieval order. ``query`` is the parsed
    ``standalone`` question (parsed here when not given).
    """
    standalone = standalone or question
    query = query if query is not None and query.text == standalone else parse_query(standalone)
    citations = tuple(Citation(n, hit.chunk) for n, hit in enumerate(hits, 1))
    english = is_english(standalone)
    binder = Binder(embedder)
    least_fit = MEANING_FLOOR
    if english and embedder is not None:
        ranked = rank_by_meaning(query, hits, embedder)
        if query.numeric and query.subject:  # "how many X": the sentence whose figure counts X
            subject = " ".join(query.subject)
            fits = [binder.meaning_fit(subject, s.sentence) for s in ranked]
            least_fit = max(least_fit, _best_fit(query, ranked, fits, hits) - ENGLISH_MARGIN)
            ranked = [
                s for _, s in sorted(zip(fits, ranked, strict=True), key=lambda f: f[1].score + f[0], reverse=True)
            ]
    else:
        ranked = rank_sentences(query, hits)
        if english:
            ranked = sorted(ranked, key=lambda s: (s.citation, -s.score))
    expected = expected_of(query)
    ranked = [s for s in ranked if quotable(query, expected, s, hits, binder, least_fit)]
    if not ranked:
        return refusal(question, standalone, citations, "fast", notice)
    best = ranked[0]
    quote = _cells_asked(query, _with_list(best, hits[best.citation - 1].chunk.text))
    text, figures = verify_answer(f"{quote}[{best.citation}]", citations, query=query, binder=binder)
    if english:
        text = _english_lead(figures) + text
    return Answer(question, standalone, text, False, "fast", citations, figures, notice)


def quotable(
    query: Query,
    expected: Expectation,
    sentence: ScoredSentence,
    hits: Sequence[Hit],
    binder: Binder | None = None,
    least_fit: float = MEANING_FLOOR,
) -> bool:
    """Whether a sentence (of ``hits``) can stand as the answer: no instruction, it speaks of the place asked
    about, its time fits the question's, and it states what is asked (``expect``; with a ``binder``, the thing
    asked may be named in other words). No share of the question's words need be in it: a floor of 0.3 refused
    colloquial paraphrases that ``expect`` finds stated ("供居民借阅图书的城市书房" for 城市书房) and, on ten dev sets,
    no near miss ``expect`` lets through (session 27). For an English question
    that asks a quantity, states one of what it asks, by meaning (at least ``least_fit``). The LLM chain holds
    its model's figures to the same test."""
    if is_instruction(sentence.sentence) or sentence.fit <= OFF_TIME:
        return False
    if not of_place(query, hits[sentence.citation - 1].chunk, sentence.sentence):
        return False
    if query.english:
        return not query.numeric or _states_english_ask(query, sentence.sentence, binder, least_fit)
    names = _paraphrases(binder, "".join(query.subject), expected.unit) if binder is not None else None
    return expected.met_by(sentence.sentence, sentence.context, names)


def _paraphrases(binder: Binder, subject: str, unit: str = "") -> WordMatch:
    """Whether a text names a word in other words: a noun of the same meaning (儿童 for 孩子), or a figure
    (in the ``unit`` asked) measuring what the question's subject means."""

    def names(word: str, text: str) -> bool:
        return binder.names(word, text) or (
            bool(subject) and binder.meaning_fit(subject, text, unit) >= PARAPHRASE_FLOOR
        )

    return names


def _best_fit(query: Query, ranked: Sequence[ScoredSentence], fits: Sequence[float], hits: Sequence[Hit]) -> float:
    """How well the figure nearest in meaning to an English question's subject fits it, among the sentences of
    the place asked, whatever their time: where the thing asked is stated for another year only ("粮食总产稳定在
    …" of a five-year review), a figure of another thing of the right year ("地区生产总值增长5.5%") is no
    answer because it is the best of what is left."""
    return max(
        (fit for fit, s in zip(fits, ranked, strict=True) if of_place(query, hits[s.citation - 1].chunk, s.sentence)),
        default=0.0,
    )


def _states_english_ask(query: Query, sentence: str, binder: Binder | None, least_fit: float = MEANING_FLOOR) -> bool:
    """Whether a sentence states what an English question asks a quantity of: a figure (in the unit named,
    if one is; a count of things, if it asks how many of no unit), measuring something close enough in meaning to the
    question's subject."""
    found = quantities(sentence)
    if not has_quantity(sentence) or (query.unit and not any(in_asked_unit(query.unit, q.unit) for q in found)):
        return False
    if query.count and not query.unit and not any(counts_things(q.unit) for q in found):
        return False  # "how many visits": a growth rate counts none, nor an amount of money ("旅游收入85亿元")
    subject = " ".join(query.subject)
    if binder is None or binder.embedder is None or not subject:
        return True  # nothing to compare meanings with: a quantity (in the unit named) answers
    # the figure that fits must be one in the unit named: "tax revenue in yuan" is not the 3% growth of 税收收入
    # beside a 亿元 figure of another revenue (ranking and the best fit read every figure)
    return binder.meaning_fit(subject, sentence, query.unit) >= least_fit


def of_place(query: Query, chunk: Chunk, sentence: str) -> bool:
    """Whether a sentence speaks of a place the question names: its document is of that place (a city's
    report for its district too), or the sentence names it. Another province's report states the same
    indicators with other figures ("新增城镇就业…万人"), which answer nothing asked of this one. A city or
    county the question names inside its province must be named by the sentence, its heading or document."""
    places = query.constraints.places
    region = chunk.meta.region if chunk.meta else None
    if not region:
        return True
    # a city inside the province: the province's figure (地区生产总值增长5.1%) is not the city's; a port or zone
    # inside it: the province's total (港口吞吐量) is not its figure
    localities, facilities = query.constraints.localities, query.constraints.facilities
    if localities or facilities:
        if not any(
            all(without_suffix(locality) in named for locality in localities)  # 平原 of 平原市 too
            and all(names_facility(facility, named, region) for facility in facilities)
            for named in _where_stated(f"{region}{chunk.section}", sentence, query)
        ):
            return False
    if not places or "全国" in places:
        return True
    return any(place in region or place in sentence for place in places)


def _where_stated(heading: str, sentence: str, query: Query) -> list[str]:
    """The text that may name the place of each figure a sentence states in the unit asked, for a numeric
    question: its headings, the clause stating it and, unless that clause speaks of the whole region (全区…),
    what comes before it. A place named after the figure is not the figure's ("港口货物吞吐量突破3亿吨，黑石港…
    居第2位"), nor one named before a figure of the whole ("黑石口岸扩能，全区口岸货运量1.2亿吨"). Any other
    question: the headings and the sentence."""
    reaches = []
    start = 0
    numeric = query.numeric or bool(query.unit)
    for clause in CLAUSE_BREAK.split(sentence):
        end = start + len(clause)
        if (
            numeric
            and has_quantity(clause)
            and (not query.unit or any(in_asked_unit(query.unit, q.unit) for q in quantities(clause)))
        ):
            whole = any(word in clause for word in REGION_WORDS)
            reaches.append(f"{heading}{clause}" if whole else f"{heading}{sentence[:end]}")
        start = end + 1
    return reaches or [f"{heading}{sentence}"]


def _english_lead(figures: tuple[FigureCheck, ...]) -> str:
    """ "12所 (覆盖农村薄弱学校). According to the documents: …" when one figure of several is the one asked."""
    lead = "According to the documents: "
    asked = [f for f in figures if f.asked]
    if len(figures) > 1 and len(asked) == 1 and asked[0].verified and asked[0].measured:
        return f"{asked[0].text} ({asked[0].measured}). {lead}"
    return lead


def _cells_asked(query: Query, quote: str) -> str:
    """A table row cut to the cells the question names: "【…】小学 | 2024年专任教师：850人" for 2024年小学专任教师,
    not the row's every year and column. A cell counts the question's years and words in its header;
    the best cells stay (with the row's title and label), or the whole row when none stands out."""
    row = parse_row(quote)
    if row is None or len(row.cells) < 2:
        return quote

    def named(cell: Cell) -> int:
        header = cell.header
        return sum(str(year) in header for year in query.years) + sum(term in header for term in query.terms)

    scores = [named(cell) for cell in row.cells]
    best = max(scores)
    if best == 0 or min(scores) == best:
        return quote
    return row_line(Row(row.title, row.label, tuple(c for c, n in zip(row.cells, scores, strict=True) if n == best)))


def _with_list(best: ScoredSentence, passage: str) -> str:
    """The sentence, and when it announces a list, the list's lines that follow it."""
    if not LIST_LEAD.search(best.sentence):
        return best.sentence
    sentences = split_sentences(passage)
    following = sentences[sentences.index(best.sentence) + 1 :] if best.sentence in sentences else []
    quote = best.sentence
    for sentence in following:
        if len(quote) + len(sentence) > LIST_BUDGET:
            break
        quote += sentence
    return quote
