"""Logins for sharing the UI on an office network: ``user:password`` lines or pairs.

Users come from ``--auth-file FILE`` / ``ASSISTANT_UI_AUTH_FILE`` (one ``user:password``
per line, ``#`` comments) and ``ASSISTANT_UI_USERS`` (``user:password`` pairs separated
by commas). Passwords are compared in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
import stat
from collections.abc import Callable
from pathlib import Path

from assistant.errors import AssistantError


class AuthError(AssistantError):
    """The login list cannot be used (bad line, missing file) or sharing would be open to anyone."""


def parse_users(text: str, separator: str = "\n", source: str = "ASSISTANT_UI_USERS") -> dict[str, str]:
    users: dict[str, str] = {}
    for number, line in enumerate(text.split(separator), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, colon, password = line.partition(":")
        if not colon or not user.strip() or not password:
            raise AuthError(f"{source} 第 {number} 项应为 用户名:密码 (expected user:password)")
        users[user.strip()] = password
    return users


def load_users(auth_file: Path | None = None, users: str | None = None) -> dict[str, str]:
    """Every login from the file and the comma-separated pairs (the file wins on a clash)."""
    found = parse_users(users, ",") if users else {}
    if auth_file is not None:
        try:
            text = auth_file.read_text(encoding="utf-8")
        except OSError as error:
            raise AuthError(f"无法读取用户文件 (cannot read auth file) {auth_file}: {error}") from error
        found |= parse_users(text, "\n", str(auth_file))
        if not found:
            raise AuthError(f"用户文件中没有用户 (no users in) {auth_file}")
    return found


def file_is_private(path: Path) -> bool:
    """Whether only the owner can read the file (a password file should be chmod 600)."""
    return not path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)


def checker(users: dict[str, str]) -> Callable[[str, str], bool]:
    def check(username: str, password: str) -> bool:
        expected = users.get(username)
        return expected is not None and hmac.compare_digest(expected.encode(), password.encode())

    return check


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
