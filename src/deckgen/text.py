"""Small text helpers shared by the stages: character classes, matching keys, numerals."""
from __future__ import annotations

import functools
import re
import unicodedata

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{CJK}]")
SENTENCE_END = "。！？；…"
CLAUSE_END = SENTENCE_END + "，、：,;:"
OPEN_QUOTES = "“‘「『"
CLOSE_QUOTES = "”’」』"
QUOTE_CHARS = OPEN_QUOTES + CLOSE_QUOTES + "\"'"
_NO_QUOTES = str.maketrans("", "", QUOTE_CHARS)

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9, "十": 10, "百": 100}
NUMERAL_CHARS = "一二两三四五六七八九十"


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


class _KeyTable(dict):
    """A ``str.translate`` table deleting whitespace, punctuation (Unicode category P*) and ``<>|``,
    filled in as characters are first seen (a full table would cost 0.2 s at start-up)."""

    def __missing__(self, codepoint: int) -> int | None:
        ch = chr(codepoint)
        dropped = ch.isspace() or unicodedata.category(ch).startswith("P") or ch in "<>|"
        self[codepoint] = None if dropped else codepoint
        return self[codepoint]


_KEY_TABLE = _KeyTable()


@functools.lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """The form used to compare and identify strings: NFKC, no whitespace, quotes or punctuation.

    Never shown to a learner: display text keeps its punctuation. Cached: the
    same names and items are compared many times.
    """
    return unicodedata.normalize("NFKC", text).translate(_KEY_TABLE)


def chinese_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一…九十九), or None when ``text`` is not one."""
    if not text or any(ch not in CHINESE_DIGITS for ch in text):
        return None
    if text in ("十",):
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)
    if len(text) == 1:
        return CHINESE_DIGITS[text]
    return None


def strip_quotes(text: str) -> str:
    """Remove quotation marks anywhere in ``text`` (items are recited without them)."""
    return text.translate(_NO_QUOTES)
