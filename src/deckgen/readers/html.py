r"""Read .html/.htm: the main text of a saved article page, one block per paragraph.

A saved page (it has a ``<body>``) is read in two steps. readability-lxml finds the
main text: measured on saved pages of county, newspaper and school sites built
around real articles (README, "Saved web pages") it read every article whole and
no menu, where these rules alone took a school site's menu for the title and
trafilatura kept footers and read a table-laid page whole. deckgen then takes the
title itself, the paragraph the ``<title>`` opens before its site-name suffix
(readability titles with the suffix), and drops what stands before that headline.
A bare fragment (``<p>`` after ``<p>``, as a CMS publishes it) is all text.

Text is taken from the markup by the standard library's ``html.parser`` with a
few rules, each with a reason:

- dropped with all they hold: scripts, styles, the ``<head>``, navigation,
  asides, hidden elements (not forms: a school site's CMS puts the article in
  one), elements whose class or id names navigation, a menu, a breadcrumb trail, a sidebar, share buttons or a copyright line, and
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
import html as html_module
import re
from html.parser import HTMLParser

from ..limits import MAX_LIST_NUMBER
from ..models import Document
from . import BULLET, HARD_BREAK, blocks_document, clean_line
from .text import decode_text, looks_chinese

SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "nav", "aside", "iframe",
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
FULL_PAGE = re.compile(r"<body[\s>]", re.IGNORECASE)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]*>")
TITLE_SEPARATORS = "_-－—–|｜·:：丨 "
MIN_HEADLINE = 4
HEADLINE_WINDOW = 40  # paragraphs of the main text that may stand before the headline (crumbs, a menu)
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


def _parsed(markup: str) -> ArticleParser:
    parser = ArticleParser()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return parser


def html_blocks(markup: str) -> list[str]:
    """The paragraphs of a fragment's text (of the main content, where the markup marks one), in order."""
    blocks = _parsed(markup).blocks
    main = [text for in_main, text in blocks if in_main]
    return main or [text for _, text in blocks]


def headline(markup: str, blocks: list[str]) -> str | None:
    """The page's headline: the longest of its paragraphs that the ``<title>`` opens, followed there by a
    separator and the site's name (标题_某某县人民政府, 标题--理论-人民网); else the title without a suffix when a
    paragraph of the page says it; else the first ``<h1>``. Never a menu or a crumb: those are no ``<title>``."""
    found = TITLE.search(markup)
    title = clean_line(html_module.unescape(found.group(1))) if found else ""
    best = None
    for block in blocks:
        rest = title[len(block):]
        if len(block) >= MIN_HEADLINE and title.startswith(block) and (not rest or rest[0] in TITLE_SEPARATORS):
            best = block if best is None or len(block) > len(best) else best
    if best is None:
        heading = H1.search(markup)
        text = clean_line(html_module.unescape(TAG.sub("", heading.group(1)))) if heading else ""
        best = text if text in blocks else None
    return best


def page_blocks(markup: str) -> list[str]:
    """The paragraphs of a saved page's article: its headline first, then the main text readability-lxml finds
    (see the README for how it was chosen), without what stands before the headline. A fragment (no <body>)
    is all text, read by ``html_blocks``."""
    if not FULL_PAGE.search(markup):
        return html_blocks(markup)
    page = [text for _, text in _parsed(markup).blocks]
    title = headline(markup, page)
    try:
        from readability import Document as Readable

        body = html_blocks(Readable(markup).summary(html_partial=True))
    except Exception:  # readability gives up on some pages (no body, odd trees): read the page as deckgen does
        body = html_blocks(markup)
    if title is None:
        return body
    if title in body[:HEADLINE_WINDOW]:
        body = body[body.index(title) + 1:]  # menus and crumbs stand before the headline
    return [title, *body]


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
    return blocks_document(source, page_blocks(markup), encoding, cleaned=True)
