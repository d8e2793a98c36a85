"""``assistant facts`` end to end: indexing fills the figure table, which follows the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from tests.checks import SUMMARY

runner = CliRunner()


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def _squash(text: str) -> str:
    return "".join(text.split())


def test_facts_finds_the_county_report_figures(docs: Path, county_report: Path, tmp_path: Path) -> None:
    assert _json(["index", str(docs), "--json"])["added"] == 2
    found = _json(["facts", "教育集团", "--json", "--doc", county_report.name])
    assert found["query"] == "教育集团"
    by_value = {_squash(r["value"]): r for r in found["results"]}
    assert {"4个", "12所"} <= set(by_value)
    for record in (by_value["4个"], by_value["12所"]):
        assert set(record) >= {
            "value",
            "normalized",
            "unit",
            "indicator",
            "period",
            "year",
            "region",
            "doc",
            "section",
            "page",
            "sentence",
        }
        assert record["doc"] == county_report.name and record["year"] == 2025
        assert record["section"], "a record carries its heading path"
        assert "组建4个教育集团" in _squash(record["sentence"])
    assert by_value["4个"]["indicator"] == "组建教育集团" and by_value["4个"]["normalized"] == 4
    assert found["results"][0]["value"] == by_value["4个"]["value"], "the indicator match comes first"

    csv_file, xlsx_file = tmp_path / "out" / "facts.csv", tmp_path / "out" / "facts.xlsx"
    table = runner.invoke(app, ["facts", "教育集团", "--csv", str(csv_file), "--xlsx", str(xlsx_file)])
    assert table.exit_code == 0, table.output
    assert "组建教育集团" in table.stdout
    rows = list(csv.reader(csv_file.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["数值", "标准值", "单位", "指标"]
    assert any(row[0] == "4个" and row[3] == "组建教育集团" for row in rows[1:])
    sheet = load_workbook(xlsx_file).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == rows[0] and len(cells) == len(rows)
    assert any(row[0] == "4个" and row[3] == "组建教育集团" and row[10] for row in cells[1:])

    compared = _json(["facts", "组建 教育集团", "--compare", "--json"])
    assert [(r["year"], _squash(r["value"])) for r in compared["results"]] == [(2024, "3个"), (2025, "4个")]


def test_figures_follow_changes_and_removals(docs: Path) -> None:
    _json(["index", str(docs), "--json"])
    assert "3个" in [r["value"] for r in _json(["facts", "教育集团", "--json", "--doc", SUMMARY])["results"]]

    (docs / SUMMARY).write_text("某县2024年工作总结\n一、集团化办学\n全县组建5个教育集团。\n", encoding="utf-8")
    assert _json(["index", str(docs), "--json"])["updated"] == 1
    values = [r["value"] for r in _json(["facts", "教育集团", "--json", "--doc", SUMMARY])["results"]]
    assert values == ["5个"], "the changed document's old figures are gone"

    assert runner.invoke(app, ["remove", SUMMARY]).exit_code == 0
    assert _json(["facts", "教育集团", "--json", "--doc", SUMMARY])["results"] == []
    assert SUMMARY not in Assistant().kb().figures.documents()


def test_a_table_behind_the_store_is_repaired(docs: Path, county_report: Path) -> None:
    """Figures lost after the store was written (a crash, another process) come back on the next lookup."""
    Assistant().index([docs])
    figures = Assistant().kb().figures
    count = figures.count(county_report.name)
    assert count > 0
    figures.delete_document(county_report.name)
    assert figures.count(county_report.name) == 0
    records = Assistant().facts("教育集团", doc=county_report.name)
    assert "4个" in [_squash(r.figure.value) for r in records]
    assert figures.count(county_report.name) == count
    again = Assistant().index([docs])
    assert again.chunks_embedded == 0 and again.unchanged == 2
