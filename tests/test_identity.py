"""Identities through source edits (issue 12), in real Anki: every card is answered, the source is edited, the
deck rebuilt and imported again. For each edit: the reviewed cards are all kept, no old note is orphaned (but
where its content really left the source), and only new content makes new notes."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import import_package
from test_anki_import import answer_every_card, assert_healthy, schedules, seen
from test_cli_curate import A
from test_export import import_text
from deckgen.api import build_deck, build_deck_folder, new_deck, review_deck, source_notes
from deckgen.cli import main
from deckgen.deckspec import load_deck_spec
from deckgen.export import write_export
from deckgen.identity import LOCK_FILE, load_store, output_store, pair_items, similar
from deckgen.package import note_guid

ARTICLE = A  # a counted list (五治融合, 5 items) and terms, as in tests/test_cli_curate.py
EXAMPLE = Path(__file__).resolve().parents[1] / "decks" / "theory-page" / "theory-page.txt"


@dataclasses.dataclass
class Outcome:
    """A rebuild imported over a reviewed collection, counted as the issue asks."""

    kept: int  # reviewed cards whose note is still built and whose schedule is as it was
    reviewed: int  # cards reviewed before the rebuild
    orphaned: list[str]  # first fields of the notes in Anki that the rebuild no longer holds
    new: int  # notes the import added
    result: object


class Deck:
    """decks/d in ``root``, made from a.txt; built to root/d.apkg with a timestamp that moves on each build."""

    def __init__(self, root: Path, text: str = ARTICLE, *, stamp: int = 1000):
        self.root = root
        self.stamp = stamp
        self.folder = root / "decks" / "d"
        if not self.folder.exists():
            (root / "a.txt").write_text(text, encoding="utf-8")
            new_deck("d", [root / "a.txt"], root=root)

    def source(self, name: str = "a.txt") -> Path:
        return self.folder / name

    def edit(self, old: str, new: str, name: str = "a.txt") -> None:
        text = self.source(name).read_text(encoding="utf-8")
        assert old in text
        self.source(name).write_text(text.replace(old, new, 1), encoding="utf-8")

    def build(self, **kwargs):
        self.stamp += 1000
        return build_deck_folder(load_deck_spec(self.folder), output=self.root / "d.apkg", timestamp=self.stamp,
                                 **kwargs)

    def guids(self) -> set[str]:
        return set(load_store(self.folder / LOCK_FILE, load_deck_spec(self.folder).key).notes)


def reviewed(col, result) -> dict[int, tuple]:
    import_package(col, Path(result.output))
    answer_every_card(col)
    return schedules(col)


def rebuilt(col, deck: Deck, before: dict[int, tuple], **kwargs) -> Outcome:
    result = deck.build(**kwargs)
    log = import_package(col, Path(result.output))
    assert not log.conflicting
    now, guids = schedules(col), deck.guids()
    built_cards = {cid for nid in col.find_notes("") if col.get_note(nid).guid in guids
                   for cid in col.card_ids_of_note(nid)}
    kept = sum(now.get(cid) == state and cid in built_cards for cid, state in before.items())
    orphaned = [col.get_note(nid).fields[0] for nid in col.find_notes("") if col.get_note(nid).guid not in guids]
    assert_healthy(col)
    return Outcome(kept=kept, reviewed=len(before), orphaned=orphaned, new=len(log.new), result=result)


@pytest.fixture
def deck(tmp_path) -> Deck:
    return Deck(tmp_path)


def test_a_reworded_item_keeps_its_note(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("以智治更便民", "以智治惠民生")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)
    assert [(c.old, c.new) for c in out.result.changes.reworded] == [("以智治更便民", "以智治惠民生")]
    (asked,) = [c for cid in col.find_cards('"note:deckgen list item"') for c in [col.get_card(cid)]
                if "以智治惠民生" in seen(c)[1] and "惠民生" not in seen(c)[0]]
    assert asked.id in before  # the card the learner reviewed, now asking the new wording


def test_a_reworded_term_in_its_sentence_keeps_its_notes(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("推行“一门式”服务", "推行“一门式办理”服务")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)
    assert [(c.old, c.new) for c in out.result.changes.reworded] == [("一门式", "一门式办理")]


def test_a_reworded_sentence_around_a_term_keeps_its_notes(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("推动矛盾纠纷就地化解", "做到小事不出村、矛盾不上交")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)
    assert out.result.changes.changed and not out.result.changes.reworded


def test_an_item_added_to_a_counted_list_is_the_only_new_note(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("以智治更便民。", "以智治更便民，以共治聚合力。")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 1)
    assert out.result.count_mismatches == ("五治融合",)  # still a list, marked
    assert any("names 5 items but 6 were found" in w for w in out.result.warnings)


def test_a_clause_added_to_the_example_decks_list_is_the_only_new_note(tmp_path, col):
    """The issue's edit: one clause more for 五治融合, whose items are same-shaped sentences of the example deck
    (the whole list, 6 notes, used to be retired: its count no longer matched)."""
    deck = Deck(tmp_path, EXAMPLE.read_text(encoding="utf-8"))
    before = reviewed(col, deck.build())
    deck.edit("提升社区治理水平。", "提升社区治理水平。以共治聚合力,要凝聚辖区多方力量。")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 1)
    assert "五治融合" in out.result.count_mismatches


def test_an_item_removed_from_a_counted_list_retires_only_its_note(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("以德治润民心，", "")
    out = rebuilt(col, deck, before)
    assert out.new == 0 and out.kept == out.reviewed - 1  # the removed item's one card
    assert len(out.orphaned) == 1 and "以德治润民心" in out.orphaned[0]
    assert [r.text for r in out.result.changes.retired] == ["以德治润民心"]


def test_an_item_split_in_two_keeps_its_note_for_one_half(tmp_path, col):
    deck = Deck(tmp_path, ARTICLE.replace("以法治筑平安", "以法治筑平安促和谐"))
    before = reviewed(col, deck.build())
    deck.edit("以法治筑平安促和谐", "以法治筑平安，以法治促和谐")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 1)
    assert [(c.old, c.new) for c in out.result.changes.reworded] == [("以法治筑平安促和谐", "以法治筑平安")]


def test_a_list_renamed_in_the_source_keeps_its_notes(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("五治融合", "五治协同")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)
    assert ("五治融合", "五治协同") in [(c.old, c.new) for c in out.result.changes.reworded]


def test_a_second_file_with_another_wording_of_a_list_is_named(deck, col):
    before = reviewed(col, deck.build())
    other = ARTICLE.replace("党建引领社区治理", "社区治理再出发").replace("以智治更便民", "以智治惠民生")
    (deck.folder / "c.txt").write_text(other, encoding="utf-8")
    spec = deck.folder / "deck.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("sources: [a.txt]", "sources: [a.txt, c.txt]"),
                    encoding="utf-8")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)
    (warning,) = [w for w in out.result.warnings if "五治融合" in w]
    assert "c.txt" in warning and "a.txt" in warning and "以智治惠民生" in warning


def test_a_second_file_with_other_items_under_the_same_name_is_another_list(deck, col):
    """今年发展主要预期目标 of two years' reports: one name, two lists; both are learnt, neither is a rewording."""
    before = reviewed(col, deck.build())
    items = "以政治强引领，以法治筑平安，以德治润民心，以自治促民主，以智治更便民"
    assert items in ARTICLE
    other = ARTICLE.replace(items, "以政治定方向，以法治促发展，以德治添动力，以自治拓空间，以智治聚人心")
    (deck.folder / "c.txt").write_text(other, encoding="utf-8")
    spec = deck.folder / "deck.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("sources: [a.txt]", "sources: [a.txt, c.txt]"),
                    encoding="utf-8")
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned) == (out.reviewed, [])
    assert not [w for w in out.result.warnings if "五治融合" in w]
    notes = source_notes(deck.folder)
    lists = {lst.id: lst.items for lst in notes.kept.lists if "五治融合" in lst.id}
    assert lists.keys() == {"list:五治融合", "list:五治融合@c"}
    assert "以法治促发展" in lists["list:五治融合@c"]
    new_list = [n for n in notes.notes if "list:五治融合@c" in n.key]
    assert len(new_list) > len(lists["list:五治融合@c"])  # its items' notes, its whole-list and count notes
    assert out.new == len(new_list)  # nothing else is new


def test_a_fresh_clone_of_a_deck_folder_builds_the_same_guids(deck, col, tmp_path_factory):
    before = reviewed(col, deck.build())
    deck.edit("以智治更便民", "以智治惠民生")
    first = rebuilt(col, deck, before)
    assert first.result.changes.reworded  # a carried GUID: not the one its key would give
    clone_root = tmp_path_factory.mktemp("clone")
    shutil.copytree(deck.folder, clone_root / "decks" / "d")  # deck.lock.json included, as git clones it
    clone = Deck(clone_root, stamp=deck.stamp)
    out = rebuilt(col, clone, schedules(col))
    assert clone.guids() == deck.guids()
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)


def test_exports_carry_the_identities_of_the_deck(deck, col):
    """anki-txt names each note by GUID: after a rewording it must be the carried one, or Anki adds a note."""
    before = reviewed(col, deck.build())
    deck.edit("以智治更便民", "以智治惠民生")
    rebuilt(col, deck, before)
    deck.edit("以法治筑平安", "以法治护平安")  # exported before any build knows it: carried all the same
    exported = write_export(source_notes(deck.folder), "anki-txt", deck.root / "d.txt")
    notes = col.note_count()
    log = import_text(col, exported)
    assert not log.new and col.note_count() == notes and schedules(col).keys() == before.keys()
    assert col.find_notes('"note:deckgen list item" 以法治护平安')


def test_review_shows_a_reworded_item_as_one_changed_item(deck):
    review_deck(load_deck_spec(deck.folder))
    deck.edit("以智治更便民", "以智治惠民生")
    review = review_deck(load_deck_spec(deck.folder))
    (entry,) = [e for e in review.entries if e.id == "list:五治融合"]
    assert [item.text for item in entry.items] == ["以政治强引领", "以法治筑平安", "以德治润民心", "以自治促民主",
                                                   "以智治惠民生"]
    assert [(item.id, item.changed) for item in entry.items][-1] == ("以智治更便民", True)
    assert review.reworded == 1 and review.missing == 0
    text = (deck.folder / "candidates.yaml").read_text(encoding="utf-8")
    assert "text: 以智治更便民" not in text  # one wording only


def test_a_reviewed_deck_keeps_its_notes_through_a_reworded_item(deck, col):
    """The same edit with candidates.yaml: the item id review carries over keeps the note's key."""
    review_deck(load_deck_spec(deck.folder))
    before = reviewed(col, deck.build())
    deck.edit("以智治更便民", "以智治惠民生")
    review_deck(load_deck_spec(deck.folder))
    out = rebuilt(col, deck, before)
    assert (out.kept, out.orphaned, out.new) == (out.reviewed, [], 0)
    assert [(c.old, c.new) for c in out.result.changes.reworded] == [("以智治更便民", "以智治惠民生")]


def refuse_carry(deck: Deck, entry_id: str) -> None:
    """``carry: no`` on an entry of the deck's candidates.yaml, as an organiser writes it."""
    path = deck.folder / "candidates.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"- id: {entry_id}\n" in text
    path.write_text(text.replace(f"- id: {entry_id}\n", f"- id: {entry_id}\n  carry: no\n"), encoding="utf-8")


def test_carry_no_in_candidates_makes_a_reworded_item_a_new_note(deck, col):
    review_deck(load_deck_spec(deck.folder))
    before = reviewed(col, deck.build())
    refuse_carry(deck, "list:五治融合")
    deck.edit("以智治更便民", "以智治惠民生")
    review = review_deck(load_deck_spec(deck.folder))
    assert review.reworded == 0  # no item keeps the old id
    assert "carry: false" in (deck.folder / "candidates.yaml").read_text(encoding="utf-8")
    out = rebuilt(col, deck, before)
    assert out.new == 1 and out.kept == out.reviewed - 1 and len(out.orphaned) == 1
    assert not out.result.changes.reworded


def test_carry_no_in_candidates_makes_a_reworded_term_a_new_note(deck, col):
    review_deck(load_deck_spec(deck.folder))
    before = reviewed(col, deck.build())
    deck.edit("推行“一门式”服务", "推行“一门式办理”服务")
    review_deck(load_deck_spec(deck.folder))
    refuse_carry(deck, "term:一门式办理")
    out = rebuilt(col, deck, before)
    assert out.new == 1 and len(out.orphaned) == 1 and not out.result.changes.reworded


def test_carry_no_gives_back_an_identity_carried_before(deck):
    deck.build()
    deck.edit("推行“一门式”服务", "推行“一门式办理”服务")
    assert deck.build().changes.reworded  # carried: no review yet
    review_deck(load_deck_spec(deck.folder))
    refuse_carry(deck, "term:一门式办理")
    changes = deck.build().changes
    assert changes.new == 1 and [r.text for r in changes.retired] == ["一门式办理"]  # the carried one, by its search


def test_no_carry_makes_a_reworded_item_a_new_note(deck, col):
    before = reviewed(col, deck.build())
    deck.edit("以智治更便民", "以智治惠民生")
    out = rebuilt(col, deck, before, carry=False)
    assert out.new == 1 and out.kept == out.reviewed - 1 and len(out.orphaned) == 1
    assert not out.result.changes.reworded


def test_a_v1_manifest_beside_the_deck_keeps_identities_and_is_removed(tmp_path, col):
    """Decks built before the store: their manifest's GUIDs and timestamp carry on, then it goes."""
    tmp_path = tmp_path / "work"  # the collection is in tmp_path
    tmp_path.mkdir()
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "a.apkg"
    first = build_deck([source], output=out, timestamp=5000)
    store = output_store(out)
    data = json.loads(store.read_text(encoding="utf-8"))
    manifest = {"format": 1, "deck_key": data["deck_key"], "timestamp": 5000,
                "notes": {guid: {k: e[k] for k in ("kind", "key", "id", "deck", "hash", "cards")}
                          for guid, e in data["notes"].items()}}
    store.unlink()
    (tmp_path / "a.apkg.manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    import_package(col, out)
    answer_every_card(col)
    before = schedules(col)

    source.write_text(ARTICLE.replace("推动矛盾纠纷就地化解", "推动矛盾就地化解"), encoding="utf-8")
    again = build_deck([source], output=out)
    log = import_package(col, out)
    assert again.changes.previous and (again.changes.new, again.changes.changed) == (0, 1)  # 枫桥经验's cloze
    assert not log.new and log.updated and schedules(col) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.apkg", "a.txt"]
    assert load_store(store, data["deck_key"]).timestamp > 5000
    assert first.notes == again.notes


def test_a_bare_file_build_keeps_its_identities_outside_the_output_folder(tmp_path, col):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out" / "a.apkg"
    import_package(col, Path(build_deck([source], output=out, timestamp=1000).output))
    answer_every_card(col)
    before = schedules(col)
    source.write_text(ARTICLE.replace("以智治更便民", "以智治惠民生"), encoding="utf-8")
    result = build_deck([source], output=out, timestamp=2000)
    log = import_package(col, out)
    assert not log.new and schedules(col) == before and result.changes.reworded
    assert sorted(p.name for p in out.parent.iterdir()) == ["a.apkg"]


def test_an_unchanged_deck_is_not_rewritten(deck):
    first = deck.build()
    apkg = Path(first.output)
    written = apkg.stat().st_mtime_ns, apkg.read_bytes()
    again = deck.build()
    assert first.written and not again.written
    assert (apkg.stat().st_mtime_ns, apkg.read_bytes()) == written
    apkg.write_bytes(b"not the deck")  # an output that no longer holds the build is written again
    assert deck.build().written and apkg.read_bytes() != b"not the deck"


@pytest.mark.parametrize(("old", "new", "same"), [
    ("以智治更便民", "以智治惠民生", True),  # the rewording: 0.67, 4 characters shared
    ("枫桥经验", "新时代枫桥经验", True),
    ("以德治润民心", "以智治更便民", False),  # two items of one list: 0.5, but 以, 治, 民 apart
    ("一门式", "一门式办理", True),
    ("自治", "德治", False),  # too short to tell
])
def test_similar_wordings(old, new, same):
    assert bool(similar(old, new)) is same


def test_pairing_leaves_out_what_every_item_shares():
    """必须坚持 starts every item of 六个必须坚持: two different items are not one item reworded."""
    items = ["必须坚持人民至上", "必须坚持自信自立", "必须坚持守正创新"]
    assert pair_items([(1, "必须坚持自信自立")], [(1, "必须坚持胸怀天下")], items) == []
    assert pair_items([(1, "必须坚持自信自立")], [(1, "必须坚持自信自强")], items) == [(0, 0)]
    assert pair_items([(0, "必须坚持自信自立")], [(3, "必须坚持自信自强")], items) == []  # too far


def test_a_first_build_uses_the_keys_guids(deck):
    deck.build()
    key = load_deck_spec(deck.folder).key
    assert note_guid(key, "list", "list:五治融合") in deck.guids()


# --- the CLI -------------------------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def here(tmp_path, monkeypatch) -> Deck:
    monkeypatch.chdir(tmp_path)
    return Deck(tmp_path)


def test_cli_reports_each_reworded_note(here):
    assert run("build", "decks/d").exit_code == 0
    here.edit("以智治更便民", "以智治惠民生")
    result = run("build", "decks/d")
    assert result.exit_code == 0, result.output
    assert "(1 reworded)" in result.stdout and "  reworded: 以智治更便民 → 以智治惠民生" in result.stdout
    assert "0 retired notes" in result.stdout


def test_cli_no_carry_retires_the_old_wording(here):
    assert run("build", "decks/d").exit_code == 0
    here.edit("以智治更便民", "以智治惠民生")
    result = run("build", "decks/d", "--no-carry")
    assert result.exit_code == 0, result.output
    assert "reworded:" not in result.stdout and "1 new" in result.stdout and "1 retired notes" in result.stdout


def test_cli_retired_notes_are_reported_until_forgotten(here):
    assert run("build", "decks/d").exit_code == 0
    here.edit("以德治润民心，", "")
    first = run("build", "decks/d")
    assert "1 retired notes" in first.stdout and "deckgenid:" in first.stdout
    again = run("build", "decks/d")  # nothing changed: still reported, with its search
    assert "Unchanged" in again.stdout and "1 retired notes" in again.stdout
    assert again.stdout.split("find them with: ")[1].split()[0] == first.stdout.split("find them with: ")[1].split()[0]
    assert "--forget-retired" in again.stdout
    forgot = run("build", "decks/d", "--forget-retired")
    assert forgot.exit_code == 0 and "1 retired notes confirmed" in forgot.stdout
    after = run("build", "decks/d")
    assert "0 retired notes" in after.stdout and "find them with" not in after.stdout


def test_cli_build_writes_nothing_beside_the_deck(here):
    assert run("build", "decks/d").exit_code == 0
    assert sorted(p.name for p in (here.root / "build").iterdir()) == ["d.apkg"]
    assert (here.folder / LOCK_FILE).is_file()


def test_a_damaged_bare_file_store_means_fresh_identities(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "a.apkg"
    first = build_deck([source], output=out)
    output_store(out).write_text('{"format": 2, "notes": [', encoding="utf-8")
    again = build_deck([source], output=out)
    assert again.written and not again.changes.previous and again.notes == first.notes
    assert load_store(output_store(out), "a").found  # written anew


def test_a_rewording_changes_few_lines_of_deck_lock_json(deck):
    """The organiser commits the lock: a rebuild's diff is a line per note that changed, and the timestamp."""
    deck.build()
    before = (deck.folder / LOCK_FILE).read_text(encoding="utf-8").splitlines()
    deck.edit("以智治更便民", "以智治惠民生")
    changes = deck.build().changes
    after = (deck.folder / LOCK_FILE).read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [line for old, line in zip(before, after) if old != line]
    assert len(changed) == changes.changed + 2  # the notes, the digest and the timestamp


def test_a_fresh_clone_built_with_nothing_changed_leaves_deck_lock_json_as_committed(tmp_path, monkeypatch):
    """Regression: on a machine that had not built the deck, the unchanged deck was written with a new
    timestamp and deck.lock.json changed with it, so `git status` after a clone and a build was not clean."""
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "org").mkdir()
    monkeypatch.chdir(tmp_path / "org")
    build_deck_folder(new_deck("d", [source]))
    committed = (tmp_path / "org" / "decks" / "d" / LOCK_FILE).read_bytes()
    shutil.copytree(tmp_path / "org" / "decks", tmp_path / "clone" / "decks")
    monkeypatch.setenv("DECKGEN_STATE_DIR", str(tmp_path / "another-machine"))
    monkeypatch.chdir(tmp_path / "clone")
    result = build_deck_folder(load_deck_spec("decks/d"))
    assert result.written and not result.changes.new and not result.changes.changed
    assert (tmp_path / "clone" / "decks" / "d" / LOCK_FILE).read_bytes() == committed
