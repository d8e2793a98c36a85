"""The knowledge base's documents a request names, and whose voice each is in the draft.

- ``own``: the writer's unit's documents (its 述职报告, its own notice), restated in the first person;
- ``authority``: laws and central policies, restated as what they require ("《义务教育法》第十二条规定",
  "按照《…》要求");
- ``other``: another place's or unit's report, restated as theirs ("据重庆市2026年政府工作报告").

A request names documents by title (《中华人民共和国教育法》, 义务教育法), or by kind with
places, issuers and years ("根据北京市2025年和2026年两份政府工作报告", "2026年江苏省和2025年浙江省
政府工作报告", "国务院办公厅2015年和中办国办2020年两份…意见"): each year belongs to the place or
issuer written next to it. Matching reads the documents' own metadata; no list of
documents is built in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.draft.brief import KIND_WORDS, NAMING_WINDOW, WRITE_VERB, Brief, Writer, without_left_out
from assistant.text.places import without_suffix
from assistant.text.years import YEAR
from assistant.types import DocMeta

OWN, AUTHORITY, OTHER = "own", "authority", "other"
_AUTHORITY_TYPES = frozenset({"法律", "意见", "决定", "条例", "规定", "办法", "纲要", "规划"})
_TYPE_WORDS = KIND_WORDS
_KIND_NAMES = frozenset(w for words in _TYPE_WORDS.values() for w in words) | {"工作报告", "报告"}
_ROLE = re.compile(r"(?:局长|厅长|主任|书记|省长|市长|区长|县长|校长|院长)$")
_INNER_TITLE = re.compile(r"《([^《》]{4,60})》")
WINDOW = NAMING_WINDOW
MOST_BY_KIND = 4  # a kind named without place or year names its documents only when they are this few


@dataclass(frozen=True)
class Catalogued:
    """A document of the knowledge base: its id, title and metadata."""

    name: str
    title: str
    meta: DocMeta


@dataclass(frozen=True)
class Source:
    """A document as a draft uses it: whose voice it is and how the draft names it."""

    name: str
    title: str
    meta: DocMeta
    voice: str

    @property
    def is_law(self) -> bool:
        return self.meta.doc_type == "法律"

    @property
    def label(self) -> str:
        """How a sentence names it: 《义务教育法》, 《关于…意见》, 重庆市2026年政府工作报告."""
        if self.is_law:
            return f"《{self.title.removeprefix('中华人民共和国')}》"
        meta = self.meta
        if meta.doc_type == "政府工作报告" and meta.region and meta.year:
            return f"{'国务院' if meta.region == '全国' else meta.region}{meta.year}年政府工作报告"
        if meta.doc_type == "述职报告":
            return f"《{self.title}》"
        inner = _INNER_TITLE.search(self.title)
        return f"《{inner.group(1) if inner else self.title}》"

    @property
    def place(self) -> str:
        """The place whose "我们" the document's own sentences mean (重庆市), "" for a national one."""
        region = self.meta.region or ""
        return "" if region == "全国" else region


def voice_of(meta: DocMeta, writer: Writer) -> str:
    """Whose words a document is for this writer: own, authority (laws, central policies) or other."""
    if meta.doc_type == "法律":
        return AUTHORITY
    if writer.genre and meta.doc_type == writer.genre:
        return OWN
    if writer.unit and meta.issuer and _same_unit(writer.unit, meta.issuer):
        return OWN
    if meta.region == "全国" or meta.doc_type in _AUTHORITY_TYPES:
        return AUTHORITY
    return OTHER


def _same_unit(unit: str, issuer: str) -> bool:
    """县教育局 and 县教育局局长; 广州市天河区教育局 and 天河区教育局; 山东省人民政府 and 山东省人民政府办公厅."""
    issuer = _ROLE.sub("", issuer)
    return len(issuer) >= 3 and (issuer in unit or unit in issuer)


def named_sources(brief: Brief, documents: Iterable[Catalogued]) -> list[Source]:
    """The documents the request names, in the order it names them; the writer's own when it speaks for itself.
    A document named only in what the request leaves out ("别用某省2026年政府工作报告的数字") is none."""
    documents = list(documents)
    topic = "".join(without_left_out(brief.topic).split())
    found: dict[str, int] = {}
    for doc, at in _by_title(topic, documents) + _by_kind(topic, documents):
        found[doc.name] = min(at, found.get(doc.name, at))
    sources = [Source(d.name, d.title, d.meta, voice_of(d.meta, brief.writer)) for d in documents if d.name in found]
    if brief.writer.explicit and not any(s.voice == OWN for s in sources):
        sources += [
            Source(d.name, d.title, d.meta, OWN)
            for d in documents
            if d.name not in found and voice_of(d.meta, brief.writer) == OWN
        ]
    return sorted(sources, key=lambda s: (found.get(s.name, -1), s.meta.year or 0))


def _title_core(title: str) -> str:
    core = re.sub(r"^(?:(?:19|20)\d{2}年)?(?:中华人民共和国)?", "", "".join(title.split()))
    return re.sub(r"[（(].*?[)）]$", "", core)


def _by_title(topic: str, documents: list[Catalogued]) -> list[tuple[Catalogued, int]]:
    """Documents whose title (without year and 中华人民共和国) the request writes; 教育法 inside 义务教育法 is not one."""
    cores = {d.name: _title_core(d.title) for d in documents if _distinctive(d)}
    spans = {
        name: [(m.start(), m.start() + len(core)) for m in re.finditer(re.escape(core), topic)]
        for name, core in cores.items()
        if len(core) >= 3 and core not in _KIND_NAMES
    }
    found = []
    for doc in documents:
        own = spans.get(doc.name, [])
        alone = [
            (s, e)
            for s, e in own
            if not any(
                (os <= s and e <= oe) and (oe - os) > (e - s)
                for other, spans_ in spans.items()
                if other != doc.name
                for os, oe in spans_
            )
        ]
        if alone:
            found.append((doc, alone[0][0]))
    return found


def _distinctive(doc: Catalogued) -> bool:
    """A title says more than place, year and kind ("2025年重庆市政府工作报告" is named by kind, not by title)."""
    rest = re.sub(r"(?:19|20)\d{2}年度?|中华人民共和国", "", "".join(doc.title.split()))
    for name in [*_names(doc.meta), *sorted(_KIND_NAMES, key=len, reverse=True)]:
        rest = rest.replace(name, "")
    return len(rest) >= 3


def _by_kind(topic: str, documents: list[Catalogued]) -> list[tuple[Catalogued, int]]:
    """Documents named by kind, with the places, issuers and years written before it."""
    found: list[tuple[Catalogued, int]] = []
    loose: list[tuple[Catalogued, int]] = []  # named in a window that gives no year ("注明出自重庆市政府工作报告")
    places = frozenset(name for d in documents for name in _names(d.meta) if name in topic)
    for kind, words in _TYPE_WORDS.items():
        of_kind = [d for d in documents if d.meta.doc_type == kind]
        for word in words:
            for match in re.finditer(re.escape(word), topic):
                window = topic[max(0, match.start() - WINDOW) : match.start()]
                window = window[max(window.rfind(ch) for ch in "，。；：！？”") + 1 :]
                named = [(d, match.start()) for d in _in_window(window, of_kind, places)]
                (found if YEAR.search(window) else loose).extend(named)
    dated = {(d.meta.doc_type, d.meta.region or d.meta.issuer) for d, _ in found}
    return found + [(d, at) for d, at in loose if (d.meta.doc_type, d.meta.region or d.meta.issuer) not in dated]


def _in_window(window: str, documents: list[Catalogued], places: frozenset[str] = frozenset()) -> list[Catalogued]:
    """The documents a window names: each year binds to the nearest place or issuer written beside it; a kind alone
    names the few of its kind, unless the window says it is what the writer writes. A year
    with no place beside it is of the ``places`` the request names elsewhere, where it names any ("山东省2025年
    政府工作报告…与2026年政府工作报告", "代白山省人民政府办公厅…以全省2026年政府工作报告为主"), not every place's."""
    mentions: dict[str, list[int]] = {}
    for doc in documents:
        for name in _names(doc.meta):
            for match in re.finditer(re.escape(name), window):
                mentions.setdefault(name, []).append(match.start())
    years = [(int(m.group(0)), m.start()) for m in YEAR.finditer(window)]
    if not mentions and not years:  # what the writer writes ("起草今年秋季招生的工作方案") names no source
        return documents if len(documents) <= MOST_BY_KIND and not WRITE_VERB.search(window) else []
    if not mentions and places:
        documents = [doc for doc in documents if places.intersection(_names(doc.meta))]
    bound: dict[str, set[int]] = {}
    first_place = min((p for spots in mentions.values() for p in spots), default=len(window))
    year_first = bool(years) and years[0][1] < first_place  # "2026年江苏省和2025年浙江省" vs "北京市2025年和2026年"
    for year, at in years:
        if mentions:
            bound.setdefault(_binds(at, mentions, year_first), set()).add(year)
    all_years = {year for year, _ in years}
    chosen = []
    for doc in documents:
        names = [n for n in _names(doc.meta) if n in mentions]
        if mentions and not names:
            continue
        wanted = set().union(*(bound.get(n, set()) for n in names)) if names else all_years
        if not wanted:
            wanted = all_years
        if not wanted or doc.meta.year in wanted:
            chosen.append(doc)
    return chosen


def _binds(at: int, mentions: dict[str, list[int]], year_first: bool) -> str:
    """The place or issuer a year at ``at`` belongs to: the next one written after it, or the last before it."""

    def gap(name: str) -> int:
        after = [p - at for p in mentions[name] if p > at]
        before = [at - (p + len(name)) for p in mentions[name] if p < at]
        wanted, other = (after, before) if year_first else (before, after)
        return min(wanted) if wanted else 10_000 + min(other, default=10_000)

    return min(mentions, key=gap)


def _names(meta: DocMeta) -> list[str]:
    """How a request may name a document's place or issuer: 北京市, 北京; 国务院办公厅; 中办国办."""
    names = []
    if meta.region and meta.region != "全国":
        names += [meta.region, without_suffix(meta.region)]
    if meta.issuer and not meta.issuer.startswith(meta.region or "\0"):
        names.append(_ROLE.sub("", meta.issuer))
    return [n for n in dict.fromkeys(names) if len(n) >= 2]
