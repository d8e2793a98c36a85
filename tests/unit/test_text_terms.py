"""Subjects a text speaks of through narrower words, and the names a report states an indicator under."""

from __future__ import annotations

from assistant.text.terms import as_reports_name, subjects_of


def test_a_subject_is_named_or_spoken_of_through_a_narrower_word() -> None:
    assert subjects_of("深化职业教育产教融合") == {"职业教育"}
    assert subjects_of("3所高职高专升格本科") == {"职业教育", "高等教育"}
    assert subjects_of("新建幼儿园12所，新增义务教育学位5000个") == {"学前教育", "义务教育"}
    assert subjects_of("启动职业伤害保障试点") == set(), "职业 alone is no narrower word of 职业教育"


def test_a_compound_is_written_a_character_shorter_inside() -> None:
    from assistant.text.terms import written_shortened

    assert written_shortened("公交车站", "新建公交站120个")
    assert written_shortened("体育场馆", "建成体育馆8座")
    assert not written_shortened("公交车站", "公交车辆200台"), "the head, its last character, is kept"
    assert not written_shortened("校车", "校长"), "a two-character word is not shortened"


def test_a_sibling_named_instead_of_the_thing_asked_is_another_quantity() -> None:
    from assistant.text.terms import sibling_only

    assert sibling_only("一般公共预算收入", ["全县一般公共预算支出86亿元"])
    assert sibling_only("货物进口额", ["货物进出口总额1200亿元", "其中出口700亿元"]), "进出口 is the joint figure"
    assert not sibling_only("货物出口额", ["货物进出口总额1200亿元", "其中出口700亿元"])
    assert sibling_only("民办幼儿园", ["公办幼儿园增加到120所"])
    assert not sibling_only("农村居民人均可支配收入", ["城乡居民人均可支配收入分别增长5%和7%", "城镇登记失业率3%"])
    assert sibling_only("农村居民人均可支配收入", ["城镇居民人均可支配收入4.1万元"])
    assert not sibling_only("货物进口额", ["进口、出口分别增长3.7%、4.1%"])
    assert not sibling_only("在校学生", ["一般公共预算支出86亿元"]), "no sibling asked: nothing to say"
    assert sibling_only("单位地区生产总值能耗", ["单位GDP二氧化碳排放下降4%左右"]), "the plans' paired indicators"
    assert not sibling_only("单位地区生产总值能耗", ["单位GDP能耗和二氧化碳排放分别下降3%、4%"])
    # the joint's figure is no part's: 进出口 for 出口, 中小学 for 小学, 师生 for 学生 (unless it gives each its own)
    assert sibling_only("外贸出口额", ["外贸进出口额600亿元", "增长8%"])
    assert sibling_only("新建小学", ["新建中小学5所"])
    assert sibling_only("培训学生", ["培训师生2万人次"])
    assert not sibling_only("新建小学", ["新建中小学5所", "其中小学3所"])
    assert not sibling_only("进出口总额", ["外贸进出口总额1200亿元"])


def test_an_indicator_named_in_everyday_words_is_written_as_reports_name_it() -> None:
    assert as_reports_name("财政收入增长") == ["一般公共预算收入增长"]
    assert as_reports_name("经济增长和外贸") == ["地区生产总值和外贸", "经济增长和进出口"]
    assert as_reports_name("一般公共预算收入") == [], "written as reports name it already"
    assert as_reports_name("学前教育") == []
