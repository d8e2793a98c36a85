"""Sentence-level evidence: which sentences of the retrieved passages answer the question.

Used by the fast mode (the answer is the best sentence) and by the LLM chain (each
passage is cut to its best sentences, because every token of context costs prompt time).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.facts.numbers import has_quantity, quantity_clauses
from assistant.index.embed import Embedder
from assistant.ingest.temporal import moves_between_levels, sentence_temporal, states_span, sums_span, temporal_fit
from assistant.query.expect import GENERIC_HEADS
from assistant.text.normalize import squash_punctuation
from assistant.text.segment import has_cjk, tokenize
from assistant.text.sentences import clauses
from assistant.text.terms import move_verbs, names_short_form
from assistant.text.years import years_meant
from assistant.types import Hit, Query


@dataclass(frozen=True)
class SentenceWeights:
    """What a sentence's match to a question is made of, beside the share of the question's terms it holds
    itself (weight 1); the values the answer benchmark (bench/answers.py) was last run with."""

    coverage: float = 0.3  # share of the question's terms in the sentence or its passage's headings
    figure: float = 0.25  # a numeric question's sentence states a quantity
    figure_by_meaning: float = 0.05  # the same where sentences are ranked by embedding similarity
    other_year: float = 0.3  # taken off: the sentence is about another year than the one asked
    time_fit: float = 0.4  # × temporal_fit (-1.5..1): a result for "实际…", a year's target for "…预期目标"
    rank_prior: float = 0.15  # ÷ the hit's position: of two equal sentences, the better-ranked passage's wins
    focus: float = 0.2  # × the share of the sentence the question's terms make up, for a numeric question's
    # sentences with a figure: the one that says little else ("社会消费品零售总额增长3.9%" over a list of ten)


WEIGHTS = SentenceWeights()


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence with the parts of its score: how well it answers, and the prior of its passage's rank."""

    sentence: str
    citation: int  # 1-based position of the hit it comes from
    match: float  # how well the sentence itself answers (terms, figure, year and time fit)
    coverage: float  # share of the question's terms found in the sentence or its headings
    context: str = ""  # the passage's title and heading path
    fit: float = 0.0  # how well its time fits the question's (ingest.temporal.temporal_fit)
    rank_prior: float = 0.0  # weights.rank_prior ÷ citation where the hits' order counts; 0 where it does not
    focus: float = 0.0  # weights.focus × the share of the sentence that is the question's terms

    @property
    def score(self) -> float:
        """What sentences are ranked by: the match, then how little else the sentence says and the
        passage's rank, as tie-breakers (the reranker reads ``match`` alone: passages are not judged by
        the length of their sentences)."""
        return self.match + self.focus + self.rank_prior


def is_english(text: str) -> bool:
    return not has_cjk(text)


def split_sentences(text: str) -> list[str]:
    """The passage's sentences and ；-statements as written, stop kept; shorter than 4 characters is no answer."""
    return [s for s in clauses(text, keep_stop=True) if len(s) >= 4]


@lru_cache(maxsize=50_000)
def _terms(sentence: str) -> frozenset[str]:
    """Tokens of a sentence; cached because the same passages are ranked again and again."""
    return frozenset(tokenize(sentence))


def clear_caches() -> None:
    """Forget the sentences seen so far (benchmarks time a cold start with it)."""
    _terms.cache_clear()
    has_quantity.cache_clear()


def _labels(hit: Hit) -> str:
    return hit.chunk.title + " " + hit.chunk.section


def _answer_sentences(hit: Hit) -> list[str]:
    """The passage's sentences, less any line that merely repeats its title or a heading."""
    labels = squash_punctuation(_labels(hit))
    return [sentence for sentence in split_sentences(hit.chunk.text) if squash_punctuation(sentence) not in labels]


def sentence_fit(query: Query, sentence: str, hit: Hit) -> float:
    """How well the sentence's time fits the question's (its passage's tag refined by its own words)."""
    if not (query.years or query.intent):
        return 0.0
    # A sum marker anywhere in the sentence makes its figures the span's: also one in another clause than the
    # asked figure's ("…连续五年位居前列，新建保障性住房12万套"). Read clause by clause, such sentences in a
    # five-year review answered a question about its last year with a five-year total (a flow such as 新建 or
    # 新增 sums the span without saying so), and no dev question gained (nearmiss2_dev, session 16).
    tag = sentence_temporal(sentence, hit.chunk.temporal, hit.chunk.meta, query.change, _asked_clauses(query, sentence))
    spans = states_span(sentence, query.change)
    named = sorted(years_meant(sentence, None) & set(query.years))
    if named and not spans and not (tag.start is not None and tag.start <= named[0] <= (tag.end or tag.start)):
        # the sentence names the asked year itself (a table row's "2024年专任教师：850人，2025年…"): its
        # words, not its passage's period, say when; the kind of statement stays the passage's. A sentence
        # summing years (累计) or one asked how much it moved from one year to another speaks of the span.
        tag = replace(tag, start=named[0], end=named[0])
    elif tag.end is not None and not query.change and (moving := _moving_clauses(query, sentence)):
        # "从2020年的860亿元增长到2025年的1120亿元": a move between levels states the level of each year it
        # names, and ends at its last year's, which is what a question of that year's level asks (its change is
        # the span's)
        written = years_meant(moving, None)
        year = min(written & set(query.years), default=max(written | {tag.end}))
        tag = replace(tag, start=year, end=year)
    return temporal_fit(query.years, query.intent, query.stated, tag, exact=True)


def _moving_clauses(query: Query, sentence: str) -> str | None:
    """The clauses stating the figure asked, when they move it from one level to another without summing
    the span: their last level is the span's end's ("全市生产总值从2020年的860亿元增长到1120亿元", though another
    clause of the sentence sums: "规上工业增加值年均增长5.8%"); None otherwise."""
    asked = _asked_clauses(query, sentence)
    return asked if asked is not None and moves_between_levels(asked) and not sums_span(asked) else None


def _asked_clauses(query: Query, sentence: str) -> str | None:
    """The clauses of ``sentence`` that state a figure of what the question asks: they name its subject's
    last word, the thing measured (在校生 of 普通高中在校生, not the 普通高中 of 改扩建普通高中8所; GDP of GDP总量);
    None when none does."""
    if not query.subject:
        return None
    head = next((word for word in reversed(query.subject) if word not in GENERIC_HEADS), query.subject[-1])
    asked = [clause for clause in quantity_clauses(sentence) if head in clause or names_short_form(head, clause)]
    return "，".join(asked) or None


def rank_sentences(query: Query, hits: list[Hit]) -> list[ScoredSentence]:
    """Sentences of ``hits`` by how well they cover the question's terms, best first.

    A term the passage's title or headings already carry (the report's name, the section
    topic) says which passage, not which sentence, so only the other terms rank sentences
    within it; a line that merely repeats the title or a heading is no answer at all.
    """
    terms = query.terms
    years = set(query.years)
    # a 哪 question's kind and the words of the unit asked need not be named (Query.kind, Query.unit_words)
    weight = sum(len(t) for t in terms - query.kind - query.unit_words) or 1
    numeric = query.quantitative
    w = WEIGHTS
    ranked = []
    for n, hit in enumerate(hits, 1):
        labels = _labels(hit)
        squashed_labels = squash_punctuation(labels)
        context = {t for t in terms if t in squashed_labels} | (terms & _terms(labels))
        section_years = years_meant(hit.chunk.section, hit.chunk.meta.year)
        for sentence in _answer_sentences(hit):
            words = _terms(sentence)
            own = sum(len(t) for t in terms if t in words and t not in context) / weight
            covered = sum(len(t) for t in terms if t in words or t in context or _named_otherwise(t, sentence)) / weight
            bonus = w.figure if numeric and has_quantity(sentence) else 0.0
            spoken_of = years_meant(sentence, hit.chunk.meta.year) or section_years
            if years and spoken_of and not years & spoken_of:
                bonus -= w.other_year
            fit = sentence_fit(query, sentence, hit)
            bonus += w.time_fit * fit
            match = own + w.coverage * covered + bonus
            stated = numeric and has_quantity(sentence)  # a figure among others: say the one that says little else
            focus = w.focus * min(1.0, sum(len(t) for t in terms if t in words) / len(sentence)) if stated else 0.0
            ranked.append(ScoredSentence(sentence, n, match, min(1.0, covered), labels, fit, w.rank_prior / n, focus))
    return sorted(ranked, key=lambda s: s.score, reverse=True)


def _named_otherwise(term: str, sentence: str) -> bool:
    """Whether the sentence names a term by its short form or full name (地区生产总值 for GDP) or, for a noun
    naming a move, by the verb stating it with a figure (增长5.2% for 增速): covered, though not in its words."""
    return names_short_form(term, sentence) or bool(move_verbs(term, sentence))


MEANING_DEPTH = 3  # the hits whose sentences an English question's meaning ranks: one short batch to embed


def rank_by_meaning(
    query: Query, hits: list[Hit], embedder: Embedder, depth: int = MEANING_DEPTH
) -> list[ScoredSentence]:
    """Sentences of the top ``depth`` hits by embedding similarity to the question, best first.

    For a question whose words cannot match the passages' (English over Chinese reports):
    the multilingual embedder compares meanings. Sentences only, so it costs one short batch.
    """
    numeric = query.quantitative
    w = WEIGHTS
    candidates = [
        (sentence, n, _labels(hit), sentence_fit(query, sentence, hit))
        for n, hit in enumerate(hits[:depth], 1)
        for sentence in _answer_sentences(hit)
    ]
    if not candidates:
        return []
    similarity = embedder.embed_passages([c[0] for c in candidates]) @ embedder.embed_queries([query.text])[0]
    ranked = [
        ScoredSentence(
            sentence,
            n,
            float(score) + (w.figure_by_meaning if numeric and has_quantity(sentence) else 0.0) + w.time_fit * when,
            1.0,
            labels,
            when,
        )
        for (sentence, n, labels, when), score in zip(candidates, similarity, strict=True)
    ]
    return sorted(ranked, key=lambda s: s.score, reverse=True)


def focus_passage(query: Query, hit: Hit, budget: int) -> str:
    """The passage cut to its most relevant sentences (in document order) within ``budget`` chars."""
    text = hit.chunk.text
    if len(text) <= budget:
        return text
    sentences = split_sentences(text)
    ranked = rank_sentences(query, [hit])
    keep: set[str] = set()
    used = 0
    for scored in ranked:
        if used + len(scored.sentence) > budget and keep:
            continue
        keep.add(scored.sentence)
        used += len(scored.sentence)
    return "…".join(s for s in sentences if s in keep)
