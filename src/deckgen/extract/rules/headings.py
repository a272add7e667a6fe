"""Numbered sub-headings set on lines of their own: 第一，…／（一）…／首先，… each heading a section, or some of
them headings and some the opening of a paragraph (a line with or without its closing 。).

They are one list, named by the heading above them that is not one of them — the part title (三、深入改革经济体制
和扩大对外开放) — else by the article's title. Runs inside the paragraphs alone are the enumeration rule's; a run here
has at least one of its markers on a heading. The top-level 一、二、 part titles carry no marker of the enumeration
table, so a report's outline never makes a list here.
"""
from __future__ import annotations

from ...models import Article, Paragraph
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean, trim_item
from ..leads import numbered_sections
from ..markers import ANNOUNCED_ONLY, find_markers, heading_name, numbered_runs

CONFIDENCE = 0.75


def _lines(article: Article) -> list[tuple[Paragraph, bool, int]]:
    """Every heading and paragraph in reading order: (line, is a heading, index in ``article.paragraphs``)."""
    lines = []
    for first, section in numbered_sections(article):
        if section.heading:
            line = section.heading_line or article.line
            lines.append((Paragraph(text=section.heading, line=line, end_line=line), True, first))
        lines += [(p, False, first + i) for i, p in enumerate(section.paragraphs)]
    return lines


def find(article: Article, ctx: Context) -> list[Candidate]:
    lines = _lines(article)
    found = []
    for run in numbered_runs(find_markers(tuple(p for p, _, _ in lines))):
        if any(m.start != 0 for m in run) or not any(lines[m.para][1] for m in run) or run[0].family in ANNOUNCED_ONLY:
            continue  # a marker inside a line's text, a run of paragraphs only (the enumeration rule's), part titles
        first = run[0]
        in_run = {m.para for m in run}
        above = next((lines[i][0].text for i in range(first.para - 1, -1, -1) if lines[i][1] and i not in in_run),
                     None)
        texts = [lines[m.para][0].text for m in run]
        items = [clean(trim_item(text[m.end:], ctx.words)) for text, m in zip(texts, run)]
        if not all(items):
            continue  # numbers standing alone ((一) on a line, its text below): not read here
        found.append(Candidate(
            name=heading_name(above or article.title), kind="enumerated",
            items=tuple(items),
            span=Span(lines[first.para][2]), line=lines[first.para][0].line, context=texts[0],
            confidence=CONFIDENCE, detail=first.family, item_contexts=tuple(texts), lead=above or article.title))
    return found
