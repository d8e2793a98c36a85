"""Which development questions a change to the answer layer moves: every dev question set answered in fast
mode, with the retrieved passages kept on disk so a rerun costs only the answering.

Usage: python bench/devcheck.py [--sets NAME ...] [--against OLD.json] [--reuse] [--results NAME]

The passages are keyed by the question and a fingerprint of the code that finds them (everything under
assistant/ but answer/, draft/, check/, ui/ and cli/): a change there searches again, unless ``--reuse`` takes the
passages of the last run (a quick turn on a change to the question's checks; confirm with a run without it). The sets are the dev
sets of bench/eval (the test sets are never read here). Scored as bench/answers.py scores a fast answer (the
expected strings all in an answer that is not a refusal; a refusal for an unanswerable question). With
``--against`` the questions whose outcome changed are listed. It is a development tool: the figures reported
in the README come from bench/answers.py, which also retrieves afresh.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from common import REPO, parser, read_rows, use_bench_home, write_result

EVAL = REPO / "bench" / "eval"
DEV_SETS = sorted(
    [p.stem for p in EVAL.glob("*_dev.jsonl") if not p.stem.startswith("drafting")] + ["near_miss", "extra_scale"]
)
# the code that answers from the passages found: changing it keeps the stored passages valid
ANSWERING = {"answer", "draft", "check", "ui", "cli"}


def retrieval_fingerprint() -> str:
    """A hash of the sources that parse a question and find its passages."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "assistant").rglob("*")):
        parts = path.relative_to(REPO / "assistant").parts
        if path.is_file() and parts[0] not in ANSWERING and path.suffix in {".py", ".txt", ".json", ".tsv"}:
            digest.update(str(parts).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def main() -> dict:
    arguments = parser(__doc__)
    arguments.add_argument("--sets", nargs="*", default=DEV_SETS, choices=DEV_SETS)
    arguments.add_argument("--against", type=Path, help="An earlier devcheck results file to compare with.")
    arguments.add_argument(
        "--reuse",
        action="store_true",
        help="Reuse the passages another code's run found (quick turns on the answer's checks; confirm without).",
    )
    arguments.set_defaults(corpus=[REPO.parent / "shared" / n for n in ("corpus", "corpus-2026", "corpus-scale")])
    args = arguments.parse_args()
    use_bench_home(args)

    from assistant.answer import fast
    from assistant.api import Assistant
    from assistant.evaluate import handled_rightly

    assistant = Assistant()
    assistant.index(args.corpus)
    embedder = assistant.kb().embedder
    stored = assistant.settings.cache_path / f"devcheck-passages-{retrieval_fingerprint()}.pickle"
    earlier = sorted(assistant.settings.cache_path.glob("devcheck-passages-*.pickle"), key=lambda p: p.stat().st_mtime)
    source = stored if stored.exists() else (earlier[-1] if args.reuse and earlier else None)
    passages = pickle.loads(source.read_bytes()) if source else {}

    outcome = {}
    for name in args.sets:
        for row in read_rows([EVAL / f"{name}.jsonl"]):
            query = assistant.parse(row["q"], use_llm=False)
            if row["q"] not in passages:
                passages[row["q"]] = assistant._evidence(query)
            answer = fast.fast_answer(row["q"], passages[row["q"]], embedder=embedder, query=query)
            right = handled_rightly(row, answer.text, answer.refused)
            outcome[row["id"]] = {"set": name, "right": right, "refused": answer.refused, "text": answer.text[:200]}
    stored.write_bytes(pickle.dumps(passages))

    changed = []
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))["questions"]
        changed = [
            {"id": key, "was": before[key]["text"], "now": now["text"], "right": now["right"]}
            for key, now in outcome.items()
            if key in before and (before[key]["right"], before[key]["refused"]) != (now["right"], now["refused"])
        ]
    per_set = {
        name: f"{sum(v['right'] for v in outcome.values() if v['set'] == name)}"
        f"/{sum(v['set'] == name for v in outcome.values())}"
        for name in args.sets
    }
    result = {
        "passages": "found afresh" if source is None else "reused from another code" if source != stored else "stored",
        "right": sum(v["right"] for v in outcome.values()),
        "asked": len(outcome),
        "per_set": per_set,
        "changed": changed,
        "questions": outcome,
    }
    write_result(args.results or "devcheck", result)
    return result


if __name__ == "__main__":
    found = main()
    print(
        json.dumps(
            {k: found[k] for k in ("passages", "right", "asked", "per_set", "changed")}, ensure_ascii=False, indent=2
        )
    )
