"""Stage 4's run over a source's articles (see the package's docstring): titles, outlines, ids, terms."""
from __future__ import annotations

import dataclasses

from ..models import Article, ExtractedList, ExtractedTerm
from ..text import match_key
from .candidate import Candidate, Span
from .context import Context
from .engine import find_lists
from .glossary import glossary_entries
from .items import clean
from .lexicon import mentions
from .markers import PART_TITLE
from .rules import RULES
from ..segment import split_sentences
from .definitions import find_definitions
from .terms import find_terms

OUTLINE = 0.6
OUTLINE_UNTITLED = 0.5
GLOSSARY_TERM = 0.85
LEXICON_TERM = 0.6
LEXICON_TERM_FOUND = 0.7
LIST_NAME_RULES = ("unquoted-name",)  # term rules whose find may be a counted list's name in the same sentence


def outline(article: Article) -> Candidate | None:
    """An article's own section headings (three or more, each with body text), named by its title.

    The numbered part titles of a long report (一、二、…) are not a set a learner recites, so they never form one.
    """
    headed = [s for s in article.sections if s.heading is not None and s.paragraphs]
    if len(headed) < 3 or len(headed) != sum(1 for s in article.sections if s.heading is not None):
        return None
    if any(PART_TITLE.match(s.heading) for s in headed):
        return None
    return Candidate(name=article.title, kind="outline", items=tuple(clean(s.heading) for s in headed), span=Span(0),
                     line=headed[0].heading_line or article.line, context=headed[0].heading,
                     confidence=OUTLINE_UNTITLED if article.untitled else OUTLINE, rule="outline")


def _titled(article: Article, lists: list[Candidate]) -> Article:
    """An untitled article takes its main list's name as title: its first counted list, else its first list."""
    if not article.untitled or not lists:
        return article
    main = next((f for f in lists if f.kind == "counted"), lists[0])
    return dataclasses.replace(article, title=main.name)


def _terms(articles: tuple[Article, ...], lists: list[ExtractedList], ctx: Context) -> tuple[ExtractedTerm, ...]:
    """Slogans with their definitions: the text's own, a glossary note's, else the lexicon's for a name only mentioned."""
    ignore, lexicon = ctx.ignore, ctx.lexicon
    definitions = find_definitions([s for a in articles for p in a.paragraphs for s in split_sentences(p.text)])
    terms: dict[str, ExtractedTerm] = {}
    named_in = {(match_key(l.name), l.context) for l in lists if l.kind == "counted"}
    for h in find_terms(articles, ignore, ctx.words):
        key = match_key(h.term)
        if h.rule in LIST_NAME_RULES and (key, h.sentence) in named_in:
            continue  # 团结和民主两大主题: the list's own name, learnt by its cards, is no term of the sentence
        terms[key] = ExtractedTerm(id=f"term:{key}", term=h.term, article=h.article, context=h.sentence,
                                   definition=definitions.get(key), confidence=h.confidence, rule=h.rule,
                                   line=h.line)
    for article in articles:
        for term, definition, line, _ in glossary_entries(article):
            key = match_key(term)
            if key in ignore:
                continue
            old = terms.get(key)
            terms[key] = ExtractedTerm(id=f"term:{key}", term=old.term if old else term, article=article.index,
                                       context=old.context if old else f"{term}：{definition}",
                                       definition=definition, confidence=GLOSSARY_TERM, rule="glossary",
                                       line=old.line if old else line)
    listed = {match_key(l.name) for l in lists}
    for article in articles:
        for formulation, sentence, line in mentions(article, lexicon):
            key = match_key(formulation.name)
            if key in listed or key in ignore or (key in terms and terms[key].definition):
                continue
            old = terms.get(key)
            terms[key] = ExtractedTerm(
                id=f"term:{key}", term=formulation.name, article=old.article if old else article.index,
                context=old.context if old else sentence, definition=formulation.definition,
                confidence=max(old.confidence, LEXICON_TERM_FOUND) if old else LEXICON_TERM, rule="lexicon",
                line=old.line if old else line, definition_source=formulation.document)
    return tuple(sorted(terms.values(), key=lambda t: (t.article, t.line)))


def extract_articles(articles: tuple[Article, ...], config: dict) -> tuple[tuple[Article, ...], tuple[ExtractedList, ...], tuple[ExtractedTerm, ...]]:
    """All lists and terms of ``articles`` at every confidence, and the articles with derived titles."""
    ctx = Context.from_config(config["extract"])
    titled, found = [], []
    for article in articles:
        lists = find_lists(article, ctx, RULES)
        article = _titled(article, lists)
        titled.append(article)
        shape = outline(article)
        found.extend((article.index, c) for c in lists)
        if shape and match_key(shape.name) not in {match_key(c.name) for c in lists}:
            found.append((article.index, shape))
    lists_out: list[ExtractedList] = []
    seen_ids: set[str] = set()
    for index, c in found:
        list_id = f"list:{match_key(c.name)}"
        if list_id in seen_ids or not c.items:
            continue
        seen_ids.add(list_id)
        lists_out.append(ExtractedList(
            id=list_id, name=c.name, count=c.count, kind=c.kind, items=c.items, article=index, context=c.context,
            confidence=c.confidence, rule=c.label, line=c.line, item_contexts=c.item_contexts))
    return tuple(titled), tuple(lists_out), _terms(tuple(titled), lists_out, ctx)
