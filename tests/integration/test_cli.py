"""The CLI contract other tools rely on: command names and JSON fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_index_search_list_remove(county_report: Path, tmp_path: Path) -> None:
    report = _json(["index", str(county_report), "--json"])
    assert report == {
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "failed": [],
        "chunks_embedded": report["chunks_embedded"],
        "skipped": [],
    }
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


def test_models_install_from_a_local_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An administrator's copy is verified like a download; a wrong file is refused and never used."""
    from tests.conftest import MODELS_DIR

    source = MODELS_DIR / "qwen2.5-0.5b-instruct-q4_k_m.gguf"
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "models"))
    wrong = tmp_path / "wrong.gguf"
    wrong.write_bytes(b"GGUF" + b"\0" * 1000)
    refused = runner.invoke(app, ["models", "install", "qwen2.5-0.5b", "--from", str(wrong)])
    assert refused.exit_code == 1 and "size 1004" in " ".join(refused.output.split())
    assert not (tmp_path / "models" / source.name).exists()

    result = runner.invoke(app, ["models", "install", "qwen2.5-0.5b", "--from", str(source)])
    assert result.exit_code == 0, result.output
    status = {m["name"]: m for m in _json(["models", "status", "--json"])["models"]}
    assert status["qwen2.5-0.5b"]["verified"] is True
    assert status["embeddinggemma"]["present"] is False


def test_ask_batch_reports_a_bad_line_and_goes_on(county_report: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["index", str(county_report)]).exit_code == 0
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "q": "全县组建了几个教育集团？"}\n{"id": "b", "q": \n{"id": "c"}\n'
        '{"id": "d", "q": "引进了几名省级名师？"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ask", "--batch", str(batch), "--mode", "fast", "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line["id"] for line in lines] == ["a", None, "c", "d"]
    assert "4个" in lines[0]["answer"] and "3名" in lines[3]["answer"]
    assert "不是 JSON" in lines[1]["error"] and lines[1]["line"] == 2
    assert '缺少 "q"' in lines[2]["error"]


def test_eval_measures_retrieval_and_answers(county_report: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["index", str(county_report)]).exit_code == 0
    questions = tmp_path / "eval.jsonl"
    rows = [
        {
            "id": "e1",
            "q": "全县组建了几个教育集团？",
            "answer": ["4个"],
            "evidence": "组建4个教育集团",
            "type": "number",
        },
        {"id": "e2", "q": "引进了几名省级名师？", "answer": ["3名"], "evidence": "引进省级名师3名", "type": "number"},
        {"id": "e3", "q": "全县建成了几座火星基地？", "answer": [], "evidence": None, "type": "unanswerable"},
    ]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = _json(["eval", str(questions), "--mode", "fast", "--json"])
    assert result["overall"]["n"] == 2 and result["overall"]["hit@5"] == 1.0
    answers = result["answers"]
    assert answers["answer_accuracy"] == 1.0 and answers["refusal_rate_unanswerable"] == 1.0
    assert answers["figures_supported"] == 1.0
