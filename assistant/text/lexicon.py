"""The word lists of ``data/``: whitespace-separated words, a ``#`` line saying where they come from."""

from __future__ import annotations

from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def words(name: str) -> tuple[str, ...]:
    """Every word of the list ``data/<name>``, in the file's order."""
    return tuple(word for line in _lines(name) for word in line.split())


def pairs(name: str) -> dict[str, str]:
    """The two-column list ``data/<name>`` as a mapping (first column → second)."""
    return dict(line.split(maxsplit=1) for line in _lines(name))


def groups(name: str) -> dict[str, tuple[str, ...]]:
    """The list ``data/<name>`` as a mapping of each line's first word to the words after it."""
    return {first: tuple(rest) for first, *rest in (line.split() for line in _lines(name))}
