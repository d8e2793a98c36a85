"""Retrieval: fusion, constraints from the question, relative years, reranking, English."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.index.passage import keyword_tokens
from assistant.index.store import StoredDocument
from assistant.query import parse_query
from assistant.query.constraints import asked_years, document_names, read_constraints
from assistant.retrieve.constraints import document_prior
from assistant.retrieve.hybrid import fuse
from assistant.retrieve.rerank import rerank
from assistant.text.places import core_place
from assistant.text.years import years_meant
from assistant.types import Chunk, DocMeta, Hit


def _doc(name: str, title: str, year: int, region: str, doc_type: str = "政府工作报告") -> StoredDocument:
    return StoredDocument(name, title, "h", 1, 1, DocMeta(year=year, region=region, doc_type=doc_type))


LIBRARY = [
    _doc("2024_北京市_政府工作报告.pdf", "2024年北京市政府工作报告", 2024, "北京市"),
    _doc("2025_北京市_政府工作报告.docx", "2025年北京市政府工作报告", 2025, "北京市"),
    _doc("2026_北京市_政府工作报告.txt", "2026年北京市政府工作报告", 2026, "北京市"),
    _doc("2025_浙江省_政府工作报告.docx", "2025年浙江省政府工作报告", 2025, "浙江省"),
    _doc(
        "2026_广州市天河区_积分制入学学位申请指引.txt",
        "2026年天河区积分制入学学位申请指引",
        2026,
        "广州市天河区",
        "指引",
    ),
    _doc("2018_中华人民共和国义务教育法.md", "中华人民共和国义务教育法", 2018, "全国", "法律"),
    _doc("2021_中华人民共和国教育法.md", "中华人民共和国教育法", 2021, "全国", "法律"),
]


def _best(question: str) -> list[str]:
    constraints = read_constraints(question, document_names(LIBRARY))
    priors = {d.name: document_prior(constraints, d) for d in LIBRARY}
    top = max(priors.values())
    return sorted(name for name, prior in priors.items() if prior == top)


def test_fusion_rewards_agreement_and_rank() -> None:
    fused = fuse([["a", "b", "c"], ["b", "a", "d"]])
    assert fused["a"] == fused["b"] > fused["c"] > 0
    assert fused["c"] == fused["d"]
    weighted = fuse([["a"], ["b"]], weights=[2.0, 1.0])
    assert weighted["a"] == 2 * weighted["b"]


def test_the_year_that_names_the_report_wins_over_the_data_year() -> None:
    question = "据2026年北京市政府工作报告，2025年北京市细颗粒物年均浓度是多少？"
    constraints = read_constraints(question, document_names(LIBRARY))
    assert constraints.doc_years == (2026,) and set(constraints.years) == {2025, 2026}
    assert _best(question) == ["2026_北京市_政府工作报告.txt"]


def test_a_data_year_points_to_the_report_of_the_next_year_too() -> None:
    priors = {
        d.name: document_prior(read_constraints("北京市2024年新增了多少学位？", document_names(LIBRARY)), d)
        for d in LIBRARY
    }
    assert (
        priors["2024_北京市_政府工作报告.pdf"]
        > priors["2025_北京市_政府工作报告.docx"]
        > priors["2026_北京市_政府工作报告.txt"]
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "According to Zhejiang's 2025 government work report, how many doctoral programmes were added?",
            ["2025_浙江省_政府工作报告.docx"],
        ),
        (
            "Under Tianhe District's 2026 points-based admission guide, how many places?",
            ["2026_广州市天河区_积分制入学学位申请指引.txt"],
        ),
        ("《义务教育法》规定义务教育教师职务分为哪几级？", ["2018_中华人民共和国义务教育法.md"]),
        ("义务教育法第几条规定了免试入学？", ["2018_中华人民共和国义务教育法.md"]),
    ],
)
def test_places_and_documents_named_in_chinese_or_english(question: str, expected: list[str]) -> None:
    assert _best(question) == expected


def test_core_place_names() -> None:
    assert [core_place(r) for r in ("北京市", "广州市天河区", "宁夏回族自治区", "河南省")] == [
        "北京",
        "天河",
        "宁夏",
        "河南",
    ]


def test_relative_years_become_the_reports_own_years() -> None:
    chunk = Chunk("r.txt", 0, "今年全市新增学位2万个，去年为1.5万个。", (), 0, 10, meta=DocMeta(year=2025))
    tokens = keyword_tokens(chunk)
    assert "2025" in tokens and "2024" in tokens
    undated = Chunk("r.txt", 0, "今年全市新增学位2万个。", (), 0, 10)
    assert "2025" not in keyword_tokens(undated)


def test_years_a_sentence_means_and_a_question_asks() -> None:
    assert years_meant("过去一年，细颗粒物年均浓度27微克/立方米", 2026) == {2025}
    assert years_meant("2024年新增学位3万个，今年再增2万个", 2025) == {2024, 2025}
    assert years_meant("今年再增2万个", None) == set()
    assert asked_years("据2026年北京市政府工作报告，2025年北京市细颗粒物年均浓度是多少？") == {2025}
    assert asked_years("2024年国务院政府工作报告中，2024年中央预算内投资拟安排多少？") == set()


def test_rerank_prefers_the_passage_whose_sentence_answers() -> None:
    scattered = Chunk("a", 0, "全市空气质量持续改善。细颗粒物治理取得成效。今年年均浓度目标为30微克。", (), 0, 1)
    focused = Chunk("b", 0, "2025年细颗粒物年均浓度27微克/立方米，优良天数比例提高。", (), 0, 1)
    hits = [Hit(scattered, 0.0330), Hit(focused, 0.0328)]
    assert rerank(parse_query("2025年细颗粒物年均浓度是多少？"), hits)[0].chunk.doc == "b"


def test_focused_ranking_read_off_the_unfiltered_one_matches_a_filtered_search(settings) -> None:
    """The ranking inside the preferred documents is the filtered search's, whether it is read off the
    unfiltered pool or, when the pool holds too few of their chunks, searched again with the filter."""
    import numpy as np

    from assistant.index.store import VectorStore
    from assistant.retrieve import hybrid

    store = VectorStore(settings, "focus-test", "synthetic")
    rng = np.random.default_rng(7)
    for doc, count in (("big.txt", 60), ("small.txt", 8), ("other.txt", 40)):
        chunks = [Chunk(doc, i, f"{doc} 第{i}段", (), i, i + 1) for i in range(count)]
        vectors = rng.normal(size=(count, 16)).astype(np.float32)
        store.add_document(chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), doc)

    kb = SimpleNamespace(store=store)  # all that _within reads of a knowledge base
    query = rng.normal(size=16).astype(np.float32)
    for preferred, total in (({"small.txt"}, 8), ({"big.txt", "small.txt"}, 68), ({"other.txt"}, 40)):
        for pool in (10, 100):  # 10: too few preferred chunks in the pool, so the filter is used
            nearest = store.nearest(query, pool)
            filtered = store.nearest(query, hybrid.CANDIDATES, where={"doc": {"$in": sorted(preferred)}})
            assert hybrid._within(kb, query, nearest, preferred, total) == filtered


def test_the_parsed_question_carries_the_documents_it_names() -> None:
    """Places and titles are read once, with the query, against the indexed documents' names."""
    names = document_names(LIBRARY)
    query = parse_query("《义务教育法》规定北京市学校应当怎样做？", names=names)
    assert query.constraints.places == ("北京",) and query.constraints.titles == ("义务教育法",)
    assert query.constraints.doc_types == ("法律",)
    # a province no indexed document is of is still the place asked (its figures are nobody else's)
    assert parse_query("天津市新增了多少学位？", names=names).constraints.places == ("天津",)
    english = parse_query("How many schools did Zhejiang build?", names=names)
    assert english.constraints.places == ("浙江",)


def test_a_province_written_as_people_say_it_is_the_place_asked() -> None:
    """ "内蒙" is 内蒙古: another province's report does not answer for it; 京津冀 names no 河北 by 冀."""
    assert read_constraints("2031年内蒙新建了多少座水库？").places == ("内蒙古",)
    assert read_constraints("京津冀协同发展有哪些成果？").places == ()
