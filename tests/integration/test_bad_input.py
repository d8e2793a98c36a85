"""Bad input: each refused with a message naming the file and the reason, the rest of the
batch indexed, nothing indexed before lost, nothing outside the data folder touched;
over-long questions refused clearly; an LLM endpoint that is down or hangs degrades to
fast mode."""

from __future__ import annotations

import io
import random
import socket
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from assistant.errors import QuestionError
from tests.checks import assert_consistent, blank_pdf, docx_bytes, free_port

runner = CliRunner()
GBK_TEXT = "某镇2024年工作总结\n一、主要成绩\n全镇新建文化礼堂12座，覆盖群众3.6万人。\n"


@pytest.fixture(autouse=True)
def e5_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "e5-small")


def _zip_of_something_else() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/readme.txt", "not a word document")
    return buffer.getvalue()


BAD_FILES = {  # name: (content, words the message must contain)
    "corrupt.pdf": (blank_pdf()[:300], ("损坏", "corrupt")),
    "junk-header.pdf": (b"%PDF-1.7\n" + random.Random(1).randbytes(3000), ("corrupt",)),
    "locked.pdf": (blank_pdf(encrypt=True), ("加密", "encrypted")),
    "scan.pdf": (blank_pdf(), ("OCR",)),
    "empty.docx": (docx_bytes(), ("no text",)),
    "photos.docx": (_zip_of_something_else(), ("Word", ".docx")),
    "junk.txt": (random.Random(7).randbytes(4096), ("not a text file",)),
    "big.txt": (("很长的文本。" * 6000).encode(), ("too large", "上限 0.05 MB")),
}


def test_a_batch_of_bad_files(tmp_path: Path, county_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MAX_FILE_MB", "0.05")  # 50 KB: above every other file here
    assistant = Assistant()
    assert assistant.index([county_report]).added == 1
    before = {d.name: d.content_hash for d in assistant.documents()}

    batch = tmp_path / "batch"
    batch.mkdir()
    for name, (data, _) in BAD_FILES.items():
        (batch / name).write_bytes(data)
    (batch / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (batch / "good.md").write_text("# 补充材料\n全县共有中小学45所。\n", encoding="utf-8")
    (batch / county_report.name).write_bytes(b"\x00\xff" * 100)  # a broken copy of an indexed file

    report = Assistant().index([batch])
    failed = {Path(f.path).name: f.error for f in report.failed}
    assert set(failed) == {*BAD_FILES, county_report.name}
    for name, (_, words) in BAD_FILES.items():
        assert failed[name].startswith(f"{name}: "), failed[name]
        assert all(word in failed[name] for word in words), failed[name]
    assert (report.added, report.updated) == (2, 0)

    assistant = Assistant()
    documents = {d.name: d.content_hash for d in assistant.documents()}
    assert documents.items() >= before.items(), "the broken copy must not replace the indexed report"
    assert set(documents) == {county_report.name, "gbk.txt", "good.md"}
    assert_consistent(assistant.settings)
    hit = assistant.search("新建文化礼堂多少座", k=1)[0]
    assert hit.chunk.doc == "gbk.txt" and "文化礼堂12座" in hit.chunk.text


def test_the_cli_names_each_refused_file(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(blank_pdf())
    (tmp_path / "ok.txt").write_text("全县共有中小学45所。", encoding="utf-8")
    result = runner.invoke(app, ["index", str(tmp_path / "scan.pdf"), str(tmp_path / "ok.txt")])
    assert result.exit_code == 0, result.output
    assert "scan.pdf" in result.output and "OCR" in result.output
    assert "新增 1" in result.output


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB long, nothing on disk
    read: list[Path] = []
    real_read_bytes = Path.read_bytes

    def spy(path: Path) -> bytes:
        read.append(path)
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", spy)
    started = time.monotonic()
    report = Assistant().index([huge])
    assert time.monotonic() - started < 10
    assert [f.error for f in report.failed] == ["huge.txt: 文件过大 200.0 MB，上限 50 MB (file too large)"]
    assert huge not in read


def test_no_path_escapes_the_data_folder(tmp_path: Path, data_home: Path, county_report: Path) -> None:
    assistant = Assistant()
    report = assistant.add_files([county_report])
    assert report.added == 1
    uploaded = next((data_home / "uploads").rglob(county_report.name))

    sentinels = [tmp_path / "x", data_home / "x", uploaded.parent / "x", data_home / "kb" / "x"]
    for sentinel in sentinels:
        sentinel.parent.mkdir(parents=True, exist_ok=True)
        sentinel.write_text("keep me", encoding="utf-8")
    for doc in (
        "../x",
        "../../x",
        "x",
        str(tmp_path / "x"),
        "..",
        ".",
        f"../{county_report.name}",
        f"uploads/default/{county_report.name}",
    ):
        result = runner.invoke(app, ["remove", doc])
        assert result.exit_code == 1, (doc, result.output)
        assert "no such document" in result.output
    assert all(s.read_text(encoding="utf-8") == "keep me" for s in sentinels)
    assert uploaded.is_file()
    assert [d.name for d in Assistant().documents()] == [county_report.name]

    # a knowledge base named like a path stays inside the data folder
    sneaky = tmp_path / "sneaky"
    sneaky.mkdir()
    outside = set(tmp_path.iterdir())
    result = runner.invoke(app, ["index", str(county_report), "--kb", "../../escaped", "--json"])
    assert result.exit_code == 0, result.output
    assert set(tmp_path.iterdir()) == outside
    assert not (tmp_path / "escaped").exists() and not (data_home / "escaped").exists()
    assert [d.name for d in Assistant().documents("../../escaped")] == [county_report.name]

    # an upload whose name carries folders (legal on Linux: backslashes) lands in the upload folder
    source = sneaky / "..\\..\\escaped.txt"
    source.write_text("全县共有中小学45所。", encoding="utf-8")
    assert assistant.add_files([source]).added == 1
    assert (uploaded.parent / "escaped.txt").is_file()
    assert set(tmp_path.iterdir()) == outside


LONG = "问" * 10_000


def test_a_question_of_10000_characters_is_refused_clearly(county_report: Path) -> None:
    assistant = Assistant()
    for call in (
        lambda: assistant.search(LONG),
        lambda: assistant.ask(LONG, "fast"),
        lambda: assistant.ask(LONG, "llm"),
        lambda: assistant.facts(LONG),
    ):
        with pytest.raises(QuestionError, match="问题过长"):
            call()
    for args in (["ask", LONG, "--mode", "fast"], ["ask", LONG], ["ask", LONG, "--json"], ["search", LONG]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert "问题过长" in result.output and "10000" in result.output
        assert "Traceback" not in result.output


@pytest.fixture
def hanging_endpoint() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0), backlog=16)
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/v1"
    finally:
        server.close()


def test_an_unreachable_llm_endpoint_falls_back_to_fast_mode(
    hanging_endpoint: str, county_report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["index", str(county_report)]).exit_code == 0
    monkeypatch.setenv("ASSISTANT_LLM_BACKEND", "openai")
    monkeypatch.setenv("ASSISTANT_OPENAI_MODEL", "qwen2.5")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT_S", "1")
    for url in (f"http://127.0.0.1:{free_port()}/v1", hanging_endpoint):  # closed port, then no answer
        monkeypatch.setenv("ASSISTANT_OPENAI_BASE_URL", url)
        started = time.monotonic()
        result = runner.invoke(app, ["ask", "全县组建了几个教育集团？"])
        assert time.monotonic() - started < 30
        assert result.exit_code == 0, result.output
        assert "大模型不可用，已改用快速模式" in result.output
        assert "4个教育集团" in "".join(result.stdout.split())

        as_json = runner.invoke(app, ["ask", "全县组建了几个教育集团？", "--json"])
        assert as_json.exit_code == 0, as_json.output
        assert '"mode": "fast"' in as_json.stdout and "LLM unavailable" in as_json.stdout
