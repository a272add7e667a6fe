"""Every registered list rule against its case table, ``tests/rules/<rule id>.yaml``.

A case is a short real sentence or paragraph with the lists the rule (run alone, through the engine's passes, at
the default minimum confidence: what a user sees) must find there: each by name, items and, where the name states one, count. ``lists: []`` says the rule must find
nothing (over-generation). A known miss carries ``xfail: <why>`` and runs as an expected failure, so a fix shows up
as an unexpected pass.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from deckgen.config import packaged_defaults
from deckgen.extract.context import Context
from deckgen.extract.engine import find_lists
from deckgen.extract.rules import RULES
from deckgen.models import Document
from deckgen.normalize import normalize
from deckgen.segment import segment
from deckgen.text import match_key

TABLES = Path(__file__).parent / "rules"
BY_ID = {rule.id: rule for rule in RULES}


def _cases():
    for path in sorted(TABLES.glob("*.yaml")):
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(table["cases"]):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            yield pytest.param(path.stem, case, id=f"{path.stem}-{i}", marks=marks)


def found_by(rule_id: str, text: str, lexicon: bool = False) -> list[tuple[str, tuple[str, ...], int | None]]:
    config = packaged_defaults()
    config["extract"]["lexicon"] = lexicon
    ctx = Context.from_config(config["extract"])
    articles = segment(normalize(Document(source="case.txt", text=text, encoding="utf-8")), "case.txt")
    return [(match_key(c.name), tuple(match_key(i) for i in c.items), c.count)
            for article in articles for c in find_lists(article, ctx, (BY_ID[rule_id],))
            if c.confidence >= config["extract"]["min_confidence"]]


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case):
    found = found_by(rule_id, case["text"], case.get("lexicon", False))
    expected = case["lists"]
    if not expected:
        assert found == []
        return
    by_name = {name: (items, count) for name, items, count in found}
    for want in expected:
        name = match_key(want["name"])
        assert name in by_name, f"no list named {want['name']}: found {[n for n, _, _ in found]}"
        items, count = by_name[name]
        assert items == tuple(match_key(i) for i in want["items"])
        if "count" in want:
            assert count == want["count"]


def test_every_registered_rule_has_a_case_table():
    tables = {path.stem for path in TABLES.glob("*.yaml")}
    assert {rule.id for rule in RULES} <= tables
    assert tables <= set(BY_ID), "a case table for a rule that is not registered"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_table_has_a_positive_and_a_negative_case(rule):
    cases = yaml.safe_load((TABLES / f"{rule.id}.yaml").read_text(encoding="utf-8"))["cases"]
    assert any(c["lists"] and not c.get("xfail") for c in cases)
    assert any(not c["lists"] for c in cases)
