"""What the benchmarks share: default inputs, the persistent bench home, the results file."""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_EVAL = [SHARED / "eval" / "dev_seed.jsonl", SHARED / "eval" / "dev_corpus.jsonl"]


def parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", nargs="*", type=Path, default=[SHARED / "corpus"])
    parser.add_argument("--eval", nargs="*", type=Path, default=DEV_EVAL)
    parser.add_argument(
        "--home",
        type=Path,
        default=Path.home() / ".cache" / "report-assistant-bench",
        help="Bench indexes persist here, so a re-run only embeds what changed.",
    )
    parser.add_argument("--results", help="Results file name under bench/results (default: the benchmark's own).")
    return parser


def use_bench_home(args: argparse.Namespace) -> None:
    """Point the product at a bench data folder per corpus, keeping the provisioned models."""
    from assistant.settings import Settings

    models_dir = Settings().models_path
    os.environ["ASSISTANT_HOME"] = str(args.home / "-".join(sorted(c.name for c in args.corpus)))
    os.environ["ASSISTANT_MODELS_DIR"] = str(models_dir)


def read_rows(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for f in paths for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def header() -> dict:
    """When and where, plus the embedder settings that move both speed and quality."""
    from assistant.index.embed import resolve_precision
    from assistant.llm.cpu import BUILD_FEATURE_FLAGS, cpu_flags
    from assistant.settings import Settings

    settings = Settings()
    flags = cpu_flags()
    # the vector extensions move the local model's speed twofold (AVX-512 against AVX2 alone): say which
    vector = [name for name, flag in BUILD_FEATURE_FLAGS.items() if name.startswith(("AVX", "AMX")) and flag in flags]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}",
        "cpu": f"{_cpu_model()} · {' '.join(vector) or 'no AVX'}",
        "embedder": f"{settings.embedder} · {resolve_precision(settings)} · batch {settings.embed_batch_size}",
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def write_result(name: str, result: dict) -> Path:
    out = REPO / "bench" / "results" / f"{name}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def stock_embeddings(settings):
    """The stock way to run the product's embedding model: LangChain's HuggingFaceEmbeddings
    (sentence-transformers ``encode``) over the same local folder, precision, prompts and length.
    Loaded once per process."""
    from assistant.index.embed import resolve_precision
    from assistant.models.catalog import EMBEDDINGGEMMA
    from assistant.models.provision import require

    folder = str(require(EMBEDDINGGEMMA, settings.models_path))
    return _stock_embeddings(
        folder, resolve_precision(settings), settings.embed_batch_size, settings.embed_max_seq_length
    )


@functools.cache
def _stock_embeddings(folder: str, precision: str, batch_size: int, max_seq_length: int):
    import torch
    from langchain_huggingface import HuggingFaceEmbeddings

    embeddings = HuggingFaceEmbeddings(
        model_name=folder,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"prompt_name": "document", "normalize_embeddings": True, "batch_size": batch_size},
        query_encode_kwargs={"prompt_name": "query", "normalize_embeddings": True},
    )
    embeddings._client.to(getattr(torch, precision))  # as the product's embedder does: loaded, then cast
    embeddings._client.max_seq_length = max_seq_length
    return embeddings


def stock_store(assistant, corpora: list[Path], cached: bool = True):
    """The stock LangChain pipeline's store: RecursiveCharacterTextSplitter(500, 50) chunks of the
    same cleaned text, embedded by :func:`stock_embeddings` into Chroma, built once per bench home.
    ``cached``: passages through the product's embedding cache (the same vectors, for quality runs);
    without it, by the stock embeddings, to time the indexing. Questions always go the stock way."""
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.index.cache import EmbeddingCache
    from assistant.index.embed import get_embedder
    from assistant.ingest import iter_files, load_document

    stock = stock_embeddings(assistant.settings)
    cache = EmbeddingCache(assistant.settings.cache_path / "embeddings.sqlite")

    class CachedEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            if not cached:
                return stock.embed_documents(texts)
            return cache.embed_passages(get_embedder(assistant.settings), texts)[0].tolist()

        def embed_query(self, text: str) -> list[float]:
            return stock.embed_query(text)

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    store = Chroma(
        collection_name="stock",
        embedding_function=CachedEmbeddings(),
        client=chromadb.PersistentClient(path=str(assistant.settings.home / "stock-chroma")),
        collection_metadata={"hnsw:space": "cosine"},
    )
    if store._collection.count() == 0:
        for path in iter_files(corpora):
            document = load_document(path, assistant.settings)
            store.add_texts(splitter.split_text(document.text), metadatas=None)
    return store
