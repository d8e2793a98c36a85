"""Each format over real files built here (or kept in tests/data): the text and table cells
that come out, tables as figure records, and clear refusals for files that cannot be read."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from assistant.errors import LoadError
from assistant.facts.extract import extract_figures
from assistant.ingest import load_document, scan
from assistant.ingest.formats.layout import PageBoxes, TextBox, pages_text
from assistant.ingest.formats.tables import parse_row
from assistant.settings import Settings

DATA = Path(__file__).parents[1] / "data"
OFD_NS = "http://www.ofdspec.org/2016"


def _lines(path: Path, settings: Settings) -> list[str]:
    return load_document(path, settings).text.split("\n")


def _refusal(path: Path, settings: Settings) -> str:
    with pytest.raises(LoadError) as caught:
        load_document(path, settings)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: "), message
    return message


def stats_xlsx(path: Path) -> Path:
    """A statistics sheet as offices keep them: a title row, a unit note, two header rows with merges."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "在校生"
    sheet["A1"] = "2025年全县各级学校基本情况"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "单位：人"
    sheet.merge_cells("A2:E2")
    sheet["A3"] = "学段"
    sheet.merge_cells("A3:A4")
    sheet["B3"], sheet["D3"] = "2025年", "2024年"
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("D3:E3")
    for cell, value in zip(("B4", "C4", "D4", "E4"), ("在校生", "专任教师", "在校生", "专任教师"), strict=True):
        sheet[cell] = value
    sheet.append(["小学", 12345, 860, 12000, 850])
    sheet.append(["初中", 6789, 520, 6500, 510])
    rates = workbook.create_sheet("入园率")
    rates.append(["指标", "2025年"])
    rates.append(["学前教育毛入园率", 0.925])
    rates["B2"].number_format = "0.0%"
    workbook.save(path)
    return path


def report_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("某县教育局2025年工作总结", level=1)
    document.add_paragraph("一、主要成绩")
    document.add_paragraph("全年新增学位3200个，组建4个教育集团。")
    document.add_paragraph("表1 2025年各学段学校和在校生")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"  # ruled, as official tables are (and as a PDF's table is found)
    for row, values in zip(
        table.rows,
        [("学段", "学校数（所）", "在校生（人）"), ("小学", "45", "12345"), ("初中", "18", "6789")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("二、下一步打算")
    document.save(path)
    return path


def soffice_convert(source: Path, target: str, folder: Path) -> Path:
    """A legacy file as older Word/Excel would have saved it, made by LibreOffice from a modern one."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{source.stem}.{target}"


STATS_ROWS = [
    "【2025年全县各级学校基本情况（在校生）】小学 | 2025年在校生：12345人 | 2025年专任教师：860人 | "
    "2024年在校生：12000人 | 2024年专任教师：850人",
    "【2025年全县各级学校基本情况（在校生）】初中 | 2025年在校生：6789人 | 2025年专任教师：520人 | "
    "2024年在校生：6500人 | 2024年专任教师：510人",
    "【入园率】学前教育毛入园率 | 2025年：92.5%",
]


def test_xlsx_rows_carry_title_headers_and_labels(tmp_path: Path, settings: Settings) -> None:
    doc = load_document(stats_xlsx(tmp_path / "统计.xlsx"), settings)
    assert doc.text.split("\n") == STATS_ROWS
    assert (doc.info.format, doc.info.tables) == ("xlsx", 2)
    assert doc.title == "2025年全县各级学校基本情况（在校生）"


def test_table_cells_become_figures_with_row_and_column_as_indicator() -> None:
    figures = extract_figures("\n".join(STATS_ROWS))
    found = {(f.indicator, f.period, f.value) for f in figures}
    assert ("小学在校生", "2025年", "12345人") in found
    assert ("初中专任教师", "2024年", "510人") in found
    assert ("学前教育毛入园率", "2025年", "92.5%") in found
    assert len(figures) == 9
    first = figures[0]
    assert first.sentence[first.start : first.end] == "12345人" and first.normalized == 12345


def test_docx_table_keeps_its_caption_and_headers(tmp_path: Path, settings: Settings) -> None:
    doc = load_document(report_docx(tmp_path / "总结.docx"), settings)
    assert doc.text.split("\n") == [
        "# 某县教育局2025年工作总结",
        "一、主要成绩",
        "全年新增学位3200个，组建4个教育集团。",
        "表1 2025年各学段学校和在校生",
        "【表1 2025年各学段学校和在校生】小学 | 学校数：45所 | 在校生：12345人",
        "【表1 2025年各学段学校和在校生】初中 | 学校数：18所 | 在校生：6789人",
        "二、下一步打算",
    ]
    assert doc.info.tables == 1


def test_csv_is_one_table(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "2025年各镇人口.csv"
    path.write_bytes("镇,户籍人口（万人）,常住人口（万人）\n城关镇,5.2,6.1\n河口镇,3.4,3.0\n".encode("gbk"))
    assert _lines(path, settings) == [
        "【2025年各镇人口】城关镇 | 户籍人口：5.2万人 | 常住人口：6.1万人",
        "【2025年各镇人口】河口镇 | 户籍人口：3.4万人 | 常住人口：3.0万人",
    ]


@pytest.mark.parametrize("suffix", ["doc", "wps"])
def test_legacy_word_and_wps(tmp_path: Path, settings: Settings, suffix: str) -> None:
    legacy = soffice_convert(report_docx(tmp_path / "总结.docx"), "doc", tmp_path)
    path = legacy.rename(tmp_path / f"legacy.{suffix}")
    doc = load_document(path, settings)
    assert "全年新增学位3200个，组建4个教育集团。" in doc.text
    assert "【表1 2025年各学段学校和在校生】小学 | 学校数：45所 | 在校生：12345人" in doc.text
    assert doc.info.format == suffix


@pytest.mark.parametrize("suffix", ["xls", "et"])
def test_legacy_excel_and_wps_sheets(tmp_path: Path, settings: Settings, suffix: str) -> None:
    legacy = soffice_convert(stats_xlsx(tmp_path / "统计.xlsx"), "xls", tmp_path)
    path = legacy.rename(tmp_path / f"统计.{suffix}")
    assert _lines(path, settings) == STATS_ROWS


def test_pdf_table_keeps_its_caption_and_headers(tmp_path: Path, settings: Settings) -> None:
    pdf = soffice_convert(report_docx(tmp_path / "总结.docx"), "pdf", tmp_path)
    doc = load_document(pdf, settings)
    assert "【表1 2025年各学段学校和在校生】小学 | 学校数：45所 | 在校生：12345人" in doc.text.split("\n")
    assert doc.text.index("全年新增学位3200个") < doc.text.index("【表1") < doc.text.index("二、下一步打算")
    assert doc.info.tables == 1 and doc.info.ocr_pages == ()


def test_pptx_slides_are_pages(tmp_path: Path, settings: Settings) -> None:
    import pptx
    from pptx.util import Inches

    presentation = pptx.Presentation()
    first = presentation.slides.add_slide(presentation.slide_layouts[1])
    first.shapes.title.text = "2025年教育工作汇报"
    first.placeholders[1].text = "全年新增学位3200个"
    second = presentation.slides.add_slide(presentation.slide_layouts[5])
    second.shapes.title.text = "主要指标"
    table = second.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for (r, c), value in {(0, 0): "指标", (0, 1): "2025年", (1, 0): "小学在校生（人）", (1, 1): "12345"}.items():
        table.cell(r, c).text = value
    path = tmp_path / "汇报.pptx"
    presentation.save(path)
    doc = load_document(path, settings)
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.text.split("\n") == [
        "2025年教育工作汇报",
        "全年新增学位3200个",
        "主要指标",
        "【主要指标】小学在校生（人） | 2025年：12345",
    ]


def test_html_main_text_without_navigation(tmp_path: Path, settings: Settings) -> None:
    body = "".join(f"<p>第{n}段：全县教育工作稳步推进{'，各项指标完成良好' * n}。</p>" for n in range(1, 6))
    page = (
        "<html><head><meta charset='gbk'><title>某县2025年教育工作总结_某县人民政府</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/a'>政务公开</a> <a href='/b'>办事服务</a></div>"
        f"<div id='content'><h1>某县2025年教育工作总结</h1>{body}<p>全县组建4个教育集团。</p>"
        "<table><caption>表1 各学段在校生</caption><tr><th rowspan='2'>学段</th><th colspan='2'>在校生（人）</th></tr>"
        "<tr><th>2024年</th><th>2025年</th></tr><tr><td>小学</td><td>12000</td><td>12345</td></tr></table></div>"
        "<div class='footer'>版权所有：某县人民政府 备案号：12345</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    doc = load_document(path, settings)
    assert "全县组建4个教育集团。" in doc.text and "第5段" in doc.text
    assert "首页" not in doc.text and "版权所有" not in doc.text
    assert doc.text.split("\n")[:3] == [
        "# 某县2025年教育工作总结",
        "第1段：全县教育工作稳步推进，各项指标完成良好。",
        "第2段：全县教育工作稳步推进，各项指标完成良好，各项指标完成良好。",
    ]
    assert "【表1各学段在校生】小学 | 在校生2024年：12000人 | 在校生2025年：12345人" in doc.text.split("\n")
    assert doc.info.tables == 1 and doc.title == "某县2025年教育工作总结"


def ofd_bytes(pages: list[str], title: str = "", broken: str = "", image: bytes = b"") -> bytes:
    """An OFD package: OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml with one TextObject
    per line (each page's lines as given), or one page holding only ``image``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "OFD.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
                f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID><ofd:Title>{title}</ofd:Title></ofd:DocInfo>"
                "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
            ),
        )
        count = len(pages) + (1 if image else 0)
        listing = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(count))
        resources = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if image else ""
        package.writestr(
            "Doc_0/Document.xml",
            (
                f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                f"</ofd:PhysicalBox></ofd:PageArea>{resources}</ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>"
            ),
        )
        for n, lines in enumerate(pages):
            objects = "".join(
                f'<ofd:TextObject ID="{n}{i}" Boundary="25 {30 + 8 * i} 160 8" Font="1" Size="5">'
                f'<ofd:TextCode X="0" Y="5" DeltaX="g {len(line) - 1} 5">{line}</ofd:TextCode></ofd:TextObject>'
                for i, line in enumerate(lines.split("\n"))
            )
            package.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                broken
                if broken and n == 0
                else (
                    f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="1">{objects}</ofd:Layer>'
                    "</ofd:Content></ofd:Page>"
                ),
            )
        if image:
            package.writestr(
                "Doc_0/DocumentRes.xml",
                (
                    f'<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="9" Type="Image">'
                    "<ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>"
                ),
            )
            package.writestr("Doc_0/Res/scan.png", image)
            package.writestr(
                f"Doc_0/Pages/Page_{len(pages)}/Content.xml",
                (
                    f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="1"><ofd:ImageObject ID="99" '
                    'ResourceID="9" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/></ofd:Layer></ofd:Content></ofd:Page>'
                ),
            )
    return buffer.getvalue()


OFD_PAGE = (
    "某县人民政府关于印发2025年教育工作要点的通知\n各乡镇人民政府，县直各单位：\n"
    "现将《2025年教育工作要点》印发给你们，请认真贯彻落实。全县新建幼儿园3所，\n"
    "新增学位1200个。"
)


def test_ofd_text_in_reading_order_and_its_title(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "通知.ofd"
    path.write_bytes(ofd_bytes([OFD_PAGE, "二、保障措施\n加强组织领导。"], title="关于印发2025年教育工作要点的通知"))
    doc = load_document(path, settings)
    assert doc.title == "关于印发2025年教育工作要点的通知"
    assert doc.text.split("\n") == [
        "某县人民政府关于印发2025年教育工作要点的通知",
        "各乡镇人民政府，县直各单位：",
        "现将《2025年教育工作要点》印发给你们，请认真贯彻落实。全县新建幼儿园3所，新增学位1200个。",
        "二、保障措施",
        "加强组织领导。",
    ]
    assert [p.number for p in doc.pages] == [1, 2] and doc.info.ocr_pages == ()


def test_layout_reads_two_columns_and_drops_page_furniture() -> None:
    def box(text: str, x: float, y: float, width: float) -> TextBox:
        return TextBox(text, x, y, x + width, y + 30)

    page = [
        box("某县教育简报", 100, 20, 300),
        box("两栏排版的标题横跨全页", 100, 200, 900),
        *[box(f"左栏第{n}行内容", 100, 300 + 50 * n, 400) for n in range(4)],
        *[box(f"右栏第{n}行内容", 600, 300 + 50 * n, 400) for n in range(4)],
        box("- 1 -", 500, 1680, 60),
    ]
    second = [box("某县教育简报", 100, 20, 300), box("第二页正文。", 100, 300, 300), box("- 2 -", 500, 1680, 60)]
    first, other = pages_text([PageBoxes(1200, 1750, tuple(page)), PageBoxes(1200, 1750, tuple(second))])
    assert first.split("\n") == [
        "两栏排版的标题横跨全页",
        "左栏第0行内容左栏第1行内容左栏第2行内容左栏第3行内容",
        "右栏第0行内容右栏第1行内容右栏第2行内容右栏第3行内容",
    ]
    assert other == "第二页正文。"


def test_zip_of_documents_and_what_is_skipped(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    archive = folder / "资料.zip"
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("二级/说明.txt", "全县共有中小学45所。")
        package.write(stats_xlsx(tmp_path / "统计.xlsx"), "二级/统计.xlsx")
        package.writestr("__MACOSX/._说明.txt", "junk")
        package.writestr("~$统计.xlsx", "lock")
    for name in ("~$总结.docx", ".DS_Store", "notes.xyz", "报告.txt"):
        (folder / name).write_text("全县共有中小学45所。", encoding="utf-8")
    (folder / ".git").mkdir()
    with scan([folder], settings) as found:
        names = [entry.name for entry in found.entries]
        loaded = {entry.name: load_document(entry.path, settings, entry.name) for entry in found.entries}
        skipped = {Path(s.path).name: s.reason for s in found.skipped}
    assert names == ["报告.txt", "资料.zip/二级/说明.txt", "资料.zip/二级/统计.xlsx"]
    assert loaded["资料.zip/二级/统计.xlsx"].text.split("\n") == STATS_ROWS
    assert set(skipped) == {"~$总结.docx", ".DS_Store", "notes.xyz", ".git", "._说明.txt", "~$统计.xlsx"}
    assert "temporary" in skipped["~$总结.docx"] and "unsupported" in skipped["notes.xyz"]


def test_bad_files_fail_clearly(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50)
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "broken.ofd").write_bytes(ofd_bytes([OFD_PAGE], broken="<ofd:Page><unclosed>"))
    (tmp_path / "fake.doc").write_bytes((DATA / "locked.doc").read_bytes()[:3000])  # cut short
    shutil.copy(DATA / "locked.doc", tmp_path / "locked.doc")
    shutil.copy(DATA / "locked.xls", tmp_path / "locked.xls")
    assert "corrupt or unreadable image" in _refusal(tmp_path / "photo.jpg", settings)
    assert "empty file" in _refusal(tmp_path / "empty.xlsx", settings)
    assert "broken XML" in _refusal(tmp_path / "broken.ofd", settings)
    assert "Doc_0/Pages/Page_0/Content.xml" in _refusal(tmp_path / "broken.ofd", settings)
    assert "password-protected" in _refusal(tmp_path / "locked.doc", settings)
    assert "设有打开密码" in _refusal(tmp_path / "locked.xls", settings)
    assert "corrupt" in _refusal(tmp_path / "fake.doc", settings)


def test_a_table_row_is_read_back_from_its_line() -> None:
    row = parse_row(STATS_ROWS[0])
    assert row is not None and row.label == "小学" and row.cells[0].header == "2025年在校生"
    assert parse_row("指标 | 2024年 | 增长") is None
