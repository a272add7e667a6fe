"""New-word discovery within one document: strings that hold together and stand free.

A string of Chinese characters the document repeats is a word of its own when

* its characters hold together — cohesion, the pointwise mutual information of its weakest split:
  log p(w) / (p(a) p(b)) over every way of cutting w into a and b, with p the count over the document's
  characters (新质生产力 never splits, 的发展 does);
* it stands free — freedom, the smaller of the entropies of the characters seen left and right of it (a start or
  end of a run counts as a new neighbour each time): 质生产力 is always preceded by 新, so it is no word.

Counting is per document and pruned level by level (an n-gram is counted only where its first n-1 characters
are frequent), so memory and time grow with the document, never with a build; no statistic crosses files.
The packaged background (``background``) then says which of these political writing uses everywhere.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from itertools import compress
from dataclasses import dataclass

from .background import Background
from .found import Found
from .words import Words

RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
MIN_COUNT = 3  # occurrences in the document: statistics of fewer say nothing
MIN_LEN = 3  # characters: a two-character new word is rare, and jieba's dictionary holds most that are words
MAX_LEN = 6  # characters: 新时代中国特色 is a phrase, not a coinage
MIN_COHESION = 3.0  # natural log: the weakest split is e**3 ≈ 20 times likelier together than apart
MIN_FREEDOM = 1.0  # nats on each side: at least three or so different neighbours


@dataclass(frozen=True, slots=True)
class NewWord:
    word: str
    count: int
    cohesion: float
    freedom: float


@dataclass(slots=True)
class _Level:
    """The n-grams of one length: their counts, and where in the text each frequent one starts."""

    counts: Counter
    starts: list[int]  # the positions of the frequent n-grams, in text order
    grams: list[str]  # the n-gram at each of ``starts``


def _ngram_levels(text: str, max_len: int, min_count: int) -> dict[int, _Level]:
    """The n-grams of ``text`` for n = 1 … max_len, counted level by level only where both (n-1)-grams are
    frequent (``min_count`` or more: a string is never more frequent than its parts).

    Every per-position step is a C-level map (slices, set lookups, compress): a Python loop over every position
    of a report cost most of discovery's time.
    """
    grams: str | list[str] = text
    starts: range | list[int] = range(len(text))
    levels: dict[int, _Level] = {}
    for n in range(1, max_len + 1):
        counts = Counter(grams)
        frequent = {gram for gram, count in counts.items() if count >= min_count} - {"\n"}
        kept = list(map(frequent.__contains__, grams))
        levels[n] = _Level(counts, list(compress(starts, kept)), list(compress(grams, kept)))
        following = set(levels[n].starts)
        starts = list(compress(levels[n].starts, map(following.__contains__, map((1).__add__, levels[n].starts))))
        if not starts:
            break
        grams = list(map(text.__getitem__, map(slice, starts, map((n + 1).__add__, starts))))
    return levels


def _neighbours(text: str, level: _Level, words: dict) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """For each of ``words`` (all of ``level``'s length n), how often each character is seen right before and
    right after it in ``text`` (nothing at a run's edge); a character before it counts only where it and the
    word's first n-1 characters are a frequent n-gram too."""
    n = len(level.grams[0]) if level.grams else 0
    at = list(compress(level.starts, map(words.__contains__, level.grams)))
    frequent = level.counts
    after = Counter(text[p:p + n + 1] for p in at)
    before = Counter(text[p - 1:p + n] for p in at if p and frequent[text[p - 1:p + n - 1]] >= MIN_COUNT)
    left: dict[str, list[int]] = {word: [] for word in words}
    right: dict[str, list[int]] = {word: [] for word in words}
    for gram, count in after.items():
        if len(gram) > n and gram[-1] != "\n":
            right[gram[:-1]].append(count)
    for gram, count in before.items():
        if gram[0] != "\n":
            left[gram[1:]].append(count)
    return left, right


def _entropy(neighbours: list[int], edges: int) -> float:
    """The entropy of the neighbours seen (their counts), each of ``edges`` run edges a neighbour of its own."""
    total = sum(neighbours) + edges
    if not total:
        return 0.0
    return -sum(c / total * math.log(c / total) for c in neighbours) + edges * math.log(total) / total


def new_words(text: str, min_count: int = MIN_COUNT, min_len: int = MIN_LEN, max_len: int = MAX_LEN,
              known: Callable[[str], bool] = lambda word: False) -> list[NewWord]:
    """The strings of ``min_len`` to ``max_len`` characters of ``text`` that repeat, hold together and stand free,
    longest first; a string always inside a longer new word of the same count is left out, and so is a ``known``
    one (a dictionary word), before its freedom is computed."""
    runs = "\n".join(RUN.findall(text))  # one string: no gram holds the "\n" between two runs
    levels = _ngram_levels(runs, max_len, min_count)
    total = len(runs) - runs.count("\n") or 1
    found = []
    for n in range(min_len, max_len + 1):
        if n not in levels:
            break
        cohesive: dict[str, tuple[int, float]] = {}
        for word, count in levels[n].counts.items():
            if count >= min_count and not known(word):
                cohesion = min(math.log(count * total / (levels[k].counts[word[:k]] * levels[n - k].counts[word[k:]]))
                               for k in range(1, n))
                if cohesion >= MIN_COHESION:
                    cohesive[word] = (count, cohesion)
        left, right = _neighbours(runs, levels[n], cohesive)
        for word, (count, cohesion) in cohesive.items():
            # occurrences with no counted neighbour stand at a run's edge: each a neighbour of its own
            freedom = min(_entropy(side, count - sum(side)) for side in (left[word], right[word]))
            if freedom >= MIN_FREEDOM:
                found.append(NewWord(word, count, round(cohesion, 2), round(freedom, 2)))
    found.sort(key=lambda w: (-len(w.word), -w.count, w.word))
    kept: list[NewWord] = []
    inside: dict[str, int] = {}  # every substring of a kept word → the largest count of a kept word holding it
    for w in found:
        if inside.get(w.word, 0) >= w.count:
            continue
        kept.append(w)
        for i in range(len(w.word)):
            for j in range(i + 2, len(w.word) + (i > 0)):
                inside[w.word[i:j]] = max(inside.get(w.word[i:j], 0), w.count)
    return kept


# a new word that opens on a verb or adverb (加快建设, 深入推进) or ends on one (年均增长) is a phrase, not a name
PHRASE_FLAGS = set("vdpcurmqft")
NAME_END = ("n", "vn", "nz", "j", "l", "an")
PREFIX_FLAGS = ("a", "b", "h")  # a one-character first word that opens a name: 新时代, 大湾区, 小农户
PREFIX_NUMERALS = "双两三四五六七八九十"  # or a count: 双循环, 三农
COMMON_WORD = 1000  # jieba frequency: two words this common make a plain compound (区域发展, 人民群众)
DISCOVERED = 0.45  # the document's own coinage: a review candidate
STOCK = 0.35  # a new word the background finds in many reports (高质量发展, 营商环境)
NEW_COINAGE = 0.55  # 新 + a compound noun (新就业形态, 新发展格局): the shape coinages of political writing take
NEW_COINAGE_WORDS = "nv"  # jieba flags of the words after 新: nouns, verbs, verbal nouns (就业, 发展); never 的 or 上


def discovered(text: str, words: Words, background: Background) -> list[Found]:
    """The document's new words that are names: not dictionary words; opening on no verb, adverb or function word,
    nor on a stray character of a longer word (资项目 of 投资项目); ending on a noun, of one character only after
    two words or more (医保影像云, not 国际航); not a plain pair of common words. The background lowers those many
    reports share; 新 and a compound noun after it (``_new_coinage``) is raised above the cut (bench: 4 terms
    added, all 4 terms)."""
    found = []
    for w in new_words(text, known=lambda word: bool(words.frequency(word))):
        tagged = words.tagged(w.word)
        (first_word, first), (last_word, last) = tagged[0], tagged[-1]
        if len(tagged) < 2 or (first[:1] in PHRASE_FLAGS and first not in ("vn", "m")) or not last.startswith(NAME_END):
            continue
        prefix = first.startswith(PREFIX_FLAGS) or first_word in PREFIX_NUMERALS
        if (len(first_word) == 1 and not prefix) or (len(last_word) == 1 and len(tagged) < 3):
            continue
        if len(tagged) == 2 and all(words.frequency(word) >= COMMON_WORD for word, _ in tagged):
            continue
        if background.stock(w.word):
            found.append(Found(w.word, STOCK, "discovered:stock"))
        elif _new_coinage(tagged):
            found.append(Found(w.word, NEW_COINAGE, "discovered:new"))
        else:
            found.append(Found(w.word, DISCOVERED, "discovered"))
    return found


def _new_coinage(tagged: list[tuple[str, str]]) -> bool:
    """新 and two words or more, nouns and verbs ending on a noun: 新就业形态, 新发展理念, 新就业群体 — not 新动能 or
    新场景 (one word after it: too often a plain "new X"), 新上项目 (a locative), 新福建建设 (an activity)."""
    (first, _), *rest = tagged
    return (first == "新" and len(rest) >= 2 and rest[-1][1] == "n"
            and all(flag[:1] in NEW_COINAGE_WORDS for _, flag in rest[:-1]))
