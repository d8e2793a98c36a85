"""Hybrid retrieval: dense (Chroma) and keyword (BM25) candidates fused by reciprocal rank.

RRF needs no score calibration between the two retrievers, which matters because
cosine similarities and BM25 scores live on unrelated scales. When the question names
a year, place, document or type, both retrievers also search within the documents that
fit best, and those rankings join the fusion; a small prior then breaks ties in favour
of the fitting documents.
"""

from __future__ import annotations

from assistant.index.knowledge_base import KnowledgeBase
from assistant.index.text import has_cjk
from assistant.retrieve.constraints import document_prior, parse_constraints
from assistant.retrieve.rerank import RERANK_DEPTH, rerank
from assistant.types import Hit

RRF_K = 60
CANDIDATES = 30
KEYWORD_POOL = 200
PRIOR_WEIGHT = 0.004


def fuse(rankings: list[list[str]], weights: list[float] | None = None) -> dict[str, float]:
    """Weighted reciprocal-rank fusion of ranked id lists."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + weight / (RRF_K + rank + 1)
    return fused


def doc_of(chunk_id: str) -> str:
    return chunk_id.rsplit("#", 1)[0]


def hybrid_search(kb: KnowledgeBase, query: str, k: int, translation: str | None = None) -> list[Hit]:
    """Top ``k`` chunks; ``translation`` (a Chinese rendering of an English query) joins both sides."""
    documents = kb.current_documents(kb.settings.store_recheck_s)
    constraints = parse_constraints(f"{query} {translation or ''}", documents)
    priors = {} if constraints.empty else {d.name: document_prior(constraints, d) for d in documents}
    best = max(priors.values(), default=0.0)
    preferred = [name for name, prior in priors.items() if best > 0 and prior == best]

    queries = [query, translation] if translation else [query]
    vectors = kb.embedder.embed_queries(queries)
    keyword_query = " ".join(queries)
    # An English question without a Chinese rendering meets the Chinese index only in numbers and stray
    # Latin words; that ranking is noise (it pushed 5 of 7 dev English passages down), so dense alone ranks.
    keyword_hits = kb.keyword.search(keyword_query, KEYWORD_POOL) if has_cjk(keyword_query) else []
    keyword_ids = [chunk_id for chunk_id, _ in keyword_hits]
    dense = []
    rankings = [keyword_ids[:CANDIDATES]]
    main_dense_ids: list[str] = []
    focus = preferred and len(preferred) < len(documents)
    for vector in vectors:
        found = kb.store.query(vector, CANDIDATES)
        dense += found
        rankings.append([stored.chunk.id for stored in found])
        main_dense_ids = main_dense_ids or rankings[-1]  # the question's own dense ranking
        if focus:
            focused = kb.store.query(vector, CANDIDATES, where={"doc": {"$in": preferred}})
            dense += focused
            rankings.append([stored.chunk.id for stored in focused])
    if focus:
        rankings.append([i for i in keyword_ids if doc_of(i) in preferred][:CANDIDATES])
    fused = fuse(rankings)
    for chunk_id in fused:
        fused[chunk_id] += PRIOR_WEIGHT * priors.get(doc_of(chunk_id), 0.0)
    top = sorted(fused, key=fused.__getitem__, reverse=True)[: max(k, RERANK_DEPTH)]
    chunks = {stored.chunk.id: stored.chunk for stored in dense}
    chunks.update((s.chunk.id, s.chunk) for s in kb.store.get([i for i in top if i not in chunks]))
    dense_rank = {chunk_id: rank for rank, chunk_id in enumerate(main_dense_ids)}
    keyword_rank = {chunk_id: rank for rank, chunk_id in enumerate(keyword_ids)}
    hits = [Hit(chunks[i], fused[i], dense_rank.get(i), keyword_rank.get(i)) for i in top if i in chunks]
    return rerank(translation or query, hits)[:k]
