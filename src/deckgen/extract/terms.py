"""Slogan terms: quoted expressions, unquoted parallel slogans, and their definitions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Article
from ..segment import split_sentences
from ..text import HAN_RE, match_key
from .words import word_frequency

QUOTED = re.compile(r"“([^“”]{1,60})”|「([^「」]{1,60})」|『([^『』]{1,60})』|‘([^‘’]{1,40})’")
SPEECH_LEAD = re.compile(r"(?:说|表示|指出|强调|称|道|问|答|介绍)[：:，,]?$")
COMMON_WORD_FREQ = 20  # a quoted dictionary word this common, used once, is a scare quote, not a slogan
MAX_TERM = 30
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
    return 0.75


def _parallel_slogans(sentence: str) -> list[str]:
    """Unquoted runs like 事务共商、发展共促、成果共享 whose parts share length and a character position."""
    found = []
    for m in PARALLEL.finditer(sentence):
        parts = m.group(0).split("、")
        if len({len(p) for p in parts}) != 1 or len(parts[0]) < 3:
            continue
        shared = any(len({p[i] for p in parts}) == 1 for i in range(len(parts[0])))
        if shared:
            found.append(m.group(0))
    return found


def find_terms(articles: tuple[Article, ...], ignore: set[str], user_dict: str | None) -> list[TermHit]:
    """Term candidates in reading order, one per distinct term (its first occurrence)."""
    hits: list[TermHit] = []
    all_text = "".join(p.text for a in articles for p in a.paragraphs)
    keys_seen: set[str] = set()
    for article in articles:
        for para in article.paragraphs:
            for sentence in split_sentences(para.text):
                for m in QUOTED.finditer(sentence):
                    text = next(g for g in m.groups() if g is not None).strip()
                    confidence = _is_slogan(text, sentence[:m.start()])
                    key = match_key(text)
                    if confidence == 0.0 or key in ignore or key in keys_seen:
                        continue
                    rule = "quoted"
                    if word_frequency(key, user_dict) >= COMMON_WORD_FREQ and all_text.count(text) < 2:
                        confidence, rule = 0.4, "quoted-common-word"
                    keys_seen.add(key)
                    hits.append(TermHit(text, article.index, sentence, para.line, confidence, rule))
                for run in _parallel_slogans(sentence):
                    key = match_key(run)
                    if key not in keys_seen and key not in ignore:
                        keys_seen.add(key)
                        hits.append(TermHit(run, article.index, sentence, para.line, 0.4, "parallel"))
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
