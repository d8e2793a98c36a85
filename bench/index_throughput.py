"""Indexing throughput (chunks/s) next to the embedder's raw throughput on the same texts.

Usage: python bench/index_throughput.py [CORPUS ...]   (default ../shared/corpus)
Writes bench/results/index_throughput.json. Indexes into a fresh temporary data folder
so the embedding cache is cold; models come from the configured models folder.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(corpora: list[Path]) -> dict:
    from assistant.settings import Settings

    models_dir = Settings().models_path
    os.environ["ASSISTANT_HOME"] = tempfile.mkdtemp(prefix="bench-index-")
    os.environ["ASSISTANT_MODELS_DIR"] = str(models_dir)

    from assistant.api import Assistant
    from assistant.index.embed import get_embedder
    from assistant.index.text import passage_text

    assistant = Assistant()
    get_embedder(assistant.settings)  # load outside the timed region, as the raw measurement does

    started = time.perf_counter()
    report = assistant.index(corpora)
    index_seconds = time.perf_counter() - started

    texts = [passage_text(stored.chunk) for stored in assistant.kb().store.all_chunks()]
    embedder = get_embedder(assistant.settings)
    started = time.perf_counter()
    for begin in range(0, len(texts), assistant.settings.embed_batch_size):
        embedder.embed_passages(texts[begin : begin + assistant.settings.embed_batch_size])
    raw_seconds = time.perf_counter() - started

    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} · {os.cpu_count()} cores · {platform.python_version()}",
        "corpora": [str(c) for c in corpora],
        "embedder": embedder.name,
        "documents": report.added,
        "failed": [f.path for f in report.failed],
        "chunks": len(texts),
        "index_seconds": round(index_seconds, 2),
        "index_chunks_per_s": round(report.chunks_embedded / index_seconds, 3),
        "raw_embed_seconds": round(raw_seconds, 2),
        "raw_chunks_per_s": round(len(texts) / raw_seconds, 3),
    }
    result["index_vs_raw"] = round(result["index_chunks_per_s"] / result["raw_chunks_per_s"], 3)
    out = REPO / "bench" / "results" / "index_throughput.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or [REPO.parent / "shared" / "corpus"]
    print(json.dumps(main(paths), ensure_ascii=False, indent=2))
