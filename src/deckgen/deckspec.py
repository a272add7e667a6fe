"""Deck folders: ``decks/NAME/deck.yaml`` names a deck, its sources and its settings.

::

    name: 理论学习::蚌埠日报理论版     # Anki deck path ({deck} in deck.name_template)
    key: 6b1f0c2e9a7d4e11            # random, written once: part of every note's GUID
    sources: [theory-page.txt]       # files or globs inside the folder
    description: …                   # shown in Anki (optional)
    tags: [蚌埠]                      # extra tags on every note (optional)
    cards: {reverse: true}           # any config.yaml section overrides the config (optional)
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import packaged_defaults, read_yaml, validate
from .errors import ConfigError

SPEC_FILE = "deck.yaml"
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
        matches = sorted(p for p in folder.glob(pattern) if p.is_file())
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
