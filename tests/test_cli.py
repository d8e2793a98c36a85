"""The CLI contract other tools rely on: command names and JSON fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_index_search_list_remove(county_report: Path, tmp_path: Path) -> None:
    report = _json(["index", str(county_report), "--json"])
    assert report == {"added": 1, "updated": 0, "unchanged": 0, "failed": [], "chunks_embedded": report["chunks_embedded"],
                      "skipped": []}
    assert report["chunks_embedded"] > 0

    found = _json(["search", "组建了几个教育集团", "--json"])
    assert found["query"] == "组建了几个教育集团"
    first = found["results"][0]
    assert set(first) >= {"doc", "title", "section", "page", "text", "score"}
    assert "组建4个教育集团" in "".join(first["text"].split())
    assert first["section"]

    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "q": "教育集团"}\n{"id": "b", "q": "党课"}\n', encoding="utf-8")
    result = runner.invoke(app, ["search", "--batch", str(batch), "-k", "2", "--json"])
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert all(len(line["results"]) == 2 for line in lines)

    listed = _json(["list", "--json"])
    assert [d["doc"] for d in listed["documents"]] == [county_report.name]
    assert runner.invoke(app, ["remove", county_report.name]).exit_code == 0
    assert _json(["list", "--json"])["documents"] == []
    assert runner.invoke(app, ["remove", county_report.name]).exit_code == 1


def test_overlong_question_gets_a_clear_message() -> None:
    result = runner.invoke(app, ["search", "问" * 10_000])
    assert result.exit_code == 1
    assert "问题过长" in result.output


def test_models_status_json() -> None:
    status = _json(["models", "status", "--json"])
    names = {m["name"]: m for m in status["models"]}
    assert names["embeddinggemma"]["verified"] is True
