"""The extraction cache: each source's extraction, kept between runs so that a rebuild does not extract again,
and each deck's notes, so that a rebuild with nothing changed does not make them again.

A source's entry holds what reading, repairing, segmenting and extracting that one file gave (its
``Document``, its articles numbered from 0, its lists and terms at every confidence). It is found by a
key made of everything the result depends on:

* the file's bytes and its suffix (which reader reads it);
* the ``extract`` section of the config, and the contents of the files it names (a lexicon, a jieba
  user dictionary): the files, not their paths, so editing one is seen;
* deckgen's version and a hash of the package's own files (code, packaged defaults and lexicon), so
  a new or edited deckgen never reads what an older one extracted.

The file's path is no part of the key, nor are the other files built with it: a file's result never
depends on what it is built with, so an entry serves every deck holding the same text (the path is
filled in on the way out).

A deck's notes (``DeckContent``: what curating and note making give) are kept under a key made of its
sources (each path with the hash of what it gives the notes, kept in its entry: ``cards.made_of``, the same for a
source edited where no list or term is), the whole config, the deck's settings and the bytes of its
candidates.yaml: a rebuild with none of these changed takes its notes from here. What each run of one
source's articles made towards them (``NoteParts``) is kept too, under a key made of everything it was
made from (``cards.make_notes``): a rebuild after one source changed makes only that source's notes
again. jieba's answers
(``extract.words``) are kept under a key made of jieba's version, the user dictionary's bytes and
deckgen: a rebuild whose changed text asks jieba nothing new does not load it.

Entries live in ``$DECKGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/deckgen``, else ``~/.cache/deckgen``
(``%LOCALAPPDATA%\\deckgen\\cache`` on Windows), as JSON (no pickle: a cache file is data, never
code) led by the hash of the rest. A cache is a convenience: an entry that is missing, damaged,
too large or of another format is computed again, and a folder that cannot be written is left alone;
neither ever stops a command or changes its output. ``--no-cache`` skips it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from . import __version__
from .config import PATH_KEYS, read_bounded
from .limits import MAX_STATE_BYTES
from .models import (Anchor, Article, Document, ExtractedList, ExtractedTerm, NoteSpec, Paragraph, Section,
                     SourceExtraction)

FORMAT = 1
ENTRIES = "extract"  # the folders of the entries inside the cache folder: source extractions,
NOTES = "notes"  # deck notes
PARTS = "parts"  # what each part of a deck made (``cards.PartMemo``)
WORDS = "words"  # and jieba's answers (``extract.words``)
MAX_WORDS = 500_000  # answers the jieba memo keeps between runs (15,000 for the 87 reports of the bench)
# An entry no run has used for this long is removed (a source edited away long ago, an older deckgen's entries),
# and past this size the least recently used go first: a deck of the 87 bench reports takes 35 MB.
MAX_IDLE_SECONDS = 60 * 86400
MAX_CACHE_BYTES = 1 << 30
MAX_TEMP_SECONDS = 86400  # a write's temporary file this old was left by a killed run


def cache_dir() -> Path:
    """The folder deckgen keeps its caches in."""
    if os.environ.get("DECKGEN_CACHE_DIR"):
        return Path(os.environ["DECKGEN_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "deckgen" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "deckgen"


@functools.cache
def code_digest() -> str:
    """A hash of deckgen's own files: any change to the code or the packaged data (defaults, lexicon,
    background table) is a new digest."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def settings_digest(config: dict) -> str:
    """A hash of what extraction reads besides the source: the ``extract`` settings, the contents of the
    files they name and deckgen itself."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(json.dumps(config["extract"], sort_keys=True, ensure_ascii=False).encode())
    for dotted in sorted(PATH_KEYS):
        digest.update(b"\0" + _named_file_digest(config, dotted))
    return digest.hexdigest()


def _named_file_digest(config: dict, dotted: str) -> bytes:
    """A hash of the file the config's ``dotted`` key names (empty when it names none)."""
    section, key = dotted.split(".")
    value = config[section].get(key)
    if not isinstance(value, str):
        return b""
    limit, what = PATH_KEYS[dotted]
    return hashlib.sha256(read_bounded(Path(value), limit, what)).digest()


def words_digest(config: dict) -> str:
    """A hash of what jieba's answers depend on: jieba's version, the user dictionary and deckgen."""
    import importlib.metadata

    try:
        jieba = importlib.metadata.version("jieba")
    except importlib.metadata.PackageNotFoundError:
        jieba = "unknown"
    digest = hashlib.sha256(f"{code_digest()}\0{jieba}\0".encode())
    digest.update(_named_file_digest(config, "extract.user_dict"))
    return digest.hexdigest()


class _Entries:
    """Values stored by key in a folder, each as JSON led by the hash of the rest (a damaged file is no value)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def holds(self, key: str) -> bool:
        return (self.folder / f"{key}.json").is_file()

    def read(self, key: str) -> object | None:
        """The value stored under ``key``; None when there is none or it is not sound."""
        try:
            path = self.folder / f"{key}.json"
            if path.stat().st_size > MAX_STATE_BYTES:
                return None
            head, _, body = path.read_bytes().partition(b"\n")
            if head.decode() != hashlib.sha256(body).hexdigest():
                return None
            data = json.loads(body)
            if data["format"] != FORMAT or data["key"] != key:
                return None
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: ``prune`` removes the entries no run has used for long
        return data["value"]

    def write(self, key: str, value: object) -> None:
        """Store ``value`` under ``key`` whole or not at all; a folder that cannot be written is no error."""
        body = json.dumps({"format": FORMAT, "key": key, "value": value}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as file:
                file.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, self.folder / f"{key}.json")
            tmp = None
        except OSError:
            pass
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def prune(folder: Path | None = None, *, now: float | None = None) -> int:
    """Remove the cache's entries that no run has read or written for ``MAX_IDLE_SECONDS``, then the least
    recently used while it holds more than ``MAX_CACHE_BYTES``, and what killed runs left half-written; the number
    of files removed. Like every cache operation it never fails: a file it cannot see or remove stays."""
    base = folder or cache_dir()
    now = time.time() if now is None else now
    found: list[tuple[float, int, str]] = []  # (last used, size, path)
    removed = 0
    for kind in (ENTRIES, NOTES, PARTS, WORDS):
        with contextlib.suppress(OSError), os.scandir(base / kind) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    stat = entry.stat()
                    idle = MAX_TEMP_SECONDS if entry.name.endswith(".tmp") else MAX_IDLE_SECONDS
                    if now - stat.st_mtime > idle:
                        os.unlink(entry.path)
                        removed += 1
                    elif entry.name.endswith(".json"):
                        found.append((stat.st_mtime, stat.st_size, entry.path))
    total = sum(size for _, size, _ in found)
    for _, size, path in sorted(found):
        if total <= MAX_CACHE_BYTES:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
            total -= size
    return removed


class ExtractionCache:
    """The source extractions (and the deck notes made from them) of one config's extract settings."""

    def __init__(self, config: dict, folder: Path | None = None):
        self.config = config
        self.settings = settings_digest(config)
        self.folder = base = folder or cache_dir()
        self._sources = _Entries(base / ENTRIES)
        self._notes = _Entries(base / NOTES)
        self._parts = _Entries(base / PARTS)
        self._words = _Entries(base / WORDS)
        self._words_stored: bool | None = None  # None: not read yet (``use_words``)

    def prune(self) -> None:
        """Remove what no run has used for long (``prune``)."""
        prune(self.folder)

    def key(self, path: Path, data: bytes) -> str:
        """The key of a source file's entry: its bytes and suffix, under these settings."""
        digest = hashlib.sha256(self.settings.encode())
        digest.update(path.suffix.lower().encode() + b"\0" + data)
        return digest.hexdigest()

    def holds(self, key: str) -> bool:
        """Whether there is an entry under ``key`` (``get`` may still find it unsound)."""
        return self._sources.holds(key)

    def get(self, key: str, data: bytes) -> StoredSource | None:
        """The entry under ``key`` of the file whose bytes are ``data``, its document read (the rest is read
        when placed); None when there is none."""
        try:
            value = self._sources.read(key)
            if not isinstance(value, list) or len(value) != 5 or not isinstance(value[4], str):
                return None
            document = value[0]
            if isinstance(document, list) and len(document) > 2 and document[1] is None:  # left out by ``put``
                document = [document[0], data.decode(document[2]), *document[2:]]
            return StoredSource(_build(Document, document), value)
        except (ValueError, TypeError, KeyError, LookupError):  # LookupError: no such codec
            return None

    def put(self, key: str, value: SourceExtraction, made_of: str) -> None:
        """Store a source's extraction under its ``key``, with ``made_of``, the hash of what it gives a deck's
        notes (``cards.made_of``). Its document's text is left out when it is the file's bytes decoded (a plain
        text file: a third of the entry, which every rebuild reads): they encode to bytes of the entry's key, and
        ``get`` decodes them again."""
        encoded = _encode(value)
        document = value.document
        with contextlib.suppress(LookupError, UnicodeError):
            if self.key(Path(document.source), document.text.encode(document.encoding)) == key:
                encoded[0][1] = None
        self._sources.write(key, [*encoded, made_of])

    def use_words(self) -> None:
        """Give this process's jieba memo (``extract.words``) the answers stored by earlier runs (once)."""
        from .extract import words

        if self._words_stored is not None:
            return
        known = self._words.read(words_digest(self.config))
        self._words_stored = isinstance(known, dict) and all(
            type(known.get(kind)) is dict and all(type(answer) is kind_type for answer in known[kind].values())
            for kind, kind_type in _ANSWERS.items())
        if self._words_stored:
            memo = words.memo(self.config["extract"].get("user_dict"))
            dirty = memo.dirty
            words.preload(self.config["extract"].get("user_dict"), known)
            memo.dirty = dirty  # what was just read is stored already

    def save_words(self) -> None:
        """Store this process's jieba memo for the next run, if it learned anything (only its newest
        answers past ``MAX_WORDS``)."""
        from .extract import words

        memo = words.memo(self.config["extract"].get("user_dict"))
        if memo.dirty or not self._words_stored:
            known = memo.known if sum(map(len, memo.known.values())) <= MAX_WORDS else memo.learned
            self._words.write(words_digest(self.config), known)
            memo.dirty, self._words_stored = False, True

    def notes_key(self, sources: list[tuple[str, str]], inputs: object) -> str:
        """The key of a deck's notes: its sources (each path with its entry key) and ``inputs``, a JSON
        value holding everything else the notes are made from (config, deck settings, decisions)."""
        body = json.dumps([self.settings, sources, inputs], ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(body.encode()).hexdigest()

    def get_notes(self, key: str) -> DeckContent | None:
        """The deck notes stored under ``key`` (``put_notes``), None when there are none or they are not sound."""
        try:
            value = self._notes.read(key)
            if value is None:
                return None
            notes, lists, terms, unreviewed = value
            return DeckContent(_many(NoteSpec)(notes), _many(ExtractedList)(lists), _many(ExtractedTerm)(terms),
                               int(unreviewed))
        except (ValueError, TypeError, KeyError):
            return None

    def put_notes(self, key: str, content: DeckContent) -> None:
        self._notes.write(key, [_encode(content.notes), _encode(content.lists), _encode(content.terms),
                                content.unreviewed])

    def note_parts(self) -> NoteParts:
        """The memo of what each part of a deck made (``cards.PartMemo``), under these settings."""
        return NoteParts(self._parts, f"{self.settings}\0{words_digest(self.config)}")


class NoteParts:
    """What each part of a deck made towards its notes (``cards.PartMemo``), by a hash of the text of its
    inputs and of what else they were made with: deckgen, the extract settings and jieba (which segments
    items)."""

    def __init__(self, entries: _Entries, made_with: str):
        self._entries = entries
        self._made_with = made_with

    def _key(self, inputs: str) -> str:
        return hashlib.sha256(f"{self._made_with}\0{inputs}".encode()).hexdigest()

    def get(self, inputs: str) -> object | None:
        return self._entries.read(self._key(inputs))

    def put(self, inputs: str, made: list) -> None:
        self._entries.write(self._key(inputs), made)


# per kind of jieba answer (``extract.words.KINDS``), the JSON type a sound one has: the memo's hash and its
# key (deckgen's own code among it) vouch for the rest, and checking every word would cost what loading saves
_ANSWERS = {"cut": list, "tagged": list, "frequency": int, "flag": str}


@dataclasses.dataclass(frozen=True, slots=True)
class DeckContent:
    """What curating and note making give for a deck's extraction: its notes, the lists and terms they were
    made from (as curated), and how many candidates no review has decided on."""

    notes: tuple[NoteSpec, ...]
    lists: tuple[ExtractedList, ...]
    terms: tuple[ExtractedTerm, ...]
    unreviewed: int


@dataclasses.dataclass(frozen=True, slots=True)
class StoredSource:
    """A source's entry as read: its document, and the rest as stored until ``placed`` reads it."""

    document: Document
    value: list

    @property
    def made_of(self) -> str:
        """The hash of what the source gives a deck's notes (``cards.made_of``), as stored with it."""
        return self.value[4]

    def placed(self, source: str, first_index: int) -> SourceExtraction:
        """The entry as ``SourceExtraction.placed`` gives it, read in one pass; ``ValueError`` when it is
        not sound."""
        try:
            _, articles, lists, terms, _ = self.value
            return SourceExtraction(
                document=dataclasses.replace(self.document, source=source),
                articles=tuple(_build(Article, [a[0] + first_index, source, *a[2:]]) for a in articles),
                lists=_many_placed(ExtractedList, lists, first_index), terms=_many_placed(ExtractedTerm, terms, first_index))
        except (TypeError, KeyError, IndexError) as exc:
            raise ValueError(f"a cached source of another shape ({exc})") from None


def _many_placed(kind, values: list, first_index: int) -> tuple:
    """``kind``s (lists or terms) from JSON, their ``article`` numbered from ``first_index``."""
    at = _ARTICLE_FIELD[kind]
    return tuple(_build(kind, [*v[:at], v[at] + first_index, *v[at + 1:]] if first_index else v) for v in values)


# A cached value is its dataclasses as lists of field values, in field order (``_encode``); ``_build``
# rebuilds them, turning JSON lists back into the tuples the models hold.
def _encode(value: object) -> object:
    """``value`` as JSON writes it: a model as the list of its fields, a tuple of models as a list of those; the
    rest as it is (json writes a tuple of strings or numbers as an array itself: nothing to walk)."""
    holding = _HOLDING.get(type(value))
    if holding is not None:
        fields = list(map(value.__getattribute__, _FIELD_NAMES[type(value)]))
        for at in holding:
            fields[at] = _encode(fields[at])
        return fields
    if type(value) is tuple and value and type(value[0]) in _HOLDING:
        return list(map(_encode, value))
    return value


def _many(kind):
    return lambda values: tuple(_build(kind, v) for v in values)


def _optional_tuple(values):
    return None if values is None else tuple(values)


# per model, the fields that are not plain JSON values, and how to rebuild them
_NESTED = {
    Document: {"blocks": _optional_tuple},
    Paragraph: {"raw_starts": tuple, "noted": tuple},
    Section: {"paragraphs": _many(Paragraph)},
    Article: {"sections": _many(Section)},
    ExtractedList: {"items": tuple, "item_contexts": tuple},
    ExtractedTerm: {},
    NoteSpec: {"fields": tuple, "tags": tuple, "anchor": lambda v: None if v is None else _build(Anchor, v)},
    Anchor: {},
}


_FIELD_NAMES = {kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in (*_NESTED, SourceExtraction)}
# per model, where its fields hold models (or tuples of them): those rebuilt otherwise than as tuples; all of a
# SourceExtraction's
_HOLDING = {kind: tuple(at for at, name in enumerate(names)
                        if kind is SourceExtraction or _NESTED[kind].get(name) not in (None, tuple, _optional_tuple))
            for kind, names in _FIELD_NAMES.items()}
_ARTICLE_FIELD = {kind: _FIELD_NAMES[kind].index("article") for kind in (ExtractedList, ExtractedTerm)}


@functools.cache
def _rebuilders(kind) -> tuple:
    """Per field of ``kind``, in order: how to rebuild it from JSON (None: as it is)."""
    return tuple(_NESTED[kind].get(f.name) for f in dataclasses.fields(kind))


def _build(kind, values: list):
    rebuilders = _rebuilders(kind)
    if not isinstance(values, list) or len(values) != len(rebuilders):
        raise ValueError(f"a cached {kind.__name__} of another shape")
    return kind(*[v if rebuild is None else rebuild(v) for rebuild, v in zip(rebuilders, values)])
