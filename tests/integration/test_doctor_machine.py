"""``assistant doctor`` on this machine: the llama.cpp build against this CPU, the models, the LLM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.llm.cpu import check_build, cpu_flags
from tests.checks import cpuinfo_file

runner = CliRunner()


def test_the_installed_build_runs_on_this_cpu() -> None:
    """The install step's build uses nothing this CPU lacks, and never AMX."""
    report = check_build()
    assert report.error is None, report.error
    assert report.build_features, "llama.cpp reported no features"
    assert report.missing == ()
    assert "AMX_INT8" not in report.build_features


def test_a_build_for_another_cpu_is_found(tmp_path: Path) -> None:
    """A CPU without AVX (an old office PC, say) cannot run this build: doctor names what is missing."""
    report = check_build(cpu_flags(cpuinfo_file(tmp_path, "fpu sse sse2 pni ssse3")))
    assert "AVX" in report.missing and "SSE3" not in report.missing


def test_doctor_passes_on_this_machine() -> None:
    result = runner.invoke(app, ["doctor", "--json"])
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert result.exit_code == 0, payload
    assert payload["ok"] is True
    checks = {c["name"]: c for c in payload["checks"]}
    assert checks["大模型生成"]["outcome"] == "ok" and "工作进程 pid" in checks["大模型生成"]["detail"]
    assert checks["向量模型"]["outcome"] == "ok"
    assert all(c["outcome"] != "fail" for c in payload["checks"])


def test_doctor_fails_without_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "no-models"))
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "assistant models install" in result.stdout
    assert "有检查未通过" in result.stdout
