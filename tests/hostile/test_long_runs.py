"""Issue 13: small inputs that asked for long runs extract in linear time, and YAML is parsed by libyaml."""
from __future__ import annotations

import json
import resource

import pytest

from hostile_box import LAUGHS, box, refused  # noqa: F401 (box is a fixture)

LEXICON = "- name: 三个清单\n  items: [资源清单, 需求清单, 服务清单]\n  document: 本社区工作制度\n"
API_EXTRACT = """
import sys
from deckgen import extract_sources
from deckgen.config import packaged_defaults
from deckgen.errors import ConfigError
config = packaged_defaults()
config["extract"]["lexicon"] = "lexicon.yaml"
try:
    extract_sources(["article.txt"], config)
except ConfigError as exc:
    sys.exit(str(exc))
"""


def extract(box, body: str) -> tuple[dict, float]:
    """``deckgen extract --all`` of a text with ``body``: what it found, and the CPU seconds it took."""
    (box.root / "article.txt").write_text("党建引领基层治理\n\n" + body, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    result = box.run("extract", "--all", "--format", "json", "article.txt")
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])  # -9: over the CPU limit
    return json.loads(result.stdout), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def test_100000_quoted_terms_extract_in_linear_time(box):
    # a quoted ordinary word is a scare quote when the text holds it only once: one search of the whole
    # text per quote was quadratic (CPU limit; 190 s for 100,000 in 2.8 MB)
    found, seconds = extract(box, ("要防止“单打独斗”，形成工作合力。" * 20 + "\n") * 5_000)
    assert [(t["term"], t["rule"]) for t in found["terms"]] == [("单打独斗", "quoted")]
    assert seconds < 30


def test_10000_lists_in_845_kb_extract_in_linear_time(box):
    # de-duplication compared every list with every kept one
    body = "".join(f"一是加强组织建设{i}。二是完善服务体系{i}。三是强化队伍建设{i}。\n" for i in range(10_000))
    assert 700_000 < len(body.encode()) < 1_000_000
    found, seconds = extract(box, body)
    assert len(found["lists"]) == 10_000
    assert seconds < 30


@pytest.mark.parametrize("loader", ["SafeLoader"])
def test_a_lexicon_is_parsed_with_libyaml(tmp_path, monkeypatch, loader):
    import yaml

    from deckgen.extract.lexicon import load_lexicon

    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("pure-Python YAML loader used")

    monkeypatch.setattr(getattr(yaml, loader), "__init__", refuse)
    assert load_lexicon(str(path))["三个清单"].document == "本社区工作制度"


def test_a_lexicon_of_billion_laughs_is_one_message_naming_it(box):
    # a config made by a script, not load_config: the lexicon's aliases were expanded into item text (MemoryError)
    (box.root / "article.txt").write_text("建立“三个清单”制度。\n", encoding="utf-8")
    (box.root / "lexicon.yaml").write_text(
        "- name: 笑\n  " + LAUGHS.replace("\n", "\n  ").strip() + "\n  items: *l9\n", encoding="utf-8")
    refused(box.python(API_EXTRACT), "lexicon.yaml, line ", "MAX_YAML_ALIAS_NODES")
    (box.root / "lexicon.yaml").write_text(LEXICON + "- name: [\n", encoding="utf-8")
    refused(box.python(API_EXTRACT), "lexicon.yaml, line 5", "fix the lexicon file")
