"""``assistant doctor``: what a user or administrator checks before trusting a machine.

Each check is a small function returning a :class:`Check`; a failed one says what is
wrong and what to do. The local model is asked to write a few tokens in its worker
process, so a build that does not run on this CPU shows up here and not in a meeting.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from assistant.errors import AssistantError
from assistant.index.embed import get_embedder
from assistant.llm.backends import LocalModelBackend, get_backend
from assistant.llm.cpu import check_build
from assistant.models.catalog import CATALOG
from assistant.models.provision import status
from assistant.settings import Settings

MIN_FREE_DISK_GB = 2.0  # room for a knowledge base's index, uploads and exports
Outcome = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Check:
    name: str
    outcome: Outcome
    detail: str

    @property
    def ok(self) -> bool:
        return self.outcome != "fail"


def check_cpu(settings: Settings) -> Check:
    report = check_build()
    if report.error:
        return Check("CPU 与 llama.cpp 编译", "fail", f"{report.error}。重新安装：make install-llm")
    amx = sorted(f for f in report.cpu_flags if f.startswith("amx"))
    used = " ".join(report.build_features) or "—"
    detail = f"编译使用：{used}；CPU 提供 AMX：{'、'.join(amx) or '无'}（本地模型不使用 AMX）"
    if report.missing:
        return Check(
            "CPU 与 llama.cpp 编译",
            "fail",
            f"编译使用了本机 CPU 没有的指令集 {', '.join(report.missing)}；请在本机重新编译：make install-llm。{detail}",
        )
    if "AMX_INT8" in report.build_features:
        return Check("CPU 与 llama.cpp 编译", "warn", f"编译启用了 AMX，虚拟机中可能不可用。{detail}")
    return Check("CPU 与 llama.cpp 编译", "ok", detail)


def check_models(settings: Settings) -> Check:
    wanted = []
    if settings.embedder == "embeddinggemma" and settings.embedding_model_path is None:
        wanted.append("embeddinggemma")
    if settings.llm_backend == "llamacpp" and settings.llm_model_path is None:
        wanted.append(settings.llm_model)
    states = [status(CATALOG[name], settings.models_path) for name in wanted]
    missing = [s.name for s in states if not s.verified]
    if missing:
        return Check("模型文件", "fail", f"缺少或未通过校验：{', '.join(missing)}。安装：assistant models install")
    return Check("模型文件", "ok", "、".join(f"{s.name} ✓" for s in states) or "使用管理员提供的路径")


def check_llm(settings: Settings) -> Check:
    try:
        backend = get_backend(settings)
        started = time.perf_counter()
        text = "".join(backend.stream([{"role": "user", "content": "用一个词回答：天空是什么颜色？"}], max_tokens=8))
        seconds = time.perf_counter() - started
    except AssistantError as error:
        return Check("大模型生成", "fail", f"{error}（提问会自动改用快速模式）")
    if not text.strip():
        return Check("大模型生成", "fail", f"{backend.name} 没有生成任何文字")
    where = f"，工作进程 pid {backend.worker.pid}" if isinstance(backend, LocalModelBackend) else ""
    return Check("大模型生成", "ok", f"{backend.name}{where}：{text.strip()[:20]!r}（启动并生成 {seconds:.1f} 秒）")


def check_embedder(settings: Settings) -> Check:
    try:
        started = time.perf_counter()
        vectors = get_embedder(settings).embed_queries(["教育集团覆盖多少所学校？"])
        seconds = time.perf_counter() - started
    except (AssistantError, OSError) as error:
        return Check("向量模型", "fail", str(error))
    return Check("向量模型", "ok", f"{settings.embedder}：{vectors.shape[1]} 维，加载并编码 {seconds:.1f} 秒")


def check_data_folder(settings: Settings) -> Check:
    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=settings.home):
            pass
    except OSError as error:
        return Check("数据目录", "fail", f"{settings.home} 不可写：{error}")
    free_gb = shutil.disk_usage(settings.home).free / 1e9
    if free_gb < MIN_FREE_DISK_GB:
        return Check("数据目录", "fail", f"{settings.home} 剩余空间 {free_gb:.1f} GB，少于 {MIN_FREE_DISK_GB} GB")
    return Check("数据目录", "ok", f"{settings.home} 可写，剩余 {free_gb:.0f} GB")


def check_chroma_server(settings: Settings) -> Check:
    if not settings.chroma_url:
        return Check("Chroma 服务器", "ok", "未配置（使用内嵌存储）")
    try:
        from urllib.parse import urlparse

        import chromadb

        url = urlparse(settings.chroma_url)
        chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000).heartbeat()
    except Exception as error:  # any failure to reach the server is the finding
        return Check("Chroma 服务器", "fail", f"{settings.chroma_url} 无法连接：{error}")
    return Check("Chroma 服务器", "ok", f"{settings.chroma_url} 可用")


CHECKS: tuple[Callable[[Settings], Check], ...] = (
    check_cpu,
    check_models,
    check_data_folder,
    check_embedder,
    check_llm,
    check_chroma_server,
)


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in an order where an early failure explains a later one."""
    return [check(settings) for check in CHECKS]
