"""Line repair and space normalisation on the two reference documents and small cases."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest

from assistant.ingest.clean import clean_text

COUNTY = "2025_县教育局局长_述职述责述廉报告.txt"
BEIJING_PDF = "2024_北京市_政府工作报告.pdf"


def _digits(text: str) -> list[str]:
    return re.findall(r"\d", text)


def _assert_traceable(raw: str, text: str, offsets: tuple[int, ...]) -> None:
    assert len(offsets) == len(text)
    assert all(a < b for a, b in pairwise(offsets))
    assert all(raw[o] == c for o, c in zip(offsets, text, strict=True) if c not in " \n")


@pytest.fixture
def county(data: Path) -> tuple[str, str, tuple[int, ...]]:
    raw = (data / "corpus" / COUNTY).read_text(encoding="utf-8")
    return (raw, *clean_text(raw))


@cache
def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture
def beijing(data: Path) -> tuple[str, str, tuple[int, ...]]:
    raw = _pdf_text(data / "corpus" / BEIJING_PDF)
    return (raw, *clean_text(raw))


def test_county_report_lines_are_repaired(county: tuple[str, str, tuple[int, ...]]) -> None:
    raw, text, offsets = county
    assert "组建 4 个教育集团" in raw and "组建4个教育集团" in text
    assert "覆盖师生 1.2 万\n人次" in raw and "覆盖师生1.2万人次" in text
    assert "学习贯彻习\n近平" in raw and "学习贯彻习近平新时代" in text
    assert "“十五五”\n谋划" in raw and "“十五五”谋划承前启后" in text
    assert "三是深化评价改革。\n出台" in raw and "三是深化评价改革。出台《中小学教师评价实施办法》" in text
    assert _digits(text) == _digits(raw)
    _assert_traceable(raw, text, offsets)


def test_county_report_headings_stay_on_their_own_lines(county: tuple[str, str, tuple[int, ...]]) -> None:
    lines = county[1].split("\n")
    assert lines[0] == "县教育局局长2025年度述职述责述廉报告"
    assert lines[1] == "尊敬的各位领导、同志们:"
    assert "一、强化理论武装,筑牢思想根基,把稳教育发展政治方向" in lines
    assert "二、聚焦主责主业,攻坚克难实干,推动教育质量全面提升" in lines
    for heading in ("(一)深学细悟强信念", "(二)扛牢主体责任", "(三)严守意识形态", "(一)优化资源配置"):
        assert any(line.startswith(heading) for line in lines), heading
    assert not any(re.search(r".[一二三四五六七八九十]、[^\n]{0,3}(强化|聚焦)", line) for line in lines)


def test_pdf_numbers_and_units_rejoined(beijing: tuple[str, str, tuple[int, ...]]) -> None:
    raw, text, offsets = beijing
    assert "腾退土地 2282\n公顷" in raw and "腾退土地2282公顷" in text
    assert "减量约 8\n平方公里" in raw and "减量约8平方公里" in text
    assert "腾退 20.4\n万平方米" in raw and "腾退20.4万平方米" in text
    assert "全市新设企业增长\n20.3%" in raw and "全市新设企业增长20.3%" in text
    assert "增长 5.2%、约 4.4 万亿元" in raw and "增长5.2%、约4.4万亿元" in text
    assert _digits(text) == _digits(raw)
    _assert_traceable(raw, text, offsets)


def test_pdf_headings_stay_on_their_own_lines(beijing: tuple[str, str, tuple[int, ...]]) -> None:
    lines = beijing[1].split("\n")
    for heading in (
        "各位代表：",
        "一、2023年工作回顾",
        "二、2024年重点任务",
        "（七）突出加强城市精细化治理，打造更加宜居的城市生活",
        "（十一）加快构建大安全大应急框架，全力维护首都安全稳定",
    ):
        assert heading in lines


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_number_split_across_wrapped_lines() -> None:
    lead = "各项工作稳步推进，取得新成效，全年新增学位"  # 21 characters, so "2024" wraps after "2"
    paragraph = (lead + "2024个，覆盖师生1.2万人次，各项指标均达到预期目标要求。") * 2
    raw = "一、总体要求\n" + _wrap(paragraph, 22) + "\n（一）基本原则\n坚持育人为本。"
    assert "学位2\n024个" in raw
    text, offsets = clean_text(raw)
    assert text == f"一、总体要求\n{paragraph}\n（一）基本原则\n坚持育人为本。"
    _assert_traceable(raw, text, offsets)


def test_unwrapped_text_keeps_its_lines() -> None:
    raw = "2026年北京市政府工作报告\n来源：北京日报\n北京市市长 殷勇\n各位代表：\n现在，我代表北京市人民政府报告工作。"
    text, _ = clean_text(raw)
    assert text.split("\n") == [
        "2026年北京市政府工作报告",
        "来源：北京日报",
        "北京市市长殷勇",
        "各位代表：",
        "现在，我代表北京市人民政府报告工作。",
    ]


def test_spaces() -> None:
    raw = "\u3000\u30002026年 4月 20 日\xa0发布，增长 5.2 %\n\n\n## 第一章 总 则\nCOVID 19  test "
    text, offsets = clean_text(raw)
    assert text == "2026年4月20日发布，增长5.2 %\n## 第一章总则\nCOVID 19 test"
    assert offsets[0] == 2


def test_enumerator_alone_on_a_line_joins_its_item() -> None:
    text, _ = clean_text("自主招生遵循以下原则：\n一是\n解决幼儿园原招生渠道幼儿的入园需求。")
    assert text == "自主招生遵循以下原则：\n一是解决幼儿园原招生渠道幼儿的入园需求。"


def test_noise_lines_removed() -> None:
    text, _ = clean_text("正文第一段。\n<!-- INFO END -->\n— 3 —\n正文第二段。")
    assert text == "正文第一段。\n正文第二段。"
