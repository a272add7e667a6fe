"""Lists found from the shape of the text: enumerations, colon lists, outlines.

* enumerations — 一是…二是…, 第一，…第二，…, （一）（二）, ①②, 1. 2., 首先…其次…最后,
  and "——" dash bullets after a lead sentence. A run that opens a section (a
  report's （一）（二） sub-headings under its part title 五、贯彻新发展理念…) is named by
  the section heading without its numbering; any other run by the sentence that
  leads into it.
* colon lists — "……是：A，B，C" / "包括：A、B、C", named by the clause before the colon.
* outlines — an article's own section headings, three or more, each followed by
  body text. The numbered part titles of a long report (一、二、…) are not a set a
  learner recites, so they never form an outline.

Each list keeps its ``lead`` (the heading and the text just before its first
item): ``extract`` looks there for a counted name (“六个必须坚持”) that names it.
Counted names tied to items by wording are in ``counted``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Article, Paragraph, Section
from ..normalize import NUMBERED_START, SUBHEADING
from ..segment import split_sentences
from ..text import HAN_RE, NUMERAL_CHARS, chinese_number
from .items import clean, split_items, strip_shared_lead, trim_item
from .words import tail_words

N = NUMERAL_CHARS
MARKERS = (
    # (family, regex); group "n" is the numeral. Each must sit at a sentence or clause start.
    ("shi", re.compile(rf"(?:^|(?<=[。；！？，：\s”]))(?P<n>[{N}]{{1,2}})是(?![否非])")),
    ("di", re.compile(rf"(?:^|(?<=[。；！？：\s”]))第(?P<n>[{N}]{{1,2}})(?:[，、：]|是)")),
    ("paren", re.compile(rf"(?:^|(?<=[。；！？：\s]))[（(](?P<n>[{N}]{{1,2}})[)）]")),
    ("paren-digit", re.compile(r"(?:^|(?<=[。；！？：\s]))[（(](?P<n>\d{1,2})[)）]")),
    ("digit", re.compile(r"(?:^|(?<=[。；！？：\s]))(?P<n>\d{1,2})[.．、](?!\d)")),
    ("circled", re.compile(r"(?P<n>[①-⑳])")),
    ("order", re.compile(r"(?:^|(?<=[。；！？，：\s]))(?P<n>首先|其次|再次|最后)[，、,]?")),
)
ORDER_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}
DASH_BULLET = re.compile(r"^[—-]{2,}")
# a section heading's own numbering: 三、 （二） 第四部分 2.
HEADING_NUMBER = re.compile(rf"^(?:[{N}]+[、．.]|[（(][{N}\d]+[)）]|第[{N}]+(?:部分|章|节)?[　\s、：:]?|\d+[.．、])\s*")
PART_TITLE = re.compile(rf"^(?:[{N}]+、|第[{N}]+)")
# "……是：A，B，C": a lead clause ending in a colon, then a sentence of short parts
COLON_LIST = re.compile(r"(?:^|(?<=[。；！？]))(?P<lead>[^。；！？：]{2,80})[：:](?P<body>[^：:。！？]{6,200})(?:。|$)")
COLON_LEAD_VERB = re.compile(r"[，,]?(?:这就是|主要是|主要有|分别是|概括为|包括|就是|即|是|为|有)$")
MAX_COLON_PART = 16
MAX_NAMED_COLON_PART = 40  # parts this long, or only two, make a list only when a counted name in the lead names it
NEEDS_NAME = 0.0
# a lead that announces what follows: 必须牢牢把握以下重大原则： / 具体如下：
ANNOUNCING = re.compile(r"(?:以下|如下)[\u4e00-\u9fff]{0,8}$")
LONG_LEAD = 30  # a lead sentence longer than this names its list by its closing clauses
MIN_NAME = 4
LEAD_WINDOW = 300  # characters looked at around a marker: a lead or a sentence longer than this is cut
BULLET = re.compile(r"^[^，,；：:！？]{3,}。$")  # one short phrase, one sentence
SHORT_BULLET = 16
MAX_BULLETS = 30  # paragraphs after a lead searched for its bullets
MIN_SHARED_OPENING = 2  # characters unannounced bullets share at their start


@dataclass(frozen=True, slots=True)
class FoundList:
    """A list as one rule found it, before merging and ids."""

    name: str
    count: int | None
    kind: str
    items: tuple[str, ...]
    article: int
    context: str
    line: int
    confidence: float
    rule: str
    position: int  # reading order inside the article: paragraph index * 10000 + offset
    item_contexts: tuple[str, ...] = ()
    lead: str = ""  # heading and text just before the first item, where a counted name may name the list


def heading_name(heading: str) -> str:
    """A section heading as a list name: without its numbering (五、贯彻新发展理念 → 贯彻新发展理念)."""
    return HEADING_NUMBER.sub("", heading).strip() or heading


# ---------------------------------------------------------------- enumerations

@dataclass(frozen=True, slots=True)
class _Marker:
    family: str
    value: int
    para: int  # index into the section's paragraphs
    start: int  # where the marker starts
    end: int  # where the item text starts


def _markers(paragraphs: tuple[Paragraph, ...]) -> list[_Marker]:
    found = []
    dash_value = 0
    for pi, para in enumerate(paragraphs):
        text = para.text
        for family, regex in MARKERS:
            for m in regex.finditer(text):
                raw = m.group("n")
                if family == "circled":
                    value = ord(raw) - 0x245F
                else:
                    value = ORDER_VALUES.get(raw) or (int(raw) if raw.isdigit() else chinese_number(raw))
                if value:
                    found.append(_Marker(family, value, pi, m.start(), m.end()))
        # a "一是" whose "一" was lost at a PDF break: the paragraph (or a joined block) starts with "是"
        for start in para.raw_starts:
            if text.startswith("是", start) and not text.startswith("是否", start):
                found.append(_Marker("shi", 1, pi, start, start + 1))
        dash = DASH_BULLET.match(text)
        dash_value = dash_value + 1 if dash else 0
        if dash:
            found.append(_Marker("dash", dash_value, pi, 0, dash.end()))
    return sorted(found, key=lambda m: (m.para, m.start))


def _runs(markers: list[_Marker]) -> list[list[_Marker]]:
    """Runs of one family numbered 1, 2, 3, … (最后 closes an order run)."""
    runs: list[list[_Marker]] = []
    open_runs: dict[str, list[_Marker]] = {}
    for m in markers:
        run = open_runs.get(m.family)
        order = open_runs.get("order")
        if m.family == "di" and m.value >= 3 and order and order[-1].value == m.value - 1 \
                and (not run or run[-1].value != m.value - 1):
            order.append(m)  # 首先…其次…第三…: a commentary switching markers mid-run
        elif run and (m.value == run[-1].value + 1 or (m.value == 99 and m.family == "order")):
            run.append(m)
        elif m.value == 1:
            run = [m]
            open_runs[m.family] = run
            runs.append(run)
    return [r for r in runs if len(r) >= 2]


def enumerations(article: Article) -> list[FoundList]:
    """一是…二是… and the like, per section, named by the section heading or lead sentence."""
    found = []
    offset = 0
    for section in article.sections:
        paras = section.paragraphs
        runs = _runs(_markers(paras))
        for run in runs:
            items, contexts = _run_items(paras, run)
            if sum(1 for i in items if i) < 2:
                continue
            first = run[0]
            opens_section = run is runs[0] and (first.para <= 1 or first.family == "paren")
            lead = _lead_sentence(paras, first)
            if section.heading is not None and opens_section:
                name, confidence = heading_name(section.heading), 0.75
                lead = f"{section.heading}。{lead}"
            else:
                name, confidence = _lead_name(lead) or clean(items[0]), 0.6
            found.append(FoundList(
                name=name, count=None, kind="enumerated", items=tuple(items), article=article.index,
                context=contexts[0], line=paras[first.para].line, confidence=confidence if len(items) >= 3 else 0.55,
                rule=f"enumeration:{first.family}", position=(offset + first.para) * 10000 + first.start,
                item_contexts=tuple(contexts), lead=lead))
        offset += len(paras)
    return found


def _run_items(paras: tuple[Paragraph, ...], run: list[_Marker]) -> tuple[list[str], list[str]]:
    items, contexts = [], []
    for i, m in enumerate(run):
        nxt = run[i + 1] if i + 1 < len(run) else None
        text = paras[m.para].text
        same_para = nxt is not None and nxt.para == m.para
        segment = text[m.end:min(nxt.start if same_para else len(text), m.end + LEAD_WINDOW)]
        inline = same_para and text[max(0, nxt.start - 4):nxt.start].rstrip().endswith(("，", ","))
        items.append(trim_item(segment, inline))
        contexts.append(_sentence_at(text, m.start))
    return [clean(i) for i in strip_shared_lead(items)], contexts


def _sentence_at(text: str, pos: int) -> str:
    """The sentence around ``pos``, looking no further than ``LEAD_WINDOW`` characters either way."""
    low, high = max(0, pos - LEAD_WINDOW), min(len(text), pos + LEAD_WINDOW)
    start = max(text.rfind(ch, low, pos) for ch in "。！？；")
    ends = [i for i in (text.find(ch, pos, high) for ch in "。！？；") if i >= 0]
    return text[(start + 1 if start >= 0 else low):(min(ends) + 1 if ends else high)].strip()


def _lead_sentence(paras: tuple[Paragraph, ...], first: _Marker) -> str:
    """The sentence just before the first item: in its paragraph up to the marker, else ending the paragraph before."""
    before = paras[first.para].text[max(0, first.start - LEAD_WINDOW):first.start].strip()
    if not before and first.para > 0:
        before = paras[first.para - 1].text[-LEAD_WINDOW:]
    sentences = split_sentences(before)
    return sentences[-1] if sentences else ""


def _lead_name(lead: str) -> str:
    """A lead sentence as a list name: its closing clauses when the sentence is long (…，主要做了以下工作：)."""
    lead = lead.strip("：:，。； ")
    if len(lead) <= LONG_LEAD:
        return lead
    name = ""
    for clause in reversed([c for c in re.split(r"[，,]", lead) if c]):
        if len(name) >= MIN_NAME or len(clause) + len(name) > LONG_LEAD:
            break
        name = f"{clause}，{name}" if name else clause
    return name if len(name) >= MIN_NAME else tail_words(lead, LONG_LEAD).lstrip("》」』”）)")


# ---------------------------------------------------------------- bullets: short sentences opening paragraphs

def lead_bullets(article: Article) -> list[FoundList]:
    """Paragraphs opening with a short sentence (必须坚持人民至上。…) after a lead ending in a colon or a sub-heading.

    The form of a report that sets its points in bold at the head of each paragraph, with no numbering.
    """
    found = []
    offset = 0
    for section in article.sections:
        paras = section.paragraphs
        for i, lead in enumerate(paras):
            subheading = SUBHEADING.match(lead.text)
            announced = lead.text.endswith(("：", ":")) or subheading
            items, contexts = [], []
            for para in paras[i + 1:i + 1 + MAX_BULLETS]:
                if SUBHEADING.match(para.text) or NUMBERED_START.match(para.text) or para.text.endswith(("：", ":")):
                    break  # the next lead, or numbered items that are a list of their own
                first = split_sentences(para.text)[0]
                if BULLET.match(first) and len(HAN_RE.findall(first)) <= SHORT_BULLET:
                    if not announced and items and not _shared_opening([items[0], clean(first)]):
                        break  # the text after the last parallel bullet
                    items.append(clean(first))
                    contexts.append(first)
                elif not announced:
                    break  # unannounced bullets are consecutive paragraphs
            if len(items) < 3 or not (announced or _shared_opening(items)):
                continue
            if not announced and i > 0 and _shared_opening([*items, clean(split_sentences(lead.text)[0])]):
                continue  # the lead is one of them: the run started earlier
            name = heading_name(lead.text) if subheading else _lead_name(split_sentences(lead.text)[-1])
            found.append(FoundList(
                name=name, count=None, kind="enumerated", items=tuple(items), article=article.index,
                context=contexts[0], line=paras[i + 1].line, confidence=0.6, rule="bullets",
                position=(offset + i + 1) * 10000, item_contexts=tuple(contexts), lead=lead.text[-200:]))
        offset += len(paras)
    return found


def _shared_opening(items: list[str]) -> bool:
    """Whether every item opens on the same two or more characters (必须坚持人民至上。必须坚持自信自立。…).

    Bullets after a lead that does not announce them (…贯穿其中的立场观点方法。) count only when they are parallel.
    """
    head = items[0][:MIN_SHARED_OPENING]
    return len(HAN_RE.findall(head)) == MIN_SHARED_OPENING and all(i.startswith(head) for i in items)


# ---------------------------------------------------------------- colon lists

def colon_lists(article: Article) -> list[FoundList]:
    """"……是：A，B，C": three or more short parts after a lead clause ending in a colon."""
    found = []
    for pi, para in enumerate(article.paragraphs):
        for m in COLON_LIST.finditer(para.text):
            lead = m.group("lead").strip()
            parts = split_items(m.group("body"))
            if NUMBERED_START.match(m.group("body")):
                continue  # ：一是…；二是…: an enumeration, read by its own rule
            if len(parts) < 2 or any(len(HAN_RE.findall(p)) > MAX_NAMED_COLON_PART or len(p) < 2 for p in parts):
                continue
            name = _lead_name(COLON_LEAD_VERB.sub("", lead))
            announced = COLON_LEAD_VERB.search(lead) or ANNOUNCING.search(lead)
            confidence = 0.55 if announced and len(name) >= MIN_NAME else 0.45
            if len(parts) < 3 or any(len(HAN_RE.findall(p)) > MAX_COLON_PART for p in parts):
                confidence = NEEDS_NAME  # 分两步走：A；B。 two parts, or long ones, only under a counted name
            found.append(FoundList(
                name=name or lead, count=None, kind="enumerated", items=tuple(parts), article=article.index,
                context=m.group(0), line=para.line, confidence=confidence, rule="colon",
                position=pi * 10000 + m.start(), lead=lead))
    return found


# ---------------------------------------------------------------- outlines

def outline(article: Article) -> FoundList | None:
    """An article's own section headings (three or more, each with body text), named by its title."""
    headed = [s for s in article.sections if s.heading is not None and s.paragraphs]
    if len(headed) < 3 or len(headed) != sum(1 for s in article.sections if s.heading is not None):
        return None
    if any(PART_TITLE.match(s.heading) for s in headed):
        return None  # a report's numbered part titles are not a set to recite
    items = tuple(clean(s.heading) for s in headed)
    return FoundList(article.title, None, "outline", items, article.index, headed[0].heading,
                     headed[0].heading_line or article.line, 0.6 if not article.untitled else 0.5,
                     "outline", 0)


def body_sections(article: Article, skip: set[int]) -> Article:
    """``article`` without the sections whose index is in ``skip`` (a glossary is read by its own rule)."""
    if not skip:
        return article
    kept: tuple[Section, ...] = tuple(s for i, s in enumerate(article.sections) if i not in skip)
    return Article(index=article.index, source=article.source, title=article.title, author=article.author,
                   untitled=article.untitled, sections=kept, line=article.line)


# ---------------------------------------------------------------- parallel clauses: 是…，是…，是…

CLAUSE_SEP = re.compile(r"[，,；;：:]")
PRONOUN_SUBJECT = re.compile(r"^(?:这|那|它|其|此|也|都|还|就|又)")
MIN_SHARED_END = 2  # characters every predicate ends on: 的现代化, 的必由之路
MAX_PARALLEL_CLAUSE = 40
COPULA = "是"
# a copula, not the 是 of 凡是 但是 还是 就是 …
COPULA_RE = re.compile(r"(?<![凡但还于只或若要可总而就正即也都不])是(?![否非])")


def _shared_end(parts: list[str]) -> str:
    end = parts[0]
    for p in parts[1:]:
        while end and not p.endswith(end):
            end = end[1:]
    return end


def _clause_runs(sentence: str) -> list[list[str]]:
    clauses = [c.strip().rstrip("。！？!?") for c in CLAUSE_SEP.split(sentence)]
    runs, run = [], []
    for c in clauses:
        if c and (c.startswith(COPULA) or COPULA_RE.search(c)) and len(c) <= MAX_PARALLEL_CLAUSE:
            run.append(c)
        else:
            if len(run) >= 3:
                runs.append(run)
            run = []
    if len(run) >= 3:
        runs.append(run)
    return runs


def parallel_clauses(article: Article) -> list[FoundList]:
    """Three or more parallel judgments in one sentence, all ending on the same words.

    * one subject, several predicates: 中国式现代化是A的现代化，是B的现代化，是C的现代化 → A的现代化, B的…, named
      by the subject;
    * one predicate ending, several subjects: A是…的必由之路，B是…的必由之路，C是…的必由之路 → the clauses whole,
      named by the shared ending.

    A run whose subject is a pronoun (这是…的胜利，是…的胜利) names nothing a learner recites and is left out.
    """
    found = []
    for pi, para in enumerate(article.paragraphs):
        for sentence in split_sentences(para.text):
            for run in _clause_runs(sentence):
                first = run[0]
                m = COPULA_RE.search(first)
                subject = first[:m.start()] if m else ""
                rest = run[1:]
                if subject and all(c.startswith(COPULA) for c in rest):
                    items = [first[len(subject) + 1:]] + [c[1:] for c in rest]
                    if PRONOUN_SUBJECT.match(subject) or len(HAN_RE.findall(subject)) < 3:
                        continue
                    name = subject
                elif all(not c.startswith(COPULA) and not PRONOUN_SUBJECT.match(c) for c in run):
                    items, name = run, ""
                else:
                    continue
                end = _shared_end(items)
                if len(HAN_RE.findall(end)) < MIN_SHARED_END or any(len(i) <= len(end) + 1 for i in items):
                    continue
                name = name or end.lstrip("的")
                if len(name) < 2:
                    continue
                start = para.text.find(first)
                found.append(FoundList(
                    name=name, count=None, kind="enumerated", items=tuple(clean(i) for i in items),
                    article=article.index, context=sentence, line=para.line, confidence=0.6,
                    rule="parallel", position=pi * 10000 + max(0, start), lead=sentence[:max(0, sentence.find(first))]))
    return found
