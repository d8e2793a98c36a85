"""Subjects a text speaks of, written or not: 职业教育 in "7所高职学校入选…" (``data/narrower_terms.txt``),
and the parts a joint name speaks of at once: 城镇 and 农村 in 城乡 (``data/joint_words.txt``).

The segmenter splits some subjects into their parts (职业教育 → 职业, 教育), so a subject is found in the
text itself, not among its words.
"""

from __future__ import annotations

from assistant.text.lexicon import groups

NARROWER = groups("narrower_terms.txt")
# joint name → its parts in order, each part the words that name it: 城乡 → ((城镇, 城市), (农村, 乡村))
JOINT_PARTS = {
    joint: tuple(tuple(part.split("|")) for part in parts) for joint, parts in groups("joint_words.txt").items()
}


def subjects_of(text: str) -> set[str]:
    """The subjects of the list that ``text`` names, or speaks of through one of their narrower words."""
    return {subject for subject, narrower in NARROWER.items() if subject in text or any(w in text for w in narrower)}


def written_shortened(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` one character shorter inside, its first and last kept: Chinese
    shortens a compound by dropping a character and keeps the head at its end (公交车站 → 公交站, 体育场馆 →
    体育馆). One character only, and words of three or more: a two-character word shortened is one
    character, which names nothing."""
    return len(word) >= 3 and any(word[:i] + word[i + 1 :] in text for i in range(1, len(word) - 1))
