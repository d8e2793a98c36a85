"""Keyword index: BM25 (bm25s) over jieba tokens, a derived copy of the vector store.

It is rebuilt from the store whenever the store's signature (documents and their
hashes) no longer matches, so it can never disagree with Chroma for long — also in
server mode, where another process may have changed the collection.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.index.store import StoredChunk, StoredDocument
from assistant.index.text import passage_text, tokenize


def signature(documents: list[StoredDocument]) -> str:
    """Identifies the store's content: changes whenever a document is added, changed or removed."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.name):
        digest.update(f"{doc.name}\0{doc.content_hash}\0{doc.chunks}\n".encode())
    return digest.hexdigest()


@dataclass
class _State:
    signature: str
    ids: list[str]
    tokens: list[list[str]]


class KeywordIndex:
    """BM25 over chunk ids; persisted as token lists so a restart skips jieba."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._state: _State | None = None
        self._bm25 = None
        self._vocab: set[str] = set()

    @property
    def signature(self) -> str | None:
        return self._state.signature if self._state else None

    def load(self) -> bool:
        try:
            with self._path.open("rb") as handle:
                self._install(pickle.load(handle))
            return True
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return False

    def rebuild(self, chunks: list[StoredChunk], store_signature: str) -> None:
        """Re-tokenise only chunks not seen before (tokens are reused by chunk id + text)."""
        previous = {}
        if self._state is not None:
            previous = dict(zip(self._state.ids, self._state.tokens, strict=True))
        ids, tokens = [], []
        for stored in chunks:
            key = stored.chunk.id
            ids.append(key)
            tokens.append(previous.get(key) or tokenize(passage_text(stored.chunk)))
        state = _State(store_signature, ids, tokens)
        self._install(state)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(state, handle)
        temporary.replace(self._path)

    def _install(self, state: _State) -> None:
        import bm25s

        self._state = state
        self._vocab = {token for tokens in state.tokens for token in tokens}
        self._bm25 = None
        if state.ids:
            self._bm25 = bm25s.BM25()
            self._bm25.index([tokens or ["\0"] for tokens in state.tokens], show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, BM25 score) with a positive score."""
        if self._bm25 is None or self._state is None:
            return []
        terms = [token for token in tokenize(query) if token in self._vocab]
        if not terms:
            return []
        scores = np.asarray(self._bm25.get_scores(terms))
        top = np.argsort(-scores)[:k]
        return [(self._state.ids[i], float(scores[i])) for i in top if scores[i] > 0]
