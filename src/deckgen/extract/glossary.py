"""A report's glossary appendix: 名词解释 / 名词注释 / 注释.

Government reports end with numbered notes that give the official reading of
their coined names ("1.“三去一降一补”：去产能、去库存、去杠杆、降成本、补短板。",
"［17］四个一批：谋划一批、开工一批、建设一批、竣工一批。"). Each note gives a term its
definition; a note that spells out the parts of a counted name is that list too.
Nothing else in the appendix is study material, so the other rules never read it
(the engine hands them the article without its glossary sections; see ``body``).
"""
from __future__ import annotations

import re

from ..models import Article, Section
from ..text import strip_quotes
from .candidate import Candidate, Span
from .context import Context
from .items import split_items
from .names import name_count

GLOSSARY_HEADING = re.compile(r"^(?:名词解释|名词注释|注\s*释|名词解释和注释)$")
ENTRY = re.compile(r"^(?:[［\[]\d{1,3}[］\]]|\d{1,3}[.．、]|[（(]\d{1,3}[)）])\s*(?P<term>[^：:。]{1,30})[：:](?P<definition>.+)$")


def glossary_sections(article: Article) -> set[int]:
    """Indexes of the article's glossary sections."""
    return {i for i, s in enumerate(article.sections) if s.heading and GLOSSARY_HEADING.match(s.heading.strip())}


def body(article: Article) -> Article:
    """``article`` without its glossary sections: what every rule but the glossary's reads.

    A glossary closes its report, so the paragraphs before it keep their indexes.
    """
    skip = glossary_sections(article)
    if not skip:
        return article
    kept: tuple[Section, ...] = tuple(s for i, s in enumerate(article.sections) if i not in skip)
    return Article(index=article.index, source=article.source, title=article.title, author=article.author,
                   untitled=article.untitled, sections=kept, line=article.line)


def glossary_entries(article: Article) -> list[tuple[str, str, int, int]]:
    """(term, definition, line, paragraph index) of every note in the article's glossary sections."""
    entries = []
    para_index = 0
    glossary = glossary_sections(article)
    for i, section in enumerate(article.sections):
        for para in section.paragraphs:
            m = ENTRY.match(para.text) if i in glossary else None
            if m:
                term = strip_quotes(m.group("term")).strip()
                entries.append((term, m.group("definition").strip(), para.line, para_index))
            para_index += 1
    return entries


GLOSSARY_LIST = 0.9


def glossary_lists(article: Article, ctx: Context) -> list[Candidate]:
    """Glossary notes that spell out a counted name: 三去一降一补 → 去产能, 去库存, 去杠杆, 降成本, 补短板."""
    found = []
    for term, definition, line, para in glossary_entries(article):
        count = name_count(term)
        if count is None or count < 2:
            continue
        items = split_items(definition, ctx.words, count)
        if len(items) >= 2:
            found.append(Candidate(name=term, kind="counted", items=tuple(items), span=Span(para), line=line,
                                   context=f"{term}：{definition}", confidence=GLOSSARY_LIST, count=count))
    return found
