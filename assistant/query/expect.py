"""What a numeric question asks for, so an extractive answer can tell a near miss from an answer.

"艺术类科目在中考中的分值是多少分" asks for a number of 分 about 分值. A sentence on the same
topic that states neither ("探索将艺术类科目纳入中考…") is a near miss: quoting it would
look like an answer, so the fast mode refuses instead. Only Chinese questions are read;
elsewhere nothing is expected and every sentence passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from assistant.facts.extract import sentence_figures
from assistant.facts.numbers import (
    NumberMention,
    find_numbers,
    has_quantity,
    in_asked_unit,
    quantity_clauses,
    same_dimension,
    same_unit_class,
)
from assistant.ingest.temporal import INTENT_WORDS, asks_flow, states_flow
from assistant.text.lexicon import pairs, words
from assistant.text.places import REGION_WORDS
from assistant.text.pos import ENGLISH_TAG, NOUN_TAGS
from assistant.text.segment import is_word, tag, tokenize
from assistant.text.sentences import CLAUSE_BREAK, clause_of
from assistant.text.terms import (
    DIRECTION_WORDS,
    JOINT_NAMES,
    RESPECTIVE,
    move_verbs,
    names_short_form,
    sibling_only,
    written_shortened,
)
from assistant.text.units import ASKED_UNITS, COUNTERS, GENERIC_COUNTER, canonical
from assistant.types import Figure, Query

ASK_WORDS = ("多少", "几")
# an ask word after these asks for no number: 哪几 asks which, and 几 after a demonstrative is a span of time
# ("这几年", "近几年")
_NOT_ASKING_AFTER = "(?<![哪这那近])"
_ASKS = re.compile(rf"多少|{_NOT_ASKING_AFTER}几(?!乎)")  # where a question asks for a number (几乎 is "almost")
IMPLIED_UNITS = pairs("implied_units.txt")  # a head that asks an amount of money unnamed: 收入 → 元
STOCK_WORDS = words("stock_words.txt")  # a question asking a level at a point in time ("截至…底…总数")
# A measure word or unit right after 多少/几 ("几小时"), the units text/units.py reads. A magnitude is
# skipped only where no unit starts (多少千人 asks in 人, but 多少千米 in 千米, which is 公里).
_UNIT_AFTER_ASK = re.compile(
    _NOT_ASKING_AFTER + r"(?:多少|几)(?:十|百|千|万|亿)*?(" + "|".join(map(re.escape, ASKED_UNITS)) + ")"
)
# Units that count things: reports drop them after a magnitude ("入境游客111万" means 111万人次).
_COUNTING_UNITS = COUNTERS | {"人次"}
_MAGNITUDE = ("万", "亿", "千")
# Heads that name the form of the figure, not the thing counted ("热线号码", "企业数量"): the word before decides.
GENERIC_HEADS = frozenset("数量 总数 数目 个数 次数 号码 规模 总量 总额 数额 数值 情况".split())
_COPULAS = ("是", "为")
_MODIFIER_REACH = 8  # characters before the head within which the question's modifier still narrows it
_RATIO_WORDS = re.compile(r"比例|占比|百分之几|百分比|比率")
_RATE = "率"  # the end of a rate's name: 就业率, 覆盖率, 达标率
_CHANGE_ASKED = re.compile(rf"(?:{'|'.join(DIRECTION_WORDS)})了?(?:{'|'.join(ASK_WORDS)})")
# (not 增加值, value added, a level)
_CHANGE_STATED = re.compile(
    rf"(?:{'|'.join(DIRECTION_WORDS)})(?!值)[^，,。；;]{{0,6}}?(?:\d|[一二三四五六七八九十两半]成)"
)
# a level reached ("泊位增至1.2万个", "提高到93%", "里程达到9000公里", "突破1万个"): where things stand, not what
# was added in the period
_REACHED_LEVEL = re.compile(rf"(?:{'|'.join(DIRECTION_WORDS)}|增|降|升)(?:到|至)|达到|突破")
# a figure written as a move ("再提高200元", "增加养老床位3000张"): how much something changed, not where it
# stands ("增长5%至1.2万亿元" states the level too)
_MOVED_BY = re.compile(rf"(?:{'|'.join(DIRECTION_WORDS)})[^，,。；;到至达为是]{{0,4}}$")
# a question naming a move in any form (增长率, 增速, 降幅, 提升了几个百分点, 比上年多…) asks no level
_MOVE_ASKED = re.compile(rf"{'|'.join(DIRECTION_WORDS)}|[增降涨升减]|幅|变化|比(?!例|重|率)")
_RATIO_IN_SENTENCE = re.compile(r"%|％|百分之|\d\s*[:：]\s*\d|成")
_NOMINAL = (*NOUN_TAGS, ENGLISH_TAG)
# a character of an item of a list of names: a figure before 、 ends a clause instead ("增长9.1%、旅游收入…")
_LIST_ITEM = r"[^，,。；;、和及与\d%％]"
# what joins the items of a list: 、 or a conjunction standing as a word ("货车和工程机械", not the 及 of 涉及)
_JOINER = "[、和及与]"
_CONJUNCTIONS = frozenset("和及与")
_DIGIT = re.compile(r"\d")
_EACH = re.compile(r"各\d|各[一二三四五六七八九十两]")  # "各1个": each item its own figure
# what a question leaves out ("（不含市级名师）", "不包括民办园"): named only to be excluded
_EXCLUDED = re.compile(r"(?:不含|不包括|不包含|不计|除去)[^，,。；;？?）)]*")
_WITHIN_COMPOUND = "(?:" + "|".join(sorted(INTENT_WORDS, key=len, reverse=True)) + r"|\w)?"
_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")  # a bracketed aside inside a compound: "生活补助（伙食）标准"
_QUOTES = frozenset("“”‘’\"'《》「」")
WordMatch = Callable[[str, str], bool]  # whether a text names a word in other words ("儿童" for 孩子)
_SKIPPABLE = ("v", "a", "d", "p", "u", "r", "c", "f", "m", "q")  # verbs, adverbs … between noun and ask word


def tag_asked(clause: str) -> list[tuple[str, str]]:
    """The words of a question's clause, with the measure word after 多少/几 kept apart: jieba glues it to
    the noun that follows ("多少场师德培训" → 场师 / 德), which then no longer names the thing counted."""
    spaced = _UNIT_AFTER_ASK.sub(lambda m: m.group(0) + " ", clause)
    return _glued([(word, flag) for word, flag in tag(spaced) if word.strip()])


_FRAGMENT_FLAGS = ("n", "a", "b", "j")  # the tags jieba gives the characters of a word it does not know


def _glued(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words with a word jieba does not know put back together: it splits one into single characters
    (低氟茶 → 低 / 氟 / 茶, 高企 → 高 / 企), or leaves one character before a word it knows (保租房 → 保 /
    租房). A run of such characters is one noun, and a lone one joins the noun after it."""
    out: list[tuple[str, str]] = []
    run = ""
    for at, (word, flag) in enumerate(words):
        if len(word) == 1 and flag.startswith(_FRAGMENT_FLAGS):
            run += word
            following = words[at + 1] if at + 1 < len(words) else ("", "")
            if len(following[0]) == 1 and following[1].startswith(_FRAGMENT_FLAGS):
                continue
            if len(run) > 1 or not following[1].startswith(NOUN_TAGS):
                out.append((run, "n" if len(run) > 1 else flag))
                run = ""
            continue
        if run:  # one character before a noun: the noun's start
            word, run = run + word, ""
        out.append((word, flag))
    return out


def unit_written(question: str) -> str:
    """The unit a question asks in as it writes it, with its magnitude ("万吨" of 多少万吨); "" when none."""
    found = _UNIT_AFTER_ASK.search(question)
    return found.group(0).removeprefix("多少").removeprefix("几") if found else ""


def is_unit_word(word: str) -> bool:
    """A measure word or unit a question can put after 多少/几 ("所", "万人", "小时")."""
    return _UNIT_AFTER_ASK.fullmatch("几" + word) is not None


@dataclass(frozen=True)
class Expectation:
    unit: str = ""  # a number in this unit must be stated ("分", "小时"); "" when none is named
    ratio: bool = False  # a percentage or ratio must be stated
    focus: tuple[str, ...] = ()  # the noun phrase asked about ("入境 旅游 收入", "热线 号码"), in reading order
    numeric: bool = False  # 多少/几 ask for a number: a sentence without one does not answer
    change: bool = False  # "增长多少": how much something moved, which a level ("总额1.66万亿元") does not say
    question: str = ""  # the question the phrase was read from: whether it writes the phrase as one compound
    stock: bool = False  # "截至…底…总数": a level at a point in time, which a flow ("新登记…120家") does not say
    aliases: tuple[tuple[str, ...], ...] = ()  # other names of the phrase the question gives ("（学生午休床位）")
    flow: bool = False  # "新增了多少个泊位": what was added, which a level reached ("泊位增至1.2万个") does not say

    @property
    def head(self) -> str:
        """The word the phrase is about: Chinese noun phrases end in it ("旅游收入" is a 收入)."""
        heads = [word for word in reversed(self.focus) if word not in GENERIC_HEADS]
        # "农村义务教育学校新建了多少所" counts 学校, not 新建 (a verb jieba reads as a place name)
        return next((word for word in heads if word in self._heads), heads[0] if heads else "")

    @property
    def modifier(self) -> str:
        """The word that narrows the head ("旅游" in "入境旅游收入"); "" when the head stands alone."""
        at = self.focus.index(self.head) if self.head else 0
        return self.focus[at - 1] if at > 0 else ""

    @cached_property
    def narrowing(self) -> tuple[str, ...]:
        """The words before the modifier that narrow the compound further: 农村居民 of 农村居民人均可支配收入,
        高技术 of 高技术制造业增加值. A sentence naming the compound without them states another of its kind
        (城镇居民…收入, 装备制造业增加值): for a figure, another quantity. Only a compound the question writes
        as one ("《教师法》规定教师每几年应当…" is a clause, not a compound), and places are not among them:
        全省 narrows nothing a report repeats."""
        if not self.modifier or self.modifier not in self._nouns:
            return ()
        at = self.focus.index(self.modifier)
        run: list[str] = []
        for word in reversed(self.focus[:at]):  # the nouns right before the modifier
            if word not in self._nouns or not self._written_as_one([word, *reversed(run), self.modifier]):
                break
            run.append(word)
        return tuple(word for word in reversed(run) if word not in REGION_WORDS)

    @cached_property
    def _described(self) -> bool:
        """Whether the question describes the head through 的 ("登记在册的志愿者", "免费的课后服务") rather
        than naming a kind of it in one compound (旅游收入): a report states the head's figure without the
        description, while another compound (税收收入) is another quantity."""
        return bool(self.modifier) and f"{self.modifier}的{self.head}" in self.question

    def _written_as_one(self, words: list[str]) -> bool:
        """Whether the question writes the words and the head as one compound (a character between two of
        them at most: jieba leaves 可 of 可支配 out; or a word of intent: "油菜籽实际产量")."""
        pattern = _WITHIN_COMPOUND.join(re.escape(word) for word in [*words, self.head])
        return not self.question or re.search(pattern, _ASIDE.sub("", self.question)) is not None

    @cached_property
    def _flags(self) -> dict[str, str]:
        """The phrase's words tagged in the phrase (a word's tag depends on its neighbours)."""
        return dict(tag("".join(self.focus)))

    @cached_property
    def _heads(self) -> tuple[str, ...]:
        """The phrase's words that can head it: not place names, which jieba also reads in verbs (新建).
        Verbs can: the focus holds a verb only where it ends the subject ("旅游收入是多少", 收入 tagged v)."""
        return tuple(word for word in self.focus if self._flags.get(word, "") != "ns")

    @cached_property
    def _nouns(self) -> tuple[str, ...]:
        """The phrase's nouns, tagged in the phrase (not place names)."""
        return tuple(word for word in self._heads if _is_nominal(self._flags.get(word, "")))

    def met_by(self, sentence: str, context: str = "", names: WordMatch | None = None) -> bool:
        """Whether ``sentence`` (with its heading ``context``) can answer the question, naming the phrase
        asked or one of the other names the question gives it.

        The phrase's head must be named: "入境游客111万" does not answer what 入境旅游收入 was. ``names``
        reads it in other words too (儿童 for the 孩子 asked about), tried last because it costs most. A figure
        the question states itself ("这12所学校里，初中有几所") is what it asks about, not its answer: it is read
        out of the sentence first.
        """
        for given in self._given:
            sentence = sentence.replace(given, "")
        return self._met_by(sentence, context, names) or any(
            replace(self, focus=alias, aliases=())._met_by(sentence, context, names) for alias in self.aliases
        )

    @cached_property
    def _given(self) -> tuple[str, ...]:
        """The figures with a unit a numeric question states itself (not its years)."""
        if not self.numeric:
            return ()
        return tuple(m.text for m in find_numbers(self.question) if m.kind == "quantity" and m.unit)

    def _met_by(self, sentence: str, context: str, names: WordMatch | None) -> bool:
        named = [word for word in self.focus if _named(word, sentence) or _named(word, context)]
        paraphrased = bool(self.head) and self.head not in named
        if paraphrased and self._head_of_another(sentence):
            return False
        if (self.focus and not self.head and not named) or (paraphrased and names is None):
            return False
        if (self.numeric or self.unit or self.ratio) and sibling_only("".join(self.focus), quantity_clauses(sentence)):
            return False  # "一般公共预算支出86亿元" for the 收入 asked: close in meaning, another quantity
        if self.modifier and self._head_spans(sentence) and not self._same_compound(sentence, context):
            return False
        if (self.numeric or self.unit) and (
            self._only_listed(sentence) or (bool(self.modifier) and self._joint_total(sentence))
        ):
            return False
        if (
            (self.numeric or self.unit or self.ratio)
            and self.head in sentence
            and not self._narrowed(sentence, context)
        ):
            return False
        if self._of_another_kind(sentence):
            return False
        if self.numeric and not has_quantity(sentence):
            return False
        if (self.unit or self._how_much) and self._unit_of_another(sentence):
            return False
        if self.unit:
            wanted = canonical(self.unit)
            quantities = [mention for mention in find_numbers(sentence) if mention.kind == "quantity"]
            if wanted in _COUNTING_UNITS and any(self._counts(m.text, sentence) for m in quantities if not m.unit):
                return True
            units = {mention.unit for mention in quantities}
            if not any(
                u.startswith(wanted)
                or u.endswith(wanted)
                or wanted.endswith(u)
                or same_unit_class(u, wanted)
                or same_dimension(u, wanted)
                for u in units
                if u
            ) and not self._generic_count(quantities, sentence, names):
                return False
        return not paraphrased or (names is not None and names(self.head, sentence))

    def _head_of_another(self, sentence: str) -> bool:
        """Whether a sentence that does not name the head, a compound of two words, writes its second word only
        narrowed by another noun, the first nowhere shortly before: "工业产值" asked of "工业转型加快，农业产值突破
        百亿元" (农业产值 is another 产值; the paraphrase reader would take it). "工业总产值" and "产值" after 工业's
        own clause are not narrowed by a noun."""
        if self._head_halves is None:
            return False
        first, last = self._head_halves
        spans = list(re.finditer(re.escape(last), sentence))
        return bool(spans) and all(
            first not in sentence[max(0, m.start() - _MODIFIER_REACH) : m.start()]
            and _narrowed_by_noun(_words_up_to(m, sentence))
            for m in spans
        )

    @cached_property
    def _head_halves(self) -> tuple[str, str] | None:
        """The two words the head is made of (工业 and 产值 of 工业产值), or None when it is no two words."""
        words = [w for w in tokenize(self.head) if w != self.head]
        for cut in range(2, len(self.head) - 1):
            first, last = self.head[:cut], self.head[cut:]
            if first in words and last in words:
                return first, last
        return None

    def _generic_count(self, quantities: list[NumberMention], sentence: str, names: WordMatch | None) -> bool:
        """Whether a figure in 个, the measure word of anything, counts the thing a question asks in its own
        measure word ("多少家社区食堂": "建成社区食堂41个"): its clause names the head, or names it in other words."""
        if canonical(self.unit) not in COUNTERS:
            return False
        for mention in quantities:
            if canonical(mention.unit) != GENERIC_COUNTER:
                continue
            clause = clause_of(mention.text, sentence)
            if self.head in clause or (names is not None and names(self.head, clause)):
                return True
        return False

    def _only_flows(self, sentence: str) -> bool:
        """Whether every clause stating a figure of the thing asked states a flow ("新登记农民专业合作社120家"):
        what was added, not the total a stock question asks. Clauses naming the head decide, else all with
        a figure ("新增120家、共有860家" states the total)."""
        naming = self._stating(sentence)
        return bool(naming) and all(states_flow(clause) and not _names_stock(clause) for clause in naming)

    def _only_levels(self, sentence: str) -> bool:
        """Whether every clause stating a figure of the thing asked states a level reached or a stock and no
        flow ("停车泊位增至1.2万个", "泊位总数1.2万个"): where things stand, not the addition a flow question
        asks ("新增…多少")."""
        naming = self._stating(sentence)
        return bool(naming) and all(
            (_REACHED_LEVEL.search(clause) or _names_stock(clause)) and not states_flow(clause) for clause in naming
        )

    def _of_another_kind(self, sentence: str) -> bool:
        """Whether the sentence's figures are of another kind than the one asked: no ratio for a ratio, a level
        for a change, what was added for a stock, a level for what was added, a move for a level."""
        return bool(
            (self.ratio and not _RATIO_IN_SENTENCE.search(sentence))
            or (self.change and not self._states_change(sentence))
            or (self.stock and self._only_flows(sentence))
            or (self.flow and self._only_levels(sentence))
            or (self.asks_level and self._only_moves(sentence))
        )

    def _states_change(self, sentence: str) -> bool:
        """Whether the sentence states a move of the thing asked: of a figure read as the head's where there is
        one ("零售总额达80亿元，出口总额…增长9%" states no move of 零售总额), else anywhere in it."""
        of_head = self._head_figures(sentence)
        if not of_head:
            return _CHANGE_STATED.search(sentence) is not None
        return any(_CHANGE_STATED.search(f.indicator + f.value) for f in of_head)

    @property
    def asks_level(self) -> bool:
        """Whether a numeric question asks where something stands ("生活补助标准是每人每月多少元"), naming no move."""
        return self.numeric and not (self.change or self.flow or _MOVE_ASKED.search(self.question))

    def _only_moves(self, sentence: str) -> bool:
        """Whether every clause stating a figure of the thing asked gives it only as a move ("再提高200元"):
        how much the level changed, not the level asked."""
        naming = self._stating(sentence)
        return bool(naming) and all(
            all(_MOVED_BY.search(clause[: m.start]) for m in find_numbers(clause) if m.kind == "quantity")
            for clause in naming
        )

    def _stating(self, sentence: str) -> list[str]:
        """The clauses of ``sentence`` stating a figure that name the head, else all stating one."""
        stating = quantity_clauses(sentence)
        return [clause for clause in stating if self.head and self.head in clause] or stating

    def _narrowed(self, sentence: str, context: str) -> bool:
        return all(_named(word, sentence) or _named(word, context) for word in self.narrowing)

    def _same_compound(self, sentence: str, context: str = "") -> bool:
        """Whether the sentence names the head as the question's compound somewhere: with the question's
        modifier shortly before it, or with no other noun right before it while the modifier is named in
        the sentence before it or its headings. "税收收入" is another 收入 than the 旅游收入 asked about; "旅游总收入"
        is not, nor "实现收入" under a heading on 旅游; "接待游客9亿人次" says nothing of 入境游客."""
        for match in self._head_spans(sentence):
            before = sentence[max(0, match.start() - _MODIFIER_REACH) : match.start()]
            if _named(self.modifier, before):
                return True
            words = _words_up_to(match, sentence)
            last = words[-1][0] if words else ""
            # a noun modifier named in the headings or earlier in the sentence ("旅游业…，实现收入"); named after
            # the head it narrows something else ("接待游客5亿人次，入境旅游人次增长…"). A description through 的
            # ("登记在册的志愿者") is seldom written, and a verb before the head (新添 of 新添…场地) is said in
            # other words (新增): there the head alone answers
            modifier_named = (
                self._described
                or self.modifier not in self._nouns
                or not self._written_as_one([self.modifier])  # apart from the head: "幼儿入园最迟可以推迟到"
                or _named(self.modifier, context)
                or _named(self.modifier, sentence[: match.start()])
            )
            if last == match.group(0) and not _narrowed_by_noun(words) and modifier_named:
                return True  # the head alone (or after a place, 全县), or after a verb ("实现收入"), the modifier named
        return False

    def _another_kind(self, indicator: str) -> bool:
        """Whether what a figure measures names the head only narrowed by another noun, the question's modifier
        not before it ("数字产业产值" for 高端装备产值): another kind of the head."""
        if not self.modifier:
            return False
        for match in self._head_spans(indicator):
            if _named(self.modifier, indicator[max(0, match.start() - _MODIFIER_REACH) : match.start()]):
                return False
            if not _narrowed_by_noun(_words_up_to(match, indicator)):
                return False
        return True

    def _head_spans(self, sentence: str) -> list[re.Match]:
        """Where the sentence names the head: as the question writes it, else by the verb stating the move it
        names (增长 of "…增长5.2%" for 增速) or shortened as reports write it (零售 of 零售额 in "社会消费品零售总额"),
        as ``_named`` reads it: the compound check reads the words before each."""
        found = list(re.finditer(re.escape(self.head), sentence)) or move_verbs(self.head, sentence)
        if found or len(self.head) < 3 or _two_words(self.head):
            return found
        return list(re.finditer(re.escape(self.head[:2]), sentence))

    def _head_figures(self, sentence: str) -> list[Figure]:
        """The sentence's figures whose indicator (what the reader finds they measure) names the head."""
        return [f for f in sentence_figures(sentence) if self.head and self.head in f.indicator]

    def _unit_of_another(self, sentence: str) -> bool:
        """Whether the sentence's figures of the head are in other units while those in the unit asked (any, when
        none is named) measure something else: "财政总收入达到86亿元，其中非税收入增长4%" states no 亿元 of
        非税收入. A figure of another compound of the head is another quantity's: in "高端装备产值增长12%，数字产业
        产值超过900亿元" the 亿元 is not 高端装备产值's."""
        figures = sentence_figures(sentence)
        of_head = [f for f in self._head_figures(sentence) if not self._another_kind(f.indicator)]
        in_unit = [f for f in figures if not self.unit or (f.unit and in_asked_unit(self.unit, f.unit))]
        if not of_head:
            # no figure is read as the head's, and the head is named in the sentence: the figures in the unit
            # asked, in clauses not naming it (before or after the figure: "每五年…参加一次培训"), measure what
            # their own words name ("参保人数达到2669万人，…100万新就业群体有了…" states no 人 of 新增就业;
            # "新引进院士数量创历史新高，新引进博士研究生320人" no 人 of 院士)
            if (
                not self.head
                or not in_unit
                or any(not f.indicator or self.head in clause_of(f.value, sentence) for f in in_unit)
            ):
                return False
            if any(self.head in clause for clause in quantity_clauses(sentence)):
                return True
            # the head named in no clause with a figure: figures whose clauses name no noun of what is asked (as
            # the 幼儿 of "年满三周岁的幼儿，…送其入园" is) are other things'
            return self.head in sentence and not any(
                word in clause_of(f.value, sentence) for f in in_unit for word in self._nouns
            )
        return bool(in_unit) and not any(f in in_unit for f in of_head)

    @cached_property
    def _how_much(self) -> bool:
        """Whether the question asks 多少 with no unit ("志愿者一共有多少"): any figure may answer, but only one
        of the thing asked. 几 always takes a measure word; one the reader does not know ("几连胜", of a quoted
        “十连胜” it does not read as a figure) says nothing of which figures answer."""
        return self.numeric and not self.unit and "多少" in asked_clause(self.question)

    def _only_listed(self, sentence: str) -> bool:
        """Whether the sentence names the thing asked only as one item of a list sharing one figure: a kind of
        the head among other kinds ("新增公办中小学、幼儿园学位2.6万个" for 幼儿园学位) or the head among other
        things ("图书馆、美术馆、剧院达到86家" for 美术馆). The figure is the list's total, not the item asked,
        unless the sentence gives each its own (分别, 各) or the question counts the others too (not only to leave
        them out: "（不含工程机械）")."""
        if RESPECTIVE in sentence or _EACH.search(sentence) or not self.head or self.head not in sentence:
            return False
        item, head, joiner = _LIST_ITEM, re.escape(self.head), _JOINER
        if self.modifier:  # the kinds listed before the head they share
            mod = re.escape(self.modifier)
            listed = rf"(?:({item}{{1,8}}){joiner}{mod}|{mod}{joiner}({item}{{1,8}}?)){item}{{0,8}}?{head}"
            alone = rf"(?<!{joiner}){mod}(?!{joiner})[^，,。；;、]{{0,8}}?{head}"
            if self._listed_only(listed, alone, sentence):
                return True
        # the head itself an item, the figure after the list in its clause
        listed = rf"(?:({item}{{1,8}}){joiner}{head}|{head}{joiner}({item}{{1,8}}))(?:{joiner}{item}{{1,8}})*[^，,。；;、]*?\d"
        return self._listed_only(listed, rf"(?<!{joiner}){head}(?!{joiner})", sentence)

    def _listed_only(self, listed: str, alone: str, sentence: str) -> bool:
        """Whether ``listed`` finds the thing asked in a list whose other items the question does not name,
        and ``alone`` finds it nowhere on its own."""
        others = [next(g for g in m.groups() if g) for m in re.finditer(listed, sentence) if _lists(m, sentence)]
        return bool(others) and re.search(alone, sentence) is None and not any(map(self._names_item, others))

    def _names_item(self, item: str) -> bool:
        """Whether the question names a listed item by the noun it ends in (图书馆 of "省级图书馆", not the 省级
        it shares with the 省级美术馆 asked; 数量 names no thing), or as a whole (the 修缮 of "修缮和新建…")."""
        if item in self._counted:
            return True
        nouns = [word for word, flag in tag(item) if _is_nominal(flag) and word not in GENERIC_HEADS]
        return bool(nouns) and nouns[-1] != self.head and nouns[-1] in self._counted

    def _joint_total(self, sentence: str) -> bool:
        """Whether the sentence gives one figure for two kinds of the head joined ("省级名师和市级名师达到320人"):
        their sum, not the kind asked, unless the question counts the other kind too (not only to leave it out:
        "（不含市级名师）")."""
        if RESPECTIVE in sentence:
            return False
        mod, head = re.escape(self.modifier), re.escape(self.head)
        other = rf"([^，,。；;、\d]{{1,10}}?){head}"
        joined = rf"{mod}{head}[和及与、]{other}|{other}[和及与、]{mod}{head}"
        return any(next(g for g in m.groups() if g) not in self._counted for m in re.finditer(joined, sentence))

    @cached_property
    def _counted(self) -> str:
        """The question without what it names only to leave out ("（不含市级名师）")."""
        return _EXCLUDED.sub("", self.question)

    def _counts(self, figure: str, sentence: str) -> bool:
        """A bare magnitude right after the head counts it: "入境游客111万" (but not "…中小学…16万儿童")."""
        pattern = rf"{re.escape(self.head)}\D{{0,4}}{re.escape(figure)}"
        return bool(self.head) and figure.endswith(_MAGNITUDE) and re.search(pattern, sentence) is not None


def _lists(match: re.Match, sentence: str) -> bool:
    """Whether a match's joiner joins items: a conjunction standing as a word (not the 及 of 涉及), and no
    figure between the break before it and the joiner, which then joins clauses ("新增托位1.2万个、康复床位800张")."""
    joiner = re.search(_JOINER, match.group(0))
    mark = match.start() + (joiner.start() if joiner else 0)
    if sentence[mark] in _CONJUNCTIONS and not _stands_alone(mark, sentence):
        return False
    start = max(sentence.rfind(b, 0, match.start()) for b in "，,。；;、") + 1
    return not _DIGIT.search(sentence[start:mark])


def _stands_alone(at: int, sentence: str) -> bool:
    """Whether the character at ``at`` is a word of its own in the sentence as jieba cuts it."""
    end = 0
    for word, _ in tag(sentence):
        end += len(word)
        if end > at:
            return len(word) == 1
    return False


def _words_up_to(head: re.Match, text: str) -> list[tuple[str, str]]:
    """The words of ``text`` from shortly before a head it names to the head's end, read as the question was."""
    return _glued(tag(text[max(0, head.start() - 4) : head.end()]))


def _narrowed_by_noun(words: list[tuple[str, str]]) -> bool:
    """Whether the word before the last (the head) is a noun narrowing it, not a place (全县) nor a verb."""
    return len(words) > 1 and _is_nominal(words[-2][1]) and words[-2][0] not in REGION_WORDS


def _names_stock(text: str) -> bool:
    return any(word in text for word in STOCK_WORDS)


def _named(word: str, text: str) -> bool:
    """A word, or for a long word (not two words) its first two characters, as reports shorten it (总产量 →
    总产), or the word a character shorter inside (公交车站 as 公交站), its short form or full name (GDP, 地区生产总值), or
    a joint name that names its start where the text gives each part its own figure ("城乡居民…分别达到4.1万元、
    1.9万元" names 农村居民; "货物进出口总值增长6.1%" states the joint figure, not 进口's)."""
    joint = JOINT_NAMES.get(word[:2], ()) + JOINT_NAMES.get(word, ())
    return (
        word in text
        or (len(word) >= 3 and word[:2] in text and not _two_words(word))
        or (RESPECTIVE in text and any(name in text for name in joint))
        or written_shortened(word, text)
        or names_short_form(word, text)
        or bool(move_verbs(word, text))
    )


def _two_words(word: str) -> bool:
    """Whether a compound is two words, its start narrowing the word after it (汽车|销量, 零售|总额): its first
    two characters alone then name another thing (汽车产量, 即时零售), not the compound shortened (总产 of 总产量)."""
    return len(word) >= 4 and is_word(word[2:])


def _is_nominal(flag: str) -> bool:
    return flag.startswith(_NOMINAL)


def _nominal_run(words: list[tuple[str, str]], start: int, step: int) -> list[str]:
    """Consecutive nouns (and quote marks) from ``start`` in direction ``step``, in reading order."""
    run = []
    while 0 <= start < len(words) and (_is_nominal(words[start][1]) or words[start][0] in _QUOTES):
        run.append(words[start][0])
        start += step
    return run if step > 0 else run[::-1]


def _focus(words: list[tuple[str, str]], ask: int) -> tuple[str, ...]:
    """The noun phrase counted: right after the ask word ("多少助学金"), else right before it."""
    after = ask + 1
    if after < len(words) and _UNIT_AFTER_ASK.fullmatch("几" + words[after][0]):
        after += 1  # "几 个 教育 集团": skip the measure word
    run = _nominal_run(words, after, 1)
    if not run:
        before = ask - 1
        while before >= 0 and not _is_nominal(words[before][1]):  # skip 是 / 达到 / 不得低于 …
            if not words[before][1].startswith(_SKIPPABLE) or ask - before > 4:
                return ()
            before -= 1
        run = _nominal_run(words, before, -1)
        subject_end = words[before + 1] if before + 2 == ask - 1 and words[ask - 1][0] in _COPULAS else None
        if run and subject_end and subject_end[1].startswith("v"):  # "旅游 收入 是 多少": 收入 ends the subject
            run.append(subject_end[0])
    return tuple(word for word in run if len(word) >= 2 and word not in _QUOTES)


def expected_of(query: Query) -> Expectation:
    """What a parsed question expects (its subject without the words of time and intent); nothing for English."""
    if query.english:
        return Expectation()
    return Expectation(
        query.unit,
        query.ratio,
        query.subject,
        query.numeric,
        query.change,
        query.text,
        query.stock,
        query.aliases,
        query.flow,
    )


# Words that say a figure is a total (一共, 合计) or the same amount in another unit (折合), not what it counts;
# jieba tags some as nouns ("一共": j).
TOTAL_WORDS = frozenset("一共 总共 共计 合计 总计 折合 约合".split())


def asks_number(text: str) -> bool:
    """Whether the text asks for a number (多少, 几; not the 几 of "这几年" or 几乎)."""
    return _ASKS.search(text) is not None


def ask_index(words: list[tuple[str, str]]) -> int | None:
    """The index of the word that asks for the number among a clause's ``words``."""
    asks = {found.start() for found in _ASKS.finditer("".join(word for word, _ in words))}
    start = 0
    for at, (word, _) in enumerate(words):
        if start in asks and word.startswith(ASK_WORDS):
            return at
        start += len(word)
    return None


def asked_clause(question: str) -> str:
    """The clause of a question that asks (多少, 几), with the clause before it where it names no thing but the
    unit ("…给老人做免费白内障筛查，总共查了多少人次？": what is counted is said before the comma)."""
    clauses = CLAUSE_BREAK.split(question)
    at = next((i for i, clause in enumerate(clauses) if asks_number(clause)), None)
    if at is None:
        return ""
    names_thing = any(
        flag.startswith(NOUN_TAGS) and word not in TOTAL_WORDS and not is_unit_word(word)
        for word, flag in tag_asked(clauses[at])
    )
    return clauses[at] if names_thing or at == 0 else clauses[at - 1] + clauses[at]


@lru_cache(maxsize=2048)
def expectation(question: str) -> Expectation:
    """What a Chinese numeric question expects of its answer; empty for other questions."""
    if not asks_number(question) or "哪" in question:
        return Expectation()
    asked = asked_clause(question)
    words = tag_asked(asked)
    ask = ask_index(words)
    unit = _UNIT_AFTER_ASK.search(asked)
    focus = _focus(words, ask) if ask is not None else ()
    expected = Expectation(
        unit=unit.group(1) if unit else "",
        # a rate asked by its name ("覆盖率达到多少") is a ratio too: "覆盖3万人" does not state it
        ratio=bool(_RATIO_WORDS.search(asked)) or (bool(focus) and focus[-1].endswith(_RATE)),
        focus=focus,
        change=bool(_CHANGE_ASKED.search(asked)),
        stock=_names_stock(question) and not asks_flow(question),
        flow=asks_flow(question) and not _names_stock(question),
    )
    if expected.unit or expected.change or expected.ratio:
        return expected
    # "入境旅游收入是多少" asks an amount of money: "入境游客111万" does not state one; so does "多少钱"
    counted = words[ask + 1][0] if ask is not None and ask + 1 < len(words) else ""
    implied = next(
        (unit for head, unit in IMPLIED_UNITS.items() if expected.head.endswith(head) or counted == head), ""
    )
    return replace(expected, unit=implied)
