"""The same real article through every way it arrives gives the clean text's lists and terms (issue 11).

Fixtures in ``tests/data/matrix/`` (made by ``tests/data/make_matrix.py``): text hard-wrapped at 16, 30 and
40 characters as copied out of a PDF column (no blank lines), PDFs made by LibreOffice in one and four columns
(a masthead running head and page numbers on every page), a four-column page whose content stream runs across
the columns, a .docx from python-docx with a manual break every 30 characters, one saved by LibreOffice,
markdown, the bare HTML fragment, and the page saved from a county, a newspaper, a school and a news site with
their menus, crumbs, related headlines and footers. The clean text is
``tests/data/jianwei_sixiao_gongzuofa.txt``; recall is over its list names, list items and terms.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))
from make_matrix import TITLE, paragraphs  # noqa: E402
from saved_pages import TEMPLATES  # noqa: E402

CLEAN = DATA / "jianwei_sixiao_gongzuofa.txt"
MATRIX = sorted((DATA / "matrix").glob("jianwei.*"))
FURNITURE = ("学习时报", "第3版", "星期六")
CLEAN_TEXT = CLEAN.read_text(encoding="utf-8")


def furniture(path: Path) -> tuple[str, ...]:
    """What the file's page around the article added: the masthead, and a saved page's menus, crumbs, footer."""
    name = path.name.removeprefix("jianwei.page-").removesuffix(".html")
    if name not in TEMPLATES:
        return FURNITURE
    _, added = TEMPLATES[name](TITLE, paragraphs())
    return FURNITURE + tuple(f for f in added if f not in CLEAN_TEXT and f not in TITLE)


def study_items(path: Path) -> tuple[set[str], str]:
    """The list names, items and terms ``deckgen extract`` finds, and all it shows (titles included)."""
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    found = {f"list:{l['name']}" for l in data["lists"]} | {f"item:{i}" for l in data["lists"] for i in l["items"]}
    found |= {f"term:{t['term']}" for t in data["terms"]}
    return found, " ".join([*found, *(a["title"] for a in data["articles"])])


def test_every_way_in_is_covered():
    assert {p.suffix for p in MATRIX} == {".txt", ".pdf", ".docx", ".md", ".html"} and len(MATRIX) == 14
    assert {p.name for p in MATRIX} >= {"jianwei.python-docx.docx", "jianwei.libreoffice.docx",
                                        "jianwei.fragment.html", *(f"jianwei.page-{t}.html" for t in TEMPLATES)}


@pytest.mark.parametrize("path", MATRIX, ids=lambda p: p.name)
def test_issue11_recall_of_the_clean_texts_lists_and_terms(path):
    clean, _ = study_items(CLEAN)
    found, shown = study_items(path)
    assert len(clean & found) >= 0.95 * len(clean), sorted(clean - found)
    assert [mark for mark in furniture(path) if mark in shown] == []


@pytest.mark.parametrize("path", [p for p in MATRIX if p.suffix in (".html", ".docx", ".md")], ids=lambda p: p.name)
def test_issue11_the_title_is_the_headline_never_a_menu_or_the_title_suffix(path):
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    titles = [article["title"] for article in json.loads(result.stdout)["articles"]]
    assert titles == [TITLE]
