"""Second stage: rescore the fused candidates by their best single sentence.

A passage whose one sentence holds all the question's terms (and a figure, for a
numeric question) answers it more often than one whose terms are scattered across
topics. This needs no model weights, costs about a millisecond per candidate, and
was kept because it raised MRR on the dev questions (see bench/results).
"""

from __future__ import annotations

from assistant.retrieve.sentences import rank_sentences
from assistant.types import Hit, Query

RERANK_DEPTH = 20
SENTENCE_WEIGHT = 0.01


def rerank(query: Query, hits: list[Hit], weight: float = SENTENCE_WEIGHT) -> list[Hit]:
    """Hits re-sorted by fused score + ``weight`` × best-sentence score (top ``RERANK_DEPTH`` only)."""
    head, tail = hits[:RERANK_DEPTH], hits[RERANK_DEPTH:]
    best: dict[str, float] = {}
    for scored in rank_sentences(query, head):
        chunk_id = head[scored.citation - 1].chunk.id
        # the sentence's own match: the fused score already holds the rank
        best[chunk_id] = max(best.get(chunk_id, scored.match), scored.match)
    rescored = [
        Hit(hit.chunk, hit.score + weight * best.get(hit.chunk.id, 0.0), hit.dense_rank, hit.keyword_rank)
        for hit in head
    ]
    return sorted(rescored, key=lambda h: h.score, reverse=True) + tail
