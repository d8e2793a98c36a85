"""Browser uploads keep a safe name inside the knowledge base's upload folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.uploads import safe_filename, store_upload, upload_folder
from assistant.settings import Settings


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("2025年工作总结.docx", "2025年工作总结.docx"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("C:\\Users\\a\\报告.pdf", "报告.pdf"),
        ("a<b>:c?.txt", "a_b_c_.txt"),
        ("..", "file"),
        (".bashrc", "bashrc"),
        ("\x00\x1f", "file"),
        ("报" * 300 + ".docx", "报" * 115 + ".docx"),  # 120 characters, the suffix kept
    ],
)
def test_safe_filename(sent: str, kept: str) -> None:
    assert safe_filename(sent) == kept


def test_store_upload_never_leaves_its_folder(tmp_path: Path, settings: Settings) -> None:
    source = tmp_path / "x.txt"
    source.write_text("内容", encoding="utf-8")
    folder = upload_folder(settings, "../../outside")
    assert folder.resolve().is_relative_to(settings.home.resolve())
    stored = store_upload(source, folder, "../../../evil.txt")
    assert stored == folder / "evil.txt" and stored.read_text(encoding="utf-8") == "内容"
