"""The question, parsed once where it enters (``Assistant.ask_events``) into a :class:`Query`.

Retrieval reads its years and intent (what the passage must be about in time), sentence
choice the same, and the answer checks its expected unit and subject (what a figure must
measure to answer it). An English question is read through its Chinese translation when
the LLM made one; without one, its unit and subject come from its English words
(``how many schools`` → schools), which the answer check maps onto the passage's Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.expect import expectation
from assistant.facts.extract import REGION_WORDS
from assistant.index.text import has_cjk, tag
from assistant.ingest.temporal import INTENT_WORDS, question_intent, question_periods
from assistant.retrieve.constraints import DOC_YEAR, asked_years
from assistant.types import Query

# English: the thing counted after "how many", and the words that ask for a rate.
_HOW_MANY = re.compile(r"\bhow many\s+((?:[\w-]+\s+){0,4}?[\w-]+?)(?=\s+(?:did|do|does|were|was|are|is|have|has|had|in|"
                       r"from|of|for|with|joined|received|benefited|newly|by|at|to|that|which|were)\b|[?,.]|$)", re.I)
_EN_RATIO = re.compile(r"\b(?:percent|percentage|rate|share|proportion|ratio|by how much)\b|%", re.I)


@lru_cache(maxsize=2048)
def parse_query(text: str, translation: str | None = None) -> Query:
    """The :class:`Query` of a question (and its Chinese ``translation``, for an English one)."""
    english = not has_cjk(text)
    read = translation if english and translation and has_cjk(translation) else text
    years = tuple(sorted(asked_years(text) | (asked_years(read) if read != text else set())))
    doc_years = tuple(sorted({int(y) for y in DOC_YEAR.findall(text)}))
    span = question_periods(text) or question_periods(read)
    intent, stated = question_intent(read if read != text else text, years or span)
    if english and read == text:
        wanted = _HOW_MANY.search(text)
        subject = (wanted.group(1).strip(),) if wanted else ()
        return Query(text, "en", years or span, doc_years, intent, stated, "", bool(_EN_RATIO.search(text)), subject)
    expected = expectation(read)
    return Query(
        text, "en" if english else "zh", years or span, doc_years, intent, stated, expected.unit, expected.ratio,
        tuple(word for word in expected.focus if _measures(word)), translation if english else None,
    )


def _measures(word: str) -> bool:
    """A word of the subject that says what is measured: not a word of intent (实际, 预期目标) or a place
    (河北省, 全省), which say when and where ("河北省生产总值" is the 生产总值 of a place, not a kind of it)."""
    return word not in INTENT_WORDS and word not in REGION_WORDS and not all(flag == "ns" for _, flag in tag(word))
