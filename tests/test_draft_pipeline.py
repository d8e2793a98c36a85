"""The drafting pipeline in isolation: fake passages and a scripted model (no index, no LLM).

What it guards: citations name the passages that state a sentence's facts, a figure no
passage states is marked 【待核实】 and reported unverified, prose the documents do not
support is dropped, and the fast mode is a cited material pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from assistant.answer.chain import Token
from assistant.draft.ground import Quote, ground
from assistant.draft.material import Sources
from assistant.draft.check import settle_figures
from assistant.draft.pipeline import DraftRequest, Stage, draft_events
from assistant.draft.templates import load_templates
from assistant.settings import Settings
from assistant.types import Chunk, Citation, Draft, DocMeta, Hit

TITLE = "县教育局局长2025年度述职述责述廉报告"
PASSAGES = [
    ("（三）建强师资队伍", "一是加强师德师风建设。实施“教育家精神铸魂强师行动”，组织师德专题培训、先进事迹宣讲等活动25场；"
                         "建立师德失范“一票否决制”，查处师德违规问题3起。"),
    ("（三）建强师资队伍", "二是提升教师专业素养。实施“名师培养工程”，选拔培养县级名师、骨干教师120名，推荐15名教师参评市级名师。"),
    ("（一）优化资源配置", "新建城区义务教育学校2所，新增公办义务教育学位3200个。"),
]


def _chunk(index: int, section: str, text: str) -> Chunk:
    return Chunk(doc="county.txt", index=index, text=text, heading_path=("二、聚焦主责主业", section), start=0,
                 end=len(text), pages=(1,), title=TITLE, meta=DocMeta(2025, None, "县教育局局长", "述职报告"))


CHUNKS = [_chunk(i, section, text) for i, (section, text) in enumerate(PASSAGES)]


def _sources() -> Sources:
    def search(query: str, k: int) -> list[Hit]:
        scored = sorted(CHUNKS, key=lambda c: -sum(w in c.text for w in ("师德", "名师", "教师", "学位") if w in query))
        return [Hit(chunk, 1.0 / (rank + 1)) for rank, chunk in enumerate(scored[:k])]

    return Sources(search=search, facts=lambda query: [], chunks=lambda ids: [c for c in CHUNKS if c.id in ids])


class ScriptedModel:
    """Writes, for each prompt, one supported sentence, one invented figure and one unsupported claim."""

    name = "scripted"

    def __init__(self) -> None:
        self.prompts: list[str] = []

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        prompt = messages[-1]["content"]
        self.prompts.append(prompt)
        quoted = re.findall(r"^· (?:[^：\n]{1,20}：)?(.+)$", prompt, re.M)[0]
        for piece in (quoted, "全年开展师德培训99场。", "我们通过加强宣传引导，赢得了全社会的广泛赞誉和高度认可。"):
            yield piece


@pytest.fixture
def request_(settings: Settings) -> DraftRequest:
    return DraftRequest.build(load_templates(settings), "起草述职报告中‘师资队伍建设’一节，约300字")


def _final(events: list) -> Draft:
    assert isinstance(events[-1], Draft), "the Draft is always the last event"
    return events[-1]


def test_the_draft_streams_and_every_figure_is_verified_or_marked(request_: DraftRequest, settings: Settings) -> None:
    model = ScriptedModel()
    events = list(draft_events(request_, _sources(), settings, model))
    assert isinstance(events[0], Stage) and any(isinstance(e, Token) for e in events)
    draft = _final(events)
    assert draft.template == "shuzhi-duty" and draft.mode == "llm" and draft.title == "师资队伍建设"
    assert [part.heading for part in draft.outline] == ["加强师德师风建设", "提升教师专业素养"]
    assert draft.text.startswith("一是") and "\n二是" in draft.text
    assert len(model.prompts) == 2 and "· " in model.prompts[0] and "师资队伍建设" in model.prompts[0]

    numbers = {c.n for c in draft.citations}
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", draft.text)}
    assert cited and cited <= numbers
    passages = {c.n: c.chunk.text for c in draft.citations}
    for check in draft.figures:
        if check.verified:
            assert check.text in passages[check.citation].replace(" ", "")
    assert "【待核实：99场】" in draft.text
    assert {"text": "99场", "verified": False} == {"text": draft.figures[[f.text for f in draft.figures].index("99场")].text,
                                                  "verified": False}
    assert "赢得了全社会的广泛赞誉" not in draft.text, "prose no passage supports is dropped"
    assert "待核实" in draft.notice and "删去" in draft.notice


def test_fast_mode_is_a_cited_material_pack(request_: DraftRequest, settings: Settings) -> None:
    draft = _final(list(draft_events(request_, _sources(), settings, None)))
    assert draft.mode == "fast" and "快速模式" in draft.notice
    lines = draft.text.splitlines()
    assert lines[0] == "一、加强师德师风建设"
    assert "二、提升教师专业素养" in lines
    quotes = [line for line in lines if not re.match(r"^[一二三四五六七八九十]、", line)]
    assert quotes and all(re.search(r"\[\d+\]$", line) for line in quotes), "every quote cites its passage"
    assert all(check.verified for check in draft.figures) and any(f.text == "25场" for f in draft.figures)


def test_settling_figures_cites_the_right_passage_or_marks_the_figure() -> None:
    citations = [Citation(n + 1, chunk) for n, chunk in enumerate(CHUNKS)]
    text, checks = settle_figures("新增公办义务教育学位3200个[1]。选拔骨干教师120名。新建学校9所[3]。", citations)
    assert "3200个[1][3]。" in text, "a figure another passage states gets that passage's citation"
    assert "120名[2]" in text, "an uncited sentence is credited to the passage that states its figure"
    assert "【待核实：9所】" in text
    assert [(c.text, c.verified) for c in checks] == [("3200个", True), ("120名", True), ("9所", False)]
    text, _ = settle_figures("依据《教育强县实施方案》（县教发〔2025〕8号）推进[1]。", citations)
    assert "【待核实：《教育强县实施方案》】" in text and "【待核实：县教发〔2025〕8号】" in text


def test_grounding_keeps_what_the_quotes_support() -> None:
    quotes = [Quote("实施“名师培养工程”，选拔培养县级名师、骨干教师120名。", 2)]
    grounded = ground("扎实实施“名师培养工程”，选拔培养县级名师、骨干教师120名。我们坚持立德树人。"
                      "我们积极争取上级支持，办学条件得到全面改善，群众满意度大幅提升。", quotes)
    assert grounded.text == "扎实实施“名师培养工程”，选拔培养县级名师、骨干教师120名[2]。我们坚持立德树人。"
    assert len(grounded.dropped) == 1
    general = ground("理论学习的系统性还不够，学用结合有差距。", [], general=True)
    assert general.text == "理论学习的系统性还不够，学用结合有差距。"
