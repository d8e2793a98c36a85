"""OCR on real renderings: a noisy, slightly rotated scan, a phone photo lying on its side,
a PDF whose second page is a scan, and an OFD that holds only a page image."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from assistant.ingest import load_document, split_document
from assistant.ingest.formats.ocr import model_files
from assistant.models.catalog import OCR_MODELS
from assistant.models.provision import sha256_file
from assistant.settings import Settings
from tests.integration.test_formats import ofd_bytes, report_docx
from tests.pages import render_page

SCAN_LINES = [
    "某县2025年教育事业发展统计公报",
    "一、基本情况",
    "2025年全县共有小学45所，在校生12345人，",
    "专任教师860人。",
    "二、教育投入",
    "全年教育经费总投入8.6亿元，比上年增长6.3%。",
]


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def scan_png() -> bytes:
    buffer = io.BytesIO()
    render_page(SCAN_LINES, seed=1, footer="第1页 共1页").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_models_are_the_verified_ones() -> None:
    files = model_files()
    assert {role: sha256_file(path) for role, path in files.items()} == {r: f.sha256 for r, f in OCR_MODELS.items()}


def test_a_noisy_rotated_scan_is_read_in_order_without_its_page_number(
    tmp_path: Path, settings: Settings, scan_png: bytes
) -> None:
    path = tmp_path / "公报.png"
    path.write_bytes(scan_png)
    progress: list[tuple[int, int]] = []
    doc = load_document(path, settings, on_page=lambda done, total: progress.append((done, total)))
    assert doc.text.split("\n") == [
        "某县2025年教育事业发展统计公报",
        "一、基本情况",
        "2025年全县共有小学45所，在校生12345人，专任教师860人。",  # a wrapped line joined again
        "二、教育投入",
        "全年教育经费总投入8.6亿元，比上年增长6.3%。",
    ]
    assert progress == [(1, 1)]
    assert (doc.info.format, doc.info.pages, doc.info.ocr_pages) == ("png", 1, (1,))
    assert all(chunk.ocr and chunk.pages == (1,) for chunk in split_document(doc, settings.chunk_size))


def test_a_phone_photo_is_turned_upright_by_its_exif(tmp_path: Path, settings: Settings) -> None:
    page = render_page(["全县新建幼儿园3所，新增学位1200个。"], seed=2, rotation=-0.8).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show": the camera was held sideways
    path = tmp_path / "photo.jpg"
    page.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=85, exif=exif)
    assert "全县新建幼儿园3所，新增学位1200个。" in _squeezed(load_document(path, settings).text)


def test_only_the_scanned_page_of_a_pdf_is_ocrd(tmp_path: Path, settings: Settings, scan_png: bytes) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report_docx(tmp_path / "总结.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    scanned = io.BytesIO()
    Image.open(io.BytesIO(scan_png)).convert("RGB").save(scanned, "PDF", resolution=150)
    writer = pypdf.PdfWriter()
    writer.append(tmp_path / "总结.pdf")
    writer.append(io.BytesIO(scanned.getvalue()))
    path = tmp_path / "mixed.pdf"
    writer.write(path)
    doc = load_document(path, settings)
    assert doc.info.ocr_pages == (2,) and [p.number for p in doc.pages] == [1, 2]
    chunks = split_document(doc, 120)
    scan_chunk = next(c for c in chunks if "总投入8.6亿元" in c.text)
    text_chunk = next(c for c in chunks if "组建4个教育集团" in c.text)
    assert scan_chunk.pages[-1] == 2 and scan_chunk.ocr
    assert text_chunk.pages == (1,) and not text_chunk.ocr


def test_an_ofd_of_page_images_goes_to_ocr(tmp_path: Path, settings: Settings, scan_png: bytes) -> None:
    path = tmp_path / "扫描件.ofd"
    path.write_bytes(ofd_bytes(["封面说明：本件为扫描件。"], title="2025年教育事业发展统计公报", image=scan_png))
    doc = load_document(path, settings)
    assert doc.info.ocr_pages == (2,)
    assert doc.text.startswith("封面说明：本件为扫描件。\n某县2025年教育事业发展统计公报")
    assert "全年教育经费总投入8.6亿元，比上年增长6.3%。" in doc.text
