"""Prompt and drafting templates live as files in prompts/, never as strings in code."""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings


def prompts_dir(settings: Settings) -> Path:
    return settings.prompts_dir or Path(__file__).resolve().parents[1] / "prompts"


def load_prompt(settings: Settings, name: str) -> str:
    """The text of ``prompts/<name>.md``."""
    return (prompts_dir(settings) / f"{name}.md").read_text(encoding="utf-8").strip()
