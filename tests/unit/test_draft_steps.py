"""The drafting steps one at a time, on a made-up district's two passages (no model, no knowledge base):
cleaning the model's text, settling its figures, ranking sentences, gathering material and evidence."""

from __future__ import annotations

import pytest

from assistant.draft.check import settle_figures
from assistant.draft.evidence import gather_evidence
from assistant.draft.material import Material, Sources, gather_material
from assistant.draft.templates import get_template, load_templates
from assistant.draft.tidy import items_in_order, one_paragraph, quotes_paired, tidy
from assistant.query import parse_query
from assistant.retrieve.sentences import rank_sentences
from assistant.settings import Settings
from assistant.types import Chunk, Citation, DocMeta, Hit

META = DocMeta(2025, "清河区", None, "工作总结")
TITLE = "清河区2025年工作总结"
GREEN = Chunk(
    "qinghe.txt",
    0,
    "（一）生态建设。全区新建公园3个，新增绿地8公顷，种植行道树1200株。",
    ("一、生态建设",),
    0,
    40,
    title=TITLE,
    meta=META,
)
BUS = Chunk(
    "qinghe.txt",
    1,
    "（二）交通出行。新开公交线路5条，改造公交站台20个。",
    ("二、交通出行",),
    40,
    70,
    title=TITLE,
    meta=META,
)


def test_tidy_drops_markdown_echoed_titles_talk_about_the_task_and_a_cut_off_end() -> None:
    written = "## 绿化工作\n**绿化工作**\n根据以上资料，我们了解到，全区新增绿地8公顷。本段介绍绿化情况。下一步将继续"
    assert tidy(written, "绿化工作") == "全区新增绿地8公顷。"


def test_one_paragraph_joins_lines_without_enumerators_or_labels() -> None:
    assert (
        one_paragraph("1. 做法：\n新建公园3个。\n成效：市民满意度提高。", "公园建设") == "新建公园3个。市民满意度提高。"
    )
    assert one_paragraph("公园建设：新建公园3个。", "公园建设") == "新建公园3个。"


def test_a_heading_line_stays_a_sentence_of_its_own_and_a_label_line_goes() -> None:
    """Joined as it stands, a heading line the model wrote ran into the sentence under it ("…民生保障水平积极稳就业…")."""
    written = "具体措施\n着力提升民生保障水平\n积极稳就业，新增就业10万人[1]。"
    assert one_paragraph(written) == "着力提升民生保障水平。积极稳就业，新增就业10万人[1]。"
    assert one_paragraph("新建公园3个，\n市民满意度提高。") == "新建公园3个，市民满意度提高。", "a clause goes on"


def test_a_speechs_greetings_are_not_part_of_its_passage() -> None:
    assert tidy("大家好！今年新建公园3个[1]。谢谢大家！") == "今年新建公园3个[1]。"
    assert tidy("同志们、朋友们！新建公园3个[1]。") == "新建公园3个[1]。"


def test_a_drafts_items_are_numbered_as_a_reader_counts_them() -> None:
    """The model copies a report's numbering: "一是七是" once, a list opening at "二是" from "一是"; a list the
    draft starts again in another part, and one already in order, stay."""
    assert (
        items_in_order("一是七是新建公园3个[1]。二是新开公交线路5条[2]。")
        == "一是新建公园3个[1]。二是新开公交线路5条[2]。"
    )
    assert (
        items_in_order("全区完成绿化任务[1]。二是新建公园3个[1]；三是新增绿地8公顷[1]；四是种植行道树1200株[1]。")
        == "全区完成绿化任务[1]。一是新建公园3个[1]；二是新增绿地8公顷[1]；三是种植行道树1200株[1]。"
    )
    for kept in (
        "一是新建公园3个[1]。\n二是新开公交线路5条，一是改造站台20个，二是新增班次[2]。",
        "绿化工作扎实推进，新建公园3个[1]。",
    ):
        assert items_in_order(kept) == kept


def test_a_list_of_one_item_loses_its_number() -> None:
    """A "一是" no "二是" follows numbers nothing (the model's, or a part's lead where the draft has one part)."""
    assert items_in_order("公园建设扎实推进[1]。一是，新建公园3个[1]。") == "公园建设扎实推进[1]。新建公园3个[1]。"
    assert items_in_order("公园建设扎实推进[1]。三是，新建公园3个[1]。") == "公园建设扎实推进[1]。新建公园3个[1]。", (
        "the model's 三是 left alone (its 一是 and 二是 dropped) is a list of one, not 一是"
    )
    assert (
        items_in_order("一是据某省报告，新建公园3个[1]。\n一是新开公交线路5条[2]；二是改造站台20个[2]。")
        == "据某省报告，新建公园3个[1]。\n一是新开公交线路5条[2]；二是改造站台20个[2]。"
    )


def test_a_quotation_mark_pairing_with_none_in_its_paragraph_goes() -> None:
    assert (
        quotes_paired("报告提出：“公园是城市的客厅[1]。”新建公园3个[1]。”\n建成“口袋公园”5个[2]，“绿道10公里[2]。")
        == "报告提出：“公园是城市的客厅[1]。”新建公园3个[1]。\n建成“口袋公园”5个[2]，绿道10公里[2]。"
    )


def test_settle_figures_cites_the_passage_that_states_a_figure_and_marks_one_none_states() -> None:
    citations = [Citation(1, BUS), Citation(2, GREEN)]
    text, checks = settle_figures("全区新建公园3个。新开公交线路6条[1]。", citations)
    assert text == "全区新建公园3个[2]。新开公交线路【待核实：6条】[1]。"
    assert [(c.text, c.verified) for c in checks] == [("3个", True), ("6条", False)]


def test_rank_sentences_puts_the_sentence_with_the_asked_terms_and_a_figure_first() -> None:
    ranked = rank_sentences(parse_query("新建了多少个公园？"), [Hit(BUS, 1.0), Hit(GREEN, 0.9)])
    assert ranked[0].sentence == "全区新建公园3个，新增绿地8公顷，种植行道树1200株。"
    assert ranked[0].citation == 2 and ranked[0].coverage == 1.0
    assert ranked[0].score > ranked[-1].score


@pytest.fixture
def material(settings: Settings) -> Material:
    def search(query: str, k: int) -> list[Hit]:
        green_first = "公园" in query or "绿" in query
        return [Hit(GREEN, 1.0), Hit(BUS, 0.5)] if green_first else [Hit(BUS, 1.0), Hit(GREEN, 0.5)]

    sources = Sources(search=search, facts=lambda query: [], chunks=lambda ids: [])
    template = get_template(load_templates(settings), "topical-section")
    return gather_material("起草城区建设一节", ["新建公园", "公交线路"], "城区建设", template, sources, settings)


def test_gather_material_numbers_each_passage_once_and_outlines_the_key_points(material: Material) -> None:
    assert sorted(p.n for p in material.passages) == [1, 2]
    assert len({p.chunk.id for p in material.passages}) == 2
    by_n = {p.n: p.chunk for p in material.passages}
    outline = {part.heading: [by_n[n] for n in part.citations] for part in material.outline}
    assert outline == {"新建公园": [GREEN], "公交线路": [BUS]}


def test_gather_evidence_quotes_under_each_heading_the_sentence_about_it(material: Material) -> None:
    evidence = gather_evidence(material, "起草城区建设一节", "城区建设", per_heading=2)
    quotes = {e.part.heading: [q.text for q in e.quotes] for e in evidence}
    assert quotes == {
        "新建公园": ["全区新建公园3个，新增绿地8公顷，种植行道树1200株。"],
        "公交线路": ["新开公交线路5条，改造公交站台20个。"],
    }
