"""Every card of a built deck as real Anki renders it, as plain text, so a reviewer can read a whole deck.

    python benchmarks/card_dump.py build/theory-page.apkg                # to stdout
    python benchmarks/card_dump.py build/theory-page.apkg -o cards.txt --search '"note:deckgen term"'

The package is imported into a fresh collection in a temporary folder (Anki's defaults, as the GUI imports) and
each card is rendered by Anki: ``card.question()`` and ``card.answer()``, as plain text with a line per block.
The back is what the answer adds: the part after ``<hr id=answer>`` when the template shows the front above it.
A type-answer field shows as ``[answer box]`` in front and ``[to type: <the expected answer>]`` on the back. Cards come in the order a learner meets new
cards (deck, then due), each headed by its number, note type, card template and deck; a count per note type and
template comes first.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import anki.lang
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.errors import AnkiException

from deckgen.export import plain_text

TYPE_ANSWER = re.compile(r"\[\[type:(nc:)?(cloze:)?(.+?)\]\]")
ANSWER_RULE = re.compile(r'<hr id="?answer"?>')


def typed(col: Collection, card) -> str:
    """The answer Anki expects typed into ``card``'s box (``""`` for a card without one)."""
    found = TYPE_ANSWER.search(card.question())
    if not found:
        return ""
    text = card.note()[found[3]]
    return col._backend.extract_cloze_for_typing(text=text, ordinal=card.ord + 1) if found[2] else text


def card_text(col: Collection, card) -> tuple[str, str]:
    """Front and back of ``card`` as plain text."""
    question = TYPE_ANSWER.sub("[answer box]", card.question())
    answer = TYPE_ANSWER.sub(lambda _: f"[to type: {plain_text(typed(col, card))}]", card.answer())
    back = ANSWER_RULE.split(answer, maxsplit=1)[-1]
    return plain_text(question), plain_text(back)


def dump(package: Path, search: str = "") -> str:
    """The text of every card of ``package`` that ``search`` (Anki's search syntax) finds."""
    anki.lang.set_lang("en")
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(str(Path(folder) / "collection.anki2"))
        try:
            col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package.resolve()),
                                                             options=ImportAnkiPackageOptions()))
            cards = sorted((col.get_card(cid) for cid in col.find_cards(search)),
                           key=lambda card: (col.decks.name(card.did), card.due, card.ord))
            kinds = [(card.note_type()["name"], card.template()["name"]) for card in cards]
            lines = [f"{package.name}: {len(cards)} cards"]
            lines += [f"  {count:4}  {name} · {template}" for (name, template), count in sorted(Counter(kinds).items())]
            for number, (card, (name, template)) in enumerate(zip(cards, kinds), 1):
                front, back = card_text(col, card)
                lines += ["", f"#{number} {name} · {template} · {col.decks.name(card.did)}",
                          *(f"Q  {line}" for line in front.splitlines()), *(f"A  {line}" for line in back.splitlines())]
            return "\n".join(lines) + "\n"
        finally:
            col.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", type=Path, help="a built deck (.apkg)")
    parser.add_argument("-o", "--output", type=Path, help="write the text here instead of stdout")
    parser.add_argument("--search", default="", help="only the cards this Anki search finds")
    args = parser.parse_args(argv)
    if not args.package.is_file():
        print(f"{args.package}: no such deck file; build one first, e.g. deckgen build decks/theory-page",
              file=sys.stderr)
        return 1
    try:
        text = dump(args.package, args.search)
    except AnkiException as exc:
        print(f"{args.package}: Anki cannot import it ({exc}); give a deck file deckgen built", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
