"""Sharing the UI: logins from a file or ASSISTANT_UI_USERS, required off loopback (no models needed)."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from assistant.ui.app import launch
from assistant.ui.auth import AuthError, checker, is_loopback, load_users, parse_users


def test_users_come_from_the_file_and_the_variable(tmp_path: Path) -> None:
    path = tmp_path / "users.txt"
    path.write_text("# office\nzhang:secret:with:colons\n\nli : pw2\n", encoding="utf-8")
    assert load_users(path, "wang:pw3,zhang:old") == {"wang": "pw3", "zhang": "secret:with:colons", "li": " pw2"}
    with pytest.raises(AuthError):
        parse_users("nobody-without-password")
    with pytest.raises(AuthError):
        load_users(tmp_path / "missing.txt")


def test_passwords_are_checked_exactly() -> None:
    check = checker({"zhang": "secret"})
    assert check("zhang", "secret")
    assert not check("zhang", "Secret") and not check("li", "secret") and not check("zhang", "")


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20") and not is_loopback("")


def test_serving_on_the_network_without_logins_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSISTANT_UI_USERS", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9"])
    assert result.exit_code == 1
    assert "ASSISTANT_UI_USERS" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _login(url: str, username: str, password: str) -> int:
    data = urllib.parse.urlencode({"username": username, "password": password}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{url}/login", data=data), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_served_page_asks_for_a_login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_UI_USERS", "zhang:secret")
    port = _free_port()
    page = launch(Assistant(), port=port, prevent_thread_lock=True, warm_up=False)
    url = f"http://127.0.0.1:{port}"
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{url}/config", timeout=10)  # the page's components need a login
        assert refused.value.code == 401
        assert _login(url, "zhang", "wrong") == 400
        assert _login(url, "zhang", "secret") == 200
    finally:
        page.close()
