"""Stage 4: extract lists and terms from segmented articles.

``extract_articles`` runs every rule (``lists``: enumerations, colon lists,
outlines; ``counted``: counted names and their items; ``glossary``: a report's
名词解释 appendix; ``lexicon``: canonical formulations; ``terms``: slogans), then

* names a shaped list by the counted name that leads into it (“六个必须坚持” in the
  sentence before 一是…二是…): a counted name and the enumeration of its items are
  one list. Only the lead counts: a name elsewhere with the same count is not
  this list's name;
* lets the lexicon name lists the text leaves unnamed and sink counted names tied
  to items that are not theirs;
* keeps one list where several rules found the same one (the most confident);
* gives untitled articles a title from their main list, and assigns stable ids:
  ``list:<name key>`` and ``term:<term key>``, derived from the normalised name
  only so that they survive edits to the surrounding text.
"""
from __future__ import annotations

import dataclasses
import re

from ..models import Article, ExtractedList, ExtractedTerm
from ..segment import split_sentences
from ..text import match_key
from .counted import counted_lists, opening_runs, quoted_counted_names, unquoted_counted_names
from .glossary import glossary_entries, glossary_lists, glossary_sections
from .lexicon import Lexicon, check, lexicon_lists, load_lexicon, matches_any, mentions, rename
from .lists import NEEDS_NAME, FoundList, body_sections, colon_lists, enumerations, lead_bullets, outline, parallel_clauses
from .terms import find_definitions, find_terms
from .words import tagged_words

# what follows a name that only qualifies another noun: 践行“三个务必”重要要求 (its 要求 are the list), not “六个必须坚持”，
# “四个意识”：, “三个务必”的内涵是
QUALIFIES = re.compile(r"^(?!的?(?:具体|主要|基本)?(?:内涵|内容|要求)?(?:是|即|就是|包括|分别|主要|为|指|有))"
                       r"的?[\u4e00-\u9fff]{2,}[。！？；]*$")
NAMED_BY_LEAD = 0.9
NAMED_BY_LEAD_MISMATCH = 0.6


def _qualifies(rest: str) -> bool:
    """Whether the text after a name makes the name a modifier of a closing noun (重要要求), not a new clause (筑牢…)."""
    if not QUALIFIES.match(rest):
        return False
    first = tagged_words(rest.lstrip("的")[:8])
    return bool(first) and not (first[0][1].startswith("v") and first[0][1] != "vn")


def _lead_names(found: FoundList, lexicon: Lexicon) -> list[tuple[str, int, bool]]:
    """Counted names in a list's lead: quoted, a lexicon name in quotes, or unquoted in a heading (建立四项机制　筑牢…).

    (name, count, in the last sentence). A name that only qualifies the noun the lead ends on (践行“三个务必”重要要求,
    “两个务必”提出的背景) is not the list's name, and neither is a lexicon name none of whose items the list holds.
    """
    sentences = split_sentences(found.lead)
    names = []
    for i, sentence in enumerate(sentences):
        last = i == len(sentences) - 1
        quoted = [(name, count, sentence.find(f"“{name}”") + len(name) + 2) for name, count in quoted_counted_names(sentence)]
        quoted += [(f.name, len(f.items), sentence.find(f"“{f.name}”") + len(f.name) + 2) for key, f in lexicon.items()
                   if key == match_key(f.name) and f"“{f.name}”" in sentence]
        names += [(name, count, last) for name, count, end in quoted if not _qualifies(sentence[end:])]
        closing = sentence.rstrip("：: ")
        if not any(ch in sentence for ch in "，,：:；"):
            names += [(name, count, last) for name, count, start in unquoted_counted_names(sentence)
                      if not _qualifies(sentence[start + len(name):])]
        elif last:  # 总的战略安排是分两步走：A；B。 / 经历了…的三件大事：一是… a name closing the lead, of the right count
            names += [(name, count, last) for name, count, start in unquoted_counted_names(closing[-12:])
                      if closing.endswith(name) and count == len(found.items)]
    keys = [match_key(i) for i in found.items]
    return [(name, count, last) for name, count, last in names
            if match_key(name) not in lexicon or matches_any(lexicon[match_key(name)], keys)]


def _named_by_lead(found: FoundList, lexicon: Lexicon) -> FoundList:
    """An enumeration or colon list led by a counted name is that name's list.

    A count one off is kept (a marker lost or doubled in the source) and marked, but only when the name is in
    the very sentence before the items.
    """
    names = _lead_names(found, lexicon)
    exact = [(n, c) for n, c, _ in names if c == len(found.items)]
    near = [(n, c) for n, c, last in names if last and abs(c - len(found.items)) == 1]
    if exact:
        (name, count), confidence = exact[-1], NAMED_BY_LEAD
    elif len(near) == 1 and len(names) == 1 and found.confidence > NEEDS_NAME:
        (name, count), confidence = near[0], NAMED_BY_LEAD_MISMATCH
    else:
        return found
    return dataclasses.replace(found, name=name, count=count, kind="counted", confidence=confidence,
                               rule=f"counted+{found.rule}")


def _same_list(a: FoundList, b: FoundList) -> bool:
    keys_a, keys_b = {match_key(i) for i in a.items}, {match_key(i) for i in b.items}
    return match_key(a.name) == match_key(b.name) or (len(keys_a & keys_b) >= max(2, len(keys_a) // 2 + 1)
                                                       and a.kind != "outline" and b.kind != "outline")


def _article_lists(article: Article, lexicon: Lexicon) -> list[FoundList]:
    body = body_sections(article, glossary_sections(article))
    shaped = [_named_by_lead(f, lexicon) for f in enumerations(body) + lead_bullets(body) + colon_lists(body)
              + parallel_clauses(body)]
    shaped = [f for f in shaped if f.confidence > NEEDS_NAME]
    found = glossary_lists(article) + counted_lists(body) + shaped + opening_runs(body) + lexicon_lists(body, lexicon)
    found = [check(rename(f, lexicon), lexicon) for f in found]
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


def _terms(articles: tuple[Article, ...], lists: list[ExtractedList], lexicon: Lexicon,
           ignore: set[str], user_dict: str | None) -> tuple[ExtractedTerm, ...]:
    """Slogans with their definitions: the text's own, a glossary note's, else the lexicon's for a name only mentioned."""
    definitions = find_definitions(articles)
    terms: dict[str, ExtractedTerm] = {}
    for h in find_terms(articles, ignore, user_dict):
        key = match_key(h.term)
        terms[key] = ExtractedTerm(id=f"term:{key}", term=h.term, article=h.article, context=h.sentence,
                                   definition=definitions.get(key), confidence=h.confidence, rule=h.rule,
                                   line=h.line)
    for article in articles:
        for term, definition, line in glossary_entries(article):
            key = match_key(term)
            if key in ignore:
                continue
            old = terms.get(key)
            terms[key] = ExtractedTerm(id=f"term:{key}", term=old.term if old else term, article=article.index,
                                       context=old.context if old else f"{term}：{definition}",
                                       definition=definition, confidence=0.85, rule="glossary",
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
                confidence=max(old.confidence, 0.7) if old else 0.6, rule="lexicon",
                line=old.line if old else line, definition_source=formulation.document)
    return tuple(sorted(terms.values(), key=lambda t: (t.article, t.line)))


def extract_articles(articles: tuple[Article, ...], config: dict) -> tuple[tuple[Article, ...], tuple[ExtractedList, ...], tuple[ExtractedTerm, ...]]:
    """All lists and terms of ``articles`` at every confidence, and the articles with derived titles."""
    options = config["extract"]
    user_dict = options.get("user_dict")
    ignore = {match_key(t) for t in options.get("ignore_terms") or []}
    lexicon = load_lexicon(options.get("lexicon", True))
    titled, found = [], []
    for article in articles:
        lists = _article_lists(article, lexicon)
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
    terms_out = _terms(tuple(titled), lists_out, lexicon, ignore, user_dict)
    return tuple(titled), tuple(lists_out), terms_out
