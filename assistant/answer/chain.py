"""The answer chain: (history →) standalone question → retrieve → LLM answer → verify.

Each step is a plain function so the UI can stream the LLM's tokens and the CLI can
collect them; the caller falls back to fast mode when the backend is unavailable.

A small local model both refuses answers that are in its passages and invents figures
that are not. So its answer is checked against the extractive answer of the same
passages: a refusal gives way to a sentence that states what the question asks for,
and an answer whose figures do not verify, or that does not state what a numeric
question asks for (``expect``), gives way to that sentence, or to a refusal when the
passages hold none. Either way a notice says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from assistant.answer.bind import Binder
from assistant.answer.fast import quotable, refusal
from assistant.answer.guard import without_instructions
from assistant.answer.verify import verify_answer
from assistant.facts.numbers import figure_in_text
from assistant.ingest.temporal import PERIOD_MATCH
from assistant.llm.backends import ChatBackend
from assistant.prompts import load_prompt
from assistant.query import parse_query
from assistant.query.expect import expected_of
from assistant.retrieve.sentences import focus_passage, is_english, rank_sentences
from assistant.settings import Settings
from assistant.text.markers import ONE_MARKER
from assistant.text.sentences import is_question
from assistant.types import Answer, AnswerEvent, Citation, FigureCheck, Final, Hit, Query, Token

SHORT_ANSWER = 12  # characters; a shorter answer ("是。[1]") is shown with its source sentence
LOOP_SPAN = 40  # characters; a model that writes this much of its answer again is looping
# A sentence another fits better in time by a period's match (``ingest.temporal``) is about another year or
# kind of statement than the passages can answer for: the model's figure from it gives way.
TIME_MARGIN = PERIOD_MATCH
_REFUSAL_MARKERS = ("资料中未找到", "未找到", "not found in the documents", "not found")


SearchFn = Callable[[str], list[Hit]]
ExtractFn = Callable[[str, list[Hit]], Answer]  # the fast mode's answer from given passages
NOTICE_REFUSED = "模型未能作答，以下为资料原文 (the model gave no answer; the source sentence is quoted)"
NOTICE_OFF_TARGET = (
    "模型回答未给出所问的数字，以下为资料原文 (the model did not state what was asked; the source is quoted)"
)
NOTICE_UNVERIFIED = "模型回答中的数字无法在资料中核实，已改为引用原文 (the model's figures are not in the passages; the source is quoted)"


def _context(query: Query, hits: Sequence[Hit], settings: Settings) -> str:
    blocks = []
    for n, hit in enumerate(hits, 1):
        parts = (hit.chunk.title, hit.chunk.section, hit.chunk.temporal.label)
        source = without_instructions(" · ".join(part for part in parts if part))
        passage = without_instructions(focus_passage(query, hit, settings.passage_chars))
        blocks.append(f"[{n}] 《{source}》\n{passage}")
    return "\n\n".join(blocks)


def standalone_question(
    backend: ChatBackend, settings: Settings, question: str, history: Sequence[tuple[str, str]]
) -> str:
    """Rewrite a follow-up into a question that can be retrieved on its own.

    Small models sometimes echo the instructions or the follow-up unchanged, or answer it instead of
    rewriting it ("9所食堂全部投入使用。": no question left); then the previous question is prefixed
    instead, which keeps its subject in the search.
    """
    if not history:
        return question
    transcript = "\n".join(f"用户：{q}\n助手：{a}" for q, a in history[-3:])
    prompt = load_prompt(settings, "condense").format(history=transcript, question=question)
    rewritten = "".join(backend.stream([{"role": "user", "content": prompt}], max_tokens=96, temperature=0.0))
    rewritten = rewritten.strip().splitlines()[0].strip(' “”"') if rewritten.strip() else ""
    previous = history[-1][0]
    plausible = (
        0 < len(rewritten) <= len(question) + len(previous) + 20
        and not any(word in rewritten for word in ("改写", "指代词", "后续问题", "对话记录"))
        and (is_question(rewritten) or not is_question(question))
    )
    if plausible and rewritten != question:
        return rewritten
    return f"{previous} {question}"


def is_refusal(text: str) -> bool:
    lowered = text.strip().lower()
    return any(marker in lowered[:40] for marker in _REFUSAL_MARKERS)


def llm_answer_events(
    backend: ChatBackend,
    settings: Settings,
    search: SearchFn,
    question: str,
    history: Sequence[tuple[str, str]] = (),
    extract: ExtractFn | None = None,
    query: Query | None = None,
    binder: Binder | None = None,
    parse: Callable[[str], Query] = parse_query,
) -> Iterator[AnswerEvent]:
    """Stream the answer's tokens, then the verified :class:`Answer` (checked by ``extract``).

    ``query`` is the parsed question (a rewritten follow-up is read by ``parse``, which knows the
    documents); ``binder`` checks what the answer's figures measure (with the embedder, also for English
    answers).
    """
    standalone = standalone_question(backend, settings, question, history)
    if query is None or query.text != standalone:
        query = parse(standalone)
    hits = search(standalone)
    citations = tuple(Citation(n, hit.chunk) for n, hit in enumerate(hits, 1))
    if not hits:
        yield Final(refusal(question, standalone, citations, "llm"))
        return
    read = hits[: settings.answer_passages]
    messages = [
        {"role": "system", "content": load_prompt(settings, "answer_system")},
        {
            "role": "user",
            "content": load_prompt(settings, "answer_user").format(
                context=_context(query, read, settings),
                question=standalone,
                language="Answer in English." if is_english(question) else "请用中文回答。",
            ),
        },
    ]
    text = ""
    for piece in backend.stream(messages, max_tokens=settings.answer_max_tokens, temperature=0.1):
        text += piece
        yield Token(piece)
        if _looping(text):  # a small model can repeat a passage until max_tokens: stop it at once
            break
    text = _first_cycle(text).strip()
    if is_refusal(text) or not text:
        yield Final(_instead(extract, question, standalone, hits, citations, NOTICE_REFUSED))
        return
    verified, figures = verify_answer(text, citations[: len(read)], query=query, binder=binder)
    if any(not figure.verified for figure in figures) and extract is not None:
        yield Final(_instead(extract, question, standalone, hits, citations, NOTICE_UNVERIFIED))
        return
    # a count of other things than asked ("多少所幼儿园" answered with a number of 个), or figures whose
    # source sentences answer another question (the model's words around them restate the question's)
    off_target = (
        not expected_of(query).met_by(verified, names=binder.names if binder else None)
        or _bound_elsewhere(figures)
        or not _sources_answer(query, figures, read, binder)
    )
    if off_target and extract is not None:
        yield Final(_instead(extract, question, standalone, hits, citations, NOTICE_OFF_TARGET))
        return
    bare = len(ONE_MARKER.sub("", verified).strip()) < SHORT_ANSWER or not ONE_MARKER.search(verified)
    if bare and extract is not None:  # "是。", "三级": show the sentence it rests on
        extracted = extract(standalone, hits)
        if not extracted.refused:
            lead = "Source: " if is_english(question) else "依据："
            verified = f"{verified}\n{lead}{extracted.text}"
            figures += tuple(f for f in extracted.figures if f not in figures)
    yield Final(Answer(question, standalone, verified, False, "llm", citations, figures))


def _bound_elsewhere(figures: tuple[FigureCheck, ...]) -> bool:
    """The answer's figures are in the passages, but every one measures another quantity than asked."""
    judged = [f for f in figures if f.asked is not None]
    return bool(judged) and not any(f.asked for f in judged)


def _sources_answer(
    query: Query, figures: tuple[FigureCheck, ...], hits: Sequence[Hit], binder: Binder | None = None
) -> bool:
    """Whether some figure of the answer comes from a sentence that could itself be quoted as the answer
    (``fast.quotable``: the time and the quantity asked), and that no other quotable sentence of the
    passages fits the question's time clearly better. The model's own words are no evidence: it writes
    "入境旅游收入增长40.5%" around a passage's 入境旅游人次增长40.5%, "2026年的目标" around 2025's result, or
    "2025年…31.4万人" taken from last year's report, which reviews 2024, beside this year's 31.7万."""
    sourced = [(f.text, f.citation) for f in figures if f.verified and f.citation and f.citation <= len(hits)]
    if not sourced:
        return True
    expected = expected_of(query)
    quotable_ones = [s for s in rank_sentences(query, list(hits)) if quotable(query, expected, s, hits, binder)]
    if not quotable_ones:
        return False
    best_fit = max(s.fit for s in quotable_ones)
    return any(
        s.citation == n and figure_in_text(text, s.sentence) and s.fit > best_fit - TIME_MARGIN
        for text, n in sourced
        for s in quotable_ones
    )


def _looping(text: str) -> bool:
    tail = text[-LOOP_SPAN:]
    return len(text) >= 2 * LOOP_SPAN and tail in text[:-1]


def _first_cycle(text: str) -> str:
    """A looping answer cut after its first round: "ABCABCAB" → "ABC" (+ the start of the next)."""
    if not _looping(text):
        return text
    tail = text[-LOOP_SPAN:]
    period = len(text) - LOOP_SPAN - text.rfind(tail, 0, len(text) - 1)
    return text[: text.find(tail) + period]


def _instead(
    extract: ExtractFn | None,
    question: str,
    standalone: str,
    hits: list[Hit],
    citations: tuple[Citation, ...],
    notice: str,
) -> Answer:
    """The extractive answer in place of the model's, or a plain refusal when there is none."""
    extracted = extract(standalone, hits) if extract is not None else None
    if extracted is None or extracted.refused:
        return refusal(question, standalone, citations, "llm")
    return replace(extracted, question=question, mode="llm", notice=notice)
