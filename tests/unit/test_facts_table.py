"""The figure table on its own: chunks in, records out (no embedder, no Chroma)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.facts.table import FigureTable, _m001_create_tables
from assistant.types import Chunk, DocMeta, FileInfo

COUNTY = "2024_某县_工作总结.txt"
BEIJING = "2025_北京市_政府工作报告.txt"
SHANGHAI = "2024_上海市_政府工作报告.txt"


def _chunks(doc: str, parts: list[tuple[tuple[str, ...], str]], meta: DocMeta, pages: bool = False) -> list[Chunk]:
    """Chunks laid end to end, as the splitter makes them (``text == doc_text[start:end]``)."""
    chunks, offset = [], 0
    for index, (path, text) in enumerate(parts):
        chunks.append(
            Chunk(
                doc=doc,
                index=index,
                text=text,
                heading_path=path,
                start=offset,
                end=offset + len(text),
                pages=(index + 1,) if pages else (),
                title=doc.rsplit(".", 1)[0],
                meta=meta,
            )
        )
        offset += len(text)
    return chunks


def _county(extra: str = "") -> list[Chunk]:
    return _chunks(
        COUNTY,
        [
            (("一、基本情况",), "一、基本情况\n全县新建幼儿园3所，新增学位1200个。\n"),
            (
                ("二、集团化办学", "（一）教育集团"),
                "（一）教育集团\n深化集团化办学改革，组建4个教育集团，覆盖12所农村薄弱学校。" + extra + "\n",
            ),
        ],
        DocMeta(year=2024, region=None, doc_type="工作总结"),
        pages=True,
    )


def _beijing() -> list[Chunk]:
    return _chunks(
        BEIJING,
        [
            (("一、2024年工作回顾",), "一、2024年工作回顾\n全市地区生产总值增长5.2%，一般公共预算收入增长3.1%。\n"),
            (
                ("二、2025年主要任务",),
                "二、2025年主要任务\n主要预期目标是：地区生产总值增长5%左右。新增中小学学位2万个。\n",
            ),
        ],
        DocMeta(year=2025, region="北京市", doc_type="政府工作报告"),
    )


def _shanghai() -> list[Chunk]:
    return _chunks(
        SHANGHAI,
        [
            (("一、2023年工作回顾",), "一、2023年工作回顾\n全市生产总值增长5%，新增就业岗位60万个。\n"),
        ],
        DocMeta(year=2024, region="上海市", doc_type="政府工作报告"),
    )


@pytest.fixture
def table(tmp_path: Path) -> FigureTable:
    table = FigureTable(tmp_path / "kb" / "figures.sqlite")
    table.replace_document(COUNTY, "h1", _county())
    table.replace_document(BEIJING, "h2", _beijing())
    table.replace_document(SHANGHAI, "h3", _shanghai())
    yield table
    table.close()


def _values(records) -> list[str]:
    return [r.figure.value for r in records]


def test_records_carry_the_figure_and_where_it_stands(table: FigureTable) -> None:
    chunks = _county()
    doc_text = "".join(c.text for c in chunks)
    records = table.search("教育集团")
    assert _values(records)[:2] == ["4个", "12所"]
    group = records[0]
    assert group.doc == COUNTY and group.year == 2024 and group.chunk_id == f"{COUNTY}#1"
    assert group.heading_path == ("二、集团化办学", "（一）教育集团") and group.page == 2
    assert group.figure.indicator == "组建教育集团" and group.figure.unit == "个" and group.figure.normalized == 4
    assert doc_text[group.sentence_start : group.sentence_end] == group.figure.sentence
    assert group.figure.sentence[group.figure.start : group.figure.end] == "4个"


def test_documents_replace_and_delete(table: FigureTable) -> None:
    assert table.documents() == {COUNTY: "h1", BEIJING: "h2", SHANGHAI: "h3"}
    before = table.count(COUNTY)
    table.replace_document(COUNTY, "h1b", _county(extra="另建成2个教育集团。"))
    assert table.documents()[COUNTY] == "h1b"
    assert table.count(COUNTY) == before + 1
    assert "2个" in _values(table.search("教育集团"))
    table.delete_document(COUNTY)
    assert COUNTY not in table.documents()
    assert table.count(COUNTY) == 0
    assert table.search("教育集团") == []
    assert table.count() > 0  # the other documents keep theirs


def test_a_reopened_table_keeps_its_records(table: FigureTable) -> None:
    count = table.count()
    table.close()
    again = FigureTable(table.path)
    assert again.count() == count
    assert again.documents()[BEIJING] == "h2"
    with sqlite3.connect(table.path) as conn:
        # tables, the OCR flag, what a figure is about, which extractor wrote it
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    again.close()


def test_figures_from_an_older_extractor_count_as_not_extracted(table: FigureTable) -> None:
    """A knowledge base indexed before an extractor change gets the new records without re-indexing."""
    with sqlite3.connect(table.path) as conn:
        conn.execute("UPDATE documents SET extractor = extractor - 1 WHERE name = ?", (BEIJING,))
    conn.close()
    assert table.documents() == {COUNTY: "h1", BEIJING: "", SHANGHAI: "h3"}
    table.replace_document(BEIJING, "h2", _beijing())
    assert table.documents()[BEIJING] == "h2"


def test_a_table_from_before_the_ocr_flag_is_migrated_and_marks_scans(tmp_path: Path) -> None:
    path = tmp_path / "figures.sqlite"
    with sqlite3.connect(path) as conn:  # as the first release wrote it
        _m001_create_tables(conn)
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    table = FigureTable(path)
    scan = Chunk("scan.pdf", 0, "全县组建4个教育集团。", (), 0, 12, pages=(2,), info=FileInfo("pdf", 2, (2,)))
    table.replace_document("scan.pdf", "h", [scan])
    assert [record.ocr for record in table.search("教育集团")] == [True]
    table.close()


def test_each_document_leads_with_its_best_record(table: FigureTable) -> None:
    records = table.search("地区生产总值 增长")
    leaders = records[:2]
    assert {r.doc for r in leaders} == {BEIJING, SHANGHAI}, "the top shows each report once"
    assert [(r.doc, r.figure.value) for r in leaders][0] == (BEIJING, "5.2%")
    assert (SHANGHAI, "5%") in [(r.doc, r.figure.value) for r in leaders]
    assert any(r.doc == BEIJING and r.figure.value == "5%" for r in records[2:])


def test_compare_lines_up_documents_by_year(table: FigureTable) -> None:
    compared = table.compare("地区生产总值 增长")
    assert [(r.year, r.doc, r.figure.value) for r in compared] == [(2024, SHANGHAI, "5%"), (2025, BEIJING, "5.2%")]


def test_compare_takes_a_documents_one_year_figure_over_its_five_year_one(table: FigureTable) -> None:
    """A report that first gives the growth over a whole plan period is charted by its year's growth."""
    span = "全市地区生产总值较“十三五”末增长33.6%。\n一、2024年工作回顾\n全市地区生产总值增长5.3%。\n"
    table.replace_document(
        BEIJING,
        "h2b",
        _chunks(BEIJING, [(("一、2024年工作回顾",), span)], DocMeta(2025, "北京市", None, "政府工作报告")),
    )
    compared = {r.doc: r.figure.value for r in table.compare("地区生产总值 增长")}
    assert compared[BEIJING] == "5.3%"


def test_filters(table: FigureTable) -> None:
    assert {r.doc for r in table.search("增长", year=2025)} == {BEIJING}
    assert {r.doc for r in table.search("增长", region="上海")} == {SHANGHAI}
    assert {r.doc for r in table.search("增长", doc="北京市")} == {BEIJING}
    assert {r.doc for r in table.search("增长", doc=SHANGHAI)} == {SHANGHAI}
    assert table.search("增长", year=1999) == []


def test_stop_words_find_nothing_and_wildcards_are_literal(table: FigureTable) -> None:
    assert table.search("的 了") == []
    percent = table.search("%")
    assert percent and all("%" in r.figure.sentence for r in percent)
    assert table.search("_") == []
    assert len(table.search("增长", limit=1)) == 1


def test_nothing_is_created_before_use(tmp_path: Path) -> None:
    table = FigureTable(tmp_path / "later" / "figures.sqlite")
    assert not (tmp_path / "later").exists()
    assert table.documents() == {}
    assert (tmp_path / "later" / "figures.sqlite").exists()


def test_a_table_from_before_temporal_tags_is_extracted_again(tmp_path) -> None:
    """Migration 2 adds what each figure is about in time and forgets the documents, so the
    knowledge base extracts them again with it."""
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        from assistant.facts.table import _m001_create_tables

        _m001_create_tables(conn)
        conn.execute("INSERT INTO documents VALUES ('old.txt', 'h')")
        conn.execute("PRAGMA user_version = 1")
    table = FigureTable(path)
    assert table.documents() == {} and table.count() == 0
    table.close()


def test_records_say_what_their_sentence_is_about_in_time(tmp_path: Path) -> None:
    """The same indicator as a 2024 result and as a 2025 target are told apart (the chunks' tags, split in)."""
    from assistant.ingest import split_document
    from assistant.types import Document

    text = "2025年北京市政府工作报告\n" + "".join(part for _, part in _BEIJING_PARTS)
    meta = DocMeta(year=2025, region="北京市", doc_type="政府工作报告")
    doc = Document(BEIJING, BEIJING, "2025年北京市政府工作报告", text, text, meta=meta)
    table = FigureTable(tmp_path / "about.sqlite")
    table.replace_document(BEIJING, "h", split_document(doc, 360))
    about = {r.figure.value: r.about for r in table.search("地区生产总值 增长")}
    assert about["5.2%"] == "2024年 · 实际" and about["5%"] == "2025年 · 年度目标"
    table.close()


_BEIJING_PARTS = [
    (("一、2024年工作回顾",), "一、2024年工作回顾\n全市地区生产总值增长5.2%，一般公共预算收入增长3.1%。\n"),
    (("二、2025年主要任务",), "二、2025年主要任务\n主要预期目标是：地区生产总值增长5%左右。新增中小学学位2万个。\n"),
]
