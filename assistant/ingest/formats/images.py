"""Photos and scans of pages (.png, .jpg, .tif): every frame is a page, read by OCR."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail, paged
from assistant.ingest.formats.ocr import ocr_pages

if TYPE_CHECKING:
    from PIL.Image import Image

_MAX_PAGES = 500


def read_image(data: bytes, ctx: Context) -> Raw:
    """A phone photo is turned upright by its EXIF orientation first; a TIFF may hold many pages."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        frames = min(getattr(image, "n_frames", 1), _MAX_PAGES)
        texts = ocr_pages(_frames(image, frames), frames, ctx)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise fail(ctx, "图片文件已损坏或无法识别 (corrupt or unreadable image)") from error
    if not "".join(texts).strip():
        raise fail(ctx, "图片中没有识别出文字 (OCR found no text in the image)")
    return paged(texts, ocr=[True] * len(texts))


def _frames(image: Image, count: int) -> Iterator[Image]:
    from PIL import ImageOps

    for index in range(count):
        image.seek(index)
        yield ImageOps.exif_transpose(image.copy())
