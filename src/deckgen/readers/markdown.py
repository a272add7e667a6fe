"""Read .md: render it with Python-Markdown, then take the text as the HTML reader does.

Markdown has many ways to write a heading, emphasis, a link or a list; the library
that implements the syntax knows them all, where stripping markup with regular
expressions would miss some. Going through HTML also means raw HTML inside the
markdown (which the syntax allows) is cleaned like any page, and a numbered list
keeps its numbers ("1. ") as in an HTML ``<ol>``.
"""
from __future__ import annotations

import markdown

from ..models import Document
from . import blocks_document
from .html import html_blocks
from .text import decode_text


def read_markdown(data: bytes, source: str) -> Document:
    text, encoding = decode_text(data, source)
    # sane_lists: a bulleted list after a numbered one is a list of its own, and a
    # numbered list starting at 3 keeps its 3, as in CommonMark
    markup = markdown.markdown(text, extensions=["sane_lists"])
    return blocks_document(source, html_blocks(markup), encoding, cleaned=True)
