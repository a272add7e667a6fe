"""Stage 2: repair text broken by PDF extraction into display paragraphs.

PDF-extracted pages break lines and paragraphs mid-sentence, put spaces between
Chinese characters and use ASCII punctuation (``,`` ``"`` ``:``) inside Chinese.
This stage joins a block that does not end a sentence with the next one, drops
spaces next to Chinese characters, turns ASCII punctuation in Chinese context
into its full-width form and pairs ASCII quotes into “…”. It keeps, for each
paragraph, the source lines it came from: the map back to the original.

Short blocks with no sentence punctuation are headings; they are never joined
with body text, and consecutive heading lines form one heading.
"""
from __future__ import annotations

import re

from .models import Document, Paragraph
from .text import CJK, SENTENCE_END

HEADING_MAX = 40
# A block starting like this begins a new paragraph even when the previous one was cut mid-sentence.
ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、是]|[（(][一二三四五六七八九十]+[)）]"
                        r"|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳]|首先|其次|再次|最后)")
AUTHOR_LINE = re.compile(r"^(?:□|■|◎|文[/／|｜]|作者[：:])\s*\S{2,12}$")
END_PUNCT = SENTENCE_END + "”’」』)）"

_SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}\u3000-\u303f\uff00-\uffef“”‘’])\s+|\s+(?=[{CJK}\u3000-\u303f\uff00-\uffef“”‘’])")
_ASCII_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{CJK}”’）])([,:;?!])|([,:;?!])(?=[{CJK}“‘（])")
_PAREN_NEAR_CJK = re.compile(rf"\(([^()]*[{CJK}][^()]*)\)")


def repair_line(text: str) -> str:
    """Spaces and ASCII punctuation of one line, repaired for display (quotes are paired per paragraph)."""
    text = text.replace("\u200b", "").replace("\u200d", "").replace("\ufeff", "")
    text = _SPACE_NEAR_CJK.sub("", text.strip())
    text = _ASCII_PUNCT_NEAR_CJK.sub(lambda m: _ASCII_PUNCT[m.group(1) or m.group(2)], text)
    return _PAREN_NEAR_CJK.sub(r"（\1）", text)


def pair_ascii_quotes(text: str) -> str:
    """Turn ASCII double quotes into alternating “ and ”."""
    if '"' not in text:
        return text
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def is_heading_text(text: str) -> bool:
    """A short block with no sentence punctuation: a title, section heading or caption."""
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX:
        return False
    if any(ch in stripped for ch in "。！？；：:;") or stripped[-1] in "，、,":
        return False
    return not stripped.startswith(("(", "（"))


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in END_PUNCT


def _raw_blocks(doc: Document) -> list[tuple[str, int]]:
    """(text, 1-based line) of every non-empty line, or the reader's own blocks."""
    if doc.blocks is not None:
        return [(b, i + 1) for i, b in enumerate(doc.blocks) if b.strip()]
    return [(line, i + 1) for i, line in enumerate(doc.text.splitlines()) if line.strip()]


def _starts_lost_marker(text: str, following: str) -> bool:
    """A block starting "是…" whose "一" was lost, recognisable because "二是" follows."""
    return text.startswith("是") and "二是" in (text + following)[:400]


def normalize(doc: Document) -> tuple[Paragraph, ...]:
    """Repaired paragraphs of ``doc`` in reading order."""
    blocks = [(repair_line(text), line) for text, line in _raw_blocks(doc)]
    blocks = [(t, line) for t, line in blocks if t]
    paragraphs: list[dict] = []
    for i, (text, line) in enumerate(blocks):
        heading = is_heading_text(text) or bool(AUTHOR_LINE.match(text))
        prev = paragraphs[-1] if paragraphs else None
        following = blocks[i + 1][0] if i + 1 < len(blocks) else ""
        if prev is not None and heading and prev["heading"] and not AUTHOR_LINE.match(text) \
                and not AUTHOR_LINE.match(prev["parts"][-1]) and len(prev["parts"]) < 3:
            prev["parts"].append(text)  # a heading split over lines
            prev["end_line"] = line
            continue
        joinable = (prev is not None and not heading and not prev["heading"]
                    and not ends_sentence(prev["parts"][-1]) and not ITEM_START.match(text)
                    and not _starts_lost_marker(text, following))
        if joinable:
            prev["raw_starts"].append(sum(len(p) for p in prev["parts"]))
            prev["parts"].append(text)
            prev["end_line"] = line
        else:
            paragraphs.append({"parts": [text], "line": line, "end_line": line, "heading": heading,
                               "raw_starts": [0]})
    return tuple(
        Paragraph(text=pair_ascii_quotes(("　" if p["heading"] else "").join(p["parts"])), line=p["line"],
                  end_line=p["end_line"], is_heading=p["heading"], raw_starts=tuple(p["raw_starts"]))
        for p in paragraphs)
