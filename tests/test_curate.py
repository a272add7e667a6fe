"""curate.py: candidates from an extraction, candidates.yaml written and read back, merges, decisions applied."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import SIX, article, make_list, make_term, sample_extraction
from deckgen.cards import make_notes
from deckgen.curate import (Entry, Item, candidate, curate, dump_candidates, merge, occurrences_by_id,
                            read_candidates, tag_notes)
from deckgen.config import load_config
from deckgen.deckspec import create_deck_folder, load_deck_spec
from deckgen.errors import ConfigError, OutputError
from deckgen.models import Extraction


def candidates_of(extraction: Extraction) -> list[Entry]:
    return [candidate(found, extraction) for found in occurrences_by_id(extraction).values()]


def write(path: Path, entries, deck="理论") -> Path:
    path.write_text(dump_candidates(entries, deck=deck, folder=str(path.parent)), encoding="utf-8")
    return path


def edit(entries: list[Entry], entry_id: str, **changes) -> list[Entry]:
    return [dataclasses.replace(e, **changes) if e.id == entry_id else e for e in entries]


def notes(extraction, config, candidates=None):
    curated = curate(extraction, config, candidates)
    made = make_notes(curated.extraction, config, deck_name="理论", deck_key="k", item_ids=curated.item_ids)
    return tag_notes(made, curated.tags)


def by_key(made):
    return {(n.kind, n.key): n for n in made}


def test_an_unreviewed_deck_keeps_the_note_keys_and_content_it_had(config):
    """Decks built before curation existed must keep updating in place: same keys, same fields."""
    extraction = sample_extraction(items=SIX)
    before = make_notes(extraction, config, deck_name="理论", deck_key="k")
    assert notes(extraction, config) == before
    assert ("list_item", "list:六个必须坚持/必须坚持人民至上") in by_key(before)


def test_candidates_are_in_source_order_with_every_occurrence_named(config):
    twice = make_term("枫桥经验", "学习“枫桥经验”。", article=1, line=3)
    extraction = sample_extraction(extra_terms=(twice,))
    entries = candidates_of(extraction)
    assert [e.id for e in entries] == ["list:六个必须坚持", "term:枫桥经验", "term:三个清单"]
    assert entries[1].source == "theory page.txt:20, page2.txt:3"
    assert entries[0].items[0] == Item("必须坚持人民至上", "必须坚持人民至上")


def test_the_file_reads_back_as_it_was_written(tmp_path):
    entries = candidates_of(sample_extraction())
    entries = edit(entries, "term:枫桥经验", decision="keep", tags=("重点",))
    again = read_candidates(write(tmp_path / "candidates.yaml", entries))
    assert again == entries
    text = (tmp_path / "candidates.yaml").read_text(encoding="utf-8")
    assert "name: 六个必须坚持" in text and "\\u" not in text  # Chinese written as Chinese
    assert "- {id: 必须坚持人民至上, text: 必须坚持人民至上}" in text


@given(st.lists(st.text(min_size=1, max_size=12).filter(lambda s: any(c.isalnum() for c in s)),
                min_size=1, max_size=5, unique_by=lambda s: "".join(c for c in s if c.isalnum()).lower()))
def test_any_item_text_survives_the_file(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("c") / "candidates.yaml"
    items = tuple(Item(f"i{n}", " ".join(text.split())) for n, text in enumerate(texts))
    entry = Entry(id="list:x", name="名", items=items, found="f", decision="keep")
    assert read_candidates(write(path, [entry])) == [entry]


def test_decisions_choose_what_is_built(config, tmp_path):
    extraction = sample_extraction(extra_terms=(make_term("一盘棋", "社区各方同下“一盘棋”，形成治理合力。", confidence=0.4, line=30),))
    path = tmp_path / "candidates.yaml"
    entries = edit(candidates_of(extraction), "term:三个清单", decision="drop")
    write(path, entries)
    kinds = {key for _, key in by_key(notes(extraction, config, path))}
    assert "term:三个清单" not in kinds and "term:一盘棋" not in kinds  # dropped; undecided below min_confidence
    assert "term:枫桥经验" in kinds  # undecided above it
    write(path, edit(entries, "term:一盘棋", decision="keep"))
    assert "term:一盘棋" in {key for _, key in by_key(notes(extraction, config, path))}
    config["review"]["undecided"] = "include"
    write(path, entries)
    assert "term:一盘棋" in {key for _, key in by_key(notes(extraction, config, path))}


def test_edited_items_keep_their_ids_and_new_ones_get_one(config, tmp_path):
    extraction = sample_extraction(items=SIX[:3])
    entries = candidates_of(extraction)
    first, second, third = entries[0].items
    items = (dataclasses.replace(second, text="必须坚持自信自强"), first, Item("必须坚持系统观念", "必须坚持系统观念"))
    write(tmp_path / "candidates.yaml", edit(entries, "list:六个必须坚持", name="“六个必须坚持”", items=items))
    made = notes(extraction, config, tmp_path / "candidates.yaml")
    keys = [n.key for n in made if n.kind == "list_item"]
    assert keys == ["list:六个必须坚持/必须坚持自信自立", "list:六个必须坚持/必须坚持人民至上",
                    "list:六个必须坚持/必须坚持系统观念"]  # reworded, moved, added; the third is gone
    reworded = by_key(made)[("list_item", "list:六个必须坚持/必须坚持自信自立")]
    assert "自信自强" in reworded.fields[0] and "“六个必须坚持”" in reworded.fields[1]


def test_an_item_added_as_plain_text_gets_the_id_of_its_words(tmp_path):
    path = tmp_path / "candidates.yaml"
    path.write_text("- id: list:三件事\n  name: 三件事\n  items:\n  - {id: a, text: 第一件}\n  - 第二件，要紧\n",
                    encoding="utf-8")
    assert read_candidates(path)[0].items == (Item("a", "第一件"), Item("第二件要紧", "第二件，要紧"))


def test_an_edited_definition_no_longer_cites_the_lexicon(config, tmp_path):
    term = dataclasses.replace(make_term("四个意识", "增强“四个意识”。", definition="政治意识、大局意识…"),
                               definition_source="《规范表述》")
    extraction = sample_extraction(extra_terms=(term,))
    assert "规范表述" in by_key(notes(extraction, config))[("term", "term:四个意识")].fields[1]
    write(tmp_path / "candidates.yaml", edit(candidates_of(extraction), "term:四个意识", definition="我的释义"))
    made = by_key(notes(extraction, config, tmp_path / "candidates.yaml"))[("term", "term:四个意识")]
    assert "我的释义" in made.fields[1] and "规范表述" not in made.fields[1]


def test_extra_tags_go_on_the_entrys_notes_only(config, tmp_path):
    extraction = sample_extraction()
    write(tmp_path / "candidates.yaml", edit(candidates_of(extraction), "list:六个必须坚持", tags=("重点",)))
    for note in notes(extraction, config, tmp_path / "candidates.yaml"):
        assert ("重点" in note.tags) == note.key.startswith("list:")


def test_one_note_names_every_source_of_a_repeated_term(config):
    again = make_term("枫桥经验", "各地学习“枫桥经验”。", article=1, line=3)
    made = notes(sample_extraction(extra_terms=(again,)), config)
    terms = [n for n in made if n.key == "term:枫桥经验"]
    assert [n.kind for n in terms] == ["term", "term_cloze"]  # one of each, not two
    definition = terms[0]
    assert {"source::theory_page", "source::page2"} <= set(definition.tags)
    assert definition.fields[3].count('class="cite"') == 2 and "新能源汽车人才政策" in definition.fields[3]


def test_a_repeated_list_is_one_set_of_notes_with_the_reviewed_items(config, tmp_path):
    extraction = Extraction(documents=(), articles=(article(0), article(1, source="b.txt")), terms=(), lists=(
        make_list("三个清单", ("资源", "需求", "服务"), count=3), make_list("三个清单", ("资源", "需要"), article=1)))
    entries = candidates_of(extraction)
    assert len(entries) == 1 and [i.text for i in entries[0].items] == ["资源", "需求", "服务"]
    made = notes(extraction, config)
    assert [n.key for n in made if n.kind == "list_item"] == [
        "list:三个清单/资源", "list:三个清单/需求", "list:三个清单/服务"]
    assert all("source::b" in n.tags for n in made)


# --- merging ----------------------------------------------------------------------------------------------

def test_merge_keeps_decisions_follows_unedited_content_and_marks_new_and_missing():
    old = candidates_of(sample_extraction(items=SIX[:3]))
    old = edit(old, "term:枫桥经验", decision="keep", tags=("重点",))
    old = edit(old, "term:三个清单", decision="drop")
    fresh_extraction = sample_extraction(items=SIX[:4], definition="就是把矛盾化解在基层。",
                                         extra_terms=(make_term("一站式", "推行“一站式”服务。", line=40),))
    fresh = [e for e in candidates_of(fresh_extraction) if e.id != "term:三个清单"]
    review = merge(old, fresh)
    got = {e.id: e for e in review.entries}
    assert (review.new, review.kept, review.changed, review.missing) == (1, 2, 2, 1)
    assert got["term:一站式"].status == "new"
    assert got["term:三个清单"].status == "missing" and got["term:三个清单"].decision == "drop"
    assert got["term:枫桥经验"].decision == "keep" and got["term:枫桥经验"].tags == ("重点",)
    assert got["term:枫桥经验"].definition == "就是把矛盾化解在基层。"  # not edited: follows the source
    liu = got["list:六个必须坚持"]
    assert [i.new for i in liu.items] == [False, False, False, True] and liu.status == "changed"
    assert [e.id for e in review.entries][-1] == "term:三个清单"  # missing ones at the end


def test_merge_keeps_edits_and_adds_items_the_sources_gained():
    old = candidates_of(sample_extraction(items=SIX[:3]))
    liu = old[0]
    mine = (liu.items[2], dataclasses.replace(liu.items[0], text="坚持人民至上"))  # reordered, reworded, one deleted
    old = edit(old, liu.id, items=mine, decision="keep")
    fresh = candidates_of(sample_extraction(items=(SIX[0], SIX[3], *SIX[1:3])))
    merged = merge(old, fresh).entries[0]
    assert [(i.id, i.text, i.new) for i in merged.items] == [
        ("必须坚持守正创新", "必须坚持守正创新", False), ("必须坚持人民至上", "坚持人民至上", False),
        ("必须坚持问题导向", "必须坚持问题导向", True), ("必须坚持自信自立", "必须坚持自信自立", True)]
    assert merged.found == fresh[0].found and merged.status == "changed"
    unchanged = merge(old, candidates_of(sample_extraction(items=SIX[:3]))).entries[0]
    assert unchanged.items == mine and unchanged.status is None  # a deleted item stays deleted


def test_a_missing_entry_that_comes_back_is_kept_again():
    entries = edit(candidates_of(sample_extraction()), "term:三个清单", decision="keep")
    gone = merge(entries, [e for e in entries if e.id != "term:三个清单"]).entries
    back = merge(gone, candidates_of(sample_extraction()))
    assert back.missing == 0 and {e.id: e for e in back.entries}["term:三个清单"].decision == "keep"


# --- errors in candidates.yaml ----------------------------------------------------------------------------

GOOD = """\
- id: term:枫桥经验
  found: 0123456789
  decision: keep
  term: 枫桥经验
  definition:
- id: list:六个必须坚持
  decision:
  name: 六个必须坚持
  items:
  - {id: a, text: 必须坚持人民至上}
  - {id: b, text: 必须坚持自信自立}
"""


@pytest.mark.parametrize("old, new, line, message", [
    ("  decision: keep\n", "  decison: keep\n", 3, "unknown key 'decison' in term:枫桥经验; you can edit: decision"),
    ("  decision: keep\n", "  decision: yes\n", 3, "decision must be keep or drop"),
    ("- id: list:六个必须坚持\n", "- id: term:枫桥经验\n  term: 枫桥经验\n- id: list:六个必须坚持\n", 6,
     "id 'term:枫桥经验' appears again (first at line 1)"),
    ("{id: b,", "{id: a,", 11, "item id 'a' appears twice in list:六个必须坚持 (first at line 10)"),
    ("  - {id: b, text: 必须坚持自信自立}\n", "  - {id: b, text: '……'}\n", 11, "has no text"),
    ("  - {id: b, text: 必须坚持自信自立}\n", "  - {id: b, txt: x}\n", 11, "unknown key 'txt'"),
    ("  decision: keep\n", "  decision: keep\n  decision: drop\n", 4, "'decision' is set twice"),
    ("  term: 枫桥经验\n", "  term: 12\n", 4, "'term' of term:枫桥经验 must be text"),
    ("  decision:\n  name", "  decision:\n  tags: [a b]\n  name", 8, "tags must be a list of words"),
    ("- id: term:枫桥经验\n", "- id: 枫桥经验\n", 1, "an entry needs its id"),
])
def test_mistakes_name_the_file_the_line_and_the_fix(tmp_path, old, new, line, message):
    path = tmp_path / "candidates.yaml"
    assert old in GOOD
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        read_candidates(path)
    assert f"{path}, line {line}: " in str(error.value) and message in str(error.value)


def test_a_list_without_items_says_how_to_drop_it(tmp_path):
    path = tmp_path / "candidates.yaml"
    path.write_text(GOOD.split("  items:")[0], encoding="utf-8")
    with pytest.raises(ConfigError, match="needs its items.*decision: drop"):
        read_candidates(path)


def test_bad_yaml_and_a_mapping_are_refused_with_their_place(tmp_path):
    path = tmp_path / "candidates.yaml"
    path.write_text("- id: term:x\n  term: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"candidates.yaml, line \d"):
        read_candidates(path)
    path.write_text("id: term:x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a list of entries"):
        read_candidates(path)


def test_ids_that_match_nothing_are_refused(config, tmp_path):
    extraction = sample_extraction()
    path = tmp_path / "candidates.yaml"
    path.write_text("- id: term:自创\n  term: 自创\n", encoding="utf-8")  # typed by hand: no fingerprint
    with pytest.raises(ConfigError, match=r"line 1: id 'term:自创' matches no list or term"):
        curate(extraction, config, path)
    entries = candidates_of(extraction)
    write(path, [dataclasses.replace(e, id="term:枫桥") if e.id == "term:枫桥经验" else e for e in entries])
    with pytest.raises(ConfigError, match=r"id 'term:枫桥' was edited .*'term:枫桥经验'.*restore it"):
        curate(extraction, config, path)


def test_a_bad_undecided_rule_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("review:\n  undecided: maybe\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"{path}: 'review.undecided' must be one of confident, include"):
        load_config(path)


# --- deck folders -----------------------------------------------------------------------------------------

def test_a_new_deck_folder_loads_and_globs_skip_deckgens_own_files(tmp_path):
    source = tmp_path / "文章.txt"
    source.write_text("学习“枫桥经验”。", encoding="utf-8")
    folder = create_deck_folder(tmp_path / "decks" / "d", [source])
    (folder / "deck.yaml").write_text((folder / "deck.yaml").read_text(encoding="utf-8").replace(
        "sources: [文章.txt]", "sources: ['*']"), encoding="utf-8")
    (folder / "candidates.yaml").write_text("[]\n", encoding="utf-8")
    spec = load_deck_spec(folder)
    assert [p.name for p in spec.sources] == ["文章.txt"] and len(spec.key) == 16 and spec.name == "d"
    assert yaml.safe_load((folder / "deck.yaml").read_text(encoding="utf-8"))["key"] == spec.key
    with pytest.raises(OutputError, match="exists already"):
        create_deck_folder(folder, [source])
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == ["d"]  # no staging folder left
    (tmp_path / "deck.yaml").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="a source cannot be called deck.yaml, deckgen's own file there"):
        create_deck_folder(tmp_path / "decks" / "e", [tmp_path / "deck.yaml"])
