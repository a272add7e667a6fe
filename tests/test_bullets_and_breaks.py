"""Bullets and hard line breaks in every structured format (issue 11).

A bulleted list (``<ul>``, markdown ``-``/``*``, Word's bullet styles) reads as the "——" items a .txt bullets
with, a numbered one (``<ol>``, ``1.``, Word's numbering) as "1. 2." lines, so the extractor's enumeration rule
finds the same list in each. Word's manual line breaks and ``<br>`` reach ``normalize.rejoin_lines``: a
paragraph pasted from a PDF column with a break every 16 characters is one paragraph again, while a break after
a finished sentence still ends one.

The text is real: the seven 基本原则 of the 2018 No. 1 Document (``eval/unseen/texts``) and the corpus article
``tests/data/jianwei_sixiao_gongzuofa.txt``.
"""
from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.models import Document
from deckgen.normalize import normalize
from deckgen.read import read_source

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))
from make_matrix import pasted_docx, principles  # noqa: E402  (the fixture script's own reading of the text)

HEADING, ITEMS = principles()
SHORT_ITEMS = [item.split("。")[0] for item in ITEMS]  # 坚持党管农村工作: an <li> without a full stop
ARTICLE = (DATA / "jianwei_sixiao_gongzuofa.txt").read_text(encoding="utf-8")
CLEAN_PARAGRAPHS = [p.text for p in normalize(Document(source="a.txt", text=ARTICLE, encoding="utf-8"))]


def lists_of(path: Path) -> list[tuple[str, list[str]]]:
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [(entry["name"], entry["items"]) for entry in json.loads(result.stdout)["lists"]]


def write_txt(path: Path, items: list[str], numbered: bool) -> None:
    marks = [f"{i}. " if numbered else "——" for i in range(1, len(items) + 1)]
    path.write_text("\n".join([HEADING, *(m + item for m, item in zip(marks, items))]) + "\n", encoding="utf-8")


def write_html(path: Path, items: list[str], numbered: bool) -> None:
    tag = "ol" if numbered else "ul"
    entries = "".join(f"<li>{html.escape(item)}</li>\n" for item in items)
    path.write_text(f"<h3>{HEADING}</h3>\n<{tag}>\n{entries}</{tag}>\n", encoding="utf-8")


def write_md(path: Path, items: list[str], numbered: bool, bullet: str = "-") -> None:
    marks = [f"{i}. " if numbered else f"{bullet} " for i in range(1, len(items) + 1)]
    path.write_text(f"### {HEADING}\n\n" + "".join(f"{m}{item}\n" for m, item in zip(marks, items)), encoding="utf-8")


def write_md_star(path: Path, items: list[str], numbered: bool) -> None:
    write_md(path, items, numbered, "*")


def write_docx(path: Path, items: list[str], numbered: bool) -> None:
    document = docx.Document()
    document.add_heading(HEADING, level=3)
    for item in items:
        document.add_paragraph(item, style="List Number" if numbered else "List Bullet")
    document.save(str(path))


WRITERS = {"txt": write_txt, "html": write_html, "md": write_md, "star.md": write_md_star, "docx": write_docx}


def expected(items: list[str]) -> tuple[str, list[str]]:
    """What the .txt typed with —— gives: the list named by its heading, its items' opening clauses."""
    return "基本原则", [item.split("。")[0] for item in items]


@pytest.mark.parametrize("items", [ITEMS, SHORT_ITEMS], ids=["sentences", "short"])
@pytest.mark.parametrize("numbered", [False, True], ids=["bullets", "numbers"])
@pytest.mark.parametrize("suffix", WRITERS)
def test_a_list_in_any_format_is_the_list_the_txt_gives(tmp_path, suffix, numbered, items):
    path = tmp_path / f"principles.{suffix}"
    WRITERS[suffix](path, items, numbered)
    name, found = expected(items)
    lists = lists_of(path)
    assert (name, found) in lists, lists


def test_word_bullets_read_as_dash_items_and_numbering_as_numbers(tmp_path):
    path = tmp_path / "p.docx"
    write_docx(path, SHORT_ITEMS[:2], numbered=False)
    assert read_source(path).blocks == (HEADING, "——坚持党管农村工作", "——坚持农业农村优先发展")
    write_docx(path, SHORT_ITEMS[:2], numbered=True)
    assert read_source(path).blocks == (HEADING, "1. 坚持党管农村工作", "2. 坚持农业农村优先发展")


def test_a_single_dash_line_stays_a_subtitle():
    text = "中国共产党第十九次全国代表大会报告\n——在中国共产党第十九次全国代表大会上的报告\n同志们：现在，我代表第十八届中央委员会向大会作报告。\n"
    paragraphs = normalize(Document(source="a.txt", text=text, encoding="utf-8"))
    assert [p.is_heading for p in paragraphs] == [True, False]
    assert paragraphs[0].text.endswith("——在中国共产党第十九次全国代表大会上的报告")


def test_a_docx_saved_by_libreoffice_is_read_with_its_bullets_and_breaks():
    """LibreOffice writes its own numbering part, bullets and <w:br/>; main at 418d17e refused LibreOffice's
    files as damaged (python-docx raises on a missing numbering part, which a list-free file has)."""
    path = DATA / "formats" / "principles.libreoffice.docx"
    document = read_source(path)
    assert document.blocks[0] == HEADING
    assert list(document.blocks[1:8]) == ["——" + item for item in ITEMS]
    assert expected(ITEMS) in lists_of(path)
    # the paragraph typed with a break every 16 characters is the article's first paragraph again
    assert [p.text for p in normalize(document)][-1] == CLEAN_PARAGRAPHS[0]


# ---- hard breaks go through the one rejoining step ----

def wrapped(paragraph: str, width: int, indent: int = 0) -> list[str]:
    """Lines of ``width`` characters, the first ``indent`` shorter (its indent takes their room)."""
    first = paragraph[:width - indent]
    return [first] + [paragraph[i:i + width] for i in range(len(first), len(paragraph), width)]


def article_paragraphs() -> list[str]:
    return [line for line in ARTICLE.splitlines() if line.strip()]


def test_word_manual_breaks_of_a_pasted_pdf_column_rejoin(tmp_path):
    """Each paragraph pasted from a PDF column: one Word paragraph, a manual break every 16 characters."""
    path = tmp_path / "pasted.docx"
    pasted_docx(16, title=None).save(str(path))
    document = read_source(path)
    assert all(block.count("\n") == (len(block) - 1) // 17 for block in document.blocks)  # each break kept
    assert [p.text for p in normalize(document)] == CLEAN_PARAGRAPHS


def test_word_manual_breaks_after_finished_sentences_end_lines(tmp_path):
    """Short lines, each a sentence, broken by hand: not a column, so each stays a paragraph."""
    document = docx.Document()
    run = document.add_paragraph().add_run("坚持党管农村工作。")
    for line in ("坚持农业农村优先发展。", "坚持农民主体地位。"):
        run.add_break()
        run.add_text(line)
    path = tmp_path / "lines.docx"
    document.save(str(path))
    assert read_source(path).blocks == ("坚持党管农村工作。\n坚持农业农村优先发展。\n坚持农民主体地位。",)
    assert [p.text for p in normalize(read_source(path))] == ["坚持党管农村工作。", "坚持农业农村优先发展。",
                                                              "坚持农民主体地位。"]


def test_html_br_wrapped_lines_rejoin_and_an_empty_line_ends_a_paragraph(tmp_path):
    """A site that sets the article as lines with <br> (and <br><br> between paragraphs, indented with
    &nbsp;) gives the clean text's paragraphs."""
    body = "<br>\n<br>\n".join("&nbsp;&nbsp;" + "<br>\n".join(map(html.escape, wrapped(p, 30, 2)))
                               for p in article_paragraphs())
    path = tmp_path / "lines.html"
    path.write_text(f"<html><body><div>{body}</div></body></html>", encoding="utf-8")
    assert [p.text for p in normalize(read_source(path))] == CLEAN_PARAGRAPHS


def test_html_br_between_sentences_is_a_line_end_not_a_join():
    from deckgen.readers.html import html_blocks

    assert html_blocks("<p>第一段。<br>\n  第二段。</p>") == ["第一段。\n第二段。"]
    paragraphs = normalize(Document(source="a.html", text="第一段。\n第二段。", encoding="utf-8",
                                    blocks=("第一段。\n第二段。",)))
    assert [p.text for p in paragraphs] == ["第一段。", "第二段。"]
