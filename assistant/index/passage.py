"""What the index sees of a chunk: the text it embeds and the tokens it matches on.

Both carry the document title and heading path, because a passage such as "组建4个
教育集团" only says which report, year and section it belongs to through them.
"""

from __future__ import annotations

from assistant.text.segment import tokenize
from assistant.text.years import years_meant, years_written
from assistant.types import Chunk


def passage_text(chunk: Chunk) -> str:
    """The text embedded and keyword-indexed for a chunk: title and headings give context."""
    context = " ".join(part for part in (chunk.title, chunk.section) if part)
    return f"{context}\n{chunk.text}" if context else chunk.text


def keyword_tokens(chunk: Chunk) -> list[str]:
    """Tokens for BM25: the passage's, plus the years its relative words stand for.

    "今年" in a 2025 report means 2025, so a question about 2025 matches it.
    """
    tokens = tokenize(passage_text(chunk))
    written = years_written(chunk.text)
    return tokens + [str(year) for year in sorted(years_meant(chunk.text, chunk.meta.year) - written)]
