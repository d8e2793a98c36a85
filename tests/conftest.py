"""Every test gets its own data folder; models are shared from the provisioned folder.

Models are provisioned by the test command (``make test``) before pytest starts, so a
missing model fails the tests that need it instead of silently skipping them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.checks import SUMMARY, SUMMARY_TEXT

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
COUNTY_REPORT = "2025_县教育局局长_述职述责述廉报告.txt"
MODELS_DIR = Settings().models_path  # resolved once, before any test changes the environment


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(MODELS_DIR))
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "qwen2.5-0.5b")  # the small model the test command provisions
    monkeypatch.setenv("ASSISTANT_LLM_TEMPERATURE", "0")  # greedy: the same answer every run
    monkeypatch.delenv("ASSISTANT_CONFIG", raising=False)
    monkeypatch.delenv("ASSISTANT_CHROMA_URL", raising=False)
    return home


@pytest.fixture
def settings(data_home: Path) -> Settings:
    return Settings()


@pytest.fixture
def data() -> Path:
    """Test documents kept in the repository (``corpus/`` holds copies of real ones, sources in MANIFEST.tsv),
    so a fresh clone runs every test; only bench/ reads ../shared."""
    return DATA


@pytest.fixture
def county_report() -> Path:
    return REPO / "corpus" / COUNTY_REPORT


@pytest.fixture
def docs(tmp_path: Path, county_report: Path) -> Path:
    """A folder with the county's 2025 report and a short 2024 summary of the same county."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(county_report, folder)
    (folder / SUMMARY).write_text(SUMMARY_TEXT, encoding="utf-8")
    return folder


def pytest_report_header(config: pytest.Config) -> str:
    return f"models: {MODELS_DIR} · cpus: {os.cpu_count()}"
