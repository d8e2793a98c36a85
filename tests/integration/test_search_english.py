"""An English question against a Chinese knowledge base, end to end: the real embedder and the LLM's translation."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_english_question_finds_the_chinese_passage(county_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real embedder and the default LLM's translation: the English path end to end (the 0.5B model
    translates too poorly for the keyword side to find anything)."""
    from assistant.api import Assistant

    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "qwen2.5-1.5b")
    assistant = Assistant()
    assistant.index([county_report])
    hits = assistant.search("How many county-level famous teachers and backbone teachers were trained?", k=3)
    assert any("骨干教师120名" in "".join(hit.chunk.text.split()) for hit in hits)
    assert any(hit.keyword_rank is not None for hit in hits), "the LLM's Chinese translation reached the keyword index"
    untranslated = assistant.search(
        "How many county-level famous teachers and backbone teachers were trained?", k=5, use_llm=False
    )
    assert all(hit.keyword_rank is None for hit in untranslated), "English words cannot match the Chinese index"
    assert any("骨干教师120名" in "".join(hit.chunk.text.split()) for hit in untranslated)


def test_an_english_question_in_a_unit_finds_the_figure_buried_in_a_long_passage(tmp_path: Path) -> None:
    """A figure the passage vectors miss (one sentence among many) is found by its unit and meaning."""
    from assistant.api import Assistant

    works = [
        "新建和改善乡村绿道1272公里、创建美丽河湖35条。",
        "更换老旧污水管网312.5公里，城区内涝点位大幅减少。",
        "新改建农村公路4000公里，建制村通客车率保持100%。",
        "盘活低效闲置资产108.7亿元，省级一般性支出压减11%。",
        "实际使用外资86.4亿美元，新设外资企业1200家。",
    ]
    report = tmp_path / "2026_示范省_政府工作报告.txt"
    report.write_text("示范省2026年政府工作报告\n一、2025年工作回顾\n" + "".join(works) + "\n", encoding="utf-8")
    assistant = Assistant()
    assistant.index([report])
    question = "How many kilometers of old sewer pipes were replaced in 2025?"
    query = assistant.parse(question, use_llm=False)
    found = assistant._english_figure(query, report.name, None)
    assert found is not None and found.figure.value.startswith("312.5")
    answer = assistant.ask(question, mode="fast")
    assert not answer.refused and "312.5" in answer.text
    railway = assistant.parse("How many kilometers of high-speed railway were opened in 2025?", use_llm=False)
    other = assistant._english_figure(railway, report.name, None)
    assert other is None or not other.figure.value.startswith("312.5"), "sewer pipes are no railway"
    tonnes = assistant.parse("How many tonnes of grain were produced in 2025?", use_llm=False)
    assert assistant._english_figure(tonnes, report.name, None) is None, "no figure of the document is in tonnes"
    money = assistant.ask("How much foreign investment was actually used in 2025?", mode="fast")
    assert not money.refused and "86.4" in money.text, "money asked without a currency is answered in 美元 too"
