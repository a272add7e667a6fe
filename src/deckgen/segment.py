"""Stage 3: segment repaired paragraphs into articles, sections and sentences.

A newspaper page holds several pieces. A piece starts with a title line followed
by an author line ("□马开军", "文/…", "作者：…"), or right after the previous
piece's closing line ("（作者系…）", "（作者单位：…）"). Inside a piece, heading
paragraphs start sections. A piece with no title line gets one later from its
content (``untitled``).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .models import Article, Paragraph, Section
from .normalize import AUTHOR_LINE, NUMBERED_START
from .text import CLOSE_QUOTES, SENTENCE_END

AUTHOR_NAME = re.compile(r"^(?:□|■|◎|文[/／|｜]|作者[：:])\s*(?P<name>\S+)$")
# "（作者系…）" / "（作者单位：…）" closing a piece, alone or at the end of its last paragraph
CLOSING = re.compile(r"[（(]作者(?:系|单位|为|是)[^（()）]*[)）]?$")
# in a title block: a line holding a name only (a speaker under a report's title), or the date alone
SPEAKER = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
DATE_LINE = re.compile(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[)）]$")
_SENTENCE = re.compile(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{CLOSE_QUOTES}]*|$)")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; a closing quote after 。 stays with its sentence."""
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def _strip_closing(p: Paragraph) -> Paragraph | None:
    """The paragraph without its "（作者…）" closing note, None if nothing else is left."""
    text = CLOSING.sub("", p.text).rstrip()
    if not text:
        return None
    return replace(p, text=text)


def _pieces(paragraphs: tuple[Paragraph, ...]) -> list[list[Paragraph]]:
    """Split paragraphs into pieces at title+author pairs and after closing notes."""
    pieces: list[list[Paragraph]] = [[]]
    for i, p in enumerate(paragraphs):
        next_is_author = i + 1 < len(paragraphs) and AUTHOR_LINE.match(paragraphs[i + 1].text)
        if p.is_heading and next_is_author and any(not q.is_heading for q in pieces[-1]):
            pieces.append([])
        pieces[-1].append(p)
        if CLOSING.search(p.text):
            pieces.append([])
    return [piece for piece in pieces if piece]


def _article(piece: list[Paragraph], index: int, source: str) -> Article:
    title, author, untitled = None, None, True
    body = list(piece)
    if len(body) >= 2 and body[0].is_heading and AUTHOR_LINE.match(body[1].text):
        title, author, untitled = body[0].text, AUTHOR_NAME.match(body[1].text).group("name"), False
        body = body[2:]
    elif len(body) >= 2 and body[0].is_heading and not NUMBERED_START.match(body[0].text):
        # a leading heading that is not a numbered section: the title; headings right after it that are not
        # numbered either (a subtitle, "省长 某某") belong to the title block, not to the sections
        title, untitled = body[0].text, False
        rest = 1
        while rest < len(body) and (body[rest].is_heading and not NUMBERED_START.match(body[rest].text)
                                    or DATE_LINE.match(body[rest].text)):
            if SPEAKER.match(body[rest].text):
                author = body[rest].text  # the speaker of a report: 国务院总理 / 李强, （2017年10月18日） / 习近平
            rest += 1
        if rest == len(body):
            title, untitled, author, rest = None, True, None, 0  # only headings: a caption or titles, not a title
        body = body[rest:]
    sections: list[Section] = []
    current = Section(heading=None, heading_line=None, paragraphs=())
    for p in body:
        if p.is_heading:
            if current.heading is not None or current.paragraphs:
                sections.append(current)
            current = Section(heading=p.text, heading_line=p.line, paragraphs=())
            continue
        kept = _strip_closing(p)
        if kept is not None:
            current = Section(current.heading, current.heading_line, current.paragraphs + (kept,))
    if current.heading is not None or current.paragraphs:
        sections.append(current)
    if title is None:
        first = next((p.text for p in piece if p.text), "")
        title = split_sentences(first)[0][:24] if first else f"第{index + 1}篇"
    return Article(index=index, source=source, title=title, author=author, untitled=untitled,
                   sections=tuple(sections), line=piece[0].line)


def segment(paragraphs: tuple[Paragraph, ...], source: str, first_index: int = 0) -> tuple[Article, ...]:
    """Articles of one source, numbered from ``first_index``."""
    return tuple(_article(piece, first_index + i, source) for i, piece in enumerate(_pieces(paragraphs)))
