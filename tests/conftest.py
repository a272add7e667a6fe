"""Shared fixtures: the default config, small hand-made extractions, a fresh Anki collection per test."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import anki.lang
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from deckgen.config import packaged_defaults
from deckgen.models import Article, Extraction, ExtractedList, ExtractedTerm, Paragraph, Section

anki.lang.set_lang("en")  # anki's text helpers (strip_html, rendering) need a language set


@pytest.fixture
def config() -> dict:
    """The packaged default configuration (a fresh copy: tests may edit it)."""
    return packaged_defaults()


def article(index: int = 0, title: str = "党建引领社区治理的创新路径", author: str | None = "马开军",
            source: str = "theory page.txt") -> Article:
    body = (Paragraph(text="正文。", line=3, end_line=3),)
    return Article(index=index, source=source, title=title, author=author, untitled=False,
                   sections=(Section(heading=None, heading_line=None, paragraphs=body),), line=1)


def make_list(name: str, items: tuple[str, ...], *, article: int = 0, line: int = 10, count: int | None = None,
              context: str | None = None, kind: str = "counted", confidence: float = 0.9) -> ExtractedList:
    return ExtractedList(id=f"list:{name}", name=name, count=count, kind=kind, items=items, article=article,
                         context=context if context is not None else f"概括起来就是“{name}”。",
                         confidence=confidence, rule="test", line=line)


def make_term(term: str, context: str, *, definition: str | None = None, article: int = 0, line: int = 20,
              confidence: float = 0.9) -> ExtractedTerm:
    return ExtractedTerm(id=f"term:{term}", term=term, article=article, context=context, definition=definition,
                         confidence=confidence, rule="test", line=line)


HOSTILE_TEXTS = ("<script>alert(1)</script>", "<b>粗</b>", "A&B", "{{c1::x}}", "}}", "a::b", "[sound:x.mp3]")
# 六个必须坚持's items without the words of the name: a Name card does not give the name away
PLAIN = ("人民至上", "自信自立", "守正创新")
SIX = ("必须坚持人民至上", "必须坚持自信自立", "必须坚持守正创新", "必须坚持问题导向", "必须坚持系统观念", "必须坚持胸怀天下")


def sample_extraction(*, items: tuple[str, ...] = SIX[:3], definition: str = "就是要求我们把矛盾化解在基层。",
                      context: str = "坚持和发展新时代“枫桥经验”，推动社区治理。",
                      extra_terms: tuple[ExtractedTerm, ...] = ()) -> Extraction:
    """Two articles: a counted list and a defined term in the first, an undefined term in the second."""
    return Extraction(
        documents=(),
        articles=(article(0), article(1, title="新能源汽车人才政策", author=None, source="page2.txt")),
        lists=(make_list("六个必须坚持", items, count=6, line=10),),
        terms=(make_term("枫桥经验", context, definition=definition, line=20),
               make_term("三个清单", "建立资源、需求、服务“三个清单”。", article=1, line=5),
               *extra_terms))


def package(config: dict, folder: Path, extraction: Extraction, *, deck_key: str, timestamp: float | None = None,
            carry: bool = True, forget_retired: bool = False):
    """Build ``extraction`` to ``folder/deck.apkg`` as a deck folder would, its identity store
    ``folder/deck.lock.json``; the result's ``output`` is a Path."""
    from deckgen.api import DeckNotes, package_deck, with_identities
    from deckgen.cards import make_notes

    notes = make_notes(extraction, config, deck_name="理论", deck_key=deck_key)
    deck = DeckNotes(name="理论", key=deck_key, stem="deck", description="", config=config, files=(),
                     extraction=extraction, kept=extraction, notes=notes)
    deck = with_identities(deck, folder / "deck.lock.json", carry=carry)
    result = package_deck(deck, folder / "deck.apkg", timestamp=timestamp, forget_retired=forget_retired)
    return dataclasses.replace(result, output=Path(result.output))


@pytest.fixture(scope="session")
def empty_collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty collection file, created once: creating one costs far more than copying it."""
    path = tmp_path_factory.mktemp("anki") / "empty.anki2"
    Collection(str(path)).close()
    return path


@pytest.fixture
def col(empty_collection: Path, tmp_path: Path):
    """A fresh Anki collection (a copy of the empty one), closed after the test."""
    path = tmp_path / "collection.anki2"
    shutil.copy(empty_collection, path)
    collection = Collection(str(path))
    yield collection
    collection.close()


def import_package(col: Collection, path: Path):
    """Import ``path`` as Anki's GUI does by default; return the import log."""
    request = ImportAnkiPackageRequest(package_path=str(path.resolve()), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.json from what the extractor gives now (review the diff, then commit)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(autouse=True)
def private_state_dir(tmp_path_factory, monkeypatch):
    """Builds under test record their deck keys in a folder of the test run, never the user's state folder."""
    monkeypatch.setenv("DECKGEN_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path_factory, monkeypatch):
    """Each test extracts into an empty cache of its own: never the user's, never another test's (a test that
    patches a rule must not read what the unpatched rule extracted)."""
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
