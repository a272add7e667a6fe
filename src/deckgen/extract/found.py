"""What a term rule hands to the term engine (``terms``): a term string, how sure the rule is, and which form it
matched."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Found:
    term: str
    confidence: float
    rule: str  # the rule's id, or a finer label of the form it matched (quoted-heading, quoted-common-word)
    once: bool = False  # a quoted dictionary word: a scare quote unless the document holds it twice
