"""Eight people asking and one uploading at the same time, through the served app.

A real ``assistant serve`` subprocess on a free port of 127.0.0.1; every user is a
gradio_client session of its own. Every answer must be the right one, the upload must
be searchable afterwards, and the store must be consistent when the server stops.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from assistant.api import Assistant
from assistant.settings import Settings
from tests.checks import BIN, assert_consistent, free_port, stop, wait_for_http

USERS = 8
ROUNDS = 3
QUESTIONS = {  # county report: question → words of the expected fast answer
    "全县组建了几个教育集团？": "组建4个教育集团",
    "新增公办义务教育学位多少个？": "新增公办义务教育学位3200个",
    "公办园在园幼儿占比提升至多少？": "提升至68%",
    "引进了几名省级名师？": "引进省级名师3名",
}
UPLOADS = (
    "2026_广州市天河区教育局_幼儿园招生工作方案.txt",
    "2020_中办国办_关于全面加强和改进新时代学校美育工作的意见.txt",
)
TOWN = "某镇2024年工作总结\n一、主要成绩\n全镇新建文化礼堂12座，覆盖群众3.6万人。\n"


@dataclass(frozen=True)
class Served:
    url: str
    process: subprocess.Popen


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "e5-small")  # the fast real embedder
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "assistant"), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=os.environ.copy(),
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process, timeout=120)
        yield Served(f"http://127.0.0.1:{port}/", process)
    finally:
        stop(process)
        log.close()


def _endpoint(client: Client, parameters: tuple[str, ...]) -> str:
    """The API name of the page's event whose inputs are ``parameters`` (the UI names none)."""
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for name, info in api.items():
        if tuple(p["parameter_name"] for p in info["parameters"]) == parameters:
            return name
    raise AssertionError(f"no endpoint taking {parameters}: {sorted(api)}")


def _answer_text(messages: list[dict]) -> str:
    """The plain text of the last answer in the chat."""
    content = messages[-1]["content"]
    markup = content[0]["text"] if isinstance(content, list) else content
    found = re.search(r'<div class="ra-text">(.*?)</div>', markup, re.S)
    assert found, markup[:300]
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def _ask(client: Client, endpoint: str, question: str) -> str:
    messages, _ = client.predict(question, "fast", [], "default", api_name=endpoint)
    return _answer_text(messages)


def test_eight_askers_and_one_uploader(served: Served, tmp_path: Path, county_report: Path, data: Path) -> None:
    admin = Client(served.url, verbose=False)
    ask, upload = _endpoint(admin, ("q", "m", "msgs", "k")), _endpoint(admin, ("paths", "k"))
    seeded = admin.predict([handle_file(str(county_report))], "default", api_name=upload)
    assert "新增 1" in seeded[2], seeded[2]

    files = [data / "corpus" / name for name in UPLOADS]
    town = tmp_path / "2024_某镇_工作总结.txt"
    town.write_text(TOWN, encoding="utf-8")
    files.append(town)

    start = threading.Barrier(USERS + 1)
    answers: dict[int, list[tuple[str, str]]] = {}
    uploaded: list[str] = []
    errors: list[BaseException] = []

    def user(n: int) -> None:
        try:
            client = Client(served.url, verbose=False)
            start.wait(timeout=120)
            questions = [list(QUESTIONS)[(n + r) % len(QUESTIONS)] for r in range(ROUNDS)]
            answers[n] = [(q, _ask(client, ask, q)) for q in questions]
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    def uploader() -> None:
        try:
            start.wait(timeout=120)
            report = admin.predict([handle_file(str(f)) for f in files], "default", api_name=upload)
            uploaded.append(report[2])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(USERS)] + [threading.Thread(target=uploader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)

    assert len(answers) == USERS
    for n, pairs in answers.items():
        for question, text in pairs:
            assert QUESTIONS[question] in "".join(text.split()), (n, question, text)
    assert "新增 3" in uploaded[0] and "失败 0" in uploaded[0], uploaded[0]
    assert "文化礼堂12座" in _ask(admin, ask, "全镇新建了多少座文化礼堂？")

    stop(served.process)  # the store is embedded: read it once the server is gone
    settings = Settings()
    assert_consistent(settings)
    assert len(list((settings.home / "uploads" / "default").iterdir())) == len(files) + 1


def test_threads_share_one_assistant(
    tmp_path: Path, county_report: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process: searches on eight threads while documents are added one by one
    (every addition makes each thread's next search refresh the derived indexes)."""
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "e5-small")
    assistant = Assistant()
    assistant.index([county_report])
    done = threading.Event()
    errors: list[BaseException] = []
    wrong: list[str] = []

    def searcher() -> None:
        while not done.is_set():
            try:
                hits = assistant.search("全县组建了几个教育集团", k=3)
                if not any("组建4个教育集团" in "".join(h.chunk.text.split()) for h in hits):
                    wrong.append(hits[0].chunk.id if hits else "nothing")
                time.sleep(0.01)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
                return

    threads = [threading.Thread(target=searcher) for _ in range(USERS)]
    for thread in threads:
        thread.start()
    try:
        shutil.copy(data / "corpus" / "2026_广州市天河区_积分制入学学位申请指引.txt", tmp_path)
        for n in range(3):
            (tmp_path / f"2024_某镇{n}_工作总结.txt").write_text(TOWN.replace("12座", f"{n + 20}座"), encoding="utf-8")
        for path in sorted(tmp_path.glob("*.txt")):
            assert assistant.index([path]).added == 1
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    assert not wrong, wrong
    assert_consistent(assistant.settings)
