"""Incremental indexing by content hash: unchanged files embed nothing, changed files
replace their chunks, and a file that fails to load leaves what was indexed untouched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import LoadError
from assistant.index.cache import EmbeddingCache
from assistant.index.knowledge_base import KnowledgeBase
from assistant.index.text import passage_text
from assistant.ingest import iter_files, load_document, split_document
from assistant.types import Chunk, Document, LoadFailure

ProgressFn = Callable[[str, int, int], None]
"""Called as (what is happening, chunks done, chunks in all)."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[LoadFailure] = field(default_factory=list)
    chunks_embedded: int = 0

    def as_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "chunks_embedded": self.chunks_embedded,
        }


@dataclass(frozen=True)
class _Pending:
    document: Document
    chunks: list[Chunk]
    replaces: bool


def _plan(kb: KnowledgeBase, paths: list[Path], report: IndexReport) -> list[_Pending]:
    """Load and split every file; decide which are new, changed or unchanged."""
    stored = kb.documents()
    indexed = {doc.name: doc.content_hash for doc in stored}
    untagged = {doc.name for doc in stored if not doc.tagged}  # indexed before temporal tags: split again
    pending: list[_Pending] = []
    seen: set[str] = set()
    try:
        files = iter_files(paths)
    except LoadError as error:
        report.failed.append(LoadFailure(str(paths), str(error)))
        return pending
    for path in files:
        try:
            document = load_document(path, kb.settings)
            chunks = split_document(document, kb.settings.chunk_size)
            if not chunks:
                raise LoadError(f"{path.name}: 没有可索引的文本 (no text to index)")
        except LoadError as error:
            report.failed.append(LoadFailure(str(path), str(error)))
            continue
        if document.name in seen:
            report.failed.append(LoadFailure(str(path), f"{document.name}: 同名文件已在本批次中 (duplicate file name)"))
            continue
        seen.add(document.name)
        if indexed.get(document.name) == document.content_hash and document.name not in untagged:
            report.unchanged += 1
            continue
        pending.append(_Pending(document, chunks, replaces=document.name in indexed))
    return pending


def index_paths(kb: KnowledgeBase, paths: list[Path], progress: ProgressFn | None = None) -> IndexReport:
    """Index files and folders into ``kb``; never raises for a bad file (see ``failed``)."""
    report = IndexReport()
    pending = _plan(kb, paths, report)
    total = sum(len(item.chunks) for item in pending)
    done = 0
    if pending:
        cache = EmbeddingCache(kb.settings.cache_path / "embeddings.sqlite")
        try:
            for item in pending:
                name = item.document.name

                def advance(n: int, name: str = name) -> None:
                    nonlocal done
                    done += n
                    if progress:
                        progress(name, done, total)

                vectors, computed = cache.embed_passages(
                    kb.embedder, [passage_text(c) for c in item.chunks], on_batch=advance
                )
                if item.replaces:
                    kb.store.delete_document(name)
                kb.store.add_document(item.chunks, vectors, item.document.content_hash)
                kb.figures.replace_document(name, item.document.content_hash, item.chunks)
                report.chunks_embedded += computed
                if item.replaces:
                    report.updated += 1
                else:
                    report.added += 1
        finally:
            cache.close()
    kb.refresh()
    return report
