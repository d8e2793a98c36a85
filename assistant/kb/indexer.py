"""Incremental indexing by content hash: unchanged files embed nothing, changed files
replace their chunks, and a file that fails to load leaves what was indexed untouched."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import LoadError
from assistant.index.cache import EmbeddingCache
from assistant.index.passage import passage_text
from assistant.ingest import load_document, scan, split_document
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.types import Chunk, Document, LoadFailure, SkippedFile

ProgressFn = Callable[[str, int, int], None]
"""Called as (what is happening, chunks or pages done, in all): pages while a scan is read by OCR."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[LoadFailure] = field(default_factory=list)
    chunks_embedded: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "chunks_embedded": self.chunks_embedded,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
        }


@dataclass(frozen=True)
class _Pending:
    document: Document
    chunks: list[Chunk]
    replaces: bool


def _plan(kb: KnowledgeBase, paths: list[Path], report: IndexReport, progress: ProgressFn | None) -> list[_Pending]:
    """Load and split every file; decide which are new, changed or unchanged."""
    stored = kb.documents()
    indexed = {doc.name: doc.content_hash for doc in stored}
    untagged = {doc.name for doc in stored if not doc.tagged}  # tagged by older rules (or none): split again
    pending: list[_Pending] = []
    seen: set[str] = set()
    with scan(paths, kb.settings) as found:
        report.skipped += found.skipped
        report.failed += found.failed
        for entry in found.entries:
            if (
                entry.name in indexed
                and entry.name not in seen | untagged
                and _unchanged(entry.path, indexed[entry.name], kb)
            ):
                seen.add(entry.name)  # not read again: an unchanged scan is not OCR'd twice
                report.unchanged += 1
                continue

            def on_page(done: int, total: int, name: str = entry.name) -> None:
                if progress:
                    progress(f"{name} OCR 识别页", done, total)

            try:
                document = load_document(entry.path, kb.settings, entry.name, on_page)
                chunks = split_document(document, kb.settings.chunk_size)
                if not chunks:
                    raise LoadError(f"{entry.name}: 没有可索引的文本 (no text to index)")
            except LoadError as error:
                report.failed.append(LoadFailure(entry.shown, str(error)))
                continue
            if document.name in seen:
                duplicate = f"{document.name}: 同名文件已在本批次中 (duplicate file name)"
                report.failed.append(LoadFailure(entry.shown, duplicate))
                continue
            seen.add(document.name)
            if indexed.get(document.name) == document.content_hash and document.name not in untagged:
                report.unchanged += 1
                continue
            pending.append(_Pending(document, chunks, replaces=document.name in indexed))
    return pending


def _unchanged(path: Path, indexed_hash: str, kb: KnowledgeBase) -> bool:
    """Whether the file's bytes hash as the indexed version's (never reads a file over the size limit)."""
    try:
        if path.stat().st_size > kb.settings.max_file_mb * 1024 * 1024:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == indexed_hash
    except OSError:
        return False


def index_paths(kb: KnowledgeBase, paths: list[Path], progress: ProgressFn | None = None) -> IndexReport:
    """Index files and folders into ``kb``; never raises for a bad file (see ``failed``)."""
    report = IndexReport()
    pending = _plan(kb, paths, report, progress)
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
                        progress(f"{name} 嵌入段落", done, total)

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
