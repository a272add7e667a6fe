"""What the terminal shows around a build: a progress bar while it works, a summary table after it.

The bar is click's, on stderr, and only on a terminal: piped output, ``-q`` and
tests see nothing of it. With ``-v`` the per-document details (logged by
``api``) take its place, so the two never draw over each other.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TextIO

import click

from .api import DeckNotes
from .models import BuildResult, Document

LONG_RUN_CHARS = 500_000  # about a second of extraction: a single file shorter than this gets no bar


class ProgressBar:
    """An ``api.Progress`` callback drawing files done, characters and ETA; a context manager.

    It draws only when ``enabled``, stderr is a terminal and the run is long:
    several files, or one of more than ``LONG_RUN_CHARS`` characters.
    """

    def __init__(self, enabled: bool = True, label: str = "Extracting", file: TextIO | None = None) -> None:
        self.file = file or sys.stderr
        self.enabled = enabled and self.file.isatty()
        self.label = label
        self.bar = None
        self.chars = 0

    def __call__(self, documents: tuple[Document, ...], done: int) -> None:
        if done == 0:
            self._start(documents)
        elif self.bar is not None:
            size = len(documents[done - 1].text)
            self.chars += size
            self.bar.update(size, (done, len(documents)))
            if done == len(documents):
                self.close()

    def _start(self, documents: tuple[Document, ...]) -> None:
        self.close()
        total = sum(len(d.text) for d in documents)
        self.chars = 0
        if self.enabled and (len(documents) > 1 or total > LONG_RUN_CHARS):
            self.bar = click.progressbar(length=total, label=self.label, file=self.file,
                                         show_eta=True, show_percent=True,
                                         item_show_func=lambda item: self._describe(item, total))
            self.bar.render_progress()

    def _describe(self, item: tuple[int, int] | None, total: int) -> str:
        done, files = item or (0, "?")
        return f"{done}/{files} files, {_thousands(self.chars)}/{_thousands(total)} characters"

    def close(self) -> None:
        """End the bar's line (also when the run stopped half-way)."""
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _thousands(n: int) -> str:
    return f"{n / 1_000_000:.1f}M" if n >= 1_000_000 else f"{n / 1000:.0f}k"


COLUMNS = ("articles", "lists", "terms", "notes", "cards")


def source_rows(deck: DeckNotes, cards_per_note: dict[str, int]) -> list[tuple[str, dict[str, int]]]:
    """Per source document: its articles, lists, count mismatches, terms, notes and cards.

    ``cards_per_note`` maps a note's GUID to its card count (``BuildResult.card_counts``). A
    list, term or note counts where it was first found: the same list in two sources is one note.
    """
    kept = deck.kept
    source_of = {a.index: a.source for a in kept.articles}
    rows = {d.source: dict.fromkeys((*COLUMNS, "mismatches"), 0) for d in kept.documents}
    for article in kept.articles:
        rows[article.source]["articles"] += 1
    for lst in kept.lists:
        rows[source_of[lst.article]]["lists"] += 1
        rows[source_of[lst.article]]["mismatches"] += lst.count_mismatch
    for term in kept.terms:
        rows[source_of[term.article]]["terms"] += 1
    for note in deck.notes:
        row = rows[source_of[deck.origin(note).article]]
        row["notes"] += 1
        row["cards"] += cards_per_note[note.guid]
    return list(rows.items())


def summary(deck: DeckNotes, result: BuildResult) -> str:
    """The end-of-build table (a row per source, then totals), the output path and the changes since the last build."""
    rows = source_rows(deck, result.card_counts)
    names = [Path(source).name for source, _ in rows]
    width = max(_width(name) for name in [*names, "source", "total"])
    lines = [_pad("source", width) + "".join(f"{c:>10}" for c in COLUMNS)]
    for name, (_, row) in zip(names, rows):
        lists = f"{row['lists']}" + (f" ({row['mismatches']}!)" if row["mismatches"] else "")
        cells = [row["articles"], lists, row["terms"], row["notes"], row["cards"]]
        lines.append(_pad(name, width) + "".join(f"{cell:>10}" for cell in cells))
    totals = [sum(row[c] for _, row in rows) for c in COLUMNS]
    if len(rows) > 1:
        lines.append(_pad("total", width) + "".join(f"{cell:>10}" for cell in totals))
    if result.count_mismatches:
        lines.append(f"(n!) lists whose named count differs from the items found: {', '.join(result.count_mismatches)}")
    done = "Wrote" if result.written else "Unchanged (not rewritten):"
    lines.append(f"{done} {result.output}: {result.notes} notes, {result.cards} cards in {len(result.decks)} decks")
    lines += _changes(result)
    return "\n".join(lines)


def _changes(result: BuildResult) -> list[str]:
    changes = result.changes
    if changes is None or not changes.previous:
        return []
    lines = [f"Against the previous build: {changes.new} new, {changes.changed} changed "
             f"({len(changes.reworded)} reworded), {changes.unchanged} unchanged, {len(changes.retired)} retired notes"]
    lines += [f"  reworded: {carry.old} → {carry.new}" for carry in changes.reworded]
    if changes.retired:
        lines.append(f"  retired notes stay in Anki until you delete them; find them with: {changes.retired_search}")
        lines.append("  (reported on every build until you confirm them: deckgen build --forget-retired)")
    if changes.forgotten:
        lines.append(f"  {changes.forgotten} retired notes confirmed: no longer reported")
    if changes.dropped:
        lines.append(f"  {len(changes.dropped)} notes lost a card (a kind turned off in config, or a Name card whose "
                     "items give the name away): empty now, Tools › Empty Cards in Anki removes them; "
                     f"find those cards with: {changes.dropped_search}")
    return lines


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
