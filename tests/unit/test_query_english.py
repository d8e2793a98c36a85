"""Reading an English question: the thing it asks a quantity of, and the unit it names (invented questions)."""

from __future__ import annotations

import pytest

from assistant.query import parse_query
from assistant.query.english import read_english


@pytest.mark.parametrize(
    ("question", "subject", "unit"),
    [
        ("How many schools joined education groups?", "schools", ""),
        ("How many new nurseries were opened in 2031?", "new nurseries", ""),
        (
            "According to Anhui's 2032 government work report, how many kilometres of rural roads were rebuilt?",
            "rural roads",
            "公里",
        ),
        ("How many tonnes of grain did the county harvest?", "grain", "吨"),
        ("How many US dollars of exports did the county record?", "exports", "美元"),  # a unit of two words
        ("How many square meters of school buildings were built?", "school buildings", "平方米"),
        (
            "What was the per capita disposable income of rural residents in 2031?",
            "per capita disposable income of rural residents",
            "元",  # an income is an amount of money: a count of people does not answer it
        ),
        ("What was the grain output of the province in 2031?", "grain output", ""),
        ("By how much did retail sales grow in 2031?", "retail sales", ""),
        ("What enrolment rate did the county reach by 2031?", "enrolment rate", ""),
        (
            "How much did visitors spend in the city last year (tourism revenue)?",
            "visitors spend tourism revenue",
            "元",
        ),
        ("What was the total value of contracts signed at the 2031 fair?", "contracts signed", "元"),
        ("What was the turnover of the timber market in 2031?", "turnover of the timber market", "元"),
        ("By how much did per capita income grow in 2031?", "per capita income", ""),  # % or 元
        ("How much grain did the farms produce?", "grain produce", ""),  # what was done, not who did it
        ("How much grain was harvested by the county in 2031?", "grain harvested", ""),
        ("How much foreign capital did Hubei actually use in 2031?", "foreign capital actually use", ""),
        ("How much investment did the county attract in 2031?", "investment attract", "元"),  # attracted, not planned
        # people and households are the measure: what the question says of them is what is counted
        (
            "How many people were enrolled in the rural pension scheme in 2031?",
            "people enrolled in the rural pension scheme",
            "",
        ),
        ("How many households in Qingchuan switched to gas heating?", "households switched to gas heating", ""),
        ("How many times did the county hold job fairs?", "times hold job fairs", ""),
        # a unit of time counted: what the rest says of the days is the thing (the year after it is when)
        (
            "On how many days in 2031 did the city's air quality reach grade one?",
            "air quality reach grade one",
            "日",
        ),
    ],
)
def test_the_subject_and_unit_of_an_english_question(question: str, subject: str, unit: str) -> None:
    asked = read_english(question)
    assert (asked.subject, asked.unit) == (subject, unit)


def test_the_parsed_query_carries_them() -> None:
    query = parse_query("How many kilometres of cycle lanes were built in 2031?")
    assert query.english and query.numeric
    assert query.subject == ("cycle lanes",) and query.unit == "公里"


@pytest.mark.parametrize(
    ("question", "numeric"),
    [
        ("What was the per capita disposable income of rural residents in 2031?", True),
        ("What was the grain output of the province in 2031?", True),
        ("What was life expectancy in the county by 2031?", True),
        ("What was the theme of the county's education conference?", False),
        ("What is the name of the new vocational college?", False),
    ],
)
def test_what_was_asks_for_a_figure_when_it_names_a_measured_quantity(question: str, numeric: bool) -> None:
    assert parse_query(question).numeric is numeric


def test_a_target_set_for_something_is_read_with_what_it_is_set_for() -> None:
    asked = read_english("What growth target did Baishan set for retail sales in 2031?")
    assert "retail sales" in asked.subject and asked.measured
