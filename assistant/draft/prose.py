"""Official prose: the punctuation and numerals of what a draft says (GB/T 15834-2011, GB/T 15835-2011).

Text taken from PDFs carries half-width punctuation ("改扩建农村学校5所,新增公办…"); Chinese text
in an official document uses full-width ，：；？！（）, paired “ ” quotes, Arabic numerals in half
width (１２ → 12) and no space between a numeral and its Chinese unit ("1 小时" → "1小时").
A comma or colon between two digits (1,234; 8:30) stays. Quotations keep the source's writing:
text inside “…”, 《…》 and 「…」 is left as it is, and so are citation markers [n] and
【待核实：…】 marks.
"""

from __future__ import annotations

import re

from assistant.text.markers import ONE_MARKER
from assistant.text.normalize import squash

# half-width mark → full-width, where it stands in Chinese text (GB/T 15834)
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")  # GB/T 15835: Arabic numerals in half width
_KEPT = re.compile(rf"“[^“”]*”|《[^《》]*》|「[^「」]*」|【[^【】]*】|{ONE_MARKER.pattern}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE_AROUND_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=\d)|(?<=\d)[ \t\u3000]+(?=[\u4e00-\u9fff%％])")
_SPACE_AFTER_MARK = re.compile(r"(?<=[，：；？！。、])[ \t\u3000]+")
_PARENS = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")
_STRAIGHT_QUOTES = re.compile(r"\"([^\"]*[\u4e00-\u9fff][^\"]*)\"")


def official(text: str) -> str:
    """The text with the punctuation and numerals of official Chinese prose, quotations left as written."""
    out, last = [], 0
    text = _STRAIGHT_QUOTES.sub(r"“\1”", text)
    for kept in _KEPT.finditer(text):
        out.append(_normalise(text[last : kept.start()], text, last))
        out.append(kept.group(0))
        last = kept.end()
    out.append(_normalise(text[last:], text, last))
    return "".join(out)


def _normalise(segment: str, whole: str, offset: int) -> str:
    if not segment:
        return segment
    segment = _SPACE_AROUND_NUMBER.sub("", segment.translate(_DIGITS))
    segment = _PARENS.sub(r"（\1）", segment)
    chars = list(segment)
    for i, char in enumerate(chars):
        if char not in FULL_WIDTH:
            continue
        before = _neighbour(whole, offset + i, -1)
        after = _neighbour(whole, offset + i, 1)
        if before.isdigit() and after.isdigit():
            continue  # 1,234 and 8:30
        if _chinese(before) or _chinese(after):
            chars[i] = FULL_WIDTH[char]
    return _SPACE_AFTER_MARK.sub("", "".join(chars))


def _neighbour(text: str, at: int, step: int) -> str:
    i = at + step
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _chinese(char: str) -> bool:
    return bool(char) and (bool(_CJK.match(char)) or char in "”’）》」】]")


def visible_length(text: str) -> int:
    """Characters a reader counts: no citation markers, spaces or line breaks; a 【待核实：x】 mark counts as x."""
    text = re.sub(r"【待核实：([^】]*)】", r"\1", text)
    return len(squash(ONE_MARKER.sub("", text)))
