"""The counted-name grammar: 六个必须坚持, 五治融合, 三严三实, 三升一降 — what number a name states and what its items share.

A counted name states how many items it has, and its shape says what the items
look like: the items of 四个意识 all contain 意识, those of 五治融合 all contain 治,
those of 三严三实 contain 严 or 实 (``name_keys``). That is what separates a real
tie from a chance one in a long report, where every count from two to ten occurs
many times over. Every rule that reads a count uses this module.
"""
from __future__ import annotations

import re

from ..text import HAN_RE, NUMERAL_CHARS, chinese_number, match_key
from .words import Words

N = NUMERAL_CHARS
UNITS = "个项大条种类位者级小张批场篇份步件点维座"
DOUBLE = "双"  # 双承诺, 双重功能: a count of two fused into the word
COUNTED_NAME = re.compile(rf"^(?P<n>[{N}]{{1,2}}|{DOUBLE}|\d{{1,2}}(?=[{UNITS}]))(?P<unit>[{UNITS}])?(?P<rest>\S+)$")
COMPOUND_PART = re.compile(rf"([{N}])([^{N}]+)")  # 三升一降 = 三升 + 一降, 三去一降一补, 三严三实
# 四算合一, 三结合, 五治融合: a count of things combined, with the one character its items share (算, 治) or none
COMBINED = re.compile(rf"^(?P<n>[{N}])(?P<key>[\u4e00-\u9fff]?)(?:合一|结合|融合|并举|并重|联动)$")
SERIES = re.compile(rf"[{N}]个")  # 两个基地、两个枢纽、两个网络: several names, not one
QUOTED_NAME = re.compile(r"“([^“”]{2,12})”")
# A、B和C三大问题 / “A、B、C”五个环节 / A、B与C的四联增效措施: an unquoted count right after a chain; the name is the
# count and the words after it (``unquoted_name``)
UNQUOTED_COUNT = re.compile(rf"(?<![{N}{DOUBLE}第每这那几数百千万“\d.．])(?P<n>[{N}]{{1,2}}|{DOUBLE}|\d{{1,2}}(?=[{UNITS}]))(?P<unit>[{UNITS}]?)"
                            rf"(?=[\u4e00-\u9fff])")  # 三大问题, 5个方面: a count written in digits needs its unit
MAX_UNQUOTED_COUNT = 10  # 二十大报告, 党的十九大: an ordinal, not a count
MAX_KEY = 6  # a counted name's words this long are what its items share: 四个意识, 两个继续走在前列
NAME_TAIL = 4  # characters of words kept after 三大 / 五个: 问题, 环节, 清单
NAME_END_FLAGS = set("vpcudrfmqt")  # verbs and function words: 开展, 推进; 为, 和
NAME_STOP = set("为和与及的是在等以对中上下了着都也又并而将把被从向到给让使由于之其")


def name_count(name: str) -> int | None:
    """The number a name states: 六个必须坚持 → 6, 三个一 → 3, 三升一降 → 4, 三严三实 → 6, 五治融合 → 5.

    None when the name states no count of items (三结三联三服务 repeats a numeral without naming parts).
    """
    key = match_key(name)
    if key.endswith("位一体"):
        return chinese_number(key[0])  # 五位一体: five in one, not 5 + 1
    combined = COMBINED.match(key)
    if combined:
        return chinese_number(combined.group("n"))  # 四算合一: four in one, not 4 + 1
    if compound_parts(key):
        return sum(chinese_number(n) or 0 for n, _ in compound_parts(key)) or None
    m = COUNTED_NAME.match(key)
    if not m or (m.group("unit") is None and any(ch in N for ch in m.group("rest"))) \
            or SERIES.search(m.group("rest")):
        return None
    return _number(m.group("n"))


def _number(text: str) -> int | None:
    """三 → 3, 5 → 5, 双 → 2: a count written in Chinese numerals or in digits."""
    if text == DOUBLE:
        return 2
    return int(text) if text.isdigit() else chinese_number(text)


def compound_parts(key: str) -> list[tuple[str, str]]:
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
    combined = COMBINED.match(key)
    if combined:
        return (combined.group("key"),) if combined.group("key") else ()  # 四算合一 → 算; 三结合: nothing shared
    parts = compound_parts(key)
    if parts:
        if all(n == "一" for n, _ in parts):
            return ()  # 一县一业: one industry for each county, not items
        return tuple(dict.fromkeys(rest for _, rest in parts))
    m = COUNTED_NAME.match(key)
    if not m or m.group("n") == DOUBLE or not HAN_RE.match(m.group("rest")) or any(ch in N for ch in m.group("rest")):
        return ()  # 双循环, 双承诺: the word says nothing of what its two parts share
    rest = m.group("rest")
    if m.group("unit") is None:
        return (rest[0],)  # 五治融合, 三农: numeral + one character the items share
    return (rest,) if len(rest) <= MAX_KEY else ()


def unquoted_name(text: str, start: int, end: int, words: Words) -> str:
    """The name an unquoted count at ``text[start:end]`` opens: the count and the nouns after it.

    三大问题为导向 → 三大问题, 五大优势和作用逻辑 → 五大优势, 三份清单推进 → 三份清单: a function word or a verb after
    the first word ends the name. Without a unit (四联增效措施) the name runs to the punctuation.
    """
    tail = re.match(r"[\u4e00-\u9fff]{1,8}", text[end:])
    if not tail:
        return text[start:end]
    if text[start:end] == DOUBLE:  # 双循环在更高水平…: a word of three or more opening on 双 is the name
        word = words.cut(text[start:start + NAME_TAIL + 4])[0]
        if len(word) >= 3:
            return word
    if text[end - 1] not in UNITS:  # 四联增效措施; 三结合的统一的…体制 → 三结合 (a 的 ends it)
        return text[start:end] + words.head(tail.group(0), NAME_TAIL + 2).partition("的")[0]
    kept = ""
    for i, (word, flag) in enumerate(words.tagged(tail.group(0))):
        if word in NAME_STOP or len(kept) + len(word) > NAME_TAIL or (i and flag[:1] in NAME_END_FLAGS and flag != "vn"):
            break
        kept += word
    if len(kept) > 2 and kept[-1] in "内中外上下间里":
        kept = kept[:-1]  # 四大流域内 → 四大流域
    return text[start:end] + kept


def unquoted_counted_names(text: str, words: Words) -> list[tuple[str, int, int]]:
    """Unquoted counted names with a unit (四项机制, 三大问题, 五个环节) in a short text: (name, count, start)."""
    found = []
    for m in UNQUOTED_COUNT.finditer(text):
        if not m.group("unit"):
            continue
        name = unquoted_name(text, m.start(), m.end(), words)
        count = name_count(name)
        if count and 2 <= count <= MAX_UNQUOTED_COUNT and len(name) >= 3 and not text[:m.start()].endswith("党的"):
            found.append((name, count, m.start()))
    return found



def has_key(item: str, keys: tuple[str, ...]) -> bool:
    """Whether an item carries one of a name's keys (``name_keys``)."""
    return any(k in item for k in keys)


def quoted_counted_names(text: str) -> list[tuple[str, int]]:
    """Every quoted counted name in ``text`` with its count, in order."""
    names = []
    for m in QUOTED_NAME.finditer(text):
        count = name_count(m.group(1))
        if count and count >= 2:
            names.append((m.group(1), count))
    return names
