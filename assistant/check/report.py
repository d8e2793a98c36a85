"""What a check of a draft finds: rule findings, figure checks, and the report holding both.

Every span is ``start``..``end`` in ``CheckReport.text``, the text that was checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.types import Document


@dataclass(frozen=True)
class Finding:
    """A place where the draft breaks a rule of official writing, and the suggested fix."""

    rule: str  # "punctuation.comma": the rule file's stem and the rule's name
    kind: str  # 标点, 数字, 文号, 层次序号, 用词, 规范表述 (the rule file's ``kind``)
    start: int
    end: int
    text: str
    message: str
    suggestion: str


@dataclass(frozen=True)
class Source:
    """The document passage a figure was compared with."""

    doc: str
    title: str
    section: str
    page: int | None
    sentence: str
    year: int | None = None
    region: str | None = None


SUPPORTED = "supported"  # a document states the same value for the same indicator
CONFLICT = "conflict"  # a document states another value for the same indicator, period and place
NOT_FOUND = "not_found"  # no document states this indicator
OTHER_PERIOD = "other_period"  # the documents state it only for another year
OTHER_REGION = "other_region"  # the documents state it only for another place
STATUS_LABELS = {
    SUPPORTED: "数据相符",
    CONFLICT: "数据不符",
    NOT_FOUND: "资料未载",
    OTHER_PERIOD: "他年数据",
    OTHER_REGION: "他地数据",
}


@dataclass(frozen=True)
class FigureResult:
    """One figure of the draft, what it measures, and what the documents say about it."""

    text: str
    start: int
    end: int
    status: str  # SUPPORTED, CONFLICT, NOT_FOUND, OTHER_PERIOD or OTHER_REGION
    indicator: str
    period: str
    value_in_documents: str | None = None
    source: Source | None = None
    note: str = ""  # in Chinese: why, e.g. which year the documents' value belongs to


@dataclass(frozen=True)
class CheckReport:
    """The check of one draft; ``document`` is the loaded file when the draft came from one."""

    text: str
    findings: tuple[Finding, ...] = ()
    figures: tuple[FigureResult, ...] = ()
    document: Document | None = None
    seconds: float = 0.0
    notices: tuple[str, ...] = ()  # in Chinese: what the check could not do (the LLM pass was unavailable …)

    @property
    def flagged_figures(self) -> tuple[FigureResult, ...]:
        """The figures a writer must look at: every one the documents do not support."""
        return tuple(f for f in self.figures if f.status != SUPPORTED)
