"""Deck keys built on this machine, to warn when a folder's key is another deck's.

A deck's ``key`` goes into every note's GUID, so two deck folders with one key
(a folder copied as a template, a stranger's deck cloned twice) make notes that
Anki takes for each other's. Two such folders side by side are refused at build
(``api.build_decks``); folders far apart are only known from here: each build
of a deck folder records ``key → folder`` in ``decks.json`` under
``$DECKGEN_STATE_DIR`` (else ``$XDG_STATE_HOME/deckgen``, else
``~/.local/state/deckgen``), and a build whose key is recorded for another
folder that still holds it gets a warning.

The file is read back from disk, so it is validated and ignored when odd;
failing to read or write it never stops a build.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .atomic import read_state_json, write_text_atomically
from .errors import DeckgenError

FORMAT = 1
MAX_DECKS = 1_000  # folders remembered; the oldest are forgotten first


def state_dir() -> Path:
    if os.environ.get("DECKGEN_STATE_DIR"):
        return Path(os.environ["DECKGEN_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "deckgen"


def output_state(kind: str, output: Path, suffix: str = ".json") -> Path:
    """The state file of ``kind`` (builds, outputs, locks) kept for the deck at ``output``: one per resolved path,
    whatever the path it was given as."""
    return state_dir() / kind / f"{hashlib.sha1(str(Path(output).resolve()).encode()).hexdigest()[:20]}{suffix}"


def _read(path: Path) -> dict[str, str]:
    """folder → key, as recorded; empty when absent or odd in any way."""
    data = read_state_json(path)
    decks = data.get("decks") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(decks, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in decks.items()):
        return {}
    return decks


def _holds_key(folder: str, key: str) -> bool:
    """Whether ``folder`` is still a deck folder with ``key`` (read leniently: this is only for a warning)."""
    from .config import read_yaml

    try:
        data = read_yaml(Path(folder) / "deck.yaml")
    except DeckgenError:
        return False
    return isinstance(data, dict) and data.get("key") == key


def record(folder: Path, key: str) -> list[str]:
    """Record that ``folder`` was built with ``key``; return the other folders recorded with it that still hold it."""
    path = state_dir() / "decks.json"
    here = str(folder.resolve())
    decks = _read(path)
    others = [other for other, other_key in decks.items() if other_key == key and other != here
              and _holds_key(other, key)]
    decks.pop(here, None)
    decks[here] = key
    kept = dict(list(decks.items())[-MAX_DECKS:])
    try:
        write_text_atomically(path, json.dumps({"format": FORMAT, "decks": kept}, ensure_ascii=False, indent=1),
                              fix="")
    except DeckgenError:
        pass
    return others
