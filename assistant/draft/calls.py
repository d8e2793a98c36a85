"""The LLM calls of a draft: one a part (heading) of the outline, each with the material it is written from.

With facts from the documents a request names, a part's material is its facts, sentence by
sentence in the documents' order, each line naming whose words it is when that is not the
writer's own ("· 《义务教育法》第十二条：…", "· 据重庆市2026年政府工作报告：…"). Without them, a
heading's material is the quotes ``evidence`` picked from the retrieved passages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.draft.check import MARKER
from assistant.draft.compose import Group, groups_of
from assistant.draft.documents import AUTHORITY, OWN, Source
from assistant.draft.evidence import Evidence, document_line, source_label
from assistant.draft.gather import Fact
from assistant.draft.ground import Quote, pairs
from assistant.draft.material import Material
from assistant.draft.templates import Template
from assistant.prompts import load_prompt
from assistant.settings import Settings
from assistant.text.numerals import item_numeral

LEAST_SHARE = 0.85  # the fewest characters a part is asked for, against its length
LEAD_KEPT = 0.6  # share of a heading's best quote the paragraph must restate, else the quote is added
_ARTICLE_LABEL = re.compile(
    r"^(第[一二三四五六七八九十百零〇两\d]+条)："
)  # "第十二条：" the prompt adds to a law's sentence


@dataclass(frozen=True)
class Call:
    """One LLM call: the paragraph of one heading (or, for ``write = "whole"``, the section)."""

    headings: tuple[str, ...]
    quotes: tuple[Quote, ...]
    material: str
    length: int
    lead: str = ""  # 一是 / （一） before the model's text; 一、heading as its own line
    heading_line: str = ""
    leads: tuple[Quote, ...] = ()  # the best quote of each heading: the paragraph must say it
    groups: tuple[Group, ...] = ()  # the facts the paragraph must state (from named documents)

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for g in self.groups for f in g.facts)

    @property
    def prefix(self) -> str:
        return f"{self.heading_line}\n{self.lead}" if self.heading_line else self.lead

    def compose(self, body: str) -> str:
        return f"{self.heading_line}\n{self.lead}{body}" if self.heading_line else f"{self.lead}{body}"


def fact_calls(template: Template, subject: str, material: Material, item_style: str | None = None) -> list[Call]:
    """One call a planned part: its facts as the material, its length from the facts it states; its parts led as
    ``item_style`` says (the writer's own outline's numbering), else as the template's."""
    numbers = material.numbers
    voices = material.voices()
    documents = tuple(Quote(f"{document_line(note)}。", note.n) for note in material.documents)
    several = len(material.parts) > 1
    calls = []
    for index, part in enumerate(material.parts):
        groups = tuple(groups_of(part.facts, numbers))
        quotes = (documents if index == 0 else ()) + tuple(g.quote for g in groups)
        heading = part.heading or subject
        lead, heading_line = _lead(item_style or template.item_style, index, heading) if several else ("", "")
        lines = _voiced_lines(quotes, voices, material.own_voice)
        calls.append(Call((heading,), quotes, "\n".join(lines), part.length, lead, heading_line, (), groups))
    return calls


def _voiced_lines(quotes: Sequence[Quote], voices: Mapping[int, Source], own_voice: bool) -> list[str]:
    """Each quote for the prompt; one that is not the writer's own names whose words it is."""
    lines = []
    for quote in quotes:
        source = voices.get(quote.n)
        text = _ARTICLE_LABEL.sub(r"\1：", quote.text)
        if source is None or (source.voice == OWN and own_voice):
            lines.append(f"· {text}")
        elif source.voice == AUTHORITY:
            lines.append(f"· {source.label}{'' if text.startswith('第') else '：'}{text}")
        else:
            lines.append(f"· 据{source.label}：{text}")
    return lines or ["（资料中没有相关内容）"]


def evidence_calls(template: Template, length: int, material: Material, evidence: list[Evidence]) -> list[Call]:
    """One call a heading of the retrieved material (or one for the section, ``write = "whole"``)."""
    documents = tuple(Quote(f"{document_line(note)}。", note.n) for note in material.documents)
    labels = {p.n: source_label(p.chunk) for p in material.passages}
    if template.write == "whole":
        quotes = documents + tuple(q for e in evidence for q in e.quotes)
        lines = [line for e in evidence for line in (f"（{e.part.heading}）", *_lines(e.quotes, labels))]
        text = "\n".join([*_lines(documents, labels), *lines])
        leads = tuple(e.quotes[0] for e in evidence if e.quotes)
        return [Call(tuple(e.part.heading for e in evidence), quotes, text, length, leads=leads)]
    each = max(60, length // max(1, len(evidence)))
    calls = []
    for index, part in enumerate(evidence):
        quotes = (documents if index == 0 else ()) + part.quotes
        lead, heading_line = _lead(template.item_style, index, part.part.heading)
        calls.append(
            Call(
                (part.part.heading,),
                quotes,
                "\n".join(_lines(quotes, labels)),
                each,
                lead,
                heading_line,
                part.quotes[:1],
            )
        )
    return calls


def keep_leads(body: str, call: Call) -> str:
    """The paragraph with each heading's best quote added (cited) where the model left it out, then
    filled up with the heading's quotes when the model left it at under half its length."""
    said = pairs(body)
    missing = [q for q in call.leads if len(pairs(q.text) & said) < LEAD_KEPT * len(pairs(q.text))]
    body += "".join(_ARTICLE_LABEL.sub(r"\1规定，", q.text) + f"[{q.n}]" for q in missing)
    said = pairs(body)
    for quote in call.quotes:
        if len(MARKER.sub("", body)) >= call.length // 2:
            break
        if len(pairs(quote.text) & said) < LEAD_KEPT * len(pairs(quote.text)):
            body += _ARTICLE_LABEL.sub(r"\1规定，", quote.text) + f"[{quote.n}]"
            said |= pairs(quote.text)
    return body


def _lines(quotes: Sequence[Quote], labels: Mapping[int, str]) -> list[str]:
    """The quotes for the prompt, each named by its document when they come from several."""
    several = len({labels.get(q.n) for q in quotes}) > 1
    return [f"· {labels.get(q.n, '')}：{q.text}" if several else f"· {q.text}" for q in quotes] or [
        "（资料中没有相关内容）"
    ]


def _lead(style: str, index: int, heading: str) -> tuple[str, str]:
    numeral = item_numeral(index)
    if style == "一是":
        return f"{numeral}是", ""
    if style == "（一）":
        return f"（{numeral}）", ""
    if style == "一、":
        return "", f"{numeral}、{heading}"
    return "", ""


def max_tokens(length: int) -> int:
    """The 1.5B model writes 1.7–1.85 Chinese characters a token (measured on dev drafts): room for about
    1.2 times the length and a sentence more. Words past that are trimmed anyway, and a fact the model
    leaves out is added after it, so tokens beyond this only cost time (a token is 50 ms on two cores)."""
    return int(length * 0.6) + 30


def messages(template: Template, topic: str, inputs: Mapping[str, str], call: Call, settings: Settings) -> list[dict]:
    """The call's prompt: its material, heading and length, and the fewest characters it should have
    (the small model writes short; what it writes over the length is trimmed by the facts fitting least)."""
    values = dict(inputs) | {
        "material": call.material,
        "heading": "、".join(call.headings),
        "item_length": str(call.length),
        "item_least": str(round(call.length * LEAST_SHARE)),
    }
    user = template.render(topic, values)
    return [{"role": "system", "content": load_prompt(settings, "draft_system")}, {"role": "user", "content": user}]
