"""A report's glossary appendix gives terms their official definitions, and counted names their lists."""
from __future__ import annotations

from test_extract_lists import lists_by_name, run

REPORT = ("政府工作报告\n\n一、今年的工作\n\n扎实推进“三去一降一补”，实施“四个一批”项目行动，推进山水工程。\n\n"
          "名词解释\n\n"
          "1.“三去一降一补”：去产能、去库存、去杠杆、降成本、补短板。\n\n"
          "［2］四个一批：\n谋划一批、开工一批、建设一批、竣工一批。\n\n"
          "［3］山水工程：\n山水林田湖草沙一体化保护和修复工程。\n\n"
          "本报告中的数据均为初步统计数。\n")


def test_glossary_entries_define_their_terms():
    terms = {t.term: t for t in run(REPORT).terms}
    assert terms["山水工程"].definition == "山水林田湖草沙一体化保护和修复工程。"
    assert terms["山水工程"].rule == "glossary"
    assert terms["三去一降一补"].definition.startswith("去产能、去库存")


def test_a_glossary_entry_spelling_out_a_counted_name_is_that_list():
    named = lists_by_name(run(REPORT, lexicon=False))
    assert named["三去一降一补"].items == ("去产能", "去库存", "去杠杆", "降成本", "补短板")
    assert named["四个一批"].items == ("谋划一批", "开工一批", "建设一批", "竣工一批")
    assert named["四个一批"].rule == "glossary" and not named["四个一批"].count_mismatch


def test_other_appendix_text_yields_nothing():
    extraction = run(REPORT)
    assert not [l for l in extraction.lists if l.kind == "enumerated"]  # the notes' numbers are no enumeration
    assert not [t for t in extraction.terms if "数据" in t.term]
