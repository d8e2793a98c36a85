"""Putting a drafted paragraph right against the facts it was written from.

A small model paraphrases: "集中学习了15次" for the document's "集中学习15次", and it leaves facts
out. So each clause the model wrote that restates a fact nearly word for word becomes the
fact's own words (the figures, names and terms as the document has them); a fact the
paragraph does not state is added, cited, after the sentence stating the fact before it;
across the draft each fact is stated once (a later clause repeating a clause or a figure
already stated goes); and the draft is brought within the length asked for by leaving out
the facts that fit the request least, or by adding the facts beside the chosen ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.draft.gather import Fact
from assistant.draft.ground import Quote, pairs
from assistant.draft.plan import figure_keys
from assistant.draft.prose import official, visible_length
from assistant.facts.numbers import find_numbers
from assistant.text.markers import ONE_MARKER, cited_numbers
from assistant.text.numerals import ITEM_OPENING
from assistant.text.sentences import COMMA_CLAUSE, DRAFT_PIECE, DRAFT_SENTENCE, DRAFT_TAIL
from assistant.text.terms import QUOTED_NAME
from assistant.types import Citation

Figure = tuple[str, str]  # a stated figure: value and unit ("5%"), and its qualifier ("左右", "以上" or "")

SNAP = 0.6  # share of a fact's character pairs for a written clause to be that fact …
SNAP_CLAUSE = 0.5  # … and of the clause's own (it may add "我们坚持")
SNAP_WORDS = 4  # the fewest character pairs of a fact's words (figures cut) for a figureless clause to be it
LOOSE = 0.6  # share of a figureless fact's pairs a sentence with its quoted names must have to state it
REPEAT = 0.6  # share of a clause's pairs an earlier clause has for it to repeat it (a new figure never does)
REPEAT_WITH_FIGURE = 0.4  # … when it also states the same figure
TOO_LONG, TOO_SHORT = 1.15, 0.85  # the length kept: within ±15% of the length asked for
AIM_LONG, AIM_SHORT = 1.08, 0.92
FRAMING = 0.15  # facts scored below this are a section's opening words: they open a paragraph
_MARKERS = re.compile(rf"(?:{ONE_MARKER.pattern})+")
# what a written clause may open with that is not the fact's: an article, a connective, an item
_KEEP_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|同时|此外|并且?|还)?(?:(?:《[^》]+》)?第[一二三四五六七八九十百零〇两\d]+条(?:规定|明确|要求)?[：:，,]?)?"
)
_WORD = re.compile(r"[\u3400-\u9fff\w.%％]")
_MEASURE_NAME = re.compile(r"“[^“”]{2,30}”")  # a measure's or programme's name: 推行“作业清单制”
RENAME_REST = 8  # characters besides its names a clause may hold ("我们通过实施") and still only re-name them
# what is left of a sentence whose statements all repeat earlier ones may be its connective alone ("同时[3]。")
_CONNECTIVE = re.compile(r"(?:同时|此外|另外|并且|其次|再次|最后|首先|然后|还|并|也)?")
# the items of a list a clause announces: "包括新增学前普惠学位、实现特殊教育学校全覆盖以及银龄行动成效等"
_LIST_BREAK = re.compile(r"、|以及|及|和|与")
_ITEM_END = re.compile(r"(?:等|方面|工作|领域)+$")
PREVIEW_ITEM = 4  # characters of an announced item the draft must state later (2-character items never count)
OWN_WORDS = 0.8  # share of a clause's pairs a quote holds for the clause to be the documents' words


@dataclass(frozen=True)
class Group:
    """Facts of one sentence of a document, as one quote: "c1，c2。" citing passage ``n``."""

    facts: tuple[Fact, ...]
    n: int

    @property
    def quote(self) -> Quote:
        return Quote(self.line(self.facts).removesuffix(f"[{self.n}]。") + "。", self.n)

    def line(self, facts: Sequence[Fact]) -> str:
        """Facts of the group as a cited sentence; a law's article leads ("第十二条规定，…")."""
        article = self.facts[0].article
        lead = f"{article}规定，" if article else ""
        return lead + "，".join(f.text for f in facts) + f"[{self.n}]。"


def groups_of(facts: Sequence[Fact], numbers: dict[str, int]) -> list[Group]:
    """Consecutive facts of the same sentence of the same document, grouped."""
    groups: list[list[Fact]] = []
    for fact in facts:
        last = groups[-1][-1] if groups else None
        if last and last.source.name == fact.source.name and last.sentence == fact.sentence:
            groups[-1].append(fact)
        else:
            groups.append([fact])
    return [Group(tuple(g), numbers[g[0].chunk.id]) for g in groups]


def key(text: str) -> str:
    """Text compared as words and figures only: punctuation width and spaces do not matter."""
    return "".join(_WORD.findall(official(_MARKERS.sub("", text))))


def states(text: str, fact: Fact) -> bool:
    """Whether the text states the fact: in its words, or, for a fact without figures, with its quoted
    names and most of its words in one sentence ("落实“书香校园”" in "我们把“书香校园”作为读书工程的抓手")."""
    if key(fact.text) in key(text):
        return True
    if figure_keys(fact.text):
        return False
    names = QUOTED_NAME.findall(fact.text)
    wanted = pairs(fact.text)
    return (
        bool(names)
        and all(n in text for n in names)
        and any(len(wanted & pairs(s)) >= LOOSE * len(wanted) for s in DRAFT_SENTENCE.findall(text) if s.strip())
    )


def snap(text: str, facts: Sequence[Fact]) -> str:
    """Each written clause that restates a fact nearly word for word, in the fact's own words; also one that
    says a fact's words without its figures ("门诊预约就诊率高" for "门诊预约就诊率…分别达86.5%、92.1%"): a
    small model drops figures it finds hard to copy, and the figures are what the writer needs; and one that
    states a part of a fact the text does not state otherwise (``_whole_of``)."""
    wanted = [_Wanted.of(f) for f in facts]
    out = []
    for sentence in DRAFT_SENTENCE.findall(text):
        written: list[str] = []
        for clause in COMMA_CLAUSE.findall(sentence):
            snapped = _snap_clause(clause, wanted)
            if snapped == clause:
                snapped, instead_of_before = _whole_of(clause, written[-1] if written else "", sentence, text, wanted)
                if instead_of_before:
                    written[-1] = _clause_parts(written[-1])[0]
            written.append(snapped)
        out.extend(written)
    return "".join(out)


@dataclass(frozen=True)
class _Wanted:
    """A fact as a written clause is weighed against it, read once a paragraph: its character pairs, its figures
    (with their qualifiers, and as value and unit alone) and the pairs of its words without them."""

    fact: Fact
    pairs: set[str]
    figures: set[Figure]
    values: set[str]
    words: set[str]

    @classmethod
    def of(cls, fact: Fact) -> _Wanted:
        fact_pairs, figures = _said(fact.text)
        return cls(fact, fact_pairs, figures, {v for v, _ in figures}, _word_pairs(fact.text))


def _split_tail(text: str) -> tuple[str, str]:
    """(words, tail): the tail is the closing marks and citations, "" when there are none."""
    end = DRAFT_TAIL.search(text)
    at = end.start() if end else len(text)
    return text[:at], text[at:]


def _clause_parts(clause: str) -> tuple[str, str, str]:
    """(lead, words, tail) of a written clause: the lead it may open with that is not a fact's
    (``_KEEP_LEAD``), its words, and its closing marks and citations with the comma after it."""
    body = clause.rstrip("，,")
    core, tail = _split_tail(body)
    lead = _KEEP_LEAD.match(core)
    kept, rest = (lead.group(0), core[lead.end() :]) if lead else ("", core)
    return kept, rest, tail + clause[len(body) :]


def _as_fact(clause: str, fact: Fact) -> str:
    """The clause with the fact's words for its own, its lead ("二是") and closing marks kept."""
    kept, _, tail = _clause_parts(clause)
    return ("" if fact.text.startswith(kept) else kept) + fact.text + tail


def _snap_clause(clause: str, wanted: Sequence[_Wanted]) -> str:
    _, rest, _ = _clause_parts(clause)
    own, figures = pairs(rest), figure_keys(rest)

    def restates(fact_pairs: set[str]) -> bool:
        shared = len(own & fact_pairs)
        return bool(own and fact_pairs) and shared >= SNAP * len(fact_pairs) and shared >= SNAP_CLAUSE * len(own)

    best = max(wanted, key=lambda w: len(own & w.pairs), default=None)
    if not (best and restates(best.pairs) and not _misplaced(figures - best.values, own, best, wanted)):
        # a clause with no figure saying a figure's fact in its words: the fact, figures and all
        bare = [w for w in wanted if w.values and len(w.words) >= SNAP_WORDS] if not figures else []
        best = max(bare, key=lambda w: len(own & w.words) / len(w.words), default=None)
        if not (best and restates(best.words)):
            return clause
    return _as_fact(clause, best.fact)


def _misplaced(extra: set[str], own: set[str], best: _Wanted, wanted: Sequence[_Wanted]) -> set[str]:
    """The figures of ``extra`` that no other fact of the paragraph accounts for. A clause stating one fact with a
    figure of another whose words it does not hold ("林地面积连续4年净增加36万亩" for "林地面积连续4年净增加" and
    "新建防护林带36万亩") has merged the two and tied the figure to the wrong measure: it is the first fact, and the
    other is added whole after the sentence. Any other figure is the model's own, and the clause stays."""
    return {
        value
        for value in extra
        if not any(w is not best and value in w.values and len(own & w.words) < SNAP * len(w.words) for w in wanted)
    }


def _whole_of(clause: str, before: str, sentence: str, text: str, wanted: Sequence[_Wanted]) -> tuple[str, bool]:
    """(the clause, whether it replaces the clause before it): a clause stating a part of a fact ("惠及549万人" of
    "连续3年提高城乡居民基础养老金、惠及549万人") becomes the whole fact, where the text states neither the fact nor
    another of its figures. A small model ties a figure to the wrong measure or drops the measure, and the fact,
    added whole after the sentence, would then say the figure twice. Where the clause before it holds most of the
    fact's other words, and no figure, the model wrote the fact over two clauses ("提高城乡居民基础养老金，惠及549万
    人"): the fact replaces both. Where the sentence holds them elsewhere, the clause stays."""
    _, rest, _ = _clause_parts(clause)
    own, figures = part = _said(rest)
    if not figures:
        return clause, False
    values = {v for v, _ in figures}
    elsewhere = figure_keys(text.replace(clause, "", 1))
    fitting = [
        w
        for w in wanted
        if _part_of(part, (w.pairs, w.figures)) and not states(text, w.fact) and not (w.values - values) & elsewhere
    ]
    best = max(fitting, key=lambda w: len(own & w.pairs), default=None)
    if best is None:
        return clause, False
    other_words = best.pairs - own

    def holds(words: str) -> bool:
        return len(other_words & pairs(words)) >= SNAP * len(other_words)

    if not holds(sentence.replace(clause, "", 1)):
        return _as_fact(clause, best.fact), False
    if before and not figure_keys(before) and holds(_clause_parts(before)[1]):
        return _as_fact(clause, best.fact), True
    return clause, False


def _word_pairs(text: str) -> set[str]:
    """The character pairs of a text's words, its figures (with their qualifiers: 超过, 分别达) left out."""
    for number in sorted(find_numbers(text), key=lambda m: -m.start):
        if number.kind == "quantity":
            text = f"{text[: number.start]}、{text[number.end :]}"
    return set().union(*(pairs(piece) for piece in re.split(r"[、，,；;]", text)))


def splice(text: str, groups: Sequence[Group]) -> tuple[str, int]:
    """The paragraph with every group's unstated facts added after the sentence stating the group before."""
    sentences = [s for s in DRAFT_SENTENCE.findall(text) if s]
    added = 0
    for group in groups:  # a law's article is named where its first words are stated: "第三十条规定，…"
        article = group.facts[0].article
        if article and not any(article in s for s in sentences):
            at = next((i for i, s in enumerate(sentences) if states(s, group.facts[0])), None)
            if at is not None:
                sentences[at] = _with_article(sentences[at], article)
    for index, group in enumerate(groups):
        missing = [f for f in group.facts if not states("".join(sentences), f)]
        if not missing:
            continue
        line = group.line(missing)
        at = 0
        for position, sentence in enumerate(sentences):
            if any(states(sentence, f) for g in groups[: index + 1] for f in g.facts):
                at = position + 1
        sentences.insert(at, line)
        added += len(missing)
    return "".join(sentences), added


def _with_article(sentence: str, article: str) -> str:
    """ "我们教师应当取得…" → "第三十条规定，教师应当取得…" (the numbering of a part stays in front)."""
    numbered = ITEM_OPENING.match(sentence)
    lead = numbered.group(0) if numbered else ""
    rest = re.sub(r"^(?:我们|我局|我县|我)?(?:规定|提出|要求)?[，,：:]?", "", sentence[len(lead) :])
    return f"{lead}{article}规定，{rest}"


def once(text: str, stated: list[tuple[set[str], set[Figure]]], known: set[str] | None = None) -> tuple[str, int]:
    """The text without clauses repeating one stated before (here or in ``stated``, which grows).

    A figure outside ``known`` (the figures of the material the clause was written from) does not make a
    clause new: "占比从60%提升至76.4%" after "占比提升至76.4%" restates it with a figure the model made up."""
    out, removed = [], 0
    for sentence in DRAFT_SENTENCE.findall(text):
        if not sentence.strip():
            out.append(sentence)
            continue
        body, tail = _split_tail(sentence)
        kept: list[str] = []
        for clause in COMMA_CLAUSE.findall(body):
            own, figures = _said(clause)
            figures = figures if known is None else {f for f in figures if f[0] in known}
            if (
                (len(own) > 3 and any(_repeats(own, figures, p, f) for p, f in stated))
                or _renames(clause, stated)
                or (kept and _stutters(clause, kept[-1]))
            ):
                removed += 1
                continue
            kept.append(clause)
            stated.append((own, figures))
        if kept and not _CONNECTIVE.fullmatch(key("".join(kept))):
            out.append("".join(kept).rstrip("，,") + tail)
    return "".join(out), removed


def _said(text: str) -> tuple[set[str], set[Figure]]:
    """A text's character pairs and its figures with their qualifiers."""
    return pairs(text), {(f"{m.value:g}{m.unit}", m.qualifier) for m in find_numbers(text) if m.kind == "quantity"}


def _unstated(figures: set[Figure], earlier: set[Figure]) -> set[Figure]:
    """The figures not among ``earlier``. A qualifier tells two facts apart: "5%左右" (this year's target) and
    "5%以上" (a five-year one) of the same indicator; but a figure the model wrote without its qualifier ("增长5%")
    is the document's "增长5%左右"."""
    return {(v, q) for v, q in figures if not any(v == w and (q == r or not q or not r) for w, r in earlier)}


def _part_of(part: tuple[set[str], set[Figure]], whole: tuple[set[str], set[Figure]]) -> bool:
    """Whether ``whole`` states the figures of ``part`` and most of its words: "5万名学生受益" of
    "惠及全县5万名学生". A part without figures is not weighed (a few common words, "做好政府工作", are also in a clause
    naming the source, "据某市政府工作报告"), nor one of three pairs or fewer ("增长5%"), as in ``once``."""
    (own, figures), (words, stated) = part, whole
    return bool(figures) and len(own) > 3 and not _unstated(figures, stated) and len(own & words) >= REPEAT * len(own)


def _clauses_said(paragraphs: Sequence[str]) -> list[tuple[set[str], set[Figure]]]:
    """What each clause of the paragraphs says (``_said``)."""
    clauses = (c for p in paragraphs for s in DRAFT_SENTENCE.findall(p) for c in COMMA_CLAUSE.findall(s))
    return [_said(c) for c in clauses if c.strip()]


def _said_in(text: str, clauses: Sequence[tuple[set[str], set[Figure]]]) -> bool:
    """Whether one of the clauses states the text's figures and most of its words (``_part_of``)."""
    said = _said(text)
    return any(_part_of(said, clause) for clause in clauses)


def _stutters(clause: str, before: str) -> bool:
    """A clause saying again the words the clause before it ends with: the small model's stutter ("蔬菜产量突破90万吨、增长
    37%，增长37%", "实现翻番，实现翻番"). Too short to be weighed as a repeat, but no clause of a sentence ends as the
    one before it by design."""
    said = key(clause)
    return bool(said) and key(before).endswith(said)


def _renames(clause: str, stated: list[tuple[set[str], set[Figure]]]) -> bool:
    """A clause that only names again measures already named: "我们通过实施“作业清单制”" after "推行“作业清单制”…"
    (what follows it, "学生平均书面作业时长控制在1小时内", may be new and stays)."""
    names = _MEASURE_NAME.findall(clause)
    rest = _MEASURE_NAME.sub("", _MARKERS.sub("", clause))
    return (
        bool(names)
        and not figure_keys(clause)
        and len(_WORD.findall(rest)) <= RENAME_REST
        and all(any(pairs(name) <= earlier for earlier, _ in stated) for name in names)
    )


def _repeats(own: set[str], figures: set[Figure], earlier: set[str], earlier_figures: set[Figure]) -> bool:
    """The same words (and no figure not stated before), or the same figure of the same thing."""
    if _unstated(figures, earlier_figures):
        return False  # "新增中小学学位2.4万个" after "新增中小学学位近3.9万个": another year's figure
    shared = len(own & earlier)
    return shared / len(own) >= REPEAT or (
        bool(figures) and shared / min(len(own), len(earlier) or 1) >= REPEAT_WITH_FIGURE
    )


def previews(text: str, quotes: Sequence[Quote]) -> tuple[str, int]:
    """The draft without the clauses the model wrote to announce a list of what the draft then states item
    by item ("…的主要成就，包括新增学前普惠学位、实现特殊教育学校全覆盖以及银龄行动成效等" before each of the
    three with its figure): each fact once. A clause of the documents' own words stays, and so does a list
    one of whose items the draft does not state after it ("特别是在学前教育、学位供给方面")."""
    pieces = DRAFT_PIECE.findall(text)
    removed = 0
    for index, piece in enumerate(pieces):
        if "、" not in piece:
            continue
        body, tail = _split_tail(piece)
        clauses = COMMA_CLAUSE.findall(body)
        after = "".join(pieces[index + 1 :])
        kept = []
        for at, clause in enumerate(clauses):
            own = pairs(clause)
            if _announces(clause, key("".join(clauses[at + 1 :]) + after)) and not any(
                len(own & pairs(q.text)) >= OWN_WORDS * len(own) for q in quotes
            ):
                removed += 1
                continue
            kept.append(clause)
        if len(kept) < len(clauses):
            pieces[index] = "".join(kept).rstrip("，,") + tail if kept else ""
    return "".join(pieces), removed


def _announces(clause: str, later: str) -> bool:
    """Whether ``later`` states every item of the clause's list: the item, or its end (half of it and at
    least four characters; the first item carries the words leading to the list: "包括新增学前普惠学位")."""
    if "、" not in clause:
        return False
    items = [_ITEM_END.sub("", key(item)) for item in _LIST_BREAK.split(clause)]
    return all(
        len(item) >= PREVIEW_ITEM
        and max((len(item) - at for at in range(len(item)) if item[at:] in later), default=0)
        >= max(PREVIEW_ITEM, len(item) // 2)
        for item in items
    )


def trim(paragraphs: list[str], facts: Sequence[Fact], length: int, kept: Sequence[str] = ()) -> list[str]:
    """Sentences left out until the draft is within the length: first those stating no fact, then the
    facts fitting the request least, of the paragraph with the most sentences and the last first (the last
    sentence stating a key point only if still too long without it); a paragraph keeps at least one sentence, a
    sentence stating one of ``kept`` (a cited document's name and number) or the first stating each law
    article the request cites (关于…的条款: it asked for it, while a report's figures outrank it) stays, and a
    fact's sentence whose leaving would make the draft too short goes only if that brings it nearer the length
    (a long one: a shorter one goes instead)."""
    if sum(visible_length(p) for p in paragraphs) <= TOO_LONG * length:
        return paragraphs
    split = [[s for s in DRAFT_SENTENCE.findall(p) if s] for p in paragraphs]

    positions = [(i, j) for i, sentences in enumerate(split) for j in range(len(sentences))]  # in the draft's order
    # what each sentence states, and those naming a kept document: read once
    stated = {(i, j): [f for f in facts if states(split[i][j], f)] for i, j in positions}
    stays = {(i, j) for i, j in positions if any(key(k) and key(k) in key(split[i][j]) for k in kept)}
    first_of_article: set[tuple[int, int]] = set()  # where each cited law article is first stated
    cited: set[tuple[str, str]] = set()
    for at in positions:
        articles = {(f.source.name, f.article) for f in stated[at] if f.article}
        if at not in stays and articles - cited:
            first_of_article.add(at)
            cited |= articles

    def fits(at: tuple[int, int]) -> float:
        if at in stays or at in first_of_article:
            return 10.0
        scores = [f.score + (0.5 if figure_keys(f.text) else 0.0) for f in stated[at]]
        return max(scores) if scores else -1.0

    worth = {at: fits(at) for at in positions}  # read once: the loop below asks it at every step

    points = {at: {f.point for f in stated[at] if f.point >= 0} for at in positions}
    left = Counter(point for at in positions for point in points[at])  # sentences stating each key point
    sentences_left = Counter(i for i, _ in positions)  # by paragraph
    removed: set[tuple[int, int]] = set()
    total = sum(visible_length(p) for p in paragraphs)

    def may_go(at: tuple[int, int], keep_points: bool) -> bool:
        value = worth[at]
        return not (
            at in removed
            or sentences_left[at[0]] <= 1
            or _is_lead(split[at[0]][at[1]], at[1])
            or value >= 10.0
            or (value >= 0 and _undershoots(total, visible_length(split[at[0]][at[1]]), length))
            or (keep_points and any(left[point] <= 1 for point in points[at]))
        )

    # the last sentence stating a key point goes only if the draft is still too long without it; of sentences
    # fitting as well, one of the paragraph with the most goes first (each part keeps its share), the later first
    for keep_points, enough in ((True, AIM_LONG), (False, TOO_LONG)):
        while total > enough * length:
            going = [at for at in positions if may_go(at, keep_points)]
            if not going:
                break
            i, j = min(going, key=lambda at: (worth[at], -sentences_left[at[0]], -at[0], -at[1]))
            removed.add((i, j))
            sentences_left[i] -= 1
            left.subtract(points[(i, j)])
            total -= visible_length(split[i][j])
    return ["".join(s for k, s in enumerate(sentences) if (i, k) not in removed) for i, sentences in enumerate(split)]


def _undershoots(total: int, sentence: int, length: int) -> bool:
    """Whether leaving out a sentence would make the draft too short and no nearer the length asked."""
    after = total - sentence
    return after < TOO_SHORT * length and abs(after - length) >= abs(total - length)


def _is_lead(sentence: str, position: int) -> bool:
    """A paragraph's opening phrase ("一是加强劳动教育。") stays."""
    return position == 0 and visible_length(sentence) <= 20


def lengthen(paragraphs: list[str], reserve: Sequence[Fact], citations: Sequence[Citation], length: int) -> list[str]:
    """Facts beside the chosen ones added, cited, until the draft is long enough: a sentence's clauses
    together, to the paragraph they fit best among those citing their document; a section's opening
    words open the draft. Facts of one passage opening with the same period ("下一步，将") make one
    sentence, the period written once."""
    total = sum(visible_length(p) for p in paragraphs)
    if total >= TOO_SHORT * length or not paragraphs:
        return paragraphs
    numbers = {c.chunk.id: c.n for c in citations}
    doc_of = {c.n: c.chunk.doc for c in citations}
    out = list(paragraphs)
    groups: list[list[Fact]] = []
    for fact in reserve:
        if groups and groups[-1][-1].source.name == fact.source.name and groups[-1][-1].sentence == fact.sentence:
            groups[-1].append(fact)
        else:
            groups.append([fact])
    last: tuple[int, str, int] | None = None  # where the last line went, its period and its passage
    clauses = _clauses_said(out)  # read again when a line goes in
    for group in groups:
        if total >= AIM_SHORT * length:
            break
        # a fact whose figures and most words a clause already states, in the model's words ("惠及全县5万名学生"
        # for "5万名学生受益"), is there: its words are not found, but adding it would state it twice
        group = [f for f in group if not any(states(p, f) for p in out) and not _said_in(f.text, clauses)]
        if not group or group[0].chunk.id not in numbers:
            continue
        n, doc = numbers[group[0].chunk.id], group[0].chunk.doc
        words = pairs("".join(f.text for f in group))

        def fit(i: int, words: set[str] = words, doc: str = doc) -> tuple[bool, int, int]:
            cites_doc = any(doc_of.get(m) == doc for m in cited_numbers(out[i]))
            return cites_doc, len(words & pairs(out[i])), -i

        best = max(range(len(out)), key=fit)
        ordered = sorted(group, key=lambda f: f.start)
        said = "，".join(f.text for f in ordered)
        goes_on = bool(ordered[0].lead) and last == (best, ordered[0].lead, n)  # the same period and passage
        line = f"；{said}[{n}]。" if goes_on else f"{ordered[0].lead}{said}[{n}]。"
        if visible_length(line) + total > TOO_LONG * length:
            continue
        if goes_on:
            out[best] = out[best].rstrip("\n").removesuffix(f"[{n}]。") + line
        elif group[0].score < FRAMING:  # the words a section opens with open the draft
            out[0] = line + out[0]
        else:
            out[best] = out[best].rstrip("\n") + line
        last = (best, ordered[0].lead, n) if group[0].score >= FRAMING else None
        total += visible_length(line)
        clauses = _clauses_said(out)
    return out
