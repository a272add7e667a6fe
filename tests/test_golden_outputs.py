"""Stored golden outputs: what the extractor gives on every text of ``eval/`` (every set's ``texts/``).

A rule that silently changes what another text gives fails here with the diff. A change on purpose is refreshed
with ``python -m pytest tests/test_golden_outputs.py --update-golden`` and reviewed in ``git diff tests/golden``.
Every confidence is kept: a candidate that crosses the build gate shows too.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from deckgen.api import extract_sources
from deckgen.config import packaged_defaults

ROOT = Path(__file__).parent.parent
TEXTS = sorted((ROOT / "eval").glob("*/texts/*.txt"))
GOLDEN = Path(__file__).parent / "golden"


def summary(path: Path) -> dict:
    extraction = extract_sources([path], packaged_defaults())
    return {
        "lists": [{"name": l.name, "count": l.count, "kind": l.kind, "rule": l.rule, "confidence": round(l.confidence, 2),
                   "items": list(l.items)} for l in extraction.lists],
        "terms": [{"term": t.term, "rule": t.rule, "confidence": round(t.confidence, 2)} for t in extraction.terms],
    }


def test_there_are_texts_to_check():
    assert len(TEXTS) >= 10


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_golden_output(path, update_golden):
    golden = GOLDEN / f"{path.parent.parent.name}--{path.stem}.json"
    got = summary(path)
    if update_golden:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    assert golden.exists(), f"no golden output for {path.name}: run pytest --update-golden and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
