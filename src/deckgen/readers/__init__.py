"""One module per input format, each turning a file's bytes into a ``Document``.

``deckgen.read`` picks the reader by file suffix and applies the checks common to
all formats (size, emptiness, Chinese text). Readers of structured formats (docx,
html, md) hand over their paragraphs as ``Document.blocks``; ``blocks_document``
builds that document so ``text`` holds one block per line and line numbers of
later stages point at blocks.

A hard line break inside a paragraph (Word's manual break, HTML's ``<br>``) is
kept as a ``\\n`` inside the block, with the line's indent: whether it ends a
paragraph or only wraps a line is decided once, for every format, by
``deckgen.normalize.rejoin_lines`` from the text itself.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Document

# A reader's mark for a hard line break inside a paragraph; any other whitespace
# (the source's own newlines in HTML, tabs, NBSP) is a plain gap.
HARD_BREAK = "\u2028"
INDENT = "\u3000\u3000"
# what a bulleted list item starts with in every structured format: the dash a Chinese text bullets with
BULLET = "——"
_INDENT_START = ("\u3000", "\u00a0\u00a0", "  ", "\t")
# Chinese is written without spaces, so a source newline next to a Chinese character is no word gap
# ("70\n岁" is "70岁"): drop it, much as CSS Text 3 does for East Asian text. Curly quotes count, as
# Chinese fonts set them full width.
WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
BREAK_BY_WIDE = re.compile(rf"(?<=[{WIDE}])[^\S\n]*\n\s*|[^\S\n]*\n\s*(?=[{WIDE}])")


def clean_line(text: str) -> str:
    """One line with its whitespace collapsed to single spaces; an indent kept as two U+3000."""
    collapsed = " ".join(BREAK_BY_WIDE.sub("", text).split())
    return INDENT + collapsed if collapsed and text.startswith(_INDENT_START) else collapsed


def clean_block(text: str) -> str:
    """One paragraph: whitespace collapsed, each hard break a ``\\n`` (empty lines dropped)."""
    return "\n".join(line for line in map(clean_line, text.split(HARD_BREAK)) if line)


def blocks_document(source: str, blocks: Iterable[str], encoding: str, *, cleaned: bool = False) -> Document:
    """A Document of the non-empty cleaned blocks (``cleaned``: already through ``clean_block``, hard
    breaks as "\n")."""
    kept = tuple(block for block in (blocks if cleaned else map(clean_block, blocks)) if block)
    return Document(source=source, text="\n".join(kept), encoding=encoding, blocks=kept)
