"""Every registered term rule against its case table, ``tests/rules/terms/<rule id>.yaml``.

A case is a short real sentence or paragraph with the terms the rule, run alone, must find at the default minimum
confidence (``terms``: what a user sees) and, where given, at any confidence (``all``: what ``--all`` and review
show). ``terms: []`` says the rule must find nothing above the cut (over-generation). A known miss carries
``xfail: <why>`` and runs as an expected failure, so a fix shows up as an unexpected pass.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from deckgen.config import packaged_defaults
from deckgen.extract.terms import TERM_RULES, find_terms
from deckgen.extract.words import Words
from deckgen.models import Document
from deckgen.normalize import normalize
from deckgen.segment import segment
from deckgen.text import match_key

TABLES = Path(__file__).parent / "rules" / "terms"
BY_ID = {rule.id: rule for rule in TERM_RULES}
MIN_CONFIDENCE = packaged_defaults()["extract"]["min_confidence"]


def _cases():
    for path in sorted(TABLES.glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            yield pytest.param(path.stem, case, id=f"{path.stem}-{i}", marks=marks)


def found_by(rule_id: str, text: str) -> dict[str, float]:
    """Term key → confidence of what the rule alone finds in ``text``."""
    articles = segment(normalize(Document(source="case.txt", text=text, encoding="utf-8")), "case.txt")
    return {match_key(h.term): h.confidence for h in find_terms(tuple(articles), frozenset(), Words(), (BY_ID[rule_id],))}


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_term_rule_case(rule_id, case):
    found = found_by(rule_id, case["text"])
    shown = sorted(key for key, confidence in found.items() if confidence >= MIN_CONFIDENCE)
    assert shown == sorted(match_key(t) for t in case["terms"]), f"at the default cut; all found: {found}"
    if "all" in case:
        assert sorted(found) == sorted(match_key(t) for t in case["all"] + case["terms"]), f"all found: {found}"


def test_every_registered_term_rule_has_a_case_table():
    assert {path.stem for path in TABLES.glob("*.yaml")} == set(BY_ID)


@pytest.mark.parametrize("rule", TERM_RULES, ids=lambda r: r.id)
def test_every_table_has_a_case_that_finds_and_one_that_does_not(rule):
    cases = yaml.safe_load((TABLES / f"{rule.id}.yaml").read_text(encoding="utf-8"))["cases"]
    assert any((c["terms"] or c.get("all")) and not c.get("xfail") for c in cases)
    assert any(not c["terms"] and not c.get("all") for c in cases)
