"""How well each indexed document fits what the question says of its source (a :class:`Constraints`).

The question's years, places, kinds and names of documents are read once, with the query
(``assistant.query.constraints``); here they become a prior per document that retrieval
uses to boost and to search within the best-matching documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.index.store import StoredDocument
from assistant.query.constraints import title_core
from assistant.text.places import core_place, without_suffix
from assistant.types import Constraints


@dataclass(frozen=True)
class PriorWeights:
    """What a document's fit to the question's constraints adds to its hits; the values the retrieval
    benchmark (bench/retrieval.py) was last run with."""

    title: float = 2.0  # the question names the document ("《…》")
    place: float = 1.0  # the document's region is the place asked about
    other_place: float = -0.5  # … or another one (unless the question asks about 全国)
    doc_year: float = 1.5  # the question names the report's year ("2025年政府工作报告")
    other_doc_year: float = -0.5  # … and this report is of another year
    year: float = 1.0  # the document is of the year the question asks about
    review_year: float = 0.4  # … or of the next year: a report of year Y reviews year Y-1
    doc_type: float = 0.5  # the document is of the type asked for (法律, 政府工作报告)


PRIOR_WEIGHTS = PriorWeights()


def document_prior(constraints: Constraints, doc: StoredDocument, w: PriorWeights = PRIOR_WEIGHTS) -> float:
    """How well a document fits the question's constraints (0 = no evidence either way)."""
    meta = doc.meta
    title = 0.0
    if constraints.titles:
        core = title_core(doc.title)
        title = w.title if any(t == core or t in doc.title for t in constraints.titles) else 0.0
    doc_type = w.doc_type if constraints.doc_types and meta.doc_type in constraints.doc_types else 0.0
    return title + _place_prior(constraints, meta.region, w) + _year_prior(constraints, meta.year, w) + doc_type


def _place_prior(constraints: Constraints, region: str | None, w: PriorWeights) -> float:
    if not (constraints.places and region):
        return 0.0
    if {core_place(region), without_suffix(region), region} & set(constraints.places):
        return w.place
    return w.other_place if "全国" not in constraints.places else 0.0


def _year_prior(constraints: Constraints, year: int | None, w: PriorWeights) -> float:
    if not year:
        return 0.0
    if constraints.doc_years:
        return w.doc_year if year in constraints.doc_years else w.other_doc_year
    if year in constraints.years:
        return w.year
    return w.review_year if year - 1 in constraints.years else 0.0
