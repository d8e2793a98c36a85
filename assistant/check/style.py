"""The optional LLM pass of 核稿: sentences hard to read or repeating themselves, with a rewrite.

Off by default and never in fast mode. The draft's sentences go to the configured backend in
numbered batches (prompts/check_style.md); each line it answers names a sentence, the problem
and the rewritten sentence. A rewrite must keep every figure: one whose numbers differ from
the sentence's (values, units, and every run of digits, so years and 文号 too) is dropped,
since 核稿 checks figures and never invents them. A backend that is down or fails gives a
notice instead of findings; the rule findings are unaffected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.check.report import Finding
from assistant.errors import BackendUnavailableError
from assistant.facts.numbers import find_numbers
from assistant.llm.backends import ChatBackend
from assistant.prompts import load_prompt
from assistant.settings import Settings
from assistant.text.normalize import squash_punctuation, strip_span
from assistant.text.numerals import FULLWIDTH
from assistant.text.sentences import STOPS, sentence_pattern

RULE = "llm.style"
KIND = "文风"
_SENTENCE = sentence_pattern(STOPS)
_SHORTEST = 12  # characters: short sentences are left alone, and so are titles and headings (no full stop)
# An answer line: "[3]｜问题｜改写" as asked, or "[3] 改写" as small models also write it; a line
# "改写后的整句：…" after a numbered one gives that sentence's rewrite.
_NUMBERED = re.compile(r"^\s*(?:[\[【(（](\d+)[\]】)）]|(\d+)\s*(?=[｜|.、:：]))\s*[｜|.、:：]?\s*(.*)$")
_FIELD = re.compile(r"\s*[｜|]\s*")
_REWRITE = re.compile(r"^\s*改写[^：:]{0,6}[：:]\s*(.+)$")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


def style_findings(
    text: str, backend: Callable[[], ChatBackend], settings: Settings
) -> tuple[list[Finding], list[str]]:
    """The LLM's findings on ``text`` and the notices (in Chinese) of what it could not do.

    ``backend`` is called only here, so a backend that cannot even be loaded is a notice too.
    """
    sentences = _sentences(text)
    read = [s for s in sentences if s.end <= settings.check_llm_max_chars]
    notices = []
    if len(read) < len(sentences):
        notices.append(f"大模型只审读了草稿的前 {settings.check_llm_max_chars} 字（上限 check_llm_max_chars）。")
    findings: list[Finding] = []
    dropped = 0
    try:
        model = backend()
        for batch in _batches(read, settings.check_llm_batch_chars):
            answer = "".join(model.stream(_messages(batch, settings), max_tokens=settings.check_llm_max_tokens))
            kept, lost = _findings(answer, batch)
            findings += kept
            dropped += lost
    except BackendUnavailableError as error:
        notices.append(f"大模型不可用，未做文风审读，以下为规则检查结果 (LLM unavailable): {error}")
    if dropped:
        notices.append(f"大模型有 {dropped} 条改写改动了数字，已舍弃。")
    return findings, notices


def same_figures(original: str, rewrite: str) -> bool:
    """Whether a rewrite states exactly the figures of the original: the same quantities (value, unit,
    kind, 超过/余/左右 …) and the same runs of digits (a year, a 文号, a code that is no quantity).
    A figure stated twice may be stated once: removing a repetition is what the pass is for."""

    def figures(text: str) -> set[tuple]:
        return {(m.kind, m.value, m.upper, m.unit, m.qualifier) for m in find_numbers(text)}

    def digits(text: str) -> set[str]:
        return set(_DIGITS.findall(text.translate(FULLWIDTH)))

    return figures(original) == figures(rewrite) and digits(original) == digits(rewrite)


def _findings(answer: str, batch: list[_Sentence]) -> tuple[list[Finding], int]:
    """The findings an answer names, and how many rewrites were dropped for changing a figure."""
    kept = []
    dropped = 0
    for number, (reason, rewrite) in sorted(_parse(answer, len(batch)).items()):
        sentence = batch[number - 1]
        if not rewrite or squash_punctuation(rewrite) == squash_punctuation(sentence.text):
            continue  # the sentence echoed: nothing to change
        if not same_figures(sentence.text, rewrite):
            dropped += 1
            continue
        message = f"文风（大模型建议）：{reason or '语句拗口或重复，可改写'}"
        kept.append(Finding(RULE, KIND, sentence.start, sentence.end, sentence.text, message, rewrite))
    return kept, dropped


def _parse(answer: str, count: int) -> dict[int, tuple[str, str]]:
    """Sentence number → (the problem, the rewrite) as the answer gives them; the last word on a number wins."""
    parsed: dict[int, tuple[str, str]] = {}
    current = None
    for line in answer.splitlines():
        numbered, rewrite = _NUMBERED.match(line), _REWRITE.match(line)
        if numbered:
            number = int(numbered.group(1) or numbered.group(2))
            current = number if 1 <= number <= count else None
            if current is not None:
                fields = [f for f in _FIELD.split(numbered.group(3).strip()) if f]
                parsed[current] = ("；".join(fields[:-1]), fields[-1] if fields else "")
        elif rewrite and current is not None:
            parsed[current] = (parsed[current][0], rewrite.group(1).strip())
    return parsed


def _sentences(text: str) -> list[_Sentence]:
    found = []
    for match in _SENTENCE.finditer(text):
        start, end = strip_span(text, match.start(), match.end())
        if end - start >= _SHORTEST and text[end - 1] in STOPS:
            found.append(_Sentence(start, end, text[start:end]))
    return found


def _batches(sentences: list[_Sentence], size: int) -> Iterator[list[_Sentence]]:
    batch: list[_Sentence] = []
    for sentence in sentences:
        if batch and sum(len(s.text) for s in batch) + len(sentence.text) > size:
            yield batch
            batch = []
        batch.append(sentence)
    if batch:
        yield batch


def _messages(batch: list[_Sentence], settings: Settings) -> list[dict[str, str]]:
    numbered = "\n".join(f"[{n}] {s.text}" for n, s in enumerate(batch, 1))
    return [{"role": "system", "content": load_prompt(settings, "check_style")}, {"role": "user", "content": numbered}]
