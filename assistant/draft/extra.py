"""Extra documents a writer hands to one draft (this year's notes, a leader's instructions).

They are read and split like indexed files but never enter a knowledge base: the
draft searches their passages by keyword overlap, which needs no model and is instant
for the handful of pages involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.ingest.load import load_document
from assistant.ingest.split import split_document
from assistant.settings import Settings
from assistant.text.segment import tokenize
from assistant.types import Chunk, Hit


class ExtraDocuments:
    """The passages of a few files, searchable by the words they share with a query."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self._tokens = [set(tokenize(f"{c.title} {c.section} {c.text}")) for c in self.chunks]

    @classmethod
    def load(cls, paths: Sequence[Path], settings: Settings) -> ExtraDocuments:
        """Read the files (raises ``LoadError`` for one that cannot be read)."""
        chunks: list[Chunk] = []
        for path in paths:
            document = load_document(Path(path), settings)
            chunks += split_document(document, settings.chunk_size)
        return cls(chunks)

    def documents(self) -> dict[str, list[Chunk]]:
        """Each file's passages, by document name, in order."""
        found: dict[str, list[Chunk]] = {}
        for chunk in self.chunks:
            found.setdefault(chunk.doc, []).append(chunk)
        return found

    def search(self, query: str, k: int) -> list[Hit]:
        """Passages sharing the most (length-weighted) query words, best first; none when nothing matches."""
        terms = set(tokenize(query))
        weight = sum(len(t) for t in terms) or 1
        scored = []
        for chunk, tokens in zip(self.chunks, self._tokens, strict=True):
            share = sum(len(t) for t in terms if t in tokens) / weight
            if share >= 0.2:
                scored.append(Hit(chunk, share))
        return sorted(scored, key=lambda hit: hit.score, reverse=True)[:k]
