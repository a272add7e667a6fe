"""One build at a time per output: a lock file per output path, in deckgen's state folder.

Two builds writing the same deck at once would each read the previous build's state and write their
own; the last writer would win and the first one's report would be wrong. ``output_lock`` lets one
build through and makes the other wait (``--wait``) or stop at once with a message naming the
holder's process. The lock is the operating system's (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows) on a file ``<state folder>/locks/<hash of the output's resolved path>.lock``: it is let go
when the holder ends, however it ends (kill -9 included), so a stale lock file never blocks a build,
and nothing is written beside the deck.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError
from .registry import output_state

log = logging.getLogger(__name__)
POLL_SECONDS = 0.2  # how often a waiting build tries again where the lock cannot block (Windows)
PID_BYTES = 20  # the holder's process id, at the start of the lock file (``_record``)

if sys.platform == "win32":
    import msvcrt

    # Windows' lock is on a byte, which no other file handle may then read: the byte after the process id,
    # so that a build finding the lock held can still name its holder
    LOCKED_BYTE = PID_BYTES

    def _try_lock(fd: int, block: bool) -> bool:
        while True:
            try:
                os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)  # msvcrt locks from the file's position
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not block:
                    return False
                time.sleep(POLL_SECONDS)

    def _unlock(fd: int) -> None:
        os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int, block: bool) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if block else fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(output: Path) -> Path:
    """The lock file of ``output``: one per resolved path, whatever the path it was given as."""
    return output_state("locks", output, ".lock")


@contextlib.contextmanager
def output_lock(output: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the lock of ``output`` for the block. Another build holding it: with ``wait``, wait for it
    (saying so on the log); else ``OutputError``. A state folder that cannot be written locks nothing:
    the build goes on, as before there were locks."""
    path = lock_path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        log.debug("%s: no lock (%s)", path, exc)
        yield
        return
    try:
        if not _try_lock(fd, block=False):
            holder = _holder(fd)
            if not wait:
                raise OutputError(f"{output}: another deckgen build{holder} is writing this deck; let it finish, "
                                  "or run again with --wait to build after it")
            log.warning("%s: waiting for another deckgen build%s writing this deck to finish", output, holder)
            _try_lock(fd, block=True)
        _record(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _record(fd: int) -> None:
    """Write this process's id into the lock file, for the message of a build that finds it held."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode())


def _holder(fd: int) -> str:
    """" (process N)" of the build holding the lock, as it recorded itself; "" when unknown."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid = os.read(fd, PID_BYTES).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
