"""Stage 1, read: every format and encoding gives back the same text; hostile input gets an InputError.

The fixtures in data/formats/ are made by data/make_fixtures.py from one corpus
article (data/jianwei_sixiao_gongzuofa.txt).
"""
from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen import read
from deckgen.errors import InputError
from deckgen.read import SUPPORTED_SUFFIXES, list_sources, read_source
from deckgen.readers.docx import chinese_number
from deckgen.readers.html import html_blocks
from deckgen.models import Document
from deckgen.normalize import normalize
from deckgen.readers.pdf import Line, reading_order
from deckgen.readers.text import HAN

DATA = Path(__file__).parent / "data"
FORMATS = DATA / "formats"
ORIGINAL = (DATA / "jianwei_sixiao_gongzuofa.txt").read_text(encoding="utf-8")
PARAGRAPHS = ORIGINAL.splitlines()


def squeeze(text: str) -> str:
    """The sequence of non-space characters."""
    return re.sub(r"\s", "", text)


def paragraph_starts(paragraphs: list[str]) -> set[int]:
    """Where each paragraph starts, as an offset into the squeezed text."""
    starts, offset = set(), 0
    for paragraph in paragraphs:
        starts.add(offset)
        offset += len(squeeze(paragraph))
    return starts


# ---- every format reads back to the original ----

@pytest.mark.parametrize("name, encoding", [
    ("jianwei.utf8-bom.txt", "utf-8-sig"),
    ("jianwei.gb18030.txt", "gb18030"),
    ("jianwei.utf16.txt", "utf-16"),
    ("jianwei.crlf.txt", "utf-8"),
])
def test_text_in_any_encoding_reads_as_the_utf8_original(name, encoding):
    document = read_source(FORMATS / name)
    assert document.text == ORIGINAL
    assert document.encoding == encoding
    assert document.blocks is None


@pytest.mark.parametrize("name", ["jianwei.docx", "jianwei.html", "jianwei.md"])
def test_structured_formats_give_the_original_paragraphs(name):
    """Headings included, and nothing from the page around the article (navigation, scripts, footer)."""
    document = read_source(FORMATS / name)
    assert list(document.blocks) == PARAGRAPHS
    assert document.text == "\n".join(PARAGRAPHS)
    assert document.encoding == "utf-8"


def test_bare_html_fragment_from_the_corpus_gives_the_paragraphs_of_its_text():
    """The fragment has literal "\\r\\n" between its <p> tags, as a JSON export left them."""
    document = read_source(DATA / "jianwei_sixiao_gongzuofa.html")
    assert list(document.blocks) == PARAGRAPHS


@pytest.mark.parametrize("name", ["jianwei.pdf", "jianwei.two-column.pdf"])
def test_pdf_reads_in_order_and_normalize_gives_the_paragraphs(name):
    """The two-column page shares one baseline grid across columns: read across, the text would interleave.
    The reader gives printed lines; normalize's rejoining makes the paragraphs of the original of them."""
    document = read_source(FORMATS / name)
    assert squeeze(document.text) == squeeze(ORIGINAL)
    assert document.blocks is None
    original = [p.text for p in normalize(Document(source="t.txt", text=ORIGINAL, encoding="utf-8"))]
    rejoined = [p.text for p in normalize(document)]
    assert len(set(rejoined) & set(original)) >= len(original) - 2  # a column or page break may cut one


def column(x0: float, x1: float, first_top: float, count: int, name: str) -> list[Line]:
    return [Line(x0, x1, first_top + 14 * i, first_top + 14 * i + 10, f"{name}{i}") for i in range(count)]


def test_reading_order_of_three_columns_under_a_headline():
    """The middle column is short: it must not be taken for a gutter."""
    headline = Line(0, 320, 0, 20, "headline")
    left, middle, right = column(0, 100, 30, 10, "L"), column(110, 210, 30, 3, "M"), column(220, 320, 30, 10, "R")
    shuffled = right + middle + [headline] + left
    assert reading_order(shuffled) == [[headline], left, middle, right]


def test_reading_order_of_one_ragged_column_is_top_to_bottom():
    lines = [Line(0, 100 - 7 * (i % 4), 14 * i, 14 * i + 10, str(i)) for i in range(12)]
    assert reading_order(lines[::-1]) == [lines]


def test_reading_order_copes_with_huge_coordinates():
    lines = column(0, 1e12, 0, 3, "A") + column(2e12, 3e12, 0, 3, "B")
    assert reading_order(lines) == [lines[:3], lines[3:]]


def test_docx_rebuilds_list_numbers_from_the_numbering_part():
    """"一、" comes from the 标题 1 style's list, "（一）"/"1." from the paragraphs' own; a restarted list
    counts afresh, a bullet is the "——" a Chinese text bullets with, a table cell is a paragraph."""
    document = read_source(FORMATS / "numbered.docx")
    assert list(document.blocks) == [
        "一、坚持人民至上",
        "（一）深刻感悟人民立场",
        "1. 相信人民",
        "2. 依靠人民",
        "（二）牢记根本宗旨",
        "1. 服务人民",
        "二、坚持自信自立",
        "（一）增强历史自信",
        "——坚定道路自信",
        "结语",
        "必须坚持人民至上。",
        "表格中的一段话。",
    ]


@pytest.mark.parametrize("n, expected", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
    (100, "一百"), (105, "一百零五"), (110, "一百一十"), (2024, "二千零二十四"),
])
def test_chinese_counting_as_word_shows_it(n, expected):
    assert chinese_number(n) == expected


# ---- html and markdown rules ----

def test_html_without_article_drops_navigation_and_hidden_elements():
    page = """<html><body>
    <div class="top-nav"><a>首页</a><a>时政</a></div>
    <div id="breadcrumb">首页 &gt; 党建</div>
    <h1>学习体会</h1>
    <div style="display:none">隐藏的文字</div>
    <p>第一段。<br>第二段。</p>
    <ol start="3"><li>第三条</li><li><p>第四条</p></li></ol>
    <ul><li>要点</li></ul>
    <!-- 注释 -->
    <footer>版权所有</footer>
    </body></html>"""
    assert html_blocks(page) == ["学习体会", "第一段。\n第二段。", "3. 第三条", "4. 第四条", "——要点"]


def test_html_article_header_with_the_title_is_kept():
    page = "<header>网站名</header><article><header><h1>标题</h1></header><p>正文。</p></article>"
    assert html_blocks(page) == ["标题", "正文。"]


def test_html_declared_gbk_charset_is_used(tmp_path):
    page = '<html><head><meta charset="gb2312"></head><body><p>坚持人民至上。</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    document = read_source(path)
    assert document.blocks == ("坚持人民至上。",)
    assert document.encoding == "gb18030"


def test_markdown_markup_is_stripped_and_list_numbers_kept(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# 学习**体会**\n\n必须坚持[人民至上](https://example.org)，\n坚持自信自立。\n\n"
        "3. 第三条\n4. 第四条\n\n- 要点\n\n<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    assert read_source(path).blocks == ("学习体会", "必须坚持人民至上，坚持自信自立。", "3. 第三条", "4. 第四条", "——要点")


# ---- folders ----

def test_list_sources_takes_supported_files_sorted_and_says_why_others_are_skipped(tmp_path):
    for name in ["b.md", "a.txt", "C.pdf", "photo.png", ".DS_Store", "~$draft.docx", "old.doc"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    files, skipped = list_sources(tmp_path)
    assert [f.name for f in files] == ["C.pdf", "a.txt", "b.md"]
    reasons = {path.name: reason for path, reason in skipped}
    assert set(reasons) == {"photo.png", ".DS_Store", "~$draft.docx", "old.doc", "sub"}
    assert "re-save it as .docx" in reasons["old.doc"]
    assert "not read" in reasons["sub"]


def test_list_sources_refuses_a_folder_with_nothing_to_read(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"x")
    with pytest.raises(InputError, match=r"holds no file deckgen reads \(1 skipped\)"):
        list_sources(tmp_path)


def test_list_sources_refuses_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("中文", encoding="utf-8")
    with pytest.raises(InputError, match="no such folder"):
        list_sources(tmp_path / "a.txt")


# ---- hostile and broken input: one InputError naming the file, never a traceback ----

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
LATIN1_FRENCH = "Le café où j'ai rédigé mon résumé était très agréable, déjà vu à Noël.".encode("latin-1")
LATIN1_GERMAN = "Größere Übungen für Mädchen: schön, fröhlich, Straße, Äpfel und Öl.".encode("latin-1")


def empty_docx() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def zip_without_word_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")
    return buffer.getvalue()


HOSTILE = [
    ("empty.txt", b"", "holds no text"),
    ("blank.txt", " \n\t\r\n\u3000\n".encode("utf-8"), "holds no text"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("image.txt", PNG, "is a PNG image, not text; OCR it"),
    ("latin1.txt", LATIN1_FRENCH, "re-save it as UTF-8|no Chinese"),
    ("mojibake.txt", LATIN1_GERMAN, "gives no sensible Chinese"),
    ("big5.txt", "兩岸關係與經濟發展的歷史回顧，這是臺灣學者的觀點。".encode("big5"), "gives no sensible Chinese"),
    ("english.txt", b"Only English here.\n", "no Chinese text"),
    ("utf16-english.txt", "Only English here.".encode("utf-16"), "no Chinese text"),
    ("image.html", PNG, "is a PNG image"),
    ("nav-only.html", "<nav><a>首页</a></nav><script>x()</script>".encode("utf-8"), "holds no text"),
    ("empty.md", b"\n\n", "holds no text"),
    ("garbage.docx", b"not a zip file", "cannot be opened as a Word document"),
    ("renamed.docx", zip_without_word_parts(), "cannot be opened as a Word document"),
    ("empty.docx", empty_docx(), "holds no text"),
    ("garbage.pdf", b"%PDF-1.4\nnot really a pdf", "cannot be read as a PDF"),
    ("text.pdf", "这不是 PDF".encode("utf-8"), "cannot be read as a PDF"),
    ("truncated.pdf", (FORMATS / "jianwei.pdf").read_bytes()[:3000], "cannot be read as a PDF|holds no text"),
]


@pytest.mark.parametrize("name, data, message", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_file_gets_a_short_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as error:
        read_source(path)
    assert str(error.value).startswith(f"{path}: ")


def test_scanned_pdf_asks_for_ocr():
    with pytest.raises(InputError, match="no text layer.*OCR it first"):
        read_source(FORMATS / "scanned.pdf")


def test_pdf_with_a_password_is_refused():
    with pytest.raises(InputError, match="protected by a password"):
        read_source(FORMATS / "encrypted.pdf")


def test_pdf_text_without_a_unicode_map_asks_for_ocr():
    with pytest.raises(InputError, match="fonts do not say which characters they draw; OCR it first"):
        read_source(FORMATS / "unmapped.pdf")


def test_issue11_a_broken_pdfminer_install_says_how_to_repair_it(monkeypatch):
    """pdfminer.six is a dependency; the message must not send users to the unrelated PyPI project deckgen[pdf]."""
    monkeypatch.setattr("deckgen.readers.pdf.extract_pages", None)
    with pytest.raises(InputError, match=r"needs pdfminer\.six, which deckgen installs; reinstall") as error:
        read_source(FORMATS / "jianwei.pdf")
    assert "[pdf]" not in str(error.value)


def test_issue11_utf32_with_a_bom_is_read_without_nuls(tmp_path):
    for codec in ("utf-32-le", "utf-32-be"):
        path = tmp_path / f"{codec}.txt"
        bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
        path.write_bytes(bom + ORIGINAL.encode(codec))
        document = read_source(path)
        assert document.text == ORIGINAL and "\x00" not in document.text
        assert document.encoding == "utf-32"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nowhere.txt")


def test_folder_given_as_a_file(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_source(tmp_path)


@pytest.mark.parametrize("name, hint", [("notes.xyz", "supported: .txt"), ("old.doc", "re-save it as .docx")])
def test_unsupported_extension(tmp_path, name, hint):
    path = tmp_path / name
    path.write_text("中文", encoding="utf-8")
    with pytest.raises(InputError, match=f"unsupported file type.*{re.escape(hint)}"):
        read_source(path)


def test_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "huge.txt"
    path.write_bytes("中文。".encode("utf-8") * 200_000)
    with pytest.raises(InputError, match="is over the 1 MB deckgen reads; split it"):
        read_source(path)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_five_megabytes_are_read(tmp_path, suffix):
    """How long it takes is ``benchmarks/reading.py``'s to measure: a test asserts no wall-clock time."""
    paragraph = ORIGINAL.replace("\n", "\n\n")
    path = tmp_path / f"big{suffix}"
    path.write_text(paragraph * (5 * 2**20 // len(paragraph.encode("utf-8"))), encoding="utf-8")
    document = read_source(path)
    assert len(document.text) > 1_500_000


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_single_line_of_200000_characters_is_read(tmp_path, suffix):
    line = "坚持人民至上，" * 28_572
    path = tmp_path / f"long{suffix}"
    path.write_text(line, encoding="utf-8")
    document = read_source(path)
    assert squeeze(document.text) == line


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_any_bytes_give_a_document_or_an_input_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("any") / f"file{suffix}"
    path.write_bytes(data)
    try:
        document = read_source(path)
    except InputError:
        return
    assert document.text.strip()


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(["jianwei.two-column.pdf", "scanned.pdf", "numbered.docx", "jianwei.docx"]),
       damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=20),
       kept=st.floats(0.05, 1))
def test_a_damaged_docx_or_pdf_gives_a_document_or_an_input_error(tmp_path_factory, name, damage, kept):
    data = bytearray((FORMATS / name).read_bytes())
    for where, byte in damage:
        data[int(where * len(data))] = byte
    path = tmp_path_factory.mktemp("damaged") / name
    path.write_bytes(data[:max(1, int(kept * len(data)))])
    try:
        document = read_source(path)
    except InputError as exc:
        assert str(exc).startswith(f"{path}: ")  # one message naming the file
        return
    assert HAN.search(document.text)  # what read_source lets through is Chinese text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("坚持人民至上自信自立守正创新问题导向系统观念胸怀天下，。、“”\n ab1"),
               min_size=1, max_size=200).filter(lambda text: re.search(r"[\u4e00-\u9fff]", text)))
def test_chinese_text_survives_every_text_encoding(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("encodings")
    for encoding in ("utf-8", "utf-8-sig", "gb18030", "utf-16"):
        path = folder / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read_source(path).text == text
