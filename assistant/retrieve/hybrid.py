"""Hybrid retrieval: dense (Chroma) and keyword (BM25) candidates fused by reciprocal rank.

RRF needs no score calibration between the two retrievers, which matters because
cosine similarities and BM25 scores live on unrelated scales. When the question names
a year, place, document or type, both retrievers also search within the documents that
fit best, and those rankings join the fusion; a small prior then breaks ties in favour
of the fitting documents.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from assistant.ingest.temporal import temporal_fit
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.retrieve.constraints import document_prior
from assistant.retrieve.rerank import RERANK_DEPTH, rerank
from assistant.text.segment import has_cjk
from assistant.types import ACTUAL, Hit, Query

RRF_K = 60
CANDIDATES = 30
# One dense query reads this many ids: the top CANDIDATES rank overall, the focused ranking is read off the
# rest, and the breadth of Chroma's HNSW search grows with it (ef = max(ef_search, k)), so the top 30 are
# the exact ones: asking for 30 or 100 missed some of the exact top 30 on the dev corpus, 200 none.
DENSE_POOL = 200
KEYWORD_POOL = 200
PRIOR_WEIGHT = 0.004
# × temporal_fit (-1.5..1) of each passage's tag: "2025年…实际" lifts the 2026 report's review of 2025 above
# the 2025 report's plan for it (rank 1 of one ranking alone is worth 1/61 = 0.016)
TEMPORAL_WEIGHT = 0.008
LATER_REPORT = 0.6  # prior added to the report of the year after the one whose results are asked
# Chroma searches in native code without holding the GIL (or, on a server, over the network), so the
# keyword side and the constraints run meanwhile
_DENSE_SEARCHES = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dense-search")


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


def hybrid_search(kb: KnowledgeBase, parsed: Query, k: int) -> list[Hit]:
    """Top ``k`` chunks for the parsed question; its ``translation`` (a Chinese rendering of an English
    question) joins both sides.

    Its years and intent say what passages must be about in time, against each passage's temporal tag;
    its constraints (the documents it names) which documents to prefer.
    """
    query, translation = parsed.text, parsed.translation
    queries = [query, translation] if translation else [query]
    searches = [
        (vector, _DENSE_SEARCHES.submit(kb.store.nearest, vector, DENSE_POOL))
        for vector in kb.embedder.embed_queries(queries)
    ]
    documents = kb.current_documents(kb.settings.store_recheck_s)
    constraints = parsed.constraints
    priors = {} if constraints.empty else {d.name: document_prior(constraints, d) for d in documents}
    if parsed.intent == ACTUAL and parsed.years and not constraints.doc_years:
        # a year's results are reviewed in the next year's report: both reports may hold the answer
        after = max(parsed.years) + 1
        for d in documents:
            if d.meta.year == after and d.name in priors:
                priors[d.name] += LATER_REPORT
    best = max(priors.values(), default=0.0)
    preferred = {name for name, prior in priors.items() if best > 0 and prior == best}
    focus = bool(preferred) and len(preferred) < len(documents)
    preferred_chunks = sum(d.chunks for d in documents if d.name in preferred)

    keyword_query = " ".join(queries)
    # An English question without a Chinese rendering meets the Chinese index only in numbers and stray
    # Latin words; that ranking is noise (it pushed 5 of 7 dev English passages down), so dense alone ranks.
    keyword_ids = [i for i, _ in kb.keyword.search(keyword_query, KEYWORD_POOL)] if has_cjk(keyword_query) else []
    rankings = [keyword_ids[:CANDIDATES]]
    dense_rankings = []
    for vector, search in searches:
        nearest = search.result()
        dense_rankings.append(nearest[:CANDIDATES])
        if focus:
            dense_rankings.append(_within(kb, vector, nearest, preferred, preferred_chunks))
    rankings += dense_rankings
    if focus:
        rankings.append([i for i in keyword_ids if doc_of(i) in preferred][:CANDIDATES])
    fused = fuse(rankings)
    for chunk_id in fused:
        fused[chunk_id] += PRIOR_WEIGHT * priors.get(doc_of(chunk_id), 0.0)
    chunks = kb.keyword.chunks(list(fused))  # from memory; the store only for chunks added since its last rebuild
    if parsed.years or parsed.intent:
        for chunk_id, chunk in chunks.items():
            fit = temporal_fit(parsed.years, parsed.intent, parsed.stated, chunk.temporal)
            fused[chunk_id] += TEMPORAL_WEIGHT * fit
    top = sorted(fused, key=fused.__getitem__, reverse=True)[: max(k, RERANK_DEPTH)]
    dense_rank = {chunk_id: rank for rank, chunk_id in enumerate(dense_rankings[0])}  # the question's own
    keyword_rank = {chunk_id: rank for rank, chunk_id in enumerate(keyword_ids)}
    chunks.update((s.chunk.id, s.chunk) for s in kb.store.get([i for i in top if i not in chunks]))
    hits = [Hit(chunks[i], fused[i], dense_rank.get(i), keyword_rank.get(i)) for i in top if i in chunks]
    return rerank(parsed, hits)[:k]


def _within(
    kb: KnowledgeBase, vector: np.ndarray, nearest: list[str], preferred: set[str], preferred_chunks: int
) -> list[str]:
    """The dense ranking inside the preferred documents: read off the unfiltered ranking when that holds
    enough of their chunks (the same order), else searched again with a filter."""
    inside = [chunk_id for chunk_id in nearest if doc_of(chunk_id) in preferred][:CANDIDATES]
    if len(inside) >= min(CANDIDATES, preferred_chunks):
        return inside
    where = {"doc": {"$in": sorted(preferred)}}
    return kb.store.nearest(vector, CANDIDATES, where=where)
