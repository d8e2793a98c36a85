"""A draft's material: numbered passages and figures for its topic, its outline, and the fast-mode pack.

Retrieval asks several queries (the topic, each key point, the template's own
queries) and takes their results in turns, so that every key point brings its best
passage even when the topic's passages are many; a key point's results from the
documents the topic itself found come first. Passages are cut to their sentences on
the query that found them (each token of context costs the LLM prompt time), and
figure records whose sentence the excerpts left out join as one-line notes.

Which sentences of the passages each heading quotes is ``evidence``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.draft.brief import Brief
from assistant.draft.documents import AUTHORITY, OWN, Catalogued, Source, named_sources
from assistant.draft.gather import Fact, gather_facts
from assistant.draft.plan import Part, plan_parts
from assistant.draft.sections import DocumentText
from assistant.draft.templates import Template
from assistant.query import plain_query
from assistant.retrieve.sentences import focus_passage
from assistant.settings import Settings
from assistant.text.normalize import squash
from assistant.text.numerals import ITEM_LEAD, SUBPART_NUMBER
from assistant.text.segment import tokenize
from assistant.types import Chunk, Citation, FigureRecord, Hit, OutlineSection

_PLACEHOLDER = re.compile(rf"^{ITEM_LEAD}$")
# a passage's blocks start at （一）, (二) …; "一是加强劳动教育。" are the items of a block
_BLOCK = re.compile(rf"(?={SUBPART_NUMBER})")
_ITEM = re.compile(rf"{ITEM_LEAD}([^，,。；;：:\s]{{3,24}})")
_CLAUSE = re.compile(r"[^，,；;。！？]+")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔［\[（(]\d{4}[〕］\]）)]\s*\d{1,4}\s*号")
POINT_K = 12  # a key point's query looks this deep for passages of the topic's documents
FOCUS_DOCS = 5  # the documents of the topic's first passages are its documents


@dataclass(frozen=True)
class Sources:
    """Where material comes from: the knowledge base (and extra documents) behind a few functions.

    ``scopes`` names the documents a topic compares ("2026年江苏省和2025年浙江省…" →
    江苏, 浙江): each key point is then looked up in each of them. ``catalog`` lists the
    documents (so a request can name them) and ``document`` gives one document's passages.
    """

    search: Callable[[str, int], list[Hit]]
    facts: Callable[[str], list[FigureRecord]]
    chunks: Callable[[list[str]], list[Chunk]]
    scopes: Callable[[str], list[str]] = lambda topic: []
    catalog: Callable[[], list[Catalogued]] = lambda: []
    document: Callable[[str], list[Chunk]] = lambda name: []
    given: Callable[[], list[Catalogued]] = lambda: []  # documents handed to this draft (the writer's own notes)


@dataclass(frozen=True)
class Passage:
    """Passage ``n`` of the material; ``excerpt`` is what the LLM reads ("" when only a figure cites it)."""

    n: int
    chunk: Chunk
    query: str
    excerpt: str = ""
    ranks: tuple[tuple[str, int], ...] = ()  # (query, rank) of every query that found it


@dataclass(frozen=True)
class FigureNote:
    """A figure record shown on its own line, citing passage ``n``: its clause of the sentence."""

    n: int
    record: FigureRecord

    @property
    def clause(self) -> str:
        figure = self.record.figure
        for match in _CLAUSE.finditer(figure.sentence):
            if match.start() <= figure.start < match.end():
                return match.group(0).strip()
        return figure.sentence.strip()


@dataclass(frozen=True)
class DocumentNote:
    """A cited document's full name and number, e.g. 《…意见》（国办发〔2015〕71号）, citing its first passage."""

    n: int
    title: str
    number: str


@dataclass(frozen=True)
class Material:
    passages: tuple[Passage, ...]
    figures: tuple[FigureNote, ...]
    outline: tuple[OutlineSection, ...]
    documents: tuple[DocumentNote, ...] = ()
    cues: tuple[tuple[str, str], ...] = ()  # (heading, the template's words for its material)
    parts: tuple[Part, ...] = ()  # from the named documents: the planned parts and their facts
    reserve: tuple[Fact, ...] = ()  # facts beside the chosen ones, to lengthen a short draft
    sources: tuple[Source, ...] = ()  # every document of the material, with its voice
    own_voice: bool = False  # the draft speaks for the writer's unit (its own documents are material)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(Citation(p.n, p.chunk) for p in self.passages)

    @property
    def numbers(self) -> dict[str, int]:
        """Passage number of each chunk id."""
        return {p.chunk.id: p.n for p in self.passages}

    def voices(self) -> dict[int, Source]:
        """The source (with its voice) of each passage number."""
        by_name = {s.name: s for s in self.sources}
        return {p.n: by_name[p.chunk.doc] for p in self.passages if p.chunk.doc in by_name}


def material_from_named(brief: Brief, length: int, sources: Sources) -> Material | None:
    """The material of the documents the request names: their sections' facts planned into parts.

    None when the request names no document of the knowledge base, or none gives a fact.
    """
    catalog = sources.catalog()
    named = named_sources(brief, catalog)
    if not named:
        return None
    named = [Source(d.name, d.title, d.meta, OWN) for d in sources.given()] + named  # handed in: the writer's own
    texts: dict[str, DocumentText | None] = {}

    def text_of(name: str) -> DocumentText | None:
        if name not in texts:
            chunks = sources.document(name)
            texts[name] = DocumentText(chunks) if chunks else None
        return texts[name]

    gathered = gather_facts(brief, named, text_of)
    if not gathered.facts:
        return None
    own_voice = any(s.voice == OWN for s in named)
    parts = plan_parts(brief, gathered, length, own_voice)
    chunks = list({f.chunk.id: f.chunk for part in parts for f in part.facts}.values())
    chunks += [f.chunk for f in gathered.reserve if f.chunk.id not in {c.id for c in chunks}]
    passages = [Passage(n, chunk, "", chunk.text) for n, chunk in enumerate(dict.fromkeys(chunks), 1)]
    numbers = {p.chunk.id: p.n for p in passages}
    outline = tuple(
        OutlineSection(
            part.heading or brief.section or brief.topic, tuple(sorted({numbers[f.chunk.id] for f in part.facts}))
        )
        for part in parts
    )
    authorities = [s for s in named if s.voice == AUTHORITY and not s.is_law]
    notes = _document_numbers(passages, sources, docs=[s.name for s in authorities]) if authorities else []
    return Material(
        tuple(passages), (), outline, tuple(notes), (), tuple(parts), gathered.reserve, tuple(named), own_voice
    )


def gather_material(
    topic: str, points: Sequence[str], section: str, template: Template, sources: Sources, settings: Settings
) -> Material:
    """Passages and figures for the section, numbered from 1, with the outline they fill."""
    main = sources.search(topic, settings.draft_search_k)
    ranked: list[tuple[str, list[Hit]]] = [(topic, main)]
    if section and section not in (topic, template.title):  # the heading itself, a title the request quotes
        ranked.append((section, sources.search(section, settings.draft_search_k)))
    focus = {hit.chunk.doc for _, hits in ranked for hit in hits[: FOCUS_DOCS // len(ranked) + 1]}
    scopes = sources.scopes(topic)
    queries = [f"{scope} {point}" for point in points for scope in scopes] if scopes else list(points)
    cues = dict(template.cues)
    if not points:  # the template's own headings, with the words that find their material
        queries += [f"{h} {cues.get(h, '')}".strip() for h in template.outline if not _PLACEHOLDER.match(h)]
    for query in [*queries, *template.queries][: max(0, settings.draft_queries - len(ranked))]:
        hits = sources.search(query, POINT_K)
        ranked.append((query, hits if scopes else sorted(hits, key=lambda hit: hit.chunk.doc not in focus)))
    chosen = _take_turns(ranked, settings.draft_passages)
    found_by: dict[str, list[tuple[str, int]]] = {}
    for query, hits in ranked:
        for rank, hit in enumerate(hits):
            found_by.setdefault(hit.chunk.id, []).append((query, rank))
    passages = [
        Passage(
            n,
            hit.chunk,
            query,
            focus_passage(plain_query(f"{query} {section}"), hit, settings.draft_passage_chars),
            tuple(found_by.get(hit.chunk.id, ())),
        )
        for n, (hit, query) in enumerate(chosen, 1)
    ]
    figures = _figures(points or [section], passages, focus, sources, settings)
    documents = _document_numbers(passages, sources)
    outline = _outline(points, section, template, passages, main)
    used_cues = tuple((part.heading, cues[part.heading]) for part in outline if part.heading in cues)
    return Material(tuple(passages), tuple(figures), outline, tuple(documents), used_cues)


def _take_turns(ranked: list[tuple[str, list[Hit]]], limit: int) -> list[tuple[Hit, str]]:
    """Up to ``limit`` distinct passages: each round the topic gives two, every other query one."""
    chosen: dict[str, tuple[Hit, str]] = {}
    queues = [(query, list(hits)) for query, hits in ranked]
    while len(chosen) < limit and any(hits for _, hits in queues):
        for turn, (query, hits) in enumerate(queues):
            for _ in range(2 if turn == 0 else 1):
                while hits and hits[0].chunk.id in chosen:
                    hits.pop(0)
                if hits and len(chosen) < limit:
                    hit = hits.pop(0)
                    chosen[hit.chunk.id] = (hit, query)
    return list(chosen.values())


def _figures(
    queries: Sequence[str], passages: list[Passage], focus: set[str], sources: Sources, settings: Settings
) -> list[FigureNote]:
    """Figure records on the key points that the excerpts left out; their passages join the material."""
    shown = squash(" ".join(p.excerpt for p in passages))
    by_chunk = {p.chunk.id: p.n for p in passages}
    picked: list[FigureRecord] = []
    for query in queries:
        for record in sources.facts(query)[:8]:
            if record.score < settings.draft_figure_score or (focus and record.doc not in focus):
                continue
            if squash(record.figure.sentence) in shown or any(
                r.figure.sentence == record.figure.sentence for r in picked
            ):
                continue
            picked.append(record)
    picked = picked[: settings.draft_figures]
    missing = [r.chunk_id for r in picked if r.chunk_id not in by_chunk]
    for chunk in sources.chunks(list(dict.fromkeys(missing))):
        n = len(passages) + 1
        passages.append(Passage(n, chunk, "", ""))
        by_chunk[chunk.id] = n
    return [FigureNote(by_chunk[r.chunk_id], r) for r in picked if r.chunk_id in by_chunk]


def _document_numbers(
    passages: list[Passage], sources: Sources, limit: int = 4, docs: list[str] | None = None
) -> list[DocumentNote]:
    """The number (文号) each cited document states at its head; its first passage joins the material.

    A policy is cited by its name and number (《…意见》（国办发〔2015〕71号）), so every document of the
    material that states one gets its note.
    """
    docs = (docs or list(dict.fromkeys(p.chunk.doc for p in passages)))[:limit]
    by_chunk = {p.chunk.id: p.n for p in passages}
    notes = []
    for chunk in sources.chunks([f"{doc}#0" for doc in docs]):
        number = _DOC_NUMBER.search(chunk.text[:300])
        if number is None:
            continue
        if chunk.id not in by_chunk:
            by_chunk[chunk.id] = len(passages) + 1
            passages.append(Passage(by_chunk[chunk.id], chunk, "", ""))
        notes.append(DocumentNote(by_chunk[chunk.id], chunk.title, number.group(0)))
    return notes


def _outline(
    points: Sequence[str], section: str, template: Template, passages: list[Passage], main: list[Hit]
) -> tuple[OutlineSection, ...]:
    """The key points; else the template's headings, its 一是/二是 filled from the documents' own items."""
    headings = list(points)
    if not headings:
        headings = list(template.outline)
        if any(_PLACEHOLDER.match(h) for h in headings):
            items = _enumerated(main[:3], section) or _section_labels(main[:3])
            headings = items + [h for h in headings if not _PLACEHOLDER.match(h)] if items else [section]
    headings = headings or [section]
    return tuple(OutlineSection(h, _cited_for(h, passages)) for h in headings)


def _enumerated(hits: list[Hit], section: str) -> list[str]:
    """The 一是/二是 items of the passages' blocks whose heading best matches the section (at most three)."""
    blocks = [
        (_share(section, f"{hit.chunk.section} {_block_heading(block)}"), block)
        for hit in hits
        for block in _BLOCK.split(hit.chunk.text)
    ]
    best = max((share for share, block in blocks if _ITEM.search(block)), default=0.0)
    items = [item for share, block in blocks if share >= best > 0 for item in _ITEM.findall(block)]
    items = list(dict.fromkeys(items))
    return items[:3] if len(items) >= 2 else []


def _block_heading(block: str) -> str:
    """ "（三）建强师资队伍，夯实…。" of a block that starts with its heading, else nothing."""
    return re.split(r"[。；;]", block, maxsplit=1)[0] if _BLOCK.match(block) and block[:1] in "（(" else ""


def _section_labels(hits: list[Hit]) -> list[str]:
    """The last headings of the passages (numbering removed), when they are several."""
    labels = [
        re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]?", "", h.chunk.heading_path[-1])
        .split("，")[0]
        .split(",")[0]
        for h in hits
        if h.chunk.heading_path
    ]
    labels = [label for label in dict.fromkeys(labels) if 2 <= len(label) <= 20]
    return labels if len(labels) >= 2 else []


def _share(query: str, text: str) -> float:
    """The (length-weighted) share of the query's words that ``text`` contains."""
    terms = set(tokenize(query))
    words = set(tokenize(text))
    return sum(len(t) for t in terms if t in words) / (sum(len(t) for t in terms) or 1)


def _cited_for(heading: str, passages: list[Passage], limit: int = 3) -> tuple[int, ...]:
    """The passages found for ``heading`` or sharing most of its words (at least half)."""
    scored = []
    for passage in passages:
        share = _share(heading, f"{passage.chunk.section} {passage.excerpt or passage.chunk.text}")
        if passage.query.endswith(heading):
            share += 1.0
        if share >= 0.5:
            scored.append((share, passage.n))
    return tuple(sorted(n for _, n in sorted(scored, reverse=True)[:limit]))
