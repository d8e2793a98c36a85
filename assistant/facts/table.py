"""The figure table: every figure of every indexed chunk, in SQLite beside the vector store.

It is derived from chunks, never from files: the indexer hands it each document's
chunks as they are stored, and the knowledge base re-extracts any document whose
content hash differs from the store's (a crash, or another process on a Chroma
server), so the table never disagrees with Chroma for long.

Search needs no full-text index: each word of the query (and its jieba tokens) is
looked for in a record's indicator (weight 3), the place and time it belongs to
(document region, subject, title, year, and the figure's period, such as a table
column's year: 2), its sentence (1, less the farther from the figure) and its
heading path (0.5).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from assistant.facts.extract import EXTRACTOR_VERSION, extract_figures
from assistant.ingest.temporal import is_cumulative, sentence_temporal
from assistant.text.segment import tokenize
from assistant.types import Chunk, Figure, FigureRecord

_FIELD_WEIGHTS = (("indicator", 3.0), ("place", 2.0), ("sentence", 1.0), ("section", 0.5))
_BEST = max(weight for _, weight in _FIELD_WEIGHTS)
_NEAR = 20  # characters: a query word this far from the figure in its sentence counts 3/4
_LEADER_SHARE = 0.6  # a document's best record leads the results when it scores this share of the top one

_COLUMNS = (
    "doc",
    "chunk_index",
    "title",
    "heading_path",
    "section",
    "pages",
    "year",
    "region",
    "value",
    "normalized",
    "upper",
    "unit",
    "qualifier",
    "indicator",
    "subject",
    "period",
    "sentence",
    "figure_start",
    "figure_end",
    "sentence_start",
    "sentence_end",
    "ocr",
    "about",
)


def _m001_create_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE documents (name TEXT PRIMARY KEY, content_hash TEXT NOT NULL)")
    conn.execute(
        """CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(name) ON DELETE CASCADE,
            chunk_index INTEGER NOT NULL, title TEXT NOT NULL, heading_path TEXT NOT NULL,
            section TEXT NOT NULL, pages TEXT NOT NULL, year INTEGER, region TEXT,
            value TEXT NOT NULL, normalized REAL, upper REAL, unit TEXT NOT NULL,
            qualifier TEXT NOT NULL, indicator TEXT NOT NULL, subject TEXT NOT NULL,
            period TEXT NOT NULL, sentence TEXT NOT NULL, figure_start INTEGER NOT NULL,
            figure_end INTEGER NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX figures_doc ON figures(doc)")


def _m002_ocr_flag(conn: sqlite3.Connection) -> None:
    """Whether a figure's passage was read by OCR from a scan (the user should check it against the original)."""
    conn.execute("ALTER TABLE figures ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0")


def _m003_about(conn: sqlite3.Connection) -> None:
    """What each figure's sentence is about in time ("2025年 · 实际", "2026年 · 年度目标"); documents
    extracted before it are extracted again (their content hash is forgotten)."""
    conn.execute("ALTER TABLE figures ADD COLUMN about TEXT NOT NULL DEFAULT ''")
    conn.execute("DELETE FROM documents")


def _m004_extractor(conn: sqlite3.Connection) -> None:
    """Which extractor wrote each document's figures (:data:`EXTRACTOR_VERSION`); older ones count as
    not extracted, so a changed extractor reaches the figures already indexed."""
    conn.execute("ALTER TABLE documents ADD COLUMN extractor INTEGER NOT NULL DEFAULT 1")


_MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _m001_create_tables,
    _m002_ocr_flag,
    _m003_about,
    _m004_extractor,
)


def _migrate(conn: sqlite3.Connection) -> None:
    """Applies the migrations this file has not seen yet (``PRAGMA user_version`` counts them)."""
    done = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(_MIGRATIONS[done:], start=done + 1):
        with conn:
            migration(conn)
            conn.execute(f"PRAGMA user_version = {number}")


class FigureTable:
    """Add, replace, delete and search the figures of one knowledge base.

    Safe to share between threads (one connection behind a lock); several processes
    may open the same file (WAL, and each document is replaced in one transaction).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        """The connection, opened on first use (hold ``_lock``)."""
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            _migrate(conn)
            self._conn = conn
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def documents(self) -> dict[str, str]:
        """{document name: content hash} of every document whose figures are in the table; the hash is
        "" for figures an older extractor wrote (they match no stored document: extracted again)."""
        with self._lock:
            rows = self._db().execute("SELECT name, content_hash, extractor FROM documents").fetchall()
        return {row["name"]: row["content_hash"] if row["extractor"] == EXTRACTOR_VERSION else "" for row in rows}

    def count(self, doc: str | None = None) -> int:
        sql = "SELECT count(*) FROM figures"
        args: tuple[str, ...] = ()
        if doc is not None:
            sql, args = sql + " WHERE doc = ?", (doc,)
        with self._lock:
            return self._db().execute(sql, args).fetchone()[0]

    def replace_document(self, doc: str, content_hash: str, chunks: Iterable[Chunk]) -> int:
        """Extracts the figures of ``doc``'s chunks and stores them in place of its old ones."""
        rows = [row for chunk in chunks for row in _rows(chunk)]
        with self._lock, self._db() as conn:
            conn.execute("DELETE FROM figures WHERE doc = ?", (doc,))
            conn.execute(
                "INSERT OR REPLACE INTO documents (name, content_hash, extractor) VALUES (?, ?, ?)",
                (doc, content_hash, EXTRACTOR_VERSION),
            )
            conn.executemany(
                f"INSERT INTO figures ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", rows
            )
        return len(rows)

    def delete_document(self, doc: str) -> None:
        with self._lock, self._db() as conn:
            conn.execute("DELETE FROM figures WHERE doc = ?", (doc,))
            conn.execute("DELETE FROM documents WHERE name = ?", (doc,))

    def search(
        self,
        query: str | Sequence[str],
        year: int | None = None,
        region: str | None = None,
        doc: str | None = None,
        limit: int = 20,
    ) -> list[FigureRecord]:
        """Records whose indicator, sentence or section share words with ``query`` (the words as typed, or a
        parsed question's words), best first.

        ``year`` is the document's year, ``region`` part of the document's region
        (北京 finds 北京市), ``doc`` a document's file name or part of its name or title.
        The first results are the best record of each document that matches well (see
        :meth:`compare`), newest document first among equals; the other records follow by score.
        """
        scored = self._scored(query, year, region, doc)
        leaders = _leaders(scored)
        chosen = {id(record) for record in leaders}
        rest = [record for record in scored if id(record) not in chosen]
        return (leaders + rest)[:limit]

    def records(self, doc: str) -> list[FigureRecord]:
        """Every figure of the document named ``doc`` (its file name), in document order."""
        with self._lock:
            rows = (
                self._db()
                .execute(
                    f"SELECT {', '.join(_COLUMNS)} FROM figures WHERE doc = ? ORDER BY chunk_index, figure_start",
                    (doc,),
                )
                .fetchall()
            )
        return [_record(row, 0.0) for row in rows]

    def compare(
        self, query: str, year: int | None = None, region: str | None = None, doc: str | None = None
    ) -> list[FigureRecord]:
        """The same indicator side by side: the best record of each document, oldest document first.

        Only documents whose best record scores at least 60% of the best one take part,
        so "北京 新增中小学学位" lines up the Beijing reports, not every report that says 新增.
        Like is compared with like: a figure of a whole span ("较‘十三五’末…增长33.6%", 累计) stands
        for its document only when the document has no one-year figure that qualifies.
        """
        scored = self._scored(query, year, region, doc)
        one_year_first = sorted(scored, key=lambda r: is_cumulative(r.figure.sentence))  # stable: by score within
        top = scored[0].score if scored else 0.0
        return sorted(_leaders(one_year_first, top), key=lambda r: (r.year or 0, r.doc))

    def _scored(
        self, query: str | Sequence[str], year: int | None, region: str | None, doc: str | None
    ) -> list[FigureRecord]:
        """Every matching record with its score, best first; ties: newer document, then document order."""
        terms = _terms(query)
        tokens = list(dict.fromkeys(token for _, term_tokens in terms for token in term_tokens))
        if not tokens:
            return []
        where: list[str] = []
        args: list[str | int] = []
        for token in tokens:
            pattern = "%" + token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where += [f"{column} LIKE ? ESCAPE '\\'" for column in ("indicator", "sentence", "section")]
            args += [pattern] * 3
        sql = f"SELECT {', '.join(_COLUMNS)} FROM figures WHERE ({' OR '.join(where)})"
        if year is not None:
            sql += " AND year = ?"
            args.append(year)
        if region:
            sql += " AND region LIKE ?"
            args.append(f"%{region}%")
        if doc:
            sql += " AND (doc = ? OR doc LIKE ? OR title LIKE ?)"
            args += [doc, f"%{doc}%", f"%{doc}%"]
        with self._lock:
            rows = self._db().execute(sql, args).fetchall()
        scored = [(round(_score(row, terms), 6), row) for row in rows]
        scored.sort(
            key=lambda pair: (
                -pair[0],
                -(pair[1]["year"] or 0),
                pair[1]["doc"],
                pair[1]["chunk_index"],
                pair[1]["sentence_start"],
                pair[1]["figure_start"],
            )
        )
        return [_record(row, score) for score, row in scored if score > 0]


def _leaders(scored: list[FigureRecord], top: float | None = None) -> list[FigureRecord]:
    """The first record of each document (in ``scored``'s order) scoring at least ``_LEADER_SHARE`` of
    the top score (``top``, else the first record's)."""
    if not scored:
        return []
    floor = (scored[0].score if top is None else top) * _LEADER_SHARE
    best: dict[str, FigureRecord] = {}
    for record in scored:
        if record.score >= floor and record.doc not in best:
            best[record.doc] = record
    return list(best.values())


def _terms(query: str | Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The query's words as typed (split at spaces) or as given, each with its jieba tokens."""
    terms = []
    for word in query.lower().split() if isinstance(query, str) else (w.lower() for w in query):
        tokens = tuple(dict.fromkeys(tokenize(word)))
        if tokens:
            terms.append((word, tokens))
    return terms


def _rows(chunk: Chunk) -> list[tuple]:
    """One row per figure of a chunk; the sentence is located in the chunk to give its span."""
    rows = []
    cursor = 0
    for figure in extract_figures(chunk.text):
        at = chunk.text.find(figure.sentence, cursor)
        if at < 0:
            at = chunk.text.find(figure.sentence)
        if at >= 0:
            cursor = at
        rows.append(
            {
                "doc": chunk.doc,
                "chunk_index": chunk.index,
                "title": chunk.title,
                "heading_path": json.dumps(list(chunk.heading_path), ensure_ascii=False),
                "section": chunk.section,
                "pages": ",".join(str(p) for p in chunk.pages),
                "year": chunk.meta.year,
                "region": chunk.meta.region,
                "value": figure.value,
                "normalized": figure.normalized,
                "upper": figure.upper,
                "unit": figure.unit,
                "qualifier": figure.qualifier,
                "indicator": figure.indicator,
                "subject": figure.subject,
                "period": figure.period,
                "sentence": figure.sentence,
                "figure_start": figure.start,
                "figure_end": figure.end,
                "sentence_start": chunk.start + at if at >= 0 else -1,
                "sentence_end": chunk.start + at + len(figure.sentence) if at >= 0 else -1,
                "ocr": int(chunk.ocr),
                "about": sentence_temporal(figure.sentence, chunk.temporal, chunk.meta).label,
            }
        )
    return [tuple(row[column] for column in _COLUMNS) for row in rows]


def _score(row: sqlite3.Row, terms: list[tuple[str, tuple[str, ...]]]) -> float:
    """How well a record matches, 0..1 (1: every query word stands in its indicator).

    Each word the user typed scores its best field: the field's weight times the share
    of the word's tokens found there, squared, so that half of "教育集团" in an indicator
    counts less than the whole of it in the sentence; the word written whole counts fully.
    """
    fields = {
        "indicator": row["indicator"].lower(),
        "place": " ".join(
            str(part) for part in (row["region"], row["subject"], row["title"], row["year"], row["period"]) if part
        ).lower(),
        "sentence": row["sentence"].lower(),
        "section": row["section"].lower(),
    }
    total = 0.0
    for word, tokens in terms:
        best = 0.0
        for name, weight in _FIELD_WEIGHTS:
            text = fields[name]
            if word in text:
                share = _closeness(text, word, row["figure_start"], row["figure_end"]) if name == "sentence" else 1.0
            else:
                share = (sum(token in text for token in tokens) / len(tokens)) ** 2
            best = max(best, weight * share)
        total += best
    return total / (_BEST * len(terms)) if terms else 0.0


def _closeness(sentence: str, word: str, start: int, end: int) -> float:
    """1.0 when ``word`` touches the figure in the sentence, falling to 0.5 far away."""
    gap = len(sentence)
    at = sentence.find(word)
    while at >= 0:
        gap = min(gap, max(start - (at + len(word)), at - end, 0))
        at = sentence.find(word, at + 1)
    return 0.5 + 0.5 * _NEAR / (_NEAR + gap)


def _record(row: sqlite3.Row, score: float) -> FigureRecord:
    figure = Figure(
        value=row["value"],
        normalized=row["normalized"],
        unit=row["unit"],
        indicator=row["indicator"],
        sentence=row["sentence"],
        start=row["figure_start"],
        end=row["figure_end"],
        upper=row["upper"],
        qualifier=row["qualifier"],
        subject=row["subject"],
        period=row["period"],
    )
    return FigureRecord(
        figure=figure,
        doc=row["doc"],
        title=row["title"],
        heading_path=tuple(json.loads(row["heading_path"])),
        pages=tuple(int(p) for p in row["pages"].split(",") if p),
        year=row["year"],
        region=row["region"],
        chunk_id=f"{row['doc']}#{row['chunk_index']}",
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        score=round(score, 6),
        ocr=bool(row["ocr"]),
        about=row["about"],
    )
