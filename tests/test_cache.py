"""The extraction cache: a hit for an unchanged source, a miss when any part of the key changes, the same
result as without it, and never an error of its own (a damaged entry, a folder that cannot be written)."""
import functools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen import api, cache
from deckgen.cli import main
from deckgen.config import load_config

DATA = Path(__file__).parent / "data"
PAGE = DATA / "000_128f51ef0bbf1bd4.txt"
JIANWEI = DATA / "jianwei_sixiao_gongzuofa.txt"


class _Extracted:
    """The names of the documents extracted so far, as a list compares: kept in a file, because a rebuild
    extracts a changed file in a forked worker process while it reads the cached ones."""

    def __init__(self, log: Path):
        self.log = log

    def names(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").split("\n")[:-1] if self.log.exists() else []

    def __eq__(self, other: object) -> bool:
        return self.names() == other

    def __repr__(self) -> str:
        return repr(self.names())


@pytest.fixture
def extracted(monkeypatch, tmp_path):
    """The names of the documents extracted (not taken from the cache) since the test began."""
    names = _Extracted(tmp_path / "extracted.log")
    real = api.extract_source

    def counting(document, config):
        with names.log.open("a", encoding="utf-8") as log:
            log.write(Path(document.source).name + "\n")
        return real(document, config)

    monkeypatch.setattr(api, "extract_source", counting)
    return names


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for path in (PAGE, JIANWEI):
        shutil.copy(path, folder / path.name)
    return folder / PAGE.name, folder / JIANWEI.name


def entries() -> list[Path]:
    return sorted((cache.cache_dir() / cache.ENTRIES).glob("*.json"))


def test_an_unchanged_source_is_not_extracted_again(sources, extracted):
    config = load_config()
    first = api.extract_files(sources, config)
    assert extracted == [PAGE.name, JIANWEI.name] and len(entries()) == 2
    again = api.extract_files(sources, config)
    assert extracted == [PAGE.name, JIANWEI.name]  # nothing more
    assert again == first


def test_a_cached_result_is_the_uncached_one(sources):
    config = load_config()
    uncached = api.extract_files(sources, config, cache=False)
    assert not entries()  # cache=False neither reads nor writes it
    assert api.extract_files(sources, config) == uncached
    assert api.extract_files(sources, config) == uncached
    every = api.extract_files(sources, config, every_occurrence=True)
    assert every == api.extract_files(sources, config, every_occurrence=True, cache=False)


def test_a_plain_text_file_s_entry_leaves_its_text_to_the_file(tmp_path):
    """A text file's document text is its bytes decoded: the entry leaves it out, the file's bytes give it
    back (a BOM and another encoding included); a document read otherwise (markdown) keeps its text."""
    import json

    text = PAGE.read_text(encoding="utf-8")
    files = {"plain.txt": text.encode(), "bom.txt": b"\xef\xbb\xbf" + text.encode(),
             "gb.txt": text.encode("gb18030"), "page.md": text.encode()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [tmp_path / name for name in files]
    config = load_config()
    cold = api.extract_files(paths, config)
    documents = [json.loads(path.read_bytes().split(b"\n", 1)[1])["value"][0] for path in entries()]
    assert {Path(source).name: text is None for source, text, *_ in documents} == {
        "plain.txt": True, "bom.txt": True, "gb.txt": True, "page.md": False}
    assert api.extract_files(paths, config) == cold == api.extract_files(paths, config, cache=False)


def test_a_file_s_entry_does_not_depend_on_the_files_built_with_it(sources, extracted):
    """Articles are numbered across files: the entry holds a file's own numbering, renumbered on the way out."""
    page, jianwei = sources
    config = load_config()
    api.extract_files([jianwei], config)
    both = api.extract_files([page, jianwei], config)
    assert extracted == [JIANWEI.name, PAGE.name]  # jianwei came from the cache, second this time
    assert both == api.extract_files([page, jianwei], config, cache=False)
    assert [a.index for a in both.articles] == list(range(len(both.articles)))


def test_the_same_text_elsewhere_is_a_hit_that_names_its_own_path(sources, tmp_path, extracted):
    page, _ = sources
    config = load_config()
    api.extract_files([page], config)
    copy = tmp_path / "copy.txt"
    shutil.copy(page, copy)
    found = api.extract_files([copy], config)
    assert extracted == [PAGE.name]
    assert found.documents[0].source == str(copy) and {a.source for a in found.articles} == {str(copy)}
    assert found == api.extract_files([copy], config, cache=False)


def test_an_edited_source_is_extracted_again(sources, extracted):
    page, jianwei = sources
    config = load_config()
    api.extract_files(sources, config)
    page.write_text(page.read_text(encoding="utf-8") + "\n坚持“以人民为中心”的发展思想。\n", encoding="utf-8")
    edited = api.extract_files(sources, config)
    assert extracted == [PAGE.name, JIANWEI.name, PAGE.name]
    assert edited == api.extract_files(sources, config, cache=False)


def test_the_suffix_is_part_of_the_key(sources, tmp_path, extracted):
    """The same bytes as .md are read by another reader."""
    page, _ = sources
    config = load_config()
    api.extract_files([page], config)
    as_markdown = tmp_path / "page.md"
    shutil.copy(page, as_markdown)
    api.extract_files([as_markdown], config)
    assert extracted == [PAGE.name, "page.md"]


@pytest.mark.parametrize("overrides", [{"extract": {"min_confidence": 0.7}}, {"extract": {"lexicon": False}},
                                       {"extract": {"ignore_terms": ["网格化管理"]}}])
def test_the_extract_settings_are_part_of_the_key(sources, tmp_path, extracted, overrides):
    page, _ = sources
    api.extract_files([page], load_config())
    changed = load_config(overrides=overrides, overrides_origin="test")
    api.extract_files([page], changed)
    api.extract_files([page], changed)
    assert extracted == [PAGE.name, PAGE.name]


@pytest.mark.parametrize("key, text, edited", [
    ("lexicon", "- name: 三个清单\n  items: [资源清单, 需求清单, 服务清单]\n",
     "- name: 三个清单\n  items: [资源清单, 需求清单, 项目清单]\n"),
    ("user_dict", "网格化管理 10 n\n", "网格化管理 20 n\n"),
])
def test_the_contents_of_the_files_the_settings_name_are_part_of_the_key(sources, tmp_path, extracted, key,
                                                                          text, edited):
    page, _ = sources
    named = tmp_path / f"{key}.txt"
    named.write_text(text, encoding="utf-8")
    config = load_config(overrides={"extract": {key: str(named)}}, overrides_origin="test")
    api.extract_files([page], config)
    api.extract_files([page], config)
    assert extracted == [PAGE.name]
    named.write_text(edited, encoding="utf-8")  # same path, other contents
    api.extract_files([page], config)
    assert extracted == [PAGE.name, PAGE.name]


@pytest.mark.parametrize("change", ["code", "version"])
def test_deckgen_itself_is_part_of_the_key(sources, monkeypatch, extracted, change):
    page, _ = sources
    config = load_config()
    api.extract_files([page], config)
    if change == "code":
        monkeypatch.setattr(cache, "code_digest", lambda: "an edited deckgen")
    else:
        monkeypatch.setattr(cache, "__version__", "99.0")
        monkeypatch.setattr(cache, "code_digest", functools.cache(cache.code_digest.__wrapped__))
    api.extract_files([page], config)
    assert extracted == [PAGE.name, PAGE.name]


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(path.read_bytes()[:-100]),  # cut short
    lambda path: path.write_bytes(b"not json\n{"),
    lambda path: path.write_bytes(b""),
    lambda path: path.write_text("x\n" + path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8"),
])
def test_a_damaged_entry_is_extracted_again(sources, extracted, damage):
    config = load_config()
    first = api.extract_files(sources, config)
    for entry in entries():
        damage(entry)
    assert api.extract_files(sources, config) == first
    assert extracted == [PAGE.name, JIANWEI.name] * 2
    assert api.extract_files(sources, config) == first  # rewritten whole
    assert extracted == [PAGE.name, JIANWEI.name] * 2


def test_an_entry_of_another_shape_is_extracted_again(sources, extracted):
    """An entry whose hash is right but whose content is not what this deckgen writes (another format)."""
    import hashlib
    import json

    config = load_config()
    first = api.extract_files(sources, config)
    for entry in entries():
        body = json.loads(entry.read_bytes().split(b"\n", 1)[1])
        body["value"][1] = [[1, 2]]  # an article of two fields
        raw = json.dumps(body).encode()
        entry.write_bytes(hashlib.sha256(raw).hexdigest().encode() + b"\n" + raw)
    assert api.extract_files(sources, config) == first
    assert extracted == [PAGE.name, JIANWEI.name] * 2


def test_a_cache_folder_that_cannot_be_written_is_no_error(sources, tmp_path, monkeypatch, extracted):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(blocker / "cache"))
    config = load_config()
    assert api.extract_files(sources, config) == api.extract_files(sources, config, cache=False)
    assert extracted == [PAGE.name, JIANWEI.name] * 2


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("DECKGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "deckgen"


@pytest.mark.parametrize("command", [["extract"], ["build", "-q"], ["export", "--format", "csv", "-q"],
                                     ["preview", "-q"]])
def test_no_cache_on_the_command_line(sources, tmp_path, monkeypatch, extracted, command):
    page, _ = sources
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, [*command, str(page), "--no-cache"])
    assert done.exit_code == 0, done.output
    assert not entries()
    assert runner.invoke(main, [*command, str(page)]).exit_code == 0
    assert runner.invoke(main, [*command, str(page)]).exit_code == 0
    assert runner.invoke(main, [*command, str(page), "--no-cache"]).exit_code == 0
    assert extracted == [PAGE.name] * 3 and len(entries()) == 1


def test_review_takes_no_cache_too(tmp_path, monkeypatch, extracted):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["new", "d", str(PAGE), "-q"]).exit_code == 0
    assert runner.invoke(main, ["review", "decks/d", "-q"]).exit_code == 0
    assert runner.invoke(main, ["review", "decks/d", "-q"]).exit_code == 0
    assert runner.invoke(main, ["review", "decks/d", "-q", "--no-cache"]).exit_code == 0
    assert extracted == [PAGE.name] * 2


@pytest.fixture
def notes_made(monkeypatch):
    """How many times a deck's notes were made (not taken from the cache) since the test began."""
    import deckgen.cards

    made = []
    real = deckgen.cards.make_notes

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(deckgen.cards, "make_notes", counting)
    return made


def test_a_deck_with_nothing_changed_takes_its_notes_from_the_cache(sources, notes_made):
    first = api.deck_notes(sources)
    again = api.deck_notes(sources)
    assert len(notes_made) == 1
    assert again.notes == first.notes and again.kept == first.kept and again.extraction == first.extraction
    uncached = api.deck_notes(sources, cache=False)
    assert len(notes_made) == 2 and uncached.notes == first.notes and uncached.kept == first.kept


@pytest.mark.parametrize("change", [
    {"deck_name": "另一个"}, {"deck_key": "another-key"}, {"tags": ["新标签"]},
    {"config": {"cards": {"hint": True}}}, {"reversed": True},
])
def test_a_deck_s_notes_are_made_again_when_anything_they_come_from_changes(sources, notes_made, change):
    api.deck_notes(sources)
    change = dict(change)
    files = list(reversed(sources)) if change.pop("reversed", False) else list(sources)
    if "config" in change:
        change["config"] = load_config(overrides=change["config"], overrides_origin="test")
    made = api.deck_notes(files, **change)
    assert len(notes_made) == 2
    assert made.notes == api.deck_notes(files, **change, cache=False).notes  # no part's notes of the first build


def test_a_deck_s_decisions_are_part_of_its_notes_key(tmp_path, monkeypatch, notes_made):
    monkeypatch.chdir(tmp_path)
    spec = api.new_deck("d", [PAGE])
    api.review_deck(spec)
    api.folder_notes(spec)
    api.folder_notes(spec)
    assert len(notes_made) == 1
    text = spec.candidates_path.read_text(encoding="utf-8")
    spec.candidates_path.write_text(text.replace("decision:\n", "decision: drop\n", 1), encoding="utf-8")
    dropped = api.folder_notes(spec)
    assert len(notes_made) == 2
    assert dropped.notes == api.folder_notes(spec, cache=False).notes


@pytest.fixture
def notes_made_from(monkeypatch):
    """The file names whose notes were made (not taken from the memo of each part), once per note occurrence."""
    import deckgen.cards

    names = []
    real = deckgen.cards._Builder.add

    def counting(self, kind, key, origin, *args, **kwargs):
        names.append(Path(self.articles[origin.article].source).name)
        return real(self, kind, key, origin, *args, **kwargs)

    monkeypatch.setattr(deckgen.cards._Builder, "add", counting)
    return names


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_deck(deck: api.DeckNotes, cold: api.DeckNotes) -> bool:
    """Whether two builds give the same deck: notes (GUIDs, fields, tags, subdecks, order) and what they kept."""
    return deck.notes == cold.notes and deck.kept == cold.kept and deck.extraction == cold.extraction


def test_a_source_edited_where_no_list_or_term_is_keeps_the_deck_s_notes(sources, notes_made, extracted):
    """A sentence added to a paragraph holding no list or term: the file is extracted again, but what it gives
    the notes (``cards.made_of``) is the same, so the deck's notes come from the cache, as a cold build's."""
    _, jianwei = sources
    first = api.deck_notes(sources)
    edit(jianwei, "办理满意率持续保持在99%以上。", "办理满意率持续保持在99%以上。这一段在测试中多了一句话。")
    again = api.deck_notes(sources)
    assert extracted == [PAGE.name, JIANWEI.name, JIANWEI.name] and len(notes_made) == 1
    assert again.notes == first.notes and same_deck(again, api.deck_notes(sources, cache=False))
    edit(jianwei, "这一段在测试中多了一句话。", "这一段在测试中多了一句话，推行“智慧小区码”。")  # a new term
    assert len(api.deck_notes(sources).notes) > len(first.notes) and len(notes_made) == 3  # the cold one, this


def test_a_rebuild_after_one_source_changed_makes_only_that_source_s_notes(sources, tmp_path, notes_made,
                                                                            notes_made_from):
    """Issue 12's one-file rebuild: one make_notes call, only the edited file's notes made again, the deck a
    cold build (--no-cache) makes with the same identity store; here with a list repeated in two files."""
    page, jianwei = sources
    copy = page.with_name("copy.txt")
    shutil.copy(page, copy)  # every list and term of page found again in copy: its notes cite both
    deck = api.DeckSource(files=(page, jianwei, copy))
    output = tmp_path / "out" / "deck.apkg"
    api.package_deck(deck.notes(output=output), output)
    assert set(notes_made_from) == {PAGE.name, JIANWEI.name, "copy.txt"}
    edit(jianwei, "\n", "\n坚持“以人民为中心”的发展思想，推行“三个清单”：资源清单、需求清单、服务清单。\n")
    notes_made.clear()
    notes_made_from.clear()
    rebuilt = deck.notes(output=output)
    assert len(notes_made) == 1 and set(notes_made_from) == {JIANWEI.name}
    notes_made_from.clear()
    assert same_deck(rebuilt, deck.notes(output=output, cache=False))
    api.package_deck(rebuilt, output)
    edit(page, "以智治更便民", "以智治惠民生")  # page's wording is the deck's, copy's notes show it too
    notes_made_from.clear()
    reworded = deck.notes(output=output)
    assert set(notes_made_from) == {PAGE.name, "copy.txt"}
    assert [n.guid for n in reworded.notes] == [n.guid for n in rebuilt.notes]  # carried
    assert same_deck(reworded, deck.notes(output=output, cache=False))


def test_a_source_added_before_the_others_makes_only_its_notes(sources, tmp_path, notes_made_from):
    """The articles after it are numbered on, but a file's notes depend on its own articles only (and on
    the lists and terms it shares with earlier files: none here)."""
    page, _ = sources
    deck = {"deck_name": "学习", "deck_key": "k"}  # not the first file's name: a new first file would rename it
    api.deck_notes([page], **deck)
    first = tmp_path / "first.txt"
    first.write_text("学习体会\n\n我们要坚持“两个毫不动摇”，推动“放管服”改革，落实“六稳”“六保”任务。\n", encoding="utf-8")
    notes_made_from.clear()
    added = api.deck_notes([first, page], **deck)
    assert set(notes_made_from) == {"first.txt"}
    assert same_deck(added, api.deck_notes([first, page], **deck, cache=False))


def test_a_deck_folder_s_rebuild_after_one_edit_makes_only_what_it_changed(tmp_path, monkeypatch, notes_made,
                                                                           notes_made_from):
    """With a candidates.yaml: an edited source, then an organiser's decision on one file's entry."""
    monkeypatch.chdir(tmp_path)
    spec = api.new_deck("d", [PAGE, JIANWEI])
    api.review_deck(spec)
    api.build_deck_folder(spec)
    page, jianwei = spec.sources
    edit(page, "以智治更便民", "以智治惠民生")
    notes_made.clear()
    notes_made_from.clear()
    rebuilt = api.folder_notes(spec)
    assert len(notes_made) == 1 and set(notes_made_from) == {PAGE.name}
    notes_made_from.clear()
    assert same_deck(rebuilt, api.folder_notes(spec, cache=False))
    api.build_deck_folder(spec)
    edit(spec.candidates_path, "term: 大党委\n  definition:\n", "term: 大党委\n  definition: 社区的大党委\n")
    notes_made_from.clear()
    decided = api.folder_notes(spec)
    assert set(notes_made_from) == {PAGE.name}
    assert any("社区的大党委" in field for note in decided.notes for field in note.fields)
    notes_made_from.clear()
    assert same_deck(decided, api.folder_notes(spec, cache=False))


JIEBA_LOADED = """
import sys
from deckgen.api import extract_files
from deckgen.config import load_config
extract_files(sys.argv[1:], load_config())
print("jieba" in sys.modules)
"""


def printed(script: str, *args) -> str:
    """What ``script`` prints, run with ``args`` in a fresh Python (its own imports) on this checkout's deckgen."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": src}, check=True)
    return done.stdout.strip()


def jieba_loaded(*paths) -> bool:
    return printed(JIEBA_LOADED, *paths) == "True"


def test_a_rebuild_that_asks_jieba_nothing_new_does_not_load_it(sources):
    page, jianwei = sources
    assert jieba_loaded(page, jianwei)  # the first run
    assert not jieba_loaded(page, jianwei)  # nothing changed: every file from the cache
    page.write_text(page.read_text(encoding="utf-8") + "\n本文有删节。\n", encoding="utf-8")
    assert not jieba_loaded(page, jianwei)  # a sentence jieba need not see: its memo answers the rest
    assert api.extract_files(sources, load_config()) == api.extract_files(sources, load_config(), cache=False)


BUILT_LOADING = """
import sys
from deckgen.api import build_deck
build_deck(sys.argv[2:], output=sys.argv[1])
print(sorted(name for name in ("jieba", "deckgen.extract.stage", "deckgen.normalize") if name in sys.modules))
"""


def test_a_rebuild_with_nothing_changed_loads_no_extraction(sources, tmp_path):
    """Every source and the notes from the cache: neither jieba nor the stages' patterns are loaded."""
    output = tmp_path / "deck.apkg"
    assert printed(BUILT_LOADING, output, *sources) == "['deckgen.extract.stage', 'deckgen.normalize', 'jieba']"
    assert printed(BUILT_LOADING, output, *sources) == "[]"


def test_a_jieba_memo_of_another_shape_is_not_used(sources):
    import hashlib
    import json

    page, _ = sources
    assert jieba_loaded(page)
    (memo,) = (cache.cache_dir() / cache.WORDS).glob("*.json")
    body = json.loads(memo.read_bytes().split(b"\n", 1)[1])
    body["value"]["cut"] = {query: 3 for query in body["value"]["cut"]}
    raw = json.dumps(body).encode()
    memo.write_bytes(hashlib.sha256(raw).hexdigest().encode() + b"\n" + raw)
    page.write_text(page.read_text(encoding="utf-8") + "\n本文有删节。\n", encoding="utf-8")
    assert jieba_loaded(page)  # the memo is refused: jieba answers
    config = load_config()
    assert api.extract_files([page], config) == api.extract_files([page], config, cache=False)


def test_a_memo_past_its_size_keeps_what_this_run_learned(sources, monkeypatch):
    """Regression: the serial path took this run's answers out of the memo's new ones, so a memo saved past
    MAX_WORDS (only its new answers) was stored nearly empty."""
    import json

    from deckgen.extract import words

    monkeypatch.setattr(cache, "MAX_WORDS", 1)
    monkeypatch.setattr(words, "_MEMOS", {})
    page, _ = sources
    api.extract_files([page], load_config(), workers=1)
    (memo,) = (cache.cache_dir() / cache.WORDS).glob("*.json")
    stored = json.loads(memo.read_bytes().split(b"\n", 1)[1])["value"]
    assert sum(map(len, stored.values())) > 100


def _aged(path, days):
    past = time.time() - days * 86400
    os.utime(path, (past, past))


def test_an_entry_unused_for_long_is_pruned_and_a_used_one_kept(sources):
    """An entry a run reads counts as used: a cold one (a source edited away, an older deckgen's) goes."""
    page, _ = sources
    api.extract_sources([page])
    entries = sorted((cache.cache_dir() / cache.ENTRIES).glob("*.json"))
    assert entries
    stale = cache.cache_dir() / cache.ENTRIES / ("0" * 64 + ".json")
    stale.write_bytes(entries[0].read_bytes())
    left = cache.cache_dir() / cache.ENTRIES / f".{'1' * 64}.x.tmp"
    left.write_bytes(b"half")
    for path in [*entries, stale, left]:
        _aged(path, 90)
    api.extract_sources([page])  # reads its entry: used again
    assert all(path.exists() for path in entries)
    assert not stale.exists() and not left.exists()


def test_a_cache_past_its_size_loses_its_least_recently_used_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 250)
    folder = tmp_path / cache.ENTRIES
    folder.mkdir()
    for age, name in enumerate("abcd"):
        (folder / f"{name}.json").write_bytes(b"x" * 100)
        _aged(folder / f"{name}.json", 3 - age)  # a is the oldest, d the newest
    assert cache.prune(tmp_path) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["c.json", "d.json"]


def test_a_cache_folder_that_cannot_be_read_is_no_error(tmp_path):
    (tmp_path / cache.ENTRIES).write_text("a file where a folder should be")
    assert cache.prune(tmp_path) == 0
