"""Subjects a text speaks of, written or not: 职业教育 in "7所高职学校入选…" (``data/narrower_terms.txt``),
the parts a joint name speaks of at once: 城镇 and 农村 in 城乡 (``data/joint_words.txt``), the siblings
that name another quantity of the same kind: 支出 beside 收入 (``data/sibling_terms.txt``), short forms:
GDP for 地区生产总值 (``data/short_forms.txt``), and the everyday names of headline indicators: 财政收入 for
一般公共预算收入 (``data/indicator_names.txt``).

The segmenter splits some subjects into their parts (职业教育 → 职业, 教育), so a subject is found in the
text itself, not among its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.text.lexicon import groups
from assistant.text.segment import tokenize

NARROWER = groups("narrower_terms.txt")
# a name a text writes in quotes or book-title marks (“书香校园”, 《某某法》): group 1 is the name
QUOTED_NAME = re.compile(r"[“《]([^”》]+)[”》]")
# joint name → its parts in order, each part the words that name it: 城乡 → ((城镇, 城市), (农村, 乡村))
JOINT_PARTS = {
    joint: tuple(tuple(part.split("|")) for part in parts) for joint, parts in groups("joint_words.txt").items()
}


def _joint_names() -> dict[str, tuple[str, ...]]:
    """Part → the joint names that name it too ("城乡居民…分别达到4.1万元、1.9万元" names 农村居民)."""
    names: dict[str, tuple[str, ...]] = {}
    for joint, parts in JOINT_PARTS.items():
        for word in (word for part in parts for word in part):
            names[word] = (*names.get(word, ()), joint)
    return names


JOINT_NAMES = _joint_names()
_JOINTS_LONGEST_FIRST = sorted(JOINT_PARTS, key=len, reverse=True)
# The verbs that say which way a figure moved ("增长3.1%", "减少1.2万人", "压减燃煤消费量800万吨").
DIRECTION_WORDS = ("增长", "增加", "下降", "提高", "提升", "减少", "降低", "压减", "削减")
RESPECTIVE = "分别"  # a joint name followed by this gives each part its own figure, in the parts' order
# sibling groups, each a tuple of parts, each part the words naming it: ((收入,), (支出,)), ((城镇, 城市), (农村, 乡村))
SIBLINGS = tuple(
    tuple(tuple(part.split("|")) for part in (first, *rest)) for first, rest in groups("sibling_terms.txt").items()
)


def _both_ways(short_forms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each short form → its full names, and each full name → its short form."""
    names = dict(short_forms)
    for short, fulls in short_forms.items():
        for full in fulls:
            names[full] = (*names.get(full, ()), short)
    return names


SHORT_FORMS = _both_ways(groups("short_forms.txt"))  # GDP → 地区生产总值 …, 地区生产总值 → GDP
INDICATOR_NAMES = groups("indicator_names.txt")  # 财政收入 → 一般公共预算收入: the name a report states it under
MOVE_NOUNS = groups("move_nouns.txt")  # 增速 → 增长 提高 …: the verbs that state the move a noun names
_MOVE_REACH = 4  # characters between a move's verb and its figure ("增长了5.2%", "下降约3%")


def subjects_of(text: str) -> set[str]:
    """The subjects of the list that ``text`` names, or speaks of through one of their narrower words."""
    return {subject for subject, narrower in NARROWER.items() if subject in text or any(w in text for w in narrower)}


def names_short_form(word: str, text: str) -> bool:
    """Whether ``text`` names ``word`` by its short form or full name (GDP and 地区生产总值, 高企 and 高新技术企业)."""
    return any(other in text for other in SHORT_FORMS.get(word, ()))


def as_reports_name(text: str) -> list[str]:
    """``text`` with an everyday name of a headline indicator written as reports name it ("财政收入增长" →
    "一般公共预算收入增长"), one text for each such name; none when it names no indicator so."""
    return [
        text.replace(everyday, name)
        for everyday, names in INDICATOR_NAMES.items()
        if everyday in text
        for name in names
        if name not in text
    ]


def move_verbs(word: str, text: str) -> list[re.Match]:
    """Where ``text`` states the move the noun ``word`` names, by a verb with a figure after it (增速 in
    "地区生产总值增长5.2%"); none for a word naming no move."""
    verbs = MOVE_NOUNS.get(word, ())
    if not verbs:
        return []
    pattern = rf"(?:{'|'.join(map(re.escape, verbs))})(?=[^，,。；;\d]{{0,{_MOVE_REACH}}}\d)"
    return list(re.finditer(pattern, text))


def written_shortened(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` one character shorter inside, its first and last kept: Chinese
    shortens a compound by dropping a character and keeps the head at its end (公交车站 → 公交站, 体育场馆 →
    体育馆). One character only, and words of three or more: a two-character word shortened is one
    character, which names nothing."""
    return len(word) >= 3 and any(word[:i] + word[i + 1 :] in text for i in range(1, len(word) - 1))


def sibling_only(asked: str, clauses: Sequence[str]) -> bool:
    """Whether the clauses stating figures name a sibling of what ``asked`` names and never the thing itself:
    "一般公共预算支出86亿元" for 一般公共预算收入, "货物进出口总额1200亿元，其中出口700亿元" for 进口. The embedder
    reads siblings as near synonyms, so their figures would pass for the one asked. A joint name (进出口, 城乡)
    names its parts only where it gives each its figure (分别), and a part is no answer for the joint asked, nor
    the joint's figure for a part asked."""
    if _part_for_joint(asked, clauses) or _joint_for_part(asked, clauses):
        return True
    for group in SIBLINGS:
        mine = [part for part in group if _names_part(part, asked)]
        if len(mine) != 1:
            continue
        others = [part for part in group if part != mine[0]]
        if not any(_names_part(mine[0], clause) for clause in clauses) and any(
            _names_part(part, clause) for clause in clauses for part in others
        ):
            return True
    return False


def _part_for_joint(asked: str, clauses: Sequence[str]) -> bool:
    """Whether ``asked`` names a joint name (进出口, 中小学) that the clauses stating figures never name, while
    they name some of its parts and not all: "出口增长10%" states no 进出口's growth, "新建小学5所" no 中小学."""
    for joint, parts in JOINT_PARTS.items():
        if joint not in asked or any(joint in clause for clause in clauses):
            continue
        named = [part for part in parts if any(_names_part(part, clause) for clause in clauses)]
        if 0 < len(named) < len(parts):
            return True
    return False


def _joint_for_part(asked: str, clauses: Sequence[str]) -> bool:
    """Whether ``asked`` names one part of a joint name (出口 of 进出口, 小学 of 中小学) that the clauses stating
    figures never name, while they name the joint: "外贸进出口额600亿元" states no 出口额, "新建中小学5所" no 小学."""
    for joint, parts in JOINT_PARTS.items():
        mine = [part for part in parts if _names_part(part, asked)]
        if joint in asked or len(mine) != 1 or not any(joint in _joint_words(clause) for clause in clauses):
            continue
        if not any(_names_part(mine[0], clause) for clause in clauses):
            return True
    return False


def _names_part(part: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` names a part (one of its words), itself or through a joint name stating each part's
    figure ("城乡居民人均可支配收入分别增长5%和7%" names 农村); a joint name without 分别 names no part (进出口总值)."""
    if RESPECTIVE in text and any(joint in text for word in part for joint in JOINT_NAMES.get(word, ())):
        return True
    for joint in _joint_words(text):
        text = text.replace(joint, "·")
    return any(word in text for word in part)


@lru_cache(maxsize=8192)  # asked of every clause of every candidate sentence, several times
def _joint_words(text: str) -> tuple[str, ...]:
    """The joint names ``text`` writes as words, longest first: not 中小学 of "其中小学3所"."""
    if not any(joint in text for joint in _JOINTS_LONGEST_FIRST):
        return ()
    words = set(tokenize(text))
    return tuple(joint for joint in _JOINTS_LONGEST_FIRST if joint in text and joint in words)
