"""Files users hand over through the browser, kept under the data folder with safe names.

A browser sends whatever name the user's file had; here it becomes a plain file name
inside ``$ASSISTANT_HOME/uploads/<knowledge base>/`` and can never reach outside it
(no folders, no ``..``, no control or reserved characters). The copy is what gets
indexed, so ``reindex`` can read every uploaded file again later.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from assistant.settings import Settings

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_MAX_CHARS = 120


def safe_filename(name: str, fallback: str = "file") -> str:
    """A file name that stays inside its folder on every system: "../../a b?.docx" → "a b_.docx"."""
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[/\\]", name)[-1]  # drop any folders the browser (or an attacker) sent
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if len(name) > _MAX_CHARS:
        stem, dot, suffix = name.rpartition(".")
        keep = suffix if dot and len(suffix) <= 10 else ""
        name = (stem if keep else name)[: _MAX_CHARS - len(keep) - 1].rstrip() + (f".{keep}" if keep else "")
    return name if name.strip("._ ") else fallback


def upload_folder(settings: Settings, kb: str | None = None) -> Path:
    """Where the uploaded files of one knowledge base are kept."""
    return settings.home / "uploads" / safe_filename(kb or settings.kb, fallback="default")


def store_upload(source: Path, folder: Path, name: str | None = None) -> Path:
    """Copy ``source`` into ``folder`` under a safe form of ``name`` (default: its own name)."""
    target = folder / safe_filename(name or source.name)
    if target.resolve().parent != folder.resolve():  # belt and braces: never write elsewhere
        raise ValueError(f"unsafe upload name: {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    if source.resolve() != target.resolve():
        shutil.copyfile(source, target)
    return target
