"""OCR: character error rate against the source text of rendered pages, and pages per second.

Pages of a real report (the shared corpus's 2024 government work report) are rendered
as a scanner would give them (tests/pages.py: CJK font, 1% noise, slight rotation and
blur, a page-number footer) into one image-only PDF, which the product reads (pdfium
renders at 150 dpi → RapidOCR → layout). Next to it, the same text read from a .txt
(the plain-text path) and the whole `index` of the scan (OCR + split + embed with the
fast e5-small model).

Usage: python bench/ocr.py [--pages N]
Writes bench/results/ocr.json.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, SHARED, parser, write_result

sys.path.insert(0, str(REPO))
from tests.pages import render_page  # noqa: E402

SOURCE = SHARED / "corpus" / "2024_国务院_政府工作报告.txt"
LINE_CHARS, PAGE_LINES = 30, 22


def _cer(found: str, truth: str) -> float:
    """Levenshtein distance over the source's length (whitespace ignored on both sides)."""
    previous = list(range(len(found) + 1))
    for i, expected in enumerate(truth, start=1):
        current = [i]
        for j, got in enumerate(found, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (expected != got)))
        previous = current
    return previous[-1] / max(len(truth), 1)


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--pages", type=int, default=10)
    arguments.add_argument("--source", type=Path, default=SOURCE, help="A long plain-text report to render.")
    args = arguments.parse_args()
    os.environ["ASSISTANT_HOME"] = tempfile.mkdtemp(prefix="bench-ocr-")
    os.environ["ASSISTANT_EMBEDDER"] = "e5-small"

    from assistant.api import Assistant
    from assistant.ingest import load_document
    from assistant.ingest.formats.ocr import model_files
    from assistant.settings import Settings

    settings = Settings()
    text = "".join(args.source.read_text(encoding="utf-8").split())
    lines = [text[i : i + LINE_CHARS] for i in range(0, len(text), LINE_CHARS)]
    pages = [lines[n * PAGE_LINES : (n + 1) * PAGE_LINES] for n in range(args.pages)]
    folder = Path(tempfile.mkdtemp(prefix="bench-ocr-files-"))
    images = [
        render_page(page, seed=n, rotation=1.0 if n % 2 else -0.7, footer=f"- {n + 1} -").convert("RGB")
        for n, page in enumerate(pages)
    ]
    scan = folder / "scan.pdf"
    images[0].save(scan, "PDF", resolution=150, save_all=True, append_images=images[1:])
    plain = folder / "plain.txt"
    plain.write_text("\n".join("".join(page) for page in pages), encoding="utf-8")

    model_files()  # verify the model files outside the timed region, as the first page would
    started = time.perf_counter()
    document = load_document(scan, settings)
    ocr_seconds = time.perf_counter() - started
    started = time.perf_counter()
    load_document(plain, settings)
    plain_seconds = time.perf_counter() - started

    rates = []
    for page, span in zip(pages, document.pages, strict=True):
        rates.append(_cer("".join(document.text[span.start : span.end].split()), "".join(page)))
    started = time.perf_counter()
    report = Assistant().index([scan])
    index_seconds = time.perf_counter() - started
    return {
        "source": args.source.name,
        "pages": args.pages,
        "characters": sum(len("".join(page)) for page in pages),
        "ocr_pages": len(document.info.ocr_pages),
        "cer_mean": round(sum(rates) / len(rates), 4),
        "cer_per_page": [round(rate, 4) for rate in rates],
        "ocr_seconds": round(ocr_seconds, 2),
        "ocr_pages_per_second": round(args.pages / ocr_seconds, 3),
        "plain_text_seconds": round(plain_seconds, 3),
        "plain_text_pages_per_second": round(args.pages / plain_seconds, 1),
        "index_scan_seconds": round(index_seconds, 2),
        "index_chunks": report.chunks_embedded,
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),  # the machine is shared: other work slows OCR
    }


if __name__ == "__main__":
    write_result("ocr", main())
