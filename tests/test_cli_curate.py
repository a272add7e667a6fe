"""deckgen new / review / build over deck folders in a temporary folder: exit codes, messages, files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen import api
from deckgen.cli import main

A = """党建引领社区治理
□马开军
社区坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解。
社区建立资源、需求、服务“三个清单”，推行“一门式”服务，各方同下“一盘棋”。
以“五治融合”提升治理效能：以政治强引领，以法治筑平安，以德治润民心，以自治促民主，以智治更便民。
（作者单位：市委党校）
"""
B = """基层治理的经验
□李四
各地学习新时代“枫桥经验”，做到小事不出村、大事不出镇。
推行“网格化管理”，让服务更精准。
（作者单位：市社科联）
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """A working folder holding two articles, a.txt and b.txt."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def store_keys(folder: Path) -> list[str]:
    """The notes of the deck folder's last build, from its identity store."""
    notes = json.loads((folder / "deck.lock.json").read_text(encoding="utf-8"))["notes"]
    return [f"{entry['kind']} {entry['key']}" for entry in notes.values()]


def test_new_makes_a_deck_folder_once(here):
    result = run("new", "d", "a.txt", "b.txt")
    assert result.exit_code == 0, result.output
    assert "Made decks/d" in result.stdout and "deckgen review decks/d" in result.stdout
    folder = here / "decks" / "d"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "deck.yaml"]
    spec = (folder / "deck.yaml").read_text(encoding="utf-8")
    assert "sources: [a.txt, b.txt]" in spec
    again = run("new", "d", "b.txt")
    assert again.exit_code == 1 and "decks/d: exists already" in again.stderr
    assert (folder / "deck.yaml").read_text(encoding="utf-8") == spec
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "deck.yaml"]


def test_new_counts_the_files_a_folder_gives(here):
    """Regression: the message counted the FILES arguments, so a folder of two texts was "1 sources"."""
    (here / "texts").mkdir()
    for name in ("a.txt", "b.txt"):
        (here / name).rename(here / "texts" / name)
    result = run("new", "d", "texts")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Made decks/d (deck.yaml, 2 source files). Next: deckgen review decks/d\n"


def test_a_script_builds_what_the_command_builds(here):
    """The library does all that `deckgen build` does: a script needs no click."""
    spec = api.new_deck("d", ["a.txt", "b.txt"])
    api.review_deck(spec)
    (deck, result), = api.build_decks(api.deck_sources())
    assert result.output == str(Path("build") / "d.apkg") and deck.stem == "d"
    keys = store_keys(here / "decks/d")
    assert run("build").exit_code == 0
    assert store_keys(here / "decks/d") == keys
    with pytest.raises(ValueError, match="one deck"):
        next(api.build_decks(api.deck_sources(["decks/d", "a.txt"]), output="x.apkg"))


@pytest.mark.parametrize("args, message", [
    (["d", "a.txt", "nope.txt"], "nope.txt: no such file"),
    (["../d", "a.txt"], "a deck name is a plain folder name"),
    (["d", "a.txt", "a.txt"], "two sources would both be called a.txt"),
])
def test_new_with_a_problem_writes_nothing(here, args, message):
    result = run("new", *args)
    assert result.exit_code == 1 and message in result.stderr
    assert not (here / "decks").exists() or not any((here / "decks").iterdir())


def test_review_writes_every_candidate_with_its_source(here):
    run("new", "d", "a.txt", "b.txt")
    result = run("review", "decks/d")
    assert result.exit_code == 0, result.output
    assert "Wrote decks/d/candidates.yaml: 2 lists, 6 terms. Decide on them, then: deckgen build decks/d" \
        in result.stdout
    text = (here / "decks/d/candidates.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Candidates for the deck d (decks/d)")
    assert "- id: term:一盘棋\n  source: a.txt:4\n  confidence: 0.4\n" in text  # low confidence is listed too
    assert "- id: term:枫桥经验\n  source: a.txt:3, b.txt:3\n" in text  # one entry, both sources


def test_review_and_build_of_something_else_than_a_deck_folder_exit_1(here):
    result = run("review", "a.txt")
    assert result.exit_code == 1 and "a.txt: not a deck folder" in result.stderr


def edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def decide(candidates: Path, entry_id: str, decision: str) -> None:
    text = candidates.read_text(encoding="utf-8")
    start = text.index(f"- id: {entry_id}\n")
    at = text.index("  decision:", start)
    end = text.index("\n", at)
    candidates.write_text(f"{text[:at]}  decision: {decision}{text[end:]}", encoding="utf-8")


def test_decisions_survive_a_source_change_and_shape_every_build(here):
    """Review, decide, build; the text changes; review again (merge) and rebuild."""
    run("new", "d", "a.txt")
    candidates = here / "decks/d/candidates.yaml"
    run("review", "decks/d")
    decide(candidates, "term:一门式", "drop")
    decide(candidates, "term:一盘棋", "keep")
    edit(candidates, ("{id: 以智治更便民, text: 以智治更便民}", "{id: 以智治更便民, text: 以智治惠民生}"))
    first = run("build", "decks/d")
    assert first.exit_code == 0, first.output
    keys = store_keys(here / "decks/d")
    assert "term_cloze term:一盘棋" in keys and "term_cloze term:一门式" not in keys
    assert "list_item list:五治融合/以智治更便民" in keys

    edit(here / "decks/d/a.txt", ("推行“一门式”服务，", ""), ("就地化解。", "就地化解，打造“红色物业”。"))
    result = run("review", "decks/d")
    assert result.exit_code == 0, result.output
    assert "1 new, 6 kept (0 changed in the sources), 1 missing" in result.stdout
    text = candidates.read_text(encoding="utf-8")
    assert "- id: term:红色物业\n  status: new\n" in text
    assert "- id: term:一门式\n  status: missing\n" in text
    assert "{id: 以智治更便民, text: 以智治惠民生}" in text
    assert "term: 一盘棋\n" in text.split("- id: term:一盘棋")[1] and "decision: keep" in text.split(
        "- id: term:一盘棋")[1].split("- id:")[0]

    rebuilt = run("build", "decks/d")
    assert rebuilt.exit_code == 0, rebuilt.output
    keys = store_keys(here / "decks/d")
    assert "term_cloze term:红色物业" in keys and "term_cloze term:一盘棋" in keys and "term_cloze term:一门式" not in keys
    assert "1 new" in rebuilt.stdout and "0 retired" in rebuilt.stdout  # 红色物业's cloze note (it has no definition)


def test_build_reports_candidates_not_yet_reviewed(here):
    run("new", "d", "a.txt")
    run("review", "decks/d")
    edit(here / "decks/d/a.txt", ("就地化解。", "就地化解，打造“红色物业”。"))
    result = run("build", "decks/d")
    assert result.exit_code == 0, result.output
    assert "1 candidates found since the last review" in result.stderr and "deckgen review decks/d" in result.stderr
    assert "term_cloze term:红色物业" in store_keys(here / "decks/d")


def test_build_with_a_broken_candidates_file_exits_1_and_writes_nothing(here):
    run("new", "d", "a.txt")
    run("review", "decks/d")
    decide(here / "decks/d/candidates.yaml", "term:一门式", "maybe")
    result = run("build", "decks/d")
    assert result.exit_code == 1
    assert "decks/d/candidates.yaml, line " in result.stderr and "decision must be keep or drop" in result.stderr
    assert not (here / "build").exists()
    before = (here / "decks/d/candidates.yaml").read_text(encoding="utf-8")
    assert run("review", "decks/d").exit_code == 1
    assert (here / "decks/d/candidates.yaml").read_text(encoding="utf-8") == before


def test_build_without_arguments_builds_every_deck(here):
    run("new", "one", "a.txt")
    run("new", "two", "a.txt", "b.txt")
    run("review", "decks/two")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (here / "build/one.apkg").is_file() and (here / "build/two.apkg").is_file()
    assert store_keys(here / "decks/two").count("term_cloze term:枫桥经验") == 1  # in both sources, one note


def test_extract_ignores_the_decisions(here):
    run("new", "d", "a.txt")
    run("review", "decks/d")
    decide(here / "decks/d/candidates.yaml", "term:枫桥经验", "drop")
    result = run("extract", "decks/d/a.txt")
    assert result.exit_code == 0 and "term 枫桥经验" in result.stdout
