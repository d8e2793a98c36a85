"""The Word export: GB/T 9704 layout in the .docx, and the file opens in LibreOffice (converted to PDF).

Needs ``soffice`` (``make test`` installs LibreOffice Writer and the Noto CJK fonts).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from assistant.draft.export import export_docx
from assistant.types import Chunk, Citation, DocMeta, Draft, FigureCheck

TEXT = (
    "尊敬的各位领导、同志们：\n"
    "一、聚焦主责主业\n"
    "（一）建强师资队伍。实施“名师培养工程”，选拔培养县级名师、骨干教师120名[1]。\n"
    "一是加强师德师风建设，组织师德专题培训等活动25场[1]。二是全年开展培训【待核实：99场】。\n"
) + "二是深化评价改革，对15名教学实绩突出的教师实行“直聘”激励[2]。\n" * 30


def _draft() -> Draft:
    chunks = [
        Chunk(
            "county.txt",
            i,
            text,
            ("二、聚焦主责主业", "（三）建强师资队伍"),
            0,
            len(text),
            (i + 1,),
            "县教育局局长2025年度述职述责述廉报告",
            DocMeta(2025),
        )
        for i, text in enumerate(
            [
                "选拔培养县级名师、骨干教师120名。组织师德专题培训等活动25场。",
                "对15名教学实绩突出的教师实行“直聘”激励。",
                "未被引用的段落。",
            ]
        )
    ]
    return Draft(
        template="shuzhi-duty",
        title="建强师资队伍，夯实教育发展根基",
        topic="师资队伍建设",
        mode="llm",
        text=TEXT,
        citations=tuple(Citation(n + 1, chunk) for n, chunk in enumerate(chunks)),
        figures=(FigureCheck("120名", True, 1), FigureCheck("99场", False)),
    )


def _fonts(xml: str) -> set[str]:
    import re

    return set(re.findall(r'w:eastAsia="([^"]+)"', xml))


def test_the_docx_follows_the_official_layout(tmp_path: Path) -> None:
    path = export_docx(_draft(), tmp_path / "out" / "draft.docx")
    document = Document(str(path))
    section = document.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28, 26], "A4; 天头 37, 订口 28, 版心 156×225 mm"
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "建强师资队伍，夯实教育发展根基"
    assert "附件" in paragraphs and "引用资料" in paragraphs
    appendix = paragraphs[paragraphs.index("引用资料") + 1 :]
    assert appendix == [
        "[1] 《县教育局局长2025年度述职述责述廉报告》 · 二、聚焦主责主业 > （三）建强师资队伍 · 第1页",
        "[2] 《县教育局局长2025年度述职述责述廉报告》 · 二、聚焦主责主业 > （三）建强师资队伍 · 第2页",
    ]

    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        footer = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("word/footer"))
        table = archive.read("word/fontTable.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"} <= _fonts(body)
    assert 'w:line="579"' in styles and 'w:lineRule="exact"' in styles, "28.95 pt fixed line pitch: 22 lines a page"
    assert 'w:linePitch="579"' in body
    assert '<w:sz w:val="44"/>' in body and '<w:sz w:val="32"/>' in body, "title 二号 (22 pt), body 三号 (16 pt)"
    assert "仿宋_GB2312" in _fonts(styles), "the body font is the Normal style's"
    assert "PAGE" in footer and "宋体" in footer and "evenAndOddHeaders" in settings
    assert '<w:altName w:val="仿宋"/>' in table and '<w:altName w:val="宋体"/>' in table, "fallback fonts are named"


def test_libreoffice_opens_it(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: `make test` installs it (apt-get install libreoffice-writer-nogui)"
    path = export_docx(_draft(), tmp_path / "draft.docx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(str(tmp_path / "draft.pdf"))
    assert len(reader.pages) >= 2, "the text runs over a page, and the appendix starts a new one"
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595) <= 2 and abs(float(page.mediabox.height) - 842) <= 2
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "建强师资队伍，夯实教育发展根基",
        "一、聚焦主责主业",
        "骨干教师120名",
        "【待核实：99场】",
        "引用资料",
        "县教育局局长2025年度述职述责述廉报告",
    ):
        assert expected in text, expected
    assert "—1—" in text and "—2—" in text, "page numbers in the footer"
