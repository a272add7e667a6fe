"""Cutting list items to the short form a learner recites.

Every rule that finds a list hands its raw item text to these helpers, so all
lists are cut the same way: to the first clause (or a short first sentence kept
whole), without a lead shared by every item (深刻感悟“必须坚持人民至上” → 必须坚持人民至上),
without quotes, and never ending mid-word (jieba decides word boundaries when an
item has to be shortened to a length).
"""
from __future__ import annotations

import re

from ..text import HAN_RE, strip_quotes
from .words import Words

SHORT_ITEM = 16  # an item sentence this short (in Han characters) is kept whole: 加强宣传教育，培树文明新风
MAX_ITEM = 24  # a first clause longer than MAX_WHOLE_CLAUSE is cut to this at a word boundary
MAX_WHOLE_CLAUSE = 34  # a 31-character clause cut at 24 ends on a verb without its object (…进程中具有)
MAX_SERIES_CLAUSE = 64  # a first clause holding a 、-series is kept whole up to this: a cut leaves the series partial
MAX_JOINED = 30  # a first clause kept with the next (a frame, a subject) when the two fit in this
SET_PHRASE = 4  # characters of a set phrase (实事求是, 与时俱进)
DANGLING_FLAGS = set("ucp")  # 的 地 得, 和 与 并, 对 在 把: an item never ends on one
QUOTED_ITEM = re.compile(r"^(?P<lead>[^“”]{0,6})“(?P<q>[^“”]{2,30})”(?:[，,；。]|$)")
SHARED_MODAL = "要"
SENTENCE_SPLIT = re.compile(r"[。；！？]")
CLAUSE_SPLIT = re.compile(r"[，,：:]")
# separators of a spelled-out list, coarsest first: 务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，…
SEPARATORS = ("；", "，", "、")
LAST_JOINER = re.compile(r"(?:以及|和|及|与)(?=[^、，；]{1,16}$)")
# a clause that only sets the scene (在党的会议上, 在党组织讨论决定…时): a place or a time, no item on its own
FRAME = re.compile(r"^(?:在|当)[^，,]{1,30}(?:上|中|时|下|里|内|期间|之际)$")
# a clause that opens with a copula or a modal has the clause before it as its subject (党的最高领导机关，是…)
PREDICATE = re.compile(r"^(?:是|要|必须|应当|都)")


def clean(item: str) -> str:
    """An item without quotes and without surrounding punctuation or bullet dashes (——必须坚持…)."""
    return strip_quotes(item).strip("，,、。；;：: \u3000—")


def trim_item(segment: str, words: Words, inline: bool = False) -> str:
    """The short form a learner recites, from the text after a marker.

    A short first sentence is kept whole (加强宣传教育，培树文明新风), and a first clause with the two or more
    four-character set phrases after it (坚持解放思想，实事求是，与时俱进，求真务实: one formulation, not a head and its
    detail); otherwise, or when items run on inside one sentence, the first clause, cut at a word boundary when it
    is long (not when it holds a 、-series: the series whole). A first clause that only sets the scene (在…上,
    当…时) keeps the clause it frames, or gives way to it when the two are long together; one that is the subject
    of the next clause (党的最高领导机关，是…) keeps that clause when the two fit.
    """
    segment = segment.strip("，,、：: ")
    sentence = SENTENCE_SPLIT.split(segment, maxsplit=1)[0]
    clauses = [c for c in CLAUSE_SPLIT.split(sentence) if c]
    if not clauses:
        return ""
    length = len(HAN_RE.findall(sentence))
    if not inline and length <= SHORT_ITEM and len(clauses) <= 2:
        return sentence.strip("，, ")
    formulation = _with_set_phrases(sentence, clauses)
    if not inline and formulation and len(HAN_RE.findall(formulation)) <= MAX_WHOLE_CLAUSE:
        return formulation
    first = clauses[0]
    if len(clauses) > 1 and (FRAME.match(first) or PREDICATE.match(clauses[1])):
        both = f"{first}，{clauses[1]}"  # 在党的会议上和党报党刊上，参加关于党的政策问题的讨论
        if len(HAN_RE.findall(both)) <= MAX_JOINED:
            return both
        if FRAME.match(first):
            first = clauses[1]  # 在党组织讨论决定对党员的党纪处分或作出鉴定时，本人有权参加和进行申辩
    if len(HAN_RE.findall(first)) <= (MAX_SERIES_CLAUSE if first.count("、") >= 2 else MAX_WHOLE_CLAUSE):
        return first  # one clause a little over the length is kept whole: a cut would leave a modifier hanging
    return _without_dangling(words.head(first, MAX_ITEM), words)


def _with_set_phrases(sentence: str, clauses: list[str]) -> str:
    """The first clause with the two or more four-character set phrases right after it (坚持解放思想，实事求是，与时俱进，
    开拓创新，认真调查研究… → 坚持解放思想，实事求是，与时俱进，开拓创新), as the sentence writes them; "" when fewer follow."""
    kept = [clauses[0]]
    for clause in clauses[1:]:
        if not len(HAN_RE.findall(clause)) == SET_PHRASE == len(clause):
            break
        kept.append(clause)
    if len(kept) < 3:
        return ""
    end = 0
    for clause in kept:
        end = sentence.index(clause, end) + len(clause)
    return sentence[:end].strip("，, ")


def _without_dangling(cut: str, words: Words) -> str:
    """A cut item without the function words it would end on (…作出科学完整的 → …作出科学完整 is still a cut; …
    推进中华民族伟大复兴的 → 推进中华民族伟大复兴)."""
    tagged = words.tagged(cut)
    while len(tagged) > 1 and tagged[-1][1][:1] in DANGLING_FLAGS:
        tagged.pop()
    return "".join(w for w, _ in tagged)


def strip_shared_lead(items: list[str]) -> list[str]:
    """深刻感悟“必须坚持人民至上” ×6 → 必须坚持人民至上: drop a lead shared by every item before its quote, or the
    "要" that opens every item of a speech's points (要提升政治意识 → 提升政治意识)."""
    matches = [QUOTED_ITEM.match(i) for i in items]
    if len(items) >= 2 and all(matches) and len({m.group("lead") for m in matches}) == 1 and matches[0].group("lead"):
        return [m.group("q") for m in matches]
    if len(items) >= 2 and all(i.startswith(SHARED_MODAL) and len(i) > len(SHARED_MODAL) + 2 for i in items):
        return [i[len(SHARED_MODAL):] for i in items]  # 一是要坚定理想信念，二是要…: the "要" of every point
    subject = _shared_subject(items)
    if subject:
        return [i[len(subject):] for i in items]  # ——中国式现代化是A的现代化。——中国式现代化是B的现代化。
    return items


def _shared_subject(items: list[str]) -> str:
    """A subject and copula opening every item (中国式现代化是), when what follows is still an item."""
    if len(items) < 3:
        return ""
    prefix = items[0]
    for item in items[1:]:
        while prefix and not item.startswith(prefix):
            prefix = prefix[:-1]
    cut = prefix.rfind("是")
    if cut < 2 or any(len(HAN_RE.findall(i[cut + 1:])) < 4 for i in items):
        return ""
    return prefix[:cut + 1]


def split_items(text: str, words: Words, count: int | None = None) -> list[str]:
    """The parts of a spelled-out list (after a colon, in a glossary entry).

    Uses the coarsest separator that gives the stated ``count`` of parts, else the
    coarsest that gives two or more; "A、B和C" splits its last "和" too.
    """
    text = SENTENCE_SPLIT.split(text.strip(), maxsplit=1)[0] if "；" not in text else text.rstrip("。")
    best: list[str] = []
    for sep in SEPARATORS:
        parts = [clean(p) for p in text.split(sep)]
        parts = [p for p in parts if p]
        if sep == "、" and parts:
            parts[-1:] = [clean(p) for p in LAST_JOINER.split(parts[-1]) if clean(p)]
            if len(parts) >= 2:  # 农村集体所有的资金、资产、资源: the lead shared by all stays out of the first
                parts[0] = words.tail(parts[0], max(len(p) for p in parts[1:]))
        if count is not None and len(parts) == count:
            return parts
        if len(parts) >= 2 and not best:
            best = parts
    return best

