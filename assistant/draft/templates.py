"""Drafting templates: files in ``prompts/templates/<name>.md``, never strings in code.

A template is a TOML header between ``+++`` lines and a prompt body::

    +++
    name = "shuzhi-duty"
    title = "述职述责述廉报告 · 履职尽责/重点工作"
    genre = "述职述责述廉报告"
    genre_keywords = ["述职"]            # ``--template auto``: naming the genre counts 3 …
    keywords = ["履职尽责"]              # … and each of these 1
    outline = ["一是", "二是", "三是"]   # default outline when the topic names no points
    [cues]                                # words that find a heading's material: "工作思路" = "指导 部署"
    queries = ["…"]                      # extra retrieval queries for the section
    structure = "一是……二是……三是……"
    write = "by_heading"                  # one LLM call a heading ("whole": one call for the section)
    item_style = "一是"                   # how each heading's paragraph starts: 一是 / （一） / 一、 / ""
    general = ["存在的问题"]              # headings (true: all) that may use general phrasing
    [inputs]                              # the inputs it takes, with defaults
    unit = ""
    length = 400
    +++
    资料：{material}
    请为{unit}{year}年度述职报告“{section}”写“{heading}”这一项，约{item_length}字……

The body is the prompt of one LLM call: besides ``{topic}`` and the declared inputs
it may use ``{material}`` (the quoted sentences), ``{heading}``, ``{item_length}`` and
``{item_least}`` (the fewest characters the part should have).
``parse_topic`` reads what a writer puts in one sentence ("起草述职报告中‘师资队伍建设’
一节，约400字") into inputs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter

from assistant.draft.brief import key_points, own_title, quoted_title
from assistant.errors import TemplateError
from assistant.prompts import prompts_dir
from assistant.settings import Settings

INPUT_LABELS = {
    "unit": "单位",
    "role": "职务",
    "year": "年度",
    "section": "标题",
    "points": "要点",
    "length": "字数",
    "tone": "语气",
}
_HEADER = re.compile(r"\A\+\+\+\s*\n(.*?)\n\+\+\+\s*\n(.*)\Z", re.S)
_LENGTH = re.compile(r"(?:约|大约|左右)?\s*(\d{2,5})\s*字")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度")
FALLBACK = "topical-section"  # the template ``auto`` picks when the topic names no genre
CALL_VALUES = {"topic", "material", "heading", "item_length", "item_least"}  # what the pipeline fills in for each call


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    genre: str
    body: str
    description: str = ""
    inputs: tuple[tuple[str, str], ...] = ()  # (input, default) in the order the file declares them
    outline: tuple[str, ...] = ()
    cues: tuple[tuple[str, str], ...] = ()  # (heading, words that find its material)
    structure: str = ""
    genre_keywords: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    queries: tuple[str, ...] = ()
    general: tuple[str, ...] = ()  # headings that may use general phrasing; ("*",): all
    write: str = "by_heading"
    item_style: str = "一是"
    priority: int = 0
    path: Path | None = field(default=None, compare=False)

    @property
    def defaults(self) -> dict[str, str]:
        return dict(self.inputs)

    def allows_general(self, heading: str) -> bool:
        """Whether the heading may be written in general phrasing when the documents are silent."""
        return "*" in self.general or heading in self.general

    def render(self, topic: str, values: Mapping[str, str]) -> str:
        """The body with ``{topic}``, the inputs and the call's values (material, heading…) filled in."""
        filled = self.defaults | {k: v for k, v in values.items() if v}
        filled["points"] = filled.get("points") or "按提纲"
        return self.body.format_map(_Blank(filled | {"topic": topic}))


def parse_template(text: str, path: Path | None = None) -> Template:
    """One template file; raises :class:`TemplateError` naming what is wrong."""
    where = path.name if path else "template"
    match = _HEADER.match(text.lstrip("\ufeff"))
    if match is None:
        raise TemplateError(f"{where}: 缺少 +++ 文件头 (no +++ front matter)")
    try:
        header = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{where}: 文件头不是合法的 TOML ({error})") from error
    missing = [key for key in ("name", "title", "genre") if not header.get(key)]
    if missing:
        raise TemplateError(f"{where}: 文件头缺少 {', '.join(missing)}")
    inputs = tuple((str(k), str(v)) for k, v in header.get("inputs", {}).items())
    unknown = [k for k, _ in inputs if k not in INPUT_LABELS]
    if unknown:
        raise TemplateError(f"{where}: 未知的输入项 {', '.join(unknown)}（可用：{', '.join(INPUT_LABELS)}）")
    body = match.group(2).strip()
    allowed = {k for k, _ in inputs} | CALL_VALUES
    used = {name for _, name, _, _ in Formatter().parse(body) if name is not None}
    if used - allowed:
        raise TemplateError(f"{where}: 正文用到未声明的输入 {', '.join(sorted(used - allowed))}")
    template = Template(
        name=header["name"],
        title=header["title"],
        genre=header["genre"],
        body=body,
        description=header.get("description", ""),
        inputs=inputs,
        outline=tuple(header.get("outline", ())),
        cues=tuple(header.get("cues", {}).items()),
        structure=header.get("structure", ""),
        genre_keywords=tuple(header.get("genre_keywords", ())),
        keywords=tuple(header.get("keywords", ())),
        queries=tuple(header.get("queries", ())),
        general=_general(header.get("general", False)),
        write=header.get("write", "by_heading"),
        item_style=header.get("item_style", "一是"),
        priority=int(header.get("priority", 0)),
        path=path,
    )
    if template.write not in ("by_heading", "whole"):
        raise TemplateError(f"{where}: write 只能是 by_heading 或 whole")
    return template


def _general(value: object) -> tuple[str, ...]:
    if value is True:
        return ("*",)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


class _Blank(dict):
    """Format values where a placeholder with no value renders empty."""

    def __missing__(self, key: str) -> str:
        return ""


def load_templates(settings: Settings) -> list[Template]:
    """Every template in ``prompts/templates/``, by name."""
    folder = prompts_dir(settings) / "templates"
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return [parse_template(path.read_text(encoding="utf-8"), path) for path in files]


def get_template(templates: list[Template], name: str) -> Template:
    """A template by name, or by a unique part of its title (``廉洁自律``)."""
    for template in templates:
        if template.name == name:
            return template
    by_title = [t for t in templates if name and name in t.title]
    if len(by_title) == 1:
        return by_title[0]
    names = "、".join(t.name for t in templates)
    raise TemplateError(f"没有模板 “{name}” (no such template); 可用模板：{names}")


def choose_template(templates: list[Template], topic: str) -> Template:
    """The template whose keywords the topic mentions most (``--template auto``); ties: priority.

    Naming a genre (述职, 汇报, 发言) counts 3, each section keyword 1, so "述职报告中…一节"
    stays a 述职 section even when the request also says 依据 or 条款; a genre's templates count
    their keywords only when the genre is named ("标明年份" holds 明年, not a plan of one's own).
    """
    if not templates:
        raise TemplateError("没有可用的起草模板 (prompts/templates/ is empty)")

    def score(template: Template) -> tuple[int, int]:
        named = any(word in topic for word in template.genre_keywords)
        if template.genre_keywords and not named:  # a genre's section is chosen only when the genre is named
            return 0, template.priority
        return (3 if named else 0) + sum(1 for word in template.keywords if word in topic), template.priority

    best = max(templates, key=score)
    if score(best)[0] == 0:  # nothing named: the general-purpose template
        return next((t for t in templates if t.name == FALLBACK), best)
    return best


def parse_topic(topic: str) -> dict[str, str]:
    """Inputs a one-sentence request already states: length, year, section title (and the draft's own heading
    when the section is its source), key points.

    The section and the key points are read as the request's brief reads them (``brief``).
    """
    found: dict[str, str] = {}
    if length := _LENGTH.search(topic):
        found["length"] = length.group(1)
    if year := _YEAR.search(topic):
        found["year"] = year.group(1)
    if title := quoted_title(topic):
        found["section"] = title
        if heading := own_title(topic):  # "撰写“…情况”一段，以报告“…”一节为据": the draft is headed by the writer's
            found["heading"] = heading
    elif len(topic.strip()) <= 24 and not re.search(r"[，。,；;！？]", topic):  # "师资队伍建设": the topic is the title
        found["section"] = topic.strip()
    if points := key_points(topic):
        found["points"] = "；".join(points)
    return found
