"""Fast mode: an extractive answer without an LLM, in well under a second.

The answer is the sentence of the retrieved passages that best covers the question's
terms (a figure counts for numeric questions), quoted with its citation. When no
sentence covers the question's key terms well enough, the answer is a refusal that
still shows the closest passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.numbers import find_numbers
from assistant.index.text import tokenize
from assistant.types import Answer, Citation, Hit

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_NUMERIC_QUESTION = re.compile(r"几|多少|多大|多高|多长|比例|占比|百分|增长|how many|how much|what percent|rate|number", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class _Candidate:
    sentence: str
    citation: int
    score: float
    coverage: float


def is_english(text: str) -> bool:
    return not _CJK.search(text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) >= 6]


def _rank(question: str, hits: list[Hit]) -> list[_Candidate]:
    terms = set(tokenize(question))
    numeric = bool(_NUMERIC_QUESTION.search(question))
    candidates = []
    for n, hit in enumerate(hits, 1):
        context = set(tokenize(hit.chunk.title + " " + hit.chunk.section))
        for sentence in _sentences(hit.chunk.text):
            words = set(tokenize(sentence))
            weight = sum(len(t) for t in terms) or 1
            covered = sum(len(t) for t in terms if t in words or t in context) / weight
            own = sum(len(t) for t in terms if t in words) / weight
            has_figure = bool(find_numbers(sentence))
            score = own + 0.3 * covered + (0.25 if numeric and has_figure else 0.0) + 0.15 / n
            candidates.append(_Candidate(sentence, n, score, covered))
    return sorted(candidates, key=lambda c: c.score, reverse=True)


def fast_answer(question: str, hits: list[Hit], standalone: str | None = None) -> Answer:
    """The best supporting sentence with its citation, or a refusal with the closest passages."""
    citations = tuple(Citation(n, hit.chunk) for n, hit in enumerate(hits, 1))
    english = is_english(question)
    ranked = _rank(standalone or question, hits) if hits else []
    if english and ranked:  # keyword terms cannot match Chinese text: trust retrieval order
        ranked = sorted(ranked, key=lambda c: (c.citation, -len(find_numbers(c.sentence))))
    best = ranked[0] if ranked else None
    if best is None or (not english and best.coverage < MIN_COVERAGE):
        text = ("Not found in the documents. The closest passages are listed below." if english
                else "资料中未找到该问题的明确答案，以下是最接近的段落，供参考。")
        return Answer(question, standalone or question, text, True, "fast", citations)
    lead = "According to the documents: " if english else ""
    text = f"{lead}{best.sentence} [{best.citation}]"
    return Answer(question, standalone or question, text, False, "fast", citations)
