"""Chroma server mode: ``ASSISTANT_CHROMA_URL`` against a real ``chroma run``.

Two data folders pointing at one server see the same documents; each rebuilds its
keyword index and figure table from the server's collection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from tests.checks import SUMMARY, assert_consistent, chroma_server, free_port


@pytest.fixture(autouse=True)
def e5_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast real embedder: these tests are about the store, not retrieval quality."""
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "e5-small")


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with chroma_server(tmp_path / "chroma-server") as url:
        monkeypatch.setenv("ASSISTANT_CHROMA_URL", url)
        yield url


def test_index_search_remove_on_the_server(server: str, docs: Path, data_home: Path) -> None:
    assistant = Assistant()
    report = assistant.index([docs])
    assert (report.added, report.failed) == (2, [])
    assert not (data_home / "chroma").exists(), "server mode must not open an embedded store"
    assert_consistent(assistant.settings)
    assert "组建4个教育集团" in "".join(assistant.search("2025年组建了几个教育集团", k=3)[0].chunk.text.split())
    assert {r.doc for r in assistant.facts("新增学位")} == {SUMMARY, "2025_县教育局局长_述职述责述廉报告.txt"}
    listed = CliRunner().invoke(app, ["list", "--json"])  # the CLI reaches the same server
    assert listed.exit_code == 0 and SUMMARY in listed.stdout, listed.output

    assert assistant.remove(SUMMARY)
    assert [d.name for d in assistant.documents()] == ["2025_县教育局局长_述职述责述廉报告.txt"]
    assert all(hit.chunk.doc != SUMMARY for hit in assistant.search("新增学位", k=10))
    assert SUMMARY not in {r.doc for r in assistant.facts("新增学位")}
    assert_consistent(assistant.settings)


def test_a_second_data_folder_rebuilds_from_the_server(
    server: str, docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Assistant()
    first.index([docs])

    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "second-home"))
    second = Assistant()  # no keyword index, no figure table yet: both come from the server
    assert {d.name for d in second.documents()} == {d.name for d in first.documents()}
    assert_consistent(second.settings)
    assert second.search("新增学位", k=1)[0].chunk.doc == SUMMARY
    assert SUMMARY in {r.doc for r in second.facts("新增学位")}

    # a change made through one folder reaches the other's derived indexes
    assert second.remove(SUMMARY)
    extra = tmp_path / "extra.md"
    extra.write_text("# 补充材料\n全县共有中小学45所。\n", encoding="utf-8")
    assert second.index([extra]).added == 1
    assert all(hit.chunk.doc != SUMMARY for hit in first.search("新增学位", k=10))
    assert SUMMARY not in {r.doc for r in first.facts("新增学位")}
    assert first.search("中小学多少所", k=1)[0].chunk.doc == "extra.md"
    assert_consistent(first.settings)


def test_unreachable_server_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    result = CliRunner().invoke(app, ["list"])
    assert result.exit_code == 1
    assert "Chroma" in result.output and "ASSISTANT_CHROMA_URL" in result.output
    assert "Traceback" not in result.output
