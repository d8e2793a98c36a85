"""The Chinese-text package: each rule defined once, and the tables that must agree do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.facts.numbers import parse_figure
from assistant.query.expect import Expectation, expectation
from assistant.text import lexicon
from assistant.text.markers import around_markers, cited_numbers, without_markers
from assistant.text.normalize import squash, squash_punctuation
from assistant.text.places import core_place, without_suffix
from assistant.text.sentences import CITED_SENTENCE, DRAFT_SENTENCE, JUDGED_CLAUSE, clauses
from assistant.text.units import ASKED_UNITS, COUNT_UNITS, MEASURE_UNITS, UNIT_FORMS, canonical
from assistant.text.years import RELATIVE_YEARS, years_meant

TEXT = Path(__file__).resolve().parents[2] / "assistant" / "text"


def test_every_word_list_names_its_source() -> None:
    for path in sorted((TEXT / "data").glob("*.txt")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 30, path.name


def test_word_lists_read_as_data() -> None:
    assert lexicon.words("region_suffixes.txt")[0] == "特别行政区"
    assert RELATIVE_YEARS["去年"] == -1
    assert UNIT_FORMS["千米"] == "公里"


def test_text_imports_nothing_above_it() -> None:
    for path in TEXT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant"):
                assert node.module.startswith("assistant.text"), f"{path.name} imports {node.module}"


@pytest.mark.parametrize("unit", ASKED_UNITS)
def test_every_asked_unit_is_one_the_reader_finds(unit: str) -> None:
    """A question's unit the numeral reader cannot find, or spells another way, could never be answered."""
    figure = parse_figure("12" + unit)
    assert figure is not None and figure.unit, unit
    assert figure.unit == canonical(unit.lstrip("万亿")), unit


def test_one_canonical_form_for_every_unit() -> None:
    known = set(COUNT_UNITS) | set(MEASURE_UNITS)
    assert set(UNIT_FORMS) <= known and set(UNIT_FORMS.values()) <= known
    assert not set(UNIT_FORMS.values()) & set(UNIT_FORMS), "a canonical form is itself rewritten"


@pytest.mark.parametrize("question", ["这条公路全长多少千米？", "这条公路全长多少公里？"])
@pytest.mark.parametrize("sentence", ["新建公路全长12千米。", "新建公路全长12公里。"])
def test_a_kilometre_question_is_met_by_either_spelling(question: str, sentence: str) -> None:
    expected = expectation(question)
    assert expected.unit in ("千米", "公里")
    assert Expectation(unit=expected.unit).met_by(sentence)


@pytest.mark.parametrize("question", ["全年居民用电量多少千瓦时？", "全年居民用电量多少度？"])
def test_a_kilowatt_hour_question_is_met_by_its_common_name_and_not_by_another_unit(question: str) -> None:
    """度 is what reports and bills call a kilowatt-hour ("居民用电量120亿度")."""
    expected = expectation(question)
    assert expected.met_by("全年居民用电量18亿度。") and expected.met_by("全年居民用电量18亿千瓦时。")
    assert not expected.met_by("全年居民用电量覆盖18个县。")


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("人均住房建筑面积是多少平方米？", "平方米"),
        ("实际使用外资多少亿美元？", "美元"),
        ("新能源装机多少万千瓦？", "千瓦"),
    ],
)
def test_any_unit_the_reader_knows_is_read_as_asked(question: str, unit: str) -> None:
    """A unit no hand-kept list named left the question accepting a figure in any unit."""
    expected = expectation(question)
    assert expected.unit == unit
    assert not expected.met_by("全年新增就业岗位12万个。")


def test_clauses_keep_or_drop_their_stop() -> None:
    text = "全年新增学位1200个；建成幼儿园3所。\n  其中公办2所！"
    assert clauses(text, keep_stop=True) == ["全年新增学位1200个；", "建成幼儿园3所。", "其中公办2所！"]
    assert clauses(text, keep_stop=False) == ["全年新增学位1200个", "建成幼儿园3所", "其中公办2所"]


def test_cited_sentences_keep_their_markers_and_their_list() -> None:
    text = "新建学校3所；改扩建5所。[1] 招聘教师200名。[2，3]"
    assert [s for s in CITED_SENTENCE.findall(text) if s] == ["新建学校3所；改扩建5所。[1]", " 招聘教师200名。[2，3]"]
    assert "".join(CITED_SENTENCE.findall(text)) == text


def test_judged_clauses_and_draft_sentences_differ_where_their_users_need() -> None:
    assert [s for s in JUDGED_CLAUSE.findall("一是“双减”；二是课后服务。") if s] == ["一是“双减”；", "二是课后服务。"]
    assert [s for s in DRAFT_SENTENCE.findall("落实“双减”。[1]”其次。") if s] == ["落实“双减”。[1]”", "其次。"]


def test_markers() -> None:
    assert cited_numbers("a[1]b[2，1]c[3、4]") == [1, 2, 1, 3, 4]
    assert without_markers("招生1200人 [1, 2]。") == "招生1200人。"
    assert around_markers("a[1]b") == ["a", "[1]", "b"]


def test_squash() -> None:
    assert squash(" 1 200\n人 ") == "1200人"
    assert squash_punctuation("一、总体 要求：") == "一总体要求"


def test_places_and_years() -> None:
    assert without_suffix("北京市") == "北京" and without_suffix("北京") == "北京"
    assert core_place("广州市天河区") == "天河"
    assert years_meant("今年新建3所，去年2所，2023年1所", 2025) == {2023, 2024, 2025}


@pytest.mark.parametrize(
    "copy",
    [
        r"\[\d+",  # a citation marker
        "def _squash",
        "def squash",
        "自治区|自治州",  # the region suffixes
        '"n", "vn"',  # the noun-like tags
    ],
)
def test_the_text_rules_are_defined_only_in_text(copy: str) -> None:
    package = TEXT.parent
    outside = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if TEXT not in path.parents and copy in path.read_text(encoding="utf-8")
    ]
    assert not outside, f"{copy!r} is defined again in {outside}"
