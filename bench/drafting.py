"""Drafting quality and speed over the dev drafting tasks (../shared/eval/dev_drafting.jsonl).

Usage: python bench/drafting.py [--mode llm|fast] [--tasks FILE] [--corpus DIR ...]
Uses the persistent bench home of bench/retrieval.py (the index is reused) and writes
bench/results/drafting.json. For each task (its text is the topic, template auto):

- required facts: share of ``required_facts`` in the draft, and share in a sentence that
  cites a passage stating it (whitespace ignored);
- figures: how many the verifier could not find in the cited passages (marked 【待核实】),
  and how many are shown as fact anyway (a figure outside a mark that no passage its
  sentence cites states; the target is 0);
- must_cite_doc: share of the documents the task names that the draft cites;
- seconds per draft, seconds to the first token, characters, and seconds per 400 characters.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from common import SHARED, header, parser, read_rows, use_bench_home, write_result

MARK = re.compile(r"【待核实：[^】]*】")
SENTENCE = re.compile(r"[^。！？\n]*[。！？]?(?:\[\d+\])*")
TARGET_SECONDS = 60.0


def squash(text: str) -> str:
    return "".join(text.split())


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.findall(text) if s.strip()]


def _cited(sentence: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", sentence)]


def score(row: dict, draft, seconds: float, first_token: float | None) -> dict:
    from assistant.facts.numbers import figure_in_text, find_numbers

    passages = {c.n: c.chunk.text for c in draft.citations}
    text = draft.text
    found, cited = [], []
    for fact in row.get("required_facts", []):
        wanted = squash(fact)
        if wanted in squash(MARK.sub("", text)):
            found.append(fact)
            if any(wanted in squash(s) and any(wanted in squash(passages.get(n, "")) for n in _cited(s))
                   for s in _sentences(text)):
                cited.append(fact)
    shown_unverified = []
    for sentence in _sentences(text):
        shown = MARK.sub("", sentence)
        numbers = _cited(shown)
        for mention in find_numbers(re.sub(r"\[\d+\]", "", shown)):
            if mention.kind == "quantity" and not any(figure_in_text(mention.core, passages[n]) for n in numbers
                                                      if n in passages):
                shown_unverified.append(mention.core)
    cited_docs = {c.chunk.doc for c in draft.citations if c.n in set(_cited(text))}
    must = row.get("must_cite_doc", [])
    chars = len(re.sub(r"\[\d+\]|\s", "", MARK.sub("", text)))
    return {
        "id": row["id"],
        "template": draft.template,
        "mode": draft.mode,
        "seconds": round(seconds, 2),
        "first_token_s": round(first_token, 2) if first_token is not None else None,
        "chars": chars,
        "seconds_per_400_chars": round(seconds * 400 / chars, 2) if chars else None,
        "required_facts": len(row.get("required_facts", [])),
        "facts_found": found,
        "facts_cited": cited,
        "facts_missing": [f for f in row.get("required_facts", []) if f not in found],
        "figures": len(draft.figures),
        "figures_marked_unverified": [f.text for f in draft.figures if not f.verified],
        "figures_shown_unverified": shown_unverified,
        "must_cite_doc_cited": round(len(cited_docs & set(must)) / len(must), 4) if must else None,
        "notice": draft.notice,
        "draft": text,
    }


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--mode", default="llm", choices=["llm", "fast"])
    arguments.add_argument("--tasks", type=Path, default=SHARED / "eval" / "dev_drafting.jsonl")
    args = arguments.parse_args()
    use_bench_home(args)

    from assistant.answer.chain import Token
    from assistant.llm.backends import get_backend
    from assistant.api import Assistant
    from assistant.types import Draft

    assistant = Assistant()
    assistant.index(args.corpus)
    started = time.perf_counter()
    assistant.search("预热")  # the embedder loads outside the timed drafts …
    if args.mode == "llm":
        get_backend(assistant.settings)  # … and so does the LLM (reported as load_s)
    load = time.perf_counter() - started

    tasks = []
    for row in read_rows([args.tasks]):
        started, first_token, draft = time.perf_counter(), None, None
        for event in assistant.draft_events(row["task"], mode=args.mode):
            if isinstance(event, Token) and first_token is None:
                first_token = time.perf_counter() - started
            elif isinstance(event, Draft):
                draft = event
        tasks.append(score(row, draft, time.perf_counter() - started, first_token))

    required = sum(t["required_facts"] for t in tasks) or 1
    settings = assistant.settings
    result = {
        **header(),
        "mode": args.mode,
        "llm": settings.llm_model if settings.llm_backend == "llamacpp" else settings.openai_model,
        "load_s": round(load, 2),
        "required_facts_coverage": round(sum(len(t["facts_found"]) for t in tasks) / required, 4),
        "required_facts_cited": round(sum(len(t["facts_cited"]) for t in tasks) / required, 4),
        "figures_marked_unverified": sum(len(t["figures_marked_unverified"]) for t in tasks),
        "figures_shown_unverified": sum(len(t["figures_shown_unverified"]) for t in tasks),
        "seconds_per_draft_mean": round(sum(t["seconds"] for t in tasks) / len(tasks), 2) if tasks else None,
        "seconds_per_draft_max": max((t["seconds"] for t in tasks), default=None),
        "seconds_per_400_chars_max": max((t["seconds_per_400_chars"] or 0 for t in tasks), default=None),
        "target_seconds": TARGET_SECONDS,
        "n": len(tasks),
        "tasks": tasks,
    }
    write_result(args.results or "drafting", result)
    return result


if __name__ == "__main__":
    summary = main()
    print(json.dumps({k: v for k, v in summary.items() if k != "tasks"}, ensure_ascii=False, indent=2))
