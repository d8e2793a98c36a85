"""Briefs built from documents split in memory (no index): figures, sections, changes, the LLM's
overview (a scripted model), Word and Markdown export, and a conversation's export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as read_docx

from assistant.answer.fast import fast_answer
from assistant.brief import Source, brief_document
from assistant.brief.build import HEADLINE_MAX
from assistant.brief.changes import describe_change, find_changes
from assistant.brief.export import brief_json, export_brief
from assistant.brief.model import BriefFigure
from assistant.brief.overview import write_overview
from assistant.draft.export import export_file
from assistant.draft.transcript import conversation_draft
from assistant.errors import BackendUnavailableError, ExportError
from assistant.facts.extract import extract_figures
from assistant.facts.numbers import figure_in_text, find_numbers, parse_figure
from assistant.ingest.load import load_document
from assistant.ingest.split import split_document
from assistant.settings import Settings
from assistant.text.markers import MARKER, cited_numbers
from assistant.types import Hit

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


def test_a_report_without_targets_has_its_headline_figures_spread_over_its_parts(
    county_report: Path, settings: Settings
) -> None:
    """A 述职报告 sets no targets: its headline figures come from every passage, not from its first."""
    source = _source(county_report, settings)
    brief = brief_document(source)
    passages = {c.n: c.chunk for c in brief.citations}
    with_figures = [c for c in source.chunks if any(f.unit not in {"年", "月", "日"} for f in extract_figures(c.text))]
    cited = {passages[f.citation].text for f in brief.figures}
    assert len(brief.figures) == HEADLINE_MAX
    assert len(cited) == min(len(with_figures), HEADLINE_MAX), "one figure from each passage before a second"
    order = [source.chunks.index(passages[f.citation]) for f in brief.figures]
    assert order == sorted(order), "in document order"


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
    path = export_brief(brief, tmp_path / "brief.docx")
    text = "\n".join(p.text for p in read_docx(str(path)).paragraphs)
    assert brief.title in text and "附件" in text and "引用资料" in text
    for figure in brief.figures:
        assert figure.value in text
    for change in brief.changes:
        assert change.previous.value in text and change.current.value in text


class ScriptedModel:
    """Writes one fixed overview, and keeps the prompt it was given."""

    def __init__(self, reply: str, fail: bool = False) -> None:
        self.reply, self.fail, self.prompts = reply, fail, []

    def stream(self, messages: list[dict], max_tokens: int = 256, temperature: float = 0.1) -> Iterator[str]:
        self.prompts.append(messages[-1]["content"])
        yield self.reply[:4]
        if self.fail:  # an endpoint that goes down mid-answer
            raise BackendUnavailableError("connection reset")
        yield self.reply[4:]


def _overview_reply(brief) -> tuple[str, str, str]:
    """(a true sentence citing its passage, the same figure uncited, a sentence with an invented figure)."""
    first, last = brief.figures[0], brief.figures[-1]
    true = f"{first.indicator}{first.value}[{first.citation}]。"
    uncited = f"同时{last.indicator}为{last.value}。"
    invented = f"全年{first.indicator}共计987654.3亿元[{first.citation}]。"
    return true, uncited, invented


def test_the_overview_keeps_only_sentences_whose_figures_verify(county_report: Path, settings: Settings) -> None:
    brief = brief_document(_source(county_report, settings))
    true, uncited, invented = _overview_reply(brief)
    model = ScriptedModel(f"{true}{invented}{uncited}{true}下一步将新增学位8888")  # a repeat and a cut-off end
    done = write_overview(brief, model, settings)
    assert brief.figures[0].value in model.prompts[0] and brief.title in model.prompts[0], "the model reads the brief"
    assert done.mode == "llm" and done.figures == brief.figures and done.citations == brief.citations
    assert done.overview.startswith(true) and "987654.3" not in done.overview and "8888" not in done.overview
    assert done.overview.count(true) == 1, "a looped sentence is kept once"
    assert done.overview_dropped == (invented,) and "1 句" in done.notice
    passages = {c.n: c.chunk.text for c in brief.citations}
    last = brief.figures[-1]
    assert f"[{last.citation}]" in done.overview.split(true, 1)[1], "an uncited figure is credited to its passage"
    assert done.overview_figures and all(f.verified for f in done.overview_figures)
    for check in done.overview_figures:
        assert figure_in_text(check.text, passages[check.citation])
    payload = brief_json(done)
    assert list(payload)[:9] == [
        "doc",
        "title",
        "year",
        "region",
        "figures",
        "sections",
        "changes",
        "citations",
        "docx",
    ]
    assert payload["overview"] == done.overview and payload["overview_dropped"] == [invented]
    assert payload["overview_figures"][0] == {"text": brief.figures[0].value, "verified": True, "citation": 1}
    assert "overview" not in brief_json(brief), "without the LLM the brief's JSON is unchanged"


def test_the_overview_is_one_paragraph_without_markdown(county_report: Path, settings: Settings) -> None:
    brief = brief_document(_source(county_report, settings))
    true, uncited, _ = _overview_reply(brief)
    done = write_overview(
        brief, ScriptedModel(f"**{brief.title}**\n概述：\n**总体情况**\n- 基本情况：{true}\n- {uncited}"), settings
    )
    assert done.overview.startswith(true) and uncited.rstrip("。") in done.overview
    assert not any(mark in done.overview for mark in ("*", "- ", "\n", "总体情况", "概述", "基本情况")), done.overview


def test_an_overview_with_no_verified_sentence_is_left_out(county_report: Path, settings: Settings) -> None:
    brief = brief_document(_source(county_report, settings))
    invented = _overview_reply(brief)[2]
    done = write_overview(brief, ScriptedModel(invented), settings)
    assert done.overview == "" and done.overview_dropped == (invented,) and done.notice
    assert brief_json(done)["overview"] is None
    with pytest.raises(BackendUnavailableError):  # the caller keeps the extractive brief (api.with_overview)
        write_overview(brief, ScriptedModel(invented, fail=True), settings)


def test_brief_exports_to_markdown_with_its_overview(county_report: Path, settings: Settings, tmp_path: Path) -> None:
    brief = brief_document(_source(county_report, settings))
    true = _overview_reply(brief)[0]
    done = write_overview(brief, ScriptedModel(true), settings)
    text = export_brief(done, tmp_path / "brief.md").read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    assert blocks[0] == f"# {brief.title}速览" and blocks[1] == done.overview, "the overview leads"
    assert "## 一、基本情况" in blocks and "## 二、主要数据" in blocks
    appendix = blocks[blocks.index("## 附件 · 引用资料") + 1].splitlines()
    assert [int(line.split("]")[0][3:]) for line in appendix] == sorted(set(cited_numbers(text.split("## 附件")[0])))
    assert all(line.startswith("- [") and "《" in line for line in appendix)
    for figure in brief.figures:
        assert figure.value in text
    words = "\n".join(p.text for p in read_docx(str(export_brief(done, tmp_path / "brief.docx"))).paragraphs)
    assert done.overview in words, "the Word file leads with the overview too"
    with pytest.raises(ExportError):
        export_brief(done, tmp_path / "brief.pdf")


def _answers(county_report: Path, settings: Settings) -> list:
    chunks = _source(county_report, settings).chunks
    answers = []
    for question, words in (
        ("全年组建了几个教育集团？", "教育集团"),
        ("多少所中小学党组织标准化规范化建设达标？", "党组织标准化"),
    ):
        hits = [Hit(c, 1.0) for c in chunks if words in c.text][:2] + [Hit(chunks[0], 0.5)]
        answers.append(fast_answer(question, hits))
    return answers


def test_a_conversation_exports_to_word_with_questions_as_headings(
    county_report: Path, settings: Settings, tmp_path: Path
) -> None:
    answers = _answers(county_report, settings)
    assert all(not a.refused and MARKER.search(a.text) for a in answers)
    draft = conversation_draft(answers)
    assert [c.n for c in draft.citations] == sorted(c.n for c in draft.citations)
    assert len({c.chunk.id for c in draft.citations}) == len(draft.citations), "a passage is listed once"
    word = read_docx(str(export_file(draft, tmp_path / "问答.docx")))
    paragraphs = [p for p in word.paragraphs if p.text.strip()]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "问答记录"
    for i, (answer, numeral) in enumerate(zip(answers, "一二", strict=False)):
        heading = next(p for p in paragraphs if p.text == f"{numeral}、{answer.question}")
        assert heading._p.pPr.find("{*}outlineLvl") is not None, "a question is a heading in Word's outline"
        assert heading.runs[0].font.name == "Times New Roman" and "黑体" in heading.runs[0]._element.xml
        body = texts[texts.index(heading.text) + 1]
        assert MARKER.sub("", body) == MARKER.sub("", answer.text.splitlines()[0]), "the answer under its question"
        for n in cited_numbers(body):  # each marker points at the passage the answer cited
            own = next(c for c in answers[i].citations if c.chunk.id == draft.citations[n - 1].chunk.id)
            assert own.n in cited_numbers(answer.text)
            assert all(figure_in_text(m.text, own.chunk.text) for m in find_numbers(MARKER.sub("", body))[:1])
    appendix = texts[texts.index("引用资料") + 1 :]
    assert "附件" in texts and len(appendix) == len(draft.citations) >= 2
    for line, citation in zip(appendix, draft.citations, strict=True):
        assert line.startswith(f"[{citation.n}] 《{citation.chunk.title}》")
    markdown = export_file(draft, tmp_path / "问答.md").read_text(encoding="utf-8")
    assert f"## 一、{answers[0].question}" in markdown and f"## 二、{answers[1].question}" in markdown
    assert "## 附件 · 引用资料" in markdown and MARKER.sub("", answers[1].text.splitlines()[0]) in MARKER.sub(
        "", markdown
    )
