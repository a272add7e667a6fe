"""Note identities that survive source edits: the identity store and carrying.

Anki matches a note by its GUID only (``ANKI_NOTES.md``). A note first built
gets the GUID of its key (``package.note_guid``: the deck key, its kind and the
key of the list or term it was made from); from then on the **identity store**
remembers it, with what the note was made from (``models.Anchor``), so the next
build can tell a reworded note from a new one, the way git detects renames:

* a note whose kind and key the store knows keeps its GUID and DeckgenID;
* a note of the previous build that is gone, and a new note of the same kind in
  the same place that is similar enough (``similar``), are one note: the new one
  **carries** the old GUID and DeckgenID, so Anki updates it in place and the
  learner keeps its history. The same place is: for a list item, the same list
  (or the list it was renamed from: most of its items are the old list's) at the
  same or a neighbouring position; for a list, the list it was renamed from; for a
  term, the same source and nearly the same sentence (``SAME_SENTENCE``);
* every other note is new; a note of the previous build nobody carries is
  **retired**: it stays in the store, reported with an Anki search on every
  build, until the organiser confirms it (``deckgen build --forget-retired``).
  A retired note whose content comes back gets its identity back.

Where the store lives: for a deck folder, ``deck.lock.json`` in the folder (the
organiser commits it, like a lock file, so a fresh clone builds the same GUIDs;
written with sorted keys and one note a line, so a rebuild's diff is small);
for files built without a deck folder, ``builds/<hash of the output path>.json``
under the state folder (``registry.state_dir``). Nothing is written beside the
``.apkg``. The store is read back from disk, so it is checked entry by entry and
ignored as a whole when anything in it is odd: a lost or damaged store means
fresh identities (today's key GUIDs), never an error. A store-less build reads
the ``x.apkg.manifest.json`` an older deckgen left beside the deck (format 1,
which has no anchors: its notes keep their GUIDs by key, and its timestamp
orders the next package), and the build then removes it.
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import math
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .atomic import read_state_json, write_text_atomically
from .errors import DeckgenError
from .cards import FIELDS, note_id
from .models import Anchor, NoteSpec
from .registry import output_state
from .text import match_key

STORE_FORMAT = 2
LEGACY_FORMAT = 1  # the x.apkg.manifest.json beside the deck, before the store
LOCK_FILE = "deck.lock.json"

# Two wordings are one note when difflib's ratio of their matching keys is at least MIN_RATIO, they share at
# least MIN_SHARED characters, and a run of MIN_RUN of them (a word, not scattered characters). On the edits of
# tests/test_identity.py: 以智治更便民 → 以智治惠民生 is 0.67 (4 shared, a run of 3), 一门式 → 一门式办理 0.75,
# 以法治筑平安促和谐 → its split half 以法治筑平安 0.8; two different items of one list in one place,
# 以德治润民心 and 以智治更便民, are 0.5 with 3 shared, but only single characters (以, 治, 民): not one item.
# A list's shared prefix or suffix (必须坚持 of 必须坚持人民至上, 必须坚持自信自立…) is left out first: it says nothing.
MIN_RATIO = 0.5
MIN_SHARED = 3
MIN_RUN = 2
# a term's sentence is "the same" when its matching key is this close to the old one's (the term's own edit
# changes a few characters of it)
SAME_SENTENCE = 0.8
NEIGHBOURS = 1  # positions a list item may move and still be the same item
_ENTRY_FIELDS = {"kind": str, "key": str, "id": str, "deck": str, "hash": str, "cards": list}
_ANCHOR_FIELDS = {"group": str, "at": int, "text": str, "source": str, "sentence": str}
_ENTRY_TYPES, _ANCHOR_TYPES = tuple(_ENTRY_FIELDS.values()), tuple(_ANCHOR_FIELDS.values())
# a stored timestamp further ahead than this is not the clock of a previous build
FUTURE_SECONDS = 366 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Entry:
    """A note as the store remembers it: its identity, what it was made from, and what was built."""

    kind: str
    key: str
    id: str  # the DeckgenID
    deck: str
    hash: str  # of its fields and tags: tells a changed note from an unchanged one
    cards: tuple[str, ...]  # card names, as genanki made them
    anchor: Anchor | None = None  # None: read from a format-1 manifest


@dataclass(frozen=True, slots=True)
class Store:
    """An identity store as read: ``notes`` of the previous build and ``retired`` notes not yet confirmed, by GUID."""

    deck_key: str
    timestamp: float = 0.0
    digest: str = ""  # of the previous build's package content (``api.package_digest``)
    notes: Mapping[str, Entry] = dataclasses.field(default_factory=dict)
    retired: Mapping[str, Entry] = dataclasses.field(default_factory=dict)
    found: bool = False  # False: there was none (or it was unreadable): every identity is fresh


@dataclass(frozen=True, slots=True)
class Carry:
    """A note that took the identity of a gone one: shown as ``reworded: old → new``."""

    kind: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A note of an earlier build, named as a learner can find it: its cards, deck and search id."""

    kind: str
    key: str
    deck: str
    id: str
    cards: tuple[str, ...]
    text: str = ""


@dataclass(frozen=True, slots=True)
class Changes:
    """This build against the previous build of the same deck (all new when there is none).

    ``reworded`` notes kept their identity but read otherwise; ``retired`` notes are no
    longer built (their text is gone, or their kind is turned off) and not yet
    confirmed with ``--forget-retired``; ``dropped`` notes are still built but
    lost some cards (e.g. ``cards.reverse`` turned off: Anki keeps those cards,
    now empty). Import never deletes either: the searches find them in Anki, so
    the learner can delete them on purpose (Tools › Empty Cards also removes the
    dropped ones).
    """

    previous: bool
    new: int
    changed: int
    unchanged: int
    reworded: tuple[Carry, ...] = ()
    retired: tuple[NoteRef, ...] = ()
    retired_search: str = ""
    dropped: tuple[NoteRef, ...] = ()
    dropped_search: str = ""
    forgotten: int = 0  # retired notes confirmed by this build (--forget-retired)


# --- where the store lives ---------------------------------------------------------------------------------

def folder_store(folder: Path) -> Path:
    return folder / LOCK_FILE


def output_store(output: Path) -> Path:
    """The store of a deck built from files: in the state folder, named after the output's resolved path."""
    return output_state("builds", output)


def legacy_manifest(output: Path) -> Path:
    """Where deckgen before the store wrote ``x.apkg.manifest.json``: beside the deck."""
    return output.with_name(output.name + ".manifest.json")


# --- reading ------------------------------------------------------------------------------------------------

def load_store(path: Path, deck_key: str, *, legacy: Path | None = None) -> Store:
    """The store at ``path`` for ``deck_key``; else the format-1 manifest ``legacy``; else an empty store."""
    data = read_state_json(path)
    store = _parse(data, deck_key, STORE_FORMAT)
    if store is None and legacy is not None:
        store = _parse(read_state_json(legacy), deck_key, LEGACY_FORMAT)
    return store if store is not None else Store(deck_key=deck_key)


def _parse(data: object, deck_key: str, format_: int) -> Store | None:
    """A store (or a format-1 manifest) as written, or None when anything in it is odd or it is another deck's."""
    if not isinstance(data, dict) or data.get("format") != format_ or data.get("deck_key") != deck_key:
        return None
    stamp = data.get("timestamp", 0)
    if isinstance(stamp, bool) or not isinstance(stamp, (int, float)) or not math.isfinite(stamp) \
            or not 0 <= stamp <= time.time() + FUTURE_SECONDS:
        return None
    sections = [data.get("notes")] + ([data.get("retired", {})] if format_ == STORE_FORMAT else [{}])
    if not all(isinstance(section, dict) for section in sections):
        return None
    parsed = [{guid: _entry(raw, with_anchor=format_ == STORE_FORMAT) for guid, raw in section.items()}
              for section in sections]
    if any(entry is None for section in parsed for entry in section.values()):
        return None
    digest = data.get("digest", "")
    return Store(deck_key=deck_key, timestamp=float(stamp), digest=digest if isinstance(digest, str) else "",
                 notes=parsed[0], retired=parsed[1], found=True)


def _entry(raw: object, *, with_anchor: bool) -> Entry | None:
    """An entry as read from JSON, None when it is odd. Its values are JSON's, so their exact types are
    checked (a bool is no int), in one pass over them: a store holds every note of the deck."""
    if type(raw) is not dict or tuple(map(type, map(raw.get, _ENTRY_FIELDS))) != _ENTRY_TYPES \
            or raw["kind"] not in FIELDS or not set(map(type, raw["cards"])) <= {str}:
        return None
    anchor = None
    if with_anchor and "anchor" in raw:
        at = raw["anchor"]
        if type(at) is not dict or tuple(map(type, map(at.get, _ANCHOR_FIELDS))) != _ANCHOR_TYPES:
            return None
        anchor = Anchor(*map(at.__getitem__, _ANCHOR_FIELDS))
    return Entry(kind=raw["kind"], key=raw["key"], id=raw["id"], deck=raw["deck"], hash=raw["hash"],
                 cards=tuple(raw["cards"]), anchor=anchor)


# --- assigning identities ---------------------------------------------------------------------------------

def assign(notes: Sequence[NoteSpec], store: Store, *, carry: bool = True) -> tuple[NoteSpec, ...]:
    """``notes`` with their GUIDs: the store's for a known key, a gone note's when reworded (see the module
    docstring; ``carry`` False, or a note's own ``carry`` False: never), else the key's own.

    A DeckgenID goes with its GUID. A fresh GUID never repeats one in use (a key whose GUID a reworded
    note carries gets a salted one), so a package never holds two notes with one GUID.
    """
    from .package import note_guid

    known = {(entry.kind, entry.key): guid for guid, entry in (*store.retired.items(), *store.notes.items())}
    chosen: dict[int, str] = {}
    for i, note in enumerate(notes):
        guid = known.get((note.kind, note.key))
        # a note that may not carry gives back an identity carried to it before
        if guid is not None and (note.carry or guid == note_guid(store.deck_key, note.kind, note.key)):
            chosen[i] = guid
    if carry:
        taken = set(chosen.values())
        gone = {guid: entry for guid, entry in (*store.retired.items(), *store.notes.items())
                if guid not in taken and entry.anchor is not None}
        pending = [i for i, note in enumerate(notes) if i not in chosen and note.anchor is not None and note.carry]
        chosen.update(_carry(notes, pending, gone, store))
    everything = {**store.retired, **store.notes}
    used = set(chosen.values())
    out = []
    for i, note in enumerate(notes):
        if i in chosen:
            guid, search_id = chosen[i], everything[chosen[i]].id
        else:
            guid, search_id = _fresh(store.deck_key, note, used)
            used.add(guid)
        out.append(dataclasses.replace(note, guid=guid, fields=_with_id(note, search_id)))
    return tuple(out)


def _fresh(deck_key: str, note: NoteSpec, used: set[str]) -> tuple[str, str]:
    """The key's GUID and DeckgenID, salted until the GUID is not one already in use."""
    from .package import note_guid  # genanki: loaded when a note needs a GUID, not by ``deckgen --help``

    key, salt = note.key, 0
    guid = note_guid(deck_key, note.kind, key)
    while guid in used:
        salt += 1
        key = f"{note.key}#{salt}"
        guid = note_guid(deck_key, note.kind, key)
    return guid, note_id(deck_key, note.kind, key)


def _with_id(note: NoteSpec, search_id: str) -> tuple[str, ...]:
    fields = list(note.fields)
    fields[FIELDS[note.kind].index("DeckgenID")] = search_id
    return tuple(fields)


def _carry(notes: Sequence[NoteSpec], pending: list[int], gone: Mapping[str, Entry],
           store: Store) -> list[tuple[int, str]]:
    """(note index, GUID) of each pending note that carries a gone note's identity."""
    if not pending or not gone:
        return []
    renamed = _renamed_lists(notes, store)
    pairs: list[tuple[int, str]] = []
    done: set[int] = set()
    taken: set[str] = set()

    def take(found: Iterable[tuple[int, str]]) -> None:
        for i, guid in found:
            if i not in done and guid not in taken:
                pairs.append((i, guid))
                done.add(i)
                taken.add(guid)

    by_group: dict[tuple[str, str], list[int]] = {}
    for i in pending:
        note = notes[i]
        group = renamed.get(note.anchor.group, note.anchor.group)
        by_group.setdefault((note.kind, group), []).append(i)
    for (kind, group), indexes in by_group.items():
        if kind in ("term", "term_cloze"):
            continue
        olds = [(guid, e) for guid, e in gone.items() if e.kind == kind and e.anchor.group == group]
        if kind in ("list", "list_size"):  # one note per list
            take((i, guid) for i in indexes[:1] for guid, _ in olds[:1])
            continue
        # the same item in a renamed list: the same text
        take((i, guid) for i in indexes for guid, e in olds
             if match_key(e.anchor.text) == match_key(notes[i].anchor.text))
        rest = [(guid, e) for guid, e in olds if guid not in taken]
        left = [i for i in indexes if i not in done]
        siblings = [e.anchor.text for e in (*store.notes.values(), *gone.values())
                    if e.kind == kind and e.anchor and e.anchor.group == group]
        siblings += [n.anchor.text for n in notes
                     if n.kind == kind and n.anchor and renamed.get(n.anchor.group, n.anchor.group) == group]
        matched = pair_items([(e.anchor.at, e.anchor.text) for _, e in rest],
                             [(notes[i].anchor.at, notes[i].anchor.text) for i in left], siblings)
        take((left[n], rest[o][0]) for o, n in matched)
    terms = [i for i in pending if notes[i].kind in ("term", "term_cloze")]
    # a term that names a renamed list (五治融合 of the list 五治融合) is renamed with it
    with_list = {_tail(new): _tail(old) for new, old in renamed.items()}
    scored = []
    for i in terms:
        a = notes[i].anchor
        for guid, e in gone.items():
            if e.kind != notes[i].kind or e.anchor.source != a.source:
                continue
            if with_list.get(_tail(a.group)) == _tail(e.anchor.group):
                scored.append((1.0, i, guid))
            elif _ratio(e.anchor.sentence, a.sentence) >= SAME_SENTENCE and (score := similar(e.anchor.text, a.text)):
                scored.append((score, i, guid))
    take((i, guid) for _, i, guid in sorted(scored, key=lambda s: -s[0]))
    return pairs


def _renamed_lists(notes: Sequence[NoteSpec], store: Store) -> dict[str, str]:
    """new list id → the old list id it was renamed from: the old list is gone, the new one is new, both are
    from one source, and at least half the items of the longer one are the other's."""
    items_of = _list_items((n.anchor for n in notes if n.kind == "list_item"))
    old_items = _list_items((e.anchor for e in store.notes.values() if e.kind == "list_item" and e.anchor))
    source_of = {n.anchor.group: n.anchor.source for n in notes if n.kind in ("list_item", "list")}
    old_source = {e.anchor.group: e.anchor.source for e in store.notes.values()
                  if e.kind in ("list_item", "list") and e.anchor}
    gone = [g for g in old_items if g not in items_of]
    renamed: dict[str, str] = {}
    for group, items in items_of.items():
        if group in old_items or group in old_source:
            continue
        best = max(((len(items & old_items[g]), g) for g in gone
                    if g not in renamed.values() and old_source.get(g) == source_of.get(group)), default=(0, ""))
        if best[0] and 2 * best[0] >= max(len(items), len(old_items[best[1]])):
            renamed[group] = best[1]
    return renamed


def _tail(group: str) -> str:
    """A list's or term's id without its kind: list:五治融合 → 五治融合."""
    return group.split(":", 1)[-1]


def _list_items(anchors: Iterable[Anchor]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a in anchors:
        out.setdefault(a.group, set()).add(match_key(a.text))
    return out


def pair_items(old: Sequence[tuple[int, str]], new: Sequence[tuple[int, str]],
               siblings: Sequence[str] = ()) -> list[tuple[int, int]]:
    """(old index, new index) of list items that are one item reworded: at the same or a neighbouring
    position (a position below 0 is unknown: anywhere) and ``similar``, the most similar first.

    ``siblings``, every item of the list (old and new wordings), tell what all items share: it is
    left out of the comparison. Also used by ``curate.merge``, so that ``deckgen review`` shows a
    reworded item as one changed item.
    """
    texts = [text for _, text in (*old, *new)]
    prefix, suffix = _shared_affixes([*siblings, *texts])
    core = {text: text[len(prefix):len(text) - len(suffix)] or text for text in texts}
    scored = []
    for o, (at_old, old_text) in enumerate(old):
        for n, (at_new, new_text) in enumerate(new):
            if at_old >= 0 and at_new >= 0 and abs(at_old - at_new) > NEIGHBOURS:
                continue
            score = similar(core[old_text], core[new_text])
            if score:
                scored.append((score, -abs(at_old - at_new), o, n))
    pairs, olds, news = [], set(), set()
    for _, _, o, n in sorted(scored, reverse=True):
        if o not in olds and n not in news:
            pairs.append((o, n))
            olds.add(o)
            news.add(n)
    return pairs


def _shared_affixes(texts: Sequence[str]) -> tuple[str, str]:
    """The prefix and suffix every text shares, each when two characters or more (as ``cards.cloze_parts``
    leaves them out of a blank; a single 以 of 以政治强引领, 以法治筑平安 is part of each item)."""
    if len(set(texts)) < 2:
        return "", ""
    prefix = os.path.commonprefix(list(texts))
    suffix = os.path.commonprefix([text[len(prefix):][::-1] for text in texts])[::-1]
    return (prefix if len(prefix) >= 2 else ""), (suffix if len(suffix) >= 2 else "")


def similar(old: str, new: str) -> float:
    """How alike two wordings are (difflib's ratio of their matching keys), or 0 when too little for one note."""
    a, b = match_key(old), match_key(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
        return 0.0  # upper bounds of the ratio, cheap: most pairs compared are far apart
    blocks = [block.size for block in matcher.get_matching_blocks()]
    ratio = matcher.ratio()
    return ratio if ratio >= MIN_RATIO and sum(blocks) >= MIN_SHARED and max(blocks) >= MIN_RUN else 0.0


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


# --- comparing and saving ---------------------------------------------------------------------------------

def entries(notes: Sequence[NoteSpec], cards: Mapping[str, Sequence[str]]) -> dict[str, Entry]:
    """The store's entries for built ``notes`` (with GUIDs), given each note's card names by GUID."""
    return {note.guid: Entry(kind=note.kind, key=note.key, id=note.fields[FIELDS[note.kind].index("DeckgenID")],
                             deck=note.deck, hash=content_hash(note), cards=tuple(cards[note.guid]),
                             anchor=note.anchor)
            for note in notes}


def content_hash(note: NoteSpec) -> str:
    return hashlib.sha1(json.dumps([note.fields, note.tags], ensure_ascii=False).encode()).hexdigest()


def compare(store: Store, current: Mapping[str, Entry], *, forget_retired: bool = False) -> tuple[Changes, Store]:
    """This build's changes against ``store``, and the store to save: ``current`` notes, and the retired ones
    (the previous build's notes not built now, and those retired before; none with ``forget_retired``).

    A note is reworded when it keeps its identity but its item, list name or term reads otherwise: carried
    here, or kept by the item id of candidates.yaml (``curate``).
    """
    retired = {guid: e for guid, e in {**store.retired, **store.notes}.items() if guid not in current}
    forgotten = len(retired) if forget_retired else 0
    if forget_retired:
        retired = {}
    refs = tuple(_ref(e, e.cards) for e in retired.values())
    after = dataclasses.replace(store, notes=dict(current), retired=retired, found=True)
    if not store.found:
        return Changes(previous=False, new=len(current), changed=0, unchanged=0, forgotten=forgotten), after
    previous = store.notes
    kept = [guid for guid in current if guid in previous]
    changed = sum(current[guid].hash != previous[guid].hash for guid in kept)
    dropped = tuple(
        _ref(previous[guid], lost) for guid in kept
        if (lost := [name for name in previous[guid].cards if name not in current[guid].cards]))
    changes = Changes(previous=True, new=len(current) - len(kept), changed=changed, unchanged=len(kept) - changed,
                      reworded=_reworded(previous, current, kept), retired=refs, retired_search=search_for(refs),
                      dropped=dropped, dropped_search=search_for(dropped, by_card=True), forgotten=forgotten)
    return changes, after


def _reworded(previous: Mapping[str, Entry], current: Mapping[str, Entry], kept: Sequence[str]) -> tuple[Carry, ...]:
    """One ``Carry`` per rewording (a term's two notes, a list and its name's term, are one)."""
    found: dict[tuple[str, str], Carry] = {}
    for guid in kept:
        old, new = previous[guid].anchor, current[guid].anchor
        if old is not None and new is not None and match_key(old.text) != match_key(new.text):
            found.setdefault((old.text, new.text), Carry(current[guid].kind, old.text, new.text))
    return tuple(found.values())


def _ref(entry: Entry, cards: Sequence[str]) -> NoteRef:
    return NoteRef(kind=entry.kind, key=entry.key, deck=entry.deck, id=entry.id, cards=tuple(cards),
                   text=entry.anchor.text if entry.anchor else "")


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


def dump_store(store: Store) -> str:
    """The store's text: sorted keys, one note a line, so that a rebuild's diff shows only the notes that changed."""
    def entry(e: Entry) -> str:
        data = {"kind": e.kind, "key": e.key, "id": e.id, "deck": e.deck, "hash": e.hash, "cards": list(e.cards)}
        if e.anchor is not None:
            data["anchor"] = {name: getattr(e.anchor, name) for name in _ANCHOR_FIELDS}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def section(entries: Mapping[str, Entry]) -> str:
        lines = [f"  {json.dumps(guid, ensure_ascii=False)}: {entry(entries[guid])}" for guid in sorted(entries)]
        return "{\n" + ",\n".join(lines) + "\n }" if lines else "{}"

    head = {"deck_key": store.deck_key, "digest": store.digest, "format": STORE_FORMAT}
    fields = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
    fields += [f' "notes": {section(store.notes)}', f' "retired": {section(store.retired)}',
               f' "timestamp": {json.dumps(store.timestamp)}']
    return "{\n" + ",\n".join(fields) + "\n}\n"


def save_store(path: Path, store: Store) -> list[str]:
    """Write the identity store if its text changed (a warning when it cannot be written: the deck is built)."""
    text = dump_store(store)
    try:
        if path.read_text(encoding="utf-8") == text:
            return []
    except (OSError, UnicodeDecodeError):
        pass
    try:
        write_text_atomically(path, text, fix="")
    except DeckgenError:
        return [f"{path}: cannot be written; the next build cannot tell reworded notes from new ones, "
                "and its notes get the GUIDs of their text (make the folder writable)"]
    return []
