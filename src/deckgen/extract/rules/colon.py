""""……是：A，B，C" / "包括：A、B、C": short parts after a lead clause ending in a colon, named by that clause.

Two parts, or long ones (分两步走：A；B。), make a list only when a counted name in the lead names it (``needs_name``).
What follows a colon is no list when it is a quotation or an oath: words to be said, not items to recite.
"""
from __future__ import annotations

import re

from ...models import Article
from ...normalize import NUMBERED_START
from ...text import HAN_RE
from ..candidate import Candidate, Span
from ..context import Context
from ..items import split_items
from ..leads import MIN_NAME, lead_name

COLON_LIST = re.compile(r"(?:^|(?<=[。；！？]))(?P<lead>[^。；！？：]{2,80})[：:](?P<body>[^：:。！？]{6,200})(?:。|$)")
COLON_LEAD_VERB = re.compile(r"[，,]?(?:这就是|主要是|主要有|分别是|概括为|包括|就是|即|是|为|有)$")
# a lead that announces what follows: 必须牢牢把握以下重大原则： / 具体如下：
ANNOUNCING = re.compile(r"(?:以下|如下)[\u4e00-\u9fff]{0,8}$")
# a verb that announces, not part of the name: 一年来的成就集中表现在：
ANNOUNCING_VERB = re.compile(r"(?:表现在|体现在|概括起来)$")
MAX_COLON_PART = 16
MAX_NAMED_COLON_PART = 40  # parts this long, or only two, make a list only when a counted name in the lead names it
ANNOUNCED = 0.55
UNANNOUNCED = 0.45


def announces(lead: str) -> bool:
    """Whether a lead clause ending at a colon announces what follows (……是：, 主要有：, 以下原则：, 表现在：)."""
    return bool(COLON_LEAD_VERB.search(lead) or ANNOUNCING.search(lead) or ANNOUNCING_VERB.search(lead))


# a lead that gives words to be said, not a set to learn: 入党誓词为：/ 誓词如下：/ 宣誓：
OATH = re.compile(r"誓词|誓言|宣誓")


def quotation(body: str) -> bool:
    """Whether what follows a colon is one quotation (毛主席的指示：“抓军队工作，无非就是…”): speech, not a list."""
    body = body.strip()
    return body.startswith("“") and body.find("”") in (-1, len(body) - 1)


def colon_name(lead: str, ctx: Context) -> str:
    """A colon lead as a list name: without its verb (今年发展主要预期目标是 → 今年发展主要预期目标)."""
    return lead_name(ANNOUNCING_VERB.sub("", COLON_LEAD_VERB.sub("", lead)), ctx.words)


def find(article: Article, ctx: Context) -> list[Candidate]:
    found = []
    for pi, para in enumerate(article.paragraphs):
        for m in COLON_LIST.finditer(para.text):
            lead = m.group("lead").strip()
            if NUMBERED_START.match(m.group("body")) or quotation(m.group("body")) or OATH.search(lead):
                continue  # ：一是…；二是…: an enumeration, read by its own rule; ：“…”: a quotation; an oath
            parts = split_items(m.group("body"), ctx.words)
            if len(parts) < 2 or any(len(HAN_RE.findall(p)) > MAX_NAMED_COLON_PART or len(p) < 2 for p in parts):
                continue
            name = colon_name(lead, ctx)
            found.append(Candidate(
                name=name or lead, kind="enumerated", items=tuple(parts), span=Span(pi, m.start()), line=para.line,
                context=m.group(0), confidence=ANNOUNCED if announces(lead) and len(name) >= MIN_NAME else UNANNOUNCED,
                lead=lead, needs_name=len(parts) < 3 or any(len(HAN_RE.findall(p)) > MAX_COLON_PART for p in parts)))
    return found
