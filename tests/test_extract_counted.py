"""Counted names of every shape, tied to their items before, inside or after them — and not to chance neighbours."""
from __future__ import annotations

import pytest
from test_extract_lists import lists_by_name, run

from deckgen.extract.names import name_count, name_keys


@pytest.mark.parametrize("name, count", [
    ("六个必须坚持", 6), ("四个意识", 4), ("两个确立", 2), ("三个务必", 3), ("五位一体", 5), ("四个全面", 4),
    ("八项规定", 8), ("三严三实", 6), ("三去一降一补", 5), ("三升一降", 4), ("两学一做", 3), ("三个一", 3),
    ("五治融合", 5), ("三级联动", 3), ("四个一批", 4), ("十大产业集群", 10),
    ("三结三联三服务", None), ("两个基地、两个枢纽、两个网络", None), ("以人民为中心", None),
])
def test_name_count(name, count):
    assert name_count(name) == count


def test_name_keys_say_what_every_item_contains():
    assert name_keys("四个意识") == ("意识",)
    assert name_keys("五治融合") == ("治",)
    assert name_keys("三严三实") == ("严", "实")
    assert name_keys("五位一体") == ()
    assert name_keys("一县一业") == ()  # one industry per county: no items at all


@pytest.mark.parametrize("text, name, items", [
    ("建立资源、需求、服务“三个清单”，精准对接群众需求。", "三个清单", ("资源", "需求", "服务")),
    ("推出“小板凳”服务在前、“小铃铛”教育在前、“小拐杖”扶助在前、“小嫩芽”关爱在前的“四小工作法”。", "四小工作法",
     ("小板凳服务在前", "小铃铛教育在前", "小拐杖扶助在前", "小嫩芽关爱在前")),
    ("明确每周一走访、每月一宣传、每季一讲座“三个一”工作要求。", "三个一", ("每周一走访", "每月一宣传", "每季一讲座")),
    ("推动问题响应率、办结率、满意率和退件率“三升一降”。", "三升一降", ("响应率", "办结率", "满意率", "退件率")),  # the first item cut to the others' length
    ("坚持政治建设、思想建设、组织建设、作风建设的四项建设，全面提高党的建设质量。", "四项建设",
     ("政治建设", "思想建设", "组织建设", "作风建设")),
])
def test_items_before_the_name(text, name, items):
    found = lists_by_name(run(text))[name]
    assert found.items == items
    assert found.kind == "counted" and found.count == len(items)


@pytest.mark.parametrize("text", ["建立村—镇—县“三级联动”处置机制，问题不出村。", "建立问题诉求“村—镇—县”三级联动处置机制。"])
def test_items_separated_by_dashes(text):
    (found,) = [l for l in run(text).lists if l.name.startswith("三级联动")]
    assert found.items == ("村", "镇", "县") and found.count == 3


def test_items_after_the_name_as_same_shaped_clauses():
    text = ("社区坚持“五治融合”，提升治理效能。以政治强引领，发挥社区党组织带动作用。以法治筑平安，推进法治社区建设。"
            "以德治润民心，弘扬社会主义核心价值观。以自治促民主，畅通居民参与渠道。以智治更便民，建设智慧社区。")
    found = lists_by_name(run(text))["五治融合"]
    assert found.items == ("以政治强引领", "以法治筑平安", "以德治润民心", "以自治促民主", "以智治更便民")


def test_items_far_from_the_name_as_closing_clauses():
    text = ("我们提出“三治结合”的思路。\n\n这是长期实践的总结。\n\n"
            "村里成立议事会，推进村民自治。调解员常驻村部，推进依法法治。评选好媳妇好公婆，推进道德德治。\n")
    found = lists_by_name(run(text))["三治结合"]
    assert found.items == ("推进村民自治", "推进依法法治", "推进道德德治")


def test_enumeration_led_by_the_name_is_the_names_list():
    text = ("党的二十大报告将其概括为“六个必须坚持”。\n"
            "一是深刻感悟“必须坚持人民至上”，始终把人民放在心中。\n二是深刻感悟“必须坚持自信自立”，坚定自信。\n"
            "三是深刻感悟“必须坚持守正创新”，与时俱进。\n四是深刻感悟“必须坚持问题导向”，直面问题。\n"
            "五是深刻感悟“必须坚持系统观念”，统筹兼顾。\n六是深刻感悟“必须坚持胸怀天下”，心胸开阔。\n")
    (found,) = run(text, lexicon=False).lists
    assert found.name == "六个必须坚持" and found.kind == "counted" and found.count == 6
    assert found.items[0] == "必须坚持人民至上" and found.items[-1] == "必须坚持胸怀天下"


def test_a_name_elsewhere_with_the_same_count_is_not_glued_to_an_enumeration():
    text = ("五年来，我们深入开展“三严三实”专题教育，推进“两学一做”学习教育。\n\n"
            "五、加快生态文明体制改革\n\n生态文明建设功在当代。\n\n"
            "（一）推进绿色发展。加快建立绿色生产体系。\n\n（二）着力解决突出环境问题。坚持全民共治。\n\n"
            "（三）加大生态系统保护力度。实施重要生态系统保护。\n\n（四）改革生态环境监管体制。加强对生态文明建设的领导。\n\n"
            "（五）完善生态补偿机制。建立市场化补偿。\n\n（六）健全生态环境责任制。严格追责。\n")
    names = set(lists_by_name(run(text, lexicon=False)))
    assert "三严三实" not in names and "两学一做" not in names
    assert "加快生态文明体制改革" in names


def test_a_far_chain_of_two_does_not_make_a_list():
    text = "成功举办中国—中亚峰会、第三届“一带一路”国际合作高峰论坛，统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局。"
    assert not [l for l in run(text, lexicon=False).lists if l.confidence >= 0.5]


def test_a_name_is_not_matched_to_random_clauses_of_the_same_count():
    text = ("我们要实现“两个一百年”奋斗目标。\n\n必须坚持一个中国原则，反对分裂。\n\n必须以党章为根本遵循，从严治党。\n")
    assert "两个一百年" not in lists_by_name(run(text, lexicon=False))


def test_count_mismatch_is_kept_and_marked_never_padded():
    text = "党的二十大报告概括为“六个必须坚持”。\n一是坚持人民至上。二是坚持自信自立。三是坚持守正创新。四是坚持问题导向。五是坚持系统观念。\n"
    extraction = run(text, lexicon=False)
    found = lists_by_name(extraction)["六个必须坚持"]
    assert found.count == 6 and len(found.items) == 5 and found.count_mismatch
    assert any("六个必须坚持" in w and "6" in w for w in extraction.warnings)
