"""Citation markers: "[1]" after a claim names the passage it quotes; "[1，2]" names several."""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")  # "[1]", "[1, 2]", "[1、3]": group 1 lists the numbers
ONE_MARKER = re.compile(r"\[(\d+)\]")  # the form the product writes itself: one number a marker
# What may follow a sentence's full stop and still belong to it: "……。[1]", "……。 [1，2][3]".
AFTER_STOP = r"(?:\s*\[[\d,，、\s]+\])*"
# Runs of the product's own markers, as a draft writes them after a clause: "……[1][2]".
RUN = r"(?:\[\d+\])*"
_SPACED = re.compile(r"\s*" + MARKER.pattern)
_KEEPING = re.compile(r"(\[\d+\])")


def cited_numbers(text: str) -> list[int]:
    """Every passage number ``text`` cites, in order, repeats kept ("a[1]b[2，1]" → [1, 2, 1])."""
    return [int(n) for group in MARKER.findall(text) for n in re.split(r"[,，、\s]+", group) if n]


def without_markers(text: str) -> str:
    """``text`` without its markers and the space before them: only what it claims is left."""
    return _SPACED.sub("", text)


def around_markers(text: str) -> list[str]:
    """``text`` cut at its one-number markers, the markers kept as pieces ("a[1]b" → ["a", "[1]", "b"])."""
    return _KEEPING.split(text)
