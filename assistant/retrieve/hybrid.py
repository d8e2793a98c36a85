"""Hybrid retrieval: dense (Chroma) and keyword (BM25) candidates fused by reciprocal rank.

RRF needs no score calibration between the two retrievers, which matters because
cosine similarities and BM25 scores live on unrelated scales.
"""

from __future__ import annotations

from assistant.index.knowledge_base import KnowledgeBase
from assistant.types import Hit

RRF_K = 60
CANDIDATES = 30


def fuse(rankings: list[list[str]], weights: list[float] | None = None) -> dict[str, float]:
    """Weighted reciprocal-rank fusion of ranked id lists."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + weight / (RRF_K + rank + 1)
    return fused


def hybrid_search(kb: KnowledgeBase, query: str, k: int) -> list[Hit]:
    vector = kb.embedder.embed_queries([query])[0]
    dense = kb.store.query(vector, CANDIDATES)
    keyword = kb.keyword.search(query, CANDIDATES)
    dense_ids = [stored.chunk.id for stored in dense]
    keyword_ids = [chunk_id for chunk_id, _ in keyword]
    fused = fuse([dense_ids, keyword_ids])
    top = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
    chunks = {stored.chunk.id: stored.chunk for stored in dense}
    chunks.update((s.chunk.id, s.chunk) for s in kb.store.get([i for i in top if i not in chunks]))
    dense_rank = {chunk_id: rank for rank, chunk_id in enumerate(dense_ids)}
    keyword_rank = {chunk_id: rank for rank, chunk_id in enumerate(keyword_ids)}
    return [
        Hit(chunks[i], fused[i], dense_rank.get(i), keyword_rank.get(i)) for i in top if i in chunks
    ]
