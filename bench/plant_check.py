"""Write the generated cases of bench/eval/check_planted.jsonl: lists of the corpus re-punctuated and
万/亿 figures written out in full digits, chosen by a fixed procedure rather than by hand.

Usage: python bench/plant_check.py [--corpus DIR ...]   (default ../shared/corpus)

Each document of the corpus, in name order, gives at most ``PER_DOCUMENT`` cases of each kind,
the first ones in text order, up to ``PER_KIND`` cases a kind; each case is one draft (the title
line and the paragraph) with one planted problem:

- ``list_comma``: a run of three or more items joined by 、 (items of up to 12 characters, not
  only numerals), its 顿号 replaced by commas. Wider than the rule's list (any length up to 12,
  with or without a closing 等), so the benchmark measures what the rule misses.
- ``number_mix``: a sentence with two or more quantities written with 万/亿, of one unit and
  with 、，； between them; the smallest is written out in full digits ("1.2万人" → "12000人").
  The rule's further conditions (one order of size, not one figure restated) are not applied.

Cases written by hand keep their lines; the generated ones (ids ``gen-``) are replaced.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from common import REPO, parser

PLANTED = REPO / "bench" / "eval" / "check_planted.jsonl"
PER_DOCUMENT, PER_KIND = 2, 12
_ITEM = r"[\u4e00-\u9fff“”《》]{1,12}"
_LIST = re.compile(rf"{_ITEM}(?:、{_ITEM}){{2,}}")
_WITH_MAGNITUDE = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)")
_SEPARATORS = "、，；"


def list_cases(name: str, lines: list[str]) -> list[dict]:
    from assistant.text.numerals import ITEM_NUMERALS

    cases = []
    for line in lines[1:]:
        for match in _LIST.finditer(line):
            items = match.group().split("、")
            if any(set(item) <= set(ITEM_NUMERALS) for item in items):
                continue  # 一、二、 are markers, not items
            run = match.group()
            commas = run.replace("、", "，")
            first, last = run.index("、"), run.rindex("、")
            cases.append(_case(name, line, "list_comma", run, commas, commas[first : last + 1]))
            break
        if len(cases) == PER_DOCUMENT:
            break
    return cases


def mix_cases(name: str, lines: list[str]) -> list[dict]:
    from assistant.facts.numbers import find_numbers, unit_class
    from assistant.text.sentences import STOPS, sentence_pattern

    cases = []
    for line in lines[1:]:
        for sentence in sentence_pattern(STOPS).finditer(line):
            text = sentence.group()
            written = [
                m
                for m in find_numbers(text)
                if m.kind == "quantity" and m.unit and m.unit != "%" and _WITH_MAGNITUDE.match(m.core)
            ]
            for mention in sorted(written, key=lambda m: m.value):
                listed = [
                    o
                    for o in written
                    if o is not mention
                    and unit_class(o.unit) == unit_class(mention.unit)
                    and any(s in text[min(o.end, mention.end) : max(o.start, mention.start)] for s in _SEPARATORS)
                ]
                number = _WITH_MAGNITUDE.match(mention.core)
                assert number is not None
                value = Decimal(number.group(1)) * {"万": 10**4, "亿": 10**8, "万亿": 10**12}[number.group(2)]
                if not listed or value != value.to_integral():
                    continue
                digits = str(int(value)) + mention.core[number.end() :]
                before = text[max(0, mention.core_start - 12) : mention.core_start]
                cases.append(_case(name, line, "number_mix", before + mention.core, before + digits, digits))
                break
            if cases and cases[-1]["anchors"] == [_anchor(line)]:
                break
        if len(cases) == PER_DOCUMENT:
            break
    return cases


def _anchor(line: str) -> str:
    return line.strip()[:20]


def _case(name: str, line: str, kind: str, find: str, replace: str, planted: str) -> dict:
    return {
        "doc": name,
        "anchors": [_anchor(line)],
        "edits": [{"kind": kind, "find": find, "replace": replace, "planted": planted}],
    }


def main() -> None:
    args = parser(__doc__).parse_args()
    from assistant.ingest import iter_files, load_document
    from assistant.settings import Settings

    settings = Settings()
    texts = {path.name: load_document(path, settings).text for path in iter_files(args.corpus)}
    generated = []
    for kind, make in (("list", list_cases), ("mix", mix_cases)):
        cases = [case for name in sorted(texts) for case in make(name, texts[name].split("\n"))][:PER_KIND]
        generated += [{"id": f"gen-{kind}-{n}", **case} for n, case in enumerate(cases, 1)]
    kept = [
        line
        for line in PLANTED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not json.loads(line)["id"].startswith("gen-")
    ]
    rows = kept + [json.dumps(case, ensure_ascii=False) for case in generated]
    PLANTED.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(generated)} generated cases → {PLANTED}")


if __name__ == "__main__":
    main()
