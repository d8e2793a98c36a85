"""The local model's worker lives as long as the product's process, not as long as the thread that started it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

# a stand-in for the worker: it arms the same watch the worker does, then idles
WORKER = "from assistant.llm.serve import _die_with_parent; import time; _die_with_parent(); time.sleep(30)"


def _wait_exit(process: subprocess.Popen, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return process.poll()


def test_the_worker_outlives_the_request_thread_that_started_it() -> None:
    """A web server starts the worker from a request thread that ends when idle: the worker must stay."""
    started: list[subprocess.Popen] = []

    def request() -> None:
        started.append(subprocess.Popen([sys.executable, "-c", WORKER]))
        time.sleep(3)  # the worker arms its watch while the thread still runs, then the thread ends

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
    worker = started[0]
    try:
        assert _wait_exit(worker, 2) is None, "the worker ended with the thread that started it"
    finally:
        worker.kill()
        worker.wait()


def test_the_worker_ends_when_the_products_process_ends() -> None:
    """The product's process ends (here: it exits a moment after starting the worker, as a killed one would); the
    worker follows it."""
    product = (
        "import subprocess, sys, time\n"
        f"worker = subprocess.Popen([sys.executable, '-c', {WORKER!r}])\n"
        "print(worker.pid, flush=True)\n"
        "time.sleep(3)\n"
    )
    parent = subprocess.run([sys.executable, "-c", product], capture_output=True, text=True, timeout=60)
    pid = int(parent.stdout.split()[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    assert not _alive(pid), "the worker outlived the product's process"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
