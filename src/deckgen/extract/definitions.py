"""Where a text defines its terms: the definition forms, as a table, and the terms a definition introduces.

Each form names the term and the definition that follows it (up to the sentence end):

* ``so-called`` — 所谓“X”，就是… / 所谓X，是指…;
* ``means`` — X是指… / X，是指… / X指的是… opening a sentence (第二十一条 从轻处分，是指…);
* ``quoted-is`` — “X”，就是要求我们… / “X”改革，就是… / “X”是由… / “X”，即…: a quoted term, perhaps with the noun it
  names (改革, 工程), anywhere in the sentence;
* ``said`` — 所说的“X”，指的是…;
* ``that-is`` — X，即…: a short name and its spelled-out reading (四项基本原则，即坚持社会主义道路…);
* ``opening`` — X，就是… opening a sentence, for a term found otherwise (a lexicon formulation).

An unquoted term that a ``so-called``, ``means`` or ``that-is`` form introduces is a term of its own (``defined``:
the quoted ones are the quoted rule's).
"""
from __future__ import annotations

import re

from ..text import match_key
from .found import Found

TERM = r"[^，。；：“”、\s]{2,14}"  # an unquoted term: a short run without a clause break
QUOTED_TERM = r"“(?P<term>[^“”]{2,30})”"
DEFINITION = r"(?P<def>[^。！？]{6,})"
IS = r"(?:就是|是指|指的是|即(?!使|便|将|可|时|是))"  # 即使/即便/即将 are no "that is"; 是指导 is not 是指
FORMS: tuple[tuple[str, re.Pattern], ...] = (
    ("so-called", re.compile(rf"所谓(?:{QUOTED_TERM}|(?P<bare>{TERM}))[，,]?{IS}(?!导){DEFINITION}")),
    ("said", re.compile(rf"所说的{QUOTED_TERM}[，,]?(?:指的是|是指|就是){DEFINITION}")),
    ("quoted-is", re.compile(rf"{QUOTED_TERM}[\u4e00-\u9fff]{{0,4}}[，,]?(?:{IS}|是由)(?!导){DEFINITION}")),
    ("means", re.compile(rf"^(?:第[一二三四五六七八九十百零]+条\s*)?(?!所谓)(?P<bare>{TERM})[，,]?(?:是指|指的是)(?!导){DEFINITION}")),
    ("that-is", re.compile(rf"(?:^|[，；：\s])(?P<bare>{TERM})[，,]即(?!使|便|将|可|时|是){DEFINITION}")),
    # X，就是… opening a sentence: a definition only of a term found otherwise (a lexicon formulation)
    ("opening", re.compile(rf"^[“「]?(?P<bare>[^，。“”]{{2,30}})[”」]?[，,]?{IS}{DEFINITION}")),
)
INTRODUCES = {"so-called", "means", "that-is"}  # forms whose unquoted term is a term of its own
DEFINED = 0.6
# 必须坚持四项基本原则，即…: the name is what the modal and the verb before it take
LEADING = re.compile(r"^(?:必须|要|应当|始终|全面|继续|大力)*(?:坚持|实行|实施|推行|建立|落实|开展|贯彻)")


CUES = re.compile(r"就是|是指|指的是|即|是由")  # a sentence without one defines nothing: the forms are not tried


def definitions(sentence: str) -> list[tuple[str, str, str]]:
    """(term, definition, form) of every definition form that matches ``sentence``."""
    found = []
    if not CUES.search(sentence):
        return found
    for form, pattern in FORMS:
        for m in pattern.finditer(sentence):
            groups = m.groupdict()
            term = groups.get("term") or groups.get("bare")
            if term:
                found.append((_name(term) if not groups.get("term") else term, m.group("def").strip("，, "), form))
    return found


def _name(term: str) -> str:
    name = LEADING.sub("", term)
    return name if len(name) >= 2 else term


def defined_terms(sentence: str) -> list[Found]:
    """The unquoted terms a definition of ``sentence`` introduces."""
    return [Found(term, DEFINED, "defined") for term, _, form in definitions(sentence)
            if form in INTRODUCES and "“" not in term]


def find_definitions(sentences: list[str]) -> dict[str, str]:
    """The definition the text gives each term, by term key: its first."""
    found: dict[str, str] = {}
    for sentence in sentences:
        for term, definition, _ in definitions(sentence):
            found.setdefault(match_key(term), definition)
    return found
