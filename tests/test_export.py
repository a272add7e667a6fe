"""Exports: anki-txt re-imported into a real Anki collection, CSV/TSV round trips, handouts and the card preview."""
import collections
import csv
import dataclasses
import io
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from anki.collection import ImportCsvRequest
from click.testing import CliRunner

from conftest import HOSTILE_TEXTS, import_package, make_list, make_term, sample_extraction
from deckgen import api
from deckgen.cards import make_notes
from deckgen.cli import main
from deckgen.export import (CSV_HEADER, deck_cards, plain_text, to_anki_txt, to_csv, to_html, to_markdown,
                            to_preview, to_tsv, write_export)

ROOT = Path(__file__).resolve().parents[1]
DECK = ROOT / "decks" / "theory-page"
THEORY = Path(__file__).parent / "data" / "000_128f51ef0bbf1bd4.txt"


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> api.DeckNotes:
    """The example deck, from a copy: packaging it brings its identity store (deck.lock.json) up to date."""
    copy = tmp_path_factory.mktemp("deck") / DECK.name
    shutil.copytree(DECK, copy)
    return api.source_notes(copy)


@pytest.fixture
def imported(deck, col, tmp_path):
    """The collection after importing the deck's .apkg: (collection, build result)."""
    result = api.package_deck(deck, tmp_path / "deck.apkg")
    assert len(import_package(col, Path(result.output)).new) == result.notes
    return col, result


def import_text(col, path: Path):
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def test_anki_txt_reimport_adds_nothing_and_matches_every_guid(deck, imported, tmp_path):
    col, _ = imported
    path = write_export(deck, "anki-txt", tmp_path / "deck.txt")
    assert path.read_text(encoding="utf-8").startswith("#separator:tab\n#html:true\n")
    log = import_text(col, path)
    assert len(log.new) == 0 and not log.conflicting and not log.missing_notetype and not log.first_field_match
    matched = {note.id.nid for note in (*log.updated, *log.duplicate)}
    assert matched == set(col.find_notes(""))
    guids = {col.get_note(nid).guid for nid in col.find_notes("")}
    assert guids == {line.split("\t")[2] for line in path.read_text(encoding="utf-8").splitlines()[6:]}


def test_anki_txt_reimport_updates_the_notes_of_the_apkg(deck, imported, tmp_path):
    col, _ = imported
    first = deck.notes[0]
    edited = dataclasses.replace(first, fields=(first.fields[0] + "<i>改</i>", *first.fields[1:]))
    path = tmp_path / "edited.txt"
    path.write_text(to_anki_txt(dataclasses.replace(deck, notes=(edited, *deck.notes[1:]))), encoding="utf-8")
    log = import_text(col, path)
    assert len(log.new) == 0 and len(log.updated) == 1
    assert col.get_note(log.updated[0].id.nid).fields[0].endswith("<i>改</i>")
    assert col.note_count() == len(deck.notes)


def test_csv_round_trips_through_the_csv_module_with_a_card_a_row(deck, imported, tmp_path):
    col, result = imported
    path = write_export(deck, "csv", tmp_path / "deck.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == list(CSV_HEADER)
    assert len(rows) - 1 == result.cards == col.card_count()
    assert all(len(row) == 4 and row[0] and row[1] for row in rows[1:])
    assert any("\n" in row[0] for row in rows[1:])  # numbered lists keep their lines
    assert all(row[3].startswith("deckgen::") for row in rows[1:])


def test_tsv_has_a_card_a_line(deck, imported):
    _, result = imported
    lines = to_tsv(deck).splitlines()
    assert lines[0].split("\t") == list(CSV_HEADER)
    assert len(lines) - 1 == result.cards
    rows = list(csv.reader(io.StringIO(to_tsv(deck)), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(row) == 4 for row in rows)


class Collect(HTMLParser):
    """Tags, classes and text of an HTML page; fails on what a self-contained page must not hold."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.Counter()
        self.classes = collections.Counter()
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        assert tag not in ("script", "link", "img", "iframe")
        assert not any(str(value).startswith(("http:", "https:", "//")) for value in attrs.values())

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Collect:
    parser = Collect()
    parser.feed(page)
    parser.close()
    return parser


def test_html_handout_parses_and_holds_every_list_and_term(deck):
    page = to_html(deck)
    parsed = parse(page)
    text = "".join(parsed.text)
    assert "@media print" in page and "size: A4" in page and 'name="viewport"' in page
    lists = [l for l in deck.kept.lists if l.items]
    assert parsed.tags["ol"] == len(lists)
    for lst in lists:
        assert lst.name in text and all(item in text for item in lst.items)
    for term in deck.kept.terms:
        assert term.term in text
        assert term.definition is None or term.definition in text


def test_markdown_handout_groups_by_article(deck):
    text = to_markdown(deck)
    titles = [line for line in text.splitlines() if line.startswith("## ")]
    assert titles and all("《" in title for title in titles)
    six = next(l for l in deck.kept.lists if l.name == "六个必须坚持")
    assert f"### {six.name}（共 6 条）" in text
    assert f"1. {six.items[0]}" in text


def test_preview_holds_every_card_as_anki_renders_it(deck, imported):
    col, result = imported
    parsed = parse(to_preview(deck))
    assert parsed.classes["pair"] == result.cards == col.card_count()

    def shown(question: str, answer: str) -> tuple[str, str]:
        return plain_text(question), plain_text(answer)

    ours = collections.Counter(shown(card.front, card.back) for card in deck_cards(deck))
    anki = collections.Counter()
    for cid in col.find_cards(""):
        rendered = col.get_card(cid).render_output()
        anki[shown(rendered.question_text, rendered.answer_text)] += 1
    assert ours == anki


def test_cloze_shows_a_blank_in_front_and_the_answer_on_the_back(deck):
    card = next(c for c in deck_cards(deck) if c.note.kind == "list_item")
    assert '<span class="cloze">[...]</span>' in card.front
    assert "{{" not in card.front + card.back
    answer = plain_text(card.back).split("\n")
    assert "[...]" in plain_text(card.front) and "[...]" not in answer[-1]


def hostile_deck(config) -> api.DeckNotes:
    extraction = sample_extraction(items=HOSTILE_TEXTS[:3], definition=HOSTILE_TEXTS[0] + "就是这样。",
                                   extra_terms=(make_term("A&B", f"他说“A&B”{HOSTILE_TEXTS[3]}。"),))
    extraction = dataclasses.replace(extraction, lists=(*extraction.lists, make_list("两个*重点*", ("[x](y)", "`z`"))))
    notes = make_notes(extraction, config, deck_name="测试", deck_key="k")
    return api.DeckNotes(name="测试<b>", key="k", stem="t", description="<script>x</script>", config=config,
                         files=(), extraction=extraction, kept=extraction, notes=notes)


def test_hostile_text_stays_text_in_every_export(config):
    deck = hostile_deck(config)
    for page in (to_html(deck), to_preview(deck)):
        text = "".join(parse(page).text)  # parse() fails on a <script> tag
        assert "<script>alert(1)</script>" in text
    markdown = to_markdown(deck)
    assert "\\[x\\](y)" in markdown and "\\`z\\`" in markdown and "两个\\*重点\\*" in markdown
    rows = list(csv.reader(io.StringIO(to_csv(deck))))
    assert any("<script>alert(1)</script>" in row[1] for row in rows)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("fmt, suffix", [("csv", ".csv"), ("tsv", ".tsv"), ("anki-txt", ".txt"), ("md", ".md"),
                                         ("html", ".html")])
def test_export_without_output_writes_build_name_ext_and_prints_it(fmt, suffix, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", THEORY, "--format", fmt)
    assert result.exit_code == 0, result.output
    expected = Path("build") / f"{THEORY.stem}{suffix}"
    assert result.stdout.strip() == str(expected)
    assert (tmp_path / expected).stat().st_size > 0
    assert result.stderr == ""  # no progress bar without a terminal


def test_export_and_preview_of_a_deck_folder(tmp_path):
    out = tmp_path / "deck.md"
    assert run("export", DECK, "--format", "md", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# 理论学习::蚌埠日报理论版")
    result = run("preview", DECK, "-o", tmp_path / "p.html")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "p.html")


def test_preview_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("preview", THEORY, "-q")
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "build" / f"{THEORY.stem}.preview.html").is_file()


def test_export_to_an_unwritable_place_exits_1(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("export", THEORY, "--format", "csv", "-o", blocker / "x.csv")
    assert result.exit_code == 1 and "cannot write" in result.stderr
