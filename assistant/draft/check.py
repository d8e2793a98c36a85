"""Checking a draft against its passages: figures, document names and document numbers.

Each sentence's figures go through the answer verifier (``verify_answer``) against the
passages the sentence cites. A figure only another passage of the material states gets
that passage's citation added; a figure no passage states is marked 【待核实：…】 and
reported unverified, never shown as fact. A document name (《…》) or number (〔2025〕8号)
that no passage has is marked the same way: small models invent plausible ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.verify import verify_answer
from assistant.facts.numbers import figure_in_text
from assistant.text.markers import MARKER
from assistant.text.normalize import squash
from assistant.text.sentences import CITED_SENTENCE
from assistant.types import Citation, FigureCheck

UNVERIFIED = "【待核实：{}】"
_TITLE = re.compile(r"(?<!【待核实：)《([^《》]{2,60})》")
_DOC_NUMBER = re.compile(
    r"(?<!【待核实：)[\u4e00-\u9fff]{1,8}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号"
)  # 国办发〔2015〕71号


def settle_figures(text: str, citations: Sequence[Citation], ignore: str = "") -> tuple[str, tuple[FigureCheck, ...]]:
    """Verify each sentence's figures; cite the passage that states one, mark what none states.

    Sentence by sentence: ``verify_answer`` checks the figures against the cited
    passages (crediting an uncited sentence to the passage that states them). A
    figure only another passage of the material states gets that passage's marker
    added; a figure no passage states is marked ``【待核实：…】``.
    """
    checks: list[FigureCheck] = []
    out: list[str] = []
    for sentence in CITED_SENTENCE.findall(text):
        if not sentence:
            continue
        settled, found = verify_answer(sentence, citations, ignore=ignore)
        extra = []
        for check in found:
            if not check.verified:
                source = next((c.n for c in citations if figure_in_text(check.text, c.chunk.text)), None)
                if source is not None and source not in extra:
                    extra.append(source)
        if extra:
            settled, found = verify_answer(_add_markers(settled, extra), citations, ignore=ignore)
        for check in found:
            if not check.verified:
                settled = _mark(settled, check.text)
        checks += found
        out.append(_check_titles(settled, citations))
    return "".join(out), tuple(checks)


def _check_titles(sentence: str, citations: Sequence[Citation]) -> str:
    """Mark a document name (《…》) that no passage names or is titled as 【待核实：《…》】."""

    def known(match: re.Match) -> str:
        name = squash(match.group(1)).removeprefix("中华人民共和国")
        for citation in citations:
            if name in squash(citation.chunk.title) or name in squash(citation.chunk.text):
                return match.group(0)
        return UNVERIFIED.format(match.group(0))

    def known_number(match: re.Match) -> str:
        number = squash(match.group(0))
        if any(number in squash(c.chunk.text) for c in citations):
            return match.group(0)
        return UNVERIFIED.format(match.group(0))

    return _DOC_NUMBER.sub(known_number, _TITLE.sub(known, sentence))


def _add_markers(sentence: str, numbers: list[int]) -> str:
    """Add ``[n]`` markers after the sentence's own markers (or before its closing stop)."""
    markers = "".join(f"[{n}]" for n in numbers)
    body = sentence.rstrip("\n")
    tail = sentence[len(body) :]
    if re.search(r"\]\s*$", body):
        return f"{body}{markers}{tail}"
    stripped = body.rstrip("。！？!?")
    return f"{stripped}{markers}{body[len(stripped) :]}{tail}"


def _mark(sentence: str, figure: str) -> str:
    """Wrap the first unmarked ``figure`` outside citation markers as 【待核实：figure】."""
    protected = [(m.start(), m.end()) for m in MARKER.finditer(sentence)]
    protected += [(m.start(), m.end()) for m in re.finditer(r"【待核实：[^】]*】", sentence)]
    at = sentence.find(figure)
    while at >= 0:
        if not any(start <= at < end for start, end in protected):
            return f"{sentence[:at]}{UNVERIFIED.format(figure)}{sentence[at + len(figure) :]}"
        at = sentence.find(figure, at + 1)
    return sentence
