"""package.py: note types, identities, atomic writing; what a rebuild reports (no Anki needed)."""
from __future__ import annotations

import time
import zipfile

import genanki
import pytest

from conftest import PLAIN, package, sample_extraction
from deckgen.cards import FIELDS, make_notes
from deckgen.errors import OutputError
from deckgen.notetypes import NOTE_TYPES
from deckgen.identity import load_store
from deckgen.package import deck_id, note_guid, write_package

DECK_KEY = "k-test"


def build(config, tmp_path, extraction=None, **kwargs):
    return package(config, tmp_path, extraction or sample_extraction(), deck_key=DECK_KEY, **kwargs)


def stored(tmp_path):
    return load_store(tmp_path / "deck.lock.json", DECK_KEY)


def test_note_types_are_frozen():
    """Changing any of this makes Anki import a "+" copy and stop updating notes: never do it."""
    shape = {kind: (m.model_id, m.name, m.model_type, [f["name"] for f in m.fields], [t["name"] for t in m.templates])
             for kind, m in NOTE_TYPES.items()}
    assert shape == {
        "list_item": (1589693383, "deckgen list item", genanki.Model.CLOZE,
                      ["Text", "List", "Source", "TTS", "DeckgenID"], ["Cloze"]),
        "list": (1567676165, "deckgen list", genanki.Model.FRONT_BACK,
                 ["Name", "Items", "Recite", "Naming", "Source", "TTS", "DeckgenID"], ["Recite", "Name"]),
        "list_size": (1714144074, "deckgen list size", genanki.Model.FRONT_BACK,
                      ["Name", "Asked", "Count", "Items", "Source", "TTS", "DeckgenID"], ["Count"]),
        "term": (1493550797, "deckgen term", genanki.Model.FRONT_BACK,
                 ["Term", "Definition", "Reverse", "Source", "TTS", "DeckgenID"], ["Definition", "Reverse"]),
        "term_cloze": (2046876555, "deckgen term cloze", genanki.Model.CLOZE,
                       ["Text", "Term", "Source", "TTS", "DeckgenID"], ["Cloze"]),
        "list_item_typed": (2049842289, "deckgen list item typed", genanki.Model.CLOZE,
                            ["Text", "List", "Source", "TTS", "DeckgenID"], ["Typed"]),
    }
    assert all([f["name"] for f in m.fields] == list(FIELDS[kind]) for kind, m in NOTE_TYPES.items())


def test_templates_have_no_script_and_no_text_filter():
    for model in NOTE_TYPES.values():
        for template in model.templates:
            for side in (template["qfmt"], template["afmt"]):
                assert "<script" not in side.lower() and "{{text:" not in side
        assert ".nightMode" in model.css and ".night_mode" in model.css


def test_guid_is_namespace_deck_key_kind_key_only():
    assert note_guid("k", "term", "term:x") == genanki.guid_for("deckgen", "k", "term", "term:x")


def test_deck_ids_are_stable_distinct_and_never_default():
    assert deck_id("学习::A") == deck_id("学习::A") != deck_id("学习::B")
    assert deck_id("Default") != 1


def test_write_package_reports_counts_and_decks(config, tmp_path):
    info = build(config, tmp_path, timestamp=1000)
    assert info.output.is_file() and zipfile.is_zipfile(info.output)
    assert info.notes == 8
    assert info.cards == 8  # 3 items, count, recite (the items give the name away: no Name card), 1 definition, 2 clozes
    assert info.decks == ("学习::党建引领社区治理的创新路径", "学习::新能源汽车人才政策")
    assert info.changes.previous is False and info.changes.new == 8
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_store_records_every_note(config, tmp_path):
    build(config, tmp_path, timestamp=1000)
    store = stored(tmp_path)
    assert store.found and store.timestamp == 1000 and len(store.notes) == 8
    entry = store.notes[note_guid(DECK_KEY, "list", "list:六个必须坚持")]
    assert entry.cards == ("Recite",) and entry.deck == "学习::党建引领社区治理的创新路径"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "deck.lock.json"]


def test_rebuild_reports_new_changed_unchanged_retired(config, tmp_path):
    build(config, tmp_path, timestamp=1000)
    again = build(config, tmp_path, timestamp=1001).changes
    assert (again.previous, again.new, again.changed, again.unchanged, again.retired) == (True, 0, 0, 8, ())
    extraction = sample_extraction(definition="换了一种说法的定义。")
    extraction = type(extraction)(documents=(), articles=extraction.articles, lists=extraction.lists,
                                  terms=extraction.terms[:1])
    changes = build(config, tmp_path, extraction, timestamp=1002).changes
    assert (changes.new, changes.changed, changes.unchanged) == (0, 1, 6)
    assert sorted((r.kind, r.key) for r in changes.retired) == [("term_cloze", "term:三个清单")]
    assert changes.retired_search.startswith("(deckgenid:")


def test_cards_turned_off_are_reported_not_errors(config, tmp_path):
    config["cards"]["reverse"] = True
    build(config, tmp_path, sample_extraction(items=PLAIN), timestamp=1000)
    config["cards"]["reverse"] = False
    config["cards"]["kinds"] = ["list_item", "list", "term"]
    changes = build(config, tmp_path, sample_extraction(items=PLAIN), timestamp=1001).changes
    assert [(r.key, r.cards) for r in changes.dropped] == [("list:六个必须坚持", ("Name",)),
                                                           ("term:枫桥经验", ("Reverse",))]
    name_id, reverse_id = (r.id for r in changes.dropped)
    assert changes.dropped_search == (f'(("card:Name" (deckgenid:{name_id})) OR '
                                      f'("card:Reverse" (deckgenid:{reverse_id})))')
    assert {r.kind for r in changes.retired} == {"term_cloze", "list_size"}
    assert changes.new == 0


def test_a_name_card_that_gives_the_name_away_is_reported_like_a_card_turned_off(config, tmp_path):
    """A deck built before made the Name card; now its items repeat the name (必须坚持…): the card is dropped."""
    build(config, tmp_path, sample_extraction(items=PLAIN), timestamp=1000)
    changes = build(config, tmp_path, timestamp=1001).changes
    assert [(r.key, r.cards) for r in changes.dropped] == [("list:六个必须坚持", ("Name",))]
    assert changes.dropped_search == f'(("card:Name" (deckgenid:{changes.dropped[0].id})))'


def test_default_timestamp_always_moves_past_the_previous_build(config, tmp_path):
    build(config, tmp_path)
    first = stored(tmp_path).timestamp
    build(config, tmp_path, extraction=sample_extraction(definition="另一个定义。"))
    assert int(stored(tmp_path).timestamp) > int(first) >= int(time.time()) - 5


@pytest.mark.parametrize("content", ["not json", '{"format": 2, "deck_key": "other", "notes": {}}',
                                     '{"format": 2, "deck_key": "k-test", "notes": {"g": {"kind": "term"}}}',
                                     '{"format": 2, "deck_key": "k-test", "timestamp": "soon", "notes": {}}',
                                     '{"format": 2, "deck_key": "k-test", "timestamp": Infinity, "notes": {}}'])
def test_a_bad_or_foreign_store_means_a_first_build(config, tmp_path, content):
    """A store is read back from disk: whatever it holds, the build goes on with fresh identities and the
    default (build-time) timestamp."""
    (tmp_path / "deck.lock.json").write_text(content, encoding="utf-8")
    info = build(config, tmp_path)
    assert info.changes.previous is False and info.written
    assert abs(stored(tmp_path).timestamp - time.time()) < 60


def test_failed_write_keeps_the_previous_deck_and_leaves_no_temp_file(config, tmp_path, monkeypatch):
    info = build(config, tmp_path, timestamp=1000)
    before = info.output.read_bytes(), (tmp_path / "deck.lock.json").read_bytes()

    def half_write(self, path, timestamp=None):
        with open(path, "wb") as f:
            f.write(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(genanki.Package, "write_to_file", half_write)
    with pytest.raises(OutputError, match=r"deck\.apkg: cannot write \(No space left on device\)"):
        build(config, tmp_path, sample_extraction(definition="另一个定义。"), timestamp=1001)
    assert (info.output.read_bytes(), (tmp_path / "deck.lock.json").read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "deck.lock.json"]


def test_output_in_an_impossible_place_is_an_output_error(config, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    notes = make_notes(sample_extraction(), config, deck_name="理论", deck_key=DECK_KEY)
    with pytest.raises(OutputError, match="file/deck.apkg"):
        write_package(notes, blocker / "deck.apkg", deck_key=DECK_KEY)


def test_missing_output_folder_is_created(config, tmp_path):
    notes = make_notes(sample_extraction(), config, deck_name="理论", deck_key=DECK_KEY)
    assert write_package(notes, tmp_path / "build" / "x.apkg", deck_key=DECK_KEY).output.is_file()


def test_two_notes_with_one_identity_are_refused(config, tmp_path):
    notes = make_notes(sample_extraction(), config, deck_name="理论", deck_key=DECK_KEY)
    with pytest.raises(ValueError, match="share the key"):
        write_package(notes + notes[:1], tmp_path / "x.apkg", deck_key=DECK_KEY)
