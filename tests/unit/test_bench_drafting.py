"""The drafting benchmark's repeat measure: a figure counts as repeated when two sentences state it of the same
thing, read from the draft's text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import drafting  # noqa: E402  (bench/ is a folder of scripts, not a package)


def _repeated(draft: str) -> list[str]:
    return drafting.score({"id": "t", "task": "约100字", "required_facts": []}, draft, {}, 1.0)["repeated_facts"]


def test_one_figure_stated_twice_of_the_same_thing_is_a_repeat() -> None:
    assert _repeated("提高低保标准，惠及86万人[1]。连续2年提高低保标准、惠及86万人[1]。") == ["86万人"]
    assert _repeated("新建学校12所[1]。今年新建学校12所，改善办学条件[1]。") == ["12所"]


def test_the_same_figure_of_different_indicators_or_targets_is_not() -> None:
    assert _repeated("地区生产总值增长5.5%左右[1]。城镇调查失业率控制在5.5%左右[1]。") == []
    assert _repeated("新建学校12所[1]。新建幼儿园12所[1]。") == []
    assert _repeated("地区生产总值年均增长5%以上[1]。今年地区生产总值增长5%左右[1]。") == []
