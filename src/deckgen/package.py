"""Stage 6: write ``NoteSpec``s as an Anki package, and report what changed since the last build.

The only module that imports genanki. The four note types below are final:
their ids are constants generated once, and their field and template lists
must never change (Anki would import a "+" copy and stop updating notes). What
config changes is field content or template HTML only. Fields (``cards.FIELDS``):

``deckgen list item`` (cloze; one note per list item, always ``c1``)
    Text       the list's items as a numbered ``<ol>``: the asked item clozed
               (only its distinguishing part), the others shown per ``cue_style``
    List       the list name and its item count (shown above the blank)
    Source     article title, author and source sentence, answer highlighted
    TTS        non-empty: the answer is read aloud (zh_CN) on the back
    DeckgenID  stable hex id of the note, for ``deckgenid:…`` searches

``deckgen list`` (standard; templates Recite and Name)
    Name       the list name
    Items      the items as a numbered ``<ol>``
    Recite     the recite prompt ("按顺序说出全部 6 条"); empty: no Recite card
    Naming     the naming prompt ("这 6 条合称什么？"), counted lists only; empty: no Name card
    Source, TTS, DeckgenID  as above

``deckgen term`` (standard; templates Definition and Reverse)
    Term       the term (slogan, coined expression)
    Definition the definition (the text's, a glossary's or the lexicon's); a term without one has no term note
    Reverse    the definition with the term blanked (``cards.reverse``); empty: no Reverse card
    Source, TTS, DeckgenID  as above

``deckgen term cloze`` (cloze)
    Text       the context sentence, cut to ~150 characters, with the term as ``c1``
    Term       the term (for browsing and search)
    Source, TTS, DeckgenID  as above

Anki matches notes by GUID only, and updates one only when the package is
newer (``ANKI_NOTES.md``): the GUID is ``guid_for("deckgen", deck_key, kind,
key)``, never display text, and the package timestamp is the build time.

Beside ``x.apkg`` a manifest ``x.apkg.manifest.json`` records each note of the
build::

    {"format": 1, "deck_key": "...", "timestamp": 1767225600.0,
     "notes": {"<guid>": {"kind": "term", "key": "...", "id": "<DeckgenID>",
                          "deck": "学习::…", "hash": "<sha1 of fields+tags>",
                          "cards": ["Definition", "Reverse"]}}}

so the next build of the same deck key reports new / changed / unchanged /
retired notes and the cards a config change dropped, with Anki searches that
find them. The manifest is read back from disk, so it is checked entry by entry
and ignored as a whole when anything in it is odd (a timestamp of 1e300, a
``cards`` that is no list): losing it never stops a build.

genanki writes its SQLite database to a ``mkstemp`` file it never removes; here
$TMPDIR points at a folder deckgen owns for the duration (``owned_temp_dir``),
removed afterwards, and the previous build's files are cleaned if it was killed.
Field text, deck names, tags and the description go through
``display.visible``: no bidi override or other invisible character reaches Anki.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from .atomic import owned_temp_dir, read_state_json, write_atomically, write_text_atomically
from .cards import FIELDS
from .display import visible
from .models import NoteSpec
from .notetypes import NOTE_TYPES

MANIFEST_FORMAT = 1
_ENTRY_KEYS = {"kind", "key", "id", "deck", "hash", "cards"}
GUID_NAMESPACE = "deckgen"
_FIX = "check that the folder exists and is writable, or choose another output with -o"
# a manifest timestamp further ahead than this is not the clock of a previous build
FUTURE_SECONDS = 366 * 24 * 3600


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A note of an earlier build, named as a learner can find it: its cards, deck and search id."""

    kind: str
    key: str
    deck: str
    id: str
    cards: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Changes:
    """This build against the previous build of the same deck (all new when there is none).

    ``retired`` notes are no longer built (their text is gone, or their kind is
    turned off); ``dropped`` notes are still built but lost some cards (e.g.
    ``cards.reverse`` turned off: Anki keeps those cards, now empty). Import
    never deletes either: the searches find them in Anki, so the learner can
    delete them on purpose (Tools › Empty Cards also removes the dropped ones).
    """

    previous: bool
    new: int
    changed: int
    unchanged: int
    retired: tuple[NoteRef, ...] = ()
    retired_search: str = ""
    dropped: tuple[NoteRef, ...] = ()
    dropped_search: str = ""


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What ``write_package`` wrote."""

    output: Path
    manifest: Path
    decks: tuple[str, ...]
    notes: int
    cards: int
    timestamp: float
    changes: Changes


def deck_id(name: str) -> int:
    """A stable genanki deck id for a deck name: never 1 (Anki's Default deck)."""
    return (1 << 40) + int.from_bytes(hashlib.sha1(name.encode()).digest()[:5], "big")


def note_guid(deck_key: str, kind: str, key: str) -> str:
    return genanki.guid_for(GUID_NAMESPACE, deck_key, kind, key)


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + ".manifest.json")


def write_package(notes: Sequence[NoteSpec], output: Path, *, deck_key: str, description: str = "",
                  timestamp: float | None = None) -> PackageInfo:
    """Write ``notes`` to ``output`` (an .apkg) and its manifest, each atomically.

    ``timestamp`` (seconds) becomes every note's modification time: Anki updates
    an existing note only from a newer package. By default it is the build time,
    and always at least a second past the previous build's. The previous deck
    stays untouched when writing fails (``OutputError``).
    """
    output = Path(output)
    manifest = manifest_path(output)
    previous = _read_manifest(manifest, deck_key)
    if timestamp is None:
        timestamp = max(time.time(), math.floor(previous.get("timestamp", 0)) + 1)

    decks: dict[str, genanki.Deck] = {}
    entries: dict[str, dict] = {}
    cards = 0
    description = visible(description)
    for spec in map(_shown, notes):
        guid = note_guid(deck_key, spec.kind, spec.key)
        if guid in entries:
            raise ValueError(f"two notes of kind {spec.kind!r} share the key {spec.key!r}")
        model = NOTE_TYPES[spec.kind]
        note = genanki.Note(model=model, fields=list(spec.fields), tags=list(spec.tags), guid=guid, due=spec.due)
        names = _card_names(model, note)
        cards += len(names)
        deck = decks.get(spec.deck)
        if deck is None:
            deck = decks[spec.deck] = genanki.Deck(deck_id(spec.deck), spec.deck, description)
        deck.add_note(note)
        search_id = spec.fields[FIELDS[spec.kind].index("DeckgenID")]
        entries[guid] = {"kind": spec.kind, "key": spec.key, "id": search_id, "deck": spec.deck,
                         "hash": _content_hash(spec), "cards": names}

    package = genanki.Package(list(decks.values()))
    write_atomically(output, lambda path: _write_apkg(package, path, timestamp), fix=_FIX)
    data = {"format": MANIFEST_FORMAT, "deck_key": deck_key, "timestamp": timestamp, "notes": entries}
    write_text_atomically(manifest, json.dumps(data, ensure_ascii=False, indent=1), fix=_FIX)
    return PackageInfo(output=output, manifest=manifest, decks=tuple(decks), notes=len(entries), cards=cards,
                       timestamp=timestamp, changes=compare(previous.get("notes"), entries))


def _shown(spec: NoteSpec) -> NoteSpec:
    """``spec`` as a learner sees it: no invisible format characters in its fields, deck or tags."""
    return dataclasses.replace(spec, fields=tuple(map(visible, spec.fields)), deck=visible(spec.deck),
                               tags=tuple(map(visible, spec.tags)))


@contextlib.contextmanager
def _temp_dir_for_genanki():
    """genanki makes its database with a bare ``mkstemp()`` and never removes it: point $TMPDIR's
    default at a folder deckgen removes afterwards."""
    with owned_temp_dir() as folder:
        saved = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield folder
        finally:
            tempfile.tempdir = saved


def _write_apkg(package: genanki.Package, path: Path, timestamp: float) -> None:
    with _temp_dir_for_genanki() as folder:
        try:
            package.write_to_file(str(path), timestamp=timestamp)
        except sqlite3.Error as exc:  # a full $TMPDIR is "database or disk is full", not an OSError
            raise OSError(f"the deck's database in {folder.parent}: {exc}; free space there or set TMPDIR "
                          "to another folder") from None


def _card_names(model: genanki.Model, note: genanki.Note) -> list[str]:
    """Names of the cards genanki makes for ``note``: template names, or c1, c2… for a cloze."""
    if model.model_type == genanki.Model.CLOZE:
        return [f"c{card.ord + 1}" for card in note.cards]
    return [model.templates[card.ord]["name"] for card in note.cards]


def _content_hash(spec: NoteSpec) -> str:
    return hashlib.sha1(json.dumps([spec.fields, spec.tags], ensure_ascii=False).encode()).hexdigest()


def compare(previous: dict[str, dict] | None, current: dict[str, dict]) -> Changes:
    """Changes between two manifests' ``notes`` (``previous`` None: a first build)."""
    if previous is None:
        return Changes(previous=False, new=len(current), changed=0, unchanged=0)
    kept = [guid for guid in current if guid in previous]
    changed = sum(current[guid]["hash"] != previous[guid]["hash"] for guid in kept)
    retired = tuple(_ref(entry, entry["cards"]) for guid, entry in previous.items() if guid not in current)
    dropped = tuple(
        _ref(previous[guid], lost) for guid in kept
        if (lost := [name for name in previous[guid]["cards"] if name not in current[guid]["cards"]]))
    return Changes(previous=True, new=len(current) - len(kept), changed=changed, unchanged=len(kept) - changed,
                   retired=retired, retired_search=search_for(retired),
                   dropped=dropped, dropped_search=search_for(dropped, by_card=True))


def _ref(entry: dict, cards: Sequence[str]) -> NoteRef:
    return NoteRef(kind=entry["kind"], key=entry["key"], deck=entry["deck"], id=entry["id"], cards=tuple(cards))


def search_for(refs: Sequence[NoteRef], *, by_card: bool = False) -> str:
    """An Anki search (Browse) for these notes, or with ``by_card`` only for their listed cards."""
    if not by_card:
        return _any_of(f"deckgenid:{ref.id}" for ref in refs)
    by_name: dict[str, list[str]] = {}
    for ref in refs:
        for name in ref.cards:
            by_name.setdefault(name, []).append(f"deckgenid:{ref.id}")
    return _any_of(f'("card:{name}" {_any_of(ids)})' for name, ids in sorted(by_name.items()))


def _any_of(terms: Iterable[str]) -> str:
    terms = list(terms)
    return f"({' OR '.join(terms)})" if terms else ""


def _valid_entry(entry: object) -> bool:
    """A manifest note entry as ``write_package`` writes it."""
    return (isinstance(entry, dict) and _ENTRY_KEYS <= entry.keys() and entry["kind"] in NOTE_TYPES
            and all(isinstance(entry[key], str) for key in ("key", "id", "deck", "hash"))
            and isinstance(entry["cards"], list) and all(isinstance(name, str) for name in entry["cards"]))


def _read_manifest(path: Path, deck_key: str) -> dict:
    """The previous build's manifest for this deck key; empty when absent, unreadable, another deck's or odd
    in any way (a timestamp that is no recent time, an entry not as written here).

    A manifest is a convenience: losing it must never stop a build.
    """
    data = read_state_json(path)
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or data.get("deck_key") != deck_key:
        return {}
    stamp = data.get("timestamp", 0)
    if isinstance(stamp, bool) or not isinstance(stamp, (int, float)) or not math.isfinite(stamp) \
            or not 0 <= stamp <= time.time() + FUTURE_SECONDS:
        return {}
    notes = data.get("notes")
    if not isinstance(notes, dict) or not all(_valid_entry(entry) for entry in notes.values()):
        return {}
    return data
