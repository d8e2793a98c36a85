"""What an English question asks for, read from its words: the thing measured and the unit it is in.

"how many kilometers of aging gas pipelines were renovated" asks for 公里 of aging gas pipelines; "what
was the per capita disposable income of residents in 2025" for per capita disposable income. The subject
is compared in meaning with what a Chinese sentence's figure measures (``answer.bind.Binder.meaning_fit``),
so it needs the words naming the thing, not the question's frame (wh-words, auxiliaries, the source,
places and years).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.lexicon import pairs, words
from assistant.text.units import RATE_UNITS

ENGLISH_UNITS = {word.lower(): unit for word, unit in pairs("english_units.txt").items()}
MEASURES = frozenset(word.lower() for word in words("english_measures.txt"))  # "income", "capacity"
COUNTERS = frozenset(word.lower() for word in words("english_counters.txt"))  # "people", "households"
IMPLIED_UNITS = {word.lower(): unit for word, unit in pairs("english_implied_units.txt").items()}  # "spend" → 元
# a change asked: "by how much did revenue grow" may be answered in % as well as in the measure's own unit
_CHANGE = re.compile(
    r"\b(?:grow|grew|grown|growth|increase[sd]?|rise|rose|risen|up|decline[sd]?|fall|fell|drop(?:ped)?|change[sd]?)\b",
    re.I,
)
# "According to Gansu's 2026 government work report, …": which document, not what is asked
_SOURCE = re.compile(r"^\s*(?:according to|based on|as (?:stated|reported) in|in)\b[^,]*\breport\b[^,]*,\s*", re.I)
_AUX = r"(?:did|do|does|was|were|is|are|has|have|had|will|would|could|can)"
_WORD = r"[\w\"'“”-]+"
# "how many X": X ends at the verb or preposition after it ("how many schools joined …" counts schools); a unit
# before "of" is the unit ("how many kilometers of pipelines", "how many US dollars of investment": a unit of two
# words is looked up with a hyphen, us-dollars)
_HOW_MANY = re.compile(
    rf"\bhow many\s+(?:(?P<unit>(?:{_WORD}\s+)?{_WORD})\s+of\s+)?(?P<x>(?:{_WORD}\s+){{0,7}}?{_WORD})"
    rf"(?=\s+(?:{_AUX}|joined|received|benefited|newly|by|at|to|in|from|of|for|with|that|which)\b|[?,.]|$)",
    re.I,
)
# the thing asked about after the other frames: by how much did … grow, how much …, what … did … reach (or
# set for …), what was …
_FRAMES = (
    re.compile(rf"\bby how much {_AUX} (?P<x>.+?) (?:grow|increase|rise|fall|drop|decline|decrease|change)\b", re.I),
    re.compile(rf"\bhow much {_AUX} (?P<x>.+?)(?=[?]|$)", re.I),
    re.compile(rf"\bhow much (?P<x>.+?)(?: (?P<aux>{_AUX}) (?P<doing>.+?))?(?=[?]|$)", re.I),
    re.compile(rf"\bwhat (?P<x>.+?) {_AUX} .+? (?:reach|achieve|hit|record|attain)\b", re.I),
    # "what growth target did Tianjin set for investment": the target and what it is set for
    re.compile(rf"\bwhat (?P<x>.+?) {_AUX} .+? (?:set|propose|plan|fix)\b(?: (?:for|on) (?P<aim>.+?))?(?=[?]|$)", re.I),
    re.compile(rf"\bwhat {_AUX} (?P<x>.+?)(?=[?]|$)", re.I),
)
# where the subject ends: the place and time it is asked about
_WHERE_WHEN = re.compile(
    r"\s+(?:(?:in|by|at|during|for|from|over|since|as of|across|throughout)\s+(?:the\s+)?"
    r"(?:\d{4}|end\b|[A-Z]|whole|entire|province|region|city|county|country|year|past|last|first|this)"
    r"|of\s+(?:the\s+)?(?:[A-Z]|province\b|region\b|city\b|county\b|country\b))",
)
# "how much foreign investment did Shandong actually use": what was done to the thing says which amount it is
# (used, not signed); in the active voice the doer before the verb is no part of it (a name, "the farms")
_ACTIVE = frozenset("did do does has have had will would could can".split())
_DOER = re.compile(r"^(?:(?:the|a|an|its|their)\s+)?[\w'-]+\s+(?=\S)", re.I)
_FRAME_WORDS = frozenset("the a an its their region's province's city's county's total number amount value of".split())
_POSSESSIVE = re.compile(r"\b[A-Z][\w-]*'s\s+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
# a place or year named right after the thing counted ("how many households in Inner Mongolia completed …", "on
# how many days in 2025 did …")
_PLACE_AFTER = re.compile(r"^(?:\s*(?:in|of|across|throughout|during)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s*|\d{4}\s*)+)+")
_LEADING_AUX = re.compile(rf"^\s*{_AUX}\s+", re.I)


@dataclass(frozen=True)
class EnglishAsk:
    subject: str = ""  # the words naming the thing measured ("aging gas pipelines renovated")
    unit: str = ""  # the canonical Chinese unit named ("公里"), "" when none
    measured: bool = False  # it names a measured quantity ("what was the … income"): it asks for a figure
    count: bool = False  # "how many X" of no ratio ("how many visits", not "how many percentage points")


def read_english(question: str) -> EnglishAsk:
    """The subject and unit of an English question ("" for each it does not say)."""
    text = _SOURCE.sub("", question.strip())
    restated = " ".join(_PARENTHESES.findall(text))  # "(total tourism revenue)": the asker's own restatement
    text = _PARENTHESES.sub("", text)
    unit = ""
    if counted := _HOW_MANY.search(text):
        found = counted.group("x")
        # "how many people were covered by X", "on how many days did the load exceed Y": what is said of them (of
        # the people, the days) is what is counted
        if found.lower() in COUNTERS or found.lower() in ENGLISH_UNITS:
            found = f"{found} {_said_of(text[counted.end() :])}"
        if (written := "-".join((counted.group("unit") or "").lower().split())) in ENGLISH_UNITS:
            unit = ENGLISH_UNITS[written]
    else:
        framed = next((m for frame in _FRAMES if (m := frame.search(text))), None)
        found = framed.group("x") if framed else ""
        if framed and "doing" in framed.groupdict() and framed.group("doing"):
            doing = _WHERE_WHEN.split(" " + framed.group("doing"), maxsplit=1)[0].strip()
            if framed.group("aux").lower() in _ACTIVE:
                doing = _DOER.sub("", doing, count=1)
            found = f"{found} {doing}"
        if framed and "aim" in framed.groupdict() and framed.group("aim"):
            found = f"{found} for {framed.group('aim')}"
    words = _WHERE_WHEN.split(_POSSESSIVE.sub("", found), maxsplit=1)[0].split()
    measured = any(word.strip("'\",").lower() in MEASURES for word in words)
    if not unit and not _CHANGE.search(text):  # "how much did tourists spend", "the total value of": money
        named = [w.strip("'\",").lower() for w in [*words, *restated.split()]]
        unit = next((IMPLIED_UNITS[w] for w in named if w in IMPLIED_UNITS), "")
    if words and words[0].lower() in ENGLISH_UNITS:  # "how many kilometers", "how much yuan"
        unit = unit or ENGLISH_UNITS[words[0].lower()]
        words = words[1:]
    while words and words[0].lower() in _FRAME_WORDS:
        words = words[1:]
    subject = " ".join(w for w in words if not w[:1].isdigit()).strip(" ,?")
    count = counted is not None and unit not in RATE_UNITS
    return EnglishAsk(" ".join(filter(None, [subject, restated])), unit, measured or bool(unit), count)


def _said_of(rest: str) -> str:
    """What the rest of a question says of the people or households it counts, less where and when: "were
    covered by long-term care insurance in Shandong in 2031" → covered by long-term care insurance."""
    rest = _PLACE_AFTER.sub("", rest)
    aux = _LEADING_AUX.match(rest)
    if aux:
        rest = rest[aux.end() :]
        if aux.group(0).strip().lower() in _ACTIVE:  # "how many times did the county hold …": not who did it
            rest = _DOER.sub("", rest, count=1)
    return _WHERE_WHEN.split(" " + rest, maxsplit=1)[0].strip(" ?,.")
