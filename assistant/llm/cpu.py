"""Which instruction sets this CPU offers and which the llama.cpp build uses.

The install step compiles llama.cpp for the machine it runs on (``-march=native``) with
Intel AMX switched off: many virtual machines advertise AMX in /proc/cpuinfo without
enabling it, and the build's AMX matrix kernels then fault on the first prompt. A build
that uses an instruction set this CPU lacks (a virtual environment copied from another
machine, say) dies on the first answer; ``assistant doctor`` compares the two lists.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# llama.cpp's system-info names → the /proc/cpuinfo flag that must be present (Linux's names)
BUILD_FEATURE_FLAGS = {
    "SSE3": "pni",
    "SSSE3": "ssse3",
    "AVX": "avx",
    "AVX2": "avx2",
    "F16C": "f16c",
    "FMA": "fma",
    "BMI2": "bmi2",
    "AVX_VNNI": "avx_vnni",
    "AVX512": "avx512f",
    "AVX512_VBMI": "avx512vbmi",
    "AVX512_VNNI": "avx512_vnni",
    "AVX512_BF16": "avx512_bf16",
    "AMX_INT8": "amx_int8",
}
SYSTEM_INFO_SCRIPT = "import llama_cpp; print(llama_cpp.llama_print_system_info().decode())"


@dataclass(frozen=True)
class BuildReport:
    """The CPU's flags, the build's features, and which of those the CPU does not have."""

    cpu_flags: frozenset[str]
    build_features: tuple[str, ...]
    missing: tuple[str, ...]
    error: str | None = None


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The first processor's flags (empty where /proc/cpuinfo does not exist)."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    match = re.search(r"^flags\s*:\s*(.*)$", text, re.MULTILINE)
    return frozenset(match.group(1).split()) if match else frozenset()


def build_features(system_info: str) -> tuple[str, ...]:
    """The features a llama.cpp system-info line reports as compiled in ("AVX2 = 1")."""
    return tuple(name for name, on in re.findall(r"([A-Z][A-Z0-9_]+) = (\d)", system_info) if on == "1")


def check_build(flags: frozenset[str] | None = None, timeout_s: float = 60.0) -> BuildReport:
    """Read the build's features in a child process (a build for another CPU may crash on import)."""
    flags = cpu_flags() if flags is None else flags
    try:
        done = subprocess.run(
            [sys.executable, "-c", SYSTEM_INFO_SCRIPT], capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        return BuildReport(flags, (), (), "llama_cpp 导入超时")
    if done.returncode != 0:
        return BuildReport(flags, (), (), f"llama_cpp 无法导入（退出码 {done.returncode}）：{done.stderr[-300:]}")
    features = build_features(done.stdout)
    missing = tuple(f for f in features if f in BUILD_FEATURE_FLAGS and flags and BUILD_FEATURE_FLAGS[f] not in flags)
    return BuildReport(flags, features, missing)
