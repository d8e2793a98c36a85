"""OFD (GB/T 33190), China's format for official e-documents: a zip of XML parts.

OFD.xml names the document (DocRoot) and describes it (DocInfo); Document.xml lists
the pages; each page's Content.xml holds TextObjects whose TextCode children carry the
text and where it stands. Text is put in reading order from those positions (see
:mod:`.layout`); a page that holds only images (a scan saved as OFD) is read by OCR.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.ingest.formats.base import Context, Raw, fail, paged
from assistant.ingest.formats.layout import PageBoxes, TextBox, pages_text
from assistant.ingest.formats.ocr import ocr_pages

if TYPE_CHECKING:
    from lxml.etree import _Element
    from PIL.Image import Image

_A4 = (0.0, 0.0, 210.0, 297.0)  # millimetres, the default page box


@dataclass(frozen=True)
class _Page:
    boxes: PageBoxes
    images: tuple[str, ...]  # zip paths of the page's images, read when it has no text


def read_ofd(data: bytes, ctx: Context) -> Raw:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        root = _xml(package, "OFD.xml", ctx)
    except zipfile.BadZipFile as error:
        raise fail(ctx, "不是有效的 OFD 文件 (not a valid OFD package)") from error
    doc_root = root.findtext("DocBody/DocRoot", "").strip().lstrip("/")
    if not doc_root:
        raise fail(ctx, "OFD 文件缺少 DocRoot (OFD.xml names no document)")
    title = root.findtext("DocBody/DocInfo/Title", "").strip()
    document = _xml(package, doc_root, ctx)
    folder = posixpath.dirname(doc_root)
    box = _floats(document.findtext("CommonData/PageArea/PhysicalBox", "")) or _A4
    media = _media(package, document, folder, ctx)
    pages = [
        _page(package, _join(folder, page.get("BaseLoc", "")), box, media, ctx)
        for page in document.iterfind("Pages/Page")
    ]
    if not pages:
        raise fail(ctx, "OFD 文件没有页面 (OFD has no pages)")
    texts = pages_text([page.boxes for page in pages])
    scans = [i for i, page in enumerate(pages) if not page.boxes.boxes and page.images]
    images = (_image(package, pages[i].images[0], ctx) for i in scans)
    for index, text in zip(scans, ocr_pages(images, len(scans), ctx), strict=True):
        texts[index] = text
    return paged(texts, ocr=[i in scans for i in range(len(pages))], title=title)


def _xml(package: zipfile.ZipFile, name: str, ctx: Context) -> _Element:
    """A part parsed without entities or network, its namespace prefixes dropped (ofd:Page → Page)."""
    from lxml import etree

    try:
        data = package.read(name)
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except KeyError as error:
        raise fail(ctx, f"OFD 文件缺少部件 {name} (missing part)") from error
    except etree.XMLSyntaxError as error:
        raise fail(ctx, f"OFD 文件已损坏：{name} 不是有效的 XML (corrupt OFD: broken XML)") from error
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    return root


def _join(folder: str, location: str) -> str:
    """A BaseLoc: absolute from the package root when it starts with '/', else relative."""
    return posixpath.normpath(location.lstrip("/") if location.startswith("/") else posixpath.join(folder, location))


def _floats(text: str | None) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in (text or "").split())
    except ValueError:
        return ()


def _media(package: zipfile.ZipFile, document: _Element, folder: str, ctx: Context) -> dict[str, str]:
    """Image resource ids → zip paths, from the document's and the public resource files."""
    found: dict[str, str] = {}
    for name in ("CommonData/DocumentRes", "CommonData/PublicRes"):
        for element in document.iterfind(name):
            res_path = _join(folder, (element.text or "").strip())
            res = _xml(package, res_path, ctx)
            base = _join(posixpath.dirname(res_path), res.get("BaseLoc", ""))
            for item in res.iterfind("MultiMedias/MultiMedia"):
                file = item.findtext("MediaFile", "").strip()
                if file:
                    found[item.get("ID", "")] = _join(base, file)
    return found


def _page(package: zipfile.ZipFile, path: str, box: tuple[float, ...], media: dict[str, str], ctx: Context) -> _Page:
    page = _xml(package, path, ctx)
    x, y, width, height = _floats(page.findtext("Area/PhysicalBox", "")) or box
    boxes = []
    for text_object in page.iter("TextObject"):
        left, top, *_ = _floats(text_object.get("Boundary")) or (0.0, 0.0)
        size = float(text_object.get("Size", "3.5") or 3.5)
        for code in text_object.iterfind("TextCode"):
            text = (code.text or "").strip()
            if not text:
                continue
            x0 = left + float(code.get("X", "0") or 0)
            baseline = top + float(code.get("Y", "0") or 0)
            advance = _advance(code.get("DeltaX", ""), len(text), size)
            boxes.append(TextBox(text, x0 - x, baseline - size - y, x0 - x + advance, baseline - y))
    images = tuple(media[i.get("ResourceID", "")] for i in page.iter("ImageObject") if i.get("ResourceID") in media)
    return _Page(PageBoxes(width, height, tuple(boxes)), images)


def _advance(delta_x: str, length: int, size: float) -> float:
    """Width of a text run: its glyph offsets (DeltaX, with "g N d" for N times d) plus one glyph."""
    steps: list[float] = []
    parts = delta_x.split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            steps += [float(parts[i + 2])] * int(float(parts[i + 1]))
            i += 3
        elif re.fullmatch(r"-?\d+(?:\.\d+)?", parts[i]):
            steps.append(float(parts[i]))
            i += 1
        else:
            i += 1
    return sum(steps[: length - 1]) + size if steps else length * size


def _image(package: zipfile.ZipFile, name: str, ctx: Context) -> Image:
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(io.BytesIO(package.read(name)))
    except (KeyError, UnidentifiedImageError, OSError) as error:
        raise fail(ctx, f"OFD 中的页面图像无法读取：{name} (unreadable page image)") from error
