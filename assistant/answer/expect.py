"""What a numeric question asks for, so an extractive answer can tell a near miss from an answer.

"艺术类科目在中考中的分值是多少分" asks for a number of 分 about 分值. A sentence on the same
topic that states neither ("探索将艺术类科目纳入中考…") is a near miss: quoting it would
look like an answer, so the fast mode refuses instead. Only Chinese questions are read;
elsewhere nothing is expected and every sentence passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.facts.numbers import find_numbers
from assistant.index.text import tag

_ASK_WORDS = ("多少", "几")
# Measure words and units a question can put right after 多少/几 ("几小时", "多少分").
_UNIT_AFTER_ASK = re.compile(
    r"(?<!哪)(?:多少|几)(万元|亿元|元|分钟|小时|分|天|日|周|个月|月|年|岁|个|所|人次|人|名|次|项|家|座|条|"
    r"公里|千米|米|亩|公顷|吨|张|台|辆|本|册|门|倍|篇|场|处|部|期|节|块|间|件|份|位|户|支|批|套|届|轮|课时|学时)"
)
_SAME_UNIT = {"天": "日"}
_RATIO_WORDS = re.compile(r"比例|占比|百分之几|百分比|比率")
_RATIO_IN_SENTENCE = re.compile(r"%|％|百分之|\d\s*[:：]\s*\d|成")
_NOMINAL = ("n", "vn", "j", "l", "b", "eng")
_QUOTES = frozenset("“”‘’\"'《》「」")
_SKIPPABLE = ("v", "a", "d", "p", "u", "r", "c", "f", "m", "q")  # verbs, adverbs … between noun and ask word


@dataclass(frozen=True)
class Expectation:
    unit: str = ""  # a number in this unit must be stated ("分", "小时"); "" when none is named
    ratio: bool = False  # a percentage or ratio must be stated
    focus: tuple[str, ...] = ()  # the noun phrase asked about ("分值", "热线 号码"): one word must be named

    def met_by(self, sentence: str, context: str = "") -> bool:
        """Whether ``sentence`` (with its heading ``context``) can answer the question."""
        if self.focus and not any(word in sentence or word in context for word in self.focus):
            return False
        if self.ratio and not _RATIO_IN_SENTENCE.search(sentence):
            return False
        if self.unit:
            wanted = _SAME_UNIT.get(self.unit, self.unit)
            units = {mention.unit for mention in find_numbers(sentence) if mention.kind == "quantity"}
            return any(u.startswith(wanted) or u.endswith(wanted) or wanted.endswith(u) for u in units if u)
        return True


def _is_nominal(flag: str) -> bool:
    return flag.startswith(_NOMINAL)


def _nominal_run(words: list[tuple[str, str]], start: int, step: int) -> list[str]:
    """Consecutive nouns (and quote marks) from ``start`` in direction ``step``, in reading order."""
    run = []
    while 0 <= start < len(words) and (_is_nominal(words[start][1]) or words[start][0] in _QUOTES):
        run.append(words[start][0])
        start += step
    return run if step > 0 else run[::-1]


def _focus(words: list[tuple[str, str]], ask: int) -> tuple[str, ...]:
    """The noun phrase counted: right after the ask word ("多少助学金"), else right before it."""
    after = ask + 1
    if after < len(words) and _UNIT_AFTER_ASK.fullmatch("几" + words[after][0]):
        after += 1  # "几 个 教育 集团": skip the measure word
    run = _nominal_run(words, after, 1)
    if not run:
        before = ask - 1
        while before >= 0 and not _is_nominal(words[before][1]):  # skip 是 / 达到 / 不得低于 …
            if not words[before][1].startswith(_SKIPPABLE) or ask - before > 4:
                return ()
            before -= 1
        run = _nominal_run(words, before, -1)
    return tuple(word for word in run if len(word) >= 2 and word not in _QUOTES)


@lru_cache(maxsize=2048)
def expectation(question: str) -> Expectation:
    """What a Chinese numeric question expects of its answer; empty for other questions."""
    if not any(word in question for word in _ASK_WORDS) or "哪" in question:
        return Expectation()
    clauses = re.split(r"[，,；;？?。！!]", question)
    asked = next(clause for clause in clauses if any(word in clause for word in _ASK_WORDS))
    words = tag(asked)
    ask = next((i for i, (word, _) in enumerate(words) if word.startswith(_ASK_WORDS)), None)
    unit = _UNIT_AFTER_ASK.search(asked)
    return Expectation(
        unit=unit.group(1) if unit else "",
        ratio=bool(_RATIO_WORDS.search(asked)),
        focus=_focus(words, ask) if ask is not None else (),
    )
