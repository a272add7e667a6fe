"""Deck folders: ``decks/NAME/deck.yaml`` names a deck, its sources and its settings.

::

    name: 理论学习::蚌埠日报理论版     # Anki deck path ({deck} in deck.name_template)
    key: 6b1f0c2e9a7d4e11            # random, written once: part of every note's GUID
    sources: [theory-page.txt]       # files or globs inside the folder
    description: …                   # shown in Anki (optional)
    tags: [蚌埠]                      # extra tags on every note (optional)
    cards: {reverse: true}           # any config.yaml section overrides the config (optional)

Beside it, ``candidates.yaml`` holds the organiser's decisions (``curate.py``).
``deckgen new`` makes a folder: ``create_deck_folder``.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .config import packaged_defaults, read_yaml, validate
from .errors import ConfigError, OutputError

SPEC_FILE = "deck.yaml"
CANDIDATES_FILE = "candidates.yaml"
SPEC_KEYS = {"name": str, "key": str, "sources": list, "description": str, "tags": list}


@dataclass(frozen=True, slots=True)
class DeckSpec:
    folder: Path
    name: str
    key: str
    sources: tuple[Path, ...]
    description: str
    tags: tuple[str, ...]
    overrides: dict[str, Any]  # config sections set in deck.yaml

    @property
    def spec_path(self) -> Path:
        return self.folder / SPEC_FILE

    @property
    def candidates_path(self) -> Path:
        return self.folder / CANDIDATES_FILE


def is_deck_folder(path: Path) -> bool:
    return path.is_dir() and (path / SPEC_FILE).is_file()


def new_key() -> str:
    """A random deck key, written once into deck.yaml: it keeps GUIDs distinct between decks."""
    return secrets.token_hex(8)


def _line_of(text: str, key: str) -> str:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*{re.escape(key)}\s*:", line):
            return f", line {number}"
    return ""


def _expand_sources(folder: Path, patterns: list, origin: str) -> tuple[Path, ...]:
    """Files named by ``sources``: each pattern must stay inside the folder and match at least one file."""
    root = folder.resolve()
    found: list[Path] = []
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern.strip():
            raise ConfigError(f"{origin}: 'sources' must list file names or globs, got {pattern!r}")
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise ConfigError(f"{origin}: source '{pattern}' is outside the deck folder; copy the file into {folder}")
        matches = sorted(p for p in folder.glob(pattern)
                         if p.is_file() and p.name not in (SPEC_FILE, CANDIDATES_FILE))
        if not matches:
            raise ConfigError(f"{origin}: source '{pattern}' matches no file in {folder}; fix the name or add the file")
        for match in matches:
            if root not in match.resolve().parents:
                raise ConfigError(f"{origin}: source '{pattern}' leads outside the deck folder; use files inside it")
            if match not in found:
                found.append(match)
    return tuple(found)


def load_deck_spec(folder: str | Path) -> DeckSpec:
    """Read and check ``folder/deck.yaml``; every problem is a ConfigError naming file, line and fix."""
    folder = Path(folder)
    path = folder / SPEC_FILE
    if not path.exists():
        raise ConfigError(f"{folder}: not a deck folder (no {SPEC_FILE}); make one with `deckgen new NAME FILE...`")
    data = read_yaml(path)
    origin = str(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: must be a mapping of keys (name, key, sources, …)")
    text = path.read_text(encoding="utf-8-sig")
    defaults = packaged_defaults()
    overrides = {}
    for key, value in data.items():
        if key in SPEC_KEYS:
            if not isinstance(value, SPEC_KEYS[key]):
                kind = "a list" if SPEC_KEYS[key] is list else "text"
                raise ConfigError(f"{origin}{_line_of(text, key)}: '{key}' must be {kind}, got {value!r}")
        elif key in defaults and key != "output_dir":
            overrides[key] = value
        else:
            allowed = ", ".join(sorted(SPEC_KEYS) + sorted(k for k in defaults if k != "output_dir"))
            raise ConfigError(f"{origin}{_line_of(text, str(key))}: unknown key '{key}'; allowed: {allowed}")
    validate(overrides, defaults, origin)
    if "sources" not in data:
        raise ConfigError(f"{origin}: no 'sources'; list the text files of the deck, e.g. sources: [article.txt]")
    key = data.get("key")
    if not key:
        raise ConfigError(f"{origin}: no 'key'; add a random one, e.g. key: {new_key()}")
    return DeckSpec(folder=folder, name=data.get("name") or folder.name, key=key,
                    sources=_expand_sources(folder, data["sources"], origin),
                    description=data.get("description", ""), tags=tuple(map(str, data.get("tags", []))),
                    overrides=overrides)


def create_deck_folder(folder: Path, sources: list[Path]) -> Path:
    """Make ``folder`` holding copies of ``sources`` and a first deck.yaml (with a new random key).

    All or nothing: the folder is assembled beside its place and renamed into it,
    so a failure leaves nothing behind. Refuses a folder that exists.
    """
    names = [source.name for source in sources]
    for name in names:
        if name in (SPEC_FILE, CANDIDATES_FILE):
            raise OutputError(f"{folder}: a source cannot be called {name}, deckgen's own file there; rename it first")
        if names.count(name) > 1:
            raise OutputError(f"{folder}: two sources would both be called {name}; rename one of them first")
    if folder.exists():
        raise OutputError(f"{folder}: exists already; choose another name, or edit {folder / SPEC_FILE}")
    settings = yaml.safe_dump({"name": folder.name, "key": new_key(), "sources": names}, allow_unicode=True,
                              default_flow_style=None, sort_keys=False, width=4096)
    spec = ("# The deck made by `deckgen new`: edit freely (see decks/theory-page/deck.yaml for every key).\n"
            "# name: the Anki deck. key: written once, never changed: it is part of every note's GUID,\n"
            "# so rebuilt decks update in place. sources: files or globs inside this folder.\n"
            f"{settings}"
            "# description: shown in Anki, before the sources, build date and deckgen version\n"
            "# tags: [学习]         # extra tags on every note\n")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        try:
            for source in sources:
                shutil.copy2(source, staging / source.name)
            (staging / SPEC_FILE).write_text(spec, encoding="utf-8")
            os.rename(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be created ({exc.strerror or exc}); "
                          "check that the folder is writable") from None
    return folder
