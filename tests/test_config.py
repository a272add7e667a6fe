"""Config: packaged defaults, validation with messages naming file and key, precedence, deck.yaml."""
from pathlib import Path

import pytest

from deckgen.config import load_config, packaged_defaults
from deckgen.deckspec import load_deck_spec
from deckgen.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_config_yaml_is_the_packaged_defaults():
    from importlib import resources
    packaged = resources.files("deckgen").joinpath("defaults.yaml").read_text(encoding="utf-8")
    assert (ROOT / "config.yaml").read_text(encoding="utf-8") == packaged


def test_defaults_have_the_documented_skeleton():
    d = packaged_defaults()
    assert d["deck"]["name_template"] == "学习::{article}"
    assert set(d["cards"]) >= {"kinds", "cue_style", "hint", "tts", "reverse"}
    assert set(d["extract"]) >= {"min_confidence", "lexicon", "ignore_terms", "user_dict"}
    assert d["output_dir"] == "build"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_config_overrides_only_what_it_sets(tmp_path):
    cfg = load_config(write(tmp_path / "c.yaml", "cards:\n  reverse: true\n"), search_cwd=False)
    assert cfg["cards"]["reverse"] is True
    assert cfg["cards"]["cue_style"] == "all"


def test_deck_overrides_win_over_user_config(tmp_path):
    cfg = load_config(write(tmp_path / "c.yaml", "cards:\n  hint: false\n"), overrides={"cards": {"hint": True}})
    assert cfg["cards"]["hint"] is True


def test_cwd_config_yaml_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "config.yaml", "output_dir: out\n")
    assert load_config()["output_dir"] == "out"


@pytest.mark.parametrize("text, expected", [
    ("cards:\n  colour: red\n", "unknown key 'cards.colour'"),
    ("cards:\n  reverse: maybe\n", "'cards.reverse' must be true/false"),
    ("cards:\n  cue_style: loud\n", "'cards.cue_style' must be one of all, overlapping, none"),
    ("cards:\n  kinds: [list, pictures]\n", "'cards.kinds' holds 'pictures'"),
    ("extract:\n  min_confidence: 3\n", "between 0 and 1"),
    ("cards: [1, 2]\n", "'cards' must be a mapping"),
    ("cards:\n  reverse: true\n bad: [\n", "line"),
])
def test_bad_config_names_file_and_key(tmp_path, text, expected):
    path = write(tmp_path / "c.yaml", text)
    with pytest.raises(ConfigError) as err:
        load_config(path, search_cwd=False)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_config_that_is_a_folder(tmp_path):
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.yaml")


def make_deck(tmp_path: Path, spec: str) -> Path:
    folder = tmp_path / "decks" / "d"
    folder.mkdir(parents=True)
    write(folder / "a.txt", "“枫桥经验”很重要。")
    write(folder / "deck.yaml", spec)
    return folder


def test_deck_spec_reads_sources_and_overrides(tmp_path):
    folder = make_deck(tmp_path, "name: 学习::X\nkey: abc\nsources: ['*.txt']\ncards: {reverse: true}\n")
    spec = load_deck_spec(folder)
    assert spec.name == "学习::X" and spec.key == "abc"
    assert [p.name for p in spec.sources] == ["a.txt"]
    assert spec.overrides == {"cards": {"reverse": True}}


@pytest.mark.parametrize("spec, expected", [
    ("key: k\nsources: [a.txt]\ncolour: red\n", "line 3: unknown key 'colour'"),
    ("key: k\nsources: [missing.txt]\n", "matches no file"),
    ("key: k\nsources: [../../etc/passwd]\n", "outside the deck folder"),
    ("key: k\nsources: a.txt\n", "'sources' must be a list"),
    ("sources: [a.txt]\n", "no 'key'"),
    ("key: k\n", "no 'sources'"),
    ("key: k\nsources: [a.txt]\ncards: {reverse: 2}\n", "'cards.reverse' must be true/false"),
])
def test_bad_deck_spec(tmp_path, spec, expected):
    folder = make_deck(tmp_path, spec)
    with pytest.raises(ConfigError) as err:
        load_deck_spec(folder)
    assert "deck.yaml" in str(err.value)
    assert expected in str(err.value)


def test_a_folder_without_deck_yaml_is_not_a_deck_folder(tmp_path):
    with pytest.raises(ConfigError, match=f"^{tmp_path}: not a deck folder \\(no deck.yaml\\); make one with"):
        load_deck_spec(tmp_path)
