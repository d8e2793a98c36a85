"""``assistant doctor``: the real checks on this machine, and failures it must report."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.llm.cpu import build_features, cpu_flags
from tests.checks import cpuinfo_file

runner = CliRunner()
SYSTEM_INFO = "CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | AVX512 = 1 | AMX_INT8 = 0 | LLAMAFILE = 1 | OPENMP = 1 |"


def test_build_features_are_those_switched_on() -> None:
    assert build_features(SYSTEM_INFO) == ("SSE3", "AVX", "AVX2", "AVX512", "LLAMAFILE", "OPENMP")


def test_cpu_flags_are_the_first_processors(tmp_path: Path) -> None:
    assert cpu_flags(cpuinfo_file(tmp_path, "fpu pni avx avx2")) == {"fpu", "pni", "avx", "avx2"}
    assert cpu_flags(tmp_path / "absent") == frozenset()


def test_doctor_fails_on_an_unreachable_chroma_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.doctor import check_chroma_server
    from assistant.settings import Settings

    monkeypatch.setenv("ASSISTANT_CHROMA_URL", "http://127.0.0.1:9")  # the discard port: nothing answers
    check = check_chroma_server(Settings())
    assert check.outcome == "fail" and "无法连接" in check.detail


def test_the_install_step_compiles_no_amx_even_for_an_amx_cpu() -> None:
    """On a CPU that advertises AMX, -march=native turns AMX on; the install step's flags turn it off again.

    llama.cpp compiles its AMX kernels only where the compiler defines __AMX_INT8__, so a
    Sapphire Rapids target stands in for the machine that crashed (we have none to test on).
    """
    import re
    import subprocess

    from tests.conftest import REPO

    dry_run = subprocess.run(["make", "-n", "install-llm"], cwd=REPO, capture_output=True, text=True, check=True)
    flags = re.search(r"-DCMAKE_C_FLAGS='([^']*)'", dry_run.stdout)
    assert flags and "-mno-amx-int8" in flags.group(1), dry_run.stdout

    def amx_macros(*options: str) -> list[str]:
        done = subprocess.run(
            ["cc", "-march=sapphirerapids", *options, "-dM", "-E", "-"],
            input="",
            capture_output=True,
            text=True,
            check=True,
        )
        return re.findall(r"__AMX_\w+__", done.stdout)

    assert "__AMX_INT8__" in amx_macros(), "the compiler should enable AMX for this CPU by default"
    assert amx_macros(*flags.group(1).split()) == []
