"""Read .pdf with pdfminer.six (MIT licence; PyMuPDF would read as well but is AGPL).

pdfminer.six was chosen by measurement over pypdfium2 and pdfplumber (README, "PDF"): only its line boxes,
put in reading order by the geometry below, read a page whose content stream runs across the columns; the
other two give the stream's order. pypdfium2 is about 30 times faster, but a page takes well under a second.

A PDF draws its text lines in any order it likes, and pdfminer's own box
ordering reads straight across a newspaper page whose columns share a baseline
grid. So the lines are put in reading order here, by ``reading_order``:

- a *gutter* is a vertical strip of a region that the fewest lines cross, with
  text on both sides. If even that strip is crossed by a third of the lines at
  the busiest place, the region is a single column, read top to bottom;
- if no line crosses the gutter, the region splits there into a left and a
  right part, each read in turn (three columns are two splits);
- lines that cross it (a headline or a lead paragraph set across the columns)
  cut the region into bands, read top to bottom; each band between them is
  read again.

The text holds one printed line per line: joining them into paragraphs is
normalize's ``rejoin_lines``, as for text copied out of a PDF. What only the
layout shows is kept for it: a first-line indent as two U+3000, and a blank line
where a gap wider than the line spacing or a change of font size (a heading)
ends a paragraph. Running heads and page numbers (a line above or below the
rest of a page that repeats on other pages with only its digits changed, or is
only a number) are dropped.

A PDF whose pages carry pictures but no text is a scan; it gets a message asking
for OCR instead of an empty deck. Text that pdfminer cannot map to characters
(a font without a Unicode map) shows as "(cid:123)" and is refused the same way.
"""
from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..limits import MAX_PDF_COLUMN_SPLITS, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, over_limit
from ..models import Document
from . import INDENT, clean_line
from .text import HAN

try:  # the optional "pdf" extra
    from pdfminer import pdftypes
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTContainer, LTImage, LTTextLineHorizontal
except ImportError:
    extract_pages = None

CROSSING_SHARE = 1 / 3  # at most this share of the lines at the busiest x may cross a gutter
MIN_GUTTER = 2.0  # points
UNMAPPED = re.compile(r"\(cid:\d+\)")

# pdfminer logs a warning for every flaw of a PDF it still reads; a user can do nothing about those
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class Line:
    """A text line in page coordinates with the origin at the top left."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


def find_gutter(lines: list[Line]) -> tuple[float, float] | None:
    """The widest vertical strip crossed by the fewest lines, with whole lines on both sides.

    A sweep over the lines' left and right ends gives the number of lines over
    each stretch of x, whatever the coordinates (a hostile PDF may use huge ones).
    """
    ends = sorted([(line.x0, 1) for line in lines] + [(line.x1, -1) for line in lines])
    stretches, count = [], 0  # (from x, to x, lines over it), left to right
    for (x, step), (next_x, _) in zip(ends, ends[1:]):
        count += step
        if next_x > x:
            stretches.append((x, next_x, count))
    leftmost_end, rightmost_start = min(line.x1 for line in lines), max(line.x0 for line in lines)
    inner = [stretch for stretch in stretches if leftmost_end <= stretch[0] and stretch[1] <= rightmost_start]
    if not inner:
        return None
    fewest = min(count for _, _, count in inner)
    if fewest > CROSSING_SHARE * max(count for _, _, count in stretches):
        return None
    best = None
    for crossed, run in itertools.groupby(inner, key=lambda stretch: stretch[2] == fewest):
        run = list(run)
        if crossed and (best is None or run[-1][1] - run[0][0] > best[1] - best[0]):
            best = (run[0][0], run[-1][1])
    return best if best[1] - best[0] >= MIN_GUTTER else None


def reading_order(lines: list[Line], depth: int = 0) -> list[list[Line]]:
    """The lines as columns in reading order, each column's lines top to bottom (a region split more
    than ``MAX_PDF_COLUMN_SPLITS`` times, 1,200 one-letter columns, is read as one column)."""
    if not lines:
        return []
    gutter = find_gutter(lines) if depth < MAX_PDF_COLUMN_SPLITS else None
    if gutter is None:
        return [sorted(lines, key=lambda line: (line.top, line.x0))]
    gutter_left, gutter_right = gutter

    def crosses(line: Line) -> bool:
        return line.x0 < gutter_right and line.x1 > gutter_left

    if not any(map(crosses, lines)):
        return (reading_order([line for line in lines if line.x1 <= gutter_left], depth + 1)
                + reading_order([line for line in lines if line.x0 >= gutter_right], depth + 1))
    columns = []
    for spanning, group in itertools.groupby(sorted(lines, key=lambda line: line.top), key=crosses):
        group = list(group)
        columns += [group] if spanning else reading_order(group, depth + 1)
    return columns


def rows(column: list[Line]) -> list[Line]:
    """Join pieces of one visual line (pdfminer splits a line at a wide gap) into one."""
    merged: list[Line] = []
    for line in column:
        last = merged[-1] if merged else None
        if last and min(last.bottom, line.bottom) - max(last.top, line.top) > 0.5 * min(last.height, line.height):
            pieces = sorted([last, line], key=lambda piece: piece.x0)
            merged[-1] = Line(pieces[0].x0, max(last.x1, line.x1), min(last.top, line.top),
                              max(last.bottom, line.bottom), f"{pieces[0].text} {pieces[1].text}")
        else:
            merged.append(line)
    return merged


def column_lines(column: list[Line]) -> list[str]:
    """A column's printed lines; an indented one starts with two U+3000, and an empty line stands
    between two that a gap or a change of font size sets apart."""
    column = rows(column)
    left = min(line.x0 for line in column)
    lines: list[str] = []
    for previous, line in zip([None, *column], column):
        if previous is not None:
            gap = line.top - previous.bottom > 0.8 * line.height
            size_change = abs(line.height - previous.height) > 0.15 * max(line.height, previous.height)
            if gap or size_change:
                lines.append("")
        indented = line.x0 - left > 1.5 * line.height
        lines.append((INDENT if indented else "") + clean_line(line.text))
    return lines


PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[-—–·\s]*$")


def _shape(text: str) -> str:
    """A running head with its page number or date digits left out, to find it on every page."""
    return re.sub(r"\d+", "#", "".join(text.split()))


def page_furniture(pages: list[list[Line]]) -> list[set[int]]:
    """The ids of each page's running heads and page numbers: a line at a page's top or bottom edge,
    set apart from the rest, that is only a number or recurs at an edge of another page."""
    edges = []
    for lines in pages:
        ordered = sorted(lines, key=lambda line: line.top)
        found = []
        if len(ordered) >= 2:
            first, second, last, before = ordered[0], ordered[1], ordered[-1], ordered[-2]
            if second.top - first.bottom > 0.8 * first.height:
                found.append(first)
            if last.top - before.bottom > 0.8 * last.height:
                found.append(last)
        edges.append(found)
    shapes = [_shape(line.text) for found in edges for line in found]
    return [{id(line) for line in found if PAGE_NUMBER.match(line.text) or shapes.count(_shape(line.text)) > 1}
            for found in edges]


def page_lines(container, page_height: float) -> Iterator[Line]:
    """Every horizontal text line in a page or figure (pdfminer gives page coordinates in both)."""
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            text = item.get_text().strip()
            if text:
                yield Line(item.x0, item.x1, page_height - item.y1, page_height - item.y0, text)
        elif isinstance(item, LTContainer):
            yield from page_lines(item, page_height)


def has_image(layout) -> bool:
    return any(isinstance(item, LTImage) or (isinstance(item, LTContainer) and has_image(item))
               for item in layout)


class _BoundedZlib:
    """pdfminer's ``zlib`` while a PDF is read: what a stream inflates to stops past ``MAX_PDF_STREAM_BYTES``
    (pdfminer inflates a stream whole: 1 MB can become 1 GB)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    def check(self, size: int) -> None:
        if size > MAX_PDF_STREAM_BYTES:
            raise over_limit(self.source, "the unpacked size of a stream", f"over {MAX_PDF_STREAM_BYTES:,} bytes",
                             "MAX_PDF_STREAM_BYTES", "re-save the PDF (print to PDF) or split it")

    def decompress(self, data: bytes, *args) -> bytes:
        out = zlib.decompressobj(*args[1:2]).decompress(data, MAX_PDF_STREAM_BYTES + 1)
        self.check(len(out))
        return out

    def decompressobj(self, *args) -> _BoundedInflater:
        return _BoundedInflater(zlib.decompressobj(*args), self)


class _BoundedInflater:
    """A ``zlib.decompressobj`` counting what it gives (pdfminer's fallback for a stream with a bad checksum)."""

    def __init__(self, inflater, bound: _BoundedZlib) -> None:
        self.inflater, self.bound, self.size = inflater, bound, 0

    def __getattr__(self, name: str):
        return getattr(self.inflater, name)

    def decompress(self, data: bytes, *args) -> bytes:
        out = self.inflater.decompress(data, *args)
        self.size += len(out)
        self.bound.check(self.size)
        return out


@contextlib.contextmanager
def _bounded_streams(source: str):
    saved = pdftypes.zlib
    pdftypes.zlib = _BoundedZlib(source)
    try:
        yield
    finally:
        pdftypes.zlib = saved


def read_pdf(data: bytes, source: str) -> Document:
    if extract_pages is None:
        raise InputError(f"{source}: reading PDF needs pdfminer.six, which deckgen installs; "
                         "reinstall deckgen: pip install --force-reinstall deckgen")
    # char_margin 0.5: characters further apart than half a character are not one line,
    # so two columns with a narrow gutter are never read as one line
    params = LAParams(char_margin=0.5, all_texts=True, boxes_flow=None)
    try:
        with _bounded_streams(source):
            pages = [(list(page_lines(layout, layout.height)), has_image(layout)) for layout in
                     itertools.islice(extract_pages(io.BytesIO(data), laparams=params), MAX_PDF_PAGES + 1)]
    except InputError:
        raise
    except Exception as exc:  # a damaged file raises anything from KeyError to zlib.error in pdfminer
        raise InputError(f"{source}: cannot be read as a PDF (damaged, or protected by a password?)") from exc
    if len(pages) > MAX_PDF_PAGES:
        raise over_limit(source, "the number of pages", f"over {MAX_PDF_PAGES:,}", "MAX_PDF_PAGES",
                         "split the PDF (e.g. qpdf --split-pages) and build the parts")
    # the furniture is left out after the columns are found: a running head across them helps find them
    furniture = page_furniture([lines for lines, _ in pages])
    columns = [[line for line in column if id(line) not in dropped]
               for (lines, _), dropped in zip(pages, furniture) for column in reading_order(lines)]
    text = "\n".join(line for column in columns if column for line in column_lines(column)).strip("\n")
    if not text and any(image for _, image in pages):
        raise InputError(f"{source}: has no text layer (a scan?); OCR it first, e.g. with ocrmypdf")
    if len(UNMAPPED.findall(text)) > len(HAN.findall(text)):
        raise InputError(f"{source}: its fonts do not say which characters they draw; OCR it first, e.g. with ocrmypdf")
    return Document(source=source, text=UNMAPPED.sub("\ufffd", text), encoding="pdf")
