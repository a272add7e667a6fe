"""一是…二是…, 一要…二要…, 第一…第二…, （一）（二）, （1）（2）, 1. 2., ①②, 首先…其次…最后, —— dash bullets.

Runs are found per section (``markers``). A run is named by, in this order:

* a lead that says what the run is, "X是：" (党的民主集中制的基本原则是：（一）…), even where the run opens a section;
* the section heading, without its numbering, when the run opens the section (a report's （一）（二） sub-headings
  under its part title 五、贯彻新发展理念…);
* the sub-heading it stands under inside the running text: a numbered sentence opening its paragraph or ending the
  paragraph before (（一）坚持生态优先，筑牢…屏障。一要…二要…), or a short sentence opening its paragraph, the
  bold lead of a report's paragraph (注重能源资源节约和合理利用。缓解…。一要…);
* else the sentence that leads into it.

The naming pass may then name it by a counted name in that lead (“六个必须坚持”…一是…).
"""
from __future__ import annotations

import re

from ...models import Article, Paragraph
from ...segment import split_sentences
from ...text import HAN_RE
from ..candidate import Candidate, Span
from ..context import Context
from ..items import clean, strip_shared_lead, trim_item
from ..leads import LEAD_WINDOW, lead_name, numbered_sections, sentence_at, sentence_before
from ..markers import ANNOUNCED_ONLY, HEADING_NUMBER, PART_TITLE, Marker, find_markers, heading_name, numbered_runs

BY_HEADING = 0.75
PARAGRAPH_HEAD = re.compile(r"^[^，,：:；！？“”]{4,}。$")  # a short sentence alone: 注重能源资源节约和合理利用。
MAX_PARAGRAPH_HEAD = 20  # Han characters
MAX_SUBHEADING = 60
BY_LEAD = 0.6
TWO_ITEMS = 0.55
ORDER = "order"  # the 首先/其次/最后 family of ``markers``
DASH = "dash"  # —— bullets, one a paragraph
ORDER_PAIR = 0.45
# the last clause of a lead that names what follows: 党的民主集中制的基本原则是： (not 主要是：, 这就是：, 主要的是：)
COPULA_LEAD = re.compile(r"(?:^|[，,])(?P<name>[^，,：:；。“”]{4,30}?)(?<![就即也都还的])是[：:]$")


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    run_on: dict[str, int] = {}  # the last number of each sub-heading family in the parts before
    for offset, section in numbered_sections(article):
        paras = section.paragraphs
        # numbering runs on only into a numbered part (二、…): a heading the segmenter took from a broken line
        # (要全面深化各领域改 …（三）（四）) cuts one list, not two parts
        runs = numbered_runs(find_markers(paras), run_on if PART_TITLE.match(section.heading or "") else None)
        run_on.update((run[0].family, run[-1].value) for run in runs if run[0].start == 0)
        for run in runs:
            items, contexts = _run_items(paras, run, ctx)
            if sum(1 for i in items if i) < 2:
                continue
            first = run[0]
            opens_section = run is runs[0] and (first.para <= 1 or first.family == "paren")
            lead = sentence_before(paras, first.para, first.start)
            if first.family in ANNOUNCED_ONLY and not lead.endswith(("：", ":")):
                continue
            before = paras[first.para].text[:first.start]
            if first.family == DASH and first.para and not before and not lead.endswith(("：", ":")) \
                    and HEADING_NUMBER.match(paras[first.para - 1].text):
                before = paras[first.para - 1].text  # bullets under （3）总目标。…，奠定坚实基础。: named by the (3)
            subheading = _subheading(before, lead)
            if section.heading is not None and opens_section:
                name, confidence = heading_name(section.heading), BY_HEADING
                lead = f"{section.heading}。{lead}"
            elif subheading:
                name, confidence = subheading, BY_HEADING
                lead = f"{subheading}。{lead}" if subheading not in lead else lead
            else:
                name, confidence = lead_name(lead, ctx.words) or clean(items[0]), BY_LEAD
            copula = COPULA_LEAD.search(sentence_before(paras, first.para, first.start))
            if copula:
                name = copula.group("name")
            found.append(Candidate(
                name=name, kind="enumerated", items=tuple(items), span=Span(offset + first.para, first.start),
                line=paras[first.para].line, context=contexts[0],
                confidence=_confidence(confidence, run), detail=first.family,
                item_contexts=tuple(contexts), lead=lead))
    return found


def _confidence(named: float, run: list[Marker]) -> float:
    """Two items are a weaker list; 首先…最后 with nothing between is a speech's opening and close, no list."""
    if len(run) >= 3:
        return named
    return ORDER_PAIR if run[0].family == ORDER else TWO_ITEMS


def _subheading(before: str, lead: str) -> str | None:
    """The sub-heading a run stands under in running text: a numbered sentence (（一）…。) opening the text before
    the run in its paragraph or being its lead, else a short sentence opening the paragraph."""
    sentences = split_sentences(before)
    for sentence in (sentences[0] if sentences else "", lead):
        if HEADING_NUMBER.match(sentence) and len(HAN_RE.findall(sentence)) <= MAX_SUBHEADING:
            return heading_name(sentence).rstrip("。：:")
    if len(sentences) >= 2 and PARAGRAPH_HEAD.match(sentences[0]) \
            and len(HAN_RE.findall(sentences[0])) <= MAX_PARAGRAPH_HEAD:
        return sentences[0].rstrip("。")
    return None


def _run_items(paras: tuple[Paragraph, ...], run: list[Marker], ctx: Context) -> tuple[list[str], list[str]]:
    items, contexts = [], []
    for i, m in enumerate(run):
        nxt = run[i + 1] if i + 1 < len(run) else None
        text = paras[m.para].text
        same_para = nxt is not None and nxt.para == m.para
        segment = text[m.end:min(nxt.start if same_para else len(text), m.end + LEAD_WINDOW)]
        inline = same_para and text[max(0, nxt.start - 4):nxt.start].rstrip().endswith(("，", ","))
        items.append(trim_item(segment, ctx.words, inline))
        contexts.append(sentence_at(text, m.start))
    return [clean(i) for i in strip_shared_lead(items)], contexts
