"""Decks beyond Anki: text-import files, spreadsheets, study handouts and a preview of every card.

Every export is made from ``api.DeckNotes``, the very notes the ``.apkg`` gets,
so it matches the deck:

``anki-txt``  Anki's text-import format (File › Import), a note a line with its GUID,
              note type and deck in header-declared columns: importing it into a
              collection that has the deck updates those notes, adds none.
``csv``       a card a row: front, back, source, tags as plain text; UTF-8 with a BOM
              so that Excel reads it as UTF-8.
``tsv``       the same rows, tab-separated, a card a line (line breaks inside a side
              become " / "): for flashcard apps that read a card per line.
``md``/``html``  a study handout: per article its lists with their items and its terms
              with definitions and sources. The HTML is one self-contained file
              (inline CSS, no scripts, nothing fetched) for phones and A4 paper.
``preview``   every card's front and back as Anki shows them, rendered here from the
              note types' templates (``notetypes.NOTE_TYPES``).

Every export is safe to open: invisible format characters (a bidi override that
makes text show reversed) are removed from all of it (``display.visible``), and a
csv/tsv cell that would start a spreadsheet formula (= + - @, tab, CR) starts with
a single quote instead, as OWASP advises.
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import genanki

from .api import DeckNotes
from .atomic import write_text_atomically
from .cards import FIELDS
from .display import cell, visible
from .limits import MAX_LIST_NUMBER
from .models import Article, ExtractedList, ExtractedTerm, NoteSpec
from .notetypes import CSS, NOTE_TYPES

SUFFIXES = {"csv": ".csv", "tsv": ".tsv", "anki-txt": ".txt", "md": ".md", "html": ".html",
            "preview": ".preview.html"}


@dataclass(frozen=True, slots=True)
class Card:
    """One card of a note, rendered as Anki shows it (HTML)."""

    note: NoteSpec
    name: str  # the template's name, or c1, c2… of a cloze
    front: str
    back: str  # the answer side as shown: the front ({{FrontSide}}), the answer, the source
    answer: str  # the answer alone: the back without the front and the source


# --- rendering Anki templates ----------------------------------------------------------------------

_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.S)
_TAG = re.compile(r"\{\{([^}]+)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)


def render(template: str, fields: dict[str, str], ordinal: int, *, front: bool) -> str:
    """``template`` with ``fields`` filled in, as Anki renders the card of cloze number ``ordinal``.

    The template syntax the note types use: ``{{Field}}``, ``{{#Field}}…{{/Field}}``
    (``^``: when empty), ``{{cloze:Field}}``, ``{{FrontSide}}``; ``{{tts …}}`` plays
    sound in Anki and ``{{type:cloze:Field}}`` is Anki's answer box: both show nothing here.
    Field content is never parsed as template.
    """
    def section(match: re.Match) -> str:
        filled = bool(fields[match[2]].strip())
        return match[3] if filled == (match[1] == "#") else ""

    def tag(match: re.Match) -> str:
        *filters, name = match[1].split(":")
        if filters and (filters[0].startswith("tts ") or filters[0] == "type"):
            return ""
        value = fields[name]
        return _cloze(value, ordinal, front) if "cloze" in filters else value

    return _TAG.sub(tag, _SECTION.sub(section, template))


def _cloze(text: str, ordinal: int, front: bool) -> str:
    """Anki's cloze rendering: the asked cloze as [...] (or its hint) in front, highlighted on the back."""
    def one(match: re.Match) -> str:
        if int(match[1]) != ordinal:
            return f'<span class="cloze-inactive">{match[2]}</span>'
        shown = f"[{match[3] or '...'}]" if front else match[2]
        return f'<span class="cloze">{shown}</span>'
    return _CLOZE.sub(one, text)


def note_cards(note: NoteSpec) -> list[Card]:
    """The cards of ``note``: those genanki writes into the package (as ``package`` counts them)."""
    model = NOTE_TYPES[note.kind]
    fields = dict(zip(FIELDS[note.kind], note.fields))
    cloze = model.model_type == genanki.Model.CLOZE
    ords = sorted(card.ord for card in genanki.Note(model=model, fields=list(note.fields)).cards)
    cards = []
    for ord_ in ords:
        template = model.templates[0 if cloze else ord_]
        name = f"c{ord_ + 1}" if cloze else template["name"]
        front = render(template["qfmt"], fields, ord_ + 1, front=True)
        back = render(template["afmt"], {**fields, "FrontSide": front}, ord_ + 1, front=False)
        answer = render(template["afmt"], {**fields, "FrontSide": "", "Source": ""}, ord_ + 1, front=False)
        cards.append(Card(note=note, name=name, front=front, back=back, answer=answer))
    return cards


def deck_cards(deck: DeckNotes) -> list[Card]:
    return [card for note in deck.notes for card in note_cards(note)]


# --- plain text --------------------------------------------------------------------------------------

class _TextParser(HTMLParser):
    """Card HTML as plain text: a line per block, list items numbered as shown."""

    BLOCKS = {"div", "p", "br", "hr", "ol", "ul", "li", "h1", "h2", "h3", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.numbers: list[int] = []  # the next number of each open <ol>
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        elif tag == "ol":
            self.numbers.append(_start(dict(attrs).get("start")))
        elif tag == "li" and self.numbers:
            self.parts.append(f"\n{self.numbers[-1]}. ")
            self.numbers[-1] += 1
        if tag in self.BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip -= 1
        elif tag == "ol" and self.numbers:
            self.numbers.pop()
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _start(value: str | None) -> int:
    """An ``<ol start>`` as a browser counts from it; a value that is no small number counts from 1."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= len(str(MAX_LIST_NUMBER)):
        return int(value)
    return 1


def plain_text(card_html: str) -> str:
    """The text a learner reads on a card, a line per block, without markup."""
    parser = _TextParser()
    parser.feed(card_html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


# --- card exports ------------------------------------------------------------------------------------

def card_rows(deck: DeckNotes) -> list[tuple[str, str, str, str]]:
    """A row per card: front, back (the answer alone), source, tags; as plain text."""
    rows = []
    for card in deck_cards(deck):
        source = dict(zip(FIELDS[card.note.kind], card.note.fields))["Source"]
        row = (plain_text(card.front), plain_text(card.answer), plain_text(source), " ".join(card.note.tags))
        rows.append(tuple(cell(visible(text)) for text in row))
    return rows


CSV_HEADER = ("front", "back", "source", "tags")


def to_csv(deck: DeckNotes) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([CSV_HEADER, *card_rows(deck)])
    return out.getvalue()


def to_tsv(deck: DeckNotes) -> str:
    lines = ["\t".join(CSV_HEADER)]
    lines += ["\t".join(" / ".join(text.split("\n")).replace("\t", " ") for text in row) for row in card_rows(deck)]
    return "\n".join(lines) + "\n"


def to_anki_txt(deck: DeckNotes) -> str:
    """Anki's text-import file: note type, deck, GUID, tags, then the fields (HTML); a note a line.

    The fields come last since note types have from 5 to 7 of them; the note type comes
    first since Anki reads a line starting with "#" (a GUID may) as a comment. Import it into
    a collection that has the deck's note types (import the .apkg once): Anki's text importer
    cannot create note types.
    """
    header = ["#separator:tab", "#html:true", "#notetype column:1", "#deck column:2", "#guid column:3",
              "#tags column:4"]
    out = io.StringIO()
    out.write("\n".join(header) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for note in deck.notes:
        writer.writerow([NOTE_TYPES[note.kind].name, note.deck, note.guid,
                         " ".join(note.tags), *note.fields])
    return out.getvalue()


# --- handouts ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Section:
    article: Article
    lists: tuple[ExtractedList, ...]
    terms: tuple[ExtractedTerm, ...]


def _sections(deck: DeckNotes) -> list[_Section]:
    """Per article, the lists and terms the deck has notes for, in reading order."""
    made = {deck.origin(note).id for note in deck.notes}
    sections = []
    for article in deck.kept.articles:
        lists = tuple(l for l in deck.kept.lists if l.article == article.index and l.id in made)
        terms = tuple(t for t in deck.kept.terms if t.article == article.index and t.id in made)
        if lists or terms:
            sections.append(_Section(article, lists, terms))
    return sections


def _count(lst: ExtractedList) -> str:
    return f"（共 {len(lst.items)} 条）"


def _byline(article: Article) -> str:
    return f"《{article.title}》" + (f" {article.author}" if article.author else "")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # what is markup inside a line


def _md(text: str) -> str:
    """``text`` shown literally in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(deck: DeckNotes) -> str:
    lines = [f"# {_md(deck.name)}", "", *map(_md, plain_text(deck.description).splitlines()), ""]
    for section in _sections(deck):
        lines += [f"## {_md(_byline(section.article))}", "", f"*{_md(Path(section.article.source).name)}*", ""]
        for lst in section.lists:
            lines += [f"### {_md(lst.name)}{_count(lst)}", ""]
            lines += [f"{i}. {_md(item)}" for i, item in enumerate(lst.items, 1)]
            lines += ["", f"> {_md(lst.context)}", ""]
        if section.terms:
            lines += ["### 提法", ""]
        for term in section.terms:
            meaning = f"：{_md(term.definition)}" if term.definition else ""
            origin = f"（释义来源：{_md(term.definition_source)}）" if term.definition_source else ""
            lines += [f"- **{_md(term.term)}**{meaning}{origin}", f"  > {_md(term.context)}", ""]
    return "\n".join(lines)


PAGE_CSS = """\
body { font-family: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
  "Microsoft YaHei", sans-serif; line-height: 1.7; color: #1f2328; background: #fff;
  max-width: 46em; margin: 0 auto; padding: 1em; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #9a6a1f; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
.meta, .file, .from { color: #6e7781; font-size: .85em; }
blockquote { margin: .3em 0 .8em; padding-left: .8em; border-left: 3px solid #e3e1dc; color: #57606a;
  font-size: .9em; }
dt { font-weight: 600; margin-top: .8em; }
dd { margin-left: 1.2em; }
.pair { break-inside: avoid; }
@media (max-width: 480px) { body { font-size: 17px; padding: .6em; } dd { margin-left: .4em; } }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  h3, dt { break-after: avoid; }
}
"""


def _page(title: str, body: str, css: str = "") -> str:
    """A self-contained HTML page: styles inline, no scripts, nothing loaded from elsewhere."""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{PAGE_CSS}{css}</style>\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


def _html_header(deck: DeckNotes, what: str) -> str:
    return (f"<h1>{html.escape(deck.name)}</h1>\n"
            f'<p class="meta">{html.escape(what)} · {html.escape(plain_text(deck.description))}</p>\n')


def to_html(deck: DeckNotes) -> str:
    esc = html.escape
    parts = [_html_header(deck, "学习讲义")]
    for section in _sections(deck):
        parts.append(f"<section>\n<h2>{esc(_byline(section.article))}</h2>\n"
                     f'<p class="file">{esc(Path(section.article.source).name)}</p>\n')
        for lst in section.lists:
            items = "".join(f"<li>{esc(item)}</li>" for item in lst.items)
            parts.append(f'<div class="pair"><h3>{esc(lst.name)}{_count(lst)}</h3>\n<ol>{items}</ol>\n'
                         f"<blockquote>{esc(lst.context)}</blockquote></div>\n")
        if section.terms:
            parts.append("<h3>提法</h3>\n<dl>\n")
            for term in section.terms:
                origin = (f'<div class="from">释义来源：{esc(term.definition_source)}</div>'
                          if term.definition_source else "")
                meaning = f"<div>{esc(term.definition)}</div>{origin}" if term.definition else ""
                parts.append(f'<div class="pair"><dt>{esc(term.term)}</dt>\n'
                             f"<dd>{meaning}<blockquote>{esc(term.context)}</blockquote></dd></div>\n")
            parts.append("</dl>\n")
        parts.append("</section>\n")
    return _page(deck.name, "".join(parts))


PREVIEW_CSS = """\
.deck { font-size: 1.1em; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .6em; margin: .8em 0;
  border: 1px solid #e3e1dc; border-radius: 6px; padding: .5em; }
.pair > .name { grid-column: 1 / -1; }
.side .card { font-size: 17px; max-width: none; padding: 8px 10px; }
.cloze-inactive { color: inherit; }
@media (max-width: 640px) { .pair { grid-template-columns: 1fr; } }
"""


def to_preview(deck: DeckNotes) -> str:
    """Every card, front and back as Anki shows them (without sound), grouped by deck."""
    esc = html.escape
    cards = deck_cards(deck)
    parts = [_html_header(deck, f"{len(deck.notes)} 条笔记，{len(cards)} 张卡片")]
    by_deck: dict[str, list[Card]] = {}
    for card in cards:
        by_deck.setdefault(card.note.deck, []).append(card)
    for name, shown in by_deck.items():
        parts.append(f'<section>\n<h2 class="deck">{esc(name)}</h2>\n')
        parts += [f'<div class="pair"><div class="name from">{esc(NOTE_TYPES[c.note.kind].name)} · {esc(c.name)}</div>'
                  f'<div class="side front"><div class="card">{c.front}</div></div>'
                  f'<div class="side back"><div class="card">{c.back}</div></div></div>\n' for c in shown]
        parts.append("</section>\n")
    return _page(f"{deck.name} — preview", "".join(parts), CSS + PREVIEW_CSS)


_WRITERS: dict[str, Callable[[DeckNotes], str]] = {
    "csv": to_csv, "tsv": to_tsv, "anki-txt": to_anki_txt, "md": to_markdown, "html": to_html,
    "preview": to_preview}


def write_export(deck: DeckNotes, fmt: str, output: str | Path | None = None) -> Path:
    """Write ``deck`` in ``fmt`` (a ``SUFFIXES`` key) to ``output`` (default ``<output_dir>/<stem><suffix>``)."""
    path = Path(output) if output is not None else deck.default_path(SUFFIXES[fmt])
    text = visible(_WRITERS[fmt](deck))
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # the BOM tells Excel the file is UTF-8
    write_text_atomically(path, text, encoding=encoding, fix="choose another file with -o")
    return path
