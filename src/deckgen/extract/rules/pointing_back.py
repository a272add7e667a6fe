"""A count that points back at the items just listed: A，B，这两个方面是统一的; A、B这两个目标已提前实现;
A是…，B是…，C是…，三者统一于….

The count opens a clause with 这 (这两个方面, 这三条) or is 者 (三者), and the items are what stands right before it in
the sentence: a 、-chain ending at the count, else the last clauses before it, one per ，/；, as many as the count.
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
from .counted import items_before

POINTER = re.compile(rf"(?P<this>这)?(?P<n>[{N}]{{1,2}})(?P<unit>个|项|条|大|种|点|者)(?=[\u4e00-\u9fff])")
CLAUSE = re.compile(r"[，；]")
MAX_COUNT = 6
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
                    name = unquoted_name(sentence, m.start("n"), m.end("unit"), ctx.words)
                count = name_count(name) or 0
                if not 2 <= count <= MAX_COUNT:
                    continue
                before = sentence[:m.start()]
                chain = items_before(before, ctx.words, count) if not before.endswith(("，", "；")) else None
                items = chain[0] if chain and not chain[1] and len(chain[0]) == count else _clauses_before(before, count)
                if items:
                    found.append(Candidate(name=name, kind="counted", items=tuple(items), span=Span(pi, at + m.start()),
                                           line=para.line, context=sentence, confidence=CONFIDENCE, count=count))
    return found
