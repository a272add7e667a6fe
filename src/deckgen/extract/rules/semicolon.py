"""A colon list of ；-separated clauses after a lead that announces it: 主要预期目标是：A；B；C。 主要是：A；B；C。

The parts run from the colon to the end of the sentence, one per ；; each item is its part's first clause, or the
whole part when short (``trim_item``). The list is named by the lead without its verb (今年发展主要预期目标); a lead
that is only the verb (主要是：) takes its name from the sentence before it (我们的工作还存在许多不足，…。主要是：).
Two parts make a list only when a counted name in the lead names it (总的战略安排是分两步走：A；B。).

A lead that does not announce (全会指出了百年奋斗的历史意义：) still makes one when three or more parts open with the
same words (党的百年奋斗改变了…；党的百年奋斗开辟了…；党的百年奋斗展示了…): a parallel run after a colon names itself.
"""
from __future__ import annotations

import re

from ...models import Article
from ...segment import split_sentences
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean, trim_item
from ..leads import MIN_NAME, lead_name
from .colon import announces, colon_name, quotation

# a lead clause from a sentence start to the colon, then the parts to the end of the sentence
COLON_SENTENCE = re.compile(r"(?:^|(?<=[。！？；]))(?P<lead>[^。！？；：:]{2,80})[：:](?P<body>[^。！？：:]{4,1200})(?:[。！？]|$)")
MIN_PARTS = 3
MAX_PART = 160  # characters of one ；-part: longer is prose, not an item
CONFIDENCE = 0.6
MIN_OPENING = 2  # characters every part opens with, for a lead that does not announce


def opens_alike(parts: list[str]) -> bool:
    """Whether three or more parts open with the same ``MIN_OPENING`` characters or more."""
    opening = parts[0].strip()[:MIN_OPENING]
    return len(parts) >= MIN_PARTS and len(opening) == MIN_OPENING and all(p.strip().startswith(opening) for p in parts)


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    for pi, para in enumerate(article.paragraphs):
        for m in COLON_SENTENCE.finditer(para.text):
            lead = m.group("lead").strip()
            parts = [p for p in m.group("body").split("；") if clean(p)]
            if not (announces(lead) or opens_alike(parts)) or quotation(m.group("body")) or len(parts) < 2 \
                    or any(len(p) > MAX_PART for p in parts):
                continue
            items = [clean(trim_item(p, ctx.words)) for p in parts]
            if any(len(i) < 2 for i in items):
                continue
            name = colon_name(lead, ctx)
            if len(name) < MIN_NAME:
                before = split_sentences(para.text[:m.start()])
                name = lead_name(before[-1], ctx.words) if before else name
            found.append(Candidate(
                name=name or lead, kind="enumerated", items=tuple(items), span=Span(pi, m.start("body")),
                line=para.line, context=m.group(0), confidence=CONFIDENCE, item_contexts=tuple(parts), lead=lead,
                needs_name=len(parts) < MIN_PARTS))
    return found
