"""Issue 13: a deck folder reads nothing outside itself, and two decks never share a key."""
from __future__ import annotations

import os
import shutil

import yaml

from hostile_box import box, refused  # noqa: F401 (box is a fixture)

SPEC = "key: k13\nsources: [article.txt]\n"
SECRET = "- name: 秘密文件\n  items: [机密内容甲, 机密内容乙]\n  document: 外部\n"


def test_a_lexicon_outside_the_folder_is_refused(box):
    (box.root / "secret.yaml").write_text(SECRET, encoding="utf-8")
    box.deck("d", SPEC + "extract: {lexicon: ../../secret.yaml}\n")
    refused(box.run("build", "decks/d"), "'extract.lexicon'", "outside the deck folder")
    assert not (box.root / "build").exists()


def test_a_lexicon_symlinked_outside_and_an_absolute_one_are_refused(box):
    (box.root / "secret.yaml").write_text(SECRET, encoding="utf-8")
    folder = box.deck("d", SPEC + "extract: {lexicon: lex.yaml}\n")
    os.symlink(box.root / "secret.yaml", folder / "lex.yaml")
    refused(box.run("build", "decks/d"), "'extract.lexicon'", "outside the deck folder")
    (folder / "deck.yaml").write_text(SPEC + f"extract: {{lexicon: {box.root / 'secret.yaml'}}}\n")
    refused(box.run("build", "decks/d"), "'extract.lexicon'")


def test_a_user_dict_that_is_a_device_or_missing_is_one_message(box):
    folder = box.deck("d", SPEC + "extract: {user_dict: words.txt}\n")
    os.symlink("/dev/zero", folder / "words.txt")
    refused(box.run("build", "decks/d"), "'extract.user_dict'")
    (folder / "words.txt").unlink()
    refused(box.run("build", "decks/d"), "'extract.user_dict'", "does not exist")
    (folder / "deck.yaml").write_text(SPEC + "extract: {user_dict: /dev/zero}\n")
    refused(box.run("build", "decks/d"), "'extract.user_dict'")
    (box.root / "words.txt").write_text("秘密文件 3\n", encoding="utf-8")
    (folder / "deck.yaml").write_text(SPEC + "extract: {user_dict: ../../words.txt}\n")
    refused(box.run("build", "decks/d"), "'extract.user_dict'", "outside the deck folder")


def test_a_candidates_file_symlinked_outside_is_refused(box):
    (box.root / "elsewhere.yaml").write_text("- id: term:外部\n  term: 外部\n", encoding="utf-8")
    folder = box.deck("d", SPEC)
    os.symlink(box.root / "elsewhere.yaml", folder / "candidates.yaml")
    for command in ("build", "review"):
        refused(box.run(command, "decks/d"), "candidates.yaml", "outside the deck folder")


def test_a_symlink_loop_under_a_glob_stops_at_once(box):
    folder = box.deck("d", "key: k13\nsources: ['**/*.txt']\n")
    for name in ("a", "b", "c"):
        os.symlink(".", folder / name)  # 3^n paths through the loops for a glob that follows them
    result = box.run("build", "decks/d")
    assert result.returncode == 0, result.stderr[-2000:]  # ** never follows a symlinked folder
    (folder / "deck.yaml").write_text("key: k13\nsources: ['*/*/*/*/*/*/*/*/article.txt']\n")
    refused(box.run("build", "decks/d"), "MAX_GLOB_ENTRIES")  # was: the article read 3^8 times
    os.symlink("/etc", folder / "sub")
    (folder / "deck.yaml").write_text("key: k13\nsources: ['sub/passwd']\n")
    refused(box.run("build", "decks/d"), "outside the deck folder")


def test_two_decks_with_one_key_are_refused_and_new_never_copies_a_key(box):
    box.deck("a", SPEC)
    box.deck("b", SPEC)
    refused(box.run("build"), "key 'k13' is also the key of", "new key")
    refused(box.run("build", "decks/b"), "key 'k13' is also the key of")
    assert not (box.root / "build").exists()
    (box.root / "x.txt").write_text("建立“社区吹哨，部门报到”工作机制。\n", encoding="utf-8")
    assert box.run("new", "n1", "x.txt").returncode == 0
    assert box.run("new", "n2", "x.txt").returncode == 0
    keys = {yaml.safe_load((box.root / "decks" / n / "deck.yaml").read_text())["key"] for n in ("n1", "n2")}
    assert len(keys) == 2


def test_a_key_built_elsewhere_on_this_machine_is_warned(box, tmp_path):
    first = box.deck("a", SPEC)
    assert box.run("build", "decks/a").returncode == 0
    clone = tmp_path / "clone" / "decks" / "a"
    shutil.copytree(first, clone)  # a folder copied as a template: the same key, far away
    result = box.run("build", clone)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"is also the key of {first.resolve()}" in result.stderr
