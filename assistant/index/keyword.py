"""Keyword index: BM25 (bm25s) over jieba tokens, a derived copy of the vector store.

It is rebuilt from the store whenever the store's signature (documents and their
hashes) no longer matches, so it can never disagree with Chroma for long — also in
server mode, where another process may have changed the collection. It keeps the
chunks it indexes too, so a search reads its candidates' texts from memory instead of
asking the store again for them.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.index.passage import keyword_tokens
from assistant.index.store import StoredChunk, StoredDocument
from assistant.text.segment import tokenize
from assistant.types import Chunk

if TYPE_CHECKING:
    import bm25s


def signature(documents: list[StoredDocument]) -> str:
    """Identifies the store's content: changes whenever a document is added, changed or removed."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.name):
        digest.update(f"{doc.name}\0{doc.content_hash}\0{doc.chunks}\0{doc.tagged}\n".encode())
    return digest.hexdigest()


FORMAT = 2  # 2: chunks carry their temporal tags; a file of another format is rebuilt


@dataclass
class _State:
    signature: str
    tokens: list[list[str]]
    chunks: list[Chunk]
    format: int = FORMAT


@dataclass(frozen=True)
class _Live:
    """A state with its BM25 model and vocabulary, replaced in one assignment."""

    state: _State
    bm25: bm25s.BM25 | None
    vocab: frozenset[str]
    ids: list[str]
    chunks: dict[str, Chunk]


class KeywordIndex:
    """BM25 over chunk ids; persisted as token lists so a restart skips jieba."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._live: _Live | None = None  # swapped whole, so a search never mixes two states

    @property
    def signature(self) -> str | None:
        live = self._live
        return live.state.signature if live else None

    @property
    def ids(self) -> list[str]:
        """The chunk ids indexed, in index order."""
        live = self._live
        return list(live.ids) if live else []

    def load(self) -> bool:
        try:
            with self._path.open("rb") as handle:
                state = pickle.load(handle)
            if getattr(state, "format", 1) != FORMAT:
                return False
            self._install(state)
            return True
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return False

    def rebuild(self, chunks: list[StoredChunk], store_signature: str) -> None:
        """Re-tokenise only chunks not seen before (tokens are reused by chunk id + text)."""
        previous = {}
        if self._live is not None:
            previous = dict(zip(self._live.ids, self._live.state.tokens, strict=True))
        tokens = [previous.get(stored.chunk.id) or keyword_tokens(stored.chunk) for stored in chunks]
        state = _State(store_signature, tokens, [stored.chunk for stored in chunks])
        self._install(state)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        # a temporary file of its own: threads and processes sharing the folder never collide
        with tempfile.NamedTemporaryFile(dir=self._path.parent, prefix=self._path.name, delete=False) as handle:
            pickle.dump(state, handle)
        Path(handle.name).replace(self._path)

    def _install(self, state: _State) -> None:
        import bm25s

        bm25 = None
        if state.chunks:
            bm25 = bm25s.BM25()
            bm25.index([tokens or ["\0"] for tokens in state.tokens], show_progress=False)
        vocab = frozenset(token for tokens in state.tokens for token in tokens)
        ids = [chunk.id for chunk in state.chunks]
        self._live = _Live(state, bm25, vocab, ids, dict(zip(ids, state.chunks, strict=True)))

    def chunks(self, ids: list[str]) -> dict[str, Chunk]:
        """The indexed chunks among ``ids``; ids it does not hold (yet) are left out."""
        live = self._live
        if live is None:
            return {}
        return {chunk_id: live.chunks[chunk_id] for chunk_id in ids if chunk_id in live.chunks}

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, BM25 score) with a positive score."""
        live = self._live
        if live is None or live.bm25 is None:
            return []
        terms = [token for token in tokenize(query) if token in live.vocab]
        if not terms:
            return []
        scores = np.asarray(live.bm25.get_scores(terms))
        top = np.argsort(-scores)[:k]
        return [(live.ids[i], float(scores[i])) for i in top if scores[i] > 0]
