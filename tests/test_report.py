"""report.py: the table of ``deckgen extract`` and its JSON contract."""
import json

from conftest import make_term, sample_extraction
from deckgen.report import extraction_json, extraction_table


def test_table_cuts_long_definitions_and_marks_only_real_cuts():
    """Regression: every definition ended in "…", so a learner could not tell a whole one from a cut one."""
    long = "就是要求我们" + "把矛盾化解在基层" * 10 + "。"
    extraction = sample_extraction(extra_terms=(make_term("三治融合", "推进“三治融合”。", definition=long, line=30),))
    lines = extraction_table(extraction).splitlines()
    assert "  term 枫桥经验  [0.90 test]  = 就是要求我们把矛盾化解在基层。" in lines
    assert f"  term 三治融合  [0.90 test]  = {long[:40]}…" in lines
    assert "  list 六个必须坚持 (6)  [counted, 0.90 test]  ! names 6, found 3" in lines
    assert lines[-1] == "2 articles, 1 lists, 3 terms"


def test_json_keeps_chinese_and_the_contract_keys():
    data = json.loads(extraction_json(sample_extraction()))
    assert set(data) == {"source", "articles", "lists", "terms", "warnings"}
    assert data["lists"][0]["count_mismatch"] is True and data["lists"][0]["items"][0] == "必须坚持人民至上"
    assert "枫桥经验" in extraction_json(sample_extraction())
