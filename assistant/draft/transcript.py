"""A conversation (the 问答 tab's answers) as a draft, to take away as Word or Markdown.

Each question becomes a heading (一、二、…) and its answer the paragraphs under it. Every
answer numbers its passages from [1]; here the passages the answers cite are numbered
once for the whole conversation, in order of first use (a passage two answers cite keeps
one number), so the appendix 附件 · 引用资料 lists each once and every marker still points
at its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.facts.numbers import chinese_ordinal
from assistant.text.markers import MARKER, cited_numbers
from assistant.types import Answer, Citation, Draft, FigureCheck

TITLE = "问答记录"


def conversation_draft(answers: Sequence[Answer], title: str = TITLE) -> Draft:
    """The answers as a fast-mode draft: questions as headings, answers with renumbered citations."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    lines: list[str] = []
    figures: list[FigureCheck] = []
    for i, answer in enumerate(answers, 1):
        renumber: dict[int, int] = {}
        cited = set(cited_numbers(answer.text))
        for citation in (c for c in answer.citations if c.n in cited):  # the passages it quotes, not all it read
            if citation.chunk.id not in numbers:
                numbers[citation.chunk.id] = len(numbers) + 1
                citations.append(Citation(numbers[citation.chunk.id], citation.chunk))
            renumber[citation.n] = numbers[citation.chunk.id]
        lines.append(f"{chinese_ordinal(i)}、{_one_line(answer.question)}")
        if answer.notice:
            lines.append(f"（{_one_line(answer.notice)}）")
        lines += [_renumbered(line, renumber) for line in answer.text.splitlines() if line.strip()]
        figures += [
            replace(check, citation=renumber.get(check.citation)) if check.citation is not None else check
            for check in answer.figures
        ]
    return Draft(
        template="conversation",
        title=title,
        topic=" ".join(a.question for a in answers),
        mode="fast",
        text="\n".join(lines),
        citations=tuple(citations),
        figures=tuple(figures),
    )


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _renumbered(line: str, renumber: dict[int, int]) -> str:
    """``line`` with each marker's numbers put in the conversation's numbering, one marker a number."""

    def swap(match: re.Match) -> str:
        return "".join(f"[{renumber[n]}]" for n in cited_numbers(match.group(0)) if n in renumber)

    return MARKER.sub(swap, line.strip())
