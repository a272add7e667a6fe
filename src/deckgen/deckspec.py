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

A deck folder is a sandbox. Organisers build folders cloned from other people's
repositories and share the decks they make, so every path a folder names — its
deck.yaml, its sources (globs included), ``extract.lexicon``,
``extract.user_dict``, candidates.yaml — must resolve inside the folder after
following symlinks and be a regular file; anything else is refused with one
message naming the file and the key. Globs do not follow symlinked folders with
``**`` and look at a bounded number of entries (``MAX_GLOB_DEPTH``,
``MAX_GLOB_ENTRIES``). The command line is the user's own: ``--config`` and the
paths it names may point anywhere.
"""
from __future__ import annotations

import fnmatch
import os
import re
import secrets
import stat
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import limits
from .config import PATH_KEYS, packaged_defaults, read_yaml_document, shown, validate
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


def inside(root: Path, path: Path, origin: str, key: str) -> Path:
    """``path`` resolved (symlinks followed) when it is a regular file inside the resolved ``root``;
    else a ConfigError naming ``origin`` and ``key``."""
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise ConfigError(f"{origin}: '{key}' names {path}, which does not exist (or is a broken symlink); "
                          "fix the name or add the file to the deck folder") from None
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise ConfigError(f"{origin}: '{key}' names {path}, which cannot be followed ({exc}); "
                          "replace the symlink by the file") from None
    if root != resolved and root not in resolved.parents:
        raise ConfigError(f"{origin}: '{key}' names {path}, which leads outside the deck folder (to {resolved}); "
                          f"a deck folder reads only its own files: copy the file into {root}")
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:
        raise ConfigError(f"{origin}: '{key}' names {path}, which cannot be read ({exc.strerror}); "
                          "check its permissions") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise ConfigError(f"{origin}: '{key}' names {path}, which is {kind}; name a file of the deck folder")
    return resolved


def _glob(folder: Path, pattern: str, origin: str) -> list[Path]:
    """The files matching ``pattern`` (``*``, ``?``, ``[…]``, ``**``) under ``folder``, without following
    symlinked folders for ``**``, descending at most ``MAX_GLOB_DEPTH`` levels and looking at at most
    ``MAX_GLOB_ENTRIES`` entries (a symlink loop or a huge tree stops with a message)."""
    parts = Path(pattern).parts
    looked = 0

    def entries(directory: Path) -> list[os.DirEntry]:
        nonlocal looked
        try:
            with os.scandir(directory) as scan:
                found = list(scan)
        except OSError:
            return []
        looked += len(found)
        if looked > limits.MAX_GLOB_ENTRIES:
            raise limits.over_limit(f"{origin}: source '{pattern}'", "the folder entries it looks at",
                                    f"over {limits.MAX_GLOB_ENTRIES:,}", "MAX_GLOB_ENTRIES",
                                    "name the files or a narrower glob", config=True)
        return sorted(found, key=lambda entry: entry.name)

    def walk(directory: Path, rest: tuple[str, ...], depth: int) -> list[Path]:
        if depth > limits.MAX_GLOB_DEPTH:
            raise limits.over_limit(f"{origin}: source '{pattern}'", "the folder depth it reaches",
                                    depth, "MAX_GLOB_DEPTH", "name the files or a shallower glob", config=True)
        part, rest = rest[0], rest[1:]
        if part == "**":
            found = walk(directory, rest, depth) if rest else []
            for entry in entries(directory):
                if entry.is_dir(follow_symlinks=False):
                    found += walk(Path(entry.path), ("**", *rest), depth + 1)
            return found
        if not rest:
            return [Path(e.path) for e in entries(directory) if fnmatch.fnmatchcase(e.name, part) and e.is_file()]
        if not any(c in part for c in "*?["):
            return walk(directory / part, rest, depth + 1) if (directory / part).is_dir() else []
        return [found for e in entries(directory) if fnmatch.fnmatchcase(e.name, part) and e.is_dir()
                for found in walk(Path(e.path), rest, depth + 1)]

    return walk(folder, parts, 0) if parts else []


def _expand_sources(folder: Path, patterns: list, origin: str) -> tuple[Path, ...]:
    """Files named by ``sources``: each pattern must stay inside the folder and match at least one file."""
    root = folder.resolve()
    found: list[Path] = []
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern.strip():
            raise ConfigError(f"{origin}: 'sources' must list file names or globs, got {shown(pattern)}")
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise ConfigError(f"{origin}: source '{pattern}' is outside the deck folder; copy the file into {folder}")
        matches = sorted(p for p in _glob(folder, pattern, origin) if p.name not in (SPEC_FILE, CANDIDATES_FILE))
        if not matches:
            raise ConfigError(f"{origin}: source '{pattern}' matches no file in {folder}; fix the name or add the file")
        for match in matches:
            inside(root, match, origin, f"sources: {pattern}")
            if match not in found:
                found.append(match)
    return tuple(found)


def _sandboxed_paths(folder: Path, overrides: dict[str, Any], origin: str) -> dict[str, Any]:
    """``overrides`` with each file path it names (``extract.lexicon``, ``extract.user_dict``) checked to be
    a regular file inside the deck folder, and made absolute: a deck's paths are relative to its folder."""
    extract = overrides.get("extract")
    if not isinstance(extract, dict):
        return overrides
    extract = dict(extract)
    for dotted in PATH_KEYS:
        key = dotted.split(".", 1)[1]
        value = extract.get(key)
        if isinstance(value, str):
            if not value.strip() or Path(value).is_absolute():
                raise ConfigError(f"{origin}: '{dotted}' names {value!r}; a deck folder names files inside it, "
                                  f"relative to it: copy the file into {folder} and give its name")
            extract[key] = str(inside(folder.resolve(), folder / value, origin, dotted))
    return {**overrides, "extract": extract}


def load_deck_spec(folder: str | Path) -> DeckSpec:
    """Read and check ``folder/deck.yaml``; every problem is a ConfigError naming file, line and fix."""
    folder = Path(folder)
    path = folder / SPEC_FILE
    if not path.exists() and not path.is_symlink():
        raise ConfigError(f"{folder}: not a deck folder (no {SPEC_FILE}); make one with `deckgen new NAME FILE...`")
    root = folder.resolve()
    inside(root, path, str(path), SPEC_FILE)
    if (folder / CANDIDATES_FILE).exists() or (folder / CANDIDATES_FILE).is_symlink():
        inside(root, folder / CANDIDATES_FILE, str(folder / CANDIDATES_FILE), CANDIDATES_FILE)
    data, _, text = read_yaml_document(path)
    origin = str(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: must be a mapping of keys (name, key, sources, …)")
    defaults = packaged_defaults()
    overrides = {}
    for key, value in data.items():
        if key in SPEC_KEYS:
            if not isinstance(value, SPEC_KEYS[key]):
                kind = "a list" if SPEC_KEYS[key] is list else "text"
                raise ConfigError(f"{origin}{_line_of(text, key)}: '{key}' must be {kind}, got {shown(value)}")
        elif key in defaults and key != "output_dir":
            overrides[key] = value
        else:
            allowed = ", ".join(sorted(SPEC_KEYS) + sorted(k for k in defaults if k != "output_dir"))
            raise ConfigError(f"{origin}{_line_of(text, str(key))}: unknown key {shown(str(key))}; "
                              f"allowed: {allowed}")
    validate(overrides, defaults, origin)
    overrides = _sandboxed_paths(folder, overrides, origin)
    if "sources" not in data:
        raise ConfigError(f"{origin}: no 'sources'; list the text files of the deck, e.g. sources: [article.txt]")
    key = data.get("key")
    if not key or not key.strip():
        raise ConfigError(f"{origin}: no 'key'; add a random one, e.g. key: {new_key()}")
    # a deck name is one line: a newline would show in Anki's deck list and break candidates.yaml's header
    name = " ".join((data.get("name") or "").split()) or folder.name
    return DeckSpec(folder=folder, name=name, key=key,
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
