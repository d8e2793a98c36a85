"""Answer quality and latency in fast and LLM mode over the dev questions, and a stock pipeline's.

Usage: python bench/answers.py [--modes fast llm] [--stock] [--corpus DIR ...] [--eval FILE ...]
Uses the same persistent bench home as bench/retrieval.py (the index is reused) and
writes bench/results/answers.json: answer accuracy, figures their cited passages state (read
from the texts, not from the product's flags), refusals,
latency p50/p95 and, for the LLM, time to the first token. With --stock, the stock
LangChain pipeline (the 500/50 Chroma store of bench/retrieval.py, top 4 passages, a
plain RAG prompt, the same local LLM, no checks) answers the same questions in the same run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from common import header, parser, read_rows, stock_store, use_bench_home, write_result

STOCK_PROMPT = "请仅根据以下资料回答问题，回答简短。资料中没有答案时，回答“资料中未找到”。\n\n资料：\n{context}\n\n问题：{question}"


def stock_answers(assistant, corpora, rows: list[dict]) -> dict:
    """Accuracy, refusals and latency of retrieve → prompt → LLM with no verification or fallback."""
    from langchain_core.prompts import ChatPromptTemplate

    from assistant.answer.chain import is_refusal
    from assistant.evaluate import Attempt, score_answers, timed
    from assistant.llm.backends import get_backend

    store = stock_store(assistant, corpora)
    backend = get_backend(assistant.settings)
    prompt = ChatPromptTemplate.from_messages([("user", STOCK_PROMPT)])

    given: dict[str, dict[int, str]] = {}

    def reply(question: str) -> Iterator[str]:  # a generator, so the retrieval is inside the timing
        documents = store.similarity_search(question, k=4)
        given[question] = {n: d.page_content for n, d in enumerate(documents, 1)}
        context = "\n\n".join(d.page_content for d in documents)
        messages = [
            {"role": "user", "content": m.content}
            for m in prompt.invoke({"context": context, "question": question}).to_messages()
        ]
        yield from backend.stream(messages, max_tokens=assistant.settings.answer_max_tokens)

    def attempt(question: str) -> Attempt:
        pieces, seconds, first = timed(reply(question), lambda piece: True)
        text = "".join(pieces)
        return Attempt(text, is_refusal(text), given.pop(question), seconds, first)

    return score_answers(rows, attempt, "stock LangChain + same LLM")


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--modes", nargs="*", default=["fast", "llm"])
    arguments.add_argument("--stock", action="store_true", help="Also run the stock LangChain pipeline.")
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
    if args.stock:
        result["stock_langchain"] = stock_answers(assistant, args.corpus, rows)
    write_result(args.results or "answers", result)
    return result


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
