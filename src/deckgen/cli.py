"""The ``deckgen`` command: a thin click layer over ``deckgen.api``.

Exit codes: 0 done; 1 a problem the user can fix (input, config, output) with one
message on stderr; 2 command syntax (click's usage errors). Whatever an input
holds, the user sees one message, never a traceback: an unexpected exception is
reported in one line too (``-v`` shows the traceback). SIGTERM stops a command
the way Ctrl-C does, so no temporary file is left behind.
"""
from __future__ import annotations

import functools
import logging
import signal
import threading
from collections.abc import Iterable
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
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except RecursionError:
            raise click.ClickException("an input is nested too deeply for deckgen to read; "
                                       "split or simplify it (run with -v to see where)") from None
        except MemoryError:
            raise click.ClickException("out of memory: an input is too large for this machine; "
                                       "split it into smaller files") from None
        except Exception as exc:
            if verbose:
                raise
            raise click.ClickException(f"unexpected error ({type(exc).__name__}: {str(exc)[:200]}); please report "
                                       "it with the file that caused it (run with -v for details)") from None
    return wrapper


def cache_option(command):
    """--no-cache, on every subcommand that extracts."""
    return click.option("--no-cache", is_flag=True,
                        help="Extract every source again instead of taking unchanged ones from the cache.")(command)


def _terminate(signum, frame):
    """SIGTERM ends a command as Ctrl-C does: cleanup runs, exit code 143."""
    raise SystemExit(128 + signum)


@click.group()
@click.version_option(__version__, prog_name="deckgen")
def main():
    """Turn Chinese political-study texts into Anki decks.

    \b
    deckgen build decks/theory-page      # a deck folder → build/theory-page.apkg
    deckgen build article.txt -o my.apkg
    deckgen extract article.txt          # what it finds, as a table
    deckgen new NAME FILE...             # a deck folder decks/NAME
    deckgen review decks/NAME            # decide what goes in: decks/NAME/candidates.yaml
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the deck here (one deck only).")
@click.option("--wait", is_flag=True,
              help="If another build is writing the same deck, wait for it (default: stop with a message).")
@click.option("--no-carry", is_flag=True,
              help="A reworded list item or term becomes a new note (its old note is retired), instead of "
                   "updating the old note in place.")
@click.option("--forget-retired", is_flag=True,
              help="Confirm the retired notes reported so far: later builds no longer report them.")
@cache_option
@common_options
def build(sources, output, wait, no_carry, forget_retired, no_cache, config_path, quiet, verbose):
    """Build Anki decks from deck folders, text files or folders of text files.

    With no SOURCE, builds every decks/*/deck.yaml under the current folder
    into build/<folder>.apkg. Files and plain folders make one deck, named after
    the first file. A deck folder keeps its notes' identities in its
    deck.lock.json (commit it): a note reworded in the sources updates in Anki,
    keeping its reviews. A deck whose notes did not change is not rewritten.
    """
    from . import api
    from .progress import ProgressBar, summary

    decks = api.deck_sources(sources)
    if output is not None and len(decks) > 1:
        raise click.UsageError("-o/--output writes one deck; give one deck folder, or files only")
    with ProgressBar(enabled=not quiet and not verbose) as progress:
        for deck, result in api.build_decks(decks, output=output, config_path=config_path, progress=progress,
                                            cache=not no_cache, wait=wait, carry=not no_carry,
                                            forget_retired=forget_retired):
            _warn(result.warnings, quiet)
            if not quiet:
                click.echo(summary(deck, result))


@main.command()
@click.argument("name")
@click.argument("files", nargs=-1, required=True)
@common_options
def new(name, files, config_path, quiet, verbose):
    """Make the deck folder decks/NAME here, with FILES copied in and a first deck.yaml.

    \b
    deckgen new 2023-3 article1.txt article2.txt
    deckgen review decks/2023-3    # then decide on decks/2023-3/candidates.yaml
    """
    from . import api

    spec = api.new_deck(name, files)
    if not quiet:
        copied = len(spec.sources)
        click.echo(f"Made {spec.folder} (deck.yaml, {copied} source file{'s' if copied != 1 else ''}). "
                   f"Next: deckgen review {spec.folder}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@cache_option
@common_options
def review(folder, no_cache, config_path, quiet, verbose):
    """Write FOLDER/candidates.yaml: every list and term found, for you to keep, drop or edit.

    Running it again after the sources (or deckgen) changed keeps your decisions:
    new candidates are marked new, vanished ones missing.
    """
    from . import api
    from .deckspec import load_deck_spec

    spec = load_deck_spec(folder)
    result = api.review_deck(spec, config_path=config_path, cache=not no_cache)
    if quiet:
        return
    lists = sum(entry.kind == "list" for entry in result.entries)
    counts = f"{lists} lists, {len(result.entries) - lists} terms"
    if result.first:
        click.echo(f"Wrote {spec.candidates_path}: {counts}. Decide on them, then: deckgen build {folder}")
    else:
        reworded = f", {result.reworded} items reworded" if result.reworded else ""
        click.echo(f"Updated {spec.candidates_path} ({counts}): {result.new} new, {result.kept} kept "
                   f"({result.changed} changed in the sources{reworded}), {result.missing} missing")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--all", "show_all", is_flag=True, help="Also show candidates below extract.min_confidence.")
@cache_option
@common_options
def extract(sources, fmt, show_all, no_cache, config_path, quiet, verbose):
    """Show the lists and terms found in SOURCES (files or folders of text files)."""
    from . import api
    from .config import load_config
    from .progress import ProgressBar
    from .report import extraction_json, extraction_table

    config = load_config(config_path)
    with ProgressBar(enabled=not quiet and not verbose) as progress:
        extraction = api.extract_sources(sources, config, progress=progress, cache=not no_cache)
    if not show_all:
        extraction = api.confident(extraction, config["extract"]["min_confidence"])
    _warn(extraction.warnings, quiet)
    click.echo(extraction_json(extraction) if fmt == "json" else extraction_table(extraction))


@main.command("export")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "anki-txt", "md", "html"]), required=True,
              help="csv/tsv: a card a row (front, back, source, tags); anki-txt: Anki's text import, updating "
                   "the notes of the .apkg; md/html: a study handout.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (default: build/<name>.<ext>).")
@cache_option
@common_options
def export_command(source, fmt, output, no_cache, config_path, quiet, verbose):
    """Export the cards of SOURCE (a deck folder or a text file) for other apps, or as a handout."""
    _export(source, fmt, output, no_cache, config_path, quiet, verbose)


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here (default: build/<name>.preview.html).")
@cache_option
@common_options
def preview(source, output, no_cache, config_path, quiet, verbose):
    """Write every card of SOURCE (a deck folder or a text file), front and back, as one HTML page."""
    _export(source, "preview", output, no_cache, config_path, quiet, verbose)


def _export(source: Path, fmt: str, output: Path | None, no_cache: bool, config_path: Path | None, quiet: bool,
            verbose: bool):
    from . import api
    from .export import write_export
    from .progress import ProgressBar

    with ProgressBar(enabled=not quiet and not verbose) as progress:
        deck = api.source_notes(source, config_path=config_path, progress=progress, cache=not no_cache)
    _warn((*deck.extraction.warnings, *deck.skipped), quiet)
    path = write_export(deck, fmt, output)
    if not quiet:
        click.echo(str(path))


def _warn(warnings: Iterable[str], quiet: bool) -> None:
    """Warnings (count mismatches, guessed encodings, skipped files) on stderr, unless -q asks for errors only."""
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
