"""Slogan terms: quoted expressions, unquoted slogans, and their definitions.

* quoted expressions, serial ("A"、"B"、"C" are three terms) and nested (‘…’ inside
  “…” is a term of its own), but not a quoted sentence someone said, a single
  character, or a common word in scare quotes used once;
* unquoted names that are still slogans: counted names (八大行动, 十大产业集群) and
  coinages with digits or Latin letters (1+N政策体系, 5G+工业互联网, 互联网+政务);
* unquoted parallel runs of three or more same-shaped parts (事务共商、发展共促、成果共享)
  as low-confidence candidates: a run like that is often plain prose.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models import Article
from ..segment import split_sentences
from ..text import HAN_RE, match_key
from .names import name_count, unquoted_name
from .words import Words

QUOTED = re.compile(r"“([^“”]{1,60})”|「([^「」]{1,60})」|『([^『』]{1,60})』|‘([^‘’]{1,40})’")
NESTED = re.compile(r"‘([^‘’]{1,40})’")
# 八大行动, 十大产业集群: numeral + 大 + a name; 一大批 is "a large batch", not a count
UNQUOTED_COUNTED = re.compile(r"(?<![一二两三四五六七八九十百千万第])([二两三四五六七八九十]大)([\u4e00-\u9fff]{2,8})")
COUNTED_TAIL = 4  # characters kept after 八大: 产业集群, 行动, 攻坚战
# 1+N政策体系, 5G+工业互联网, 互联网+政务: parts joined by "+", one of them made of digits or Latin letters
COINED = re.compile(r"(?<![0-9A-Za-z+＋])([0-9A-Za-z]+|[\u4e00-\u9fff]{2,8})((?:[+＋][0-9A-Za-z]+)*[+＋])"
                    r"([0-9A-Za-z]+[\u4e00-\u9fff]{0,8}|[\u4e00-\u9fff]{2,8})")
COINED_HEAD = 4  # Han characters kept before "+": 互联网, 党建
COINED_TAIL = 5  # Han characters kept after it: 政策体系, 工业互联网
SPEECH_LEAD = re.compile(r"(?:说|表示|指出|强调|称|道|问|答|介绍)[：:，,]?$|说(?:过)?的$")  # …所说的“民心是…”
COMMON_WORD_FREQ = 20  # a quoted dictionary word this common, used once, is a scare quote, not a slogan
# a quoted single dictionary word of these parts of speech (蛋糕 n, 坐不住 v, 红火 a), used once, is a scare quote;
# idioms (l, i), abbreviations (j) and names (ns, nz, nr, nt) are not ordinary words
ORDINARY_POS = re.compile(r"^(?:v|vd|vi|a|ad|ag|d)$")  # a noun (软任务, 包干制) counts only when it is common
EVERYDAY_FREQ = 100
EVERYDAY_POS = {"n", "v", "a", "vn", "an"}  # not an abbreviation (两委 j) or a name (台独 ns)
SERIAL_QUOTE = re.compile(r"^[、，,和与及]?[“「『‘]|[”」』’][、，,和与及]?$")
MAX_TERM = 30
VERSE_LINES = (5, 7)  # characters in a line of classical verse: 五言, 七言
CLASSICAL_PARTICLES = "之乎者也矣焉哉兮"
MIN_CLASSICAL_PROSE = 5  # characters: a four-character formulation may be classical in shape (国之大者)
# 事务共商、发展共促、成果共享: three or more same-length parts in a row
PARALLEL = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}")
DEFINITION_PATTERNS = (
    re.compile(r"^(?:所谓)?[“「]?(?P<term>[^，。“”]{2,30})[”」]?[，,]?(?:就是|是指|指的是|即)(?P<def>[^。！？]{6,})"),
)


@dataclass(frozen=True, slots=True)
class TermHit:
    term: str
    article: int
    sentence: str
    line: int
    confidence: float
    rule: str


def _is_slogan(text: str, before: str) -> float:
    """Confidence that a quoted string is a slogan rather than speech or a scare-quoted word."""
    han = len(HAN_RE.findall(text))
    if han < 2 or len(text) > MAX_TERM:
        return 0.0
    if any(ch in text for ch in "。！？…?!") or SPEECH_LEAD.search(before):
        return 0.0  # a quotation of speech
    parts = [p for p in re.split(r"[，,、；]", text) if p]
    if len(parts) > 1 and max(len(p) for p in parts) > 9:
        return 0.0  # a clause of prose, not a parallel slogan
    if _classical(text, parts):
        return 0.0  # a line of classical verse or prose (春蚕到死丝方尽，蜡炬成灰泪始干), quoted, not coined
    return 0.75


def _classical(text: str, parts: list[str]) -> bool:
    """A couplet of five- or seven-character lines that answer each other without repeating a character in place
    (春蚕到死丝方尽，蜡炬成灰泪始干 — not the slogan 坚持和巩固什么，完善和发展什么), or a longer text with two
    classical particles (先天下之忧而忧 — not the four-character 国之大者)."""
    verse = len(parts) == 2 and len(parts[0]) == len(parts[1]) and len(parts[0]) in VERSE_LINES \
        and all(HAN_RE.fullmatch(ch) for p in parts for ch in p) and all(a != b for a, b in zip(*parts))
    prose = len(text) > MIN_CLASSICAL_PROSE and sum(text.count(ch) for ch in CLASSICAL_PARTICLES) >= 2
    return verse or prose


def _parallel_slogans(sentence: str) -> list[str]:
    """Unquoted runs like 事务共商、发展共促、成果共享 whose parts share length and a character position."""
    found = []
    for m in PARALLEL.finditer(sentence):
        parts = m.group(0).split("、")
        parts[0] = parts[0][-len(parts[1]):]  # 推动事务共商: the verb before the run is not part of it
        if len({len(p) for p in parts}) != 1 or len(parts[0]) < 3:
            continue
        if any(len({p[i] for p in parts}) == 1 for i in range(len(parts[0]))):
            found.append("、".join(parts))
    return found


def _unquoted_names(sentence: str, words: Words) -> list[str]:
    """八大行动 and 1+N政策体系 in a sentence, each cut at a word boundary."""
    found = []
    for m in UNQUOTED_COUNTED.finditer(sentence):
        name = unquoted_name(sentence, m.start(1), m.end(1), words)  # 五大优势和作用 → 五大优势
        if len(name) > len(m.group(1)):
            found.append(name)
    for m in COINED.finditer(sentence):
        head, joiner, tail = m.groups()
        if HAN_RE.match(head):
            head = words.tail(head, COINED_HEAD)
        latin = re.match(r"[0-9A-Za-z]*", tail).group(0)
        tail = latin + words.head(tail[len(latin):], COINED_TAIL)
        if HAN_RE.search(head + tail) or any(ch.isalpha() for ch in head + tail):
            found.append(head + joiner + tail)
    return found


def _quoted(sentence: str) -> list[tuple[str, int]]:
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


@lru_cache(maxsize=4096)
def _everyday_word(text: str, words: Words) -> bool:
    """A very common two-character noun, verb or adjective (蛋糕): a metaphor in quotes however often it recurs."""
    key = match_key(text)
    if len(key) > 2 or words.frequency(key) < EVERYDAY_FREQ:
        return False
    tagged = words.tagged(key)
    return len(tagged) == 1 and tagged[0][1] in EVERYDAY_POS


def _used_twice(text: str, wanted: set[str]) -> set[str]:
    """The strings of ``wanted`` that ``text`` holds twice without overlap (``text.count(w) >= 2``), in one pass
    over ``text`` per length: a search of the whole text for each of 100,000 quoted words is quadratic."""
    twice: set[str] = set()
    by_length: dict[int, set[str]] = defaultdict(set)
    for w in wanted:
        by_length[len(w)].add(w)
    for length, group in by_length.items():
        first: dict[str, int] = {}  # where each string first occurs: str.count counts on from its end
        for i in range(len(text) - length + 1):
            piece = text[i:i + length]
            if piece in group and i >= first.setdefault(piece, i) + length:
                twice.add(piece)
    return twice


def find_terms(articles: tuple[Article, ...], ignore: frozenset[str], words: Words) -> list[TermHit]:
    """Term candidates in reading order, one per distinct term (its first occurrence)."""
    hits: list[TermHit] = []
    all_text = "".join(p.text for a in articles for p in a.paragraphs)
    keys_seen: set[str] = set(ignore)
    used_once: dict[int, str] = {}  # hits that are a scare quote if the text holds their word only once

    def add(term: str, article: Article, sentence: str, line: int, confidence: float, rule: str) -> bool:
        key = match_key(term)
        if key not in keys_seen:
            keys_seen.add(key)
            hits.append(TermHit(term, article.index, sentence, line, confidence, rule))
            return True
        return False

    for article in articles:
        # quoted slogans in the title and section headings too (江苏某县“三份清单”筑牢基层党建)
        headings = [(article.title, article.line)] if not article.untitled else []
        headings += [(s.heading, s.heading_line or article.line) for s in article.sections if s.heading]
        for heading, line in headings:
            for text, start in _quoted(heading):
                confidence = _is_slogan(text, heading[max(0, start - 8):start])
                if confidence and words.frequency(match_key(text)) < COMMON_WORD_FREQ:
                    add(text, article, heading, line, confidence, "quoted-heading")
        for para in article.paragraphs:
            for sentence in split_sentences(para.text):
                for text, start in _quoted(sentence):
                    confidence = _is_slogan(text, sentence[max(0, start - 8):start])
                    if confidence == 0.0:
                        continue
                    rule, once = "quoted", False
                    if not _serial(sentence, start, text) and _ordinary_word(text, words):
                        if _everyday_word(text, words):
                            confidence, rule = 0.4, "quoted-common-word"
                        else:
                            once = True  # decided below, by a count over all texts at once
                    if add(text, article, sentence, para.line, confidence, rule) and once:
                        used_once[len(hits) - 1] = text
                for name in _unquoted_names(sentence, words):
                    add(name, article, sentence, para.line, 0.55, "unquoted-name")
                for run in _parallel_slogans(sentence):
                    add(run, article, sentence, para.line, 0.4, "parallel")
    twice = _used_twice(all_text, set(used_once.values()))
    for index, text in used_once.items():
        if text not in twice:
            hits[index] = replace(hits[index], confidence=0.4, rule="quoted-common-word")
    return hits


def find_definitions(articles: tuple[Article, ...]) -> dict[str, str]:
    """Definitions the text gives, by term key: "X，就是要求我们…", "所谓X，就是…", "X是指…"."""
    found: dict[str, str] = {}
    for article in articles:
        for para in article.paragraphs:
            for sentence in split_sentences(para.text):
                for pattern in DEFINITION_PATTERNS:
                    m = pattern.match(sentence)
                    if m:
                        found.setdefault(match_key(m.group("term")), m.group("def").strip("，, "))
    return found
