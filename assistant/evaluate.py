"""Retrieval evaluation over questions in the shared eval format (one JSON object a line).

A question is a hit at k when its ``evidence`` string (whitespace removed) occurs in
one of the first k passages. Unanswerable questions (no evidence) are not scored here.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from assistant.api import Assistant
from assistant.text.markers import ONE_MARKER
from assistant.text.normalize import squash

T = TypeVar("T")

CUTOFFS = (1, 3, 5, 10)


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    q: str
    evidence: str | None
    type: str
    lang: str
    doc: str | None

    @classmethod
    def from_json(cls, row: dict) -> EvalQuestion:
        return cls(
            id=row["id"],
            q=row["q"],
            evidence=row.get("evidence"),
            type=row.get("type", ""),
            lang=row.get("lang", "zh"),
            doc=row.get("doc"),
        )


def read_questions(paths: list[Path]) -> list[EvalQuestion]:
    questions = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(EvalQuestion.from_json(json.loads(line)))
    return questions


def _summary(ranks: list[int | None]) -> dict:
    n = len(ranks)
    scores = {f"hit@{k}": round(sum(1 for r in ranks if r is not None and r < k) / n, 4) for k in CUTOFFS}
    scores["mrr@10"] = round(sum(1 / (r + 1) for r in ranks if r is not None and r < 10) / n, 4)
    scores["n"] = n
    return scores


def evaluate_retrieval(assistant: Assistant, questions: list[EvalQuestion], kb: str | None = None) -> dict:
    """Hit rates and MRR overall, by type and by language, with the ids of misses at 5."""
    ranks: dict[str, int | None] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for question in questions:
        if not question.evidence:
            continue
        hits = assistant.search(question.q, k=max(CUTOFFS), kb=kb)
        evidence = squash(question.evidence)
        ranks[question.id] = next((rank for rank, hit in enumerate(hits) if evidence in squash(hit.chunk.text)), None)
        groups[f"type:{question.type}"].append(question.id)
        groups[f"lang:{question.lang}"].append(question.id)
    return {
        "overall": _summary(list(ranks.values())),
        "groups": {name: _summary([ranks[i] for i in ids]) for name, ids in sorted(groups.items())},
        "misses@5": [i for i, rank in ranks.items() if rank is None or rank >= 5],
        "ranks": ranks,
    }


def answer_contains(expected: str, answer: str) -> bool:
    """Whether an expected answer string is in the answer, by text or by figure value."""
    from assistant.facts.numbers import figure_in_text, parse_figure

    if squash(expected) in squash(answer):
        return True
    return parse_figure(expected) is not None and figure_in_text(expected, answer)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else 0.0


@dataclass(frozen=True)
class Attempt:
    """One answer as it is scored: its text, whether it refused, its checked figures, its timing."""

    text: str
    refused: bool
    passages: dict[int, str]  # the passages the answer was given, by citation number
    seconds: float
    first_token: float


def supported_figures(answer: str, question: str, passages: dict[int, str]) -> tuple[int, int]:
    """(figures the answer's cited passages state, figures in the answer), read from the texts alone.

    Never the product's own ``verified`` flags: a benchmark that read them would measure the
    verifier against itself. A figure also in the question is no claim. An answer without
    citation markers is held to all the passages it was given.
    """
    from assistant.facts.numbers import figure_in_text, find_numbers

    cited = [passages[int(n)] for n in ONE_MARKER.findall(answer) if int(n) in passages] or list(passages.values())
    asked = {m.core for m in find_numbers(question)}
    claims = [m.core for m in find_numbers(ONE_MARKER.sub("", answer)) if m.core not in asked]
    return sum(any(figure_in_text(c, text) for text in cited) for c in claims), len(claims)


def timed(stream: Iterator[T], is_first: Callable[[T], bool]) -> tuple[list[T], float, float]:
    """Drain ``stream``: its items, seconds in all, and seconds until the first item ``is_first`` accepts."""
    started = time.perf_counter()
    items, first = [], None
    for item in stream:
        if first is None and is_first(item):
            first = time.perf_counter() - started
        items.append(item)
    seconds = time.perf_counter() - started
    return items, seconds, first if first is not None else seconds


def handled_rightly(row: dict, text: str, refused: bool) -> bool:
    """Whether an answer handles an eval row rightly: every expected string in an answer that is not a refusal,
    or a refusal where the row expects none (an unanswerable question)."""
    if not row.get("answer"):
        return refused
    return not refused and all(answer_contains(a, text) for a in row["answer"])


def score_answers(rows: list[dict], attempt: Callable[[str], Attempt], mode: str) -> dict:
    """Answer accuracy, verified figures, refusals and latency of ``attempt`` over eval rows (raw JSON dicts)."""
    answered, correct, refused_ok, false_refusals, unanswerable = 0, 0, 0, 0, 0
    figures_total, figures_supported = 0, 0
    latencies: list[float] = []
    first_tokens: list[float] = []
    wrong: list[dict] = []  # what was expected and what came, so a reader sees why
    for row in rows:
        answer = attempt(row["q"])
        latencies.append(answer.seconds)
        first_tokens.append(answer.first_token)
        supported, stated = supported_figures(answer.text, row["q"], answer.passages)
        figures_total += stated
        figures_supported += supported
        if row.get("type") == "unanswerable" or not row.get("answer"):
            unanswerable += 1
            refused_ok += answer.refused
            if not answer.refused:
                wrong.append({"id": row["id"], "expected": "refusal", "answer": answer.text[:300]})
            continue
        answered += 1
        false_refusals += answer.refused
        if handled_rightly(row, answer.text, answer.refused):
            correct += 1
        else:
            wrong.append({"id": row["id"], "expected": row["answer"], "answer": answer.text[:300]})
    return {
        "mode": mode,
        "answer_accuracy": round(correct / answered, 4) if answered else None,
        "figures_supported": round(figures_supported / figures_total, 4) if figures_total else 1.0,
        "refusal_rate_unanswerable": round(refused_ok / unanswerable, 4) if unanswerable else None,
        "false_refusal_rate": round(false_refusals / answered, 4) if answered else None,
        "latency_p50_s": percentile(latencies, 0.5),
        "latency_p95_s": percentile(latencies, 0.95),
        "first_token_p50_s": percentile(first_tokens, 0.5),
        "n": len(rows),
        "wrong": wrong,
    }


def evaluate_answers(assistant: Assistant, rows: list[dict], mode: str, kb: str | None = None) -> dict:
    """The product's answers in ``mode`` scored by :func:`score_answers`."""
    from assistant.types import Final, Token

    def attempt(question: str) -> Attempt:
        events, seconds, first = timed(assistant.ask_events(question, mode, kb=kb), lambda e: isinstance(e, Token))
        answer = next(event.answer for event in events if isinstance(event, Final))
        passages = {c.n: c.chunk.text for c in answer.citations}
        return Attempt(answer.text, answer.refused, passages, seconds, first)

    return score_answers(rows, attempt, mode)
