"""核稿 end to end: a draft's figures against the county report (real embedder, real Chroma),
the CLI JSON contract, and the Word copy with comments (python-docx and LibreOffice)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.check.report import CONFLICT, NOT_FOUND, OTHER_PERIOD, SUPPORTED, CheckReport
from assistant.check.style import same_figures
from assistant.cli import app
from assistant.facts.numbers import figure_in_text
from assistant.ingest.load import load_document
from tests.checks import free_port

runner = CliRunner()


@pytest.fixture
def assistant(docs: Path) -> Assistant:
    """The county's 2025 report and its short 2024 summary, indexed."""
    assistant = Assistant()
    assert assistant.index([docs]).added == 2
    return assistant


def _paragraph(assistant: Assistant, county_report: Path, marker: str) -> str:
    """The paragraph of the county report (as indexed, cleaned) that contains ``marker``."""
    text = load_document(county_report, assistant.settings).text
    return next(line for line in text.split("\n") if marker in line)


def _figure(report: CheckReport, text: str):
    return next(f for f in report.figures if f.text == text)


def _assert_spans(report: CheckReport) -> None:
    for item in (*report.figures, *report.findings):
        assert report.text[item.start : item.end] == item.text, item


def test_the_reports_own_figures_are_supported_and_cited(assistant: Assistant, county_report: Path) -> None:
    draft = "县教育局局长2025年度述职述责述廉报告\n" + _paragraph(assistant, county_report, "组建4个教育集团")
    report = assistant.check_draft(draft)
    _assert_spans(report)
    assert len(report.figures) >= 8
    for figure in report.figures:
        assert figure.status == SUPPORTED, figure
        assert figure.source is not None and figure.source.doc == county_report.name
        assert figure_in_text(figure.value_in_documents, figure.source.sentence)


def test_changed_figures_conflict_and_show_the_documents_value(assistant: Assistant, county_report: Path) -> None:
    original = _paragraph(assistant, county_report, "组建4个教育集团")
    changed = original.replace("3200个", "3300个").replace("68%", "86%").replace("1.5万人次", "1.5千人次")
    report = assistant.check_draft("县教育局局长2025年度述职述责述廉报告\n" + changed)
    _assert_spans(report)
    for written, stated in (("3300个", "3200个"), ("86%", "68%"), ("1.5千人次", "1.5万人次")):
        figure = _figure(report, written)
        assert figure.status == CONFLICT and figure.value_in_documents == stated, figure
        assert stated in figure.source.sentence.replace(" ", "")
    unchanged = [f for f in report.figures if f.text not in ("3300个", "86%", "1.5千人次")]
    assert unchanged and all(f.status == SUPPORTED for f in unchanged)


def test_normalised_values_are_the_same_figure(assistant: Assistant) -> None:
    report = assistant.check_draft("2025年，全县组建宣讲团开展专题宣讲32场，覆盖师生12000人次。")
    assert _figure(report, "12000人次").status == SUPPORTED
    assert _figure(report, "12000人次").value_in_documents == "1.2万人次"


def test_another_years_figure_is_told_apart(assistant: Assistant) -> None:
    of_2024 = assistant.check_draft("2024年，全县组建3个教育集团。")
    figure = _figure(of_2024, "3个")
    assert figure.status == SUPPORTED and figure.source.year == 2024

    stale = assistant.check_draft("县教育局局长2025年度述职述责述廉报告\n今年全县组建3个教育集团。")
    figure = _figure(stale, "3个")
    assert figure.status == CONFLICT and figure.value_in_documents == "4个"
    assert "2024年" in figure.note, "the note says which year the draft's value belongs to"

    earlier = assistant.check_draft("2023年，全县新增公办义务教育学位3100个。")
    figure = _figure(earlier, "3100个")
    assert figure.status == OTHER_PERIOD and figure.value_in_documents == "3200个" and "2025年" in figure.note


def test_a_figure_no_document_states_is_not_found(assistant: Assistant) -> None:
    report = assistant.check_draft("2025年，全县建成火星观测站7座，培育航天特色学校9所。")
    assert {f.text: f.status for f in report.figures} == {"7座": NOT_FOUND, "9所": NOT_FOUND}
    assert all(f.source is None and f.value_in_documents is None for f in report.figures)


def test_cli_json_contract(assistant: Assistant) -> None:
    draft = "县教育局局长2025年度述职述责述廉报告\n截止2025年底,全县组建3个教育集团,依据教基[2025]8号文件。"
    result = runner.invoke(app, ["check", "--text", draft, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(payload) >= {"figures", "findings"}
    figure = next(f for f in payload["figures"] if f["text"] == "3个")
    assert set(figure) >= {"text", "start", "end", "status", "value_in_documents", "citation"}
    assert figure["status"] == "conflict" and figure["value_in_documents"] == "4个"
    assert set(figure["citation"]) >= {"doc", "title", "section", "page", "sentence"}
    rules = {f["rule"]: f for f in payload["findings"]}
    assert {"words.jiezhi", "punctuation.comma", "docnumber.brackets"} <= set(rules)
    for finding in payload["findings"]:
        assert set(finding) >= {"rule", "start", "end", "text", "message", "suggestion"}
        assert draft[finding["start"] : finding["end"]] == finding["text"]
    assert rules["docnumber.brackets"]["suggestion"] == "〔2025〕8号"

    assert runner.invoke(app, ["check", "--json"]).exit_code == 2, "a file or --text is required"
    empty = runner.invoke(app, ["check", "--text", "  ", "--json"])
    assert empty.exit_code == 1 and "草稿为空" in empty.output


def _docx_draft(path: Path) -> Path:
    """A writer's .docx: a title, a heading in bold 黑体 and a body paragraph split over runs."""
    document = docx.Document()
    document.add_paragraph("县教育局局长2025年度述职述责述廉报告")
    heading = document.add_paragraph()
    run = heading.add_run("一、聚焦主责主业")
    run.bold = True
    body = document.add_paragraph()
    body.add_run("深化集团化办学改革,组建")
    body.add_run("3个教育集团").italic = True
    body.add_run("，覆盖12所农村薄弱学校。依据教基[2025]8号文件。")
    document.save(str(path))
    return path


def test_word_copy_has_comments_and_keeps_the_formatting(assistant: Assistant, tmp_path: Path) -> None:
    draft = _docx_draft(tmp_path / "初稿.docx")
    out = tmp_path / "out" / "初稿_核稿.docx"
    result = runner.invoke(app, ["check", str(draft), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert payload["docx"] == str(out)
    flagged = [f for f in payload["figures"] if f["status"] != "supported"]
    expected = len(payload["findings"]) + len(flagged)
    assert flagged and payload["findings"]

    document = docx.Document(str(out))
    comments = list(document.comments)
    assert len(comments) == expected
    texts = [c.text for c in comments]
    assert any("〔2025〕8号" in t for t in texts) and any("4个" in t and "数据不符" in t for t in texts)
    assert all(c.author for c in comments)
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs] == [
        "县教育局局长2025年度述职述责述廉报告",
        "一、聚焦主责主业",
        "深化集团化办学改革,组建3个教育集团，覆盖12所农村薄弱学校。依据教基[2025]8号文件。",
    ]
    assert all(r.bold for r in paragraphs[1].runs if r.text), "the heading stays bold"
    italic = "".join(r.text for r in paragraphs[2].runs if r.italic)
    assert italic == "3个教育集团", "the italic run keeps its formatting though split for the comment"
    commented = "".join(
        r.text
        for r in paragraphs[2].runs
        if r._r.getprevious() is not None and r._r.getprevious().tag.endswith("commentRangeStart")
    )
    assert "3个" in commented and "," in commented

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: `make test` installs it (apt-get install libreoffice-writer-nogui)"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(str(tmp_path / "初稿_核稿.pdf"))
    notes = [a.get_object().get("/Contents") for page in reader.pages for a in page.get("/Annots") or []]
    notes = [n for n in notes if n]
    assert len(notes) == expected, "LibreOffice reads every comment"


def test_a_text_draft_becomes_an_official_layout_with_comments(assistant: Assistant, tmp_path: Path) -> None:
    draft = tmp_path / "初稿.txt"
    draft.write_text(
        "县教育局局长2025年度述职述责述廉报告\n一、主要工作\n1.全县组建4个教育集团,新增学位3300个。\n", encoding="utf-8"
    )
    report = assistant.check_file(draft)
    _assert_spans(report)
    assert {f.rule for f in report.findings} >= {"punctuation.comma", "numbering.skipped"}
    assert _figure(report, "3300个").status != SUPPORTED and _figure(report, "4个").status == SUPPORTED
    out = assistant.export_check(report, tmp_path / "out.docx")
    document = docx.Document(str(out))
    assert len(list(document.comments)) == len(report.findings) + len(report.flagged_figures)
    assert document.paragraphs[0].text == "县教育局局长2025年度述职述责述廉报告"


def test_unsupported_formats_and_modes_say_why(assistant: Assistant, tmp_path: Path) -> None:
    from assistant.errors import AssistantError

    odd = tmp_path / "初稿.xyz"
    odd.write_bytes(b"x")
    with pytest.raises(AssistantError, match="不支持"):
        assistant.check_file(odd)
    with pytest.raises(AssistantError, match="fast"):
        assistant.check_draft("全县组建4个教育集团。", mode="careful")


STYLE_DRAFT = (
    "县教育局局长2025年度述职述责述廉报告\n"
    "截止2025年底,全县进一步深化集团化办学改革，进一步组建了4个教育集团，组建的教育集团共有4个，"
    "覆盖12所农村薄弱学校。"
)


def test_the_small_llm_reads_the_style_and_never_changes_a_figure(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.api as api

    calls: list[str] = []
    real = api.get_backend

    class Recorded:
        """The configured backend (the small local model), with what it answered recorded."""

        def __init__(self, settings) -> None:
            self.backend = real(settings)
            self.name = self.backend.name

        def stream(self, messages, max_tokens=512, temperature=0.1):
            answer = "".join(self.backend.stream(messages, max_tokens, temperature))
            calls.append(answer)
            yield answer

    monkeypatch.setattr(api, "get_backend", Recorded)
    report = assistant.check_draft(STYLE_DRAFT, mode="llm")
    assert len(calls) == 1 and calls[0].strip(), "one batch, answered by the model"
    assert not [n for n in report.notices if "不可用" in n], report.notices
    _assert_spans(report)
    assert {"words.jiezhi", "punctuation.comma"} <= {f.rule for f in report.findings}, "the rules still run"
    assert _figure(report, "4个").status == SUPPORTED
    for finding in report.findings:
        if finding.rule == "llm.style":
            assert finding.kind == "文风" and finding.text in STYLE_DRAFT
            assert same_figures(finding.text, finding.suggestion), finding

    as_json = runner.invoke(app, ["check", "--text", STYLE_DRAFT, "--llm", "--json"])
    assert as_json.exit_code == 0, as_json.output
    payload = json.loads(as_json.stdout.strip().splitlines()[-1])
    assert len(calls) == 2 and isinstance(payload["notices"], list)
    for finding in payload["findings"]:
        assert STYLE_DRAFT[finding["start"] : finding["end"]] == finding["text"]
    both = runner.invoke(app, ["check", "--text", STYLE_DRAFT, "--llm", "--mode", "fast"])
    assert both.exit_code == 2 and len(calls) == 2, "fast mode never calls the LLM"


def test_an_llm_endpoint_that_is_down_leaves_a_notice_and_the_rule_findings(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_LLM_BACKEND", "openai")
    monkeypatch.setenv("ASSISTANT_OPENAI_MODEL", "qwen2.5")
    monkeypatch.setenv("ASSISTANT_OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    result = runner.invoke(app, ["check", "--text", STYLE_DRAFT, "--llm", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(payload["notices"]) == 1 and payload["notices"][0].startswith("大模型不可用")
    assert {"words.jiezhi", "punctuation.comma"} <= {f["rule"] for f in payload["findings"]}
    assert not [f for f in payload["findings"] if f["rule"] == "llm.style"]
    plain = runner.invoke(app, ["check", "--text", STYLE_DRAFT, "--llm"])
    assert plain.exit_code == 0 and "大模型不可用" in plain.output
