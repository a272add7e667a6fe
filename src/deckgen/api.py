"""The library API the CLI is a thin layer over: extract from sources, build decks.

    from deckgen import build_deck, extract_sources, load_config
    from deckgen.api import build_decks, deck_sources
    config = load_config()
    extraction = extract_sources(["article.txt"], config)
    result = build_deck(["article.txt"], config=config, output="article.apkg")
    for deck, result in build_decks(deck_sources()):   # what `deckgen build` does: every decks/*/
        print(result.output)
"""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import gc
import hashlib
import html
import itertools
import json
import logging
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import load_config
from .curate import Review, candidate, curate, merge, occurrences_by_id, read_candidates, tag_notes, write_candidates
from .display import visible
from .deckspec import SPEC_FILE, DeckSpec, is_deck_folder, load_deck_spec, new_key
from .errors import ConfigError, DeckgenError, ExtractionError, InputError, OutputError
from .atomic import write_text_atomically
from .identity import Store, assign, compare, save_store, entries, folder_store, legacy_manifest, \
    load_store, output_store
from .lock import output_lock
from .models import (Article, BuildResult, Document, ExtractedList, ExtractedTerm, Extraction, NoteSpec,
                     SourceExtraction)
from .read import decode_source, list_sources, read_bytes, read_source
from .text import match_key

if TYPE_CHECKING:
    from .cache import DeckContent, ExtractionCache, StoredSource
    from .cards import PartMemo

log = logging.getLogger(__name__)
GUESSED_ENCODINGS = ("gb18030", "utf-16")  # worth telling the user: not the UTF-8 they may expect
# progress(documents, done): called before the work (done = 0) and after each document
Progress = Callable[[tuple[Document, ...], int], None]


def expand_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files to read from files and plain folders (a folder: its supported files, sorted, not recursive).

    Returns the files and notes about skipped files.
    """
    files: list[Path] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            chosen, skipped = list_sources(path)
            files += chosen
            notes += [f"{entry}: skipped ({reason})" for entry, reason in skipped]
        else:
            files.append(path)
    return files, notes


@contextlib.contextmanager
def _collecting_later() -> Iterator[None]:
    """Pause Python's cycle collector while sources are extracted and a deck's notes made: the work builds
    millions of objects (extractions, cached entries read, notes, identities) among which the collector finds
    next to no cycle (2,000 objects after extracting 30 bench reports), yet it walks them all again and again:
    over a quarter of a one-file rebuild of the 87 bench reports, 3% of a cold extraction. Refcounting still
    frees everything, and the collector runs again afterwards (the extraction pool's workers fork with it
    paused too, and end with the extraction)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collecting_later()
def extract_documents(documents: Iterable[Document], config: dict, *, progress: Progress | None = None,
                      workers: int | None = None, every_occurrence: bool = False) -> Extraction:
    """Run normalize → segment → extract over decoded documents; articles are numbered across all of them.

    A list or term found in several articles is kept once, where first found; with
    ``every_occurrence`` it is kept each time (a deck's notes cite every source).

    Each document is extracted on its own, its articles numbered from 0, in ``workers`` processes
    (None: one per core, when there are several documents and enough text to pay for starting them);
    the articles are then numbered on across documents, in input order. Extracting a document needs
    only the document and ``config``, so the result is the same as a serial run's, and the same
    whatever it is built with (what lets ``extract_files`` cache each file's result).
    ``progress(documents, done)`` is called before the work (done = 0) and after each document.
    """
    documents = list(documents)
    with _extracting(documents, config, None, workers=workers) as extracted:
        extraction, _ = _extraction([(doc, None, None) for doc in documents], extracted, config, None,
                                    progress=progress, every_occurrence=every_occurrence)
    return extraction


def extract_files(files: Iterable[str | Path], config: dict, *, progress: Progress | None = None,
                  workers: int | None = None, every_occurrence: bool = False, cache: bool = True) -> Extraction:
    """``extract_documents`` over source files; with ``cache``, each file unchanged since an earlier run
    (its bytes, the extract settings and the files they name, deckgen itself: ``deckgen.cache``) is
    not read or extracted again but taken from the extraction cache, with the same result."""
    from .cache import ExtractionCache

    store = ExtractionCache(config) if cache else None
    extraction, _ = _extract_files(list(files), config, store, progress=progress, workers=workers,
                                   every_occurrence=every_occurrence)
    return extraction


@_collecting_later()
def _extract_files(files: list[str | Path], config: dict, store: ExtractionCache | None, *,
                   progress: Progress | None, every_occurrence: bool,
                   workers: int | None = None) -> tuple[Extraction, list[str | None]]:
    """``extract_files`` with the cache ``store`` (None: none); also, per file, the hash of what it gives a deck's
    notes (``cards.made_of``; None without a store).

    The files without an entry are extracted (in a worker process, where one can be forked) while the entries
    of the others are read: in a rebuild with one file changed, the rule patterns are compiled and that file
    extracted in the time the cached ones take to read.
    """
    read = [(file, read_bytes(file)) for file in files]
    keys = [store.key(Path(file), data) if store else None for file, data in read]
    missing = {i: decode_source(file, data) for i, ((file, data), key) in enumerate(zip(read, keys))
               if store is None or not store.holds(key)}
    with _extracting(list(missing.values()), config, store, workers=workers, overlap=len(missing) < len(files)) \
            as extracted:
        entries = []
        for i, ((file, data), key) in enumerate(zip(read, keys)):
            if i in missing:
                entries.append((missing[i], None, key))
                continue
            found = store.get(key, data)
            if found is not None:
                entries.append((dataclasses.replace(found.document, source=str(file)), found, key))
            else:  # an entry that cannot be read after all: the file is extracted here and now
                document = decode_source(file, data)
                entries.append((document, extract_source(document, config), key))
        extraction, made_of = _extraction(entries, extracted, config, store, progress=progress,
                                          every_occurrence=every_occurrence)
    if store is not None:
        store.prune()
    return extraction, made_of


def _extraction(entries: list[tuple[Document, StoredSource | SourceExtraction | None, str | None]],
                extracted: Iterator[tuple[SourceExtraction, dict[str, dict]]], config: dict,
                store: ExtractionCache | None, *, progress: Progress | None,
                every_occurrence: bool) -> tuple[Extraction, list[str | None]]:
    """The extraction of (document, its cache entry, its extraction or None, its key in the cache or None), and
    per document what it gives a deck's notes (``cards.made_of``, kept in its entry; None without ``store``);
    ``extracted`` gives, in order, the extractions of the documents with neither (``_extracting``)."""
    documents = tuple(doc for doc, _, _ in entries)
    if progress is not None:
        progress(documents, 0)
    articles, lists, terms, warnings, made_of = [], [], [], [], []
    for done, (doc, found, key) in enumerate(entries, 1):
        if found is None:
            found, answers = next(extracted)
            if store is not None:
                _learn(answers, config)
        try:
            placed = found.placed(doc.source, len(articles))
        except ValueError:  # a cached entry not as this deckgen writes them: extract the document again
            found = extract_source(doc, config)
            placed = found.placed(doc.source, len(articles))
        made_of.append(_stored(store, key, found))
        articles += placed.articles
        lists += placed.lists
        terms += placed.terms
        if doc.encoding in GUESSED_ENCODINGS:
            warnings.append(f"{doc.source}: read as {doc.encoding}")
        log.debug("%s: %s, %d characters, %d articles; lists by rule: %s; terms by rule: %s", doc.source,
                  doc.encoding, len(doc.text), len(placed.articles), _by_rule(placed.lists),
                  _by_rule(placed.terms))
        if progress is not None:
            progress(documents, done)
    lists = _told_apart(lists, articles)
    if not every_occurrence:
        lists = _first_by_id(lists)
        terms = _first_by_id(terms)
    warnings += [f"{articles[l.article].source}: list '{l.name}' names {l.count} items but {len(l.items)} were found"
                 for l in lists if l.count_mismatch and l.confidence >= config["extract"]["min_confidence"]]
    return Extraction(documents=documents, articles=tuple(articles), lists=tuple(lists), terms=tuple(terms),
                      warnings=tuple(warnings)), made_of


def _stored(store: ExtractionCache | None, key: str | None, found: StoredSource | SourceExtraction) -> str | None:
    """What ``found`` gives a deck's notes (``cards.made_of``): as its entry keeps it, or for an extraction just
    made, as stored now with it under ``key`` (None without ``store``)."""
    if store is None:
        return None
    if not isinstance(found, SourceExtraction):
        return found.made_of
    from .cards import made_of

    digest = made_of(found)
    store.put(key, found, digest)
    return digest


def extract_source(document: Document, config: dict) -> SourceExtraction:
    """One document's extraction on its own: normalize → segment (articles numbered from 0) → extract."""
    from .extract.stage import extract_articles  # the stages' patterns: compiled only when a source is extracted
    from .normalize import normalize
    from .segment import segment

    articles, lists, terms = extract_articles(segment(normalize(document), document.source), config)
    return SourceExtraction(document, articles, lists, terms)


def _extract_learning(document: Document, config: dict) -> tuple[SourceExtraction, dict[str, dict]]:
    """``extract_source``, and the jieba answers it learned (in a worker process: for the main one's memo)."""
    from .extract.words import take_learned

    found = extract_source(document, config)
    return found, take_learned(config["extract"].get("user_dict"))


def _learn(answers: dict[str, dict], config: dict) -> None:
    """Add jieba answers learned (maybe in a worker) to this process's memo."""
    from .extract.words import preload

    preload(config["extract"].get("user_dict"), answers, learned=True)


# Below this much text a serial run wins: starting the pool and its workers costs more than it saves.
PARALLEL_MIN_CHARS = 300_000


@contextlib.contextmanager
def _extracting(documents: list[Document], config: dict, store: ExtractionCache | None, *,
                workers: int | None = None, overlap: bool = False) -> Iterator[Iterator[tuple[SourceExtraction, dict]]]:
    """The extractions of ``documents``, each with the jieba answers it learned, in order and lazily: serial, or
    in a process pool that starts on them now.

    ``workers`` None: one per core when there are several documents and enough text to pay for starting them;
    else, with ``overlap`` (the caller has other work before it asks for the first: cached entries to read),
    one forked worker, which costs a few milliseconds where fork is the start method; else serial.
    """
    if not documents:
        yield iter(())
        return
    user_dict = config["extract"].get("user_dict")
    if store is not None:
        store.use_words()  # jieba's answers of earlier runs, before the workers start: they inherit them
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods()
    parallel = len(documents) > 1 and sum(len(d.text) for d in documents) >= PARALLEL_MIN_CHARS
    if workers is None:
        workers = min(os.cpu_count() or 1, len(documents)) if parallel else 1
        pooled = parallel or (overlap and fork)
    else:
        pooled = workers > 1
    if not pooled:
        yield (_extract_learning(doc, config) for doc in documents)
    else:
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if fork else None)
        if fork and parallel:
            # workers inherit jieba's dictionary and tagger, loaded here once rather than by every worker (about
            # a second each, measured 9.9 s → 7.4 s on the 87 bench reports with two workers); a lone worker
            # loads them only if the memo lacks an answer
            from .extract.words import load
            load(user_dict)
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield pool.map(_extract_learning, documents, itertools.repeat(config))
    if store is not None:
        store.save_words()


def _by_rule(found: Iterable[ExtractedList | ExtractedTerm]) -> str:
    counts = collections.Counter(f.rule for f in found)
    return ", ".join(f"{rule} {n}" for rule, n in counts.most_common()) or "none"


ALIKE_ITEMS = 0.5  # share of the shorter list's items the other holds too: the same list, worded otherwise


def _told_apart(lists: list[ExtractedList], articles: list[Article]) -> list[ExtractedList]:
    """Lists of two sources that share a name but not their items are two lists: 今年发展主要预期目标 of the 2024
    and of the 2025 report. A list's id is its name's, so the later one takes its source's stem in its id
    (``list:…@gov-report-2025``), which does not change when other files join the deck. Lists that hold mostly the
    same items are one list, worded otherwise (the deck keeps the first wording and says so), and so are the
    occurrences of one source's list."""
    groups: dict[str, list[tuple[str, set[str], str]]] = {}  # id → (source, item keys, id given) of each list
    taken = {lst.id for lst in lists}
    told = []
    for lst in lists:
        source, keys = articles[lst.article].source, set(map(match_key, lst.items))
        seen = groups.setdefault(lst.id, [])
        given = next((given for there, items, given in seen if there == source or _alike(items, keys)), None)
        if given is None:  # the first list of its name keeps its id; another list of that name gets its source's
            given = lst.id if not seen else _untaken(f"{lst.id}@{Path(source).stem}", taken)
            seen.append((source, keys, given))
        told.append(lst if given == lst.id else dataclasses.replace(lst, id=given))
    return told


def _untaken(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… when taken (two files of one stem in two folders); now taken."""
    found, n = wanted, 1
    while found in taken:
        n += 1
        found = f"{wanted}-{n}"
    taken.add(found)
    return found


def _alike(items: set[str], others: set[str]) -> bool:
    shorter = min(len(items), len(others))
    return bool(shorter) and len(items & others) >= ALIKE_ITEMS * shorter


def _first_by_id(entries: list) -> list:
    """The same list or term found in several sources is kept once, where it was first found."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.id not in seen:
            seen.add(entry.id)
            kept.append(entry)
    return kept


def extract_sources(sources: Iterable[str | Path], config: dict | None = None, *,
                    progress: Progress | None = None, cache: bool = True) -> Extraction:
    """Read and extract every source (files or plain folders); the files a folder skips are warnings.

    ``cache``: take unchanged files' extraction from the extraction cache (``extract_files``).
    """
    config = config if config is not None else load_config()
    files, skipped = expand_sources(sources)
    extraction = extract_files(files, config, progress=progress, cache=cache)
    return dataclasses.replace(extraction, warnings=(*extraction.warnings, *skipped))


def confident(extraction: Extraction, min_confidence: float) -> Extraction:
    """Only the lists and terms at or above ``min_confidence``."""
    return dataclasses.replace(
        extraction,
        lists=tuple(l for l in extraction.lists if l.confidence >= min_confidence),
        terms=tuple(t for t in extraction.terms if t.confidence >= min_confidence))


@dataclasses.dataclass(frozen=True)
class DeckNotes:
    """A deck's notes before packaging: what ``package_deck`` writes and every export shows.

    A note's ``key`` starts with the id of the list or term it was made from (a list item's
    key is ``<list id>/<item key>``; ids hold no "/"): ``origin`` finds that list or term.
    """

    name: str  # the deck name ({deck} in deck.name_template)
    key: str  # goes into every note's GUID
    stem: str  # file name of the outputs: the deck folder's name, else the first source's stem
    description: str
    config: dict
    files: tuple[Path, ...]
    extraction: Extraction  # everything found (its warnings name encodings and count mismatches)
    kept: Extraction  # what passed extract.min_confidence: the notes are made from this
    notes: tuple[NoteSpec, ...]  # with their GUIDs (``with_identities``)
    skipped: tuple[str, ...] = ()  # files of a folder that were not read, and why
    store: Path | None = None  # the identity store the GUIDs come from (None: none, all fresh)
    previous: Store | None = None  # what the store held: the previous build
    legacy: Path | None = None  # a format-1 manifest the identities may come from, removed once built

    def default_path(self, suffix: str) -> Path:
        """``<output_dir>/<stem><suffix>``, where an output goes when no path is given."""
        return default_path(self.config, self.stem, suffix)

    @functools.cached_property
    def _by_id(self) -> dict[str, ExtractedList | ExtractedTerm]:
        return {entry.id: entry for entry in (*self.kept.lists, *self.kept.terms)}

    def origin(self, note: NoteSpec) -> ExtractedList | ExtractedTerm:
        return self._by_id[note.key.split("/", 1)[0]]


@_collecting_later()
def deck_notes(sources: Iterable[str | Path], *, config: dict | None = None, deck_name: str | None = None,
               deck_key: str | None = None, description: str = "", tags: Iterable[str] = (), stem: str | None = None,
               progress: Progress | None = None, candidates: Path | None = None, cache: bool = True,
               identity_store: Path | None = None, legacy: Path | None = None, carry: bool = True) -> DeckNotes:
    """Extract ``sources`` and make the notes of one deck: the lists and terms the decisions of
    ``candidates`` (a deck folder's candidates.yaml) keep; undecided ones follow ``review.undecided``.

    The notes get their GUIDs from ``identity_store`` (``with_identities``; None: no store, first-build
    GUIDs).

    ``deck_key`` goes into every note's GUID (a deck folder's ``key``; else the deck name).
    Raises ``ExtractionError`` when nothing to study was found.
    """
    from .cache import ExtractionCache

    config = config if config is not None else load_config()
    files, skipped = expand_sources(sources)
    if not files:
        raise InputError("no source given; name the files of the deck")
    store = ExtractionCache(config) if cache else None
    extraction, made_of = _extract_files(files, config, store, progress=progress, every_occurrence=True)
    extraction = dataclasses.replace(extraction, warnings=(*extraction.warnings, *_wording_warnings(extraction,
                                                                                                   config)))
    name, key, tags = deck_name or files[0].stem, deck_key or deck_name or files[0].stem, tuple(tags)
    content_key = store.notes_key([(str(f), digest) for f, digest in zip(files, made_of)],
                                  [config, name, key, tags, _file_hash(candidates)]) if store else None
    content = store.get_notes(content_key) if store else None
    if content is None:
        if store:
            store.use_words()  # cards segment items too
        content = _deck_content(extraction, files, config, name, key, tags, candidates,
                                store.note_parts() if store else None)
        if store:
            store.put_notes(content_key, content)
            store.save_words()
    if content.unreviewed:
        extraction = dataclasses.replace(extraction, warnings=(
            *extraction.warnings, f"{candidates}: {content.unreviewed} candidates found since the last review are "
            f"built per review.undecided; run `deckgen review {candidates.parent}` to decide on them"))
    kept = dataclasses.replace(extraction, lists=tuple(_first_by_id(content.lists)),
                               terms=tuple(_first_by_id(content.terms)))
    deck = DeckNotes(name=name, key=key, stem=stem or files[0].stem,
                     description=_describe(files, description), config=config, files=tuple(files),
                     extraction=extraction, kept=kept, notes=content.notes, skipped=tuple(skipped))
    return with_identities(deck, identity_store, legacy=legacy, carry=carry)


def _deck_content(extraction: Extraction, files: list[Path], config: dict, name: str, key: str,
                  tags: tuple[str, ...], candidates: Path | None, memo: PartMemo | None) -> DeckContent:
    """Curate ``extraction`` and make the deck's notes (the parts ``memo`` holds taken from it);
    ``ExtractionError`` when nothing is kept."""
    from .cache import DeckContent
    from .cards import make_notes

    curated = curate(extraction, config, candidates)
    lists, terms = curated.extraction.lists, curated.extraction.terms
    if not lists and not terms:
        names = ", ".join(str(f) for f in files)
        raise ExtractionError(f"{names}: no lists or terms found; check that this is study material "
                              "(slogans in quotes, numbered principles) or lower extract.min_confidence")
    notes = make_notes(curated.extraction, config, deck_name=name, deck_key=key, extra_tags=tags,
                       item_ids=curated.item_ids, memo=memo)
    return DeckContent(notes=tag_notes(notes, curated.tags, curated.no_carry), lists=lists, terms=terms,
                       unreviewed=curated.unreviewed)


def _wording_warnings(extraction: Extraction, config: dict) -> list[str]:
    """A warning for each list that a later source words otherwise than the first (the deck has the first's)."""
    first: dict[str, ExtractedList] = {}
    warnings = []
    for lst in extraction.lists:
        if lst.confidence < config["extract"]["min_confidence"] or not lst.items:
            continue
        seen = first.setdefault(lst.id, lst)
        here, there = extraction.articles[lst.article].source, extraction.articles[seen.article].source
        if here != there and tuple(map(match_key, lst.items)) != tuple(map(match_key, seen.items)):
            others = [item for item in lst.items if match_key(item) not in set(map(match_key, seen.items))]
            warnings.append(f"{here}: list '{lst.name}' is worded otherwise than in {there}"
                            f"{' (' + '、'.join(others) + ')' if others else ''}; the deck has the wording of "
                            f"{there}: make the two agree, or edit the list in candidates.yaml")
    return warnings


def with_identities(deck: DeckNotes, store: Path | None, *, legacy: Path | None = None,
                    carry: bool = True) -> DeckNotes:
    """``deck`` with the identities of its identity store ``store`` (``identity.py``; None: no store, every
    GUID a first build's): known notes keep their GUIDs, reworded ones carry a gone note's (unless ``carry``
    is False); ``legacy``, a format-1 manifest, stands in for a store not written yet."""
    previous = load_store(store, deck.key, legacy=legacy) if store is not None else Store(deck_key=deck.key)
    return dataclasses.replace(deck, notes=assign(deck.notes, previous, carry=carry), store=store, previous=previous,
                               legacy=legacy)


def default_path(config: dict, stem: str, suffix: str = ".apkg") -> Path:
    """``<output_dir>/<stem><suffix>``: where a deck (or its export) goes when no path is given."""
    return Path(config["output_dir"]) / f"{stem}{suffix}"


def folder_notes(spec: DeckSpec, *, config_path: str | Path | None = None, progress: Progress | None = None,
                 cache: bool = True, output: str | Path | None = None, carry: bool = True) -> DeckNotes:
    """The notes of a deck folder (its deck.yaml), its settings over the config's, with the identities of its
    deck.lock.json (or of the format-1 manifest beside ``output``, default ``<output_dir>/<folder>.apkg``)."""
    config = load_config(config_path, overrides=spec.overrides, overrides_origin=str(spec.spec_path))
    output = Path(output) if output is not None else default_path(config, spec.folder.name)
    return deck_notes(spec.sources, config=config, deck_name=spec.name, deck_key=spec.key,
                      description=spec.description, tags=spec.tags, stem=spec.folder.name, progress=progress,
                      candidates=spec.candidates_path, cache=cache, identity_store=folder_store(spec.folder),
                      legacy=legacy_manifest(output), carry=carry)


def source_notes(source: str | Path, *, config_path: str | Path | None = None,
                 progress: Progress | None = None, cache: bool = True) -> DeckNotes:
    """The notes of a deck folder, or of a file or plain folder as ``build`` would make them."""
    (deck,) = deck_sources([source])
    return deck.notes(config_path=config_path, progress=progress, cache=cache)


def package_deck(deck: DeckNotes, output: str | Path, *, timestamp: float | None = None,
                 forget_retired: bool = False) -> BuildResult:
    """Write ``deck`` as one ``.apkg`` to ``output`` and bring its identity store up to date.

    A deck whose content is what the store says was built last, at an output that still holds
    that build, is not written again (``BuildResult.written`` False). Retired notes are kept in
    the store, and reported, until ``forget_retired`` confirms them.
    """
    from .package import write_package

    output = Path(output)
    check_output(output)
    previous = deck.previous if deck.previous is not None else Store(deck_key=deck.key)
    digest = package_digest(deck)
    warnings = [*deck.extraction.warnings, *deck.skipped]
    unchanged = previous.found and previous.digest == digest and previous.notes.keys() == {n.guid for n in deck.notes}
    if unchanged and _output_holds(output, digest):
        written, timestamp = False, previous.timestamp
        card_names = {guid: entry.cards for guid, entry in previous.notes.items()}
        current = dict(previous.notes)  # the same package: the same notes
    else:
        if timestamp is None:  # Anki updates a note only from a newer package; the same notes keep their time
            timestamp = previous.timestamp if unchanged else max(time.time(), math.floor(previous.timestamp) + 1)
        info = write_package(deck.notes, output, deck_key=deck.key, description=deck.description,
                             timestamp=timestamp)
        written, card_names = True, info.card_names
        current = entries(deck.notes, card_names)
        warnings += _record_output(output, digest)
    changes, after = compare(previous, current, forget_retired=forget_retired)
    after = dataclasses.replace(after, timestamp=timestamp, digest=digest, found=True)
    if deck.store is not None:
        unchanged = after == previous and deck.store.is_file()  # the store as it was read: not even dumped
        unsaved = [] if unchanged else save_store(deck.store, after)
        warnings += unsaved
        if not unsaved and deck.legacy is not None and deck.legacy.is_file():  # the store holds it now
            deck.legacy.unlink(missing_ok=True)
    kept = deck.kept
    return BuildResult(
        output=str(output), decks=tuple(dict.fromkeys(visible(n.deck) for n in deck.notes)),
        articles=len({n.deck for n in deck.notes}), lists=len(kept.lists), terms=len(kept.terms),
        notes=len(deck.notes), cards=sum(len(card_names[n.guid]) for n in deck.notes),
        count_mismatches=tuple(l.name for l in kept.lists if l.count_mismatch), warnings=tuple(warnings),
        changes=changes, written=written, card_counts={guid: len(names) for guid, names in card_names.items()})


# the build date in a deck's description (``_describe``): a deck is not rebuilt for a new date alone
_BUILD_DATE = re.compile(r"Built \d{4}-\d{2}-\d{2} ")


def package_digest(deck: DeckNotes) -> str:
    """A hash of what the deck's package holds: its notes with their GUIDs, the description, the note types."""
    from .notetypes import NOTE_TYPES

    content = [[[n.guid, n.kind, n.fields, n.tags, n.deck, n.due] for n in deck.notes],
               _BUILD_DATE.sub("", deck.description),
               [[m.model_id, m.name, m.css, m.templates] for m in NOTE_TYPES.values()]]
    return hashlib.sha1(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _output_record(output: Path) -> Path:
    from .registry import output_state

    return output_state("outputs", output)


def _file_hash(path: Path | None) -> str | None:
    """The sha256 of the file at ``path``, None when there is none (or it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else None
    except OSError:
        return None


def _output_holds(output: Path, digest: str) -> bool:
    """Whether ``output`` is still the package this machine wrote there for ``digest``."""
    from .atomic import read_state_json

    record = read_state_json(_output_record(output))
    return isinstance(record, dict) and record.get("digest") == digest and record.get("sha256") is not None \
        and record.get("sha256") == _file_hash(output)


def _record_output(output: Path, digest: str) -> list[str]:
    """Remember what ``output`` now holds (a warning, at most, when the state folder cannot be written)."""
    record = _output_record(output)
    try:
        write_text_atomically(record, json.dumps({"digest": digest, "sha256": _file_hash(output)}), fix="")
    except DeckgenError:
        return [f"{record.parent}: cannot be written; the next build writes {output} again even if nothing changed"]
    return []


def build_deck(sources: Iterable[str | Path], *, config: dict | None = None, output: str | Path,
               deck_name: str | None = None, deck_key: str | None = None, description: str = "",
               tags: Iterable[str] = (), timestamp: float | None = None,
               progress: Progress | None = None, cache: bool = True, wait: bool = False, carry: bool = True,
               forget_retired: bool = False) -> BuildResult:
    """Extract ``sources`` and write one ``.apkg`` to ``output`` (see ``deck_notes``); nothing is written on error.

    Another build writing ``output`` is waited for with ``wait``, else ``OutputError`` (``deckgen.lock``).
    Identities live in the state folder's store for ``output`` (``identity.output_store``).
    """
    output = Path(output)
    check_output(output)
    with output_lock(output, wait=wait):
        deck = deck_notes(sources, config=config, deck_name=deck_name, deck_key=deck_key, description=description,
                          tags=tags, progress=progress, cache=cache, identity_store=output_store(output),
                          legacy=legacy_manifest(output), carry=carry)
        return package_deck(deck, output, timestamp=timestamp, forget_retired=forget_retired)


def check_output(output: Path) -> None:
    """Refuse an output path that cannot be a deck file, before any work is done."""
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name for the deck, e.g. {output / 'deck.apkg'}")
    if output.suffix.lower() != ".apkg":
        raise OutputError(f"{output}: a deck file must end in .apkg; give a name like {output.with_suffix('.apkg').name}")


def _describe(files: list[Path], description: str = "") -> str:
    """The deck description Anki shows: the deck's own, then its sources, build date and deckgen version."""
    date = time.strftime("%Y-%m-%d")
    # Anki shows a deck description as HTML, and a file name is anyone's text ("<img onerror=…>.txt")
    names = html.escape(", ".join(f.name for f in files))
    built = f"Sources: {names}. Built {date} with deckgen {__version__}."
    return f"{html.escape(description)}<br>{built}" if description else built


def build_deck_folder(spec: DeckSpec, *, config_path: str | Path | None = None, output: str | Path | None = None,
                      timestamp: float | None = None, progress: Progress | None = None,
                      cache: bool = True, wait: bool = False, carry: bool = True,
                      forget_retired: bool = False) -> BuildResult:
    """Build a deck folder (its deck.yaml) to ``output`` (default ``<output_dir>/<folder>.apkg``)."""
    if output is not None:
        check_output(Path(output))
    ((_, result),) = build_decks([DeckSource(spec=spec)], output=output, config_path=config_path,
                                 timestamp=timestamp, progress=progress, cache=cache, wait=wait, carry=carry,
                                 forget_retired=forget_retired)
    return result


def new_deck(name: str, sources: Iterable[str | Path], root: str | Path = ".") -> DeckSpec:
    """Make ``root/decks/NAME`` with copies of ``sources`` and a first deck.yaml; nothing is written on error.

    Returns the new deck folder's spec, ready for ``review_deck``.
    """
    from .deckspec import create_deck_folder

    if not name or name.startswith(".") or Path(name).name != name or "\\" in name:
        raise OutputError(f"{name!r}: a deck name is a plain folder name, e.g. 2023-theory; "
                          "it cannot hold / or start with a dot")
    files, _ = expand_sources(sources)
    if not files:
        raise InputError("no source given; name the text files of the deck")
    for file in files:
        read_source(file)  # refuse what build could not read, before anything is written
    return load_deck_spec(create_deck_folder(Path(root) / "decks" / name, files))


def review_deck(spec: DeckSpec, *, config_path: str | Path | None = None,
                progress: Progress | None = None, cache: bool = True) -> Review:
    """Write the deck folder's candidates.yaml: every list and term found, merged with earlier decisions."""
    config = load_config(config_path, overrides=spec.overrides, overrides_origin=str(spec.spec_path))
    extraction = extract_files(spec.sources, config, progress=progress, every_occurrence=True, cache=cache)
    fresh = [candidate(found, extraction, spec.folder) for found in occurrences_by_id(extraction).values()]
    path = spec.candidates_path
    review = merge(read_candidates(path) if path.is_file() else None, fresh, str(path))
    write_candidates(path, review.entries, deck=spec.name, folder=str(spec.folder))
    return review


def find_deck_folders(root: str | Path = ".") -> list[Path]:
    """Every ``decks/*/deck.yaml`` under ``root``, sorted."""
    return sorted(p for p in (Path(root) / "decks").glob("*") if is_deck_folder(p))


@dataclasses.dataclass(frozen=True)
class DeckSource:
    """One deck that ``deckgen build`` makes: a deck folder (``spec``), or ``files`` (files and plain
    folders) that together make one deck."""

    spec: DeckSpec | None = None
    files: tuple[str | Path, ...] = ()

    def default_output(self, config_path: str | Path | None = None) -> Path:
        """Where the deck goes when no output is given: ``<output_dir>/<folder or first file's stem>.apkg``."""
        if self.spec is not None:
            config = load_config(config_path, overrides=self.spec.overrides, overrides_origin=str(self.spec.spec_path))
            return default_path(config, self.spec.folder.name)
        files, _ = expand_sources(self.files)
        if not files:
            raise InputError("no source given; name the files of the deck")
        return default_path(load_config(config_path), files[0].stem)

    def notes(self, *, config_path: str | Path | None = None, progress: Progress | None = None,
              cache: bool = True, output: str | Path | None = None, carry: bool = True) -> DeckNotes:
        """The deck's notes, with the identities of its store: the deck folder's ``deck.lock.json``, or for
        files the state folder's store of ``output`` (default ``default_output``)."""
        if self.spec is not None:
            return folder_notes(self.spec, config_path=config_path, progress=progress, cache=cache, output=output,
                                carry=carry)
        output = Path(output) if output is not None else self.default_output(config_path)
        return deck_notes(self.files, config=load_config(config_path), progress=progress, cache=cache,
                          identity_store=output_store(output), legacy=legacy_manifest(output), carry=carry)


def deck_sources(sources: Iterable[str | Path] = (), root: str | Path = ".") -> list[DeckSource]:
    """The decks ``deckgen build SOURCE...`` makes: one per deck folder, then one of all the files and plain
    folders; with no ``sources``, one per ``root/decks/*/deck.yaml``.

    Every deck.yaml is read here, so a broken one stops the build before anything is written.
    Raises ``InputError`` when there is nothing to build, ``ConfigError`` for a broken deck.yaml.
    """
    sources = list(sources)
    if not sources:
        sources = find_deck_folders(root)
        if not sources:
            raise InputError(f"{Path(root) / 'decks'}: no deck folder (decks/*/deck.yaml) and no SOURCE given; "
                             "give a file or a deck folder")
    decks = [DeckSource(spec=load_deck_spec(s)) for s in sources if is_deck_folder(Path(s))]
    files = tuple(s for s in sources if not is_deck_folder(Path(s)))
    return decks + [DeckSource(files=files)] if files else decks


def build_decks(decks: Sequence[DeckSource], *, output: str | Path | None = None,
                config_path: str | Path | None = None, timestamp: float | None = None,
                progress: Progress | None = None, cache: bool = True, wait: bool = False, carry: bool = True,
                forget_retired: bool = False) -> Iterator[tuple[DeckNotes, BuildResult]]:
    """Build each deck to ``output`` (one deck only) or ``<output_dir>/<name>.apkg``, yielding each as it is written.

    A deck another build is writing (``deckgen.lock``) is waited for with ``wait``, else ``OutputError``.
    ``carry`` False: no note takes a reworded note's identity; ``forget_retired``: retired notes are
    confirmed, and no longer reported.
    """
    if output is not None:
        if len(decks) != 1:
            raise ValueError(f"output names one file, for one deck; got {len(decks)} decks")
        check_output(Path(output))
    check_keys([source.spec for source in decks if source.spec is not None])
    for source in decks:
        target = Path(output) if output is not None else source.default_output(config_path)
        with output_lock(target, wait=wait):
            deck = source.notes(config_path=config_path, progress=progress, cache=cache, output=target, carry=carry)
            result = package_deck(deck, target, timestamp=timestamp, forget_retired=forget_retired)
        if source.spec is not None:
            result = dataclasses.replace(result, warnings=(*result.warnings, *_key_warnings(source.spec)))
        yield deck, result


def _sibling_keys(folder: Path) -> Iterator[tuple[Path, str]]:
    """(deck.yaml, key) of the deck folders beside ``folder`` (read leniently: a broken one is skipped)."""
    from .config import read_yaml

    for spec_path in sorted(folder.resolve().parent.glob(f"*/{SPEC_FILE}")):
        try:
            data = read_yaml(spec_path)
        except DeckgenError:
            continue
        if isinstance(data, dict) and isinstance(data.get("key"), str):
            yield spec_path, data["key"]


def check_keys(specs: Sequence[DeckSpec]) -> None:
    """Refuse decks that share a ``key`` with another deck being built or one beside it (under one root).

    A key goes into every note's GUID: Anki would take one deck's notes for the other's.
    """
    owners: dict[str, Path] = {}
    for spec in specs:
        here = spec.spec_path.resolve()
        for other, key in [(s.spec_path.resolve(), s.key) for s in specs] + list(_sibling_keys(spec.folder)):
            if key == spec.key and other != here:
                owners.setdefault(spec.key, other)
        if spec.key in owners:
            raise ConfigError(
                f"{spec.spec_path}: key '{spec.key}' is also the key of {owners[spec.key]}; two decks with one key "
                f"mix their notes in Anki. Give the copy a new key (e.g. key: {new_key()}); its notes start anew")


def _key_warnings(spec: DeckSpec) -> list[str]:
    """A warning for each other deck folder built on this machine with the same key."""
    from .registry import record

    return [f"{spec.spec_path}: key '{spec.key}' is also the key of {other}/{SPEC_FILE}, built on this machine; "
            "if one is a copy of the other, give it a new key, or Anki mixes their notes" for other in
            record(spec.folder, spec.key)]


__all__ = ["DeckNotes", "DeckSource", "build_deck", "build_deck_folder", "build_decks", "confident", "deck_notes",
           "deck_sources", "expand_sources", "extract_documents", "extract_files", "extract_sources", "find_deck_folders",
           "folder_notes", "load_deck_spec", "new_deck", "package_deck", "package_digest", "review_deck",
           "source_notes", "with_identities"]
