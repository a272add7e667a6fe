"""The quoted-term rule: “…” strings that are slogans, not speech, verse, a single character or a scare quote.

* serial quotes (“A”、“B”、“C” are three terms) and nested ones (‘…’ inside “…” is a term of its own);
* names of digits and Latin letters in quotes (“1571”, “4+1”, “1+1+10”, “21条”, “县BA”): a coined name, though it
  holds fewer than two Chinese characters; a date (“5·18”) or a bare year is not;
* a quoted dictionary word is a scare quote when everyday (蛋糕), or when the document uses it only once
  (``Found.once``: the engine decides, counting over the whole document); so is a two-character compound no
  dictionary holds quoted as the head of a noun before it (国货“潮品”, 债务“爆雷”), naming no noun after it: a coined two-character name
  counts (“双减”, “三农”), recurs, or stands as a verb's object (成立“犍伴”工作室, 力推“亮码”入企).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from itertools import compress

from ..text import HAN_RE, match_key
from .found import Found
from .names import name_count
from .words import Words

QUOTED = re.compile(r"“([^“”]{1,60})”|「([^「」]{1,60})」|『([^『』]{1,60})』|‘([^‘’]{1,40})’")
NESTED = re.compile(r"‘([^‘’]{1,40})’")
# …所说的“民心是…”; 第五条规定之“…”, 视同“直属机构”: the wording of a provision cited, not a slogan
SPEECH_LEAD = re.compile(r"(?:说|表示|指出|强调|称|道|问|答|介绍)[：:，,]?$|说(?:过)?的$|规定之$|视同$|视为$")
COMMON_WORD_FREQ = 20  # a quoted dictionary word this common, used once, is a scare quote, not a slogan
# a quoted single dictionary word of these parts of speech (蛋糕 n, 坐不住 v, 红火 a), used once, is a scare quote;
# idioms (l, i), abbreviations (j) and names (ns, nz, nr, nt) are not ordinary words
ORDINARY_POS = re.compile(r"^(?:v|vd|vi|a|ad|ag|d)$")  # a noun (软任务, 包干制) counts only when it is common
EVERYDAY_FREQ = 100
EVERYDAY_POS = {"n", "v", "a", "vn", "an"}  # not an abbreviation (两委 j) or a name (台独 ns)
NOUN_BEFORE = 4  # characters before (after) a quote looked at for the noun it heads (names)
SERIAL_QUOTE = re.compile(r"^[、，,和与及]?[“「『‘]|[”」』’][、，,和与及]?$")
MAX_TERM = 30
VERSE_LINES = (5, 7)  # characters in a line of classical verse: 五言, 七言
CLASSICAL_PARTICLES = "之乎者也矣焉哉兮"
MIN_CLASSICAL_PROSE = 5  # characters: a four-character formulation may be classical in shape (国之大者)
# “1571”, “4+1”, “1+5+N”, “21条”, “县BA”: digits, Latin letters and "+" with at most one Chinese character (a unit
# or a place); a year (“2025”) or a date (“5·18”, “1·24”) is no name
DIGIT_NAME = re.compile(r"[\u4e00-\u9fff]?[0-9A-Za-z][0-9A-Za-z+＋×]*[0-9A-Za-z][\u4e00-\u9fff]?")
YEAR = re.compile(r"(?:19|20)\d\d")
QUOTED_CONFIDENCE = 0.75
SCARE_QUOTE = 0.4


def _is_slogan(text: str, before: str) -> float:
    """Confidence that a quoted string is a slogan rather than speech or a scare-quoted word."""
    han = len(HAN_RE.findall(text))
    if len(text) > MAX_TERM or (han < 2 and not (DIGIT_NAME.fullmatch(text) and not YEAR.fullmatch(text))):
        return 0.0
    if any(ch in text for ch in "。！？…?!") or SPEECH_LEAD.search(before):
        return 0.0  # a quotation of speech
    parts = [p for p in re.split(r"[，,、；]", text) if p]
    if len(parts) > 1 and max(len(p) for p in parts) > 9:
        return 0.0  # a clause of prose, not a parallel slogan
    if _classical(text, parts):
        return 0.0  # a line of classical verse or prose (春蚕到死丝方尽，蜡炬成灰泪始干), quoted, not coined
    return QUOTED_CONFIDENCE


def _classical(text: str, parts: list[str]) -> bool:
    """A couplet of five- or seven-character lines that answer each other without repeating a character in place
    (春蚕到死丝方尽，蜡炬成灰泪始干 — not the slogan 坚持和巩固什么，完善和发展什么), or a longer text with two
    classical particles (先天下之忧而忧 — not the four-character 国之大者)."""
    verse = len(parts) == 2 and len(parts[0]) == len(parts[1]) and len(parts[0]) in VERSE_LINES \
        and all(HAN_RE.fullmatch(ch) for p in parts for ch in p) and all(a != b for a, b in zip(*parts))
    prose = len(text) > MIN_CLASSICAL_PROSE and sum(text.count(ch) for ch in CLASSICAL_PARTICLES) >= 2
    return verse or prose


def quoted_strings(sentence: str) -> list[tuple[str, int]]:
    """Quoted strings with where they start, and the ‘…’ nested in a “…”."""
    found = []
    for m in QUOTED.finditer(sentence):
        text = next(g for g in m.groups() if g is not None)
        found.append((text.strip(), m.start()))
        if m.group(1):
            found += [(n.group(1).strip(), m.start() + n.start()) for n in NESTED.finditer(text)]
    return found


def _serial(sentence: str, start: int, text: str) -> bool:
    """Whether a quote stands in a run of quotes (“一国两制”、“港人治港”、“澳人治澳”): a run names slogans, never a
    scare-quoted word."""
    end = start + len(text) + 2
    return bool(SERIAL_QUOTE.search(sentence[max(0, start - 2):start]) or SERIAL_QUOTE.match(sentence[end:end + 2]))


@lru_cache(maxsize=4096)
def _ordinary_word(text: str, words: Words) -> bool:
    """A quoted common word: a dictionary word used in everyday prose (蛋糕, 坐不住), not a coined slogan (打平伙,
    双报到 are not one dictionary word) nor an idiom or abbreviation (港人治港 ns, 一国两制 l)."""
    key = match_key(text)
    if (name_count(key) or 0) >= 2:
        return False  # a counted name (三个代表) is a formulation however common the word
    frequency = words.frequency(key)
    if frequency >= COMMON_WORD_FREQ:
        return True  # 单打独斗, 蛋糕
    if not 2 <= len(key) <= 3 or frequency < 1:
        return False
    tagged = words.tagged(key)
    return len(tagged) == 1 and bool(ORDINARY_POS.match(tagged[0][1]))


def _loose_compound(text: str, before: str, after: str, words: Words) -> bool:
    """Two characters that are no dictionary word and count nothing (潮品: 潮 + 品), a noun or verb by jieba's
    guess (not an abbreviation, j, or a name, ns …), quoted as the head of the noun right before it (国货“潮品”等),
    not naming a noun after it (创新药“护苗”行动计划: a programme's name)."""
    key = match_key(text)
    if len(key) != 2 or len(HAN_RE.findall(key)) != 2 or name_count(key) or words.frequency(key):
        return False
    tagged = words.tagged(key)
    modifier = words.tagged(before[-NOUN_BEFORE:]) if HAN_RE.fullmatch(before[-1:]) else []
    named = words.tagged(after[:NOUN_BEFORE]) if HAN_RE.fullmatch(after[:1]) else []
    return len(tagged) == 1 and tagged[0][1] in EVERYDAY_POS and bool(modifier) and modifier[-1][1] == "n" \
        and not (named and named[0][1] in ("n", "vn"))


@lru_cache(maxsize=4096)
def _everyday_word(text: str, words: Words) -> bool:
    """A very common two-character noun, verb or adjective (蛋糕): a metaphor in quotes however often it recurs."""
    key = match_key(text)
    if len(key) > 2 or words.frequency(key) < EVERYDAY_FREQ:
        return False
    tagged = words.tagged(key)
    return len(tagged) == 1 and tagged[0][1] in EVERYDAY_POS


def quoted(sentence: str, words: Words, heading: bool = False) -> list[Found]:
    """The quoted slogans of a sentence or (``heading``) of a title or section heading (江苏某县“三份清单”筑牢基层党建),
    where a common dictionary word in quotes is never one."""
    found = []
    for text, start in quoted_strings(sentence):
        confidence = _is_slogan(text, sentence[max(0, start - 8):start])
        if confidence == 0.0:
            continue
        if heading:
            if words.frequency(match_key(text)) < COMMON_WORD_FREQ:
                found.append(Found(text, confidence, "quoted-heading"))
            continue
        if _serial(sentence, start, text) or not (_ordinary_word(text, words)
                                                  or _loose_compound(text, sentence[:start],
                                                                     sentence[start + len(text) + 2:], words)):
            found.append(Found(text, confidence, "quoted"))
        elif _everyday_word(text, words):
            found.append(Found(text, SCARE_QUOTE, "quoted-common-word"))
        else:
            found.append(Found(text, confidence, "quoted", once=True))
    return found


def used_twice(text: str, wanted: set[str]) -> set[str]:
    """The strings of ``wanted`` that ``text`` holds twice without overlap (``text.count(w) >= 2``), in one pass
    over ``text`` per length: a search of the whole text for each of 100,000 quoted words is quadratic. Only the
    positions holding the first character of a string of that length are cut out and looked up."""
    twice: set[str] = set()
    by_length: dict[int, set[str]] = defaultdict(set)
    for w in wanted:
        by_length[len(w)].add(w)
    for length, group in by_length.items():
        first: dict[str, int] = {}  # where each string first occurs: str.count counts on from its end
        heads = {w[0] for w in group}
        starts = list(compress(range(len(text) - length + 1), map(heads.__contains__, text)))
        pieces = map(text.__getitem__, map(slice, starts, map(length.__add__, starts)))
        for i in compress(starts, map(group.__contains__, pieces)):  # C-level: the Python loop sees hits only
            piece = text[i:i + length]
            if i >= first.setdefault(piece, i) + length:
                twice.add(piece)
    return twice
