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
