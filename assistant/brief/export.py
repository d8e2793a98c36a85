"""A brief as JSON (the ``brief --json`` contract), and as a Word file in the drafts' GB/T 9704 layout or Markdown."""

from __future__ import annotations

from pathlib import Path

from assistant.brief.model import Brief, ChangeSide
from assistant.draft.export import export_file
from assistant.text.numerals import ENUMERATOR
from assistant.types import Citation, Draft, FigureCheck


def brief_json(brief: Brief, docx: str | None = None) -> dict:
    """``{"doc", "title", "year", "region", "figures", "sections", "changes", "citations", "docx"}``;
    a brief asked with the LLM adds ``"overview"`` (null when there is none), ``"overview_figures"``
    (each figure's check, like an answer's ``figures``), ``"overview_dropped"`` and ``"notice"``."""
    found: dict[str, object] = {
        "doc": brief.doc or None,
        "title": brief.title,
        "year": brief.year,
        "region": brief.region,
        "figures": [
            {"indicator": f.indicator, "value": f.value, "unit": f.unit, "sentence": f.sentence, "citation": f.citation}
            for f in brief.figures
        ],
        "sections": [
            {"heading": s.heading, "summary": s.summary, "citations": list(s.citations)} for s in brief.sections
        ],
        "changes": [
            {"indicator": c.indicator, "previous": _side(c.previous), "current": _side(c.current), "change": c.change}
            for c in brief.changes
        ],
        "citations": [_citation(c) for c in brief.citations],
        "docx": docx,
    }
    if brief.mode == "llm":
        found["overview"] = brief.overview or None
        found["overview_figures"] = [
            {"text": f.text, "verified": f.verified, "citation": f.citation} for f in brief.overview_figures
        ]
        found["overview_dropped"] = list(brief.overview_dropped)
        found["notice"] = brief.notice or None
    return found


def _side(side: ChangeSide) -> dict:
    return {"value": side.value, "unit": side.unit, "doc": side.doc, "citation": side.citation}


def _citation(citation: Citation) -> dict:
    chunk = citation.chunk
    return {
        "n": citation.n,
        "doc": chunk.doc,
        "title": chunk.title,
        "section": chunk.section,
        "page": chunk.pages[0] if chunk.pages else None,
        "text": chunk.text,
    }


def brief_text(brief: Brief) -> str:
    """The brief as the text of a draft: its overview (if any) first, then 一、 headings, numbered
    lines, ``[n]`` citation markers."""
    lead = [brief.overview] if brief.overview else []
    if not brief.doc:  # a topic: its figures and one section per document
        lines = [*lead]
        if brief.figures:
            lines.append("一、主要数据")
            lines += [f"{i}. {f.indicator}：{f.value}。[{f.citation}]" for i, f in enumerate(brief.figures, 1)]
        lines.append(f"{'二' if brief.figures else '一'}、各文件要点")
        lines += [
            f"{i}. {ENUMERATOR.sub('', s.heading)}：{s.summary}" + "".join(f"[{n}]" for n in s.citations)
            for i, s in enumerate(brief.sections, 1)
        ]
        return "\n".join(lines)
    lines = [
        *lead,
        "一、基本情况",
        "　".join(
            part
            for part in (
                f"文件：{brief.doc}",
                f"类型：{brief.doc_type or '—'}",
                f"年份：{brief.year or '—'}",
                f"地区：{brief.region or '—'}",
            )
            if part
        ),
    ]
    if brief.figures:
        lines.append("二、主要数据")
        lines += [f"{i}. {f.indicator}：{f.value}。[{f.citation}]" for i, f in enumerate(brief.figures, 1)]
    if brief.sections:
        lines.append("三、各部分要点")
        lines += [
            f"{i}. {ENUMERATOR.sub('', s.heading)}：{s.summary}" + "".join(f"[{n}]" for n in s.citations)
            for i, s in enumerate(brief.sections, 1)
        ]
    if brief.changes:
        lines.append(f"四、与上年对比（《{brief.previous}》）")
        lines += [
            f"{i}. {c.indicator}：{c.previous.value}[{c.previous.citation}] → {c.current.value}"
            f"[{c.current.citation}]，变化 {c.change}。"
            for i, c in enumerate(brief.changes, 1)
        ]
    return "\n".join(lines)


def brief_draft(brief: Brief) -> Draft:
    """The brief as a fast-mode draft: the same Word layout and the same citation chips as drafts.

    Its figure checks mark each figure in its cited passage (verified: the brief only
    states figures taken from those passages, and its overview only those it verified).
    """
    checks = [*brief.overview_figures, *(FigureCheck(f.value, True, f.citation) for f in brief.figures)]
    for change in brief.changes:
        checks += [
            FigureCheck(change.previous.value, True, change.previous.citation),
            FigureCheck(change.current.value, True, change.current.citation),
        ]
    return Draft(
        template="brief",
        title=f"{brief.title or brief.doc}速览",
        topic=brief.doc or brief.title,
        mode="fast",
        text=brief_text(brief),
        citations=brief.citations,
        figures=tuple(checks),
        notice=brief.notice,
    )


def export_brief(brief: Brief, path: Path) -> Path:
    """Write the brief as a Word file laid out like the drafts (or as Markdown, for a .md ``path``),
    its passages listed as 附件 · 引用资料."""
    return export_file(brief_draft(brief), path)
