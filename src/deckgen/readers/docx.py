"""Read .docx with python-docx: one block per paragraph, list numbers rebuilt.

Word does not store the "一、", "（一）" or "1." in front of a numbered paragraph.
It computes them when it shows the document, from the paragraph's list (a list
id and a level, set on the paragraph or inherited from its style) and that
list's definition in numbering.xml: per level a start value, a number format
(chineseCounting, decimal...) and a template such as "%1、". python-docx gives
only the XML, so ``Numbering`` replays Word's counting. The markers matter: they
carry the outline ("（一）…（二）…") that extraction reads.

Every paragraph is a block, so a heading (style "Heading N", "标题 N") is one of
its own; a heading style can carry a list too ("一、" before each "标题 1"). Table
cells are read in order. python-docx has no public API for paragraph properties
or table cell elements, hence the few uses of its ``_p`` and ``_tc``.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..errors import InputError
from ..models import Document
from . import blocks_document


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


def parse_level(lvl) -> Level:
    return Level(
        start=int(attribute(lvl, "w:start", "1")),
        number_format=attribute(lvl, "w:numFmt", "decimal"),
        template=attribute(lvl, "w:lvlText", ""),
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
UNNUMBERED = ("bullet", "none")  # markers without words: a bullet glyph, or nothing
LEVEL_REFERENCE = re.compile(r"%([1-9])")


class Numbering:
    """The document's list definitions and the running count of each list.

    Not a dataclass: it counts as the document is read, paragraph by paragraph.
    """

    def __init__(self, numbering_xml) -> None:
        abstract = {
            definition.get(qn("w:abstractNumId")): {
                int(lvl.get(qn("w:ilvl"))): parse_level(lvl) for lvl in definition.iter(qn("w:lvl"))
            }
            for definition in numbering_xml.iter(qn("w:abstractNum"))
        }
        self.lists: dict[int, dict[int, Level]] = {}
        for num in numbering_xml.iter(qn("w:num")):
            levels = dict(abstract.get(attribute(num, "w:abstractNumId", ""), {}))
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")))
                if (lvl := override.find(qn("w:lvl"))) is not None:
                    levels[ilvl] = parse_level(lvl)
                if (start := override.find(qn("w:startOverride"))) is not None and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=int(start.get(qn("w:val"))))
            self.lists[int(num.get(qn("w:numId")))] = levels
        self.counts: dict[int, dict[int, int]] = {}

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
        if level.number_format in UNNUMBERED:
            return ""

        def number(match: re.Match) -> str:
            referenced = int(match.group(1)) - 1
            referenced_level = levels.get(referenced, level)
            count = counts.get(referenced, referenced_level.start)
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


def paragraphs(container) -> Iterator[Paragraph]:
    """Every paragraph in reading order, those in table cells included (a merged cell once)."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
            continue
        seen = set()
        for row in item.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield from paragraphs(cell)


def docx_blocks(document: docx.document.Document) -> list[str]:
    """The text of every non-empty paragraph, a numbered one starting with its marker."""
    numbering = Numbering(document.part.numbering_part.element)
    blocks = []
    for paragraph in paragraphs(document):
        position = list_position(paragraph)
        marker = numbering.marker(*position) if position else ""  # an empty item still counts
        if paragraph.text.strip():
            blocks.append(marker + paragraph.text)
    return blocks


def read_docx(data: bytes, source: str) -> Document:
    try:
        blocks = docx_blocks(docx.Document(io.BytesIO(data)))
    except Exception as exc:  # a damaged file raises anything from KeyError to zlib.error in zipfile and python-docx
        raise InputError(f"{source}: cannot be opened as a Word document (damaged?); re-save it as .docx") from exc
    # docx XML is UTF-8 (or UTF-16, declared in the file): no encoding was guessed
    return blocks_document(source, blocks, "utf-8")
