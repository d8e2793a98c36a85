"""The answer chain end to end: real embedder, real Chroma, real small LLM (Qwen2.5 0.5B)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import app
from assistant.facts.numbers import figure_in_text
from assistant.types import Final, Token


@pytest.fixture
def assistant(county_report: Path) -> Assistant:
    assistant = Assistant()
    assistant.index([county_report])
    return assistant


def _assert_citations_hold(answer) -> None:
    numbers = {c.n for c in answer.citations}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} <= numbers
    passages = {c.n: c.chunk.text for c in answer.citations}
    for figure in answer.figures:
        if figure.verified:
            assert figure_in_text(figure.text, passages[figure.citation]), figure


def test_fast_answer_quotes_the_figure(assistant: Assistant) -> None:
    answer = assistant.ask("组建了几个教育集团？", mode="fast")
    assert not answer.refused and answer.mode == "fast"
    assert "4个教育集团" in answer.text.replace(" ", "")
    assert any(f.text == "4个" and f.verified for f in answer.figures)
    _assert_citations_hold(answer)


@pytest.mark.parametrize("mode", ["fast", "llm"])
def test_schools_in_education_groups_are_the_schools_not_the_groups(assistant: Assistant, mode: str) -> None:
    """The passage says 组建4个教育集团,覆盖12所农村薄弱学校: 4 counts groups, 12 schools."""
    answer = assistant.ask("How many schools joined education groups?", mode=mode)
    assert not answer.refused and "12" in answer.text, answer
    assert not any(f.verified and f.asked and f.text.startswith("4") for f in answer.figures), answer.figures
    group = assistant.ask("全年组建了几个教育集团？", mode=mode)
    assert "4" in group.text and any(f.text.startswith("4") and f.asked for f in group.figures), group


def test_fast_mode_refuses_what_the_documents_do_not_say(assistant: Assistant) -> None:
    answer = assistant.ask("火星基地今年建成了几座发射塔？", mode="fast")
    assert answer.refused
    assert "未找到" in answer.text
    assert answer.citations, "a refusal still shows the closest passages"


def test_llm_answer_streams_and_is_verified(assistant: Assistant) -> None:
    events = list(assistant.ask_events("全县组建了几个教育集团？", mode="llm"))
    assert any(isinstance(e, Token) for e in events), "tokens stream before the final answer"
    final = events[-1]
    assert isinstance(final, Final)
    answer = final.answer
    assert answer.mode == "llm" and not answer.refused, answer.notice  # a fast-mode fallback fails here
    assert "4" in answer.text
    _assert_citations_hold(answer)


def test_the_default_model_answers(assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model users get by default (1.5B), provisioned and verified by the test command, generates here."""
    monkeypatch.setattr(assistant, "settings", assistant.settings.model_copy(update={"llm_model": "qwen2.5-1.5b"}))
    answer = assistant.ask("全县组建了几个教育集团？", mode="llm")
    assert answer.mode == "llm" and not answer.notice, answer.notice
    assert "4" in answer.text
    _assert_citations_hold(answer)


def test_follow_up_is_rewritten_into_a_standalone_question(assistant: Assistant) -> None:
    history = [("全县组建了几个教育集团？", "全县组建了4个教育集团[1]。")]
    answer = assistant.ask("这些集团覆盖了多少所农村薄弱学校？", mode="llm", history=history)
    assert answer.mode == "llm", answer.notice  # the LLM rewrote and answered; no fallback
    assert answer.standalone_question != answer.question
    assert "集团" in answer.standalone_question  # the subject comes from the history
    _assert_citations_hold(answer)


def test_ask_cli_json_contract(assistant: Assistant) -> None:
    result = CliRunner().invoke(app, ["ask", "组建了几个教育集团？", "--mode", "fast", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(payload) >= {"question", "standalone_question", "answer", "refused", "mode", "citations", "figures"}
    assert set(payload["citations"][0]) >= {"n", "doc", "title", "section", "page", "text"}
    assert set(payload["figures"][0]) >= {"text", "verified", "citation"}
