"""Small frozen records that travel between the layers (no dicts, no tuples)."""

from __future__ import annotations

from dataclasses import dataclass, field

# The kinds of statement a Temporal names (read by assistant.ingest.temporal), and their labels.
ACTUAL, TARGET, PLAN, RULE = "actual", "target", "plan", "rule"
KIND_NAMES = {ACTUAL: "实际", TARGET: "年度目标", PLAN: "规划目标", RULE: "规定"}


@dataclass(frozen=True)
class DocMeta:
    """Facts about a document parsed from its title, file name and text."""

    year: int | None = None
    region: str | None = None
    issuer: str | None = None
    doc_type: str | None = None


@dataclass(frozen=True)
class Temporal:
    """What a passage (or sentence) is about in time: a period and the kind of statement.

    ``start``..``end`` are years (one year: equal; unknown: None). ``kind`` is one of
    ``actual`` (a result, a review), ``target`` (a year's target or work plan), ``plan``
    (a multi-year plan or goal), ``rule`` (a law's or notice's requirement), or "" (unknown).
    See :mod:`assistant.ingest.temporal`.
    """

    start: int | None = None
    end: int | None = None
    kind: str = ""

    @property
    def known(self) -> bool:
        return self.start is not None or bool(self.kind)

    @property
    def label(self) -> str:
        """ "2025年 · 实际", "2026—2030年 · 规划目标", "规定"; "" when nothing is known."""
        if self.start is None:
            period = ""
        elif self.end is None or self.end == self.start:
            period = f"{self.start}年"
        else:
            period = f"{self.start}—{self.end}年"
        return " · ".join(part for part in (period, KIND_NAMES.get(self.kind, "")) if part)


@dataclass(frozen=True)
class PageSpan:
    """Characters ``start``..``end`` of the cleaned text come from page ``number`` (1-based)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class FileInfo:
    """How a document was read: its format, pages, the pages read by OCR, tables found."""

    format: str = ""
    pages: int = 0
    ocr_pages: tuple[int, ...] = ()
    tables: int = 0


@dataclass(frozen=True)
class Document:
    """A loaded and cleaned document, ready to split.

    ``text`` is the cleaned text every offset refers to; ``raw_text`` is the text as
    the loader read it, and ``raw_offsets[i]`` is where cleaned character ``i`` sits
    in ``raw_text`` (so a citation can always be traced to the original).
    """

    name: str  # file name, the document's id inside a knowledge base
    path: str
    title: str
    text: str
    raw_text: str
    raw_offsets: tuple[int, ...] = ()
    pages: tuple[PageSpan, ...] = ()
    meta: DocMeta = field(default_factory=DocMeta)
    content_hash: str = ""
    info: FileInfo = field(default_factory=FileInfo)


@dataclass(frozen=True)
class Chunk:
    """A passage of a document with everything a citation needs."""

    doc: str  # Document.name
    index: int  # position in the document
    text: str
    heading_path: tuple[str, ...]
    start: int  # span in Document.text
    end: int
    pages: tuple[int, ...] = ()
    title: str = ""
    meta: DocMeta = field(default_factory=DocMeta)
    info: FileInfo = field(default_factory=FileInfo)  # the document's, carried by each of its chunks

    @property
    def ocr(self) -> bool:
        """Whether the passage was read by OCR from a scan (its figures deserve a second look)."""
        return any(page in self.info.ocr_pages for page in self.pages)

    temporal: Temporal = field(default_factory=Temporal)  # the period and kind of statement it is about

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.index}"

    @property
    def section(self) -> str:
        return " > ".join(self.heading_path)


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not tried (unknown format, temporary or system file), and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class LoadFailure:
    """A file that could not be indexed, and why, in words a user understands."""

    path: str
    error: str


@dataclass(frozen=True)
class Figure:
    """One figure stated in a document: the row of the figure table.

    ``value`` is as written ("1.2万", "4.5%—5%", "200余"); ``normalized`` is a
    comparable number (1.2万 → 12000.0; for a range the lower bound) and ``upper`` the
    range's upper bound. ``qualifier`` keeps 余/超过/不少于/约 so "200余" never reads as 200.
    ``start``/``end`` are the figure's span inside ``sentence``.
    """

    value: str
    normalized: float | None
    unit: str
    indicator: str
    sentence: str
    start: int
    end: int
    upper: float | None = None
    qualifier: str = ""
    subject: str = ""
    period: str = ""


@dataclass(frozen=True)
class FigureRecord:
    """A figure with where it stands: a row of a knowledge base's figure table.

    ``sentence_start``/``sentence_end`` locate ``figure.sentence`` in the cleaned
    ``Document.text`` (-1 when it could not be located); ``score`` is the match of
    the query that found the record (0..1).
    """

    figure: Figure
    doc: str
    title: str = ""
    heading_path: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    year: int | None = None
    region: str | None = None
    chunk_id: str = ""
    sentence_start: int = -1
    sentence_end: int = -1
    score: float = 0.0
    ocr: bool = False  # the passage was read from a scan by OCR
    about: str = ""  # the period and kind of statement of its sentence: "2025年 · 实际", "2026年 · 年度目标"

    @property
    def section(self) -> str:
        return " > ".join(self.heading_path)

    @property
    def page(self) -> int | None:
        """The first page of the passage the figure is in (None for files without pages)."""
        return self.pages[0] if self.pages else None


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk and why: fused score and its rank in each retriever (None: not found)."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    keyword_rank: int | None = None


@dataclass(frozen=True)
class Constraints:
    """What a question says of the documents it means (``assistant.query.constraints``)."""

    years: tuple[int, ...] = ()  # years the question mentions
    doc_years: tuple[int, ...] = ()  # years that name the document ("2026年…政府工作报告")
    places: tuple[str, ...] = ()  # core place names (北京, 天河) the question names
    doc_types: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # document names the question quotes or contains
    localities: tuple[str, ...] = ()  # places with their suffix below the places above (苏州市 of 江苏)
    # ports, airports and zones the question names (黑石港); of an English question, the place's name as pinyin
    # ("heishi" of "Heishi Port")
    facilities: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.years or self.places or self.doc_types or self.titles)


@dataclass(frozen=True)
class Query:
    """A question as parsed once where it enters (``assistant.query.parse_query``); later steps read it.

    ``years`` are the years asked about, ``doc_years`` those that name the report cited
    ("据2025年…政府工作报告"). ``intent`` is the kind of statement wanted (actual, target,
    plan, rule; "" unknown), ``stated`` whether the question says so in words ("实际",
    "预期目标") rather than by default. ``unit``/``ratio``/``subject`` are what a numeric
    question expects (多少所学校: 所, 学校). ``translation`` is a Chinese rendering of an
    English question when the LLM made one. ``terms`` are the words sentences are matched on
    (the report's name left out: it says which passage, not which sentence; a question's bare numbers too); ``quantitative``
    says the question is about a quantity (多少, 比例, 增长…), so a sentence stating one ranks higher.
    ``constraints`` are the years, places, kinds and names of documents it names, which retrieval
    weighs documents by.
    """

    text: str
    language: str = "zh"
    years: tuple[int, ...] = ()
    doc_years: tuple[int, ...] = ()
    intent: str = ""
    stated: bool = False
    unit: str = ""
    ratio: bool = False
    subject: tuple[str, ...] = ()
    translation: str | None = None
    numeric: bool = False  # it asks 多少/几: the answer must state a number
    change: bool = False  # it asks how much something moved ("增长多少"): a level does not answer
    stock: bool = False  # it asks a level at a point in time ("截至…底…总数"): a flow (新增…) does not answer
    flow: bool = False  # it asks what was added ("新增了多少"): a level reached (…增至…) does not answer
    count: bool = False  # it asks how many of a thing ("how many visits"): a rate (增长40.5%) does not answer
    # other names the question gives the thing asked, in brackets ("午托名额（学生午休床位）"): each its words
    aliases: tuple[tuple[str, ...], ...] = ()
    terms: frozenset[str] = frozenset()
    # the terms naming the kind of thing a 哪 question asks for (哪项全国性体育赛事: the answer names one,
    # 中国学生运动会, seldom its kind): a sentence need not cover them
    kind: frozenset[str] = frozenset()
    # the terms writing the unit asked (多少万千瓦时): a sentence states it in its own writing (输出12万度), so
    # need not cover them either
    unit_words: frozenset[str] = frozenset()
    quantitative: bool = False
    constraints: Constraints = Constraints()

    @property
    def english(self) -> bool:
        return self.language == "en"


@dataclass(frozen=True)
class Citation:
    """Passage ``n`` of an answer: the chunk it quotes."""

    n: int
    chunk: Chunk


@dataclass(frozen=True)
class FigureCheck:
    """A figure an answer states, and what it was matched to.

    ``verified``: a cited passage states this value, in the same unit class, for the same
    quantity (the noun the answer binds the figure to, or for a bare figure the quantity the
    question asks: "4" for 多少所学校 is not verified by 组建4个教育集团). ``measured`` is
    what the figure counts in that passage ("教育集团"), ``unit`` its canonical unit, and
    ``asked`` whether that is the quantity the question asks (None: the question names none).
    """

    text: str
    verified: bool
    citation: int | None = None
    unit: str = ""
    measured: str = ""
    asked: bool | None = None


@dataclass(frozen=True)
class Answer:
    question: str
    standalone_question: str
    text: str
    refused: bool
    mode: str  # "fast" or "llm"
    citations: tuple[Citation, ...] = ()
    figures: tuple[FigureCheck, ...] = ()
    notice: str = ""  # e.g. why the fast mode answered instead of the LLM


@dataclass(frozen=True)
class OutlineSection:
    """A heading of a draft's outline and the passages ([n]) gathered for it."""

    heading: str
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A drafted section, or in fast mode its material pack, with verified citations.

    ``figures`` checks every figure of ``text``; one no cited passage contains is
    marked 【待核实：…】 in ``text`` and has ``verified=False``. ``inputs`` are the
    template inputs used (unit, role, year, section, points, length, tone).
    """

    template: str
    title: str
    topic: str
    mode: str  # "llm" or "fast"
    text: str
    outline: tuple[OutlineSection, ...] = ()
    citations: tuple[Citation, ...] = ()
    figures: tuple[FigureCheck, ...] = ()
    inputs: tuple[tuple[str, str], ...] = ()
    notice: str = ""


@dataclass(frozen=True)
class Token:
    """A piece of an answer or draft as the LLM writes it."""

    text: str


@dataclass(frozen=True)
class Final:
    """The verified answer; always the last event of an answer's stream."""

    answer: Answer


@dataclass(frozen=True)
class Stage:
    """What the drafting pipeline is doing (retrieving, writing); for a progress line."""

    message: str


AnswerEvent = Token | Final
DraftEvent = Stage | Token | Draft
