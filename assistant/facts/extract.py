"""The figure table: every figure a document states, with what it measures and when.

Users ask for "the number", so each figure becomes a row that says what it counts
(indicator), for whom (subject) and for which period, with the sentence it came from.
The numerals themselves are read by :mod:`assistant.facts.numbers`; this module only
decides which of them are figures and what they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.facts.numbers import NumberMention, find_numbers, parse_figure
from assistant.ingest.formats.tables import Row, is_number, parse_row
from assistant.text.numerals import ITEM_NUMERALS, PART_NUMBER
from assistant.text.places import REGION_NAME, REGION_WORDS
from assistant.text.pos import NOUN_TAGS
from assistant.text.segment import tag
from assistant.text.sentences import clauses
from assistant.text.units import COUNTERS
from assistant.types import Figure

_CLAUSE_BREAK = frozenset("，,：:；;（）()")
_HEADING = re.compile(rf"\s*(?:{PART_NUMBER}|第[{ITEM_NUMERALS}]+(?:部分|章))")
_PERIOD_WORD = re.compile(
    r"今年|去年|全年|上年|明年|当年|(?<![\d〇一二三四五六七八九十两])年内|本年度|上半年|下半年|前三季度|[一二三四]季度"
    r"|“?十[一二三四五六]五”?(?:时期|期间|以来)"
)
_TARGET = re.compile(r"预期目标|主要目标|目标|力争|争取|预计|安排|计划")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”")
_DONE = re.compile(r"实现|完成|达到|累计|同比|比上年|已")
_LEAD = re.compile(
    r"^(?:[、，,和及与并或]|第[一二三四五六七八九十百零〇\d]+条|以及|其中|同时|此外|另外|累计|共计|合计|总计|全年|今年|去年|上年"
    r"|当年|年内|首先|其次|最后|[一二三四五六七八九十]是)+"
)
# A level reached ("从3.1万元增长到4.2万元", "由120辆增至860辆"): the figure measures what the one before it
# did, not its growth, which a bare verb without 到/至 borrows ("800亿元、增长6.1%").
_REACHED = re.compile(r"(?:到|至)\s*$")
_TRAIL = re.compile(r"(?:累计|达到|达|为|是|至|到|在|了|共|计|有|约|从|由|的)+$")
# Words that say how a figure changed or compares, not what it measures ("地区生产总值增长" measures 生产总值).
CHANGE_WORDS = frozenset(
    "增长 增加 下降 提高 提升 减少 降低 达到 实现 完成 累计 新增 突破 超过 比重 占比 较 比".split()
)
_COMPARE = ("高于", "低于", "占", "比", "于", "超过")
_NOUNISH = (*NOUN_TAGS, "an")  # and adjectival nouns ("安全" in 安全生产)
_MAX_INDICATOR = 20
# Raise when a change alters the records extracted from the same text: figure tables written by an
# older extractor are extracted again from the stored passages when a knowledge base next opens.
# 2: a figure leading its clause is about the noun after 的 ("5.5%左右的预期增长目标").
# 3: what a figure is about in time (``about``): a document of no known kind has no report year.
# 4: more classifiers count (颗, 枚, 口 … in text/data/count_units.txt): "遥感卫星增至60颗" is a figure.
# 5: the level a move reaches ("从…增长到4.2万元") measures what the level it left did, not its growth.
# 6: a flow in a review of several years (新增就业452万人 over five) is about the span, not its last year.
EXTRACTOR_VERSION = 6
_YEAR_WORD = re.compile(r"((?:19|20)\d{2})年(?:度|末|底)?")


@dataclass(frozen=True)
class _Token:
    word: str
    flag: str
    start: int
    end: int


@lru_cache(maxsize=20_000)
def sentence_figures(text: str) -> tuple[Figure, ...]:
    """:func:`extract_figures` of a sentence, cached: answering reads the same sentences again and again (to rank,
    to check what is asked, to bind and verify a figure)."""
    return tuple(extract_figures(text))


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, sentence by sentence, in document order.

    Dates, years used as periods, list and article numbers, document numbers and
    phone numbers are left out: they are where and when, not how many. A table row
    (see :mod:`assistant.ingest.formats.tables`) gives one figure per number cell.
    """
    figures: list[Figure] = []
    context_period = ""
    for line in text.split("\n"):
        row = parse_row(line)
        if row is not None:
            figures.extend(_row_figures(line.strip(), row))
            continue
        for sentence in clauses(line, keep_stop=False):
            mentions = find_numbers(sentence)
            if _HEADING.match(sentence):
                years = [m for m in mentions if m.kind == "date" and m.unit == "年"]
                context_period = f"{int(years[0].value)}年" if years else ""
            if any(_is_figure(m) for m in mentions):
                figures.extend(_sentence_figures(sentence, mentions, context_period))
    return figures


def _row_figures(line: str, row: Row) -> list[Figure]:
    """Each number cell of a table row: its indicator is the row's label and the column's header
    (the table's title when the row has no label), its period the year they or the title name."""
    figures = []
    cursor = 0
    for cell in row.cells:
        written = f"{cell.header}：{cell.value}" if cell.header else cell.value
        at = line.find(written, cursor)
        if at < 0:
            continue
        cursor = at + len(written)
        mention = parse_figure(cell.value) if is_number(cell.value) else None
        if mention is None or mention.kind != "quantity":
            continue
        offset = cursor - len(cell.value)
        years = [m.group(1) for text in (cell.header, row.label, row.title) for m in _YEAR_WORD.finditer(text)]
        header = _YEAR_WORD.sub("", cell.header)
        figures.append(
            Figure(
                value=mention.core,
                normalized=mention.value,
                unit=mention.unit,
                indicator=(row.label or _YEAR_WORD.sub("", row.title)) + header,
                sentence=line,
                start=offset + mention.core_start,
                end=offset + mention.core_end,
                upper=mention.upper,
                qualifier=mention.qualifier,
                period=f"{years[0]}年" if years else "",
            )
        )
    return figures


def _is_figure(m: NumberMention) -> bool:
    """Quantities with a unit or at least a scale ("4万亿"); bare numbers are mostly codes and versions."""
    return m.kind == "quantity" and (bool(m.unit) or any(c in m.core for c in "万亿千百"))


def _sentence_figures(sentence: str, mentions: list[NumberMention], context_period: str) -> list[Figure]:
    tokens = _tokens(sentence)
    figures: list[Figure] = []
    anchor = ""
    left = 0
    for mention in mentions:
        if not _is_figure(mention):
            continue
        clause_start = max(left, _clause_start(sentence, mention.start))
        left = mention.end
        before, words = _before(sentence, clause_start, mention.start, tokens, mentions)
        after = _counted(sentence, mention, tokens)
        bare = not before or not any(t.flag.startswith(_NOUNISH) and t.word not in REGION_WORDS for t in words)
        rest = _rest(sentence, mention, tokens)
        reached = bool(_REACHED.search(sentence[clause_start : mention.start]))
        indicator = _indicator(before, after, words, bare, anchor, rest, reached)
        if not bare:
            anchor = _shorten(before)
        elif after:
            anchor = indicator
        figures.append(
            Figure(
                value=mention.core,
                normalized=mention.value,
                unit=mention.unit,
                indicator=indicator,
                sentence=sentence,
                start=mention.core_start,
                end=mention.core_end,
                upper=mention.upper,
                qualifier=mention.qualifier,
                subject=_subject(tokens, mention.start),
                period=_period(sentence, mentions, mention, context_period),
            )
        )
    return figures


def _indicator(
    before: str, after: str, words: list[_Token], bare: bool, anchor: str, rest: str, reached: bool = False
) -> str:
    """What the figure measures: the words before it, or the thing counted after a measure word.

    A bare verb ("增长", "高于全国") borrows the indicator of the figure before it, as in
    "地区生产总值5.2万亿元、增长5.4%"; a level it ``reached`` (增长到, 增至) is that indicator itself;
    with nothing before, the rest of the clause says it ("五至十年内不受理其申请").
    """
    if after:
        last = words[-1] if words else None
        verb = last.word if last and last.flag.startswith("v") and before.endswith(last.word) else ""
        return verb + after
    if bare:
        if reached and anchor:
            return anchor
        return anchor + before or rest
    return _shorten(before)


def _rest(sentence: str, mention: NumberMention, tokens: list[_Token]) -> str:
    """The rest of the figure's clause, which names it when nothing comes before. A figure that
    modifies a noun ("5.5%左右的预期增长目标与…衔接", "7.2%的增长") is about that noun: the words
    after 的 up to a preposition or conjunction."""
    end = _clause_end(sentence, mention.end)
    following = [t for t in tokens if t.start >= mention.end and t.end <= end]
    if following and following[0].word == "的":
        noun = []
        for token in following[1:]:
            if token.flag[:1] in "pc":
                break
            noun.append(token.word)
        if noun:
            return "".join(noun)[:_MAX_INDICATOR]
    return sentence[mention.end : end][:_MAX_INDICATOR]


def _before(
    sentence: str, start: int, end: int, tokens: list[_Token], mentions: list[NumberMention]
) -> tuple[str, list[_Token]]:
    """The lead-in of a figure within its clause, without dates and connectives, and its words."""
    dated = [(m.start, m.end) for m in mentions if m.kind != "quantity" and start <= m.start < end]
    words = [
        t for t in tokens if t.start >= start and t.end <= end and not any(a < t.end and t.start < b for a, b in dated)
    ]
    before = _clean("".join(t.word for t in words))
    return before, [t for t in words if t.word in before]


def _clean(before: str) -> str:
    before = before.strip(" \t\u3000")
    previous = None
    while previous != before:
        previous = before
        before = _TRAIL.sub("", _LEAD.sub("", before)).strip(" \t\u3000")
    return before


def _shorten(before: str) -> str:
    """Keeps the last words of a long lead-in, cut where a comma-less list or verb begins."""
    if len(before) <= _MAX_INDICATOR:
        return before
    cut = len(before) - _MAX_INDICATOR
    for at in range(cut, len(before) - 1):
        if before[at] == "“":
            return before[at:]
        if before[at] in "，、的并和":
            return before[at + 1 :]
    return before[cut:]


def _counted(sentence: str, mention: NumberMention, tokens: list[_Token]) -> str:
    """The noun phrase after a measure word: "组建4个教育集团" counts 教育集团."""
    if mention.unit not in COUNTERS or mention.end != mention.core_end:
        return ""
    words: list[str] = []
    following = [t for t in tokens if t.start >= mention.end]
    for i, token in enumerate(following):
        if token.word in _CLAUSE_BREAK or token.word in "。！？；":
            break
        nounish = token.flag.startswith(_NOUNISH) or token.word in "“”"
        next_flag = following[i + 1].flag if i + 1 < len(following) else ""
        modifier = (token.flag[:1] in "vna" and i + 1 < len(following) and following[i + 1].word == "的") or (
            token.flag == "a" and next_flag.startswith(_NOUNISH)
        )
        if nounish or modifier or (token.word == "的" and words):
            words.append(token.word)
        else:
            break
    return "".join(words).strip("“”的")


def _subject(tokens: list[_Token], start: int) -> str:
    """The nearest place named before the figure (北京市, 全县), unless it is a comparison."""
    before = [t for t in tokens if t.end <= start]
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if (token.flag == "ns" and REGION_NAME.fullmatch(token.word)) or token.word in REGION_WORDS:
            previous = before[i - 1].word if i else ""
            if previous.endswith(_COMPARE):
                continue
            return token.word
    return ""


def _period(sentence: str, mentions: list[NumberMention], mention: NumberMention, context: str) -> str:
    """The year or span the sentence gives, plus 目标 or 完成 when the sentence says which."""
    spans: list[tuple[int, str]] = [
        (m.start, f"{int(m.value)}年") for m in mentions if m.kind == "date" and m.unit == "年" and m.upper is None
    ]
    spans += [(m.start, m.text) for m in mentions if m.kind == "period"]
    spans += [(m.start(), m.group()) for m in _PERIOD_WORD.finditer(sentence)]
    earlier = [s for s in spans if s[0] < mention.start]
    chosen = max(earlier)[1] if earlier else (min(spans)[1] if spans else context)
    plain = _QUOTED.sub("", sentence)
    if _TARGET.search(plain) or ("左右" in mention.qualifier and not _DONE.search(plain)):
        status = "目标"
    elif _DONE.search(plain):
        status = "完成"
    else:
        status = ""
    return ";".join(part for part in (chosen, status) if part)


def _clause_start(sentence: str, pos: int) -> int:
    i = pos
    while i > 0 and sentence[i - 1] not in _CLAUSE_BREAK:
        i -= 1
    return i


def _clause_end(sentence: str, pos: int) -> int:
    while pos < len(sentence) and sentence[pos] not in _CLAUSE_BREAK:
        pos += 1
    return pos


def _tokens(sentence: str) -> list[_Token]:
    tokens, pos = [], 0
    for word, flag in tag(sentence):
        tokens.append(_Token(word, flag, pos, pos + len(word)))
        pos += len(word)
    return tokens
