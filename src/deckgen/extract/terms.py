"""The term engine: run the table of term rules (``TERM_RULES``) over a document, one term per distinct string.

A term rule is data, as a list rule is (``rules/``): an id, what it reads and a ``find`` function returning
``Found`` terms with the rule's confidence. Sentence rules read each sentence of the body (``quoted-heading`` reads
the title and section headings instead); document rules read the document's whole text at once and their terms
are placed at the first sentence holding them. Sentences are read in order, each by the sentence rules in table
order, and the document rules come last: the first to find a string keeps it, so a quoted slogan stays ``quoted``
though discovery finds it too — unless a later sentence gives stronger evidence (书香京城建设, a built candidate, then
“书香京城” quoted: the quote's sentence and confidence). A quoted dictionary word the document holds
only once is a scare quote (``Found.once``), decided after every sentence has been read.

Confidence is the evidence: quoted (0.75), a definition introducing it (``definitions``),
counted or fused with digits or Latin letters (0.55) and a discovered new word of the coinage shape 新 + a compound
noun (0.55: 新就业形态) are above the default cut; a programme name, a thing a sentence builds (推进可信数据空间建设),
any other discovered new word, an acronym alone or an unquoted parallel run are candidates for ``--all`` and review.
A candidate the source follows with a footnote reference (ESI［5］, 三张“零关税”清单［4］: ``Paragraph.noted``) is
one the author explains in a note, above the cut (``NOTED``): the words from their last quote on (“双环”旅游公路, with
a count before it: 三张“零关税”清单), else the longest candidate ending them (ESI, 四大主导产业).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate

from ..models import Article
from ..segment import split_sentences
from ..text import match_key
from . import coined, programmes
from .background import Background, background
from .definitions import defined_terms
from .discovery import discovered
from .found import Found
from .quoted import SCARE_QUOTE, quoted, used_twice
from .words import Words

NOTED = 0.7  # a candidate the source marks with a footnote reference
# the noted words from their last quote on, with a count before it: 三张“零关税”清单 of 10多项。三张“零关税”清单
NOTED_QUOTE = re.compile(r"(?:[0-9一二两三四五六七八九十]{1,3}[张个项条件类批大])?“[^“”]+”[^“”]*$")


@dataclass(frozen=True, slots=True)
class TermContext:
    words: Words
    background: Background
    congresses: frozenset[str] = frozenset()  # 九大 where the document names 党的九大 (``coined.congresses``)


@dataclass(frozen=True, slots=True)
class TermRule:
    id: str
    find: Callable[[str, TermContext], list[Found]]
    reads: str = "sentences"  # "sentences" | "headings" (the title and section headings) | "document"
    doc: str = ""


TERM_RULES: tuple[TermRule, ...] = (
    TermRule("quoted-heading", lambda s, c: quoted(s, c.words, heading=True), reads="headings",
             doc="a quoted slogan in a title or section heading"),
    TermRule("quoted", lambda s, c: quoted(s, c.words), doc="a quoted slogan, digit or Latin name; not speech, verse or a scare quote"),
    TermRule("defined", lambda s, c: defined_terms(s), doc="所谓X, X是指…, “X”改革，就是…: a term a definition introduces"),
    TermRule("unquoted-name", lambda s, c: coined.unquoted_names(s, c.words, c.congresses),
             doc="counted names (八大行动) and coinages joined by + (1+N政策体系)"),
    TermRule("latin", lambda text, c: coined.latin_names(text, c.words, c.background), reads="document",
             doc="GEP核算: a name fused with an acronym political writing does not use widely"),
    TermRule("programme", lambda s, c: programmes.programmes(s, c.words),
             doc="科技英才领航工程, 10件民生实事: a programme head after a modifier, a count of programmes"),
    TermRule("built", lambda s, c: programmes.built(s, c.words, c.background),
             doc="可信数据空间 in 推进可信数据空间建设, 医保影像云 in 建设省级医保影像云: what a sentence builds"),
    TermRule("qualified", lambda s, c: coined.qualified_quotes(s, c.words),
             doc="三张“零关税”清单: a quoted core with the nouns and counts fused to it"),
    TermRule("parallel", lambda s, c: coined.parallel_slogans(s, c.words),
             doc="事务共商、发展共促、成果共享: an unquoted parallel run"),
    TermRule("discovered", lambda text, c: discovered(text, c.words, c.background), reads="document",
             doc="a new word of the document: repeated, cohesive and free, not a dictionary word; 新就业形态 above the cut"),
)


@dataclass(frozen=True, slots=True)
class TermHit:
    term: str
    article: int
    sentence: str
    line: int
    confidence: float
    rule: str


def find_terms(articles: tuple[Article, ...], ignore: frozenset[str], words: Words,
               rules: tuple[TermRule, ...] = TERM_RULES) -> list[TermHit]:
    """Term candidates of one document in reading order, one per distinct term (its first occurrence)."""
    all_text = "".join(p.text for a in articles for p in a.paragraphs)
    ctx = TermContext(words, background(), coined.congresses(all_text))
    own_sentences = [[(sentence, para.line) for para in article.paragraphs for sentence in split_sentences(para.text)]
                     for article in articles]
    hits: dict[str, TermHit] = {}
    once: dict[str, str] = {}  # term key → the quoted word that is a scare quote if the document holds it once

    def add(found: Found, article: Article, sentence: str, line: int) -> None:
        key = match_key(found.term)
        if key and key not in ignore and (key not in hits or found.confidence > hits[key].confidence):
            hits[key] = TermHit(found.term, article.index, sentence, line, found.confidence, found.rule)
            once.pop(key, None)
            if found.once:
                once[key] = found.term

    by_reading = {reads: [r for r in rules if r.reads == reads] for reads in ("headings", "sentences", "document")}
    for article, own in zip(articles, own_sentences):
        headings = [(article.title, article.line)] if not article.untitled else []
        headings += [(s.heading, s.heading_line or article.line) for s in article.sections if s.heading]
        for heading, line in headings:
            for rule in by_reading["headings"]:
                for found in rule.find(heading, ctx):
                    add(found, article, heading, line)
        for sentence, line in own:
            for rule in by_reading["sentences"]:
                for found in rule.find(sentence, ctx):
                    add(found, article, sentence, line)
    sentences = [(article, sentence, line) for article, own in zip(articles, own_sentences) for sentence, line in own]
    text = "\n".join(sentence for _, sentence, _ in sentences)
    starts = list(accumulate((len(sentence) + 1 for _, sentence, _ in sentences), initial=0))
    def place(found: Found) -> None:
        """Add a term found outside the sentences at the first sentence holding it."""
        at = text.find(found.term) if "\n" not in found.term else -1
        if at >= 0:
            add(found, *sentences[bisect_right(starts, at) - 1])

    for rule in by_reading["document"]:
        for found in rule.find(text, ctx):
            place(found)
    twice = used_twice(all_text, set(once.values()))
    for key, term in once.items():
        if term not in twice:
            hits[key] = replace(hits[key], confidence=SCARE_QUOTE, rule="quoted-common-word")
    for words in (words for article in articles for p in article.paragraphs for words in p.noted):
        quote = NOTED_QUOTE.search(words)
        if quote:
            place(Found(quote.group(0), NOTED, "noted"))
            continue
        ending = [key for key in hits if match_key(words).endswith(key)]
        if ending and hits[key := max(ending, key=len)].confidence < NOTED:
            hits[key] = replace(hits[key], confidence=NOTED, rule="noted")
    return list(hits.values())
