"""Cut a document into passages that follow its own structure.

Official documents are organised by headings (第X章, 一、, （一）, 1., （1）, 第X条); a
passage stays inside one top-level section, carries the heading path it sits under,
breaks at sentence ends, and keeps "一是…二是…" items whole where it can.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.ingest.clean import ARTICLE_LEVEL, heading_level, is_bare_heading
from assistant.ingest.temporal import Tracker, is_heading_like
from assistant.text.normalize import strip_span
from assistant.text.numerals import ARTICLE
from assistant.text.sentences import CLAUSE_STOPS
from assistant.text.years import YEAR
from assistant.types import Chunk, DocMeta, Document, Temporal

_LABEL_MAX = 40
_SECTION_LEVEL = 2  # 第X编/章/节 and markdown headings up to ###: above articles
_SENTENCE = re.compile(rf"[{CLAUSE_STOPS}]+[”’」』）)】》\"']*")
_CLAUSE = re.compile(r"[，,、：:]")
_ENUMERATION = re.compile(r"[二三四五六七八九十]是|其[次二三四]|第[二三四五六七八九十][，,、]")


@dataclass(frozen=True)
class _Unit:
    """A paragraph, or a sentence-bounded piece of a long one."""

    start: int
    end: int
    path: tuple[str, ...]
    section: int  # ordinal of the top-level section (0 = text before the first)
    heading: bool  # starts with a heading line
    bare: bool  # is nothing but a heading, so it belongs with what follows
    article: bool  # a 第X条 of a law: always starts a passage
    temporal: Temporal = Temporal()  # the period and kind of statement of its paragraph


def split_document(doc: Document, chunk_size: int) -> list[Chunk]:
    """Passages of about ``chunk_size`` characters; ``chunk.text == doc.text[start:end]``."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, not {chunk_size}")
    units = _units(doc.text, chunk_size, doc.meta, doc.title)
    groups: list[list[_Unit]] = []
    for unit in units:
        if groups and not _starts_passage(groups[-1], unit, chunk_size):
            groups[-1].append(unit)
            continue
        carried: list[_Unit] = []  # a heading that ended the last passage opens this one
        while groups and len(groups[-1]) > 1 and groups[-1][-1].bare and groups[-1][-1].section == unit.section:
            carried.insert(0, groups[-1].pop())
        groups.append([*carried, unit])
    chunks = []
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        chunks.append(
            Chunk(
                doc=doc.name,
                index=index,
                text=doc.text[start:end],
                heading_path=_group_path([unit.path for unit in group]),
                start=start,
                end=end,
                pages=tuple(page.number for page in doc.pages if page.start < end and page.end > start),
                title=doc.title,
                meta=doc.meta,
                info=doc.info,
                temporal=next((unit.temporal for unit in group if not unit.bare), group[0].temporal),
            )
        )
    return chunks


def line_temporals(text: str, meta: DocMeta, title: str = "") -> list[tuple[int, int, Temporal]]:
    """Each line's (start, end, temporal tag) as indexing tags its passages: what a document's parts are
    about in time, for readers of the whole text (drafting takes a report's review or its plans)."""
    return [(unit.start, unit.end, unit.temporal) for unit in _units(text, max(len(text), 1), meta, title)]


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = strip_span(text, match.start(), match.end())
        if start < end:
            spans.append((start, end))
    return spans


def _top_level(text: str, lines: list[tuple[int, int]]) -> tuple[int | None, int | None]:
    """The level of top-level sections, and the index of a title line to leave out.

    A markdown ``#`` first line above every other heading is the document's title: it is
    already ``Chunk.title`` and would otherwise head every path.
    """
    levels = [heading_level(text[s:e]) for s, e in lines]
    body = [level for level in levels[1:] if level is not None]
    markdown = bool(lines) and text.startswith("#", lines[0][0])
    title = 0 if markdown and levels[0] is not None and all(levels[0] < level for level in body) else None
    if title is None and levels and levels[0] is not None:
        body.append(levels[0])
    return (min(body) if body else None), title


def _units(text: str, chunk_size: int, meta: DocMeta | None = None, title_text: str = "") -> list[_Unit]:
    lines = _lines(text)
    top, title = _top_level(text, lines)
    stack: list[tuple[int, str]] = []
    section = 0
    units: list[_Unit] = []
    tracker = Tracker(meta or DocMeta())
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        level = None if i == title else _level(line, stack)
        tracker_before = tracker.current
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _label(line, level)))
            section += level == top
            label = _label(line, level)
            temporal = tracker.heading(label, level)
            body = line[len(label) :].lstrip("。：:． ")
            if body:
                temporal = tracker.paragraph(body)
        elif (
            i != title
            and is_heading_like(line)
            and not _names_document(line, title_text)
            and (changed := tracker.heading(line, None)) != tracker_before
        ):
            temporal = changed
            section += 1  # "“十四五”时期工作回顾", "2026年重点工作": a section the numbering does not mark
        else:
            temporal = tracker.paragraph(line)
        path = tuple(label for _, label in stack)
        article = level == ARTICLE_LEVEL
        bare = level is not None and is_bare_heading(line)
        for n, (piece_start, piece_end) in enumerate(_pieces(text, start, end, chunk_size)):
            first = n == 0
            units.append(
                _Unit(
                    piece_start,
                    piece_end,
                    path,
                    section,
                    level is not None and first,
                    bare,
                    article and first,
                    temporal,
                )
            )
    return units


_YEAR_NAMED = re.compile(YEAR.pattern + "年?")


def _names_document(line: str, title: str) -> bool:
    """The document's title line ("甘肃省2026年政府工作报告") says which report, not what a section is about;
    its year may stand elsewhere than in the stored title ("2026年甘肃省政府工作报告")."""
    squashed, named = (_YEAR_NAMED.sub("", re.sub(r"\s+", "", text)) for text in (line, title))
    return bool(named) and (squashed in named or named in squashed)


def _level(line: str, stack: list[tuple[int, str]]) -> int | None:
    """Heading level, except that "（一）…" items inside a law's article are its body."""
    level = heading_level(line)
    in_article = bool(stack) and stack[-1][0] == ARTICLE_LEVEL
    if in_article and level is not None and level > _SECTION_LEVEL and level != ARTICLE_LEVEL:
        return None
    return level


def _label(line: str, level: int) -> str:
    """A heading as shown in a path: "第五条" for an article, else the heading's first clause."""
    line = re.sub(r"^#+\s*", "", line)
    article = ARTICLE.match(line)
    if level == ARTICLE_LEVEL and article:
        return article.group()
    label = re.split(rf"[{CLAUSE_STOPS}：:]", line, maxsplit=1)[0] or line
    return label[:_LABEL_MAX]


def _pieces(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Split a long paragraph at sentence ends into pieces of about ``size``."""
    ends = [m.end() for m in _SENTENCE.finditer(text, start, end) if m.end() < end]
    pieces: list[tuple[int, int]] = []
    position = overlong_end = start
    while end - position > size:
        target = position + (end - position) / math.ceil((end - position) / size)
        window = [b for b in ends if position < b <= position + 1.15 * size]
        preferred = [b for b in window if b >= position + 0.5 * size]
        if preferred:
            listed = [b for b in preferred if _ENUMERATION.match(text, b)]
            cut = min(listed or preferred, key=lambda b: abs(b - target))
        elif window:
            cut = window[-1]
        else:
            cut = next((b for b in ends if b > position), end)
            if cut - position > 2 * size or cut <= overlong_end:
                overlong_end = max(overlong_end, cut)
                cut = _clause_cut(text, position, size)
        if cut >= end:
            break
        pieces.append(strip_span(text, position, cut))
        position = cut
    pieces.append(strip_span(text, position, end))
    return [piece for piece in pieces if piece[0] < piece[1]]


def _clause_cut(text: str, start: int, size: int) -> int:
    """A sentence longer than twice ``size``: cut after the last comma before ``size``."""
    commas = [m.end() for m in _CLAUSE.finditer(text, start + size // 2, start + size)]
    return commas[-1] if commas else start + size


def _starts_passage(group: list[_Unit], unit: _Unit, size: int) -> bool:
    current = group[-1].end - group[0].start
    combined = unit.end - group[0].start
    if unit.section != group[0].section:
        return True
    if all(member.bare for member in group) and not (unit.bare and combined > size):
        return False
    if unit.article:
        return True
    if combined <= size:
        return unit.heading and current >= size / 2
    return not (current < size / 4 and combined <= 1.5 * size)


def _group_path(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The deepest path when all lie on one branch, else what they share."""
    deepest = max(paths, key=len)
    if all(deepest[: len(path)] == path for path in paths):
        return deepest
    shared: tuple[str, ...] = ()
    for parts in zip(*paths, strict=False):
        if len(set(parts)) > 1:
            break
        shared += (parts[0],)
    return shared
