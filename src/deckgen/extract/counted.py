"""Counted names (六个必须坚持, 五治融合, 三严三实) and the items their wording ties to them.

A counted name states how many items it has, and its shape says what the items
look like: the items of 四个意识 all contain 意识, those of 五治融合 all contain 治,
those of 三严三实 contain 严 or 实 (``name_keys``). That is what separates a real
tie from a chance one in a long report, where every count from two to ten occurs
many times over:

* items before the name — 资源、需求、服务“三个清单”; …“小嫩芽”关爱在前的“四小工作法”;
  A、B、C、D的四个X. The chain must end right at the name;
* items inside the name's quotes, separated by dashes — 村—镇—县“三级联动”;
* items after the name as same-shaped clauses that carry the name's key —
  以政治强引领…以法治筑平安…, also as the closing clause of later sentences.

Names tied to an enumeration (一是…二是…) are matched in ``extract`` through the
enumeration's lead; ``name_count`` and ``name_keys`` are shared with it.
"""
from __future__ import annotations

import re

from ..models import Article
from ..normalize import ITEM_START
from ..segment import split_sentences
from ..text import HAN_RE, NUMERAL_CHARS, chinese_number, match_key, strip_quotes
from .items import clean, split_items, trim_item
from .lists import FoundList
from .words import head_words, tagged_words, tail_words

N = NUMERAL_CHARS
UNITS = "个项大条种类位者级小张批场篇份步件点"
COUNTED_NAME = re.compile(rf"^(?P<n>[{N}]{{1,2}}|\d{{1,2}}(?=[{UNITS}]))(?P<unit>[{UNITS}])?(?P<rest>\S+)$")
COMPOUND_PART = re.compile(rf"([{N}])([^{N}]+)")  # 三升一降 = 三升 + 一降, 三去一降一补, 三严三实
SERIES = re.compile(rf"[{N}]个")  # 两个基地、两个枢纽、两个网络: several names, not one
QUOTED_NAME = re.compile(r"“([^“”]{2,12})”")
# A、B、C“三个清单”: a chain of 、-separated parts ending right at the name
BEFORE_ITEMS = re.compile(r"(?P<items>[^，。；：、]{1,40}(?:、[^，。；：、]{1,14})+(?:(?:和|及|与|以及)[^，。；：、]{1,12})?)$")
DASH_ITEMS = (  # “村—镇—县”三级联动 and 村—镇—县“三级联动”
    re.compile(rf"“(?P<items>[^“”—]{{1,6}}(?:—[^“”—]{{1,6}}){{1,9}})”(?P<name>[{N}][^，。；、“”]{{1,10}})"),
    re.compile(rf"(?P<items>[^“”—，。；、]{{1,6}}(?:—[^“”—，。；、]{{1,6}}){{1,9}})“(?P<name>[{N}][^“”]{{1,10}})”"),
)
# A、B、C、D的四个X: an unquoted counted name right after 的, ending at punctuation
UNQUOTED_AFTER_DE = re.compile(rf"的(?P<name>[{N}]{{1,2}}[个项大条种][\u4e00-\u9fff]{{1,6}}?)(?=[，。；、：]|$)")
# A、B和C三大问题 / “A、B、C”五个环节 / A、B与C的四联增效措施: an unquoted count right after a chain; the name is the
# count and the words after it (``unquoted_name``)
UNQUOTED_COUNT = re.compile(rf"(?<![{N}第每这那几数百千万“\d.．])(?P<n>[{N}]{{1,2}}|\d{{1,2}}(?=[{UNITS}]))(?P<unit>[{UNITS}]?)"
                            rf"(?=[\u4e00-\u9fff])")  # 三大问题, 5个方面: a count written in digits needs its unit
MAX_UNQUOTED_COUNT = 10  # 二十大报告, 党的十九大: an ordinal, not a count
NAME_TAIL = 4  # characters of words kept after 三大 / 五个: 问题, 环节, 清单
NAME_END_FLAGS = set("vpcudrfmqt")  # verbs and function words: 开展, 推进; 为, 和
NAME_STOP = set("为和与及的是在等以对中上下了着都也又并而将把被从向到给让使由于之其")
CHAIN_BEFORE = re.compile(r"[、”]|(?:和|及|与)[^、，。；]{1,14}$")
# “两本两证”制度，即A、B和C、D: the items spelled out right after the name
MAX_AFTER_ITEM = 12
AFTER_ITEMS = re.compile(r"^[”]?[^，。；：“”]{0,4}[，,]?(?:即|也就是|就是|分别是|包括)[：:]?(?P<items>[^。；：！？]{4,120})")
CLAUSE_SPLIT = re.compile(r"[，,：；。]")
PARALLEL_WINDOW = 15  # sentences after a name searched for its same-shaped items
MAX_PARALLEL_ITEM = 12
MAX_PREFIX = 200  # characters before a name searched for its items (the chain pattern allows no more)


def name_count(name: str) -> int | None:
    """The number a name states: 六个必须坚持 → 6, 三个一 → 3, 三升一降 → 4, 三严三实 → 6, 五治融合 → 5.

    None when the name states no count of items (三结三联三服务 repeats a numeral without naming parts).
    """
    key = match_key(name)
    if key.endswith("位一体"):
        return chinese_number(key[0])  # 五位一体: five in one, not 5 + 1
    if _compound_parts(key):
        return sum(chinese_number(n) or 0 for n, _ in _compound_parts(key)) or None
    m = COUNTED_NAME.match(key)
    if not m or (m.group("unit") is None and any(ch in N for ch in m.group("rest"))) \
            or SERIES.search(m.group("rest")):
        return None
    return _number(m.group("n"))


def _number(text: str) -> int | None:
    """三 → 3, 5 → 5: a count written in Chinese numerals or in digits."""
    return int(text) if text.isdigit() else chinese_number(text)


def _compound_parts(key: str) -> list[tuple[str, str]]:
    """三严三实 → (三, 严), (三, 实); empty unless the whole name is numeral + one character, repeated.

    四个一批 is four batches, not 四个 + 一批: a part "个" is a unit, not a part.
    """
    parts = COMPOUND_PART.findall(key)
    if len(parts) >= 2 and "".join(n + rest for n, rest in parts) == key \
            and all(len(r) == 1 and r != "个" for _, r in parts):
        return parts
    return []


def name_keys(name: str) -> tuple[str, ...]:
    """What every item of a counted name contains, when its shape says: 四个意识 → 意识, 五治融合 → 治, 三严三实 → 严, 实.

    Empty when the shape says nothing (五位一体, 三个一, a long descriptive name).
    """
    key = match_key(name)
    if key.endswith("位一体"):
        return ()
    parts = _compound_parts(key)
    if parts:
        if all(n == "一" for n, _ in parts):
            return ()  # 一县一业: one industry for each county, not items
        return tuple(dict.fromkeys(rest for _, rest in parts))
    m = COUNTED_NAME.match(key)
    if not m or not HAN_RE.match(m.group("rest")) or any(ch in N for ch in m.group("rest")):
        return ()
    rest = m.group("rest")
    if m.group("unit") is None:
        return (rest[0],)  # 五治融合, 三农: numeral + one character the items share
    return (rest,) if len(rest) <= 4 else ()


def unquoted_name(text: str, start: int, end: int, user_dict: str | None = None) -> str:
    """The name an unquoted count at ``text[start:end]`` opens: the count and the nouns after it.

    三大问题为导向 → 三大问题, 五大优势和作用逻辑 → 五大优势, 三份清单推进 → 三份清单: a function word or a verb after
    the first word ends the name. Without a unit (四联增效措施) the name runs to the punctuation.
    """
    tail = re.match(r"[\u4e00-\u9fff]{1,8}", text[end:])
    if not tail:
        return text[start:end]
    if text[end - 1] not in UNITS:
        return text[start:end] + head_words(tail.group(0), NAME_TAIL + 2, user_dict)
    kept = ""
    for i, (word, flag) in enumerate(tagged_words(tail.group(0), user_dict)):
        if word in NAME_STOP or len(kept) + len(word) > NAME_TAIL or (i and flag[:1] in NAME_END_FLAGS and flag != "vn"):
            break
        kept += word
    if len(kept) > 2 and kept[-1] in "内中外上下间里":
        kept = kept[:-1]  # 四大流域内 → 四大流域
    return text[start:end] + kept


def unquoted_counted_names(text: str) -> list[tuple[str, int, int]]:
    """Unquoted counted names with a unit (四项机制, 三大问题, 五个环节) in a short text: (name, count, start)."""
    found = []
    for m in UNQUOTED_COUNT.finditer(text):
        if not m.group("unit"):
            continue
        name = unquoted_name(text, m.start(), m.end())
        count = name_count(name)
        if count and 2 <= count <= MAX_UNQUOTED_COUNT and len(name) >= 3 and not text[:m.start()].endswith("党的"):
            found.append((name, count, m.start()))
    return found


def _has_key(item: str, keys: tuple[str, ...]) -> bool:
    return any(k in item for k in keys)


# ---------------------------------------------------------------- items before the name

def items_before(prefix: str) -> tuple[list[str], bool] | None:
    """资源、需求、服务 from the text right before a name; also whether the chain ended in 等 (a partial list)."""
    prefix = prefix[-MAX_PREFIX:].rstrip("“")
    m = BEFORE_ITEMS.search(prefix[:-1] if prefix.endswith("的") else prefix)
    if not m:
        return None
    raw = m.group("items").split("、")
    raw[-1:] = _split_last(raw[-1])
    if any(quoted_counted_names(part) for part in raw):
        return None  # 增强“四个意识”、坚定“四个自信”、做到“两个维护”: a series of names, not items
    partial = raw[-1].endswith("等")
    raw[-1] = raw[-1].removesuffix("等")
    items = [clean(i) for i in raw if clean(i)]
    if len(items) < 2 or any(len(match_key(i)) < 2 for i in items):
        return None  # 东、中、西: single characters are not items a learner recites
    return _first_fitted(items), partial


def _split_last(part: str) -> list[str]:
    """The last part of a chain at its joiner (资源、需求和服务); with several joiners, at the one giving the most
    even halves (多元协作不通畅和在地参与不充分: 与 is inside a word, not a joiner)."""
    cuts = [(m.start(), m.end()) for m in re.finditer(r"以及|和|及|与", part) if 0 < m.start() and m.end() < len(part)]
    if not cuts:
        return [part]
    start, end = min(cuts, key=lambda c: abs(c[0] - (len(part) - c[1])))
    return [part[:start], part[end:]]


def _first_fitted(items: list[str]) -> list[str]:
    """The first item of a chain cut to the length of the longest other: 建立村—镇—县 → 村, 镇, 县."""
    longest = max(len(match_key(i)) for i in items[1:])
    return [clean(tail_words(strip_quotes(items[0]), longest)), *items[1:]]


def _before_confidence(items: list[str], count: int, keys: tuple[str, ...], partial: bool) -> float:
    """How sure a chain before a name is its items: the count agrees, the items carry the name's key."""
    keyed = bool(keys) and all(_has_key(i, keys) for i in items)
    if len(items) == count:
        return 0.9 if keyed else (0.85 if count > 2 else 0.0)  # two parts before a 两个… name prove little
    if keyed:
        return 0.6
    if count < 3 or len(items) < 3:
        return 0.0
    return 0.5 if partial or abs(len(items) - count) == 1 else 0.4  # kept, marked as a count mismatch


# ---------------------------------------------------------------- items after the name

def _parallel_items(sentences: list[str], name: str, count: int) -> list[str] | None:
    """``count`` same-length clauses carrying the name's key, each opening or closing a following sentence."""
    keys = name_keys(name)
    if not keys:
        return None
    name_key = match_key(name)
    groups: dict[int, list[str]] = {}
    for sentence in sentences:
        clauses = [c for c in CLAUSE_SPLIT.split(sentence) if c]
        for clause in dict.fromkeys(clauses[:1] + clauses[-1:]):
            key = match_key(clause)
            if 3 <= len(key) <= MAX_PARALLEL_ITEM and _has_key(key, keys) and name_key not in key \
                    and not ITEM_START.match(clause):
                groups.setdefault(len(key), []).append(clean(clause))
    for clauses in groups.values():
        distinct = list(dict.fromkeys(clauses))
        if len(distinct) == count and _same_edge(distinct):
            return distinct
    return None


def _same_edge(clauses: list[str]) -> bool:
    """Parallel clauses open or close alike: 以政治强引领, 以法治筑平安 (以…); 推进政治建设, 推进法治建设."""
    return len({c[0] for c in clauses}) == 1 or len({c[-1] for c in clauses}) == 1


# ---------------------------------------------------------------- the rule

def counted_lists(article: Article) -> list[FoundList]:
    """Counted names with items before them, inside dashed quotes, or as same-shaped clauses after them."""
    found = []
    paras = article.paragraphs
    sentences = [(pi, s) for pi, p in enumerate(paras) for s in split_sentences(p.text)]
    for si, (pi, sentence) in enumerate(sentences):
        line = paras[pi].line
        for m in (m for regex in DASH_ITEMS for m in regex.finditer(sentence)):
            name = m.group("name")
            found.append(FoundList(name, name_count(name), "counted", tuple(_first_fitted(m.group("items").split("—"))),
                                   article.index, sentence, line, 0.8, "counted:dashed", pi * 10000 + m.start()))
        named = [(m.group(1), m.start(), "counted:before") for m in QUOTED_NAME.finditer(sentence)]
        named += [(m.group("name"), m.start() + 1, "counted:before-unquoted")
                  for m in UNQUOTED_AFTER_DE.finditer(sentence)]
        taken = {start for _, start, _ in named}
        for m in UNQUOTED_COUNT.finditer(sentence):
            before = sentence[max(0, m.start() - 16):m.start()].removesuffix("的")
            if m.start() in taken or m.start() - 1 in taken or not CHAIN_BEFORE.search(before) \
                    or not ("、" in sentence[max(0, m.start() - MAX_PREFIX):m.start()] or before.endswith("”")):
                continue  # cheap filter: a chain of items or a quote must end right here
            named.append((unquoted_name(sentence, m.start(), m.end()), m.start(), "counted:before-chain"))
        opener = NAMED_NEXT.match(sentence)
        previous = sentences[si - 1][1] if si and sentences[si - 1][0] == pi and opener else ""
        if previous.endswith("”。"):  # 即“A，B，C”。这三条原则…: the name opens the sentence after the quote
            named += [(name, opener.end(), "counted:before-chain")
                      for name, _, start in unquoted_counted_names(sentence[opener.end():opener.end() + 16])
                      if start == 0 and not sentence[:opener.end()].endswith("“")]
        for name, start, rule in named:
            count = name_count(name)
            if count is None or count < 2:
                continue
            prefix = previous + sentence[:start] if previous and start <= 3 else sentence[:start]
            hit = _tie(name, count, prefix, [s for _, s in sentences[si + 1:si + 1 + PARALLEL_WINDOW]], rule,
                       sentence[start + len(name) + 1:] if rule == "counted:before" else "")
            if hit is not None:
                items, confidence, rule_used = hit
                found.append(FoundList(name, count, "counted", tuple(items), article.index, sentence, line,
                                       confidence, rule_used, pi * 10000 + start))
    return found


def items_after(after: str, count: int) -> list[str] | None:
    """“两本两证”制度，即A、B和C、D: ``count`` short parts spelled out right after a name, up to the next clause."""
    m = AFTER_ITEMS.match(after)
    if not m:
        return None
    chain = re.split(r"[，,]", m.group("items"), maxsplit=1)[0]
    items = [clean(i) for part in chain.split("、") for i in _split_last(part)]
    if len(items) != count or any(not 2 <= len(match_key(i)) <= MAX_AFTER_ITEM for i in items):
        return None
    return items


AFTER_FIRST_ITEM = re.compile(r"^[”]?[，,：:](?P<item>[^，,；。！？“”]{2,60}(?:[，,][^；。！？]{0,60})?)；$")


def items_after_semicolons(after: str, following: list[str], count: int,
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
    if keys and all(_has_key(f, keys) and 3 <= len(match_key(f)) <= 2 * MAX_AFTER_ITEM for f in firsts):
        return firsts
    items = [clean(trim_item(s.rstrip("；。"))) for s in raw]
    if any(not 2 <= len(match_key(i)) <= 2 * MAX_AFTER_ITEM for i in items):
        return None
    return items


# “讲政治，顾大局，守规矩”三条要求 / 即“A，B，C”。这三条原则: a quote of parts right before the name
QUOTE_BEFORE = re.compile(r"“(?P<items>[^“”]{4,160})”[。]?(?:这|这些|上述|以上)?[“]?$")
MAX_QUOTED_PART = 20


def items_in_quote(prefix: str, count: int) -> list[str] | None:
    """The ``count`` parts of the quote that ends right before a name, split at its coarsest separator."""
    m = QUOTE_BEFORE.search(prefix[-MAX_PREFIX:])
    if not m:
        return None
    parts = split_items(m.group("items"), count)
    if len(parts) != count or any(not 2 <= len(HAN_RE.findall(p)) <= MAX_QUOTED_PART for p in parts):
        return None
    return parts


def _tie(name: str, count: int, prefix: str, following: list[str], rule: str,
         after: str = "") -> tuple[list[str], float, str] | None:
    """The items a counted name is tied to: a quote of parts or a chain right before it, spelled out right after it
    (…，即A、B、C), else same-shaped clauses after it."""
    quoted = items_in_quote(prefix, count) if count >= 2 else None
    if quoted:
        return quoted, 0.85, "counted:quoted-before"
    before = items_before(prefix)
    if before is not None:
        items, partial = before
        keys = name_keys(name)
        confidence = _before_confidence(items, count, keys, partial)
        if rule == "counted:before-chain":
            # an unquoted name needs more: the count agrees, and a name without a unit (四联) is the items' key
            keyed = bool(keys) and all(_has_key(i, keys) for i in items)
            unit = COUNTED_NAME.match(match_key(name))
            if len(items) != count or partial or not (keyed or (unit and unit.group("unit"))):
                confidence = 0.0
        if confidence > 0:
            return items, confidence, rule
    if rule == "counted:before-chain":
        return None
    spelled = items_after(after, count) if after else None
    if not spelled and after:
        spelled = items_after_semicolons(after, following, count, name_keys(name))
    if spelled:
        keys = name_keys(name)
        return spelled, 0.9 if keys and all(_has_key(i, keys) for i in spelled) else 0.85, "counted:after"
    if rule == "counted:before-unquoted":
        return None
    items = _parallel_items(following, name, count)
    return (items, 0.8, "counted:parallel-clauses") if items else None


# ---------------------------------------------------------------- parallel openings: 务必A，务必B，务必C

OPENING_SPLITS = ("clauses", "parts")  # 务必A、B，务必C、D: clauses first; then 必须坚持A、必须坚持B
MIN_OPENING_RUN = 3
MAX_OPENING_ITEM = 20  # Han characters in one clause of the run
MAX_OPENING_PREFIX = 6  # what the first clause may carry before the shared opening: 全党同志, 必须
# the next sentence names the run: 这五条重大原则 / 这“六个必须坚持” / 上述三项举措
NAMED_NEXT = re.compile(r"^(?:这|这些|上述|以上)[“”]?")
OPENING_FLAGS = set("vd")  # the shared word is a verb or a modal (务必, 坚持, 必须), not a noun (政治立场、政治方向)
OPENING_RUN = 0.55  # an unnamed run of items of one length: the shape of a formulation (坚持人民至上，坚持自信自立)
OPENING_RUN_NAMED = 0.85
# clauses and 、-parts of a sentence; a double dash ends one too (提出“三个聚焦”——聚焦A、聚焦B), a single dash does not
RUN_CLAUSES = r"(?:[^，,；;：:—]|(?<!—)—(?!—))+"
RUN_PARTS = r"(?:[^，,；;：:、—]|(?<!—)—(?!—))+"


def _opening(clauses: list[str], user_dict: str | None = None) -> tuple[str, int, int] | None:
    """The longest run of clauses opening on one word of two or more characters: (word, first, end).

    The first clause may carry a few characters before the word (全党同志务必…, 必须坚持…).
    """
    best = None
    i = 0
    while i < len(clauses) - 1:
        nxt = clauses[i + 1]
        if i + 2 >= len(clauses) or clauses[i + 2][:2] != nxt[:2]:
            i += 1  # cheap filter before the tagger: a run needs two clauses after the first opening alike
            continue
        word, flag = next(iter(tagged_words(nxt[:6], user_dict)), ("", ""))
        if len(word) < 2 or not HAN_RE.match(word) or flag[:1] not in OPENING_FLAGS or ITEM_START.match(nxt):
            i += 1
            continue
        head = clauses[i].find(word)
        if not 0 <= head <= MAX_OPENING_PREFIX or len(clauses[i]) - head <= len(word) + 1:
            i += 1  # the word too far in, or closing the clause (提出“三个聚焦”：聚焦A…): the run opens on the next
            continue
        end = i + 1
        while end < len(clauses) and clauses[end].startswith(word):
            end += 1
        if end - i >= MIN_OPENING_RUN and (best is None or end - i > best[2] - best[1]):
            best = (word, i, end)
        i = end
    return best


def _run_name(sentence: str, run_start: int, following: str, count: int, items: list[str]) -> str | None:
    """A counted name of ``count`` items naming the run: before it in its sentence (提出了“三个务必”的要求：…), or
    opening the next sentence (即A、B、C。这“三个X”… / 这三条原则)."""
    names = [(n, c) for n, c in quoted_counted_names(sentence[:run_start])]
    names += [(n, c) for n, c, _ in unquoted_counted_names(sentence[:run_start])]
    m = NAMED_NEXT.match(following)
    if m:
        head = following[:24]
        names += [(n, c) for n, c in quoted_counted_names(head[:m.end() + 14]) if head.find(n) <= m.end() + 1]
        if not following[:m.end()].endswith("“"):
            names += [(n, c) for n, c, start in unquoted_counted_names(head[m.end():]) if start == 0]
    for name, c in reversed(names):
        if c == count:
            return name
    return None


def opening_runs(article: Article, user_dict: str | None = None) -> list[FoundList]:
    """Three or more clauses of one sentence opening on the same word: 务必A，务必B，务必C; 即“坚持A，坚持B，…”.

    Named by a counted name of that many items before the run in its sentence or opening the next sentence (这五条
    重大原则). An unnamed run counts only when its items are of one length, the shape of a formulation (坚持人民至上，
    坚持自信自立，…); it is named by its shared word.
    """
    found = []
    paras = article.paragraphs
    for pi, para in enumerate(paras):
        sentences = split_sentences(para.text)
        offset = 0
        for si, sentence in enumerate(sentences):
            start_in_para = para.text.find(sentence, offset)
            offset = max(offset, start_in_para)
            if sentence.count("，") + sentence.count("、") + sentence.count("；") < MIN_OPENING_RUN - 1:
                continue
            for split in OPENING_SPLITS:
                spans = [(m.start(), m.end()) for m in re.finditer(RUN_PARTS if split == "parts" else RUN_CLAUSES,
                                                                  sentence)]
                clauses = [strip_quotes(sentence[a:b]).strip("。！？：: ") for a, b in spans]
                run = _opening(clauses, user_dict)
                if run is None:
                    continue
                word, first, end = run
                items = [clauses[first][clauses[first].find(word):], *clauses[first + 1:end]]
                if any(len(HAN_RE.findall(i)) > MAX_OPENING_ITEM or len(i) <= len(word) + 1 for i in items):
                    break
                following = sentences[si + 1] if si + 1 < len(sentences) else \
                    (split_sentences(paras[pi + 1].text)[0] if pi + 1 < len(paras) and paras[pi + 1].text else "")
                name = _run_name(sentence, spans[first][0], following, len(items), items)
                if not name and len({len(match_key(i)) for i in items}) != 1:
                    break  # an unnamed run of uneven clauses is as often prose: no list, not even a candidate
                found.append(FoundList(
                    name or word, name_count(name) if name else None, "counted" if name else "enumerated",
                    tuple(clean(i) for i in items), article.index, sentence, para.line,
                    OPENING_RUN_NAMED if name else OPENING_RUN, "opening-run",
                    pi * 10000 + max(0, start_in_para) + spans[first][0], lead=sentence[:spans[first][0]]))
                break
    return found


def quoted_counted_names(text: str) -> list[tuple[str, int]]:
    """Every quoted counted name in ``text`` with its count, in order."""
    names = []
    for m in QUOTED_NAME.finditer(text):
        count = name_count(m.group(1))
        if count and count >= 2:
            names.append((m.group(1), count))
    return names
