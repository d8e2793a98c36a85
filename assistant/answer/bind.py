"""What a figure measures: its value and unit bound to the noun it counts.

"组建4个教育集团,覆盖12所农村薄弱学校": 4 counts 教育集团 (个) and 12 counts 学校 (所). An answer
that says "4 schools" states a number the passage holds, but for another quantity. So a
figure is checked as a claim (value, unit class, subject) against the passage's quantities:

- the passage's quantities and what each measures come from the figure table's reader
  (:func:`assistant.facts.extract.extract_figures`: "组建4个教育集团" → 4 个 组建教育集团);
- the claim's subject is what the answer binds the figure to (the same reader for Chinese,
  the words after the number for English: "4 schools"), or for a bare figure ("4[1]。") what
  the question asks (:class:`assistant.types.Query`);
- subjects are compared by their head nouns and shared words, and where the words cannot
  meet (English against Chinese, or paraphrases such as 老师/教师) by the embedder, always
  relative to the passage's other quantities: the claim is bound to the quantity it fits best.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.facts.extract import CHANGE_WORDS, sentence_figures
from assistant.facts.numbers import in_asked_unit, parse_figure, same_unit_class
from assistant.index.embed import Embedder
from assistant.text.pos import NOUN_TAGS, VERB_TAG
from assistant.text.segment import has_cjk, tag
from assistant.text.sentences import clause_of
from assistant.text.terms import JOINT_PARTS, RESPECTIVE

_NOMINAL = (*NOUN_TAGS, VERB_TAG)  # verbs too: a figure may measure an action
_COMPARISON = re.compile(r"(?:较|比)[^，,]*$")
# English: the words after a number that say what it counts ("4 schools joined …" → schools).
_EN_AFTER = re.compile(r"^\s*(?:million|billion|thousand|hundred|万|亿)?\s*((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)")
_EN_STOP = frozenset(
    "a an the of in on at to for from by with and or was were is are be been has have had did do does that which who "
    "this these those there their its than as per each every into over under about around more less".split()
)
_LIST_BREAK = re.compile(r"[、和与及]")  # between the parts a 分别 statement lists ("进口、出口分别…")
SEMANTIC_FLOOR = 0.5  # below this similarity an English subject is bound to no quantity of the passage
SEMANTIC_MARGIN = 0.03  # a quantity this close to the best fit counts as bound too (ties in meaning)
LEXICAL_BOUND = 0.5  # a Chinese subject sharing this much with a quantity is bound to it
# Two words this close in meaning name the same thing. Chosen on word pairs of our own (tests/unit/test_bind.py):
# 老师/教师 0.96 and 孩子/儿童 0.93 above; 教师/教职工 0.89, 学生/学子 0.89, 医院/卫生院 0.88, 收入/营收 0.83,
# 就业/失业 0.80, 游客/旅客 0.79 and 小学/中学 0.77 below: a near miss is worse than a paraphrase left unread.
SYNONYM_FLOOR = 0.9


@dataclass(frozen=True)
class Quantity:
    """A figure of a passage and what it measures."""

    text: str
    value: float | None
    upper: float | None
    unit: str
    measured: str

    @property
    def head(self) -> str:
        return head_noun(self.measured)


def quantities(text: str) -> tuple[Quantity, ...]:
    """The figures of ``text`` with what each measures, in order."""
    return tuple(Quantity(f.value, f.normalized, f.upper, f.unit, f.indicator) for f in sentence_figures(text))


@lru_cache(maxsize=20_000)
def head_noun(phrase: str) -> str:
    """The word a Chinese noun phrase is about: its last noun, less words of change ("生产总值增长" → 生产总值)."""
    phrase = _COMPARISON.sub("", phrase)
    words = [word for word, flag in tag(phrase) if len(word) >= 2 and flag.startswith(_NOMINAL)]
    words = [word for word in words if word not in CHANGE_WORDS] or words
    return words[-1] if words else phrase[-2:]


def same_value(figure: str, quantity: Quantity) -> bool:
    """Whether the figure an answer writes ("12所", "4") is this quantity's value (and unit, if it has one)."""
    wanted = parse_figure(figure)
    if wanted is None or quantity.value is None:
        return False
    if wanted.unit and not same_unit_class(wanted.unit, quantity.unit):
        return False
    close = lambda a, b: abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))  # noqa: E731
    return close(wanted.value, quantity.value) or (quantity.upper is not None and close(wanted.value, quantity.upper))


def english_subject(answer: str, end: int) -> str:
    """The words after a figure in an English answer that say what it counts ("4 schools joined" → schools)."""
    match = _EN_AFTER.match(answer[end:])
    if not match:
        return ""
    words: list[str] = []
    for word in match.group(1).split():
        if word.lower() in _EN_STOP or (words and word.lower().endswith("ed")):
            break
        words.append(word)
    return " ".join(words)


def lexical_fit(subject: str, quantity: Quantity) -> float:
    """How much a Chinese subject shares with what a quantity measures (1: its head noun is named)."""
    if not subject or not quantity.measured:
        return 0.0
    head = head_noun(subject)
    if subject in quantity.measured or (head and head in quantity.measured):
        return 1.0
    grams = {subject[i : i + 2] for i in range(len(subject) - 1)}
    return sum(g in quantity.measured for g in grams) / len(grams) if grams else 0.0


class Binder:
    """Binds claims to the quantities of passages; holds the embedder for subjects words cannot compare."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder

    def bound(self, subject: str, unit: str, target: Quantity, candidates: Sequence[Quantity]) -> bool:
        """Whether a claim about ``subject`` (in ``unit``, "" any) is bound to ``target`` among ``candidates``:
        the unit class agrees, and no other quantity of the passage fits the subject clearly better."""
        if unit and target.unit and not in_asked_unit(unit, target.unit):
            return False
        if not subject:
            return True
        pool = [q for q in candidates if not (unit and q.unit and not in_asked_unit(unit, q.unit))]
        if target not in pool:
            pool.append(target)
        mine_at = pool.index(target)
        if has_cjk(subject) and (respective := _respective(subject, target, pool)) is not None:
            return respective
        if has_cjk(subject):
            lexical = [lexical_fit(subject, q) for q in pool]
            if max(lexical) > 0:
                best = max(lexical)
                return lexical[mine_at] >= best or (lexical[mine_at] >= LEXICAL_BOUND and best < 1.0)
        if self.embedder is None:
            return True  # nothing to compare meanings with: the value and unit decide
        scores = _similarity(self.embedder, subject, pool)
        return scores[mine_at] >= SEMANTIC_FLOOR and scores[mine_at] >= max(scores) - SEMANTIC_MARGIN

    def meaning_fit(self, subject: str, text: str, unit: str = "") -> float:
        """How close in meaning ``subject`` is to the nearest thing a figure of ``text`` (in ``unit``, when one
        is asked) measures (0 without an embedder or figures): an English question's "new provincial research
        centres" against the 新建省级研发中心 of "新建省级研发中心38家", not against the sentence as a whole; a
        question asking 亿元 against the figures in 元, not the growth rate beside them."""
        found = tuple(
            q for q in quantities(text) if not unit or not q.unit or in_asked_unit(unit, q.unit, generic_counter=True)
        )
        if self.embedder is None or not subject or not found:
            return 0.0
        # the figure's clause too: "惠及8600名群众" says what 群众, all the reader finds it measures, had done to them
        clauses = [clause_of(q.text, text) for q in found]
        return max(_similarity(self.embedder, subject, found, clauses))

    def names(self, word: str, text: str) -> bool:
        """Whether ``text`` names ``word`` in other words: one of its nouns means the same ("1200名学前儿童"
        for the 孩子 a question asks about). Without an embedder, nothing is read as a paraphrase."""
        if self.embedder is None or not word:
            return False
        nouns = tuple(dict.fromkeys(w for w, flag in tag(text) if len(w) >= 2 and flag.startswith(NOUN_TAGS)))
        if not nouns:
            return False
        own, *others = _embed(self.embedder, (word, *nouns))
        return max(float(vector @ own) for vector in others) >= SYNONYM_FLOOR


def _respective_parts(target: Quantity, pool: Sequence[Quantity]) -> tuple[tuple[str, ...], ...] | None:
    """The parts a 分别 statement's figures measure, in their order, when ``target`` is one of them: in
    "城乡养老金分别上调6%和9%" 6% is 城镇's (城乡's first part), in "进口、出口分别增长3.7%、4.1%" 4.1% is 出口's.
    The parts are those listed before 分别, else those of the joint name there; None for another figure, or
    when the counts disagree. Each part is the words naming it (城镇, 城市)."""
    if RESPECTIVE not in target.measured:
        return None
    group = [q for q in pool if q.measured == target.measured]
    before = target.measured.split(RESPECTIVE)[0]
    listed = [part for part in _LIST_BREAK.split(before) if part]
    parts: tuple[tuple[str, ...], ...] = tuple((part,) for part in listed) if len(listed) > 1 else ()
    if not parts:
        parts = next((p for joint, p in JOINT_PARTS.items() if joint in before), ())
    return parts if len(parts) == len(group) else None


def _respective(subject: str, target: Quantity, pool: Sequence[Quantity]) -> bool | None:
    """Whether a claim about ``subject`` is bound to a figure of a 分别 statement by the part it names: "农村养老金
    上调6%" is not bound to the 6% that 城乡…分别上调6%和9% states of 城镇. None where the subject names no
    single part of it."""
    parts = _respective_parts(target, pool)
    if parts is None:
        return None
    named = {part for part in parts if any(word in subject for word in part)}
    if len(named) != 1:
        return None
    group = [q for q in pool if q.measured == target.measured]
    return named == {parts[group.index(target)]}


_VECTORS: dict[tuple[str, str], np.ndarray] = {}


def _similarity(
    embedder: Embedder, subject: str, candidates: Sequence[Quantity], clauses: Sequence[str] = ()
) -> list[float]:
    """How close in meaning each candidate's head or measured words (or its clause, where given) are to
    ``subject`` (the best of them)."""
    own_phrases = [(q.head, q.measured, clauses[at] if at < len(clauses) else "") for at, q in enumerate(candidates)]
    phrases = list(dict.fromkeys([subject] + [p for group in own_phrases for p in group if p]))
    vectors = dict(zip(phrases, _embed(embedder, tuple(phrases)), strict=True))
    own = vectors[subject]
    return [max((float(vectors[p] @ own) for p in group if p), default=0.0) for group in own_phrases]


def _embed(embedder: Embedder, phrases: tuple[str, ...]) -> list[np.ndarray]:
    """Query-side vectors of short phrases (a phrase compared with a phrase), cached per embedder."""
    name = getattr(embedder, "name", "")
    missing = [p for p in phrases if (name, p) not in _VECTORS]
    if missing:
        for phrase, vector in zip(missing, embedder.embed_queries(missing), strict=True):
            if len(_VECTORS) > 50_000:
                _VECTORS.clear()
            _VECTORS[(name, phrase)] = np.asarray(vector, dtype=np.float32)
    return [_VECTORS[(name, p)] for p in phrases]
