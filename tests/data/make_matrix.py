"""Generate the fixture matrix in ``tests/data/matrix/`` (issue 11) from one corpus article.

The article ``tests/data/jianwei_sixiao_gongzuofa.txt`` as it really arrives: text copied out of a PDF
column (hard-wrapped at 16, 30 and 40 characters, no blank lines), PDFs typeset by LibreOffice in one and
four columns with a masthead running head and page numbers, and a four-column page drawn row by row across
the columns (as some newspaper systems order their content streams); a .docx from python-docx whose
paragraphs were pasted from a PDF column (a manual break every 30 characters) and one saved by LibreOffice
(masthead in its header, no numbering part); markdown wrapped by an editor; the bare HTML fragment a CMS
publishes; and the article saved from a county government site, a newspaper site (GB2312), a school site
(VSB tables, the text in a <form>) and a news site with <article>, all with their menus, crumbs, related
headlines and footers (``saved_pages.py``). Also ``formats/principles.libreoffice.docx``. The output is
committed; rerun only to change it (needs LibreOffice with Noto CJK fonts, and reportlab):

    apt-get install libreoffice-writer-nogui fonts-noto-cjk && pip install reportlab
    python tests/data/make_matrix.py
"""
from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

import docx
from saved_pages import TEMPLATES

DATA = Path(__file__).parent
OUT = DATA / "matrix"
SOURCE = DATA / "jianwei_sixiao_gongzuofa.txt"
TITLE = "犍为县推行“四小工作法”"
MASTHEAD = "学习时报　2024年6月15日　星期六　第3版"
FONT = "STSong-Light"


def paragraphs() -> list[str]:
    return [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_wrapped() -> None:
    for width in (16, 30, 40):
        lines = [p[i:i + width] for p in paragraphs() for i in range(0, len(p), width)]
        (OUT / f"jianwei.wrap{width}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def fodt(columns: int) -> str:
    """A flat ODT: masthead header, page-number footer, centred title, indented body in ``columns``."""
    esc, title, header = html.escape, TITLE, MASTHEAD
    page_number = True
    body = "\n".join(f'<text:p text:style-name="Body">{esc(p)}</text:p>' for p in paragraphs())
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC" fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="0.7cm" fo:text-align="justify" fo:margin-bottom="0cm"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="18pt" style:font-size-asian="18pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Sect1" style:family="section"><style:section-properties><style:columns fo:column-count="{columns}" fo:column-gap="0.5cm"/></style:section-properties></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p text:style-name="Head">{esc(header)}</text:p></style:header>
 <style:footer><text:p text:style-name="Head">{'— <text:page-number text:select-page="current">1</text:page-number> —' if page_number else ''}</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
<text:p text:style-name="Title">{esc(title)}</text:p>
<text:section text:style-name="Sect1" text:name="Body">
{body}
</text:section>
</office:text></office:body></office:document>
'''


def lines_of(paragraph: str, width: int) -> list[str]:
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)]


def pasted_docx(width: int, title: str | None = TITLE) -> docx.document.Document:
    """python-docx: the title as 标题 1, each paragraph pasted from a PDF column of ``width`` characters with
    its line breaks kept as manual breaks."""
    document = docx.Document()
    if title:
        document.add_heading(title, level=1)
    for paragraph in paragraphs():
        run = document.add_paragraph().add_run()
        for i, line in enumerate(lines_of(paragraph, width)):
            if i:
                run.add_break()
            run.add_text(line)
    return document


def write_docx() -> None:
    pasted_docx(30).save(str(OUT / "jianwei.python-docx.docx"))


def write_markdown() -> None:
    body = "\n\n".join("\n".join(lines_of(p, 30)) for p in paragraphs())
    (OUT / "jianwei.md").write_text(f"# {TITLE}\n\n{body}\n", encoding="utf-8")


def write_fragment() -> None:
    """The article as a CMS publishes it: <p>s with an indent of &nbsp; and inline spans, no page around it."""
    body = "\n".join(f'<p style="text-indent:2em"><span style="font-family:宋体">&nbsp;&nbsp;{html.escape(p)}</span></p>'
                     for p in paragraphs())
    (OUT / "jianwei.fragment.html").write_text(f"<h2>{html.escape(TITLE)}</h2>\n{body}\n", encoding="utf-8")


def write_saved_pages() -> None:
    for name, template in TEMPLATES.items():
        page, _ = template(TITLE, paragraphs())
        encoding = "gb18030" if 'charset="GB2312"' in page else "utf-8"
        (OUT / f"jianwei.page-{name}.html").write_bytes(page.encode(encoding))


def write_libreoffice() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for columns in (1, 4):
            source = Path(folder) / f"jianwei.libreoffice-{columns}col.fodt"
            source.write_text(fodt(columns), encoding="utf-8")
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(OUT), str(source)],
                           check=True, capture_output=True)
        source = Path(folder) / "jianwei.libreoffice.fodt"
        source.write_text(fodt(1), encoding="utf-8")
        subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(OUT),
                        str(source)], check=True, capture_output=True)


PRINCIPLES = DATA.parent.parent / "eval/unseen/texts/cpc-2018-no1-document-rural-revitalization-excerpt.txt"


def principles() -> tuple[str, list[str]]:
    """（三）基本原则 of the 2018 No. 1 Document and its seven "——" items, without the dashes."""
    lines = PRINCIPLES.read_text(encoding="utf-8").splitlines()
    start = lines.index("（三）基本原则")
    return lines[start], [line[2:] for line in lines[start + 1:start + 8]]


def write_libreoffice_docx() -> None:
    """A .docx saved by LibreOffice (its own numbering part, bullets, manual line breaks): formats/principles.
    libreoffice.docx holds the seven principles as a bulleted list and a paragraph of the article typed with a
    manual break every 16 characters, as text pasted from a PDF column keeps them."""
    heading, items = principles()
    first = paragraphs()[0]
    wrapped = "<br>".join(html.escape(first[i:i + 16]) for i in range(0, len(first), 16))
    page = (f'<html><head><meta charset="utf-8"></head><body><h3>{html.escape(heading)}</h3><ul>'
            + "".join(f"<li>{html.escape(item)}</li>" for item in items) + f"</ul><p>{wrapped}</p></body></html>")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "principles.libreoffice.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                        str(DATA / "formats"), str(source)], check=True, capture_output=True)


def write_rows_pdf() -> None:
    """Four columns drawn row by row across the page: reading the content stream in order interleaves them."""
    # reportlab only makes the fixture; tests import this module without it (it is not a test dependency)
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = A4
    margin, cols, gap, size, leading = 40, 4, 12, 9, 13
    column_width = (width - 2 * margin - gap * (cols - 1)) / cols
    lines = []
    for paragraph in paragraphs():
        line, available, first = "", column_width - 2 * size, True
        for char in paragraph:
            if pdfmetrics.stringWidth(line + char, FONT, size) > available:
                lines.append((2 * size if first else 0, line))
                line, available, first = "", column_width, False
            line += char
        lines.append((2 * size if first else 0, line))
    pdf = canvas.Canvas(str(OUT / "jianwei.4col-rows.pdf"), pagesize=A4, invariant=1)
    per_column = int((height - 2 * margin - 40) / leading)
    while lines:
        page, lines = lines[:per_column * cols], lines[per_column * cols:]
        pdf.setFont(FONT, 14)
        pdf.drawString(margin, height - margin, MASTHEAD)
        pdf.setFont(FONT, size)
        columns = [page[k * per_column:(k + 1) * per_column] for k in range(cols)]
        for row in range(per_column):
            for k, column in enumerate(columns):
                if row < len(column):
                    offset, text = column[row]
                    pdf.drawString(margin + k * (column_width + gap) + offset, height - margin - 30 - row * leading, text)
        pdf.drawString(width / 2, margin - 15, "— %d —" % pdf.getPageNumber())
        pdf.showPage()
    pdf.save()


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    write_wrapped()
    write_libreoffice()
    write_rows_pdf()
    write_docx()
    write_markdown()
    write_fragment()
    write_saved_pages()
    write_libreoffice_docx()
