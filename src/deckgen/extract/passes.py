"""The passes the engine runs over every rule's candidates: naming from the lead, and the lexicon's naming and check.

* ``name_from_lead`` — an enumeration or colon list led by a counted name is that name's list (“六个必须坚持” in the
  sentence before 一是…二是…). Only the lead counts: a name elsewhere with the same count is not this list's name;
* ``by_lexicon`` — an unnamed list whose items are a formulation's items takes the formulation's name; a counted
  list named like a formulation is raised when its items agree, sunk when none does.
"""
from __future__ import annotations

import math
import re

from ..segment import split_sentences
from ..text import match_key
from .candidate import NAMED, Candidate
from .context import Context
from .lexicon import Lexicon, could_match, distinct, match_count, matches_any
from .items import clean
from .names import has_key, name_keys, quoted_counted_names, unquoted_counted_names
from .words import Words

# what follows a name that only qualifies another noun: 践行“三个务必”重要要求 (its 要求 are the list), not “六个必须坚持”，
# “四个意识”：, “三个务必”的内涵是
QUALIFIES = re.compile(r"^(?!的?(?:具体|主要|基本)?(?:内涵|内容|要求)?(?:是|即|就是|包括|分别|主要|为|指|有))"
                       r"的?[\u4e00-\u9fff]{2,}[。！？；]*$")
NAMED_BY_LEAD = 0.9
NAMED_BY_LEAD_MISMATCH = 0.6
LEXICON_NAMED = 0.8
LEXICON_AGREES = 0.9
LEXICON_DISAGREES = 0.3
LEXICON_SHARE = 0.6  # of the formulation's items and of the list's, for the lexicon to name a list
SPELLED_BEFORE = ("before", "before-unquoted", "before-chain")  # the counted rule's forms of a chain before a name
# items fused into the name itself (国内国际两个大局, 村—镇—县“三级联动”): the text says which sense of a name with two
# (两个大局: also 中华民族伟大复兴战略全局 and 世界百年未有之大变局) it means, so the lexicon does not check them
FUSED = ("fused-pair", "dashed")
AT_NAME = SPELLED_BEFORE + FUSED  # the counted rule's forms whose items stand right at the name
CLAUSE = re.compile(r"[，,；。！？]")
CLOSING_NAME = 12  # characters at the end of a lead searched for an unquoted name closing it


def _qualifies(rest: str, words: Words) -> bool:
    """Whether the text after a name makes the name a modifier of a closing noun (重要要求), not a new clause (筑牢…)."""
    if not QUALIFIES.match(rest):
        return False
    first = words.tagged(rest.lstrip("的")[:8])
    return bool(first) and not (first[0][1].startswith("v") and first[0][1] != "vn")


def _lead_names(found: Candidate, ctx: Context) -> list[tuple[str, int, bool]]:
    """Counted names in a list's lead: quoted, a lexicon name in quotes, or unquoted in a heading (建立四项机制　筑牢…).

    (name, count, in the last sentence). A name that only qualifies the noun the lead ends on (践行“三个务必”重要要求,
    “两个务必”提出的背景) is not the list's name, and neither is a lexicon name none of whose items the list holds.
    """
    sentences = split_sentences(found.lead)
    names = []
    for i, sentence in enumerate(sentences):
        last = i == len(sentences) - 1
        quoted = [(name, count, f"“{name}”") for name, count in quoted_counted_names(sentence)]
        quoted += [(f.name, len(f.items), f"“{f.name}”") for key, f in ctx.lexicon.items()
                   if key == match_key(f.name) and f"“{f.name}”" in sentence]
        for name, count, marked in quoted:
            end = sentence.index(marked) + len(marked)
            if not _qualifies(sentence[end:], ctx.words):
                names.append((name, count, last))
        closing = sentence.rstrip("：: ")
        if not any(ch in sentence for ch in "，,：:；"):
            names += [(name, count, last) for name, count, start in unquoted_counted_names(sentence, ctx.words)
                      if not _qualifies(sentence[start + len(name):], ctx.words)]
        elif last:  # 总的战略安排是分两步走：A；B。 / 经历了…的三件大事：一是… a name closing the lead, of the right count
            names += [(name, count, last)
                      for name, count, start in unquoted_counted_names(closing[-CLOSING_NAME:], ctx.words)
                      if closing.endswith(name) and count == len(found.items)]
    keys = [match_key(i) for i in found.items]
    return [(name, count, last) for name, count, last in names
            if match_key(name) not in ctx.lexicon or matches_any(ctx.lexicon[match_key(name)], keys)]


def name_from_lead(found: Candidate, ctx: Context) -> Candidate:
    """A shape led by a counted name of its count is that name's list, raised by ``NAMED`` in priority.

    A count one off is kept (a marker lost or doubled in the source) and marked, but only when the name is in
    the very sentence before the items and the shape is a list by itself; it is raised by half as much, so a
    candidate whose count agrees wins.
    """
    names = _lead_names(found, ctx)
    exact = [(n, c) for n, c, _ in names if c == len(found.items)]
    near = [(n, c) for n, c, last in names if last and abs(c - len(found.items)) == 1]
    if exact:
        (name, count), confidence, raised = exact[-1], NAMED_BY_LEAD, NAMED
    elif len(near) == 1 and len(names) == 1 and not found.needs_name:
        (name, count), confidence, raised = near[0], NAMED_BY_LEAD_MISMATCH, NAMED // 2  # a weaker tie
    else:
        return found
    return found.noted("named-by-lead", name=name, count=count, kind="counted", confidence=confidence,
                       needs_name=False, priority=found.priority + raised, items=_keyed_items(found, name))


def _keyed_items(found: Candidate, name: str) -> tuple[str, ...]:
    """The items as the clauses that carry the name's key, when each item's sentence has one and the items cut so
    far do not: “五个新突破” — 一是坚定实施扩大内需战略，在加快推动消费投资增长上实现新突破。 → the second clause."""
    keys = name_keys(name)
    if not keys or not found.item_contexts or all(has_key(i, keys) for i in found.items):
        return found.items
    keyed = []
    for context in found.item_contexts:
        clause = next((c for c in CLAUSE.split(context) if has_key(c, keys)), None)
        if clause is None or match_key(name) in match_key(clause):
            return found.items
        keyed.append(clean(clause))
    return tuple(keyed)


def by_lexicon(found: Candidate, lexicon: Lexicon) -> Candidate:
    """An unnamed list named by the formulation whose items it holds; a counted one checked against the formulation
    of its name."""
    if not lexicon:
        return found
    return _checked(found, lexicon) if found.kind == "counted" else _renamed(found, lexicon)


def _renamed(found: Candidate, lexicon: Lexicon) -> Candidate:
    """An unnamed list whose items are a formulation's items takes the formulation's name and count."""
    keys = [match_key(i) for i in found.items]
    joined = "|".join(keys)
    for formulation in distinct(lexicon):
        if not could_match(formulation, joined, keys):
            continue
        lex, hits = match_count(formulation, keys)
        if lex >= max(2, math.ceil(LEXICON_SHARE * len(formulation.items))) \
                and hits >= math.ceil(LEXICON_SHARE * len(keys)):
            return found.noted("lexicon-name", name=formulation.name, count=len(formulation.items), kind="counted",
                               confidence=max(found.confidence, LEXICON_NAMED),
                               priority=found.priority + NAMED // 2)  # the text's own name is stronger
    return found


def _checked(found: Candidate, lexicon: Lexicon) -> Candidate:
    """A counted list named like a formulation: raised when its items agree, sunk when none does — sunk below every
    other candidate for the same items too.

    A chain right before the name (``SPELLED_BEFORE``) is the name spelled out, so its items must be the
    formulation's own or a part of one (责任、政策、帮扶、监管“四个不摘”), never more: 懂农业、爱农村、爱农民的“三农”工作队伍 describes the
    队伍, and 三农 is 农业、农村、农民."""
    formulation = lexicon.get(match_key(found.name))
    if formulation is None or found.detail in FUSED:
        return found
    keys = [match_key(i) for i in found.items]
    _, hits = match_count(formulation, keys)
    if found.detail in SPELLED_BEFORE:
        hits = sum(1 for k in keys if len(k) >= 2 and any(k in f for forms in formulation.item_keys for f in forms))
    if hits == 0:
        return found.noted("lexicon-mismatch", confidence=LEXICON_DISAGREES, priority=0)
    if hits * 2 >= len(found.items):
        return found.noted("lexicon", confidence=max(found.confidence, LEXICON_AGREES))
    return found
