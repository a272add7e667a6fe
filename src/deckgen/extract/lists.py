"""Lists: counted names tied to their items, enumerations, and outlines.

Three sources of lists, merged by ``extract``:

* enumerations — 一是…二是…, 第一，…第二，…, （一）（二）, ①②, 首先…其次…最后, named by
  the section heading or the sentence that leads into them;
* counted names — a name carrying a number (六个必须坚持, 五治融合, 三个清单, 三升一降)
  whose items precede it (资源、需求、服务“三个清单”) or follow it as same-shaped clauses
  (以政治强引领…以法治筑平安…);
* outlines — an article's own section headings, three or more.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Article, Paragraph
from ..normalize import ITEM_START
from ..segment import split_sentences
from ..text import HAN_RE, NUMERAL_CHARS, chinese_number, match_key, strip_quotes
from .words import tail_words

N = NUMERAL_CHARS
MARKERS = (
    # (family, regex); group "n" is the numeral. Each must sit at a sentence or clause start.
    ("shi", re.compile(rf"(?:^|(?<=[。；！？，：\s”]))(?P<n>[{N}]{{1,2}})是(?![否非])")),
    ("di", re.compile(rf"(?:^|(?<=[。；！？：\s”]))第(?P<n>[{N}]{{1,2}})(?:[，、：]|是)")),
    ("paren", re.compile(rf"(?:^|(?<=[。；！？：\s]))[（(](?P<n>[{N}]{{1,2}})[)）]")),
    ("circled", re.compile(r"(?P<n>[①-⑳])")),
    ("order", re.compile(r"(?:^|(?<=[。；！？，：\s]))(?P<n>首先|其次|再次|最后)[，、,]?")),
)
ORDER_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}
SHORT_ITEM = 16  # an item sentence this short (in Han characters) is kept whole: 加强宣传教育，培树文明新风
QUOTED_ITEM = re.compile(r"^(?P<lead>[^“”]{0,6})“(?P<q>[^“”]{2,30})”$")
COUNTED_NAME = re.compile(rf"^(?P<n>[{N}]{{1,2}})(?P<unit>个|项|大|条|种|类|位|者|级|小)?(?P<rest>\S+)$")
COMPOUND_PART = re.compile(rf"([{N}])([^{N}]+)")  # 三升一降 = 三升 + 一降, 三去一降一补, 三严三实
BEFORE_ITEMS = re.compile(r"(?P<items>[^，。；：]{1,40}(?:、[^，。；：、]{1,14})+(?:[和及与][^，。；：、]{1,12})?)$")
DASH_ITEMS = re.compile(r"“(?P<items>[^“”—]{1,6}(?:—[^“”—]{1,6}){1,9})”(?P<name>[一二三四五六七八九十][^，。；、“”]{1,10})")


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
    position: int  # reading order inside the source: paragraph index * 10000 + offset
    item_contexts: tuple[str, ...] = ()


def name_count(name: str) -> int | None:
    """The number a name states: 六个必须坚持 → 6, 三个一 → 3, 三升一降 → 4, 三严三实 → 6, 五治融合 → 5.

    None when the name states no count of items (三结三联三服务 repeats a numeral without naming parts).
    """
    key = match_key(name)
    parts = COMPOUND_PART.findall(key)
    if key.endswith("位一体"):
        return chinese_number(key[0])  # 五位一体: five in one, not 5 + 1
    if len(parts) >= 2 and "".join(n + rest for n, rest in parts) == key and all(len(r) == 1 for _, r in parts):
        return sum(chinese_number(n) or 0 for n, _ in parts) or None
    m = COUNTED_NAME.match(key)
    if not m or (m.group("unit") is None and any(ch in N for ch in m.group("rest"))):
        return None
    return chinese_number(m.group("n"))


# ---------------------------------------------------------------- items

def trim_item(segment: str, inline: bool) -> str:
    """The short form a learner recites, from the text after a marker.

    A short first sentence is kept whole (加强宣传教育，培树文明新风); otherwise, or
    when items run on inside one sentence, the first clause.
    """
    segment = segment.strip("，,、：: ")
    sentence = re.split(r"[。；！？]", segment, maxsplit=1)[0]
    clauses = [c for c in re.split(r"[，,：:]", sentence) if c]
    if not clauses:
        return ""
    if not inline and len(HAN_RE.findall(sentence)) <= SHORT_ITEM and len(clauses) <= 2:
        return sentence.strip("，, ")
    return clauses[0]


def strip_shared_lead(items: list[str]) -> list[str]:
    """深刻感悟“必须坚持人民至上” ×6 → 必须坚持人民至上: drop a lead shared by every item before its quote."""
    matches = [QUOTED_ITEM.match(i) for i in items]
    if len(items) >= 2 and all(matches) and len({m.group("lead") for m in matches}) == 1 and matches[0].group("lead"):
        return [m.group("q") for m in matches]
    return items


def _clean(item: str) -> str:
    return strip_quotes(item).strip("，,、。；： ")


# ---------------------------------------------------------------- enumerations

@dataclass(frozen=True, slots=True)
class _Marker:
    family: str
    value: int
    para: int  # index into the article's paragraphs
    start: int  # where the marker starts
    end: int  # where the item text starts


def _markers(paragraphs: tuple[Paragraph, ...]) -> list[_Marker]:
    found = []
    for pi, para in enumerate(paragraphs):
        text = para.text
        for family, regex in MARKERS:
            for m in regex.finditer(text):
                raw = m.group("n")
                value = ORDER_VALUES.get(raw) or (ord(raw) - 0x245F if family == "circled" else chinese_number(raw))
                if value:
                    found.append(_Marker(family, value, pi, m.start(), m.end()))
        # a "一是" whose "一" was lost at a PDF break: the paragraph (or a joined block) starts with "是"
        for start in para.raw_starts:
            if text.startswith("是", start) and not text.startswith("是否", start):
                found.append(_Marker("shi", 1, pi, start, start + 1))
    return sorted(found, key=lambda m: (m.para, m.start))


def _runs(markers: list[_Marker]) -> list[list[_Marker]]:
    """Runs of one family numbered 1, 2, 3, … (最后 closes an order run)."""
    runs: list[list[_Marker]] = []
    open_runs: dict[str, list[_Marker]] = {}
    for m in markers:
        run = open_runs.get(m.family)
        if run and (m.value == run[-1].value + 1 or (m.value == 99 and m.family == "order")):
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
            items, contexts = [], []
            for i, m in enumerate(run):
                nxt = run[i + 1] if i + 1 < len(run) else None
                text = paras[m.para].text
                end = nxt.start if nxt is not None and nxt.para == m.para else len(text)
                segment = text[m.end:end]
                inline = nxt is not None and nxt.para == m.para and text[:nxt.start].rstrip().endswith(("，", ","))
                items.append(trim_item(segment, inline))
                contexts.append(_sentence_at(text, m.start))
            items = [_clean(i) for i in strip_shared_lead(items)]
            if sum(1 for i in items if i) < 2:
                continue
            first = run[0]
            name, confidence = section.heading, 0.75
            if name is None or run is not runs[0]:
                name, confidence = _lead_name(paras, first), 0.6
            found.append(FoundList(
                name=name, count=None, kind="enumerated", items=tuple(items), article=article.index,
                context=contexts[0], line=paras[first.para].line, confidence=confidence if len(items) >= 3 else 0.55,
                rule=f"enumeration:{first.family}", position=(offset + first.para) * 10000 + first.start,
                item_contexts=tuple(contexts)))
        offset += len(paras)
    return found


def _sentence_at(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in "。！？；") + 1
    ends = [i for i in (text.find(ch, pos) for ch in "。！？；") if i >= 0]
    return text[start:(min(ends) + 1 if ends else len(text))].strip()


def _lead_name(paras: tuple[Paragraph, ...], first: _Marker) -> str:
    """The sentence before the first item, as the name of an enumeration with no heading."""
    before = paras[first.para].text[:first.start].strip()
    if not before and first.para > 0:
        before = paras[first.para - 1].text
    sentences = split_sentences(before)
    lead = sentences[-1] if sentences else paras[first.para].text[first.end:]
    return lead.strip("：:，。 ")[:40]


# ---------------------------------------------------------------- counted names

def _items_before(prefix: str, name: str) -> list[str] | None:
    """资源、需求、服务“三个清单” → [资源, 需求, 服务]; the first item trimmed to the others' length."""
    prefix = prefix.rstrip("“")
    m = BEFORE_ITEMS.search(prefix[:-1] if prefix.endswith("的") else prefix)
    if not m:
        return None
    raw = re.split(r"、|[和及与](?=[^、]*$)", m.group("items"))
    items = [_clean(i) for i in raw if _clean(i)]
    if len(items) < 2:
        return None
    longest = max(len(match_key(i)) for i in items[1:])
    items[0] = _clean(tail_words(strip_quotes(items[0]), longest))
    return items


def _same_shape_items(sentences: list[str], count: int) -> list[str] | None:
    """``count`` sentence-initial clauses of one shape (same first character, same length): 以政治强引领, 以法治筑平安…"""
    groups: dict[tuple[str, int], list[str]] = {}
    for s in sentences:
        clause = re.split(r"[，,：；。]", s, maxsplit=1)[0]
        key = match_key(clause)
        if 3 <= len(key) <= 12 and not ITEM_START.match(clause):
            groups.setdefault((key[0], len(key)), []).append(clause)
    for clauses in groups.values():
        if len(clauses) == count:
            return [_clean(c) for c in clauses]
    return None


def counted_lists(article: Article) -> list[FoundList]:
    """Counted names with items before them, inside dashed quotes, or as same-shaped clauses after them."""
    found = []
    paras = article.paragraphs
    sentences = [(pi, s) for pi, p in enumerate(paras) for s in split_sentences(p.text)]
    for si, (pi, sentence) in enumerate(sentences):
        for m in DASH_ITEMS.finditer(sentence):
            items = m.group("items").split("—")
            name = m.group("name")
            found.append(FoundList(name, name_count(name), "counted", tuple(items), article.index, sentence,
                                   paras[pi].line, 0.8, "counted:dashed", pi * 10000 + m.start()))
        for m in re.finditer(r"“([^“”]{2,12})”", sentence):
            name = m.group(1)
            count = name_count(name)
            if count is None or count < 2:
                continue
            items = _items_before(sentence[:m.start()], name)
            rule = "counted:before"
            if items is None:
                window = [s for _, s in sentences[si + 1:si + 15]]
                items = _same_shape_items(window, count)
                rule = "counted:parallel-clauses"
            if items is None:
                continue
            confidence = 0.85 if len(items) == count else 0.6
            found.append(FoundList(name, count, "counted", tuple(items), article.index, sentence,
                                   paras[pi].line, confidence, rule, pi * 10000 + m.start()))
    return found


def counted_names(article: Article) -> list[tuple[str, int, str, int, int]]:
    """Every quoted counted name: (name, count, sentence, line, position), to merge with enumerations."""
    names = []
    for pi, para in enumerate(article.paragraphs):
        for sentence in split_sentences(para.text):
            for m in re.finditer(r"“([^“”]{2,12})”", sentence):
                count = name_count(m.group(1))
                if count and count >= 2:
                    names.append((m.group(1), count, sentence, para.line, pi * 10000))
    return names


# ---------------------------------------------------------------- outlines

def outline(article: Article) -> FoundList | None:
    """An article's own section headings (three or more, each with body text), named by its title."""
    headed = [s for s in article.sections if s.heading is not None and s.paragraphs]
    if len(headed) < 3 or len(headed) != sum(1 for s in article.sections if s.heading is not None):
        return None
    if any(re.match(rf"^(?:[{N}]+、|第[{N}]+)", s.heading) for s in headed):
        return None  # a report's numbered part titles are not a set to recite
    items = tuple(strip_quotes(s.heading) for s in headed)
    return FoundList(article.title, None, "outline", items, article.index, headed[0].heading,
                     headed[0].heading_line or article.line, 0.6 if not article.untitled else 0.5,
                     "outline", 0)
