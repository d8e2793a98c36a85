"""The question, parsed once where it enters (``Assistant.ask_events``) into a :class:`Query`.

Retrieval reads its years and intent (what the passage must be about in time), sentence
choice the same, and the answer checks its expected unit and subject (what a figure must
measure to answer it). An English question is read through its Chinese translation when
the LLM made one; without one, its unit and subject come from its English words
(``how many schools`` → schools: ``assistant.query.english``), which the answer check maps onto the passage's Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.facts.extract import CHANGE_WORDS
from assistant.ingest.temporal import ACTUAL, INTENT_WORDS, question_intent, question_periods
from assistant.query.constraints import DOC_YEAR, NO_NAMES, DocumentNames, asked_years, read_constraints, without_source
from assistant.query.english import read_english
from assistant.query.expect import (
    TOTAL_WORDS,
    ask_index,
    asked_clause,
    asks_number,
    expectation,
    is_unit_word,
    tag_asked,
    unit_written,
)
from assistant.text.places import REGION_WORDS
from assistant.text.pos import ADJECTIVE_TAG, ENGLISH_TAG, NOUN_TAGS, VERB_TAG
from assistant.text.segment import has_cjk, tag, tokenize
from assistant.text.years import with_digit_years
from assistant.types import Query

# Chinese: words around the subject that are not part of it. Before it: when and where (2025年, 甘肃省,
# 每); after it: copulas, aspect and the verbs that ask for a figure (是, 了, 达到, 增长, 超过, 增加到).
_LEADING_FLAGS = ("m", "t", "ns", "r", "p", "c", "x", "f")
_TRAILING_WORDS = (
    frozenset("是 为 有 了 的 过 着 共 约 定为 预计 将 要 能 可 到 至".split())
    | CHANGE_WORDS
    | INTENT_WORDS
    | TOTAL_WORDS
)
_FUNCTION_FLAGS = ("u", "p", "d", "c", "r", "m", "q", "x", "y", "e")
_PERFECTIVE = "了"  # the aspect particle of an action done: the verb before it is the question's predicate
_SUBJECT_FLAGS = (*NOUN_TAGS, VERB_TAG, ADJECTIVE_TAG, "z", ENGLISH_TAG)  # z: descriptive words
# The thing counted after 多少 + measure word may open with a place word ("多少个海外仓": 海外 is s).
_COUNTED_FLAGS = (*_SUBJECT_FLAGS, "s")
_WHICH = "哪"
_ADVERB = "d"
# Words that make a question one about a quantity (a sentence stating one ranks higher), in both languages.
_QUANTITATIVE = re.compile(
    r"几|多少|多大|多高|多长|比例|占比|百分|增长|how many|how much|what percent|rate|number|total", re.I
)
# a bracketed aside ("午托名额（学生午休床位）", "（含技工学校）", "（2025年）"): another name only where a noun phrase
_BRACKETED = re.compile(r"[（(]([^（）()]{2,30})[）)]")
_EN_RATIO = re.compile(r"\b(?:percent|percentage|rate|share|proportion|ratio|by how much)\b|%", re.I)


@lru_cache(maxsize=2048)
def parse_query(text: str, translation: str | None = None, names: DocumentNames = NO_NAMES) -> Query:
    """The :class:`Query` of a question (and its Chinese ``translation``, for an English one); its
    places and document names are those of ``names``, the indexed documents."""
    asked = text
    text = with_digit_years(text)  # "二〇二五年" asks about 2025 as "2025年" does
    english = not has_cjk(text)
    read = translation if english and translation and has_cjk(translation) else text
    years = tuple(sorted(asked_years(text) | (asked_years(read) if read != text else set())))
    doc_years = tuple(sorted({int(y) for y in DOC_YEAR.findall(text)}))
    span = question_periods(text) or question_periods(read)
    intent, stated = question_intent(read if read != text else text, years or span)
    constraints = read_constraints(f"{text} {translation or ''}", names)
    if intent == ACTUAL and years and not stated:
        # a year some indexed document looks back on has its results on record: asked about without naming a
        # document of that year (whose targets it may mean), a target is no answer, as if "实际" were said
        named_own = any(year >= max(years) for year in doc_years)
        stated = not named_own and names.reviews(max(years), constraints.places)
    # a question's bare numbers say when (2025) or how much, which the time fit and the figure weigh: matched as
    # words, its 2025 would favour the report titled 2025, which reviews 2024
    terms = frozenset(t for t in tokenize(without_source(read)) if not t.isdigit())
    quantitative = bool(_QUANTITATIVE.search(text) or _QUANTITATIVE.search(read))
    if english and read == text:
        asked_for = read_english(text)
        return Query(
            asked,
            "en",
            years or span,
            doc_years,
            intent,
            stated,
            asked_for.unit,
            bool(_EN_RATIO.search(text)),
            (asked_for.subject,) if asked_for.subject else (),
            numeric=quantitative or asked_for.measured,
            count=asked_for.count and not _EN_RATIO.search(text),
            terms=terms,
            quantitative=quantitative or asked_for.measured,
            constraints=constraints,
        )
    plain = _BRACKETED.sub("", read)  # the subject is read without its other names, which are read apart
    expected = expectation(plain)
    kind = terms & kind_words(read)
    # a 哪 question's kind is what its answer's items are (哪几所学校: 城关中学、实验小学…), seldom named by them
    subject = tuple(word for word in subject_words(plain) or expected.focus if word not in kind)
    return Query(
        asked,
        "en" if english else "zh",
        years or span,
        doc_years,
        intent,
        stated,
        expected.unit,
        expected.ratio,
        subject,
        translation if english else None,
        numeric=asks_number(read) and "哪" not in read,
        change=expected.change,
        stock=expected.stock,
        flow=expected.flow,
        aliases=tuple(filter(None, map(other_name, _BRACKETED.findall(read)))),
        terms=terms,
        kind=kind,
        unit_words=frozenset(t for t in terms if t in unit_written(plain)),
        quantitative=quantitative,
        constraints=constraints,
    )


_DESCRIBED_REACH = 5  # words after the ask word within which a 的 still closes a description of the thing counted


@lru_cache(maxsize=2048)
def subject_words(question: str) -> tuple[str, ...]:
    """What a Chinese numeric question counts, in reading order: the words before the ask word less
    when, where and how it is asked, then the thing counted after it.

    "2025年甘肃省城镇新增就业实际达到多少人" → 新增 就业; "广西…城镇新增就业的预期目标是多少万人" → 新增 就业;
    "新建了几所普通高中" → 普通高中; "为多少户低保家庭发放了临时救助" → 低保 家庭.
    """
    words = tag_asked(asked_clause(without_source(question)))
    ask = ask_index(words)
    if ask is None:
        return ()
    after = words[ask + 1 :]
    if after and (after[0][1].startswith("q") or is_unit_word(after[0][0])):
        after = after[1:]  # 多少 户 …, 几 个 …
    # "多少名家庭困难的学生": what 的 closes describes the thing counted, which follows it; a description opening
    # with no word of the thing itself ("多少位由社区推荐、长期独居的老人": 由 is a preposition) runs to its 的
    reach = _DESCRIBED_REACH if after and after[0][1].startswith(_COUNTED_FLAGS) else len(after)
    marker = next((i for i, (word, flag) in enumerate(after[:reach]) if word == "的"), None)
    if marker is not None and marker + 1 < len(after) and after[marker + 1][1].startswith(_COUNTED_FLAGS):
        after = after[marker + 1 :]
    counted: list[str] = []
    for word, flag in after:
        if not flag.startswith(_COUNTED_FLAGS) or flag.startswith("v") and counted:
            break
        counted.append(word)
    before = words[:ask]
    start = 0
    while start < len(before) and (before[start][1].startswith(_LEADING_FLAGS) or before[start][0] in REGION_WORDS):
        start += 1
    end = len(before)
    while end > start and (before[end - 1][0] in _TRAILING_WORDS or before[end - 1][1].startswith(_FUNCTION_FLAGS)):
        end -= 1
    # where nothing is counted after the ask word, a verb the question closes with 了 after the thing's noun is
    # the predicate ("慰问金提到了多少钱"), not a word of the thing (a noun jieba tags v, 收入 of "旅游收入是多少",
    # never takes 了); before a thing counted after it the verbs say which of it ("新建和扩建了几所幼儿园")
    if not any(len(word) >= 2 for word in counted) and end < len(before) and before[end][0] == _PERFECTIVE:
        while end - 1 > start and before[end - 1][1].startswith(VERB_TAG) and _has_noun(before[start : end - 1]):
            end -= 1
    span = [
        word
        for word, flag in _without_predicate(before[start:end])
        if flag.startswith(_SUBJECT_FLAGS) and word not in INTENT_WORDS | TOTAL_WORDS and word not in REGION_WORDS
    ]
    return tuple(dict.fromkeys(word for word in span + counted if len(word) >= 2))


def _has_noun(words: list[tuple[str, str]]) -> bool:
    return any(flag.startswith(NOUN_TAGS) for _, flag in words)


def _without_predicate(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words before the ask word less a predicate after the subject: an adverb after a noun, then verbs
    only ("美术馆单独算有多少家" counts 美术馆, not 算有). Verbs before the subject's nouns stay (新增 of
    "新增就业"), and so do nouns after an adverb ("学生平均书面作业时长")."""
    for at, (_, flag) in enumerate(words):
        if (
            flag.startswith(_ADVERB)
            and _has_noun(words[:at])
            and all(f.startswith((_ADVERB, VERB_TAG)) for _, f in words[at:])
        ):
            return words[:at]
    return words


def other_name(aside: str) -> tuple[str, ...]:
    """The words of a bracketed aside that names the thing asked another way: a noun phrase alone
    ("学生午休床位" → 学生 午休 床位); empty for one that qualifies it ("含技工学校", "不含外资", "2025年")."""
    words = [(word, flag) for word, flag in tag(aside.removeprefix("即")) if word.strip()]
    if not words or not all(flag.startswith((*NOUN_TAGS, ENGLISH_TAG)) for _, flag in words):
        return ()
    return tuple(word for word, _ in words if len(word) >= 2 and word not in REGION_WORDS)


@lru_cache(maxsize=2048)
def kind_words(question: str) -> frozenset[str]:
    """The words of the kind a 哪 question asks for, with its ask word: "获得了哪项全国性体育赛事的举办权"
    → 哪项 全国性 体育赛事 (and their parts); the nouns right after 哪/哪项/哪一年. Empty for other questions."""
    words = tag(question)
    at = next((i for i, (word, _) in enumerate(words) if word.startswith(_WHICH)), None)
    if at is None:
        return frozenset()
    end = at + 1
    if words[at][0] == _WHICH and end < len(words) and _measure_after_which(words[end]):
        end += 1  # 哪 个 …, 哪 几所 …
    while end < len(words) and words[end][1].startswith(NOUN_TAGS):
        end += 1
    return frozenset(tokenize("".join(word for word, _ in words[at:end])))


def _measure_after_which(tagged: tuple[str, str]) -> bool:
    """Whether a word after 哪 is its measure word, alone or after 几 (哪个, 哪几所): the kind follows it."""
    word, flag = tagged
    return flag.startswith("q") or is_unit_word(word) or (word.startswith("几") and is_unit_word(word[1:]))


def plain_query(text: str, names: DocumentNames = NO_NAMES) -> Query:
    """A text matched by its words, written years and the documents it names alone: a drafting query or
    a draft's sentence, which asks no question, so no intent, expected unit or subject is read from it."""
    return Query(
        text,
        years=tuple(sorted(asked_years(text))),
        terms=frozenset(tokenize(without_source(text))),
        quantitative=bool(_QUANTITATIVE.search(text)),
        constraints=read_constraints(text, names),
    )
