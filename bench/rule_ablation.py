"""What each of the fast answer's word rules decides on the development questions: each rule turned off in
turn, the questions that then come out right or wrong against the rules all on.

Usage: python bench/rule_ablation.py --corpus ../shared/corpus ../shared/corpus-scale ../shared/corpus-2026 \
         --eval <development sets only> [--results NAME]

``query/expect.py`` decides whether a sentence states what a numeric question asks; each of its checks was
written for a family of near misses (a sibling's figure, another compound of the same head, a list's total,
a level for a flow …). A rule that decides no development question is weight without evidence, and one that
loses more questions than it wins is a candidate for removal; this benchmark says which is which. Retrieval
runs once per question; only the rule changes. Only development sets may be given (the test sets check the
rules once chosen, through bench/answers.py). Results: bench/results/rule-ablation.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from common import header, parser, read_rows, use_bench_home, write_result
from meaning_floor import _Remembered


def _always(value: bool) -> Callable[..., bool]:
    return lambda *args, **kwargs: value


# rule → (where it lives, its name, what it returns when off: the check passes every sentence)
RULES = {
    "sibling: a sibling indicator's figure (支出 for 收入)": ("module", "sibling_only", False),
    "compound: another compound of the head (税收收入 for 旅游收入)": ("class", "_same_compound", True),
    "list: a figure shared by a list (中小学、幼儿园学位)": ("class", "_only_listed", False),
    "joint: one figure for two kinds joined (省级和市级名师)": ("class", "_joint_total", False),
    "narrowing: a word narrowing the compound unnamed (农村居民)": ("class", "_narrowed", True),
    "stock: a flow for a stock asked (新增 for 总数)": ("class", "_only_flows", False),
    "flow: a level reached for a flow asked (增至 for 新增)": ("class", "_only_levels", False),
    "level: a move for a level asked (再提高200元)": ("class", "_only_moves", False),
    "unit of another: the unit asked measures another thing": ("class", "_unit_of_another", False),
    "generic count: 个 counting the thing asked in its own measure word": ("class", "_generic_count", False),
    "bare magnitude: 入境游客111万 counts 人次": ("class", "_counts", False),
}


def main() -> dict:
    args = parser(__doc__).parse_args()
    if any("test" in path.name for path in args.eval):
        raise SystemExit("development sets only: the test sets check the rules once chosen")
    use_bench_home(args)

    import assistant.query.expect as expect
    from assistant.answer import fast
    from assistant.api import Assistant
    from assistant.evaluate import handled_rightly

    assistant = Assistant()
    assistant.index(args.corpus)
    embedder = _Remembered(assistant.kb().embedder)
    rows = read_rows(args.eval)
    prepared = {}
    for row in rows:
        query = assistant.parse(row["q"], use_llm=False)
        prepared[row["id"]] = (query, assistant._evidence(query))

    def right(row: dict) -> bool:
        query, hits = prepared[row["id"]]
        answer = fast.fast_answer(row["q"], hits, embedder=embedder, query=query)
        return handled_rightly(row, answer.text, answer.refused)

    base = {row["id"]: right(row) for row in rows}
    rules = []
    for rule, (where, name, passes) in RULES.items():
        owner = expect if where == "module" else expect.Expectation
        kept = getattr(owner, name)
        setattr(owner, name, _always(passes))
        try:
            now = {row["id"]: right(row) for row in rows}
        finally:
            setattr(owner, name, kept)
        won = sorted(i for i in base if base[i] and not now[i])  # right only with the rule
        lost = sorted(i for i in base if now[i] and not base[i])  # right only without it
        rules.append(
            {"rule": rule, "decides_rightly": len(won), "decides_wrongly": len(lost), "won": won, "lost": lost}
        )
    result = {
        **header(),
        "eval": [str(path) for path in args.eval],
        "questions": len(rows),
        "right_with_all_rules": sum(base.values()),
        "rules": rules,
    }
    write_result(args.results or "rule-ablation", result)
    return result


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
