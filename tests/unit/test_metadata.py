"""Year, region, issuer and type from file names, titles and text heads."""

from __future__ import annotations

import pytest

from assistant.ingest.metadata import parse_meta
from assistant.types import DocMeta

LAW_HEAD = (
    "# 中华人民共和国义务教育法\n1986年4月12日第六届全国人民代表大会第四次会议通过\n"
    "2018年12月29日第十三届全国人民代表大会常务委员会第七次会议第二次修正"
)


@pytest.mark.parametrize(
    ("name", "title", "text", "expected"),
    [
        (
            "2025_县教育局局长_述职述责述廉报告.txt",
            "县教育局局长2025年度述职述责述廉报告",
            "",
            DocMeta(2025, None, "县教育局局长", "述职报告"),
        ),
        ("2024_国务院_政府工作报告.txt", "政府工作报告", "", DocMeta(2024, "全国", "国务院", "政府工作报告")),
        (
            "2024_北京市_政府工作报告.pdf",
            "2024年北京市政府工作报告",
            "各位代表：",
            DocMeta(2024, "北京市", "北京市人民政府", "政府工作报告"),
        ),
        (
            "2025_宁夏_政府工作报告.docx",
            "2025年宁夏政府工作报告",
            "",
            DocMeta(2025, "宁夏回族自治区", "宁夏回族自治区人民政府", "政府工作报告"),
        ),
        (
            "2025_内蒙古自治区_政府工作报告.docx",
            "2025年内蒙古自治区政府工作报告",
            "",
            DocMeta(2025, "内蒙古自治区", "内蒙古自治区人民政府", "政府工作报告"),
        ),
        (
            "2026_广州市天河区教育局_幼儿园招生工作方案.txt",
            "广州市天河区教育局关于印发《2026年广州市天河区幼儿园招生工作方案》的通知",
            "",
            DocMeta(2026, "广州市天河区", "广州市天河区教育局", "方案"),
        ),
        (
            "2026_广州市天河区_积分制入学学位申请指引.txt",
            "2026年广州市天河区积分制入学学位申请指引",
            "",
            DocMeta(2026, "广州市天河区", None, "指引"),
        ),
        (
            "2018_中华人民共和国义务教育法.md",
            "中华人民共和国义务教育法",
            LAW_HEAD,
            DocMeta(2018, "全国", "全国人民代表大会常务委员会", "法律"),
        ),
        (
            "2015_国务院办公厅_关于全面加强和改进学校美育工作的意见.txt",
            "国务院办公厅关于全面加强和改进学校美育工作的意见",
            "（国办发〔2015〕71号）",
            DocMeta(2015, "全国", "国务院办公厅", "意见"),
        ),
        (
            "2020_中办国办_关于全面加强和改进新时代学校美育工作的意见.txt",
            "中共中央办公厅、国务院办公厅印发《关于全面加强和改进新时代学校美育工作的意见》",
            "",
            DocMeta(2020, "全国", "中办国办", "意见"),
        ),
    ],
)
def test_shared_corpus_names(name: str, title: str, text: str, expected: DocMeta) -> None:
    assert parse_meta(name, title, text) == expected


def test_year_from_title_then_text() -> None:
    assert parse_meta("工作总结.docx", "某某中学2023年工作总结", "").year == 2023
    notice = parse_meta("美育通知.txt", "关于加强学校美育的通知", "教体艺〔2019〕3号\n各省教育厅：")
    assert notice.year == 2019 and notice.doc_type == "通知"
    assert parse_meta("美育通知.txt", "关于加强学校美育的通知", "各省教育厅：").year is None


def test_city_district_and_county() -> None:
    meta = parse_meta("河南省郑州市金水区教育局_2024年工作总结.txt", "2024年工作总结", "")
    assert meta.region == "河南省郑州市金水区"
    assert meta.issuer == "河南省郑州市金水区教育局"
    assert meta.doc_type == "工作总结" and meta.year == 2024
    assert parse_meta("北京市海淀区_通知.txt", "通知", "").region == "北京市海淀区"


def test_nothing_clear_means_none() -> None:
    assert parse_meta("notes.txt", "会议纪要", "今天开会。") == DocMeta(None, None, None, "其他")
