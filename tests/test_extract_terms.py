"""Slogan terms: quoted, serial, nested, unquoted names and coinages; not speech, characters or scare quotes."""
from __future__ import annotations

import pytest

from test_extract_lists import run


def terms(text: str, **extract_options) -> dict:
    return {t.term: t for t in run(text, **extract_options).terms}


def test_serial_quotes_are_separate_terms():
    found = terms("坚持“社区吹哨”、“部门报到”、“群众点单”，推动问题解决。")
    assert {"社区吹哨", "部门报到", "群众点单"} <= set(found)


def test_nested_quotes_give_the_inner_term_too():
    found = terms("开展“学习‘枫桥经验’、争当平安先锋”主题活动，推进基层治理。")
    assert "学习‘枫桥经验’、争当平安先锋" in found and "枫桥经验" in found


def test_speech_quotations_and_single_characters_are_not_terms():
    found = terms("居民黄方权说：“问题解决又快又好，我们很满意。”大家都说“好”。")
    assert not found


def test_a_scare_quoted_ordinary_word_is_only_a_candidate():
    found = terms("有的干部热衷于拉“关系”，工作拖沓。")
    assert found["关系"].confidence < 0.5


def test_parallel_slogans_are_candidates_below_the_default_minimum():
    found = terms("推动事务共商、发展共促、成果共享，实行民事民提、民事民议、民事民决。")
    assert found["事务共商、发展共促、成果共享"].rule == "parallel"
    assert found["民事民提、民事民议、民事民决"].confidence < 0.5


def test_unquoted_counted_names():
    found = terms("全力实施八大行动，加快培育十大产业集群建设。")
    assert found["八大行动"].rule == "unquoted-name"
    assert "十大产业集群" in found
    assert not [t for t in found if t.startswith("十八大") or t.startswith("二十大")]


@pytest.mark.parametrize("text, name", [
    ("人民政协工作要聚焦党和国家中心任务，围绕团结和民主两大主题，把协商民主贯穿全过程。", "两大主题"),
    ("完成推进现代化建设、完成祖国统一、维护世界和平与促进共同发展三大历史任务。", "三大历史任务"),
])
def test_a_counted_list_name_is_no_term_of_its_own_sentence(text, name):
    found = run(text)
    assert name in {l.name for l in found.lists} and name not in {t.term for t in found.terms}


def test_unquoted_congress_numbers_are_not_counted_names():
    assert not terms("深入学习贯彻党的二十大精神和十八大以来的重要论述。")


def test_coined_names_with_digits_or_latin_letters():
    found = terms("构建1+N政策体系，推进5G+工业互联网发展，深化互联网+政务服务。")
    assert {"1+N政策体系", "5G+工业互联网", "互联网+政务服务"} <= set(found)


def test_definitions_the_text_gives():
    found = terms("所谓“枫桥经验”，就是发动和依靠群众，坚持矛盾不上交。")
    assert found["枫桥经验"].definition.startswith("发动和依靠群众")


def test_web_page_clutter_yields_nothing():
    text = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n您的位置：首页 > 要闻\n来源：某某日报\n"
            "时间：2026-02-11\n政府工作报告\n各位代表：现在我代表省人民政府作报告。\n"
            "相关报道：\n“十五五”规划开局良好\n责任编辑：张三\n")
    extraction = run(text)
    assert not extraction.lists
    assert not extraction.terms


@pytest.mark.parametrize("text, classical", [
    ("我们要有“春蚕到死丝方尽，蜡炬成灰泪始干”的奉献精神。", "春蚕到死丝方尽，蜡炬成灰泪始干"),
    ("要有“先天下之忧而忧，后天下之乐而乐”的情怀。", "先天下之忧而忧，后天下之乐而乐"),
])
def test_a_quoted_classical_line_is_no_term(text, classical):
    assert classical not in terms(text)


@pytest.mark.parametrize("text, slogan", [
    ("把握好“坚持和巩固什么，完善和发展什么”这个重大问题。", "坚持和巩固什么，完善和发展什么"),  # lines repeat in place
    ("心怀“国之大者”，担当作为。", "国之大者"),  # four characters, classical in shape only
])
def test_a_slogan_shaped_like_a_classical_line_stays_a_term(text, slogan):
    assert slogan in terms(text)


def test_a_later_quote_outweighs_an_earlier_candidate():
    # 北京 2026: built finds 书香京城 first (0.4); the quote two paragraphs on is the stronger evidence
    found = terms("演艺之都、博物馆之城、书香京城建设成效显著。\n广泛开展“书香京城”全民阅读活动，因地制宜建设城市书房。")
    assert (found["书香京城"].rule, found["书香京城"].confidence) == ("quoted", 0.75)
    assert "“书香京城”" in found["书香京城"].context


NOTED_CASES = [
    # 海南 2026: a quoted core with a count and a noun fused to it, marked with a note
    ("开放政策落地10多项。三张“零关税”清单［4］、加工增值免关税等政策持续优化。", "三张“零关税”清单"),
    # an acronym alone: a review candidate unless the author notes it
    ("新增境外高校独立办学机构。ESI［5］全球排名前1%的学科数量增长两倍。", "ESI"),
    ("建成“双环”旅游公路[6]，串联沿海景区。", "“双环”旅游公路"),
]


@pytest.mark.parametrize("text, term", NOTED_CASES)
def test_a_term_the_source_marks_with_a_note_is_above_the_cut(text, term):
    found = terms(text)
    assert (found[term].rule, found[term].confidence) == ("noted", 0.7)
    unmarked = terms(text.replace("［4］", "").replace("［5］", "").replace("[6]", ""))
    assert term not in unmarked or unmarked[term].confidence < 0.5


def test_a_noted_quote_keeps_its_stronger_evidence():
    found = terms("持续实施“两新”［15］，有效运用“两重”［16］政策。")
    assert all(found[t].rule != "noted" and found[t].confidence > 0.7 for t in ("两新", "两重"))
