"""Words of Chinese text: jieba's segmenter and tagger, shared and thread-safe, and CJK detection."""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

from assistant.text.lexicon import words

_WORD = re.compile(r"[\w.%％]+", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
STOP_WORDS = frozenset(words("stop_words.txt"))
_jieba_lock = threading.Lock()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens, lower-cased, without punctuation and stop words."""
    jieba = _jieba()
    with _jieba_lock:  # jieba's lazy structures are not thread-safe; one lock for cutting and tagging
        cut = jieba.lcut_for_search(text)
    return [w for word in cut if (w := word.strip().lower()) and _WORD.fullmatch(w) and w not in STOP_WORDS]


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs; jieba's tagger loads on first use (about half a second)."""
    _jieba()
    import jieba.posseg

    with _jieba_lock:
        return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]


def is_word(text: str) -> bool:
    """Whether jieba's dictionary holds ``text`` as a word of its own (its prefixes are stored with no count)."""
    jieba = _jieba()
    return jieba.dt.FREQ.get(text, 0) > 0
