"""The same real article through every way it arrives gives the clean text's lists and terms (issue 11).

Fixtures in ``tests/data/matrix/``: text hard-wrapped at 16, 30 and 40 characters as copied out of a PDF
column (no blank lines), PDFs made by LibreOffice in one and four columns (a masthead running head and page
numbers on every page), and a four-column page whose content stream runs across the columns. The clean
text is ``tests/data/jianwei_sixiao_gongzuofa.txt``; recall is over its list names, list items and terms.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DATA = Path(__file__).parent / "data"
CLEAN = DATA / "jianwei_sixiao_gongzuofa.txt"
MATRIX = sorted((DATA / "matrix").glob("jianwei.*"))
FURNITURE = ("学习时报", "第3版", "星期六")


def study_items(path: Path) -> tuple[set[str], str]:
    """The list names, items and terms ``deckgen extract`` finds, and all it shows (titles included)."""
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    found = {f"list:{l['name']}" for l in data["lists"]} | {f"item:{i}" for l in data["lists"] for i in l["items"]}
    found |= {f"term:{t['term']}" for t in data["terms"]}
    return found, " ".join([*found, *(a["title"] for a in data["articles"])])


def test_every_way_in_is_covered():
    assert {p.suffix for p in MATRIX} == {".txt", ".pdf"} and len(MATRIX) == 6


@pytest.mark.parametrize("path", MATRIX, ids=lambda p: p.name)
def test_issue11_recall_of_the_clean_texts_lists_and_terms(path):
    clean, _ = study_items(CLEAN)
    found, shown = study_items(path)
    assert len(clean & found) >= 0.95 * len(clean), sorted(clean - found)
    assert not any(mark in shown for mark in FURNITURE)
