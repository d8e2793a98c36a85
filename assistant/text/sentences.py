"""Where Chinese sentences end, and the splitters built on that.

Two stop sets: a full stop, ! or ? ends a sentence (:data:`STOPS`); in a report a ；
also ends a statement of a list (:data:`CLAUSE_STOPS`), each item standing on its own.
The splitters differ in what a piece keeps, and each says which of its users needs that.
"""

from __future__ import annotations

import re

from assistant.text import markers
from assistant.text.pos import SUBJECT_OPENING_TAGS
from assistant.text.segment import tag

STOPS = "。！？!?"  # end a sentence
CLAUSE_STOPS = "。！？；!?;"  # end a sentence or a ；-separated statement of a list
DRAFT_STOPS = "。！？；"  # what a Chinese draft ends its sentences and statements with (full-width only)
_CLAUSE = re.compile(rf"[^{CLAUSE_STOPS}\n]+")
_CLAUSE_AND_STOP = re.compile(rf"[^{CLAUSE_STOPS}\n]+[{CLAUSE_STOPS}]?")


def sentence_pattern(stops: str, *, after: str = "", lines: bool = True) -> re.Pattern[str]:
    """Sentences that together cover a text: each runs to its ``stops`` and what is written ``after``
    them (citation markers, a closing quote); with ``lines`` a line break ends one too. ``findall``
    also yields empty strings at the end of the text; callers skip them."""
    ends = f"[{stops}]+{after}" + (r"|\n" if lines else "") + "|$"
    return re.compile(rf"[^{stops}\n]*(?:{ends})")


# An answer's or a draft's sentences with the markers written after their full stop ("……。[1]"):
# the verifier checks each sentence's figures against what it cites. A ； does not end one, since
# items separated by ； are one claim cited once at its end.
CITED_SENTENCE = sentence_pattern(STOPS, after=markers.AFTER_STOP)
# Up to the last full stop of a text and the markers after it: what is left of a cut-off answer.
UP_TO_LAST_STOP = re.compile(rf".*[{STOPS}]{markers.AFTER_STOP}", re.S)
# Clauses of marker-free text judged one by one for support by the quotes (each ；-clause alone),
# with the closing quote after the stop.
JUDGED_CLAUSE = sentence_pattern(CLAUSE_STOPS, after="[”’」』]?")
# A draft's sentences as written: markers after the stop and a closing quote stay with the sentence.
DRAFT_SENTENCE = sentence_pattern(DRAFT_STOPS, after=markers.RUN + "[”’]?", lines=False)
# The same, with a line break as a piece of its own (a paragraph break ends what a paragraph has said).
DRAFT_PIECE = re.compile(rf"[^{DRAFT_STOPS}\n]*[{DRAFT_STOPS}]*{markers.RUN}[”’]?|\n")
# What ends a draft sentence: its markers, its stops, and a closing quote after a stop.
DRAFT_TAIL = re.compile(rf"{markers.RUN}(?:[{DRAFT_STOPS}]+{markers.RUN}[”’]?)?$")
# Sentences of text in Chinese or English ("." ends one too, but "5.2%" stays one sentence).
MIXED_SENTENCE = re.compile(rf"(?:[^{CLAUSE_STOPS}.\n]|\.(?!\s))+[{CLAUSE_STOPS}.]?")


# The comma clauses of a sentence, each with its comma: the pieces a draft quotes or rewrites one by one.
COMMA_CLAUSE = re.compile(r"[^，,]+[，,]?")
# Anything that ends a clause, a comma too: a long question asks its 多少 in one of its clauses.
CLAUSE_BREAK = re.compile(rf"[，,{CLAUSE_STOPS}]")


def clauses(text: str, *, keep_stop: bool) -> list[str]:
    """The sentences and ；-statements of a passage, stripped and non-empty.

    ``keep_stop`` keeps the stop that ends each (an answer quotes the sentence as written);
    without it the figure table records the statement alone.
    """
    pattern = _CLAUSE_AND_STOP if keep_stop else _CLAUSE
    return [piece for match in pattern.finditer(text) if (piece := match.group().strip())]


def clause_of(figure: str, sentence: str) -> str:
    """The clause of ``sentence`` that states ``figure`` ("" when none does)."""
    return next((clause for clause in CLAUSE_BREAK.split(sentence) if figure in clause), "")


# What makes a text a question: a question mark, a Chinese question word or particle, an English one opening it.
_QUESTION = re.compile(
    r"[？?]|吗|呢|什么|哪|多少|几[个所人家项次年天]|如何|怎么|怎样|为何|是否|有没有|有无"
    r"|^\s*(?:how|what|which|who|whom|when|where|why|is|are|was|were|do|does|did|can|could|has|have)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """Whether ``text`` asks something (a follow-up rewritten as a statement no longer does)."""
    return _QUESTION.search(text) is not None


def opens_with_subject(clause: str) -> bool:
    """Whether a clause names what it speaks of ("地铁运营里程达到120公里", "300家企业…"), where "增长5%",
    "其中企业…" or "位列同类城市第二" go on from the clause before and say nothing without it. A verb opening a
    report's clause ("新增公园绿地…") often has the government as its subject; read here as going on."""
    words = [flag for word, flag in tag(clause) if word.strip()]
    return bool(words) and words[0].startswith(SUBJECT_OPENING_TAGS)
