"""Loading each format, and the clear refusals for files that cannot be read."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from itertools import pairwise
from pathlib import Path

import docx
import pytest

from assistant.errors import LoadError
from assistant.ingest import iter_files, load_document
from assistant.settings import Settings
from tests.checks import blank_pdf, docx_bytes

BEIJING_PDF = "2024_北京市_政府工作报告.pdf"
SAMPLE = "一、总体要求\n全年新增学位3200个，覆盖师生1.2万人次。\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", SAMPLE.encode("utf-8")),
        ("bom.txt", SAMPLE.encode("utf-8-sig")),
        ("gbk.txt", SAMPLE.encode("gbk")),
        ("gb18030.txt", SAMPLE.encode("gb18030")),
    ],
)
def test_text_encodings(tmp_path: Path, settings: Settings, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = load_document(path, settings)
    assert doc.text == SAMPLE.strip()
    assert doc.title == "一、总体要求"
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    assert doc.name == name and doc.pages == ()


def test_markdown_title_and_offsets(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "law.md"
    path.write_text("# 中华人民共和国测试法\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 为了测试，制定本法。\n")
    doc = load_document(path, settings)
    assert doc.title == "中华人民共和国测试法"
    assert doc.text == "# 中华人民共和国测试法\n## 第一章总则\n第一条为了测试，制定本法。"
    assert all(doc.raw_text[o] == c for o, c in zip(doc.raw_offsets, doc.text, strict=True) if c != "\n")
    assert doc.meta.doc_type == "法律"


def test_docx_keeps_body_order_headings_and_tables(tmp_path: Path, settings: Settings) -> None:
    document = docx.Document()
    document.add_heading("工作报告", level=1)
    document.add_paragraph("一、主要成绩")
    document.add_paragraph("全年完成投资1800亿元。")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("指标", "2024年", "增长"), ("学位", "3200个", "5%")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("二、下一步打算")
    path = tmp_path / "report.docx"
    document.save(path)
    doc = load_document(path, settings)
    assert doc.text.split("\n") == [
        "# 工作报告",
        "一、主要成绩",
        "全年完成投资1800亿元。",
        "【表1】学位 | 2024年：3200个 | 增长：5%",
        "二、下一步打算",
    ]
    assert doc.title == "工作报告"


def test_real_pdf_has_pages(data: Path, settings: Settings) -> None:
    doc = load_document(data / "corpus" / BEIJING_PDF, settings)
    assert [page.number for page in doc.pages] == list(range(1, 14))
    assert all(a.end <= b.start for a, b in pairwise(doc.pages))
    where = doc.text.index("四是加大民生服务保障力度")
    assert [p.number for p in doc.pages if p.start <= where < p.end] == [3]
    assert doc.title == "2024年北京市政府工作报告"  # the PDF starts with "各位代表："
    assert doc.meta.region == "北京市" and doc.meta.year == 2024


def _refused(tmp_path: Path, settings: Settings, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_document(path, settings)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    return message


def test_encrypted_pdf(tmp_path: Path, settings: Settings) -> None:
    assert "加密" in _refused(tmp_path, settings, "locked.pdf", blank_pdf(encrypt=True))


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path, settings: Settings) -> None:
    assert "OCR" in _refused(tmp_path, settings, "scan.pdf", blank_pdf())


def test_truncated_pdf(tmp_path: Path, data: Path, settings: Settings) -> None:
    data = (data / "corpus" / BEIJING_PDF).read_bytes()
    assert "corrupt" in _refused(tmp_path, settings, "cut.pdf", data[: len(data) // 2])


def test_empty_docx(tmp_path: Path, settings: Settings) -> None:
    assert "no text" in _refused(tmp_path, settings, "empty.docx", docx_bytes())


def test_zip_that_is_not_docx(tmp_path: Path, settings: Settings) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert ".docx" in _refused(tmp_path, settings, "fake.docx", buffer.getvalue())
    assert ".docx" in _refused(tmp_path, settings, "plain.docx", b"just some bytes")


def test_binary_named_txt(tmp_path: Path, settings: Settings) -> None:
    junk = random.Random(7).randbytes(4096)
    assert "not a text file" in _refused(tmp_path, settings, "junk.txt", junk)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    tiny = Settings(home=tmp_path, max_file_mb=0.001)
    assert "too large" in _refused(tmp_path, tiny, "big.txt", ("很长的文本。" * 400).encode())


def test_unsupported_and_missing(tmp_path: Path, settings: Settings) -> None:
    assert "unsupported" in _refused(tmp_path, settings, "sheet.xyz", b"PK")
    with pytest.raises(LoadError, match="not found"):
        load_document(tmp_path / "gone.txt", settings)


def test_iter_files_expands_folders(tmp_path: Path) -> None:
    for name in (
        "a.txt",
        "sub/b.md",
        "sub/c.pdf",
        ".hidden/d.txt",
        ".e.txt",
        "MANIFEST.tsv",
        "README.md",
        "x.xyz",
        "y.xlsx",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("内容")
    single = tmp_path / "x.xyz"
    found = iter_files([tmp_path, single, tmp_path / "a.txt"])
    assert found == [tmp_path / "a.txt", tmp_path / "sub/b.md", tmp_path / "sub/c.pdf", tmp_path / "y.xlsx"]


def test_whole_test_corpus_loads(data: Path, settings: Settings) -> None:
    files = iter_files([data / "corpus"])
    assert len(files) == 15  # MANIFEST.tsv is not a document
    for path in files:
        doc = load_document(path, settings)
        assert doc.text and doc.title and doc.meta.year is not None, path.name
