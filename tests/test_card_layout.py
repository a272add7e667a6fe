"""Every card of the example deck, rendered by real Anki and laid out by headless Chromium: readable at night and on
a phone.

Contrast is WCAG's ratio of a text's colour to the background behind it, from computed styles (4.5:1 is AA for
body text); a lone character is a line holding a single character, punctuation aside (``reviewer_page.py``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from anki.collection import Collection

from conftest import import_package
from deckgen.api import package_deck, source_notes
from reviewer_page import MODES, WIDTHS, lay_out, reviewer_sides

ROOT = Path(__file__).resolve().parents[1]
# every card template: the reverse and typed-answer cards too
CONFIG = "cards:\n  reverse: true\n  kinds: [list_item, list, list_count, list_size, term, term_cloze, list_item_typed]\n"


@pytest.fixture(scope="module")
def layouts(empty_collection, tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    (folder / "config.yaml").write_text(CONFIG, encoding="utf-8")
    copy = folder / "theory-page"  # the build brings the folder's identity store (deck.lock.json) up to date
    shutil.copytree(ROOT / "decks" / "theory-page", copy)
    deck = package_deck(source_notes(copy, config_path=folder / "config.yaml"), folder / "deck.apkg")
    path = folder / "collection.anki2"
    path.write_bytes(empty_collection.read_bytes())
    col = Collection(str(path))
    try:
        import_package(col, Path(deck.output))
        cards = [col.get_card(cid) for cid in col.find_cards("")]
        assert {card.template()["name"] for card in cards} == {"Cloze", "Recite", "Name", "Count", "Definition",
                                                               "Reverse", "Typed"}
        # typed answers with a right, a wrong and missing characters: Anki's comparison shows all three colours
        return lay_out([side for card in cards for side in reviewer_sides(col, card, lambda right: right[0] + "错")])
    finally:
        col.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mode", MODES)
def test_every_text_has_contrast_of_at_least_4_5(layouts, mode, width):
    shown = [(text["ratio"], text["cls"], text["text"]) for layout in layouts
             if (layout.mode, layout.width) == (mode, width) for text in layout.texts]
    assert len(shown) > 500
    assert [text for text in shown if text[0] < 4.5] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_no_character_is_left_alone_on_a_line(layouts, width):
    assert [lone for layout in layouts if layout.width == width for lone in layout.lone] == []
