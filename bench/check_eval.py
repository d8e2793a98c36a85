"""Check hand-written evaluation questions against their source documents.

Questions are written blind (without looking at system answers), so nothing
else catches a typo in a figure or an evidence string that the document does
not contain; a wrong key silently turns a correct system answer into a miss.
This script loads each item's document from ../shared (corpus, corpus-scale,
corpus-2026) relative to the repository root and reports: missing or malformed
fields, duplicate ids, evidence not found in the document, and answer strings
not found in the document (all compared with whitespace removed).

Usage: python bench/check_eval.py bench/eval/unseen_dev.jsonl [more.jsonl ...]
Exit status 1 when any problem is reported.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPORA = ("corpus", "corpus-scale", "corpus-2026")
TYPES = {"number", "entity", "list", "yes_no", "unanswerable"}
REQUIRED = ("id", "q", "answer", "evidence", "type", "doc")
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace, as the evaluation does before comparing."""
    return _WS.sub("", text)


def read_docx(path: Path) -> str:
    """Paragraphs and table cells of a .docx, one per line."""
    import docx  # python-docx; imported here so --help works without it

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@cache
def load_doc(name: str) -> str | None:
    """Whitespace-free text of a document by file name, or None if absent."""
    for corpus in CORPORA:
        path = SHARED / corpus / name
        if path.exists():
            if path.suffix == ".docx":
                return squash(read_docx(path))
            if path.suffix == ".pdf":
                return None  # not used by these sets
            return squash(path.read_text(encoding="utf-8"))
    return None


def check_item(item: dict, where: str) -> list[str]:
    """Problems with one question, each prefixed with where it is."""
    problems = [f"{where}: missing field {f}" for f in REQUIRED if f not in item]
    if problems:
        return problems
    if item["type"] not in TYPES:
        problems.append(f"{where}: unknown type {item['type']!r}")
    if not isinstance(item["answer"], list):
        return problems + [f"{where}: answer is not a list"]
    for name in [item["doc"], *item.get("confusable", [])]:
        if load_doc(name) is None:
            problems.append(f"{where}: document not found: {name}")
    if item["type"] == "unanswerable":
        if item["answer"] or item["evidence"] is not None:
            problems.append(f"{where}: unanswerable item has answer or evidence")
        return problems
    text = load_doc(item["doc"])
    if text is None:
        return problems
    if not item["answer"] or not item["evidence"]:
        problems.append(f"{where}: answerable item without answer or evidence")
        return problems
    if squash(item["evidence"]) not in text:
        problems.append(f"{where}: evidence not in document: {item['evidence']}")
    for ans in item["answer"]:
        if squash(ans) not in text:
            problems.append(f"{where}: answer not in document: {ans}")
    return problems


def main(paths: list[str]) -> int:
    """Check every file; print one line per problem and a summary."""
    seen: dict[str, str] = {}
    problems: list[str] = []
    count = 0
    for path in paths:
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(f"{where}: bad JSON: {err}")
                continue
            count += 1
            qid = item.get("id")
            if qid in seen:
                problems.append(f"{where}: duplicate id {qid} (first at {seen[qid]})")
            else:
                seen[str(qid)] = where
            problems.extend(check_item(item, f"{where} [{qid}]"))
    for problem in problems:
        print(problem)
    print(f"{count} items, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
