"""Stage 1: read a source file into a ``Document``.

Text files are decoded as UTF-8 (with or without BOM), UTF-16 (with BOM) or
GB18030 (a superset of GBK/GB2312), in that order. A file that decodes to no
Chinese text at all, or that looks binary, is refused rather than guessed at.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import InputError
from .models import Document

SUPPORTED_SUFFIXES = (".txt",)
HAN = re.compile(r"[\u4e00-\u9fff]")


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes of a text file; return (text, encoding)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{path}: starts like UTF-16 but does not decode; re-save it as UTF-8") from None
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not text; give a .txt file of Chinese text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot be decoded as UTF-8, UTF-16 or GB18030; re-save it as UTF-8")


def read_source(path: str | Path) -> Document:
    """Read one source file. Raises ``InputError`` with a message a user can act on."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{path}: is a folder; give a file, or build the folder as a deck")
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path}: unsupported file type '{p.suffix}'; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    text, encoding = decode_text(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: is empty; give a file with Chinese text")
    if not HAN.search(text):
        raise InputError(f"{path}: holds no Chinese text; deckgen makes cards from Chinese study material")
    return Document(source=str(path), text=text, encoding=encoding)
