"""Place names: the endings of administrative divisions and the words for "the whole region"."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.lexicon import groups, pairs, words

REGION_SUFFIXES = words("region_suffixes.txt")  # 特别行政区 … 省 市 区 县, longest first
_ANY_SUFFIX = "|".join(REGION_SUFFIXES)
REGION_SUFFIX = re.compile(rf"(?:{_ANY_SUFFIX})$")
PROVINCES = tuple(words("provinces.txt"))  # 北京 … 澳门: the province-level divisions by their short names
PROVINCE_FORMS = pairs("province_forms.txt")  # 内蒙 → 内蒙古: a short name as people also write it
REGION_WORDS = frozenset(words("region_words.txt"))  # 全国 全省 …: a place, not a measure
_FACILITIES = groups("facility_names.txt")
FACILITY_ENDINGS = _FACILITIES["endings"]  # 国际机场 … 港: how a port, airport or zone's name ends
GENERIC_FACILITY_WORDS = frozenset(_FACILITIES["generic"])  # 沿海港口, 国家级新区: no one place's
# "Heishi Port", "Baishan Baisha International Airport": the capitalised words before an English ending
ENGLISH_FACILITY = re.compile(
    r"\b((?:[A-Z][a-z]+\s+){1,3}?)(?:" + "|".join(w.replace("-", r"\s+") for w in _FACILITIES["english"]) + r")\b"
)
# A word the tagger marks as a place (ns) that names a region a report speaks for: a name with a
# division ending, or a municipality or province usually written without one.
REGION_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}(?:省|市|县|区|镇|乡|州|盟|旗)|北京|上海|天津|重庆|江苏|浙江|广东")


def facility_place(name: str) -> str:
    """The place a port, airport or zone is named after (黑石港 → 黑石, 黑石都市圈 → 黑石)."""
    return next((name.removesuffix(e) for e in FACILITY_ENDINGS if name.endswith(e)), name)


def names_facility(name: str, text: str, region: str = "") -> bool:
    """Whether ``text`` (of a document of ``region``) names the port, airport or zone ``name``: also as written
    longer or shorter (黑石机场 and 黑石国际机场, 黑石港 and 黑石港口: its place, then within a few characters the
    shortest form of its ending); one an English question names (as pinyin, heishi) by its place's sound; and a
    city's report speaks for its own port (黑石港 of 黑石市)."""
    if name.isascii():
        return name in pinyin(text)
    place = facility_place(name)
    if region.startswith(place):
        return True
    ending = name.removeprefix(place)
    core = min((e for e in FACILITY_ENDINGS if ending.startswith(e) or ending.endswith(e)), key=len, default=ending)
    return name in text or re.search(rf"{re.escape(place)}[^，,。；;]{{0,4}}?{re.escape(core)}", text) is not None


@lru_cache(maxsize=512)
def pinyin(text: str) -> str:
    """Chinese as the letters English writes its place names in (黑石 → heishi)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def provinces_named(text: str) -> set[str]:
    """The provinces ``text`` names by their short names (内蒙古), or as they are also written (内蒙)."""
    return {province for province in PROVINCES if province in text} | {
        province for written, province in PROVINCE_FORMS.items() if written in text
    }


def without_suffix(region: str) -> str:
    """北京市 → 北京; a name without a division ending stays as it is."""
    return REGION_SUFFIX.sub("", region)


def core_place(region: str) -> str:
    """北京市 → 北京, 广州市天河区 → 天河 (the most specific part), 宁夏回族自治区 → 宁夏."""
    parts = re.findall(rf".+?(?:{_ANY_SUFFIX}|$)", region)
    last = next((p for p in reversed(parts) if p), region)
    return without_suffix(last) or last
