"""Item blanks on whole words, over every list deckgen builds from the texts of ``eval/`` and the example deck.

The shared corpus is copied under ``eval/shared/texts``. For every list at the build's confidence, each item's
blank (``cards.cloze_parts``) must start and end on a word boundary: between two of jieba's words, or between
the two dictionary words a jieba word is made of (大局 / 意识), never inside a number (二〇二〇年); and a
prefix or suffix left visible is the whole shared part that ends on a word boundary: never a piece of it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.api import confident, extract_sources
from deckgen.cards import cloze_parts
from deckgen.config import packaged_defaults
from deckgen.extract.words import Words

ROOT = Path(__file__).parent.parent
TEXTS = [*sorted((ROOT / "eval").glob("*/texts/*.txt")), ROOT / "decks" / "theory-page" / "theory-page.txt"]
WORDS = Words()
NUMERAL = set("〇零一二两三四五六七八九十百千万亿0123456789")


def boundaries(item: str) -> set[int]:
    """Where a blank may start or end in ``item``, computed from jieba directly."""
    at, found = 0, {0}
    for word in WORDS.cut(item):
        found |= {at + k for k in range(2, len(word) - 1)
                  if WORDS.frequency(word[:k]) and WORDS.frequency(word[k:])}
        at += len(word)
        found.add(at)
    return {k for k in found if not (0 < k < len(item) and item[k - 1] in NUMERAL and item[k] in NUMERAL | {"年"})}


def longest_shared(items: list[str], bounds: list[set[int]]) -> str:
    """The longest prefix every item shares that ends on a boundary of every item."""
    k = 0
    while all(len(item) > k and item[k] == items[0][k] for item in items):
        k += 1
    while not all(k in b for b in bounds):
        k -= 1
    return items[0][:k]


def lists_of(path: Path):
    config = packaged_defaults()
    return [l for l in confident(extract_sources([path], config), config["extract"]["min_confidence"]).lists
            if len(l.items) > 1]


def test_there_are_lists_to_check():
    assert len(TEXTS) >= 20 and sum(len(lists_of(path)) for path in TEXTS[-3:]) >= 10


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_every_blank_is_on_word_boundaries(path):
    wrong = []
    for lst in lists_of(path):
        items = [" ".join(item.split()) for item in lst.items]
        parts = cloze_parts(items)
        bounds = [boundaries(item) for item in items]
        for item, found, (prefix, core, suffix) in zip(items, bounds, parts):
            if len(prefix) not in found or len(item) - len(suffix) not in found:
                wrong.append(f"{lst.name}: {prefix}[{core}]{suffix}")
        # a visible affix is the longest shared one on a boundary of every item: never a piece of it
        prefix, suffix = parts[0][0], parts[0][2]
        if prefix and prefix != longest_shared(items, bounds):
            wrong.append(f"{lst.name}: the prefix {prefix} is a piece of the shared part")
        flipped = [{len(item) - k for k in b} for item, b in zip(items, bounds)]
        if suffix and suffix != longest_shared([item[::-1] for item in items], flipped)[::-1]:
            wrong.append(f"{lst.name}: the suffix {suffix} is a piece of the shared part")
    assert not wrong, "\n".join(wrong)
