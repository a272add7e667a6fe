"""Curated deck folders imported into real Anki: edits in candidates.yaml update notes in place, keep reviews."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import import_package
from test_anki_import import answer_every_card, assert_healthy, schedules, seen
from test_cli_curate import A, B, decide
from deckgen import __version__
from deckgen.api import build_deck_folder, new_deck, review_deck
from deckgen.deckspec import load_deck_spec


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """decks/d made from two articles that share a term, reviewed once; the deck says what it is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    folder = new_deck("d", ["a.txt", "b.txt"]).folder
    spec = folder / "deck.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "description: 学习小组第3期\n", encoding="utf-8")
    review_deck(load_deck_spec(folder))
    return folder


def build(folder: Path, timestamp: float):
    """Build the deck folder; the result's ``output`` is a Path, ready to import."""
    result = build_deck_folder(load_deck_spec(folder), output=folder.parent.parent / "d.apkg", timestamp=timestamp)
    return dataclasses.replace(result, output=Path(result.output))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_reworded_item_updates_its_note_and_keeps_its_schedule(folder, col):
    import_package(col, build(folder, 1000).output)
    answer_every_card(col)
    before = schedules(col)
    replace_in(folder / "candidates.yaml", "text: 以智治更便民}", "text: 以智治惠民生}")
    info = build(folder, 2000)
    log = import_package(col, info.output)
    assert not log.new and not log.conflicting
    assert (info.changes.new, info.changes.changed) == (0, 7)  # the five items' cues, the list and its count note
    assert schedules(col) == before  # same cards, every schedule kept
    items = [col.get_card(cid) for cid in col.find_cards('"note:deckgen list item" 以政治强引领')]  # 五治融合's
    (asked,) = [card for card in items if "惠民生" not in seen(card)[0]]  # the card that asks for it
    assert asked.id in before and "以智治惠民生" in seen(asked)[1]
    assert not col.find_notes('"note:deckgen list item" "Text:*更便民*"')  # gone from every cue too
    assert_healthy(col)


def test_a_dropped_term_is_retired_not_deleted(folder, col):
    import_package(col, build(folder, 1000).output)
    notes = col.note_count()
    decide(folder / "candidates.yaml", "term:一门式", "drop")
    info = build(folder, 2000)
    import_package(col, info.output)
    assert col.note_count() == notes and info.changes.new == 0
    assert {r.key for r in info.changes.retired} == {"term:一门式"}
    assert col.find_notes(info.changes.retired_search)


def test_a_term_in_two_articles_is_one_note_citing_both(folder, col):
    import_package(col, build(folder, 1000).output)
    (nid,) = col.find_notes('"note:deckgen term cloze" 枫桥经验')
    note = col.get_note(nid)
    assert {"source::a", "source::b"} <= set(note.tags)
    back = seen(note.cards()[0])[1]
    assert "《党建引领社区治理》马开军" in back and "《基层治理的经验》李四" in back


def test_a_shared_deck_carries_its_description_and_no_scheduling(folder, col):
    import_package(col, build(folder, 1000).output)
    description = col.decks.get(col.get_card(col.find_cards("")[0]).did)["desc"]
    assert description.startswith("学习小组第3期<br>Sources: a.txt, b.txt. Built ")
    assert f"with deckgen {__version__}" in description
    assert col.find_cards("") == col.find_cards("is:new")
    assert col.db.scalar("select count() from revlog") == 0
