"""A draft as a Word file laid out like an official document (GB/T 9704-2012).

A4 with the standard margins (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm); title in
小标宋 二号, centred; body 仿宋 三号 at a fixed 28.95 pt line pitch, which gives the
standard 22 lines a page of 28 characters; headings 一、 in 黑体, （一） in 楷体,
1. in bold 仿宋; page numbers "— 1 —" in 宋体 四号, right on odd pages and left on
even ones. An appendix (附件) lists the sources the text cites. The same draft can be
written as Markdown (:func:`draft_markdown`; :func:`export_file` picks by the file's suffix).

Fonts fall back gracefully: each run names its East-Asian font (``w:eastAsia``) and a
Latin one, and the font table gives every Chinese font an ``altName`` present on any
Chinese Windows (仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体) with its GB2312 charset
and family, so Word and LibreOffice substitute a font of the same kind when the
first choice is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant.errors import ExportError
from assistant.text.markers import ONE_MARKER, around_markers
from assistant.text.numerals import PART_NUMBER, SUBPART_NUMBER
from assistant.types import Citation, Draft

MARKDOWN_SUFFIXES = (".md", ".markdown")
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
BODY, TITLE, PAGE_NUMBER = Pt(16), Pt(22), Pt(14)  # 三号, 二号, 四号
_UNVERIFIED = re.compile(r"(【待核实：[^】]*】)")
_LEVELS = (
    (1, re.compile(rf"^{PART_NUMBER}")),
    (2, re.compile(rf"^{SUBPART_NUMBER}")),
    (3, re.compile(r"^\d+[.．](?!\d)")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)


@dataclass(frozen=True)
class Fonts:
    """The fonts of each part, with the Windows font each falls back to (``altName``)."""

    title: tuple[str, str] = ("方正小标宋简体", "宋体")
    body: tuple[str, str] = ("仿宋_GB2312", "仿宋")
    heading1: tuple[str, str] = ("黑体", "SimHei")
    heading2: tuple[str, str] = ("楷体_GB2312", "楷体")
    page_number: tuple[str, str] = ("宋体", "SimSun")
    latin: str = "Times New Roman"


_FAMILY = {"黑体": "modern", "SimHei": "modern", "楷体_GB2312": "script", "楷体": "script"}


def export_docx(draft: Draft, path: Path, fonts: Fonts = Fonts()) -> Path:
    """Write ``draft`` to ``path`` (.docx) and return the path."""
    document = new_document()
    _page_setup(document)
    _normal_style(document, fonts)
    _declare_fonts(document, fonts)
    _title(document, draft.title, fonts)
    for line in draft.text.splitlines():
        if line.strip():
            _line(document, line.strip(), fonts)
    cited = _cited(draft)
    if cited:
        _appendix(document, cited, fonts)
    _page_numbers(document, fonts)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def draft_markdown(draft: Draft) -> str:
    """The draft as Markdown: the title, headings 一、 and （一） as ``##`` and ``###``, paragraphs with
    their ``[n]`` markers, the notice quoted, the cited sources under 附件 · 引用资料 (as in Word)."""
    blocks = [f"# {draft.title}"]
    if draft.notice:
        blocks.append(f"> {draft.notice}")
    for line in draft.text.splitlines():
        line = line.strip()
        level = next((level for level, pattern in _LEVELS if pattern.match(line)), None)
        if line:
            blocks.append(f"{'#' * (level + 1)} {line}" if level is not None and level <= 2 else line)
    cited = _cited(draft)
    if cited:
        blocks.append("## 附件 · 引用资料")
        blocks.append("\n".join(f"- {source_line(citation)}" for citation in cited))
    return "\n\n".join(blocks) + "\n"


def export_file(draft: Draft, path: Path) -> Path:
    """Write ``draft`` as Word (.docx) or Markdown (.md), as the suffix of ``path`` says."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return export_docx(draft, path)
    if suffix not in MARKDOWN_SUFFIXES:
        raise ExportError(f"只能导出 .docx 或 .md 文件 (export to .docx or .md, not {path.suffix or path.name})")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(draft_markdown(draft), encoding="utf-8")
    return path


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(23)  # the number sits about 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f"<w:docGrid {nsdecls('w')}/>")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))


def _normal_style(document, fonts: Fonts) -> None:
    style = document.styles["Normal"]
    style.font.size = BODY
    _set_fonts(style.element.get_or_add_rPr(), fonts.body[0], fonts.latin)
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = LINE_PITCH
    paragraph.space_before = paragraph.space_after = Pt(0)
    paragraph.widow_control = False


def _set_fonts(rpr, east_asian: str, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _declare_fonts(document, fonts: Fonts) -> None:
    """Font-table entries naming each Chinese font's fallback, charset (GB2312) and family."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    table = parse_xml(part.blob)
    present = {font.get(qn("w:name")) for font in table.findall(qn("w:font"))}
    for name, alternative in (fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.page_number):
        if name in present:
            continue
        present.add(name)
        family = _FAMILY.get(name, "roman")
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
                f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    # python-docx keeps the parts it does not model as bytes: write the new table back
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _run(paragraph: Paragraph, text: str, font: str, fonts: Fonts, size=BODY, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    _set_fonts(run._element.get_or_add_rPr(), font, fonts.latin)
    return run


def _title(document, title: str, fonts: Fonts) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(36)
    _run(paragraph, title, fonts.title[0], fonts, TITLE)
    document.add_paragraph()  # one empty line between title and text


def _line(document, line: str, fonts: Fonts) -> None:
    """A paragraph of the text: a heading (its lead in the heading's font), a salutation or body."""
    paragraph = document.add_paragraph()
    level = next((level for level, pattern in _LEVELS if pattern.match(line)), None)
    salutation = line.endswith(("：", ":")) and len(line) <= 24
    paragraph.paragraph_format.first_line_indent = Pt(0) if salutation else BODY * 2
    if level is None:
        _body_runs(paragraph, line, fonts)
        return
    head, rest = _split_heading(line)
    font, bold = {1: (fonts.heading1[0], False), 2: (fonts.heading2[0], False), 3: (fonts.body[0], True)}.get(
        level, (fonts.body[0], False)
    )
    _body_runs(paragraph, head, fonts, font, bold)
    if rest:
        _body_runs(paragraph, rest, fonts)
    if level <= 2:  # shows in Word's navigation pane
        paragraph.paragraph_format.keep_with_next = not rest
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>'))


def _split_heading(line: str) -> tuple[str, str]:
    """ "（一）小标题。正文……" → the heading with its stop, and the text after it."""
    stop = re.search(r"[。！？]", line)
    if stop is None or stop.end() == len(line.rstrip("]0123456789[ ")):
        return line, ""
    return line[: stop.end()], line[stop.end() :]


def _body_runs(paragraph: Paragraph, text: str, fonts: Fonts, font: str | None = None, bold: bool = False) -> None:
    """Text runs: citation markers as superscripts, 【待核实】 marks in red."""
    for piece in _UNVERIFIED.split(text):
        if not piece:
            continue
        if _UNVERIFIED.fullmatch(piece):
            run = _run(paragraph, piece, fonts.body[0], fonts, bold=True)
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            continue
        for part in around_markers(piece):
            if part:
                run = _run(paragraph, part, font or fonts.body[0], fonts, bold=bold)
                run.font.superscript = bool(ONE_MARKER.fullmatch(part))


def _cited(draft: Draft) -> list[Citation]:
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", draft.text)}
    return [c for c in draft.citations if c.n in numbers]


def source_line(citation: Citation) -> str:
    """ "[n] 《title》 · section · 第p页", the appendix line of a citation."""
    chunk = citation.chunk
    parts = [f"《{chunk.title or chunk.doc}》"]
    if chunk.section:
        parts.append(chunk.section)
    if chunk.pages:
        parts.append(f"第{chunk.pages[0]}页")
    return f"[{citation.n}] " + " · ".join(parts)


def _appendix(document, cited: list[Citation], fonts: Fonts) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    label = document.add_paragraph()
    label.paragraph_format.first_line_indent = Pt(0)
    _run(label, "附件", fonts.heading1[0], fonts)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.line_spacing = Pt(36)
    _run(heading, "引用资料", fonts.title[0], fonts, TITLE)
    for citation in cited:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = BODY * 2
        paragraph.paragraph_format.first_line_indent = -BODY * 2
        _run(paragraph, source_line(citation), fonts.body[0], fonts)


def _page_numbers(document, fonts: Fonts) -> None:
    """ "— 1 —": right-aligned on odd pages and left-aligned on even ones, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = alignment
        paragraph.paragraph_format.first_line_indent = Pt(0)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = PAGE_NUMBER
        else:
            paragraph.paragraph_format.left_indent = PAGE_NUMBER
        _run(paragraph, "— ", fonts.page_number[0], fonts, PAGE_NUMBER)
        _page_field(paragraph, fonts)
        _run(paragraph, " —", fonts.page_number[0], fonts, PAGE_NUMBER)


def _page_field(paragraph: Paragraph, fonts: Fonts) -> None:
    """A PAGE field: begin, instruction, separate, the shown "1", end, one run each."""
    for xml in (
        '<w:fldChar {} w:fldCharType="begin"/>',
        '<w:instrText {} xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar {} w:fldCharType="separate"/>',
        "<w:t {}>1</w:t>",
        '<w:fldChar {} w:fldCharType="end"/>',
    ):
        run = _run(paragraph, "", fonts.page_number[0], fonts, PAGE_NUMBER)
        run._element.append(parse_xml(xml.format(nsdecls("w"))))
