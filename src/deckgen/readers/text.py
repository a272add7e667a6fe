"""Decode the bytes of a text file (.txt, and the text under .md and .html).

Study texts come from Windows machines as often as from anywhere, so a file may be
UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, or GB18030 (the superset of GBK
and GB2312). A BOM settles the question; otherwise UTF-8 is tried first because
non-ASCII bytes that decode as valid UTF-8 by accident are vanishingly rare.

GB18030 is the hard case: it assigns a character to almost any byte pair, so
Latin-1 or Big5 bytes "decode" into a string of rare characters. Rather than
guess, a decoding that was not certain (GB18030, or UTF-16 announced by two bytes
that a binary file can start with too) must look like Chinese: most of its Han
characters must be among the 3,755 common ones of GB2312 level 1, which cover
over 99% of running modern text. Mojibake lands mostly outside them.
"""
from __future__ import annotations

import codecs
import functools
import re

from ..errors import InputError
from ..models import Document

HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_COMMON_SHARE = 0.8  # real text: over 0.98 on the corpus; Latin-1 or Big5 read as GB18030: under 0.3

# What a file that is not text starts with, to say what it is instead and what to do.
SIGNATURES = {
    b"\x89PNG": "a PNG image, not text; OCR it into text first",
    b"\xff\xd8\xff": "a JPEG image, not text; OCR it into text first",
    b"GIF8": "a GIF image, not text; OCR it into text first",
    b"%PDF": "a PDF, not text; name it .pdf",
    b"PK\x03\x04": "a ZIP archive (a .docx?), not text; give it its real extension",
    b"\xd0\xcf\x11\xe0": "an old Office file (a .doc?), not text; re-save it as .docx",
}


@functools.cache
def common_han() -> frozenset[str]:
    """The GB2312 level-1 characters (rows 16-55), taken from the codec itself."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:  # the five unassigned cells at the end of row 55
                continue
    return frozenset(chars)


def looks_chinese(text: str) -> bool:
    """True if the text has Han characters and most of them are common ones."""
    han = HAN.findall(text)
    if not han:
        return False
    common = common_han()
    return sum(char in common for char in han) >= MIN_COMMON_SHARE * len(han)


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes of a text file; return (text, encoding). Line endings are left as they are."""
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{source}: is {kind}")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise InputError(f"{source}: starts like UTF-8 but does not decode; re-save it as UTF-8") from None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        return checked(data, "utf-32", source), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return checked(data, "utf-16", source), "utf-16"
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file, not text; give a text file of Chinese text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return checked(data, "gb18030", source), "gb18030"
    if not HAN.search(text) and not data.isascii():
        # a few GB18030 characters can form valid UTF-8 by chance: take the reading that is Chinese
        alternative = data.decode("gb18030", errors="replace")
        if looks_chinese(alternative) and "\ufffd" not in alternative:
            return alternative, "gb18030"
    return text, "utf-8"


def checked(data: bytes, encoding: str, source: str) -> str:
    """Decode with an encoding that was inferred, refusing a result that is not plausibly Chinese."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = None
    if text is None or (HAN.search(text) and not looks_chinese(text)):
        raise InputError(
            f"{source}: is not UTF-8, and read as {encoding.upper()} it gives no sensible Chinese "
            "(another encoding such as Big5 or Latin-1?); re-save it as UTF-8"
        )
    return text


def normalize_newlines(text: str) -> str:
    """CRLF (Windows) and lone CR (old Mac) line endings become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_txt(data: bytes, source: str) -> Document:
    text, encoding = decode_text(data, source)
    return Document(source=source, text=normalize_newlines(text), encoding=encoding)
