"""The Python API: what the CLI and the UI call. No logic lives in either of them.

An ``Assistant`` holds the settings and the knowledge bases it has opened, so a
long-running UI opens Chroma and loads models once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from assistant.answer.chain import AnswerEvent, Final, llm_answer_events
from assistant.answer.fast import fast_answer
from assistant.answer.llm import get_backend
from assistant.answer.sentences import is_english
from assistant.errors import BackendUnavailableError, QuestionError
from assistant.index.indexer import IndexReport, ProgressFn, index_paths
from assistant.index.knowledge_base import KnowledgeBase
from assistant.index.store import StoredDocument
from assistant.retrieve.hybrid import hybrid_search
from assistant.retrieve.translate import QueryTranslator
from assistant.settings import Settings
from assistant.types import Answer, FigureRecord, Hit


class Assistant:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._kbs: dict[str, KnowledgeBase] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # one indexing job at a time per process
        self._translator: QueryTranslator | None = None

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
        return hybrid_search(knowledge_base, query, k or self.settings.search_k, self._translation(query))

    def _translation(self, query: str) -> str | None:
        """A Chinese rendering of an English query, when the LLM is available (else None)."""
        if not (self.settings.translate_english and is_english(query)):
            return None
        try:
            if self._translator is None:
                self._translator = QueryTranslator(get_backend(self.settings), self.settings)
            return self._translator.to_chinese(query) or None
        except BackendUnavailableError:
            return None

    def facts(
        self,
        query: str,
        year: int | None = None,
        region: str | None = None,
        doc: str | None = None,
        kb: str | None = None,
        limit: int = 20,
    ) -> list[FigureRecord]:
        """Figures whose indicator (or sentence, section) matches ``query``, best first.

        ``year`` and ``region`` filter on the document's metadata (北京 finds 北京市);
        ``doc`` is a file name or part of a name or title.
        """
        query = self.check_question(query)
        knowledge_base = self.kb(kb)
        knowledge_base.refresh()
        return knowledge_base.figures.search(query, year, region, doc, limit)

    def compare_facts(
        self, query: str, year: int | None = None, region: str | None = None, doc: str | None = None,
        kb: str | None = None,
    ) -> list[FigureRecord]:
        """The same indicator side by side: the best record of each document, oldest first."""
        query = self.check_question(query)
        knowledge_base = self.kb(kb)
        knowledge_base.refresh()
        return knowledge_base.figures.compare(query, year, region, doc)

    def ask_events(
        self,
        question: str,
        mode: str = "llm",
        history: Sequence[tuple[str, str]] = (),
        kb: str | None = None,
    ) -> Iterator[AnswerEvent]:
        """Answer events: LLM tokens as they come, then the verified answer (always last).

        An unavailable LLM (model missing, endpoint down) degrades to fast mode with a notice.
        """
        question = self.check_question(question)

        def search(query: str) -> list[Hit]:
            return self.search(query, kb=kb)

        if mode == "fast":
            yield Final(fast_answer(question, search(question)))
            return
        try:
            backend = get_backend(self.settings)
            yield from llm_answer_events(backend, self.settings, search, question, history)
        except BackendUnavailableError as error:
            notice = f"大模型不可用，已改用快速模式 (LLM unavailable, fast mode used): {error}"
            yield Final(fast_answer(question, search(question), notice=notice))

    def ask(self, question: str, mode: str = "llm", history: Sequence[tuple[str, str]] = (), kb: str | None = None) -> Answer:
        final = None
        for event in self.ask_events(question, mode, history, kb):
            if isinstance(event, Final):
                final = event.answer
        assert final is not None, "ask_events always ends with Final"
        return final
