"""Write an output file whole or not at all.

Every file deckgen writes (a deck and its manifest, an export, a preview,
candidates.yaml) goes through ``write_atomically``: the content goes to a
temporary file in the same folder, which then replaces the target in one
``os.replace``. A full disk, an error or Ctrl-C leaves the previous file as it
was and no temporary file behind.
"""
from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError


@functools.cache
def _new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the umask (reading the umask means setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, write: Callable[[Path], object], *, fix: str) -> None:
    """Call ``write(temporary path)``, then move the result onto ``path``; ``OSError`` becomes ``OutputError``.

    ``fix`` ends the error message: what the user can do (e.g. "choose another file with -o").
    The file gets the mode any new file gets, not ``mkstemp``'s owner-only 0o600:
    a deck is made to be shared.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        tmp.chmod(_new_file_mode())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {fix}") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def write_text_atomically(path: Path, text: str, *, fix: str, encoding: str = "utf-8") -> None:
    """``write_atomically`` for text."""
    write_atomically(path, lambda tmp: tmp.write_bytes(text.encode(encoding)), fix=fix)
