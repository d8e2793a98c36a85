"""The product's retriever as a LangChain ``BaseRetriever``, for use in LangChain pipelines.

An adapter over :class:`assistant.api.Assistant` (its knowledge bases, settings and translation), so it
sits above the API, beside the CLI and the UI."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from assistant.api import Assistant
from assistant.types import Hit


def hit_to_document(hit: Hit) -> LCDocument:
    chunk = hit.chunk
    return LCDocument(
        page_content=chunk.text,
        metadata={
            "id": chunk.id,
            "doc": chunk.doc,
            "title": chunk.title,
            "section": chunk.section,
            "page": chunk.pages[0] if chunk.pages else None,
            "year": chunk.meta.year,
            "region": chunk.meta.region,
            "score": hit.score,
        },
    )


class HybridRetriever(BaseRetriever):
    """Hybrid (dense + BM25), constraint-aware, reranked retrieval over one knowledge base.

    ``kb`` is a knowledge base name;
    ``use_llm=False`` leaves English questions untranslated (no LLM is loaded or called).
    """

    assistant: Assistant
    kb: str | None = None
    k: int = 5
    use_llm: bool = True

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        hits = self.assistant.search(query, k=self.k, kb=self.kb, use_llm=self.use_llm)
        return [hit_to_document(hit) for hit in hits]
