"""Structures of party-building news, theory commentary and study notes (texts the extractor was not tuned on).

Each case is a short sentence written in the style of such pages, not copied from one.
"""
from __future__ import annotations

import pytest
from test_extract_lists import lists_by_name, run
from test_normalize import paragraphs

from deckgen.models import Document
from deckgen.normalize import normalize
from deckgen.segment import segment


def titles(text: str) -> list[str]:
    return [a.title for a in segment(normalize(Document(source="t.txt", text=text, encoding="utf-8")), "t.txt")]


# ---------------------------------------------------------------- counted names without quotes after a chain

@pytest.mark.parametrize("text, name, items", [
    ("该县先后推出“任务清单”、“短板清单”和“销号清单”三份清单，层层压实责任。", "三份清单",
     ("任务清单", "短板清单", "销号清单")),
    ("全程抓实“定单、派单、接单、结单”四个环节，确保事事有回音。", "四个环节", ("定单", "派单", "接单", "结单")),
    ("调研聚焦人员流动频繁、服务资源分散和居民参与不足三大问题开展。", "三大问题",
     ("人员流动频繁", "服务资源分散", "居民参与不足")),
    ("梳理出“阵地联建、活动联办与人才联育”的三联机制，形成合力。", "三联机制", ("阵地联建", "活动联办", "人才联育")),
])
def test_unquoted_counted_name_after_a_chain(text, name, items):
    found = lists_by_name(run(text))[name]
    assert found.items == items and found.count == len(items) and found.kind == "counted"


def test_unquoted_count_after_a_chain_needs_the_count_to_agree_or_a_tight_pair():
    # four parts before "三个方面": a chance neighbour, not the items
    assert not run("围绕教育、医疗、养老、住房等三个方面的民生短板，开展专项整治。").lists
    # two parts joined by 和 right before a count of two are its items (ANNOTATION.md: 土地审批和信贷投放两个闸门)
    (pair,) = run("结合城区和园区两类空间开展试点工作。").lists
    assert pair.name == "两类空间" and pair.items == ("城区", "园区")


def test_unquoted_count_is_cut_before_a_function_word():
    found = run("报告分析了产业发展中的五大优势和短板，提出对策。").terms
    assert "五大优势" in {t.term for t in found}
    assert not any(t.term.endswith("和") for t in found)


# ---------------------------------------------------------------- page clutter and titles

def test_bullet_lines_are_body_text_not_the_title():
    text = ("•健全议事、监督、评议、激励“四项制度”\n•实施先锋、堡垒“两大工程”\n"
            "该镇坚持党建引领，扎实推进基层治理。\n")
    assert paragraphs(text)[0].startswith("•健全议事")
    found = lists_by_name(run(text))["四项制度"]
    assert found.items == ("议事", "监督", "评议", "激励")


@pytest.mark.parametrize("furniture", [
    "学习园地2023-05-12王老师", "2021-07-01 09:30:00 来源：某某日报 作者：张三", "某某网 打印 纠错",
    "范文库 www.example.com", "手机版", "1 1 1",
])
def test_page_furniture_lines_are_dropped(furniture):
    assert paragraphs(f"党建引领绘就幸福底色\n{furniture}\n全镇上下凝心聚力，推动各项工作落地见效。") == [
        "党建引领绘就幸福底色", "全镇上下凝心聚力，推动各项工作落地见效。"]


def test_a_first_line_with_a_colon_is_the_title():
    text = "党课讲稿：牢记初心使命 勇担时代重任\n同志们：\n今天我和大家一起学习。\n"
    assert titles(text)[0] == "党课讲稿：牢记初心使命勇担时代重任"


# ---------------------------------------------------------------- names in a lead or heading

def test_a_name_that_only_qualifies_the_heading_noun_does_not_name_the_list():
    text = ("践行“两个务必”的具体要求\n"
            "一是要保持谦虚谨慎的作风。二是要保持艰苦奋斗的作风。\n\n"
            "三、落实“三个务必”重要要求\n"
            "一是要坚定理想信念，筑牢思想根基。二是要严守纪律规矩。三是要强化监督执纪。\n")
    for lexicon in (True, False):
        found = lists_by_name(run(text, lexicon=lexicon))
        assert "三个务必" not in found
        assert found["落实“三个务必”重要要求"].items == ("坚定理想信念，筑牢思想根基", "严守纪律规矩", "强化监督执纪")


def test_an_unquoted_counted_name_in_a_heading_names_its_dash_bullets():
    text = ("某镇党建引领乡村治理见闻\n全镇上下凝心聚力。\n健全三项制度　夯实治理基础\n该镇多措并举完善制度。\n"
            "——健全议事协商制度。定期召开议事会。\n——健全民主监督制度。公开村务。\n——健全考评激励制度。年底评议。\n")
    found = lists_by_name(run(text, lexicon=False))["三项制度"]
    assert found.items == ("健全议事协商制度", "健全民主监督制度", "健全考评激励制度") and found.count == 3


def test_an_order_run_may_continue_with_di_markers():
    text = "推进治理要抓住关键。首先，强化组织引领。其次，完善服务网络；第三，健全协同机制。"
    (found,) = run(text).lists
    assert found.items == ("强化组织引领", "完善服务网络", "健全协同机制")


def test_the_shared_yao_of_a_speech_s_points_is_dropped():
    text = "做好这项工作：一是要压实主体责任。二是要细化工作措施。三是要强化督查问效。"
    (found,) = run(text).lists
    assert found.items == ("压实主体责任", "细化工作措施", "强化督查问效")


# ---------------------------------------------------------------- terms

def test_a_saying_introduced_by_suo_shuo_de_is_speech():
    found = {t.term for t in run("要牢记老书记常说的“群众的事再小也是大事”，把实事办好。").terms}
    assert not found


def test_quoted_slogans_in_titles_and_headings_are_terms():
    text = ("某县“积分超市”激活乡村治理\n全县推广积分管理。\n\n【关键词】乡村治理　“积分超市”　“红黑榜”\n"
            "各村按月公布积分结果。\n")
    found = {t.term for t in run(text).terms}
    assert {"积分超市", "红黑榜"} <= found


@pytest.mark.parametrize("text, name, items", [
    ("党员要牢固树立“两本两证”制度，即学习笔记本、会议记录本和组织年检证、党员年审证，按时检查。", "两本两证",
     ("学习笔记本", "会议记录本", "组织年检证", "党员年审证")),
    ("关键是增强“四个意识”，即政治意识、大局意识、核心意识、看齐意识。", "四个意识",
     ("政治意识", "大局意识", "核心意识", "看齐意识")),
])
def test_items_spelled_out_right_after_the_name(text, name, items):
    found = lists_by_name(run(text, lexicon=False))[name]
    assert found.items == items and found.count == len(items)


def test_a_locality_word_is_not_part_of_an_unquoted_name():
    found = lists_by_name(run("推动黄河、淮河、海河、长江四大流域内生态保护。"))
    assert "四大流域" in found
