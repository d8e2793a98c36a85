"""Grounding a drafted paragraph in the quotes it was written from.

A 1.5B model does not reliably write citation markers, and it pads a section with
plausible work of its own ("加强招生宣传，赢得了家长的信赖"). So citations are
attributed after generation: a sentence most of whose character pairs come from the
quoted sentences cites the passages it draws on; a sentence that restates no quote is
dropped, unless it is short (a link such as "我们始终坚持依法治教。") or the heading
allows general phrasing (存在问题, 下一步打算); a sentence that only reads the request back (its
heading written as the paragraph's first sentence) is judged the same way, not cited to a quote that
shares the request's words; a sentence repeating an earlier one, or
restating only what earlier ones said of the quotes, is dropped, and so is one that ranks
what it names (唯一, 首个, 最大) where no quote does. Figures are checked afterwards by the answer verifier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text.lexicon import words
from assistant.text.markers import without_markers
from assistant.text.sentences import CITED_SENTENCE, JUDGED_CLAUSE

_CLAUSE = re.compile(r"[^，,、：:]+")
_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_QUOTED_CLAUSE = re.compile(r"[^，,。；;：:！？]{6,}")  # a quote's clause long enough to be its own words in a draft
SUPPORTED = 0.4  # share of a sentence's character pairs found in the quotes
CONTRIBUTES = 0.25  # share found in one passage's quotes for that passage to be cited
# characters in a row a sentence must share with a passage beyond its best one to cite it too: scattered
# pairs are common words ("深化集团办学" holds 集团 and 办学, as a policy's 集团化办学 does)
BORROWED_RUN = 4
SHORT = 12  # character pairs: a link sentence this short may stand uncited
REPEATED = 0.7
NEW_PAIRS = 3  # character pairs of the quotes a supported sentence must add to what the draft has said
# a sentence of the model's own words paraphrases a later sentence stating a quote's clause word for word when the two
# share this many characters in a row (a name: "山区乡村学校") and the later one holds this share of the pairs the
# sentence lends from the quotes, and this many at least: "还要关注甲类学校的结对共建，帮助学生…" before "甲类学校要深化与
# 乙校结对共建" (the name and what is done); an overview naming the same schools ("推进甲类学校发展") lends the name alone
PARAPHRASE_RUN, PARAPHRASE_SHARE, PARAPHRASE_PAIRS = 6, 0.6, 8
# share of a sentence's character pairs the request holds for the sentence to be the request read back: a
# fact the request names in passing ("写明新建标准化操场的片数") comes with words and figures of its own
ECHO = 0.8
CLAIM_WORDS = words("claim_words.txt")  # 唯一, 首个, 最大 …: a rank the quotes must state themselves


@dataclass(frozen=True)
class Quote:
    """A sentence of the documents shown to the model, from passage ``n``."""

    text: str
    n: int


@dataclass(frozen=True)
class Grounded:
    text: str
    dropped: tuple[str, ...] = ()
    said: frozenset[str] = frozenset()  # the quotes' character pairs the text states, with those said before it
    repeated: tuple[str, ...] = ()  # sentences dropped for saying again what was said


def pairs(text: str) -> set[str]:
    """The character pairs of the text's letters and digits (punctuation and spaces left out)."""
    chars = "".join(_TEXT.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def ground(
    text: str,
    quotes: Sequence[Quote],
    general: bool = False,
    said_before: frozenset[str] = frozenset(),
    asked: str = "",
) -> Grounded:
    """Each kept sentence of ``text`` with the markers of the passages it restates; ``said_before``: the
    quotes' pairs the draft's earlier paragraphs stated (``drop_restated``'s ``said`` of the last one);
    ``asked``: the request's words (its topic and heading), which are no evidence of what a quote says."""
    request = pairs(asked)
    by_passage: dict[int, set[str]] = {}
    texts: dict[int, str] = {}
    for quote in quotes:
        by_passage.setdefault(quote.n, set()).update(pairs(quote.text))
        texts[quote.n] = texts.get(quote.n, "") + "\n" + "".join(_TEXT.findall(quote.text))
    every = set().union(*by_passage.values()) if by_passage else set()
    # a sentence ranking what it names (唯一, 首个, 最大) in words no quote uses: a small model adds
    # "是全市唯一一所…" to a programme the documents only name
    unquoted_claims = [word for word in CLAIM_WORDS if not any(word in quote.text for quote in quotes)]
    kept: list[str] = []
    seen: list[set[str]] = []
    said = set(said_before)  # the quotes' pairs the kept sentences (and the paragraphs before) state
    dropped: list[str] = []
    repeated: list[str] = []
    for sentence in JUDGED_CLAUSE.findall(without_markers(text)):
        if not sentence.strip():
            if sentence and kept:
                kept.append(sentence)
            continue
        own = pairs(sentence)
        if not own:
            kept.append(sentence)
            continue
        if any(len(own & earlier) / len(own) >= REPEATED for earlier in seen):
            repeated.append(sentence.strip())
            continue
        support = len(own & every) / len(own)
        if request and _echoes(own, every, request):
            # "强健学生体魄，保证学生体育锻炼时间" under that heading: the law's 体育锻炼时间 is no source of it
            support = 0.0
        if not general and any(word in sentence for word in unquoted_claims):
            dropped.append(sentence.strip())
            continue
        if support >= SUPPORTED:
            lent = own & every
            if _restates(lent, said, own - every):
                repeated.append(sentence.strip())
                continue
            said |= lent
            kept.append(_cite(sentence, _sources(sentence, own, by_passage, texts)))
        elif len(own) <= SHORT or general:
            kept.append(sentence)
        else:
            dropped.append(sentence.strip())
            continue
        seen.append(own)
    return Grounded("".join(kept).strip(), tuple(dropped), frozenset(said), tuple(repeated))


def _echoes(own: set[str], every: set[str], request: set[str]) -> bool:
    """Whether a sentence is the request read back: nearly all its pairs are the request's, the quotes lend
    it none the request does not hold too, and it states no figure the request does not."""
    return (
        not _has_digit(own - request)
        and len(own & request) >= ECHO * len(own)
        and len((own & every) - request) < NEW_PAIRS
    )


def drop_restated(text: str, quotes: Sequence[Quote], said_before: frozenset[str]) -> Grounded:
    """The cited paragraph less each sentence that states nothing of the quotes the draft has not stated
    before it: what is left of the model's sentence once a spliced fact or a cut clause has said its part
    ("首先，这为学生提供了充足的课外活动时间" after the article it paraphrased was added verbatim)."""
    every = set().union(*(pairs(quote.text) for quote in quotes)) if quotes else set()
    clauses = [c for quote in quotes for c in _QUOTED_CLAUSE.findall(without_markers(quote.text))]
    said, kept, repeated = set(said_before), [], []
    sentences = CITED_SENTENCE.findall(text)
    for at, sentence in enumerate(sentences):
        own = pairs(without_markers(sentence))
        lent = own & every
        if sentence.strip() and (
            _restates(lent, said, own - every) or _paraphrases(sentence, lent, sentences[at + 1 :], clauses)
        ):
            repeated.append(sentence.strip())
            continue
        said |= lent
        kept.append(sentence)
    return Grounded("".join(kept), (), frozenset(said), tuple(repeated))


def _restates(lent: set[str], said: set[str], unquoted: set[str]) -> bool:
    """Whether a sentence lending these pairs of the quotes only says again what was said: "这为学生提供了
    充足的课外活动时间" after the sentence that stated 保证学生的课外活动时间. One with a figure of its own
    (digits among its ``unquoted`` pairs) says something new, to be checked and marked, not dropped."""
    return bool(said) and bool(lent) and len(lent - said) < NEW_PAIRS and not _has_digit(unquoted)


def _paraphrases(sentence: str, lent: set[str], later: Sequence[str], clauses: Sequence[str]) -> bool:
    """Whether a sentence with no figure and no quote's clause of its own says in other words what a later sentence
    states in a quote's own words (``PARAPHRASE_RUN``, ``PARAPHRASE_SHARE``): a small model's paraphrase, the fact
    itself then written or added after it, which says the fact twice."""
    plain = without_markers(sentence)
    if not lent or any(ch.isdigit() for ch in plain) or any(clause in plain for clause in clauses):
        return False
    for after in later:
        stated = [c for c in clauses if c in after]
        if any(_borrows(plain, c, PARAPHRASE_RUN) for c in stated):
            shared = len(lent & pairs(after))
            return shared >= PARAPHRASE_PAIRS and shared >= PARAPHRASE_SHARE * len(lent)
    return False


def _has_digit(character_pairs: set[str]) -> bool:
    """Whether some of these character pairs hold a digit: the sentence states a figure of its own."""
    return any(char.isdigit() for pair in character_pairs for char in pair)


def _sources(sentence: str, own: set[str], by_passage: dict[int, set[str]], texts: dict[int, str]) -> list[int]:
    """The passages a sentence draws on: the best for the whole, and the best for each clause of it.

    "江苏…提出，推进中考全省统一命题" borrows its second clause from another report than
    its first, and must cite both. A passage beyond the best one is cited only for words it shares
    with the sentence (``BORROWED_RUN`` characters in a row), not for common character pairs: a
    county's measure is no policy's requirement because both speak of 集团 and 办学.
    """
    shares = sorted(((len(own & p) / len(own), n) for n, p in by_passage.items()), reverse=True)
    best = shares[0][1]
    cited = {best} | {n for share, n in shares[1:2] if share >= CONTRIBUTES and _borrows(sentence, texts[n])}
    for clause in _CLAUSE.findall(sentence):
        part = pairs(clause)
        if len(part) >= 4:
            share, n = max((len(part & p) / len(part), n) for n, p in by_passage.items())
            if (
                share >= SUPPORTED
                and not any(len(part & by_passage[c]) / len(part) >= share for c in cited)
                and _borrows(clause, texts[n])
            ):
                cited.add(n)
    return sorted(cited)


def _borrows(text: str, passage: str, run: int = BORROWED_RUN) -> bool:
    """Whether ``text`` shares ``run`` letters or digits in a row with ``passage``."""
    chars = "".join(_TEXT.findall(text))
    return any(chars[i : i + run] in passage for i in range(len(chars) - run + 1))


def _cite(sentence: str, numbers: list[int]) -> str:
    """``[n]`` markers before the sentence's closing stop (and closing quote)."""
    body = sentence.rstrip("\n")
    stripped = body.rstrip("。！？!?；;”’」』")
    markers = "".join(f"[{n}]" for n in numbers)
    return f"{stripped}{markers}{body[len(stripped) :]}{sentence[len(body) :]}"
