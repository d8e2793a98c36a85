"""Scores as records: a score's parts are kept, and weights are named, so no module undoes another's sum."""

from __future__ import annotations

from dataclasses import replace

from assistant.index.store import StoredDocument
from assistant.query import parse_query
from assistant.query.constraints import document_names, read_constraints
from assistant.retrieve.constraints import PRIOR_WEIGHTS, document_prior
from assistant.retrieve.sentences import WEIGHTS, rank_sentences
from assistant.types import Chunk, DocMeta, Hit

REPORT = StoredDocument(
    "2025_北京市_政府工作报告.docx", "2025年北京市政府工作报告", "h", 1, 1, DocMeta(year=2025, region="北京市")
)


def test_a_sentence_keeps_its_match_apart_from_its_passages_rank() -> None:
    same = "2025年新增学位2万个。"
    hits = [Hit(Chunk("a", 0, same, (), 0, 1), 0.03), Hit(Chunk("b", 0, same, (), 0, 1), 0.02)]
    first, second = rank_sentences(parse_query("2025年新增多少学位？"), hits)
    assert first.match == second.match  # the same sentence answers as well wherever it stands
    assert (first.citation, first.rank_prior, second.rank_prior) == (1, WEIGHTS.rank_prior, WEIGHTS.rank_prior / 2)
    assert first.score == first.match + first.focus + first.rank_prior > second.score


def test_the_document_prior_sums_its_named_weights() -> None:
    constraints = read_constraints("2025年北京市政府工作报告提出新增多少学位？", document_names([REPORT]))
    weights = PRIOR_WEIGHTS
    assert document_prior(constraints, REPORT) == weights.title + weights.place + weights.doc_year
    doubled = replace(weights, place=2 * weights.place)
    assert document_prior(constraints, REPORT, doubled) == weights.title + doubled.place + weights.doc_year


def test_of_two_sentences_stating_the_indicator_the_one_saying_little_else_ranks_first() -> None:
    listing = "全年地区生产总值增长5%，进出口增长3%，粮食产量稳定在百亿斤以上，居民消费价格指数上涨1.1%。"
    plain = "居民消费价格指数上涨1.1%。"  # in the passage ranked second
    hits = [Hit(Chunk("a", 0, listing, (), 0, 1), 0.03), Hit(Chunk("b", 0, plain, (), 0, 1), 0.02)]
    first, second = rank_sentences(parse_query("居民消费价格指数上涨多少？"), hits)
    assert first.match == second.match and first.sentence == plain and first.focus > second.focus
