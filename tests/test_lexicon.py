"""The packaged lexicon of canonical formulations, and how extraction uses it (and works without it)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_extract_lists import lists_by_name, run

from deckgen.errors import ConfigError
from deckgen.extract.lexicon import load_lexicon, locate, parse_lexicon
from deckgen.normalize import repair_line

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "texts"
PACKAGED = list({id(f): f for f in load_lexicon(True).values()}.values())

SIX_BULLETS = ("我们要深刻领会习近平新时代中国特色社会主义思想的世界观和方法论：\n"
               "必须坚持人民至上。人民性是马克思主义的本质属性。\n必须坚持自信自立。中国的问题必须从中国基本国情出发。\n"
               "必须坚持守正创新。我们从事的是前无古人的伟大事业。\n必须坚持问题导向。问题是时代的声音。\n"
               "必须坚持系统观念。万事万物是相互联系、相互依存的。\n必须坚持胸怀天下。中国共产党是为中国人民谋幸福的党。\n")


def test_the_packaged_lexicon_has_forty_cited_entries():
    assert len(PACKAGED) >= 40
    for formulation in PACKAGED:
        assert formulation.document, formulation.name
        assert len(formulation.items) >= 2
        assert formulation.found or not formulation.verified
    names = {f.name for f in PACKAGED}
    assert {"四个意识", "四个自信", "两个维护", "两个确立", "六个必须坚持", "三个务必", "五位一体", "四个全面",
            "五个必由之路", "两个结合"} <= names


CITED = yaml.safe_load((Path(__file__).parent / "data" / "lexicon_citations.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("formulation", [f for f in PACKAGED if f.found], ids=lambda f: f.name)
def test_cited_lines_hold_the_items(formulation):
    text = CITED[formulation.found]
    assert locate(repair_line(text), formulation)
    file, line = formulation.found.rsplit(":", 1)
    if BENCH.is_dir():  # the copy in tests/data is the corpus line (the corpus is beside the repository in CI)
        assert (BENCH / file).read_text(encoding="utf-8").split("\n")[int(line) - 1] == text


def test_a_list_without_its_popular_name_is_named_by_the_lexicon():
    found = lists_by_name(run(SIX_BULLETS))
    assert "六个必须坚持" not in lists_by_name(run(SIX_BULLETS, lexicon=False))
    six = found["六个必须坚持"]
    assert six.items[0] == "必须坚持人民至上" and len(six.items) == 6
    assert six.rule.endswith("lexicon-name")


def test_a_formulation_spelled_out_without_its_name_is_found():
    text = "推动全党增强政治意识、大局意识、核心意识、看齐意识，坚决维护党中央权威。"
    assert lists_by_name(run(text))["四个意识"].items == ("政治意识", "大局意识", "核心意识", "看齐意识")
    assert not run(text, lexicon=False).lists


def test_a_formulation_named_only_is_a_term_defined_by_the_lexicon_never_a_list():
    extraction = run("各级政府要增强“四个意识”，做到“两个维护”。")
    assert not extraction.lists
    term = {t.term: t for t in extraction.terms}["四个意识"]
    assert term.rule == "lexicon"
    assert term.definition == "政治意识；大局意识；核心意识；看齐意识"
    assert "2016" in term.definition_source
    off = {t.term: t for t in run("各级政府要增强“四个意识”，做到“两个维护”。", lexicon=False).terms}
    assert off["四个意识"].definition is None and off["四个意识"].rule == "quoted"


def test_a_counted_name_tied_to_items_that_are_not_its_own_is_sunk():
    text = "深入开展“四个意识”教育。推进绿色发展、着力解决突出环境问题、加大生态系统保护力度、改革生态环境监管体制“四个意识”。"
    (found,) = [l for l in run(text).lists if l.name == "四个意识"]
    assert found.confidence < 0.5 and "lexicon-mismatch" in found.rule


def test_a_user_lexicon_is_merged_over_the_packaged_one(tmp_path):
    user = tmp_path / "lexicon.yaml"
    user.write_text("- name: 三个清单\n  items: [资源清单, 需求清单, 服务清单]\n  document: 本社区工作制度\n",
                    encoding="utf-8")
    lexicon = load_lexicon(str(user))
    assert lexicon["三个清单"].document == "本社区工作制度"
    assert "四个意识" in lexicon
    term = {t.term: t for t in run("建立“三个清单”制度。", lexicon=str(user)).terms}["三个清单"]
    assert term.definition == "资源清单；需求清单；服务清单"


def test_a_broken_user_lexicon_is_a_config_error():
    with pytest.raises(ConfigError, match="items"):
        parse_lexicon("- name: 四个意识\n", "my.yaml")
