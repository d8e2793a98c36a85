"""Drafting templates: the files in prompts/templates/, ``--template auto`` and one-sentence requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.draft.templates import (
    CALL_VALUES,
    INPUT_LABELS,
    choose_template,
    get_template,
    load_templates,
    parse_template,
    parse_topic,
)
from assistant.errors import TemplateError
from assistant.settings import Settings

SECTIONS = {"shuzhi-opening", "shuzhi-theory", "shuzhi-duty", "shuzhi-integrity", "shuzhi-problems", "shuzhi-plans"}


@pytest.fixture
def templates(settings: Settings):
    return load_templates(settings)


def test_the_shipped_templates_cover_the_genres(templates) -> None:
    names = {t.name for t in templates}
    assert SECTIONS | {"annual-summary", "briefing-outline", "meeting-speech"} <= names
    for template in templates:
        assert {"length", "tone", "section"} <= dict(template.inputs).keys() <= INPUT_LABELS.keys()
        assert template.title and template.genre and template.structure
        assert "{material}" in template.body, f"{template.name}: the prompt must show the quoted material"
        assert template.write in ("by_heading", "whole")
        rendered = template.render("主题", {"material": "· 资料", "heading": "标题", "item_length": "100"})
        assert "{" not in rendered and "· 资料" in rendered
    duty = get_template(templates, "shuzhi-duty")
    assert duty.item_style == "一是" and "一是" in duty.structure
    assert get_template(templates, "shuzhi-theory").item_style == "（一）"
    assert get_template(templates, "shuzhi-problems").allows_general("任何标题")
    assert get_template(templates, "annual-summary").allows_general("存在的问题")
    assert not get_template(templates, "annual-summary").allows_general("主要工作及成效")


@pytest.mark.parametrize(
    ("topic", "name"),
    [
        ("起草述职报告中‘师资队伍建设’一节，约400字", "shuzhi-duty"),
        ("为述职述责述廉报告起草开篇导语，交代总体情况，请予评议收尾", "shuzhi-opening"),
        ("述职报告的廉洁自律部分，写遵守中央八项规定情况", "shuzhi-integrity"),
        ("述职报告中存在问题与不足一节", "shuzhi-problems"),
        ("述职报告下一步工作打算", "shuzhi-plans"),
        ("述职报告中强化理论武装、加强政治建设部分", "shuzhi-theory"),
        ("县教育局2025年度工作总结", "annual-summary"),
        ("向调研组汇报“双减”工作的汇报提纲", "briefing-outline"),
        ("在全县教育工作会议上的表态发言稿", "meeting-speech"),
        ("苏浙两省学前教育对比综述", "topical-section"),
        ("随便写点什么", "topical-section"),
    ],
)
def test_auto_picks_the_genre_the_topic_names(templates, topic: str, name: str) -> None:
    assert choose_template(templates, topic).name == name


def test_a_one_sentence_request_fills_the_inputs() -> None:
    assert parse_topic("起草述职报告中‘师资队伍建设’一节，约400字") == {"length": "400", "section": "师资队伍建设"}
    found = parse_topic(
        "起草“政策依据与评价要求”一节，约350字，需写明文件文号、美育质量监测与学校自评、艺术特长和高校学分等要求。"
    )
    assert found["points"] == "文件文号；美育质量监测与学校自评；艺术特长；高校学分"
    assert parse_topic("县教育局局长2025年度述职述责述廉报告开篇")["year"] == "2025"


def test_a_template_by_title_and_a_clear_error(templates) -> None:
    assert get_template(templates, "廉洁自律").name == "shuzhi-integrity"
    with pytest.raises(TemplateError, match="shuzhi-duty"):
        get_template(templates, "no-such-template")


def test_bad_template_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="front matter"):
        parse_template("没有文件头的正文 {material}")
    header = '+++\nname = "x"\ntitle = "X"\ngenre = "Y"\n[inputs]\n'
    with pytest.raises(TemplateError, match="未知的输入项"):
        parse_template(header + 'colour = "red"\n+++\n{material}')
    with pytest.raises(TemplateError, match="未声明"):
        parse_template(header + 'unit = ""\n+++\n{material}{role}')
    ok = parse_template(header + 'unit = "县教育局"\n+++\n{material}{unit}{heading}{item_length}{topic}')
    assert ok.defaults == {"unit": "县教育局"} and {"material", "heading", "item_length", "topic"} <= CALL_VALUES


def test_templates_come_from_the_prompts_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "prompts" / "templates"
    folder.mkdir(parents=True)
    (folder / "mine.md").write_text(
        '+++\nname = "mine"\ntitle = "我的模板"\ngenre = "材料"\n[inputs]\nlength = 300\n+++\n资料：{material}\n写{heading}',
        encoding="utf-8",
    )
    monkeypatch.setenv("ASSISTANT_PROMPTS_DIR", str(tmp_path / "prompts"))
    assert [t.name for t in load_templates(Settings())] == ["mine"]
