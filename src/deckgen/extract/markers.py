"""Enumeration markers: 一是 第一 （一） （1） 1. ① 首先 ——, as one table, and the runs they number.

Each marker family is a regex whose group ``n`` is the numeral; a marker must stand at a sentence or clause start.
A run is one family numbered 1, 2, 3, … in reading order (最后 closes an order run).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Paragraph
from ..text import NUMERAL_CHARS, chinese_number

N = NUMERAL_CHARS
MARKERS = (
    ("shi", re.compile(rf"(?:^|(?<=[。；！？，：\s”]))(?P<n>[{N}]{{1,2}})是(?![否非])")),
    ("yao", re.compile(rf"(?:^|(?<=[。；！？：\s”]))(?P<n>[{N}]{{1,2}})要(?![求素点件])")),
    ("di", re.compile(rf"(?:^|(?<=[。；！？：\s”]))第(?P<n>[{N}]{{1,2}})(?:[，、：]|是)")),
    ("paren", re.compile(rf"(?:^|(?<=[。；！？：\s]))[（(](?P<n>[{N}]{{1,2}})[)）]")),
    ("paren-digit", re.compile(r"(?:^|(?<=[。；！？：\s]))[（(](?P<n>\d{1,2})[)）]")),
    ("digit", re.compile(r"(?:^|(?<=[。；！？：\s]))(?P<n>\d{1,2})[.．、](?!\d)")),
    ("circled", re.compile(r"(?P<n>[①-⑳])")),
    ("order", re.compile(r"(?:^|(?<=[。；！？，：\s]))(?P<n>首先|其次|再次|最后)[，、,]?")),
    ("dun", re.compile(rf"(?:^|(?<=[：；]))(?P<n>[{N}]{{1,2}})、")),
)
# families that are a list only after a lead ending in a colon (抓好以下几件事：一、…；二、…): elsewhere 一、二、 are a
# report's part titles
ANNOUNCED_ONLY = frozenset({"dun"})
# families whose numbering may run on across a document's parts (a 决定's （1）…（60）)
RUN_ON_FAMILIES = frozenset({"paren", "paren-digit", "digit"})
ORDER_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}
LAST = 99  # the value of 最后: it closes a run of any length
DASH_BULLET = re.compile(r"^[—-]{2,}")
MARKER_OPENING = re.compile(rf"[{N}\d（(第①-⑳首其再最]")  # the first character of every marker of ``MARKERS``
# a section heading's own numbering: 三、 （二） 第四部分 2.
HEADING_NUMBER = re.compile(rf"^(?:[{N}]+[、．.]|[（(][{N}\d]+[)）]|第[{N}]+(?:部分|章|节|条)?[　\s、：:]?|\d+[.．、])\s*")
PART_TITLE = re.compile(rf"^(?:[{N}]+、|第[{N}]+)")


@dataclass(frozen=True, slots=True)
class Marker:
    family: str
    value: int
    para: int  # index into the paragraphs scanned
    start: int  # where the marker starts
    end: int  # where the item text starts


def _value(family: str, raw: str) -> int | None:
    if family == "circled":
        return ord(raw) - 0x245F
    return ORDER_VALUES.get(raw) or (int(raw) if raw.isdigit() else chinese_number(raw))


def find_markers(paragraphs: tuple[Paragraph, ...]) -> list[Marker]:
    """Every marker in ``paragraphs`` in reading order, with the dash bullets of consecutive paragraphs numbered."""
    found = []
    dash_value = 0
    for pi, para in enumerate(paragraphs):
        text = para.text
        found += [Marker(family, value, pi, start, end) for family, value, start, end in _markers_in(text, para.raw_starts)]
        dash = DASH_BULLET.match(text)
        dash_value = dash_value + 1 if dash else 0
        if dash:
            found.append(Marker("dash", dash_value, pi, 0, dash.end()))
    return sorted(found, key=lambda m: (m.para, m.start))


@lru_cache(maxsize=1 << 12)
def _markers_in(text: str, raw_starts: tuple[int, ...]) -> tuple[tuple[str, int, int, int], ...]:
    """The markers of one paragraph (family, value, start, end), in table order. Remembered: the enumeration rule
    reads every section's paragraphs and the headings rule all of them again, and the table's regexes try every
    position of a text."""
    found = []
    for family, regex in MARKERS:
        for m in regex.finditer(text):
            value = _value(family, m.group("n"))
            if value:
                found.append((family, value, m.start(), m.end()))
    # a "一是" whose "一" was lost at a PDF break: the paragraph (or a joined block) starts with "是"
    for start in raw_starts:
        if text.startswith("是", start) and not text.startswith("是否", start):
            found.append(("shi", 1, start, start + 1))
    return tuple(found)


def opening_markers(paragraphs: tuple[Paragraph, ...]) -> list[Marker]:
    """The marker opening each paragraph, if any (（一）…, 第一，…): ``find_markers`` at each paragraph's start only,
    for rules that read numbered headings and never a marker inside a paragraph."""
    found = []
    for pi, para in enumerate(paragraphs):
        if not MARKER_OPENING.match(para.text):
            continue
        for family, regex in MARKERS:
            m = regex.match(para.text)
            value = _value(family, m.group("n")) if m else None
            if value:
                found.append(Marker(family, value, pi, 0, m.end()))
    return found


def numbered_runs(markers: list[Marker], run_on: dict[str, int] | None = None) -> list[list[Marker]]:
    """Runs of one family numbered 1, 2, 3, … of two or more markers.

    ``run_on`` holds, per family of ``RUN_ON_FAMILIES``, the last number of the part before: the part's first marker
    of that family, opening a paragraph, may go on from it (a 决定 numbers its （1）…（60） across its parts: （5）（6）…
    under part 二 are part 二's list, whether they open the part or follow its unnumbered lead paragraph).
    """
    runs: list[list[Marker]] = []
    open_runs: dict[str, list[Marker]] = {}
    seen: set[str] = set()
    for m in markers:
        first_of_family = m.family not in seen
        seen.add(m.family)
        if run_on and first_of_family and m.family in RUN_ON_FAMILIES and m.start == 0 \
                and m.value == run_on.get(m.family, -1) + 1:
            open_runs[m.family] = [m]
            runs.append(open_runs[m.family])
            continue
        run = open_runs.get(m.family)
        order = open_runs.get("order")
        if m.family == "di" and m.value >= 2 and order and order[-1].value == m.value - 1 \
                and (not run or run[-1].value != m.value - 1):
            order.append(m)  # 首先…其次…第三…, 首先…第二…第三…: a text switching markers mid-run
            open_runs[m.family] = order  # 第四… goes on with it, whatever 首先 opens inside an item
        elif run and (m.value == run[-1].value + 1 or (m.value == LAST and m.family == "order")):
            run.append(m)
        elif m.value == 1:
            run = [m]
            open_runs[m.family] = run
            runs.append(run)
    return [r for r in runs if len(r) >= 2]


def heading_name(heading: str) -> str:
    """A section heading as a list name: without its numbering (五、贯彻新发展理念 → 贯彻新发展理念)."""
    return HEADING_NUMBER.sub("", heading).strip() or heading
