"""Programme names a report does not quote: 科技英才领航工程, 医保影像云建设行动, 10件民生实事.

* a programme head (工程, 行动, 计划, 体系 …) after a modifier of its own, as the object of a verb that launches or
  runs it (实施科技英才领航工程): the modifier, back to the verb or a clause break, is the name's distinctive part;
* a count of programmes in digits or numerals with its unit (10件民生实事, 九项行动): a name the text may spell out
  elsewhere or never.

Both are review candidates (below the default cut): a report names dozens of programmes, and most are plain
descriptions (生态保护修复工程).
"""
from __future__ import annotations

import re

from ..text import HAN_RE
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
