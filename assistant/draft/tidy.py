"""Cleaning what a small model writes: markdown, echoed titles and labels, talk about the task, a cut-off end."""

from __future__ import annotations

import re

from assistant.text import markers
from assistant.text.lexicon import words
from assistant.text.normalize import squash
from assistant.text.numerals import ITEM_LEAD, ITEM_NUMERALS, PART_NUMBER, SUBPART_NUMBER, item_numeral
from assistant.text.sentences import CITED_SENTENCE, UP_TO_LAST_STOP

_ENDS_WELL = re.compile(r"(?:[。！？!?：:”』」]|\])\s*$")
_ENUMERATOR = re.compile(rf"^\s*(?:{ITEM_LEAD}[，,：:]?|{SUBPART_NUMBER}|{PART_NUMBER}|\d+[.、．])\s*")
# a run-in item's lead where a sentence or clause opens ("。二是", "，三是"), and one written twice ("一是七是": the
# model's or the part's numbering before the document's)
_ITEM_AT = re.compile(rf"(?:^|(?<=[。！？；;，,：:\n]))([{ITEM_NUMERALS}])是")
_TWO_LEADS = re.compile(rf"({ITEM_LEAD})[，,：:]?{ITEM_LEAD}[，,：:]?")
_SALUTATION = re.compile(
    rf"(?:(?:{'|'.join(sorted(words('salutations.txt'), key=len, reverse=True))})[，,、！!。：:\s]*)+"
)  # "大家好！", "同志们、朋友们：": a sentence of a speech's greetings alone
# a line ending without a stop: a heading or label the model wrote on a line of its own ("具体措施", "一、稳就业")
_OPEN_END = re.compile(r"[^。！？!?；;，,：:”』」\]）)]$")
LABEL_LINE = 8  # characters, no comma and no figure: a label ("主要做法"); a longer line is a heading, a statement
_BOLD_LINE = re.compile(r"\*\*[^*]{1,40}\*\*[：:]?")
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s*|[-*•]\s+|>\s*)|\*\*|__")
_GROUP = re.compile(rf"[（(][^（）()]{{1,16}}[)）][:：]?{markers.RUN}")  # "（指导思想）", a group label of the prompt
_ABOUT_TASK = re.compile(
    r"一节|这一段|本段|这一项|这一部分|本部分|这一主题|等信息|以下信息|如下信息"
)  # a sentence about the task itself
_LABEL = re.compile(r"[^。！？!?]{0,16}[：:]")  # "做法：", "资料中的数字和成效：" on a line of its own
# "主题：", "概括：", "要求：" at the start or after a full stop: the model echoing the prompt
_INLINE_LABEL = re.compile(r"(^|[。！？!?])\s*(?:主题|概括|要求|做法|成效|内容|小标题|短语|问题|打算|部分)[：:]\s*")
# "数据：" anywhere: a label the model puts inside a sentence (and the call's own headings, see one_paragraph)
_ANY_LABEL = re.compile(r"(?:数据|数字|依据|要求)[：:]\s*")
# "根据资料，我们了解到，": talk about the material, not the report
_META = re.compile(
    r"(?:根据|依据|结合|从)(?:以上|上述|所给|提供的)?资料(?:中)?(?:可知|来看|显示|所述)?[，,]?(?:我们)?(?:了解到|可以看出|可知)?[，,]?"
)


def tidy(text: str, *titles: str) -> str:
    """The LLM's text without markdown, titles or labels it repeats, talk about the task, or a cut-off end."""
    names = {squash(title).strip('“”"《》。') for title in titles}
    lines = []
    for line in text.strip().splitlines():
        if _BOLD_LINE.fullmatch(line.strip()):  # "**重庆市2026年政府工作报告**": a title the model gave itself
            continue
        line = _META.sub("", _MARKDOWN.sub("", line)).strip()
        if not line or _GROUP.fullmatch(line) or squash(_ENUMERATOR.sub("", line)).strip('“”"《》。：:') in names:
            continue
        lead = re.match(r"[^。！？：:]{1,30}[：:]", line)  # "安全管理工作要点：", "禁止事项："
        if lead and any(
            name and (name in squash(lead.group(0)) or squash(lead.group(0))[:-1] in name) for name in names
        ):
            line = line[lead.end() :].strip()
        line = "".join(
            s
            for s in CITED_SENTENCE.findall(line)
            if not _ABOUT_TASK.search(s) and not _SALUTATION.fullmatch(s.strip())
        )
        if line:
            lines.append(line)
    text = "\n".join(lines)
    if text and not _ENDS_WELL.search(text) and (whole := UP_TO_LAST_STOP.match(text)):
        text = whole.group(0)
    return text.strip()


def one_paragraph(text: str, *labels: str) -> str:
    """A heading's text as one paragraph: no enumerators or labels of its own ("做法：", "3. "), nor the
    headings and key points of the call written as labels inside it ("艺术特长：…")."""
    lines = [_ENUMERATOR.sub("", line).strip() for line in text.splitlines()]
    text = "".join(_closed(line) for line in lines if line and not _LABEL.fullmatch(line))
    text = _ANY_LABEL.sub("", _INLINE_LABEL.sub(r"\1", text))
    for label in sorted({squash(x) for x in labels if x}, key=len, reverse=True):
        text = re.sub(rf"{re.escape(label)}[：:]\s*", "", text)
    return text


def _closed(line: str) -> str:
    """A line ending without a stop, as a statement of its own: joined to the next line as it stands, a heading ran
    into the sentence under it ("着力改善城乡环境新建公园3个"). A short label ("具体措施") goes."""
    if not _OPEN_END.search(line):
        return line
    if len(line) <= LABEL_LINE and not re.search(r"[，,\d]", line):
        return ""
    return line + "。"


def items_in_order(text: str) -> str:
    """The draft's run-in items numbered as a reader counts them: a lead written twice once ("一是七是建成…" → "一是建成…"),
    and items the draft opens at "二是" (the model copying a document's numbering, its first item left out or
    written without one) from "一是". A list starting again later ("一是…二是…" in another part) stays; a "一是" no
    "二是" follows is a list of one, and loses its number ("…公园3个。一是，整治河道…" → "…公园3个。整治河道…")."""
    text = _TWO_LEADS.sub(r"\1", text)
    leads = list(_ITEM_AT.finditer(text))
    if not leads or leads[0].group(1) == ITEM_NUMERALS[0]:
        return _lone_firsts(text)
    run = [leads[0]]
    for lead in leads[1:]:
        if ITEM_NUMERALS.index(lead.group(1)) != ITEM_NUMERALS.index(run[-1].group(1)) + 1:
            break
        run.append(lead)
    for index, lead in reversed(list(enumerate(run))):
        text = f"{text[: lead.start(1)]}{item_numeral(index)}{text[lead.end(1) :]}"
    return _lone_firsts(text)  # after numbering: a "三是" the grounding left alone is a list of one too


def _lone_firsts(text: str) -> str:
    """``text`` without each "一是" (and the comma or colon after it) that no "二是" follows before the next "一是"."""
    leads = list(_ITEM_AT.finditer(text))
    for index, lead in reversed(list(enumerate(leads))):
        following = leads[index + 1].group(1) if index + 1 < len(leads) else ""
        if lead.group(1) == ITEM_NUMERALS[0] and following != ITEM_NUMERALS[1]:
            end = lead.end() + (text[lead.end() : lead.end() + 1] in ("，", ",", "：", ":"))
            text = text[: lead.start(1)] + text[end:]
    return text


def quotes_paired(text: str) -> str:
    """Each line of ``text`` without the quotation marks that pair with none in it: a closing mark left after the
    sentence whose opening one a step took away ("…绿道10公里[1]。”"), an opening one never closed."""
    return "\n".join(_paired_line(line) for line in text.split("\n"))


def _paired_line(line: str) -> str:
    opened: list[int] = []  # positions of opening marks not closed yet
    orphans: set[int] = set()
    for at, char in enumerate(line):
        if char == "“":
            opened.append(at)
        elif char == "”":
            if opened:
                opened.pop()
            else:
                orphans.add(at)
    orphans.update(opened)
    return "".join(char for at, char in enumerate(line) if at not in orphans)
