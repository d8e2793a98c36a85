"""One knowledge base: the vector store and the indexes derived from it, kept consistent.

Opening a knowledge base repairs what a crash may have left: a document with fewer
chunks than it declares is removed (the next ``index`` run adds it again), the
keyword index is rebuilt when it does not match the store, and the figures of any
document whose hash differs from the store's are extracted again.
"""

from __future__ import annotations

import threading
import time
from functools import cached_property

from assistant.facts.table import FigureTable
from assistant.index.embed import Embedder, embedder_name, get_embedder
from assistant.index.keyword import KeywordIndex, signature
from assistant.index.store import StoredDocument, VectorStore
from assistant.settings import Settings


class KnowledgeBase:
    def __init__(self, settings: Settings, kb: str | None = None) -> None:
        self.settings = settings
        self.name = kb or settings.kb
        self.store = VectorStore(settings, self.name, embedder_name(settings))
        self.keyword = KeywordIndex(settings.kb_path(self.name) / "keyword.pkl")
        self.figures = FigureTable(settings.kb_path(self.name) / "figures.sqlite")
        self._refresh_lock = threading.Lock()  # UI threads search (and refresh) at once
        self._catalog: list[StoredDocument] = []
        self._catalog_marker: tuple[int, ...] = ()
        self._checked_at = float("-inf")
        self._repair()

    @cached_property
    def embedder(self) -> Embedder:
        """Loaded on first use: listing or removing documents needs no model."""
        return get_embedder(self.settings)

    def documents(self) -> list[StoredDocument]:
        return self.store.documents()

    def current_documents(self, max_age_s: float = 0.0) -> list[StoredDocument]:
        """The stored documents, re-read (and the derived indexes brought in line) when the store
        was written since they were read or the last check is older than ``max_age_s``: another
        process or server client may write."""
        stale = time.monotonic() - self._checked_at >= max_age_s
        if stale or self.store.change_marker() != self._catalog_marker:
            self.refresh()
        return self._catalog

    def _repair(self) -> None:
        documents = self.store.documents()
        broken = [doc for doc in documents if not doc.complete]
        for doc in broken:
            self.store.delete_document(doc.name)
        if broken:
            documents = self.store.documents()
        self.refresh(documents)

    def refresh(self, documents: list[StoredDocument] | None = None) -> None:
        """Bring the derived indexes in line with the store (cheap when nothing changed)."""
        with self._refresh_lock:
            marker = self.store.change_marker()  # before reading: a write meanwhile shows at the next check
            documents = documents if documents is not None else self.store.documents()
            self._sync_figures(documents)
            current = signature(documents)
            if self.keyword.signature != current and not (self.keyword.load() and self.keyword.signature == current):
                self.keyword.rebuild(self.store.all_chunks(), current)
            self._catalog, self._catalog_marker, self._checked_at = documents, marker, time.monotonic()

    def _sync_figures(self, documents: list[StoredDocument]) -> None:
        """Re-extracts the figures of documents whose hash differs; drops those no longer stored."""
        stored = {doc.name: doc.content_hash for doc in documents if doc.complete}
        extracted = self.figures.documents()
        for name in extracted.keys() - stored.keys():
            self.figures.delete_document(name)
        for name, content_hash in stored.items():
            if extracted.get(name) != content_hash:
                chunks = [s.chunk for s in self.store.document_chunks(name) if s.content_hash == content_hash]
                self.figures.replace_document(name, content_hash, chunks)

    def remove(self, doc: str) -> bool:
        """Delete a document and its chunks everywhere; False when it was not indexed."""
        if not self.store.has_document(doc):
            return False
        self.store.delete_document(doc)
        self.figures.delete_document(doc)
        self.refresh()
        return True
