"""Read .docx with python-docx: one block per paragraph, list numbers rebuilt.

Word does not store the "一、", "（一）" or "1." in front of a numbered paragraph.
It computes them when it shows the document, from the paragraph's list (a list
id and a level, set on the paragraph or inherited from its style) and that
list's definition in numbering.xml: per level a start value, a number format
(chineseCounting, decimal...) and a template such as "%1、". python-docx gives
only the XML, so ``Numbering`` replays Word's counting. The markers matter: they
carry the outline ("（一）…（二）…") that extraction reads.

A bullet (a level whose format is "bullet") is written "——", as a Chinese text
bullets its items, so a bulleted list reads like the same list typed in a .txt.

Every paragraph is a block, so a heading (style "Heading N", "标题 N") is one of
its own; a heading style can carry a list too ("一、" before each "标题 1"). Table
cells are read in order. python-docx has no public API for paragraph properties
or table cell elements, hence the few uses of its ``_p`` and ``_tc``.

A .docx is a zip of XML parts someone else made, so the work it can ask for is
bounded (``deckgen.limits``): the parts' unpacked sizes and packing ratio are
checked before anything is unpacked (a 3 MB file must not inflate to 1 GB), a
list's start value and marker template are bounded (a list starting at 10^9
makes 38-million-letter markers), and table cells are read from the XML once
each: python-docx's ``row.cells`` repeats a cell for every column it spans (300
million) and walks up every vertically merged row for each (quadratic). A
document without the optional numbering part simply has no list numbers.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

import docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..errors import InputError
from ..limits import (MAX_DOCX_PART_BYTES, MAX_DOCX_PARTS, MAX_DOCX_RATIO, MAX_DOCX_UNPACKED_BYTES,
                      MAX_LIST_NUMBER, MAX_LIST_TEMPLATE, MAX_TABLE_SPAN, over_limit)
from ..models import Document
from . import BULLET, HARD_BREAK, blocks_document

_RESAVE = "re-save it in Word (or split it) and try again"


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition (w:lvl)."""

    start: int
    number_format: str  # w:numFmt, e.g. "decimal", "chineseCounting", "bullet"
    template: str  # w:lvlText, e.g. "%1、", "（%2）", "%1.%2."
    suffix: str  # w:suff: what follows the marker, "tab", "space" or "nothing"


def attribute(element, child: str, default: str) -> str:
    """The w:val of a child element, or ``default`` when the child is absent."""
    found = element.find(qn(child))
    return default if found is None else found.get(qn("w:val"), default)


def list_number(value: str, source: str) -> int:
    """A list's start value, within ``MAX_LIST_NUMBER``."""
    if len(value.strip().lstrip("+-")) > len(str(MAX_LIST_NUMBER)) or abs(int(value)) > MAX_LIST_NUMBER:
        shown = value if len(value) <= 12 else f"{value[:12]}…"
        raise over_limit(source, "a list's start number", shown, "MAX_LIST_NUMBER",
                         "renumber the list in Word (Format › Bullets and Numbering)")
    return int(value)


def parse_level(lvl, source: str = "document") -> Level:
    template = attribute(lvl, "w:lvlText", "")
    if len(template) > MAX_LIST_TEMPLATE:
        raise over_limit(source, "the length of a list's number format", len(template), "MAX_LIST_TEMPLATE",
                         "choose a plain numbering in Word (1. or 一、)")
    return Level(
        start=list_number(attribute(lvl, "w:start", "1"), source),
        number_format=attribute(lvl, "w:numFmt", "decimal"),
        template=template,
        suffix=attribute(lvl, "w:suff", "tab"),
    )


def chinese_number(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 105 → 一百零五, as Word's chineseCounting shows them."""
    if not 0 < n < 10000:
        return str(n)
    text, pending_zero = "", False
    for position, digit in zip(range(len(str(n)) - 1, -1, -1), map(int, str(n))):
        if digit == 0:
            pending_zero = True
            continue
        if pending_zero:
            text += digits[0]
            pending_zero = False
        text += digits[digit] + (units[position - 1] if position else "")
    return text[1:] if 10 <= n < 20 else text


def roman(n: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    text = ""
    for value, numeral in numerals:
        count, n = divmod(n, value)
        text += numeral * count
    return text


def letter(n: int) -> str:
    """1 → a, 26 → z, 27 → aa: Word repeats the letter past z."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


NUMBER_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "japaneseCounting": chinese_number,
    "chineseLegalSimplified": lambda n: chinese_number(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟"),
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[n - 1] if 1 <= n <= 10 else str(n),
    "lowerLetter": letter,
    "upperLetter": lambda n: letter(n).upper(),
    "lowerRoman": roman,
    "upperRoman": lambda n: roman(n).upper(),
}
LEVEL_REFERENCE = re.compile(r"%([1-9])")


class Numbering:
    """The document's list definitions and the running count of each list.

    Not a dataclass: it counts as the document is read, paragraph by paragraph.
    """

    def __init__(self, numbering_xml, source: str = "document") -> None:
        self.lists: dict[int, dict[int, Level]] = {}
        self.counts: dict[int, dict[int, int]] = {}
        if numbering_xml is None:  # the numbering part is optional: a document without lists
            return
        abstract = {
            definition.get(qn("w:abstractNumId")): {
                int(lvl.get(qn("w:ilvl"))): parse_level(lvl, source) for lvl in definition.iter(qn("w:lvl"))
            }
            for definition in numbering_xml.iter(qn("w:abstractNum"))
        }
        for num in numbering_xml.iter(qn("w:num")):
            levels = dict(abstract.get(attribute(num, "w:abstractNumId", ""), {}))
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")))
                if (lvl := override.find(qn("w:lvl"))) is not None:
                    levels[ilvl] = parse_level(lvl, source)
                if (start := override.find(qn("w:startOverride"))) is not None and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=list_number(start.get(qn("w:val")), source))
            self.lists[int(num.get(qn("w:numId")))] = levels

    def marker(self, num_id: int, ilvl: int) -> str:
        """Count one more item at this level (restarting deeper levels); return its marker and separator."""
        levels = self.lists.get(num_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl].start
        for deeper in [level for level in counts if level > ilvl]:
            del counts[deeper]
        level = levels[ilvl]
        if level.number_format == "bullet":
            return BULLET
        if level.number_format == "none":
            return ""

        def number(match: re.Match) -> str:
            referenced = int(match.group(1)) - 1
            referenced_level = levels.get(referenced, level)
            count = counts.get(referenced, referenced_level.start)
            if count > MAX_LIST_NUMBER:  # letters repeat past z: a marker's length must not grow with the list
                return str(count)
            return NUMBER_FORMATS.get(referenced_level.number_format, str)(count)

        text = LEVEL_REFERENCE.sub(number, level.template)
        # "1." is followed by a gap a reader sees; "一、" and "（一）" end in their own punctuation
        spaced = level.suffix != "nothing" and text[-1:].isascii()
        return text + " " if spaced and text else text


def style_chain(style) -> Iterator:
    while style is not None:
        yield style
        style = style.base_style


def list_position(paragraph: Paragraph) -> tuple[int, int] | None:
    """(list id, level) of a numbered paragraph, from its own properties or else its styles'."""
    num_id = ilvl = None
    properties = [paragraph._p.pPr] + [style.element.pPr for style in style_chain(paragraph.style)]
    for num_pr in (p.numPr for p in properties if p is not None and p.numPr is not None):
        if num_id is None and num_pr.numId is not None:
            num_id = num_pr.numId.val
        if ilvl is None and num_pr.ilvl is not None:
            ilvl = num_pr.ilvl.val
    return (num_id, ilvl or 0) if num_id else None  # list id 0 switches numbering off


def _continues_merge(tc) -> bool:
    """Whether a table cell continues a vertical merge (its text shows in the cell above)."""
    tc_pr = tc.tcPr
    merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def _cells(table: Table, source: str) -> Iterator[_Cell]:
    """A table's cells in reading order, each once: a merged cell where it starts, whatever it spans."""
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            if tc.grid_span > MAX_TABLE_SPAN:
                raise over_limit(source, "the columns a table cell spans", f"{tc.grid_span:,}", "MAX_TABLE_SPAN",
                                 "split or re-make the table in Word")
            if not _continues_merge(tc):
                yield _Cell(tc, table)


def paragraphs(container, source: str = "document") -> Iterator[Paragraph]:
    """Every paragraph in reading order, those in table cells included (a merged cell once)."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
            continue
        for cell in _cells(item, source):
            yield from paragraphs(cell, source)


def _numbering_xml(document: docx.document.Document):
    """The numbering part's XML, or None: the part is optional (a document with no list has none)."""
    try:
        return document.part.numbering_part.element
    except (NotImplementedError, KeyError):
        return None


def docx_blocks(document: docx.document.Document, source: str = "document") -> list[str]:
    """The text of every non-empty paragraph, a numbered one starting with its marker, a bulleted one with
    "——". A manual line break (python-docx gives ``<w:br/>`` and ``<w:cr/>`` as "\n") stays a hard break
    for ``normalize.rejoin_lines`` to judge."""
    numbering = Numbering(_numbering_xml(document), source)
    blocks = []
    for paragraph in paragraphs(document, source):
        position = list_position(paragraph)
        marker = numbering.marker(*position) if position else ""  # an empty item still counts
        text = paragraph.text
        if text.strip():
            blocks.append(marker + text.replace("\n", HARD_BREAK))
    return blocks


def check_package(data: bytes, source: str) -> None:
    """Refuse a .docx whose parts would unpack beyond the limits, from the sizes its zip declares.

    zipfile never unpacks more than a member declares (a member that lies fails its CRC),
    so the declared sizes bound what python-docx can unpack.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"{source}: cannot be opened as a Word document (damaged?); re-save it as .docx") from exc
    if len(members) > MAX_DOCX_PARTS:
        raise over_limit(source, "the number of parts in the .docx", f"{len(members):,}", "MAX_DOCX_PARTS", _RESAVE)
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_DOCX_PART_BYTES:
            raise over_limit(source, f"the unpacked size of its part {member.filename[:60]}", f"{size:,} bytes",
                             "MAX_DOCX_PART_BYTES", _RESAVE)
        if size > 2**20 and size > MAX_DOCX_RATIO * max(member.compress_size, 1):
            raise over_limit(source, f"how far its part {member.filename[:60]} unpacks",
                             f"{size // max(member.compress_size, 1):,} times", "MAX_DOCX_RATIO", _RESAVE)
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise over_limit(source, "the unpacked size of all its parts", f"{total:,} bytes",
                         "MAX_DOCX_UNPACKED_BYTES", _RESAVE)


def read_docx(data: bytes, source: str) -> Document:
    check_package(data, source)
    try:
        blocks = docx_blocks(docx.Document(io.BytesIO(data)), source)
    except InputError:
        raise
    except Exception as exc:  # a damaged file raises anything from KeyError to zlib.error in zipfile and python-docx
        raise InputError(f"{source}: cannot be opened as a Word document (damaged?); re-save it as .docx") from exc
    # docx XML is UTF-8 (or UTF-16, declared in the file): no encoding was guessed
    return blocks_document(source, blocks, "utf-8")
