"""The meaning floors of the fast answer, chosen on development questions: how close in meaning what a
sentence's figure measures must be to what a question asks for the sentence to answer it.

Usage: python bench/meaning_floor.py --language en|zh --corpus ../shared/corpus ../shared/corpus-scale \
         ../shared/corpus-2026 --eval <development sets only> [--results NAME]

Where the words cannot decide, whether a sentence states what is asked is a score: ``Binder.meaning_fit`` of
the question's subject against what the sentence's figures measure. English questions meet Chinese sentences
only this way ("aging gas pipelines" against 改造燃气管网: ``fast.MEANING_FLOOR``); a Chinese question does
where the sentence names its thing asked in other words (天然气产量 against "生产…天然气56.5亿立方米":
``fast.PARAPHRASE_FLOOR``). For each floor of a sweep, the fast answers of the language's questions that ask
for a quantity are scored as ``bench/answers.py`` scores them: right, unanswerable refused, answerable
refused. Retrieval runs once per question; only the floor changes. The floor chosen is the one with the most
questions handled rightly (answered right or rightly refused); among equals, the lowest (a paraphrase left
unread costs the writer more than a near miss refused is worth). Only development sets may be given here;
the test sets check the floors once chosen (bench/answers.py). Results: bench/results/meaning-floor-<language>.json.
"""

from __future__ import annotations

import json

import numpy as np
from common import header, parser, read_rows, use_bench_home, write_result

# the language's questions, the floor of answer/fast.py each sets, and the floors tried
LANGUAGES = {
    "en": ("MEANING_FLOOR", [round(0.30 + 0.025 * i, 3) for i in range(17)]),  # 0.30 … 0.70
    "zh": ("PARAPHRASE_FLOOR", [round(0.50 + 0.025 * i, 3) for i in range(21)]),  # 0.50 … 1.00 (1.00: none)
}


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--language", choices=sorted(LANGUAGES), default="en")
    args = arguments.parse_args()
    name, floors = LANGUAGES[args.language]
    use_bench_home(args)

    from assistant.answer import fast
    from assistant.api import Assistant
    from assistant.evaluate import Attempt, score_answers

    assistant = Assistant()
    assistant.index(args.corpus)
    embedder = _Remembered(assistant.kb().embedder)
    rows = [row for row in read_rows(args.eval) if _asks_quantity(assistant, row["q"], args.language == "en")]
    prepared = {}
    for row in rows:
        query = assistant.parse(row["q"], use_llm=False)
        prepared[row["q"]] = (query, assistant._evidence(query))

    def attempt(question: str) -> Attempt:
        query, hits = prepared[question]
        answer = fast.fast_answer(question, hits, embedder=embedder, query=query)
        return Attempt(answer.text, answer.refused, {c.n: c.chunk.text for c in answer.citations}, 0.0, 0.0)

    sweep = []
    for floor in floors:
        setattr(fast, name, floor)
        scored = score_answers(rows, attempt, "fast")
        answerable = sum(1 for row in rows if row.get("answer"))
        unanswerable = len(rows) - answerable
        right = round(scored["answer_accuracy"] * answerable) + round(
            scored["refusal_rate_unanswerable"] * unanswerable
        )
        sweep.append({"floor": floor, "handled_rightly": right, **{k: scored[k] for k in _KEPT}})
    best = max(sweep, key=lambda s: (s["handled_rightly"], -s["floor"]))
    result = {
        **header(),
        "eval": [str(path) for path in args.eval],
        "language": args.language,
        "floor": name,
        "questions": len(rows),
        "answerable": sum(1 for row in rows if row.get("answer")),
        "chosen_floor": best["floor"],
        "sweep": sweep,
    }
    write_result(args.results or f"meaning-floor-{args.language}", result)
    return result


class _Remembered:
    """The embedder with its vectors kept: each floor ranks the same sentences again."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.vectors = embedder, getattr(embedder, "name", ""), {}

    def _kept(self, kind: str, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (kind, t) not in self.vectors]
        if missing:
            embed = self.embedder.embed_queries if kind == "query" else self.embedder.embed_passages
            self.vectors.update(zip([(kind, t) for t in missing], embed(missing), strict=True))
        return np.asarray([self.vectors[(kind, t)] for t in texts])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._kept("query", list(texts))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._kept("passage", list(texts))


_KEPT = ("answer_accuracy", "refusal_rate_unanswerable", "false_refusal_rate")


def _asks_quantity(assistant, question: str, english: bool) -> bool:
    query = assistant.parse(question, use_llm=False)
    return query.english is english and query.numeric


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
