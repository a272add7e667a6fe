"""A quoted counted name whose items are the numbered headings that echo it.

锚定“三地一区”实现新突破 … （一）…，打造具有重要影响力的科技创新策源地实现新突破。（二）…新兴产业聚集地实现新突破。…
（四）…全面绿色转型区实现新突破。: each heading closes on the phrase that follows the name (实现新突破), right after a
part ending on one of the name's keys (地 ×3, 区 ×1 for 三地一区). Without such a phrase, the headings carry the name's
own words: 取得“三个新的更大进展”目标 … （五）…取得新的更大进展。（六）…取得新的更大进展。（七）…取得新的更大进展。

The text ties the items to the name itself, so no outside knowledge is needed; the tie is strict: paragraph-opening
markers of one run, exactly the name's count of them echoing it, consecutive. Each item is its heading's last clause.
"""
from __future__ import annotations

import re
from collections import Counter

from ...models import Article, Paragraph
from ...text import chinese_number, match_key
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean
from ..leads import sentence_spans
from ..markers import numbered_runs, opening_markers
from ..names import DOUBLE, N, compound_parts, name_count, name_keys

CONFIDENCE = 0.8
QUOTED_COUNT = re.compile(rf"“([{N}{DOUBLE}\d][^“”]{{1,11}})”")  # QUOTED_NAME opening on a count: the rest cannot be one
# the phrase right after a quoted name, up to a joiner or punctuation: “三地一区”实现新突破和…
ECHO = re.compile(r"[^和与及、，。；：！？“”\s]{3,8}(?=[和与及、，。；：！？]|$)")
MIN_OWN_WORDS = 4  # characters of a name's key its headings must carry when no phrase follows the name
LAST_CLAUSE = re.compile(r"[^，；：]*$")
HEADING_END = re.compile(r"[。！？]")


def _headings(paras: tuple[Paragraph, ...]) -> list[list[tuple[int, str]]]:
    """Runs of paragraph-opening numbered headings: (paragraph index, the heading's last clause) per marker."""
    runs = []
    for run in numbered_runs(opening_markers(paras)):
        heads = []
        for m in run:
            heading = HEADING_END.split(paras[m.para].text[m.end:], maxsplit=1)[0]
            heads.append((m.para, clean(LAST_CLAUSE.search(heading).group(0))))
        runs.append(heads)
    return runs


def _echoes(clause: str, echo: str | None, keys: tuple[str, ...], name: str) -> str | None:
    """The key a heading's last clause echoes the name by, or None."""
    if echo:
        if not clause.endswith(echo) or len(clause) <= len(echo):
            return None
        before = clause[:-len(echo)]
        return next((k for k in keys if before.endswith(k)), None) if keys else echo
    own = next((k for k in keys if len(k) >= MIN_OWN_WORDS and k in clause), None)
    return own if own and match_key(name) not in match_key(clause) else None


def _tied(heads: list[tuple[int, str]], name: str, count: int, keys: tuple[str, ...],
          echo: str | None) -> list[tuple[int, str]] | None:
    """The ``count`` consecutive headings of a run that echo the name, when no other heading of the run does."""
    echoed = [(i, _echoes(clause, echo, keys, name)) for i, (_, clause) in enumerate(heads)]
    hits = [(i, key) for i, key in echoed if key]
    if len(hits) != count or hits[-1][0] - hits[0][0] != count - 1:
        return None
    parts = compound_parts(match_key(name))
    if parts and Counter(key for _, key in hits) != Counter({rest: chinese_number(n) for n, rest in parts}):
        return None  # 三地一区: three 地 and one 区
    return [heads[i] for i, _ in hits]


def find(article: Article, ctx: Context) -> list[Candidate]:
    paras = article.paragraphs
    names = [(pi, m, count) for pi, para in enumerate(paras) if "“" in para.text
             for m in QUOTED_COUNT.finditer(para.text) if (count := name_count(m.group(1)) or 0) >= 2]
    runs = _headings(paras) if names else []
    found, tried = [], set()
    for pi, m, count in names if runs else ():
        name, text = m.group(1), paras[pi].text
        after = ECHO.match(text, m.end())
        echo = after.group(0) if after else None
        if (name, echo) in tried:
            continue  # a name said again: the runs after its first mention were searched already
        tried.add((name, echo))
        keys = name_keys(name)
        for heads in (r for r in runs if r[0][0] > pi):
            tied = _tied(heads, name, count, keys, echo)
            if tied:
                at, sentence = next((at, s) for at, s in reversed(sentence_spans(text)) if at <= m.start())
                found.append(Candidate(name=name, kind="counted", items=tuple(c for _, c in tied),
                                       span=Span(pi, m.start()), line=paras[pi].line, context=sentence,
                                       confidence=CONFIDENCE, count=count, detail="echoed-headings"))
                break
    return found
