"""核稿 of one draft: the rules of official writing and the figures against the documents.

The draft is only read, never indexed. Its year and region (from its title and first
lines, as for an indexed document) say which year and place its figures are about.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.check.figures import Search, check_figures
from assistant.check.magnitudes import check_magnitudes
from assistant.check.numbering import check_numbering
from assistant.check.report import CheckReport, Finding
from assistant.check.rules import RuleBook, apply_rules, unpaired
from assistant.facts.table import FigureTable
from assistant.ingest.metadata import parse_meta
from assistant.types import Document


def check_conventions(text: str, book: RuleBook) -> list[Finding]:
    """Every rule finding in ``text``, in text order; one finding per rule and span."""
    punctuation = book.data.get("punctuation", {}).get("kind", "标点")
    findings = apply_rules(text, book.rules) + unpaired(text, book.pairs, punctuation)
    if "numbering" in book.data:
        findings += check_numbering(text, book.data["numbering"])
    numbers = book.data.get("numbers", {})
    if "magnitude-mix" in numbers:
        findings += check_magnitudes(text, numbers["magnitude-mix"], numbers.get("kind", "数字"))
    unique = {(f.start, f.end, f.rule): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.rule))


# A further pass over the text (the LLM's reading): its findings and its notices.
Pass = Callable[[str], tuple[list[Finding], list[str]]]


def check_text(
    text: str,
    book: RuleBook,
    table: FigureTable,
    search: Search | None,
    document: Document | None = None,
    style: Pass | None = None,
) -> CheckReport:
    """The report on ``text``; ``document`` is the file it was read from, if any (its metadata is used);
    ``style`` is the optional LLM pass, its findings merged in text order."""
    began = time.perf_counter()
    meta = document.meta if document else parse_meta("", text.strip().split("\n", 1)[0][:60], text)
    findings = check_conventions(text, book)
    figures = check_figures(text, meta, table, search)
    notices: list[str] = []
    if style is not None:
        extra, notices = style(text)
        findings = sorted(findings + extra, key=lambda f: (f.start, f.end, f.rule))
    seconds = round(time.perf_counter() - began, 3)
    return CheckReport(text, tuple(findings), tuple(figures), document, seconds, tuple(notices))
