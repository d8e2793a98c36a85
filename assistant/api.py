"""The Python API: what the CLI and the UI call. No logic lives in either of them.

An ``Assistant`` holds the settings and the knowledge bases it has opened, so a
long-running UI opens Chroma and loads models once.
"""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.errors import QuestionError
from assistant.index.indexer import IndexReport, ProgressFn, index_paths
from assistant.index.knowledge_base import KnowledgeBase
from assistant.index.store import StoredDocument
from assistant.retrieve.hybrid import hybrid_search
from assistant.settings import Settings
from assistant.types import Hit


class Assistant:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._kbs: dict[str, KnowledgeBase] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # one indexing job at a time per process

    def kb(self, name: str | None = None) -> KnowledgeBase:
        name = name or self.settings.kb
        with self._lock:
            if name not in self._kbs:
                self._kbs[name] = KnowledgeBase(self.settings, name)
            return self._kbs[name]

    def index(self, paths: list[Path], kb: str | None = None, progress: ProgressFn | None = None) -> IndexReport:
        with self._write_lock:
            return index_paths(self.kb(kb), paths, progress)

    def documents(self, kb: str | None = None) -> list[StoredDocument]:
        return self.kb(kb).documents()

    def remove(self, doc: str, kb: str | None = None) -> bool:
        with self._write_lock:
            return self.kb(kb).remove(doc)

    def check_question(self, question: str) -> str:
        question = question.strip()
        if not question:
            raise QuestionError("问题为空 (the question is empty)")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(
                f"问题过长：{len(question)} 字，上限 {limit} 字。请精简后再问 "
                f"(question too long: {len(question)} characters, limit {limit})."
            )
        return question

    def search(self, query: str, k: int | None = None, kb: str | None = None) -> list[Hit]:
        query = self.check_question(query)
        knowledge_base = self.kb(kb)
        knowledge_base.refresh()
        return hybrid_search(knowledge_base, query, k or self.settings.search_k)
