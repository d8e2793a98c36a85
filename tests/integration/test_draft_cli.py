"""Drafting end to end: real embedder, real Chroma, the real small LLM (Qwen2.5 0.5B), and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from assistant.facts.numbers import figure_in_text, find_numbers
from assistant.types import Draft, Stage, Token

runner = CliRunner()
TOPIC = "起草述职报告中‘师资队伍建设’一节，约400字"


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_grounded(text: str, citations: dict[int, str]) -> None:
    """Every [n] names a passage; every figure shown as fact is in a passage its sentence cites."""
    assert {int(n) for n in re.findall(r"\[(\d+)\]", text)} <= citations.keys()
    for sentence in re.findall(r"[^。！？\n]*[。！？]?(?:\[\d+\])*", text):
        shown = re.sub(r"【待核实：[^】]*】", "", sentence)
        cited = [int(n) for n in re.findall(r"\[(\d+)\]", shown)]
        for mention in find_numbers(re.sub(r"\[\d+\]", "", shown)):
            if mention.kind == "quantity":
                assert any(figure_in_text(mention.core, citations[n]) for n in cited), (mention.core, sentence)


def test_templates_and_a_fast_draft_exported_to_word(county_report: Path, tmp_path: Path) -> None:
    listed = _json(["templates", "--json"])["templates"]
    duty = next(t for t in listed if t["name"] == "shuzhi-duty")
    assert set(duty) >= {"name", "title", "genre", "inputs", "outline", "structure"}
    assert {"unit", "role", "year", "section", "points", "length", "tone"} <= set(duty["inputs"])

    assert _json(["index", str(county_report), "--json"])["added"] == 1
    out = tmp_path / "draft.docx"
    drafted = _json(["draft", "--template", "auto", "--topic", TOPIC, "--mode", "fast", "--out", str(out), "--json"])
    assert set(drafted) >= {"template", "outline", "draft", "citations", "figures", "docx"}
    assert drafted["template"] == "shuzhi-duty" and drafted["inputs"]["length"] == "400"
    assert drafted["docx"] == str(out) and out.stat().st_size > 0
    assert drafted["outline"] and all(set(part) == {"heading", "citations"} for part in drafted["outline"])
    assert set(drafted["citations"][0]) >= {"n", "doc", "title", "section", "page", "text"}  # fields are only added
    assert drafted["figures"] and all(f["verified"] for f in drafted["figures"]), "a pack quotes the documents"
    _assert_grounded(drafted["draft"], {c["n"]: c["text"] for c in drafted["citations"]})
    assert "师德" in drafted["draft"]

    notes = tmp_path / "本月情况.txt"
    notes.write_text(
        "师资队伍建设情况\n一是加强师德师风建设，全县新建教师周转房80套。\n二是提升教师专业素养，举办骨干教师研修班6期。\n",
        encoding="utf-8",
    )
    plain = runner.invoke(
        app, ["draft", "--template", "shuzhi-duty", "--topic", "师资队伍建设", "--mode", "fast", "--with", str(notes)]
    )
    assert plain.exit_code == 0, plain.output
    assert "周转房80套" in plain.stdout and "《师资队伍建设情况》" in plain.stdout, (
        "an extra document is quoted and cited"
    )
    unknown = runner.invoke(app, ["draft", "--template", "nope", "--topic", "师资队伍建设", "--mode", "fast"])
    assert unknown.exit_code == 1 and "shuzhi-duty" in unknown.output


def test_the_small_llm_drafts_a_cited_section(county_report: Path) -> None:
    assistant = Assistant()
    assistant.index([county_report])
    events = list(assistant.draft_events(TOPIC, points="加强师德师风建设；提升教师专业素养", mode="llm"))
    assert isinstance(events[0], Stage) and any(isinstance(e, Token) for e in events), "the draft streams"
    draft = events[-1]
    assert isinstance(draft, Draft) and draft.mode == "llm", draft.notice
    assert [part.heading for part in draft.outline] == ["加强师德师风建设", "提升教师专业素养"]
    # an optional lead sentence, then one paragraph a heading, in the outline's order
    assert draft.text.index("一是") < draft.text.index("二是") and re.search(r"\[\d+\]", draft.text), draft.text
    passages = {c.n: c.chunk.text for c in draft.citations}
    _assert_grounded(draft.text, passages)
    for check in draft.figures:
        if check.verified:
            assert figure_in_text(check.text, passages[check.citation]), check
        else:
            assert f"【待核实：{check.text}】" in draft.text, "an unverified figure is never shown as fact"


def test_the_small_llm_drafts_a_named_section_whole_and_in_the_writers_voice(county_report: Path, data: Path) -> None:
    """Issue 16's first draft, end to end: the section's facts, each cited, no other issuer's words as the bureau's."""
    assistant = Assistant()
    assistant.index([county_report, data / "corpus" / "2015_国务院办公厅_关于全面加强和改进学校美育工作的意见.txt"])
    topic = (
        "起草述职报告中‘建强师资队伍，夯实教育发展根基’一节，约400字，写明师德师风建设和教师专业素养提升的"
        "具体举措与数据。"
    )
    draft = assistant.draft(topic, mode="llm")
    assert draft.mode == "llm", draft.notice
    passages = {c.n: c.chunk for c in draft.citations}
    assert {c.doc for c in passages.values()} == {county_report.name}, "only the section's own document"
    assert [part.heading for part in draft.outline] == ["加强师德师风建设", "提升教师专业素养"]
    sentences = re.findall(r"[^。！？\n]*[。！？]?(?:\[\d+\])*", draft.text)
    for fact in ("一票否决制", "查处师德违规问题3起", "名师培养工程", "120名"):
        assert any(
            fact in s and any(fact in "".join(passages[int(n)].text.split()) for n in re.findall(r"\[(\d+)\]", s))
            for s in sentences
        ), (fact, draft.text)
    assert not re.search(r"[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]", re.sub(r"“[^”]*”", "", draft.text)), draft.text
    shown = re.sub(r"\[\d+\]", "", draft.text)
    assert shown.count("120名") == 1 and shown.count("25场") == 1, "each fact once"
    _assert_grounded(draft.text, {n: c.text for n, c in passages.items()})
