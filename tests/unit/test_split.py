"""Structure-aware splitting on the real documents and on small built ones."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from assistant.ingest import load_document, split_document
from assistant.ingest.clean import ARTICLE_LEVEL, heading_level
from assistant.settings import Settings
from assistant.text.sentences import CLAUSE_STOPS
from assistant.types import Chunk, Document, PageSpan

SIZE = 360
TOP_HEADING = re.compile(r"[一二三四五六七八九十]+、")


@cache
def _document(path: Path) -> Document:
    """Each test document is read once per test run (the PDF takes half a second)."""
    return load_document(path, Settings(home=path.parent))


def _load(data: Path, name: str) -> tuple[Document, list[Chunk]]:
    doc = _document(data / "corpus" / name)
    return doc, split_document(doc, SIZE)


def _assert_well_formed(doc: Document, chunks: list[Chunk]) -> None:
    assert [chunk.index for chunk in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert chunk.text == doc.text[chunk.start : chunk.end] and chunk.text.strip() == chunk.text
        assert chunk.doc == doc.name and chunk.title == doc.title and chunk.meta == doc.meta
        assert len(chunk.text) <= 2 * SIZE + 60
        ends_line = doc.text[chunk.end : chunk.end + 1] in ("", "\n")
        assert ends_line or chunk.text.rstrip("”’」』）)】》")[-1] in CLAUSE_STOPS, chunk.text[-20:]
        bare = not any(char in CLAUSE_STOPS for char in chunk.text.rstrip("。"))
        level = heading_level(chunk.text)
        lone_heading = "\n" not in chunk.text and level not in (None, ARTICLE_LEVEL) and bare
        assert not lone_heading, chunk.text
    assert all(a.end <= b.start for a, b in pairwise(chunks))


def test_county_report_heading_paths(data: Path) -> None:
    doc, chunks = _load(data, "2025_县教育局局长_述职述责述廉报告.txt")
    _assert_well_formed(doc, chunks)
    [hit] = [chunk for chunk in chunks if "组建4个教育集团" in chunk.text]
    assert hit.heading_path[0] == "二、聚焦主责主业,攻坚克难实干,推动教育质量全面提升"
    assert hit.heading_path[1] == "(一)优化资源配置,破解“入学难”“择校热”难题"
    [first] = [chunk for chunk in chunks if "15次,专题研讨6次" in chunk.text]
    assert first.heading_path == (
        "一、强化理论武装,筑牢思想根基,把稳教育发展政治方向",
        "(一)深学细悟强信念,提升政治能力",
    )
    assert chunks[0].heading_path == () and chunks[0].text.startswith("县教育局局长2025年度")


def test_no_chunk_spans_two_top_level_sections(data: Path) -> None:
    names = ("2025_县教育局局长_述职述责述廉报告.txt", "2024_国务院_政府工作报告.txt", "2024_北京市_政府工作报告.pdf")
    for name in names:
        doc, chunks = _load(data, name)
        _assert_well_formed(doc, chunks)
        for chunk in chunks:
            later_lines = chunk.text.split("\n")[1:]
            assert not any(TOP_HEADING.match(line) for line in later_lines), (name, chunk.index)
            first_line = chunk.text.split("\n", 1)[0]
            if TOP_HEADING.match(first_line):
                assert chunk.heading_path[0] == first_line[:40]


def test_law_splits_by_article(data: Path) -> None:
    doc, chunks = _load(data, "2018_中华人民共和国义务教育法.md")
    _assert_well_formed(doc, chunks)
    articles = re.findall(r"^第[一二三四五六七八九十百]+条", doc.text, flags=re.M)
    assert len(articles) == 63
    article_chunks = [chunk for chunk in chunks if len(chunk.heading_path) == 2]
    assert [chunk.heading_path[1] for chunk in article_chunks] == articles
    for chunk in chunks:
        assert len(re.findall(r"^第[一二三四五六七八九十百]+条", chunk.text, flags=re.M)) <= 1
    [second] = [chunk for chunk in chunks if chunk.heading_path[-1:] == ("第二条",)]
    assert second.heading_path == ("第一章总则", "第二条")
    assert second.text.startswith("第二条国家实行九年义务教育制度。\n义务教育是")
    [first] = [chunk for chunk in chunks if chunk.heading_path[-1:] == ("第一条",)]
    assert first.text.startswith("## 第一章总则\n第一条")  # the chapter heading joins its first article
    assert chunks[0].heading_path == () and "第一条" not in chunks[0].text


def test_pdf_chunks_carry_page_numbers(data: Path) -> None:
    doc, chunks = _load(data, "2024_北京市_政府工作报告.pdf")
    _assert_well_formed(doc, chunks)
    assert all(chunk.pages for chunk in chunks)
    assert [chunk.pages[0] for chunk in chunks] == sorted(chunk.pages[0] for chunk in chunks)
    assert chunks[-1].pages[-1] == 13
    [hit] = [chunk for chunk in chunks if "四是加大民生服务保障力度" in chunk.text]
    assert 3 in hit.pages
    assert any(len(chunk.pages) == 2 for chunk in chunks)


def _doc(text: str, pages: tuple[PageSpan, ...] = ()) -> Document:
    return Document(name="t.txt", path="t.txt", title="测试", text=text, raw_text=text, pages=pages)


def test_long_paragraph_splits_at_enumerations_and_sentences() -> None:
    items = ["一是扩大公办学位供给。", "二是促进城乡教育均衡。", "三是推进数字化转型。"]
    body = "".join(item + "实施重点工程，新增学位3200个，有效缓解入学难问题。" * 4 for item in items)
    doc = _doc("一、主要工作\n" + body)
    chunks = split_document(doc, 120)
    assert len(chunks) >= 3
    assert chunks[0].text.startswith("一、主要工作\n一是")
    assert all(chunk.heading_path == ("一、主要工作",) for chunk in chunks)
    starts = [chunk.text[:2] for chunk in chunks[1:]]
    assert "二是" in starts and "三是" in starts
    assert all(chunk.text[-1] == "。" for chunk in chunks)


def test_sentence_longer_than_twice_the_size_is_cut() -> None:
    doc = _doc("很长的句子，" * 100 + "结束。")
    chunks = split_document(doc, 100)
    assert len(chunks) >= 6
    assert all(len(chunk.text) <= 100 for chunk in chunks)
    assert "".join(chunk.text for chunk in chunks) == doc.text


def test_small_paragraphs_merge_and_pages_follow_spans() -> None:
    text = "一、总体要求\n第一段。\n第二段。\n二、主要任务\n第三段。"
    doc = _doc(text, (PageSpan(1, 0, 12), PageSpan(2, 12, len(text))))
    chunks = split_document(doc, 360)
    assert [chunk.text for chunk in chunks] == ["一、总体要求\n第一段。\n第二段。", "二、主要任务\n第三段。"]
    assert [chunk.heading_path for chunk in chunks] == [("一、总体要求",), ("二、主要任务",)]
    assert [chunk.pages for chunk in chunks] == [(1, 2), (2,)]


@pytest.mark.parametrize("size", [120, 360, 800])
def test_every_test_document_splits_cleanly(data: Path, size: int) -> None:
    for path in sorted((data / "corpus").glob("*_*.*")):
        doc = _document(path)
        chunks = split_document(doc, size)
        assert chunks and all(chunk.text == doc.text[chunk.start : chunk.end] for chunk in chunks)
        assert max(len(chunk.text) for chunk in chunks) <= 2 * size + 60, path.name
