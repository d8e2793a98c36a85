"""What the benchmarks share: default inputs, the persistent bench home, the results file."""

from __future__ import annotations

import argparse
import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_EVAL = [SHARED / "eval" / "dev_seed.jsonl", SHARED / "eval" / "dev_corpus.jsonl"]


def parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", nargs="*", type=Path, default=[SHARED / "corpus"])
    parser.add_argument("--eval", nargs="*", type=Path, default=DEV_EVAL)
    parser.add_argument("--home", type=Path, default=Path.home() / ".cache" / "report-assistant-bench",
                        help="Bench indexes persist here, so a re-run only embeds what changed.")
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
    from assistant.settings import Settings

    settings = Settings()
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}",
        "embedder": f"{settings.embedder} · {resolve_precision(settings)} · batch {settings.embed_batch_size}",
    }


def write_result(name: str, result: dict) -> Path:
    out = REPO / "bench" / "results" / f"{name}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def stock_store(assistant, corpora: list[Path], cached: bool = True):
    """The stock LangChain pipeline's store: RecursiveCharacterTextSplitter(500, 50) chunks of the
    same cleaned text, the product's embedder and Chroma, built once per bench home. ``cached``:
    through the product's embedding cache (quality runs); without it, to time the indexing."""
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.index.cache import EmbeddingCache
    from assistant.index.embed import get_embedder
    from assistant.ingest import iter_files, load_document

    embedder = get_embedder(assistant.settings)
    cache = EmbeddingCache(assistant.settings.cache_path / "embeddings.sqlite")

    class CachedEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            vectors = cache.embed_passages(embedder, texts)[0] if cached else embedder.embed_passages(texts)
            return vectors.tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_queries([text])[0].tolist()

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    stock = Chroma(
        collection_name="stock",
        embedding_function=CachedEmbeddings(),
        client=chromadb.PersistentClient(path=str(assistant.settings.home / "stock-chroma")),
        collection_metadata={"hnsw:space": "cosine"},
    )
    if stock._collection.count() == 0:
        for path in iter_files(corpora):
            document = load_document(path, assistant.settings)
            stock.add_texts(splitter.split_text(document.text), metadatas=None)
    return stock
