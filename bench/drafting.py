"""Drafting quality and speed on the drafting tasks, the product beside the stock approach.

Usage:
  python bench/drafting.py --split dev    # bench/eval/drafting_dev.jsonl + ../shared/eval/dev_drafting.jsonl
  python bench/drafting.py --split test   # bench/eval/drafting_test.jsonl (run at the end of a change only)
  options: --tasks FILE ... (instead of a split), --ids dw-d01 ..., --no-stock, --mode llm|fast

The knowledge base holds ../shared/corpus, corpus-2026 and corpus-scale (persistent bench home, so the
index is reused). Results go to bench/results/drafting-<split>.json. Every number is checked from the
draft's text and the text of the passages it cites, never from the product's own flags:

- required facts: a fact counts when the draft states it outside a 【待核实】 mark, in a sentence citing
  a passage whose text holds it (spaces ignored, and the width of ，：；（） on both sides, since the
  draft writes official full-width punctuation where the PDF text has half-width);
- attribution errors: sentences in the first person (我们, 我局, 我县…) citing a passage of a document
  outside the task's ``own_docs`` that the sentence does not name (《义务教育法》, 重庆市…政府工作报告);
- repeated facts: a figure (value, unit and qualifier: 5%左右 and 5%以上 are two targets) stated in more
  than one sentence by clauses about the same thing (sharing half the words of the shorter; before session
  39: with the same two characters after the figure, which counted three indicators targeted at "5.5%左右"
  as one), and a required fact written in more sentences than the passages the draft cites write it
  (before session 22: written more than once, which counted a law's own wording quoted twice);
- length: characters without citation markers and spaces against the length asked (±15%);
- figures outside their cited passages: a figure shown as fact that no passage its sentence cites states;
- seconds per draft and per 400 characters.

The stock approach: the product's retrieval top-k passages and one LLM call with a plain prompt.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from common import REPO, SHARED, header, parser, read_rows, use_bench_home, write_result

MARK = re.compile(r"【待核实：[^】]*】")
SENTENCE = re.compile(r"[^。！？\n]*[。！？]?(?:\[\d+\])*")
FIRST_PERSON = re.compile(r"我们|我局|我县|我区|我市|我省|我州|本局|本县|本区|本人|我(?![国们])")
WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?", "％": "%"})
LENGTH = re.compile(r"约\s*(\d{2,4})\s*字")
CLAUSE_MARKS = "，,；;：:。！？"  # what ends the clause a figure is stated in
STOCK_K = 6
SPLITS = {
    "dev": [REPO / "bench" / "eval" / "drafting_dev.jsonl", SHARED / "eval" / "dev_drafting.jsonl"],
    "test": [REPO / "bench" / "eval" / "drafting_test.jsonl"],
}
# dev tasks of ../shared/eval/dev_drafting.jsonl written before own_docs existed: the writer's own documents
OWN_DOCS = {"w01": ["2025_县教育局局长_述职述责述廉报告.txt"], "w02": ["2025_县教育局局长_述职述责述廉报告.txt"]}
STOCK_PROMPT = (
    "请根据以下资料完成写作任务，在引用资料的句子末尾用[编号]注明出处。\n\n资料：\n{passages}\n\n任务：{task}"
)


def squash(text: str) -> str:
    return "".join(text.split()).translate(WIDTH)


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.findall(text) if s.strip()]


def _cited(sentence: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", sentence)]


def _names(sentence: str, doc: str, title: str) -> bool:
    """Whether the sentence names the document: its title (without 中华人民共和国), or place and 报告."""
    core = re.sub(r"^\d{4}年|中华人民共和国", "", title)
    place = doc.split("_")[1] if doc.count("_") >= 2 else ""
    place = re.sub(r"(省|市|自治区)$", "", place)
    return (
        (len(core) >= 3 and core in sentence)
        or (bool(place) and place in sentence and "报告" in sentence)
        or (
            "意见" in core
            and "意见" in sentence
            and any(w in sentence for w in ("国务院办公厅", "中办国办", "中共中央"))
        )
    )


def _written_again(fact: str, shown: str, passages: dict[int, tuple[str, str, str]]) -> bool:
    """Whether the draft writes a required fact in more sentences than the passages it cites write it: a phrase
    the source itself writes twice ("在户籍所在地学校就近入学" and "在非户籍所在地工作" of one article) quoted as
    the source writes it is not the same fact stated twice; a framing sentence restating it is."""
    wanted = squash(fact)
    every = _sentences(shown)
    sentences = [s for s in every if wanted in squash(s)]
    cited = {n for s in every for n in _cited(s) if n in passages}
    in_sources = max((squash(passages[n][2]).count(wanted) for n in cited), default=0)
    return len(sentences) > max(1, in_sources)


def visible_chars(text: str) -> int:
    return len(re.sub(r"\[\d+\]|\s", "", MARK.sub(lambda m: m.group(0)[5:-1], text)))


def score(row: dict, text: str, passages: dict[int, tuple[str, str, str]], seconds: float) -> dict:
    """``passages``: n → (document, title, text) of every passage the draft may cite."""
    from assistant.facts.numbers import figure_in_text, find_numbers

    shown = MARK.sub("", text)
    found, cited = [], []
    for fact in row.get("required_facts", []):
        wanted = squash(fact)
        if wanted in squash(shown):
            found.append(fact)
            if any(
                wanted in squash(s) and any(wanted in squash(passages[n][2]) for n in _cited(s) if n in passages)
                for s in _sentences(shown)
            ):
                cited.append(fact)
    own = set(row.get("own_docs", OWN_DOCS.get(row["id"], [])))
    attribution = []
    for sentence in _sentences(shown):
        if not FIRST_PERSON.search(re.sub(r"\[\d+\]", "", sentence)):
            continue
        others = {passages[n][:2] for n in _cited(sentence) if n in passages and passages[n][0] not in own}
        if any(not _names(sentence, doc, title) for doc, title in others):
            attribution.append(sentence)
    figures: dict[str, list[tuple[int, set[str], str]]] = {}  # figure → (sentence, its clause's words, as written)
    outside = []
    for index, sentence in enumerate(_sentences(text)):
        plain = re.sub(r"\[\d+\]", "", MARK.sub("", sentence))
        numbers = _cited(sentence)
        mentions = [m for m in find_numbers(plain) if m.kind == "quantity"]
        for mention in mentions:
            key = f"{mention.value:g}{mention.unit}{mention.qualifier}"
            figures.setdefault(key, []).append((index, _clause_words(plain, mention, mentions), mention.core))
            if not any(figure_in_text(mention.core, passages[n][2]) for n in numbers if n in passages):
                outside.append(mention.core)
    repeated = [where[0][2] for where in figures.values() if _same_fact_again(where)]
    repeated += [f for f in row.get("required_facts", []) if len(f) >= 4 and _written_again(f, shown, passages)]
    length = int(row.get("length") or (LENGTH.search(row["task"]) or [0, 400])[1])
    chars = visible_chars(text)
    return {
        "id": row["id"],
        "seconds": round(seconds, 2),
        "chars": chars,
        "length": length,
        "length_error": round(abs(chars - length) / length, 3),
        "seconds_per_400_chars": round(seconds * 400 / chars, 2) if chars else None,
        "required_facts": len(row.get("required_facts", [])),
        "facts_found": found,
        "facts_cited": cited,
        "facts_missing": [f for f in row.get("required_facts", []) if f not in cited],
        "attribution_errors": attribution,
        "repeated_facts": repeated,
        "figures_outside_cited": outside,
        "draft": text,
    }


def _clause_words(sentence: str, mention, mentions: list) -> set[str]:
    """The character pairs of the words of the clause stating a figure, its figures left out: what the figure
    is of ("地区生产总值增长", "城镇调查失业率控制在")."""
    start = max(sentence.rfind(mark, 0, mention.start) for mark in CLAUSE_MARKS) + 1
    ends = [at for at in (sentence.find(mark, mention.end) for mark in CLAUSE_MARKS) if at >= 0]
    end = min(ends, default=len(sentence))
    clause = list(sentence[start:end])
    for other in mentions:
        for at in range(max(other.start, start), min(other.end, end)):
            clause[at - start] = " "
    words = re.findall(r"[\u4e00-\u9fff]+", "".join(clause))
    return {w[i : i + 2] for w in words for i in range(len(w) - 1)}


def _same_fact_again(where: list[tuple[int, set[str], str]]) -> bool:
    """Whether a figure is stated in two sentences of the same thing: their clauses share at least half the
    words of the shorter (a clause of the figure alone counts as the same). Three indicators targeted at
    "5.5%左右" are three facts; "惠及549万人" after "提高基础养老金、惠及549万人" is one fact twice."""
    return any(
        a != b and (not words_a or not words_b or len(words_a & words_b) >= 0.5 * min(len(words_a), len(words_b)))
        for i, (a, words_a, _) in enumerate(where)
        for b, words_b, _ in where[i + 1 :]
    )


def summary(tasks: list[dict]) -> dict:
    required = sum(t["required_facts"] for t in tasks) or 1
    n = len(tasks) or 1
    return {
        "n": len(tasks),
        "required_facts_present": round(sum(len(t["facts_found"]) for t in tasks) / required, 4),
        "required_facts_present_and_cited": round(sum(len(t["facts_cited"]) for t in tasks) / required, 4),
        "attribution_errors": sum(len(t["attribution_errors"]) for t in tasks),
        "repeated_facts": sum(len(t["repeated_facts"]) for t in tasks),
        "length_within_15pct": round(sum(t["length_error"] <= 0.15 for t in tasks) / n, 4),
        "length_error_mean": round(sum(t["length_error"] for t in tasks) / n, 4),
        # which way the drafts outside ±15% miss: too short (the material or the framing ran out) or too long
        "length_short": sum(t["length_error"] > 0.15 and t["chars"] < t["length"] for t in tasks),
        "length_long": sum(t["length_error"] > 0.15 and t["chars"] > t["length"] for t in tasks),
        "figures_outside_cited": sum(len(t["figures_outside_cited"]) for t in tasks),
        "seconds_per_draft_mean": round(sum(t["seconds"] for t in tasks) / n, 2),
        "seconds_per_draft_max": max((t["seconds"] for t in tasks), default=None),
        "seconds_per_400_chars_mean": round(sum(t["seconds_per_400_chars"] or 0 for t in tasks) / n, 2),
        "seconds_per_400_chars_max": max((t["seconds_per_400_chars"] or 0 for t in tasks), default=None),
    }


def product_draft(assistant, row: dict, mode: str) -> tuple[str, dict, float]:
    from assistant.types import Draft

    started, draft = time.perf_counter(), None
    for event in assistant.draft_events(row["task"], mode=mode):
        if isinstance(event, Draft):
            draft = event
    seconds = time.perf_counter() - started
    passages = {c.n: (c.chunk.doc, c.chunk.title, c.chunk.text) for c in draft.citations}
    return draft.text, passages, seconds


def stock_draft(assistant, backend, row: dict) -> tuple[str, dict, float]:
    """Retrieve top-k, one LLM call with a plain prompt: the usual RAG drafting."""
    started = time.perf_counter()
    hits = assistant.search(row["task"], STOCK_K)
    listed = "\n".join(f"[{n}] {hit.chunk.title} {hit.chunk.text}" for n, hit in enumerate(hits, 1))
    length = int(row.get("length") or (LENGTH.search(row["task"]) or [0, 400])[1])
    messages = [{"role": "user", "content": STOCK_PROMPT.format(passages=listed, task=row["task"])}]
    text = "".join(backend.stream(messages, max_tokens=int(length * 0.8) + 40, temperature=0.2))
    passages = {n: (h.chunk.doc, h.chunk.title, h.chunk.text) for n, h in enumerate(hits, 1)}
    return text.strip(), passages, time.perf_counter() - started


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--split", choices=sorted(SPLITS), default="dev")
    arguments.add_argument("--tasks", nargs="*", type=Path)
    arguments.add_argument("--ids", nargs="*")
    arguments.add_argument("--mode", default="llm", choices=["llm", "fast"])
    arguments.add_argument("--no-stock", action="store_true")
    arguments.set_defaults(corpus=[SHARED / "corpus", SHARED / "corpus-2026", SHARED / "corpus-scale"])
    args = arguments.parse_args()
    use_bench_home(args)

    from assistant.api import Assistant
    from assistant.llm.backends import get_backend

    assistant = Assistant()
    report = assistant.index(args.corpus)
    started = time.perf_counter()
    assistant.search("预热")  # the embedder loads outside the timed drafts …
    backend = get_backend(assistant.settings) if args.mode == "llm" else None  # … and so does the LLM:
    if backend is not None:  # its worker starts on the first request, which is no draft's
        "".join(backend.stream([{"role": "user", "content": "你好"}], max_tokens=1))
    load = time.perf_counter() - started

    rows = [r for r in read_rows(args.tasks or SPLITS[args.split]) if not args.ids or r["id"] in args.ids]
    product, stock = [], []
    name = f"drafting-{args.split}" if not args.tasks else "drafting"
    for row in rows:
        text, passages, seconds = product_draft(assistant, row, args.mode)
        product.append(score(row, text, passages, seconds))
        if backend is not None and not args.no_stock:
            text, passages, seconds = stock_draft(assistant, backend, row)
            stock.append(score(row, text, passages, seconds))
        print(json.dumps({k: v for k, v in product[-1].items() if k != "draft"}, ensure_ascii=False), flush=True)
    settings = assistant.settings
    result = {
        **header(),
        "split": args.split if not args.tasks else [str(p) for p in args.tasks],
        "corpus": [str(c) for c in args.corpus],
        "documents": len(assistant.documents()),
        "index_failed": [f.path for f in report.failed] if hasattr(report, "failed") else [],
        "mode": args.mode,
        "llm": settings.llm_model if settings.llm_backend == "llamacpp" else settings.openai_model,
        "load_s": round(load, 2),
        "product": summary(product),
        "stock": summary(stock) if stock else None,
        "tasks": product,
        "stock_tasks": stock,
    }
    write_result(args.results or name, result)
    return result


if __name__ == "__main__":
    outcome = main()
    print(json.dumps({k: outcome[k] for k in ("split", "llm", "product", "stock")}, ensure_ascii=False, indent=2))
