"""Lists found from the shape of the text: enumerations, report structure, colon lists, outlines, item trimming."""
from __future__ import annotations


import pytest

from deckgen.api import extract_documents
from deckgen.config import packaged_defaults
from deckgen.extract.items import split_items, strip_shared_lead, trim_item
from deckgen.extract.words import Words
from deckgen.models import Document, Extraction

WORDS = Words()


def run(text: str, **extract_options) -> Extraction:
    """Extract from a literal text with the default config (``extract_options`` override ``extract.*``)."""
    config = packaged_defaults()
    config["extract"].update(extract_options)
    return extract_documents([Document(source="t.txt", text=text, encoding="utf-8")], config)


def lists_by_name(extraction: Extraction) -> dict:
    return {l.name: l for l in extraction.lists}


@pytest.mark.parametrize("text, items", [
    ("我们要做好三件事：一是加强宣传教育。二是培育先进文化。三是拓宽活动平台。",
     ("加强宣传教育", "培育先进文化", "拓宽活动平台")),
    ("做好工作要把握三点。第一，坚持问题导向。第二，坚持系统观念。第三，坚持守正创新。",
     ("坚持问题导向", "坚持系统观念", "坚持守正创新")),
    ("工作要求如下：①压实责任；②细化措施；③强化督查。", ("压实责任", "细化措施", "强化督查")),
    ("主要任务有以下几项：\n1.完善体制机制。\n2.激发参与热情。\n3.规范考核机制。", ("完善体制机制", "激发参与热情", "规范考核机制")),
    ("推进改革要讲方法。首先，摸清底数。其次，找准症结。最后，对症施策。", ("摸清底数", "找准症结", "对症施策")),
])
def test_enumeration_markers(text, items):
    (found,) = run(text).lists
    assert found.items == items
    assert found.rule.startswith("enumeration:")
    # a count closing the lead names the run (我们要做好三件事：一是… → 三件事, counted)
    assert found.kind == ("counted" if found.name == "三件事" else "enumerated")


def test_dash_bullets_after_a_lead_sentence():
    text = ("到二〇二〇年全面建设小康社会的目标是：\n"
            "——在优化结构和提高效益的基础上，国内生产总值翻两番。\n"
            "——社会主义民主更加完善，社会主义法制更加完备。\n"
            "——全民族的思想道德素质明显提高。\n")
    (found,) = run(text).lists
    # 在…的基础上 only sets the scene: the item is what happens on it
    assert found.items == ("在优化结构和提高效益的基础上，国内生产总值翻两番", "社会主义民主更加完善", "全民族的思想道德素质明显提高")
    assert found.name == "到二〇二〇年全面建设小康社会的目标"


def test_lost_first_marker_is_recovered():
    text = "健全制度保障体系\n是完善体制机制，夯实制度保障。\n二是激发参与热情，健全奖励制度。三是规范考核机制，推进减负增效。"
    found = run(text).lists[0]
    assert found.items[0] == "完善体制机制，夯实制度保障"
    assert len(found.items) == 3


def test_report_sub_headings_form_a_list_named_by_the_part_title():
    text = ("报告标题\n\n一、过去五年的工作\n\n五年来成就巨大。\n\n五、贯彻新发展理念，建设现代化经济体系\n\n"
            "发展是基础。\n\n（一）深化供给侧结构性改革。建设现代化经济体系。\n\n（二）加快建设创新型国家。创新是第一动力。\n\n"
            "（三）实施乡村振兴战略。农业农村农民问题是根本问题。\n")
    named = lists_by_name(run(text))
    assert named["贯彻新发展理念，建设现代化经济体系"].items == ("深化供给侧结构性改革", "加快建设创新型国家", "实施乡村振兴战略")


def test_standalone_sub_headings_are_not_joined_to_the_bullet_after_them():
    text = ("政府工作报告\n\n二、今年主要工作\n\n（一）聚力促进更高水平开放\n推动自由贸易港政策红利加速释放。\n"
            "（二）聚力释放有效需求潜力\n大力提振消费。\n（三）聚力构建现代化产业体系\n壮大先进制造业。\n")
    named = lists_by_name(run(text))
    assert named["今年主要工作"].items == ("聚力促进更高水平开放", "聚力释放有效需求潜力", "聚力构建现代化产业体系")


def test_part_titles_of_a_report_are_never_an_outline():
    sections = "".join(f"{n}、第{n}部分的标题\n\n正文讲了很多事情，内容充实。\n\n" for n in "一二三四")
    assert not [l for l in run("某某工作报告\n\n" + sections).lists if l.kind == "outline"]


def test_own_section_headings_form_an_outline():
    text = ("党建引领社区治理的创新路径\n□马开军\n"
            "强化党建引领作用\n社区党组织加强区域共建。\n"
            "发挥网格平台优势\n推动党组织全覆盖。\n"
            "健全制度保障体系\n建立健全地方相关制度。\n")
    (outline,) = [l for l in run(text).lists if l.kind == "outline"]
    assert outline.name == "党建引领社区治理的创新路径"
    assert outline.items == ("强化党建引领作用", "发挥网格平台优势", "健全制度保障体系")


def test_colon_list():
    (found,) = run("新时代党的建设总要求的重点是：政治建设，思想建设，组织建设，作风建设。").lists
    assert found.items == ("政治建设", "思想建设", "组织建设", "作风建设")
    assert found.rule == "colon" and found.confidence >= 0.5


# ---------------------------------------------------------------- trimming

def test_trim_keeps_a_short_first_sentence_whole_and_cuts_a_long_one_to_its_first_clause():
    assert trim_item("加强宣传教育，培树文明新风。社区党组织要发挥作用。", WORDS) == "加强宣传教育，培树文明新风"
    assert trim_item("以人民为中心，推动服务精准，进一步完善社区服务体系和居民参与机制。", WORDS) == "以人民为中心"


def test_trim_keeps_a_first_clause_of_up_to_34_characters_whole():
    # cut at 24 it would end on a verb without its object (…进程中具有): cpc-15th-fyp-proposal-2025-excerpt
    sentence = "“十五五”时期在基本实现社会主义现代化进程中具有承前启后的重要地位"
    assert trim_item(sentence + "。实现社会主义现代化是一个历史过程。", WORDS) == sentence


def test_trim_keeps_a_first_clause_with_a_series_whole():
    # cut at 24 the series would stop at 毛泽东思想 (党章 第三十二条(二), cpc-constitution-2017-ch3-8-…)
    clause = "组织党员认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想"
    assert trim_item(clause + "，推进“两学一做”学习教育常态化制度化，学习党的基本知识。", WORDS) == clause


def test_trim_keeps_the_set_phrases_after_a_first_clause():
    # a formulation, not a head and its detail (党章 第三十六条(三)); what follows the set phrases is detail
    text = "坚持解放思想，实事求是，与时俱进，开拓创新，认真调查研究，能够把党的方针、政策同本地区、本部门的实际相结合。"
    assert trim_item(text, WORDS) == "坚持解放思想，实事求是，与时俱进，开拓创新"
    assert trim_item("以人民为中心，推动服务精准，进一步完善社区服务体系和居民参与机制。", WORDS) == "以人民为中心"


def test_trim_never_ends_mid_word():
    text = "全面推进中华民族伟大复兴的战略全局和世界百年未有之大变局统筹谋划各项工作安排部署"
    item = trim_item(text + "。", WORDS)
    assert 0 < len(item) <= 24
    prefixes, joined = set(), ""
    for word in WORDS.cut(text):
        joined += word
        prefixes.add(joined)
    assert item in prefixes


def test_shared_lead_and_quotes_are_dropped():
    items = ["深刻感悟“必须坚持人民至上”", "深刻感悟“必须坚持自信自立”"]
    assert strip_shared_lead(items) == ["必须坚持人民至上", "必须坚持自信自立"]


def test_split_items_uses_the_separator_that_gives_the_count():
    assert split_items("务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争。", WORDS, 3) == [
        "务必不忘初心、牢记使命", "务必谦虚谨慎、艰苦奋斗", "务必敢于斗争、善于斗争"]
    assert split_items("农村集体所有的资金、资产、资源。", WORDS, 3) == ["资金", "资产", "资源"]


def test_a_single_line_of_200000_characters_extracts():
    """Its time is measured in benchmarks/, not asserted here (no wall-clock assertions on a loaded machine)."""
    line = "坚持“党建引领”，推进“五治融合”，建立资源、需求、服务“三个清单”，一是加强宣传，二是培育文化，" * 4000
    assert "三个清单" in lists_by_name(run(line))
