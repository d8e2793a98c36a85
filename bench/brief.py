"""Briefs of the 2026 provincial reports against their 2025 counterparts: time, changes, figures in passages.

Usage: python bench/brief.py [--pairs 天津市 湖北省 ...] [--llm] [--results NAME]
For each 2026 report in ../shared/corpus-2026 with a 2025 counterpart in ../shared/corpus-scale
(default: the places of bench/eval/brief_changes.jsonl), builds the brief of the 2026 report
against the 2025 one from the chunks the indexer would store (loaded and split outside the timed
region; indexing 44 reports takes a quarter of an hour on this machine, and a brief reads only
stored chunks). Checks, independently of the product's own flags:

* every figure of the brief (headline figures and both sides of every change) occurs in the text
  of the passage it cites (``figure_in_text`` on the chunk text);
* the changes against bench/eval/brief_changes.jsonl, written by hand from the documents' text
  (indicator, both values, both sources with a quote): recall = sampled changes found with both
  values right; precision = of the changes found for a sampled indicator, the share with both
  values right.

With ``--llm`` the local model (``ASSISTANT_LLM_MODEL``, default qwen2.5-1.5b) also writes each
brief's overview (``brief --mode llm``, the worker started outside the timed region), and the
overview is checked independently as well: every figure kept must occur in the passage it cites;
the sentences kept and dropped (a figure not in the cited passages) are counted.
Writes bench/results/brief.json (``--llm``: brief-llm.json).
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from common import REPO, SHARED, header, read_rows, write_result

SAMPLE = REPO / "bench" / "eval" / "brief_changes.jsonl"


def _source(path: Path, settings):
    from assistant.brief import Source
    from assistant.ingest.load import load_document
    from assistant.ingest.split import split_document

    document = load_document(path, settings)
    return Source(document.name, document.title, document.meta, tuple(split_document(document, settings.chunk_size)))


def _matches(found, wanted: dict) -> bool:
    from assistant.brief.changes import indicator_key

    role = "target" if found.indicator.startswith("预期目标：") else "review"
    name = found.indicator.removeprefix("预期目标：")
    return role == wanted["role"] and indicator_key(name) == indicator_key(wanted["indicator"])


def _right(found, wanted: dict) -> bool:
    from assistant.facts.numbers import same_figure

    return (
        found.previous.doc == wanted["previous"]["doc"]
        and found.current.doc == wanted["current"]["doc"]
        and same_figure(found.previous.value, wanted["previous"]["value"])
        and same_figure(found.current.value, wanted["current"]["value"])
    )


def word_figures_outside(docx: Path, passages: dict[int, str]) -> tuple[int, list[str]]:
    """Read the exported Word file as a reader would: in each paragraph before 附件, the text up to a
    ``[n]`` marker, or a run of them, (from the previous marker on) is checked against the passages
    cited there, every number in it.
    Text after a line's last marker (a change worked out as ``变化 +5%``) cites nothing and is not
    counted. Returns (figures checked, those not in their cited passage)."""
    from docx import Document

    from assistant.facts.numbers import figure_in_text, find_numbers
    from assistant.text.markers import MARKER, cited_numbers

    checked, outside = 0, []
    for paragraph in Document(str(docx)).paragraphs:
        text = paragraph.text.strip()
        if text.startswith("附件"):
            break
        text = re.sub(r"^\d+\.\s*", "", text)  # the list's own "1. "
        at = 0
        for marker in re.finditer(f"(?:{MARKER.pattern})+", text):  # "[4][2]": both passages
            cited = [passages[n] for n in cited_numbers(marker.group(0)) if n in passages]
            for number in find_numbers(text[at : marker.start()]):
                checked += 1
                if not any(figure_in_text(number.text, passage) for passage in cited):
                    outside.append(f"{number.text} {marker.group(0)}")
            at = marker.end()
    return checked, outside


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", nargs="*", help="Places to brief (default: those of the hand-written sample).")
    parser.add_argument("--llm", action="store_true", help="Also write and check each brief's LLM overview.")
    parser.add_argument("--results", help="Results file name under bench/results (default: brief, brief-llm).")
    args = parser.parse_args()
    from assistant.answer.bind import Binder
    from assistant.brief import brief_document
    from assistant.brief.export import export_brief
    from assistant.brief.overview import write_overview
    from assistant.facts.extract import extract_figures
    from assistant.facts.numbers import figure_in_text
    from assistant.index.embed import get_embedder
    from assistant.llm.backends import get_backend
    from assistant.settings import Settings
    from assistant.text.sentences import CITED_SENTENCE

    settings = Settings()
    extract_figures("预热：增长5%。")  # jieba's tagger loads once per process, outside the timed region
    backend = binder = None
    if args.llm:  # the worker and the embedder start outside the timed region
        backend, binder = get_backend(settings), Binder(get_embedder(settings))
        "".join(backend.stream([{"role": "user", "content": "你好"}], max_tokens=1))
    sample = read_rows([SAMPLE])
    places = args.pairs or list(dict.fromkeys(row["place"] for row in sample))
    result = {**header(), "pairs": [], "sample": str(SAMPLE.relative_to(REPO))}
    hits = wanted_total = found_sampled = found_right = 0
    unsupported: list[str] = []
    word_total, unsupported_in_word = 0, []
    for place in places:
        current_path = SHARED / "corpus-2026" / f"2026_{place}_政府工作报告.txt"
        previous_path = SHARED / "corpus-scale" / f"2025_{place}_政府工作报告.docx"
        if not (current_path.is_file() and previous_path.is_file()):
            continue
        current, previous = _source(current_path, settings), _source(previous_path, settings)
        started = time.perf_counter()
        brief = brief_document(current, previous)
        seconds = time.perf_counter() - started
        overview: dict = {}
        if backend is not None:
            started = time.perf_counter()
            brief = write_overview(brief, backend, settings, binder)
            overview = {
                "overview_seconds": round(time.perf_counter() - started, 1),
                "overview": brief.overview,
                "overview_kept": len([s for s in CITED_SENTENCE.findall(brief.overview) if s.strip()]),
                "overview_dropped": list(brief.overview_dropped),
                "overview_figures": len(brief.overview_figures),
            }
        passages = {c.n: c.chunk.text for c in brief.citations}
        stated = [(f.value, f.citation) for f in brief.figures]
        stated += [(side.value, side.citation) for c in brief.changes for side in (c.previous, c.current)]
        stated += [(f.text, f.citation) for f in brief.overview_figures]
        unsupported += [f"{place}: {value} [{n}]" for value, n in stated if not figure_in_text(value, passages[n])]
        with tempfile.TemporaryDirectory() as folder:
            docx = export_brief(brief, Path(folder) / "brief.docx")
            word_checked, word_outside = word_figures_outside(docx, passages)
        word_total += word_checked
        unsupported_in_word += [f"{place}: {figure}" for figure in word_outside]
        rows = [row for row in sample if row["place"] == place]
        found_here = [c for c in brief.changes if any(_matches(c, row) for row in rows)]
        right_here = [c for c in found_here if any(_matches(c, row) and _right(c, row) for row in rows)]
        recalled = [row for row in rows if any(_matches(c, row) and _right(c, row) for c in brief.changes)]
        hits += len(recalled)
        wanted_total += len(rows)
        found_sampled += len(found_here)
        found_right += len(right_here)
        result["pairs"].append(
            {
                "place": place,
                "seconds": round(seconds, 3),
                "figures": len(brief.figures),
                "sections": len(brief.sections),
                "changes": len(brief.changes),
                "sample": len(rows),
                "recalled": len(recalled),
                "missed": [
                    row["indicator"] + ("（目标）" if row["role"] == "target" else "")
                    for row in rows
                    if row not in recalled
                ],
                "wrong": [
                    f"{c.indicator}: {c.previous.value} → {c.current.value}" for c in found_here if c not in right_here
                ],
                **overview,
            }
        )
    result["recall"] = round(hits / wanted_total, 3) if wanted_total else None
    result["precision"] = round(found_right / found_sampled, 3) if found_sampled else None
    result["figures_not_in_cited_passage"] = unsupported
    result["word_figures_checked"] = word_total
    result["word_figures_not_in_cited_passage"] = unsupported_in_word
    result["brief_seconds_without_llm"] = round(max((p["seconds"] for p in result["pairs"]), default=0.0), 3)
    result["brief_seconds_with_llm"] = (
        round(max(p["seconds"] + p["overview_seconds"] for p in result["pairs"]), 1) if args.llm else None
    )
    if args.llm:
        result["llm"] = getattr(backend, "name", "")
        result["overview_sentences_kept"] = sum(p["overview_kept"] for p in result["pairs"])
        result["overview_sentences_dropped"] = sum(len(p["overview_dropped"]) for p in result["pairs"])
    out = write_result(args.results or ("brief-llm" if args.llm else "brief"), result)
    print(
        f"recall {result['recall']} · precision {result['precision']} · "
        f"unsupported figures {len(unsupported)} · Word: {len(unsupported_in_word)} of {word_total} "
        f"figures outside their passage · → {out}"
    )
    return result


if __name__ == "__main__":
    main()
