"""Issue 13: nothing left behind on success, error, SIGTERM or kill -9; odd state files are ignored."""
from __future__ import annotations

import json
import signal
import time

from hostile_box import SPEC_TXT, box, refused  # noqa: F401 (box is a fixture)

# genanki's write_to_db, slowed: the child is caught writing, with its temporary files open
SLOW = ("import genanki, pathlib, time\n_write = genanki.Package.write_to_db\n"
        "def slow(self, *args):\n    _write(self, *args)\n    pathlib.Path('writing').touch()\n    time.sleep(60)\n"
        "genanki.Package.write_to_db = slow")


def test_a_build_leaves_nothing_in_tmpdir(box):
    box.deck("d", SPEC_TXT)
    result = box.run("build", "decks/d")
    assert result.returncode == 0, result.stderr[-2000:]
    assert box.leftovers() == []


def interrupted(box, sig: int) -> None:
    box.deck("d", SPEC_TXT)
    child = box.popen("build", "decks/d", prelude=SLOW)
    deadline = time.monotonic() + 60
    while not (box.root / "writing").exists():
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()[1][-2000:]
        time.sleep(0.05)
    child.send_signal(sig)
    child.communicate(timeout=30)


def test_sigterm_leaves_nothing_behind(box):
    interrupted(box, signal.SIGTERM)
    assert box.leftovers() == []
    assert not (box.root / "build" / "d.apkg").exists()


def test_the_next_build_cleans_what_kill_9_left(box):
    interrupted(box, signal.SIGKILL)
    assert box.leftovers()  # what no process can clean up after itself
    result = box.run("build", "decks/d")
    assert result.returncode == 0, result.stderr[-2000:]
    assert box.leftovers() == []


def test_odd_identity_stores_are_ignored(box):
    """deck.lock.json is read back from disk (and committed, so anyone may edit it): an odd one means fresh
    identities, never a failed build; and nothing but the deck is left in the output folder."""
    box.deck("d", SPEC_TXT)
    assert box.run("build", "decks/d").returncode == 0
    store = box.root / "decks" / "d" / "deck.lock.json"
    good = json.loads(store.read_text())
    for odd in ({**good, "timestamp": 1e300},
                {**good, "notes": {g: {**e, "cards": 5} for g, e in good["notes"].items()}},
                {**good, "notes": {g: {**e, "anchor": {"at": "x"}} for g, e in good["notes"].items()}}):
        store.write_text(json.dumps(odd))
        result = box.run("build", "decks/d")
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Wrote build/d.apkg" in result.stdout
    assert sorted(p.name for p in (box.root / "build").iterdir()) == ["d.apkg"]


def test_a_full_tmpdir_is_one_message(box):
    box.deck("d", SPEC_TXT)
    refused(box.run("build", "decks/d", fsize=16 * 1024), "cannot write")
    assert not (box.root / "build" / "d.apkg").exists()
