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
from collections import Counter
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from assistant.draft.brief import OUTLINE_STYLE, Brief, read_brief
from assistant.draft.calls import Call, evidence_calls, fact_calls, keep_leads, max_tokens, messages
from assistant.draft.check import MARKER, settle_figures
from assistant.draft.compose import TOO_SHORT, Figure, groups_of, lengthen, once, previews, snap, splice, trim
from assistant.draft.documents import Source, voice_of
from assistant.draft.evidence import document_line, gather_evidence, heading_label, material_pack
from assistant.draft.frame import Framing, frame
from assistant.draft.gather import Fact
from assistant.draft.ground import drop_restated, ground
from assistant.draft.material import Material, Sources, gather_material, material_from_named
from assistant.draft.plan import figure_keys
from assistant.draft.prose import official, visible_length
from assistant.draft.templates import Template, choose_template, get_template, parse_topic
from assistant.draft.tidy import items_in_order, one_paragraph, quotes_paired, tidy
from assistant.draft.voice import Settled, settle_voice
from assistant.llm.backends import ChatBackend
from assistant.settings import Settings
from assistant.types import Citation, Draft, DraftEvent, FigureCheck, Stage, Token

_POINT_SEPARATORS = re.compile(r"[；;\n]+")
MIN_LENGTH, MAX_LENGTH = 50, 3000


@dataclass(frozen=True, eq=False)
class DraftRequest:
    """A topic, the template chosen for it, and every input's value (defaults filled in)."""

    topic: str
    template: Template
    inputs: Mapping[str, str]
    asked_section: str = ""  # the section the request (or the caller) names; not a template's default

    @cached_property
    def brief(self) -> Brief:
        """What the request asks for, read once (its section, layers, points, articles, writer)."""
        return read_brief(self.topic, self.asked_section, self.points)

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
        asked = parse_topic(topic) | {k: str(v) for k, v in (inputs or {}).items() if v}
        if points:
            asked["points"] = "；".join(p.strip() for p in points if p.strip())
        if length:
            asked["length"] = str(length)
        return cls(topic, chosen, chosen.defaults | asked, asked.get("section", ""))

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

    @property
    def heading(self) -> str:
        """The draft's title: the writer's own when the section asked for is the source's."""
        return self.inputs.get("heading") or self.section


def draft_events(
    request: DraftRequest, sources: Sources, settings: Settings, backend: ChatBackend | None, notice: str = ""
) -> Iterator[DraftEvent]:
    """Stream the draft: stages, the LLM's tokens, then the verified :class:`Draft` (the pack without a backend)."""
    yield Stage(f"模板：{request.template.title}；检索资料…")
    material = material_from_named(request.brief, request.length, sources)
    if material is None:
        material = gather_material(request.topic, request.points, request.section, request.template, sources, settings)
        material = replace(material, sources=_voices(material, request, sources))
    headings = "；".join(part.heading for part in material.outline)
    yield Stage(f"找到 {len(material.passages)} 段资料、{len(material.figures)} 条数据；提纲：{headings}")
    if not material.passages:  # the model could only write general words: none is drafted, the writer is told
        nothing = "知识库中没有找到与主题相关的资料，未起草：请先导入文档（assistant index）或调整主题"
        yield pack_draft(request, material, "；".join(filter(None, [notice, nothing])))
        return
    if backend is None:
        yield pack_draft(request, material, notice)
        return
    if material.parts:
        style = OUTLINE_STYLE if request.brief.outlined else None
        calls = fact_calls(request.template, request.brief.subject or request.section, material, style)
    else:
        evidence = gather_evidence(material, request.topic, request.section, settings.draft_sentences)
        calls = evidence_calls(request.template, request.length, material, evidence)
    written = yield from _write(request, calls, backend, settings)
    joined, previewed = previews("\n".join(b for b in written.blocks if b), [q for call in calls for q in call.quotes])
    written.counts["repeated"] += previewed
    paragraphs, settled = _to_length(joined, material, [f for c in calls for f in c.facts], request.length)
    framing = Framing()
    if sum(visible_length(p) for p in paragraphs) < TOO_SHORT * request.length:
        yield Stage("资料已全部写入，篇幅仍不足：补写总起、小结…")
        subject = request.brief.subject or request.section
        paragraphs, framing = frame(
            paragraphs, request.topic, subject, request.length, material.own_voice, backend, settings
        )
    citations = material.citations
    text = quotes_paired(items_in_order("\n".join(p for p in paragraphs if p)))
    text, figures = settle_figures(text, citations, _ignore(request, citations))
    notes = [notice] if notice else []
    notes += _put_right(written, settled)
    notes += _left_to_check(text, figures, framing, written.general, request.length)
    yield _draft(request, material, "llm", text, figures, "；".join(notes))


@dataclass
class _Written:
    """The paragraphs the model wrote, each put right against its facts, and what putting them right did."""

    blocks: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)  # sentences dropped (no basis) and repeats taken out
    general: list[str] = field(default_factory=list)  # headings written in general words, citing nothing


def _write(
    request: DraftRequest, calls: Sequence[Call], backend: ChatBackend, settings: Settings
) -> Generator[Token, None, _Written]:
    """One call after another, streamed; each paragraph grounded in its quotes, and each fact stated once across
    the draft (``stated`` and ``said`` carry what the paragraphs before said)."""
    written = _Written()
    stated: list[tuple[set[str], set[Figure]]] = []
    said: frozenset[str] = frozenset()  # the quotes' words the paragraphs so far state
    for call in calls:
        if call.prefix:
            yield Token(call.prefix)
        pieces = []
        for piece in backend.stream(
            messages(request.template, request.topic, request.inputs, call, settings),
            max_tokens=max_tokens(call.length),
            temperature=0.2,
        ):
            pieces.append(piece)
            yield Token(piece)
        yield Token("\n")
        allows_general = any(request.template.allows_general(h) for h in call.headings) and not call.groups
        text = tidy("".join(pieces), request.section, request.heading, *call.headings)
        if request.template.write != "whole":
            text = one_paragraph(text, request.section, request.heading, *call.headings, *request.points)
        if call.groups:
            text = snap(text, call.facts)
        grounded = ground(text, call.quotes, allows_general, said, f"{request.topic} {request.section}")
        written.counts["dropped"] += len(grounded.dropped)
        written.counts["repeated"] += len(grounded.repeated)
        if call.groups:
            body, added = splice(grounded.text, call.groups)
            written.counts["added"] += added
        else:
            body = keep_leads(grounded.text, call)
        body, repeated = once(body, stated, figure_keys(" ".join(quote.text for quote in call.quotes)))
        restated = drop_restated(body, call.quotes, said)
        body, said = restated.text, restated.said
        written.counts["repeated"] += repeated + len(restated.repeated)
        if allows_general and not MARKER.search(body):
            written.general += call.headings
        written.blocks.append(call.compose(body))
    return written


def _to_length(joined: str, material: Material, facts: list[Fact], length: int) -> tuple[list[str], Settled]:
    """The paragraphs in the right voice and official punctuation, trimmed to the length asked, or lengthened
    with the material's reserve when a part of the documents was asked for and the draft is short."""
    settled = settle_voice(joined, material.voices(), material.own_voice)
    paragraphs = [official(p) for p in settled.text.split("\n")]
    notes_kept = [document_line(note) for note in material.documents]
    kept = trim(paragraphs, facts, length, notes_kept)
    longer = lengthen(kept, material.reserve, material.citations, length) if material.parts else kept
    if longer != paragraphs:
        # a sentence left out may have been the one naming whose words the paragraph restates ("据某省…报告，"), and
        # the facts added to reach the length are the documents' words: they too must say whose they are ("我们将
        # 继续…" of a provincial report) and be written in official punctuation
        again = settle_voice("\n".join(longer), material.voices(), material.own_voice)
        settled = Settled(again.text, settled.rewritten + again.rewritten, settled.dropped + again.dropped)
        # the names written again may take the draft past the length: trimmed once more (what that leaves out
        # is not named again)
        paragraphs = trim([official(p) for p in again.text.split("\n")], facts, length, notes_kept)
    return paragraphs, settled


def _put_right(written: _Written, settled: Settled) -> list[str]:
    """What the pipeline changed in what the model wrote, for the writer's notice."""
    notes = []
    if written.counts["dropped"]:
        notes.append(f"删去 {written.counts['dropped']} 句资料中找不到依据的表述")
    if written.counts["repeated"]:
        notes.append(f"删去 {written.counts['repeated']} 处重复表述")
    if settled.rewritten or settled.dropped:
        notes.append(
            f"{settled.rewritten} 句上级文件或其他地区的内容已注明出处、不作本单位工作表述"
            + (f"，删去 {settled.dropped} 句" if settled.dropped else "")
        )
    return notes


def _left_to_check(
    text: str, figures: tuple[FigureCheck, ...], framing: Framing, general: list[str], length: int
) -> list[str]:
    """What the writer must still check or write: figures and names no passage has, general words, a short draft."""
    notes = []
    if unverified := [f.text for f in figures if not f.verified]:
        notes.append(f"{len(unverified)} 处数字未在引用资料中找到，已标注【待核实】：{'、'.join(unverified)}")
    if names := re.findall(r"【待核实：(《[^】]*》|[^】]*号)】", text):
        notes.append(f"资料中没有的文件名称、文号已标注【待核实】：{'、'.join(names)}")
    if framing.length:
        framed = "、".join(
            kind for kind, sentence in (("总起", framing.opening), ("小结", framing.closing)) if sentence
        )
        notes.append(f"资料有限，{framed}为通用表述（未引用资料），请结合实际修改")
    if general:
        notes.append(f"资料未涉及“{'、'.join(general)}”，相应内容为通用表述，未引用资料，请结合实际修改")
    if (drafted := visible_length(text)) < TOO_SHORT * length:
        # nothing off the subject is added to make up the length: the writer is told instead
        notes.append(f"资料中与主题相关的内容有限，草稿约{drafted}字，少于要求的约{length}字，请补充材料或放宽主题")
    return notes


def _voices(material: Material, request: DraftRequest, sources: Sources) -> tuple[Source, ...]:
    """Whose voice each retrieved passage's document is, for a draft built from retrieval."""
    docs = {p.chunk.doc for p in material.passages}
    writer = request.brief.writer
    catalog = [c for c in sources.catalog() if c.name in docs]
    return tuple(Source(c.name, c.title, c.meta, voice_of(c.meta, writer)) for c in catalog)


def pack_draft(request: DraftRequest, material: Material, notice: str = "") -> Draft:
    """The fast-mode draft: the material pack, its sentences quoted from the documents."""
    text = _fact_pack(material) if material.parts else material_pack(material, request.topic, request.section)
    text, figures = settle_figures(text, material.citations, _ignore(request, material.citations))
    lead = "快速模式：以下为按提纲整理的资料原文摘录（未调用大模型），请据此成文。"
    return _draft(request, material, "fast", text, figures, "；".join(filter(None, [notice, lead])))


def _fact_pack(material: Material) -> str:
    """The outline with each part's facts, sentence by sentence as the documents write them, cited."""
    blocks = [f"相关文件：{document_line(note)}。[{note.n}]" for note in material.documents]
    numbers = material.numbers
    for index, (part, outline) in enumerate(zip(material.parts, material.outline, strict=True)):
        blocks.append(heading_label(index, outline.heading))
        blocks += [group.line(group.facts) for group in groups_of(part.facts, numbers)] or [
            "（资料中未找到相关内容。）"
        ]
    return "\n".join(blocks)


def _draft(
    request: DraftRequest, material: Material, mode: str, text: str, figures: tuple[FigureCheck, ...], notice: str
) -> Draft:
    return Draft(
        template=request.template.name,
        title=request.heading,
        topic=request.topic,
        mode=mode,
        text=text,
        outline=material.outline,
        citations=material.citations,
        figures=figures,
        inputs=tuple(request.inputs.items()),
        notice=notice,
    )


def _ignore(request: DraftRequest, citations: Sequence[Citation]) -> str:
    """Figures that are no claim: those of the request itself and the cited documents' titles (2025年度…)."""
    titles = {c.chunk.title for c in citations}
    return "".join(" ".join([request.topic, *request.inputs.values(), *titles]).split())
