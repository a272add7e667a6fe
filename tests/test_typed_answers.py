"""Typed-answer cards (``cards.kinds: [..., list_item_typed]``) in real Anki: what the learner sees and how Anki
compares what was typed (README, "Typed answers")."""
from __future__ import annotations

import html

import pytest

from conftest import article, import_package, make_list
from deckgen.models import Extraction
from reviewer_page import expected_answer, reviewer_sides
from test_anki_import import assert_healthy, build, cards_by_template, seen

TYPED = "deckgen list item typed"


def typed_build(config, tmp_path, extraction=None, *, timestamp=1000):
    config["cards"]["kinds"] = [*config["cards"]["kinds"], "list_item_typed"]
    return build(config, tmp_path, extraction, timestamp=timestamp)


def right(col, card, typed: str) -> bool:
    """Whether Anki marks ``typed`` all right on ``card``."""
    compared = reviewer_sides(col, card, lambda _: typed)[1]
    return "class=typeGood" in compared and "class=typeBad" not in compared and "class=typeMissed" not in compared


def test_off_by_default(config, col, tmp_path):
    assert "list_item_typed" not in config["cards"]["kinds"]
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    assert not col.find_cards(f'"note:{TYPED}"')


def test_a_typed_card_per_item_with_the_box_in_front_and_the_comparison_behind(config, col, tmp_path):
    info = typed_build(config, tmp_path)
    import_package(col, info.output)
    cards = cards_by_template(col, TYPED, "Typed")
    assert len(cards) == 3 == len(cards_by_template(col, "deckgen list item", "Cloze"))
    assert_healthy(col)
    card = next(c for c in cards if "人民至上" not in seen(c)[0])
    front, back = seen(card)
    # (no " · 共 3 条" after the name: the list's count card asks the count)
    assert front == "六个必须坚持必须坚持[...]必须坚持自信自立必须坚持守正创新[[type:cloze:Text]]"
    assert back.startswith("六个必须坚持必须坚持人民至上必须坚持自信自立必须坚持守正创新[[type:cloze:Text]]")
    # one blank per card: the answer to type is one cloze, never several joined by Anki's ", "
    assert list(col._backend.cloze_numbers_in_note(card.note()._to_backend_note())) == [1]
    assert expected_answer(col, card) == "人民至上"
    question, answer = reviewer_sides(col, card, lambda _: "人民至土")
    assert '<input type="text" id="typeans">' in question and "<code id=typeans>" not in question
    assert "<input" not in answer
    assert "<span class=typeBad>土</span>" in answer and "<span class=typeMissed>上</span>" in answer
    assert "<span class=typeGood>人民至上</span>" in reviewer_sides(col, card)[1]


def test_the_blank_to_type_has_half_width_digits_and_no_quotation_marks(config, col, tmp_path):
    items = ("壮大“朋友圈”", "推行“皖美红色物业”", "到２０３５年基本实现")
    extraction = Extraction(documents=(), articles=(article(0),), lists=(make_list("三项工作", items),), terms=())
    import_package(col, typed_build(config, tmp_path, extraction).output)
    answers = sorted(expected_answer(col, card) for card in cards_by_template(col, TYPED, "Typed"))
    assert answers == ["到2035年基本实现", "壮大朋友圈", "推行皖美红色物业"]
    assert all(right(col, c, expected_answer(col, c)) for c in cards_by_template(col, TYPED, "Typed"))


def test_source_text_that_looks_like_markup_is_typed_literally(config, col, tmp_path):
    items = ("A&B<c>", "x::y}}", "[sound:a]")
    extraction = Extraction(documents=(), articles=(article(0),), lists=(make_list("清单", items),), terms=())
    import_package(col, typed_build(config, tmp_path, extraction).output)
    cards = cards_by_template(col, TYPED, "Typed")
    assert len(cards) == 3
    assert_healthy(col)
    asked = sorted(html.unescape(expected_answer(col, card)) for card in cards)  # the field holds entities
    assert asked == sorted(items)
    for card, typed in zip(cards, (html.unescape(expected_answer(col, card)) for card in cards)):
        assert right(col, card, typed), typed  # the learner types the text as shown, Anki decodes the entities


@pytest.mark.parametrize(("expected", "typed"), [
    ("社区吹哨，部门报到", "社区吹哨,部门报到"),   # half-width comma for a full-width one
    ("社区吹哨，部门报到", "社区吹哨部门报到"),    # punctuation left out
    ("社区吹哨，部门报到", "社区吹哨， 部门报到"),  # a space
    ("十四五", "十四五 "),
    ("２０３５", "2035"),                      # width of digits
    ("部门报到", "部門報到"),                    # traditional characters
])
def test_anki_compares_character_by_character(col, expected, typed):
    """What Anki does not normalise (README): each of these is marked wrong."""
    assert "class=typeBad" in col.compare_answer(expected, typed) or "class=typeMissed" in col.compare_answer(
        expected, typed)


def test_turning_typed_cards_on_adds_notes_and_changes_none(config, col, tmp_path):
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    before = {nid: col.get_note(nid).guid for nid in col.find_notes("")}
    log = import_package(col, typed_build(config, tmp_path, timestamp=2000).output)
    assert len(log.new) == 3 and not log.conflicting
    assert {nid: col.get_note(nid).guid for nid in before} == before
    assert not [m["name"] for m in col.models.all() if m["name"].endswith("+")]


def test_the_length_hint_shows_in_the_blank_and_is_not_typed(config, col, tmp_path):
    config["cards"]["hint"] = True
    import_package(col, typed_build(config, tmp_path).output)
    cards = cards_by_template(col, TYPED, "Typed")
    assert all("[□□□□]" in seen(card)[0] for card in cards)
    assert sorted(expected_answer(col, card) for card in cards) == ["人民至上", "守正创新", "自信自立"]
