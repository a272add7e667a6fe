"""Stage 5: turn an ``Extraction`` into ``NoteSpec``s, the notes a learner studies.

Pure: no genanki, no I/O. ``package.py`` owns the note types; the field names
and their order are fixed here, in ``FIELDS``, and must never change once a deck
has been shared (Anki treats a changed field list as a new note type).

Every field is HTML built from escaped source text (``escape``), so ``<script>``,
``&``, ``{{``, ``}}``, ``::`` and ``[sound:…]`` in a source show literally and
never make or break a cloze. Optional cards and settings are field *content*:

* ``cards.kinds`` decides which notes exist and which gated fields are filled;
* ``cards.cue_style``, ``cards.hint`` shape the cloze ``Text``;
* ``cards.reverse`` fills ``Reverse``, ``cards.tts`` fills ``TTS``.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol

from .errors import ConfigError
from .extract.lexicon import LEXICON_SEPARATOR
from .extract.names import COMPOUND_PART, COUNTED_NAME, DOUBLE, compound_parts, name_count
from .extract.words import Words
from .models import Anchor, Article, ExtractedList, ExtractedTerm, Extraction, NoteSpec, SourceExtraction
from .text import QUOTE_CHARS, chinese_number, match_key

# Field names per note kind, in note-type order. The last field, DeckgenID, is a
# short hex id that Anki's search can find (``deckgenid:…``): GUIDs cannot be searched.
FIELDS: dict[str, tuple[str, ...]] = {
    "list_item": ("Text", "List", "Source", "TTS", "DeckgenID"),
    "list_item_typed": ("Text", "List", "Source", "TTS", "DeckgenID"),
    "list": ("Name", "Items", "Recite", "Naming", "Source", "TTS", "DeckgenID"),
    "list_size": ("Name", "Asked", "Count", "Items", "Source", "TTS", "DeckgenID"),
    "term": ("Term", "Definition", "Reverse", "Source", "TTS", "DeckgenID"),
    "term_cloze": ("Text", "Term", "Source", "TTS", "DeckgenID"),
}
KIND_TAGS = {"list_item": "deckgen::list", "list_item_typed": "deckgen::list", "list": "deckgen::list",
             "list_size": "deckgen::list",
             "term": "deckgen::term", "term_cloze": "deckgen::term"}

FRONT_LIMIT = 150  # characters of context on a card's front
BACK_LIMIT = 300  # characters of a quoted source sentence on the back
MIN_CUE = 8  # characters of context a term-in-context cloze needs besides the blank (not "一是壮大“[...]”。")
FLAG = "y"  # content of a gate field that switches a card or a feature on

# Text is cut after one of these (clause ends, ASCII and full-width).
_CLAUSE = re.compile(r"[^，,；;。！？!?：:、…]+[，,；;。！？!?：:、…]*|[，,；;。！？!?：:、…]+")
# Quotation marks and every character str.split() takes for a space (the ideographic space too: clip() turns
# each run into one " ", so a term holding one must still be found in the clipped sentence).
_LOOSE = QUOTE_CHARS + "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# jieba's part-of-speech flags of words a blank never starts or ends with: conjunctions (和) and particles (的)
_FUNCTION_WORDS = ("c", "u")
_NUMBER = re.compile(r"[〇零一二两三四五六七八九十百千万亿0-9０-９]{2,}[年月日]?|[〇零一二两三四五六七八九十百千万亿0-9０-９][年月日]")
_DROP_LOOSE = str.maketrans("", "", _LOOSE)
_OPENERS, _CLOSERS = "“‘「『《〈（([【", "”’」』》〉）)]】"
# Characters that are HTML-safe but mean something to Anki's template, cloze or media syntax.
_ANKI_SYNTAX = str.maketrans({"{": "&#123;", "}": "&#125;", ":": "&#58;", "[": "&#91;", "]": "&#93;"})


# Typed answers are compared by Anki character for character (README, "Typed answers"): a blank to type holds
# what a Chinese input method types by default — half-width letters and digits, no quotation marks.
_TYPABLE = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()},
                          **{ch: None for ch in _LOOSE}})


def typable(text: str) -> str:
    """``text`` as a learner types it: full-width letters and digits half-width, quotation marks and spaces dropped."""
    return text.translate(_TYPABLE)


@functools.lru_cache(maxsize=1 << 16)
def escape(text: str) -> str:
    """HTML-escape ``text`` and neutralise Anki syntax, so it always shows literally.

    Cached: a deck escapes the same titles, names and items for many notes.
    """
    return html.escape(text).translate(_ANKI_SYNTAX)


def note_id(deck_key: str, kind: str, key: str) -> str:
    """The searchable DeckgenID of a note: as stable as its GUID (same inputs), hex only."""
    return hashlib.sha1(f"{deck_key}\x1f{kind}\x1f{key}".encode()).hexdigest()[:12]


def cloze_parts(items: Sequence[str], words: Words = Words()) -> list[tuple[str, str, str]]:
    """Split each item into (shared prefix, part to cloze, shared suffix).

    A prefix or suffix shared by every item stays visible when it is at least
    two characters (必须坚持 of 必须坚持人民至上…, 清单 of 资源清单, 需求清单); a
    single shared character is clozed with the rest, as it is usually part of
    the word the learner recalls (以 of 以政治强引领, 小 of 小板凳服务在前). The
    blank starts and ends on a word boundary (jieba's, in every item): the
    characters 同中 shared by 同中国具体实际相结合 and 同中华优秀传统文化相结合 are no
    prefix, as 中国 and 中华 are words. It never starts or ends with a conjunction
    or particle (坚持 / 和加强党的全面领导: no prefix), never splits a quotation,
    and is never empty: otherwise the whole item is clozed.
    """
    if len(items) < 2:
        return [("", item, "") for item in items]
    bounds = [_word_bounds(item, words) for item in items]
    prefix = _balanced(os.path.commonprefix(items), _OPENERS, _CLOSERS)
    # the suffix is the common prefix of the reversed items, where closing quotes open
    suffix = _balanced(os.path.commonprefix([item[len(prefix):][::-1] for item in items]), _CLOSERS, _OPENERS)[::-1]
    start = max(k for k in range(len(prefix) + 1) if all(k in b for b in bounds))
    end = max(k for k in range(len(suffix) + 1) if all(len(item) - k in b for item, b in zip(items, bounds)))
    start, end = (k if k >= 2 else 0 for k in (start, end))
    cores = [item[start:len(item) - end] for item in items]
    if any(not core.strip() for core in cores):
        return [("", item, "") for item in items]
    tags = [words.tagged(core) for core in cores] if start or end else []  # tagging costs: only when it can tell
    if start and any(tagged[0][1].startswith(_FUNCTION_WORDS) for tagged in tags):
        start = 0
    if end and any(tagged[-1][1].startswith(_FUNCTION_WORDS) for tagged in tags):
        end = 0
    return [(item[:start], item[start:len(item) - end], item[len(item) - end:]) for item in items]


def _word_bounds(text: str, words: Words) -> set[int]:
    """The offsets in ``text`` where a jieba word starts or ends, or where a word made of two
    dictionary words of two or more characters joins them; a number (二〇二〇年, which jieba cuts
    into 二 / 〇 / 二 / 〇 / 年) is one word."""
    bounds, at = {0}, 0
    for word in words.cut(text):
        # a compound of two dictionary words splits between them (大局 / 意识 of 大局意识), as jieba's search mode does
        bounds.update(at + k for k in range(2, len(word) - 1)
                      if words.frequency(word[:k]) and words.frequency(word[k:]))
        at += len(word)
        bounds.add(at)
    for number in _NUMBER.finditer(text):
        bounds -= set(range(number.start() + 1, number.end()))
    return bounds


# What a counted name counts when it is no formulation to learn (两个方面, 三者, 五个方面工作, 3个千亿): its Name
# and Count cards would ask for a number and a common word. Compared with the name without its count and unit.
GENERIC_COUNTED = frozenset({"方面", "方面工作", "重点工作", "问题", "关键问题", "者", "指标", "目标", "主题", "要点",
                             "类", "领域", "千亿", "百亿", "国家级", "平台", "现实", "突出亮点"})


def is_generic(name: str) -> bool:
    """Whether a counted name only counts something common (``GENERIC_COUNTED``): no formulation to learn."""
    counted = COUNTED_NAME.match(match_key(name))
    return bool(counted) and counted.group("rest") in GENERIC_COUNTED


BACK_REFERENCE_RULES = ("pointing-back",)  # list rules naming a list by the words that point back to it (三者统一于…)


def is_back_reference(lst: ExtractedList) -> bool:
    """Whether a list's name is only the anaphor pointing back to its items (三者, 这两个方面, 这两个目标): a generic
    counted name (``is_generic``) from a ``BACK_REFERENCE_RULES`` rule. Its Recite front ("三者 · 按顺序说出…")
    cannot be answered; its item cards, each showing its siblings, can."""
    return lst.rule.split("+")[0].split(":")[0] in BACK_REFERENCE_RULES and is_generic(lst.name)


def back_reference_clause(lst: ExtractedList) -> str:
    """What a back-reference list's sentence says of it, from the words pointing back to the clause's end
    (这两个目标已提前实现, 三者统一于我国社会主义民主政治伟大实践): the item cards' heading, where the bare
    anaphor (三者) would name nothing. The name itself when the sentence does not hold it."""
    found = re.search(rf"(?:这|此|上述|以上)?{re.escape(lst.name)}[^，,。；;！？!?]*", " ".join(lst.context.split()))
    return found[0] if found else lst.name


def gives_name_away(name: str, items: Sequence[str]) -> bool:
    """Whether every item repeats all of a counted name but its count, so that a Name card
    ("这 6 条合称什么？") shows its answer: 必须坚持 in each of 六个必须坚持's items, 意识 in 四个意识's.

    五治融合's items share only 治 (融合 is still to recall), 三个清单's (资源, 需求, 服务) nothing.
    A compound count gives itself away when its items can be counted off by its parts: 去 in three items,
    降 in one and 补 in one of 三去一降一补's.
    """
    keys = [match_key(item) for item in items]
    parts = compound_parts(match_key(name))
    if parts:
        return all(sum(part in key for key in keys) == chinese_number(n) for n, part in parts)
    counted = COUNTED_NAME.match(match_key(name))
    rest = counted.group("rest") if counted else ""
    return bool(rest) and all(rest in key for key in keys)


def count_blanked(name: str) -> str | None:
    """The HTML of a counted name with the numerals of its count blanked (＿个必须坚持, ＿升＿降 of 三升一降),
    for the card that asks the count; None when the name does not start with a number."""
    parts = COMPOUND_PART.findall(name)
    if len(parts) >= 2 and "".join(n + rest for n, rest in parts) == name \
            and name_count(name) == sum(chinese_number(n) or 0 for n, _ in parts):  # not 五位一体: five in one
        return "".join(blank("") + escape(rest) for _, rest in parts)
    counted = COUNTED_NAME.match(name)
    if not counted or counted.group("n") == DOUBLE:  # 双循环, 双重调节: a word that means two, no number to recall
        return None
    return blank("") + escape(name[counted.end("n"):])


def _balanced(affix: str, openers: str, closers: str) -> str:
    """Shorten ``affix`` so it ends outside any quotation it opens."""
    depth, cut = 0, len(affix)
    for i, ch in enumerate(affix):
        if ch in openers:
            if depth == 0:
                cut = i
            depth += 1
        elif ch in closers and depth:
            depth -= 1
            if depth == 0:
                cut = len(affix)
    return affix[:cut] if depth else affix


def clip(text: str, focus: str | None = None, limit: int = FRONT_LIMIT) -> str:
    """Cut ``text`` to at most ~``limit`` characters at clause boundaries, keeping ``focus``.

    Whole clauses around the first occurrence of ``focus`` are kept, growing
    both ways while they fit; "…" marks each cut. A single clause longer than
    ``limit`` is cut mid-clause, centred on ``focus``.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    clauses = _CLAUSE.findall(text)
    starts = [0]
    for clause in clauses:
        starts.append(starts[-1] + len(clause))
    found = occurrences(text, focus)[:1] if focus else []
    at, end_at = found[0] if found else (0, 0)
    first = max(i for i in range(len(clauses)) if starts[i] <= at)
    last = min(i for i in range(len(clauses)) if starts[i + 1] >= end_at)
    if starts[last + 1] - starts[first] > limit:
        margin = max((limit - (end_at - at)) // 2, 0)
        lo = max(0, min(at - margin, len(text) - limit))
        return _ellipsis(text, lo, lo + limit)
    grown = True
    while grown:
        grown = False
        if first > 0 and starts[last + 1] - starts[first - 1] <= limit:
            first, grown = first - 1, True
        if last + 1 < len(clauses) and starts[last + 2] - starts[first] <= limit:
            last, grown = last + 1, True
    return _ellipsis(text, starts[first], starts[last + 1])


def _ellipsis(text: str, lo: int, hi: int) -> str:
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


@functools.lru_cache(maxsize=4096)
def _compared(text: str) -> tuple[tuple[int, ...], str]:
    """``text`` without quotation marks and spaces, and the position in ``text`` of each character kept.

    Cached: one sentence is searched for every item and term it holds.
    """
    kept = tuple(i for i, ch in enumerate(text) if ch not in _LOOSE)
    return kept, "".join(text[i] for i in kept)


def occurrences(text: str, answer: str) -> list[tuple[int, int]]:
    """Spans of ``answer`` in ``text``, quotation marks and spaces aside.

    Items and terms are recited without the quotes the text puts around (part
    of) them: 壮大朋友圈 is found in 一是壮大“朋友圈”。
    """
    needle = answer.translate(_DROP_LOOSE)
    kept, haystack = _compared(text)
    spans, at = [], haystack.find(needle) if needle else -1
    while at >= 0:
        spans.append((kept[at], kept[at + len(needle) - 1] + 1))
        at = haystack.find(needle, at + len(needle))
    return spans


def marked(text: str, answer: str | Sequence[str], wrap: Callable[[str], str]) -> str:
    """Escape ``text``, replacing every occurrence of ``answer`` (or of each of several) with ``wrap(its escaped
    text)``."""
    out, done = [], 0
    spans = sorted({span for a in ((answer,) if isinstance(answer, str) else answer) for span in occurrences(text, a)})
    for start, end in (span for n, span in enumerate(spans) if not n or span[0] >= spans[n - 1][1]):
        out += [escape(text[done:start]), wrap(escape(text[start:end]))]
        done = end
    return "".join(out) + escape(text[done:])


def cloze(answer_html: str, hint: bool, plain_answer: str) -> str:
    """A c1 cloze of escaped ``answer_html``, with a □ per character as the hint if asked."""
    return "{{c1::" + answer_html + ("::" + "□" * len(plain_answer) if hint else "") + "}}"


def highlight(answer_html: str) -> str:
    return f'<b class="hl">{answer_html}</b>'


def blank(answer_html: str) -> str:
    """A gap where a term was, on a front that must not show it."""
    return '<span class="blank">＿＿＿</span>'


@dataclass
class _Draft:
    """A note being assembled: the first occurrence gives its content, later ones add sources."""

    kind: str
    key: str
    deck: str
    fields: dict[str, str]
    anchor: Anchor
    cites: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)


class PartMemo(Protocol):
    """Where ``make_notes`` keeps what each part of a deck (a run of articles of one source) made, between
    builds: ``inputs`` is the text of everything that part's notes are made from (``_Builder.part_inputs``),
    the value what it made, plain JSON."""

    def get(self, inputs: str) -> object | None: ...

    def put(self, inputs: str, made: list) -> None: ...


# What ``_Builder.add`` makes of one occurrence of a note, in JSON types (a part's value in a ``PartMemo``):
# [kind, key, deck, fields (no Source), anchor's fields, the citation (HTML), the source's tag stem]
_MADE_SHAPE = (str, str, str, dict, list, str, str)


class _Builder:
    """Collects notes in reading order, merging a note found again in a later article.

    Each occurrence of a note is made on its own (``add``) and the occurrences merged at the end (``notes``):
    what a run of articles of one source makes depends only on it, the ids its lists already had a count note
    for, its terms' twins and its lists' item ids (``part_inputs``), so a ``PartMemo`` can keep it.
    """

    def __init__(self, config: dict, deck_name: str, deck_key: str, articles: Sequence[Article],
                 extra_tags: tuple[str, ...], item_ids: Mapping[str, Sequence[str]]) -> None:
        cards = config["cards"]
        self.kinds = set(cards["kinds"])
        self.cue_style = cards["cue_style"]
        self.hint = cards["hint"]
        self.reverse = cards["reverse"]
        self.tts = FLAG if cards["tts"] else ""
        self.words = Words(config["extract"]["user_dict"])  # the user dictionary's words are whole words on cards too
        self.template = config["deck"]["name_template"]
        self.deck_name = deck_name
        self.deck_key = deck_key
        self.extra_tags = extra_tags
        self.item_ids = item_ids
        self.settings = (cards, self.template, config["extract"]["user_dict"], deck_name, deck_key)
        self.articles = {article.index: article for article in articles}
        self.sections = {article.index: section_spans(article) for article in articles}
        self.made: list[list] = []  # every occurrence of a note, in reading order (``_MADE_SHAPE``)
        self.sized: set[str] = set()  # the ids of the lists with a count note (list_size)

    def add(self, kind: str, key: str, origin: ExtractedList | ExtractedTerm, cite: str, anchor: Anchor,
            **fields: str) -> None:
        """Add an occurrence of the note (kind, key) made from ``origin``: ``cite`` is the sentence to quote
        (HTML), empty when the card shows it already."""
        source = self.articles[origin.article]
        fields.update(TTS=self.tts, DeckgenID=note_id(self.deck_key, kind, key))
        quote = _citation(source, _heading(self.sections[origin.article], origin.line), cite)
        name, stem = _name_and_stem(source.source)
        self.made.append([kind, key, self.deck_for(source), fields,
                          [anchor.group, anchor.at, anchor.text, name, anchor.sentence], quote, _tag_safe(stem)])
        if kind == "list_size":
            self.sized.add(key)

    def add_part(self, articles: Sequence[Article], things: Sequence[ExtractedList | ExtractedTerm],
                 twins: Mapping[str, tuple[str, ...]], memo: PartMemo | None) -> None:
        """Add the notes of ``things``, found in ``articles`` (a run of one source's), in reading order; from
        ``memo`` when it holds them."""
        inputs = self.part_inputs(articles, things, twins) if memo is not None else ""
        stored = memo.get(inputs) if memo is not None else None
        if _sound(stored):
            self.made += stored
            self.sized.update(made[1] for made in stored if made[0] == "list_size")
            return
        start = len(self.made)
        for thing in things:
            if isinstance(thing, ExtractedList):
                self.add_list(thing)
            else:
                self.add_term(thing, twins.get(thing.id, ()))
        if memo is not None:
            memo.put(inputs, self.made[start:])

    def part_inputs(self, articles: Sequence[Article], things: Sequence[ExtractedList | ExtractedTerm],
                    twins: Mapping[str, tuple[str, ...]]) -> str:
        """The text of everything the notes of ``things`` (in ``articles``) are made from, articles numbered
        from the run's first (an article added before it changes nothing here). ``repr`` of tuples of
        strings, numbers and the models' frozen dataclasses: the same text for the same inputs, and
        different for different ones."""
        first = articles[0].index
        lists = [thing.id for thing in things if isinstance(thing, ExtractedList)]
        return repr((self.settings,
                     [(a.source, a.title, a.author, a.untitled, self.sections[a.index]) for a in articles],
                     [_values(thing, first) for thing in things],
                     [twins.get(thing.id, ()) for thing in things if isinstance(thing, ExtractedTerm)],
                     [self.item_ids.get(id_) for id_ in lists], sorted(self.sized.intersection(lists))))

    def deck_for(self, article: Article) -> str:
        values = {"deck": self.deck_name, "article": article.title, "source": _name_and_stem(article.source)[1]}
        # the deck name is a deck path (学习资料::2023年第3期); a title or file name holding "::" must not nest
        values = {name: " ".join(value.split() if name == "deck" else value.replace("::", "：").split())
                  for name, value in values.items()}
        try:
            return self.template.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"deck.name_template {self.template!r} is invalid ({exc}); "
                              "use only the variables {deck}, {article} and {source}") from None

    def notes(self) -> tuple[NoteSpec, ...]:
        drafts: dict[tuple[str, str], _Draft] = {}
        for kind, key, deck, fields, anchor, quote, stem in self.made:
            found = drafts.get((kind, key))
            if found is None:
                found = drafts[(kind, key)] = _Draft(kind, key, deck, fields, Anchor(*anchor))
            if quote not in found.cites:
                found.cites.append(quote)
            if stem not in found.stems:
                found.stems.append(stem)
        ordered = list(drafts.values())
        notes = []
        for d, due in zip(ordered, spread([d.key.split("/", 1)[0] for d in ordered], [d.kind for d in ordered])):
            fields = {**d.fields, "Source": "".join(d.cites)}
            notes.append(NoteSpec(kind=d.kind, key=d.key, fields=tuple(map(fields.__getitem__, FIELDS[d.kind])),
                                  tags=(KIND_TAGS[d.kind], *[f"source::{stem}" for stem in d.stems], *self.extra_tags),
                                  deck=d.deck, due=due, anchor=d.anchor))
        return tuple(notes)

    def add_list(self, lst: ExtractedList) -> None:
        items = [" ".join(item.split()) for item in lst.items]  # a line break inside an item is a space
        parts = cloze_parts(items, self.words)
        has_own = len(lst.item_contexts) == len(items)
        contexts = lst.item_contexts if has_own else (lst.context,) * len(items)
        name = escape(lst.name)
        heading = escape(back_reference_clause(lst)) if is_back_reference(lst) else name
        item_keys = self.item_ids.get(lst.id) or [match_key(item) for item in items]
        # the count the name states is asked (its items are shown only when they are that many: an item found
        # or lost in a rebuild changes the note, never retires it); no sibling front then shows the count
        counted = lst.count is not None or lst.id in self.sized  # a later occurrence: its source
        asked = (count_blanked(lst.name) if "list_size" in self.kinds and counted and not is_generic(lst.name)
                 else None)
        if asked is not None:
            self.add("list_size", lst.id, lst, _quote(lst.context, lst.name), Anchor(lst.id, -1, lst.name, ""),
                     Name=name, Asked=asked,
                     Count=str(lst.count), Items="" if lst.count_mismatch else _numbered(escape(i) for i in items))
        count = "" if asked is not None else f'<span class="count"> · 共 {len(items)} 条</span>'
        item_kinds = [kind for kind in ("list_item", "list_item_typed") if kind in self.kinds]
        seen = set()
        for i, (item, item_key, context) in enumerate(zip(items, item_keys, contexts) if item_kinds else ()):
            if not match_key(item) or item_key in seen:  # nothing to recall, or asked already
                continue
            seen.add(item_key)
            for kind in item_kinds:
                self.add(kind, f"{lst.id}/{item_key}", lst, _quote(context, item), Anchor(lst.id, i, item, ""),
                         Text=self._item_text(items, parts, i, typed=kind == "list_item_typed"), List=heading + count)
        recite = ("按顺序说出全部条目" if asked is not None else f"按顺序说出全部 {len(items)} 条") \
            if "list" in self.kinds and not is_back_reference(lst) else ""
        naming = (("这几条合称什么？" if asked is not None else f"这 {len(items)} 条合称什么？")
                  if "list_count" in self.kinds and lst.count is not None and not gives_name_away(lst.name, items)
                  and not is_generic(lst.name) else "")
        if recite or naming:
            self.add("list", lst.id, lst, _quote(lst.context, lst.name), Anchor(lst.id, -1, lst.name, ""),
                     Name=name, Items=_numbered(escape(item) for item in items),
                     Recite=recite, Naming=naming)

    def _item_text(self, items: Sequence[str], parts: Sequence[tuple[str, str, str]], asked: int, *,
                   typed: bool = False) -> str:
        """The cloze ``Text`` of item ``asked``: its number, the blank, and the cue items of the cue style.

        A blank to be ``typed`` holds the answer as it is typed (``typable``).
        """
        prefix, core, suffix = parts[asked]
        core = (typable(core) or core) if typed else core
        blank = escape(prefix) + cloze(escape(core), self.hint, core) + escape(suffix)
        shown = {"all": range(len(items)), "overlapping": range(max(asked - 1, 0), asked + 1),
                 "none": range(asked, asked + 1)}[self.cue_style]
        lines = (f'<li class="ask">{blank}</li>' if i == asked else f"<li>{escape(items[i])}</li>" for i in shown)
        return f'<ol class="items" start="{shown[0] + 1}">{"".join(lines)}</ol>'

    def add_term(self, term: ExtractedTerm, twins: Sequence[str] = ()) -> None:
        """A definition note when there is a definition to learn, and a context cloze.

        A term without a definition gets no definition note: "X 这个提法是什么意思？" answered by the
        sentence X appears in teaches nothing; the context cloze teaches the term. The back quotes the
        context only where the card does not. The ``twins`` of a term (``twin_terms``) are blanked with it on the
        cloze of the first of them in the sentence; the others get none.
        """
        cite = _quote(term.context, term.term)
        anchor = Anchor(term.id, -1, term.term, "", sentence=match_key(term.context))
        if "term" in self.kinds and term.definition:
            if term.rule == "lexicon":  # a formulation's items (政治意识；大局意识；…): a list, not a run-on paragraph
                definition = _numbered(escape(item) for item in term.definition.split(LEXICON_SEPARATOR))
            else:
                definition = escape(clip(term.definition, limit=BACK_LIMIT))
            if term.definition_source:
                definition += f'<div class="note">释义来源：{escape(term.definition_source)}</div>'
            reverse = marked(clip(term.definition, term.term), term.term, blank) if self.reverse else ""
            self.add("term", term.id, term, cite, anchor,
                     Term=escape(term.term), Definition=definition, Reverse=reverse)
        cue = len(match_key(term.context)) - len(match_key(term.term))
        at = occurrences(term.context, term.term)
        in_context = at and cue >= MIN_CUE
        twin_first = bool(at) and any(o and o[0] < at[0] for o in (occurrences(term.context, t) for t in twins))
        if "term_cloze" in self.kinds and in_context and not twin_first:  # enough words around to be guessable
            shown = clip(term.context, term.term)
            whole = shown == " ".join(term.context.split())
            text = marked(shown, (term.term, *twins), lambda answer: cloze(answer, self.hint, html.unescape(answer)))
            self.add("term_cloze", term.id, term, "" if whole else cite, anchor, Text=text, Term=escape(term.term))


MAX_TWIN_DIFFERENCE = 2  # places in which two terms of a sentence may differ and be twins: 港人治港 / 澳人治澳
MIN_TWIN_SHARED = 2  # characters in place they must share: 人治 of 港人治港 / 澳人治澳


def twin_terms(terms: Sequence[ExtractedTerm]) -> dict[str, tuple[str, ...]]:
    """Each term's twins: the other terms of its sentence of the same length that differ from it by one character
    put for another in one or two places (“港人治港”“澳人治澳”: 港 → 澳; “爱国者治港”“爱国者治澳”). A twin left
    visible beside a blank gives the blank away, so twins are blanked together. Names that share only their count
    (“四个意识”“四个自信”: 意识 → 自信) are no twins."""
    by_sentence: dict[str, list[str]] = {}
    for term in terms:
        by_sentence.setdefault(term.context, []).append(term.term)
    twins: dict[str, tuple[str, ...]] = {}
    for term in terms:
        found = tuple(other for other in by_sentence[term.context] if other != term.term
                      and len(other) == len(term.term) and _twinned(other, term.term))
        if found:
            twins[term.id] = found
    return twins


def _twinned(a: str, b: str) -> bool:
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    return 0 < len(differ) <= MAX_TWIN_DIFFERENCE and len(set(differ)) == 1 and len(a) - len(differ) >= MIN_TWIN_SHARED


# The order of a list's or a term's notes among themselves: what a card shows on its back comes after the cards
# it would answer (a list's items before its count, its recital and its name; a term's cloze before its definition,
# whose front is the cloze's answer).
SIBLING_ORDER = {"list_item": 0, "list_item_typed": 0, "list_size": 1, "list": 2, "term_cloze": 0, "term": 1}
SPREAD = 3  # the k-th note of a list or term is introduced about SPREAD × k new cards after its first


def spread(families: Sequence[str], kinds: Sequence[str]) -> list[int]:
    """New-card positions (``due``) of notes given in reading order: each note's family (the list or term it
    was made from) and kind.

    Families are introduced in reading order (the i-th family's first note is at slot i) and a family's k-th
    note, in ``SIBLING_ORDER``, at slot i + SPREAD·k; within a slot, later families first. So siblings are
    never introduced back to back while other cards can come between them, and a list's item cards do not
    come in one block before its recital.
    """
    first: dict[str, int] = {}
    members: dict[str, list[int]] = {}
    for n, family in enumerate(families):
        first.setdefault(family, len(first))
        members.setdefault(family, []).append(n)
    slot = [0] * len(families)
    for family, notes in members.items():
        for k, n in enumerate(sorted(notes, key=lambda n: SIBLING_ORDER[kinds[n]])):  # stable: reading order
            slot[n] = first[family] + SPREAD * k
    order = sorted(range(len(families)), key=lambda n: (slot[n], -first[families[n]]))
    due = [0] * len(families)
    for position, n in enumerate(order):
        due[n] = position
    return due


def _numbered(items_html: Iterable[str]) -> str:
    return '<ol class="items">' + "".join(f"<li>{item}</li>" for item in items_html) + "</ol>"


def _quote(sentence: str, answer: str) -> str:
    """A source sentence for the back, cut to ``BACK_LIMIT``, with the answer highlighted."""
    return marked(clip(sentence, answer, BACK_LIMIT), answer, highlight)


def _citation(article: Article, heading: str, sentence_html: str) -> str:
    """Where a card's text comes from: the short title and the author or speaker, the heading of the section
    the sentence is under, then the sentence (none when the card shows it already)."""
    title, speaker = short_title(article.title) if not article.untitled else ("", "")  # made up when untitled
    author = " ".join(filter(None, (speaker, article.author)))
    head = f'<span class="article">《{escape(title)}》</span>' if title else ""
    head += f'<span class="author">{escape(author)}</span>' if author else ""
    parts = [f'<div class="cite">{head}</div>' if head else "",
             f'<div class="heading">{escape(heading)}</div>' if heading else "",
             f'<div class="quote">{sentence_html}</div>' if sentence_html else ""]
    return "".join(parts)


# A report's title block as one line: 政府工作报告　——2024年3月5日在…会议上　国务院总理. The subtitle (——…, a
# date, 在…上的报告) is dropped; a speaker's position and name (国务院总理, 四川省人民政府省长施小琳) is kept.
_TITLE_PARTS = re.compile(r"[\u3000 ]+")
_SUBTITLE = re.compile(r"^(?:——|—|--|[（(]?\d{4}年|在.{2,40}[上的]的?(?:报告|讲话)$)")
_POSITION = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:总理|总书记|主席|书记|省长|市长|区长|县长|州长|部长|主任)\s*[\u4e00-\u9fff]{0,4}$")
SHORT_TITLE = 24  # characters of a title on the source line (a phone line at the source's size)


@functools.lru_cache(maxsize=256)  # every note of an article asks
def short_title(title: str) -> tuple[str, str]:
    """A title for the source line and the speaker it names: its main lines without subtitle, date or
    repeats (a long one cut after its first line), and the position and name that end the title block."""
    parts = [part for part in _TITLE_PARTS.split(title.strip()) if part]
    speaker = parts[-1] if len(parts) > 1 and _POSITION.match(parts[-1]) else ""
    main: list[str] = []
    for n, part in enumerate(parts[:len(parts) - bool(speaker)]):
        if n and _SUBTITLE.match(part):
            break
        if not any(part in kept for kept in main):
            main.append(part)
    shown = " ".join(main) or title
    if len(shown) > SHORT_TITLE and len(main) > 1:
        shown = main[0] + "…"
    return shown, speaker


def made_of(found: SourceExtraction) -> str:
    """A hash of what a source gives a deck's notes, whatever its path and its place among the deck's sources:
    its articles' titles, authors and headed sections, and its lists and terms. ``make_notes`` (through
    ``_Builder.part_inputs``) and ``curate`` read nothing else of a source but its path, so a source edited where
    no list or term is (a sentence added to a paragraph, a typo fixed) gives the same hash, and a rebuild takes
    the deck's notes from the cache (``cache.ExtractionCache.notes_key``)."""
    articles = [(a.title, a.author, a.untitled, section_spans(a)) for a in found.articles]
    return hashlib.sha256(repr((articles, found.lists, found.terms)).encode()).hexdigest()


def section_spans(article: Article) -> tuple[tuple[int, int, str], ...]:
    """The first and last line of each of ``article``'s headed sections, with its heading (once per article:
    every note asks)."""
    spans = []
    for section in article.sections:
        lines = [section.heading_line or 0, *(n for p in section.paragraphs for n in (p.line, p.end_line))]
        if section.heading:
            spans.append((min(lines), max(lines), section.heading))
    return tuple(spans)


def _heading(spans: Sequence[tuple[int, int, str]], line: int) -> str:
    """The heading of the section holding ``line`` (none before the first heading)."""
    return next((heading for first, last, heading in spans if first <= line <= last), "")


@functools.lru_cache(maxsize=1024)
def _name_and_stem(source: str) -> tuple[str, str]:
    """A source path's file name, and the name without its suffix (cached: every note of a source asks)."""
    path = PurePath(source)
    return path.name, path.stem


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _values(thing: ExtractedList | ExtractedTerm, first: int) -> tuple:
    """``thing``'s field values, its article numbered from ``first``."""
    return tuple(getattr(thing, name) - first if name == "article" else getattr(thing, name)
                 for name in _field_names(type(thing)))


def _sound(stored: object) -> bool:
    """Whether a ``PartMemo`` value is a list of occurrences as ``_Builder.add`` makes them (``_MADE_SHAPE``)."""
    return isinstance(stored, list) and all(
        type(made) is list and len(made) == len(_MADE_SHAPE) and all(map(isinstance, made, _MADE_SHAPE))
        and len(made[4]) == len(_field_names(Anchor)) for made in stored)


def _parts(articles: Sequence[Article], things: Sequence[ExtractedList | ExtractedTerm]
           ) -> Iterator[tuple[list[Article], list[ExtractedList | ExtractedTerm]]]:
    """``things`` (in reading order) by run of consecutive articles of one source, with the run's articles."""
    runs: list[list[Article]] = []
    run_of: dict[int, int] = {}
    for article in articles:
        if not runs or runs[-1][-1].source != article.source:
            runs.append([])
        runs[-1].append(article)
        run_of[article.index] = len(runs) - 1
    for run, found in itertools.groupby(things, key=lambda thing: run_of[thing.article]):
        yield runs[run], list(found)


def _tag_safe(text: str) -> str:
    """Anki tags cannot hold spaces; ``::`` would nest them."""
    return "_".join(text.replace("::", "_").split()) or "source"


def make_notes(extraction: Extraction, config: dict, *, deck_name: str, deck_key: str,
               extra_tags: Sequence[str] = (), item_ids: Mapping[str, Sequence[str]] | None = None,
               memo: PartMemo | None = None) -> tuple[NoteSpec, ...]:
    """The notes for every list and term of ``extraction``, in reading order; ``due`` (0, 1, …) is the order
    in which Anki introduces them (``spread``).

    ``config`` is the full configuration (``cards``, ``deck`` and ``extract.user_dict`` are read).
    ``deck_name`` fills ``{deck}`` of ``deck.name_template``; ``deck_key`` seeds
    each note's searchable DeckgenID (the same identity as its GUID);
    ``extra_tags`` (a deck's own tags) go on every note. A note found in several
    articles (same kind and key) is made once, in the first article's subdeck,
    citing every source. Filtering by confidence is the caller's choice.

    A list item's note key is ``<list id>/<item id>``: ``item_ids`` maps a list
    id to its items' ids (parallel to its items; the curation file's, which
    survive rewording), and an item's id is otherwise the matching key of its text.

    ``memo`` keeps what each run of articles of one source made (``_Builder.add_part``): a rebuild
    after one source changed makes only that source's notes again, and merges them with the others'
    as a build without it does.
    """
    builder = _Builder(config, deck_name, deck_key, extraction.articles, tuple(map(_tag_safe, extra_tags)),
                       item_ids or {})
    found = [*(lst for lst in extraction.lists if lst.items), *extraction.terms]
    twins = twin_terms(extraction.terms)
    in_order = sorted(found, key=lambda x: (x.article, x.line))  # stable: lists before terms on a line
    for articles, things in _parts(extraction.articles, in_order):
        builder.add_part(articles, things, twins, memo)
    return builder.notes()
