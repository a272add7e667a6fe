"""Stage 1: read a source file into a ``Document``.

The reader is chosen by the file's suffix (``deckgen.readers``, one module per
format). The checks all formats share are made here: the path names a readable
regular file of a supported type and a sane size, and what it holds is Chinese
text. Every problem is an ``InputError`` naming the file and what to do about it.

``list_sources`` expands a plain folder into the files ``read_source`` takes.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from .errors import InputError
from .models import Document
from .readers.text import HAN

# suffix → (module in deckgen.readers, function): imported on first use, so that
# `deckgen --help` does not pay for python-docx, Markdown or pdfminer
READERS = {
    ".txt": ("text", "read_txt"),
    ".md": ("markdown", "read_markdown"),
    ".markdown": ("markdown", "read_markdown"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".docx": ("docx", "read_docx"),
    ".pdf": ("pdf", "read_pdf"),
}
SUPPORTED_SUFFIXES = tuple(READERS)
# Far above any study text (a 500-page book is about 2 MB of UTF-8), low enough
# that no stage after this one takes minutes.
MAX_BYTES = 20 * 1024 * 1024
CONVERT_HINTS = {".doc": "re-save it as .docx", ".wps": "re-save it as .docx", ".rtf": "re-save it as .docx"}


def unsupported(path: Path) -> str:
    hint = CONVERT_HINTS.get(path.suffix.lower(), f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    return f"unsupported file type '{path.suffix}'; {hint}"


def read_source(path: str | Path) -> Document:
    """Read one source file. Raises ``InputError`` with a message a user can act on."""
    return decode_source(path, read_bytes(path))


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a source file ``read_source`` takes (a regular file of a supported type, within the size
    limit); else ``InputError``."""
    p, source = Path(path), str(path)
    if not p.exists():
        raise InputError(f"{source}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{source}: is a folder; give a file, or build the folder as a deck")
    if not p.is_file():
        raise InputError(f"{source}: is not a regular file; give a text, Word, PDF, HTML or markdown file")
    if p.suffix.lower() not in READERS:
        raise InputError(f"{source}: {unsupported(p)}")
    try:
        with p.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror}); check its permissions") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: is over the {MAX_BYTES // 2**20} MB deckgen reads; split it into smaller files")
    return data


def decode_source(path: str | Path, data: bytes) -> Document:
    """The ``Document`` of a source file's bytes (``read_bytes``), read by the reader of its suffix."""
    p, source = Path(path), str(path)
    module, function = READERS[p.suffix.lower()]
    reader = getattr(importlib.import_module(f".readers.{module}", __package__), function)
    document = reader(data, source)
    if not document.text.strip():
        raise InputError(f"{source}: holds no text; give a file with Chinese text")
    if not HAN.search(document.text):
        raise InputError(f"{source}: holds no Chinese text; deckgen makes cards from Chinese study material")
    return document


def list_sources(folder: str | Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files of a plain folder that ``read_source`` takes, sorted by name (not recursive),
    and the entries skipped, each with the reason to tell the user."""
    p = Path(folder)
    if not p.is_dir():
        raise InputError(f"{folder}: no such folder; check the path")
    files, skipped = [], []
    for entry in sorted(p.iterdir(), key=lambda entry: entry.name):
        if entry.is_dir():
            skipped.append((entry, "a folder; folders inside are not read"))
        elif entry.name.startswith((".", "~$")):
            skipped.append((entry, "a hidden or temporary file"))
        elif entry.suffix.lower() not in READERS:
            skipped.append((entry, unsupported(entry)))
        else:
            files.append(entry)
    if not files:
        raise InputError(
            f"{folder}: holds no file deckgen reads ({len(skipped)} skipped); "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    return files, skipped
