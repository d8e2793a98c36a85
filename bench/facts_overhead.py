"""What the figure table adds to indexing: extraction (and SQLite) time next to embedding time.

Usage: python bench/facts_overhead.py [--corpus DIR ...]   (default ../shared/corpus)
Writes bench/results/facts_overhead.json (or --results NAME). Files are loaded and split outside the timed
regions; the embedder and jieba's tagger are loaded outside them too (their load time is
reported on its own). The target: extraction adds no more than 10% to embedding time.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from common import header, parser, write_result

TARGET = 0.10


def main() -> dict:
    args = parser(__doc__).parse_args()
    corpora = args.corpus
    from assistant.settings import Settings

    models_dir = Settings().models_path
    home = Path(tempfile.mkdtemp(prefix="bench-facts-"))
    os.environ["ASSISTANT_HOME"] = str(home)
    os.environ["ASSISTANT_MODELS_DIR"] = str(models_dir)

    from assistant.facts.extract import extract_figures
    from assistant.facts.table import FigureTable
    from assistant.index.embed import get_embedder
    from assistant.index.passage import passage_text
    from assistant.ingest import iter_files, load_document, split_document

    settings = Settings()
    documents = []
    for path in iter_files(corpora):
        document = load_document(path, settings)
        documents.append((document, split_document(document, settings.chunk_size)))
    chunks = [chunk for _, doc_chunks in documents for chunk in doc_chunks]

    started = time.perf_counter()
    extract_figures("全县组建4个教育集团。")  # loads jieba's part-of-speech tagger once per process
    tagger_seconds = time.perf_counter() - started

    table = FigureTable(home / "figures.sqlite")
    table.documents()  # creates the file outside the timed region
    started = time.perf_counter()
    figures = sum(table.replace_document(doc.name, doc.content_hash, doc_chunks) for doc, doc_chunks in documents)
    extract_seconds = time.perf_counter() - started
    table.close()

    embedder = get_embedder(settings)
    texts = [passage_text(chunk) for chunk in chunks]
    batch = settings.embed_batch_size
    started = time.perf_counter()
    for begin in range(0, len(texts), batch):
        embedder.embed_passages(texts[begin : begin + batch])
    embed_seconds = time.perf_counter() - started

    result = {
        **header(),
        "corpora": [str(c) for c in corpora],
        "documents": len(documents),
        "chunks": len(chunks),
        "figures": figures,
        "embed_seconds": round(embed_seconds, 2),
        "extract_seconds": round(extract_seconds, 3),
        "tagger_load_seconds": round(tagger_seconds, 3),
        "overhead": round(extract_seconds / embed_seconds, 4),
        "overhead_with_tagger_load": round((extract_seconds + tagger_seconds) / embed_seconds, 4),
        "target": TARGET,
    }
    result["ok"] = result["overhead_with_tagger_load"] <= TARGET
    write_result(args.results or "facts_overhead", result)
    return result


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
