"""``assistant brief`` and ``facts --compare --chart`` end to end, on an indexed pair of Beijing reports;
``brief --mode llm`` with the local model, and with an endpoint that is down or drops its stream."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as read_docx
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from assistant.facts.numbers import figure_in_text, parse_figure
from assistant.ingest.load import load_document
from assistant.ingest.split import split_document
from assistant.settings import Settings
from assistant.ui import brief as brief_view
from assistant.ui import figures as figures_view
from tests.checks import free_port
from tests.conftest import COUNTY_REPORT

runner = CliRunner()
SOURCES = ("2025_北京市_政府工作报告.docx", "2026_北京市_政府工作报告.txt")
PREVIOUS, CURRENT = "2025_北京市_政府工作报告.txt", "2026_北京市_政府工作报告.txt"
PNG = b"\x89PNG\r\n\x1a\n"


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def _excerpt(path: Path, settings: Settings) -> str:
    """The report's opening, the first passages of its review and its targets section, as they stand
    (indexing two whole reports takes minutes on a shared CPU)."""
    chunks = split_document(load_document(path, settings), settings.chunk_size)
    review = [c for c in chunks if c.heading_path and "回顾" in c.heading_path[0]][:9]
    at = next(i for i, c in enumerate(chunks) if "预期目标" in c.text)
    targets = [c for c in chunks[at - 1 : at + 1] if c.heading_path and "回顾" not in c.heading_path[0]]
    return "\n".join(c.text for c in [chunks[0], *review, *targets])


def test_brief_and_chart_of_an_indexed_pair(data: Path, tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for source, name in zip(SOURCES, (PREVIOUS, CURRENT), strict=False):
        (folder / name).write_text(_excerpt(data / "corpus" / source, settings), encoding="utf-8")
    assert _json(["index", str(folder), "--json"])["added"] == 2
    listed = {d["doc"] for d in _json(["list", "--json"])["documents"]}
    assert listed == {PREVIOUS, CURRENT}

    out = tmp_path / "out" / "brief.docx"
    brief = _json(["brief", CURRENT, "--json", "--out", str(out)])
    assert list(brief) == ["doc", "title", "year", "region", "figures", "sections", "changes", "citations", "docx"]
    assert (brief["doc"], brief["year"], brief["region"]) == (CURRENT, 2026, "北京市")
    assert brief["docx"] == str(out) and out.is_file()
    citations = {c["n"]: c for c in brief["citations"]}
    for c in brief["citations"]:
        assert set(c) == {"n", "doc", "title", "section", "page", "text"}
    assert brief["figures"] and brief["sections"] and brief["changes"]
    for figure in brief["figures"]:
        assert set(figure) == {"indicator", "value", "unit", "sentence", "citation"}
        passage = citations[figure["citation"]]
        assert passage["doc"] == CURRENT and figure["sentence"] in passage["text"]
        assert figure_in_text(figure["value"], passage["text"])
    for section in brief["sections"]:
        assert set(section) == {"heading", "summary", "citations"} and section["citations"]
        assert all(citations[n]["section"].startswith(section["heading"]) for n in section["citations"])
    for change in brief["changes"]:
        assert set(change) == {"indicator", "previous", "current", "change"}
        before, after = change["previous"], change["current"]
        assert (before["doc"], after["doc"]) == (PREVIOUS, CURRENT)
        assert citations[before["citation"]]["doc"] == PREVIOUS and citations[after["citation"]]["doc"] == CURRENT
        assert figure_in_text(before["value"], citations[before["citation"]]["text"])
        assert figure_in_text(after["value"], citations[after["citation"]]["text"])
        assert before["unit"] == after["unit"] == parse_figure(after["value"]).unit
    words = "\n".join(p.text for p in read_docx(str(out)).paragraphs)
    assert "引用资料" in words and all(f["value"] in words for f in brief["figures"])

    older = _json(["brief", PREVIOUS, "--json"])
    assert older["year"] == 2025 and older["changes"] == [], "no 2024 Beijing report in the knowledge base"
    missing = runner.invoke(app, ["brief", "no-such-file.txt"])
    assert missing.exit_code == 1

    chart_file = tmp_path / "out" / "gdp.png"
    compared = _json(["facts", "地区生产总值 增长", "--compare", "--chart", str(chart_file), "--json"])
    assert chart_file.read_bytes()[:8] == PNG
    bars = compared["chart"]["bars"]
    assert len(bars) == len(compared["results"]) == 2, "one bar per document"
    assert [b["doc"] for b in bars] == [r["doc"] for r in compared["results"]]
    assert all(b["label"] and b["source"] for b in bars) and len({b["label"] for b in bars}) == 2
    for bar, record in zip(bars, compared["results"], strict=False):
        assert bar["text"] == record["value"]
    assert compared["chart"]["font"], "a CJK font is installed on this machine"

    html, status, word, markdown = brief_view.show(Assistant(), CURRENT, None)
    assert "ra-chip" in html and all(f["value"] in html for f in brief["figures"])
    assert "对比" in status and word["value"].endswith(".docx") and Path(word["value"]).is_file()
    assert Path(markdown["value"]).read_text(encoding="utf-8").startswith(f"# {brief['title']}速览")
    rows, status, _, _, chart = figures_view.lookup(
        Assistant(), "地区生产总值 增长", "全部", "全部", "全部", True, 20, None
    )
    assert len(rows) == 2 and Path(chart).read_bytes()[:8] == PNG, "数据速查 draws the chart locally"


def test_topic_brief_groups_passages_and_figures_by_document(docs: Path, tmp_path: Path) -> None:
    assert _json(["index", str(docs), "--json"])["added"] == 2
    documents = {d["doc"]: d for d in _json(["list", "--json"])["documents"]}
    out = tmp_path / "topic.docx"
    brief = _json(["brief", "--topic", "教育集团", "--json", "--out", str(out)])
    assert list(brief) == ["doc", "title", "year", "region", "figures", "sections", "changes", "citations", "docx"]
    assert brief["doc"] is None and "教育集团" in brief["title"] and out.is_file()
    citations = {c["n"]: c for c in brief["citations"]}
    assert brief["figures"], "the figure table's records about the topic"
    for figure in brief["figures"]:
        assert figure_in_text(figure["value"], citations[figure["citation"]]["text"])
        assert figure["sentence"] in citations[figure["citation"]]["text"]
    cited_docs = [{citations[n]["doc"] for n in s["citations"]} for s in brief["sections"]]
    assert all(len(docs_) == 1 for docs_ in cited_docs), "one section per document"
    assert len({d for ds in cited_docs for d in ds}) == len(cited_docs) == 2, "both documents speak of it"
    years = [documents[next(iter(ds))]["year"] for ds in cited_docs]
    assert years == sorted(years, reverse=True), "newest document first"
    for section, year in zip(brief["sections"], years, strict=False):
        assert section["heading"].startswith(str(year))
        assert "教育集团" in section["summary"] or "教育" in section["summary"]
    assert runner.invoke(app, ["brief"]).exit_code == 2


@pytest.fixture
def crashing_endpoint() -> Iterator[str]:
    """An OpenAI-compatible endpoint that starts streaming an answer, then drops the connection."""
    server = socket.create_server(("127.0.0.1", 0), backlog=16)
    piece = json.dumps(
        {
            "id": "x",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "m",
            "choices": [{"index": 0, "delta": {"content": "全县"}, "finish_reason": None}],
        }
    )
    event = f"data: {piece}\n\n".encode()

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:  # closed: the test is over
                return
            with connection:
                connection.recv(65536)
                connection.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + f"{len(event):x}\r\n".encode()
                    + event
                    + b"\r\n"
                )  # and no closing chunk: the connection just ends

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/v1"
    finally:
        server.close()


def test_brief_with_an_llm_that_is_down_is_the_extractive_brief_with_a_notice(
    county_report: Path, crashing_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["index", str(county_report)]).exit_code == 0
    extractive = _json(["brief", COUNTY_REPORT, "--json"])
    monkeypatch.setenv("ASSISTANT_LLM_BACKEND", "openai")
    monkeypatch.setenv("ASSISTANT_OPENAI_MODEL", "qwen2.5")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT_S", "2")
    for url in (f"http://127.0.0.1:{free_port()}/v1", crashing_endpoint):  # a closed port, then a dropped stream
        monkeypatch.setenv("ASSISTANT_OPENAI_BASE_URL", url)
        brief = _json(["brief", COUNTY_REPORT, "--mode", "llm", "--json"])
        assert {key: brief[key] for key in extractive} == extractive, "the extractive brief is kept whole"
        assert brief["overview"] is None and brief["overview_figures"] == []
        assert "大模型不可用" in brief["notice"] and "LLM unavailable" in brief["notice"]
        shown = runner.invoke(app, ["brief", COUNTY_REPORT, "--mode", "llm"])
        assert shown.exit_code == 0 and "大模型不可用" in shown.output and "主要数据" in shown.output


def test_brief_with_the_local_model_keeps_only_verified_overview_sentences(county_report: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["index", str(county_report)]).exit_code == 0
    extractive = _json(["brief", COUNTY_REPORT, "--json"])
    out = tmp_path / "brief.md"
    brief = _json(["brief", COUNTY_REPORT, "--mode", "llm", "--json", "--out", str(out)])
    assert {key: brief[key] for key in extractive if key != "docx"} == {
        key: value for key, value in extractive.items() if key != "docx"
    }
    assert "大模型不可用" not in (brief["notice"] or ""), brief["notice"]
    assert brief["overview"] or brief["overview_dropped"], "the model wrote an overview"
    citations = {c["n"]: c for c in brief["citations"]}
    for check in brief["overview_figures"]:
        assert check["verified"] and figure_in_text(check["text"], citations[check["citation"]]["text"])
    for sentence in brief["overview_dropped"]:
        assert sentence not in (brief["overview"] or "")
    written = out.read_text(encoding="utf-8")
    assert brief["docx"] == str(out) and written.startswith(f"# {brief['title']}速览")
    if brief["overview"]:
        assert brief["overview"] in written.split("## 一、")[0], "the overview leads the Markdown file"


def test_a_cjk_font_installed_after_matplotlib_listed_the_fonts_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """Matplotlib caches its font list; CJK fonts installed later (make browser) must still label the charts."""
    from matplotlib import font_manager

    from assistant.facts import chart

    stale = [f for f in font_manager.fontManager.ttflist if chart._cjk_name({f.name}) is None]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)  # the list as cached before the fonts came
    chart.cjk_font.cache_clear()
    try:
        assert chart.cjk_font(), "the system's CJK font (make browser installs Noto CJK) is found again"
    finally:
        chart.cjk_font.cache_clear()
