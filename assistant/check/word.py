"""A Word copy of a checked draft with each finding as a Word comment, the way writers receive review.

A .docx draft is copied with its own formatting: each commented span is cut out of the
run that holds it (the pieces keep the run's properties). Any other draft is laid out
as an official document (``draft.export``) first. Spans of the checked text are found
in the file by locating each paragraph's text in the text the loader read from it.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from assistant.check.report import STATUS_LABELS, CheckReport
from assistant.draft.export import export_docx
from assistant.types import Draft

AUTHOR, INITIALS = "报告助手·核稿", "核"


def write_checked_docx(report: CheckReport, path: Path) -> Path:
    """Write the draft with its findings and every figure the documents do not support as comments."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = report.document
    if source is not None and source.path.lower().endswith(".docx"):
        document = docx.Document(source.path)
        text, offsets = source.raw_text, source.raw_offsets
    else:
        title, _, body = report.text.strip("\n").partition("\n")
        export_docx(Draft(template="", title=title.strip(), topic="", mode="fast", text=body), path)
        document = docx.Document(str(path))
        text, offsets = report.text, ()
    located = _locate(document, text)
    starts = [start for start, _ in located]
    for start, end, comment in _comments(report):
        raw_start = offsets[start] if offsets else start
        raw_end = offsets[end - 1] + 1 if offsets else end
        i = bisect.bisect_right(starts, raw_start) - 1
        if i < 0:
            continue
        at, paragraph = located[i]
        local_start = raw_start - at
        local_end = min(raw_end - at, len(paragraph.text))
        if local_start >= len(paragraph.text):
            continue
        runs = _isolate(paragraph, local_start, local_end)
        if runs:
            document.add_comment(runs, text=comment, author=AUTHOR, initials=INITIALS)
    document.save(str(path))
    return path


def _comments(report: CheckReport) -> Iterator[tuple[int, int, str]]:
    """(start, end, comment text) of each finding and each figure the documents do not support."""
    for finding in report.findings:
        fix = f" 建议：{finding.suggestion}" if finding.suggestion else ""
        yield finding.start, finding.end, f"【{finding.kind}】{finding.message}{fix}"
    for figure in report.flagged_figures:
        parts = [f"【{STATUS_LABELS[figure.status]}】{figure.indicator}：{figure.text}"]
        if figure.value_in_documents:
            parts.append(f"资料中为 {figure.value_in_documents}")
        if figure.source is not None:
            parts.append(f"见《{figure.source.title or figure.source.doc}》：{figure.source.sentence}")
        if figure.note:
            parts.append(figure.note)
        yield figure.start, figure.end, "；".join(parts)


def _locate(document, text: str) -> list[tuple[int, Paragraph]]:
    """Where each paragraph of the body (tables included) starts in ``text``, in order."""
    located = []
    cursor = 0
    for element in document.element.body.iter(qn("w:p")):
        paragraph = Paragraph(element, document)
        content = paragraph.text
        stripped = content.strip()
        if not stripped:
            continue
        at = text.find(stripped, cursor)
        if at < 0:
            continue
        located.append((at - (len(content) - len(content.lstrip())), paragraph))
        cursor = at + len(stripped)
    return located


def _isolate(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """The runs covering exactly ``start``..``end`` of the paragraph, splitting runs at the edges.

    A run holding more than one piece of text (a tab, a break) is taken whole; when the
    runs do not make up the paragraph's text (hyperlinks), the whole paragraph is commented.
    """
    runs = paragraph.runs
    if "".join(run.text for run in runs) != paragraph.text:
        return runs
    chosen = []
    offset = 0
    for run in runs:
        length = len(run.text)
        run_start, run_end = offset, offset + length
        offset = run_end
        if run_end <= start or run_start >= end or not length:
            continue
        if run_start < start and _split(run, start - run_start):
            run = Run(run._r.getnext(), paragraph)
            run_start = start
        if run_end > end:
            _split(run, end - run_start)
        chosen.append(run)
    return chosen


def _split(run: Run, at: int) -> bool:
    """Cut a plain-text run in two at ``at``; the right part becomes the next run. False if not plain."""
    element = run._r
    content = [child for child in element if child.tag != qn("w:rPr")]
    if len(content) != 1 or content[0].tag != qn("w:t") or not 0 < at < len(run.text):
        return False
    right = copy.deepcopy(element)
    element.addnext(right)
    text = run.text
    run.text = text[:at]
    Run(right, run._parent).text = text[at:]
    return True
