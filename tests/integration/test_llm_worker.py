"""The local model runs in a supervised worker process: its crash or hang costs one answer, never the caller.

Real worker, real small model (Qwen2.5 0.5B), real signals. Each test has its own data
folder, so each starts its own worker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from assistant.llm.backends import LocalModelBackend, get_backend
from assistant.llm.worker import describe_exit, saved_state
from assistant.types import Final, Token

QUESTION = "全县组建了几个教育集团？"


@pytest.fixture
def assistant(county_report: Path) -> Assistant:
    assistant = Assistant()
    assistant.index([county_report])
    return assistant


def _worker(assistant: Assistant) -> LocalModelBackend:
    backend = get_backend(assistant.settings)
    assert isinstance(backend, LocalModelBackend)
    return backend


def _answered_by_the_llm(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION, mode="llm")
    assert answer.mode == "llm" and not answer.notice, answer
    assert "4" in answer.text


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_a_worker_killed_mid_answer_costs_one_answer(assistant: Assistant, kill: signal.Signals) -> None:
    events = assistant.ask_events(QUESTION, mode="llm")
    first = next(events)
    assert isinstance(first, Token), "the answer is streaming when the worker dies"
    pid = _worker(assistant).worker.pid
    assert pid is not None and pid != os.getpid(), "the model runs in a process of its own"
    os.kill(pid, kill)
    final = [event for event in events if isinstance(event, Final)][-1].answer

    assert final.mode == "fast" and not final.refused, final
    assert final.notice and describe_exit(-kill) in final.notice, final.notice
    assert "4个教育集团" in final.text.replace(" ", "")
    state = _worker(assistant).worker.state()
    assert state.crashes == 1 and state.state == "crashed"

    _answered_by_the_llm(assistant)  # the next question starts a fresh worker
    assert _worker(assistant).worker.pid != pid
    assert _worker(assistant).worker.state().state == "ready"


def test_a_hung_worker_is_killed_and_replaced(county_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT_S", "30")
    assistant = Assistant()
    assistant.index([county_report])
    _answered_by_the_llm(assistant)
    pid = _worker(assistant).worker.pid
    os.kill(pid, signal.SIGSTOP)  # alive but silent, as a wedged native call would be
    started = time.monotonic()
    answer = assistant.ask(QUESTION, mode="llm")
    assert time.monotonic() - started < 90
    assert answer.mode == "fast" and answer.notice and "无响应" in answer.notice, answer.notice
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the hung worker was killed, not left behind
    _answered_by_the_llm(assistant)


def test_the_worker_state_is_reported(assistant: Assistant) -> None:
    runner = CliRunner()
    before = json.loads(runner.invoke(app, ["models", "status", "--json"]).stdout)
    assert before["llm_worker"]["state"] == "not started"
    _answered_by_the_llm(assistant)
    after = json.loads(runner.invoke(app, ["models", "status", "--json"]).stdout)
    assert after["llm_worker"]["state"] == "ready"
    assert after["llm_worker"]["pid"] == _worker(assistant).worker.pid
    assert "运行中" in (assistant.llm_worker_state() or saved_state(assistant.settings)).describe()


def test_a_sampled_reply_does_not_depend_on_the_calls_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts sample (temperature > 0); the same request must give the same text first or third in a worker's life."""
    monkeypatch.setenv("ASSISTANT_LLM_TEMPERATURE", "1.0")
    backend = get_backend(Assistant().settings)
    request = [{"role": "user", "content": "用一句话介绍县域教育集团化办学。"}]
    first = "".join(backend.stream(request, max_tokens=40))
    "".join(backend.stream([{"role": "user", "content": "你好"}], max_tokens=8))
    third = "".join(backend.stream(request, max_tokens=40))
    assert first and first == third


def test_the_worker_ends_with_the_product(tmp_path: Path, county_report: Path) -> None:
    """Even a product killed by SIGKILL takes its worker with it (the kernel's parent-death signal)."""
    script = (
        "from assistant.api import Assistant\n"
        "from assistant.llm.backends import get_backend\n"
        "a = Assistant()\n"
        "backend = get_backend(a.settings)\n"
        "print(''.join(backend.stream([{'role': 'user', 'content': '你好'}], max_tokens=2)) and '', flush=True)\n"
        "print(backend.worker.pid, flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    product = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        lines = [product.stdout.readline() for _ in range(2)]
        worker_pid = int(lines[-1])
        assert _running(worker_pid)
        product.kill()
        product.wait()
        deadline = time.monotonic() + 15
        while _running(worker_pid):
            assert time.monotonic() < deadline, f"worker {worker_pid} outlived the product"
            time.sleep(0.2)
    finally:
        if product.poll() is None:
            product.kill()


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit is collected by whichever process adopted it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
