"""What a passage is about in time: the period it speaks of and the kind of statement it makes.

A 2026 government work report reviews 2025 (工作回顾: results), sets 2026 targets (主要预期目标)
and five-year goals (“十五五”时期, 年均增长); a law states rules. The same indicator appears in
all of them with different figures, so every passage is tagged when it is split, from

- the document: its type and year (a law or notice states rules, a 述职报告 reviews its own year);
- the section it sits in: headings and heading-like lines (工作回顾, 2026年重点工作, “十五五”时期…);
- the lead of its paragraph (过去一年, 刚刚过去的2025年, 今年, “十五五”时期…);

and a sentence is refined by its own lead and markers (预期目标, 力争; 年均). A period that ended
before the report was written is a result; the report's own year is a target; a span reaching
past it is a plan. The question's intent is read with the same words (:func:`question_intent`),
and :func:`temporal_fit` says how well a passage's tag matches it.

Every word list lives here, once; numerals and years are read by :mod:`assistant.facts.numbers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.numbers import find_numbers, parse_figure
from assistant.text.lexicon import words
from assistant.text.numerals import ITEM_NUMERALS
from assistant.text.sentences import CLAUSE_STOPS, STOPS
from assistant.text.terms import DIRECTION_WORDS
from assistant.text.years import RELATIVE_YEARS
from assistant.types import ACTUAL, PLAN, RULE, TARGET, DocMeta, Temporal

# Which rules tagged a stored passage: a document tagged by older rules is split again when it is next indexed
# (its embeddings come from the cache), so a change to the rules reaches documents already indexed.
TAGGER_VERSION = 3

# Document types whose text is rules or requirements, and those that look back on their own year.
RULE_TYPES = frozenset(("法律", "意见", "方案", "指引", "通知"))
RETROSPECTIVE_TYPES = frozenset(("述职报告", "工作总结"))
# Documents written at the start of their year: they review the year before and set this year's targets.
FORWARD_TYPES = frozenset(("政府工作报告",))
_AS_OF_OWN_YEAR = FORWARD_TYPES | RULE_TYPES  # documents that speak from their own year

# Spans of the past named without years: the five years before the report.
PAST_SPANS = ("过去五年", "五年来", "过去的五年", "这五年")
# A five-year plan by its number: “十四五” (14th, 2021—2025), 第十五个五年规划 (15th, 2026—2030).
_PLAN_NAME = re.compile(
    r"[“\"]十([一二三四五六七八九]?)五[”\"]|十([一二三四五六七八九])五(?=时期|规划|期间|以来|末|开局|收官|发展)"
    r"|第十([一二三四五六七八九]?)个五年"
)

# Section headings: the words that mark a look back, and those that mark a plan of work.
REVIEW_WORDS = ("回顾", "成就", "总结", "成绩", "完成情况")
PLAN_WORDS = ("目标", "任务", "安排", "重点工作", "总体要求", "主要考虑", "举措", "规划", "民生实事")
# Sentence markers of a statement about the future: a target, a plan.
FORWARD_MARKERS = ("预期目标", "主要目标", "预期", "力争", "争取", "目标是", "目标为")
# A figure averaged over several years ("年均增长5%", "年均新增就业30万人"): a plan's (or a review's) span,
# never one year's. Not every 年均 is one: an environmental measure's 年均 ("细颗粒物年均浓度") is one year's
# average over its days.
AVERAGE_RATE = re.compile(r"年均(?!浓度|气温|温度|降水|降雨|风速|日照)")
# Markers of a figure over a whole span ("累计106万人", "较“十三五”末增加"); in a review of several years a
# sentence without one (or an average rate) states a level at the span's end ("地区生产总值达到1.37万亿元").
CUMULATIVE_MARKERS = ("累计", "五年", "翻番", "末", "以来", "期间")
# A move from one level to another ("从3.1万元增长到4.2万元", "由120辆增至860辆"): the span's change, and the
# level at its end, which answers a question about the span's last year unless it asks how much things moved.
FROM_TO = re.compile(r"(?:从|由)[^，,。；;]{1,40}?(?:到|至)")
# A flow ("新增就业41万人", "新建公园12个"): in a review of several years it is the span's sum, not the last year's,
# though the report does not write 累计.
FLOW_WORDS = words("flow_words.txt")
# Work done within a period is a flow too ("完成植树造林860万亩", "完成水利投资120亿元": the statistical 完成额, as
# in 固定资产投资完成额): 完成 with an amount in its clause, not its rate (完成率) nor a task done ("圆满完成防汛保障任务",
# which says nothing of the figures beside it). Read in a report's sentences only: a question's 完成
# ("地区生产总值完成多少") is loose usage for what was reached.
DONE_AMOUNT = re.compile(r"完成(?!率)[^，,。；;]*?\d")
# A move by an amount ("压减燃煤消费量800万吨", "减少贫困人口12万人", "提高200元"), not by a rate ("增长5%") nor to a
# level ("提高到93%"): how much things changed within the period, which in a review of several years is the
# span's change, not the last year's.
MOVED_AMOUNT = re.compile(
    rf"(?:{'|'.join(DIRECTION_WORDS)})(?![到至])[^，,。；;到至达为是%％]{{0,12}}?\d+(?:\.\d+)?(?![\d.])(?!\s*(?:%|％|个?百分点|倍|成))"
)
DONE_MARKERS = ("完成", "实现", "达到", "突破", "同比", "比上年")

# What a question asks for, in the same terms (Chinese and English).
QUESTION_PLAN = ("五年", "five-year", "five year")
_PLAN_NUMBER_EN = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\s+five-?\s?year", re.I)
QUESTION_TARGET = (
    "预期",
    "目标",
    "计划",
    "力争",
    "打算",
    "拟",
    "要达到",
    "要实现",
    "target",
    "goal",
    "expected",
    "plan to",
    "planned",
    "aim",
)
QUESTION_ACTUAL = ("实际", "完成了", "实现了", "达到了", "完成", "actual", "achieved", "in fact")
QUESTION_RULE = ("规定", "应当", "不得", "可以", "法》", "条例", "是否允许", "require", "law", "allowed")

_BY = ("到", "至")
# Words of a question that say when or what kind, not what is counted ("实际达到多少人": 人 of 就业, not of 实际).
INTENT_WORDS = frozenset(w for w in QUESTION_TARGET + QUESTION_ACTUAL + ("预期目标", "增长目标") if not w.isascii())
_LEAD = re.compile(r"[^，,。；;：:！？!?]{0,30}")
_HEADING_LIKE_MAX = 40
_FIELD = re.compile(r"[^：:，,。“”\s]{1,6}[：:]\s*\S")  # "时间：2026-02-06", "来源：重庆日报"
# a lead sentence that only says what a year is ("2025年是“十四五”收官之年")
_MILESTONE = re.compile(r"是[^，,。；;]{0,30}(?:之年|的一年)$")
_SALUTATION = 6  # a first clause this short ("各位代表") says nothing of time: the next one is read too


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    at: int  # where in the text it is named


def plan_span(number: int) -> tuple[int, int]:
    """The years of the ``number``-th five-year plan (the 6th, 1981—1985, onwards): 14 → 2021—2025."""
    start = 1951 + 5 * number
    return start, start + 4


def plan_name(start: int, end: int) -> str:
    """The five-year plan that ``start``..``end`` is, by its name: 2021—2025 → 十四五; "" for other spans."""
    number, rest = divmod(start - 1951, 5)
    if rest or end != start + 4 or not 11 <= number <= 19:
        return ""
    return f"十{ITEM_NUMERALS[number - 11]}五"


def _plan_number(match: re.Match[str]) -> int:
    digit = next((g for g in match.groups() if g is not None), "")
    value = parse_figure(digit) if digit else None
    return 10 + (int(value.value) if value is not None else 0)


def periods(text: str, as_of: int | None) -> list[_Span]:
    """Every period ``text`` names, in order: years, five-year plans, and (given the year ``as_of`` the
    text was written in) words like 今年, 去年, 过去五年."""
    found = []
    for m in find_numbers(text):
        if m.kind != "date" or m.unit != "年" or "月" in m.text:  # 2026年1月27日 is a day, not a period
            continue
        start, end = int(m.value), int(m.upper or m.value)
        if as_of is not None and text.endswith(_BY, 0, m.start) and as_of < start:
            start = as_of  # "到2030年": the years from now until then
        found.append(_Span(start, end, m.start))
    found += [_Span(*plan_span(_plan_number(m)), m.start()) for m in _PLAN_NAME.finditer(text)]
    if as_of is not None:
        found += [
            _Span(as_of + shift, as_of + shift, m.start())
            for word, shift in RELATIVE_YEARS.items()
            for m in re.finditer(word, text)
        ]
        found += [_Span(as_of - 5, as_of - 1, m.start()) for word in PAST_SPANS for m in re.finditer(word, text)]
    return sorted(found, key=lambda span: span.at)


def report_year(meta: DocMeta) -> int | None:
    """The year from which a document looks: a review of 2025 (述职报告) is written as of 2026, a
    government work report of 2026 in 2026. None for a document of no known kind (a statistics sheet,
    an 执行情况 report): its year says what it is about, not when it looks forward from, so its own
    year's figures are not taken for targets."""
    if meta.year is None:
        return None
    if meta.doc_type in RETROSPECTIVE_TYPES:
        return meta.year + 1
    return meta.year if meta.doc_type in _AS_OF_OWN_YEAR else None


def kind_of(start: int, end: int, as_of: int | None, forward: bool = False) -> str:
    """A period before the report's year is a result; its own year a target; a span past it a plan."""
    if as_of is None:
        return (PLAN if end > start else TARGET) if forward else ""
    if end < as_of and not forward:
        return ACTUAL
    if start >= as_of or forward:
        return PLAN if end > start else TARGET
    return ACTUAL  # a span that ends in the report's year, looked back on ("十四五"时期 in a 2025 review)


def document_temporal(meta: DocMeta) -> Temporal:
    """What a whole document is about before its sections say more."""
    if meta.doc_type in RULE_TYPES:
        return Temporal(None, None, RULE) if meta.doc_type == "法律" else Temporal(meta.year, meta.year, RULE)
    if meta.doc_type in RETROSPECTIVE_TYPES and meta.year:
        return Temporal(meta.year, meta.year, ACTUAL)
    return Temporal()


def heading_temporal(line: str, meta: DocMeta) -> Temporal | None:
    """A heading's period and kind ("2025年工作回顾", "“十五五”时期主要目标任务"); None when it names neither."""
    as_of = report_year(meta)
    if meta.doc_type in RULE_TYPES or as_of is None:
        return None
    spans = periods(line, meta.year)
    review = any(word in line for word in REVIEW_WORDS)
    forward = not review and any(word in line for word in PLAN_WORDS)
    if review and spans and max(s.end for s in spans) >= (as_of or 0):
        # "“十四五”时期发展成就和“十五五”时期主要目标任务": both; the paragraphs' leads tell them apart
        return Temporal(min(s.start for s in spans), max(s.end for s in spans), "")
    if review:
        start, end = (min(s.start for s in spans), max(s.end for s in spans)) if spans else (as_of - 1, as_of - 1)
        return Temporal(start, end, ACTUAL)
    if spans:  # "“十五五”时期主要目标和2026年重点工作": the last period named is what the work below is for
        start, end = spans[-1].start, spans[-1].end
    elif forward:
        start = end = as_of
    else:
        return None
    return Temporal(start, end, kind_of(start, end, as_of, forward))


def _lead_clause(text: str, at: int = 0) -> str:
    """The words from ``at`` up to the next clause mark ("" when a mark stands there: the pattern matches empty)."""
    match = _LEAD.match(text, at)
    return match.group() if match else ""


def lead_temporal(text: str, meta: DocMeta) -> Temporal | None:
    """What the first clause of a paragraph or sentence says about its time ("过去一年，…",
    "今年经济社会发展主要预期目标是", "到2030年，…"), or None."""
    if meta.doc_type in RULE_TYPES:
        return None
    text = text.lstrip("——　 ")  # noqa: B005 (any of these characters: dashes and spaces before the lead)
    clause = _lead_clause(text)
    if len(clause) <= _SALUTATION and len(text) > len(clause) + 1:  # "各位代表，刚刚过去的2025年…"
        clause += text[len(clause)] + _lead_clause(text, len(clause) + 1)
    as_of = report_year(meta)
    spans = [s for s in periods(clause, meta.year) if s.at <= 12]
    forward = any(marker in clause for marker in FORWARD_MARKERS) or clause.startswith("到")
    if not spans:
        return None
    first = spans[0]
    if _MILESTONE.search(clause) and text[len(clause) : len(clause) + 1] in STOPS and not forward:
        # "2025年是“十四五”收官之年。五年来，…": the year introduces the span the paragraph reviews
        after = _lead_clause(text, len(clause) + 1)
        wider = [s for s in periods(after, meta.year) if s.at <= 12 and s.end > s.start]
        if wider:
            first = wider[0]
    return Temporal(first.start, first.end, kind_of(first.start, first.end, as_of, forward))


def is_heading_like(line: str) -> bool:
    """A short line without a sentence end that names a period or a section word: a heading the
    numbering did not mark ("“十四五”时期工作回顾", "2026年重点工作"); not a field of the masthead
    ("时间：2026-02-06", "来源：福建日报"), whose date would pass for the period of all that follows."""
    line = line.strip()
    return (
        0 < len(line) <= _HEADING_LIKE_MAX
        and not any(c in CLAUSE_STOPS for c in line)
        and not line.endswith(("：", ":"))
        and not _FIELD.match(line)
    )


class Tracker:
    """Walks a document's lines in order and says what each paragraph is about.

    Headings set the context of their level (a heading-like line sets it for everything
    below); a paragraph's lead overrides it for that paragraph, and in a review of several
    periods for what follows too (:meth:`_narrow`).
    """

    def __init__(self, meta: DocMeta) -> None:
        self.meta = meta
        self._base = document_temporal(meta)
        self._levels: dict[float, Temporal] = {}  # heading level → its tag; level + 0.5: a lead narrowing it
        self._depth: float = -1  # the level of the last heading line

    def heading(self, line: str, level: int | None) -> Temporal:
        """A heading line at ``level`` (None: a heading-like line above all levels)."""
        tagged = heading_temporal(line, self.meta)
        if level is None:
            if tagged is not None:
                self._levels, self._depth = {-1: tagged}, -1
            return self.current
        self._depth = level
        self._levels = {lv: t for lv, t in self._levels.items() if lv < level}
        if tagged is not None and not self._describes_review(line, tagged):
            self._levels[level] = tagged
        return self.current

    def _describes_review(self, line: str, tagged: Temporal) -> bool:
        """A sub-heading of a review whose plan word names no period of its own ("（一）锚定目标攻坚，经济发展
        实现逆势而上" under "一、2024年工作回顾") says how the work was done, not what is planned."""
        forward = tagged.kind in (TARGET, PLAN)
        return forward and self.current.kind == ACTUAL and not periods(line, report_year(self.meta))

    def paragraph(self, line: str) -> Temporal:
        lead = lead_temporal(line, self.meta)
        if lead is None:
            return self.current
        self._narrow(lead)
        return lead

    def _narrow(self, lead: Temporal) -> None:
        """Under a heading that reviews several periods ("一、2025年和“十四五”时期工作回顾"), a paragraph
        opening with one of them ("刚刚过去的2025年，…", "这五年，…") speaks for the paragraphs and items
        after it as well, until another such lead or the next heading of that level. Only a paragraph right
        under the heading: a year that opens a paragraph inside an item ("2023年，成功举办…") is that
        paragraph's alone. Under a numbered heading that names no period ("一、一年接着一年干，…取得新进展"),
        a paragraph right under it that opens with a period says what the section is about ("2025年是…收官之年。一年来，…")."""
        if self._depth not in self._levels:
            if self._depth >= 0:
                self._levels[self._depth + 0.5] = lead
            return
        wide = self._levels[self._depth]
        if wide.kind not in (ACTUAL, "") or wide.start is None or wide.end is None or wide.start >= wide.end:
            return
        lead_end = lead.end if lead.end is not None else lead.start
        if lead.start is not None and lead_end is not None and wide.start <= lead.start <= lead_end <= wide.end:
            self._levels[self._depth + 0.5] = lead

    @property
    def current(self) -> Temporal:
        if not self._levels:
            return self._base
        return self._levels[max(self._levels)]


def sentence_temporal(
    sentence: str, passage: Temporal, meta: DocMeta, change: bool = False, asked: str | None = None
) -> Temporal:
    """A sentence's own time: its lead's period ("今年…预期目标", "到2030年"), else the passage's, turned
    into a target or plan by a marker (预期目标, 力争); in a review of several years, a level at the
    span's end unless it says it sums or averages the span (累计, 年均), states a flow, which sums it too
    (新增就业452万人 over five years), or it moves from one level to another and what is asked (``change``)
    is how much. Whether it states a flow is read in ``asked``, the clauses of the figure asked about, where
    known: a level in the same sentence ("人均公园绿地面积达到15平方米，新建公园12个") is still the last year's."""
    own = lead_temporal(sentence, meta)
    if own is not None:
        return own
    if meta.doc_type in RULE_TYPES or passage.start is None:
        return passage
    as_of = report_year(meta)
    end = passage.end if passage.end is not None else passage.start
    done_first = _first_at(sentence, DONE_MARKERS)
    forward_at = _first_at(sentence, FORWARD_MARKERS)
    if forward_at < len(sentence) and not done_first < forward_at and passage.kind == ACTUAL:
        return Temporal(passage.start, end, kind_of(passage.start, end, as_of, True))
    if (
        passage.kind == ACTUAL
        and end > passage.start
        and not (states_span(sentence, change) or states_flow(asked or sentence))
    ):
        return Temporal(end, end, ACTUAL)
    return passage


def sums_span(sentence: str) -> bool:
    """Whether a sentence's figure is no single year's: a sum, a change since, an average rate."""
    return bool(AVERAGE_RATE.search(sentence)) or any(marker in sentence for marker in CUMULATIVE_MARKERS)


def states_flow(sentence: str) -> bool:
    """Whether a sentence states a flow, what was added, done or moved by within its period ("新增就业41万人",
    "完成造林12万亩", "压减燃煤消费量800万吨"), not a level."""
    return asks_flow(sentence) or bool(DONE_AMOUNT.search(sentence) or MOVED_AMOUNT.search(sentence))


def asks_flow(question: str) -> bool:
    """Whether a question asks a flow, what was added within a period ("新增了多少个"), in the words reports
    mark a flow by."""
    return any(word in question for word in FLOW_WORDS)


def moves_between_levels(sentence: str) -> bool:
    """Whether a sentence states a move from one level to another (从…到…, 由…增至…)."""
    return bool(FROM_TO.search(sentence))


def states_span(sentence: str, change: bool = False) -> bool:
    """Whether a sentence's figure is the span's, not its last year's: a sum or an average over it, or, for a
    question asking how much something moved (``change``), a move from one level to another."""
    return sums_span(sentence) or (change and moves_between_levels(sentence))


def is_cumulative(sentence: str) -> bool:
    """Whether a sentence states a figure of a whole span: a sum, a change since, an average rate, a move
    from one level to another (the span's change, whatever is asked)."""
    return states_span(sentence, change=True)


def _first_at(text: str, words: tuple[str, ...]) -> int:
    return min((at for word in words if (at := text.find(word)) >= 0), default=len(text))


def question_intent(question: str, years: tuple[int, ...] = ()) -> tuple[str, bool]:
    """The kind of statement a question wants and whether it says so in words.

    "2025年…实际完成了多少" wants a result, "2026年…预期目标" a target, "“十五五”规划…要达到" a
    plan, "…法规定…" a rule. A question about a year that says none of these wants the result
    ("到“十四五”末…达到多少" too: a plan's name alone is a period, not a plan).
    """
    lowered = question.lower()
    multi_year = any(word in lowered for word in QUESTION_PLAN) or bool(_PLAN_NAME.search(question))
    if any(word in lowered for word in QUESTION_TARGET) or "规划" in question or AVERAGE_RATE.search(question):
        return (PLAN if multi_year else TARGET), True
    if any(word in lowered for word in QUESTION_ACTUAL):
        return ACTUAL, True
    if any(word in lowered for word in QUESTION_RULE):
        return RULE, True
    return (ACTUAL, False) if years or multi_year else ("", False)


def question_periods(question: str) -> tuple[int, ...]:
    """Years a question names through a five-year plan ("“十四五”时期" → 2021…2025)."""
    spans = [plan_span(_plan_number(m)) for m in _PLAN_NAME.finditer(question)]
    spans += [plan_span(int(m.group(1))) for m in _PLAN_NUMBER_EN.finditer(question)]
    return tuple(sorted({year for start, end in spans for year in range(start, end + 1)}))


# How much each part of a match counts, and what a mismatch costs (see temporal_fit).
PERIOD_MATCH, PERIOD_SPAN_MATCH, PERIOD_MISMATCH = 0.5, 0.25, -0.5
KIND_MATCH, KIND_NEAR, KIND_MISMATCH = 0.5, -0.3, -1.0
ASSUMED_INTENT = 0.5  # an intent the question does not state counts half
OFF_TIME = -1.0  # a sentence fitting this badly (the wrong kind of statement, or the wrong year) cannot answer


def temporal_fit(years: tuple[int, ...], intent: str, stated: bool, tag: Temporal, exact: bool = False) -> float:
    """How well a passage or sentence tagged ``tag`` fits a question (-1.5..1; 0: no evidence).

    Its period must hold the years asked (a passage about a span holding them counts less than
    one about the year itself; an ``exact`` tag, a sentence's, about a longer span states another
    figure, "累计106万人" for 2021—2025 is no year's, and cannot answer), and its kind must be the one
    wanted (a target for a plan is a near miss).
    """
    score = 0.0
    if years and tag.start is not None:
        low, high = min(years), max(years)
        end = tag.end if tag.end is not None else tag.start
        if tag.start <= low and high <= end:
            wider = end - tag.start > high - low
            if wider and exact and low == high:
                return OFF_TIME  # a sum or a span's change ("累计106万人", "从2020年…到2025年") is no year's figure
            score += (PERIOD_MISMATCH if exact else PERIOD_SPAN_MATCH) if wider else PERIOD_MATCH
        elif end < low or tag.start > high:
            if exact:
                return OFF_TIME  # a sentence of another year's review or plan states that year's figure
            score += PERIOD_MISMATCH
    if intent and tag.kind and RULE not in (intent, tag.kind):
        if intent == tag.kind:
            part = KIND_MATCH
        elif {intent, tag.kind} == {TARGET, PLAN}:
            part = KIND_NEAR
        else:
            part = KIND_MISMATCH
            if exact and stated and {intent, tag.kind} == {ACTUAL, TARGET}:
                return OFF_TIME  # "实际完成了多少" asked in words: a year's target is no answer, nor the reverse
        score += part if stated else ASSUMED_INTENT * part
    return score
