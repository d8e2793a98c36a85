"""What a question says about the documents it means: years, places, kinds and names of documents.

Reports of many years and regions state the same indicators, so "2025年河南省…" or
"According to Zhejiang's 2025 government work report…" must steer retrieval to the right
document. The question is read against the names of the documents actually indexed
(:class:`DocumentNames`: no list of questions or documents is built in); retrieval then
weighs each document by how well it fits (``assistant.retrieve.constraints``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from assistant.index.store import StoredDocument
from assistant.ingest.temporal import report_year
from assistant.text.places import (
    ENGLISH_FACILITY,
    FACILITY_ENDINGS,
    GENERIC_FACILITY_WORDS,
    REGION_SUFFIX,
    REGION_WORDS,
    core_place,
    facility_place,
    pinyin,
    provinces_named,
    without_suffix,
)
from assistant.text.segment import tag
from assistant.text.years import YEAR
from assistant.types import Constraints

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


@dataclass(frozen=True)
class DocumentNames:
    """The names a question may use for the indexed documents: their regions and their titles; and, by
    place ("" for any), the last year a document looks back on (a 2026 government work report reviews
    2025): a year up to it has results on record, so a question about it wants them, not its targets."""

    regions: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    reviewed: tuple[tuple[str, int], ...] = ()

    def reviews(self, year: int, places: Iterable[str] = ()) -> bool:
        """Whether some document of ``places`` (of any place when none is named) looks back on ``year``."""
        last = dict(self.reviewed)
        return any(year <= last.get(place, 0) for place in (tuple(places) or ("",)))


NO_NAMES = DocumentNames()


def document_names(documents: Iterable[StoredDocument]) -> DocumentNames:
    documents = list(documents)
    regions = tuple(dict.fromkeys(d.meta.region for d in documents if d.meta.region))
    reviewed: dict[str, int] = {}
    for document in documents:
        if (as_of := report_year(document.meta)) is None:
            continue
        for place in ("", core_place(document.meta.region or "")):
            reviewed[place] = max(reviewed.get(place, 0), as_of - 1)
    return DocumentNames(regions, tuple(dict.fromkeys(d.title for d in documents)), tuple(sorted(reviewed.items())))


def without_source(question: str) -> str:
    """The question without the phrase that names its source document (which retrieval has used)."""
    return _SOURCE_PHRASE.sub(" ", question).strip() or question


def asked_years(question: str) -> set[int]:
    """Years a question asks about, leaving out those that only name the report it cites."""
    return {int(y) for y in YEAR.findall(question)} - {int(y) for y in DOC_YEAR.findall(question)}


def title_core(title: str) -> str:
    """A document's name without its year and 中华人民共和国 prefix or a bracketed tail: what people call it."""
    core = re.sub(r"^(?:\d{4}年)?(?:中华人民共和国)?", "", title)
    return re.sub(r"[（(].*?[)）]$", "", core).strip()


def read_constraints(question: str, names: DocumentNames = NO_NAMES) -> Constraints:
    """The years, places, kinds and names of documents ``question`` (in either language) names."""
    lowered = question.lower()
    years = {int(y) for y in YEAR.findall(question)}
    doc_years = tuple(sorted({int(y) for y in DOC_YEAR.findall(question)}))
    places = set()
    for region in names.regions:
        for place in {core_place(region), without_suffix(region)}:
            if len(place) >= 2 and (place in question or re.search(rf"\b{pinyin(place)}\b", lowered)):
                places.add(place)
    for english, place in _ENGLISH_PLACES.items():
        if english in lowered:
            places.add(place)
    # a province no indexed document is of is still the place asked about: another's figures do not answer
    places |= provinces_named(question)
    doc_types = tuple(t for t, words in _TYPE_WORDS.items() if any(w in question or w in lowered for w in words))
    quoted = [title_core(t) for t in _TITLE.findall(question)]
    named = [core for title in names.titles if len(core := title_core(title)) >= 3 and core in question]
    titles = tuple(dict.fromkeys(quoted + _longest_only(named)))
    asked = without_source(question)
    localities = _localities(asked, places)
    facilities = _facilities(asked, places) + _english_facilities(asked, places)
    return Constraints(
        tuple(sorted(years)), doc_years, tuple(sorted(places)), doc_types, titles, localities, facilities
    )


def _localities(question: str, places: set[str]) -> tuple[str, ...]:
    """Places the question names below those of the documents, by their full names (苏州市, 黔东南州): a
    province's report that does not break a figure out for such a place does not answer for it. Only names
    with a division's suffix count (jieba also tags verbs such as 新建 as places); jieba writes some apart
    (平原 / 市)."""
    words = tag(question)
    found = []
    for at, (word, flag) in enumerate(words):
        if flag != "ns":
            continue
        following = words[at + 1][0] if at + 1 < len(words) else ""
        if not REGION_SUFFIX.search(word) and REGION_SUFFIX.fullmatch(following):
            word += following
        # "湖南长沙市": the province written before the city, which is the place asked about
        word = next((rest for place in places if len(rest := word.removeprefix(place)) >= 3 and rest != word), word)
        if word in REGION_WORDS or len(word) < 3 or not REGION_SUFFIX.search(word):
            continue
        if not any(word.startswith(place) for place in places):  # not 白山省 or 白山地区 of 白山
            found.append(word)
    return tuple(dict.fromkeys(found))


# words that end the name of a facility's place going back from its ending: numbers, particles, verbs, directions
_NOT_OF_NAME = ("m", "x", "uj", "ul", "p", "c", "r", "v", "d", "f", "q", "a")
_NAME_FLAGS = ("ns", "nr", "nz", "nt", "j")  # a place, a person's or an organisation's name, an abbreviation


def _facilities(question: str, places: set[str]) -> tuple[str, ...]:
    """The ports, airports and zones a question names (黑石港 of "白山省黑石港…吞吐量"), without the province before
    them: the words before a facility ending back to the first that is no name (a year, 的, a verb), of which one
    at least the tagger reads as a name (全省港口, 沿海港口 name none)."""
    words = tag(question)
    ends = list(accumulate(len(w) for w, _ in words))
    starts = [end - len(w) for end, (w, _) in zip(ends, words, strict=True)]
    found = []
    for at, end in enumerate(ends):
        ending = next((e for e in FACILITY_ENDINGS if question.endswith(e, 0, end)), None)
        if ending is None:
            continue
        first = next(k for k in range(at, -1, -1) if starts[k] <= end - len(ending))  # the word the ending opens in
        start = first
        while start > 0 and first - start < 3 and words[start - 1][1] not in _NOT_OF_NAME:
            start -= 1
        name = question[starts[start] : end]
        for place in sorted(places | provinces_named(name), key=len, reverse=True):
            name = name.removeprefix(place).removeprefix("省").removeprefix("市")
        own = facility_place(name)
        named = any(flag.startswith(_NAME_FLAGS) for _, flag in words[start : first + 1])
        if len(own) >= 2 and named and own not in GENERIC_FACILITY_WORDS:
            found.append(name)
    return tuple(dict.fromkeys(found))


def _english_facilities(question: str, places: set[str]) -> tuple[str, ...]:
    """The places of the ports, airports and zones an English question names, as pinyin ("Heishi Port" →
    heishi), without the province's own name ("Baishan Baisha International Airport" → baisha)."""
    own = {pinyin(place) for place in places}
    found = []
    for match in ENGLISH_FACILITY.finditer(question):
        words = [w.lower() for w in match.group(1).split() if w.lower() not in own and w.lower() != "the"]
        if words and words[0] not in ("according",):
            found.append("".join(words))
    return tuple(dict.fromkeys(found))


def _longest_only(names: list[str]) -> list[str]:
    """教育法 inside 义务教育法 is not a second document name."""
    return [n for n in names if not any(n != other and n in other for other in names)]
