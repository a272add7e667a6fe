"""The library API the CLI is a thin layer over: extract from sources, build decks.

    from deckgen import build_deck, extract_sources, load_config
    config = load_config()
    extraction = extract_sources(["article.txt"], config)
    result = build_deck(["article.txt"], config=config, output="article.apkg")
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Iterable

from . import __version__
from .config import load_config
from .deckspec import DeckSpec, is_deck_folder, load_deck_spec
from .errors import ExtractionError, InputError, OutputError
from .extract import extract_articles
from .models import BuildResult, Document, Extraction
from .normalize import normalize
from .read import SUPPORTED_SUFFIXES, read_source
from .segment import segment


def expand_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files to read from files and plain folders (a folder: its supported files, sorted, not recursive).

    Returns the files and notes about skipped files.
    """
    files: list[Path] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file())
            chosen = [p for p in inside if p.suffix.lower() in SUPPORTED_SUFFIXES]
            notes += [f"{p}: skipped (not a supported file type)" for p in inside if p not in chosen]
            if not chosen:
                raise InputError(f"{path}: holds no supported files ({', '.join(SUPPORTED_SUFFIXES)}); "
                                 "give a folder of text files")
            files += chosen
        else:
            files.append(path)
    return files, notes


def extract_documents(documents: Iterable[Document], config: dict) -> Extraction:
    """Run normalize → segment → extract over decoded documents; articles are numbered across all of them."""
    documents = tuple(documents)
    articles, lists, terms, warnings = [], [], [], []
    for doc in documents:
        doc_articles = segment(normalize(doc), doc.source, first_index=len(articles))
        titled, doc_lists, doc_terms = extract_articles(doc_articles, config)
        articles += titled
        lists += doc_lists
        terms += doc_terms
        if doc.encoding not in ("utf-8", "utf-8-sig"):
            warnings.append(f"{doc.source}: read as {doc.encoding}")
    lists = _first_by_id(lists)
    terms = _first_by_id(terms)
    warnings += [f"{articles[l.article].source}: list '{l.name}' names {l.count} items but {len(l.items)} were found"
                 for l in lists if l.count_mismatch]
    return Extraction(documents=documents, articles=tuple(articles), lists=tuple(lists), terms=tuple(terms),
                      warnings=tuple(warnings))


def _first_by_id(entries: list) -> list:
    """The same list or term found in several sources is kept once, where it was first found."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.id not in seen:
            seen.add(entry.id)
            kept.append(entry)
    return kept


def extract_sources(sources: Iterable[str | Path], config: dict | None = None) -> Extraction:
    """Read and extract every source (files or plain folders)."""
    config = config if config is not None else load_config()
    files, _ = expand_sources(sources)
    return extract_documents((read_source(f) for f in files), config)


def confident(extraction: Extraction, min_confidence: float) -> Extraction:
    """Only the lists and terms at or above ``min_confidence``."""
    return dataclasses.replace(
        extraction,
        lists=tuple(l for l in extraction.lists if l.confidence >= min_confidence),
        terms=tuple(t for t in extraction.terms if t.confidence >= min_confidence))


def build_deck(sources: Iterable[str | Path], *, config: dict | None = None, output: str | Path,
               deck_name: str | None = None, deck_key: str | None = None, description: str = "",
               tags: Iterable[str] = (), timestamp: float | None = None) -> BuildResult:
    """Extract ``sources`` and write one ``.apkg`` to ``output``.

    ``deck_key`` goes into every note's GUID (a deck folder's ``key``; else the deck name).
    Raises ``ExtractionError`` when nothing to study was found; nothing is written then.
    """
    from .cards import make_notes
    from .package import write_package

    config = config if config is not None else load_config()
    output = Path(output)
    check_output(output)
    files, notes_skipped = expand_sources(sources)
    extraction = extract_documents((read_source(f) for f in files), config)
    kept = confident(extraction, config["extract"]["min_confidence"])
    if not kept.lists and not kept.terms:
        names = ", ".join(str(f) for f in files)
        raise ExtractionError(f"{names}: no lists or terms found; check that this is study material "
                              "(slogans in quotes, numbered principles) or lower extract.min_confidence")
    name = deck_name or files[0].stem
    description = description or _describe(files)
    notes = make_notes(kept, config, deck_name=name, deck_key=deck_key or name, extra_tags=tuple(tags))
    info = write_package(notes, output, deck_key=deck_key or name, description=description,
                         timestamp=timestamp)
    return BuildResult(
        output=str(output), decks=info.decks, articles=len({n.deck for n in notes}), lists=len(kept.lists),
        terms=len(kept.terms), notes=info.notes, cards=info.cards,
        count_mismatches=tuple(l.name for l in kept.lists if l.count_mismatch),
        warnings=extraction.warnings + tuple(notes_skipped), changes=info.changes)


def check_output(output: Path) -> None:
    """Refuse an output path that cannot be a deck file, before any work is done."""
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name for the deck, e.g. {output / 'deck.apkg'}")
    if output.suffix.lower() != ".apkg":
        raise OutputError(f"{output}: a deck file must end in .apkg; give a name like {output.with_suffix('.apkg').name}")


def _describe(files: list[Path]) -> str:
    date = time.strftime("%Y-%m-%d")
    return f"Sources: {', '.join(f.name for f in files)}. Built {date} with deckgen {__version__}."


def build_deck_folder(spec: DeckSpec, *, config_path: str | Path | None = None, output: str | Path | None = None,
                      timestamp: float | None = None) -> BuildResult:
    """Build a deck folder (its deck.yaml) to ``output`` (default ``<output_dir>/<folder>.apkg``)."""
    config = load_config(config_path, overrides=spec.overrides, overrides_origin=str(spec.spec_path))
    output = Path(output) if output is not None else Path(config["output_dir"]) / f"{spec.folder.name}.apkg"
    return build_deck(spec.sources, config=config, output=output, deck_name=spec.name, deck_key=spec.key,
                      description=spec.description, tags=spec.tags, timestamp=timestamp)


def find_deck_folders(root: str | Path = ".") -> list[Path]:
    """Every ``decks/*/deck.yaml`` under ``root``, sorted."""
    return sorted(p for p in (Path(root) / "decks").glob("*") if is_deck_folder(p))


__all__ = ["build_deck", "build_deck_folder", "confident", "expand_sources", "extract_documents",
           "extract_sources", "find_deck_folders", "load_deck_spec"]
