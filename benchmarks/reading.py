"""Time deckgen's readers on large and adversarial inputs (the timings the tests do not assert).

    python benchmarks/reading.py

Reads, each once in this process, files made here: 5 MB of the corpus text as .txt, .md and .html, one line of
200,000 characters in each of those formats, and a .docx table of 3,000 vertically merged rows (each merged row
looks back at the rows above it: a reader that walked them all would take quadratic time). Targets: a 5 MB file
under 10 s, the long line under 5 s, the merged table under 20 s, on a 2-core machine.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT = (HERE.parent / "tests" / "data" / "jianwei_sixiao_gongzuofa.txt").read_text(encoding="utf-8")
sys.path.insert(0, str(HERE.parent / "tests" / "hostile"))
from minimal_docx import docx, para  # noqa: E402 (the tests' own .docx maker, found on the path just set)


def merged_rows_docx(rows: int) -> bytes:
    """A .docx holding one table: a cell that opens a vertical merge, then ``rows`` rows that continue it."""
    first = f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{para("推进“五治融合”。")}</w:tc></w:tr>'
    rest = '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>' * rows
    return docx(f"<w:tbl>{first}{rest}</w:tbl>")


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
