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
from assistant.answer.llm import ChatBackend
from assistant.answer.verify import verify_answer
from assistant.draft.ground import Quote, ground
from assistant.draft.evidence import Evidence, document_line, gather_evidence, material_pack, source_label
from assistant.draft.material import Material, Sources, gather_material
from assistant.draft.templates import Template, choose_template, get_template, parse_topic
from assistant.facts.numbers import figure_in_text
from assistant.prompts import load_prompt
from assistant.settings import Settings
from assistant.types import Citation, Draft, FigureCheck

_MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")
# the verifier's sentences: a full stop keeps the markers written right after it
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+(?:\s*\[[\d,，、\s]+\])*|\n|$)")
_ENDS_WELL = re.compile(r"(?:[。！？!?：:”』」]|\])\s*$")
_LAST_END = re.compile(r".*[。！？!?](?:\s*\[[\d,，、\s]+\])*", re.S)
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s*|[-*•]\s+|>\s*)|\*\*|__")
_POINT_SEPARATORS = re.compile(r"[；;\n]+")
_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+是[，,：:]?|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*")
_NUMERALS = "一二三四五六七八九十"
_GROUP = re.compile(r"[（(][^（）()]{1,16}[)）][:：]?(?:\[\d+\])*")  # "（指导思想）", a group label of the prompt
_ABOUT_TASK = re.compile(r"一节|这一段|本段|这一项|这一部分|本部分|这一主题")  # a sentence about the task itself
_LABEL = re.compile(r"[^。！？!?]{0,16}[：:]")  # "做法：", "资料中的数字和成效：" on a line of its own
# "主题：", "概括：", "要求：" at the start or after a full stop: the model echoing the prompt
_INLINE_LABEL = re.compile(r"(^|[。！？!?])\s*(?:主题|概括|要求|做法|成效|内容|小标题|短语|问题|打算|部分)[：:]\s*")
# "根据资料，我们了解到，": talk about the material, not the report
_META = re.compile(r"(?:根据|依据|结合|从)(?:以上|上述|所给|提供的)?资料(?:中)?(?:可知|来看|显示|所述)?[，,]?(?:我们)?(?:了解到|可以看出|可知)?[，,]?")
UNVERIFIED = "【待核实：{}】"
_TITLE = re.compile(r"(?<!【待核实：)《([^《》]{2,60})》")
_DOC_NUMBER = re.compile(r"(?<!【待核实：)[\u4e00-\u9fff]{1,8}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号")  # 国办发〔2015〕71号
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
            written = _one_paragraph(written)
        grounded = ground(written, call.quotes, allows_general)
        dropped += len(grounded.dropped)
        body = grounded.text or "".join(f"{q.text}[{q.n}]" for q in call.quotes)
        if allows_general and not _MARKER.search(body):
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
        return [_Call(tuple(e.part.heading for e in evidence), quotes, text, request.length)]
    length = max(60, request.length // max(1, len(evidence)))
    calls = []
    for index, part in enumerate(evidence):
        quotes = (documents if index == 0 else ()) + part.quotes
        lead, heading_line = _lead(template.item_style, index, part.part.heading)
        calls.append(_Call((part.part.heading,), quotes, "\n".join(_lines(quotes, labels)), length, lead, heading_line))
    return calls


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


def _one_paragraph(text: str) -> str:
    """A heading's text as one paragraph: no enumerators or labels of its own ("做法：", "3. ")."""
    lines = [_ENUMERATOR.sub("", line).strip() for line in text.splitlines()]
    text = "".join(line for line in lines if line and not _LABEL.fullmatch(line))
    return _INLINE_LABEL.sub(r"\1", text)


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


def tidy(text: str, *titles: str) -> str:
    """The LLM's text without markdown, titles or labels it repeats, talk about the task, or a cut-off end."""
    names = {_squash(title).strip("“”\"《》。") for title in titles}
    lines = []
    for line in text.strip().splitlines():
        line = _META.sub("", _MARKDOWN.sub("", line)).strip()
        if not line or _GROUP.fullmatch(line) or _squash(_ENUMERATOR.sub("", line)).strip("“”\"《》。：:") in names:
            continue
        lead = re.match(r"[^。！？：:]{1,30}[：:]", line)  # "幼儿园园长任职…法律要点：", "从业禁止："
        if lead and any(name and (name in _squash(lead.group(0)) or _squash(lead.group(0))[:-1] in name)
                        for name in names):
            line = line[lead.end():].strip()
        line = "".join(s for s in _SENTENCE.findall(line) if not _ABOUT_TASK.search(s))
        if line:
            lines.append(line)
    text = "\n".join(lines)
    if text and not _ENDS_WELL.search(text) and (whole := _LAST_END.match(text)):
        text = whole.group(0)
    return text.strip()


def _squash(text: str) -> str:
    return "".join(text.split())


def _ignore(request: DraftRequest, citations: Sequence[Citation]) -> str:
    """Figures that are no claim: those of the request itself and the cited documents' titles (2025年度…)."""
    titles = {c.chunk.title for c in citations}
    return _squash(" ".join([request.topic, *request.inputs.values(), *titles]))


def settle_figures(
    text: str, citations: Sequence[Citation], ignore: str = ""
) -> tuple[str, tuple[FigureCheck, ...]]:
    """Verify each sentence's figures; cite the passage that states one, mark what none states.

    Sentence by sentence: ``verify_answer`` checks the figures against the cited
    passages (crediting an uncited sentence to the passage that states them). A
    figure only another passage of the material states gets that passage's marker
    added; a figure no passage states is marked ``【待核实：…】``.
    """
    checks: list[FigureCheck] = []
    out: list[str] = []
    for sentence in _SENTENCE.findall(text):
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
        name = _squash(match.group(1)).removeprefix("中华人民共和国")
        for citation in citations:
            if name in _squash(citation.chunk.title) or name in _squash(citation.chunk.text):
                return match.group(0)
        return UNVERIFIED.format(match.group(0))

    def known_number(match: re.Match) -> str:
        number = _squash(match.group(0))
        if any(number in _squash(c.chunk.text) for c in citations):
            return match.group(0)
        return UNVERIFIED.format(match.group(0))

    return _DOC_NUMBER.sub(known_number, _TITLE.sub(known, sentence))


def _add_markers(sentence: str, numbers: list[int]) -> str:
    """Add ``[n]`` markers after the sentence's own markers (or before its closing stop)."""
    markers = "".join(f"[{n}]" for n in numbers)
    body = sentence.rstrip("\n")
    tail = sentence[len(body):]
    if re.search(r"\]\s*$", body):
        return f"{body}{markers}{tail}"
    stripped = body.rstrip("。！？!?")
    return f"{stripped}{markers}{body[len(stripped):]}{tail}"


def _mark(sentence: str, figure: str) -> str:
    """Wrap the first unmarked ``figure`` outside citation markers as 【待核实：figure】."""
    protected = [(m.start(), m.end()) for m in _MARKER.finditer(sentence)]
    protected += [(m.start(), m.end()) for m in re.finditer(r"【待核实：[^】]*】", sentence)]
    at = sentence.find(figure)
    while at >= 0:
        if not any(start <= at < end for start, end in protected):
            return f"{sentence[:at]}{UNVERIFIED.format(figure)}{sentence[at + len(figure):]}"
        at = sentence.find(figure, at + 1)
    return sentence
