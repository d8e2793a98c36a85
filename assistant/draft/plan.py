"""A draft's plan: its parts (headings), the facts each part states, and how long each part is.

The headings are the request's layers (分A、B、C三层), else the named section's own items (一是…),
else one part a document when the request compares documents, else one part a key point when
the facts are a law's or a policy's articles on those points, else one paragraph. Each fact
goes to one part only; a fact stated twice (the same clause, or the same figure of the same
thing) is kept once, where it first occurs. When the facts are more than the length asked
for, the ones that fit the request least are left out (figures last); the length of each
part follows the facts it states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.draft.brief import Brief
from assistant.draft.documents import AUTHORITY, OWN
from assistant.draft.gather import Fact, Gathered
from assistant.draft.ground import pairs
from assistant.facts.numbers import find_numbers
from assistant.text.numerals import ENUMERATOR
from assistant.text.sentences import opens_with_subject

SAME_CLAUSE = 0.8  # share of a clause's character pairs another has for the two to be one fact
SAME_FIGURE_CLAUSE = 0.5  # … when they also state the same figure
FACT_SHARE = 1.15  # share of the length asked for that the facts themselves may fill (the draft is trimmed after)
LEAST_PART = 60  # characters a part is given at least


@dataclass(frozen=True)
class Part:
    heading: str  # "" for a draft of one paragraph
    facts: tuple[Fact, ...]
    length: int  # characters the part is to have


def plan_parts(brief: Brief, gathered: Gathered, length: int, own_voice: bool) -> list[Part]:
    """The parts of the draft with their facts, each fact once, within the length asked for."""
    facts = dedupe(list(gathered.facts))
    budget, by_item = int(length * FACT_SHARE), gathered.how == "section"
    if brief.outlined and any(f.layer >= 0 for f in facts):  # the writer's own outline: nothing else is asked
        facts = _fit_shared([[f for f in facts if f.layer == i] for i in range(len(brief.layers))], budget, by_item)
    else:
        facts = fit(facts, budget, by_item)
    groups = _group(brief, gathered, facts, own_voice)
    total = sum(_chars(group) for _, group in groups) or 1
    parts = []
    for heading, group in groups:
        share = max(LEAST_PART, round(length * _chars(group) / total))
        parts.append(Part(heading, tuple(group), share))
    return parts


def dedupe(facts: Sequence[Fact]) -> list[Fact]:
    """Each fact once: a clause repeating an earlier one, or stating the same figure of the same thing, goes."""
    kept: list[Fact] = []
    seen: list[_Said] = []
    for fact in facts:
        said = _Said(pairs(fact.text), pairs(_beside_figures(fact.text)), figure_keys(fact.text))
        if said.whole and any(said.repeats(earlier) for earlier in seen):
            continue
        kept.append(fact)
        seen.append(said)
    return kept


@dataclass(frozen=True)
class _Said:
    """What a clause says: its character pairs, those of the words its figures are said of, and its figures."""

    whole: set[str]
    beside: set[str]
    figures: set[str]

    def repeats(self, earlier: _Said) -> bool:
        """The same clause, or the same figure said of the same thing (most of the shorter one's words besides it)."""
        if (
            self.figures
            and earlier.figures
            and not (self.figures <= earlier.figures or earlier.figures <= self.figures)
        ):
            return False  # the same words of other figures: another year's, another place's ("就读3年、…4年", "…2年")
        if len(self.whole & earlier.whole) / len(self.whole) >= SAME_CLAUSE:
            return True
        shared = len(self.beside & earlier.beside)
        return bool(self.figures & earlier.figures) and shared / (min(len(self.beside), len(earlier.beside)) or 1) >= (
            SAME_FIGURE_CLAUSE
        )


def _beside_figures(text: str) -> str:
    """``text`` without its figures: what they are said of. Two short clauses share a figure's own digits ("教师占30%",
    "家长占30%"), which say nothing of whether they speak of the same thing."""
    for mention in reversed([m for m in find_numbers(text) if m.kind == "quantity"]):
        text = text[: mention.start] + text[mention.end :]
    return text


def figure_keys(text: str) -> set[str]:
    """The figures a text states, as value and unit ("3200个", "68%")."""
    return {f"{m.value:g}{m.unit}" for m in find_numbers(text) if m.kind == "quantity"}


def fit(facts: list[Fact], budget: int, by_item: bool = False) -> list[Fact]:
    """The facts within ``budget`` characters, sentence by sentence of the documents: the sentences
    fitting the request least go first, those stating a figure last (a clause is not left alone). The
    last sentence of a key point, a layer, a law's article (the request asked for it: 关于…的条款) or
    (``by_item``: the section's items are the outline) an item stays; if that is still too long, such a
    sentence keeps only its clauses answering a key point."""
    if _chars(facts) <= budget:
        return facts
    sentences: dict[tuple[str, int], list[int]] = {}
    for i, fact in enumerate(facts):
        sentences.setdefault((fact.source.name, fact.sentence), []).append(i)

    def answers(members: list[int]) -> set[tuple[str, object]]:
        return set().union(*(_answers(facts[i], by_item) for i in members))

    left: dict[tuple[str, object], int] = {}
    for members in sentences.values():
        for key in answers(members):
            left[key] = left.get(key, 0) + 1
    dropped: set[int] = set()
    total = _chars(facts)
    for members in sorted(sentences.values(), key=lambda members: _worth(facts, members)):
        if total <= budget:
            break
        if any(left[key] <= 1 for key in answers(members)):
            continue  # the last sentence of a key point, a layer or an item stays
        for key in answers(members):
            left[key] -= 1
        dropped.update(members)
        total -= sum(len(facts[i].text) + 1 for i in members)
    for i in _spare_clauses(facts, [m for m in sentences.values() if not dropped.issuperset(m)], by_item):
        if total <= budget:
            break
        dropped.add(i)
        total -= len(facts[i].text) + 1
    return [f for i, f in enumerate(facts) if i not in dropped]


def _fit_shared(layers: list[list[Fact]], budget: int, by_item: bool) -> list[Fact]:
    """The facts of each layer within an equal share of ``budget``, what a short layer leaves over shared by the
    rest: each item the writer numbered gets its say (fitted as one list, the last layer's sentences, later in the
    document, went first and it kept one sentence)."""
    shares = {}
    left, waiting = budget, sorted(range(len(layers)), key=lambda i: _chars(layers[i]))
    for done, i in enumerate(waiting):
        shares[i] = min(_chars(layers[i]), left // (len(waiting) - done))
        left -= shares[i]
    return [f for i, layer in enumerate(layers) for f in fit(layer, shares[i], by_item)]


def _worth(facts: list[Fact], members: list[int]) -> tuple[float, int]:
    """How well a sentence (its clauses ``members``) fits the request, a figure counting for more; the later first."""
    best = max(facts[i].score for i in members)
    return best + (0.5 if any(figure_keys(facts[i].text) for i in members) else 0.0), -members[0]


def _answers(fact: Fact, by_item: bool) -> set[tuple[str, object]]:
    """What a fact stands for in the outline: its key point, its article, its layer, its item."""
    found: set[tuple[str, object]] = set()
    found |= {("point", fact.point)} if fact.point >= 0 and not fact.article else set()
    found |= {("article", (fact.source.name, fact.item))} if fact.article else set()
    found |= {("layer", fact.layer)} if fact.layer >= 0 else set()
    found |= {("item", fact.item)} if fact.item and by_item else set()
    return found


def _spare_clauses(facts: list[Fact], sentences: list[list[int]], by_item: bool) -> list[int]:
    """The clauses a sentence kept for a key point can do without, the least fitting first: those answering
    nothing its key point's clauses do not ("老城区主干道完成改造，…，地铁运营里程达到120公里" kept for 地铁运营里程),
    unless the clause after it goes on from it ("…城乡居民收入分别达5万元、2万元，增长5%、6%")."""
    spare = []
    for members in sentences:
        asked = [i for i in members if facts[i].point >= 0]
        stands_for = set().union(*(_answers(facts[i], by_item) for i in asked))
        for i in members:
            follows = i + 1 in members and not opens_with_subject(facts[i + 1].text)
            if asked and i not in asked and _answers(facts[i], by_item) <= stands_for and not follows:
                spare.append(i)
    return sorted(spare, key=lambda i: _worth(facts, [i]))


def _group(brief: Brief, gathered: Gathered, facts: list[Fact], own_voice: bool) -> list[tuple[str, list[Fact]]]:
    """Facts by heading, in the order of the outline; the facts of no heading join the one they fit best."""
    cited = [f for f in facts if f.source.voice == AUTHORITY] if own_voice else []
    body = [f for f in facts if f not in cited]
    if brief.layers and any(f.layer >= 0 for f in body):
        groups = [(layer, [f for f in body if f.layer == i]) for i, layer in enumerate(brief.layers)]
        loose = [f for f in body if f.layer < 0]
    elif len(gathered.items) >= 2 and gathered.how == "section":
        groups = [(_label(item), [f for f in body if f.item == item]) for item in gathered.items]
        loose = [f for f in body if f.item not in gathered.items]
    elif brief.compare and len({f.source.name for f in body}) >= 2:
        names = list(dict.fromkeys(f.source.name for f in body))
        groups = [
            (next(f.source.label for f in body if f.source.name == n), [f for f in body if f.source.name == n])
            for n in names
        ]
        loose = []
    elif len(brief.points) >= 2 and body and all(f.source.voice == AUTHORITY for f in body):
        groups = [(point, [f for f in body if f.point == i]) for i, point in enumerate(brief.points)]
        loose = [f for f in body if not 0 <= f.point < len(brief.points)]
    else:
        groups, loose = [("", body)], []
    groups = [(h, g) for h, g in groups if g] or [("", [])]
    for fact in loose + cited:
        best = max(range(len(groups)), key=lambda i: (_overlap(fact, groups[i][1]), i))
        groups[best][1].append(fact)
    return [
        (h, sorted(g, key=lambda f: (f.source.voice != OWN if own_voice else False, _order(f, facts))))
        for h, g in groups
    ]


def _order(fact: Fact, facts: list[Fact]) -> int:
    return facts.index(fact)


def _overlap(fact: Fact, group: list[Fact]) -> float:
    own = pairs(fact.text)
    return len(own & set().union(*(pairs(f.text) for f in group))) / (len(own) or 1) if group else 0.0


def _label(item: str) -> str:
    """ "一是巩固“双减”成效" → "巩固“双减”成效" (the draft numbers its own parts)."""
    return ENUMERATOR.sub("", item)


def _chars(facts: Sequence[Fact]) -> int:
    return sum(len(f.text) + 1 for f in facts)
