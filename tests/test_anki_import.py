"""Built decks imported into a real Anki collection: what a learner sees, and rebuilds that keep reviews."""
from __future__ import annotations

import html
import re

import pytest
from anki.scheduler_pb2 import CardAnswer
from anki.sound import TTSTag

from conftest import HOSTILE_TEXTS, PLAIN, SIX, article, import_package, make_list, make_term, package, sample_extraction
from deckgen.cards import make_notes
from deckgen.models import Extraction
from deckgen.package import note_guid

DECK_KEY = "theory-page-key"
FIRST = "学习::党建引领社区治理的创新路径"
SECOND = "学习::新能源汽车人才政策"


def build(config, path, extraction=None, *, timestamp):
    return package(config, path, extraction or sample_extraction(), deck_key=DECK_KEY, timestamp=timestamp)


def visible(rendered_html: str) -> str:
    """The text a learner reads: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered_html))


def seen(card) -> tuple[str, str]:
    """Front and back of ``card`` as a learner reads them (no stylesheet)."""
    out = card.render_output()
    return visible(out.question_text), visible(out.answer_text)


def cards_by_template(col, note_type: str, template: str):
    return [col.get_card(cid) for cid in col.find_cards(f'"note:{note_type}" "card:{template}"')]


def answer_every_card(col) -> None:
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        card.start_timer()
        states = col._backend.get_scheduling_states(cid)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))


def schedules(col) -> dict[int, tuple]:
    return {cid: (c.type, c.queue, c.ivl, c.due, c.factor, c.reps, c.lapses, c.did)
            for cid in col.find_cards("") for c in [col.get_card(cid)]}


def assert_healthy(col) -> None:
    """What Anki's own checks would complain about: empty cards, missing cards, cards in Default."""
    assert not col.get_empty_cards().notes
    before = col.card_count()
    col.fix_integrity()
    assert col.card_count() == before
    assert not col.find_cards("deck:Default")


def test_first_import_has_the_decks_note_types_and_cards_we_built(config, col, tmp_path):
    info = build(config, tmp_path, timestamp=1000)
    log = import_package(col, info.output)
    assert len(log.new) == info.notes == col.note_count() == 8
    assert col.card_count() == info.cards == 8
    assert {d.name for d in col.decks.all_names_and_ids()} == {"Default", "学习", FIRST, SECOND}
    assert col.decks.card_count(col.decks.id_for_name(SECOND), include_subdecks=False) == 1
    kinds = {m["name"]: m["type"] for m in col.models.all() if m["name"].startswith("deckgen")}
    assert kinds == {"deckgen list item": 1, "deckgen list": 0, "deckgen list size": 0, "deckgen term": 0,
                     "deckgen term cloze": 1}
    for nid in col.find_notes('"note:deckgen list item" OR "note:deckgen term cloze"'):
        note = col.get_note(nid)
        assert list(col._backend.cloze_numbers_in_note(note._to_backend_note())) == [1]
    assert_healthy(col)


def new_card_queue(col, deck: str) -> list:
    """The new cards in the order Anki's scheduler gives them to a learner studying ``deck`` (default options,
    no daily limit)."""
    did = col.decks.id_for_name(deck)
    options = col.decks.config_dict_for_deck_id(did)
    options["new"]["perDay"] = 9999
    col.decks.save(options)
    col.decks.select(did)
    return [col.get_card(queued.card.id) for queued in col.sched.get_queued_cards(fetch_limit=9999).cards]


def test_new_cards_spread_siblings_and_keep_reading_order(config, col, tmp_path):
    """The order a learner gets: each list and term begins in reading order; two cards of one list or term
    never come back to back while another's card can come between; a term's cloze before its definition."""
    lists = (make_list("三个必须坚持", PLAIN, count=3, line=10),
             make_list("五治融合", ("以政治强引领", "以法治筑平安", "以德治润民心", "以自治促民主", "以智治更便民"),
                       count=5, line=30))
    terms = (make_term("枫桥经验", "坚持和发展新时代“枫桥经验”，推动社区治理。", definition="就是把矛盾化解在基层。", line=20),
             make_term("三个清单", "社区建立资源、需求、服务“三个清单”，推动资源下沉。", line=40))
    extraction = Extraction(documents=(), articles=(article(0),), lists=lists, terms=terms)
    notes = make_notes(extraction, config, deck_name="理论", deck_key=DECK_KEY)  # a first build: the keys' GUIDs
    family = {note_guid(DECK_KEY, n.kind, n.key): n.key.split("/")[0] for n in notes}
    import_package(col, build(config, tmp_path, extraction, timestamp=1000).output)
    queue = new_card_queue(col, FIRST)
    assert len(queue) == col.card_count() == 17
    order = [family[card.note().guid] for card in queue]
    assert list(dict.fromkeys(order)) == ["list:三个必须坚持", "term:枫桥经验", "list:五治融合", "term:三个清单"]
    # back to back only in the run of the list that finishes last, with nothing left to put between (Anki then
    # gives the day's second-template cards, such as Name, after all first-template ones)
    last = [f for f, card in zip(order, queue) if card.ord == 0][-1]
    tail = len(order) - next(n for n, f in enumerate(order) if all(g == last for g, c in zip(order[n:], queue[n:])
                                                                   if c.ord == 0))
    adjacent = [n for n, (here, after) in enumerate(zip(order, order[1:])) if here == after]
    assert all(n >= len(order) - tail for n in adjacent), order
    assert [card.template()["name"] for card in queue[-2:]] == ["Name", "Name"]
    names = [(card.note_type()["name"], card.template()["name"]) for card in queue if "枫桥经验" in card.answer()]
    assert names == [("deckgen term cloze", "Cloze"), ("deckgen term", "Definition")]


def test_list_item_card_hides_the_answer_on_the_front(config, col, tmp_path):
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    card = next(c for c in cards_by_template(col, "deckgen list item", "Cloze") if "自信自立" not in seen(c)[0])
    out = card.render_output()
    front, back = seen(card)
    assert front == "六个必须坚持必须坚持人民至上必须坚持[...]必须坚持守正创新"  # the count card asks the count
    assert back.startswith("六个必须坚持必须坚持人民至上必须坚持自信自立必须坚持守正创新")
    assert "《党建引领社区治理的创新路径》马开军" in back
    assert "Front template has a problem" not in out.question_text + out.answer_text


def test_count_card_asks_how_many_and_no_other_front_tells(config, col, tmp_path):
    extraction = Extraction(documents=(), articles=(article(0),), terms=(),
                            lists=(make_list("三个必须坚持", PLAIN, count=3),))
    info = build(config, tmp_path, extraction, timestamp=1000)
    import_package(col, info.output)
    (count,) = cards_by_template(col, "deckgen list size", "Count")
    front, back = seen(count)
    assert front == "＿＿＿个必须坚持共几条？"
    assert back.startswith(front + "三个必须坚持 · 共 3 条人民至上自信自立守正创新《党建引领社区治理的创新路径》")
    others = [seen(col.get_card(cid))[0] for cid in col.find_cards("") if cid != count.id]
    assert len(others) == 5 and not any("3 条" in front or "共 3" in front for front in others)
    assert_healthy(col)


def test_term_cards_show_term_then_definition_and_source(config, col, tmp_path):
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    definition = cards_by_template(col, "deckgen term", "Definition")[0]
    front, back = seen(definition)
    assert front == "枫桥经验这个提法是什么意思？"
    assert back == front + "就是要求我们把矛盾化解在基层。《党建引领社区治理的创新路径》马开军坚持和发展新时代“枫桥经验”，推动社区治理。"
    assert '<b class="hl">枫桥经验</b>' in definition.render_output().answer_text
    cloze = next(c for c in cards_by_template(col, "deckgen term cloze", "Cloze") if "枫桥" in c.answer())
    front, back = seen(cloze)
    assert front == "坚持和发展新时代“[...]”，推动社区治理。"
    assert back == "坚持和发展新时代“枫桥经验”，推动社区治理。《党建引领社区治理的创新路径》马开军"


def test_optional_cards_hint_and_tts(config, col, tmp_path):
    config["cards"].update(reverse=True, hint=True, tts=True)
    info = build(config, tmp_path, timestamp=1000)
    import_package(col, info.output)
    assert col.card_count() == info.cards == 9  # the defined term gains its reverse card
    front, back = seen(cards_by_template(col, "deckgen term", "Reverse")[0])
    assert front == "就是要求我们把矛盾化解在基层。这是哪个提法？"
    assert back.startswith(front + "枫桥经验[anki:play:a:0]《")  # read aloud: tts is on
    item = cards_by_template(col, "deckgen list item", "Cloze")[0]
    assert "[□□□□]" in seen(item)[0]
    assert item.question_av_tags() == []
    assert item.answer_av_tags() == [TTSTag(field_text="人民至上", lang="zh_CN", voices=[], speed=1.0, other_args=[])]
    assert_healthy(col)


def test_hostile_text_is_shown_literally(config, col, tmp_path):
    config["cards"].update(reverse=True, hint=True)
    extraction = Extraction(
        documents=(), articles=(article(0, title="<i>标题</i>", author="A&B"),),
        lists=(make_list("清单", HOSTILE_TEXTS, context="<script>alert(1)</script>"),),
        terms=tuple(make_term(text, f"在基层治理中推行{text}的做法", definition=f"是指{text}::}}}}", line=30 + i)
                    for i, text in enumerate(HOSTILE_TEXTS)))
    info = build(config, tmp_path, extraction, timestamp=1000)
    import_package(col, info.output)
    # a card per item but the punctuation-only "}}", the recite card, three cards per term
    assert col.card_count() == info.cards == (len(HOSTILE_TEXTS) - 1) + 1 + len(HOSTILE_TEXTS) * 3
    assert_healthy(col)
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        rendered = card.question() + card.answer()
        assert "<script" not in rendered and "<b>" not in rendered and "<i>" not in rendered
        assert "[anki:play" not in rendered
    item = next(c for c in cards_by_template(col, "deckgen list item", "Cloze") if "{{c1::x}}" not in seen(c)[0])
    front, back = seen(item)
    assert front.endswith("A&B[□□□□□□□□□]}}a::b[sound:x.mp3]")
    assert "{{c1::x}}" in back and "<script>alert(1)</script>" in back
    literal = {seen(col.get_card(cid))[1] for cid in col.find_cards('"card:Definition"')}
    for text in HOSTILE_TEXTS:
        assert any(text in answer for answer in literal), text
    assert any("《<i>标题</i>》A&B" in answer for answer in literal)


@pytest.fixture
def reviewed(config, col, tmp_path):
    """A collection holding the first build, every card answered once; returns its schedules."""
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    answer_every_card(col)
    return schedules(col)


def test_rebuild_from_the_same_text_changes_nothing(config, col, tmp_path, reviewed):
    info = build(config, tmp_path, timestamp=2000)
    log = import_package(col, info.output)
    assert not log.new and not log.conflicting
    assert schedules(col) == reviewed
    assert (info.changes.new, info.changes.changed, info.changes.unchanged) == (0, 0, 8)


def test_reworded_context_and_definition_update_notes_in_place(config, col, tmp_path, reviewed):
    extraction = sample_extraction(definition="是说把矛盾化解在基层、解决在萌芽。",
                                   context="要坚持和发展新时代“枫桥经验”。")
    info = build(config, tmp_path, extraction, timestamp=2000)
    log = import_package(col, info.output)
    assert not log.new and not log.conflicting
    assert schedules(col) == reviewed
    cloze = cards_by_template(col, "deckgen term cloze", "Cloze")
    assert any(seen(c)[0] == "要坚持和发展新时代“[...]”。" for c in cloze)
    assert info.changes.changed == 2


def test_item_inserted_mid_list_adds_only_its_cards(config, col, tmp_path, reviewed):
    extraction = sample_extraction(items=(SIX[0], SIX[3], SIX[1], SIX[2]))
    info = build(config, tmp_path, extraction, timestamp=2000)
    log = import_package(col, info.output)
    assert len(log.new) == 1 and not log.conflicting
    added = set(schedules(col)) - set(reviewed)
    assert len(added) == 1
    assert "问题导向" in col.get_card(added.pop()).answer()
    assert {cid: state for cid, state in schedules(col).items() if cid in reviewed} == reviewed
    assert_healthy(col)
    assert (info.changes.new, info.changes.changed) == (1, 4)  # the three other items' cues and the list


def test_removed_term_is_kept_and_reported_with_a_search_that_finds_it(config, col, tmp_path, reviewed):
    full = sample_extraction()
    extraction = Extraction(documents=(), articles=full.articles, lists=full.lists, terms=full.terms[:1])
    info = build(config, tmp_path, extraction, timestamp=2000)
    import_package(col, info.output)
    assert col.note_count() == 8 and schedules(col) == reviewed
    assert {r.key for r in info.changes.retired} == {"term:三个清单"}
    found = col.find_notes(info.changes.retired_search)
    assert len(found) == 1 and all("三个清单" in col.get_note(nid).fields[0] for nid in found)


def test_card_turned_off_in_config_is_reported_and_found(config, col, tmp_path):
    config["cards"]["reverse"] = True
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    config["cards"]["reverse"] = False
    info = build(config, tmp_path, timestamp=2000)
    import_package(col, info.output)
    reverse = col.find_cards(info.changes.dropped_search)
    assert [col.get_card(cid).template()["name"] for cid in reverse] == ["Reverse"]
    assert [cid for n in col.get_empty_cards().notes for cid in n.card_ids] == list(reverse)


def test_a_name_card_that_now_gives_the_name_away_is_an_empty_card_found_by_the_search(config, col, tmp_path):
    """A collection holds the Name card of an earlier build; today's items repeat the name: Empty Cards removes it."""
    import_package(col, build(config, tmp_path, sample_extraction(items=PLAIN), timestamp=1000).output)
    info = build(config, tmp_path, timestamp=2000)  # 必须坚持人民至上…: the name is in every item
    import_package(col, info.output)
    name = col.find_cards(info.changes.dropped_search)
    assert [col.get_card(cid).template()["name"] for cid in name] == ["Name"]
    assert [cid for n in col.get_empty_cards().notes for cid in n.card_ids] == list(name)


def test_config_changes_reuse_the_note_types(config, col, tmp_path):
    """Cue style, hint, TTS and reverse change field content only: no "+" copy, no conflicting notes."""
    import_package(col, build(config, tmp_path, timestamp=1000).output)
    note_types = sorted(m["id"] for m in col.models.all())
    config["cards"].update(cue_style="overlapping", hint=True, tts=True, reverse=True)
    log = import_package(col, build(config, tmp_path, timestamp=2000).output)
    assert not log.conflicting and not log.new and len(log.updated) == 8
    assert sorted(m["id"] for m in col.models.all()) == note_types
    assert not [m["name"] for m in col.models.all() if m["name"].endswith("+")]
    assert len(cards_by_template(col, "deckgen term", "Reverse")) == 1
    assert_healthy(col)
