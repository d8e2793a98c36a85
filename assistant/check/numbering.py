"""层次序号: the heading numbers of a draft must go 一、 → （一） → 1. → （1）, in sequence.

A line's level comes from the heading grammar the splitter uses (``heading_level``), so
the checker and the index never disagree about what a heading is; the number is read
from its marker. A 第…章/节 heading starts the count again. Only line starts count:
"一是…二是…" inside a paragraph is not a heading.
"""

from __future__ import annotations

import re

from assistant.check.report import Finding
from assistant.facts.numbers import chinese_ordinal, ordinal_value
from assistant.ingest.clean import heading_level

_FIRST = 3  # heading_level of "一、"; （一）, 1. and （1） follow
_MARKER = re.compile(r"#*\s*[（(]?([一二三四五六七八九十百\d]+)[）)]?\s*[、.．]?")


def check_numbering(text: str, data: dict) -> list[Finding]:
    """Skipped levels, repeated and missing numbers among the draft's heading markers."""
    formats: list[str] = data["formats"]
    kind = data.get("kind", "层次序号")
    last: dict[int, int] = {}  # level (0 = 一、) → its last number under the current parent
    findings = []
    offset = 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        level = heading_level(line[lead:])
        marker = _MARKER.match(line, lead)
        if level is not None and level < _FIRST:
            last.clear()
        elif level is not None and _FIRST <= level < _FIRST + len(formats) and marker:
            number = ordinal_value(marker.group(1))
            if number is not None:
                depth = level - _FIRST
                judged = _judge(depth, number, last, formats, data)
                if judged:
                    key, message, suggestion = judged
                    start, end = offset + marker.start(), offset + marker.end()
                    findings.append(Finding(f"numbering.{key}", kind, start, end, text[start:end], message, suggestion))
                last[depth] = number
                for deeper in [d for d in last if d > depth]:
                    del last[deeper]
        offset += len(line) + 1
    return findings


def _judge(
    depth: int, number: int, last: dict[int, int], formats: list[str], data: dict
) -> tuple[str, str, str] | None:
    """Which message (its key in the file), the message and the fix for a marker, or None when
    it is in order. A skipped level is filled in, so only the first marker under it is flagged."""
    marker = _format(formats[depth], number)
    open_levels = [d for d in range(depth) if d not in last]
    if depth and open_levels and last.get(depth) is None:
        parent = open_levels[0]
        for missing in open_levels:
            last[missing] = number  # read as the missing level's number: flag this marker only
        return (
            "skipped",
            data["skipped"].format(marker=marker, parent=_format(formats[depth - 1], 1)),
            _format(formats[parent], number),
        )
    previous = last.get(depth, 0)
    if number == previous:
        return "repeated", data["repeated"].format(marker=marker), _format(formats[depth], previous + 1)
    if number != previous + 1:
        expected = _format(formats[depth], previous + 1)
        if not previous:
            return "first", data["first"].format(expected=expected), expected
        return (
            "missing",
            data["missing"].format(previous=_format(formats[depth], previous), expected=expected),
            expected,
        )
    return None


def _format(template: str, n: int) -> str:
    return template.format(cn=chinese_ordinal(n), n=n)
