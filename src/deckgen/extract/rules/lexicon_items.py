"""Formulations spelled out in one paragraph without their name: 增强政治意识、大局意识、核心意识、看齐意识 → 四个意识."""
from __future__ import annotations

from ...models import Article
from ...segment import split_sentences
from ..candidate import Candidate, Span
from ..context import Context
from ..lexicon import distinct, locate

CONFIDENCE = 0.7


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    formulations = distinct(ctx.lexicon)
    for pi, para in enumerate(article.paragraphs):
        for formulation in formulations:
            if not any(form in para.text for form in formulation.items[0]):
                continue
            located = locate(para.text, formulation)
            if located is None:
                continue
            start, items = located
            context = next((s for s in split_sentences(para.text) if items[0] in s), para.text)
            found.append(Candidate(name=formulation.name, kind="counted", items=tuple(items),
                                   span=Span(pi, start), line=para.line, context=context,
                                   confidence=CONFIDENCE, count=len(formulation.items)))
    return found
