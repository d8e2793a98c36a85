"""核稿 rules: every rule file's own examples, and examples of each family written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.check.checker import check_conventions
from assistant.check.rules import Rule, apply_rules, load_rules
from assistant.errors import RuleFileError

BOOK = load_rules()


def _fixed(text: str, rule: Rule) -> str:
    """``text`` with every finding of ``rule`` replaced by its suggestion."""
    for finding in sorted(apply_rules(text, [rule]), key=lambda f: -f.start):
        text = text[: finding.start] + finding.suggestion + text[finding.end :]
    return text


@pytest.mark.parametrize("rule", BOOK.rules, ids=lambda rule: rule.id)
def test_each_rule_flags_its_wrong_examples_and_spares_its_right_ones(rule: Rule) -> None:
    assert rule.wrong and rule.right, "every rule carries examples both ways"
    for example in rule.wrong:
        assert apply_rules(example, [rule]), example
        assert not apply_rules(_fixed(example, rule), [rule]), f"the suggestion still breaks the rule: {example}"
    for example in rule.right:
        assert not apply_rules(example, [rule]), example


def _rules(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in check_conventions(text, BOOK):
        found.setdefault(finding.rule, []).append(finding)
    return found


def test_every_family_has_a_source_and_a_kind() -> None:
    kinds = {rule.kind for rule in BOOK.rules}
    assert {"标点", "数字", "文号", "用词", "规范表述"} <= kinds
    assert all(rule.source for rule in BOOK.rules)
    assert BOOK.data["numbering"]["source"].startswith("GB/T 9704")


def test_half_width_punctuation_in_chinese_text() -> None:
    text = "一、主要工作\n全年召开会议8次,研究问题12个;学生参与率达96%.\n我们的目标:办好教育!"
    found = _rules(text)
    comma = found["punctuation.comma"][0]
    assert (text[comma.start : comma.end], comma.suggestion) == (",", "，")
    assert "punctuation.semicolon" in found and "punctuation.period" in found
    assert "punctuation.colon" in found and "punctuation.exclamation" in found
    assert "GB/T 15834" in comma.message
    clean = "一、主要工作\n全年召开会议8次，研究问题12个；学生参与率达96%，投入1.5万元。10:30开会。"
    assert not [f for f in check_conventions(clean, BOOK) if f.kind == "标点"]


def test_unpaired_quotes_and_book_title_marks() -> None:
    found = _rules("组织开展“学思想、强党性主题教育。\n出台《中小学教师评价实施办法。\n完整的“引号”和《书名》。")
    unpaired = found["punctuation.unpaired"]
    assert [f.text for f in unpaired] == ["“", "《"]
    assert "”" in unpaired[0].message


def test_number_ranges_and_separators() -> None:
    found = _rules("增长3～5%，投入20～30万元，学位12,000个。增长3%～5%，投入20万～30万元。")
    assert [f.suggestion for f in found["numbers.percent-range"]] == ["3%～5%"]
    assert [f.suggestion for f in found["numbers.magnitude-range"]] == ["20万～30万"]
    assert [f.suggestion for f in found["numbers.thousands-separator"]] == ["12000"]


def test_document_numbers_use_hexagonal_brackets() -> None:
    text = "根据教基[2025]8号、京教发(2024)12号和国办发【2015】71号文件，参照教基〔2025〕9号。"
    found = _rules(text)
    assert [f.suggestion for f in found["docnumber.brackets"]] == ["〔2025〕8号", "〔2024〕12号", "〔2015〕71号"]
    assert all("〔2025〕9号" not in f.text for f in found["docnumber.brackets"])


def test_confusable_words_only_where_the_context_makes_them_wrong() -> None:
    wrong = _rules("截止2025年底，全县其它学校作好安全工作，制订有关政策，做出重要部署，既使困难也要完成。")
    assert {"words.jiezhi", "words.qita", "words.zuo-do", "words.zhiding", "words.zuo-make", "words.jishi"} <= set(
        wrong
    )
    assert wrong["words.jiezhi"][0].suggestion == "截至"
    right = _rules("报名于6月30日截止，截止日期不变。工作到位，合作好，作出部署，制订工作方案，既要发展又要安全。")
    assert not [rule for rule in right if rule.startswith("words.")]


def test_standard_political_formulations() -> None:
    found = _rules("以习近平中国特色社会主义思想为指导，学习习总书记讲话，增强四个意识。")
    assert found["formulations.xi-thought"][0].suggestion == "习近平新时代中国特色社会主义思想"
    assert found["formulations.general-secretary"][0].suggestion == "习近平总书记"
    assert found["formulations.quoted-slogans"][0].suggestion == "“四个意识”"
    canonical = "以习近平新时代中国特色社会主义思想为指导，学习习近平总书记讲话，增强“四个意识”。"
    assert not [rule for rule in _rules(canonical) if rule.startswith("formulations.")]


def _numbering(text: str) -> list:
    return [f for f in check_conventions(text, BOOK) if f.kind == "层次序号"]


def test_heading_numbers_in_order_pass() -> None:
    text = (
        "一、总体情况\n（一）学习\n1.集中学习\n（1）中心组\n（2）支部\n2.专题研讨\n（二）党建\n二、主要工作\n（一）资源"
    )
    assert _numbering(text) == []


def test_skipped_level_repeated_and_missing_numbers() -> None:
    skipped = _numbering("一、总体情况\n1.集中学习\n2.专题研讨\n（二）党建")
    assert [(f.rule, f.text, f.suggestion) for f in skipped] == [("numbering.skipped", "1.", "（一）")]
    repeated = _numbering("一、总体情况\n（一）学习\n（一）党建")
    assert [(f.rule, f.suggestion) for f in repeated] == [("numbering.repeated", "（二）")]
    missing = _numbering("一、总体情况\n二、主要工作\n四、问题不足")
    assert [(f.rule, f.text, f.suggestion) for f in missing] == [("numbering.missing", "四、", "三、")]
    assert "三、" in missing[0].message


def test_spans_point_at_the_text() -> None:
    text = "前言。\n教基[2025]8号文件要求,截止目前完成。"
    for finding in check_conventions(text, BOOK):
        assert text[finding.start : finding.end] == finding.text


def test_a_writer_adds_and_overrides_rules(tmp_path: Path) -> None:
    (tmp_path / "local.toml").write_text(
        '# 本单位用语\nsource = "本单位公文规范"\nkind = "用词"\n'
        '[[rule]]\nid = "local.name"\npattern = "县教体局"\nreplace = "县教育和体育局"\nmessage = "机构名称写全称"\n'
        'wrong = ["县教体局"]\nright = ["县教育和体育局"]\n'
        '[[rule]]\nid = "words.qita"\npattern = "其它(?!人)"\nreplace = "其他"\nmessage = "用“其他”"\n',
        encoding="utf-8",
    )
    book = load_rules(tmp_path)
    ids = {rule.id: rule for rule in book.rules}
    assert "local.name" in ids and ids["words.qita"].message == "用“其他”"
    assert len([r for r in book.rules if r.id == "words.qita"]) == 1
    found = sorted(apply_rules("县教体局其它科室", book.rules), key=lambda f: f.start)
    assert [(f.suggestion, f.kind) for f in found] == [("县教育和体育局", "用词"), ("其他", "用词")]
    assert ids["local.name"].source == "本单位公文规范" and ids["words.jiezhi"].source.startswith("《现代汉语词典》")


def test_a_broken_rule_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('[[rule]]\nid = "x"\npattern = "("\nmessage = "m"\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="broken.toml"):
        load_rules(tmp_path)


MIX = BOOK.data["numbers"]["magnitude-mix"]


@pytest.mark.parametrize(("text", "flagged", "suggestion"), MIX["wrong"])
def test_magnitude_mix_examples_of_the_rule_file(text: str, flagged: str, suggestion: str) -> None:
    found = _rules(text)["numbers.magnitude-mix"]
    assert [(f.text, f.suggestion, f.kind) for f in found] == [(flagged, suggestion, "数字")]
    assert text[found[0].start : found[0].end] == flagged
    assert "numbers.magnitude-mix" not in _rules(text.replace(flagged, suggestion))


@pytest.mark.parametrize("text", MIX["right"])
def test_magnitude_mix_spares_the_right_examples_of_the_rule_file(text: str) -> None:
    assert "numbers.magnitude-mix" not in _rules(text)


def test_magnitude_mix_in_a_longer_list() -> None:
    text = "全年完成造林8.6万亩、退化草原修复126000亩，水土流失治理2.1万亩、石漠化治理9500亩；2025年投入3.2亿元。"
    found = _rules(text)["numbers.magnitude-mix"]
    assert [(f.text, f.suggestion) for f in found] == [("126000亩", "12.6万亩")]
    assert "“8.6万亩”" in found[0].message
    # thousand-separated digits are read as one number; each sentence is its own list
    found = _rules("新增学位1.5万个、宿舍床位23,000个。新增座位28000个。")["numbers.magnitude-mix"]
    assert [(f.text, f.suggestion) for f in found] == [("23,000个", "2.3万个")]


def test_commas_in_a_list_of_short_items_closed_by_deng() -> None:
    text = "开齐开足体育，音乐，美术，劳动等课程，组织运动会，艺术节等活动。"
    found = _rules(text)["punctuation.list-comma"]
    assert [(f.text, f.suggestion) for f in found] == [("，音乐，美术，劳动", "、音乐、美术、劳动")]
    assert "GB/T 15834" in found[0].message
    clause_commas = (
        "我们坚持稳中求进，推进改革，加强管理。",  # clauses, no 等 closing a list
        "学校有教师，学生两类人员等。",  # two items only: too little to call it a list
        "发展中等职业教育，高等教育，继续教育，特殊教育和学前教育。",  # 中等/高等 are words, not 等
        "各地区，各部门要高度重视，认真落实本意见提出的各项任务等。",  # the last item is long: a clause
    )
    for sentence in clause_commas:
        assert "punctuation.list-comma" not in _rules(sentence), sentence


def test_dunhao_before_a_clause_connective() -> None:
    found = _rules("覆盖面持续扩大、但是城乡差距仍然明显。")["punctuation.clause-dunhao"]
    assert [(f.text, f.suggestion) for f in found] == [("、", "，")]
    assert "punctuation.clause-dunhao" not in _rules("坚持同时设计、同时施工、同时投产，但是进度滞后。")
