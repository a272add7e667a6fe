"""Generate the reader fixtures in ``tests/data/formats/`` from one corpus article.

Every file holds the text of ``tests/data/jianwei_sixiao_gongzuofa.txt`` (a public
news article) in another format or encoding, so ``tests/test_read.py`` can check
that each reader gives back the same paragraphs. ``numbered.docx`` is the
exception: a short outline whose list markers ("一、", "（一）", "1.") exist only
in Word's numbering definitions, to test that the docx reader rebuilds them.

The output is committed; rerun this script only to change the fixtures:

    pip install reportlab python-docx
    python tests/data/make_fixtures.py

PDFs use reportlab's built-in CID font STSong-Light, so no font file is needed.
"""
from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

DATA = Path(__file__).parent
OUT = DATA / "formats"
SOURCE = DATA / "jianwei_sixiao_gongzuofa.txt"
STEM = "jianwei"
TITLE = "犍为县推行“四小工作法”"  # only in places a reader must drop (<title>, navigation)

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 50


def paragraphs() -> list[tuple[int, str]]:
    """The article as (heading level, text); level 0 is body text.

    A heading is a short line without closing punctuation; a heading directly
    followed by another heading is a section (level 1), the other a subsection.
    """
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    is_heading = [len(line) < 20 and not line.endswith("。") for line in lines]
    result = []
    for i, line in enumerate(lines):
        if not is_heading[i]:
            result.append((0, line))
        else:
            followed_by_heading = i + 1 < len(lines) and is_heading[i + 1]
            result.append((1 if followed_by_heading else 2, line))
    return result


def write_text_variants() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    (OUT / f"{STEM}.utf8-bom.txt").write_bytes(text.encode("utf-8-sig"))
    (OUT / f"{STEM}.gb18030.txt").write_bytes(text.encode("gb18030"))
    (OUT / f"{STEM}.utf16.txt").write_bytes(text.encode("utf-16"))  # with BOM
    (OUT / f"{STEM}.crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))


def save_docx(document: docx.document.Document, path: Path) -> None:
    """Save with fixed zip timestamps, so rerunning the script changes no file."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
            target.writestr(fixed, source.read(item), compress_type=zipfile.ZIP_DEFLATED)


def write_docx() -> None:
    document = docx.Document()
    for level, text in paragraphs():
        if level:
            document.add_heading(text, level=level)
        else:
            document.add_paragraph(text)
    save_docx(document, OUT / f"{STEM}.docx")


def write_html() -> None:
    """A whole saved page: head, navigation, scripts, comments and a footer around an <article>."""
    body = []
    for level, text in paragraphs():
        if level:
            body.append(f"<h{level + 1}>{html.escape(text)}</h{level + 1}>")
        else:
            body.append(f"<p>{html.escape(text)}</p>")
    # inline markup inside a paragraph must not split it
    body[0] = body[0].replace("“四小工作法”", "<strong>“四小工作法”</strong>")
    body[3] = body[3].replace("黄方权", '<a href="/people/1">黄方权</a>')
    body.insert(4, "<!-- 广告位：此处不是正文 --><script>document.write('广告');</script>")
    article = "\n".join(body)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{TITLE}_新闻网</title>
<style>p {{ text-indent: 2em; }}</style>
<script>var channel = "党建频道";</script>
</head>
<body>
<header><a href="/">首页</a></header>
<nav><ul><li><a href="/a">时政</a></li><li><a href="/b">理论</a></li><li><a href="/c">党建</a></li></ul></nav>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/c">党建</a></div>
<article>
{article}
</article>
<aside><h3>相关阅读</h3><ul><li><a href="/d">基层治理新观察</a></li></ul></aside>
<footer><p>版权所有 新闻网 备案号 00000000</p></footer>
</body>
</html>
"""
    (OUT / f"{STEM}.html").write_text(page, encoding="utf-8")


def wrap_for_markdown(text: str, width: int = 30) -> list[str]:
    """Hard-wrap like an editor does, breaking only before a Chinese character.

    A line starting with "+", "-" or a digit could turn into a markdown list item.
    """
    lines, start = [], 0
    while len(text) - start > width:
        end = start + width
        while end < len(text) and not "\u4e00" <= text[end] <= "\u9fff":
            end += 1
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    return [line for line in lines if line]


def write_markdown() -> None:
    parts = []
    for level, text in paragraphs():
        if level:
            parts.append("#" * (level + 1) + " " + text)
        else:
            parts.append("\n".join(wrap_for_markdown(text)))
    parts[0] = parts[0].replace("“四小工作法”", "**“四小工作法”**", 1)
    parts[3] = parts[3].replace("黄方权", "[黄方权](https://example.org/people/1)", 1)
    (OUT / f"{STEM}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def wrap(text: str, size: float, width: float, indent: float = 0) -> list[str]:
    """Break text into lines no wider than ``width`` points (the first indented)."""
    lines, line = [], ""
    available = width - indent
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > available:
            lines.append(line)
            line, available = "", width
        line += char
    return lines + [line]


def draw(pdf: canvas.Canvas, x: float, y: float, text: str) -> None:
    """Draw a line. STSong-Light's Unicode map has the GB middle dot only at U+30FB
    (U+00B7 would be dropped); PDF readers map that glyph back to U+00B7."""
    pdf.drawString(x, y, text.replace("\u00b7", "\u30fb"))


def layout(size: float, width: float) -> list[tuple[float, float, str]]:
    """The article as typeset lines (font size, x offset, text), headings centred."""
    lines = []
    for level, text in paragraphs():
        if level:
            heading_size = size + 4 - level
            offset = (width - pdfmetrics.stringWidth(text, FONT, heading_size)) / 2
            lines.append((heading_size, offset, text))
        else:
            indent = 2 * size
            for i, line in enumerate(wrap(text, size, width, indent)):
                lines.append((size, indent if i == 0 else 0, line))
    return lines


def write_pdf() -> None:
    """A plain single-column document over two pages."""
    size, leading = 13, 20
    pdf = canvas.Canvas(str(OUT / f"{STEM}.pdf"), pagesize=A4, invariant=1)
    y = PAGE_HEIGHT - MARGIN
    for line_size, offset, text in layout(size, PAGE_WIDTH - 2 * MARGIN):
        if y < MARGIN:
            pdf.showPage()
            y = PAGE_HEIGHT - MARGIN
        pdf.setFont(FONT, line_size)
        draw(pdf, MARGIN + offset, y, text)
        y -= leading
    pdf.save()


def write_two_column_pdf() -> None:
    """A newspaper page: the lead paragraph across the page, the rest in two balanced columns.

    Both columns share one baseline grid, so every line of the left column sits
    level with a line of the right one: reading across would interleave them.
    """
    pdf = canvas.Canvas(str(OUT / f"{STEM}.two-column.pdf"), pagesize=A4, invariant=1)
    full_width = PAGE_WIDTH - 2 * MARGIN
    gutter = 14
    column_width = (full_width - gutter) / 2
    (_, lead), *rest = paragraphs()
    lead_size, lead_leading = 11, 16
    y = PAGE_HEIGHT - MARGIN
    for i, text in enumerate(wrap(lead, lead_size, full_width, 2 * lead_size)):
        pdf.setFont(FONT, lead_size)
        draw(pdf, MARGIN + (2 * lead_size if i == 0 else 0), y, text)
        y -= lead_leading
    pdf.line(MARGIN, y + 4, PAGE_WIDTH - MARGIN, y + 4)  # the rule under the lead
    y -= 10
    size, leading = 9, 13
    column_lines = []
    for level, text in rest:
        if level:
            heading_size = size + 3 - level
            offset = (column_width - pdfmetrics.stringWidth(text, FONT, heading_size)) / 2
            column_lines.append((heading_size, offset, text))
        else:
            for i, line in enumerate(wrap(text, size, column_width, 2 * size)):
                column_lines.append((size, 2 * size if i == 0 else 0, line))
    half = len(column_lines) // 2
    while column_lines[half][:2] != (size, 0):  # break between columns inside a paragraph, as newspapers do
        half += 1
    for column, lines in enumerate((column_lines[:half], column_lines[half:])):
        x = MARGIN + column * (column_width + gutter)
        for row, (line_size, offset, text) in enumerate(lines):
            pdf.setFont(FONT, line_size)
            draw(pdf, x + offset, y - row * leading, text)
    assert y - half * leading > MARGIN, "the article no longer fits on one page"
    pdf.save()


def write_scanned_pdf() -> None:
    """A page that is only a picture of text, as a scanner makes: no text layer."""
    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 380, 100), outline=0, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    pdf = canvas.Canvas(str(OUT / "scanned.pdf"), pagesize=A4, invariant=1)
    pdf.drawImage(ImageReader(buffer), MARGIN, PAGE_HEIGHT - 300, width=400, height=120)
    pdf.save()


def write_encrypted_pdf() -> None:
    """A page that opens only with a password."""
    pdf = canvas.Canvas(str(OUT / "encrypted.pdf"), pagesize=A4, invariant=1, encrypt="secret")
    pdf.setFont(FONT, 12)
    draw(pdf, MARGIN, PAGE_HEIGHT - MARGIN, paragraphs()[0][1][:20])
    pdf.save()


def write_unmapped_pdf() -> None:
    """Text in an embedded font without a Unicode map: a reader sees glyph numbers, not characters.

    Written by hand: reportlab always adds the map.
    """
    stream = b"BT /F1 12 Tf 20 150 Td <0001000200030004> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Subset /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Subset"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (OUT / "unmapped.pdf").write_bytes(pdf)


# Numbering definitions as Word writes them. "标题 1" (the name WPS and Chinese
# Word templates give the first heading style) carries list 10 through its style.
NUMBERING = [
    # abstract 10: section headings "一、"
    f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="10">
      <w:multiLevelType w:val="singleLevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
        <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    </w:abstractNum>""",
    # abstract 11: body outline "（一）" then "1."
    f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="11">
      <w:multiLevelType w:val="multilevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
        <w:lvlText w:val="（%1）"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
        <w:lvlText w:val="%2."/></w:lvl>
    </w:abstractNum>""",
    # abstract 12: bullets, which carry no words
    f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="12">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
        <w:lvlText w:val="\uf0b7"/></w:lvl>
    </w:abstractNum>""",
]
NUMS = [
    f'<w:num {nsdecls("w")} w:numId="10"><w:abstractNumId w:val="10"/></w:num>',
    f'<w:num {nsdecls("w")} w:numId="11"><w:abstractNumId w:val="11"/></w:num>',
    # a second list on the same definition, restarted as Word does it
    f"""<w:num {nsdecls("w")} w:numId="12"><w:abstractNumId w:val="11"/>
      <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>""",
    f'<w:num {nsdecls("w")} w:numId="13"><w:abstractNumId w:val="12"/></w:num>',
]

# (style, list id, level, text); None: no numbering of its own
OUTLINE = [
    ("标题 1", None, None, "坚持人民至上"),
    ("Normal", 11, 0, "深刻感悟人民立场"),
    ("Normal", 11, 1, "相信人民"),
    ("Normal", 11, 1, "依靠人民"),
    ("Normal", 11, 0, "牢记根本宗旨"),
    ("Normal", 11, 1, "服务人民"),
    ("标题 1", None, None, "坚持自信自立"),
    ("Normal", 12, 0, "增强历史自信"),
    ("Normal", 13, 0, "坚定道路自信"),
    ("Heading 2", None, None, "结语"),
    ("Normal", None, None, "必须坚持人民至上。"),
]
TABLE_TEXT = "表格中的一段话。"


def numbered_paragraph(document, num_id: int, level: int, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def write_numbered_docx() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(parse_xml(NUMS[0]).tag)
    for xml in NUMBERING:
        first_num.addprevious(parse_xml(xml))
    for xml in NUMS:
        numbering.append(parse_xml(xml))
    heading_style = document.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    heading_style.base_style = document.styles["Normal"]
    heading_style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="10"/></w:numPr>'
    ))
    for style, num_id, level, text in OUTLINE:
        if num_id is None:
            document.add_paragraph(text, style=style)
        else:
            numbered_paragraph(document, num_id, level, text)
    document.add_table(rows=1, cols=1).cell(0, 0).text = TABLE_TEXT
    save_docx(document, OUT / "numbered.docx")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    write_text_variants()
    write_docx()
    write_html()
    write_markdown()
    write_pdf()
    write_two_column_pdf()
    write_scanned_pdf()
    write_unmapped_pdf()
    write_encrypted_pdf()
    write_numbered_docx()
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.relative_to(DATA)}")


if __name__ == "__main__":
    main()
