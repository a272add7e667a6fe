"""Every output file is written whole or not at all, and readable like any new file (atomic.py)."""
from __future__ import annotations

import os
import stat

import pytest

from conftest import package, sample_extraction
from deckgen import api
from deckgen.atomic import write_atomically, write_text_atomically
from deckgen.cards import make_notes
from deckgen.curate import write_candidates
from deckgen.errors import OutputError
from deckgen.export import write_export


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_deck_is_as_readable_as_any_new_file(config, tmp_path):
    """Regression: mkstemp's 0o600 reached the .apkg, so a deck put on a shared folder or server was unreadable."""
    info = package(config, tmp_path, sample_extraction(), deck_key="k", timestamp=1000)
    plain = tmp_path / "plain"
    plain.write_text("x")
    assert mode(info.output) == mode(tmp_path / "deck.lock.json") == mode(plain) == 0o666 & ~umask()


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, failure):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def half_write(path):
        path.write_text("half", encoding="utf-8")
        raise failure

    with pytest.raises(OutputError if isinstance(failure, OSError) else KeyboardInterrupt) as err:
        write_atomically(target, half_write, fix="choose another file with -o")
    if isinstance(failure, OSError):
        assert str(err.value) == f"{target}: cannot write (No space left on device); choose another file with -o"
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_exports_and_candidates_go_through_a_temporary_file(config, tmp_path, monkeypatch):
    """Regression: export/preview and candidates.yaml were written in place, half-written on a full disk."""
    extraction = sample_extraction()
    notes = make_notes(extraction, config, deck_name="理论", deck_key="k")
    deck = api.DeckNotes(name="理论", key="k", stem="t", description="", config=config, files=(),
                         extraction=extraction, kept=extraction, notes=notes)
    export, candidates = tmp_path / "deck.csv", tmp_path / "candidates.yaml"
    for path in (export, candidates):
        path.write_text("old", encoding="utf-8")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OutputError, match="deck.csv: cannot write"):
        write_export(deck, "csv", export)
    with pytest.raises(OutputError, match="candidates.yaml: cannot write"):
        write_candidates(candidates, [], deck="理论", folder="decks/d")
    assert export.read_text(encoding="utf-8") == candidates.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["candidates.yaml", "deck.csv"]


def test_text_is_written_in_the_encoding_asked(tmp_path):
    path = tmp_path / "a.csv"
    write_text_atomically(path, "学习\r\n", encoding="utf-8-sig", fix="")
    assert path.read_bytes() == "\ufeff学习\r\n".encode()
