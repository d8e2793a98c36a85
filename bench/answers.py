"""Answer quality and latency in fast and LLM mode over the dev questions.

Usage: python bench/answers.py [--modes fast llm] [--corpus DIR ...] [--eval FILE ...]
Uses the same persistent bench home as bench/retrieval.py (the index is reused) and
writes bench/results/answers.json: answer accuracy, verified figures, refusals,
latency p50/p95 and, for the LLM, time to the first token.
"""

from __future__ import annotations

import json

from common import header, parser, read_rows, use_bench_home, write_result


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--modes", nargs="*", default=["fast", "llm"])
    args = arguments.parse_args()
    use_bench_home(args)

    from assistant.api import Assistant
    from assistant.evaluate import evaluate_answers

    assistant = Assistant()
    assistant.index(args.corpus)
    rows = read_rows(args.eval)
    settings = assistant.settings
    result = {
        **header(),
        "llm": settings.llm_model if settings.llm_backend == "llamacpp" else settings.openai_model,
        "modes": {},
    }
    for mode in args.modes:
        assistant.ask("预热", mode=mode)  # load the models outside the timed region
        result["modes"][mode] = evaluate_answers(assistant, rows, mode)
    write_result(args.results or "answers", result)
    return result


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
