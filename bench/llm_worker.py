"""LLM answers with the local model in its worker process, beside the in-process model it replaced.

Usage: python bench/llm_worker.py [--users 1 2 4] [--questions N] [--per-user N] [--corpus DIR ...] [--eval FILE ...]

Both backends answer the same dev questions through the same answer chain (same passages,
prompts, model file and threads), taking turns question by question; only where the model runs
differs. Then 1, 2 and 4 simultaneous users ask through the worker, each their own questions
not asked before: its server has one slot, so answers queue, and the figures show what a
second or fourth user waits. Writes bench/results/llm_worker.json.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

from common import header, parser, read_rows, use_bench_home, write_result


class InProcessLlama:
    """The backend before the worker: llama-cpp-python inside the serving process, one answer at a time."""

    def __init__(self, settings) -> None:
        from llama_cpp import Llama

        from assistant.models.catalog import CATALOG
        from assistant.models.provision import require

        path = require(CATALOG[settings.llm_model], settings.models_path)
        self.name = f"in-process:{path.name}"
        self._llm = Llama(
            model_path=str(path),
            n_ctx=settings.llm_context,
            n_threads=settings.llm_threads or os.cpu_count(),
            seed=settings.llm_seed,
            verbose=False,
        )
        self._lock = threading.Lock()

    def stream(self, messages, max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        with self._lock:
            for part in self._llm.create_chat_completion(
                messages=messages, max_tokens=max_tokens, temperature=temperature, stream=True
            ):
                if piece := part["choices"][0]["delta"].get("content"):
                    yield piece


def answer_times(assistant, backend, questions: list[str]) -> list[tuple[float, float]]:
    """(first token, complete) seconds of each question's answer through the product's chain."""
    from assistant.answer.chain import llm_answer_events
    from assistant.answer.fast import fast_answer
    from assistant.evaluate import timed
    from assistant.types import Token

    embedder = assistant.kb().embedder
    times = []
    for question in questions:
        events = llm_answer_events(
            backend,
            assistant.settings,
            assistant.evidence,
            question,
            extract=lambda q, hits: fast_answer(q, hits, embedder=embedder),
        )
        _, seconds, first = timed(events, lambda e: isinstance(e, Token))
        times.append((first, seconds))
    return times


def summary(times: list[tuple[float, float]]) -> dict:
    from assistant.evaluate import percentile

    return {
        "first_token_p50_s": percentile([t[0] for t in times], 0.5),
        "complete_p50_s": percentile([t[1] for t in times], 0.5),
        "complete_p95_s": percentile([t[1] for t in times], 0.95),
        "n": len(times),
    }


def concurrent(assistant, backend, questions_per_user: list[list[str]]) -> dict:
    """One thread per user, each asking its own questions in turn, all at once.

    Each user asks different questions, none asked before in the run: a repeated question would find its passages
    retrieved and the model's cache holding its prompt, and make the queue look shorter than users will see it.
    """
    results: list[list[tuple[float, float]]] = [[] for _ in questions_per_user]
    threads = [
        threading.Thread(target=lambda i=i, qs=qs: results[i].extend(answer_times(assistant, backend, qs)))
        for i, qs in enumerate(questions_per_user)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    flat = [t for per_user in results for t in per_user]
    return {
        "users": len(questions_per_user),
        "wall_s": round(wall, 2),
        "answers_per_minute": round(60 * len(flat) / wall, 2),
        **summary(flat),
    }


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--users", nargs="*", type=int, default=[1, 2, 4])
    arguments.add_argument("--questions", type=int, default=8, help="Dev questions each backend answers in turn.")
    arguments.add_argument("--per-user", type=int, default=2, help="Questions each simultaneous user asks.")
    args = arguments.parse_args()
    use_bench_home(args)

    from assistant.api import Assistant
    from assistant.llm.backends import get_backend

    assistant = Assistant()
    assistant.index([c for c in args.corpus])
    rows = [r for r in read_rows(args.eval) if r.get("type") != "unanswerable" and r.get("lang") != "en"]
    questions = [r["q"] for r in rows]
    needed = args.questions + 1 + args.per_user * sum(args.users)
    if len(questions) < needed:
        raise SystemExit(f"{needed} answerable Chinese questions needed, {len(questions)} in {args.eval}")
    warm, questions, unused = questions[0], questions[1 : args.questions + 1], questions[args.questions + 1 :]
    worker = get_backend(assistant.settings)
    answer_times(assistant, worker, [warm])  # start the worker and warm the caches: load time is not answer time
    result = {
        **header(),
        "llm": assistant.settings.llm_model,
        "threads": assistant.settings.llm_threads or os.cpu_count(),
    }
    in_process = InProcessLlama(assistant.settings)
    answer_times(assistant, in_process, [warm])
    # Question by question, each backend first on every other one: the second to answer a question finds its
    # passages retrieved and its sentences ranked already, so neither may always be second.
    times: dict[str, list[tuple[float, float]]] = {"worker": [], "in_process": []}
    for i, question in enumerate(questions):
        turns = [("worker", worker), ("in_process", in_process)]
        for name, backend in turns if i % 2 == 0 else turns[::-1]:
            times[name] += answer_times(assistant, backend, [question])
    result["worker"], result["in_process"] = summary(times["worker"]), summary(times["in_process"])
    del in_process
    result["worker_concurrent"] = []
    for users in args.users:
        asked = [unused[i * args.per_user : (i + 1) * args.per_user] for i in range(users)]
        unused = unused[users * args.per_user :]
        result["worker_concurrent"].append(concurrent(assistant, worker, asked))
    print(write_result(args.results or "llm_worker", result))
    return result


if __name__ == "__main__":
    main()
