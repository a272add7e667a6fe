r"""Read .html/.htm: the main text of a saved article page, one block per paragraph.

Built on the standard library's ``html.parser`` rather than trafilatura: on the
bare fragment the corpus holds (``<p>`` after ``<p>``, as a CMS publishes it)
trafilatura keeps the literal ``\r\n`` a JSON export left between the tags as
paragraphs of their own, and it brings a dozen packages. The rules here are few
and each has a reason:

- dropped with all they hold: scripts, styles, the ``<head>``, navigation,
  asides, forms, hidden elements, elements whose class or id names navigation,
  a menu, a breadcrumb trail, a sidebar, share buttons or a copyright line, and
  a page's own header and footer (an article's ``<header>`` holds its title and
  is kept). Comments never reach the text;
- when the page marks its main content (``<article>``, ``<main>``,
  ``role="main"``), only that is kept;
- block elements (p, div, h1-h6, li, td, ...) end a paragraph, inline ones (a,
  strong, span) do not; headings are paragraphs of their own;
- a ``<br>`` is a hard line break inside the paragraph, judged (a wrapped line
  or a paragraph's end) by ``normalize.rejoin_lines`` like every other format's;
  an empty line (``<br><br>``, as many sites separate paragraphs) ends one. HTML
  collapses ASCII whitespace, so only a U+3000 or ``&nbsp;`` indent is kept;
- an ordered list's items start with the number a browser shows ("1. "), a
  bulleted list's with "——", as a Chinese text bullets its items, so both read
  like the same list typed in a .txt;
- text between tags made only of whitespace and literal ``\r``/``\n``/``\t``
  escapes is dropped.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ..limits import MAX_LIST_NUMBER
from ..models import Document
from . import BULLET, HARD_BREAK, blocks_document, clean_line
from .text import decode_text, looks_chinese

SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "nav", "aside", "form", "iframe",
    "svg", "button", "select", "textarea", "object", "canvas", "dialog",
})
PAGE_CHROME = frozenset({"header", "footer"})  # skipped outside the main content
MAIN = frozenset({"article", "main"})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|footer|share|copyright)(?:$|[\s_-])",
    re.IGNORECASE,
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
LITERAL_ESCAPES = re.compile(r"\s*\\[rnt](?:\s|\\[rnt])*")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class Region:
    """The element the parser is inside of, found by counting nested tags of its name.

    HTML leaves many tags unclosed (p, li), so there is no reliable stack of open
    elements; the elements tracked here (script, nav, article, div...) are closed.
    """

    def __init__(self) -> None:
        self.tag: str | None = None
        self.depth = 0

    @property
    def active(self) -> bool:
        return self.tag is not None

    def enter(self, tag: str) -> None:
        self.tag, self.depth = tag, 1

    def start(self, tag: str) -> None:
        if tag == self.tag:
            self.depth += 1

    def end(self, tag: str) -> None:
        if tag == self.tag:
            self.depth -= 1
            if not self.depth:
                self.tag = None


class ArticleParser(HTMLParser):
    """Collects paragraphs, each marked with whether it lies in the page's main content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []
        self.parts: list[str] = []
        self.marker = ""  # the number of the list item whose text comes next
        self.lists: list[int | None] = []  # the last number of each open <ol>; None for <ul>
        self.skipped = Region()
        self.main = Region()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipped.start(tag)
        self.main.start(tag)
        if self.skipped.active:
            return
        attributes = dict(attrs)
        if self.is_boilerplate(tag, attributes):
            self.skipped.enter(tag)
            return
        if (tag in MAIN or attributes.get("role") == "main") and not self.main.active:
            self.main.enter(tag)
        if tag == "br":
            self.parts.append(HARD_BREAK)
        if tag in BLOCK:
            self.flush()
        if tag == "ol":
            start = attributes.get("start") or "1"
            # a start of 5,000 digits is no list number (and int() refuses over 4,300 digits)
            small = start.isdecimal() and len(start) <= len(str(MAX_LIST_NUMBER))
            self.lists.append(int(start) - 1 if small else 0)
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            self.lists[-1] += 1
            self.marker = f"{self.lists[-1]}. "
        elif tag == "li" and self.lists:
            self.marker = BULLET

    def handle_endtag(self, tag: str) -> None:
        if self.skipped.active:
            self.skipped.end(tag)
        else:
            if tag in BLOCK:
                self.flush()
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
        self.main.end(tag)

    def handle_data(self, data: str) -> None:
        if not self.skipped.active and not LITERAL_ESCAPES.fullmatch(data):
            self.parts.append(data)

    def is_boilerplate(self, tag: str, attributes: dict[str, str | None]) -> bool:
        if tag in SKIP or (tag in PAGE_CHROME and not self.main.active):
            return True
        if "hidden" in attributes or HIDDEN_STYLE.search(attributes.get("style") or ""):
            return True
        names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
        return BOILERPLATE.search(names) is not None

    def flush(self) -> None:
        """End the paragraph: its lines, each hard break a "\n"; an empty line starts another paragraph."""
        lines = [clean_line(line.lstrip(" \t\r\n")) for line in "".join(self.parts).split(HARD_BREAK)]
        self.parts = []
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line:
                paragraph.append(line)
            elif paragraph:
                self.blocks.append((self.main.active, self.marker + "\n".join(paragraph)))
                self.marker, paragraph = "", []


def html_blocks(markup: str) -> list[str]:
    """The paragraphs of the page's main text, in order."""
    parser = ArticleParser()
    parser.feed(markup)
    parser.close()
    parser.flush()
    main = [text for in_main, text in parser.blocks if in_main]
    return main or [text for _, text in parser.blocks]


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode with the page's declared charset when it gives Chinese text, else as any text file.

    A BOM beats the declaration, as in browsers; GB2312 and GBK declarations read
    as their superset GB18030, as browsers do too.
    """
    declared = META_CHARSET.search(data[:4096])
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if declared and not has_bom:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            encoding = "gb18030" if encoding in ("gb2312", "gbk") else encoding
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and looks_chinese(text):
            return text, encoding
    return decode_text(data, source)


def read_html(data: bytes, source: str) -> Document:
    markup, encoding = decode_html(data, source)
    return blocks_document(source, html_blocks(markup), encoding, cleaned=True)
