"""Three or more clauses of one sentence opening on the same word: 务必A，务必B，务必C; 即“坚持A，坚持B，…”.

Named by a counted name of that many items before the run in its sentence or opening the next sentence (这五条
重大原则). An unnamed run counts only when its items are of one length, the shape of a formulation (坚持人民至上，
坚持自信自立，…); it is named by its shared word.
"""
from __future__ import annotations

import re

from ...models import Article
from ...normalize import ITEM_START
from ...segment import split_sentences
from ...text import HAN_RE, match_key, strip_quotes
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean
from ..leads import sentence_spans
from ..names import has_key, name_count, name_keys, quoted_counted_names, unquoted_counted_names
from ..words import Words

OPENING_SPLITS = ("clauses", "parts")  # 务必A、B，务必C、D: clauses first; then 必须坚持A、必须坚持B
MIN_OPENING_RUN = 3
MAX_OPENING_ITEM = 20  # Han characters in one clause of the run
MAX_OPENING_PREFIX = 6  # what the first clause may carry before the shared opening: 全党同志, 必须
# the next sentence names the run: 这五条重大原则 / 这“六个必须坚持” / 上述三项举措
NAMED_NEXT = re.compile(r"^(?:这|这些|上述|以上)[“”]?")
OPENING_FLAGS = set("vd")  # the shared word is a verb or a modal (务必, 坚持, 必须), not a noun (政治立场、政治方向)
OPENING_RUN = 0.45  # unnamed, items of one length: a formulation (坚持人民至上，…) as often as prose (不负韶华，…)
OPENING_RUN_NAMED = 0.85
# clauses and 、-parts of a sentence; a double dash ends one too (提出“三个聚焦”——聚焦A、聚焦B), a single dash does not
RUN_CLAUSES = r"(?:[^，,；;：:—]|(?<!—)—(?!—))+"
RUN_PARTS = r"(?:[^，,；;：:、—]|(?<!—)—(?!—))+"


def _opening(clauses: list[str], words: Words) -> tuple[str, int, int] | None:
    """The longest run of clauses opening on one word of two or more characters: (word, first, end).

    The first clause may carry a few characters before the word (全党同志务必…, 必须坚持…).
    """
    best = None
    i = 0
    while i < len(clauses) - 1:
        nxt = clauses[i + 1]
        if i + 2 >= len(clauses) or clauses[i + 2][:2] != nxt[:2] \
                or nxt[:2] not in clauses[i][:MAX_OPENING_PREFIX + 2]:
            i += 1  # cheap filter before the tagger: a run needs two clauses after the first opening alike, and the
            continue  # first holding their opening near its start
        word, flag = next(iter(words.tagged(nxt[:6])), ("", ""))
        if len(word) < 2 or not HAN_RE.match(word) or flag[:1] not in OPENING_FLAGS or ITEM_START.match(nxt):
            i += 1
            continue
        head = clauses[i].find(word)
        if not 0 <= head <= MAX_OPENING_PREFIX or len(clauses[i]) - head <= len(word) + 1:
            i += 1  # the word too far in, or closing the clause (提出“三个聚焦”：聚焦A…): the run opens on the next
            continue
        end = i + 1
        while end < len(clauses) and clauses[end].startswith(word):
            end += 1
        if end - i >= MIN_OPENING_RUN and (best is None or end - i > best[2] - best[1]):
            best = (word, i, end)
        i = end
    return best


def _run_name(sentence: str, run_start: int, near: int, items: list[str], following: str,
              words: Words) -> str | None:
    """A counted name of ``len(items)`` items naming the run: before it in its sentence (提出了“三个务必”的要求：…), or
    opening the next sentence (即A、B、C。这“三个X”… / 这三条原则).

    A name before the clause leading into the run (``near`` on) names it only when every item carries the name's key:
    …统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，…，坚持全面依法治国，坚持社会主义核心价值体系，… is
    a run of its own, not the four of “四个全面”.
    """
    before = sentence[:run_start]
    names = [(n, c) for n, c in quoted_counted_names(before)]
    names += [(n, c) for n, c, _ in unquoted_counted_names(before, words)]
    names = [(n, c) for n, c in names
             if before.rfind(n) >= near or (name_keys(n) and all(has_key(i, name_keys(n)) for i in items))]
    m = NAMED_NEXT.match(following)
    if m:
        head = following[:24]
        names += [(n, c) for n, c in quoted_counted_names(head[:m.end() + 14]) if head.find(n) <= m.end() + 1]
        if not following[:m.end()].endswith("“"):
            names += [(n, c) for n, c, start in unquoted_counted_names(head[m.end():], words) if start == 0]
    for name, c in reversed(names):
        if c == len(items):
            return name
    return None


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    paras = article.paragraphs
    for pi, para in enumerate(paras):
        spans = sentence_spans(para.text)
        sentences = [s for _, s in spans]
        for si, (start_in_para, sentence) in enumerate(spans):
            if sentence.count("，") + sentence.count("、") + sentence.count("；") < MIN_OPENING_RUN - 1:
                continue
            for split in OPENING_SPLITS:
                parts = [(m.start(), m.end()) for m in re.finditer(RUN_PARTS if split == "parts" else RUN_CLAUSES,
                                                                  sentence)]
                clauses = [strip_quotes(sentence[a:b]).strip("。！？：: ") for a, b in parts]
                run = _opening(clauses, ctx.words)
                if run is None:
                    continue
                word, first, end = run
                items = [clauses[first][clauses[first].find(word):], *clauses[first + 1:end]]
                if any(len(HAN_RE.findall(i)) > MAX_OPENING_ITEM or len(i) <= len(word) + 1 for i in items):
                    break
                following = sentences[si + 1] if si + 1 < len(sentences) else \
                    (split_sentences(paras[pi + 1].text)[0] if pi + 1 < len(paras) and paras[pi + 1].text else "")
                near = parts[first - 1][0] if first else parts[first][0]
                name = _run_name(sentence, parts[first][0], near, items, following, ctx.words)
                previous = clauses[first - 1] if first else ""
                at = previous.find(name) if name else -1
                if at >= 0 and word in previous[at + len(name):]:
                    name = None  # the name is the object of the run's own first clause (用三大纪律…教育战士，教育干部…)
                if not name and len({len(match_key(i)) for i in items}) != 1:
                    break  # an unnamed run of uneven clauses is as often prose: no list, not even a candidate
                found.append(Candidate(
                    name=name or word, kind="counted" if name else "enumerated", items=tuple(clean(i) for i in items),
                    span=Span(pi, start_in_para + parts[first][0]), line=para.line, context=sentence,
                    confidence=OPENING_RUN_NAMED if name else OPENING_RUN, count=name_count(name) if name else None,
                    lead=sentence[:parts[first][0]]))
                break
    return found

