"""Fast mode: an extractive answer without an LLM, in well under a second.

The answer is the sentence of the retrieved passages that best covers the question's
terms (a figure counts for numeric questions), quoted with its citation. When no
sentence covers the question's key terms well enough, the answer is a refusal that
still shows the closest passages.
"""

from __future__ import annotations

from assistant.answer.guard import is_instruction
from assistant.answer.sentences import is_english, rank_sentences
from assistant.answer.verify import verify_answer
from assistant.types import Answer, Citation, Hit

MIN_COVERAGE = 0.5
REFUSAL_ZH = "资料中未找到该问题的明确答案，以下是最接近的段落，供参考。"
REFUSAL_EN = "Not found in the documents. The closest passages are listed below."


def refusal(question: str, standalone: str, citations: tuple[Citation, ...], mode: str, notice: str = "") -> Answer:
    text = REFUSAL_EN if is_english(question) else REFUSAL_ZH
    return Answer(question, standalone, text, True, mode, citations, (), notice)


def fast_answer(question: str, hits: list[Hit], standalone: str | None = None, notice: str = "") -> Answer:
    """The best supporting sentence with its citation, or a refusal with the closest passages."""
    standalone = standalone or question
    citations = tuple(Citation(n, hit.chunk) for n, hit in enumerate(hits, 1))
    english = is_english(standalone)
    ranked = [s for s in rank_sentences(standalone, hits) if not is_instruction(s.sentence)] if hits else []
    if english:  # English terms cannot match Chinese text: trust the retrieval order instead
        ranked = sorted(ranked, key=lambda s: (s.citation, -s.score))
    if not ranked or (not english and ranked[0].coverage < MIN_COVERAGE):
        return refusal(question, standalone, citations, "fast", notice)
    best = ranked[0]
    lead = "According to the documents: " if english else ""
    text, figures = verify_answer(f"{lead}{best.sentence}[{best.citation}]", citations, ignore=standalone)
    return Answer(question, standalone, text, False, "fast", citations, figures, notice)
