"""Whose action each drafted sentence reports, said in the sentence.

A sentence cites passages; each passage's document is the writer's own, a higher authority's
(a law, a central policy) or another place's (a provincial report). A sentence in the first
person ("我们…", "我局…") or, in a draft written in the writer's voice, a sentence with no
subject of its own, may only restate the writer's own documents. A sentence restating anyone
else's is rewritten to say whose words they are: "《义务教育法》第十二条规定，…",
"《…意见》提出，…", "据重庆市2026年政府工作报告，…", and the first person it borrowed from its
source ("五年来，我们坚持…" in a provincial report) becomes that place; a sentence that
mixes the writer's action with a law keeps its subject and says "按照《…》要求". A sentence
that cannot be put right (nothing left once the borrowed subject is removed) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.draft.documents import AUTHORITY, OTHER, OWN, Source
from assistant.text.markers import ONE_MARKER
from assistant.text.numerals import ARTICLE, ITEM_OPENING
from assistant.text.sentences import DRAFT_PIECE, DRAFT_TAIL

FIRST_PERSON = re.compile(r"我们|我局|我县|我区|我市|我省|我州|我镇|我委|我厅|本局|本人|我(?![国们])")
_LEADING_SUBJECT = re.compile(
    r"^(?:(?:同时|此外|另外|并且|还)[，,]?)?(?:我们|我局|我县|我区|我市|我省|我州|我委|我厅|本局|本人|我)(?:还|也|始终|一直|坚持)?"
)
SHORTEST = 8  # characters a rewritten sentence keeps at least, else it is dropped


@dataclass(frozen=True)
class Settled:
    text: str
    rewritten: int = 0
    dropped: int = 0


def settle_voice(text: str, sources: Mapping[int, Source], own_voice: bool) -> Settled:
    """Each sentence of the draft with whose words it restates made plain; counts what changed."""
    out, rewritten, dropped = [], 0, 0
    named: set[str] = set()  # sources this paragraph has named: a report about others names them once
    previous: set[str] = set()  # sources the sentence before cites: a subjectless sentence after it continues it
    for sentence in DRAFT_PIECE.findall(text):
        if not sentence or sentence == "\n" or not sentence.strip():
            named = set() if sentence == "\n" else named
            out.append(sentence)
            continue
        fixed = _settle(sentence, sources, own_voice, named, previous)
        previous = {sources[int(n)].name for n in ONE_MARKER.findall(fixed or "") if int(n) in sources}
        if fixed is None:
            dropped += 1
            continue
        rewritten += fixed != sentence
        out.append(fixed)
    return Settled("".join(out), rewritten, dropped)


def _settle(
    sentence: str, sources: Mapping[int, Source], own_voice: bool, named: set[str], previous: set[str]
) -> str | None:
    cited = [sources[int(n)] for n in ONE_MARKER.findall(sentence) if int(n) in sources]
    others = list({s.name: s for s in cited if s.voice != OWN}.values())
    first_person = bool(FIRST_PERSON.search(ONE_MARKER.sub("", sentence)))
    if not others:
        if cited or not first_person or own_voice:
            return sentence
        return None  # "我们…" in a draft about others' work, restating nothing
    unnamed = [s for s in others if not names(sentence, s)]
    named.update(s.name for s in others if s not in unnamed)
    if not first_person and not own_voice:  # a paragraph about others names each once
        unnamed = [s for s in unnamed if s.name not in named]
        named.update(s.name for s in unnamed)
        return _attribute(sentence, unnamed, mixed=False) if unnamed else sentence
    if not first_person and all(s.name in previous for s in unnamed) and not any(s.voice == OWN for s in cited):
        return sentence  # "…第三十七条规定，…。社会公共文化体育设施应当…": still the same article
    if (
        first_person
        and not any(s.voice == OWN for s in cited)
        and all(s.voice == OTHER and s.name in named for s in unnamed)
    ):
        # another place's "我们…", in a paragraph that has named its report: that place's (a law's first person
        # is never the writer's and is attributed below)
        return _borrowed_first_person(sentence, others)
    if not unnamed:
        return sentence
    named.update(s.name for s in unnamed)
    return _attribute(sentence, unnamed, any(s.voice == OWN for s in cited))


def names(sentence: str, source: Source) -> bool:
    """Whether the sentence already says whose words it restates (《义务教育法》, 重庆市…报告, 《…意见》)."""
    label = source.label.strip("《》")
    short = re.sub(r"(?:\d{4}年)?政府工作报告$", "", label)
    if label in sentence or (source.voice == OTHER and short and short in sentence and "报告" in sentence):
        return True
    core = source.title.removeprefix("中华人民共和国")
    return source.is_law and core in sentence


def _attribute(sentence: str, unnamed: list[Source], mixed: bool) -> str | None:
    """The sentence introduced by whose words it restates; its borrowed first person removed."""
    body, tail = _split_tail(sentence)
    item = ITEM_OPENING.match(body)  # "二是…": the part's numbering stays in front
    if item:
        fixed = _attribute(body[item.end() :] + tail, unnamed, mixed)
        return None if fixed is None else item.group(0) + fixed
    if mixed:  # the writer's own action that follows a law or a policy
        lead = (
            "按照" + "、".join(s.label for s in unnamed if s.voice == AUTHORITY) + "要求，"
            if any(s.voice == AUTHORITY for s in unnamed)
            else "据" + "、".join(s.label for s in unnamed) + "，"
        )
        return f"{lead}{body}{tail}"
    body = _borrowed_first_person(body, unnamed)
    body = re.sub(r"^(?:规定|提出|要求|指出)[，,：:]", "", _LEADING_SUBJECT.sub("", body).lstrip("，,"))
    if len(re.sub(r"\W", "", body)) < SHORTEST:
        return None
    source = unnamed[0]
    if source.voice == AUTHORITY:
        article = ARTICLE.match(body)
        if article:
            body = re.sub(r"^(?:规定|明确|要求|指出)?[：:，, ]*", "", body[article.end() :])
            lead = f"{source.label}{article.group(0)}规定，"
        else:
            lead = f"{source.label}提出，"
    else:
        lead = f"据{'、'.join(s.label for s in unnamed)}，"
    return f"{lead}{body}{tail}"


def _borrowed_first_person(text: str, others: list[Source]) -> str:
    """ "我们"/"我省" a provincial report says of itself: that place (重庆市); a law's: nothing."""
    place = next((s.place for s in others if s.voice == OTHER and s.place), "")
    return FIRST_PERSON.sub(place, text) if place else text


def _split_tail(sentence: str) -> tuple[str, str]:
    """The sentence's words and what ends it (markers, stop, closing quote)."""
    match = DRAFT_TAIL.search(sentence)
    cut = match.start() if match else len(sentence)
    return sentence[:cut], sentence[cut:]
