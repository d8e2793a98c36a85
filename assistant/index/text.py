"""What the index sees of a chunk: the text it embeds and the tokens it matches on.

Both carry the document title and heading path, because a passage such as "组建4个
教育集团" only says which report, year and section it belongs to through them.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

from assistant.ingest.temporal import RELATIVE_YEARS
from assistant.types import Chunk

_WORD = re.compile(r"[\w.%％]+", re.UNICODE)
_STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 为 对 等 中 把 被 将 从 以 由 于 其 之 这 那 有 也 都 就 并 "
    "个 年 什么 多少 几 哪些 哪个 如何 怎么 怎样 是否 吗 呢 啊 "
    "the a an of to in on for and or is are was were what which how many much did does do".split()
)
_jieba_lock = threading.Lock()


_CJK = re.compile(r"[\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def passage_text(chunk: Chunk) -> str:
    """The text embedded and keyword-indexed for a chunk: title and headings give context."""
    context = " ".join(part for part in (chunk.title, chunk.section) if part)
    return f"{context}\n{chunk.text}" if context else chunk.text


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
        words = jieba.lcut_for_search(text)
    return [w for word in words if (w := word.strip().lower()) and _WORD.fullmatch(w) and w not in _STOPWORDS]


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs; jieba's tagger loads on first use (about half a second)."""
    _jieba()
    import jieba.posseg

    with _jieba_lock:
        return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def years_meant(text: str, doc_year: int | None) -> set[int]:
    """Years a passage speaks of: written out ("2025年") or relative to its report's year ("今年")."""
    years = {int(y) for y in _YEAR_IN_TEXT.findall(text)}
    if doc_year:
        years |= {doc_year + offset for word, offset in RELATIVE_YEARS.items() if word in text}
    return years


def keyword_tokens(chunk: Chunk) -> list[str]:
    """Tokens for BM25: the passage's, plus the years its relative words stand for.

    "今年" in a 2025 report means 2025, so a question about 2025 matches it.
    """
    tokens = tokenize(passage_text(chunk))
    written = {int(y) for y in _YEAR_IN_TEXT.findall(chunk.text)}
    return tokens + [str(year) for year in sorted(years_meant(chunk.text, chunk.meta.year) - written)]
