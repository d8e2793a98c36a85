"""核稿 on drafts with planted problems: recall and precision per kind, and the time to check a 3,000-character draft.

Usage: python bench/check_drafts.py [--corpus DIR ...]   (default ../shared/corpus)
Writes bench/results/check.json (or --results NAME).

Each line of bench/eval/check_planted.jsonl names a document of the corpus, the paragraphs
a draft is made of (``anchors``: text each paragraph contains; the title line comes first)
and the problems planted in it (``edits``: find → replace, ``planted`` the part of the
replacement that is wrong, ``kind`` what sort of problem). Figure kinds (figure_digit,
figure_unit, figure_year) are found when the figure over the planted span is not
``supported``; every other figure of the drafts is a control, a false alarm when not
``supported``. Rule kinds are found when a finding of the right family overlaps the
planted span; a finding no plant explains is a false alarm unless the unedited draft has
it too (the corpus's own half-width commas are real problems, reported apart).
"""

from __future__ import annotations

import json
import time
from collections import Counter

from common import REPO, header, parser, use_bench_home, write_result

PLANTED = REPO / "bench" / "eval" / "check_planted.jsonl"
FAMILY = {
    "typo": "用词",
    "docnumber": "文号",
    "numbering": "层次序号",
    "punctuation": "标点",
    "number_format": "数字",
    "formulation": "规范表述",
}
TIMED_CHARS = 3000


def draft_of(text: str, case: dict) -> tuple[str, str, list[tuple[int, int, str]], list[tuple[int, int, int]]]:
    """The unedited draft, the planted draft, each plant's (start, end, kind) in the latter, and
    the edits as applied, in order: (position, length replaced, length written)."""
    lines = text.split("\n")
    chosen = [lines[0]] + [line for line in lines[1:] if any(anchor in line for anchor in case["anchors"])]
    original = draft = "\n".join(chosen)
    spans: list[tuple[int, int, str]] = []
    applied: list[tuple[int, int, int]] = []
    for edit in case["edits"]:
        at = draft.find(edit["find"])
        if at < 0:
            raise ValueError(f"{case['id']}: {edit['find']!r} is not in the draft")
        delta = len(edit["replace"]) - len(edit["find"])
        spans = [(s + delta, e + delta, k) if s >= at + len(edit["find"]) else (s, e, k) for s, e, k in spans]
        draft = draft[:at] + edit["replace"] + draft[at + len(edit["find"]) :]
        applied.append((at, len(edit["find"]), len(edit["replace"])))
        start = at + edit["replace"].index(edit["planted"])
        spans.append((start, start + len(edit["planted"]), edit["kind"]))
    return original, draft, spans, applied


def moved(position: int, applied: list[tuple[int, int, int]]) -> int | None:
    """Where a position of the unedited draft is in the planted one (None: an edit replaced it)."""
    for at, removed, written in applied:
        if at <= position < at + removed:
            return None
        if position >= at + removed:
            position += written - removed
    return position


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> dict:
    args = parser(__doc__).parse_args()
    use_bench_home(args)
    from assistant.api import Assistant
    from assistant.ingest import iter_files, load_document

    assistant = Assistant()
    assistant.index(args.corpus)
    texts = {path.name: load_document(path, assistant.settings).text for path in iter_files(args.corpus)}
    cases = [json.loads(line) for line in PLANTED.read_text(encoding="utf-8").splitlines() if line.strip()]

    planted, found, alarms, kept, existing = Counter(), Counter(), Counter(), Counter(), Counter()
    year_named, misses, false_alarms = 0, [], []
    for case in cases:
        original, draft, spans, applied = draft_of(texts[case["doc"]], case)
        before = assistant.check_draft(original)
        report = assistant.check_draft(draft)
        for start, end, kind in spans:
            planted[kind] += 1
            if kind.startswith("figure"):
                hit = [f for f in report.figures if _overlaps((f.start, f.end), (start, end))]
                detected = any(f.status != "supported" for f in hit)
                year_named += kind == "figure_year" and any(f.status == "other_period" or "年" in f.note for f in hit)
            else:
                detected = any(
                    f.kind == FAMILY[kind] and _overlaps((f.start, f.end), (start, end)) for f in report.findings
                )
            found[kind] += detected
            if not detected:
                misses.append({"id": case["id"], "kind": kind, "planted": draft[start:end]})
        for figure in report.figures:
            if any(_overlaps((figure.start, figure.end), (s, e)) for s, e, _ in spans):
                continue
            kept["figure"] += 1
            if figure.status != "supported":
                alarms["figure"] += 1
                false_alarms.append(
                    {
                        "id": case["id"],
                        "figure": figure.text,
                        "status": figure.status,
                        "indicator": figure.indicator,
                        "note": figure.note,
                    }
                )
        already = {(f.rule, moved(f.start, applied)) for f in before.findings}
        for finding in report.findings:
            if any(_overlaps((finding.start, finding.end), (s, e)) for s, e, _ in spans):
                continue
            if (finding.rule, finding.start) in already:
                existing[finding.kind] += 1
            else:
                alarms[finding.kind] += 1
                false_alarms.append({"id": case["id"], "rule": finding.rule, "text": finding.text})

    kinds = {}
    for kind in sorted(planted):
        family = "figure" if kind.startswith("figure") else FAMILY[kind]
        kinds[kind] = {"planted": planted[kind], "found": found[kind], "recall": round(found[kind] / planted[kind], 3)}
        if not kind.startswith("figure"):
            flagged = found[kind] + alarms[family]
            kinds[kind]["precision"] = round(found[kind] / flagged, 3) if flagged else None
    figure_kinds = [k for k in planted if k.startswith("figure")]
    changed = sum(planted[k] for k in figure_kinds)
    result = {
        **header(),
        "drafts": len(cases),
        "kinds": kinds,
        "figures": {
            "changed": changed,
            "found": sum(found[k] for k in figure_kinds),
            "recall": round(sum(found[k] for k in figure_kinds) / changed, 3),
            "controls": kept["figure"],
            "false_alarms": alarms["figure"],
            "false_alarm_rate": round(alarms["figure"] / kept["figure"], 3) if kept["figure"] else None,
            "other_year_named": f"{year_named}/{planted['figure_year']}",
        },
        "rule_findings_in_unedited_text": dict(existing),
        "timing": timing(assistant, texts),
        "misses": misses,
        "false_alarms": false_alarms,
    }
    out = write_result(args.results or "check", result)
    print(json.dumps({k: result[k] for k in ("kinds", "figures", "timing")}, ensure_ascii=False, indent=1))
    print(f"→ {out}")
    return result


def timing(assistant, texts: dict[str, str]) -> dict:
    """Seconds to check a 3,000-character draft (the start of a government work report), first and again."""
    name = next(n for n in sorted(texts) if "政府工作报告" in n and len(texts[n]) > TIMED_CHARS)
    draft = texts[name][:TIMED_CHARS]
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        report = assistant.check_draft(draft)
        runs.append(round(time.perf_counter() - started, 3))
    return {
        "draft": f"{name}[:{TIMED_CHARS}]",
        "chars": len(draft),
        "figures": len(report.figures),
        "findings": len(report.findings),
        "seconds": runs,
    }


if __name__ == "__main__":
    main()
