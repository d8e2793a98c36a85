"""Indexing throughput against the embedder's raw throughput, the stock LangChain pipeline, and memory.

For each corpus set, in one run: the product indexes into a fresh data folder (cold
embedding cache); the embedder alone embeds a sample of the same chunk texts (raw
throughput); the LLM loads and answers once, so the peak memory is that of a process
holding both models; then the stock pipeline (RecursiveCharacterTextSplitter 500/50 +
the same model through LangChain's HuggingFaceEmbeddings + Chroma) indexes the same
files. Also measures float32 against bfloat16 raw throughput on the same sample.

Usage: python bench/index_throughput.py [--corpus DIR ...] [--sample N]
Writes bench/results/index_throughput.json (or --results NAME).
"""

from __future__ import annotations

import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from common import header, parser, stock_embeddings, stock_store, write_result


def _raw_throughput(embedder, texts: list[str]) -> float:
    embedder.embed_passages(texts[:4])  # warm-up outside the timed region
    started = time.perf_counter()
    for begin in range(0, len(texts), 32):
        embedder.embed_passages(texts[begin : begin + 32])
    return len(texts) / (time.perf_counter() - started)


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--sample", type=int, default=256, help="Chunks embedded for the raw measurement.")
    args = arguments.parse_args()

    from assistant.settings import Settings

    models_dir = Settings().models_path
    home = Path(tempfile.mkdtemp(prefix="bench-index-"))
    os.environ["ASSISTANT_HOME"] = str(home)  # cold: no embedding cache, no index
    os.environ["ASSISTANT_MODELS_DIR"] = str(models_dir)

    from assistant.api import Assistant
    from assistant.index.embed import get_embedder
    from assistant.index.passage import passage_text

    assistant = Assistant()
    settings = assistant.settings
    embedder = get_embedder(settings)  # loaded outside the timed region, as for the raw measurement

    started = time.perf_counter()
    report = assistant.index(args.corpus)
    index_seconds = time.perf_counter() - started
    index_rate = report.chunks_embedded / index_seconds

    assistant.ask("全县组建了几个教育集团？", mode="llm")  # both models now in memory
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before a second embedder loads

    stock_embeddings(settings)  # the stock pipeline's own copy of the model, loaded outside the timed region
    started = time.perf_counter()
    stock_chunks = stock_store(assistant, args.corpus, cached=False)._collection.count()
    stock_seconds = time.perf_counter() - started

    texts = [passage_text(stored.chunk) for stored in assistant.kb().store.all_chunks()]
    sample = random.Random(0).sample(texts, min(args.sample, len(texts)))
    raw = {
        precision: _raw_throughput(get_embedder(settings.model_copy(update={"embed_precision": precision})), sample)
        for precision in ("float32", "bfloat16")
    }
    default_raw = raw[getattr(embedder, "precision", "float32")]

    result = {
        **header(),
        "corpora": [str(c) for c in args.corpus],
        "documents": report.added,
        "failed": [f.path for f in report.failed],
        "product": {
            "chunks": report.chunks_embedded,
            "index_seconds": round(index_seconds, 1),
            "index_chunks_per_s": round(index_rate, 2),
            "index_vs_raw": round(index_rate / default_raw, 3),
        },
        "stock_langchain": {
            "chunks": stock_chunks,
            "seconds": round(stock_seconds, 1),
            "chunks_per_s": round(stock_chunks / stock_seconds, 2),
            "index_vs_raw": round(stock_chunks / stock_seconds / default_raw, 3),
        },
        "raw_chunks_per_s": {precision: round(rate, 2) for precision, rate in raw.items()},
        "raw_sample": len(sample),
        "peak_rss_mib_both_models": round(peak_mib),
        "llm": settings.llm_model,
        "notes": (
            "index_vs_raw: chunks embedded per second while indexing (loading, cleaning, splitting, "
            "figure extraction, Chroma and BM25 writes included) over the embedder's own rate on a "
            "sample of the same chunk texts. Stock chunks are 500 characters, the product's follow "
            "the document structure, so their per-chunk rates differ in length as well."
        ),
    }
    write_result(args.results or "index_throughput", result)
    return result


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
