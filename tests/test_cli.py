"""The deckgen command through click's CliRunner: exit codes 0/1/2, messages, outputs."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DATA = Path(__file__).parent / "data"
THEORY = DATA / "000_128f51ef0bbf1bd4.txt"
JIANWEI = DATA / "jianwei_sixiao_gongzuofa.txt"
ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("command", [[], *[[name] for name in main.commands]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    if command:
        assert "--config" in result.stdout and "--quiet" in result.stdout and "--verbose" in result.stdout


def test_extract_json_follows_the_contract():
    result = run("extract", THEORY, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == str(THEORY)
    assert [a["title"] for a in data["articles"]][:2] == ["党建引领社区治理的创新路径", "更实举措推进新能源汽车强市建设"]
    assert data["articles"][0]["author"] == "马开军"
    assert data["articles"][2]["untitled"] is True
    for entry in data["lists"]:
        assert {"id", "name", "count", "kind", "items", "article", "context", "confidence", "rule",
                "count_mismatch"} <= set(entry)
        assert entry["kind"] in ("counted", "enumerated", "outline")
        assert entry["confidence"] >= 0.5
    for entry in data["terms"]:
        assert {"id", "term", "article", "context", "definition", "confidence", "rule"} <= set(entry)
    liu = next(l for l in data["lists"] if l["name"] == "六个必须坚持")
    assert liu["count"] == 6 and len(liu["items"]) == 6 and liu["count_mismatch"] is False


def test_extract_all_adds_low_confidence_candidates():
    default = json.loads(run("extract", THEORY, "--format", "json").stdout)
    everything = json.loads(run("extract", THEORY, "--format", "json", "--all").stdout)
    assert len(everything["terms"]) > len(default["terms"])
    assert any(t["confidence"] < 0.5 for t in everything["terms"])


def test_extract_several_sources_numbers_articles_in_order():
    data = json.loads(run("extract", THEORY, JIANWEI, "--format", "json").stdout)
    assert data["source"] == [str(THEORY), str(JIANWEI)]
    assert [a["index"] for a in data["articles"]] == list(range(len(data["articles"])))
    assert data["articles"][-1]["source"] == str(JIANWEI)
    assert any(l["name"] == "四小工作法" and l["article"] == len(data["articles"]) - 1 for l in data["lists"])


def test_extract_table_is_readable():
    result = run("extract", JIANWEI)
    assert result.exit_code == 0
    assert "list 四小工作法 (4)" in result.stdout
    assert "1. 小板凳服务在前" in result.stdout


@pytest.mark.parametrize("args", [["extract", THEORY, "--format", "xml"], ["extract", THEORY, "--nope"],
                                  ["extract"], ["frobnicate"]])
def test_command_syntax_errors_exit_2(args):
    assert run(*args).exit_code == 2


def write(path: Path, data) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, content, expected", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", "", "holds no text"),
    ("blank.txt", "  \n\n \t\n", "holds no text"),
    ("latin.txt", "Just some English text.\n", "no Chinese text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_input_exits_1_with_one_message(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        write(path, content)
    for command in ("extract", "build"):
        result = run(command, path)
        assert result.exit_code == 1, result.output
        assert str(path) in result.stderr and expected in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


def test_bad_config_exits_1(tmp_path):
    config = write(tmp_path / "c.yaml", "cards:\n  colour: red\n")
    result = run("extract", THEORY, "--config", config)
    assert result.exit_code == 1
    assert "unknown key 'cards.colour'" in result.stderr


def test_build_a_file_writes_the_deck_and_says_what_is_in_it(tmp_path):
    out = tmp_path / "my.apkg"
    result = run("build", THEORY, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.stat().st_size > 0
    assert f"Wrote {out}" in result.stdout
    for word in ("articles", "lists", "terms", "notes", "cards"):
        assert word in result.stdout
    assert not list(tmp_path.glob("*.tmp*"))


def test_build_without_lists_or_terms_exits_1_and_writes_nothing(tmp_path):
    text = write(tmp_path / "plain.txt", "今天天气很好。我们去公园散步。")
    out = tmp_path / "plain.apkg"
    result = run("build", text, "-o", out)
    assert result.exit_code == 1
    assert "no lists or terms" in result.stderr
    assert not out.exists()


def test_build_with_no_source_builds_every_deck_folder(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "decks" / "theory-page", tmp_path / "decks" / "theory-page")
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "theory-page.apkg").is_file()


def test_build_a_plain_folder_names_the_deck_after_its_first_file(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(JIANWEI, folder / "b.txt")
    shutil.copy(THEORY, folder / "a.txt")
    write(folder / "notes.odt", b"PK")
    monkeypatch.chdir(tmp_path)
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "a.apkg").is_file()
    assert "notes.odt: skipped" in result.stderr


def test_extract_of_a_folder_notes_skipped_files_and_quiet_silences_every_warning(tmp_path):
    """Regression: extract dropped the notes on skipped files; build printed warnings even with -q."""
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(JIANWEI, folder / "a.txt")
    write(folder / "notes.odt", b"PK")
    result = run("extract", folder, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "notes.odt: skipped (unsupported file type '.odt'" in result.stderr
    assert any("notes.odt: skipped" in w for w in json.loads(result.stdout)["warnings"])
    for args in (["extract", folder], ["build", folder, "-o", tmp_path / "a.apkg"],
                 ["export", folder, "--format", "md", "-o", tmp_path / "a.md"]):
        quiet = run(*args, "-q")
        assert quiet.exit_code == 0, quiet.output
        assert quiet.stderr == ""


def test_build_with_no_source_and_no_deck_folder_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 1
    assert "decks: no deck folder (decks/*/deck.yaml) and no SOURCE given" in result.stderr


def test_output_option_with_two_decks_is_a_usage_error(tmp_path):
    for name in ("one", "two"):
        shutil.copytree(ROOT / "decks" / "theory-page", tmp_path / name)
    result = run("build", tmp_path / "one", tmp_path / "two", "-o", tmp_path / "x.apkg")
    assert result.exit_code == 2


def test_output_that_is_a_folder_exits_1(tmp_path):
    result = run("build", THEORY, "-o", tmp_path)
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr


def test_config_that_is_a_folder_exits_1(tmp_path):
    result = run("extract", THEORY, "--config", tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path}: is a folder" in result.stderr


@pytest.mark.parametrize("spec, expected", [
    ("key: k\nsources: [theory-page.txt]\ncards: {reverse: maybe}\n", "'cards.reverse' must be true/false"),
    ("key: k\nsources: [theory-page.txt\n", "fix the YAML syntax"),
    ("key: k\nsources: [theory-page.txt]\nsauce: 1\n", "line 3: unknown key 'sauce'"),
])
def test_bad_deck_yaml_exits_1_and_writes_nothing(tmp_path, monkeypatch, spec, expected):
    folder = tmp_path / "decks" / "d"
    shutil.copytree(ROOT / "decks" / "theory-page", folder)
    (folder / "deck.yaml").write_text(spec, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build", folder)
    assert result.exit_code == 1
    assert "deck.yaml" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["preview"], ["review"], ["extract"], ["build"]])
def test_a_missing_source_is_exit_1_for_every_command(tmp_path, command):
    missing = tmp_path / "nope.txt"
    result = run(*command, missing)
    assert result.exit_code == 1, result.output
    assert str(missing) in result.stderr


def test_python_m_deckgen_runs_the_command_and_importing_it_does_not():
    """Regression: __main__ ran the command on import, as every "spawn" pool worker (Windows) does."""
    import subprocess
    import sys

    ran = subprocess.run([sys.executable, "-m", "deckgen", "--version"], capture_output=True, text=True)
    assert ran.returncode == 0 and ran.stdout.startswith("deckgen, version ")
    imported = subprocess.run([sys.executable, "-c", "import deckgen.__main__"], capture_output=True, text=True)
    assert (imported.returncode, imported.stdout, imported.stderr) == (0, "", "")
