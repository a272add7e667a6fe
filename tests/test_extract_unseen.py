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


def test_unquoted_count_after_a_chain_needs_the_count_to_agree():
    # four parts before "三个方面": a chance neighbour, not the items
    assert not run("围绕教育、医疗、养老、住房等三个方面的民生短板，开展专项整治。").lists
    # two parts prove little without a shared key
    assert not run("结合城区和园区两类空间开展试点工作。").lists


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
