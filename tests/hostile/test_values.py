"""Issue 13: bad values are one message (never a traceback), and what cards and exports show is safe."""
from __future__ import annotations

import sqlite3
import sys
import unicodedata
import zipfile
import zlib

import pytest

from hostile_box import SPEC_TXT, box, refused  # noqa: F401 (box is a fixture)


def pdf(pages: list[bytes]) -> bytes:
    """A minimal PDF with one content stream per page (Helvetica)."""
    count = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count)) +
               b"] /Count %d >>" % count,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 20000 800] /Resources << /Font << /F1 3 0 R >>"
                       b" >> /Contents %d 0 R >>" % (5 + 2 * i))
        packed = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_ignore_terms_of_lists_is_one_message(box):
    box.deck("d", SPEC_TXT + "extract: {ignore_terms: [[a]]}\n")
    refused(box.run("build", "decks/d"), "'extract.ignore_terms' must list words as text")


def test_a_deck_name_with_a_newline_reviews_and_builds(box):
    box.deck("d", 'name: "学习\\n:: 第二行"\n' + SPEC_TXT)
    assert box.run("review", "decks/d").returncode == 0
    result = box.run("build", "decks/d")
    assert result.returncode == 0, result.stderr[-2000:]


def test_an_html_ol_start_of_5000_digits(box):
    page = f'<ol start="{"9" * 5000}"><li>建立“社区吹哨，部门报到”工作机制。</li><li>推进“五治融合”。</li></ol>'
    (box.root / "a.html").write_text(page, encoding="utf-8")
    result = box.run("extract", "a.html")
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_text_parser_of_exports_takes_a_huge_ol_start():
    from deckgen.export import plain_text

    assert plain_text(f'<ol start="{"9" * 5000}"><li>甲</li></ol>') == "1. 甲"


def test_a_pdf_of_many_pages_is_refused(box):
    (box.root / "a.pdf").write_bytes(pdf([b""] * 2001))
    refused(box.run("extract", "a.pdf"), "MAX_PDF_PAGES")


def test_a_pdf_stream_that_inflates_past_the_limit(box):
    (box.root / "a.pdf").write_bytes(pdf([b" " * (65 * 2**20)]))
    assert (box.root / "a.pdf").stat().st_size < 1_000_000
    refused(box.run("extract", "a.pdf"), "MAX_PDF_STREAM_BYTES")


def test_a_pdf_of_1200_one_letter_columns_reads_without_recursion(box):
    columns = b"".join(b"BT /F1 10 Tf %d 400 Td (x) Tj ET\n" % (10 + 15 * i) for i in range(1200))
    (box.root / "a.pdf").write_bytes(pdf([columns]))
    result = box.run("extract", "a.pdf")
    assert result.returncode == 1 and "Chinese" in result.stderr, result.stderr[-2000:]  # read; it is no Chinese


BIDI = "坚持“社区\u202e报到部门，哨吹”机制，推进“\u2066五治融合\u2069”，落实“=HYPERLINK(x)社区”要求。\n"


def test_bidi_controls_never_reach_cards_or_exports(box):
    from deckgen.display import _CF

    box.deck("d", SPEC_TXT, {"article.txt": "党建引领\n\n" + BIDI * 3})
    result = box.run("build", "decks/d")
    assert result.returncode == 0, result.stderr[-2000:]
    with zipfile.ZipFile(box.root / "build" / "d.apkg") as z:
        (box.root / "c.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(box.root / "c.anki2")
    shown = " ".join(row[0] for row in db.execute("select flds || tags from notes"))
    db.close()
    assert "报到部门" in shown and not _CF.search(shown)
    for fmt in ("csv", "tsv", "md", "html", "anki-txt"):
        assert box.run("export", "decks/d", "--format", fmt, "-o", f"out.{fmt}").returncode == 0
        assert not _CF.search((box.root / f"out.{fmt}").read_text(encoding="utf-8-sig"))


def test_csv_cells_that_start_a_formula_are_prefixed():
    from deckgen.display import cell

    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert cell(text) == "'" + text
    assert cell("社区吹哨") == "社区吹哨"


def test_csv_and_tsv_exports_prefix_formula_cells(tmp_path, monkeypatch):
    from hostile_box import ARTICLE

    from deckgen import export
    from deckgen.api import deck_notes

    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    deck = deck_notes([source])
    monkeypatch.setattr(export, "plain_text", lambda html: "=HYPERLINK(\"http://x\")")
    for text in (export.to_csv(deck), export.to_tsv(deck)):
        cells = [c for line in text.splitlines()[1:] for c in line.replace("\t", ",").split(",")]
        assert cells and not any(c.lstrip('"').startswith("=") for c in cells)


def test_format_characters_are_unicodes_cf_and_meaningful_joiners_stay():
    from deckgen.display import _CF, visible

    every = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    assert every <= {chr(c) for c in range(sys.maxunicode + 1) if _CF.match(chr(c))}
    assert visible("社区\u202e报到") == "社区报到"
    assert visible("👩\u200d💻") == "👩\u200d💻"
    assert visible("a\u200db") == "ab"
    flag = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
    assert visible(flag) == flag


@pytest.mark.parametrize("loader", ["SafeLoader"])
def test_candidates_are_parsed_once_with_libyaml(tmp_path, monkeypatch, loader):
    import yaml

    from deckgen.curate import read_candidates

    path = tmp_path / "candidates.yaml"
    path.write_text("".join(f"- id: term:词{i}\n  term: 词{i}\n" for i in range(2000)), encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("pure-Python YAML loader used")

    monkeypatch.setattr(getattr(yaml, loader), "__init__", refuse)
    monkeypatch.setattr(yaml, "compose", refuse)
    assert len(read_candidates(path)) == 2000
