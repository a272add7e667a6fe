"""A report's glossary appendix: 名词解释 / 名词注释 / 注释.

Government reports end with numbered notes that give the official reading of
their coined names ("1.“三去一降一补”：去产能、去库存、去杠杆、降成本、补短板。",
"［17］四个一批：谋划一批、开工一批、建设一批、竣工一批。"). Each note gives a term its
definition; a note that spells out the parts of a counted name is that list too.
Nothing else in the appendix is study material, so the other rules never read it.
"""
from __future__ import annotations

import re

from ..models import Article
from ..text import strip_quotes
from .counted import name_count
from .items import split_items
from .lists import FoundList

GLOSSARY_HEADING = re.compile(r"^(?:名词解释|名词注释|注\s*释|名词解释和注释)$")
ENTRY = re.compile(r"^(?:[［\[]\d{1,3}[］\]]|\d{1,3}[.．、]|[（(]\d{1,3}[)）])\s*(?P<term>[^：:。]{1,30})[：:](?P<definition>.+)$")


def glossary_sections(article: Article) -> set[int]:
    """Indexes of the article's glossary sections."""
    return {i for i, s in enumerate(article.sections) if s.heading and GLOSSARY_HEADING.match(s.heading.strip())}


def glossary_entries(article: Article) -> list[tuple[str, str, int]]:
    """(term, definition, line) of every note in the article's glossary sections."""
    entries = []
    for i in sorted(glossary_sections(article)):
        for para in article.sections[i].paragraphs:
            m = ENTRY.match(para.text)
            if m:
                term = strip_quotes(m.group("term")).strip()
                entries.append((term, m.group("definition").strip(), para.line))
    return entries


def glossary_lists(article: Article) -> list[FoundList]:
    """Glossary notes that spell out a counted name: 三去一降一补 → 去产能, 去库存, 去杠杆, 降成本, 补短板."""
    found = []
    for term, definition, line in glossary_entries(article):
        count = name_count(term)
        if count is None or count < 2:
            continue
        items = split_items(definition, count)
        if len(items) >= 2:
            found.append(FoundList(term, count, "counted", tuple(items), article.index, f"{term}：{definition}",
                                   line, 0.9, "glossary", 10 ** 9 + line))
    return found
