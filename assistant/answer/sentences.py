"""Sentence-level evidence: which sentences of the retrieved passages answer the question.

Used by the fast mode (the answer is the best sentence) and by the LLM chain (each
passage is cut to its best sentences, because every token of context costs prompt time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.facts.numbers import find_numbers
from assistant.index.text import tokenize
from assistant.types import Hit

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_NUMERIC_QUESTION = re.compile(
    r"几|多少|多大|多高|多长|比例|占比|百分|增长|how many|how much|what percent|rate|number|total", re.I
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class ScoredSentence:
    sentence: str
    citation: int  # 1-based position of the hit it comes from
    score: float
    coverage: float  # share of the question's terms found in the sentence or its headings


def is_english(text: str) -> bool:
    return not _CJK.search(text)


def is_numeric_question(text: str) -> bool:
    return bool(_NUMERIC_QUESTION.search(text))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) >= 4]


@lru_cache(maxsize=50_000)
def _has_quantity(sentence: str) -> bool:
    return any(m.kind == "quantity" for m in find_numbers(sentence))


@lru_cache(maxsize=50_000)
def _terms(sentence: str) -> frozenset[str]:
    """Tokens of a sentence; cached because the same passages are ranked again and again."""
    return frozenset(tokenize(sentence))


def rank_sentences(question: str, hits: list[Hit]) -> list[ScoredSentence]:
    """Sentences of ``hits`` by how well they cover the question's terms, best first."""
    terms = set(tokenize(question))
    weight = sum(len(t) for t in terms) or 1
    numeric = is_numeric_question(question)
    ranked = []
    for n, hit in enumerate(hits, 1):
        context = _terms(hit.chunk.title + " " + hit.chunk.section)
        for sentence in split_sentences(hit.chunk.text):
            words = _terms(sentence)
            own = sum(len(t) for t in terms if t in words) / weight
            covered = sum(len(t) for t in terms if t in words or t in context) / weight
            bonus = 0.25 if numeric and _has_quantity(sentence) else 0.0
            ranked.append(ScoredSentence(sentence, n, own + 0.3 * covered + bonus + 0.15 / n, covered))
    return sorted(ranked, key=lambda s: s.score, reverse=True)


def focus_passage(question: str, hit: Hit, budget: int) -> str:
    """The passage cut to its most relevant sentences (in document order) within ``budget`` chars."""
    text = hit.chunk.text
    if len(text) <= budget:
        return text
    sentences = split_sentences(text)
    ranked = rank_sentences(question, [hit])
    keep: set[str] = set()
    used = 0
    for scored in ranked:
        if used + len(scored.sentence) > budget and keep:
            continue
        keep.add(scored.sentence)
        used += len(scored.sentence)
    return "…".join(s for s in sentences if s in keep)
