"""Every new format through `index` and the answer machinery, with a real (the fast) embedding
model: what is indexed, failed and skipped; a bad batch leaves the index intact; a figure in
a table cell and one on a scanned page are found by `facts` and answered with their citation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from tests.checks import assert_consistent
from tests.integration.test_formats import DATA, OFD_PAGE, ofd_bytes, report_docx, stats_xlsx
from tests.pages import render_page

runner = CliRunner()
SCAN = ["某县2025年教育经费执行情况", "全年教育经费总投入8.6亿元，比上年增长6.3%。", "其中义务教育经费5.1亿元。"]


@pytest.fixture(autouse=True)
def e5_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "e5-small")


@pytest.fixture
def office_folder(tmp_path: Path) -> Path:
    """What a county bureau's folder holds: a sheet, a report with a table, a scan, an OFD, clutter."""
    folder = tmp_path / "资料"
    folder.mkdir()
    stats_xlsx(folder / "2025_县教育统计.xlsx")
    report_docx(folder / "2025_工作总结.docx")
    render_page(SCAN, seed=5).save(folder / "经费扫描件.png")
    (folder / "通知.ofd").write_bytes(ofd_bytes([OFD_PAGE], title="关于印发2025年教育工作要点的通知"))
    (folder / "~$工作总结.docx").write_bytes(b"lock")
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "照片说明.xyz").write_text("?", encoding="utf-8")
    return folder


def _index_json(paths: list[Path]) -> dict:
    result = runner.invoke(app, ["index", *map(str, paths), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_folder_as_offices_keep_it(office_folder: Path) -> None:
    report = _index_json([office_folder])
    assert (report["added"], report["failed"]) == (4, [])
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"~$工作总结.docx", ".DS_Store", "照片说明.xyz"}
    assert "temporary" in skipped["~$工作总结.docx"] and "unsupported" in skipped["照片说明.xyz"]

    listed = runner.invoke(app, ["list", "--json"])
    documents = {d["doc"]: d for d in json.loads(listed.stdout)["documents"]}
    assert {k: documents["经费扫描件.png"][k] for k in ("format", "pages", "ocr_pages", "tables")} == {
        "format": "png",
        "pages": 1,
        "ocr_pages": [1],
        "tables": 0,
    }
    assert documents["2025_县教育统计.xlsx"]["tables"] == 2 and documents["2025_工作总结.docx"]["tables"] == 1
    assert documents["通知.ofd"]["title"] == "关于印发2025年教育工作要点的通知"

    again = _index_json([office_folder])  # unchanged files are not read again (no second OCR)
    assert (again["unchanged"], again["added"], again["updated"]) == (4, 0, 0)


def test_a_table_cell_is_a_figure_and_an_answer(office_folder: Path) -> None:
    assistant = Assistant()
    assistant.index([office_folder])
    record = assistant.facts("2024年 小学专任教师")[0]
    assert (record.doc, record.figure.indicator, record.figure.period, record.figure.value) == (
        "2025_县教育统计.xlsx",
        "小学专任教师",
        "2024年",
        "850人",
    )

    answer = assistant.ask("2024年小学专任教师多少人？", mode="fast")
    assert not answer.refused and "850人" in answer.text
    cited = [c for c in answer.citations if f"[{c.n}]" in answer.text]
    assert cited and cited[0].chunk.doc == "2025_县教育统计.xlsx" and "2024年专任教师：850人" in cited[0].chunk.text
    assert all(check.verified for check in answer.figures)


def test_a_table_cell_is_answered_by_the_llm_with_its_figure_verified(office_folder: Path) -> None:
    assistant = Assistant()
    assistant.index([office_folder])
    answer = assistant.ask("2024年小学专任教师多少人？", mode="llm")
    assert answer.mode == "llm" and not answer.refused and "850" in answer.text
    assert answer.figures and all(check.verified for check in answer.figures)
    cited = {c.chunk.doc for c in answer.citations if f"[{c.n}]" in answer.text}
    assert "2025_县教育统计.xlsx" in cited


def test_a_figure_on_a_scanned_page_is_answered_and_marked_as_ocr(office_folder: Path) -> None:
    assistant = Assistant()
    assistant.index([office_folder])
    answer = assistant.ask("全年教育经费总投入多少亿元？", mode="fast")
    assert not answer.refused and "8.6亿元" in answer.text
    cited = next(c for c in answer.citations if f"[{c.n}]" in answer.text)
    assert cited.chunk.doc == "经费扫描件.png" and cited.chunk.pages == (1,) and cited.chunk.ocr
    record = assistant.facts("教育经费总投入")[0]
    assert (record.doc, record.figure.value, record.page, record.ocr) == ("经费扫描件.png", "8.6亿元", 1, True)
    result = runner.invoke(app, ["ask", "全年教育经费总投入多少亿元？", "--mode", "fast", "--json"])
    assert result.exit_code == 0, result.output
    assert any(c["ocr"] and c["doc"] == "经费扫描件.png" for c in json.loads(result.stdout)["citations"])


def test_bad_files_fail_clearly_and_leave_the_index_intact(tmp_path: Path, office_folder: Path) -> None:
    assistant = Assistant()
    assert assistant.index([office_folder]).added == 4
    before = {d.name: d.content_hash for d in assistant.documents()}

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50)
    shutil.copy(DATA / "locked.doc", batch / "locked.doc")
    (batch / "2025_县教育统计.xlsx").write_bytes(b"")  # an indexed sheet, overwritten by an empty file
    (batch / "通知.ofd").write_bytes(ofd_bytes([OFD_PAGE], broken="<ofd:Page><unclosed>"))
    report = assistant.index([batch])
    failed = {Path(f.path).name: f.error for f in report.failed}
    assert set(failed) == {"photo.jpg", "locked.doc", "2025_县教育统计.xlsx", "通知.ofd"}
    assert "corrupt or unreadable image" in failed["photo.jpg"]
    assert "password-protected" in failed["locked.doc"]
    assert "empty file" in failed["2025_县教育统计.xlsx"]
    assert "broken XML" in failed["通知.ofd"]
    assert (report.added, report.updated) == (0, 0)

    assistant = Assistant()
    assert {d.name: d.content_hash for d in assistant.documents()} == before
    assert_consistent(assistant.settings)
