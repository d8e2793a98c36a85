"""Answer, Citation and figure records → display HTML and table rows; every text is escaped.

Only presentation lives here: which words to show, where the marks go. The records
come from :mod:`assistant.api` unchanged.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from assistant.facts.numbers import figure_spans
from assistant.index.store import StoredDocument
from assistant.kb.indexer import IndexReport
from assistant.models.provision import ModelStatus
from assistant.retrieve.sentences import is_english
from assistant.text.numerals import PART_NUMBER, SUBPART_NUMBER
from assistant.types import Answer, Chunk, Citation, Draft, FigureCheck, FigureRecord

_MARKER = re.compile(r"\[(\d+)\]")
_PENDING_CHECK = re.compile(r"【待核实[:：][^】]*】")
_HEADING = re.compile(rf"^(?:{PART_NUMBER}|{SUBPART_NUMBER})")

LABELS = {
    "zh": {
        "rewritten": "检索用的问题",
        "sources": "来源",
        "closest": "最接近的段落",
        "unverified": "未在引用原文中找到，请核对",
        "unverified_list": "以下数字未在引用原文中找到，请核对：",
        "page": "第{}页",
        "ocr": "扫描件识别",
        "ocr_hint": "此段由扫描件文字识别（OCR）得到，数字请与原件核对",
        "fast_label": "快速答案（原文摘句）",
        "llm_label": "大模型回答",
        "writing": "正在生成…",
        "searching": "正在检索资料…",
        "cited": "已引用",
        "error": "出错了",
    },
    "en": {
        "rewritten": "Searched as",
        "sources": "Sources",
        "closest": "Closest passages",
        "unverified": "not found in the cited passage — please check",
        "unverified_list": "Not found in the cited passages, please check: ",
        "page": "p. {}",
        "ocr": "OCR",
        "ocr_hint": "read from a scan by OCR: check figures against the original",
        "fast_label": "Quick answer (quoted)",
        "llm_label": "LLM answer",
        "writing": "writing…",
        "searching": "Searching the documents…",
        "cited": "cited",
        "error": "Error",
    },
}


def labels(question: str) -> dict[str, str]:
    """The UI words in the language of the question (English only when asked in English)."""
    return LABELS["en" if question.strip() and is_english(question) else "zh"]


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marked(text: str, spans: Iterable[tuple[int, int, str]], title: str = "") -> str:
    """``text`` escaped, with each (start, end, css class) span wrapped in ``<mark>``; overlaps dropped."""
    out, pos = [], 0
    attr = f' title="{esc(title)}"' if title else ""
    for start, end, css in sorted(spans):
        if start < pos or end <= start:
            continue
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{css}"{attr}>{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def source_line(
    title: str, doc: str, section: str, page: int | None, words: Mapping[str, str] = LABELS["zh"], ocr: bool = False
) -> str:
    """ "《标题》 文件名 · 章节 · 第3页 · 扫描件识别" as HTML (the last when the passage was read by OCR)."""
    parts = [f'<span class="ra-doc">《{esc(title or doc)}》</span>']
    if title and title != doc:
        parts.append(f'<span class="ra-file">{esc(doc)}</span>')
    line = " ".join(parts)
    if section:
        line += f' · <span class="ra-section">{esc(section)}</span>'
    if page is not None:
        line += f' · <span class="ra-page">{esc(words["page"].format(page))}</span>'
    if ocr:
        line += f' · <span class="ra-ocr" title="{esc(words["ocr_hint"])}">{esc(words["ocr"])}</span>'
    return line


def passage_html(chunk: Chunk, figures: Sequence[str] = (), words: Mapping[str, str] = LABELS["zh"]) -> str:
    """A cited passage: where it stands, then its text with the cited figures highlighted."""
    spans = [(a, b, "ra-fig") for figure in dict.fromkeys(figures) for a, b in figure_spans(figure, chunk.text)]
    page = chunk.pages[0] if chunk.pages else None
    return (
        f'<div class="ra-passage"><div class="ra-where">{source_line(chunk.title, chunk.doc, chunk.section, page, words, chunk.ocr)}</div>'
        f'<p class="ra-quote">{_marked(chunk.text, spans)}</p></div>'
    )


def cited_numbers(text: str) -> set[int]:
    """The passage numbers ``[n]`` a text cites."""
    return {int(n) for n in _MARKER.findall(text)}


def citation_chips(
    citations: Sequence[Citation],
    figures: Sequence[FigureCheck],
    cited: set[int],
    heading: str,
    words: Mapping[str, str],
) -> str:
    """Numbered chips; a click (native ``<details>``) opens the passage with its figures marked."""
    if not citations:
        return ""
    chips = []
    for citation in citations:
        marked = [f.text for f in figures if f.citation == citation.n]
        css = "ra-chip ra-cited" if citation.n in cited else "ra-chip"
        chips.append(
            f'<details class="{css}" data-n="{citation.n}"><summary><b>{citation.n}</b> {esc(chip_label(citation.chunk))}</summary>'
            f"{passage_html(citation.chunk, marked, words)}</details>"
        )
    return f'<div class="ra-sources"><div class="ra-sources-label">{esc(heading)}</div>{"".join(chips)}</div>'


def chip_label(chunk: Chunk) -> str:
    """ "县教育局局长2025年… · (一)优化资源配置…": which document, and where in it."""
    label = _short(chunk.title or chunk.doc, 12)
    if chunk.heading_path:
        label += f" · {_short(chunk.heading_path[-1], 10)}"
    if chunk.temporal.label:
        label += f" · {chunk.temporal.label}"
    return label


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_html(text: str, figures: Sequence[FigureCheck], words: Mapping[str, str]) -> str:
    """Generated text: citation markers as small chips, unverified figures and 【待核实】 marked."""
    spans = [(m.start(), m.end(), "ra-unverified") for m in _PENDING_CHECK.finditer(text)]
    for check in figures:
        if not check.verified:
            spans += [(m.start(), m.end(), "ra-unverified") for m in re.finditer(re.escape(check.text), text)]
    out, pos = [], 0
    for match in _MARKER.finditer(text):
        out.append(_marked(text[pos : match.start()], _shift(spans, pos, match.start()), words["unverified"]))
        out.append(f'<sup class="ra-ref">{match.group(1)}</sup>')
        pos = match.end()
    out.append(_marked(text[pos:], _shift(spans, pos, len(text)), words["unverified"]))
    return "".join(out)


def _shift(spans: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    return [(a - start, b - start, css) for a, b, css in spans if start <= a and b <= end]


def _unverified_html(figures: Sequence[FigureCheck], words: Mapping[str, str]) -> str:
    unverified = list(dict.fromkeys(f.text for f in figures if not f.verified))
    return (
        f'<div class="ra-warn">⚠ {esc(words["unverified_list"])}{esc("、".join(unverified))}</div>'
        if unverified
        else ""
    )


def answer_html(answer: Answer) -> str:
    """A finished answer: the rewritten question (if any), notice, text, warnings, citation chips."""
    words = labels(answer.question)
    parts = [f'<div class="ra-answer ra-{answer.mode}{" ra-refused" if answer.refused else ""}">']
    if answer.standalone_question and answer.standalone_question.strip() != answer.question.strip():
        parts.append(f'<div class="ra-note">{esc(words["rewritten"])}：{esc(answer.standalone_question)}</div>')
    if answer.notice:
        parts.append(f'<div class="ra-notice">{esc(answer.notice)}</div>')
    parts.append(f'<div class="ra-text">{text_html(answer.text, answer.figures, words)}</div>')
    parts.append(_unverified_html(answer.figures, words))
    heading = words["closest"] if answer.refused else words["sources"]
    parts.append(citation_chips(answer.citations, answer.figures, cited_numbers(answer.text), heading, words))
    parts.append("</div>")
    return "".join(parts)


def draft_html(draft: Draft) -> str:
    """A draft: title, notice, paragraphs (headings 一、（一） set apart), warnings, the sources it cites."""
    words = labels(draft.topic)
    parts = [f'<div class="ra-draft ra-{draft.mode}"><div class="ra-draft-title">{esc(draft.title)}</div>']
    if draft.notice:
        parts.append(f'<div class="ra-notice">{esc(draft.notice)}</div>')
    for line in draft.text.splitlines():
        if line.strip():
            css = "ra-draft-h" if _HEADING.match(line.strip()) else "ra-draft-p"
            parts.append(f'<p class="{css}">{text_html(line.strip(), draft.figures, words)}</p>')
    parts.append(_unverified_html(draft.figures, words))
    cited = cited_numbers(draft.text)
    parts.append(
        citation_chips(
            [c for c in draft.citations if c.n in cited] or draft.citations,
            draft.figures,
            cited,
            words["sources"],
            words,
        )
    )
    parts.append("</div>")
    return "".join(parts)


def draft_pending_html(streamed: str = "") -> str:
    """While the draft is written: the text so far (the stage is on the status line)."""
    if not streamed:
        return (
            '<div class="ra-draft ra-pending"><div class="ra-note">请稍候…<span class="ra-cursor">▍</span></div></div>'
        )
    text = esc(streamed).replace("\n", "<br>")
    return f'<div class="ra-draft ra-pending"><div class="ra-draft-p ra-streaming">{text}<span class="ra-cursor">▍</span></div></div>'


def pending_html(question: str, preview: Answer | None = None, streamed: str = "") -> str:
    """While the LLM writes: the fast answer at once, the LLM's words below it as they come."""
    words = labels(question)
    parts = ['<div class="ra-answer ra-pending">']
    if preview is not None:
        parts.append(f'<div class="ra-stage">{esc(words["fast_label"])}</div>{answer_html(preview)}')
        parts.append(f'<div class="ra-stage">{esc(words["llm_label"])} · {esc(words["writing"])}</div>')
    else:
        parts.append(f'<div class="ra-note">{esc(words["searching"])}</div>')
    if streamed:
        parts.append(
            f'<div class="ra-text ra-streaming">{esc(streamed).replace(chr(10), "<br>")}<span class="ra-cursor">▍</span></div>'
        )
    elif preview is not None:
        parts.append('<div class="ra-text ra-streaming"><span class="ra-cursor">▍</span></div>')
    parts.append("</div>")
    return "".join(parts)


def error_html(message: str, question: str = "") -> str:
    return f'<div class="ra-error"><b>{esc(labels(question)["error"])}</b>：{esc(message)}</div>'


def message_html(level: str, message: str) -> str:
    """A one-line status under a form: level is ok, warn or error."""
    return f'<div class="ra-status ra-{level}">{esc(message)}</div>' if message else ""


# ---- tables -------------------------------------------------------------------------------

FIGURE_HEADERS = ["数值", "指标", "原句", "来源", "年份", "地区", "时期", "标准值", "单位"]
ColumnType = Literal["str", "number", "bool", "date", "markdown", "html"]  # what gr.Dataframe's datatype takes
FIGURE_TYPES: list[ColumnType] = ["str", "str", "html", "html", "number", "str", "str", "number", "str"]


def figure_rows(records: Sequence[FigureRecord]) -> list[list]:
    """The figure table as rows; the source names document, heading path and page, the figure is marked."""
    rows = []
    for record in records:
        figure = record.figure
        spans = [(figure.start, figure.end, "ra-fig")] if 0 <= figure.start < figure.end <= len(figure.sentence) else []
        rows.append(
            [
                figure.value,
                figure.indicator,
                _marked(figure.sentence, spans),
                _table_source(record),
                record.year,
                record.region or "",
                figure.period,
                figure.normalized,
                figure.unit,
            ]
        )
    return rows


def _table_source(record: FigureRecord) -> str:
    """Short enough for a table cell; the full document, heading path and page on hover."""
    full = " · ".join(
        p
        for p in (
            record.title or record.doc,
            record.doc,
            record.section,
            f"第{record.page}页" if record.page is not None else "",
        )
        if p
    )
    parts = [f'<span class="ra-doc">《{esc(_short(record.title or record.doc, 16))}》</span>']
    if record.heading_path:
        parts.append(esc(_short(record.heading_path[-1], 18)))
    if record.page is not None:
        parts.append(esc(f"第{record.page}页"))
    if record.ocr:
        parts.append(f'<span class="ra-ocr">{esc(LABELS["zh"]["ocr"])}</span>')
    return f'<span class="ra-src" title="{esc(full)}">{" · ".join(parts)}</span>'


DOCUMENT_HEADERS = ["文件", "标题", "类型", "年份", "地区", "格式", "页数", "OCR页", "表格", "段数", "数据条数"]
DOCUMENT_TYPES: list[ColumnType] = [
    "str",
    "str",
    "str",
    "number",
    "str",
    "str",
    "number",
    "number",
    "number",
    "number",
    "number",
]


def document_rows(documents: Sequence[StoredDocument], figure_counts: Mapping[str, int]) -> list[list]:
    """One row per document: what it is, how it was read (format, pages, pages OCR'd, tables), its size."""
    return [
        [
            d.name,
            d.title,
            d.meta.doc_type or "",
            d.meta.year,
            d.meta.region or "",
            d.info.format,
            d.info.pages or None,
            len(d.info.ocr_pages),
            d.info.tables,
            d.chunks,
            figure_counts.get(d.name, 0),
        ]
        for d in documents
    ]


def index_report_html(report: IndexReport) -> str:
    """新增 1 · 更新 0 · 未变 0 · 失败 0 · 嵌入 12 段, then each failure and why."""
    level = "warn" if report.failed or report.skipped else "ok"
    line = (
        f"新增 {report.added} · 更新 {report.updated} · 未变 {report.unchanged} · "
        f"失败 {len(report.failed)} · 未收录 {len(report.skipped)} · 嵌入 {report.chunks_embedded} 段"
    )
    failures = "".join(f"<li>{esc(f.error)}</li>" for f in report.failed)
    failures += "".join(f"<li>未收录 {esc(Path(s.path).name)}：{esc(s.reason)}</li>" for s in report.skipped)
    return message_html(level, line) + (f'<ul class="ra-failures">{failures}</ul>' if failures else "")


MODEL_HEADERS = ["模型", "状态", "说明", "类型", "位置"]


def model_rows(statuses: Sequence[ModelStatus]) -> list[list]:
    def state(s: ModelStatus) -> str:
        return "✓ 已校验" if s.verified else ("✗ 需重新校验" if s.present else "— 未安装")

    return [[s.name, state(s), s.detail, s.kind, str(s.path)] for s in statuses]
