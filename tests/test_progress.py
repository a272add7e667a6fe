"""The progress bar (only on a terminal, only for long runs) and the end-of-build summary table."""
import io
import logging
from pathlib import Path

from click.testing import CliRunner

from deckgen import api
from deckgen.cli import main
from deckgen.models import Document
from deckgen.package import note_guid
from deckgen.progress import LONG_RUN_CHARS, ProgressBar, source_rows

DATA = Path(__file__).parent / "data"
THEORY = DATA / "000_128f51ef0bbf1bd4.txt"
JIANWEI = DATA / "jianwei_sixiao_gongzuofa.txt"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def docs(*sizes):
    return tuple(Document(source=f"{i}.txt", text="字" * size, encoding="utf-8") for i, size in enumerate(sizes))


def drive(bar, documents):
    with bar:
        for done in range(len(documents) + 1):
            bar(documents, done)


def test_bar_shows_files_characters_and_eta_on_a_terminal():
    out = Terminal()
    drive(ProgressBar(file=out), docs(3000, 1000))
    text = out.getvalue()
    assert "Extracting" in text and "2/2 files" in text and "4k/4k characters" in text and "100%" in text
    assert text.endswith("\n")


def test_bar_is_silent_off_a_terminal_when_disabled_and_for_one_short_file():
    for bar, documents in ((ProgressBar(file=io.StringIO()), docs(10, 10)),
                           (ProgressBar(enabled=False, file=Terminal()), docs(10, 10)),
                           (ProgressBar(file=Terminal()), docs(LONG_RUN_CHARS // 2))):
        drive(bar, documents)
        assert bar.file.getvalue() == ""


def test_one_long_file_gets_a_bar():
    out = Terminal()
    drive(ProgressBar(file=out), docs(LONG_RUN_CHARS + 1))
    assert "1/1 files" in out.getvalue()


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_build_summary_is_a_table_per_source_with_totals_and_changes(tmp_path):
    out = tmp_path / "two.apkg"
    first = run("build", THEORY, JIANWEI, "-o", out)
    assert first.exit_code == 0, first.output
    assert "Extracting" not in first.stderr  # CliRunner's stderr is no terminal
    lines = first.stdout.splitlines()
    assert lines[0].split() == ["source", "articles", "lists", "terms", "notes", "cards"]
    assert lines[1].startswith(THEORY.name) and lines[2].startswith(JIANWEI.name)
    rows = [[int(cell.split()[0]) for cell in line.split()[1:]] for line in lines[1:3]]
    total = lines[3].split()
    assert total[0] == "total" and [int(cell) for cell in total[1:]] == [sum(col) for col in zip(*rows)]
    assert f"Wrote {out}" in first.stdout
    second = run("build", THEORY, JIANWEI, "-o", out)
    assert "Against the previous build: 0 new, 0 changed" in second.stdout


def test_source_rows_count_each_note_and_card_once(config, tmp_path):
    deck = api.deck_notes([THEORY, JIANWEI], config=config)
    result = api.package_deck(deck, tmp_path / "d.apkg")
    rows = dict(source_rows(deck, {note_guid(deck.key, n.kind, n.key): 1 for n in deck.notes}))
    assert sum(row["notes"] for row in rows.values()) == result.notes
    assert sum(row["lists"] for row in rows.values()) == result.lists
    assert sum(row["mismatches"] for row in rows.values()) == len(result.count_mismatches)


def test_quiet_build_prints_nothing_and_verbose_details_name_encodings_and_rules(tmp_path, caplog):
    quiet = run("build", THEORY, "-o", tmp_path / "q.apkg", "-q")
    assert quiet.exit_code == 0 and quiet.stdout == ""
    caplog.set_level(logging.DEBUG, logger="deckgen")  # what -v shows (pytest holds the root logger)
    assert run("build", THEORY, "-o", tmp_path / "v.apkg", "-v").exit_code == 0
    assert any(f"{THEORY}: utf-8" in r.message and "lists by rule:" in r.message for r in caplog.records)


def test_extract_of_several_files_draws_no_bar_off_a_terminal():
    result = run("extract", THEORY, JIANWEI)
    assert result.exit_code == 0 and "Extracting" not in result.stderr


def test_build_summary_names_the_cards_left_empty_and_how_to_remove_them(tmp_path):
    out = tmp_path / "deck.apkg"
    assert run("build", JIANWEI, "-o", out).exit_code == 0
    config = tmp_path / "config.yaml"
    config.write_text("cards:\n  kinds: [list_item, list, term, term_cloze]\n", encoding="utf-8")
    again = run("build", JIANWEI, "-o", out, "--config", config)
    assert again.exit_code == 0, again.output
    (line,) = [line for line in again.stdout.splitlines() if "lost a card" in line]
    assert "Tools › Empty Cards" in line and '("card:Name" (deckgenid:' in line
