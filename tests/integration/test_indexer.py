"""Incremental indexing with the real embedding model and the real embedded Chroma."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from assistant.api import Assistant
from assistant.index.embed import BROADCAST_MASKS, get_embedder
from assistant.settings import Settings
from tests.checks import BIN, SUMMARY
from tests.conftest import COUNTY_REPORT


def _squash(text: str) -> str:
    return "".join(text.split())


def test_index_is_incremental(docs: Path) -> None:
    assistant = Assistant()
    first = assistant.index([docs])
    assert (first.added, first.updated, first.unchanged, first.failed) == (2, 0, 0, [])
    assert first.chunks_embedded > 2

    again = assistant.index([docs])
    assert (again.added, again.updated, again.unchanged, again.chunks_embedded) == (0, 0, 2, 0)

    summary = docs / SUMMARY
    summary.write_text(summary.read_text(encoding="utf-8") + "三、存在问题\n师资结构不够合理。\n", encoding="utf-8")
    changed = assistant.index([docs])
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 1)
    assert 0 < changed.chunks_embedded < first.chunks_embedded  # cache: only new text is embedded
    hits = assistant.search("师资结构存在什么问题", k=3)
    assert any("师资结构不够合理" in hit.chunk.text for hit in hits)


def test_documents_tagged_by_older_rules_are_split_again(docs: Path, monkeypatch) -> None:
    """A change to the temporal rules reaches documents already indexed, their embeddings from the cache."""
    import assistant.index.store as store

    assistant = Assistant()
    assistant.index([docs])
    monkeypatch.setattr(store, "TAGGER_VERSION", store.TAGGER_VERSION + 1)  # the rules changed since
    assert not any(doc.tagged for doc in assistant.documents())
    again = assistant.index([docs])
    assert (again.added, again.updated, again.unchanged, again.chunks_embedded) == (0, 2, 0, 0)
    assert all(doc.tagged for doc in assistant.documents())


def test_search_finds_the_county_report_passage(docs: Path) -> None:
    assistant = Assistant()
    assistant.index([docs])
    hits = assistant.search("2025年组建了几个教育集团", k=5)  # the 2024 summary has its own count
    assert "组建4个教育集团" in _squash(hits[0].chunk.text)
    assert hits[0].chunk.heading_path, "the passage must carry its heading path"
    english = assistant.search("How many education groups were formed?", k=5)
    assert any("组建4个教育集团" in _squash(hit.chunk.text) for hit in english)


def test_remove_deletes_everywhere(docs: Path) -> None:
    assistant = Assistant()
    assistant.index([docs])
    assert assistant.remove(SUMMARY)
    assert [d.name for d in assistant.documents()] == ["2025_县教育局局长_述职述责述廉报告.txt"]
    assert all("新建幼儿园3所" not in hit.chunk.text for hit in assistant.search("新建幼儿园", k=10))
    assert not assistant.remove(SUMMARY)


def test_a_search_sees_what_another_process_indexed_at_once(docs: Path, tmp_path: Path, monkeypatch) -> None:
    """The UI's process learns of an outside write from the store itself, not after the periodic re-check."""
    monkeypatch.setenv("ASSISTANT_STORE_RECHECK_S", "3600")
    assistant = Assistant()
    assistant.index([docs / COUNTY_REPORT])
    assert all("新建幼儿园3所" not in hit.chunk.text for hit in assistant.search("新建幼儿园", k=5))
    outside = subprocess.run([str(BIN / "assistant"), "index", str(docs / SUMMARY)], capture_output=True, text=True)
    assert outside.returncode == 0, outside.stderr
    assert any("新建幼儿园3所" in hit.chunk.text for hit in assistant.search("新建幼儿园", k=5))
    assert SUMMARY in {doc.name for doc in assistant.kb().current_documents(3600)}


def test_bad_file_does_not_stop_the_batch_or_lose_the_index(docs: Path, tmp_path: Path) -> None:
    assistant = Assistant()
    assistant.index([docs])
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (bad / "good.md").write_text("# 新文件\n全县共有中小学45所。\n", encoding="utf-8")
    report = assistant.index([bad])
    assert report.added == 1
    assert [Path(f.path).name for f in report.failed] == ["broken.pdf"]
    assert "broken.pdf" in report.failed[0].error
    assert len(assistant.documents()) == 3


def test_a_restart_sees_the_same_index(docs: Path) -> None:
    Assistant().index([docs])
    fresh = Assistant()  # a new process would open the same data folder
    assert len(fresh.documents()) == 2
    assert fresh.kb().keyword.load()
    assert fresh.search("新增学位", k=1)[0].chunk.doc == SUMMARY


def test_crash_leftovers_are_repaired(docs: Path) -> None:
    """A document whose chunks were only partly written is removed on open, then re-indexed."""
    assistant = Assistant()
    assistant.index([docs])
    store = assistant.kb().store
    victim = store.all_chunks()[0].chunk
    store._collection.delete(ids=[victim.id])  # what a kill -9 between two batches leaves
    reopened = Assistant()
    assert victim.doc not in [d.name for d in reopened.documents()]
    report = reopened.index([docs])
    assert report.added == 1 and report.unchanged == 1
    assert report.chunks_embedded == 0  # the embedding cache still had its vectors


def test_embedder_is_real_and_multilingual(settings: Settings) -> None:
    embedder = get_embedder(settings)
    passages = embedder.embed_passages(["全县组建4个教育集团。", "地区生产总值增长5.2%。"])
    query = embedder.embed_queries(["how many education groups?"])[0]
    assert passages.shape == (2, 768)
    assert query @ passages[0] > query @ passages[1]


def test_bfloat16_embedder_keeps_the_float32_vector_space(settings: Settings) -> None:
    """bfloat16 shares the float32 space's name and cache, so its vectors must stay interchangeable."""
    texts = ["全县组建4个教育集团，覆盖学校23所。", "地区生产总值增长5.2%。", "义务教育法第十二条"]
    vectors = {
        precision: get_embedder(settings.model_copy(update={"embed_precision": precision})).embed_passages(texts)
        for precision in ("float32", "bfloat16")
    }
    assert get_embedder(settings.model_copy(update={"embed_precision": "bfloat16"})).precision == "bfloat16"
    agreement = (vectors["float32"] * vectors["bfloat16"]).sum(axis=1)
    assert agreement.min() > 0.99
    assert np.allclose(np.linalg.norm(vectors["bfloat16"], axis=1), 1.0, atol=1e-5)


def test_broadcast_attention_masks_give_the_same_vectors(settings: Settings) -> None:
    """EmbeddingGemma builds its masks by broadcasting (faster than transformers' vmap); a padded batch,
    where the masks matter, must embed exactly as with transformers' own masks."""
    embedder = get_embedder(settings)
    encoder = embedder._model[0].auto_model
    assert encoder.config._attn_implementation == BROADCAST_MASKS
    texts = [
        "全县组建4个教育集团，覆盖学校23所，惠及学生1.2万人。",
        "教育集团",
        "how many schools joined education groups?",
    ]
    broadcast = embedder.embed_passages(texts), embedder.embed_queries(texts[1:])
    encoder.set_attn_implementation("sdpa")
    try:
        stock = embedder.embed_passages(texts), embedder.embed_queries(texts[1:])
    finally:
        encoder.set_attn_implementation(BROADCAST_MASKS)
    assert np.array_equal(broadcast[0], stock[0]) and np.array_equal(broadcast[1], stock[1])
