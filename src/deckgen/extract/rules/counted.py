"""Counted names (六个必须坚持, 五治融合, 三严三实) and the items their wording ties to them.

* items before the name — 资源、需求、服务“三个清单”; …“小嫩芽”关爱在前的“四小工作法”;
  A、B、C、D的四个X. The chain must end right at the name;
* items inside the name's quotes, separated by dashes — 村—镇—县“三级联动”;
* items spelled out right after the name (…制度，即A、B和C、D; 经历了“三件大事”，A；B；C。);
* items after the name as same-shaped clauses that carry the name's key —
  以政治强引领…以法治筑平安…, also as the closing clause of later sentences;
* a pair right before a name of two — 中央和地方两个积极性, “A”、“B”双承诺 (``_tight_pair``);
* items carrying the name's key in the sentence after it or the two before it — …农业增效益、农村增活力、
  农民增收入; …稳居全国上游、…稳居全国上游；“两个稳居” (``_keyed_near``).

Names tied to an enumeration (一是…二是…) are matched by the naming pass through the enumeration's lead.
"""
from __future__ import annotations

import re

from ...models import Article
from ...normalize import ITEM_START
from ...text import HAN_RE, match_key, strip_quotes
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean, split_items, trim_item
from ..leads import sentence_spans
from ..names import (COMBINED, COUNTED_NAME, DOUBLE, N, QUOTED_NAME, UNQUOTED_COUNT, has_key, name_count, name_keys,
                     quoted_counted_names, unquoted_counted_names, unquoted_name)
from ..words import Words
from .opening_run import NAMED_NEXT

QUOTED_PART = re.compile(r"“([^“”]{2,20})”$")
# the forms of a name the rule ties items to
BEFORE = "before"  # a quoted name: “三个清单”
BEFORE_UNQUOTED = "before-unquoted"  # 的四个X
BEFORE_CHAIN = "before-chain"  # an unquoted count right after a chain: A、B和C三大问题
DASHED = 0.8
QUOTED_BEFORE = 0.85
KEYED = 0.9  # every item carries the name's key
SPELLED_AFTER = 0.85
PARALLEL_CLAUSES = 0.8
PARALLEL_LOOSE = 0.55  # one clause more or fewer than the count: kept (a source edited), the mismatch flagged
MIN_LOOSE_COUNT = 4  # a count a loose parallel run may miss by one
PAIR = 0.75
IDIOM_FLAGS = ("i", "l")  # jieba's idioms and set phrases
KEYED_NEAR = 0.75
CHAIN = re.compile(r"[^，。；：、！？“”]{2,24}(?:、[^，。；：、！？“”]{2,24})+")
KEYED_CLAUSE_SPLIT = re.compile(r"[，；。]")
LEADING_FLAGS = set("vdtm")  # verbs, adverbs, time words, numerals: 要实现, 加快, 特别是, 到2035年
HEAD = 2  # characters of a shared head noun (政策)
GOVERNING_FLAGS = set("va")  # a word opening a pair that governs both parts: 健全 (jieba: a), 完善, 加强
FIRST_PART_SLACK = 1.5  # a chain's first part may be this much longer than the one after it
ADVERB_WINDOW = 8  # characters before a name looked at for a closing adverb
ADVERB_FLAGS = ("d", "vd")
EARLIER = 2  # sentences before a name searched for its keyed items
PAIR_JOINERS = ("和", "与", "及")
# verbs whose object a count is (实现双增长, 保持两位数增长, 迈上两个台阶): what stands before them is no pair
PREDICATE_VERBS = frozenset({"实现", "保持", "形成", "达到", "取得", "迈上", "跨上", "突破", "呈现"})
FUSED_PAIR = re.compile(r"[\u4e00-\u9fff]{4}$")
PAIR_BEFORE = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,12})[和与及](?P<b>[\u4e00-\u9fff]{2,8})$")
NOT_A_PAIR = ("双双", "双向", "双边", "双方")
MAX_PAIR_ITEM = 10  # characters of each part of a pair before a name of two
# A、B、C“三个清单”: a chain of 、-separated parts ending right at the name (parts after the first up to 16 characters:
# 中国水权交易所武汉交易服务中心), or at a 的 or a 这 before it (A、B、C这“三个有利于”)
CHAIN_CLOSERS = ("的", "这")
BEFORE_ITEMS = re.compile(r"(?P<items>[^，。；：、]{1,40}(?:、[^，。；：、]{1,16})+(?:(?:和|及|与|以及)[^，。；：、]{1,12})?)$")
DASH_ITEMS = (  # “村—镇—县”三级联动 and 村—镇—县“三级联动”
    re.compile(rf"“(?P<items>[^“”—]{{1,6}}(?:—[^“”—]{{1,6}}){{1,9}})”(?P<name>[{N}][^，。；、“”]{{1,10}})"),
    re.compile(rf"(?P<items>[^“”—，。；、]{{1,6}}(?:—[^“”—，。；、]{{1,6}}){{1,9}})“(?P<name>[{N}][^“”]{{1,10}})”"),
)
# A、B、C、D的四个X: an unquoted counted name right after 的, ending at punctuation
UNQUOTED_AFTER_DE = re.compile(rf"的(?P<name>[{N}]{{1,2}}[个项大条种][\u4e00-\u9fff]{{1,6}}?)(?=[，。；、：]|$)")
CHAIN_BEFORE = re.compile(r"[、”]|(?:和|及|与)[^、，。；]{1,14}$")
# “两本两证”制度，即A、B和C、D: the items spelled out right after the name
MAX_AFTER_ITEM = 12
AFTER_ITEMS = re.compile(r"^[”]?[^，。；：“”]{0,4}[，,]?(?:即|也就是|就是|分别是|包括)[：:]?(?P<items>[^。；：！？]{4,120})")
CLAUSE_SPLIT = re.compile(r"[，,：；。]")
PARALLEL_WINDOW = 15  # sentences after a name searched for its same-shaped items
MAX_PARALLEL_ITEM = 12
MAX_PREFIX = 200  # characters before a name searched for its items (the chain pattern allows no more)
FUNCTION_FLAGS = set("upcr")  # particles, prepositions, conjunctions, pronouns: no compound's fragment
GOVERNING_STACK_FLAGS = ("v", "d")  # 加快推进 A、B、C: two or more verbs and adverbs before a chain govern it (not vn)
# A、B和C，是…的三项X: a 、-chain opening the sentence, the subject of a 是 whose predicate the counted name closes
SUBJECT_CHAIN = re.compile(r"^(?P<chain>[^，。；：“”]{2,60}、[^，。；：“”]{2,60})，?(?:都|就|正|均)?是[^，。；：、“”]{0,30}的$")
SUBJECT = 0.8
MIN_FULL_SERIES = 3  # a …等 series before an unquoted count is its items when it gives the whole count, of this or more

# ---------------------------------------------------------------- items before the name

def items_before(prefix: str, words: Words, count: int | None = None) -> tuple[list[str], bool] | None:
    """资源、需求、服务 from the text right before a name; also whether the chain ended in 等 (a partial list).

    The last part is split at its joiner (A、B和C) unless that makes one more item than the name's ``count``
    (…、维护世界和平与促进共同发展三大历史任务: the 与 is inside the third item).
    """
    prefix = prefix[-MAX_PREFIX:].rstrip("“")
    m = BEFORE_ITEMS.search(prefix[:-1] if prefix.endswith(CHAIN_CLOSERS) else prefix)
    if not m:
        return None
    raw = m.group("items").split("、")
    if count is None or len(raw) != count:
        raw[-1:] = _split_last(raw[-1], words)
    if any(quoted_counted_names(part) for part in raw):
        return None  # 增强“四个意识”、坚定“四个自信”、做到“两个维护”: a series of names, not items
    partial = raw[-1].endswith("等")
    raw[-1] = raw[-1].removesuffix("等")
    quoted = [QUOTED_PART.search(part) for part in raw]
    if len(raw) >= 2 and all(quoted):
        return [m.group(1) for m in quoted], partial  # “车路云一体化”、“智慧交通”双试点: the quotes are the items
    items = [clean(i) for i in raw if clean(i)]
    if len(items) < 2 or (any(len(match_key(i)) < 2 for i in items)
                          and not _counted_singles(items, count, partial, words)):
        return None  # 东、中、西: single characters are not items a learner recites
    return first_fitted(items, words), partial


def _counted_singles(items: list[str], count: int | None, partial: bool, words: Words) -> bool:
    """A chain of single characters the name counts in full: 工、农、商、学、兵、政、党这七个方面, 老、中、青三结合 (the
    first part fitted: …群众创造的老); not 东、中、西 without a count, a pair, nor a …等 series."""
    return not partial and count is not None and count >= MIN_FULL_SERIES and len(items) == count \
        and all(len(match_key(i)) == 1 for i in items[1:]) and len(match_key(first_fitted(items, words)[0])) == 1


def _split_last(part: str, words: Words) -> list[str]:
    """The last part of a chain at its joiner (资源、需求和服务); with several joiners, at the one giving the most
    even halves (多元协作不通畅和在地参与不充分: 与 is inside a word, not a joiner). A joiner inside a word is none
    (人与自然和谐相处: the 和 of 和谐)."""
    starts, at = set(), 0
    for word in words.cut(part):
        starts.add(at)
        at += len(word)
    cuts = [(m.start(), m.end()) for m in re.finditer(r"以及|和|及|与", part)
            if 0 < m.start() and m.end() < len(part) and m.start() in starts and m.end() in starts]
    if not cuts:
        return [part]
    start, end = min(cuts, key=lambda c: abs(c[0] - (len(part) - c[1])))
    return [part[:start], part[end:]]


def first_fitted(items: list[str], words: Words) -> list[str]:
    """The first item of a chain cut, at a word boundary, to the length of the one after it, its closest parallel:
    建立村—镇—县 → 村; 切实解决好农业、农村、农民问题 → 农业; 推翻…头上的帝国主义、封建主义 → 帝国主义.

    A cut that leaves a one-character content word at the front takes the noun before it too: jieba split a compound
    there (大力发展智能网联新能源汽车 → 智能网|联|新能源|汽车: 智能网联新能源汽车, not 联新能源汽车; but 纳入|有计划). A stack of verbs and
    adverbs opening the first item governs the whole chain and is dropped (加快推进保障性住房建设、“平急两用”公共基础设施建设、
    城中村改造 → 保障性住房建设); one verb is kept, it is often the item's own (解决人民温饱问题; 有计划、按比例)."""
    tagged = words.tagged(strip_quotes(items[0]))
    budget, start = len(match_key(items[1])), len(tagged)
    while start and (len(tagged[start - 1][0]) <= budget or start == len(tagged)):
        budget -= len(tagged[start - 1][0])
        start -= 1
    if start and start < len(tagged) - 1 and len(tagged[start][0]) == 1 and tagged[start][1][:1] not in FUNCTION_FLAGS \
            and tagged[start - 1][1].startswith("n"):
        start -= 1
    kept = tagged[start:]
    opening = 0
    while opening < len(kept) - 1 and kept[opening][1] in GOVERNING_STACK_FLAGS:
        opening += 1
    if opening >= 2 and len("".join(w for w, _ in kept[opening:])) >= 2:
        kept = kept[opening:]
    return [clean("".join(w for w, _ in kept)), *items[1:]]


def _before_confidence(items: list[str], count: int, keys: tuple[str, ...], partial: bool) -> float:
    """How sure a chain before a name is its items: the count agrees, the items carry the name's key."""
    keyed = bool(keys) and all(has_key(i, keys) for i in items)
    if len(items) == count:
        return 0.9 if keyed else (0.85 if count > 2 else 0.0)  # two parts before a 两个… name prove little
    if keyed:
        return 0.6
    if count < 3 or len(items) < 3:
        return 0.0
    return 0.5 if partial or abs(len(items) - count) == 1 else 0.4  # kept, marked as a count mismatch


# ---------------------------------------------------------------- items after the name

def _parallel_items(sentences: list[str], name: str, count: int) -> tuple[list[str], bool] | None:
    """``count`` same-length clauses carrying the name's key, each opening or closing a following sentence, and
    whether there are ``count`` of them: else one more or one fewer, for a name of four or more (五治融合 after
    an item was added to or taken from its source: a list that changes keeps its notes, its count flagged)."""
    keys = name_keys(name)
    if not keys:
        return None
    name_key = match_key(name)
    groups: dict[int, list[str]] = {}
    for sentence in sentences:
        clauses = [c for c in CLAUSE_SPLIT.split(sentence) if c]
        for clause in dict.fromkeys(clauses[:1] + clauses[-1:]):
            key = match_key(clause)
            if 3 <= len(key) <= MAX_PARALLEL_ITEM and has_key(key, keys) and name_key not in key \
                    and not ITEM_START.match(clause):
                groups.setdefault(len(key), []).append(clean(clause))
    near = None
    for clauses in groups.values():
        distinct = list(dict.fromkeys(clauses))
        if not _same_edge(distinct):
            continue
        if len(distinct) == count:
            return distinct, True
        if near is None and count >= MIN_LOOSE_COUNT and abs(len(distinct) - count) == 1:
            near = distinct
    return (near, False) if near else None


def _keyed_near(sentences: list[str], name: str, count: int, words: Words) -> list[str] | None:
    """The name's items near it, each carrying the name's key: a 、-chain of ``count`` keyed parts (（七）着力抓好
    “三农”工作…推动农业增效益、农村增活力、农民增收入), or, for a key of two or more characters, the ``count``
    clauses that hold it (…稳居全国上游、…稳居全国上游；…上继续走在前列，…上继续走在前列。“两个稳居”、“两个继续
    走在前列”…). ``sentences`` are searched nearest first."""
    keys = name_keys(name)
    if not keys:
        return None
    name_key = match_key(name)

    def carries(part: str) -> bool:
        return has_key(part, keys) and name_key not in match_key(part)

    # a part cut by its words (``_after_last_verb``, ``_without_leading_verbs``) keeps an end of itself, so a part
    # without the key is none however cut: only the chains and clauses that may qualify are tagged
    for sentence in sentences:
        for m in CHAIN.finditer(sentence):
            parts = [clean(p) for p in m.group(0).split("、")]
            if len(parts) == count and has_key(parts[0], keys) and all(map(carries, parts[1:])):
                parts[0] = _after_last_verb(parts[0], keys, words)
                if carries(parts[0]):
                    return parts
        if min(len(k) for k in keys) >= 2:
            clauses = [clean(c) for c in KEYED_CLAUSE_SPLIT.split(sentence)]
            keyed = [c for c in (_without_leading_verbs(c, words) for c in clauses if has_key(c, keys)) if carries(c)]
            if len(keyed) == count and len(set(keyed)) == count:
                return keyed
    return None


def _without_closing_adverb(prefix: str, words: Words) -> str:
    """The text before a name without an adverb between it and the items (…沙化土地面积持续“双缩减”). Only a
    dictionary adverb is looked for: tagging the window (a Viterbi pass over its unknown start) is done only when
    one closes it."""
    window = prefix[-ADVERB_WINDOW:]
    if not any(words.flag(window[-k:]) in ADVERB_FLAGS for k in range(2, len(window) + 1)):
        return prefix
    tail = words.tagged(window)
    if len(tail) >= 2 and tail[-1][1] in ADVERB_FLAGS and len(tail[-1][0]) >= 2:
        return prefix[:-len(tail[-1][0])]
    return prefix


def _after_last_verb(part: str, keys: tuple[str, ...], words: Words) -> str:
    """The first keyed part of a chain from after the last verb before its key: 时期要实现人均地区生产总值稳居全国上游
    → 人均地区生产总值稳居全国上游 (稳居, the key, is not cut at); 千方百计推动农业增效益 → 农业增效益."""
    at = min((part.find(k) for k in keys if k in part), default=-1)
    cut, offset = 0, 0
    for word, flag in words.tagged(part):
        if at >= 0 and offset >= at:
            break
        offset += len(word)
        if flag.startswith("v") or flag in ("i", "l"):
            cut = offset
    rest = part[cut:]
    return rest if len(rest) >= 2 else part


def _first_trimmed(parts: list[str], words: Words) -> list[str]:
    """The first part of a short chain without what leads into it: after its last 的 (发挥好货币政策工具的总量 →
    总量), without opening verbs (加快国家新型互联网交换 → 国家新型互联网交换) unless the part after it opens on the
    same ones (坚持四项基本原则和坚持改革开放), and, when still far longer than the part after it, cut to that part's
    length (千方百计推动农业增效益 → 农业增效益)."""
    first = parts[0]
    if "的" in first[:-2]:
        first = first[first.rindex("的") + 1:]
    if first[:2] != parts[1][:2]:
        first = _without_governing_word(_without_leading_verbs(first, words), parts[1], words)
    if len(first) > FIRST_PART_SLACK * len(parts[1]):
        first = clean(words.tail(first, len(match_key(parts[1]))))
    return [first, *parts[1:]]


def _without_governing_word(first: str, second: str, words: Words) -> str:
    """The first part of a pair without the verb (or adjective-tagged verb) that governs the whole pair, when both
    parts end on the same head (``HEAD`` characters): 健全货币政策和宏观审慎政策双支柱 → 货币政策 (健全 governs both
    政策)."""
    tagged = words.tagged(first)
    if len(tagged) >= 2 and tagged[0][1][:1] in GOVERNING_FLAGS and len(second) >= HEAD \
            and first.endswith(second[-HEAD:]) and len(first) - len(tagged[0][0]) > HEAD:
        return first[len(tagged[0][0]):]
    return first


def _without_leading_verbs(part: str, words: Words) -> str:
    """A part without the verbs, adverbs and time words that open its sentence (要实现人均…稳居全国上游 → 人均…;
    加快国家新型互联网交换 → 国家新型互联网交换), so long as two characters are left."""
    tagged = words.tagged(part)
    start = 0
    while start < len(tagged) - 1 and tagged[start][1][:1] in LEADING_FLAGS:
        start += 1
    rest = "".join(w for w, _ in tagged[start:])
    return rest if len(rest) >= 2 else part


def _same_edge(clauses: list[str]) -> bool:
    """Parallel clauses open or close alike: 以政治强引领, 以法治筑平安 (以…); 推进政治建设, 推进法治建设."""
    return len({c[0] for c in clauses}) == 1 or len({c[-1] for c in clauses}) == 1



# ---------------------------------------------------------------- the rule

def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    paras = article.paragraphs
    sentences = [(pi, at, s) for pi, p in enumerate(paras) for at, s in sentence_spans(p.text)]
    words = ctx.words
    for si, (pi, at, sentence) in enumerate(sentences):
        line = paras[pi].line
        for m in (m for regex in DASH_ITEMS for m in regex.finditer(sentence)):
            name = m.group("name")
            found.append(Candidate(name=name, kind="counted", items=tuple(first_fitted(m.group("items").split("—"), words)),
                                   span=Span(pi, at + m.start()), line=line, context=sentence, confidence=DASHED,
                                   count=name_count(name), detail="dashed"))
        named = [(m.group(1), m.start(), BEFORE) for m in QUOTED_NAME.finditer(sentence)]
        named += [(m.group("name"), m.start() + 1, BEFORE_UNQUOTED)
                  for m in UNQUOTED_AFTER_DE.finditer(sentence)]
        taken = {start for _, start, _ in named}
        for m in UNQUOTED_COUNT.finditer(sentence):
            before = sentence[max(0, m.start() - 16):m.start()].removesuffix("的")
            fused = FUSED_PAIR.search(before)
            if m.start() in taken or m.start() - 1 in taken or not (CHAIN_BEFORE.search(before) or fused) \
                    or not ("、" in sentence[max(0, m.start() - MAX_PREFIX):m.start()] or before.endswith("”")
                            or PAIR_BEFORE.search(before) or fused):
                continue  # cheap filter: a chain of items, a quote or a pair must end right here
            named.append((unquoted_name(sentence, m.start(), m.end(), words), m.start(), BEFORE_CHAIN))
        opener = NAMED_NEXT.match(sentence)
        previous = sentences[si - 1][2] if si and sentences[si - 1][0] == pi and opener else ""
        if previous.endswith("”。"):  # 即“A，B，C”。这三条原则…: the name opens the sentence after the quote
            named += [(name, opener.end(), BEFORE_CHAIN)
                      for name, _, start in unquoted_counted_names(sentence[opener.end():opener.end() + 16], words)
                      if start == 0 and not sentence[:opener.end()].endswith("“")]
        for name, start, form in named:
            count = name_count(name)
            if count is None or count < 2:
                continue
            prefix = previous + sentence[:start] if previous and start <= 3 else sentence[:start]
            earlier = [s for p, _, s in sentences[max(0, si - EARLIER):si] if p == pi]
            hit = _tie(name, count, prefix, [s for _, _, s in sentences[si + 1:si + 1 + PARALLEL_WINDOW]], form, words,
                       sentence[start + len(name) + 1:] if form == BEFORE else "", earlier)
            if hit is not None:
                items, confidence, detail = hit
                found.append(Candidate(name=name, kind="counted", items=tuple(items), span=Span(pi, at + start),
                                       line=line, context=sentence, confidence=confidence, count=count, detail=detail))
    return found


def items_after(after: str, count: int, words: Words) -> list[str] | None:
    """“两本两证”制度，即A、B和C、D: ``count`` short parts spelled out right after a name, up to the next clause."""
    m = AFTER_ITEMS.match(after)
    if not m:
        return None
    chain = re.split(r"[，,]", m.group("items"), maxsplit=1)[0]
    items = [clean(i) for part in chain.split("、") for i in _split_last(part, words)]
    if len(items) != count or any(not 2 <= len(match_key(i)) <= MAX_AFTER_ITEM for i in items):
        return None
    return items


AFTER_FIRST_ITEM = re.compile(r"^[”]?[，,：:](?P<item>[^，,；。！？“”]{2,60}(?:[，,][^；。！？]{0,60})?)；$")


def items_after_semicolons(after: str, following: list[str], count: int, words: Words,
                           keys: tuple[str, ...] = ()) -> list[str] | None:
    """经历了“三件大事”，A；B；C。: the name's clause runs on into its first item, the others follow, one per ；.

    When the first clause of every item carries the name's key (“四个更加”：经济结构更加合理，增长动力更强；…), the items
    are those clauses: the rest of each item spells it out.
    """
    m = AFTER_FIRST_ITEM.match(after)
    if not m or len(following) < count - 1:
        return None
    rest = following[:count - 1]
    if any(not s.endswith("；") for s in rest[:-1]) or not rest[-1].endswith("。"):
        return None
    raw = [m.group("item"), *rest]
    firsts = [clean(CLAUSE_SPLIT.split(s, maxsplit=1)[0]) for s in raw]
    if keys and all(has_key(f, keys) and 3 <= len(match_key(f)) <= 2 * MAX_AFTER_ITEM for f in firsts):
        return firsts
    items = [clean(trim_item(s.rstrip("；。"), words)) for s in raw]
    if any(not 2 <= len(match_key(i)) <= 2 * MAX_AFTER_ITEM for i in items):
        return None
    return items


# “讲政治，顾大局，守规矩”三条要求 / 即“A，B，C”。这三条原则: a quote of parts right before the name
QUOTE_BEFORE = re.compile(r"“(?P<items>[^“”]{4,160})”[。]?(?:这|这些|上述|以上)?[“]?$")
MAX_QUOTED_PART = 20


def items_in_quote(prefix: str, count: int, words: Words) -> list[str] | None:
    """The ``count`` parts of the quote that ends right before a name, split at its coarsest separator."""
    m = QUOTE_BEFORE.search(prefix[-MAX_PREFIX:])
    if not m:
        return None
    parts = split_items(m.group("items"), words, count)
    if len(parts) != count or any(not 2 <= len(HAN_RE.findall(p)) <= MAX_QUOTED_PART for p in parts):
        return None
    return parts


def pair_before(prefix: str, words: Words) -> tuple[list[str], bool] | None:
    """中央和地方 right before a name: two short parts joined by 和/与/及, the first without the verbs opening it."""
    m = PAIR_BEFORE.search(prefix[-MAX_PREFIX:].removesuffix("的"))
    return (_first_trimmed([m.group("a"), m.group("b")], words), False) if m else None


def _idiom(name: str, words: Words) -> bool:
    """A counted name that is one idiom (三管齐下, 三结合): the count is the idiom's, the items the chain's."""
    tagged = words.tagged(name)
    return len(tagged) == 1 and tagged[0][1] in IDIOM_FLAGS


def _fused_pair(prefix: str, count: int, words: Words) -> list[str] | None:
    """Two two-character words fused right before a name of two, sharing a character in place: 国内国际双循环,
    统筹国内国际两个大局 → 国内, 国际 (ANNOTATION.md: a 双/两 fused into a word)."""
    m = FUSED_PAIR.search(prefix) if count == 2 else None
    if not m:
        return None
    a, b = m.group(0)[:2], m.group(0)[2:]
    tagged = words.tagged(m.group(0))
    if [w for w, _ in tagged] != [a, b] or not (a[0] == b[0] or a[1] == b[1]) \
            or any(flag.startswith("v") for _, flag in tagged):
        return None  # 深化文化“两创”: a verb and its object
    return [a, b]


def _tight_pair(items: list[str], count: int, partial: bool, prefix: str, name: str, form: str, words: Words) -> bool:
    """Two short noun parts right before a name of two that carries a unit or fuses 双 into a word: joined by
    和/与/及 (中央和地方两个积极性, 总量和结构双重功能), two quotes (“A”、“B”双承诺), or 、 before a unit or a quoted
    name (打得赢、不变质两个历史性课题; 荒漠化、沙化土地面积持续“双缩减”).

    Not a pair: 坚定不移贯彻一国两制 (no unit); 铁路、航空客运量双双超过 (双双, 双向 are no count); …国内国际双循环
    (、 before an unquoted 双); 粮食和蔬菜播种面积实现双增长 (a part ending on a verb that takes the name as its object);
    和平和发展是当代世界两大主题 (a 是 inside); 坚持和落实“两个毫不动摇” (two verbs before a quoted name: it is their object); 总路线和一整套两条腿走路的方针 (a part opening on a numeral)."""
    if count != 2 or len(items) != 2 or partial or any(not 2 <= len(match_key(i)) <= MAX_PAIR_ITEM for i in items):
        return False
    chain = prefix[-MAX_PREFIX:].removesuffix("的")
    quoted = chain.endswith(f"“{items[1]}”")
    tagged = [words.tagged(i) for i in items]
    verbs = all(len(t) == 1 and t[0][1][:1] in "va" for t in tagged)  # jieba tags 落实 a
    if any(t[0][1].startswith("m") or ("是", "v") in t for t in tagged) or (verbs and form == BEFORE) \
            or (not quoted and tagged[1][-1][0] in PREDICATE_VERBS):
        return False
    shape = COUNTED_NAME.match(match_key(name))
    if not shape or not (shape.group("unit") or (shape.group("n") == DOUBLE and len(shape.group("rest")) >= 2)) \
            or name.startswith(NOT_A_PAIR):
        return False
    joiners = PAIR_JOINERS + ("、",) if shape.group("unit") or form == BEFORE else PAIR_JOINERS
    return quoted or chain.removesuffix(items[1]).endswith(joiners)


def _subject_items(prefix: str, count: int, words: Words) -> tuple[list[str], float, str] | None:
    """阶级斗争、生产斗争和科学实验，是建设社会主义强大国家的三项伟大革命运动: the sentence opens on a chain of the name's
    count, and the name closes what the chain is (是…的). A …等 chain is no subject of this: the count would say more."""
    m = SUBJECT_CHAIN.match(prefix)
    before = items_before(m.group("chain"), words, count) if m else None
    if before is None or before[1] or len(before[0]) != count:
        return None
    return before[0], SUBJECT, "subject"


def _tie(name: str, count: int, prefix: str, following: list[str], form: str, words: Words,
         after: str = "", earlier: list[str] = ()) -> tuple[list[str], float, str] | None:
    """The items a counted name is tied to: a quote of parts or a chain right before it, spelled out right after it
    (…，即A、B、C), else same-shaped clauses after it."""
    quoted = items_in_quote(prefix, count, words) if count >= 2 else None
    if quoted:
        return quoted, QUOTED_BEFORE, "quoted-before"
    fused = _fused_pair(prefix, count, words)
    if fused:
        return fused, PAIR, "fused-pair"
    prefix = _without_closing_adverb(prefix, words)  # 荒漠化、沙化土地面积持续“双缩减”
    before = items_before(prefix, words, count) or pair_before(prefix, words)
    if before is not None:
        items, partial = before
        keys = name_keys(name)
        confidence = _before_confidence(items, count, keys, partial)
        if form == BEFORE_CHAIN:
            # an unquoted name needs more: the count agrees (a 等 closing the series only when the series gives the
            # whole count of three or more: A、B、…、J等十大新兴产业), and a name without a unit (四联) is the items'
            # key, an idiom (三管齐下) or a count of things combined (野战军、地方军和民兵三结合)
            keyed = bool(keys) and all(has_key(i, keys) for i in items)
            unit = COUNTED_NAME.match(match_key(name))
            if len(items) != count or (partial and count < MIN_FULL_SERIES) \
                    or not (keyed or (unit and unit.group("unit")) or _idiom(name, words) or COMBINED.match(match_key(name))):
                confidence = 0.0
        if _tight_pair(items, count, partial, prefix, name, form, words):
            confidence = PAIR  # 中央和地方两个积极性, 总量和结构双重功能, “A”、“B”双承诺
        if confidence > 0:
            return items, confidence, form
    if form == BEFORE_CHAIN:
        return None
    spelled = items_after(after, count, words) if after else None
    if not spelled and after:
        spelled = items_after_semicolons(after, following, count, words, name_keys(name))
    if spelled:
        keys = name_keys(name)
        return spelled, KEYED if keys and all(has_key(i, keys) for i in spelled) else SPELLED_AFTER, "after"
    if form == BEFORE_UNQUOTED:
        return _subject_items(prefix, count, words)
    parallel = _parallel_items(following, name, count)
    if parallel:
        items, exact = parallel
        return items, PARALLEL_CLAUSES if exact else PARALLEL_LOOSE, "parallel-clauses"
    items = _keyed_near(following[:1], name, count, words) or _keyed_near(earlier[::-1], name, count, words)
    return (items, KEYED_NEAR, "keyed-near") if items else None

