"""Year, region, issuer and document type, read from the file name, title and text head.

These facts let retrieval tell the 2024 Beijing report from the 2025 one; a wrong guess
is worse than none, so each rule only fires on a clear signal.
"""

from __future__ import annotations

import re

from assistant.types import DocMeta

_PROVINCES = (
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 "
    "福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 "
    "甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 "
    "新疆维吾尔自治区 香港特别行政区 澳门特别行政区"
).split()
# Short forms ("宁夏", "北京") map to the full name: the first two characters identify a
# province, except 内蒙古 which needs three.
_SHORT = {name[:3] if name.startswith("内蒙古") else name[:2]: name for name in _PROVINCES}
_NATIONAL = ("国务院", "中办国办", "中共中央", "全国人民代表大会", "全国人大", "中华人民共和国")
_CITY = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:市|自治州|盟))")
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:区|县|旗))(?![级域])")
_NOT_PLACE = ("关于", "中华", "国务", "教育", "政府", "人民")
_ORGAN = re.compile(r"([\u4e00-\u9fff]{0,12}?(?:办公厅|国办|人民政府|教育局局长|教育局|教育厅|教育部|委员会|常委会))")
# Ordered: the first keyword found decides ("关于印发《…方案》的通知" is a 方案).
_TYPES: tuple[tuple[str, str], ...] = (
    ("政府工作报告", "政府工作报告"),
    ("述职", "述职报告"),
    ("总结", "工作总结"),
    ("指引", "指引"),
    ("方案", "方案"),
    ("意见", "意见"),
    ("通知", "通知"),
)
_YEAR_IN_TEXT = re.compile(r"〔((?:19|20)\d{2})〕|((?:19|20)\d{2})年")
_LAW = re.compile(r"^中华人民共和国[\u4e00-\u9fff]{1,20}法(?:$|[（(])")


def parse_meta(name: str, title: str, text: str) -> DocMeta:
    """Facts about a document; every field is None when nothing clear was found."""
    stem = name.rsplit(".", 1)[0]
    parts = [part for part in stem.split("_") if part and not part.isdigit()]
    doc_type = _doc_type(stem, title)
    region = _region(parts, title)
    return DocMeta(
        year=_year(stem, title, text),
        region=region,
        issuer=_issuer(parts, title, text, region, doc_type),
        doc_type=doc_type,
    )


def _year(stem: str, title: str, text: str) -> int | None:
    prefix = re.match(r"((?:19|20)\d{2})(?:[_\-\s年]|$)", stem)
    if prefix:
        return int(prefix.group(1))
    for source in (title, text[:300]):
        match = _YEAR_IN_TEXT.search(source)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def _region(parts: list[str], title: str) -> str | None:
    """The most specific place named by a file-name part, else by the start of the title."""
    candidates = [*parts, re.sub(r"^[\d\s]+年", "", title)]
    for candidate in candidates:
        if candidate.startswith(_NATIONAL) or _LAW.match(candidate):
            return "全国"
        place = _place(candidate)
        if place:
            return place
    return None


def _place(text: str) -> str | None:
    """``广州市天河区…`` → 广州市天河区; ``宁夏`` → 宁夏回族自治区; only at the start of ``text``."""
    province = next((full for full in _PROVINCES if text.startswith(full)), None)
    if province is None:
        short = next((s for s in _SHORT if text.startswith(s)), None)
        province = _SHORT[short] if short else None
        rest = text[len(short) :] if short else text
    else:
        rest = text[len(province) :]
    place = province or ""
    if not (province or "").endswith("市"):
        city = _CITY.match(rest)
        if city and not city.group(1).startswith(_NOT_PLACE):
            place += city.group(1)
            rest = rest[city.end() :]
    if place:
        district = _DISTRICT.match(rest)
        if district and not district.group(1).startswith(_NOT_PLACE):
            place += district.group(1)
    return place or None


def _issuer(parts: list[str], title: str, text: str, region: str | None, doc_type: str | None) -> str | None:
    """An organ named in the file name or title; a government report's issuer is the government."""
    for part in parts:
        if part in ("国务院", "中办国办") or _ORGAN.fullmatch(part):
            return part
    organ = _ORGAN.match(title)
    if organ and organ.group(1):
        return organ.group(1)
    if doc_type == "政府工作报告" and region:
        return "国务院" if region == "全国" else f"{region}人民政府"
    if doc_type == "法律":
        for body in ("全国人民代表大会常务委员会", "全国人民代表大会"):
            if body in text[:500]:
                return body
    return None


def _doc_type(stem: str, title: str) -> str:
    for source in (stem, title):
        name = re.sub(r"^[\d_\s]+", "", source)
        if _LAW.match(name) or _LAW.match(name.split("_")[-1]):
            return "法律"
        for keyword, doc_type in _TYPES:
            if keyword in source:
                return doc_type
    return "其他"
