"""The rules of official writing as data: the TOML files of ``rules/``, and applying them.

Each file names its source standard and holds ``[[rule]]`` tables (a pattern, the fix,
a message in Chinese and examples that must and must not be flagged). A writer extends
them by adding a file to ``settings.check_rules_dir``; a rule there with a built-in id
replaces the built-in one. Checks that a pattern cannot express (paired punctuation,
the sequence of 层次序号) read their data from the same files.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.check.report import Finding
from assistant.errors import RuleFileError

RULES = Path(__file__).with_name("rules")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    pattern: re.Pattern[str]
    replace: str
    message: str
    source: str  # the standard or list the rule comes from (its file's ``source``)
    translate: dict[int, int | None] = field(default_factory=dict)
    wrong: tuple[str, ...] = ()
    right: tuple[str, ...] = ()

    def suggestion(self, match: re.Match[str]) -> str:
        return match.expand(self.replace).translate(self.translate)


@dataclass(frozen=True)
class RuleBook:
    """Every rule, and the pairs of punctuation that must match."""

    rules: tuple[Rule, ...]
    pairs: tuple[tuple[str, str], ...]
    data: dict[str, dict]  # each file's other settings by stem (numbering.toml's level names …)


def load_rules(extra: Path | None = None) -> RuleBook:
    """The built-in rules, and those of ``extra`` (a folder of .toml files) when given."""
    return _load(tuple(sorted(RULES.glob("*.toml"))) + (tuple(sorted(extra.glob("*.toml"))) if extra else ()))


@lru_cache(maxsize=8)
def _load(files: tuple[Path, ...]) -> RuleBook:
    rules: dict[str, Rule] = {}
    pairs: list[tuple[str, str]] = []
    data: dict[str, dict] = {}
    for path in files:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            kind, source = table.get("kind", path.stem), table.get("source", "")
            for entry in table.get("rule", []):
                rule = _rule(entry, kind, source)
                rules[rule.id] = rule
        except (OSError, tomllib.TOMLDecodeError, re.error, KeyError, TypeError) as error:
            raise RuleFileError(f"核稿规则文件 {path.name} 有误：{error} (bad rule file)") from error
        pairs += [tuple(pair) for pair in table.get("pairs", [])]
        data[path.stem] = {key: value for key, value in table.items() if key not in ("rule", "pairs")}
    return RuleBook(tuple(rules.values()), tuple(dict.fromkeys(pairs)), data)


def _rule(entry: dict, kind: str, source: str) -> Rule:
    translate = entry.get("translate", {})
    table = str.maketrans(translate.get("from", ""), translate.get("to", ""), translate.get("delete", ""))
    return Rule(
        entry["id"],
        kind,
        re.compile(entry["pattern"]),
        entry.get("replace", ""),
        entry["message"],
        source,
        table,
        tuple(entry.get("wrong", ())),
        tuple(entry.get("right", ())),
    )


def apply_rules(text: str, rules: Iterable[Rule]) -> list[Finding]:
    """Every match of every rule, with the rule's fix of the matched text."""
    return [
        Finding(rule.id, rule.kind, m.start(), m.end(), m.group(), rule.message, rule.suggestion(m))
        for rule in rules
        for m in rule.pattern.finditer(text)
        if m.end() > m.start()
    ]


def unpaired(text: str, pairs: Iterable[tuple[str, str]], kind: str) -> list[Finding]:
    """Opening or closing quotes, 书名号 and brackets without their partner in the same paragraph."""
    pairs = tuple(pairs)
    closing = {close: open_ for open_, close in pairs}
    opening = {open_: close for open_, close in pairs}
    findings = []
    start = 0
    for paragraph in text.split("\n"):
        stack: list[tuple[str, int]] = []
        for offset, char in enumerate(paragraph):
            if char in opening:
                stack.append((char, start + offset))
            elif char in closing:
                if stack and stack[-1][0] == closing[char]:
                    stack.pop()
                else:
                    findings.append(
                        Finding(
                            "punctuation.unpaired",
                            kind,
                            start + offset,
                            start + offset + 1,
                            char,
                            f"“{char}”缺少与之配对的“{closing[char]}”",
                            "",
                        )
                    )
        findings += [
            Finding("punctuation.unpaired", kind, at, at + 1, char, f"“{char}”缺少与之配对的“{opening[char]}”", "")
            for char, at in stack
        ]
        start += len(paragraph) + 1
    return findings
