"""Pages drawn the way a scanner or a phone would give them, for the OCR tests and benchmark:
Chinese text rendered with a CJK font, then specks of noise, a slight rotation and blur."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian's fonts-noto-cjk
A4_150DPI = (1240, 1754)


def render_page(lines: list[str], seed: int = 0, rotation: float = 1.2, footer: str = "") -> Image.Image:
    """An A4 page at 150 dpi with ``lines`` (each one printed line) and an optional footer."""
    width, height = A4_150DPI
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 34)
    y = 160
    for line in lines:
        draw.text((130, y), line, font=font, fill=0)
        y += 64
    if footer:
        draw.text((width // 2 - 40, height - 110), footer, font=font, fill=0)
    rng = random.Random(seed)
    pixels = page.load()
    for _ in range(width * height // 100):  # 1% of the pixels: dust and scanner noise
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 90, 180))
    page = page.rotate(rotation, resample=Image.BICUBIC, fillcolor=255)
    return page.filter(ImageFilter.GaussianBlur(0.5))
