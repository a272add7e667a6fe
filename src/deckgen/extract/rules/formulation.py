"""A named formulation whose items come right before its name: 安全、舒适、绿色、智慧的“好房子”;
相互尊重、公平正义、合作共赢的新型国际关系; “吃苦耐劳、一往无前、不达目的绝不罢休”的蒙古马精神.

A named formulation is a quoted coinage or the fixed name of a concept; items before a generic noun (…的社会心态,
…的营商环境, …的城市) are not one, nor is a series with 等 in it (…邮电等基础产业和基础设施的“瓶颈”). The fixed names are told by their shape (``CONCEPT_HEAD``, ``CONCEPT_OPENING``):
a 精神, 价值, 观 (新安全观, 价值观) or 理念, or a name opening on 社会主义 / 新型. Counted names (…的“四小工作法”) are the counted rule's.
"""
from __future__ import annotations

import re

from ...models import Article
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean, split_items
from ..leads import sentence_spans
from ..names import name_count
from .counted import items_before

QUOTED_AFTER_DE = re.compile(r"的“(?P<name>[^“”]{2,10})”")
UNQUOTED_AFTER_DE = re.compile(r"的(?P<name>[\u4e00-\u9fff]{2,10})(?=[，。；、：！？]|$)")
QUOTED_CHAIN = re.compile(r"“(?P<items>[^“”]{2,12}(?:、[^“”]{2,12}){2,})”的(?P<name>[\u4e00-\u9fff]{2,10})(?=[，。；、：！？]|$)")
CONCEPT_HEAD = re.compile(r"(?:精神|价值|观|理念)$")
CONCEPT_OPENING = re.compile(r"^(?:社会主义|新型)[\u4e00-\u9fff]{2,}$")
JOINERS = ("和", "与", "及")
MIN_ITEMS = 3
MAX_ITEM = 10  # characters of one item: longer is a clause, not a quality
QUOTED = 0.6
CONCEPT = 0.55


def _concept(name: str, ctx: Context) -> bool:
    """A fixed concept name by its shape; two names joined (主动精神和创造精神, not the 和 of 和谐) are none."""
    return bool(CONCEPT_HEAD.search(name) or CONCEPT_OPENING.match(name)) \
        and not any(word in JOINERS for word in ctx.words.cut(name))


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    for pi, para in enumerate(article.paragraphs):
        for at, sentence in sentence_spans(para.text):
            named = [(m.group("name"), m.start(), QUOTED) for m in QUOTED_AFTER_DE.finditer(sentence)]
            named += [(m.group("name"), m.start(), CONCEPT) for m in UNQUOTED_AFTER_DE.finditer(sentence)
                      if _concept(m.group("name"), ctx)]
            for name, start, confidence in named:
                if (name_count(name) or 0) >= 2:
                    continue
                before = items_before(sentence[:start], ctx.words)
                if before is None:
                    continue
                items, partial = before
                if partial or len(items) < MIN_ITEMS or any(len(i) > MAX_ITEM or "等" in ctx.words.cut(i) for i in items):
                    continue
                found.append(Candidate(name=name, kind="enumerated", items=tuple(items), span=Span(pi, at + start),
                                       line=para.line, context=sentence, confidence=confidence))
            for m in QUOTED_CHAIN.finditer(sentence):
                if not _concept(m.group("name"), ctx):
                    continue
                items = [clean(i) for i in split_items(m.group("items"), ctx.words)]
                if len(items) >= MIN_ITEMS:
                    found.append(Candidate(name=m.group("name"), kind="enumerated", items=tuple(items),
                                           span=Span(pi, at + m.start()), line=para.line, context=sentence,
                                           confidence=QUOTED))
    return found
