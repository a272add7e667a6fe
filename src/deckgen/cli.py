"""The ``deckgen`` command: a thin click layer over ``deckgen.api``.

Exit codes: 0 done; 1 a problem the user can fix (input, config, output) with one
message on stderr; 2 command syntax (click's usage errors).
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import click

from . import __version__
from .errors import DeckgenError


def common_options(command):
    """--config, -q and -v, on every subcommand."""
    @click.option("--config", "config_path", type=click.Path(path_type=Path),
                  help="Config file (default: ./config.yaml if present, else the packaged defaults).")
    @click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
    @click.option("-v", "--verbose", is_flag=True, help="Print details (encodings used, rules).")
    @functools.wraps(command)
    def wrapper(*args, quiet: bool, verbose: bool, **kwargs):
        logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(message)s")
        try:
            return command(*args, quiet=quiet, verbose=verbose, **kwargs)
        except DeckgenError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


@click.group()
@click.version_option(__version__, prog_name="deckgen")
def main():
    """Turn Chinese political-study texts into Anki decks.

    \b
    deckgen build decks/theory-page      # a deck folder → build/theory-page.apkg
    deckgen build article.txt -o my.apkg
    deckgen extract article.txt          # what it finds, as a table
    """


@main.command()
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the deck here (one deck only).")
@common_options
def build(sources, output, config_path, quiet, verbose):
    """Build Anki decks from deck folders, text files or folders of text files.

    With no SOURCE, builds every decks/*/deck.yaml under the current folder
    into build/<folder>.apkg. Files and plain folders make one deck, named after
    the first file.
    """
    from . import api
    from .config import load_config
    from .deckspec import is_deck_folder, load_deck_spec

    folders = [Path(s) for s in sources if is_deck_folder(Path(s))]
    plain = [s for s in sources if not is_deck_folder(Path(s))]
    if not sources:
        folders = api.find_deck_folders(".")
        if not folders:
            raise DeckgenError("no SOURCE given and no decks/*/deck.yaml here; give a file or a deck folder")
    if output is not None and len(folders) + (1 if plain else 0) > 1:
        raise click.UsageError("-o/--output writes one deck; give one deck folder, or files only")
    results = []
    for folder in folders:
        results.append(api.build_deck_folder(load_deck_spec(folder), config_path=config_path, output=output))
    if plain:
        config = load_config(config_path)
        target = output or Path(config["output_dir"]) / f"{api.expand_sources(plain)[0][0].stem}.apkg"
        results.append(api.build_deck(plain, config=config, output=target))
    for result in results:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if not quiet:
            click.echo(_summary(result))


def _summary(result) -> str:
    line = (f"Wrote {result.output}: {result.articles} articles, {result.lists} lists, {result.terms} terms "
            f"→ {result.notes} notes, {result.cards} cards")
    if result.count_mismatches:
        line += f"\n  count mismatch: {', '.join(result.count_mismatches)}"
    changes = result.changes
    if changes is not None and changes.previous:
        line += (f"\n  against the previous build: {changes.new} new, {changes.changed} changed, "
                 f"{changes.unchanged} unchanged, {len(changes.retired)} retired notes")
        if changes.retired:
            line += f"\n  retired notes stay in Anki until you delete them; find them with: {changes.retired_search}"
        if changes.dropped:
            line += (f"\n  {len(changes.dropped)} notes lost a card kind turned off in config; "
                     f"find those cards with: {changes.dropped_search}")
    return line


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--all", "show_all", is_flag=True, help="Also show candidates below extract.min_confidence.")
@common_options
def extract(sources, fmt, show_all, config_path, quiet, verbose):
    """Show the lists and terms found in SOURCES (files or folders of text files)."""
    from . import api
    from .config import load_config
    from .report import extraction_json, extraction_table

    config = load_config(config_path)
    extraction = api.extract_sources(sources, config)
    if not show_all:
        extraction = api.confident(extraction, config["extract"]["min_confidence"])
    if not quiet:
        for warning in extraction.warnings:
            click.echo(f"warning: {warning}", err=True)
    click.echo(extraction_json(extraction) if fmt == "json" else extraction_table(extraction))
