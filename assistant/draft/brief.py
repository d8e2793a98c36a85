"""What a drafting request asks for, read once at the entrance into a :class:`Brief`.

A writer types one sentence: "请结合县教育局工作总结和《中华人民共和国职业教育法》，起草“深化产教
融合”一段，约300字：写明本局开展的合作…并按照职业教育法关于学校安全和学生保护的条款（写明条号）
说明依据". The brief holds the section asked for (“深化产教融合”), the layers it
is to be written in (分A、B、C三层), the key points (写明…), what the articles of a law to cite
are about (关于…的条款), whether it is the opening of a report, which part of a report's year
it wants (the review of what was done, the plans, or both), and who writes: the unit whose
own documents may be written in the first person.

Every later step reads the brief instead of parsing the request again. The words a request
is made of (起草, 约N字, 写明, 具体做法…) are data below, not what it asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.facts.numbers import ordinal_value
from assistant.text.numerals import ENUMERATOR, ITEM_LEAD, PART_NUMBER, SUBPART_NUMBER, item_numeral
from assistant.text.pos import COUNT_TAGS, ENGLISH_TAG, NOUN_TAGS, VERB_TAG
from assistant.text.segment import tag, tokenize
from assistant.text.sentences import CLAUSE_BREAK
from assistant.text.years import YEAR

# quoted titles: “…” (with ‘…’ inside), ‘…’, 「…」, "…"
_QUOTED = re.compile(r"“((?:[^“”‘’]|‘[^’]*’){2,60})”|‘([^‘’]{2,40})’|「([^」]{2,40})」|\"([^\"]{2,40})\"")
_LAYERS = re.compile(
    r"(?<![部区十百])分(?:别[讲写谈说])?(?!别)(?:为)?(.{2,90}?)(?:[两三四五六七八九十]|\d)(?:层|部分|个方面|方面|段|块|点)"
)
_POINT_VERB = re.compile(r"^(?:写明|写清|写出|涵盖|包括|交代|突出|重点写|介绍|(?:先|再|后|前半|后半|依次)写明?)")
# … and the comma clauses that go on with the list: opened by a conjunction, or nouns alone (jieba's tags: nouns,
# conjunctions, numerals and letters inside a name: "5G用户数", punctuation), the last of which may be a verb
# naming the work on them ("骨干教师培养": the 培养 of 骨干教师, where "注明出处" opens with its verb)
_LIST_GOES_ON = re.compile(r"^(?:以及|及|和|还有)")
_LISTED_TAGS = (*NOUN_TAGS, "c", "m", ENGLISH_TAG, "x")
_POINTS = re.compile(_POINT_VERB.pattern[1:] + r"([^，。；;：:！？\n（(]{2,120})")
# "按A、B、C几点列写", "从A和B两个方面写", "围绕A、B两个方面": the points the outline is to follow
# "约300字：看病就医和养老服务；学位供给；农村公路养护。": the things after a colon, one by one, are the points
# (a list of instructions after it, "先写…；再写…", is read by the verbs above)
_COLON_LIST = re.compile(r"[：:]([^。！？\n]{4,200})")
_BY_POINTS = re.compile(
    r"(?:按照?|从|围绕)([^，。；;：:！？\n（(《》]{2,90}?)(?:[两三四五六七八九十几]|\d)个?(?:点|方面)"
)
# “2026年8项惠民工程”第二、三项: items of a numbered list the request quotes, by number
_NUMBERED = re.compile(
    r"“([^“”]{2,40})”(?:中|的)?第([一二三四五六七八九十\d]+(?:[、和至到][一二三四五六七八九十\d]+)*)(?:项|件)"
)
# "依次讲：一是“提升教育服务能力”，二是“实施人才工程”": the writer's own outline, numbered as run-in items; its
# items, in the writer's order, are the draft's layers (a report may order them otherwise)
OUTLINE_STYLE = "一是"  # how the draft numbers the parts of such an outline: as the writer numbered them
_ITEMS_ASKED = re.compile(rf"(?:^|(?<=[：:，,；;。\s]))({ITEM_LEAD})[：:]?\s*(“[^“”]{{2,40}}”|[^，,；;。“”]{{2,40}})")
_ARTICLES = re.compile(r"(?:关于|中)([^，。；《》“”]{2,60}?)的(?:条款|规定|条文)")
# what joins points: "A、B和C"; not 和 after 的, which joins two modifiers of one thing ("新建的和改造的管网")
_BETWEEN_POINTS = re.compile(r"(?<!的)(?:、|以及|和|及)")
_SPLIT_AND = re.compile(r"以及|和|及|与(?=[^，。]{0,3}(?:的|$))")
# what a request says to leave out: its words name no subject, year or part of a report ("别把2024年的数字掺进来");
# 不要/不得/避免… open such an instruction only at a clause's start (a point may quote a rule: "学校不得收费的规定")
_NEGATED = re.compile(
    r"(?:不要写|不写|不得写|不得把|不包括|不含|而非"
    r"|(?:(?<=[，。；：（(])|^)(?:请|并|但|且|注意|也|更|同时)?(?:不要|不得|不必|切勿|勿|避免|别|无需|不用))[^，。；：:）)]*"
)
# a clause opening with 或 right after a blanked one: another thing to leave out
_ALTERNATIVE_LEFT_OUT = re.compile(r"(?<= [，,])或[^，,。；;：:）)]*")
# how to mark what is written, and for whom: "每个数据标注属于规划还是落实", "供分管领导审阅" (no subject words)
_ANNOTATION = re.compile(
    r"(?:注明|标明|标注|(?:(?<=[，。；：（(])|^)供)[^，。；：:）)]*"
)  # 供 of 学位供给 is no audience
_ONLY = re.compile(r"只写([^，。；）)]*)")
_ABOUT = re.compile(r"关于([^，。；]{2,30}?)的(?:综述|总结|回顾|分析|对比|比较|材料|情况|汇报|段落|说明|要点)")
_DRAFT_WHAT = re.compile(r"起草(?:一段|一节|一份)?([^，。；“”《》]{2,30}?)(?:，|。|$)")
# the words of a request about writing, not about its subject
_TAILS = (
    re.compile(r"(?:与|和|及|、)?(?:具体)?(?:做法|举措|措施|数字|数据|情况|成效|规定|要求|内容|条号|出处|依据|任务)$"),
    re.compile(r"(?:的|等|之)$"),
    re.compile(r"(?:主要|具体|有关|相关|各项)$"),
    re.compile(r"(?:[两三四五六七八九十\d]+个|几个|各个)?方面$"),
)
_REQUEST = r"(?:具体|主要|有关)?(?:做法|举措|措施|数字|数据|情况|成效|要求)"
_NOT_POINTS = re.compile(
    rf"^(?:第几条|条号|出处|年份|主要|具体|有关|相关|各项|以下|如下|下列|上述|这几|这些)$"
    rf"|^{_REQUEST}(?:(?:和|与|及|、){_REQUEST})*$"
)
# a point that only says which part of the year ("2024年实绩", "2025年计划与实绩", "2026年安排") is a period, not a subject
# ("A、B的安排和完成情况": 完成 is the results asked of A and B)
_ONLY_PERIOD = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:度)?|[两三四五六七八九十]年|当年|五年|的|和|与|及|、"
    r"|实绩|完成|计划|安排|目标|成效|成就|任务|工作|情况|数据)+$"
)
_ASIDE = re.compile(r"[（(][^（）()]*[)）]")  # "（写明条号）": a note on how to write
# the kinds of account a request asks of its subject; the verb right before one ("发展情况", "建设成效") is the
# request's frame, not its subject
ACCOUNT_WORDS = frozenset("情况 成效 进展 成果 成绩 态势 综述 目标".split())  # what kind of statement is asked
# a quoted title is the section asked for when the request says so: “…”一节, 起草一段“…”, …的“…”
# (matched at the quote's end: ``match(text, pos)`` anchors there, where a ``^`` never matches but at 0)
_SECTION_AFTER = re.compile(r"\s*(?:一小节|一节|一段|一部分|部分|一层|一项|段落|这一节|这一段)")
# … and the section the draft is written from: “…”一段为据, “…”一节为主
_SOURCE_AFTER = re.compile(r"\s*(?:一节|一段|一部分|部分|段落|这一节|这一段)?\s*(?:为据|为主|为依据|为基础)")
# … or a section word after a quote in a clause naming its source: "依据《某意见》“…”部分"
_FROM_SOURCE = re.compile(r"(?:请)?(?:依据|根据|以|按照|参照)")
_NUMBERED_TITLE = re.compile(rf"^(?:{SUBPART_NUMBER}|{PART_NUMBER})")  # "（三）…", "三、…": a report's own section
_HOLDS_NEXT = re.compile(r"\s*(?:中|里)")
# … or a paragraph named by its opening words, inside a section the request names first: "“（二）…”里以“…”开头的那一段"
_OPENING_AFTER = re.compile(r"\s*(?:开头|起头|开始)的(?:那|这)?一?(?:小节|节|段|部分|内容)")
_SECTION_BEFORE = re.compile(r"(?:起草|撰写|拟写|一段|一节|一份|的|中)\s*$")
_REVIEW = re.compile(r"成效|成就|实绩|回顾|总结|完成|以来|取得|进展|落实情况|发展情况|五年")
_PLAN = re.compile(r"安排|任务|目标|计划|打算|部署|展望|重点举措|重点工作")
# the opening asked for is what a clause says to write ("为述职报告起草开篇导语"), or the request's first clause names;
# "…在报告开篇已经列出" says where something already stands
_OPENING = re.compile(r"开篇|开头|导语|引言")
WRITE_VERB = re.compile(r"起草|写")  # 撰写, 拟写 and 写明 hold 写
_UNIT = r"(?:教育局|政府办公厅|人民政府|办公厅|办公室|委员会|局|厅|委|办|政府|中心|学校|部门)"
_AS_UNIT = (re.compile(rf"以(.{{2,24}}?{_UNIT})(?:的)?名义"), re.compile(rf"代(.{{2,24}}?{_UNIT})(?:起草|撰写|拟写)"))
_FOR_UNIT = re.compile(rf"为(?!《)([^，。；：、\s“”《》]{{2,24}}?{_UNIT})")
_FIRST_PERSON = re.compile(r"本县|本局|本区|本市|本省|本单位|我局|我县|我区|我市|我省")
_COMPARE = re.compile(r"对比|比较|两省|两市|纵向|横向")
_GENRES = {"述职": "述职报告"}
# the words that name a kind of document in a request, by the document type the metadata gives
KIND_WORDS = {
    "政府工作报告": ("政府工作报告",),
    "述职报告": ("述职",),
    "意见": ("意见",),
    "方案": ("方案",),
    "指引": ("指引",),
    "通知": ("通知",),
}
_KIND = re.compile("|".join(w for words in KIND_WORDS.values() for w in words) + "|报告")
NAMING_WINDOW = 40  # characters before a kind of document in which its places, issuers and years are named
_TITLES = re.compile(r"《[^》]*》")
# words of a request about the writing itself, not its subject (jieba tokens)
REQUEST_WORDS = frozenset(
    "起草 撰写 拟写 一段 一节 一份 部分 段落 约 字 写明 写清 写出 注明 标明 出自 出处 为据 根据 结合 依据 按照 "
    "材料 学习 学习材料 综述 举措 数字 数据 做法 具体 情况 方面 主要 引用 考察 报告 工作 工作报告 政府 "
    "政府工作报告 述职 述职报告 分别 不得 不要 混淆 年份 一年 每个 依次 说明 条款 条号 写成 请 两份 对比 比较 "
    "使用 有关 相关 内容 要求 规定 前半 后半 先写 再写 只写 外出 供 县教育局 教育局 名义 代 人民政府 办公厅 "
    "区分 当年 以来 时期 各自 两省 年度 纵向 横向 成效 成就 回顾 展望 安排 重点 任务 目标 计划 实绩 总结 "
    "全县 本县 本局 本区 开展 情况汇报 汇报 专题 一层 三层 分层 关于 具体做法 涵盖 交代 前半写 后半写 作为 每层 "
    "完整 写本 成本 法条 四个 分析 哪一年 两年 以及 供县 考察报告 收尾 资料 局长 第二 第几 标明 注明 每个 数字 "
    "一段 综述 比较 对比 两省 年度 字数 完成 对照 参考 摘要 今年 去年 明年".split()
)  # a request that writes this genre writes from the knowledge base's documents of that type


@dataclass(frozen=True)
class Writer:
    """Who the draft speaks for: a unit, and whether the request makes its own documents the material."""

    unit: str = ""  # "广州市天河区教育局", "山东省人民政府办公厅", "县教育局"
    explicit: bool = False  # 以…名义, 代…起草, 本县/本局…, or a genre of one's own (述职报告)
    genre: str = ""  # a document type of the knowledge base the draft is written as ("述职报告")


@dataclass(frozen=True)
class Brief:
    topic: str
    section: str = ""  # the title asked for: ‘建强师资队伍，夯实教育发展根基’
    layers: tuple[str, ...] = ()  # 分“A”“B”“C”三层写
    outlined: bool = False  # the layers are the writer's numbered outline (一是“A”，二是“B”): nothing else is asked
    points: tuple[str, ...] = ()  # 写明A、B和C
    articles: tuple[str, ...] = ()  # what the articles to cite are about: 关于A和B的条款
    numbered: tuple[tuple[str, tuple[int, ...]], ...] = ()  # “…惠民工程”第二、三项: (list title, (2, 3))
    opening: bool = False  # the opening of a report (开篇导语)
    periods: frozenset[str] = field(default_factory=lambda: frozenset({"review", "plan"}))
    only_periods: frozenset[str] = frozenset()  # what an 只写 clause keeps to ("只写今年的部署": plan), else none
    writer: Writer = field(default_factory=Writer)
    compare: bool = False  # several documents side by side (对比, 两省)
    subject: str = ""  # what the draft is about, in the request's words (its section, else 关于…的综述)
    asked_years: tuple[int, ...] = ()  # years the request asks about (not those naming a document)
    terms: tuple[str, ...] = ()  # the words of what it is about, request words left out


def read_brief(topic: str, section: str = "", points: tuple[str, ...] = ()) -> Brief:
    """The brief of a request; ``section`` and ``points`` given by the caller win over what the topic says."""
    layers, outline = _layers(topic), _outline(topic)
    sources = [] if layers or outline else _source_sections(topic)
    title = quoted_title(topic)
    return Brief(
        topic=topic,
        section=section or ("" if ENUMERATOR.sub("", title) in sources else title),
        layers=tuple(layers or outline or sources),
        outlined=not layers and bool(outline),
        points=tuple(points) or tuple(key_points(topic)),
        articles=tuple(_articles(topic)),
        numbered=tuple(_numbered(topic)),
        opening=_asks_opening(topic),
        periods=_periods(topic),
        only_periods=_only_periods(topic),
        writer=_writer(topic),
        compare=bool(_COMPARE.search(topic)),
        subject=section or title or _subject(topic),
        asked_years=tuple(asked_years(topic)),
        terms=tuple(_terms(topic)),
    )


def _subject(topic: str) -> str:
    """ "…起草一段关于重庆2025年教育事业发展的综述…" → "重庆2025年教育事业发展"."""
    match = _ABOUT.search(topic) or _DRAFT_WHAT.search(topic)
    return match.group(1).strip() if match else ""


def _blank(match: re.Match) -> str:
    """Spaces as long as the match: what is cut out of a request keeps the offsets of the rest."""
    return " " * len(match.group(0))


def without_left_out(topic: str) -> str:
    """The request without what it says to leave out ("不要写2025年的成效", "别掺入五年累计数"), blanked
    in place: those words ask for no year, part of a report or subject; so are the alternatives after them ("不要把
    目标里的数字，或某省2026年报告里的数字写进来": 或 goes on saying what to leave out)."""
    blanked = _NEGATED.sub(_blank, topic)
    while (more := _ALTERNATIVE_LEFT_OUT.sub(_blank, blanked)) != blanked:
        blanked = more
    return blanked


def asked_years(topic: str) -> list[int]:
    """Years the request asks about: every written year except those naming a document ("2026年政府工作报告")."""
    topic = without_left_out(topic)
    naming = set()
    for kind in _KIND.finditer(topic):
        window = topic[max(0, kind.start() - NAMING_WINDOW) : kind.start()]
        cut = max(window.rfind(ch) for ch in "，。；：！？”") + 1
        naming |= {kind.start() - len(window) + cut + m.start() for m in YEAR.finditer(window[cut:])}
    return sorted({int(m.group(1)) for m in YEAR.finditer(topic) if m.start() not in naming})


def _terms(topic: str) -> list[str]:
    """The request's words about its subject: no titles of documents, asides, years, request words or frame verbs,
    nothing it says to leave out or how to mark, and not the unit it writes for or as (为区水务部门起草, 代某省人民政府
    办公厅起草: the writer; 民政 of 人民政府 would take every line on civil affairs)."""
    text = _ANNOTATION.sub(" ", without_left_out(_TITLES.sub(" ", topic)))
    for pattern in (*_AS_UNIT, _FOR_UNIT):
        text = pattern.sub(_blank, text, count=1)
    text = _without_frame_verbs(YEAR.sub(" ", _ASIDE.sub(" ", text)))
    return [t for t in dict.fromkeys(tokenize(text)) if t not in REQUEST_WORDS and not t.isdigit() and len(t) >= 2]


def _without_frame_verbs(text: str) -> str:
    """The text with each verb that frames a named subject blanked out.

    In "职业教育和高等教育发展情况" the subject is 职业教育 and 高等教育; 发展 says what kind of account is
    asked (as 建设 in 数字政府建设成效, 推进 in 乡村文化振兴推进情况, 覆盖 in 托育点覆盖的目标), and a report
    uses it in every other line, so as a subject word it would take all of them. A verb with no noun or verb
    before it is the subject itself ("改革进展") and stays.
    """
    pairs = tag(text)
    kept = []
    for i, (word, flag) in enumerate(pairs):
        after = i + 2 if i + 2 < len(pairs) and pairs[i + 1][0] == "的" else i + 1  # "托育点覆盖的目标"
        frames = (
            0 < i < len(pairs) - 1
            and flag.startswith(VERB_TAG)
            and pairs[after][0] in ACCOUNT_WORDS
            and pairs[i - 1][1].startswith((*NOUN_TAGS, VERB_TAG))
        )
        kept.append(" " * len(word) if frames else word)
    return "".join(kept)


def _asks_opening(topic: str) -> bool:
    """Whether the request asks for a report's opening: named in its first clause or where it says to write."""
    clauses = [c for c in CLAUSE_BREAK.split(topic) if c.strip()]
    return any(_OPENING.search(c) and (i == 0 or WRITE_VERB.search(c)) for i, c in enumerate(clauses))


def quoted_title(topic: str) -> str:
    """The quoted title the request asks to write (“…”一节, 起草一段“…”), not a 《document》 or a term; a section
    the request names as its source wins ("撰写“某省交通情况”一条，以某省报告“交通加快发展”一段为据", "依据《某意见》
    “加强师资配备”部分"): the draft's own title is the writer's, the source's is the document's."""
    source, own = _quoted_titles(topic)
    return source or own


def own_title(topic: str) -> str:
    """The title the draft is to carry when the request also names a source section ("某省交通情况" above), else ""."""
    source, own = _quoted_titles(topic)
    return own if source else ""


def _quoted_titles(topic: str) -> tuple[str, str]:
    """(the section the request names as its source, the first other quoted title it asks to write)."""
    source = own = ""
    for match in _QUOTED.finditer(topic):
        title = next(g for g in match.groups() if g).strip()
        clause = re.split(r"[，,。；;：:]", topic[: match.start()])[-1]
        if _OPENING_AFTER.match(topic, match.end()) and topic[: match.start()].rstrip().endswith("以"):
            source = title  # the innermost section named: a paragraph of the one named before it
        elif not source and (
            _SOURCE_AFTER.match(topic, match.end())
            or (_SECTION_AFTER.match(topic, match.end()) and _FROM_SOURCE.match(clause))
        ):
            source = title
        elif not own and (
            _SECTION_AFTER.match(topic, match.end())
            or _SECTION_BEFORE.search(topic[max(0, match.start() - 4) : match.start()])
        ):
            own = title
    return source, own


def key_points(topic: str) -> list[str]:
    """ "写明A、B和C的主要举措" (or "按A、B、C三点来写", or "约300字：A；B和C") → [A, B, C]; also an aside listing several after a
    clause saying what to write ("只写今年的安排（A、B和C）");
    article topics, what the request leaves out and request words left out."""
    if _outline(topic):
        return []  # the outline's items are the layers; its other clauses say how to write them
    points: list[str] = []
    asked = _ARTICLES.sub("", _ASIDE.sub("", topic))
    for match in _POINTS.finditer(asked):
        points += split_points(match.group(1))
        for clause in _listed_on(asked[match.end() :]):
            points += split_points(clause)
    for phrase in _BY_POINTS.findall(asked):
        points += split_points(phrase)
    for listed in _COLON_LIST.findall(asked):
        segments = re.split(r"[；;]", listed)
        if len(segments) >= 2 and not any(WRITE_VERB.search(segment) for segment in segments):
            points += split_points(listed)
    unsaid = without_left_out(topic)
    for aside in _ASIDE.finditer(unsaid):
        listed = split_points(_POINT_VERB.sub("", aside.group(0)[1:-1]))
        points += listed if len(listed) >= 2 and _asks_writing(_clause_before(unsaid, aside.start())) else []
    return list(dict.fromkeys(points))


def _outline(topic: str) -> list[str]:
    """The items of the writer's own numbered outline ("一是“甲”，二是“乙”"), from 一是 on in order, when there are two
    or more: the layers the draft is written in, in the writer's order (a report may order them otherwise)."""
    items: list[str] = []
    for match in _ITEMS_ASKED.finditer(without_left_out(topic)):
        if match.group(1) != f"{item_numeral(len(items))}是":
            break
        items.append(strip_tail(match.group(2).strip("“”")))
    return items if len(items) >= 2 else []


def _clause_before(text: str, end: int) -> str:
    return text[max(text.rfind(ch, 0, end) for ch in "，。；：！？") + 1 : end]


def _asks_writing(clause: str) -> bool:
    """Whether a clause says what to write ("只写今年的安排", "写明“三项指标”"): an aside after it lists points; one
    after a remark on the documents ("报告里有几项和去年的数字相近（甲、乙等）") gives examples of what to keep apart."""
    return bool(WRITE_VERB.search(clause) or _POINTS.search(clause))


def _listed_on(rest: str) -> list[str]:
    """The comma clauses after a list of points that go on listing ("写明公路投资，铁路通车里程，光纤用户数"): each
    opens with 以及/及/和, or is made of nouns alone; the first clause that says anything else ("篇幅较短",
    "注明出处") ends the list."""
    listed = []
    for clause in re.split(r"[，,]", re.split(r"[。；;：:！？\n（(]", rest, maxsplit=1)[0])[1:]:
        tags = [flag for word, flag in tag(strip_tail(clause)) if word.strip()]
        if not (_LIST_GOES_ON.match(clause) or _names_things(tags)):
            break
        listed.append(_LIST_GOES_ON.sub("", clause))
    return listed


def _names_things(tags: list[str]) -> bool:
    """Nouns alone, or nouns and then the verb of the work on them (tags of a clause read without its 的-tail)."""
    nouns = tags[:-1] if len(tags) >= 2 and tags[-1].startswith(VERB_TAG) else tags
    return bool(nouns) and all(f.startswith(_LISTED_TAGS) for f in nouns)


def split_points(text: str) -> list[str]:
    """ "A、B和C等规定" → [A, B, C]; also splits on ；; and new lines."""
    points = []
    for part in re.split(r"[；;\n]+", text):
        part = strip_tail(ENUMERATOR.sub("", part.strip(" ，,。")))
        pieces = [part] if "关于" in part else [strip_tail(p) for p in _BETWEEN_POINTS.split(part)]
        points += [p for p in pieces if len(p) >= 2 and not _NOT_POINTS.match(p) and not _ONLY_PERIOD.match(p)]
    return [p for p in points if not _only_counts(p)]


def _only_counts(text: str) -> bool:
    """Whether the words only count ("只介绍一次" read as a point: "一次"): they name nothing to write about."""
    return all(flag.startswith(COUNT_TAGS) for word, flag in tag(text) if word.strip())


def strip_tail(text: str) -> str:
    """ "家访的具体做法与数字" → "家访"; "托育三个方面的主要数字" → "托育"."""
    text = text.strip(" ，,。")
    changed = True
    while changed and text:
        changed = False
        for tail in _TAILS:
            shorter = tail.sub("", text)
            if shorter != text and len(shorter) >= 2:
                text, changed = shorter, True
    return text


def _layers(topic: str) -> list[str]:
    match = _LAYERS.search(topic)
    if not match:
        return []
    inner = match.group(1)
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(inner)]
    # one quote listing them all: "分“一、甲；二、乙；三、丙”三部分"
    quoted = [ENUMERATOR.sub("", p.strip()) for q in quoted for p in re.split(r"[；;]", q) if p.strip()]
    return quoted or [strip_tail(p) for p in re.split(r"、|和|及", inner) if len(strip_tail(p)) >= 2]


def _source_sections(topic: str) -> list[str]:
    """The numbered sections of a report the request quotes as its sources when it quotes two or more ("先用“（三）甲”
    写总的要求，再用“（六）乙”写今年的举措"), without their numbers: each is a part of the draft. A quoted section
    holding the next one ("“三、…”中“（二）…”里以…开头的一段") only says where that one is."""
    quoted = [(next(g for g in m.groups() if g).strip(), m.end()) for m in _QUOTED.finditer(topic)]
    holding = {title for title, end in quoted if _HOLDS_NEXT.match(topic, end)}
    found = [ENUMERATOR.sub("", t) for t, _ in quoted if _NUMBERED_TITLE.match(t) and t not in holding]
    found = list(dict.fromkeys(found))
    return found if len(found) >= 2 else []


def _numbered(topic: str) -> list[tuple[str, tuple[int, ...]]]:
    """ "参照附表“2026年8项惠民工程”第二、三项" → [("2026年8项惠民工程", (2, 3))]; "第三至五项" is 3, 4, 5."""
    found = []
    for match in _NUMBERED.finditer(topic):
        numbers: list[int] = []
        for piece in re.split(r"、|和", match.group(2)):
            ends = [e for n in re.split(r"至|到", piece) if (e := ordinal_value(n)) is not None]
            if ends:
                numbers += range(ends[0], ends[-1] + 1)
        if numbers:
            found.append((match.group(1), tuple(numbers)))
    return found


def _articles(topic: str) -> list[str]:
    """ "关于学校安全和学生保护的条款" → [学校安全, 学生保护]."""
    found = []
    for phrase in _ARTICLES.findall(topic):
        for part in _SPLIT_AND.split(phrase):
            pieces = [p for p in part.split("、") if p]
            found += pieces if len(pieces) > 1 and all(len(p) >= 4 for p in pieces) else [part]
    return [p.strip() for p in dict.fromkeys(found) if len(p.strip()) >= 2]


def _periods(topic: str) -> frozenset[str]:
    """ "review" (what was done), "plan" (what will be), or both when the request says neither or both."""
    text = without_left_out(topic)
    if only := _ONLY.search(text):
        text = only.group(1)
    return _periods_named(text) or frozenset({"review", "plan"})


def _only_periods(topic: str) -> frozenset[str]:
    """The periods an 只写 clause names ("只写今年的部署": plan): they hold whatever years the rest of the request
    mentions ("报告也写了2025年的完成情况，这里只写今年的安排")."""
    only = _ONLY.search(without_left_out(topic))
    return _periods_named(only.group(1)) if only else frozenset()


def _periods_named(text: str) -> frozenset[str]:
    return frozenset(name for name, words in (("review", _REVIEW), ("plan", _PLAN)) if words.search(text))


def _writer(topic: str) -> Writer:
    genre = next((g for word, g in _GENRES.items() if word in topic), "")
    for pattern in _AS_UNIT:
        if match := pattern.search(topic):
            return Writer(match.group(1), True, genre)
    unit = match.group(1) if (match := _FOR_UNIT.search(topic)) else ""
    # "不要写本县的成绩" keeps the writer's own documents out: it does not make them the material
    return Writer(unit, bool(genre or _FIRST_PERSON.search(without_left_out(topic))), genre)
