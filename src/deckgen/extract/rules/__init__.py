"""The rule table: every list rule the engine runs, in order, with its priority.

Adding a structure is one module here with a ``find(article, context)`` function, one row in ``RULES``, and its
case table ``tests/rules/<id>.yaml`` (a test checks that every rule has one).
"""
from __future__ import annotations

from ..engine import Rule
from ..glossary import glossary_lists
from . import bullets, colon, counted, echoed, enumeration, formulation, headings, lexicon_items, opening_run, parallel, pointing_back, semicolon

RULES: tuple[Rule, ...] = (
    Rule("glossary", glossary_lists, priority=30, reads_glossary=True,
         doc="a report's 名词解释 notes that spell out a counted name"),
    Rule("counted", counted.find, priority=20,
         doc="counted names and the items their wording ties to them: before, dashed, spelled out after, parallel"),
    Rule("echoed-headings", echoed.find, priority=20,
         doc="锚定“三地一区”实现新突破 … （一）…策源地实现新突破: numbered headings that echo a counted name"),
    Rule("pointing-back", pointing_back.find, priority=15,
         doc="A，B，这两个方面是统一的: a count pointing back at the items just listed"),
    Rule("formulation", formulation.find, priority=15,
         doc="安全、舒适、绿色、智慧的“好房子”: items before a named formulation"),
    Rule("lexicon-items", lexicon_items.find, priority=10, doc="a lexicon formulation spelled out without its name"),
    Rule("enumeration", enumeration.find, priority=25, named_from_lead=True,
         doc="一是/第一/（一）/1./①/首先/—— runs, named by section heading or lead"),
    Rule("headings", headings.find, priority=25, named_from_lead=True,
         doc="第一，…／（一）… set as section headings of their own, named by the heading above them"),
    Rule("opening-run", opening_run.find, priority=5, doc="务必A，务必B，务必C: clauses opening on one word"),
    Rule("bullets", bullets.find, priority=20, named_from_lead=True, doc="short bold-style sentences opening paragraphs"),
    Rule("colon", colon.find, priority=15, named_from_lead=True, doc="……是：A，B，C after an announcing lead"),
    Rule("semicolon", semicolon.find, priority=15, named_from_lead=True,
         doc="主要预期目标是：A；B；C: ；-separated clauses after an announcing lead"),
    Rule("parallel", parallel.find, priority=20, named_from_lead=True, doc="X是A的…，是B的…: parallel judgments"),
)
