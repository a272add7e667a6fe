"""The value types every rule hands to the engine: where a list is (``Span``) and what was found (``Candidate``).

A rule says how sure it is (``confidence``: shown to the user, gating the build). Which of two candidates for the
same list wins is the engine's business (``priority``, from the rule table, raised by the passes that name a list);
the two are separate numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

NAMED = 100  # added to the priority of a candidate whose name states its count (half when the tie is weaker)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Where a candidate starts: its paragraph (index into ``Article.paragraphs``) and the offset in that paragraph."""

    para: int
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A list as one rule found it, before naming, de-duplication and ids."""

    name: str
    kind: str  # "counted" | "enumerated" | "outline"
    items: tuple[str, ...]
    span: Span
    line: int
    context: str
    confidence: float
    count: int | None = None
    detail: str = ""  # which form the rule matched (shi, before-chain …), shown in ``rule``
    item_contexts: tuple[str, ...] = ()
    lead: str = ""  # heading and text before the first item, where the naming pass looks for a counted name
    needs_name: bool = False  # a shape that is a list only when a counted name in its lead names it
    rule: str = ""  # the registered rule's id: set by the engine
    priority: int = 0  # set by the engine from the rule table; raised by the naming passes
    notes: tuple[str, ...] = field(default=())  # what the passes did: named-by-lead, lexicon-name, lexicon …

    @property
    def label(self) -> str:
        """The ``rule`` shown to the user: rule id, the form it matched, and what the passes did."""
        head = f"{self.rule}:{self.detail}" if self.detail else self.rule
        return "+".join((head, *self.notes))

    def noted(self, note: str, **changes) -> Candidate:
        return replace(self, notes=(*self.notes, note), **changes)
