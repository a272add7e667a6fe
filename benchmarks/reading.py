"""Time deckgen's readers on large and adversarial inputs (the timings the tests do not assert).

    python benchmarks/reading.py

Reads, each once in this process, files made here: 5 MB of the corpus text as .txt, .md and .html, one line of
200,000 characters in each of those formats, and a .docx table of 3,000 vertically merged rows (each merged row
looks back at the rows above it: a reader that walked them all would take quadratic time). Targets: a 5 MB file
under 10 s, the long line under 5 s, the merged table under 20 s, on a 2-core machine.
"""
from __future__ import annotations

import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT = (HERE.parent / "tests" / "data" / "jianwei_sixiao_gongzuofa.txt").read_text(encoding="utf-8")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def merged_rows_docx(rows: int) -> bytes:
    """A .docx holding one table: a cell that opens a vertical merge, then ``rows`` rows that continue it."""
    first = ('<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>推进“五治融合”。</w:t></w:r></w:p>'
             '</w:tc></w:tr>')
    rest = '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>' * rows
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:tbl>'
                   f'{first}{rest}</w:tbl></w:body></w:document>')
    return out.getvalue()


def inputs(folder: Path) -> list[tuple[str, Path, float]]:
    """(what, file, target seconds) of each input, written into ``folder``."""
    paragraphs = TEXT.replace("\n", "\n\n")
    made = []
    for suffix in (".txt", ".md", ".html"):
        big = folder / f"five-megabytes{suffix}"
        big.write_text(paragraphs * (5 * 2**20 // len(paragraphs.encode("utf-8"))), encoding="utf-8")
        made.append((f"5 MB {suffix}", big, 10.0))
    for suffix in (".txt", ".md", ".html"):
        line = folder / f"one-line{suffix}"
        line.write_text("坚持人民至上，" * 28_572, encoding="utf-8")
        made.append((f"200,000-character line {suffix}", line, 5.0))
    table = folder / "merged-rows.docx"
    table.write_bytes(merged_rows_docx(3000))
    made.append(("3,000 merged rows .docx", table, 20.0))
    return made


def main() -> int:
    from deckgen.read import read_source

    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, path, target in inputs(Path(tmp)):
            start = time.perf_counter()
            read_source(path)
            seconds = time.perf_counter() - start
            verdict = "ok" if seconds < target else "MISSED"
            missed += verdict != "ok"
            print(f"{what:<32} {seconds:6.2f} s  (target < {target:.0f} s)  {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
