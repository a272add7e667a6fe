"""A quoted counted name followed by its items as a run: “三个X”——X…、X…、X… (or a colon), and “四个更加”：A…；B…；…"""
from __future__ import annotations

import pytest
from test_extract_lists import lists_by_name, run

FOCUS_ITEMS = ("聚焦提升产业竞争力", "聚焦增进民生福祉", "聚焦改善生态环境")


@pytest.mark.parametrize("text", [
    "全会提出“三个聚焦”——聚焦提升产业竞争力、聚焦增进民生福祉、聚焦改善生态环境，为今后工作指明方向。",
    "全会提出“三个聚焦”：聚焦提升产业竞争力、聚焦增进民生福祉、聚焦改善生态环境，为今后工作指明方向。",
    "会议强调“三个聚焦”——聚焦提升产业竞争力，聚焦增进民生福祉，聚焦改善生态环境。",
])
def test_dash_or_colon_run_after_a_quoted_name_is_its_list(text):
    found = lists_by_name(run(text))["三个聚焦"]
    assert found.items == FOCUS_ITEMS
    assert found.count == 3 and not found.count_mismatch
    assert found.kind == "counted"


def test_dash_run_items_are_cut_at_their_first_clause():
    text = "会议部署“四个聚焦”——聚焦稳就业、聚焦保民生、聚焦优环境、聚焦强基层，着力推动高质量发展。"
    found = lists_by_name(run(text))["四个聚焦"]
    assert found.items == ("聚焦稳就业", "聚焦保民生", "聚焦优环境", "聚焦强基层")


def test_dash_run_of_different_openings_is_no_list():
    text = "全会提出“三个聚焦”——提升产业竞争力、增进民生福祉、改善生态环境，为今后工作指明方向。"
    assert "三个聚焦" not in lists_by_name(run(text, min_confidence=0.0))


def test_dash_run_whose_count_differs_is_not_named():
    text = "全会提出“四个聚焦”——聚焦提升产业竞争力、聚焦增进民生、聚焦改善生态环境，为今后工作指明方向。"
    found = lists_by_name(run(text, min_confidence=0.0)).get("四个聚焦")
    assert found is None or (found.count_mismatch and found.confidence < 0.7)


def test_semicolon_items_after_a_colon_are_cut_to_their_first_clause():
    text = ("今后三年要努力实现“四个更加”：经济结构更加合理，增长动力更强；城乡发展更加协调，差距逐步缩小；"
            "生态环境更加优美，天更蓝水更清；社会治理更加有效，秩序良好。")
    found = lists_by_name(run(text))["四个更加"]
    assert found.items == ("经济结构更加合理", "城乡发展更加协调", "生态环境更加优美", "社会治理更加有效")
    assert found.count == 4 and not found.count_mismatch


def test_semicolon_items_whose_count_differs_make_no_list():
    text = ("今后三年要努力实现“四个更加”：经济结构更加合理，增长动力更强；城乡发展更加协调，差距逐步缩小；"
            "生态环境更加优美，天更蓝水更清。")
    found = lists_by_name(run(text, min_confidence=0.0)).get("四个更加")
    assert found is None or (found.count_mismatch and found.confidence < 0.7)


def test_semicolon_items_without_the_key_keep_their_short_sentences():
    # items that do not carry the name's key (更加) are not cut to a clause by it
    text = "会议明确“三项任务”：稳住基本盘，守住底线；做强新动能；补齐短板弱项。"
    found = lists_by_name(run(text))["三项任务"]
    assert found.items == ("稳住基本盘，守住底线", "做强新动能", "补齐短板弱项")
