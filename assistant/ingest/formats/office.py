"""Legacy Office and WPS files (.doc/.wps, .xls/.et, .ppt/.dps) converted by LibreOffice headless.

No pure-Python reader handles all four (WPS files in particular); LibreOffice reads
them and writes .docx/.xlsx/.pptx, which the modern readers then take. Each conversion runs in
its own temporary profile (so parallel runs and a user's open LibreOffice never clash)
under a time limit, and its whole process group is killed when the limit passes.
Password-protected Office files are recognised before conversion and refused.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from assistant.ingest.formats.base import Context, Raw, fail
from assistant.ingest.formats.sheets import read_xlsx
from assistant.ingest.formats.slides import read_pptx
from assistant.ingest.formats.word import read_docx

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy Office, and encrypted OOXML


def is_encrypted(data: bytes) -> bool:
    """Whether an Office file needs a password (legacy .doc/.xls/.ppt, or encrypted OOXML)."""
    if not data.startswith(_OLE):
        return False
    import msoffcrypto
    from msoffcrypto.exceptions import FileFormatError

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except (FileFormatError, OSError, ValueError, KeyError, IndexError, AssertionError):
        return False  # not an Office file msoffcrypto knows (a WPS file): LibreOffice decides


def convert(data: bytes, ctx: Context, target: str) -> bytes:
    """``data`` (named ``ctx.name``) converted to ``target`` ("docx", "xlsx", "pptx") by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise fail(ctx, "未安装 LibreOffice，无法读取此格式 (LibreOffice is not installed; run `make office`)")
    timeout = ctx.settings.office_timeout_s
    with tempfile.TemporaryDirectory(prefix="assistant-office-") as folder:
        work = Path(folder)
        source = work / f"source{Path(ctx.name).suffix.lower()}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            reason = f"转换超时（{timeout:g} 秒），文件可能已损坏 (conversion timed out; the file may be damaged)"
            raise fail(ctx, reason) from error
        result = work / "out" / f"source.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise fail(ctx, "文件已损坏或不是有效的 Office/WPS 文件，无法转换 (corrupt or not a real Office/WPS file)")
        return result.read_bytes()


def read_legacy_word(data: bytes, ctx: Context) -> Raw:
    return read_docx(convert(data, ctx, "docx"), ctx)


def read_legacy_sheet(data: bytes, ctx: Context) -> Raw:
    return read_xlsx(convert(data, ctx, "xlsx"), ctx)


def read_legacy_slides(data: bytes, ctx: Context) -> Raw:
    return read_pptx(convert(data, ctx, "pptx"), ctx)
