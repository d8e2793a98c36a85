"""The vector store: one Chroma collection per knowledge base, embedded or on a server.

Chroma is the source of truth for what is indexed. Every chunk carries its document's
content hash and chunk count, so a document is complete exactly when all its chunks are
present — which is how the indexer finds and repairs a document a crash cut in half.
Chroma's own embedding function is never used (it would download a model): vectors are
always passed in.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import urlparse

import numpy as np

from assistant.errors import StoreUnavailableError
from assistant.ingest.temporal import TAGGER_VERSION
from assistant.settings import Settings
from assistant.types import Chunk, DocMeta, FileInfo, Temporal

_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,60}[a-z0-9]$")
_ADD_BATCH = 500


def collection_name(kb: str) -> str:
    """Chroma accepts 3-512 chars of [a-z0-9._-]; other names (e.g. Chinese) map to a hash."""
    lowered = kb.lower()
    if _SAFE_NAME.match(lowered) and ".." not in lowered and lowered == kb:
        return f"kb-{lowered}"
    return "kb-" + hashlib.sha1(kb.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as it comes back from the store, with the hash of the document version it belongs to."""

    chunk: Chunk
    content_hash: str


@dataclass(frozen=True)
class StoredDocument:
    name: str
    title: str
    content_hash: str
    chunks: int
    expected_chunks: int
    meta: DocMeta
    info: FileInfo = FileInfo()
    tagged: bool = True  # its chunks carry the present tagger's temporal tags (else they are split again)

    @property
    def complete(self) -> bool:
        return self.chunks == self.expected_chunks


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except ValueError as error:  # chromadb's way of saying the heartbeat failed
            raise StoreUnavailableError(
                f"无法连接 Chroma 服务器 {settings.chroma_url} (cannot reach the Chroma server; "
                f"is `chroma run` up? check ASSISTANT_CHROMA_URL): {error}"
            ) from error
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def _metadata(chunk: Chunk, content_hash: str, total: int) -> dict:
    meta = {
        "doc": chunk.doc,
        "title": chunk.title,
        "index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
        "heading_path": json.dumps(list(chunk.heading_path), ensure_ascii=False),
        "section": chunk.section,
        "pages": ",".join(str(p) for p in chunk.pages),
        "content_hash": content_hash,
        "doc_chunks": total,
        "year": chunk.meta.year,
        "region": chunk.meta.region,
        "issuer": chunk.meta.issuer,
        "doc_type": chunk.meta.doc_type,
        "format": chunk.info.format,
        "page_count": chunk.info.pages,
        "ocr_pages": ",".join(str(p) for p in chunk.info.ocr_pages),
        "tables": chunk.info.tables,
        "temporal": json.dumps([chunk.temporal.start, chunk.temporal.end, chunk.temporal.kind]),
        "tagger": TAGGER_VERSION,
    }
    return {key: value for key, value in meta.items() if value is not None}


def _temporal(meta: dict) -> Temporal:
    if "temporal" not in meta:
        return Temporal()
    start, end, kind = json.loads(meta["temporal"])
    return Temporal(start, end, kind)


def _chunk_from(text: str, meta: dict) -> Chunk:
    return Chunk(
        doc=meta["doc"],
        index=int(meta["index"]),
        text=text,
        heading_path=tuple(json.loads(meta.get("heading_path", "[]"))),
        start=int(meta["start"]),
        end=int(meta["end"]),
        pages=tuple(int(p) for p in str(meta.get("pages", "")).split(",") if p),
        title=meta.get("title", ""),
        meta=DocMeta(
            year=meta.get("year"),
            region=meta.get("region"),
            issuer=meta.get("issuer"),
            doc_type=meta.get("doc_type"),
        ),
        info=FileInfo(
            format=meta.get("format", ""),
            pages=int(meta.get("page_count", 0)),
            ocr_pages=tuple(int(p) for p in str(meta.get("ocr_pages", "")).split(",") if p),
            tables=int(meta.get("tables", 0)),
        ),
        temporal=_temporal(meta),
    )


class VectorStore:
    """Add, get, query and delete the chunks of one knowledge base."""

    def __init__(self, settings: Settings, kb: str, embedder_name: str) -> None:
        self.kb = kb
        self._client = _client(settings)
        # Chroma's embedded database file: every write by any process changes its time stamp
        self._database = None if settings.chroma_url else settings.chroma_path / "chroma.sqlite3"
        self._collection = self._client.get_or_create_collection(
            name=collection_name(kb),
            embedding_function=None,
            metadata={"hnsw:space": "cosine", "kb": kb, "embedder": embedder_name},
        )
        stored_embedder = (self._collection.metadata or {}).get("embedder")
        if stored_embedder and stored_embedder != embedder_name:
            from assistant.errors import AssistantError

            raise AssistantError(
                f"知识库 {kb!r} was indexed with {stored_embedder}, not {embedder_name}. "
                f"Use the same embedder or index into a new knowledge base (--kb)."
            )

    def count(self) -> int:
        return self._collection.count()

    def change_marker(self) -> tuple[int, ...]:
        """A value that differs after any write, by this or another process, cheap enough to read before
        every search: the embedded database file's modification time and size (a stat, microseconds),
        or the chunk count on a server (a round trip) and where the file is not found."""
        if self._database is not None:
            try:
                stat = self._database.stat()
                return (stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                pass
        return (self.count(),)

    def ids(self) -> list[str]:
        """Every chunk id in the collection."""
        return list(self._collection.get(include=[])["ids"])

    def add_document(self, chunks: list[Chunk], vectors: np.ndarray, content_hash: str) -> None:
        """Upsert (ids are deterministic, so a retry never duplicates a chunk)."""
        total = len(chunks)
        for begin in range(0, total, _ADD_BATCH):
            batch = chunks[begin : begin + _ADD_BATCH]
            self._collection.upsert(
                ids=[chunk.id for chunk in batch],
                embeddings=vectors[begin : begin + _ADD_BATCH].tolist(),
                documents=[chunk.text for chunk in batch],
                metadatas=[_metadata(chunk, content_hash, total) for chunk in batch],
            )

    def delete_document(self, doc: str) -> None:
        self._collection.delete(where={"doc": doc})

    def has_document(self, doc: str) -> bool:
        return bool(self._collection.get(where={"doc": doc}, limit=1, include=[])["ids"])

    def documents(self) -> list[StoredDocument]:
        """Every document in the collection, from chunk metadata (cheap: no vectors, no text)."""
        rows = self._collection.get(include=["metadatas"])
        grouped: dict[tuple[str, str], list[dict]] = {}
        for meta in rows["metadatas"] or []:
            grouped.setdefault((meta["doc"], meta["content_hash"]), []).append(meta)
        documents = []
        for (name, content_hash), metas in sorted(grouped.items()):
            first = _chunk_from("", metas[0])
            documents.append(
                StoredDocument(
                    name=name,
                    title=first.title,
                    content_hash=content_hash,
                    chunks=len(metas),
                    expected_chunks=int(metas[0].get("doc_chunks", len(metas))),
                    meta=first.meta,
                    info=first.info,
                    tagged=metas[0].get("tagger") == TAGGER_VERSION,
                )
            )
        return documents

    def all_chunks(self) -> list[StoredChunk]:
        rows = self._collection.get(include=["documents", "metadatas"])
        return [
            StoredChunk(_chunk_from(text, meta), meta["content_hash"])
            for text, meta in zip(rows["documents"], rows["metadatas"], strict=True)
        ]

    def document_chunks(self, doc: str) -> list[StoredChunk]:
        """One document's chunks, in document order."""
        rows = self._collection.get(where={"doc": doc}, include=["documents", "metadatas"])
        chunks = [
            StoredChunk(_chunk_from(text, meta), meta["content_hash"])
            for text, meta in zip(rows["documents"], rows["metadatas"], strict=True)
        ]
        return sorted(chunks, key=lambda stored: stored.chunk.index)

    def get(self, ids: list[str]) -> list[StoredChunk]:
        if not ids:
            return []
        rows = self._collection.get(ids=ids, include=["documents", "metadatas"])
        by_id = {
            row_id: StoredChunk(_chunk_from(text, meta), meta["content_hash"])
            for row_id, text, meta in zip(rows["ids"], rows["documents"], rows["metadatas"], strict=True)
        }
        return [by_id[i] for i in ids if i in by_id]

    def nearest(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[str]:
        """Ids of the ``k`` nearest chunks by cosine similarity, nearest first; fewer when fewer match.

        Ids only: reading texts and metadata for every candidate costs more than the search itself,
        and retrieval needs them only for the few candidates it keeps.
        """
        rows = self._collection.query(  # an array as is: converting it to a list costs half a millisecond
            query_embeddings=vector[np.newaxis, :], n_results=k, where=where or None, include=[]
        )
        return list(rows["ids"][0])
