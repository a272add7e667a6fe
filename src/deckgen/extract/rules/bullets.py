"""Paragraphs opening with a short sentence (必须坚持人民至上。…) after a lead ending in a colon.

The form of a report that sets its points in bold at the head of each paragraph, with no numbering. Bullets after a
lead that does not announce them — a sentence (…贯穿其中的立场观点方法。) or a sub-heading ((一)加力扩内需稳增长) —
count only when they are parallel: every one opens on the same two or more characters. The unmarked lead sentences
of a report's paragraphs under a sub-heading (加大稳经济政策实施力度。…) are no list (ANNOTATION.md).
"""
from __future__ import annotations

import re

from ...models import Article
from ...normalize import NUMBERED_START, SUBHEADING
from ...segment import split_sentences
from ...text import HAN_RE
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean
from ..leads import lead_name, numbered_sections
from ..markers import heading_name

BULLET = re.compile(r"^[^，,；：:！？]{3,}。$")  # one short phrase, one sentence
SHORT_BULLET = 16
MAX_BULLETS = 30  # paragraphs after a lead searched for its bullets
MIN_BULLETS = 3
MIN_SHARED_OPENING = 2  # characters unannounced bullets share at their start
CONFIDENCE = 0.6
LEAD_KEPT = 200


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    for offset, section in numbered_sections(article):
        paras = section.paragraphs
        for i, lead in enumerate(paras):
            subheading = SUBHEADING.match(lead.text)
            announced = lead.text.endswith(("：", ":"))
            items, contexts = [], []
            for para in paras[i + 1:i + 1 + MAX_BULLETS]:
                if SUBHEADING.match(para.text) or NUMBERED_START.match(para.text) or para.text.endswith(("：", ":")):
                    break  # the next lead, or numbered items that are a list of their own
                first = split_sentences(para.text)[0]
                if BULLET.match(first) and len(HAN_RE.findall(first)) <= SHORT_BULLET:
                    if not announced and items and not _shared_opening([items[0], clean(first)]):
                        break  # the text after the last parallel bullet
                    items.append(clean(first))
                    contexts.append(first)
                elif not announced:
                    break  # unannounced bullets are consecutive paragraphs
            if len(items) < MIN_BULLETS or not (announced or _shared_opening(items)):
                continue
            if not announced and i > 0 and _shared_opening([*items, clean(split_sentences(lead.text)[0])]):
                continue  # the lead is one of them: the run started earlier
            name = heading_name(lead.text) if subheading else lead_name(split_sentences(lead.text)[-1], ctx.words)
            found.append(Candidate(
                name=name, kind="enumerated", items=tuple(items), span=Span(offset + i + 1), line=paras[i + 1].line,
                context=contexts[0], confidence=CONFIDENCE, item_contexts=tuple(contexts),
                lead=lead.text[-LEAD_KEPT:]))
    return found


def _shared_opening(items: list[str]) -> bool:
    """Whether every item opens on the same two or more characters (必须坚持人民至上。必须坚持自信自立。…)."""
    head = items[0][:MIN_SHARED_OPENING]
    return len(HAN_RE.findall(head)) == MIN_SHARED_OPENING and all(i.startswith(head) for i in items)
