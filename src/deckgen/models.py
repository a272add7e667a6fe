"""Plain frozen dataclasses passed between the pipeline stages.

read → ``Document``; normalize → ``Paragraph``s; segment → ``Article``s;
extract → ``SourceExtraction`` per source, ``Extraction`` of them all (``ExtractedList``, ``ExtractedTerm``);
cards → ``NoteSpec``s; package → ``BuildResult``.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .identity import Changes


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded source file. ``text`` is the raw decoded text, unrepaired."""

    source: str  # the path as the user gave it
    text: str
    encoding: str  # the codec that decoded it, e.g. "utf-8", "gb18030", "utf-16"
    blocks: tuple[str, ...] | None = None  # structured readers (docx, html) give paragraphs directly


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One repaired paragraph of display text.

    ``line``/``end_line`` are 1-based lines of the source file the paragraph came
    from: the map back to the original that cards cite.
    """

    text: str
    line: int
    end_line: int
    is_heading: bool = False
    raw_starts: tuple[int, ...] = ()  # offsets in ``text`` where an original (pre-join) block began
    noted: tuple[str, ...] = ()  # the words before each footnote reference (三张“零关税”清单［4］) the source marked


@dataclass(frozen=True, slots=True)
class Section:
    """A run of body paragraphs under one heading (``heading`` is None for an article's lead)."""

    heading: str | None
    heading_line: int | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """One piece of a source: a newspaper page holds several."""

    index: int  # numbered across all sources in input order
    source: str
    title: str
    author: str | None
    untitled: bool  # True when ``title`` was derived from the text, not read from a title line
    sections: tuple[Section, ...]
    line: int

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)


@dataclass(frozen=True, slots=True)
class ExtractedList:
    """A list a learner memorises: a name and its items in order."""

    id: str  # stable across runs: derived from the normalised name only
    name: str
    count: int | None  # the number the name states (6 for 六个必须坚持), None if it states none
    kind: str  # "counted" | "enumerated" | "outline"
    items: tuple[str, ...]
    article: int
    context: str  # the sentence that introduces the list
    confidence: float
    rule: str
    line: int
    item_contexts: tuple[str, ...] = ()  # the sentence each item came from, parallel to ``items``

    @property
    def count_mismatch(self) -> bool:
        return self.count is not None and self.count != len(self.items)


@dataclass(frozen=True, slots=True)
class ExtractedTerm:
    """A slogan or coined term, with the sentence it appears in and a definition if the text gives one."""

    id: str
    term: str
    article: int
    context: str
    definition: str | None
    confidence: float
    rule: str
    line: int
    definition_source: str | None = None  # where a definition not from the text comes from (the lexicon)


@dataclass(frozen=True, slots=True)
class SourceExtraction:
    """What one source gives on its own: articles numbered from 0, and the lists and terms found in them."""

    document: Document
    articles: tuple[Article, ...]
    lists: tuple[ExtractedList, ...]
    terms: tuple[ExtractedTerm, ...]

    def placed(self, source: str, first_index: int) -> SourceExtraction:
        """The same as read from ``source``, its articles numbered from ``first_index`` (after other sources')."""
        def shift(found):
            return tuple(dataclasses.replace(f, article=f.article + first_index) for f in found)

        return SourceExtraction(
            document=dataclasses.replace(self.document, source=source),
            articles=tuple(dataclasses.replace(a, index=a.index + first_index, source=source) for a in self.articles),
            lists=shift(self.lists) if first_index else self.lists, terms=shift(self.terms) if first_index else self.terms)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one or more sources."""

    documents: tuple[Document, ...]
    articles: tuple[Article, ...]
    lists: tuple[ExtractedList, ...]
    terms: tuple[ExtractedTerm, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note's content stands in the sources: what ``identity`` compares to tell a reworded
    note from a new one.

    ``group`` is the id of the list or term the note was made from; ``at`` a list item's
    position in its list (-1 for other notes); ``text`` the item, list name or term as shown;
    ``sentence`` a term's context sentence as a matching key (``text.match_key``).
    """

    group: str
    at: int
    text: str
    source: str  # the file name of the source it was first found in
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class NoteSpec:
    """One Anki note, ready to package. ``fields`` are HTML, already escaped.

    ``key`` is the note's identity inside its deck: with the deck key and the
    note kind it makes the GUID of a note first built, so rewording a field
    updates the note in place instead of adding a new one. ``guid`` is set by
    ``identity.assign`` (empty before): the key's GUID, or the GUID a reworded
    note carries over from the previous build (its DeckgenID field likewise).
    """

    kind: str  # "list_item" | "list_item_typed" | "list" | "list_size" | "term" | "term_cloze"
    key: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str  # full Anki deck path, e.g. "学习::党建引领社区治理的创新路径"
    due: int  # new-card order: families (a list's, a term's notes) in reading order, siblings spread (cards.spread)
    anchor: Anchor | None = None
    guid: str = ""
    carry: bool = True  # False: never takes a gone note's identity (``carry: no`` in candidates.yaml)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build_deck`` wrote and what is in it."""

    output: str
    decks: tuple[str, ...]
    articles: int
    lists: int
    terms: int
    notes: int
    cards: int
    count_mismatches: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    changes: Changes | None = None  # new / changed / unchanged / reworded / retired notes against the previous build
    written: bool = True  # False: the deck's notes had not changed, and ``output`` was left as it was
    card_counts: Mapping[str, int] = field(default_factory=dict)  # cards of each note, by GUID
