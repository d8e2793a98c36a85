"""The drafting pipeline: template → material (passages, figures, outline) → LLM draft → verified figures.

It streams like the answer chain: ``Stage`` events say what it is doing, ``Token``
events carry the draft as the LLM writes it, and the :class:`Draft` comes last. Every
figure of the draft is checked by the answer verifier against the passages its
sentence cites; a figure found in another passage of the material gets that passage's
citation added, and one found in none is marked 【待核实：…】 and reported unverified,
never shown as fact. Without a backend the draft is the material pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from assistant.answer.chain import Token
from assistant.llm.backends import ChatBackend
from assistant.draft.check import MARKER, settle_figures
from assistant.draft.ground import Quote, ground, pairs
from assistant.draft.evidence import Evidence, document_line, gather_evidence, material_pack, source_label
from assistant.draft.material import Material, Sources, gather_material
from assistant.draft.templates import Template, choose_template, get_template, parse_topic
from assistant.draft.tidy import one_paragraph, tidy
from assistant.prompts import load_prompt
from assistant.settings import Settings
from assistant.types import Citation, Draft, FigureCheck

_POINT_SEPARATORS = re.compile(r"[；;\n]+")
_NUMERALS = "一二三四五六七八九十"
LEAD_KEPT = 0.6  # share of a heading's best quote the paragraph must restate, else the quote is added
_ARTICLE_LABEL = re.compile(r"^(第[一二三四五六七八九十百零〇两\d]+条)：")  # "第十二条：" the prompt adds to a law's sentence
MIN_LENGTH, MAX_LENGTH = 50, 3000


@dataclass(frozen=True)
class Stage:
    """What the pipeline is doing (retrieving, writing); for a progress line."""

    message: str


DraftEvent = Stage | Token | Draft


@dataclass(frozen=True)
class DraftRequest:
    """A topic, the template chosen for it, and every input's value (defaults filled in)."""

    topic: str
    template: Template
    inputs: Mapping[str, str]

    @classmethod
    def build(
        cls,
        templates: list[Template],
        topic: str,
        template: str = "auto",
        points: Sequence[str] = (),
        length: int | None = None,
        inputs: Mapping[str, str] | None = None,
    ) -> DraftRequest:
        """Defaults, then what the topic says ("约400字", “标题”, 写明A、B), then what was given."""
        chosen = choose_template(templates, topic) if template in ("", "auto") else get_template(templates, template)
        values = chosen.defaults | parse_topic(topic) | {k: str(v) for k, v in (inputs or {}).items() if v}
        if points:
            values["points"] = "；".join(p.strip() for p in points if p.strip())
        if length:
            values["length"] = str(length)
        return cls(topic, chosen, values)

    @property
    def points(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in _POINT_SEPARATORS.split(self.inputs.get("points", "")) if p.strip())

    @property
    def length(self) -> int:
        digits = re.sub(r"\D", "", self.inputs.get("length", ""))
        return min(MAX_LENGTH, max(MIN_LENGTH, int(digits))) if digits else 400

    @property
    def section(self) -> str:
        return self.inputs.get("section") or self.template.title


def draft_events(
    request: DraftRequest, sources: Sources, settings: Settings, backend: ChatBackend | None, notice: str = ""
) -> Iterator[DraftEvent]:
    """Stream the draft: stages, the LLM's tokens, then the verified :class:`Draft` (the pack without a backend)."""
    yield Stage(f"模板：{request.template.title}；检索资料…")
    material = gather_material(request.topic, request.points, request.section, request.template, sources, settings)
    headings = "；".join(part.heading for part in material.outline)
    yield Stage(f"找到 {len(material.passages)} 段资料、{len(material.figures)} 条数据；提纲：{headings}")
    if backend is None:
        yield pack_draft(request, material, notice)
        return
    evidence = gather_evidence(material, request.topic, request.section, settings.draft_sentences)
    blocks, dropped, general = [], 0, []
    for call in _calls(request, material, evidence):
        if call.prefix:
            yield Token(call.prefix)
        pieces = []
        for piece in backend.stream(_messages(request, call, settings), max_tokens=_max_tokens(call.length),
                                    temperature=0.2):
            pieces.append(piece)
            yield Token(piece)
        yield Token("\n")
        allows_general = any(request.template.allows_general(h) for h in call.headings)
        written = tidy("".join(pieces), request.section, *call.headings)
        if request.template.write != "whole":
            written = one_paragraph(written)
        grounded = ground(written, call.quotes, allows_general)
        dropped += len(grounded.dropped)
        body = _fill(_keep_leads(grounded.text, call.leads), call)
        if allows_general and not MARKER.search(body):
            general += call.headings
        blocks.append(call.compose(body))
    citations = material.citations
    text, figures = settle_figures("\n".join(b for b in blocks if b), citations, _ignore(request, citations))
    notes = [notice] if notice else []
    if dropped:
        notes.append(f"删去 {dropped} 句资料中找不到依据的表述")
    if unverified := [f.text for f in figures if not f.verified]:
        notes.append(f"{len(unverified)} 处数字未在引用资料中找到，已标注【待核实】：{'、'.join(unverified)}")
    if names := re.findall(r"【待核实：(《[^】]*》|[^】]*号)】", text):
        notes.append(f"资料中没有的文件名称、文号已标注【待核实】：{'、'.join(names)}")
    if general:
        notes.append(f"资料未涉及“{'、'.join(general)}”，相应内容为通用表述，未引用资料，请结合实际修改")
    yield _draft(request, material, "llm", text, figures, "；".join(notes))


@dataclass(frozen=True)
class _Call:
    """One LLM call: the paragraph of one heading (or, for ``write = "whole"``, the section)."""

    headings: tuple[str, ...]
    quotes: tuple[Quote, ...]
    material: str
    length: int
    lead: str = ""  # 一是 / （一） before the model's text; 一、heading as its own line
    heading_line: str = ""
    leads: tuple[Quote, ...] = ()  # the best quote of each heading: the paragraph must say it

    @property
    def prefix(self) -> str:
        return f"{self.heading_line}\n{self.lead}" if self.heading_line else self.lead

    def compose(self, body: str) -> str:
        return f"{self.heading_line}\n{self.lead}{body}" if self.heading_line else f"{self.lead}{body}"


def _calls(request: DraftRequest, material: Material, evidence: list[Evidence]) -> list[_Call]:
    documents = tuple(Quote(f"{document_line(note)}。", note.n) for note in material.documents)
    labels = {p.n: source_label(p.chunk) for p in material.passages}
    template = request.template
    if template.write == "whole":
        quotes = documents + tuple(q for e in evidence for q in e.quotes)
        lines = [line for e in evidence for line in (f"（{e.part.heading}）", *_lines(e.quotes, labels))]
        text = "\n".join([*_lines(documents, labels), *lines])
        leads = tuple(e.quotes[0] for e in evidence if e.quotes)
        return [_Call(tuple(e.part.heading for e in evidence), quotes, text, request.length, leads=leads)]
    length = max(60, request.length // max(1, len(evidence)))
    calls = []
    for index, part in enumerate(evidence):
        quotes = (documents if index == 0 else ()) + part.quotes
        lead, heading_line = _lead(template.item_style, index, part.part.heading)
        calls.append(_Call((part.part.heading,), quotes, "\n".join(_lines(quotes, labels)), length, lead, heading_line,
                           part.quotes[:1]))
    return calls


def _keep_leads(body: str, leads: Sequence[Quote]) -> str:
    """The paragraph with each heading's best quote added (cited) where the model left it out.

    The best quote is the fact the heading was retrieved for; a small model paraphrasing
    it away would leave the heading without its substance.
    """
    said = pairs(body)
    missing = [q for q in leads if len(pairs(q.text) & said) < LEAD_KEPT * len(pairs(q.text))]
    return body + "".join(_ARTICLE_LABEL.sub(r"\1规定，", q.text) + f"[{q.n}]" for q in missing)


def _fill(body: str, call: _Call) -> str:
    """A paragraph the model left at under half its length, filled up with the heading's quotes (cited)."""
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
    return [f"· {labels.get(q.n, '')}：{q.text}" if several else f"· {q.text}" for q in quotes] or ["（资料中没有相关内容）"]


def _lead(style: str, index: int, heading: str) -> tuple[str, str]:
    numeral = _NUMERALS[index] if index < len(_NUMERALS) else str(index + 1)
    if style == "一是":
        return f"{numeral}是", ""
    if style == "（一）":
        return f"（{numeral}）", ""
    if style == "一、":
        return "", f"{numeral}、{heading}"
    return "", ""


def pack_draft(request: DraftRequest, material: Material, notice: str = "") -> Draft:
    """The fast-mode draft: the material pack, its sentences quoted from the documents."""
    text = material_pack(material, request.topic, request.section)
    text, figures = settle_figures(text, material.citations, _ignore(request, material.citations))
    lead = "快速模式：以下为按提纲整理的资料原文摘录（未调用大模型），请据此成文。"
    return _draft(request, material, "fast", text, figures, "；".join(filter(None, [notice, lead])))


def _draft(
    request: DraftRequest, material: Material, mode: str, text: str, figures: tuple[FigureCheck, ...], notice: str
) -> Draft:
    return Draft(
        template=request.template.name, title=request.section, topic=request.topic, mode=mode, text=text,
        outline=material.outline, citations=material.citations, figures=figures,
        inputs=tuple(request.inputs.items()), notice=notice,
    )


def _max_tokens(length: int) -> int:
    """The 1.5B model writes about 1.8 Chinese characters a token: room for the length and a little more."""
    return int(length * 0.8) + 40


def _messages(request: DraftRequest, call: _Call, settings: Settings) -> list[dict[str, str]]:
    values = dict(request.inputs) | {
        "material": call.material, "heading": "、".join(call.headings), "item_length": str(call.length),
    }
    user = request.template.render(request.topic, values)
    return [{"role": "system", "content": load_prompt(settings, "draft_system")}, {"role": "user", "content": user}]


def _ignore(request: DraftRequest, citations: Sequence[Citation]) -> str:
    """Figures that are no claim: those of the request itself and the cited documents' titles (2025年度…)."""
    titles = {c.chunk.title for c in citations}
    return "".join(" ".join([request.topic, *request.inputs.values(), *titles]).split())


