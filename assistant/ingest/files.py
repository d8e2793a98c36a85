"""Which files a list of files and folders stands for, and which of them are not taken, with why.

Nothing is left out silently: a file that is not a document (unknown format, an
Office lock file, .DS_Store) is listed as skipped with its reason. A .zip is a folder:
its members are extracted to a temporary folder for the duration of the scan, and
their names ("资料.zip/二/报告.docx") are their names in the knowledge base.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from assistant.ingest.formats import ARCHIVES, SUPPORTED
from assistant.settings import Settings
from assistant.types import LoadFailure, SkippedFile

_TEMPORARY = re.compile(r"^(?:~\$|\.~lock\.|~WRL|~)|\.(?:tmp|temp|bak|swp|part|crdownload)$|#$", re.IGNORECASE)
_SYSTEM = frozenset({".ds_store", "thumbs.db", "desktop.ini", "__macosx", ".localized"})
_NOTES = ("manifest.tsv", "readme")
_MAX_MEMBERS = 2000


@dataclass(frozen=True)
class Entry:
    """A file to load: its bytes are at ``path``; ``name`` is its name in the knowledge base and
    ``shown`` the path a report names (the file, or archive/member)."""

    path: Path
    name: str
    shown: str


@dataclass
class Scan:
    entries: list[Entry] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)


def skip_reason(name: str) -> str | None:
    """Why a file of this name is not a document to load, or None when it is one."""
    lowered = name.lower()
    if lowered in _SYSTEM:
        return "系统文件 (system file)"
    if _TEMPORARY.search(name):
        return "临时文件 (temporary file)"
    if name.startswith("."):
        return "隐藏文件 (hidden file)"
    if lowered.startswith(_NOTES):
        return "说明文件，不是资料 (a manifest or readme, not a document)"
    suffix = PurePosixPath(lowered).suffix
    if suffix not in SUPPORTED:
        return f"不支持的文件格式 {suffix or '(无扩展名)'} (unsupported format; supported: {' '.join(SUPPORTED)})"
    return None


def _files(paths: list[Path], skipped: list[SkippedFile]) -> Iterator[Path]:
    """The files ``paths`` stand for, each once; those not taken go to ``skipped``.
    A file that does not exist passes, so that loading it reports it missing."""
    seen: set[Path] = set()
    for given in paths:
        for path in _walk(given, skipped) if given.is_dir() else (given,):
            if path in seen:
                continue
            seen.add(path)
            reason = skip_reason(path.name) if path.exists() else None
            if reason:
                skipped.append(SkippedFile(str(path), reason))
            else:
                yield path


def _walk(folder: Path, skipped: list[SkippedFile]) -> Iterator[Path]:
    """Files under ``folder`` in name order; a hidden or system folder is reported once, not entered."""
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            if path.name.startswith(".") or path.name.lower() in _SYSTEM:
                skipped.append(SkippedFile(str(path), "隐藏或系统文件夹 (hidden or system folder)"))
            else:
                yield from _walk(path, skipped)
        elif path.is_file():
            yield path


def iter_files(paths: list[Path]) -> list[Path]:
    """The files to load for ``paths``, archives as they are (see :func:`scan` to open them)."""
    return list(_files(paths, []))


@contextmanager
def scan(paths: list[Path], settings: Settings) -> Iterator[Scan]:
    """The entries to load for ``paths`` (folders recursively, archives opened), and what is not taken."""
    result = Scan()
    with tempfile.TemporaryDirectory(prefix="assistant-archives-") as work:
        for number, path in enumerate(_files(paths, result.skipped)):
            if path.suffix.lower() in ARCHIVES:
                _extract(path, Path(work) / str(number), settings, result)
            else:
                result.entries.append(Entry(path, path.name, str(path)))
        yield result


def _extract(archive: Path, folder: Path, settings: Settings, result: Scan) -> None:
    """Members of a zip that are documents, written under ``folder``; nested archives are not opened."""
    try:
        with zipfile.ZipFile(archive) as package:
            members = [m for m in package.infolist() if not m.is_dir()][:_MAX_MEMBERS]
            for number, member in enumerate(members):
                inner = PurePosixPath(_member_name(member))
                shown = f"{archive}/{inner}"
                reason = next((r for part in inner.parts[:-1] if (r := _folder_reason(part))), None)
                reason = reason or skip_reason(inner.name)
                if reason is None and inner.suffix.lower() in ARCHIVES:
                    reason = "压缩包中的压缩包不展开 (archives inside archives are not opened)"
                if reason:
                    result.skipped.append(SkippedFile(shown, reason))
                elif member.flag_bits & 0x1:
                    encrypted = f"{archive.name}/{inner}: 压缩包成员已加密 (encrypted member)"
                    result.failed.append(LoadFailure(shown, encrypted))
                elif member.file_size > settings.max_file_mb * 1024 * 1024:
                    result.failed.append(
                        LoadFailure(
                            shown,
                            f"{archive.name}/{inner}: 文件过大，上限 {settings.max_file_mb:g} MB (file too large)",
                        )
                    )
                else:
                    target = folder / str(number) / inner.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(package.read(member))
                    result.entries.append(Entry(target, f"{archive.name}/{inner}", shown))
    except (zipfile.BadZipFile, OSError, EOFError):
        result.failed.append(LoadFailure(str(archive), f"{archive.name}: 压缩包已损坏，无法打开 (corrupt zip archive)"))


def _folder_reason(part: str) -> str | None:
    return "隐藏或系统文件夹 (hidden or system folder)" if part.startswith(".") or part.lower() in _SYSTEM else None


def _member_name(member: zipfile.ZipInfo) -> str:
    """The member's path without '..' or a leading '/'; a name written in GBK by Chinese Windows
    (no UTF-8 flag) is decoded as such."""
    name = member.filename
    if not member.flag_bits & 0x800:
        with suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    return "/".join(parts) or "file"
