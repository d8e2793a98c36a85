"""The overview paragraph an LLM writes at the top of a brief, its figures checked like an answer's.

The model reads the extractive brief itself (figures, section points, changes, each with
its ``[n]``; at most ``brief_overview_chars`` of it), so its citations are the brief's. Each
sentence it writes, once its markdown, labels and list marks are taken off as a draft's are
(:mod:`assistant.draft.tidy`), is then checked by the answer verifier
(:func:`assistant.answer.verify.verify_answer`): every figure must stand, for the same
quantity, in a passage the sentence cites (an uncited sentence is credited to the first
passage stating its figures). A sentence with a figure no passage states, a sum the model
worked out or a value it rounded, is dropped and listed, and the notice says how many were;
the document's own title and year are not claims. What is left is the overview.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.bind import Binder
from assistant.answer.guard import without_instructions
from assistant.answer.verify import verify_answer
from assistant.brief.export import brief_text
from assistant.brief.model import Brief
from assistant.draft.tidy import one_paragraph, tidy
from assistant.llm.backends import ChatBackend
from assistant.prompts import load_prompt
from assistant.settings import Settings
from assistant.text.numerals import PART_NUMBER
from assistant.text.sentences import CITED_SENTENCE, UP_TO_LAST_STOP
from assistant.types import Citation, FigureCheck


def write_overview(brief: Brief, backend: ChatBackend, settings: Settings, binder: Binder | None = None) -> Brief:
    """``brief`` with the model's overview paragraph, only its verified sentences kept.

    Raises BackendUnavailableError when the model cannot be reached (the caller keeps the
    extractive brief and says so).
    """
    material = _material(brief, settings.brief_overview_chars)
    prompt = load_prompt(settings, "brief_overview").format(title=brief.title or brief.doc, material=material)
    written = "".join(
        backend.stream(
            [{"role": "user", "content": prompt}], max_tokens=settings.brief_overview_max_tokens, temperature=0.1
        )
    )
    headings = [re.sub(rf"^{PART_NUMBER}", "", line) for line in material.splitlines() if re.match(PART_NUMBER, line)]
    # no markdown, list marks, labels, nor the brief's own headings as labels ("基本情况：")
    paragraph = one_paragraph(tidy(written, brief.title or brief.doc), *headings)
    text, figures, dropped = verified_sentences(paragraph, brief.citations, _not_claims(brief), binder)
    notice = ""
    if dropped:
        notice = (
            f"概述中有 {len(dropped)} 句的数字无法在所引资料中核实，已删去 "
            f"({len(dropped)} sentence(s) of the overview stated figures not in their passages and were left out)"
        )
    if not text:
        notice = (
            "模型未写出可核实的概述，以下为资料摘录 (the model wrote no overview that verifies; the extracts follow)"
        )
    return replace(brief, mode="llm", overview=text, overview_figures=figures, overview_dropped=dropped, notice=notice)


def verified_sentences(
    written: str, citations: tuple[Citation, ...], ignore: str = "", binder: Binder | None = None
) -> tuple[str, tuple[FigureCheck, ...], tuple[str, ...]]:
    """(the sentences whose figures all verify, their checks, the sentences dropped).

    A text cut off by the token limit loses its unfinished sentence; a sentence written twice
    (a small model looping) is kept once.
    """
    complete = UP_TO_LAST_STOP.match(written.strip())
    kept: list[str] = []
    checks: list[FigureCheck] = []
    dropped: list[str] = []
    for sentence in dict.fromkeys(
        s.strip() for s in CITED_SENTENCE.findall(complete.group(0) if complete else written)
    ):
        if not sentence:
            continue
        checked, figures = verify_answer(sentence, citations, ignore=ignore, binder=binder)
        if all(figure.verified for figure in figures):
            kept.append(checked)
            checks += figures
        else:
            dropped.append(sentence)
    return "".join(kept), tuple(checks), tuple(dropped)


def _material(brief: Brief, limit: int) -> str:
    """The brief's text, whole lines up to ``limit`` characters, instructions in the documents left out."""
    lines: list[str] = []
    used = 0
    for line in brief_text(brief).splitlines():
        if used + len(line) > limit and lines:
            break
        lines.append(line)
        used += len(line) + 1
    return without_instructions("\n".join(lines))


def _not_claims(brief: Brief) -> str:
    """What naming the document repeats, not claims about it: its title, year and place."""
    return " ".join(str(part) for part in (brief.title, brief.doc, brief.year or "", brief.region or "") if part)
