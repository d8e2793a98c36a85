"""Place names: the endings of administrative divisions and the words for "the whole region"."""

from __future__ import annotations

import re

from assistant.text.lexicon import pairs, words

REGION_SUFFIXES = words("region_suffixes.txt")  # 特别行政区 … 省 市 区 县, longest first
_ANY_SUFFIX = "|".join(REGION_SUFFIXES)
REGION_SUFFIX = re.compile(rf"(?:{_ANY_SUFFIX})$")
PROVINCES = tuple(words("provinces.txt"))  # 北京 … 澳门: the province-level divisions by their short names
PROVINCE_FORMS = pairs("province_forms.txt")  # 内蒙 → 内蒙古: a short name as people also write it
REGION_WORDS = frozenset(words("region_words.txt"))  # 全国 全省 …: a place, not a measure
# A word the tagger marks as a place (ns) that names a region a report speaks for: a name with a
# division ending, or a municipality or province usually written without one.
REGION_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}(?:省|市|县|区|镇|乡|州|盟|旗)|北京|上海|天津|重庆|江苏|浙江|广东")


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
