"""What cards and exports show: no invisible format characters, no spreadsheet formulas.

A text can carry characters that change how it looks without being seen: a
right-to-left override (U+202E) makes “社区\u202e报到部门，哨吹” display as 社区吹哨，部门报到, so a
card would show a slogan the text does not hold. Every character of Unicode's
category Cf (format: bidi controls and isolates, zero-width space, word joiner,
soft hyphen, BOM, interlinear annotation marks, …) is removed from what a deck
and its exports show, with two exceptions that carry meaning and cannot hide
text: a zero-width joiner between two pictographs (👩‍💻 is one emoji, not
two), and the tag characters of an emoji tag sequence after a black flag (🏴 +
tags = the flag of Scotland). Extraction and ids still see the text as read.

A CSV or TSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to Excel and LibreOffice; OWASP's advice ("CSV Injection")
is to start such a cell with a single quote, which spreadsheets show as text.
"""
from __future__ import annotations

import re
import unicodedata

_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001F3F4"
_TAGS = re.compile("[\U000E0020-\U000E007F]+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# Unicode's category Cf (format characters) as of Unicode 14 (Python 3.11), plus the rest of
# Egyptian hieroglyph format controls added since (U+13439-1343F); test_display checks it
# against the running Python's unicodedata.
_CF = re.compile("[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F"
                 "\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD"
                 "\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001"
                 "\U000E0020-\U000E007F]")


def _pictograph(char: str) -> bool:
    """Roughly Unicode's Extended_Pictographic: symbols (So) from the emoji blocks and the few older ones."""
    return unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def visible(text: str) -> str:
    """``text`` without invisible format characters (see the module docstring for the two kept)."""
    if not _CF.search(text):
        return text
    out: list[str] = []
    i = 0
    for match in _CF.finditer(text):
        out.append(text[i:match.start()])
        char, i = match.group(), match.end()
        before = out[-1][-1:] if out and out[-1] else (out[-2][-1:] if len(out) > 1 else "")
        after = text[i:i + 1]
        if char == _ZWJ and before and after and _pictograph(before) and _pictograph(after):
            out.append(char)
        elif _TAGS.fullmatch(char) and (before == _BLACK_FLAG or _TAGS.fullmatch(before or "x")):
            out.append(char)
    out.append(text[i:])
    return "".join(out)


def cell(text: str) -> str:
    """A spreadsheet cell that shows ``text`` and is never a formula (OWASP: prefix a single quote)."""
    return "'" + text if text.startswith(FORMULA_START) else text
