"""Three or more parallel judgments in one sentence, all ending on the same words.

* one subject, several predicates: 中国式现代化是A的现代化，是B的现代化，是C的现代化 → A的现代化, B的…, named
  by the subject;
* one predicate ending, several subjects: A是…的必由之路，B是…的必由之路，C是…的必由之路 → the clauses whole,
  named by the shared ending.

A run whose subject is a pronoun (这是…的胜利，是…的胜利) names nothing a learner recites and is left out.
"""
from __future__ import annotations

import re

from ...models import Article
from ...text import HAN_RE
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean
from ..leads import sentence_spans

CLAUSE_SEP = re.compile(r"[，,；;：:]")
PRONOUN_SUBJECT = re.compile(r"^(?:这|那|它|其|此|也|都|还|就|又)")
MIN_SHARED_END = 2  # characters every predicate ends on: 的现代化, 的必由之路
MAX_PARALLEL_CLAUSE = 40
CONFIDENCE = 0.6
COPULA = "是"
# a copula, not the 是 of 凡是 但是 还是 就是 …
COPULA_RE = re.compile(r"(?<![凡但还于只或若要可总而就正即也都不])是(?![否非])")


def _shared_end(parts: list[str]) -> str:
    end = parts[0]
    for p in parts[1:]:
        while end and not p.endswith(end):
            end = end[1:]
    return end


def _clause_runs(sentence: str) -> list[list[str]]:
    clauses = [c.strip().rstrip("。！？!?") for c in CLAUSE_SEP.split(sentence)]
    runs, run = [], []
    for c in clauses:
        if c and (c.startswith(COPULA) or COPULA_RE.search(c)) and len(c) <= MAX_PARALLEL_CLAUSE:
            run.append(c)
        else:
            if len(run) >= 3:
                runs.append(run)
            run = []
    if len(run) >= 3:
        runs.append(run)
    return runs


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    for pi, para in enumerate(article.paragraphs):
        for at, sentence in sentence_spans(para.text):
            for run in _clause_runs(sentence):
                first = run[0]
                m = COPULA_RE.search(first)
                subject = first[:m.start()] if m else ""
                rest = run[1:]
                if subject and all(c.startswith(COPULA) for c in rest):
                    items = [first[len(subject) + 1:]] + [c[1:] for c in rest]
                    if PRONOUN_SUBJECT.match(subject) or len(HAN_RE.findall(subject)) < 3:
                        continue
                    name = subject
                elif all(not c.startswith(COPULA) and not PRONOUN_SUBJECT.match(c) for c in run):
                    items, name = run, ""
                else:
                    continue
                end = _shared_end(items)
                if len(HAN_RE.findall(end)) < MIN_SHARED_END or any(len(i) <= len(end) + 1 for i in items):
                    continue
                name = name or end.lstrip("的")
                if len(name) < 2:
                    continue
                start = at + max(0, sentence.find(first))
                found.append(Candidate(
                    name=name, kind="enumerated", items=tuple(clean(i) for i in items), span=Span(pi, start),
                    line=para.line, context=sentence, confidence=CONFIDENCE,
                    lead=sentence[:max(0, sentence.find(first))]))
    return found
