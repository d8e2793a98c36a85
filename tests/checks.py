"""Helpers shared by the tests: a real Chroma server, free ports, a fake cpuinfo, and the
consistency check of a knowledge base (Chroma, keyword index, figure table)."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pypdf

from assistant.facts.table import FigureTable
from assistant.index.embed import embedder_name
from assistant.index.keyword import KeywordIndex
from assistant.index.store import VectorStore
from assistant.settings import Settings

SUMMARY = "2024_某县_工作总结.txt"  # the second document of the ``docs`` fixture
SUMMARY_TEXT = (
    "某县2024年工作总结\n一、基本情况\n全县新建幼儿园3所，新增学位1200个。\n二、集团化办学\n全县组建3个教育集团。\n"
)

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers 200; fail early when ``process`` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


def stop(process: subprocess.Popen) -> None:
    """Terminate a server we started (and kill it when it will not go)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    """A real ``chroma run`` on a free port of 127.0.0.1; yields its URL."""
    port = free_port()
    log = (path.parent / f"chroma-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        log.close()


def assert_consistent(settings: Settings, kb: str | None = None, expected_chunks: dict[str, int] | None = None) -> None:
    """Every document complete, ids unique, and the derived indexes on disk equal Chroma.

    Reads the store and the files as they are: opening a ``KnowledgeBase`` would repair
    them first. ``expected_chunks`` ({document: chunk count}) also checks which documents are there.
    """
    kb = kb or settings.kb
    store = VectorStore(settings, kb, embedder_name(settings))
    ids = store.ids()
    assert len(ids) == len(set(ids)), "duplicate chunk ids in Chroma"
    documents = store.documents()
    assert all(doc.complete for doc in documents), [d for d in documents if not d.complete]
    per_doc = Counter(chunk_id.rsplit("#", 1)[0] for chunk_id in ids)
    for doc in documents:
        wanted = {f"{doc.name}#{i}" for i in range(doc.expected_chunks)}
        assert wanted <= set(ids) and per_doc[doc.name] == doc.expected_chunks, doc.name
    if expected_chunks is not None:
        assert {doc.name: doc.chunks for doc in documents} == expected_chunks

    keyword = KeywordIndex(settings.kb_path(kb) / "keyword.pkl")
    assert keyword.load(), "no keyword index on disk"
    assert sorted(keyword.ids) == sorted(ids), "keyword index differs from Chroma"

    figures = FigureTable(settings.kb_path(kb) / "figures.sqlite")
    try:
        assert figures.documents() == {doc.name: doc.content_hash for doc in documents}
    finally:
        figures.close()


def blank_pdf(encrypt: bool = False) -> bytes:
    """A one-page PDF without a text layer, as a scan would be; optionally encrypted."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    if encrypt:
        writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(text: str = "") -> bytes:
    """A Word file holding one paragraph of ``text``, or nothing."""
    document = docx.Document()
    if text:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cpuinfo_file(tmp_path: Path, flags: str) -> Path:
    """A /proc/cpuinfo of two processors, the first with ``flags`` (doctor reads the first one's)."""
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: {flags}\n\nprocessor\t: 1\nflags\t\t: x\n")
    return path
