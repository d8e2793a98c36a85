"""Crash safety: ``kill -9`` a real ``assistant index`` once chunks land, index again,
and the store and its derived indexes are whole and consistent."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from assistant.index.keyword import KeywordIndex
from assistant.ingest import iter_files, load_document, split_document
from assistant.settings import Settings
from tests.checks import BIN, assert_consistent

CORPUS_FILES = (  # with the county report: 8, 7 and 21 passages, indexed in this order
    "2026_广州市天河区_积分制入学学位申请指引.txt",
    "2026_广州市天河区教育局_幼儿园招生工作方案.txt",
)


@pytest.fixture(autouse=True)
def e5_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast real embedder: a crash is about the store, and each run is a fresh process."""
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "e5-small")


@pytest.fixture
def docs(tmp_path: Path, county_report: Path, data: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(county_report, folder)
    for name in CORPUS_FILES:
        shutil.copy(data / "corpus" / name, folder)
    return folder


def _figure_documents(settings: Settings) -> dict[str, str]:
    """The figure table's {document: hash}, read from outside the indexing process."""
    path = settings.kb_path() / "figures.sqlite"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return dict(conn.execute("SELECT name, content_hash FROM documents").fetchall())
    except sqlite3.Error:
        return {}


def _index(docs: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "assistant"), "index", str(docs), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )


def _kill_when(process: subprocess.Popen, landed, delay: float = 0.0, timeout: float = 120.0) -> None:
    """SIGKILL ``process`` ``delay`` seconds after ``landed()`` first holds."""
    deadline = time.monotonic() + timeout
    while not landed():
        assert process.poll() is None, f"indexing ended before it could be killed: {process.communicate()}"
        assert time.monotonic() < deadline, "no chunk landed in time"
        time.sleep(0.02)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL, "indexing finished before the kill: nothing was tested"


def _finish(docs: Path) -> dict:
    process = _index(docs)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return json.loads(out.decode().strip().splitlines()[-1])


def _expected(docs: Path, settings: Settings) -> dict[str, int]:
    return {
        path.name: len(split_document(load_document(path, settings), settings.chunk_size))
        for path in iter_files([docs])
    }


def test_kill_during_indexing_then_index_again(docs: Path, settings: Settings) -> None:
    names = {path.name for path in iter_files([docs])}

    first = _index(docs)
    _kill_when(first, lambda: len(_figure_documents(settings)) >= 1)
    landed = _figure_documents(settings)
    assert 1 <= len(landed) < len(names)
    keyword = KeywordIndex(settings.kb_path() / "keyword.pkl")
    assert not keyword.load() or not keyword.ids, "the keyword index lags the store: the next run must repair it"

    report = _finish(docs)
    assert report["failed"] == []
    assert report["added"] + report["unchanged"] == len(names)
    assert report["unchanged"] >= 1, "documents stored before the kill are kept"
    assert_consistent(settings, expected_chunks=_expected(docs, settings))

    # a crash in the middle of replacing changed documents
    for path in docs.iterdir():
        path.write_text(path.read_text(encoding="utf-8") + "\n附：本文件已更新，新增学位880个。\n", encoding="utf-8")
    new_hashes = {path.name: load_document(path, settings).content_hash for path in docs.iterdir()}
    shutil.rmtree(settings.cache_path)  # every passage is embedded again: the run lasts long enough to kill
    second = _index(docs)
    _kill_when(second, lambda: any(new_hashes[n] == h for n, h in _figure_documents(settings).items()), delay=0.1)

    report = _finish(docs)
    assert report["failed"] == []
    assert report["added"] + report["updated"] + report["unchanged"] == len(names)
    assert_consistent(settings, expected_chunks=_expected(docs, settings))
    assert _figure_documents(settings) == new_hashes
