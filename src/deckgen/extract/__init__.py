"""Stage 4: extract lists and terms from segmented articles.

``extract_articles`` runs every rule (see ``lists`` and ``terms``), merges what
describes the same list (a counted name and the enumeration of its items are one
list), gives untitled articles a title from their main list, and assigns stable
ids: ``list:<name key>`` and ``term:<term key>``, derived from the normalised
name only so that they survive edits to the surrounding text.
"""
from __future__ import annotations

import dataclasses

from ..models import Article, ExtractedList, ExtractedTerm
from ..text import match_key
from .lists import FoundList, counted_lists, counted_names, enumerations, outline
from .terms import find_definitions, find_terms


def _merge_counted(article: Article, counted: list[FoundList], enums: list[FoundList]) -> list[FoundList]:
    """Tie counted names that found no items themselves to an enumeration of as many items."""
    merged, used = [], set()
    have = {match_key(c.name) for c in counted}
    for name, count, sentence, line, position in counted_names(article):
        if match_key(name) in have:
            continue
        candidates = [e for e in enums if len(e.items) == count and id(e) not in used]
        after = [e for e in candidates if e.position >= position]
        chosen = (after or candidates or [None])[0]
        if chosen is None:
            continue
        used.add(id(chosen))
        have.add(match_key(name))
        merged.append(dataclasses.replace(
            chosen, name=name, count=count, kind="counted", context=sentence, line=line,
            confidence=0.9, rule=f"counted+{chosen.rule}"))
    rest = [e for e in enums if id(e) not in used]
    return merged + rest


def _same_list(a: FoundList, b: FoundList) -> bool:
    keys_a, keys_b = {match_key(i) for i in a.items}, {match_key(i) for i in b.items}
    return match_key(a.name) == match_key(b.name) or (len(keys_a & keys_b) >= max(2, len(keys_a) // 2 + 1)
                                                       and a.kind != "outline" and b.kind != "outline")


def _article_lists(article: Article) -> list[FoundList]:
    counted = counted_lists(article)
    found = counted + _merge_counted(article, counted, enumerations(article))
    kept: list[FoundList] = []
    for candidate in sorted(found, key=lambda f: -f.confidence):
        if not any(_same_list(candidate, k) for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f.position)


def _titled(article: Article, lists: list[FoundList]) -> Article:
    """An untitled article takes its main list's name as title: its first counted list, else its first list."""
    if not article.untitled or not lists:
        return article
    main = next((f for f in lists if f.kind == "counted"), lists[0])
    return dataclasses.replace(article, title=main.name)


def extract_articles(articles: tuple[Article, ...], config: dict) -> tuple[tuple[Article, ...], tuple[ExtractedList, ...], tuple[ExtractedTerm, ...]]:
    """All lists and terms of ``articles`` at every confidence, and the articles with derived titles."""
    options = config["extract"]
    user_dict = options.get("user_dict")
    ignore = {match_key(t) for t in options.get("ignore_terms") or []}
    titled, found = [], []
    for article in articles:
        lists = _article_lists(article)
        article = _titled(article, lists)
        titled.append(article)
        shape = outline(article)
        found.extend(lists + ([shape] if shape and not any(_same_list(shape, f) for f in lists) else []))
    lists_out: list[ExtractedList] = []
    seen_ids: set[str] = set()
    for f in found:
        list_id = f"list:{match_key(f.name)}"
        if list_id in seen_ids or not f.items:
            continue
        seen_ids.add(list_id)
        lists_out.append(ExtractedList(
            id=list_id, name=f.name, count=f.count, kind=f.kind, items=f.items, article=f.article,
            context=f.context, confidence=f.confidence, rule=f.rule, line=f.line, item_contexts=f.item_contexts))
    definitions = find_definitions(tuple(titled))
    terms_out = tuple(
        ExtractedTerm(id=f"term:{match_key(h.term)}", term=h.term, article=h.article, context=h.sentence,
                      definition=definitions.get(match_key(h.term)), confidence=h.confidence, rule=h.rule,
                      line=h.line)
        for h in find_terms(tuple(titled), ignore, user_dict))
    return tuple(titled), tuple(lists_out), terms_out
