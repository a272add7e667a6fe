"""Unquoted term rules: names a text does not quote but whose shape or sentence marks them as coined.

* counted names (八大行动, 十大产业集群) and coinages joined by "+" (1+N政策体系, 5G+工业互联网, 互联网+政务);
* names fused with Latin letters (GEP核算, FT账户试点): an acronym that political writing does not use widely
  (the background table says which do: GDP, AI);
* a quoted core and the nouns and counts fused to it (三张“零关税”清单), as a candidate beside the core;
* unquoted parallel runs of three or more same-shaped parts (事务共商、发展共促、成果共享) as low-confidence
  candidates: a run like that is often plain prose.
"""
from __future__ import annotations

import re
from collections import Counter

from ..text import HAN_RE
from .background import Background
from .found import Found
from .names import unquoted_name
from .quoted import quoted
from .words import Words

# 八大行动, 十大产业集群: numeral + 大 + a name; 一大批 is "a large batch", not a count
UNQUOTED_COUNTED = re.compile(r"(?<![一二两三四五六七八九十百千万第])([二两三四五六七八九十]大)([\u4e00-\u9fff]{2,8})")
# a party congress the document names by its ordinal: 党的九大, 党的七大和八大, 第十次全国代表大会
CONGRESS = re.compile(r"党的(?P<chain>[一二三四五六七八九十]{1,3}大(?:[和、][一二三四五六七八九十]{1,3}大)*)"
                      r"|第(?P<nth>[一二三四五六七八九十]{1,3})次全国代表大会")
# 1+N政策体系, 5G+工业互联网, 互联网+政务: parts joined by "+", one of them made of digits or Latin letters
COINED = re.compile(r"(?<![0-9A-Za-z+＋])([0-9A-Za-z]+|[\u4e00-\u9fff]{2,8})((?:[+＋][0-9A-Za-z]+)*[+＋])"
                    r"([0-9A-Za-z]+[\u4e00-\u9fff]{0,8}|[\u4e00-\u9fff]{2,8})")
COINED_HEAD = 4  # Han characters kept before "+": 互联网, 党建
COINED_TAIL = 5  # Han characters kept after it: 政策体系, 工业互联网
UNQUOTED_NAME = 0.55
MAX_COUNTED_TERM = 8  # characters of an unquoted counted term with its head noun: 三大标志性战役
# 事务共商、发展共促、成果共享: three or more same-length parts in a row
PARALLEL = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}")
PARALLEL_CONFIDENCE = 0.4
# GEP核算, FT账户: two to six capitals, not Roman numerals (II类, IV类), not fused to digits (PM2.5, G60), and the
# Chinese word after them; an acronym alone (ESI, CPTPP) is only a candidate
LATIN = re.compile(r"(?<![A-Za-z0-9.+＋])(?P<acronym>[A-Z]{2,6})(?![A-Za-z0-9.+＋])(?P<tail>[\u4e00-\u9fff]{0,8})")
ROMAN = re.compile(r"[IVX]+")
LATIN_TAIL = 4  # Han characters kept after the acronym: 核算, 账户试点
LATIN_FUSED = 0.55
LATIN_ALONE = 0.45


def congresses(text: str) -> frozenset[str]:
    """The party congresses a document names by ordinal, as 九大: there 九大开幕, 九大路线 is that congress, no count."""
    found = set()
    for m in CONGRESS.finditer(text):
        found.update(re.split("[和、]", m.group("chain")) if m.group("chain") else [m.group("nth") + "大"])
    return frozenset(found)


def unquoted_names(sentence: str, words: Words, congress: frozenset[str] = frozenset()) -> list[Found]:
    """八大行动 and 1+N政策体系 in a sentence, each cut at a word boundary; not a congress of the document
    (``congresses``: 九大开幕 where it names 党的九大)."""
    found = []
    for m in UNQUOTED_COUNTED.finditer(sentence):
        if m.group(1) in congress:
            continue
        name = _with_head(unquoted_name(sentence, m.start(1), m.end(1), words), sentence[m.start(1):], words)
        if name and len(name) > len(m.group(1)):
            found.append(name)
    for m in COINED.finditer(sentence):
        head, joiner, tail = m.groups()
        if HAN_RE.match(head):
            head = words.tail(head, COINED_HEAD)
        latin = re.match(r"[0-9A-Za-z]*", tail).group(0)
        tail = latin + words.head(tail[len(latin):], COINED_TAIL)
        if HAN_RE.search(head + tail) or any(ch.isalpha() for ch in head + tail):
            found.append(head + joiner + tail)
    return [Found(name, UNQUOTED_NAME, "unquoted-name") for name in found]


def _with_head(name: str, text: str, words: Words) -> str | None:
    """A counted name cut at its length before its head noun (a dictionary noun), extended to it (三大标志性 → 三大标志性战役), or none
    when the head would make it longer than ``MAX_COUNTED_TERM``."""
    after = words.tagged(text[len(name):len(name) + MAX_COUNTED_TERM])
    if not after or after[0][1] != "n" or not words.frequency(after[0][0]):
        return name  # a dictionary noun: 战役, not jieba's guess 补链 of 补链延链
    return name + after[0][0] if len(name) + len(after[0][0]) <= MAX_COUNTED_TERM else None


def parallel_slogans(sentence: str, words: Words) -> list[Found]:
    """Unquoted runs like 事务共商、发展共促、成果共享 whose parts share length and a character position."""
    found = []
    for m in PARALLEL.finditer(sentence):
        parts = m.group(0).split("、")
        parts[0] = parts[0][-len(parts[1]):]  # 推动事务共商: the verb before the run is not part of it
        if len({len(p) for p in parts}) != 1 or len(parts[0]) < 3:
            continue
        if any(len({p[i] for p in parts}) == 1 for i in range(len(parts[0]))):
            found.append(Found("、".join(parts), PARALLEL_CONFIDENCE, "parallel"))
    return found


def latin_names(text: str, words: Words, background: Background) -> list[Found]:
    """GEP核算, VEP核算, FT账户: an acronym and the Chinese word it is fused to most often in the document (GEP核算
    of GEP核算结果, GEP核算地方标准 and GEP智能核算子系统); the acronym alone (ESI) as a candidate.
    Acronyms common in political writing (GDP, AI) are not coined."""
    fused: dict[str, Counter[str]] = {}
    for m in LATIN.finditer(text):
        acronym = m.group("acronym")
        if ROMAN.fullmatch(acronym) or background.common(acronym):
            continue
        head = _first_word(m.group("tail"), words)
        fused.setdefault(acronym, Counter())[head] += 1
    found = []
    for acronym, heads in fused.items():
        named = [head for head in heads if head]
        if named:  # the most frequent; of equals, the first
            found.append(Found(acronym + max(named, key=heads.__getitem__), LATIN_FUSED, "latin"))
        found.append(Found(acronym, LATIN_ALONE, "latin"))  # ESI全球排名: the fused word may be what it ranks
    return found


def _first_word(tail: str, words: Words) -> str:
    """The noun an acronym is fused to: the first word of two or more characters, or two words (FT账户试点 → 账户);
    nothing when a verb or a function word follows (CPI涨幅也未, GDP比重较 keep only a noun)."""
    if not tail:
        return ""
    kept = ""
    for word, flag in words.tagged(tail[:LATIN_TAIL + 2]):
        if flag[:1] not in "nv" or (flag[:1] == "v" and flag != "vn") or len(kept) + len(word) > LATIN_TAIL:
            break
        kept += word
        if len(kept) >= 2:
            break
    return kept if len(kept) >= 2 else ""



QUALIFIED = re.compile(r"“([^“”]{1,12})”")
# verbs that take a programme as their object: what stands after one and before the quote qualifies the core
ACTION = ("实施|启动|推进|开展|深化|打造|建设|构建|推行|落实|创建|探索|推动|加快|完善|健全|加强|实现|覆盖|提升|强化|做好|"
          "用好|抓好|优化|形成|发布|出台|建立|拓展|持续|全面|深入|积极|率先|纵深|聚焦")
FUNCTION = "的和与及等是在对为把将从以向由被中时年后前已"  # a function word or a time ends a qualifier
LEFT_QUALIFIER = re.compile(rf"(?:^|{ACTION}|[{FUNCTION}])((?:(?!{ACTION})[^\W\d_a-zA-Z{FUNCTION}“”]){{1,12}})$")
RIGHT_QUALIFIER = re.compile(rf"((?:(?!{ACTION})[^\W\d_a-zA-Z{FUNCTION}“”]){{1,7}})(?=[\W\d{FUNCTION}]|{ACTION}|$)")
MIN_QUALIFIER = 4  # characters around the core: 三张“零关税”清单, not “四上”企业 or “放管服”改革 (the core alone is the term)
QUALIFIED_CONFIDENCE = 0.45


# jieba flags that end a qualifier: a verb (but a verbal noun: 管理模式, 专项整治), an adverb or adverbial
# adjective (顺利收官), a preposition, a conjunction, a particle, a pronoun — 深刻感悟“…”, 真正让“小社区”调动,
# 要发挥“…”作用 qualify nothing
NOT_NOMINAL = (*"vdpcury", "ad")


def _nominal(side: str, words: Words, *, from_end: bool) -> str:
    """The words of ``side`` next to the quote that can modify a name: from the quote outwards, up to the first
    verb, adverb or function word. A verb right before the quote after a noun is that noun's activity, a
    modifier (空间治理“一张图”), where one after a verb or adverb is an action (联合成立, 深刻感悟)."""
    tagged = words.tagged(side) if side else []
    outwards = list(reversed(tagged) if from_end else tagged)
    kept: list[str] = []
    for n, (word, flag) in enumerate(outwards):
        activity = from_end and n == 0 and flag == "v" and len(outwards) > 1 and outwards[1][1].startswith("n")
        if flag.startswith(NOT_NOMINAL) and flag != "vn" and not activity:
            break
        kept.append(word)
    return "".join(reversed(kept) if from_end else kept)


def qualified_quotes(sentence: str, words: Words) -> list[Found]:
    """A quoted core with the words fused to it on either side, which together name one thing: 三张“零关税”清单,
    耕地林地园地空间治理“一张图”, “一件事”全链条专项整治 — a candidate beside the core's own quoted term. The left
    side runs back to an action verb (落实, 探索) or a clause break, the right on to one; a quantity (21万家) is no
    qualifier."""
    if "“" not in sentence:
        return []
    cores = {f.term for f in quoted(sentence, words) if f.rule == "quoted" and not f.once}
    found = []
    for m in QUALIFIED.finditer(sentence):
        if m.group(1).strip() not in cores:
            continue  # speech, a character, a scare quote: nothing to qualify
        head = sentence[max(0, m.start() - 16):m.start()]
        left = LEFT_QUALIFIER.search(re.split(r"[^\u4e00-\u9fff]", head)[-1])
        before = left.group(1) if left and not re.search(r"[0-9.]$", head[:len(head) - len(left.group(1))]) else ""
        right = RIGHT_QUALIFIER.match(sentence[m.end():])
        after = right.group(1) if right else ""
        before, after = _nominal(before, words, from_end=True), _nominal(after, words, from_end=False)
        if len(before) + len(after) >= MIN_QUALIFIER:
            found.append(Found(before + m.group(0) + after, QUALIFIED_CONFIDENCE, "qualified"))
    return found
