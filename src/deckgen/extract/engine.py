"""The rule engine: run an ordered table of rules over an article, then the passes, then keep one list per list.

A rule is data: an id, what it finds, a ``find(article, context)`` function and a priority. The engine

1. runs every rule of the table on the article (the glossary rule on the whole article, the others on its body);
2. names the shapes a rule marks ``named_from_lead`` by the counted name in their lead (“六个必须坚持”…一是…二是…:
   one list), and drops those that are a list only when named (``needs_name``) and were not;
3. lets the lexicon name the lists it knows and check the counted names tied to items (``passes``);
4. keeps one candidate where several describe the same list: the higher priority, then the higher confidence.

Priority decides between candidates; confidence is what the user sees and what gates the build. A list tied to a
counted name outranks the same items found by shape alone (``NAMED``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..models import Article
from ..text import match_key
from .candidate import NAMED, Candidate
from .context import Context
from .glossary import body
from .passes import AT_NAME, by_lexicon, name_from_lead


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    find: Callable[[Article, Context], list[Candidate]]
    priority: int
    reads_glossary: bool = False  # the glossary rule reads the appendix the other rules never see
    named_from_lead: bool = False  # a shape the naming pass may name by the counted name in its lead
    doc: str = ""

    def run(self, article: Article, ctx: Context) -> list[Candidate]:
        found = self.find(article if self.reads_glossary else body(article), ctx)
        return [replace(c, rule=self.id, priority=self.priority + (NAMED if c.kind == "counted" else 0))
                for c in found]


def find_lists(article: Article, ctx: Context, rules: tuple[Rule, ...]) -> list[Candidate]:
    """The lists of ``article``: every rule's candidates through the passes, one per list, in reading order."""
    found: list[Candidate] = []
    for rule in rules:
        candidates = rule.run(article, ctx)
        if rule.named_from_lead:
            candidates = [name_from_lead(c, ctx) for c in candidates]
            candidates = [c for c in candidates if not c.needs_name]
        found += candidates
    found = [by_lexicon(c, ctx.lexicon) for c in found]
    return sorted(distinct_lists(found), key=lambda c: c.span)


def distinct_lists(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per list, the strongest first: a candidate is dropped when a kept one has its name, or shares
    most of its items (at least two, more than half of its own) — unless both spell the same items right at their
    own names, in different places (国内国际双循环 … 统筹国内国际两个大局: two lists of the same two items).

    Kept candidates are indexed by name and by item, so this is linear in the number of items.
    """
    kept: list[Candidate] = []
    names: set[str] = set()
    by_item: dict[str, list[int]] = {}
    for candidate in sorted(candidates, key=lambda c: (-c.priority, -c.confidence, c.span)):
        name = match_key(candidate.name)
        keys = {match_key(i) for i in candidate.items}
        shared = Counter(k for key in keys for k in by_item.get(key, ()))
        least = max(2, len(keys) // 2 + 1)
        if name in names or any(n >= least and not _twins_at_names(candidate, kept[k]) for k, n in shared.items()):
            continue
        names.add(name)
        for key in keys:
            by_item.setdefault(key, []).append(len(kept))
        kept.append(candidate)
    return kept


def _twins_at_names(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates are counted names with the same items spelled at each name, each at its own place."""
    return a.span != b.span and a.detail in AT_NAME and b.detail in AT_NAME \
        and {match_key(i) for i in a.items} == {match_key(i) for i in b.items}
