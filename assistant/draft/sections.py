"""A stored document's text, sections and clauses, rebuilt from its passages.

The store keeps a document as passages with ``chunk.text == document.text[start:end]``,
so the text and every heading in it can be rebuilt from them: 第X章, 一、 and （一）
headings, 一是/二是 items (a county report writes them inline: "（二）深化教育改革。一是巩固
“双减”成效。…"), and a law's 第X条. A request that names a section ("‘建强师资队伍’一节")
gets that section whole, every clause in the document's order, each clause remembering
the passage it sits in so the draft can cite it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from assistant.draft.ground import pairs
from assistant.facts.numbers import find_numbers
from assistant.ingest.clean import heading_level
from assistant.ingest.split import line_temporals
from assistant.text.normalize import strip_span
from assistant.text.numerals import ITEM_LEAD, ITEM_NUMERALS, PART_NUMBER, SUBPART_NUMBER
from assistant.text.sentences import CLAUSE_STOPS
from assistant.types import Chunk, DocMeta, Temporal

# levels: 章 1, 节 2, 一、 3, （一） 4, 1. 5, 一是 6, (1) 7, 第X条 8 (ingest's levels, with room for items)
_LEVELS = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7, 7: 8}
ITEM_LEVEL, ARTICLE_LEVEL, BARE_LEVEL = 6, 8, 3
# an unnumbered heading line: short, no punctuation inside ("“十四五”时期工作回顾", "2026年重点工作")
_BARE = re.compile(r"(?![—－-])[^。！？；;：:，,、\s]{4,24}")
_LINE_MARKER = re.compile(
    rf"#+\s*|第[{ITEM_NUMERALS}百零〇两\d]+[编章节条]|{PART_NUMBER}|{SUBPART_NUMBER}|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[)）]"
)
# what may start a section after a sentence end: "（二）深化…" and "一是巩固…"
_INLINE = re.compile(rf"{SUBPART_NUMBER}|{ITEM_LEAD}(?![的否])|[\u4e00-\u9fff]{{2,6}}方面(?=[，,：:])")
_ASPECT = "方面"  # "就业方面，…教育方面，…": a government report's run-in items
_ITEM = re.compile(ITEM_LEAD)
CLOSERS = "”’」』）)】"
_OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」"}
_CLAUSE_BREAK = "，,"
# a paragraph's lead sentence: short, no comma, a statement of its own before the paragraph goes on; one with a comma
# ("这五年，交通网络更加完善。") leads only for a title written so: a few words asked would match many first sentences
_SENTENCE_STOPS = "。！？；;：:\\n"
_LEAD_WORDS, _LEAD_WORDS_WITH_COMMAS = (
    rf"[^{_SENTENCE_STOPS}{_CLAUSE_BREAK}、]{{4,24}}",
    rf"[^{_SENTENCE_STOPS}]{{4,24}}",
)
_LEAD = re.compile(rf"\s*({_LEAD_WORDS})。(?=\S)")
_LEAD_WITH_COMMAS = re.compile(rf"\s*({_LEAD_WORDS_WITH_COMMAS})。(?=\S)")
# … or the lead alone on its line, its paragraph on the lines after it ("提升教育质量。\n实施…。推进…。\n深化健康建设。")
_LEAD_ALONE = re.compile(rf"\s*({_LEAD_WORDS})。\s*")
_LEAD_ALONE_WITH_COMMAS = re.compile(rf"\s*({_LEAD_WORDS_WITH_COMMAS})。\s*")
_LINE = re.compile(r"[^\n]+")
# … or a paragraph's first clause, when the title is that whole clause: a writer names a paragraph by its opening
# words ("“就业是最基本的民生”一段" of "就业是最基本的民生，要把稳岗扩岗放在突出位置。高校毕业生…")
_LEAD_CLAUSE = re.compile(rf"\s*({_LEAD_WORDS})[{_CLAUSE_BREAK}]")
WHOLE_CLAUSE = 0.9  # share of the clause the title says, and of the title the clause says
LABEL_CHARS = 40


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading of its level or above."""

    marker: str  # "（三）", "一是", "第十二条", "一、"; "" for the text before the first heading
    label: str  # the heading's words: "建强师资队伍,夯实教育发展根基"
    level: int
    start: int  # span in the document's text, the heading included
    end: int
    head_end: int  # where the heading's own words end (its first sentence)
    path: tuple[str, ...] = ()  # the labels of the sections it sits in, and its own

    @property
    def heading(self) -> str:
        return f"{self.marker}{self.label}"


@dataclass(frozen=True)
class Clause:
    """A clause of the document: between commas inside a sentence, or a whole short sentence."""

    text: str
    start: int
    end: int
    sentence: int  # ordinal of its sentence in the document
    heading: bool  # part of a heading's own words, not a statement


class DocumentText:
    """One stored document as text: its passages, sections and clauses, all by offset."""

    def __init__(self, chunks: list[Chunk]) -> None:
        if not chunks:
            raise ValueError("a document needs at least one passage")
        self.chunks = sorted(chunks, key=lambda c: c.start)
        self._starts = [c.start for c in self.chunks]
        size = max(c.end for c in self.chunks)
        buffer = ["\n"] * size
        for chunk in self.chunks:
            buffer[chunk.start : chunk.end] = chunk.text
        self.text = "".join(buffer)
        first = self.chunks[0]
        self.name, self.title, self.meta = first.doc, first.title or first.doc, first.meta or DocMeta()

    def chunk_at(self, offset: int) -> Chunk:
        return self.chunks[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        heads = _headings(self.text)
        sections = []
        stack: list[Section] = []
        for i, (start, level, marker, label, head_end) in enumerate(heads):
            end = next((s for s, lv, *_ in heads[i + 1 :] if lv <= level), len(self.text))
            end = min(end, self._run_in_end(start, level, head_end, heads[i + 1 :]))
            while stack and stack[-1].level >= level:
                stack.pop()
            path = tuple(s.label for s in stack) + (label,)
            section = Section(marker, label, level, start, end, head_end, path)
            stack.append(section)
            sections.append(section)
        return tuple(sections)

    def _run_in_end(self, start: int, level: int, head_end: int, later: list) -> int:
        """Where a run-in heading's section ends: "（六）民生福祉改善…。就业方面，…" is its paragraph,
        and the paragraphs after it that start with a deeper heading (its 二是, 三是); an unnumbered
        paragraph after the last of its kind ("各位代表！五年来…") belongs to the section above. One
        followed by another of its kind ("（一）抓投资。…\n要储备一批项目。…\n（二）…") holds every
        paragraph up to it: a plan's item often runs on over paragraphs led by short sentences."""
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        if level == ARTICLE_LEVEL or not self.text[head_end:line_end].strip():
            return len(self.text)  # a heading on its own line: up to the next heading of its level
        following = next(((s, lv) for s, lv, *_ in later if lv <= level), None)
        if following and following[1] == level:  # up to the next of its kind, as a paragraph ends
            return len(self.text[: following[0]].rstrip())
        deeper = {s: lv for s, lv, *_ in later}
        while line_end < len(self.text):
            next_start = line_end + 1
            while next_start < len(self.text) and self.text[next_start].isspace():
                next_start += 1
            if deeper.get(next_start, -1) <= level:
                break
            line_end = self.text.find("\n", next_start)
            line_end = len(self.text) if line_end < 0 else line_end
        return line_end

    @cached_property
    def _temporals(self) -> tuple[list[int], list[Temporal]]:
        lines = line_temporals(self.text, self.meta, self.title)
        return [start for start, _, _ in lines], [temporal for _, _, temporal in lines]

    def temporal_at(self, offset: int) -> Temporal:
        """What the paragraph at ``offset`` is about in time, as indexing tags it (ingest/temporal)."""
        starts, temporals = self._temporals
        return temporals[max(0, bisect.bisect_right(starts, offset) - 1)] if temporals else Temporal()

    @cached_property
    def preamble(self) -> Section | None:
        """The text before the first heading, after the title line (a report's 开篇导语)."""
        body = self.text.find("\n") + 1 if "\n" in self.text[:120] else 0
        end = min((s.start for s in self.sections if s.level > 0), default=len(self.text))
        return Section("", "", 0, body, end, body) if end - body >= 20 else None

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        heads = [(s.start, s.head_end) for s in self.sections]
        found = []
        for n, (start, end) in enumerate(_sentences(self.text)):
            heading = any(h_start <= start and end <= h_end for h_start, h_end in heads)
            heading = heading or self.text[end - 1] in "：:"  # "尊敬的各位领导、同志们：", "…如下：": no statement
            for c_start, c_end in _clauses(self.text, start, end):
                found.append(Clause(self.text[c_start:c_end], c_start, c_end, n, heading))
        return tuple(found)

    def within(self, section: Section) -> list[Clause]:
        """The statements (not heading words) of a section, in order."""
        return [c for c in self.clauses if section.start <= c.start < section.end and not c.heading]

    def heading_line_end(self, section: Section) -> int:
        """Where the line holding a section's heading ends: with the words a run-in heading goes on with
        ("（六）以托育为抓手，织密民生保障网。今年…")."""
        end = self.text.find("\n", section.head_end)
        return section.end if end < 0 else min(end, section.end)

    def innermost(self, offset: int) -> Section | None:
        """The deepest section an offset sits in."""
        holding = [s for s in self.sections if s.start <= offset < s.end]
        return max(holding, key=lambda s: s.level) if holding else None

    def children(self, section: Section) -> list[Section]:
        """The sections one level down inside ``section`` (its items, its articles)."""
        inside = [s for s in self.sections if section.start <= s.start and s.end <= section.end and s != section]
        if not inside:
            return []
        top = min(s.level for s in inside)
        return [s for s in inside if s.level == top]

    def find(self, title: str, least: float = 0.6) -> list[Section]:
        """Sections whose heading is the title (or holds it, or lies inside it), best first; nested ones dropped."""
        scored = sorted(
            ((heading_match(title, s.label), s) for s in self.sections if s.label),
            key=lambda pair: (-pair[0], pair[1].start),
        )
        if not scored or scored[0][0] < least:
            return []
        best = scored[0][0]
        chosen: list[Section] = []
        for score, section in scored:
            if score < max(least, best - 0.1):
                break
            if not any(c.start <= section.start and section.end <= c.end for c in chosen):
                chosen = [c for c in chosen if not (section.start <= c.start and c.end <= section.end)] + [section]
        return sorted(chosen, key=lambda s: s.start)

    def led_by(self, title: str, least: float = 0.6) -> list[Section]:
        """Paragraphs whose first sentence (or first clause, when the title is all of it) is the title, in the
        document's order: a government report leads a paragraph of its plans with a short sentence ("稳步扩大林下经济。
        推广…。新建…") where another document heads it. The lead stays a statement of the section (it is no heading
        of ``sections``)."""
        scored = []
        commas = any(mark in title for mark in _CLAUSE_BREAK)
        lead, alone = (_LEAD_WITH_COMMAS, _LEAD_ALONE_WITH_COMMAS) if commas else (_LEAD, _LEAD_ALONE)
        for line in _LINE.finditer(self.text):
            on_its_own = False
            first = lead.match(line.group(0))
            if first:
                score = heading_match(title, first.group(1))
            elif first := alone.fullmatch(line.group(0)):
                score, on_its_own = heading_match(title, first.group(1)), True
            elif first := _LEAD_CLAUSE.match(line.group(0)):
                score = _whole_clause(title, first.group(1))
            if first and score >= least:
                end = self._paragraph_under(line.end(), alone) if on_its_own else line.end()
                lead_end = line.start() + first.end()
                scored.append((score, Section("", first.group(1), BARE_LEVEL, line.start(), end, lead_end)))
        best = max((score for score, _ in scored), default=0.0)
        return [section for score, section in scored if score >= max(least, best - 0.1)]

    def _paragraph_under(self, after: int, alone: re.Pattern[str]) -> int:
        """Where the paragraph under a lead alone on its line (ending at ``after``) ends: at the next line that is
        such a lead, or at the next heading."""
        heading = min((s.start for s in self.sections if s.start >= after), default=len(self.text))
        for line in _LINE.finditer(self.text, after, heading):
            if alone.fullmatch(line.group(0)):
                return line.start()
        return heading


def _whole_clause(title: str, clause: str) -> float:
    """How well the title is the whole clause (both ways: a few words asked would match many first clauses)."""
    wanted, own = pairs(title), pairs(clause)
    if not wanted or not own:
        return 0.0
    shared = len(wanted & own)
    return 1.0 if min(shared / len(wanted), shared / len(own)) >= WHOLE_CLAUSE else 0.0


def heading_match(title: str, label: str) -> float:
    """How well a heading is the title asked for: the share of the title it says, or of itself the title says.

    "校园安全建设" is most of "筑牢校园安全,守护师生平安"'s subject; "深化课后服务，丰富学生课余生活"
    holds all of the item "深化“课后服务”". A heading of a few characters counts only whole.
    """
    wanted, own = pairs(title), pairs(label)
    if not wanted or not own:
        return 0.0
    shared = len(wanted & own)
    inside = shared / len(own) if len(own) >= 4 else (1.0 if shared == len(own) == len(wanted) else 0.0)
    return max(shared / len(wanted), inside)


def _headings(text: str) -> list[tuple[int, int, str, str, int]]:
    """(start, level, marker, label, end of the heading's words) of every heading, in order.

    Inside a law's article, its （一）（二） items are the article's words, not sections.
    """
    found = []
    in_article = False
    first_line = True
    for line_start in [0] + [m.end() for m in re.finditer(r"\n", text)]:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if not line.strip():
            continue
        level = heading_level(line)
        marker = _LINE_MARKER.match(line) if level is not None else _INLINE.match(line)
        if marker is None and not first_line and _BARE.fullmatch(line.strip()):  # "2026年重点工作" on its own line
            found.append(_heading(text, line_start, line_end, "", BARE_LEVEL))
            in_article = False
        elif marker and not (first_line and line.startswith("#")):
            level = _LEVELS.get(level, level) if level is not None else _inline_level(marker.group(0))
            if not (in_article and 2 < level < ARTICLE_LEVEL):
                found.append(_heading(text, line_start, line_end, marker.group(0), level))
                in_article = level == ARTICLE_LEVEL
        first_line = False
        if in_article:
            continue
        for match in re.finditer(rf"(?<=[{CLAUSE_STOPS}])[{CLOSERS}]?\s*", line):
            at = line_start + match.end()
            inline = _INLINE.match(text, at, line_end)
            if inline and at > line_start:
                found.append(
                    _heading(text, at, line_end, inline.group(0), _inline_level(inline.group(0)), in_paragraph=True)
                )
    found.sort()
    return [h for i, h in enumerate(found) if i == 0 or h[0] != found[i - 1][0]]


def _inline_level(marker: str) -> int:
    return ITEM_LEVEL if _ITEM.fullmatch(marker) or marker.endswith(_ASPECT) else 4


def _heading(
    text: str, start: int, line_end: int, marker: str, level: int, in_paragraph: bool = False
) -> tuple[int, int, str, str, int]:
    """(start, level, marker, label, end of the heading's own words). An item run in a paragraph whose label
    states a figure ("…三件实事。一是新建村级图书室12个。") is named by it but is a statement: its words are not a
    heading's, or a gathering of statements would pass its figures by."""
    body = start + len(marker)
    if marker.endswith(_ASPECT):  # "教育方面，…": the label is 教育, the words after the comma are statements
        return start, level, "", marker.removesuffix(_ASPECT), body + 1
    marker = marker.strip("# ") if marker.startswith("#") else marker
    if level == ARTICLE_LEVEL:  # an article's words are its content: "第十二条" is its label
        return start, level, marker, marker, body
    if not marker:  # a markdown heading: the whole line
        stop = line_end
    else:
        ends = [text.find(ch, body, line_end) for ch in "。；;：:"]
        stop = min([e for e in ends if e >= 0] or [line_end])
        if stop - body > LABEL_CHARS:  # no heading words of its own: "一是…，…" runs on as a statement
            stop = body
    label = text[body:stop].strip()
    head_end = stop + 1 if stop < line_end and stop > body else stop
    if in_paragraph and any(n.kind == "quantity" for n in find_numbers(label)):
        head_end = body
    return start, level, marker, label, head_end


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: up to a sentence end (with its closing quote) or a line end, quotes kept whole."""
    spans, start, depth = [], 0, []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        if ch == "\n" or (ch in CLAUSE_STOPS and not depth):
            end = i if ch == "\n" else i + 1
            while end < len(text) and text[end] in CLOSERS:
                end += 1
            if text[start:end].strip():
                spans.append(strip_span(text, start, end))
            start = end if ch != "\n" else i + 1
            depth = [] if ch == "\n" else depth
    if text[start:].strip():
        spans.append(strip_span(text, start, len(text)))
    return spans


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated clauses of a sentence, quotes and brackets kept whole; the end mark stays off."""
    spans, begin, depth = [], start, []
    for i in range(start, end):
        ch = text[i]
        if ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in _CLAUSE_BREAK and not depth:
            if text[begin:i].strip():
                spans.append(strip_span(text, begin, i))
            begin = i + 1
    tail = end
    openers = {close: opener for opener, close in _OPENERS.items()}
    while tail > begin and text[tail - 1] in CLAUSE_STOPS + CLOSERS + " ":
        closer = text[tail - 1]
        if closer in openers and text[begin : tail - 1].count(openers[closer]) > text[begin : tail - 1].count(closer):
            break  # it closes a quote or bracket the clause opened: "不得聘任（聘用）"
        tail -= 1
    if text[begin:tail].strip():
        spans.append(strip_span(text, begin, tail))
    return spans
