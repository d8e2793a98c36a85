"""Framing for a draft whose documents cannot fill the length asked.

When every fact of the material is written and the draft is still well short (a provincial report's
education paragraph holds 250 characters where a writer asks for 500), a writer adds an opening (总起)
and a closing (小结) in general words; the model is asked for the same, from the request alone: shown
the body, a 1.5B model copied it into the opening, sentence by sentence. Neither may state a figure or
repeat the body or the request, and neither speaks in the writer's first person unless the writer's own
documents are the material: framing adds words, never facts. A sentence copying the body or the request
goes whole; a clause saying again what the body says in other words (its content words, a term of it) goes
by itself, the sentence kept when it still stands. When the checks leave the draft still too short, the
model is asked once more, shown the sentences kept. The draft's notice says which sentences are general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.draft.compose import TOO_SHORT
from assistant.draft.prose import official, visible_length
from assistant.draft.voice import FIRST_PERSON
from assistant.facts.numbers import find_numbers
from assistant.llm.backends import ChatBackend
from assistant.prompts import load_prompt
from assistant.settings import Settings
from assistant.text.lexicon import groups, words
from assistant.text.markers import MARKER
from assistant.text.segment import tag
from assistant.text.sentences import CITED_SENTENCE, CLAUSE_BREAK, COMMA_CLAUSE, STOPS
from assistant.text.terms import QUOTED_NAME

_PART = re.compile(r"(总起|小结)\s*[:：]\s*(.*?)\s*(?=(?:总起|小结)\s*[:：]|$)", re.S)  # on one line or two
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
# a framing sentence sharing this many characters in a row with the body or the request restates it (a clause
# sharing as many with the framing kept says it twice); a subject's own name is shorter ("耕地保护工作" opens a
# general sentence about it without restating anything), while a longer one is read back whole: a section's title
# ("巩固甲成效，保障乙时间") names its facts, and an opening reading it back states them again
_SHARED_RUN = 8
_SHORTEST = 8  # characters of a framing sentence worth keeping
_TERM = 4  # Chinese characters in a row a framing clause may not share with the body, outside the subject
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# a framing clause restates a body clause in other words when that one clause holds this many of its content
# words and this share of them ("保证了学生有充足的锻炼时间" for "保证学生每天校内锻炼时间不少于1小时": 4 of 5)
_RESTATED_WORDS, _RESTATED_SHARE = 3, 0.75
_CONTENT = ("n", "v", "a", "l")  # jieba's tags of nouns, verbs, adjectives and set phrases: what a clause says
# of the length asked, the most general words may take (the rest is the documents' or missing): enough for a body
# covering half the length to reach the shortest length kept, no more (at 0.3, a body of 0.59 framed by one long
# opening left no room for a closing and stayed short: drafting2_dev)
FRAMING_SHARE = TOO_SHORT - 0.5
# each of the opening and the closing is asked for this share of what is missing: the checks below leave out
# about one sentence in three (a restatement, a figure, a request read back), so half each left drafts short
ASKED_SHARE = 0.75
# a second call when the checks left the draft still too short; not for fewer characters than this
ROUNDS, LEAST_ASKED = 2, 20
# shown to the second call: what it wrote that was kept, so that it writes other sentences
WRITTEN = "已写好的总起：{opening}\n已写好的小结：{closing}\n请写与已写好的不同的句子，补在其后。\n"
MAX_TOKENS = 400  # the framing call stays short: drafting time counts …
LABEL_TOKENS = 40  # … the two labels and some room over the missing characters (about 1.6 characters a token)
# an opening's sentences that point back ("这一举措旨在…") have nothing before them to point to
_POINTS_BACK = re.compile(r"(?:^|(?<=[。！？]))\s*(?:这|该|此|上述|以上)[^。！？]*[。！？]?")
# a lead naming a means by a bare verb ("通过实施，") has lost its object: the model's sentence before it, which a check
# dropped, named what was carried out ("…是重要途径。通过实施，…"); the rest of the sentence stands alone
_BARE_MEANS = re.compile(r"^(?:通过|经过|借助|依托)[\u4e00-\u9fff]{1,2}[，,]")
# a sentence's opening word before its comma ("下一步，"): one the body or the framing already opens a sentence with
# goes, since the section then announces its next steps twice
_LEAD_WORD = re.compile(r"^([\u4e00-\u9fff]{2,4})[，,]")
_DIGIT = re.compile(r"[0-9０-９]")
_REQUEST_CLAUSE = re.compile(r"[^，,。；;！？]+[，,。；;！？]*")
# "下一步，我们将继续…" in another's material: the subject left out, as official prose often does ("下一步，将继续…")
_WE_WILL = re.compile(r"(?:(?<=^)|(?<=[，,]))(?:我们|我局|我县|我区|我市)(?=将|要|会|还将|也将|仍将|继续|进一步)")
_FRAME_VERBS = frozenset(words("frame_verbs.txt"))
_CORRELATIVES = groups("correlatives.txt")  # 不仅 → 而且 还 也 …: the words that may open its second half
_BODY_NAMES = groups("body_names.txt")  # how a government body's name ends (教育局), and words that only look so
OWN_VOICE = "可以用“我们”“我局”等第一人称。"
OTHER_VOICE = "资料是其他单位或上级的，不用“我们”“我局”等第一人称，直接以所述地区或单位为主语。"


@dataclass(frozen=True)
class Framing:
    opening: str = ""
    closing: str = ""

    @property
    def length(self) -> int:
        return visible_length(self.opening + self.closing)


@dataclass(frozen=True)
class _Checks:
    """What a framing sentence is checked against."""

    source: str  # the body (markers off) and the prompt: a sentence copying eight characters restates them
    body: str  # the body: a clause restating one of its clauses, or naming a term of it, says its fact again
    subject: str  # what the draft is about: framing may name it ("耕地保护工作"), though the body does too
    named: str  # the body and the topic: the government bodies a framing sentence may name
    own_voice: bool
    framed: str = ""  # the framing kept so far: a clause copying it says the same thing twice

    def adding(self, text: str) -> _Checks:
        return replace(self, framed=self.framed + text)


def frame(  # noqa: PLR0913 (the draft, what was asked, and the model)
    paragraphs: list[str],
    topic: str,
    subject: str,
    length: int,
    own_voice: bool,
    backend: ChatBackend,
    settings: Settings,
) -> tuple[list[str], Framing]:
    """``paragraphs`` with an opening and a closing sentence the model wrote for them from ``topic`` (the
    request) about ``subject`` (what the draft is about, in the request's words), each kept only when it
    states no figure, does not restate the body and speaks in the right voice. When the checks leave the
    draft still too short, the model is asked once more for what is missing, shown what it already has."""
    body = "\n".join(paragraphs)
    deficit = min(length - visible_length(body), round(FRAMING_SHARE * length))
    if deficit <= 0 or not any(p.strip() for p in paragraphs):
        return paragraphs, Framing()
    framing = Framing()
    for _ in range(ROUNDS):
        missing = deficit - framing.length
        if missing < LEAST_ASKED or (framing.length and visible_length(body) + framing.length >= TOO_SHORT * length):
            break
        framing = _round(body, (topic, subject), missing, own_voice, framing, backend, settings)
    out = list(paragraphs)
    first = next((i for i, p in enumerate(out) if p.strip() and not _HEADING.match(p)), None)
    if framing.opening and first is not None:
        out[first] = framing.opening + out[first]
    if framing.closing:
        out[-1] = out[-1].rstrip("\n") + framing.closing
    return out, framing


def _round(
    body: str,
    request: tuple[str, str],
    deficit: int,
    own_voice: bool,
    had: Framing,
    backend: ChatBackend,
    settings: Settings,
) -> Framing:
    """``had`` with the sentences of one more call that pass the checks, within ``deficit`` characters more."""
    topic, subject = request
    template = load_prompt(settings, "draft_frame")
    asked = {
        "topic": _without_lists(topic),
        "deficit": deficit,
        "each": max(20, round(deficit * ASKED_SHARE)),
        "voice": OWN_VOICE if own_voice else OTHER_VOICE,
    }
    shown = WRITTEN.format(opening=had.opening or "无", closing=had.closing or "无") if had.length else ""
    prompt = template.format(**asked, written=shown)
    written = "".join(
        backend.stream(
            [{"role": "user", "content": prompt}], max_tokens=min(deficit + LABEL_TOKENS, MAX_TOKENS), temperature=0.2
        )
    )
    lines = {kind: official(" ".join(sentence.split())) for kind, sentence in _PART.findall(written)}
    # the prompt's own words are no framing either: a small model copies its example ("医疗资源向基层延伸") and
    # reads the request back ("写明甲活动、乙教育的具体数字" → "甲活动、乙教育的实施，为…")
    plain = MARKER.sub("", body)
    # (the framing kept, shown to a second call, is checked as framing: a clause copying it goes by itself)
    asked_alone = template.format(**asked, written="")
    checks = _Checks(plain + asked_alone + topic, plain, subject, body + topic, own_voice, had.opening + had.closing)
    written_opening = lines.get("总起", "")
    opening = _framing(_POINTS_BACK.sub("", written_opening), checks, deficit)
    closing = _framing(lines.get("小结", ""), checks.adding(opening), deficit - visible_length(opening))
    # an opening's sentence that points back ("这些工作进一步…") sums up: it may close the draft too (read on its
    # own: a closing cut off by the token limit would swallow it into its unfinished sentence)
    summing_up = "".join(m.group(0) for m in _POINTS_BACK.finditer(written_opening))
    closing += _framing(summing_up, checks.adding(opening + closing), deficit - visible_length(opening + closing))
    return Framing(had.opening + opening, had.closing + closing)


def _without_lists(request: str) -> str:
    """The request without its clauses listing things ("写明甲、乙和丙等数字"): shown a list of what to write, the
    small model read it back as its opening, which the checks drop, leaving the draft short."""
    kept = "".join(c for c in _REQUEST_CLAUSE.findall(request) if "、" not in QUOTED_NAME.sub("", c))  # a title stays
    return kept.rstrip("，,") if kept.strip() else request


def _framing(text: str, checks: _Checks, deficit: int) -> str:
    """The sentences of ``text`` that state no figure, copy nothing of the body or the prompt, keep no clause
    that says again what the body or the framing so far says, name no government body the body and topic do
    not, and do not borrow the writer's voice, as many as fit in what is missing."""
    kept = ""
    for sentence in CITED_SENTENCE.findall(text):  # framing cites nothing: its sentences end at the stop
        if not sentence.strip().endswith(tuple(STOPS)):
            continue  # cut off where the call's tokens ran out ("…提高教育质量，满足")
        sentence = _BARE_MEANS.sub("", sentence.strip().rstrip("。！？!?；;，,") + "。")
        if len(sentence) < _SHORTEST or visible_length(kept + sentence) > deficit:
            continue
        if _DIGIT.search(sentence) or any(m.kind == "quantity" for m in find_numbers(sentence)):
            continue
        if not checks.own_voice:
            sentence = _WE_WILL.sub("", sentence)
            if FIRST_PERSON.search(sentence):
                continue
        sentence = _lead_not_said(sentence, "\n".join((checks.body, checks.framed, kept)))
        if _copies(sentence, checks.source) or sentence.removesuffix("。") in checks.source + checks.framed + kept:
            continue  # the body or the request read back; or said already, if shorter than a copied run
        sentence = _pruned(sentence, checks.adding(kept))
        if len(sentence) < _SHORTEST:
            continue
        if any(body not in checks.named for body in bodies_named(sentence)):
            continue  # an actor is a fact: "下一步，重庆市教育局将…" for a provincial report that names no such body
        if any(name not in checks.named for name in QUOTED_NAME.findall(sentence)):
            continue  # so is a named strategy or project: "通过实施“甲乙崛起”战略，…" where no document names it
        kept += sentence
    return kept


def _lead_not_said(sentence: str, said: str) -> str:
    """``sentence`` without its opening word when a sentence of ``said`` opens with it: "下一步，将继续深化改革。"
    after the body's "下一步，将实施…" → "将继续深化改革。"."""
    lead = _LEAD_WORD.match(sentence)
    if lead and re.search(rf"(?:^|[。！？；\n])\s*{re.escape(lead.group(1))}[，,]", said):
        return sentence[lead.end() :]
    return sentence


def _pruned(sentence: str, checks: _Checks) -> str:
    """``sentence`` without its clauses that say again what is said: one copying the framing so far, one
    restating a clause of the body in other words, one naming a term of the body outside the subject
    ("深化医教协同" beside a body that states 医教协同 and its figures). Empty when what is left cannot
    stand alone: its first clause went, no verb is left ("某省“十四五”以来。"), it would end on a clause that
    only frames the one that went ("通过推行课后服务。", "围绕群众就学需求。"), or it keeps the first half of a
    correlative whose second half went ("这些措施不仅提高了教学质量。")."""
    pieces = COMMA_CLAUSE.findall(sentence.removesuffix("。"))
    clauses = [clause for clause in CLAUSE_BREAK.split(checks.body) if clause]
    kept = [
        piece
        for piece in pieces
        if not _copies(piece, checks.framed)
        and not _restates(piece, clauses)
        and not _names_term(piece, checks.body, checks.subject)
    ]
    if kept == pieces:
        return sentence
    if not kept or kept[0] != pieces[0] or _frames_only(kept[-1]) or _half_correlative(tag("".join(kept))):
        return ""
    if not any(flag.startswith("v") for piece in kept for _, flag in tag(piece)):
        return ""
    return "".join(kept).rstrip("，,") + "。"


def _frames_only(clause: str) -> bool:
    """Whether ``clause`` opens, after its adverbs, with a preposition or a verb used as one (围绕, 立足): it frames
    the clause after it and says nothing alone."""
    for word, flag in tag(clause):
        if flag == "p" or word in _FRAME_VERBS:
            return True
        if flag != "d":
            return False
    return False


def _half_correlative(words: list[tuple[str, str]]) -> bool:
    """Whether ``words`` hold the first half of a correlative (不仅, 既) with no word of its second half after it."""
    for at, (word, _) in enumerate(words):
        if word in _CORRELATIVES:
            after = "".join(w for w, _ in words[at + 1 :])
            if not any(second in after for second in _CORRELATIVES[word]):
                return True
    return False


def _copies(text: str, seen: str) -> bool:
    return any(text[i : i + _SHARED_RUN] in seen for i in range(len(text) - _SHARED_RUN + 1))


def _names_term(clause: str, body: str, subject: str) -> bool:
    """Whether ``clause`` shares a term with the body that the subject does not hold: four Chinese characters
    in a row, the length of most policy terms (医教协同, 立德树人, 集团办学)."""
    return any(
        (run := clause[i : i + _TERM]) in body and run not in subject and _CJK_RUN.fullmatch(run)
        for i in range(len(clause) - _TERM + 1)
    )


def _restates(clause: str, body: list[str]) -> bool:
    """Whether one clause of ``body`` holds enough of ``clause``'s content words to say what it says."""
    words = {word for word, flag in tag(clause) if len(word) >= 2 and flag.startswith(_CONTENT)}
    if len(words) < _RESTATED_WORDS:
        return False
    shared = max((sum(word in other for word in words) for other in body), default=0)
    return shared >= _RESTATED_WORDS and shared >= _RESTATED_SHARE * len(words)


def bodies_named(text: str) -> list[str]:
    """The government bodies ``text`` names, by how their names end, each with the place before it
    (重庆市教育局, 县教育局: a topic naming the writer's 县教育局 does not allow 重庆市教育局)."""
    named, before = [], ""
    for word, flag in tag(text):
        if len(word) >= 3 and word.endswith(_BODY_NAMES["endings"]) and not word.endswith(_BODY_NAMES["common"]):
            named.append(before + word)
        before = word if flag.startswith("ns") or word in _BODY_NAMES["levels"] else ""
    return named
