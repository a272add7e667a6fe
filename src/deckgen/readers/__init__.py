"""One module per input format, each turning a file's bytes into a ``Document``.

``deckgen.read`` picks the reader by file suffix and applies the checks common to
all formats (size, emptiness, Chinese text). Readers of structured formats (docx,
html, md) hand over their paragraphs as ``Document.blocks``; ``blocks_document``
builds that document so ``text`` holds one block per line and line numbers of
later stages point at blocks.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Document

# Chinese is written without spaces, so a line break inside a paragraph next to
# a Chinese character is no word gap ("70\n岁" is "70岁"): drop it, much as CSS
# Text 3 does for East Asian text. Curly quotes count, as Chinese fonts set them full width.
WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
BREAK_BY_WIDE = re.compile(rf"(?<=[{WIDE}])[^\S\n]*\n\s*|[^\S\n]*\n\s*(?=[{WIDE}])")


def clean_block(text: str) -> str:
    """One paragraph on one line: line breaks next to Chinese characters dropped, other whitespace
    (line breaks, tabs, NBSP, U+3000 indents) collapsed to single spaces."""
    return " ".join(BREAK_BY_WIDE.sub("", text).split())


def blocks_document(source: str, blocks: Iterable[str], encoding: str) -> Document:
    """A Document of the non-empty cleaned blocks."""
    kept = tuple(block for block in map(clean_block, blocks) if block)
    return Document(source=source, text="\n".join(kept), encoding=encoding, blocks=kept)
