"""The whole extraction on the two example texts: the lists, items and terms a learner needs from them.

Both texts are in tests/data: a PDF-extracted newspaper theory page (four pieces, broken lines, lost "一"s,
ASCII punctuation) and a county news report whose counted lists all put their items before the name.
Every figure holds with the lexicon switched off too.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.api import confident, extract_sources
from deckgen.config import packaged_defaults
from deckgen.text import match_key

DATA = Path(__file__).parent / "data"
PAGE = DATA / "000_128f51ef0bbf1bd4.txt"
COUNTY = DATA / "jianwei_sixiao_gongzuofa.txt"


@pytest.fixture(params=[True, False], ids=["lexicon", "no-lexicon"], scope="module")
def settings(request) -> dict:
    config = packaged_defaults()
    config["extract"]["lexicon"] = request.param
    return config


def extracted(path: Path, config: dict):
    return confident(extract_sources([path], config), config["extract"]["min_confidence"])


def items_of(extraction, name: str) -> tuple[str, ...]:
    (found,) = [l for l in extraction.lists if l.name == name]
    return tuple(match_key(i) for i in found.items)


def test_theory_page_articles(settings):
    extraction = extracted(PAGE, settings)
    titles = [(a.title, a.author, a.untitled) for a in extraction.articles]
    assert titles[:3] == [("党建引领社区治理的创新路径", "马开军", False), ("更实举措推进新能源汽车强市建设", "翁子立", False),
                          ("六个必须坚持", None, True)]


def test_theory_page_counted_lists(settings):
    extraction = extracted(PAGE, settings)
    assert items_of(extraction, "六个必须坚持") == ("必须坚持人民至上", "必须坚持自信自立", "必须坚持守正创新",
                                                 "必须坚持问题导向", "必须坚持系统观念", "必须坚持胸怀天下")
    assert items_of(extraction, "五治融合") == ("以政治强引领", "以法治筑平安", "以德治润民心", "以自治促民主", "以智治更便民")
    assert items_of(extraction, "三个清单") == ("资源", "需求", "服务")
    assert items_of(extraction, "四个延伸") == ("小区", "企业", "校园", "居民")


def test_theory_page_section_lists_and_outline(settings):
    extraction = extracted(PAGE, settings)
    assert items_of(extraction, "强化党建引领作用，提高参与主体多元化") == ("壮大朋友圈", "推行皖美红色物业", "同下一盘棋", "共绘同心圆")
    assert items_of(extraction, "健全制度保障体系，推进治理体系规范化")[0] == "完善体制机制夯实制度保障"  # "一" lost
    (outline,) = [l for l in extraction.lists if l.kind == "outline"]
    assert outline.name == "党建引领社区治理的创新路径" and len(outline.items) == 5
    assert len(extraction.lists) <= 11  # nothing beyond the gold lists and the optional 三个聚焦


def test_theory_page_terms(settings):
    terms = {match_key(t.term) for t in extracted(PAGE, settings).terms}
    assert {"社区吹哨部门报到", "三结三联三服务", "互联网+政务", "枫桥经验", "党建+N", "六个必须坚持",
            "民事民提民事民议民事民决民事民办民事民评"} <= terms
    assert not [t for t in terms if len(t) < 2]


def test_county_report_lists(settings):
    extraction = extracted(COUNTY, settings)
    assert items_of(extraction, "四小工作法") == ("小板凳服务在前", "小铃铛教育在前", "小拐杖扶助在前", "小嫩芽关爱在前")
    assert items_of(extraction, "三个一") == ("每周一走访", "每月一宣传", "每季一讲座")
    assert items_of(extraction, "三升一降") == ("响应率", "办结率", "满意率", "退件率")
    (linked,) = [l for l in extraction.lists if l.name.startswith("三级联动")]
    assert linked.items == ("村", "镇", "县")
    assert not [l for l in extraction.lists if l.count_mismatch]


def test_county_report_terms_hold_no_speech(settings):
    terms = {t.term for t in extracted(COUNTY, settings).terms}
    assert {"枫桥经验", "四小工作法", "一老一小", "双报到", "四下基层", "三官一律", "敲门行动", "护未行动"} <= terms
    assert not [t for t in terms if "。" in t or "？" in t or t.startswith("以往靠打热线")]
