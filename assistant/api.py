"""The Python API: what the CLI and the UI call. No logic lives in either of them.

An ``Assistant`` holds the settings and the knowledge bases it has opened, so a
long-running UI opens Chroma and loads models once.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from assistant.answer.bind import Binder
from assistant.answer.chain import llm_answer_events
from assistant.answer.fast import MEANING_FLOOR, fast_answer
from assistant.brief import Brief, Source, brief_document
from assistant.brief.export import export_brief as write_brief
from assistant.brief.overview import write_overview
from assistant.brief.topic import FIGURE_MATCH as TOPIC_FIGURE_MATCH
from assistant.brief.topic import brief_topic
from assistant.check.checker import check_text
from assistant.check.report import CheckReport
from assistant.check.rules import load_rules
from assistant.check.style import style_findings
from assistant.check.word import write_checked_docx
from assistant.draft.documents import Catalogued
from assistant.draft.export import export_file
from assistant.draft.extra import ExtraDocuments
from assistant.draft.material import Sources
from assistant.draft.pipeline import DraftRequest, draft_events
from assistant.draft.templates import Template, load_templates
from assistant.draft.transcript import conversation_draft
from assistant.errors import BackendUnavailableError, DocumentNotFoundError, DraftCheckError, QuestionError
from assistant.facts.chart import Chart, draw_compare_chart
from assistant.facts.numbers import in_asked_unit
from assistant.facts.table import FigureTable
from assistant.index.store import StoredDocument
from assistant.ingest.load import load_document
from assistant.ingest.uploads import safe_filename, store_upload, upload_folder
from assistant.kb.indexer import IndexReport, ProgressFn, index_paths
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.llm.backends import get_backend, worker_state
from assistant.llm.worker import WorkerState, saved_state
from assistant.models.catalog import CATALOG
from assistant.models.provision import ModelStatus, status
from assistant.query import parse_query, plain_query
from assistant.query.constraints import DocumentNames, document_names, read_constraints
from assistant.retrieve.hybrid import hybrid_search
from assistant.retrieve.sentences import MEANING_DEPTH, is_english
from assistant.retrieve.translate import QueryTranslator
from assistant.settings import Settings
from assistant.types import Answer, AnswerEvent, Chunk, Document, Draft, DraftEvent, FigureRecord, Final, Hit, Query

FIGURE_MATCH = 0.5  # a figure record this well matched may join the passages of an answer
CHECK_MODES = ("fast", "llm")  # 核稿: rules and figures only, or also the LLM's reading of the style


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
            removed = self.kb(kb).remove(doc)
        if removed and safe_filename(doc) == doc:  # its uploaded copy too, or reindex would bring it back
            (upload_folder(self.settings, kb) / doc).unlink(missing_ok=True)
        return removed

    def add_files(
        self, files: Sequence[Path], kb: str | None = None, progress: ProgressFn | None = None
    ) -> IndexReport:
        """Copy files (browser uploads) into the knowledge base's upload folder under safe names, then index them.

        A copy that cannot be indexed, or is not taken (skipped), is deleted again; the report names it and why.
        """
        folder = upload_folder(self.settings, kb)
        stored = [store_upload(path, folder) for path in files]
        report = self.index(stored, kb, progress)
        rejected = [item.path for item in report.failed] + [item.path for item in report.skipped]
        for path in {Path(name) for name in rejected} & set(stored):
            path.unlink(missing_ok=True)
        return report

    def reindex(self, kb: str | None = None, progress: ProgressFn | None = None) -> IndexReport:
        """Read every uploaded file of the knowledge base again; changed files are replaced."""
        folder = upload_folder(self.settings, kb)
        return self.index([folder], kb, progress) if folder.is_dir() else IndexReport()

    def figure_counts(self, kb: str | None = None) -> dict[str, int]:
        """How many figures the figure table holds for each indexed document."""
        knowledge_base = self.kb(kb)
        return {d.name: knowledge_base.figures.count(d.name) for d in knowledge_base.documents()}

    def knowledge_bases(self) -> list[str]:
        """The knowledge bases of this data folder (the configured one always included)."""
        root = self.settings.home / "kb"
        found = {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()
        return sorted(found | {self.settings.kb} | set(self._kbs))

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

    def search(self, query: str, k: int | None = None, kb: str | None = None, use_llm: bool = True) -> list[Hit]:
        """Best passages; ``use_llm=False`` skips translating English queries (fast mode uses no LLM)."""
        return self._search(self.parse(query, use_llm, kb), k, kb)

    def parse(self, question: str, use_llm: bool = True, kb: str | None = None) -> Query:
        """The question parsed once (years and what they mean, intent, expected unit and subject, the
        documents of knowledge base ``kb`` it names); an English one with its Chinese translation when
        ``use_llm`` and the LLM can make one."""
        question = self.check_question(question)
        return parse_query(question, self._translation(question) if use_llm else None, self._names(kb))

    def _names(self, kb: str | None) -> DocumentNames:
        return document_names(self.kb(kb).current_documents(self.settings.store_recheck_s))

    def _search(self, query: Query, k: int | None = None, kb: str | None = None) -> list[Hit]:
        return hybrid_search(self.kb(kb), query, k or self.settings.search_k)

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
        return self._figures(kb).search(self.check_question(query), year, region, doc, limit)

    def compare_facts(
        self,
        query: str,
        year: int | None = None,
        region: str | None = None,
        doc: str | None = None,
        kb: str | None = None,
    ) -> list[FigureRecord]:
        """The same indicator side by side: the best record of each document, oldest first."""
        return self._figures(kb).compare(self.check_question(query), year, region, doc)

    def compare_chart(
        self,
        query: str,
        path: Path,
        year: int | None = None,
        region: str | None = None,
        doc: str | None = None,
        kb: str | None = None,
    ) -> Chart:
        """:meth:`compare_facts` drawn as a bar chart (one labelled bar per document) into ``path``.

        Raises ChartError when the records' units differ (% and 百分点 never mix).
        """
        records = self.compare_facts(query, year, region, doc, kb)
        return draw_compare_chart(records, path, query)

    def brief(self, doc: str, kb: str | None = None, mode: str = "fast") -> Brief:
        """A one-page brief of ``doc`` (its file name as ``list`` shows it), extractive.

        Changes are listed when the knowledge base holds a document of the same kind, the
        same region and the previous year (see :mod:`assistant.brief.build` for the rules).
        ``mode="llm"`` adds the LLM's overview paragraph, its figures verified (:meth:`with_overview`).
        """
        knowledge_base = self.kb(kb)
        documents = knowledge_base.current_documents(self.settings.store_recheck_s)
        found = next((d for d in documents if d.name == doc), None)
        if found is None:
            raise DocumentNotFoundError(f"资料库中没有这个文件 (no such document): {doc}")
        meta = found.meta
        previous = None
        if meta.year and meta.region and meta.doc_type:
            previous = next(
                (
                    d
                    for d in sorted(documents, key=lambda d: d.name)
                    if d.meta.doc_type == meta.doc_type
                    and d.meta.region == meta.region
                    and d.meta.year == meta.year - 1
                ),
                None,
            )
        brief = brief_document(
            self._source(found, knowledge_base),
            self._source(previous, knowledge_base) if previous is not None else None,
        )
        return self.with_overview(brief, kb) if mode == "llm" else brief

    def with_overview(self, brief: Brief, kb: str | None = None) -> Brief:
        """``brief`` with the LLM's overview paragraph on top, each figure verified against the passages
        it cites (:mod:`assistant.brief.overview`). An unavailable LLM (model missing, endpoint down or
        failing) leaves the extractive brief, with a notice that says so."""
        try:
            return write_overview(brief, get_backend(self.settings), self.settings, Binder(self.kb(kb).embedder))
        except BackendUnavailableError as error:
            notice = f"大模型不可用，未生成概述，以下为资料摘录 (LLM unavailable, no overview): {error}"
            return replace(brief, mode="llm", notice=notice)

    def topic_brief(self, topic: str, kb: str | None = None, mode: str = "fast") -> Brief:
        """A brief of a topic across the knowledge base: its passages and figures, grouped by document and year
        (``mode="llm"``: with the LLM's verified overview on top)."""
        topic = self.check_question(topic)
        hits = self.search(topic, k=self.settings.search_k * 2, kb=kb, use_llm=False)
        records = [r for r in self.facts(topic, kb=kb, limit=30) if r.score >= TOPIC_FIGURE_MATCH]
        chunks = {s.chunk.id: s.chunk for s in self.kb(kb).store.get(list(dict.fromkeys(r.chunk_id for r in records)))}
        brief = brief_topic(topic, [hit.chunk for hit in hits], records, chunks)
        return self.with_overview(brief, kb) if mode == "llm" else brief

    @staticmethod
    def _source(doc: StoredDocument, knowledge_base: KnowledgeBase) -> Source:
        chunks = tuple(stored.chunk for stored in knowledge_base.store.document_chunks(doc.name))
        return Source(doc.name, doc.title, doc.meta, chunks)

    def export_brief(self, brief: Brief, path: Path) -> Path:
        """Write a brief as a Word file in the drafts' official layout (GB/T 9704), passages as 附件,
        or as Markdown when ``path`` ends in .md."""
        return write_brief(brief, path)

    def export_conversation(self, answers: Sequence[Answer], path: Path) -> Path:
        """Write a conversation as Word (.docx, the drafts' layout) or Markdown (.md): each question a
        heading, its answer below, the passages the answers cite once under 附件 · 引用资料."""
        return export_file(conversation_draft(answers), path)

    def _figures(self, kb: str | None) -> FigureTable:
        """The knowledge base's figure table, brought in line with the store if it may be stale."""
        knowledge_base = self.kb(kb)
        knowledge_base.current_documents(self.settings.store_recheck_s)
        return knowledge_base.figures

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
        if mode == "fast":
            query = self.parse(question, use_llm=False, kb=kb)
            hits = self._evidence(query, kb)
            yield Final(fast_answer(question, hits, embedder=self.kb(kb).embedder, query=query))
            return
        try:
            backend = get_backend(self.settings)
            embedder = self.kb(kb).embedder
            query = self.parse(question, kb=kb)

            def search(standalone: str) -> list[Hit]:
                return self._evidence(query if standalone == question else self.parse(standalone, kb=kb), kb)

            def parse(standalone: str) -> Query:
                return self.parse(standalone, use_llm=False, kb=kb)

            def extract(standalone: str, hits: list[Hit]) -> Answer:
                return fast_answer(standalone, hits, embedder=embedder, query=parse(standalone))

            yield from llm_answer_events(
                backend, self.settings, search, question, history, extract, query, Binder(embedder), parse
            )
        except BackendUnavailableError as error:
            notice = f"大模型不可用，已改用快速模式 (LLM unavailable, fast mode used): {error}"
            query = self.parse(question, use_llm=False, kb=kb)
            hits = self._evidence(query, kb)
            yield Final(fast_answer(question, hits, notice=notice, embedder=self.kb(kb).embedder, query=query))

    def evidence(self, query: str, kb: str | None = None, use_llm: bool = True) -> list[Hit]:
        """Passages for an answer: the search hits and, for a numeric question, the passage of
        a well-matching figure record the search missed (a second, independent way to the number)."""
        return self._evidence(self.parse(query, use_llm, kb), kb)

    def _evidence(self, query: Query, kb: str | None = None) -> list[Hit]:
        hits = self._search(query, kb=kb)
        if not query.quantitative or not hits:
            return hits
        seen = {hit.chunk.id for hit in hits}
        if query.english:
            best = self._english_figure(query, hits[0].chunk.doc, kb)
            records = [best] if best is not None and best.chunk_id not in seen else []
        else:
            words = [*sorted(query.terms), *map(str, query.years)]  # the question's words, read once, and its years
            found = self._figures(kb).search(words, limit=3)
            records = [r for r in found if r.score >= FIGURE_MATCH and r.chunk_id not in seen]
        if not records:
            return hits
        extra = [Hit(stored.chunk, 0.0) for stored in self.kb(kb).store.get([records[0].chunk_id])]
        # inside what the LLM reads, and for an English question among the passages its meaning ranks
        position = (MEANING_DEPTH if query.english else self.settings.answer_passages) - 1
        return hits[:position] + extra + hits[position:]

    def _english_figure(self, query: Query, doc: str, kb: str | None) -> FigureRecord | None:
        """The figure of ``doc`` (the best passage's document) in the unit an English question names that
        measures what it asks, by meaning: an English question matches no Chinese word, and a figure in a
        long passage of other figures is one sentence among many for the passage's vector ("how many
        kilometers of sewer pipes were replaced" → 更换污水管网312.5公里). None without a unit or subject, or
        when no figure's meaning is close enough."""
        if not (query.unit and query.subject):
            return None
        records = [
            r for r in self._figures(kb).records(doc) if r.figure.unit and in_asked_unit(query.unit, r.figure.unit)
        ]
        binder = Binder(self.kb(kb).embedder)
        subject = " ".join(query.subject)
        fits = {sentence: binder.meaning_fit(subject, sentence) for sentence in {r.figure.sentence for r in records}}
        best = max(records, key=lambda r: fits[r.figure.sentence], default=None)
        return best if best is not None and fits[best.figure.sentence] >= MEANING_FLOOR else None

    def ask(
        self, question: str, mode: str = "llm", history: Sequence[tuple[str, str]] = (), kb: str | None = None
    ) -> Answer:
        final = None
        for event in self.ask_events(question, mode, history, kb):
            if isinstance(event, Final):
                final = event.answer
        if final is None:
            raise RuntimeError("ask_events ended without its Final event")
        return final

    def templates(self) -> list[Template]:
        """The drafting templates of ``prompts/templates/``."""
        return load_templates(self.settings)

    def draft_events(
        self,
        topic: str,
        template: str = "auto",
        points: Sequence[str] | str = (),
        length: int | None = None,
        mode: str = "llm",
        kb: str | None = None,
        inputs: dict[str, str] | None = None,
        extra: Sequence[Path] = (),
    ) -> Iterator[DraftEvent]:
        """Draft a section: stages, the LLM's tokens as they come, then the verified ``Draft`` (always last).

        ``template`` is a template name or ``auto`` (chosen from the topic); ``points``
        are key points (a list, or one text separated by ；、 or new lines); ``inputs``
        sets template inputs (unit, role, year, section, tone); ``extra`` are files read
        for this draft only. ``mode="fast"``, or an unavailable LLM, gives the material pack.
        """
        topic = self.check_question(topic)
        if isinstance(points, str):
            points = [p for p in re.split(r"[；;、\n]+", points) if p.strip()]
        request = DraftRequest.build(self.templates(), topic, template, points, length, inputs)
        sources = self._draft_sources(kb, ExtraDocuments.load(extra, self.settings) if extra else None)
        if mode == "fast":
            yield from draft_events(request, sources, self.settings, None)
            return
        try:
            backend = get_backend(self.settings)
            yield from draft_events(request, sources, self.settings, backend)
        except BackendUnavailableError as error:
            notice = f"大模型不可用，已改用资料包 (LLM unavailable, material pack shown): {error}"
            yield from draft_events(request, sources, self.settings, None, notice)

    def draft(self, topic: str, **options) -> Draft:
        """The final ``Draft`` of :meth:`draft_events` (same options)."""
        final = None
        for event in self.draft_events(topic, **options):
            if isinstance(event, Draft):
                final = event
        if final is None:
            raise RuntimeError("draft_events ended without its Draft")
        return final

    def export_draft(self, draft: Draft, path: Path) -> Path:
        """Write a draft as an official-layout Word file (GB/T 9704), sources in an appendix (.md: Markdown)."""
        return export_file(draft, path)

    def _draft_sources(self, kb: str | None, extra: ExtraDocuments | None) -> Sources:
        """The knowledge base (and a draft's extra documents, searched first) behind the drafting pipeline."""

        def search(query: str, k: int) -> list[Hit]:
            hits = self.search(query, k, kb)
            return (extra.search(query, 2) + hits) if extra else hits

        def facts(query: str) -> list[FigureRecord]:
            return self.facts(query, kb=kb) if query.strip() else []

        def chunks(ids: list[str]) -> list[Chunk]:
            return [stored.chunk for stored in self.kb(kb).store.get(ids)]

        def scopes(topic: str) -> list[str]:
            """The places, else the documents and kinds of document, a topic names when it names several."""
            documents = self.kb(kb).documents()
            constraints = read_constraints(topic, document_names(documents))
            if len(constraints.places) > 1:
                return list(constraints.places[:3])
            titled = {d.meta.doc_type for d in documents if any(t in d.title for t in constraints.titles)}
            named = [*constraints.titles, *(t for t in constraints.doc_types if t not in titled)]
            return named[:3] if len(named) > 1 else []

        given = extra.documents() if extra else {}

        def catalog() -> list[Catalogued]:
            return [Catalogued(d.name, d.title, d.meta) for d in self.kb(kb).documents()]

        def document(name: str) -> list[Chunk]:
            if name in given:
                return given[name]
            return [stored.chunk for stored in self.kb(kb).store.document_chunks(name)]

        handed = [Catalogued(cs[0].doc, cs[0].title or cs[0].doc, cs[0].meta) for cs in given.values() if cs]
        return Sources(search, facts, chunks, scopes, catalog, document, lambda: handed)

    def check_draft(self, text: str, kb: str | None = None, mode: str = "fast") -> CheckReport:
        """核稿 of a pasted draft: rule findings and each figure against the knowledge base.

        Spans refer to ``text`` as given. ``mode="fast"`` uses no LLM; ``mode="llm"`` adds the
        configured LLM's reading for sentences hard to read or repeating themselves (a backend
        that is down leaves a notice in the report; the rule findings and figures still come back).
        """
        return self._check(text.replace("\r\n", "\n"), None, kb, mode)

    def check_file(self, path: Path, kb: str | None = None, mode: str = "fast") -> CheckReport:
        """核稿 of a draft file (any format the loader reads); spans refer to the report's ``text``,
        the file's text as cleaned for indexing (a PDF's hard line breaks joined). Nothing is indexed."""
        document = load_document(Path(path), self.settings)
        return self._check(document.text, document, kb, mode)

    def export_check(self, report: CheckReport, path: Path) -> Path:
        """Write the checked draft as Word with each finding and unsupported figure as a comment."""
        return write_checked_docx(report, path)

    def _check(self, text: str, document: Document | None, kb: str | None, mode: str) -> CheckReport:
        if mode not in CHECK_MODES:
            raise DraftCheckError(f"核稿模式应为 {' 或 '.join(CHECK_MODES)} (unknown check mode: {mode})")
        if not text.strip():
            raise DraftCheckError("草稿为空 (the draft is empty)")
        if len(text) > self.settings.max_draft_chars:
            raise DraftCheckError(f"草稿过长：{len(text)} 字，上限 {self.settings.max_draft_chars} 字 (draft too long)")

        def search(query: str, k: int) -> list[Hit]:
            return hybrid_search(
                self.kb(kb), plain_query(query[: self.settings.max_question_chars], self._names(kb)), k
            )

        book = load_rules(self.settings.check_rules_dir)
        table = self._figures(kb)
        style = partial(style_findings, backend=lambda: get_backend(self.settings), settings=self.settings)
        return check_text(
            text, book, table, search if self.documents(kb) else None, document, style if mode == "llm" else None
        )

    def model_status(self, deep: bool = False) -> list[ModelStatus]:
        """What ``assistant models status`` shows: each catalogued model, present and verified or not."""
        return [status(spec, self.settings.models_path, deep) for spec in CATALOG.values()]

    def configure_llm(
        self, backend: str, model: str | None = None, base_url: str | None = None, model_name: str | None = None
    ) -> Settings:
        """Switch the LLM for this running process (the UI's settings); validated like the config file.

        ``backend`` is ``llamacpp`` (``model``: a catalogued GGUF) or ``openai`` (``base_url``,
        ``model_name``). Nothing is written to disk: put the same values in config.toml to keep them.
        """
        update: dict = {"llm_backend": backend}
        if model:
            update["llm_model"] = model
        if backend == "openai":
            update["openai_base_url"] = (base_url or "").strip() or None
            update["openai_model"] = (model_name or "").strip() or None
        self.settings = Settings.model_validate(self.settings.model_dump() | update)
        return self.settings

    def llm_worker_state(self) -> WorkerState | None:
        """The local model's worker as this process (else the last process that ran it) left it."""
        return worker_state(self.settings) or saved_state(self.settings)

    def check_llm(self) -> str:
        """Load (or reach) the configured LLM and have it write one token; its name, or BackendUnavailableError."""
        backend = get_backend(self.settings)
        for _ in backend.stream([{"role": "user", "content": "你好"}], max_tokens=1):
            pass
        return backend.name
