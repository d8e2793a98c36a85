"""Constraints a question puts on documents: year, region, issuer, type, named document.

Reports of many years and regions state the same indicators, so "2025年河南省…" or
"According to Zhejiang's 2025 government work report…" must steer retrieval to the
right document. Constraints are matched against the metadata of the documents actually
indexed (no list of questions or documents is built in), and give each document a
prior that retrieval uses to boost and to search within the best-matching documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.index.store import StoredDocument
from assistant.text.places import core_place, without_suffix
from assistant.text.years import YEAR

# a year that names the document itself: "2026年北京市政府工作报告", "Zhejiang's 2025 government work report"
DOC_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?!\d)年?(?:度)?[^，。？,.?\d]{0,10}?(?:政府工作报告|工作报告|报告|意见|方案|指引|通知|规划"
    r"|government work report|work report|report|plan|guide|opinions|notice)",
    re.I,
)
_TITLE = re.compile(r"《([^》]{2,40})》")
# English names that are not the plain pinyin of the place
_ENGLISH_PLACES = {
    "inner mongolia": "内蒙古",
    "tibet": "西藏",
    "shaanxi": "陕西",
    "hong kong": "香港",
    "macau": "澳门",
    "macao": "澳门",
    "the state council": "全国",
    "state council": "全国",
    "national": "全国",
    "china's": "全国",
}
_TYPE_WORDS = {
    "政府工作报告": ("政府工作报告", "government work report", "work report"),
    "述职报告": ("述职", "performance report", "duty report"),
    "法律": ("法》", "法第", "法规定", " law", "law "),
    "意见": ("意见", "opinions", "guideline"),
    "方案": ("方案", "plan", "scheme"),
    "指引": ("指引", "guide"),
    "通知": ("通知", "notice"),
}


# "据2025年新疆维吾尔自治区政府工作报告，": the phrase that names the source, not what is asked
_SOURCE_PHRASE = re.compile(
    r"(?:据|根据|按照|依照|在)?\s*(?:19|20)\d{2}\s*年?度?[^，。？,.?]{0,16}?"
    r"(?:政府工作报告|工作报告|报告|意见|方案|指引|通知|规划)(?:中的|中|里)?(?:提出|提到|显示|指出)?[，,：:]?"
)


def without_source(question: str) -> str:
    """The question without the phrase that names its source document (which retrieval has used)."""
    return _SOURCE_PHRASE.sub(" ", question).strip() or question


def asked_years(question: str) -> set[int]:
    """Years a question asks about, leaving out those that only name the report it cites."""
    return {int(y) for y in YEAR.findall(question)} - {int(y) for y in DOC_YEAR.findall(question)}


@dataclass(frozen=True)
class Constraints:
    years: tuple[int, ...] = ()  # years the question mentions
    doc_years: tuple[int, ...] = ()  # years that name the document ("2026年…政府工作报告")
    places: tuple[str, ...] = ()  # core place names (北京, 天河) the question names
    doc_types: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # document names the question quotes or contains

    @property
    def empty(self) -> bool:
        return not (self.years or self.places or self.doc_types or self.titles)


@lru_cache(maxsize=512)
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def _title_core(title: str) -> str:
    core = re.sub(r"^(?:\d{4}年)?(?:中华人民共和国)?", "", title)
    return re.sub(r"[（(].*?[)）]$", "", core).strip()


def parse_constraints(question: str, documents: Iterable[StoredDocument]) -> Constraints:
    documents = list(documents)
    lowered = question.lower()
    years = {int(y) for y in YEAR.findall(question)}
    doc_years = tuple(sorted({int(y) for y in DOC_YEAR.findall(question)}))
    places = set()
    for doc in documents:
        for region in filter(None, (doc.meta.region,)):
            for place in {core_place(region), without_suffix(region)}:
                if len(place) >= 2 and (place in question or re.search(rf"\b{_pinyin(place)}\b", lowered)):
                    places.add(place)
    for english, place in _ENGLISH_PLACES.items():
        if english in lowered:
            places.add(place)
    doc_types = tuple(t for t, words in _TYPE_WORDS.items() if any(w in question or w in lowered for w in words))
    quoted = [_title_core(t) for t in _TITLE.findall(question)]
    named = [core for doc in documents if len(core := _title_core(doc.title)) >= 3 and core in question]
    titles = tuple(dict.fromkeys(quoted + _longest_only(named)))
    return Constraints(tuple(sorted(years)), doc_years, tuple(sorted(places)), doc_types, titles)


def _longest_only(names: list[str]) -> list[str]:
    """教育法 inside 义务教育法 is not a second document name."""
    return [n for n in names if not any(n != other and n in other for other in names)]


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
        core = _title_core(doc.title)
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
