"""Stage 2: repair text broken by PDF extraction into display paragraphs.

PDF-extracted pages break lines and paragraphs mid-sentence, put spaces between
Chinese characters and use ASCII punctuation (``,`` ``"`` ``:``) inside Chinese.
This stage joins a block that does not end a sentence with the next one, drops
spaces next to Chinese characters, turns ASCII punctuation in Chinese context
into its full-width form and pairs ASCII quotes into “…”. It keeps, for each
paragraph, the source lines it came from: the map back to the original.

Before that, ``rejoin_lines`` decides for every line break whether it ends a
paragraph or only wraps a line: the one place where lines are joined, for every
format that can carry hard wraps (PDF lines, text copied out of a PDF column,
Word's manual breaks, ``<br>``, a scraper's link put on a line of its own). It
reads the text itself: a line that fills the column (its length against the
width of the lines around it) continues on the next line unless the next is
indented or starts an item; an unclosed 《 or （ continues; a line starting with
》 or ） continues the one before. So a text wrapped at any width gives the
paragraphs of the unwrapped one.

Short blocks with no sentence punctuation are headings; they are never joined
with body text, and consecutive heading lines form one heading. Two exceptions,
both from scraped web pages that put a link on a line of its own: a block that
starts with continuing punctuation (``、全面从严治党…``) always joins the block
before it, and a short block after a body block cut at a comma joins it too.

Web pages bring chrome around the text (下载 打印 全屏, 【字号：…】, 您的位置：首页 >
…, 来源： / 时间： lines) and a footer (相关报道：, 相关文档：, 扫一扫…): chrome lines
are dropped and nothing after a footer line is kept, so none of it reaches the
extractor; so is a newspaper's masthead line (第3版, a date with its weekday), which must never become an
article's title. Footnote references (［2］) are removed from body text and the words before each, back to a
clause break, are kept as ``Paragraph.noted``: the source's own sign that a note explains them. A line that
starts with one is a note of a glossary and keeps it.
"""
from __future__ import annotations

import collections
import functools
import re
import unicodedata

from .models import Document, Paragraph
from .readers import INDENT
from .text import CJK, SENTENCE_END

HEADING_MAX = 40
# A numbered item or part title: a block starting like this begins a new paragraph even when the previous one
# was cut mid-sentence, and is never merged into the heading above it.
NUMBERED_START = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、是]|[（(][一二三四五六七八九十]+[)）]"
                            r"|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳]|首先|其次|再次|最后)")
# …and "——" dash bullets, "•" bullets: a block starting like either begins a new paragraph
BULLET_MARK = "•●▪◆◇►"
ITEM_START = re.compile(rf"^(?:[—-]{{2,}}|[{BULLET_MARK}]|{NUMBERED_START.pattern[1:]})")
DASH_START = re.compile(r"^[—-]{2,}")  # a "——" bullet: an item of its own, even when short enough for a heading
AUTHOR_LINE = re.compile(r"^(?:□|■|◎|文[/／|｜]|作者[：:])\s*\S{2,12}$")
END_PUNCT = SENTENCE_END + "”’」』)）"
# "（一）聚力促进更高水平开放" alone on its line: a numbered sub-heading, not a sentence cut short
SUBHEADING = re.compile(rf"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．])[^。！？；：，,]{{2,{HEADING_MAX}}}$")
LEAD_IN_MIN = 20
# punctuation that cannot start a block: the block continues the one before it
CONTINUES = "，、。；：！？）」』”》,;:.)"

# hard-wrapped text (see ``rejoin_lines``)
WRAP_WINDOW = 4  # lines on each side that set a line's column width
WRAP_MIN_WIDTH = 8  # characters: narrower runs of equal lines are headings or a list, not a column
WRAP_MAX_WIDTH = 100
WRAPPED_SHARE = 0.4  # of the lines at least WRAP_MIN_WIDTH long must fill their column
FINISHED_SHARE = 1 / 3  # at most this share of the full lines end a sentence in a wrapped text
INDENTED_SHARE = 0.7  # where more lines than this are indented, an indent says nothing
FINISHED = re.compile(r"[。！？；：][”’」』）)]?$")  # a line ending a sentence (or a lead-in)
UNCLOSED_TAIL = 4  # characters after an opening 《 or （ that a scraper's line break may leave on its line
HANGING = "，。、；：！？”’）》"
DECIMAL_START = re.compile(r"^\d+[.．]\d")  # 9.5% is a number, not item 9
DIGIT_ITEM = re.compile(r"^(\d{1,3})[.．、](?!\d)")

CHROME_LINE = re.compile(
    r"^(?:下载|打印|全屏|收藏|分享到?[:：]?|分享到微信|【字号[:：]?|【字体[:：]?|加大|还原|减小|[大中小]|"
    r"首页|打印本页|关闭窗口|【打印本页】|【关闭窗口】|[>＞»|｜【】×\-—_=]+|"
    r"》》点击.*|(?:您的|当前)位置[:：].*|(?:来源|时间|发布时间|发表时间|阅读量|浏览次数|点击数|"
    r"编辑|责任编辑|责编|字号)[:：].*|（(?:来源|责编|编辑|责任编辑)[:：][^）]*）|(?:【[^】]{1,20}】\s*)+|[\d\-/:：. 年月日]{8,}|手机版|纠错|微信公众号|官方微博|"
    r"我要投稿|[\d\s]+)$")
# a short line made only of chrome words ("共产党员网 打印 纠错"), or holding a web address or a date-time stamp
# ("思想学习2018-08-18李一老师", "2019-08-20 10:50:00 来源：…"): page furniture, not text
CHROME_WORDS = re.compile(r"(?:打印|纠错|分享|收藏|关闭|下载|全屏|评论|推荐){2,}$")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./-]+", re.ASCII)
DATE_STAMP = re.compile(r"(?<!\d)(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
CHROME_MAX = 60
# a newspaper's masthead or running head: its page (第3版, A3版) or a date with the weekday (2024年6月15日 星期六)
MASTHEAD = re.compile(r"第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版|(?<![0-9A-Za-z])[A-Z]?\d{1,2}版"
                      r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]")
# a label whose value sits on the next line: "来源：" / "宁夏日报客户端"
CHROME_LABEL = re.compile(r"^(?:来源|时间|发布时间|发表时间|阅读量|浏览次数|点击数|编辑|责任编辑)[:：]$")
FOOTER_LINE = re.compile(r"^(?:相关(?:报道|文档|链接|阅读|新闻)|扫一扫在手机打开当前页|【?打印本页】?\s*【?关闭窗口】?)[:：]?$")
BREADCRUMB = re.compile(r"^[>＞»]$")
FOOTNOTE_REF = re.compile(r"(?<!^)[［\[]\d{1,3}[］\]]")
# the words a footnote reference follows: back to a clause break, at most 24 characters
NOTED = re.compile(r"([^，。；：、！？（）《》\s]{1,24})(?=[［\[]\d{1,3}[］\]])")

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


def _raw_lines(doc: Document) -> list[tuple[str, int, int]]:
    """(text, 1-based line, run) of every non-empty line. A run is a reader's block (its lines are the hard
    breaks inside it), or in plain text the lines between two blank lines: no line is joined across runs here."""
    if doc.blocks is not None:
        return [(line, i + 1, i) for i, block in enumerate(doc.blocks) for line in block.split("\n") if line.strip()]
    lines, run = [], 0
    for i, line in enumerate(doc.text.splitlines()):
        if line.strip():
            lines.append((line, i + 1, run))
        else:
            run = i + 1
    return lines


def _cells(text: str) -> int:
    """Display width: a CJK character or full-width mark takes two cells, as in a fixed-width font; so do
    the marks of ambiguous width (“ ” …), which Chinese fonts set full width."""
    return sum(map(_char_cells, text))


@functools.lru_cache(maxsize=None)
def _char_cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def _column_widths(texts: list[str], sizes: list[int], runs: list[int], slack: int, scale: int) -> list[int | None]:
    """Each line's column width, or None where the text around it is not wrapped at one width.

    A line's width is that of the longest line within ``WRAP_WINDOW`` lines of it in its run, if another line
    there is as long (a wrapped paragraph's lines are all about that long; paragraphs one per line are not).
    Where a run is too short to tell (a two-line paragraph), the width most lines have is taken. The text as
    a whole counts as wrapped only when enough of its lines fill their column and few of those end a sentence.
    """
    n = len(sizes)
    # a mark may hang past the column's edge: a line ending in one is a character wider than the column
    set_width = [size - scale * (text[-1:] != "" and text[-1] in HANGING) for text, size in zip(texts, sizes)]
    local: list[int | None] = []
    for i in range(n):
        window = [set_width[j] for j in range(max(0, i - WRAP_WINDOW), min(n, i + WRAP_WINDOW + 1))
                  if runs[j] == runs[i]]
        top = max(window)
        fitting = WRAP_MIN_WIDTH * scale <= top <= WRAP_MAX_WIDTH * scale
        local.append(top if fitting and sum(size >= top - slack for size in window) >= 2 else None)
    filled = [width is not None and size >= width - slack for size, width in zip(sizes, local)]
    long_lines = sum(size >= WRAP_MIN_WIDTH * scale for size in sizes)
    # lines of a wrapped paragraph end anywhere; whole sentences, one per line, end in punctuation
    finished = sum(full and bool(FINISHED.search(text)) for full, text in zip(filled, texts))
    if sum(filled) < 3 or sum(filled) < WRAPPED_SHARE * long_lines or finished > FINISHED_SHARE * sum(filled):
        return [None] * n
    common = collections.Counter(width for width in local if width is not None).most_common(1)[0][0]
    return [common if width is None else width for width in local]


def _fills_column(texts: list[str], runs: list[int], indented: list[bool]) -> list[bool]:
    """Whether each line fills its column, measured in characters and in display cells (digits and Latin
    letters are half as wide in print): a text wrapped by either measure shows it in that measure.

    A line may fall a character short of the width (a mark that may not start a line pulls a character
    down with it), but one ending a sentence must reach it: that short, it is a paragraph's last line.
    An indented line counts its indent (two characters).
    """
    fills = [False] * len(texts)
    for measure, slack, scale in ((len, 1, 1), (_cells, 2, 2)):
        sizes = [measure(text) + len(INDENT) * scale * indent for text, indent in zip(texts, indented)]
        for i, (size, width) in enumerate(zip(sizes, _column_widths(texts, sizes, runs, slack, scale))):
            short = 0 if FINISHED.search(texts[i]) else slack
            # wider than the column (a headline across columns): set apart from it, not wrapped in it
            fills[i] = fills[i] or (width is not None and width - short <= size <= width + scale)
    return fills


def _unclosed(text: str) -> bool:
    """A line that ends by opening a title 《 or a bracket （ (a scraper put what they hold on the next line):
    its paragraph goes on. A bracket opened further back and left open is a cut note, which may end a piece."""
    return any(text.count(opening) > text.count(closing) and text.rfind(opening) >= len(text) - UNCLOSED_TAIL
               for opening, closing in ("《》", "（）", "()"))


def _glue(left: str, right: str) -> str:
    """Two pieces of one line: no gap in Chinese or inside a number, a space between two Latin words."""
    gap = " " if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha() else ""
    return left + gap + right


def rejoin_lines(lines: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    """Join the lines of ``lines`` (raw text, line, run) that wrap one paragraph; return (text, first line).

    A break ends a paragraph unless the line leaves a 《…》 or （…） open, or it fills its column (see
    ``_column_widths``) and the next line is neither indented (where indents mark paragraphs, not every line)
    nor an item or a heading after a finished sentence. A line starting with punctuation that continues a sentence (、 》)
    is joined later with the block before it, as a link put on a line of its own is (``_continues``).
    """
    if not lines:
        return []
    texts = [FOOTNOTE_REF.sub("", repair_line(raw)) for raw, _, _ in lines]
    runs = [run for _, _, run in lines]
    indented = [raw[:1] in "\u3000\t\u00a0" or raw.startswith("  ") for raw, _, _ in lines]
    fills = _fills_column(texts, runs, indented)
    indents_mark_paragraphs = sum(indented) < INDENTED_SHARE * len(lines)
    blocks: list[tuple[str, int]] = []
    previous = None
    for i, (text, (_, line, run)) in enumerate(zip(texts, lines)):
        if not text:
            continue
        if previous is not None and runs[previous] == run and blocks and not _next_bullet(blocks[-1][0], text) \
                and _wraps(texts[previous], text, fills[previous], fills[i], indents_mark_paragraphs and indented[i]):
            blocks[-1] = (_glue(blocks[-1][0], text), blocks[-1][1])
        else:
            blocks.append((text, line))
        previous = i
    return blocks


def _next_bullet(block: str, following: str) -> bool:
    """A line opening the next item of the list its paragraph is an item of ("——A" then "——B", "1. A" then
    "2. B"): a new paragraph even when the item before ends without a full stop, as a list's items may."""
    if DASH_START.match(block):
        return bool(DASH_START.match(following))
    number, following_number = DIGIT_ITEM.match(block), DIGIT_ITEM.match(following)
    return bool(number and following_number) and int(following_number.group(1)) == int(number.group(1)) + 1


def _wraps(text: str, following: str, fills: bool, following_fills: bool, indented: bool) -> bool:
    """Whether the break between ``text`` and the line ``following`` it only wraps a line (a heading is a line
    shorter than the column)."""
    if indented:
        return False
    if _unclosed(text):
        return True
    if not fills:
        return False
    item = ITEM_START.match(following) and not DECIMAL_START.match(following)
    heading = is_heading_text(following) and not following_fills
    return not ((item or heading) and FINISHED.search(text))


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
    if CHROME_WORDS.search(text) or MASTHEAD.search(text):
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
    lines = _raw_lines(doc)
    blocks = drop_chrome(rejoin_lines(lines))
    noted_at = {line: tuple(m.group(1) for m in NOTED.finditer(repair_line(raw))) for raw, line, _ in lines}
    paragraphs: list[dict] = []
    for i, (text, line) in enumerate(blocks):
        prev = paragraphs[-1] if paragraphs else None
        following = blocks[i + 1][0] if i + 1 < len(blocks) else ""
        # short "——" bullets or "1." "2." lines one after another (a list's <li>s, Word bullets) are items, not
        # headings; one alone is a subtitle (——在…大会上的报告) or a numbered sub-heading
        item = is_heading_text(text) and (_next_bullet(text, following)
                                          or (prev is not None and prev["item"] and _next_bullet(prev["parts"][0], text)))
        heading = not item and (is_heading_text(text) or bool(AUTHOR_LINE.match(text))
                                or (i == 0 and _is_title_line(text)))
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
        joinable = (prev is not None and not heading and not prev["heading"] and not prev["item"]
                    and not ends_sentence(prev["parts"][-1]) and not ITEM_START.match(text)
                    and not SUBHEADING.match(prev["parts"][-1]) and not _leads_in(prev["parts"][-1])
                    and not _starts_lost_marker(text, following))
        if joinable:
            prev["raw_starts"].append(sum(len(p) for p in prev["parts"]))
            prev["parts"].append(text)
            prev["end_line"] = line
        else:
            paragraphs.append({"parts": [text], "line": line, "end_line": line, "heading": heading,
                               "item": item, "raw_starts": [0]})
    return tuple(
        Paragraph(text=pair_ascii_quotes(("　" if p["heading"] else "").join(p["parts"])), line=p["line"],
                  end_line=p["end_line"], is_heading=p["heading"], raw_starts=tuple(p["raw_starts"]),
                  noted=tuple(words for line in range(p["line"], p["end_line"] + 1) for words in noted_at.get(line, ())))
        for p in paragraphs)
