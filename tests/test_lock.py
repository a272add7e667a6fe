"""A build that finds another build writing the same deck stops with a message, or waits with --wait.

The builds run as separate processes, as two users' commands would be: the lock is the operating system's,
held by a process. The Windows branch runs here with a stand-in for msvcrt that behaves as its documentation says.
"""
import importlib
import os
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from deckgen import lock, registry
from deckgen.errors import OutputError

SRC = str(Path(__file__).resolve().parents[1] / "src")
PAGE = Path(__file__).parent / "data" / "jianwei_sixiao_gongzuofa.txt"
# holds the lock of argv[1] until its stdin closes, saying "held" once it has it
HOLDER = """
import sys
from pathlib import Path
from deckgen.lock import output_lock
with output_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC}


@pytest.fixture
def holder(tmp_path):
    """A process holding the lock of tmp_path/out/deck.apkg."""
    output = tmp_path / "out" / "deck.apkg"
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(output)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env())
    assert process.stdout.readline().strip() == "held"
    yield output, process
    process.stdin.close()
    process.wait(timeout=60)


def deckgen(*args, cwd: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "deckgen", *map(str, args)], cwd=cwd, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_a_second_build_of_the_same_deck_stops_at_once(tmp_path, holder):
    output, process = holder
    done = deckgen("build", PAGE, "-o", output, cwd=tmp_path)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 1
    assert f"{output}: another deckgen build (process {process.pid}) is writing this deck" in err
    assert "--wait" in err and "Traceback" not in err
    assert not output.parent.exists() or list(output.parent.iterdir()) == []  # nothing written


def test_with_wait_it_builds_after_the_other(tmp_path, holder):
    output, process = holder
    waiting = deckgen("build", PAGE, "-o", output, "--wait", "-q", cwd=tmp_path)
    line = waiting.stderr.readline()
    assert f"{output}: waiting for another deckgen build (process {process.pid})" in line
    assert waiting.poll() is None and not output.exists()
    process.stdin.close()  # the other build ends
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert output.is_file()


def test_builds_of_other_decks_do_not_wait(tmp_path, holder):
    output, _ = holder
    other = output.with_name("other.apkg")
    done = deckgen("build", PAGE, "-o", other, "-q", cwd=tmp_path)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert (output.parent / "other.apkg").is_file()
    assert not [p for p in output.parent.iterdir() if "lock" in p.name]  # the lock is kept in the state folder


def test_one_output_one_lock_however_it_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert lock.lock_path(Path("out/deck.apkg")) == lock.lock_path(tmp_path / "out" / ".." / "out" / "deck.apkg")
    assert lock.lock_path(Path("out/deck.apkg")) != lock.lock_path(Path("out/other.apkg"))
    assert lock.lock_path(Path("deck.apkg")).parent == registry.state_dir() / "locks"


def test_a_lock_is_let_go_when_its_build_ends(tmp_path):
    output = tmp_path / "deck.apkg"
    with lock.output_lock(output):
        pass
    with lock.output_lock(output):  # and again in the same process
        pass
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(output)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env())
    assert process.stdout.readline().strip() == "held"
    process.kill()  # kill -9: the system lets the lock go
    process.wait(timeout=60)
    with lock.output_lock(output):
        pass


def test_a_held_lock_in_the_library_is_an_output_error(tmp_path, holder):
    output, _ = holder
    with pytest.raises(OutputError, match="another deckgen build"):
        with lock.output_lock(output):
            pass


def test_a_state_folder_that_cannot_be_written_locks_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DECKGEN_STATE_DIR", str(blocker / "state"))
    with lock.output_lock(tmp_path / "deck.apkg"):
        pass


class Msvcrt(types.ModuleType):
    """A stand-in for Windows' msvcrt, its ``locking`` as documented: it locks or unlocks ``nbytes`` from the
    file's current position; ``LK_NBLCK`` raises OSError when a byte is locked already (through any handle:
    locks do not nest), ``LK_UNLCK`` when a byte is not locked through this one. Here a byte is a (file, offset)."""

    LK_UNLCK, LK_NBLCK = 0, 2  # msvcrt's values

    def __init__(self):
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int, int], int] = {}  # (device, inode, offset) → the descriptor locking it

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        stat, at = os.fstat(fd), os.lseek(fd, 0, os.SEEK_CUR)
        spots = [(stat.st_dev, stat.st_ino, at + n) for n in range(nbytes)]
        if mode == self.LK_NBLCK:
            if any(spot in self.held for spot in spots):
                raise PermissionError(13, "Permission denied")
            self.held.update(dict.fromkeys(spots, fd))
        elif mode == self.LK_UNLCK:
            if any(self.held.get(spot) != fd for spot in spots):
                raise PermissionError(13, "Permission denied")
            for spot in spots:
                del self.held[spot]
        else:
            raise ValueError(f"mode {mode}: not one deckgen uses")

    def read(self, fd: int, n: int) -> bytes:
        """``os.read`` as on Windows, where a byte lock is mandatory: no other handle reads a locked byte."""
        stat, at = os.fstat(fd), os.lseek(fd, 0, os.SEEK_CUR)
        if any(self.held.get((stat.st_dev, stat.st_ino, at + k), fd) != fd for k in range(n)):
            raise PermissionError(13, "Permission denied")
        return os.read(fd, n)


@pytest.fixture
def windows(monkeypatch):
    """deckgen.lock as Windows runs it (its msvcrt branch), with the ``Msvcrt`` stand-in; as before afterwards."""
    fake = Msvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    with monkeypatch.context() as patch:
        patch.setattr(sys, "platform", "win32")
        importlib.reload(lock)  # only the module's own definitions see the platform
    monkeypatch.setattr(lock, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(lock, "os", types.SimpleNamespace(**vars(os) | {"read": fake.read}))
    yield fake
    monkeypatch.undo()
    importlib.reload(lock)


def test_on_windows_a_held_lock_stops_a_second_build_naming_the_holder(tmp_path, windows):
    output = tmp_path / "deck.apkg"
    with lock.output_lock(output):
        assert len(windows.held) == 1
        with pytest.raises(OutputError, match=rf"another deckgen build \(process {os.getpid()}\)"):
            with lock.output_lock(output):
                pass
        with lock.output_lock(tmp_path / "other.apkg"):  # another deck: its own lock
            assert len(windows.held) == 2
    assert not windows.held  # let go
    with lock.output_lock(output):
        pass


def test_on_windows_a_waiting_build_goes_on_when_the_other_ends(tmp_path, windows):
    output = tmp_path / "deck.apkg"
    order = []

    def other():
        with lock.output_lock(output, wait=True):
            order.append("second")

    with lock.output_lock(output):
        waiting = threading.Thread(target=other)
        waiting.start()
        waiting.join(timeout=0.3)
        assert waiting.is_alive()  # polling
        order.append("first")
    waiting.join(timeout=30)
    assert order == ["first", "second"] and not windows.held
