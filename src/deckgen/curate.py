"""Curation: ``candidates.yaml``, where a deck's organiser decides what goes into the deck.

``deckgen review`` writes one entry per list or term the extractor found (at
every confidence), in source order, each with its stable ``id`` — the ``key`` of
its notes' GUIDs from then on — and room for decisions: keep or drop, an edited
name, edited items, an edited definition, extra tags. ``deckgen build`` applies
them; an entry left undecided follows ``review.undecided`` in the config.

Running review again merges. The ``found`` fingerprint of each entry records
what the extractor found when the file was written, which tells the
organiser's edits from changes in the sources:

* content the organiser did not edit follows the sources;
* edited content is kept; when the sources changed under it, the items found
  now that the edited list lacks are added, marked ``new`` (an item deleted
  by hand comes back only then, for another look);
* candidates found for the first time are marked ``new``; candidates no longer
  found are kept, marked ``missing`` (and not built), never silently dropped.

A list item carries its own id (the matching key of its text as first found, or
of the text it was added with), so a reworded item keeps its note and the
learner's review history.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from .atomic import write_text_atomically
from .cards import clip
from .config import read_yaml_document
from .errors import ConfigError
from .models import ExtractedList, ExtractedTerm, Extraction, NoteSpec
from .text import match_key

CANDIDATES_FILE = "candidates.yaml"
DECISIONS = ("keep", "drop")
CONTEXT_LIMIT = 60  # characters of a term's context shown to the reviewer

# Keys deckgen writes and refreshes (the organiser leaves them) and keys the organiser edits.
_INFO_KEYS = ("id", "status", "source", "confidence", "rule", "context", "found")
_EDIT_KEYS = {"list": ("decision", "name", "items", "tags", "carry"),
              "term": ("decision", "term", "definition", "tags", "carry")}
_ALLOWED = {"list": set(_INFO_KEYS) - {"context"} | set(_EDIT_KEYS["list"]),
            "term": set(_INFO_KEYS) | set(_EDIT_KEYS["term"])}
_ITEM_KEYS = {"id", "text", "status"}

HEADER = """\
# Candidates for the deck {deck} ({folder}), written by `deckgen review {folder}`.
# Edit the decisions, then run `deckgen build {folder}`. Running review again keeps
# your decisions: new candidates are marked `status: new`, candidates no longer found
# in the sources are kept and marked `status: missing` (they are not built); an item
# reworded in the sources keeps its id (and its notes), marked `status: changed`.
#
# One entry per list or term, in source order. Written by deckgen (leave them be):
#   id          the entry's identity: its notes in Anki are keyed by it (never edit it)
#   source      file:line where it was found; confidence (0-1) and rule: how sure, and why
#   context     (terms) the sentence it was found in
#   found       a fingerprint of what the extractor found: it tells your edits from source changes
# Your decisions:
#   decision    keep or drop; left empty, review.undecided in config.yaml decides
#   name        (lists) the list's name, as the cards show it
#   items       (lists) one line per item, in order: reword the text (its id keeps the learner's
#               history), reorder or delete lines, or add a line `- 新的条目` (it gets an id)
#   term        (terms) the term, as the cards show it
#   definition  (terms) what it means; empty: the card shows the sentence it was found in
#   tags        extra Anki tags for the entry's notes, e.g. tags: [重点]
#   carry       no: a reworded item or term of this entry becomes a new note (its old note is
#               retired) instead of updating the old note, e.g. when the meaning changed
"""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    new: bool = False  # found since the last review
    changed: bool = False  # reworded in the sources since the last review (it keeps its id: ``identity.pair_items``)


@dataclass(frozen=True, slots=True)
class Entry:
    """One list or term of ``candidates.yaml``: what was found, and what the organiser decided."""

    id: str  # "list:<key>" or "term:<key>", as extracted
    name: str  # the list's name or the term
    items: tuple[Item, ...] = ()  # lists only
    definition: str | None = None  # terms only
    decision: str | None = None  # "keep", "drop" or None (undecided)
    tags: tuple[str, ...] = ()
    carry: bool = True  # False: its reworded notes start anew (``identity.assign``), its items keep no old id
    status: str | None = None  # "new", "changed" or "missing", as of the last review
    found: str = ""  # fingerprint of the extracted content at the last review
    source: str = ""
    confidence: float = 0.0
    rule: str = ""
    context: str = ""  # terms only
    line: int = dataclasses.field(default=0, compare=False)  # where it stands in the file (0: not from a file)

    @property
    def kind(self) -> str:
        return "list" if self.id.startswith("list:") else "term"

    def fingerprint(self) -> str:
        """A short hash of the content an organiser may edit (not decisions, not tags)."""
        content = [self.name, [[item.id, item.text] for item in self.items], self.definition]
        return hashlib.sha1(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Review:
    """The merged candidates and how they compare with the file they were merged into."""

    entries: tuple[Entry, ...]
    first: bool  # there was no candidates file yet
    new: int
    kept: int
    changed: int  # kept entries whose extraction changed since the last review
    missing: int
    reworded: int = 0  # items reworded in the sources, each one changed item (it keeps its id)


@dataclass(frozen=True, slots=True)
class Curated:
    """What a deck is built from: the kept lists and terms with the organiser's edits, at every occurrence."""

    extraction: Extraction
    item_ids: dict[str, tuple[str, ...]]  # list id → its items' ids, parallel to the items
    tags: dict[str, tuple[str, ...]]  # entry id → its extra tags
    unreviewed: int  # candidates found since the last review (built per review.undecided)
    no_carry: frozenset[str] = frozenset()  # ids of the entries whose notes never carry another's identity


Found = ExtractedList | ExtractedTerm


def occurrences_by_id(extraction: Extraction) -> dict[str, list[Found]]:
    """Every occurrence of each list (with items: none makes no card) and term, grouped by id, in source order."""
    found: list[Found] = [*(lst for lst in extraction.lists if lst.items), *extraction.terms]
    grouped: dict[str, list[Found]] = {}
    for thing in sorted(found, key=lambda x: (x.article, x.line, isinstance(x, ExtractedTerm))):
        grouped.setdefault(thing.id, []).append(thing)
    return grouped


def candidate(occurrences: Sequence[Found], extraction: Extraction, root: Path | None = None) -> Entry:
    """The entry for a list or term as extracted (first occurrence's content), undecided."""
    places = []
    for thing in occurrences:
        path = extraction.articles[thing.article].source
        shown = os.path.relpath(path, root) if root is not None else Path(path).name
        if f"{shown}:{thing.line}" not in places:
            places.append(f"{shown}:{thing.line}")
    first = occurrences[0]
    context = clip(first.context, first.term, CONTEXT_LIMIT) if isinstance(first, ExtractedTerm) else ""
    entry = dataclasses.replace(_as_found(occurrences), source=", ".join(places), context=context)
    return dataclasses.replace(entry, found=entry.fingerprint())


def _as_found(occurrences: Sequence[Found]) -> Entry:
    """What ``candidate`` makes of a list or term but where it was found and its fingerprint: all that
    curating needs (the rest is for the reviewer)."""
    first = occurrences[0]
    common = dict(id=first.id, confidence=max(t.confidence for t in occurrences), rule=first.rule)
    if isinstance(first, ExtractedTerm):
        return Entry(name=first.term, definition=first.definition, **common)
    items: dict[str, Item] = {}
    for text in first.items:
        text = " ".join(text.split())
        items.setdefault(match_key(text), Item(match_key(text), text))
    return Entry(name=first.name, items=tuple(item for key, item in items.items() if key), **common)


def merge(previous: Sequence[Entry] | None, fresh: Sequence[Entry], origin: str = CANDIDATES_FILE) -> Review:
    """Merge freshly found candidates into the entries of an earlier review (None: there is none)."""
    if previous is None:
        return Review(entries=tuple(fresh), first=True, new=len(fresh), kept=0, changed=0, missing=0)
    old = {entry.id: entry for entry in previous}
    fresh_ids = {entry.id for entry in fresh}
    _check_ids(previous, fresh, fresh_ids, origin)
    merged = [_merge_entry(old[entry.id], entry) if entry.id in old else dataclasses.replace(entry, status="new")
              for entry in fresh]
    gone = [dataclasses.replace(entry, status="missing") for entry in previous if entry.id not in fresh_ids]
    kept = [entry for entry in merged if entry.id in old]
    return Review(entries=tuple(merged + gone), first=False, new=len(merged) - len(kept), kept=len(kept),
                  changed=sum(entry.status == "changed" for entry in kept), missing=len(gone),
                  reworded=sum(item.changed for entry in kept for item in entry.items))


def _check_ids(previous: Sequence[Entry], fresh: Sequence[Entry], fresh_ids: set[str], origin: str) -> None:
    """Refuse entries whose id cannot be right: typed by hand, or edited from a candidate's."""
    new_by_found = {entry.found: entry.id for entry in fresh}
    for entry in previous:
        if entry.id in fresh_ids or entry.status == "missing":
            continue
        where = f"{origin}, line {entry.line}"
        if not entry.found:
            raise ConfigError(f"{where}: id '{entry.id}' matches no list or term found in the sources; "
                              "entries are written by `deckgen review`: to add an item, add it to a list's items")
        if entry.found in new_by_found and new_by_found[entry.found] != entry.id:
            raise ConfigError(f"{where}: id '{entry.id}' was edited (its content is that of "
                              f"'{new_by_found[entry.found]}'); ids are never edited: restore it")


def _carry_items(old: Entry, fresh: Entry) -> Entry:
    """``fresh`` with each item reworded from one of ``old`` (``identity.pair_items``) under the old item's id,
    marked changed; its fingerprint is of the carried ids, so the next review finds it unchanged."""
    from .identity import pair_items

    fresh_ids, old_ids = {item.id for item in fresh.items}, {item.id for item in old.items}
    gone = [(at, item) for at, item in enumerate(old.items) if item.id not in fresh_ids]
    added = [(at, item) for at, item in enumerate(fresh.items) if item.id not in old_ids]
    if not gone or not added:
        return fresh
    pairs = pair_items([(at, item.text) for at, item in gone], [(at, item.text) for at, item in added],
                       [item.text for item in (*old.items, *fresh.items)])
    items = list(fresh.items)
    for o, n in pairs:
        items[added[n][0]] = dataclasses.replace(added[n][1], id=gone[o][1].id, changed=True)
    carried = dataclasses.replace(fresh, items=tuple(items))
    return dataclasses.replace(carried, found=carried.fingerprint())


def _merge_entry(old: Entry, fresh: Entry) -> Entry:
    """Keep the organiser's decisions and edits; follow the sources where they edited nothing."""
    if old.carry:
        fresh = _carry_items(old, fresh)
    changed = old.found != fresh.found
    mine = dict(decision=old.decision, tags=old.tags, carry=old.carry, status="changed" if changed else None)
    if old.fingerprint() == old.found:  # not edited: the content follows the sources
        known = {item.id for item in old.items}
        items = tuple(dataclasses.replace(item, new=item.id not in known) for item in fresh.items)
        return dataclasses.replace(fresh, items=items, **mine)
    info = dict(found=fresh.found, source=fresh.source, confidence=fresh.confidence, rule=fresh.rule,
                context=fresh.context)
    items = _with_new_items(old.items, fresh.items) if changed else old.items
    return dataclasses.replace(old, items=items, **info, **mine)


def _with_new_items(mine: Sequence[Item], found: Sequence[Item]) -> tuple[Item, ...]:
    """``mine`` plus the items of ``found`` it lacks, marked new, each after the item found before it."""
    merged = [dataclasses.replace(item, new=False) for item in mine]
    for i, item in enumerate(found):
        if any(m.id == item.id for m in merged):
            continue
        before = next((f.id for f in reversed(found[:i]) if any(m.id == f.id for m in merged)), None)
        at = next(j for j, m in enumerate(merged) if m.id == before) + 1 if before else 0
        merged.insert(at, dataclasses.replace(item, new=True))
    return tuple(merged)


# --- reading candidates.yaml ------------------------------------------------------------------------------

def read_candidates(path: Path) -> list[Entry]:
    """The entries of ``path``; every problem is a ConfigError naming the file, the line and the fix."""
    data, root, _ = read_yaml_document(path, "MAX_CANDIDATES_BYTES")
    origin = str(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"{origin}: must be a list of entries (- id: …); run `deckgen review` to rewrite it")
    lines = _entry_lines(root, origin)
    entries, seen = [], {}
    for raw, (line, key_lines, item_lines) in zip(data, lines):
        entry = _entry(raw, line, key_lines, item_lines, origin)
        if entry.id in seen:
            raise ConfigError(f"{origin}, line {line}: id '{entry.id}' appears again (first at line "
                              f"{seen[entry.id]}); delete one of the two entries")
        seen[entry.id] = line
        entries.append(entry)
    return entries


def _entry_lines(root: SequenceNode, origin: str) -> list[tuple[int, dict[str, int], list[int]]]:
    """For each entry: its line, the line of each key, the line of each item (the YAML nodes keep positions)."""
    out = []
    for node in root.value:
        keys: dict[str, int] = {}
        items: list[int] = []
        for key, value in node.value if isinstance(node, MappingNode) else ():
            line = key.start_mark.line + 1
            if key.value in keys:
                raise ConfigError(f"{origin}, line {line}: '{key.value}' is set twice in this entry "
                                  f"(first at line {keys[key.value]}); keep one")
            keys[key.value] = line
            if key.value == "items" and isinstance(value, SequenceNode):
                items = [item.start_mark.line + 1 for item in value.value]
        out.append((node.start_mark.line + 1, keys, items))
    return out


def _entry(raw: object, line: int, key_lines: dict[str, int], item_lines: list[int], origin: str) -> Entry:
    where = f"{origin}, line {line}"
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) \
            or not raw["id"].startswith(("list:", "term:")):
        raise ConfigError(f"{where}: an entry needs its id (list:… or term:…), as `deckgen review` wrote it; "
                          "restore it, or delete the entry and run review again")
    kind = "list" if raw["id"].startswith("list:") else "term"
    for key in raw:
        if key not in _ALLOWED[kind]:
            raise ConfigError(f"{origin}, line {key_lines.get(key, line)}: unknown key '{key}' in {raw['id']}; "
                              f"you can edit: {', '.join(_EDIT_KEYS[kind])}")

    def text(key: str, *, required: bool = True) -> str | None:
        value = raw.get(key)
        if not required and (value is None or value == ""):
            return None
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{origin}, line {key_lines.get(key, line)}: '{key}' of {raw['id']} must be "
                              f"text{'' if required else ' or empty'}, got {value!r}; put it in quotes")
        return " ".join(value.split())

    decision = raw.get("decision")
    if decision is not None and decision not in DECISIONS:
        raise ConfigError(f"{origin}, line {key_lines.get('decision', line)}: decision must be keep or drop "
                          f"(or empty: undecided), got {decision!r}")
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t and not any(c.isspace() for c in t)
                                             for t in tags):
        raise ConfigError(f"{origin}, line {key_lines.get('tags', line)}: tags must be a list of words "
                          f"without spaces, e.g. tags: [重点], got {tags!r}")
    carry = raw.get("carry", True)
    if carry is None:
        carry = True
    if not isinstance(carry, bool):
        raise ConfigError(f"{origin}, line {key_lines.get('carry', line)}: carry must be no (or yes, or empty), "
                          f"got {carry!r}")
    confidence = raw.get("confidence") or 0.0
    if not isinstance(confidence, (int, float)):
        raise ConfigError(f"{origin}, line {key_lines.get('confidence', line)}: confidence must be a number, "
                          f"got {confidence!r}; leave it as deckgen wrote it")
    common = dict(id=raw["id"], decision=decision, tags=tuple(tags), carry=carry, status=raw.get("status"),
                  found=str(raw.get("found") or ""), source=str(raw.get("source") or ""),
                  confidence=float(confidence), rule=str(raw.get("rule") or ""), line=line)
    if kind == "term":
        return Entry(name=text("term"), definition=text("definition", required=False),
                     context=str(raw.get("context") or ""), **common)
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{origin}, line {key_lines.get('items', line)}: {raw['id']} needs its items, one "
                          "per line; to leave the list out of the deck, set decision: drop")
    return Entry(name=text("name"), items=_items(items, item_lines or [line] * len(items), raw["id"], origin),
                 **common)


def _items(raw_items: list, lines: list[int], list_id: str, origin: str) -> tuple[Item, ...]:
    """A list's items: ``{id, text}`` as written by review, or plain text for an item added by hand."""
    items: list[Item] = []
    seen: dict[str, int] = {}
    for raw, line in zip(raw_items, lines):
        where = f"{origin}, line {line}"
        if isinstance(raw, dict):
            unknown = set(raw) - _ITEM_KEYS
            if unknown:
                raise ConfigError(f"{where}: unknown key '{sorted(unknown)[0]}' in an item of {list_id}; "
                                  "an item is {id: …, text: …}, or just its text")
            text, item_id = raw.get("text"), raw.get("id")
        else:
            text, item_id = raw, None
        if not isinstance(text, str) or not match_key(text):
            raise ConfigError(f"{where}: an item of {list_id} has no text ({raw!r}); "
                              "write its words (in quotes if they look like a number), or delete the line")
        text = " ".join(text.split())
        if item_id is None:
            item_id = match_key(text)
        if not isinstance(item_id, str) or not item_id:
            raise ConfigError(f"{where}: an item id of {list_id} must be text, got {item_id!r}; "
                              "restore the id review wrote, or delete `id:` for a new item")
        if item_id in seen:
            raise ConfigError(f"{where}: item id '{item_id}' appears twice in {list_id} (first at line "
                              f"{seen[item_id]}); delete the repeated item, or give a new one its own id")
        seen[item_id] = line
        items.append(Item(item_id, text))
    return tuple(items)


# --- writing candidates.yaml ------------------------------------------------------------------------------

class _Flow(dict):
    """A mapping written on one line: ``{id: …, text: …}``."""


class _FlowList(list):
    """A list written on one line: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    """Readable YAML: Chinese as Chinese, None as an empty value, items one per line."""


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))
_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_FlowList, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))


def _entry_data(entry: Entry) -> dict:
    data: dict = {"id": entry.id}
    if entry.status:
        data["status"] = entry.status
    data.update(source=entry.source, confidence=round(entry.confidence, 2), rule=entry.rule)
    if entry.kind == "term":
        data["context"] = entry.context
    data.update(found=entry.found, decision=entry.decision)
    if entry.kind == "list":
        data["name"] = entry.name
        data["items"] = [_Flow(id=item.id, text=item.text, **_item_status(item)) for item in entry.items]
    else:
        data.update(term=entry.name, definition=entry.definition)
    if entry.tags:
        data["tags"] = _FlowList(entry.tags)
    if not entry.carry:
        data["carry"] = False
    return data


def _item_status(item: Item) -> dict[str, str]:
    if item.new:
        return {"status": "new"}
    return {"status": "changed"} if item.changed else {}


def dump_candidates(entries: Iterable[Entry], *, deck: str, folder: str) -> str:
    """The text of ``candidates.yaml``: the header, then one block per entry."""
    blocks = [yaml.dump([_entry_data(entry)], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
              for entry in entries]
    # the header is YAML comments: a line break in the deck's or folder's name would end one
    header = HEADER.format(deck=" ".join(deck.split()), folder=" ".join(folder.split()))
    return header + "\n" + "\n".join(blocks)


def write_candidates(path: Path, entries: Iterable[Entry], *, deck: str, folder: str) -> None:
    """Write ``path`` whole or not at all (through a temporary file beside it)."""
    write_text_atomically(path, dump_candidates(entries, deck=deck, folder=folder),
                          fix="check that the deck folder is writable")


# --- applying decisions -----------------------------------------------------------------------------------

def included(entry: Entry, undecided: str, min_confidence: float) -> bool:
    """Whether ``entry`` is built: its decision, else the ``undecided`` rule; missing entries never are."""
    if entry.status == "missing":
        return False
    if entry.decision is not None:
        return entry.decision == "keep"
    return undecided == "include" or entry.confidence >= min_confidence


def curate(extraction: Extraction, config: dict, candidates: Path | None = None) -> Curated:
    """Apply the decisions of ``candidates`` (a candidates.yaml; None or absent: none) to ``extraction``.

    ``extraction`` holds every occurrence of a list or term (several sources
    may repeat one): each kept one keeps all its occurrences, with the
    organiser's content, so its notes cite every source.
    """
    undecided, min_confidence = config["review"]["undecided"], config["extract"]["min_confidence"]
    grouped = occurrences_by_id(extraction)
    fresh = [_as_found(found) for found in grouped.values()]
    previous = read_candidates(candidates) if candidates is not None and candidates.is_file() else None
    if previous is not None:  # merging tells the organiser's edits by the fingerprints
        fresh = [dataclasses.replace(entry, found=entry.fingerprint()) for entry in fresh]
    review = merge(previous, fresh, str(candidates))
    lists: list[ExtractedList] = []
    terms: list[ExtractedTerm] = []
    by_id = {entry.id: entry for entry in fresh}
    for entry in review.entries:
        if not included(entry, undecided, min_confidence):
            continue
        for thing in grouped[entry.id]:
            if isinstance(thing, ExtractedList):
                lists.append(_curated_list(thing, entry))
            else:
                terms.append(_curated_term(thing, entry, by_id[entry.id]))
    return Curated(
        extraction=dataclasses.replace(extraction, lists=tuple(lists), terms=tuple(terms)),
        item_ids={entry.id: tuple(item.id for item in entry.items) for entry in review.entries if entry.items},
        tags={entry.id: entry.tags for entry in review.entries if entry.tags},
        unreviewed=review.new if previous is not None else 0,
        no_carry=frozenset(entry.id for entry in review.entries if not entry.carry))


def _curated_list(found: ExtractedList, entry: Entry) -> ExtractedList:
    """``found`` with the entry's name and items; each item cites its own sentence where the text has one
    (``found`` itself when that changes nothing, as for most)."""
    own = dict(zip(map(match_key, found.items), found.item_contexts))
    items = tuple(item.text for item in entry.items)
    contexts = tuple(own.get(match_key(item.text), own.get(item.id, found.context)) for item in entry.items)
    if (entry.name, items, contexts) == (found.name, found.items, found.item_contexts):
        return found
    return dataclasses.replace(found, name=entry.name, items=items, item_contexts=contexts)


def _curated_term(found: ExtractedTerm, entry: Entry, as_found: Entry) -> ExtractedTerm:
    """``found`` with the entry's term and definition (an edited definition no longer cites the lexicon;
    ``found`` itself when that changes nothing)."""
    source = found.definition_source if entry.definition == as_found.definition else None
    if (entry.name, entry.definition, source) == (found.term, found.definition, found.definition_source):
        return found
    return dataclasses.replace(found, term=entry.name, definition=entry.definition, definition_source=source)


def tag_notes(notes: Sequence[NoteSpec], tags: Mapping[str, Sequence[str]],
              no_carry: frozenset[str] = frozenset()) -> tuple[NoteSpec, ...]:
    """``notes`` with each entry's extra tags added (a list item's note key is ``<list id>/<item id>``), and
    those of the ``no_carry`` entries marked so (``NoteSpec.carry``)."""
    out = []
    for note in notes:
        entry = note.key.split("/")[0]
        if extra := tags.get(entry):
            note = dataclasses.replace(note, tags=(*note.tags, *extra))
        if entry in no_carry:
            note = dataclasses.replace(note, carry=False)
        out.append(note)
    return tuple(out)
