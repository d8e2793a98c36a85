"""One knowledge base: the vector store and the indexes derived from it, kept consistent.

Opening a knowledge base repairs what a crash may have left: a document with fewer
chunks than it declares is removed (the next ``index`` run adds it again), and the
keyword index is rebuilt when it does not match the store.
"""

from __future__ import annotations

from functools import cached_property

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
        self._repair()

    @cached_property
    def embedder(self) -> Embedder:
        """Loaded on first use: listing or removing documents needs no model."""
        return get_embedder(self.settings)

    def documents(self) -> list[StoredDocument]:
        return self.store.documents()

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
        current = signature(documents if documents is not None else self.store.documents())
        if self.keyword.signature == current or (self.keyword.load() and self.keyword.signature == current):
            return
        self.keyword.rebuild(self.store.all_chunks(), current)

    def remove(self, doc: str) -> bool:
        """Delete a document and its chunks everywhere; False when it was not indexed."""
        if doc not in {d.name for d in self.store.documents()}:
            return False
        self.store.delete_document(doc)
        self.refresh()
        return True
