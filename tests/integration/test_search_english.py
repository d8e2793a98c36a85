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
