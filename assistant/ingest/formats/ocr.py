"""Offline OCR on CPU: RapidOCR with the PP-OCRv6 models that ship inside its wheel.

The model files are checked against the sha256 in :mod:`assistant.models.catalog` and
passed to the engine by path, so it never looks for (or downloads) anything else.
The engine loads once per process, on the first page that needs it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from assistant.errors import ModelMissingError
from assistant.ingest.formats.base import Context, fail
from assistant.ingest.formats.layout import PageBoxes, TextBox, pages_text
from assistant.models.catalog import OCR_MODELS, OCR_PACKAGE

if TYPE_CHECKING:
    from PIL.Image import Image
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

_MIN_SCORE = 0.5  # recognitions below this confidence are noise (specks, stamps)
_lock = threading.Lock()  # one page at a time: the engine is not documented as thread-safe


def model_files() -> dict[str, Path]:
    """The verified OCR model files by role; raises :class:`ModelMissingError` when one differs."""
    import rapidocr

    from assistant.models.provision import sha256_file

    folder = Path(rapidocr.__file__).parent / "models"
    files = {}
    for role, spec in OCR_MODELS.items():
        path = folder / spec.path
        if not path.is_file() or sha256_file(path) != spec.sha256:
            package, version = OCR_PACKAGE
            raise ModelMissingError(
                f"OCR 模型文件缺失或校验失败：{spec.path} (OCR model missing or not verified; "
                f"reinstall {package}=={version})"
            )
        files[role] = path
    return files


@lru_cache(maxsize=1)
def _engine() -> RapidOCR:
    from rapidocr import RapidOCR

    files = model_files()
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Det.model_path": str(files["det"]),
            "Rec.model_path": str(files["rec"]),
            "Cls.model_path": str(files["cls"]),
            # Lower than the defaults (0.3/0.5): thin one-stroke characters such as 一 in "一、"
            # were missed on noisy scans; the recognition score still filters the noise.
            "Det.thresh": 0.2,
            "Det.box_thresh": 0.4,
        }
    )


def recognize(image: Image) -> PageBoxes:
    """The text pieces on one page image, with their boxes."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"))
    with _lock:
        result = cast("RapidOCROutput", _engine()(rgb))  # a whole page: detection, orientation and recognition
    boxes = []
    for points, text, score in zip(
        result.boxes if result.boxes is not None else (), result.txts or (), result.scores or (), strict=False
    ):
        if float(score) >= _MIN_SCORE and text.strip():
            xs, ys = [float(p[0]) for p in points], [float(p[1]) for p in points]
            boxes.append(TextBox(text.strip(), min(xs), min(ys), max(xs), max(ys)))
    return PageBoxes(float(image.width), float(image.height), tuple(boxes))


def ocr_pages(images: Iterable[Image], total: int, ctx: Context) -> list[str]:
    """The text of each page image in reading order, reporting progress page by page."""
    pages = []
    try:
        for done, image in enumerate(images, start=1):
            pages.append(recognize(image))
            ctx.on_page(done, total)
    except ModelMissingError as error:
        raise fail(ctx, str(error)) from error
    return pages_text(pages)
