"""Programme names a report does not quote: 科技英才领航工程, 医保影像云建设行动, 10件民生实事, 可信数据空间.

* a programme head (工程, 行动, 计划, 体系 …) after a modifier of its own, as the object of a verb that launches or
  runs it (实施科技英才领航工程): the modifier, back to the verb or a clause break, is the name's distinctive part;
* a count of programmes in digits or numerals with its unit (10件民生实事, 九项行动): a name the text may spell out
  elsewhere or never;
* what a sentence builds (``built``): the thing before 建设, back to the verb or a break (推进可信数据空间建设,
  …等微枢纽建设), or a clause's object of 建设 at one level of government (建设省级医保影像云) — where a report names
  a new system it sets up once.

All are review candidates (below the default cut): a report names dozens of programmes, and most are plain
descriptions (生态保护修复工程, 高标准农田).
"""
from __future__ import annotations

import re

from ..text import HAN_RE
from .background import Background
from .coined import ACTION
from .found import Found
from .words import Words

HEADS = "工程|行动|计划|体系|专项|机制|平台"
# 实施科技英才领航工程: a launching verb, then the name ending in its head
LAUNCH = re.compile(rf"(?:实施|启动|推进|开展|深化|打造|建设|构建|推行|落实|创建)(?P<name>[\u4e00-\u9fff]{{3,10}}?(?:{HEADS}))")
GENERIC = set("重点重大专项工作相关有关各类全面系统提升建设发展")  # a modifier of these characters only is no name
PROGRAMME = 0.45
# 10件民生实事, 九项行动: a count, a unit of programmes and the name
COUNTED = re.compile(r"(?<![0-9.．%一二两三四五六七八九十百千万第])(?P<n>\d{1,2}|[二两三四五六七八九十]{1,2})"
                     r"(?P<unit>[件项])(?P<name>[\u4e00-\u9fff]{2,4})")
COUNTED_PROGRAMME = 0.45
NAME_FLAGS = ("n", "vn", "nz", "j")  # the name after the unit: nouns (民生实事, 行动)
GENERIC_NOUNS = {"工作", "任务", "措施", "内容", "方面", "问题", "要求", "政策", "制度", "举措", "原则"}  # 三项工作


def programmes(sentence: str, words: Words) -> list[Found]:
    """The programme names and counts of programmes in a sentence."""
    found = []
    for m in LAUNCH.finditer(sentence):
        name = m.group("name")
        modifier = re.sub(rf"(?:{HEADS})$", "", name)
        if len(modifier) >= 2 and not set(modifier) <= GENERIC and "的" not in name and "和" not in modifier:
            found.append(Found(name, PROGRAMME, "programme"))
    for m in COUNTED.finditer(sentence):
        tagged = words.tagged(m.group("name"))
        kept = ""
        for word, flag in tagged:
            if not flag.startswith(NAME_FLAGS):
                break
            kept += word
        if len(HAN_RE.findall(kept)) >= 2 and kept not in GENERIC_NOUNS:
            found.append(Found(m.group("n") + m.group("unit") + kept, COUNTED_PROGRAMME, "programme"))
    return found


# 推进可信数据空间建设: the run of characters before 建设, cut after the last action verb, conjunction or preposition in
# it (not after 中 or 年, which names hold: 党中央)
BUILT_BEFORE = re.compile(r"([\u4e00-\u9fff]{3,16})建设")
BUILT_CUT = re.compile(rf"(?:{ACTION}|[的和与及等是在对为把将从以向由被])")
# 建设省级医保影像云，: a clause ending on what it builds at one level of government
BUILT_AFTER = re.compile(r"建设(?:国家级|省级|市级|县级|区级)(?P<name>[\u4e00-\u9fff]{3,8})(?=[，。；、]|$)")
BUILT_LEN = (3, 8)  # characters of a built thing's name
NOT_FIRST = tuple("dpcurmqft")  # a name opens on no adverb, preposition, function word, number, locative or time
CLAUSE_VERB = 1000  # jieba frequency: a verb this common opening the name is the clause's (促进, 鼓励), not a modifier (可信)
BUILT = 0.4


def built(sentence: str, words: Words, background: Background) -> list[Found]:
    """The things a sentence builds whose names are no dictionary word and no stock of political writing: two
    words or more ending on a noun (可信数据空间, 微枢纽, 公安新质战斗力, 医保影像云)."""
    if "建设" not in sentence:
        return []
    names = [(BUILT_CUT.split(m.group(1))[-1], True) for m in BUILT_BEFORE.finditer(sentence)]
    names += [(m.group("name"), False) for m in BUILT_AFTER.finditer(sentence)]
    found = []
    for name, before in names:
        if not BUILT_LEN[0] <= len(name) <= BUILT_LEN[1] or words.frequency(name) or background.stock(name):
            continue
        if before and any(words.frequency(name[-k:] + "建设") for k in (1, 2, 3)):
            continue  # the 基本 of 基本建设, 学科 of 学科建设: a dictionary word holds the 建设
        tagged = words.tagged(name)
        (first, flag), (last_word, last) = tagged[0], tagged[-1]
        verb = flag.startswith("v") and flag != "vn" and words.frequency(first) >= CLAUSE_VERB
        generic = set(name[:-len(last_word)]) <= GENERIC  # 重大基础设施: a dictionary word made bigger
        if len(tagged) >= 2 and last.startswith("n") and not flag.startswith(NOT_FIRST) and not verb and not generic:
            found.append(Found(name, BUILT, "built"))
    return found
