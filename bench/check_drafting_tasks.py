"""Check the drafting benchmark (bench/eval/drafting_dev.jsonl, drafting_test.jsonl) against its sources.

Usage: python bench/check_drafting_tasks.py [FILE ...]

For every task it reports: missing or mistyped fields; duplicate ids (across all files checked);
an id or ``split`` that does not match its file; a ``length`` that differs from the task's "约N字";
fewer than 4 or more than 10 required facts; ``own_docs`` not within ``must_cite_doc``; every
``must_cite_doc`` that cannot be found under ../shared/{corpus,corpus-2026,corpus-scale}; every
required fact and every ``section`` heading that does not occur in one of the task's documents
(compared with all whitespace removed); and a document that bench/eval/drafting_split.json puts
on the other side of the split. .docx files are read with python-docx, .pdf with pypdf.
Exit status 0 when clean, 1 otherwise. Does not run the product.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DOC_DIRS = [SHARED / "corpus", SHARED / "corpus-2026", SHARED / "corpus-scale"]
EVAL = REPO / "bench" / "eval"
DEFAULT_FILES = [EVAL / "drafting_dev.jsonl", EVAL / "drafting_test.jsonl"]
SPLIT_FILE = EVAL / "drafting_split.json"
COUNTY = "2025_县教育局局长_述职述责述廉报告.txt"

FIELDS: dict[str, type] = {
    "id": str,
    "task": str,
    "length": int,
    "must_cite_doc": list,
    "required_facts": list,
    "own_docs": list,
    "section": list,
    "split": str,
    "type": str,
}
ID_PATTERN = {"dev": re.compile(r"^dw\d?-d\d{2}$"), "test": re.compile(r"^dw\d?-t\d{2}$")}  # dw2-…: the second set


def squash(text: str) -> str:
    """The text with all whitespace removed (PDF line breaks and spaces around figures vanish)."""
    return "".join(text.split())


def _find(name: str) -> Path | None:
    for folder in DOC_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


@cache
def doc_text(name: str) -> str | None:
    """Whitespace-free text of a shared document by file name, or None when it is not there."""
    path = _find(name)
    if path is None:
        return None
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    else:
        text = path.read_text(encoding="utf-8")
    return squash(text)


def _split_sides() -> dict[str, set[str]]:
    """Province names and file names the split file assigns to each side (county report excluded)."""
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    sides: dict[str, set[str]] = {}
    for side in ("dev", "test"):
        names = set(split[side]["provinces"])
        for entry in split[side]["laws_and_policies"] + split[side]["other_reports"]:
            names.add(entry.split(" ")[0])
        sides[side] = names
    return sides


def _side_of(doc: str, sides: dict[str, set[str]]) -> set[str]:
    found = set()
    for side, names in sides.items():
        for name in names:
            if doc == name or (not name.endswith((".txt", ".md", ".docx", ".pdf")) and f"_{name}_" in doc):
                found.add(side)
    return found


def check_row(row: dict, expected_split: str, sides: dict[str, set[str]]) -> list[str]:
    """Every problem of one task, as lines to print."""
    problems = []
    for field, kind in FIELDS.items():
        if field not in row:
            problems.append(f"missing field {field}")
        elif not isinstance(row[field], kind):
            problems.append(f"field {field} is {type(row[field]).__name__}, not {kind.__name__}")
    if problems:
        return problems
    if row["type"] != "draft":
        problems.append(f"type {row['type']!r}, not 'draft'")
    if row["split"] != expected_split:
        problems.append(f"split {row['split']!r} in the {expected_split} file")
    if not ID_PATTERN[expected_split].match(row["id"]):
        problems.append(f"id {row['id']!r} does not look like a {expected_split} id")
    asked = re.findall(r"约(\d+)字", row["task"])
    if [int(n) for n in asked] != [row["length"]]:
        problems.append(f"length {row['length']} but the task asks 约{'/'.join(asked) or '?'}字")
    if not 200 <= row["length"] <= 600:
        problems.append(f"length {row['length']} outside 200-600")
    if not 4 <= len(row["required_facts"]) <= 10:
        problems.append(f"{len(row['required_facts'])} required facts (want 4-10)")
    if len(set(row["required_facts"])) != len(row["required_facts"]):
        problems.append("a required fact is listed twice")
    for doc in row["own_docs"]:
        if doc not in row["must_cite_doc"]:
            problems.append(f"own_docs {doc} is not in must_cite_doc")
    texts = {}
    for doc in row["must_cite_doc"]:
        text = doc_text(doc)
        if text is None:
            problems.append(f"document not found: {doc}")
            continue
        texts[doc] = text
        found = _side_of(doc, sides)
        other = found - {expected_split}
        if doc != COUNTY and other and expected_split not in found:  # on both sides: split by chapter
            problems.append(f"document {doc} belongs to the {'/'.join(sorted(other))} side of the split")
    for fact in row["required_facts"]:
        if not any(squash(fact) in t for t in texts.values()):
            problems.append(f"fact not found: {fact}")
    for heading in row["section"]:
        if not any(squash(heading) in t for t in texts.values()):
            problems.append(f"section heading not found: {heading}")
    return problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or DEFAULT_FILES
    sides = _split_sides()
    seen: dict[str, str] = {}
    bad = 0
    for path in files:
        expected = "test" if "test" in path.name else "dev"
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for number, row in enumerate(rows, 1):
            where = f"{path.name}:{number} {row.get('id', '?')}"
            problems = check_row(row, expected, sides)
            if row.get("id") in seen:
                problems.append(f"duplicate id (also in {seen[row['id']]})")
            seen.setdefault(row.get("id", "?"), path.name)
            for problem in problems:
                print(f"{where}: {problem}")
            bad += bool(problems)
        print(f"{path.name}: {len(rows)} tasks")
    print("clean" if not bad else f"{bad} task(s) with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
