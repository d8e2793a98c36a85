"""Supervise the local model's worker process (:mod:`assistant.llm.serve`).

The worker is started on first use, on a free port of 127.0.0.1, and waited for until
it answers. When a request fails the supervisor looks at the process: if it died (a
signal such as SIGSEGV or SIGKILL, or an exit code) the failure is described in words
and the next request starts a fresh worker; if it is alive but stopped answering, it is
killed so that the next request starts a fresh one too. The worker is stopped with the
product (``atexit``) and, should the product be killed, by the kernel (see serve.py).

Its state is also written to ``$ASSISTANT_HOME/run/llm-worker.json`` so that
``assistant models status`` and ``assistant doctor`` in another process can report it.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.errors import BackendUnavailableError
from assistant.settings import Settings

READY_POLL_S = 0.1
STOP_GRACE_S = 5.0
LOG_TAIL_CHARS = 600


@dataclass(frozen=True)
class WorkerState:
    """What the supervisor knows of its worker, for 设置, ``models status`` and ``doctor``."""

    model: str
    state: str  # "not started" | "starting" | "ready" | "crashed" | "stopped"
    pid: int | None = None
    port: int | None = None
    starts: int = 0
    crashes: int = 0
    last_error: str | None = None

    def describe(self) -> str:
        where = f" · pid {self.pid} · 127.0.0.1:{self.port}" if self.state == "ready" else ""
        history = f" · 已重启 {self.starts - 1} 次" if self.starts > 1 else ""
        error = f" · 上次故障：{self.last_error}" if self.last_error else ""
        return f"{STATE_WORDS.get(self.state, self.state)}{where}{history}{error}"


STATE_WORDS = {
    "not started": "未启动（首次提问时启动）",
    "starting": "正在启动",
    "ready": "运行中",
    "crashed": "已崩溃（下次提问时自动重启）",
    "stopped": "已停止",
}


def describe_exit(code: int) -> str:
    """A worker's exit status in words: "信号 SIGSEGV" for -11, "退出码 1" for 1."""
    if code < 0:
        try:
            return f"信号 {signal.Signals(-code).name}"
        except ValueError:
            return f"信号 {-code}"
    return f"退出码 {code}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalModelWorker:
    """One supervised worker process serving one GGUF file."""

    def __init__(self, model_path: Path, settings: Settings) -> None:
        self.model_path = model_path
        self._settings = settings
        self._process: subprocess.Popen[bytes] | None = None
        self._port: int | None = None
        self._starts = 0
        self._crashes = 0
        self._last_error: str | None = None
        self._exit_recorded: int | None = None  # pid of the last dead worker counted as a crash
        self._lock = threading.Lock()
        self._log_path = settings.home / "logs" / "llm-worker.log"
        self._state_path = settings.home / "run" / "llm-worker.json"
        atexit.register(self.stop)

    # -- lifecycle -----------------------------------------------------------------
    def base_url(self) -> str:
        """The worker's OpenAI endpoint, starting the worker first if it is not running."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            return f"http://127.0.0.1:{self._port}/v1"

    def _start(self) -> None:
        if self._process is not None and self._process.returncode is not None:
            self._record_exit(self._process.returncode)
        self._port = _free_port()
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        threads = self._settings.llm_threads or os.cpu_count() or 1
        command = [
            sys.executable,
            "-m",
            "assistant.llm.serve",
            "--model",
            str(self.model_path),
            "--port",
            str(self._port),
            "--threads",
            str(threads),
            "--context",
            str(self._settings.llm_context),
            "--seed",
            str(self._settings.llm_seed),
            "--prompt-lookup",
            str(self._settings.llm_prompt_lookup),
        ]
        with self._log_path.open("ab") as log:
            log.write(f"\n--- {time.strftime('%Y-%m-%d %H:%M:%S')} start {' '.join(command)}\n".encode())
            self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        self._starts += 1
        self._save("starting")
        deadline = time.monotonic() + self._settings.llm_start_timeout_s
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                self._record_exit(code)
                self._save("crashed")
                raise BackendUnavailableError(
                    f"本地模型进程启动失败（{describe_exit(code)}）(local model worker failed to start): {self.log_tail()}"
                )
            if self._answers():
                self._save("ready")
                return
            time.sleep(READY_POLL_S)
        self._kill()
        self._last_error = f"启动超过 {self._settings.llm_start_timeout_s:.0f} 秒"
        self._save("crashed")
        raise BackendUnavailableError(f"本地模型进程启动超时 (local model worker did not start): {self.log_tail()}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self._port}/v1/models", timeout=1) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def failure(self, error: Exception) -> str:
        """After a failed request: what happened to the worker, in words (and a hung one is killed)."""
        with self._lock:
            process = self._process
            if process is None:
                return str(error)
            try:
                code = process.wait(timeout=1.0)  # a crashing process may need a moment to be reaped
            except subprocess.TimeoutExpired:
                code = None
            if code is None:  # alive, but the request failed: hung or wedged, so start afresh next time
                self._kill()
                self._last_error = f"无响应，已终止（{type(error).__name__}）"
            else:
                self._record_exit(code)
            self._save("crashed")
            return f"本地模型进程{self._last_error}，下次提问时自动重启"

    def _record_exit(self, code: int) -> None:
        """Count a dead worker once, however many times it is looked at."""
        if self._process is not None and self._process.pid != self._exit_recorded:
            self._exit_recorded = self._process.pid
            self._crashes += 1
            self._last_error = f"异常退出（{describe_exit(code)}）"

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def stop(self) -> None:
        """Stop the worker (at exit, or when another model replaces it)."""
        with self._lock:
            process, self._process = self._process, None
            if process is None:
                return
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=STOP_GRACE_S)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            self._save("stopped")

    # -- reporting -----------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def state(self) -> WorkerState:
        process = self._process
        if process is None:
            name = "not started" if self._starts == 0 else "stopped"
        elif process.poll() is not None:
            name = "crashed"
        else:
            name = "ready" if self._answers() else "starting"
        return WorkerState(
            self.model_path.name, name, self.pid, self._port, self._starts, self._crashes, self._last_error
        )

    def log_tail(self) -> str:
        try:
            text = self._log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return text[-LOG_TAIL_CHARS:].strip()

    def _save(self, state: str) -> None:
        pid = self.pid if state in ("starting", "ready") else None
        record = WorkerState(
            self.model_path.name, state, pid, self._port, self._starts, self._crashes, self._last_error
        )
        try:
            self._state_path.parent.mkdir(parents=True, exist_ok=True)
            self._state_path.write_text(json.dumps(asdict(record), ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # reporting only: a read-only data folder must not stop answers


def saved_state(settings: Settings) -> WorkerState | None:
    """The worker state another process last wrote, with a dead pid reported as not running."""
    path = settings.home / "run" / "llm-worker.json"
    try:
        record = WorkerState(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if record.pid is not None and record.state in ("ready", "starting") and not _alive(record.pid):
        record = WorkerState(
            record.model, "stopped", None, record.port, record.starts, record.crashes, record.last_error
        )
    return record


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True
