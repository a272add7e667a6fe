"""A count that points back at the items just listed: A，B，这两个方面是统一的; A、B这两个目标已提前实现;
A是…，B是…，C是…，三者统一于….

The count opens a clause with 这 (这两个方面, 这三条) or is 者 (三者), and the items are what stands right before it in
the sentence: a 、-chain ending at the count, else for a count of two a pair joined by 和/与/及 (敌我矛盾和人民内部矛盾
这两类不同性质的矛盾), else the last clauses before it, one per ，/；, as many as the count. A name closing its clause
on …的 + a noun takes them (两类不同性质的矛盾).
"""
from __future__ import annotations

import re

from ...models import Article
from ...text import HAN_RE
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean
from ..leads import sentence_spans
from ..names import N, name_count, unquoted_name
from ..words import Words
from .counted import items_before, pair_before

POINTER = re.compile(rf"(?P<this>这)?(?P<n>[{N}]{{1,2}})(?P<unit>个|项|条|大|种|类|点|者)(?=[\u4e00-\u9fff])")
# what follows the unit to the clause end: a modifier, 的, and a short noun (不同性质的矛盾)
NOT_NOUN_FLAGS = set("vdpcu")  # 这两项工作的开展: a verb after 的 is no name's noun (矛盾 is tagged an, 基本点 n)
NOUN_AFTER_DE = re.compile(r"^[\u4e00-\u9fff]{1,8}的(?P<noun>[\u4e00-\u9fff]{1,4})(?=[，。；！？]|$)")
CLAUSE = re.compile(r"[，；]")
MAX_COUNT = 6  # clauses a count takes back
MAX_CHAIN_COUNT = 10  # parts of a 、-chain ending at the count (工、农、商、学、兵、政、党这七个方面)
MAX_CLAUSE = 60  # Han characters of one item clause
MIN_CLAUSE = 4
CONFIDENCE = 0.7


def _clauses_before(before: str, count: int) -> list[str] | None:
    """The last ``count`` clauses of ``before`` when ``before`` ends at a clause boundary and they are item-sized."""
    if not before.endswith(("，", "；")):
        return None
    clauses = [c for c in CLAUSE.split(before[:-1])]
    if len(clauses) < count:
        return None
    items = [clean(c) for c in clauses[-count:]]
    if any(not MIN_CLAUSE <= len(HAN_RE.findall(i)) <= MAX_CLAUSE for i in items):
        return None
    return items


def _pointed_name(sentence: str, start: int, end: int, words: Words) -> str:
    """The name a pointing count opens: to the clause end when that is …的 + a noun (两类不同性质的矛盾), else the
    count and the nouns after it (``unquoted_name``)."""
    m = NOUN_AFTER_DE.match(sentence[end:])
    if m and not any(flag[:1] in NOT_NOUN_FLAGS for _, flag in words.tagged(m.group("noun"))):
        return sentence[start:end + m.end()]
    return unquoted_name(sentence, start, end, words)


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    for pi, para in enumerate(article.paragraphs):
        for at, sentence in sentence_spans(para.text):
            for m in POINTER.finditer(sentence):
                pointed = m.group("this") or m.group("unit") == "者"
                if not pointed or (m.start() and sentence[m.start() - 1] not in "，；、”" and not m.group("this")):
                    continue  # 三者 must open its clause
                name = m.group(0)[1:] if m.group("this") else m.group(0)
                if m.group("unit") != "者":
                    name = _pointed_name(sentence, m.start("n"), m.end("unit"), ctx.words)
                count = name_count(name) or 0
                if not 2 <= count <= MAX_CHAIN_COUNT:
                    continue
                before = sentence[:m.start()]
                chain = None if before.endswith(("，", "；")) else \
                    items_before(before, ctx.words, count) or (pair_before(before, ctx.words) if count == 2 else None)
                items = chain[0] if chain and not chain[1] and len(chain[0]) == count else \
                    _clauses_before(before, count) if count <= MAX_COUNT else None
                if items:
                    found.append(Candidate(name=name, kind="counted", items=tuple(items), span=Span(pi, at + m.start()),
                                           line=para.line, context=sentence, confidence=CONFIDENCE, count=count))
    return found
