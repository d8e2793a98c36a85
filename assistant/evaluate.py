"""Retrieval evaluation over questions in the shared eval format (one JSON object a line).

A question is a hit at k when its ``evidence`` string (whitespace removed) occurs in
one of the first k passages. Unanswerable questions (no evidence) are not scored here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant.api import Assistant

CUTOFFS = (1, 3, 5, 10)


def squash(text: str) -> str:
    return "".join(text.split())


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
            id=row["id"], q=row["q"], evidence=row.get("evidence"), type=row.get("type", ""),
            lang=row.get("lang", "zh"), doc=row.get("doc"),
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
        ranks[question.id] = next(
            (rank for rank, hit in enumerate(hits) if evidence in squash(hit.chunk.text)), None
        )
        groups[f"type:{question.type}"].append(question.id)
        groups[f"lang:{question.lang}"].append(question.id)
    return {
        "overall": _summary(list(ranks.values())),
        "groups": {name: _summary([ranks[i] for i in ids]) for name, ids in sorted(groups.items())},
        "misses@5": [i for i, rank in ranks.items() if rank is None or rank >= 5],
        "ranks": ranks,
    }
