"""Write an output file whole or not at all.

Every file deckgen writes (a deck and its identity store, an export, a preview,
candidates.yaml) goes through ``write_atomically``: the content goes to a
temporary file in the same folder, which then replaces the target in one
``os.replace``. A full disk, an error, Ctrl-C or SIGTERM (the CLI turns it into
an exception) leaves the previous file as it was and no temporary file behind.

Only kill -9 or a power cut can leave one: the temporary file's name carries the
writer's process id (``.deck.apkg.<pid>.<random>.tmp``), and the next write of
the same file removes those whose process is gone (``clean_stale``). The same
goes for the folders deckgen makes in $TMPDIR (``owned_temp_dir``).
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import OutputError
from .limits import MAX_STATE_BYTES


@functools.cache
def _new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the umask (reading the umask means setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


# a temporary file of an older deckgen, whose name holds no process id, is stale after this long
STALE_SECONDS = 3600
_SCRATCH = "deckgen-scratch-"
_PID = re.compile(r"(\d+)\.[^.]*$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


def clean_stale(folder: Path, prefix: str, suffix: str = "", *, legacy: bool = False) -> None:
    """Remove what a killed deckgen left in ``folder``: entries ``<prefix><pid>.<random><suffix>`` whose
    process is gone, and with ``legacy`` the files ``<prefix><random><suffix>`` older versions wrote,
    after ``STALE_SECONDS``."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(suffix)]
    except OSError:
        return
    for entry in entries:
        middle = entry.name[len(prefix):len(entry.name) - len(suffix)]
        match = _PID.fullmatch(middle)
        try:
            if match:
                stale = not _alive(int(match[1]))
            else:
                stale = legacy and entry.is_file(follow_symlinks=False) and \
                    time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if not stale:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue


@contextlib.contextmanager
def owned_temp_dir() -> Iterator[Path]:
    """A folder in $TMPDIR for deckgen's scratch files, removed on exit (left ones are cleaned next time)."""
    base = Path(tempfile.gettempdir())
    clean_stale(base, _SCRATCH)
    path = Path(tempfile.mkdtemp(prefix=f"{_SCRATCH}{os.getpid()}.", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def write_atomically(path: Path, write: Callable[[Path], object], *, fix: str) -> None:
    """Call ``write(temporary path)``, then move the result onto ``path``; ``OSError`` becomes ``OutputError``.

    ``fix`` ends the error message: what the user can do (e.g. "choose another file with -o").
    The file gets the mode any new file gets, not ``mkstemp``'s owner-only 0o600:
    a deck is made to be shared.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(path.parent, f".{path.name}.", ".tmp", legacy=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
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


def read_state_json(path: Path) -> object:
    """A state file deckgen wrote earlier (identity store, key registry), parsed; None when absent, too large or not JSON.

    State files are conveniences: a lost or damaged one must never stop a command, so every failure is None.
    """
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
