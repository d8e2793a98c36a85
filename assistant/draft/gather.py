"""What a draft says: the facts of the documents a request names, in the documents' own order.

For each named document:

- a law: the articles about what the request says must be cited (关于…的条款), else about its key
  points; each article's sentences on the subject, named by article (第十二条);
- the opening of a report (开篇导语) from one's own report: the text before its first heading;
- a named section (‘建强师资队伍，夯实教育发展根基’一节, and the layers 分A、B、C三层 inside it): every
  clause of the section, in order;
- else the clauses on the request's subject: each key point's best clauses, and whole sentences
  most of whose clauses are on the subject, taken from the part of a government work report the
  request asks about (the year under review, the five-year review, or the plans).

A fact is a clause as the document writes it, with its passage (for the citation), its place
in the document (for the order) and the heading it sits under (for the outline).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from assistant.draft.brief import ACCOUNT_WORDS, REQUEST_WORDS, Brief, without_left_out
from assistant.draft.documents import OWN, Source
from assistant.draft.ground import pairs
from assistant.draft.sections import ARTICLE_LEVEL, CLOSERS, Clause, DocumentText, Section, heading_match
from assistant.facts.numbers import find_numbers, ordinal_value
from assistant.ingest.temporal import QUESTION_PLAN, periods, plan_name, report_year
from assistant.text import lexicon
from assistant.text.normalize import squash
from assistant.text.numerals import ARTICLE, ITEM_OPENING
from assistant.text.segment import tokenize
from assistant.text.terms import QUOTED_NAME, as_reports_name, subjects_of
from assistant.types import PLAN, TARGET, Chunk

POINT_COVER = 0.5  # share of a key point's (rarity-weighted) words a clause must have to answer it
POINT_CLOSE = 0.8  # … and of the best clause's share, for a second clause to answer it too
POINT_PICKS = 2
# … and where no clause does, the share a clause stating a figure must have to stand for the point (the point's
# word that carries most of its meaning but not its most weight: 医院 of 医院设置)
POINT_FALLBACK = 0.4
TOPIC_HIT = 0.5  # weight of the clause's best subject word, against the heaviest subject word of the document
# … for a clause beside a chosen one to lengthen a short draft: a word of the subject itself, not one as common as
# 发展 or 工作 (0.2-0.3 of the heaviest in the dev requests' reports, subject words from 0.37 up)
BESIDE_HIT = 0.35
# a sentence this short, one clause and no figure, may lead the sentences after it on one subject: a report's
# paragraph strings several subjects, each opened so ("发展公平优质的教育。…。提升医疗服务水平。…")
LEAD_CHARS = 14
SENTENCE_SHARE = 0.4  # a sentence this share of whose clauses are on the subject is taken whole
ITEM_MATCH = 0.6  # how well a key point must match an item's heading to name it
# a key point names an item of a report (its heading, or the short sentence leading its paragraph) only where it
# picks out this few: "营商环境改革" heads one item of a year's review, "教育" several
NAMED_ITEMS = 1
# a list's items, carried from the clause of a key point that opens it ("目标是：…；…；…。"), weigh as a clause on the
# subject: not every item of a long list answers the point, and the other points' facts should not be pushed out
LIST_ITEM = 1.0
_QUOTES_TITLE = re.compile(r"[“‘「][^”’」]{4,}[”’」]")  # a key point quoting a title: “就业护航工程”的安排
_OPENS_LIST = re.compile(r"[：:]\s*\S")  # "目标是：增长5%左右" opens the list it begins
# a sentence announcing a count of things ("办好…8项为民工程", "抓好三个方面工作"), and the items that follow it
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)(?:件|项|个|条|大)([\u4e00-\u9fff]{1,8})$")
FOLLOWING = 3  # of the clauses right after an anchor, those stating a figure come with it
ARTICLE_CHARS = 300  # an article this short is quoted whole; a longer one by its sentences on the subject
CONTEXT_WEIGHT = 0.5  # an article's fit to the request's whole subject, against its fit to the one point
SECOND_ARTICLE = 0.8  # a key point brings a second article scoring this share of the best
# A law's 法律责任 chapter restates its duties as the failures it punishes ("未按照规定制定、调整学校的设置规划的"): by
# words it matches a request about the duty as well as the duty's own article. It counts this share unless the
# request asks about liability itself.
LIABILITY_CHAPTER = "法律责任"
LIABILITY_WEIGHT = 0.5
_ASKS_LIABILITY = re.compile(r"法律责任|追究|处罚|处分|罚款|违法|违反")
OTHER_PERIOD = 0.2  # the score of a clause from a part of a report the request does not ask about (to lengthen)
REPORT_PARTS = frozenset({"year", "five", "plan"})  # see _period
_PARTS_OF = {"review": {"year", "five"}, "plan": {"plan"}}  # the parts of a report a request's period words mean
_WILL = ("将", "要", "力争", "计划", "拟")  # a plan's clause that says "will" itself
_GLOSSARY_HEADINGS = frozenset(lexicon.words("glossary_headings.txt"))  # 名词解释: where a document defines its terms
_PERIOD_WORDS = re.compile(r"“?[十][三四五六]五”?(?:时期)?|(?:19|20)\d{2}年(?:度)?|以来|当年|五年|时期|中的")


@dataclass(frozen=True)
class Fact:
    """A clause of a named document that the draft is to state."""

    text: str
    source: Source
    chunk: Chunk
    start: int  # offset in its document: the order
    sentence: int
    item: str = ""  # the heading it sits under: "二是促进城乡教育均衡", "第十二条"
    score: float = 1.0  # how well it fits the request; trimming drops the lowest first
    layer: int = -1  # the layer of the request (分A、B、C三层) it belongs to
    point: int = -1  # the key point (or article subject) it answers
    lead: str = ""  # written before it when it lengthens a draft: the period it speaks of, if not the one asked

    @property
    def article(self) -> str:
        return self.item if ARTICLE.fullmatch(self.item) else ""


@dataclass(frozen=True)
class Gathered:
    facts: tuple[Fact, ...]
    how: str = ""  # "section" when a named section (or opening) was found, "topic" when picked by subject
    items: tuple[str, ...] = ()  # the named section's own items (一是…), in order: a ready outline
    reserve: tuple[Fact, ...] = ()  # clauses beside the chosen ones that state a figure: to lengthen a short draft


def gather_facts(brief: Brief, sources: Sequence[Source], text_of: Callable[[str], DocumentText | None]) -> Gathered:
    """The facts of every named document, document by document in the order the request names them."""
    facts: list[Fact] = []
    reserve: list[Fact] = []
    how, items = "", []
    for source in sources:
        doc = text_of(source.name)
        if doc is None:
            continue
        if source.is_law or any(s.level == ARTICLE_LEVEL for s in doc.sections[:40]):
            facts += _articles(doc, source, brief)
            continue
        if brief.opening and source.voice == OWN and doc.preamble is not None:
            facts += [_fact(doc, source, c, "") for c in doc.within(doc.preamble)]
            how = "section"
            continue
        parts = _wanted_periods(brief, doc.meta.year) if doc.meta.doc_type == "政府工作报告" else None
        found = _named_sections(doc, source, brief, parts)
        numbered = _numbered_items(doc, source, brief)
        if found is not None or numbered:
            section_facts, section_items, sections = found or ([], [], [])
            facts += _with_definitions(doc, source, section_facts, brief.topic) + numbered
            items += section_items
            reserve += _framing(doc, source, sections)
            how = "section"
        else:
            found_facts = _on_topic(doc, source, brief, parts)
            facts += _with_definitions(doc, source, found_facts, brief.topic)
            if found_facts:
                subject = _document_subject(doc, brief)
                reserve += _beside(doc, source, found_facts, subject)
                reserve += _run_mates(doc, source, found_facts, _lead_words(subject, brief))
            if parts is not None and (other_parts := set(REPORT_PARTS - parts)):
                reserve += _other_periods(doc, source, brief, other_parts)
            how = how or "topic"
    return Gathered(tuple(facts), how, tuple(dict.fromkeys(items)), tuple(reserve))


def _document_subject(doc: DocumentText, brief: Brief) -> dict[str, float]:
    """The request's subject words as the whole document weighs them (its statements, not its headings)."""
    weigh = _rarity([_words(c.text) for c in doc.clauses if not c.heading])
    return _subject_weights(brief, weigh, _place_words(doc))


def _beside(doc: DocumentText, source: Source, taken: list[Fact], subject: dict[str, float]) -> list[Fact]:
    """The other clauses of the chosen clauses' sentences that are on the request's subject, nearest first.

    A report's sentence often lists several subjects ("发放育儿补贴2亿元，新增养老床位3000张，学前教育普惠率达到
    92%"): a clause beside the one on 学前教育 speaks of it only if it names the subject too.
    """
    if not taken or not subject:
        return []
    starts = {f.start for f in taken}
    sentences = {f.sentence for f in taken}
    near = [c for c in doc.clauses if c.sentence in sentences and c.start not in starts and not c.heading]
    least = BESIDE_HIT * max(subject.values())
    words = {c.start: _words(c.text) for c in near}
    near = [c for c in near if max((w for t, w in subject.items() if t in words[c.start]), default=0.0) >= least]
    return [_fact(doc, source, c, score=0.2) for c in sorted(near, key=lambda c: min(abs(c.start - s) for s in starts))]


def _run_mates(doc: DocumentText, source: Source, taken: list[Fact], on_subject: set[str]) -> list[Fact]:
    """The other sentences of the run a chosen clause sits in, nearest first, figure or not.

    A government report's paragraph often strings several subjects, each led by a short sentence of its own
    ("发展公平优质的教育。实施…。深化…行动。提升医疗服务水平。推进…"), or run on from an item's heading
    ("三是扩大文化供给。…"): the sentences from a lead or heading naming the
    request's subject up to the next lead that does not speak of the same subject as the chosen clause, and a
    writer asked for more words on it takes them before general words. A chosen clause with no such lead
    before it in its paragraph (a heading or a lead on another subject is nearer) brings none.
    """
    if not taken:
        return []
    sentences: dict[int, list[Clause]] = {}
    for clause in doc.clauses:
        sentences.setdefault(clause.sentence, []).append(clause)

    @cache  # the walks back and forth ask of the same sentences
    def kind(n: int) -> str:
        """ "heading", "lead" (on the subject), "other lead" or "statement"."""
        clauses = sentences[n]
        if any(c.heading for c in clauses):  # an item's heading naming the subject leads its run as well
            return "lead" if on_subject & _words("".join(c.text for c in clauses)) else "heading"
        if (
            len(clauses) == 1
            and len("".join(clauses[0].text.split())) <= LEAD_CHARS
            and not _has_figure(clauses[0].text)
        ):
            return "lead" if on_subject & _words(clauses[0].text) else "other lead"
        return "statement"

    def same_line(a: int, b: int) -> bool:
        first, second = sorted((a, b))
        return "\n" not in doc.text[sentences[first][-1].end : sentences[second][0].start]

    chosen = {f.sentence for f in taken}
    mates: dict[int, int] = {}  # sentence → distance to the nearest chosen sentence of its run
    for n in sorted(chosen):
        back = n - 1
        while back in sentences and same_line(back, n) and kind(back) in ("lead", "statement"):
            back -= 1
        run_start = next((m for m in range(back + 1, n) if kind(m) == "lead"), None)
        if run_start is None:
            continue
        end = n + 1
        while end in sentences and same_line(n, end) and kind(end) in ("lead", "statement"):
            end += 1
        for m in range(run_start, end):
            if m not in chosen and kind(m) == "statement":
                mates[m] = min(mates.get(m, abs(m - n)), abs(m - n))
    return [_fact(doc, source, c, score=0.2) for m in sorted(mates, key=lambda m: (mates[m], m)) for c in sentences[m]]


def _lead_words(subject: dict[str, float], brief: Brief) -> set[str]:
    """The words by which a lead sentence speaks of the request's subject: its subject words, and the word
    their compounds end in where the request writes it too (教育 of 基础教育: "发展公平优质的教育。")."""
    heads = {t for t in brief.terms if len(t) >= 2 and any(k != t and k.endswith(t) for k in subject)}
    return set(subject) | heads


def _other_periods(doc: DocumentText, source: Source, brief: Brief, parts: set[str]) -> list[Fact]:
    """The clauses on the request's subjects in the parts of a report the request does not ask about, each
    opening with its period: a 2025 review whose year holds 300 characters on 学前教育 may go on with the
    five-year review ("“十四五”时期，…") and the plans ("下一步，将…") rather than stop short, and never
    as the year asked. Only sentences that name one of the subjects the request names (by the list of
    subjects: the 事业 and 发展 of a request's "…事业发展" also take 公益慈善事业发展), and only periods named without
    digits (a year the passage does not write would be a figure no passage states)."""
    wanted = subjects_of(brief.topic)
    facts = _on_topic(doc, source, brief, parts)
    named = {f.sentence for f in facts if subjects_of(f.text) & wanted}
    return [
        replace(f, score=OTHER_PERIOD, lead=lead)
        for f in facts
        if f.sentence in named and (lead := _period_lead(doc, f.start, f.text)) is not None
    ]


def _period_lead(doc: DocumentText, offset: int, text: str) -> str | None:
    """What a clause of another part of the report opens with: "“十四五”时期，" for one of a plan period's
    review, "下一步，将" for one of the year's plans, "“十五五”时期，将" for a five-year plan's; "" when the
    clause names its period itself, None when no words without digits name it."""
    temporal = doc.temporal_at(offset)
    name = plan_name(temporal.start, temporal.end) if temporal.start is not None and temporal.end else ""
    span = f"“{name}”时期，" if name not in text else ""
    will = "" if text.startswith(_WILL) else "将"
    if _period(doc, offset) == "plan":
        return span + will if name else f"下一步，{will}"
    return span if name else None


def _fact(
    doc: DocumentText,
    source: Source,
    clause: Clause,
    item: str | None = None,
    score: float = 1.0,
    layer: int = -1,
    point: int = -1,
) -> Fact:
    if item is None:
        inner = doc.innermost(clause.start)
        item = inner.heading if inner else ""
    text = clause.text
    if item and text.startswith(item) and ARTICLE.fullmatch(item):  # "第十二条适龄儿童…": the article is its item
        text = text[len(item) :].lstrip("：: ")
    elif (numbered := ITEM_OPENING.match(text)) and len(text) - numbered.end() >= 2:
        # "七是建成…": the document's numbering of its own list; taken alone into a draft it reads "一是七是建成…"
        text = text[numbered.end() :].lstrip("，,：: ")
    return Fact(text, source, doc.chunk_at(clause.start), clause.start, clause.sentence, item, score, layer, point)


def _with_definitions(doc: DocumentText, source: Source, facts: list[Fact], topic: str) -> list[Fact]:
    """``facts`` with the document's own definitions (its 名词解释) of the terms the request asks to explain.

    A report explains its coined terms at its end ("“三通两平台”机制：宽带网络校校通、…"). A writer told to
    explain one (the request names the term; or it names the glossary, and then every term the facts name) writes its
    definition once, right after the clause naming the term (before the rest of its sentence: "完善“三通两平台”机制，
    [宽带网络校校通、…]，推广“双师课堂”模式"), and keeps or leaves out the two together."""
    entries = [
        (entry, names)
        for glossary in doc.sections
        if glossary.label in _GLOSSARY_HEADINGS
        for entry in doc.children(glossary)
        if (names := _entry_names(entry.label))
    ]
    asked = squash(topic)
    terms = [(entry, names) for entry, names in entries if any(name in asked for name in names)]
    if not terms and any(heading in topic for heading in _GLOSSARY_HEADINGS):
        terms = entries
    if not terms:
        return facts
    # an entry the facts hold already (picked for the request's words) moves to the sentence naming its term
    defined = [f for f in facts if any(e.start <= f.start < e.end for e, _ in terms)]
    rest = [f for f in facts if f not in defined]
    taken: set[int] = set()
    out: list[Fact] = []
    for fact in rest:
        out.append(fact)
        said = squash(fact.text)
        for entry, names in terms:
            if entry.start not in taken and any(name in said for name in names):
                weighed = replace(fact, score=max(f.score for f in rest if f.sentence == fact.sentence))
                defining = [_definition(doc, source, entry, c, weighed) for c in doc.within(entry)]
                out += [f for f in defining if f.text]
                taken.add(entry.start)
    return out + [f for f in defined if not any(e.start in taken and e.start <= f.start < e.end for e, _ in terms)]


def _definition(doc: DocumentText, source: Source, entry: Section, clause: Clause, naming: Fact) -> Fact:
    """A clause of a glossary entry as a clause of the sentence naming its term (kept or left out with it, weighed as
    it), without the entry's number and term ("1.“三通两平台”机制："), which that sentence states."""
    fact = replace(_fact(doc, source, clause, naming.item, naming.score), sentence=naming.sentence)
    opening = doc.text[entry.start : entry.head_end]
    if fact.text.startswith(opening):
        fact = replace(fact, text=fact.text.removeprefix(opening).lstrip("：: "))
    return fact


def _entry_names(label: str) -> tuple[str, ...]:
    """What names a glossary entry's term in the text: the whole term, and its quoted name (“123”)."""
    whole = squash(label).strip("：:")
    return tuple(dict.fromkeys([whole, *(f"“{q}”" for q in QUOTED_NAME.findall(whole))])) if whole else ()


def _framing(doc: DocumentText, source: Source, sections: list[Section]) -> list[Fact]:
    """The opening words of the sections above a named one (a part's own summary of its aim), to lengthen a short draft.

    A paragraph named by its lead (``DocumentText.led_by``) is one of its section's paragraphs, as is every one beside
    it, the first included: its opening words are only what the section's heading line goes on to say ("（六）以托育为
    抓手，织密民生保障网。今年…"), not the paragraphs on other subjects before it (a 就业 paragraph before the 教育 one
    asked for), nor the opening of the whole part of the report around it.

    Opening words stating figures of their own are no summary of the sections under them but a statement beside
    them: a part of a report opening with the year's 总体要求 and 主要预期目标 ("生产总值增长5%左右") frames no
    section on 生态 inside it."""
    headed = [n for n in sections if n in doc.sections]
    above = [s for s in doc.sections if any(s.start < n.start and n.end <= s.end for n in headed)]
    openings = []
    for section in sorted(above, key=lambda s: -s.level):
        first_child = min((c.start for c in doc.children(section)), default=section.end)
        openings.append([c for c in doc.within(section) if c.start < first_child])
    led = [n.start for n in sections if n not in doc.sections]
    for holding in dict.fromkeys(doc.innermost(start) for start in led):
        if holding is not None:
            end = min(doc.heading_line_end(holding), *led)
            openings.append([c for c in doc.within(holding) if c.start < end])
    return [
        _fact(doc, source, c, score=0.1)
        for opening in openings
        if not any(m.kind == "quantity" for c in opening for m in find_numbers(c.text))
        for c in opening
    ]


def _named_sections(
    doc: DocumentText, source: Source, brief: Brief, parts: set[str] | None = None
) -> tuple[list[Fact], list[str], list[Section]] | None:
    """Every clause of the section the request names (and of its layers), or None when the document has none.

    A government work report may head its review and its plans alike (“乡村振兴” in the year's review, in the
    five-year goals and in this year's tasks): of the sections so found, those in the parts of the report the
    request asks about (``parts``), when any is."""
    sections = (doc.find(brief.section) or doc.led_by(brief.section)) if brief.section else []
    if parts is not None and (asked := [s for s in sections if _period(doc, s.start) in parts]):
        sections = asked
    scope = sections or ([Section("", "", -1, 0, len(doc.text), 0)] if brief.layers else [])
    layers: list[list[Section]] = []
    for layer in brief.layers:
        inside = [
            s for s in doc.find(layer) or doc.led_by(layer) if any(o.start <= s.start and s.end <= o.end for o in scope)
        ]
        layers.append(inside)
    if not sections and not any(layers):
        return None
    if not sections:
        sections = sorted({s for found in layers for s in found}, key=lambda s: s.start)
    picked = _section_points(doc, sections, brief.points)
    facts = []
    for section in sections:
        left_out = _items_off_points(doc, section, brief.points)
        for clause in doc.within(section):
            if any(item.start <= clause.start < item.end for item in left_out):
                continue
            in_layer = next(
                (i for i, found in enumerate(layers) if any(s.start <= clause.start < s.end for s in found)), -1
            )
            score, point = picked.get(clause.start, (1.0, -1))
            facts.append(_fact(doc, source, clause, score=score, layer=in_layer, point=point))
    kept = {f.item for f in facts}
    items = [c.heading for section in sections for c in doc.children(section) if c.label and c.heading in kept]
    return facts, items, sections


def _section_points(doc: DocumentText, sections: list[Section], points: Sequence[str]) -> dict[int, tuple[float, int]]:
    """The clauses of the named sections that answer the request's key points, as ``_point_picks`` finds them
    (words weighed by their rarity in the whole document). A section often holds more than the length asked
    ("写明公路、港口投资和光纤用户数" of a paragraph of twenty figures): what the writer named is kept first."""
    if not points:
        return {}
    clauses = [c for section in sections for c in doc.within(section)]
    everything = [_words(c.text) for c in doc.clauses if not c.heading]
    words = {c.start: _words(c.text) for c in clauses}
    place_words = _place_words(doc)
    picked = _point_picks(points, clauses, words, _rarity(everything), place_words)
    # a point naming one item of the section ("市场主体" → "市场主体活力增强。…") is answered by the item's
    # sentences as much as by its lead, which states no figure: they weigh as the point's best clause
    for index, point in enumerate(points):
        items = {
            item
            for section in sections
            for item in _items_named(doc, point, place_words)
            if section.start <= item.start and item.end <= section.end and item != section
        }
        if len(items) != NAMED_ITEMS:
            continue
        best = max((score for score, answered in picked.values() if answered == index), default=1.0 + POINT_COVER)
        for clause in doc.within(items.pop()):
            if picked.get(clause.start, (0.0, -1))[0] < best:
                picked[clause.start] = (best, index)
    return _carried(doc, clauses, picked)


def _carried(
    doc: DocumentText, clauses: list[Clause], picked: dict[int, tuple[float, int]], whole_runs: bool = True
) -> dict[int, tuple[float, int]]:
    """``picked`` with a picked clause's point carried to the statements it opens:

    - a lead sentence: a report strings its items in one paragraph, each opened by a short sentence without a
      figure ("市场主体活力增强。总量达…万户，…"), up to the next such sentence or the paragraph's end;
    - a list: "主要预期目标是：增长5%左右；新增就业…；…。" is one statement however the text splits it at ；,
      up to its full stop (its items weigh ``LIST_ITEM``: not all of a long list answer the point).

    ``whole_runs``: inside a named section the sentences a lead leads are the point's; in a whole report a paragraph
    may string on well past it ("办好十件实事。一是…十是…" for a point on one of the ten), so there a lead brings
    the sentences up to its first stating a figure ("财政运行总体平稳。一般公共预算收入增长…" for 财政收支)."""
    sentences: dict[int, list[Clause]] = {}
    for clause in clauses:
        sentences.setdefault(clause.sentence, []).append(clause)

    def leads(group: list[Clause]) -> bool:
        return len(group) == 1 and len(group[0].text) <= LEAD_CHARS and not _has_figure(group[0].text)

    def goes_on(group: list[Clause]) -> bool:
        """Whether the statement ends at ；: its list goes on."""
        return doc.text[group[-1].end :].lstrip(CLOSERS)[:1] in ("；", ";")

    carried = dict(picked)
    leading: tuple[float, int] | None = None
    listing: tuple[float, int] | None = None
    last_end = -1
    for group in sentences.values():
        if leading and (leads(group) or "\n" in doc.text[last_end : group[0].start]):
            leading = None
        if leads(group):
            leading = picked.get(group[0].start)
        for carry in filter(None, (leading, listing)):
            for clause in group:
                if carried.get(clause.start, (0.0, -1))[0] < carry[0]:
                    carried[clause.start] = carry
        if not whole_runs and any(_has_figure(c.text) for c in group):
            leading = None
        if listing is None:  # a list's items are the point's, but only as much as a clause on the subject
            opener = next((picked[c.start] for c in group if c.start in picked and _OPENS_LIST.search(c.text)), None)
            listing = (LIST_ITEM, opener[1]) if opener else None
        listing = listing if goes_on(group) else None
        last_end = group[-1].end
    return carried


def _announced_items(
    doc: DocumentText, sentences: list[list[Clause]], picked: dict[int, tuple[float, int]], subject: set[str]
) -> dict[int, tuple[float, int]]:
    """``picked`` with the items a picked sentence announces, when it counts the subject's things ("办好…8项为民工程。"
    then "一是…。二是…。" for the subject 为民工程): each item, to the paragraph's end, is one of the things asked
    about, though it never names them again, and weighs as a clause answering a key point. The count's noun must be
    the subject's: a point on one of the eight picks that one item, not the announcement."""
    carried = dict(picked)
    announcing: tuple[float, int] | None = None
    for index, group in enumerate(sentences):
        if announcing and (
            "\n" in doc.text[sentences[index - 1][-1].end : group[0].start] or not ITEM_OPENING.match(group[0].text)
        ):
            announcing = None
        for clause in group:
            if announcing and carried.get(clause.start, (0.0, -1))[0] < announcing[0]:
                carried[clause.start] = announcing
        last = group[-1]
        counted = _COUNTED.search(last.text.rstrip("。：: "))
        if last.start in picked and counted and _words(counted.group(1)) & subject:
            following = sentences[index + 1][0].text if index + 1 < len(sentences) else ""
            # the things asked about themselves: they weigh as clauses answering a key point do (1 + cover)
            announcing = (1.0 + picked[last.start][0], picked[last.start][1]) if ITEM_OPENING.match(following) else None
    return carried


def _items_named(doc: DocumentText, point: str, place_words: set[str]) -> list[Section]:
    """The headings and paragraph leads a key point names (``ITEM_MATCH``), the point read without the period and
    the place it names: what it is about."""
    core = _PERIOD_WORDS.sub("", point)
    for place in sorted(place_words, key=len, reverse=True):
        core = core.replace(place, "")
    return [*doc.find(core, ITEM_MATCH), *doc.led_by(core, ITEM_MATCH)] if pairs(core) else []


def _numbered_items(doc: DocumentText, source: Source, brief: Brief) -> list[Fact]:
    """The clauses of the items a request names by number in a list it quotes ("参照附表“2026年8项惠民工程”第二、
    三项"): the list is the run of numbered headings after its title (一、… 二、… as long as each number follows
    on), and an item's clauses are those under its heading."""
    facts = []
    for title, numbers in brief.numbered:
        for heading in doc.find(title):
            listed: list[Section] = []
            for section in doc.sections:
                if section.start <= heading.start or not section.marker:
                    continue
                if ordinal_value(section.marker.strip("、（）()是.． ")) != len(listed) + 1:
                    break
                listed.append(section)
            for item in (s for i, s in enumerate(listed, 1) if i in numbers):
                facts += [_fact(doc, source, c, item.heading) for c in doc.within(item)]
    return facts


def _items_off_points(doc: DocumentText, section: Section, points: Sequence[str]) -> list[Section]:
    """The items of a section that no key point names, when the points name several of its items
    ("涵盖交通、水利、能源" of a section written 交通上…水利上…通信上…: 通信 is left out). One item
    named is what to stress, not the section's limit: the points may name the others in other words."""
    items = doc.children(section)
    named = [i for i in items if any(heading_match(p, i.label) >= ITEM_MATCH for p in points)]
    return [i for i in items if i not in named] if len(named) >= 2 else []


def _articles(doc: DocumentText, source: Source, brief: Brief) -> list[Fact]:
    """The articles on what the request says to cite (关于…的条款), else on its key points.

    An article scores on the subject's words, and a little on the request's whole subject in
    its chapter's title and its text (卫生员任职条件 belongs to 第四章 人员, not to 第二章 服务对象);
    one of the 法律责任 chapter counts less unless the request asks about liability.
    A key point may bring a second article that scores nearly as well.
    """
    articles = [s for s in doc.sections if s.level == ARTICLE_LEVEL]
    if not articles:
        return []
    explicit = bool(brief.articles)
    subjects = list(brief.articles or brief.points or ([brief.section] if brief.section else [" ".join(brief.terms)]))
    texts = {a.start: doc.text[a.start : a.end] for a in articles}
    chapters = {a.start: " ".join(a.path[:-1]) for a in articles}
    weigh = _rarity([_words(t) for t in texts.values()])
    whole = weigh(" ".join([brief.section, *brief.terms]))

    discount_liability = not _ASKS_LIABILITY.search(brief.topic)

    def score(article: Section, wanted: dict[str, float]) -> float:
        fit = _cover(wanted, _words(texts[article.start])) + CONTEXT_WEIGHT * _cover(
            whole, _words(f"{chapters[article.start]} {texts[article.start]}")
        )
        return fit * LIABILITY_WEIGHT if discount_liability and LIABILITY_CHAPTER in chapters[article.start] else fit

    wanted_of = [weigh(subject) for subject in subjects]
    asked: dict[int, list[tuple[float, int]]] = {}  # article start → (fit, subject) of each subject choosing it
    for index, wanted in enumerate(wanted_of):
        ranked = sorted(articles, key=lambda a: -score(a, wanted))
        best = score(ranked[0], wanted)
        if _cover(wanted, _words(texts[ranked[0].start])) == 0:
            continue
        for article in ranked[: 1 if explicit else 2]:
            fit = score(article, wanted) / best
            if fit >= SECOND_ARTICLE:
                asked.setdefault(article.start, []).append((fit, index))
    by_start = {a.start: a for a in articles}
    facts = []
    for start in sorted(asked):
        article = by_start[start]
        fit, index = max(asked[start], key=lambda pair: pair[0])  # the best fit; of equal ones the earlier subject's
        clauses = doc.within(article)
        sentences: dict[int, list[Clause]] = {}
        for clause in clauses:
            sentences.setdefault(clause.sentence, []).append(clause)
        if sum(len(c.text) for c in clauses) > ARTICLE_CHARS:
            # each rule the request cites the article for keeps its own sentence ("关于保障图书馆免费开放、不得出租馆舍
            # 的条款": one article, two sentences), the rest by their best fit to any of them
            said = {n: _words("".join(c.text for c in cs)) for n, cs in sentences.items()}
            fits = [wanted_of[i] for _, i in asked[start]]
            best_each = {max(said, key=lambda n: (_cover(w, said[n]), -n)) for w in fits}
            ranked_n = sorted(said, key=lambda n: -max(_cover(w, said[n]) for w in fits))
            keep = set(ranked_n[:3]) | best_each | {min(sentences)}
            sentences = {n: cs for n, cs in sentences.items() if n in keep}
        for group in sentences.values():
            facts += [_fact(doc, source, c, article.marker, point=index, score=fit) for c in group]
    return facts


def _on_topic(  # noqa: C901 (to split: see closing note)
    doc: DocumentText, source: Source, brief: Brief, parts: set[str] | None
) -> list[Fact]:
    """Clauses on the request's subject and key points, from the parts of a report ``parts`` names (all of a
    document that is no government work report: None).

    An anchor is a clause that answers a key point, or holds one of the subject's heaviest words;
    a sentence most of whose clauses are anchors, or that opens with one ("推动高等教育内涵式发展，
    …，新增博士学位授权点56个"), is taken whole; otherwise an anchor brings the clauses right after
    it that state a figure ("加强托育服务，新增普惠性托位近1.9万个，入园率…均达到93%").
    """
    preamble = doc.preamble
    own_names = _place_words(doc)
    named_items = _point_items(doc, brief, own_names, parts)
    clauses = [
        c
        for c in doc.clauses
        if not c.heading
        and (
            parts is None
            or _period(doc, c.start) in parts
            or any(i.start <= c.start < i.end for items in named_items.values() for i in items)
        )
        and not (preamble and c.start < preamble.end)
    ]
    if not clauses:
        return []
    words = {c.start: _words(c.text) for c in clauses}
    weigh = _rarity(list(words.values()))
    picked = _carried(doc, clauses, _point_picks(brief.points, clauses, words, weigh, own_names), whole_runs=False)
    for index, items in named_items.items():
        for clause in clauses:
            if any(i.start <= clause.start < i.end for i in items) and picked.get(clause.start, (0.0,))[0] < 1.0:
                picked[clause.start] = (1.0, index)
    subject = _subject_weights(brief, weigh, own_names)
    heaviest = max(subject.values(), default=0.0)
    subject_text = " ".join([brief.section, *brief.terms])
    bound = _compound_heads(list(subject), subject_text, [c.text for c in clauses])
    for clause in clauses:
        written = "".join(clause.text.split())
        hit = max(
            (
                w
                for t, w in subject.items()
                if t in words[clause.start] and (t not in bound or any(c in written for c in bound[t]))
            ),
            default=0.0,
        )
        if heaviest and hit / heaviest >= TOPIC_HIT and clause.start not in picked:
            picked[clause.start] = (hit / heaviest, -1)
    by_sentence: dict[int, list[Clause]] = {}
    for clause in clauses:
        by_sentence.setdefault(clause.sentence, []).append(clause)
    picked = _announced_items(doc, list(by_sentence.values()), picked, set(subject))
    facts = []
    for group in by_sentence.values():
        on = [i for i, c in enumerate(group) if c.start in picked]
        if not on:
            continue
        whole = (len(on) >= 2 and len(on) >= SENTENCE_SHARE * len(group)) or on[0] == 0
        keep = set(range(len(group))) if whole else set(on)
        if not whole:
            for i in on:
                # "发行再融资债券50亿元，有效缓释地方债务风险": an anchor saying what a figure did has it before it
                if i > 0 and not _has_figure(group[i].text) and _has_figure(group[i - 1].text):
                    keep.add(i - 1)
                for j in range(i + 1, min(i + 1 + FOLLOWING, len(group))):
                    if group[j].text.startswith("“"):
                        break  # a clause naming a new programme starts another subject
                    if _has_figure(group[j].text):
                        keep.add(j)
        for i in sorted(keep):
            score, answered = picked.get(group[i].start, (0.3, -1))
            facts.append(_fact(doc, source, group[i], score=score, point=answered))
    return facts


def _point_picks(
    points: Sequence[str],
    clauses: list[Clause],
    words: dict[int, set[str]],
    weigh: Callable[[str | list[str]], dict[str, float]],
    place_words: set[str],
) -> dict[int, tuple[float, int]]:
    """The clauses answering each key point, by start: (score, the point's index). A point's best clauses
    (``POINT_PICKS``) covering enough of its rarity-weighted words, else its ``_point_fallback``."""
    picked: dict[int, tuple[float, int]] = {}
    for index, point in enumerate(points):
        for query in _point_queries(point):  # "体质监测与学校自评": each half finds its own clause too
            named = _topic_words(_longest(query, weigh), place_words)
            wanted = weigh(named)
            # a clause sharing only the point's least distinctive word is about something else: 职业教育's 教育
            # alone finds 国防教育 (a word the document never uses is the most distinctive of all)
            distinctive = (
                set(named) - {min(wanted, key=wanted.__getitem__)} if len(named) >= 2 and wanted else set(named)
            )
            covers = sorted(
                ((_cover(wanted, words[c.start]), c.start) for c in clauses if distinctive & words[c.start]),
                reverse=True,
            )
            best = covers[0][0] if covers else 0.0
            for cover, start in covers[:POINT_PICKS]:
                if cover >= max(POINT_COVER, POINT_CLOSE * best) and 1.0 + cover > picked.get(start, (0.0, -1))[0]:
                    picked[start] = (1.0 + cover, index)
        if not any(answered == index for _, answered in picked.values()):
            fallback = _point_fallback(point, clauses, words, weigh, place_words)
            if fallback is not None and fallback[1] not in picked:
                picked[fallback[1]] = (1.0 + fallback[0], index)
    return picked


def _point_items(
    doc: DocumentText, brief: Brief, place_words: set[str], parts: set[str] | None
) -> dict[int, list[Section]]:
    """The items of the report that key points name, by point: a heading without items of its own ("三是营商环境
    改革纵深推进" for the point "某省2025年营商环境改革") or a paragraph led by a short sentence ("推进美丽河湖建设。…"
    for "美丽河湖"). A report writes the figures of such an item in sentences that never repeat its name ("新增减税
    降费8.1亿元"), so the point's whole item is on it. The point is read without its period and place, and names
    items only where it picks out one (``NAMED_ITEMS``) in the parts asked about (in any part when the point quotes
    its title: "2026年报告“就业护航工程”的新安排" of a request asking about last year's results): of the items
    without items of their own if it names any, else of those with (a part "建强教师队伍，提升育人水平" whose items
    are 一是…二是…)."""
    named: dict[int, list[Section]] = {}
    for index, point in enumerate(brief.points):
        every = _items_named(doc, point, place_words)
        found = [s for s in every if parts is None or _period(doc, s.start) in parts]
        if not found and _QUOTES_TITLE.search(point):
            found = every  # a point quoting an item's title asks for it whichever part of the report it sits in
        found = [s for s in found if not doc.children(s)] or found  # the narrowest: an item before a part
        if 0 < len(found) <= NAMED_ITEMS:
            named[index] = found
    return named


def _point_fallback(
    point: str,
    clauses: list[Clause],
    words: dict[int, set[str]],
    weigh: Callable[[str | list[str]], dict[str, float]],
    place_words: set[str],
) -> tuple[float, int] | None:
    """For a key point no clause answers, the clause stating a figure that shares most of its words: "医院设置"
    is written "新建3所县级医院、2所社区卫生服务中心" (设置, a word the report uses elsewhere, outweighs 医院, so no
    clause covers half the point). A point the writer names should not go without its figure; None when no clause
    with a figure holds ``POINT_FALLBACK`` of the point's weight."""
    named = _topic_words(_longest(_point_queries(point)[0], weigh), place_words)
    wanted = weigh(named)
    covers = [
        (_cover(wanted, words[c.start]), c.start)
        for c in clauses
        if set(named) & words[c.start] and _has_figure(c.text)
    ]
    best = max(covers, default=None)
    return best if best is not None and best[0] >= POINT_FALLBACK else None


def _subject_weights(
    brief: Brief, weigh: Callable[[list[str]], dict[str, float]], place_words: set[str]
) -> dict[str, float]:
    """The words of the request's subject (its section and terms, and the subjects its topic names: the
    terms split 职业教育 into 职业 and 教育) that the document uses, by weight. A quoted title made of request
    words (“目标与实绩”比照) names the kind of account, not a subject."""
    subject = " ".join([brief.section, *brief.terms, *sorted(subjects_of(brief.topic))])
    words = [w for w in _longest(subject, weigh) if w not in REQUEST_WORDS]
    return weigh(_topic_words(words, place_words))


def _point_queries(point: str) -> list[str]:
    """A key point without the period it names ("“十四五”时期职业教育" → 职业教育), its halves when it joins two
    subjects with 与/和 ("体质监测与学校自评"), and the point as reports name an indicator it names in everyday words
    ("财政收入" → 一般公共预算收入: its words alone find "…与经济增长基本同步", not the growth itself)."""
    point = _PERIOD_WORDS.sub("", point) or point
    halves = [h for h in re.split(r"与|和|及", point) if len(h) >= 2]
    queries = [point, *halves] if len(halves) >= 2 else [point]
    return queries + [named for query in queries for named in as_reports_name(query)]


def _longest(text: str, weigh: Callable[[list[str]], dict[str, float]]) -> list[str]:
    """The query's words without those inside a longer one (中小学, not 中小: it would match 中小企业).

    Of a compound the document never uses, its modifier stands in when the document uses that:
    职业教育 → 职业 where a report writes 职业技术大学, 高等教育 → 高等. The modifier is what distinguishes
    it; the head (教育) is in every other line of a report and would take them all. Both must be words:
    中小学 is not 中小 + 学, and 中小 alone would take 中小企业.
    """
    terms = sorted(_words(text))  # in one order whatever the hash seed: ties of weight are broken by it
    used = weigh(terms)
    longest = [t for t in terms if not any(t != o and t in o for o in terms)]
    kept = []
    for term in longest:
        modifiers = [p for p in terms if p != term and term.startswith(p) and term[len(p) :] in terms and p in used]
        kept.append(term if term in used or not modifiers else max(modifiers, key=len))
    return kept


def _compound_heads(terms: list[str], subject: str, texts: list[str]) -> dict[str, set[str]]:
    """The subject's words that end a compound the request and the document both write as one, with those
    compounds: 管理 of 网格化管理 speaks of the subject only inside it ("改善社区管理条件" is another
    subject). The compound's first part still speaks of it alone (网格化, 托育 of 托育服务)."""
    written = "".join("".join(texts).split())
    bound: dict[str, set[str]] = {}
    for first in terms:
        for head in terms:
            compound = first + head
            if first != head and compound in subject and compound in written:
                bound.setdefault(head, set()).add(compound)
    return bound


def _place_words(doc: DocumentText) -> set[str]:
    names = {doc.meta.region or "", doc.meta.issuer or ""}
    return {w for name in names if name for w in tokenize(name)}


def _topic_words(words: list[str], place_words: set[str]) -> list[str]:
    """The words that say what a request is about: not the document's own place (every clause is about it),
    nor a number or a plan period (they say when, which the report's parts decide: "2025" or 十四五 would take
    every clause naming the year, 地区生产总值 as much as 学前教育), nor the kind of account asked ("蔬菜生产目标": a
    report states the target without the word, "全年蔬菜种植面积300万亩")."""
    return [
        w
        for w in words
        if w not in place_words and w not in ACCOUNT_WORDS and not w.isdigit() and not _PERIOD_WORDS.fullmatch(w)
    ]


def _has_figure(text: str) -> bool:
    from assistant.facts.numbers import find_numbers

    return any(m.kind == "quantity" for m in find_numbers(text))


def _wanted_periods(brief: Brief, doc_year: int | None) -> set[str]:
    """The parts of a government work report the request asks about: "year" (the year reviewed), "five"
    (the review of the past plan period), "plan"."""
    wanted = set()
    asked = without_left_out(brief.topic)  # "别掺入五年累计数" asks nothing of the five years
    if any(word in asked for word in QUESTION_PLAN) or any(
        s.end > s.start and doc_year and s.end < doc_year for s in periods(asked, doc_year)
    ):
        wanted.add("five")  # "过去五年", "“十四五”以来": the review of the past plan period
    if doc_year and brief.asked_years:
        if doc_year in brief.asked_years or any(y > doc_year for y in brief.asked_years):
            wanted.add("plan")
        if any(y < doc_year for y in brief.asked_years):
            wanted.add("year")
    else:
        wanted |= _parts_of(brief.periods)
    if brief.only_periods:  # "只写今年的部署" of a request that also mentions last year's results
        wanted &= _parts_of(brief.only_periods)
    return wanted or set(REPORT_PARTS)


def _parts_of(periods: frozenset[str]) -> set[str]:
    return {part for period in periods for part in _PARTS_OF[period]}


def _period(doc: DocumentText, offset: int) -> str:
    """Which part of a report an offset sits in, from its paragraph's time tag: "plan" (targets and plans,
    or a section that reviews and plans at once), "five" (a review of several years) or "year"."""
    temporal = doc.temporal_at(offset)
    start, end, as_of = temporal.start, temporal.end, report_year(doc.meta)
    if temporal.kind in (TARGET, PLAN) or (not temporal.kind and end is not None and as_of and end >= as_of):
        return "plan"
    if start is not None and end is not None and end > start:
        return "five"
    return "year"


def _words(text: str) -> set[str]:
    """The text's words, with the subjects it names or speaks of through narrower words (高职 → 职业教育)."""
    return set(tokenize(text)) | subjects_of(text)


def _rarity(documents: list[set[str]]) -> Callable[[str | list[str]], dict[str, float]]:
    """Term weights for a query: length times how rare the term is among the document's clauses."""
    frequency: dict[str, int] = {}
    for words in documents:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    total = len(documents) + 1

    def weigh(text: str | list[str]) -> dict[str, float]:
        """Weights of a text's words (or of given terms) that occur in the document."""
        terms = dict.fromkeys(tokenize(text) if isinstance(text, str) else text)  # in order: ties break alike
        return {t: len(t) * (math.log(total / (frequency[t] + 1)) + 0.5) for t in terms if t in frequency}

    return weigh


def _cover(terms: dict[str, float], words: set[str]) -> float:
    return sum(w for t, w in terms.items() if t in words) / (sum(terms.values()) or 1)


def with_layer(fact: Fact, layer: int) -> Fact:
    return replace(fact, layer=layer)
