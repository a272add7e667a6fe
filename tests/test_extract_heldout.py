"""Structures met on held-out texts (a party-congress report, study notes, news) the extractor was not tuned on.

Each case is a short sentence written for the test, in the style of such texts, not copied from one.
"""
from __future__ import annotations

import pytest
from test_extract_lists import lists_by_name, run


def default_lists(extraction):
    return [l for l in extraction.lists if l.confidence >= 0.5]


# ---------------------------------------------------------------- parallel judgments: 是…，是…，是…

@pytest.mark.parametrize("lexicon", [True, False])
def test_one_subject_several_predicates_with_a_shared_ending(lexicon):
    text = "新型城镇化是以人为核心的城镇化，是城乡融合发展的城镇化，是绿色低碳的城镇化。"
    found = lists_by_name(run(text, lexicon=lexicon))["新型城镇化"]
    assert found.items == ("以人为核心的城镇化", "城乡融合发展的城镇化", "绿色低碳的城镇化")
    assert found.rule == "parallel"


def test_several_subjects_one_predicate_ending():
    text = "改革是发展的动力所在，开放是繁荣的动力所在，创新是进步的动力所在。"
    found = lists_by_name(run(text, lexicon=False))["动力所在"]
    assert found.items == ("改革是发展的动力所在", "开放是繁荣的动力所在", "创新是进步的动力所在")


def test_a_pronoun_subject_or_two_clauses_make_no_list():
    assert not run("这是人民赢得的伟大胜利，是历史性的伟大胜利，也是影响深远的伟大胜利。", lexicon=False).lists
    assert not run("基层民主是社会主义的生命，是治理的应有之义。", lexicon=False).lists


def test_lexicon_names_a_formulation_its_short_forms_spell_out():
    # the report writes 必须坚持A，坚持B，…: only the first item carries 必须
    text = ("必须坚持人民至上，坚持自信自立，坚持守正创新，坚持问题导向，坚持系统观念，坚持胸怀天下，"
            "不断提出新办法。")
    found = lists_by_name(run(text))["六个必须坚持"]
    assert len(found.items) == 6 and found.items[1] == "坚持自信自立"


def test_the_shi_of_fanshi_is_no_copula():
    text = "凡是对群众有利的事情，凡是对发展有利的事情，凡是对团结有利的事情，我们都要做好。"
    assert not [l for l in run(text, lexicon=False).lists if l.rule == "parallel"]


# ---------------------------------------------------------------- bullets under a lead that does not announce them

@pytest.mark.parametrize("lexicon", [True, False])
def test_parallel_paragraph_openers_after_a_plain_lead(lexicon):
    text = ("推进基层治理，首先要把握好工作方法。\n\n"
            "坚持群众路线。群众的事情要同群众商量。\n\n"
            "坚持问题导向。聚焦群众急难愁盼问题。\n\n"
            "坚持系统观念。统筹各方力量形成合力。\n\n"
            "这些方法要长期坚持。")
    found = [l for l in run(text, lexicon=lexicon).lists if l.rule == "bullets"]
    assert [l.items for l in found] == [("坚持群众路线", "坚持问题导向", "坚持系统观念")]


def test_unannounced_openers_that_differ_are_no_list():
    text = ("会议听取了工作汇报。\n\n"
            "大家一致认为。这项工作很有意义。\n\n"
            "会议强调。要持续抓好落实工作。\n\n"
            "与会同志表示。将认真贯彻执行。")
    assert not [l for l in run(text, lexicon=False).lists if l.rule == "bullets"]


# ---------------------------------------------------------------- items after a name, one per ；

def test_items_after_a_quoted_name_one_per_semicolon():
    text = "今年全镇办成“三件实事”，修通进村公路；建成养老食堂；改造老旧小区。明年再接再厉。"
    found = lists_by_name(run(text, lexicon=False))["三件实事"]
    assert found.items == ("修通进村公路", "建成养老食堂", "改造老旧小区") and found.count == 3


def test_semicolon_items_must_close_with_the_count():
    text = "今年全镇办成“三件实事”，修通进村公路；建成养老食堂；改造老旧小区；新建文化广场。"
    assert "三件实事" not in {l.name for l in default_lists(run(text, lexicon=False))}


# ---------------------------------------------------------------- colon lists after 以下…：

def test_a_lead_announcing_what_follows_makes_a_colon_list_confident():
    text = "新征程上，必须牢牢把握以下工作要求：坚持稳中求进，坚持守正创新，坚持先立后破，坚持系统集成。"
    found = [l for l in default_lists(run(text, lexicon=False)) if l.rule == "colon"]
    assert [l.items for l in found] == [("坚持稳中求进", "坚持守正创新", "坚持先立后破", "坚持系统集成")]
    assert "工作要求" in found[0].name
