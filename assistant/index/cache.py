"""A persistent embedding cache keyed by (embedder, text), so re-indexing after a
splitter change or a re-upload only embeds what is new."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.index.embed import Embedder


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vector BLOB, PRIMARY KEY (model, key))"
        )

    def close(self) -> None:
        self._db.close()

    def _lookup(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for begin in range(0, len(keys), 500):
            part = keys[begin : begin + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})", [model, *part]
            )
            found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return found

    def embed_passages(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        batch_size: int = 32,
        on_batch: Callable[[int], None] | None = None,
    ) -> tuple[np.ndarray, int]:
        """Vectors for ``texts`` and how many had to be computed; ``on_batch(n)`` after each batch."""
        keys = [_key(text) for text in texts]
        known = self._lookup(embedder.name, keys)
        missing = [i for i, key in enumerate(keys) if key not in known]
        if on_batch and len(missing) < len(texts):
            on_batch(len(texts) - len(missing))
        for begin in range(0, len(missing), batch_size):
            batch = missing[begin : begin + batch_size]
            vectors = embedder.embed_passages([texts[i] for i in batch])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [
                        (embedder.name, keys[i], vector.astype(np.float32).tobytes())
                        for i, vector in zip(batch, vectors, strict=False)
                    ],
                )
            known.update((keys[i], vector) for i, vector in zip(batch, vectors, strict=False))
            if on_batch:
                on_batch(len(batch))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), 0
        return np.stack([known[key] for key in keys]), len(missing)
