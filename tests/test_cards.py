"""cards.py: note content from hand-made extractions (no genanki, no Anki)."""
from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import HOSTILE_TEXTS, PLAIN, SIX, article, make_list, make_term, sample_extraction
from deckgen.config import packaged_defaults
from deckgen.cards import (FIELDS, SIBLING_ORDER, clip, cloze_parts, count_blanked, escape, gives_name_away, is_generic, make_notes,
                           short_title, spread)
from deckgen.errors import ConfigError
from deckgen.models import Article, Extraction, Paragraph, Section

CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}")


def notes_of(extraction, config, kind=None, deck_name="理论"):
    notes = make_notes(extraction, config, deck_name=deck_name, deck_key="k")
    return [n for n in notes if kind is None or n.kind == kind]


def field(note, name):
    return note.fields[FIELDS[note.kind].index(name)]


def one_list(*items, name="六个必须坚持", count=6, **kwargs):
    return Extraction(documents=(), articles=(article(0),), lists=(make_list(name, items, count=count, **kwargs),),
                      terms=())


@pytest.mark.parametrize("items, expected", [
    (["必须坚持人民至上", "必须坚持自信自立"], [("必须坚持", "人民至上", ""), ("必须坚持", "自信自立", "")]),
    # on word boundaries: 民事 / 民提 (jieba's words), not the shared characters 民事民
    (["民事民提", "民事民议", "民事民办"], [("民事", "民提", ""), ("民事", "民议", ""), ("民事", "民办", "")]),
    (["同中国具体实际相结合", "同中华优秀传统文化相结合"],
     [("", "同中国具体实际", "相结合"), ("", "同中华优秀传统文化", "相结合")]),
    (["从二〇二〇年到二〇三五年", "从二〇三五年到本世纪中叶"],  # a number is one word
     [("", "从二〇二〇年到二〇三五年", ""), ("", "从二〇三五年到本世纪中叶", "")]),
    (["提升区域发展一体化水平", "提升农业农村现代化水平"],  # 化 is no word of its own
     [("提升", "区域发展一体化", "水平"), ("提升", "农业农村现代化", "水平")]),
    # a word made of two dictionary words splits between them
    (["伟大斗争", "伟大工程"], [("伟大", "斗争", ""), ("伟大", "工程", "")]),
    # never a blank that starts with a conjunction
    (["坚持和加强党的全面领导", "坚持以人民为中心"], [("", "坚持和加强党的全面领导", ""), ("", "坚持以人民为中心", "")]),
    (["资源清单", "需求清单"], [("", "资源", "清单"), ("", "需求", "清单")]),
    # a lone shared character is part of the answer
    (["以政治强引领", "以法治筑平安"], [("", "以政治强引领", ""), ("", "以法治筑平安", "")]),
    (["小板凳服务在前", "小铃铛教育在前"], [("", "小板凳服务", "在前"), ("", "小铃铛教育", "在前")]),
    # never cut inside a quotation
    (["“小板凳”服务在前", "“小铃铛”教育在前"], [("", "“小板凳”服务", "在前"), ("", "“小铃铛”教育", "在前")]),
    # an item that is all shared part: whole items rather than an empty cloze
    (["推进改革", "推进改革发展"], [("", "推进改革", ""), ("", "推进改革发展", "")]),
    (["一项"], [("", "一项", "")]),
])
def test_cloze_parts_keep_only_the_distinguishing_part(items, expected):
    assert cloze_parts(items) == expected


@settings(deadline=None)  # the first example loads jieba's dictionary
@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
def test_cloze_parts_rebuild_each_item_and_never_blank_it(items):
    for item, (prefix, core, suffix) in zip(items, cloze_parts(items)):
        assert prefix + core + suffix == item
        assert core.strip() or not item.strip()


def test_escape_neutralises_html_and_anki_syntax():
    out = escape('<script>alert(1)</script> & {{c1::x}} }} :: [sound:a.mp3]')
    for bad in ("<", ">", "{", "}", ":", "[", "]"):
        assert bad not in out
    assert "&amp;" in out


def test_clip_cuts_long_text_at_clause_boundaries_around_the_focus():
    text = "第一句话很长很长很长，" * 10 + "这里有枫桥经验，" + "后面还有很多话，" * 10 + "结束。"
    out = clip(text, "枫桥经验", 60)
    assert "枫桥经验" in out and len(out) <= 62
    assert out.startswith("…") and out.endswith("…")
    assert out[1:-1].startswith(("第", "这", "后")) and out[-2] == "，"
    assert clip("短句。", "短") == "短句。"


@given(st.text(alphabet="天下为公，。、 ", max_size=400), st.sampled_from(["天下", "为公", "公，天"]))
def test_clip_keeps_a_piece_of_the_text_that_holds_the_focus(text, focus):
    out = clip(text, focus, 40)
    body = out.removeprefix("…").removesuffix("…")
    assert body in " ".join(text.split()) and len(body) <= 40
    if focus in " ".join(text.split()):
        assert focus in body


def test_one_list_item_note_per_item_each_with_one_c1(config):
    items = notes_of(one_list(*SIX), config, "list_item")
    assert len(items) == 6
    for n, item in zip(items, SIX):
        clozes = CLOZE.findall(field(n, "Text"))
        assert clozes == [("1", item.removeprefix("必须坚持"))]
        assert "必须坚持<span" not in field(n, "Text")
    assert len({n.key for n in items}) == 6


def test_item_key_ignores_wording_around_it_and_other_items(config):
    keys = {n.key for n in notes_of(one_list(*SIX[:3]), config, "list_item")}
    reworded = one_list(SIX[0], "必须坚持新加一条", *SIX[1:3], context="换了说法的语境。")
    assert keys <= {n.key for n in notes_of(reworded, config, "list_item")}


@pytest.mark.parametrize("style, shown", [
    ("all", ["必须坚持人民至上", "必须坚持守正创新"]),
    ("overlapping", ["必须坚持人民至上"]),
    ("none", []),
])
def test_cue_style_decides_which_other_items_the_front_shows(config, style, shown):
    config["cards"]["cue_style"] = style
    second = notes_of(one_list(*SIX[:3]), config, "list_item")[1]
    text = field(second, "Text")
    assert re.findall(r"<li>(.*?)</li>", text) == shown
    assert '<ol class="items" start="{}">'.format(2 if style == "none" else 1) in text


def test_hint_puts_one_box_per_character_in_the_cloze(config):
    config["cards"]["hint"] = True
    note = notes_of(one_list(*SIX[:2]), config, "list_item")[0]
    assert "{{c1::人民至上::□□□□}}" in field(note, "Text")


def test_whole_list_note_recites_in_order_and_names_counted_lists_only(config):
    config["cards"]["kinds"] = ["list", "list_count"]  # no count card: the prompts say the count
    counted = notes_of(one_list(*PLAIN), config, "list")[0]
    assert field(counted, "Recite") == "按顺序说出全部 3 条"
    assert field(counted, "Naming") == "这 3 条合称什么？"
    assert field(counted, "Items") == "<ol class=\"items\">" + "".join(f"<li>{i}</li>" for i in PLAIN) + "</ol>"
    uncounted = notes_of(one_list("壮大朋友圈", "同下一盘棋", name="强化党建引领作用", count=None,
                                  kind="enumerated"), config, "list")[0]
    assert field(uncounted, "Naming") == ""


@pytest.mark.parametrize("kinds, expected", [
    (["list_item"], {"list_item": 3}),
    (["list"], {"list": 1}),
    (["list_count"], {"list": 1}),
    (["term"], {"term": 1}),  # the undefined term has no definition note
    (["term_cloze"], {"term_cloze": 2}),
    ([], {}),
])
def test_kinds_select_the_notes(config, kinds, expected):
    config["cards"]["kinds"] = kinds
    found = {}
    for n in notes_of(sample_extraction(items=PLAIN), config):
        found[n.kind] = found.get(n.kind, 0) + 1
    assert found == expected


def test_list_count_alone_makes_only_the_naming_card(config):
    config["cards"]["kinds"] = ["list_count"]
    note = notes_of(sample_extraction(items=PLAIN), config, "list")[0]
    assert (field(note, "Recite"), field(note, "Naming")) == ("", "这 3 条合称什么？")


@pytest.mark.parametrize("name, items, away", [
    ("六个必须坚持", SIX, True),                                   # every item repeats 必须坚持
    ("四个意识", ("政治意识", "大局意识", "核心意识", "看齐意识"), True),
    ("三农", ("农业", "农村", "农民"), True),                        # numeral + one character
    ("五个必由之路", ("坚持党的全面领导是必由之路", "坚持中国特色社会主义是必由之路"), True),
    ("六个必须坚持", PLAIN, False),
    ("五治融合", ("以政治强引领", "以法治筑平安", "以德治润民心"), False),  # 融合 is still to recall
    ("三个清单", ("资源", "需求", "服务"), False),
    ("三座大山", ("帝国主义", "封建主义", "官僚资本主义"), False),
    ("三严三实", ("严以修身", "严以用权", "谋事要实"), False),      # a compound count names no shared words
    ("新发展理念", ("创新", "协调", "绿色"), False),
])
def test_a_name_card_whose_items_give_the_name_away_is_not_made(config, name, items, away):
    assert gives_name_away(name, items) is away
    (note,) = notes_of(one_list(*items, name=name, count=len(items)), config, "list")
    shown = "这几条合称什么？" if count_blanked(name) else f"这 {len(items)} 条合称什么？"  # a count card asks it
    assert field(note, "Naming") == ("" if away else shown)
    assert field(note, "Recite")  # the recite card stays


def test_term_definition_reverse_and_context_cloze(config):
    definition, cloze_note = notes_of(sample_extraction(), config)[5:7]
    assert (definition.kind, cloze_note.kind) == ("term", "term_cloze")
    assert field(definition, "Term") == "枫桥经验"
    assert field(definition, "Definition") == "就是要求我们把矛盾化解在基层。"
    assert field(definition, "Reverse") == ""
    assert field(cloze_note, "Text") == "坚持和发展新时代“{{c1::枫桥经验}}”，推动社区治理。"
    config["cards"]["reverse"] = True
    assert field(notes_of(sample_extraction(), config)[5], "Reverse") == "就是要求我们把矛盾化解在基层。"


@pytest.mark.parametrize("definition, source, notes", [
    ("就是要求我们把矛盾化解在基层。", None, ["term", "term_cloze"]),   # the text's own
    ("政治意识；大局意识", "党的十九大报告", ["term", "term_cloze"]),  # the lexicon's
    (None, None, ["term_cloze"]),                                      # none: learnt through the cloze alone
])
def test_a_definition_note_only_for_a_term_with_a_definition(config, definition, source, notes):
    term = dataclasses.replace(make_term("枫桥经验", "坚持和发展新时代“枫桥经验”，推动社区治理。",
                                         definition=definition), definition_source=source)
    extraction = Extraction(documents=(), articles=(article(0),), lists=(), terms=(term,))
    made = notes_of(extraction, config)
    assert [n.kind for n in made] == notes
    assert all("原文" not in field(n, "Source") for n in made)


def test_reverse_front_never_shows_the_term(config):
    config["cards"]["reverse"] = True
    extraction = sample_extraction(definition="枫桥经验就是把矛盾化解在基层。")
    assert "枫桥经验" not in field(notes_of(extraction, config, "term")[0], "Reverse")


def test_no_context_cloze_when_the_term_is_not_in_its_context(config):
    extraction = sample_extraction(context="这句话没有提到它。")
    assert [n.key for n in notes_of(extraction, config, "term_cloze")] == ["term:三个清单"]


def test_answers_are_found_across_quotation_marks(config):
    extraction = one_list("壮大朋友圈", "同下一盘棋", name="强化党建引领作用", count=None)
    extraction = Extraction(documents=(), articles=extraction.articles,
                            lists=(dataclasses.replace(extraction.lists[0],
                                                       item_contexts=("一是壮大“朋友圈”。", "三是同下“一盘棋”。")),),
                            terms=(make_term("双向进入交叉任职", "推行“双向进入、交叉任职”。"),))
    first = notes_of(extraction, config, "list_item")[0]
    assert '一是<b class="hl">壮大“朋友圈</b>”。' in field(first, "Source")
    assert notes_of(extraction, config, "term_cloze") == []  # a different punctuation is a different text
    term = make_term("社区吹哨部门报到", "建立“社区吹哨 部门报到”机制，推动资源下沉。")
    cloze = notes_of(dataclasses.replace(extraction, terms=(term,)), config, "term_cloze")[0]
    assert field(cloze, "Text") == "建立“{{c1::社区吹哨 部门报到}}”机制，推动资源下沉。"


def test_no_context_cloze_when_too_few_words_surround_the_term(config):
    extraction = sample_extraction(context="一是壮大“枫桥经验”。")
    assert "term:枫桥经验" not in [n.key for n in notes_of(extraction, config, "term_cloze")]


def test_no_context_cloze_when_the_context_is_only_the_term(config):
    extraction = sample_extraction(context="“枫桥经验”")
    assert [n.key for n in notes_of(extraction, config, "term_cloze")] == ["term:三个清单"]


def test_long_context_is_cut_on_the_front_but_quoted_on_the_back(config):
    context = "前面的铺垫说了很多很多话，" * 12 + "坚持和发展新时代“枫桥经验”，" + "后面也有很多很多话，" * 12
    note = notes_of(sample_extraction(context=context), config, "term_cloze")[0]
    assert len(re.sub(r"\{\{c1::|\}\}", "", field(note, "Text"))) <= 152
    assert "{{c1::枫桥经验}}" in field(note, "Text")
    assert '<b class="hl">枫桥经验</b>' in field(note, "Source")


def test_every_note_cites_title_and_author_and_is_tagged(config):
    for note in notes_of(sample_extraction(), config):
        assert "《" in field(note, "Source")
        assert note.tags[0] in ("deckgen::list", "deckgen::term")
        assert all(" " not in tag for tag in note.tags)
        assert len(note.fields) == len(FIELDS[note.kind])
        assert re.fullmatch(r"[0-9a-f]{12}", field(note, "DeckgenID"))
    first = notes_of(sample_extraction(), config)[0]
    assert "马开军" in field(first, "Source")
    assert first.tags == ("deckgen::list", "source::theory_page")


def test_subdeck_per_article_from_the_template_and_reading_order(config):
    config["deck"]["name_template"] = "{deck}::{source}::{article}"
    notes = notes_of(sample_extraction(), config)
    assert sorted(n.due for n in notes) == list(range(len(notes)))
    assert [n.kind for n in notes] == ["list_size"] + ["list_item"] * 3 + ["list", "term", "term_cloze", "term_cloze"]
    assert {n.deck for n in notes} == {"理论::theory page::党建引领社区治理的创新路径", "理论::page2::新能源汽车人才政策"}


def test_deck_names_never_nest_through_a_title(config):
    extraction = sample_extraction()
    extraction = dataclasses.replace(extraction, articles=(article(0, title="学习::二十大  精神"), *extraction.articles[1:]))
    assert notes_of(extraction, config)[0].deck == "学习::学习：二十大 精神"


def test_the_deck_name_is_a_deck_path(config):
    config["deck"]["name_template"] = "{deck}::{article}"
    notes = notes_of(sample_extraction(), config, deck_name="学习资料::2023年第3期")
    assert notes[0].deck == "学习资料::2023年第3期::党建引领社区治理的创新路径"


def test_article_without_lists_or_terms_makes_no_subdeck(config):
    extraction = sample_extraction()
    extraction = Extraction(documents=(), articles=(*extraction.articles, article(2, title="图片说明")),
                            lists=extraction.lists, terms=extraction.terms)
    assert all("图片说明" not in n.deck for n in notes_of(extraction, config))


def test_bad_name_template_is_a_config_error(config):
    config["deck"]["name_template"] = "学习::{title}"
    with pytest.raises(ConfigError, match="name_template"):
        notes_of(sample_extraction(), config)


def test_a_note_found_in_two_articles_is_one_note_citing_both(config):
    again = make_term("枫桥经验", "各地学习“枫桥经验”，化解基层矛盾。", article=1, line=9)
    notes = notes_of(sample_extraction(extra_terms=(again,)), config, "term_cloze")
    feng = [n for n in notes if n.key == "term:枫桥经验"]
    assert len(feng) == 1
    assert feng[0].deck == "学习::党建引领社区治理的创新路径"
    assert "《新能源汽车人才政策》" in field(feng[0], "Source") and "《党建引领社区治理的创新路径》" in field(feng[0], "Source")
    assert feng[0].tags == ("deckgen::term", "source::theory_page", "source::page2")


def test_deck_tags_go_on_every_note_without_spaces(config):
    notes = make_notes(sample_extraction(), config, deck_name="理论", deck_key="k", extra_tags=("theory page",))
    assert {n.tags[-1] for n in notes} == {"theory_page"}


def test_tts_fills_the_switch_field(config):
    assert {field(n, "TTS") for n in notes_of(sample_extraction(), config)} == {""}
    config["cards"]["tts"] = True
    assert {field(n, "TTS") for n in notes_of(sample_extraction(), config)} == {"y"}


@pytest.mark.parametrize("hint", [False, True])
def test_hostile_text_never_adds_a_cloze_or_markup(config, hint):
    config["cards"]["hint"] = hint
    config["cards"]["reverse"] = True
    extraction = Extraction(
        documents=(), articles=(article(0, title="<i>标题</i>::{{c2::t}}", author="<b>作者</b>"),),
        lists=(make_list("清单{{c3::}}", HOSTILE_TEXTS, context="<script>坏</script>{{c1::y}}"),),
        terms=tuple(make_term(text, f"语境{text}语境", definition=f"{text}是指::}}}}") for text in HOSTILE_TEXTS))
    for note in notes_of(extraction, config):
        for i, value in enumerate(note.fields):
            assert "<script" not in value and "<b>" not in value and "<i>" not in value
            clozes = re.findall(r"\{\{", value)
            if note.kind in ("list_item", "term_cloze") and i == 0:
                assert len(clozes) == 1 and value.count("}}") == 1
                assert value.count("::") == (2 if hint else 1)
            else:
                assert not clozes and "}}" not in value and "::" not in value


@settings(deadline=None)  # the first example loads jieba's dictionary
@given(st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=5, unique_by=lambda s: s))
def test_any_item_text_makes_exactly_one_nonempty_cloze(items):
    config = packaged_defaults()
    for note in notes_of(one_list(*items, name="列表"), config, "list_item"):
        clozes = CLOZE.findall(field(note, "Text"))
        assert len(clozes) == 1 and clozes[0][0] == "1" and clozes[0][1].strip()


@pytest.mark.parametrize("name, asked", [
    ("六个必须坚持", '<span class="blank">＿＿＿</span>个必须坚持'),
    ("五位一体", '<span class="blank">＿＿＿</span>位一体'),  # five in one, not 5 + 1
    ("三升一降", '<span class="blank">＿＿＿</span>升<span class="blank">＿＿＿</span>降'),
    ("三个一", '<span class="blank">＿＿＿</span>个一'),
    ("新发展理念", None),  # states no count
    ("双重调节", None),  # 双 means two: no number to recall
])
def test_the_count_card_blanks_the_count_in_the_name(name, asked):
    assert count_blanked(name) == asked


def test_list_size_asks_a_counted_lists_count_and_hides_it_from_the_other_fronts(config):
    made = notes_of(one_list(*PLAIN, count=3, name="三个必须坚持"), config)
    (size,) = [n for n in made if n.kind == "list_size"]
    assert (field(size, "Name"), field(size, "Count")) == ("三个必须坚持", "3")
    assert "三" not in field(size, "Asked") and "个必须坚持" in field(size, "Asked")
    assert "<li>人民至上</li>" in field(size, "Items")
    assert all("共 3 条" not in field(n, "List") for n in made if n.kind == "list_item")
    (whole,) = [n for n in made if n.kind == "list"]
    assert (field(whole, "Recite"), field(whole, "Naming")) == ("按顺序说出全部条目", "这几条合称什么？")
    config["cards"]["kinds"] = ["list_item", "list", "list_count"]  # off: the fronts say the count
    made = notes_of(one_list(*PLAIN, count=3, name="三个必须坚持"), config)
    assert "list_size" not in {n.kind for n in made}
    assert all("共 3 条" in field(n, "List") for n in made if n.kind == "list_item")


def test_the_count_card_asks_the_count_the_name_states(config):
    (size,) = notes_of(one_list(*PLAIN, count=6, name="六个必须坚持"), config, "list_size")  # three items of six
    assert (field(size, "Count"), field(size, "Items")) == ("6", "")  # not three items as if they were all
    made = notes_of(one_list(*PLAIN, count=None, name="强化党建引领作用", kind="enumerated"), config)
    assert "list_size" not in {n.kind for n in made}  # the name states no count
    assert all("共 3 条" in field(n, "List") for n in made if n.kind == "list_item")


def test_every_kind_has_a_place_among_its_siblings():
    assert set(SIBLING_ORDER) == set(FIELDS)


@pytest.mark.parametrize("families, kinds, order", [
    # a list (three items, its recital) and a term (definition found first, then its cloze), then a term
    ("LLLLTTU", ["list_item"] * 3 + ["list", "term", "term_cloze", "term_cloze"], "LTULTLL"),
    # the term's cloze comes before its definition, whose front is the cloze's answer
    ("TT", ["term", "term_cloze"], "TT"),
    # six families of one note each: reading order
    ("ABCDEF", ["term_cloze"] * 6, "ABCDEF"),
    # two lists of three items: every first note in reading order, no sibling next to another while others remain
    ("AAABBB", ["list_item"] * 6, "ABABAB"),
])
def test_new_card_order_spreads_siblings_and_keeps_reading_order(families, kinds, order):
    due = spread(list(families), kinds)
    assert sorted(due) == list(range(len(families)))
    assert "".join(families[n] for n in sorted(range(len(due)), key=due.__getitem__)) == order
    if families == "TT":
        assert due == [1, 0]  # the cloze first


@pytest.mark.parametrize("title, short", [
    ("政府工作报告\u3000——2024年3月5日在第十四届全国人民代表大会第二次会议上\u3000国务院总理", ("政府工作报告", "国务院总理")),
    ("决胜全面建成小康社会\u3000为夺取新时代中国特色社会主义伟大胜利\u3000——在中国共产党第十九次全国代表大会上的报告",
     ("决胜全面建成小康社会…", "")),  # two title lines too long for one: the first
    ("2026年四川省人民政府工作报告\u30002026年2月3日在四川省第十四届人民代表大会第五次会议上\u3000四川省人民政府省长施小琳",
     ("2026年四川省人民政府工作报告", "四川省人民政府省长施小琳")),
    ("2026年宁夏回族自治区政府工作报告\u3000政府工作报告\u3000——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上",
     ("2026年宁夏回族自治区政府工作报告", "")),  # a repeat dropped
    ("政府工作报告\u3000——2026年1月26日在广东省第十四届\u3000人民代表大会第五次会议上", ("政府工作报告", "")),
    ("党建引领社区治理的创新路径", ("党建引领社区治理的创新路径", "")),
])
def test_the_source_line_has_a_short_title_and_keeps_the_speaker(title, short):
    assert short_title(title) == short


def test_the_source_line_names_the_section_and_no_invented_title(config):
    body = (Paragraph(text="推行“四个延伸”。", line=12, end_line=12),)
    report = Article(index=0, source="r.txt", title="政府工作报告\u3000——2024年3月5日在第十四届全国人民代表大会第二次会议上\u3000国务院总理",
                     author="李强", untitled=False, line=1, sections=(
                         Section(heading=None, heading_line=None, paragraphs=(Paragraph("各位代表：", 3, 3),)),
                         Section(heading="一、2023年工作回顾", heading_line=10, paragraphs=body)))
    term = make_term("四个延伸", "推行“四个延伸”，服务下沉到小区、企业、校园、居民。", definition="向小区、企业延伸。", line=12)
    (note,) = notes_of(Extraction(documents=(), articles=(report,), lists=(), terms=(term,)), config, "term")
    source = field(note, "Source")
    assert source.startswith('<div class="cite"><span class="article">《政府工作报告》</span>'
                             '<span class="author">国务院总理 李强</span></div><div class="heading">一、2023年工作回顾</div>')
    untitled = dataclasses.replace(report, title="放管服", untitled=True, author=None)  # a title deckgen made up
    (note,) = notes_of(Extraction(documents=(), articles=(untitled,), lists=(), terms=(term,)), config, "term")
    assert "放管服" not in field(note, "Source") and "《" not in field(note, "Source")


def test_a_lexicon_definition_is_a_list(config):
    term = dataclasses.replace(make_term("四个意识", "增强“四个意识”，推动工作。", definition="政治意识；大局意识；核心意识；看齐意识"),
                               rule="lexicon", definition_source="党的十九大报告")
    (note,) = notes_of(Extraction(documents=(), articles=(article(0),), lists=(), terms=(term,)), config, "term")
    assert field(note, "Definition") == ('<ol class="items"><li>政治意识</li><li>大局意识</li><li>核心意识</li><li>看齐意识</li>'
                                         '</ol><div class="note">释义来源：党的十九大报告</div>')


@pytest.mark.parametrize("name, generic", [
    ("两个方面", True), ("五个方面工作", True), ("三者", True), ("3个千亿", True), ("两大要点", True),
    ("六个必须坚持", False), ("三大攻坚战", False), ("四风", False), ("三项基本任务", False), ("新发展理念", False),
])
def test_a_generic_counted_name_gets_no_name_or_count_card(config, name, generic):
    assert is_generic(name) is generic
    made = notes_of(one_list(*PLAIN, name=name, count=3), config)
    assert ("list_size" in {n.kind for n in made}) is (not generic and count_blanked(name) is not None)
    (whole,) = [n for n in made if n.kind == "list"]
    assert (field(whole, "Naming") == "") is generic and field(whole, "Recite")


@pytest.mark.parametrize("name, rule, recite", [
    ("三者", "pointing-back", False), ("两个方面", "pointing-back", False), ("两个目标", "pointing-back+named-by-lead", False),
    ("两大主题", "counted:before-chain", True),  # a generic name the text gives, not a pointer back: recited
    ("三项基本任务", "pointing-back", True),       # a pointer back to a name worth learning
])
def test_a_back_reference_name_gets_no_recite_card_but_keeps_its_item_cards(config, name, rule, recite):
    extraction = one_list(*PLAIN, name=name, count=3)
    extraction = dataclasses.replace(extraction, lists=(dataclasses.replace(extraction.lists[0], rule=rule),))
    made = notes_of(extraction, config)
    assert len([n for n in made if n.kind == "list_item"]) == 3
    assert any(n.kind == "list" and field(n, "Recite") for n in made) is recite


@pytest.mark.parametrize("context, terms, cards", [
    # twins differing in one or two characters in place: one card blanking both
    ("贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。", ("一国两制", "港人治港", "澳人治澳"),
     ["贯彻“{{c1::一国两制}}”、“港人治港”、“澳人治澳”、高度自治的方针。",
      "贯彻“一国两制”、“{{c1::港人治港}}”、“{{c1::澳人治澳}}”、高度自治的方针。"]),
    ("落实“爱国者治港”、“爱国者治澳”原则，支持香港、澳门发展经济。", ("爱国者治港", "爱国者治澳"),
     ["落实“{{c1::爱国者治港}}”、“{{c1::爱国者治澳}}”原则，支持香港、澳门发展经济。"]),
    # terms that share little, or only their count, are blanked one by one
    ("增强“四个意识”、坚定“四个自信”。", ("四个意识", "四个自信"),
     ["增强“{{c1::四个意识}}”、坚定“四个自信”。", "增强“四个意识”、坚定“{{c1::四个自信}}”。"]),
    ("坚持“社区吹哨”、“部门报到”，推动问题解决。", ("社区吹哨", "部门报到"),
     ["坚持“{{c1::社区吹哨}}”、“部门报到”，推动问题解决。", "坚持“社区吹哨”、“{{c1::部门报到}}”，推动问题解决。"]),
])
def test_twin_terms_are_blanked_together_on_one_card(config, context, terms, cards):
    made = [make_term(t, context) for t in terms]
    extraction = Extraction(documents=(), articles=(article(0),), lists=(), terms=tuple(made))
    assert [field(n, "Text") for n in notes_of(extraction, config, "term_cloze")] == cards


@pytest.mark.parametrize("space", ["\u3000", "\xa0", "\t"])
def test_a_term_holding_a_space_of_any_kind_is_still_blanked(config, space):
    """Regression (found by test_hostile): the front collapses every space to " ", so a term holding an
    ideographic space was not found there and its cloze note had no cloze, hence no card."""
    term = make_term(f"吹哨{space}报到", f"推行街乡“吹哨{space}报到”机制，推动社区治理。", line=30)
    texts = [field(note, "Text") for note in notes_of(sample_extraction(extra_terms=(term,)), config, "term_cloze")]
    assert "推行街乡“{{c1::吹哨 报到}}”机制，推动社区治理。" in texts


@pytest.mark.parametrize("name, context, heading", [
    ("三者", "党的领导是根本保证，人民当家作主是本质特征，依法治国是基本方式，三者统一于我国社会主义民主政治伟大实践。",
     "三者统一于我国社会主义民主政治伟大实践"),
    ("两个目标", "解决人民温饱问题、人民生活总体上达到小康水平这两个目标已提前实现。", "这两个目标已提前实现"),
    ("两个方面", "既要发挥市场作用，又要发挥政府作用，这两个方面是统一的。", "这两个方面是统一的"),
    ("两个方面", "一段不提这个名字的话。", "两个方面"),  # the name is not in the sentence: the name itself
])
def test_a_back_reference_lists_item_cards_are_headed_by_what_its_sentence_says_of_it(config, name, context, heading):
    extraction = one_list(*PLAIN, name=name, count=3)
    lst = dataclasses.replace(extraction.lists[0], rule="pointing-back", context=context)
    items = [n for n in notes_of(dataclasses.replace(extraction, lists=(lst,)), config) if n.kind == "list_item"]
    assert items and all(field(n, "List").startswith(heading + "<") or field(n, "List") == heading for n in items)


@pytest.mark.parametrize("name, items, away", [
    ("三去一降一补", ("去产能", "去库存", "去杠杆", "降成本", "补短板"), True),  # counted off by its parts
    ("三严三实", ("严以修身", "严以用权", "严以律己", "谋事要实", "创业要实", "做人要实"), True),
    ("三升一降", ("响应率", "办结率", "满意率", "退件率"), False),  # 升 and 降 are not in the items
])
def test_a_compound_count_counted_off_its_items_gives_its_name_away(name, items, away):
    assert gives_name_away(name, items) is away
