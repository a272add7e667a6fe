"""Hostile and broken input end to end: text in, deck imported into real Anki (issue 6).

Whatever a text holds, deckgen either writes a deck that imports cleanly — no
empty card, no cloze note without a cloze, nothing rendered as live markup — or
stops with a ``DeckgenError``; extraction itself never raises. Hostile deck folders and inputs that ask
for unbounded work or read outside the folder (issue 13) are in ``tests/hostile/``, run as bounded subprocesses.
"""
import shutil
import tempfile
from pathlib import Path

import pytest
from anki.collection import Collection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import import_package
from deckgen import build_deck, extract_sources
from deckgen.config import packaged_defaults
from deckgen.errors import DeckgenError, OutputError

HOSTILE = ("“<script>alert(1)</script>”", "“<b>粗体</b>”", "“A&B”", "“{{c1::x}}”", "“}}”", "“a::b”")
SLOGANS = ["坚持“{}”推进工作。", "落实资源、{}、服务“三个清单”。"]


def hostile_text() -> str:
    lines = ["党建引领基层治理", ""]
    for i, token in enumerate(HOSTILE):
        lines.append(f"我们推行“社区吹哨{i}”机制，落实{token}要求，把{token}写进制度，推动工作开展。")
    lines.append("一是加强<script>alert(2)</script>宣传。二是落实{{c2::y}}制度。三是推进a::b改革。")
    lines.append("建立联系单位资源、<i>需求</i>、服务}}“三个清单”，形成合力。")
    return "\n".join(lines) + "\n"


def check_imported(col: Collection) -> None:
    """What a learner would trip over: empty cards, cards Check Database would add, live markup."""
    assert not col.get_empty_cards().notes
    before = col.card_count()
    col.fix_integrity()
    assert col.card_count() == before
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        rendered = card.question() + card.answer()
        for tag in ("<script", "<b>", "<i>"):
            assert tag not in rendered
        assert "{{c" not in card.render_output().question_text


def test_hostile_text_builds_a_deck_that_shows_it_literally(tmp_path, col):
    source = tmp_path / "hostile.txt"
    source.write_text(hostile_text(), encoding="utf-8")
    out = tmp_path / "hostile.apkg"
    result = build_deck([source], config=packaged_defaults(), output=out)
    log = import_package(col, out)
    assert len(log.new) == result.notes
    check_imported(col)
    shown = " ".join(col.get_card(c).render_output().answer_text for c in col.find_cards(""))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "A&amp;B" in shown


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(hostile_text(), encoding="utf-8")
    return path


def raising(exc: BaseException):
    """A stand-in for a write step that fails with ``exc``."""
    def fail(*args, **kwargs):
        raise exc
    return fail


def test_a_failed_write_leaves_the_previous_deck_untouched(tmp_path, source, monkeypatch):
    out = tmp_path / "deck.apkg"
    build_deck([source], config=packaged_defaults(), output=out)
    previous = out.read_bytes()
    disk_full = raising(OSError(28, "No space left on device"))
    monkeypatch.setattr(shutil, "copyfileobj", disk_full)
    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(OutputError):  # a new description: the deck must be written again
        build_deck([source], config=packaged_defaults(), output=out, description="第二版")
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("deck")) == ["deck.apkg"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path, source, monkeypatch):
    # what a read-only folder does, even for root
    monkeypatch.setattr(tempfile, "mkstemp", raising(PermissionError(13, "Permission denied")))
    with pytest.raises(OutputError, match="cannot write .Permission denied.*choose another output"):
        build_deck([source], config=packaged_defaults(), output=tmp_path / "out" / "deck.apkg")
    assert not list((tmp_path / "out").glob("*"))


def test_an_interrupted_build_leaves_no_partial_deck(tmp_path, source, monkeypatch):
    import genanki

    out = tmp_path / "deck.apkg"
    build_deck([source], config=packaged_defaults(), output=out)
    previous = out.read_bytes()
    monkeypatch.setattr(genanki.Package, "write_to_file", raising(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):  # a new description: the deck must be written again
        build_deck([source], config=packaged_defaults(), output=out, description="第二版")
    assert out.read_bytes() == previous
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_200000_character_line_and_a_5_mb_file(tmp_path):
    line = tmp_path / "line.txt"
    line.write_text(("推进“五治融合”，以政治强引领" * 20000)[:200_000], encoding="utf-8")
    assert extract_sources([line]).terms
    big = tmp_path / "big.txt"
    corpus = (Path(__file__).parent / "data" / "000_128f51ef0bbf1bd4.txt").read_text(encoding="utf-8")
    big.write_text(corpus * (5_000_000 // len(corpus.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    assert extract_sources([big]).lists


CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
TEXT = st.lists(st.one_of(
    st.text(CHINESE, min_size=1, max_size=12),
    st.sampled_from(["“", "”", "、", "，", "。", "\n", "\n\n", "一是", "二是", "三是", "“三个清单”", "{{", "}}",
                     "::", "<script>", "&", "（作者单位：某局）", "□张三\n", "六个必须坚持"]),
    st.text(max_size=6)), min_size=1, max_size=40).map("".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_text_gives_a_clean_deck_or_a_clear_error(text, empty_collection):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "any.txt"
        source.write_text(text, encoding="utf-8")
        try:
            extract_sources([source])  # never raises anything but a DeckgenError
            build_deck([source], config=packaged_defaults(), output=tmp / "any.apkg")
        except DeckgenError as exc:
            assert str(source) in str(exc)
            return
        shutil.copy(empty_collection, tmp / "c.anki2")
        col = Collection(str(tmp / "c.anki2"))
        try:
            import_package(col, tmp / "any.apkg")
            check_imported(col)
            cloze_ids = [m["id"] for m in col.models.all() if m["type"] == 1]
            for nid in col.find_notes(""):
                note = col.get_note(nid)
                if note.mid in cloze_ids:
                    assert col._backend.cloze_numbers_in_note(note._to_backend_note())
        finally:
            col.close()


def test_a_hostile_file_name_shows_literally_in_the_deck_description(tmp_path, col):
    """Regression: source file names went unescaped into the deck description, which Anki shows as HTML."""
    source = tmp_path / "<img src=x onerror=alert(1)>.txt"
    source.write_text(hostile_text(), encoding="utf-8")
    out = tmp_path / "deck.apkg"
    result = build_deck([source], config=packaged_defaults(), output=out, description="<b>第3期</b>")
    import_package(col, out)
    descriptions = [col.decks.get(d.id)["desc"] for d in col.decks.all_names_and_ids() if d.name in result.decks]
    assert descriptions and all(
        desc.startswith("&lt;b&gt;第3期&lt;/b&gt;<br>Sources: &lt;img src=x onerror=alert(1)&gt;.txt.")
        for desc in descriptions)
