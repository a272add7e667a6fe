"""Round 3: rules generalised after fresh held-out texts (a congress report, study notes, news, 述职报告).

Each case is a short sentence written for the test, not copied from a source text.
"""
from __future__ import annotations

import pytest
from test_extract_lists import lists_by_name, run


def terms_of(extraction, minimum=0.5):
    return {t.term: t for t in extraction.terms if t.confidence >= minimum}


# ---------------------------------------------------------------- terms

@pytest.mark.parametrize("lexicon", [True, False])
def test_every_quote_of_a_serial_run_is_a_term(lexicon):
    # 港人治港 is a common dictionary word; in a run of quotes it is a slogan all the same
    text = "我们坚持“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。"
    assert {"一国两制", "港人治港", "澳人治澳"} <= set(terms_of(run(text, lexicon=lexicon)))


def test_scare_quotes_around_an_ordinary_word_used_once_are_no_term():
    text = "干部们“坐不住”了，纷纷下沉一线，把发展的“蛋糕”做大，推行“包干制”，建立“双报到”机制。"
    terms = terms_of(run(text, lexicon=False))
    assert "坐不住" not in terms and "蛋糕" not in terms
    assert "包干制" in terms and "双报到" in terms  # coined or rare words stay


# ---------------------------------------------------------------- parallel openings: 务必A，务必B，务必C

@pytest.mark.parametrize("lexicon", [True, False])
def test_an_unnamed_run_of_clauses_opening_on_one_word_is_only_a_candidate(lexicon):
    """Parallel clauses with no marker are no list (ANNOTATION.md: 不负韶华，不负人民…); the run stays a candidate."""
    text = "全体干部务必勤学善思、知行合一，务必敬业奉献、勇挑重担，务必清正廉洁、严以律己，不断开创新局面。"
    found = run(text, lexicon=lexicon).lists
    assert [l.items for l in found] == [("务必勤学善思、知行合一", "务必敬业奉献、勇挑重担", "务必清正廉洁、严以律己")]
    assert all(l.confidence < 0.5 for l in found)


def test_an_uneven_unnamed_run_is_no_list():
    text = "我们始终坚持群众路线不动摇，坚持改革创新不动摇，坚持依法依规治理不动摇，推动工作上台阶。"
    assert not run(text, lexicon=False).lists


@pytest.mark.parametrize("lexicon", [True, False])
def test_a_run_inside_quotes_is_named_by_a_count_in_the_next_sentence(lexicon):
    text = ("会议阐明了工作原则，即“坚持党建引领，坚持群众主体，坚持问题导向，坚持依法办事”。"
            "这四条工作原则，要贯穿始终。")
    found = lists_by_name(run(text, lexicon=lexicon))["四条工作原则"]
    assert found.items == ("坚持党建引领", "坚持群众主体", "坚持问题导向", "坚持依法办事") and found.count == 4


@pytest.mark.parametrize("lexicon", [True, False])
def test_a_chain_named_by_a_quoted_count_in_the_next_sentence(lexicon):
    text = "报告提出了工作方法，即必须坚持实事求是、必须坚持群众路线、必须坚持独立自主。这“三个必须坚持”，是方法论。"
    found = lists_by_name(run(text, lexicon=lexicon))["三个必须坚持"]
    assert found.items == ("必须坚持实事求是", "必须坚持群众路线", "必须坚持独立自主")


@pytest.mark.parametrize("lexicon", [True, False])
def test_a_name_before_a_colon_names_the_run_after_it(lexicon):
    text = "大会提出了“三个务必”的要求：全党同志务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争，坚定历史自信。"
    found = lists_by_name(run(text, lexicon=lexicon))["三个务必"]
    assert found.items == ("务必不忘初心、牢记使命", "务必谦虚谨慎、艰苦奋斗", "务必敢于斗争、善于斗争")


def test_a_quoted_counted_name_is_never_a_scare_quote():
    text = "我们坚持邓小平理论、“三个代表”重要思想、科学发展观。"
    assert "三个代表" in terms_of(run(text, lexicon=False))


# ---------------------------------------------------------------- trimming

def test_a_clause_a_little_over_the_length_is_kept_whole():
    from deckgen.extract.items import trim_item
    from deckgen.extract.words import Words
    clause = "我们对新时代乡村振兴和城乡融合发展作出科学完整的战略部署"  # 28 characters: one clause, kept whole
    assert trim_item(clause + "，提出了一系列新举措。", Words(), inline=True) == clause


def test_a_long_clause_is_cut_without_a_dangling_function_word():
    from deckgen.extract.items import trim_item
    from deckgen.extract.words import Words
    item = trim_item("全面推进中华民族伟大复兴的战略全局和世界百年未有之大变局统筹谋划工作的整体部署。", Words(), inline=True)
    assert len(item) <= 24 and not item.endswith(("的", "和", "与", "对"))


# ---------------------------------------------------------------- counts

@pytest.mark.parametrize("lexicon", [True, False])
def test_two_long_parts_after_a_colon_are_the_list_of_the_count_closing_the_lead(lexicon):
    text = "建成现代化强市，总的安排是分两步走：从今年到二〇三〇年基本实现现代化；从二〇三〇年到二〇四〇年全面建成现代化强市。"
    found = lists_by_name(run(text, lexicon=lexicon))["两步走"]
    assert found.items == ("从今年到二〇三〇年基本实现现代化", "从二〇三〇年到二〇四〇年全面建成现代化强市")


def test_two_parts_after_a_colon_without_a_count_make_no_list():
    text = "他的体会是：从群众中来；到群众中去。"
    assert not run(text, lexicon=False).lists


def test_a_count_in_digits_names_the_chain_before_it():
    found = lists_by_name(run("我们推出了政策宣讲、技能培训和法律咨询3项服务。", lexicon=False))["3项服务"]
    assert found.items == ("政策宣讲", "技能培训", "法律咨询") and found.count == 3


def test_a_colon_opening_an_enumeration_is_no_colon_list():
    text = "成就体现在四个方面：一是经历了大事，迎来新阶段；中国进入新时代；完成了历史任务，实现了目标。"
    assert not [l for l in run(text, lexicon=False).lists if l.rule.startswith("colon")]


# ---------------------------------------------------------------- a quoted list followed by its count

@pytest.mark.parametrize("lexicon", [True, False])
def test_a_quote_of_parts_right_before_a_count_is_its_list(lexicon):
    found = lists_by_name(run("会议强调，要做到“讲政治，顾大局，守规矩”三条要求，推动工作。", lexicon=lexicon))["三条要求"]
    assert found.items == ("讲政治", "顾大局", "守规矩")


@pytest.mark.parametrize("lexicon", [True, False])
def test_a_quote_named_by_an_unquoted_count_opening_the_next_sentence(lexicon):
    text = "会议明确了工作原则，即“以人民为中心，以问题为导向，以实干为根本”。这三条原则要贯穿始终。"
    found = lists_by_name(run(text, lexicon=lexicon))["三条原则"]
    assert found.items == ("以人民为中心", "以问题为导向", "以实干为根本") and found.count == 3


def test_a_quote_whose_parts_differ_from_the_count_is_not_its_list():
    text = "会议强调，要做到“讲政治，顾大局”三条要求，推动工作。"
    assert "三条要求" not in lists_by_name(run(text, lexicon=False))


@pytest.mark.parametrize("lexicon", [True, False])
def test_an_unquoted_count_closing_a_long_lead_names_the_enumeration(lexicon):
    text = "五年来，我们办成了对全市发展具有重大意义的三件大事：一是建成了新机场，二是开通了地铁，三是完成了旧城改造。"
    found = lists_by_name(run(text, lexicon=lexicon))["三件大事"]
    assert found.items == ("建成了新机场", "开通了地铁", "完成了旧城改造") and found.count == 3


def test_a_closing_count_of_another_size_does_not_name_it():
    text = "五年来，我们办成了对全市发展具有重大意义的四件大事：一是建成了新机场，二是开通了地铁，三是完成了旧城改造。"
    assert "四件大事" not in lists_by_name(run(text, lexicon=False))


# ---------------------------------------------------------------- shared subject

@pytest.mark.parametrize("lexicon", [True, False])
def test_a_subject_and_copula_shared_by_every_bullet_is_dropped(lexicon):
    text = ("新型城镇化具有以下特点：\n——新型城镇化是以人为核心的城镇化。人是根本。\n"
            "——新型城镇化是城乡融合发展的城镇化。城乡一体。\n——新型城镇化是绿色低碳的城镇化。生态优先。\n")
    (found,) = [l for l in run(text, lexicon=lexicon).lists if l.confidence >= 0.5]
    assert found.items == ("以人为核心的城镇化", "城乡融合发展的城镇化", "绿色低碳的城镇化")


def test_an_everyday_word_in_quotes_is_no_term_even_when_it_recurs():
    text = "我们要把“蛋糕”做大，还要把“蛋糕”分好，落实“两委”联席会议制度。"
    terms = terms_of(run(text, lexicon=False))
    assert "蛋糕" not in terms and "两委" in terms
