"""The text that leads into a list — the sentence before its first item — and a list name made from it."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Article, Paragraph, Section
from ..segment import split_sentences
from ..text import CLOSE_QUOTES, SENTENCE_END
from .words import Words

LONG_LEAD = 30  # a lead sentence longer than this names its list by its closing clauses
MIN_NAME = 4
LEAD_WINDOW = 300  # characters looked at around a marker: a lead or a sentence longer than this is cut
SENTENCE = re.compile(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{CLOSE_QUOTES}]*|$)")  # as ``split_sentences`` cuts


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph with where each starts: ``split_sentences`` with offsets."""
    spans = []
    for m in SENTENCE.finditer(text):
        sentence = m.group(0)
        stripped = sentence.strip()
        if stripped:
            spans.append((m.start() + len(sentence) - len(sentence.lstrip()), stripped))
    return spans


def numbered_sections(article: Article) -> Iterator[tuple[int, Section]]:
    """Each section with the index of its first paragraph in ``article.paragraphs`` (what a ``Span`` counts)."""
    first = 0
    for section in article.sections:
        yield first, section
        first += len(section.paragraphs)


def lead_name(lead: str, words: Words) -> str:
    """A lead sentence as a list name: its closing clauses when the sentence is long (…，主要做了以下工作：)."""
    lead = lead.strip("：:，。； ")
    if len(lead) <= LONG_LEAD:
        return lead
    name = ""
    for clause in reversed([c for c in re.split(r"[，,]", lead) if c]):
        if len(name) >= MIN_NAME or len(clause) + len(name) > LONG_LEAD:
            break
        name = f"{clause}，{name}" if name else clause
    return name if len(name) >= MIN_NAME else words.tail(lead, LONG_LEAD).lstrip("》」』”）)")


def sentence_at(text: str, pos: int) -> str:
    """The sentence around ``pos``, looking no further than ``LEAD_WINDOW`` characters either way."""
    low, high = max(0, pos - LEAD_WINDOW), min(len(text), pos + LEAD_WINDOW)
    start = max(text.rfind(ch, low, pos) for ch in "。！？；")
    ends = [i for i in (text.find(ch, pos, high) for ch in "。！？；") if i >= 0]
    return text[(start + 1 if start >= 0 else low):(min(ends) + 1 if ends else high)].strip()


def sentence_before(paras: tuple[Paragraph, ...], para: int, start: int) -> str:
    """The sentence just before ``start`` in ``paras[para]``, else the one ending the paragraph before."""
    before = paras[para].text[max(0, start - LEAD_WINDOW):start].strip()
    if not before and para > 0:
        before = paras[para - 1].text[-LEAD_WINDOW:]
    sentences = split_sentences(before)
    return sentences[-1] if sentences else ""
