"""The LLM pass of 核稿 with a scripted backend: what it keeps, what it drops, and a backend that fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.check.checker import check_text
from assistant.check.rules import load_rules
from assistant.check.style import same_figures, style_findings
from assistant.errors import BackendUnavailableError
from assistant.facts.table import FigureTable
from assistant.settings import Settings

DRAFT = (
    "县教育局2025年工作总结\n"
    "全县进一步优化教育资源配置，进一步推动义务教育优质均衡发展，新增学位3200个。"
    "全年组建4个教育集团，覆盖学校31所。"
    "教师培训1.2万人次，培训教师的人次数达到1.2万人次。"
)


class Scripted:
    """A backend that answers each call with the next scripted text and records what it was asked."""

    name = "scripted"

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[list[dict[str, str]]] = []

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        self.asked.append(messages)
        answer = self.answers.pop(0)
        yield from (answer[i : i + 5] for i in range(0, len(answer), 5))  # streamed in pieces


class Down:
    name = "down"

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        raise BackendUnavailableError("LLM endpoint unavailable (openai:x@http://127.0.0.1:9): connection refused")
        yield ""


def test_a_rewrite_keeping_the_figures_is_a_finding_over_its_sentence() -> None:
    backend = Scripted(
        "[1]｜“进一步”重复，句子冗长｜全县进一步优化教育资源配置、推动义务教育优质均衡发展，新增学位3200个。\n"
        "[2]｜语序不顺｜全年组建5个教育集团，覆盖学校31所。\n"  # a figure changed: dropped
        "[3]｜语义重复｜教师培训1.2万人次。\n"
        "[9]｜没有这一句｜某句。\n"
        "说明：以上为全部问题。"
    )
    findings, notices = style_findings(DRAFT, lambda: backend, Settings())
    assert [f.rule for f in findings] == ["llm.style", "llm.style"]
    first, third = findings
    assert DRAFT[first.start : first.end] == first.text
    assert first.text == "全县进一步优化教育资源配置，进一步推动义务教育优质均衡发展，新增学位3200个。"
    assert first.suggestion == "全县进一步优化教育资源配置、推动义务教育优质均衡发展，新增学位3200个。"
    assert "“进一步”重复" in first.message and first.kind == "文风"
    assert (
        third.text == "教师培训1.2万人次，培训教师的人次数达到1.2万人次。" and third.suggestion == "教师培训1.2万人次。"
    )
    assert notices == ["大模型有 1 条改写改动了数字，已舍弃。"]
    # the model read the sentences numbered, the title (a short line) left out
    asked = backend.asked[0][1]["content"]
    assert asked.startswith("[1] 全县进一步") and "[3] 教师培训" in asked and "工作总结" not in asked


def test_the_forms_small_models_answer_in() -> None:
    backend = Scripted(
        "[1] 全县进一步优化教育资源配置，推动义务教育优质均衡发展，新增学位3200个。\n"  # no problem named
        "[2] 全年组建4个教育集团，覆盖学校31所。\n"  # the sentence echoed
        "改写后的整句：全年组建4个教育集团，覆盖学校31所。\n"
        "3. 教师培训1.2万人次，培训教师的人次数达到1.2万人次。\n"
        "改写后的整句：教师培训1.2万人次。\n"
        "[7] 超出范围\n"
        "改写：不属于任何一句。\n"
        "3所学校已覆盖。"  # a figure at the start of a line is no sentence number
    )
    findings, notices = style_findings(DRAFT, lambda: backend, Settings())
    assert [(f.text[:6], f.suggestion) for f in findings] == [
        ("全县进一步优", "全县进一步优化教育资源配置，推动义务教育优质均衡发展，新增学位3200个。"),
        ("教师培训1.", "教师培训1.2万人次。"),
    ]
    assert findings[0].message == "文风（大模型建议）：语句拗口或重复，可改写" and notices == []


def test_a_rewrite_must_keep_every_figure_as_written() -> None:
    assert same_figures("新增学位3200个，组建4个教育集团。", "组建4个教育集团，新增学位3200个。")
    assert not same_figures("新增学位3200个。", "新增学位3300个。")
    assert not same_figures("新增学位3200个。", "新增学位3200余个。"), "a qualifier is part of the figure"
    assert not same_figures("教师培训1.2万人次。", "教师培训12000人次。"), "another writing of a figure is a change"
    assert not same_figures("依据教基〔2025〕8号文件。", "依据教基〔2024〕8号文件。"), (
        "a 文号 is no quantity but counts"
    )
    assert not same_figures("2025年完成任务。", "完成任务。"), "a year dropped"
    assert same_figures("培训1.2万人次，人次数达到1.2万人次。", "培训1.2万人次。"), "a repetition removed"
    assert not same_figures("新增学位3200个、床位3200张。", "新增学位3200个。"), "one of two figures dropped"


def test_long_drafts_go_in_batches_and_only_the_first_part_is_read() -> None:
    sentence = "全县持续推进教育资源优化配置工作并取得明显成效。"  # 24 characters
    draft = sentence * 40
    settings = Settings(check_llm_batch_chars=100, check_llm_max_chars=480)
    backend = Scripted(*["无"] * 10)
    findings, notices = style_findings(draft, lambda: backend, settings)
    assert findings == [] and len(backend.asked) == 5, "480 characters in batches of four 24-character sentences"
    assert "前 480 字" in notices[0]


def test_a_backend_that_is_down_or_cannot_load_is_a_notice_and_the_rules_still_report(tmp_path: Path) -> None:
    def cannot_load() -> Down:
        raise BackendUnavailableError("LLM could not be loaded: model file missing")

    for backend in (lambda: Down(), cannot_load):
        findings, notices = style_findings(DRAFT, backend, Settings())
        assert findings == [] and len(notices) == 1 and notices[0].startswith("大模型不可用")
    text = "截止2025年底,全县组建4个教育集团。"

    def style(draft: str) -> tuple[list, list[str]]:
        return style_findings(draft, lambda: Down(), Settings())

    report = check_text(text, load_rules(), FigureTable(tmp_path / "figures.sqlite"), None, style=style)
    assert {f.rule for f in report.findings} == {"words.jiezhi", "punctuation.comma"}
    assert report.notices and "connection refused" in report.notices[0]
