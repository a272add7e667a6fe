"""Stage 6: write ``NoteSpec``s as an Anki package, and report what changed since the last build.

The only module that imports genanki. The note types (``notetypes.py``) are final:
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

``deckgen list size`` (standard; template Count; ``cards.kinds`` list_size, counted lists)
    Name       the list name
    Asked      the name with its count blanked (＿个必须坚持)
    Count      the number the name states
    Items      the items as a numbered ``<ol>``, empty when fewer or more were found
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
newer (``ANKI_NOTES.md``): each note's GUID is ``NoteSpec.guid``, which
``identity.assign`` sets (a first-built note's is ``note_guid(deck_key, kind,
key)``, never display text), and the package timestamp is the build time.
What was built last, and so what changed, is the identity store's to know
(``identity.py``): nothing is written beside the ``.apkg``.

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
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from .atomic import owned_temp_dir, write_atomically
from .display import visible
from .models import NoteSpec
from .notetypes import NOTE_TYPES

GUID_NAMESPACE = "deckgen"
_FIX = "check that the folder exists and is writable, or choose another output with -o"


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What ``write_package`` wrote."""

    output: Path
    decks: tuple[str, ...]
    notes: int
    cards: int
    timestamp: float
    card_names: dict[str, tuple[str, ...]]  # each note's cards (template names, c1, c2…), by GUID


def deck_id(name: str) -> int:
    """A stable genanki deck id for a deck name: never 1 (Anki's Default deck)."""
    return (1 << 40) + int.from_bytes(hashlib.sha1(name.encode()).digest()[:5], "big")


def note_guid(deck_key: str, kind: str, key: str) -> str:
    return genanki.guid_for(GUID_NAMESPACE, deck_key, kind, key)


def write_package(notes: Sequence[NoteSpec], output: Path, *, deck_key: str, description: str = "",
                  timestamp: float | None = None) -> PackageInfo:
    """Write ``notes`` to ``output`` (an .apkg), atomically.

    ``timestamp`` (seconds, default now) becomes every note's modification time:
    Anki updates an existing note only from a newer package. A note without a
    GUID (not through ``identity.assign``) gets its key's. The previous deck stays
    untouched when writing fails (``OutputError``).
    """
    output = Path(output)
    if timestamp is None:
        timestamp = time.time()
    decks: dict[str, genanki.Deck] = {}
    card_names: dict[str, tuple[str, ...]] = {}
    description = visible(description)
    for spec in map(_shown, notes):
        guid = spec.guid or note_guid(deck_key, spec.kind, spec.key)
        if guid in card_names:
            raise ValueError(f"two notes of kind {spec.kind!r} share the key {spec.key!r}")
        model = NOTE_TYPES[spec.kind]
        note = genanki.Note(model=model, fields=list(spec.fields), tags=list(spec.tags), guid=guid, due=spec.due)
        card_names[guid] = tuple(_card_names(model, note))
        deck = decks.get(spec.deck)
        if deck is None:
            deck = decks[spec.deck] = genanki.Deck(deck_id(spec.deck), spec.deck, description)
        deck.add_note(note)

    package = genanki.Package(list(decks.values()))
    write_atomically(output, lambda path: _write_apkg(package, path, timestamp), fix=_FIX)
    return PackageInfo(output=output, decks=tuple(decks), notes=len(card_names),
                       cards=sum(map(len, card_names.values())), timestamp=timestamp, card_names=card_names)


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
