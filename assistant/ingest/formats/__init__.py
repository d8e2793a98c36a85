"""One reader per file format, chosen by extension; each turns bytes into :class:`Raw` text.

Readers import their libraries when first called, so importing this table costs nothing.
"""

from collections.abc import Callable

from assistant.ingest.formats.base import Context, Raw
from assistant.ingest.formats.images import read_image
from assistant.ingest.formats.ofd import read_ofd
from assistant.ingest.formats.office import is_encrypted, read_legacy_sheet, read_legacy_slides, read_legacy_word
from assistant.ingest.formats.pdf import read_pdf
from assistant.ingest.formats.sheets import read_xlsx
from assistant.ingest.formats.slides import read_pptx
from assistant.ingest.formats.text import read_csv, read_text
from assistant.ingest.formats.web import read_html
from assistant.ingest.formats.word import read_docx

Reader = Callable[[bytes, Context], Raw]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".csv": read_csv,
    ".docx": read_docx,
    ".doc": read_legacy_word,
    ".wps": read_legacy_word,
    ".xlsx": read_xlsx,
    ".xls": read_legacy_sheet,
    ".et": read_legacy_sheet,
    ".pptx": read_pptx,
    ".ppt": read_legacy_slides,
    ".dps": read_legacy_slides,
    ".pdf": read_pdf,
    ".ofd": read_ofd,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
    ".bmp": read_image,
    ".html": read_html,
    ".htm": read_html,
}
ARCHIVES = (".zip",)
SUPPORTED = (*READERS, *ARCHIVES)

__all__ = ["ARCHIVES", "READERS", "SUPPORTED", "Context", "Raw", "Reader", "is_encrypted"]
