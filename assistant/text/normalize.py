"""Squashing: text compared regardless of how it is spaced or punctuated."""

from __future__ import annotations

import re

_NOT_WORD = re.compile(r"[\s\W_]+")


def squash(text: str) -> str:
    """``text`` without whitespace: a PDF line break or a space inside "1 200" does not change a match."""
    return "".join(text.split())


def squash_punctuation(text: str) -> str:
    """``text`` without whitespace or punctuation: a heading echoed as "一、总体要求：" is the heading."""
    return _NOT_WORD.sub("", text)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` without its leading and trailing whitespace, as offsets into ``text``
    (passages and clauses keep their place in the document for citations)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
