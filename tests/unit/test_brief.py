"""Briefs built from documents split in memory (no index): figures, sections, changes, Word export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document as read_docx

from assistant.brief import Source, brief_document
from assistant.brief.changes import describe_change, find_changes
from assistant.brief.export import brief_json, export_brief_docx
from assistant.brief.model import BriefFigure
from assistant.facts.numbers import figure_in_text, parse_figure
from assistant.ingest.load import load_document
from assistant.ingest.split import split_document
from assistant.settings import Settings

PREVIOUS, CURRENT = "2025_北京市_政府工作报告.docx", "2026_北京市_政府工作报告.txt"


def _source(path: Path, settings: Settings) -> Source:
    document = load_document(path, settings)
    return Source(document.name, document.title, document.meta, tuple(split_document(document, settings.chunk_size)))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def pair(data: Path, settings: Settings) -> tuple[Source, Source]:
    corpus = data / "corpus"
    return _source(corpus / PREVIOUS, settings), _source(corpus / CURRENT, settings)


def test_every_figure_and_summary_stands_in_its_cited_passage(pair, county_report: Path, settings: Settings) -> None:
    for source, previous in ((pair[1], pair[0]), (_source(county_report, settings), None)):
        brief = brief_document(source, previous)
        passages = {c.n: c.chunk for c in brief.citations}
        assert list(passages) == list(range(1, len(passages) + 1)), "citations are numbered 1..n"
        assert brief.figures, f"{source.name}: headline figures"
        for figure in brief.figures:
            chunk = passages[figure.citation]
            assert chunk.doc == source.name
            assert figure.sentence in chunk.text
            assert figure_in_text(figure.value, figure.sentence) and figure_in_text(figure.value, chunk.text)
        assert [s.heading for s in brief.sections] == list(
            dict.fromkeys(c.heading_path[0] for c in source.chunks if c.heading_path)
        ), "one summary per top-level section"
        for section in brief.sections:
            cited = "".join(_squash(passages[n].text) for n in section.citations)
            assert section.citations and all(passages[n].heading_path[0] == section.heading for n in section.citations)
            for sentence in re.findall(r"[^。！？]+", section.summary):
                assert _squash(sentence) in cited, sentence


def test_headline_figures_follow_the_targets_rule(pair) -> None:
    brief = brief_document(pair[1])
    roles = {f.role for f in brief.figures}
    assert roles == {"review", "target"}
    targets = [f for f in brief.figures if f.role == "target"]
    passages = {c.n: c.chunk for c in brief.citations}
    for figure in targets:
        text = passages[figure.citation].text
        assert text.find(figure.sentence) + len(figure.sentence) > text.find("预期目标")
    assert brief.changes == () and brief.previous is None


def test_changes_between_two_years_cite_both_documents(pair) -> None:
    previous, current = pair
    brief = brief_document(current, previous)
    assert brief.previous == previous.name and brief.changes
    passages = {c.n: c.chunk for c in brief.citations}
    percent = 0
    for change in brief.changes:
        before, after = change.previous, change.current
        assert (before.doc, after.doc) == (previous.name, current.name)
        assert passages[before.citation].doc == previous.name and passages[after.citation].doc == current.name
        assert figure_in_text(before.value, passages[before.citation].text)
        assert figure_in_text(after.value, passages[after.citation].text)
        old, new = parse_figure(before.value), parse_figure(after.value)
        assert old.unit == new.unit == before.unit == after.unit, "a change compares one unit"
        assert change.delta == pytest.approx(new.value - old.value)
        if before.unit == "%":
            percent += 1
            shown = float(re.match(r"[+-]?[\d.]+", change.change).group())
            assert change.change.endswith("个百分点") and shown == pytest.approx(new.value - old.value, abs=0.01)
    assert percent, "growth rates are compared in percentage points"
    payload = brief_json(brief)
    assert set(payload) == {"doc", "title", "year", "region", "figures", "sections", "changes", "citations", "docx"}


def _figure(indicator: str, written: str, role: str = "review", n: int = 1) -> BriefFigure:
    parsed = parse_figure(written)
    return BriefFigure(indicator, written, parsed.unit, f"{indicator}{written}。", n, parsed.value, role)


def test_amounts_in_yi_and_wan_yuan_are_reconciled() -> None:
    changes = find_changes(
        [_figure("一般公共预算支出", "8397亿元")], [_figure("全市一般公共预算支出", "88170000万元")], "a", "b"
    )
    assert len(changes) == 1
    change = changes[0][0]
    assert change.delta == pytest.approx(8817e8 - 8397e8)
    assert change.change == "+420亿元（+5%）"
    assert describe_change(8397e8, 8817e8, "元") == change.change


def test_percent_and_percentage_points_are_not_mixed() -> None:
    previous = [_figure("地区生产总值高于全国", "0.4个百分点"), _figure("城镇调查失业率", "4.1%")]
    current = [_figure("地区生产总值高于全国", "0.5%"), _figure("城镇调查失业率", "4.1%", role="target")]
    assert find_changes(previous, current, "a", "b") == [], "different units, and results vs targets, never compare"


def test_brief_exports_to_word_with_its_passages(pair, tmp_path: Path) -> None:
    brief = brief_document(pair[1], pair[0])
    path = export_brief_docx(brief, tmp_path / "brief.docx")
    text = "\n".join(p.text for p in read_docx(str(path)).paragraphs)
    assert brief.title in text and "附件" in text and "引用资料" in text
    for figure in brief.figures:
        assert figure.value in text
    for change in brief.changes:
        assert change.previous.value in text and change.current.value in text
