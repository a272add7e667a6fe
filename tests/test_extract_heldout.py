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
