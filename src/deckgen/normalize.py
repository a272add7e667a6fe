"""Stage 2: repair text broken by PDF extraction into display paragraphs.

PDF-extracted pages break lines and paragraphs mid-sentence, put spaces between
Chinese characters and use ASCII punctuation (``,`` ``"`` ``:``) inside Chinese.
This stage joins a block that does not end a sentence with the next one, drops
spaces next to Chinese characters, turns ASCII punctuation in Chinese context
into its full-width form and pairs ASCII quotes into “…”. It keeps, for each
paragraph, the source lines it came from: the map back to the original.

Short blocks with no sentence punctuation are headings; they are never joined
with body text, and consecutive heading lines form one heading. Two exceptions,
both from scraped web pages that put a link on a line of its own: a block that
starts with continuing punctuation (``、全面从严治党…``) always joins the block
before it, and a short block after a body block cut at a comma joins it too.

Web pages bring chrome around the text (下载 打印 全屏, 【字号：…】, 您的位置：首页 >
…, 来源： / 时间： lines) and a footer (相关报道：, 相关文档：, 扫一扫…): chrome lines
are dropped and nothing after a footer line is kept, so none of it reaches the
extractor. Footnote references (［2］) are removed from body text; a line that
starts with one is a note of a glossary and keeps it.
"""
from __future__ import annotations

import re

from .models import Document, Paragraph
from .text import CJK, SENTENCE_END

HEADING_MAX = 40
# A numbered item or part title: a block starting like this begins a new paragraph even when the previous one
# was cut mid-sentence, and is never merged into the heading above it.
NUMBERED_START = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、是]|[（(][一二三四五六七八九十]+[)）]"
                            r"|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳]|首先|其次|再次|最后)")
# …and "——" dash bullets, "•" bullets: a block starting like either begins a new paragraph
BULLET_MARK = "•●▪◆◇►"
ITEM_START = re.compile(rf"^(?:[—-]{{2,}}|[{BULLET_MARK}]|{NUMBERED_START.pattern[1:]})")
AUTHOR_LINE = re.compile(r"^(?:□|■|◎|文[/／|｜]|作者[：:])\s*\S{2,12}$")
END_PUNCT = SENTENCE_END + "”’」』)）"
# "（一）聚力促进更高水平开放" alone on its line: a numbered sub-heading, not a sentence cut short
SUBHEADING = re.compile(rf"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．])[^。！？；：，,]{{2,{HEADING_MAX}}}$")
LEAD_IN_MIN = 20
# punctuation that cannot start a block: the block continues the one before it
CONTINUES = "，、。；：！？）」』”,;:.)"

CHROME_LINE = re.compile(
    r"^(?:下载|打印|全屏|收藏|分享到?[:：]?|分享到微信|【字号[:：]?|【字体[:：]?|加大|还原|减小|[大中小]|"
    r"首页|打印本页|关闭窗口|【打印本页】|【关闭窗口】|[>＞»|｜【】×\-—_=]+|"
    r"》》点击.*|(?:您的|当前)位置[:：].*|(?:来源|时间|发布时间|发表时间|阅读量|浏览次数|点击数|"
    r"编辑|责任编辑|责编|字号)[:：].*|（来源[:：][^）]*）|[\d\-/:：. 年月日]{8,}|手机版|纠错|微信公众号|官方微博|"
    r"我要投稿|[\d\s]+)$")
# a short line made only of chrome words ("共产党员网 打印 纠错"), or holding a web address or a date-time stamp
# ("思想学习2018-08-18李一老师", "2019-08-20 10:50:00 来源：…"): page furniture, not text
CHROME_WORDS = re.compile(r"(?:打印|纠错|分享|收藏|关闭|下载|全屏|评论|推荐){2,}$")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./-]+", re.ASCII)
DATE_STAMP = re.compile(r"(?<!\d)(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
CHROME_MAX = 60
# a label whose value sits on the next line: "来源：" / "宁夏日报客户端"
CHROME_LABEL = re.compile(r"^(?:来源|时间|发布时间|发表时间|阅读量|浏览次数|点击数|编辑|责任编辑)[:：]$")
FOOTER_LINE = re.compile(r"^(?:相关(?:报道|文档|链接|阅读|新闻)|扫一扫在手机打开当前页|【?打印本页】?\s*【?关闭窗口】?)[:：]?$")
BREADCRUMB = re.compile(r"^[>＞»]$")
FOOTNOTE_REF = re.compile(r"(?<!^)[［\[]\d{1,3}[］\]]")

_SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}\u3000-\u303f\uff00-\uffef“”‘’])\s+|\s+(?=[{CJK}\u3000-\u303f\uff00-\uffef“”‘’])")
_ASCII_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{CJK}”’）])([,:;?!])|([,:;?!])(?=[{CJK}“‘（])")
_PAREN_NEAR_CJK = re.compile(rf"\(([^()]*[{CJK}][^()]*)\)")


def repair_line(text: str) -> str:
    """Spaces and ASCII punctuation of one line, repaired for display (quotes are paired per paragraph)."""
    text = text.replace("\u200b", "").replace("\u200d", "").replace("\ufeff", "")
    text = _SPACE_NEAR_CJK.sub("", text.strip())
    text = _ASCII_PUNCT_NEAR_CJK.sub(lambda m: _ASCII_PUNCT[m.group(1) or m.group(2)], text)
    return _PAREN_NEAR_CJK.sub(r"（\1）", text)


def pair_ascii_quotes(text: str) -> str:
    """Turn ASCII double quotes into alternating “ and ”."""
    if '"' not in text:
        return text
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def is_heading_text(text: str) -> bool:
    """A short block with no sentence punctuation: a title, section heading or caption."""
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX:
        return False
    if any(ch in stripped for ch in "。！？；：:;") or stripped[-1] in "，、,":
        return False
    return not stripped.startswith(("(", "（", *BULLET_MARK))


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in END_PUNCT


def _raw_blocks(doc: Document) -> list[tuple[str, int]]:
    """(text, 1-based line) of every non-empty line, or the reader's own blocks."""
    if doc.blocks is not None:
        return [(b, i + 1) for i, b in enumerate(doc.blocks) if b.strip()]
    return [(line, i + 1) for i, line in enumerate(doc.text.splitlines()) if line.strip()]


def drop_chrome(blocks: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The blocks without web-page chrome, breadcrumbs, metadata labels and anything after a footer line."""
    kept: list[tuple[str, int]] = []
    skip_next = False
    for i, (text, line) in enumerate(blocks):
        if FOOTER_LINE.match(text):
            break
        following = blocks[i + 1][0] if i + 1 < len(blocks) else ""
        crumb = BREADCRUMB.match(following) and len(text) <= 12
        if skip_next or crumb or CHROME_LINE.match(text) or _is_furniture(text):
            skip_next = bool(CHROME_LABEL.match(text)) or bool(BREADCRUMB.match(text))
            if BREADCRUMB.match(text) and kept and len(kept[-1][0]) <= 12:
                kept.pop()  # the crumb before the separator
            continue
        kept.append((text, line))
    return kept


def _is_furniture(text: str) -> bool:
    """A short line of chrome words, or with a web address or a date stamp and no sentence in it."""
    if len(text) > CHROME_MAX or any(ch in text for ch in "。！？；"):
        return False
    if CHROME_WORDS.search(text):
        return True
    return bool(WEB_ADDRESS.search(text) or DATE_STAMP.search(text))


def _is_title_line(text: str) -> bool:
    """The first line of a page may be a title with a colon in it: "讲稿：坚持…", "某某：高举旗帜…"."""
    return len(text) <= HEADING_MAX and not any(ch in text for ch in "。！？；") and text[-1] not in "：:，、," \
        and text.count("：") + text.count(":") == 1 and not text.startswith(("(", "（"))


def _starts_lost_marker(text: str, following: str) -> bool:
    """A block starting "是…" whose "一" was lost, recognisable because "二是" follows."""
    return text.startswith("是") and "二是" in (text + following)[:400]


def _leads_in(text: str) -> bool:
    """A whole sentence ending in a colon leads into the paragraphs after it; a short label ("［1］一降三减：") does not."""
    return text.endswith(("：", ":")) and len(text) >= LEAD_IN_MIN


def _continues(text: str, prev: dict) -> bool:
    """A block that starts with continuing punctuation, or a short line after a body block cut at a comma.

    A parenthesised note cut at a comma ("（作者系…处长，") is the end of a piece, not a sentence: the title of
    the next piece may follow it.
    """
    if text[0] in CONTINUES:
        return True
    last = prev["parts"][-1]
    return not prev["heading"] and last[-1] in "，、" and not last.startswith(("(", "（")) and is_heading_text(text)


def _absorb_link_line(paragraphs: list[dict]) -> None:
    """A one-line "heading" between a cut body block and a continuing block was a link: rejoin all three."""
    if len(paragraphs) < 2:
        return
    link, before = paragraphs[-1], paragraphs[-2]
    if link["heading"] and len(link["parts"]) == 1 and not before["heading"] \
            and not ends_sentence(before["parts"][-1]):
        paragraphs.pop()
        before["raw_starts"].append(sum(len(p) for p in before["parts"]))
        before["parts"].append(link["parts"][0])
        before["end_line"] = link["end_line"]


def normalize(doc: Document) -> tuple[Paragraph, ...]:
    """Repaired paragraphs of ``doc`` in reading order."""
    blocks = [(FOOTNOTE_REF.sub("", repair_line(text)), line) for text, line in _raw_blocks(doc)]
    blocks = drop_chrome([(t, line) for t, line in blocks if t])
    paragraphs: list[dict] = []
    for i, (text, line) in enumerate(blocks):
        heading = is_heading_text(text) or bool(AUTHOR_LINE.match(text)) or (i == 0 and _is_title_line(text))
        prev = paragraphs[-1] if paragraphs else None
        following = blocks[i + 1][0] if i + 1 < len(blocks) else ""
        if prev is not None and _continues(text, prev):
            _absorb_link_line(paragraphs)
            prev = paragraphs[-1]
            prev["raw_starts"].append(sum(len(p) for p in prev["parts"]))
            prev["parts"].append(text)
            prev["end_line"] = line
            prev["heading"] = False
            continue
        if prev is not None and heading and prev["heading"] and not AUTHOR_LINE.match(text) \
                and not NUMBERED_START.match(text) \
                and not AUTHOR_LINE.match(prev["parts"][-1]) and len(prev["parts"]) < 3:
            prev["parts"].append(text)  # a heading split over lines
            prev["end_line"] = line
            continue
        joinable = (prev is not None and not heading and not prev["heading"]
                    and not ends_sentence(prev["parts"][-1]) and not ITEM_START.match(text)
                    and not SUBHEADING.match(prev["parts"][-1]) and not _leads_in(prev["parts"][-1])
                    and not _starts_lost_marker(text, following))
        if joinable:
            prev["raw_starts"].append(sum(len(p) for p in prev["parts"]))
            prev["parts"].append(text)
            prev["end_line"] = line
        else:
            paragraphs.append({"parts": [text], "line": line, "end_line": line, "heading": heading,
                               "raw_starts": [0]})
    return tuple(
        Paragraph(text=pair_ascii_quotes(("　" if p["heading"] else "").join(p["parts"])), line=p["line"],
                  end_line=p["end_line"], is_heading=p["heading"], raw_starts=tuple(p["raw_starts"]))
        for p in paragraphs)
