"""Word boundaries from jieba, loaded lazily and owned (never the global tokenizer).

jieba costs about a second to load its dictionary, so ``deckgen --help`` must not
import it. Extraction only segments short spans (list items being trimmed, a
candidate term), never the whole text. One ``Words`` is built per extraction from
``extract.user_dict`` and carried by the extraction context to every rule, so the
user dictionary reaches every jieba call.

Every answer is also kept in a memo (``Memo``: span → words, span → tagged words, word →
frequency, word → dictionary flag), which the extraction cache stores between runs (``deckgen.cache``): a rebuild whose
changed text asks nothing new never loads jieba at all. An answer depends only on the span, the
user dictionary and jieba, so a memo never changes a result.
"""
from __future__ import annotations

import io
import logging
import sys
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=4)
def _tokenizer(user_dict: str | None):
    import jieba

    # jieba logs a traceback when it cannot save its dictionary cache (a full or read-only temp
    # folder); that costs only the next load's speed, so it is not the user's concern.
    jieba.setLogLevel(logging.CRITICAL)
    tok = jieba.Tokenizer()
    tok.initialize()
    if user_dict:
        tok.load_userdict(user_dict)
    return tok


@lru_cache(maxsize=4)
def _pos_tokenizer(user_dict: str | None):
    """A tagger over our tokenizer. jieba.posseg's default tagger holds the part-of-speech tags of jieba's
    dictionary (the one ours loads: a user dictionary's tags are merged in on first use), so they are copied,
    not read from the file again (a second or more of a rebuild on a busy machine)."""
    posseg = _posseg()
    tagger = object.__new__(posseg.POSTokenizer)
    tagger.tokenizer = _tokenizer(user_dict)
    tagger.word_tag_tab = dict(posseg.dt.word_tag_tab)
    tagger._POSTokenizer__cut_detail = _remembered(tagger._POSTokenizer__cut_detail)
    return tagger


def _posseg():
    """jieba.posseg, imported. Its default tagger reads the part-of-speech tags of jieba's dictionary on import, a
    Python loop over its 349,000 lines that costs as much as loading the dictionary itself; here the import reads
    nothing and the tagger gets the same tags read at C speed (``dictionary_tags``)."""
    import jieba

    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    jieba.dt.get_dict_file = lambda: io.BytesIO()  # what the default tagger's load_word_tag reads on import
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    jieba.posseg.dt.word_tag_tab = dictionary_tags(jieba.dt)
    return jieba.posseg


def dictionary_tags(tokenizer) -> dict[str, str]:
    """word → part-of-speech flag of the dictionary file of jieba's ``tokenizer``, as jieba.posseg's
    ``load_word_tag`` reads it ("word frequency flag" lines; a word holds no whitespace)."""
    with tokenizer.get_dict_file() as file:
        fields = file.read().split()
    return dict(zip(b"\n".join(fields[0::3]).decode().split("\n"), b"\n".join(fields[2::3]).decode().split("\n")))


def _remembered(cut_detail):
    """jieba's HMM tagging of a run of characters its dictionary does not cover (its costly step: a Viterbi
    pass), remembered per run: the spans deckgen tags overlap (a clause, then its tail), so most runs recur."""
    cached = lru_cache(maxsize=1 << 16)(lambda run: tuple(cut_detail(run)))
    return lambda run: iter(cached(run))


KINDS = ("cut", "tagged", "frequency", "flag")


@dataclass(slots=True)
class Memo:
    """jieba's answers so far, per kind (``KINDS``) as JSON values: the words of a span, its (word, flag)
    pairs, a word's frequency; ``learned`` holds the ones not yet handed on (``take_learned``), and
    ``dirty`` tells that some are not stored yet."""

    known: dict[str, dict] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    learned: dict[str, dict] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    dirty: bool = False

    def answer(self, kind: str, query: str, ask):
        found = self.known[kind].get(query)
        if found is None:
            found = self.known[kind][query] = self.learned[kind][query] = ask(query)
            self.dirty = True
        return found


_MEMOS: dict[str | None, Memo] = {}


def load(user_dict: str | None) -> None:
    """Load jieba's dictionary and tagger now (before forking workers that then share them)."""
    _pos_tokenizer(user_dict)


def memo(user_dict: str | None) -> Memo:
    """This process's memo for ``user_dict`` (asked for on every jieba answer: no new ``Memo`` is made to find it)."""
    found = _MEMOS.get(user_dict)
    if found is None:
        found = _MEMOS[user_dict] = Memo()
    return found


def preload(user_dict: str | None, known: dict[str, dict], *, learned: bool = False) -> None:
    """Add answers to this process's memo: stored by an earlier run, or ``learned`` by this run (in a worker
    process, or taken by ``take_learned``) — those count as new, so a memo saved past its size keeps them."""
    current = memo(user_dict)
    for kind in KINDS:
        mine, new = current.known[kind], current.learned[kind]
        for query, answer in known.get(kind, {}).items():
            if learned:
                new[query] = answer
            if query not in mine:
                mine[query] = answer
                current.dirty = True


def take_learned(user_dict: str | None) -> dict[str, dict]:
    """The answers learned since the last call, and forget that they were new."""
    current = memo(user_dict)
    learned, current.learned = current.learned, {kind: {} for kind in KINDS}
    return learned


@dataclass(frozen=True, slots=True)
class Words:
    """jieba with the user dictionary, if any: segmentation, tagging and dictionary frequency of short spans."""

    user_dict: str | None = None

    def cut(self, text: str) -> list[str]:
        return list(memo(self.user_dict).answer("cut", text, self._cut))

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech flag) of a short span; the tagger loads on first use (about 0.2 s)."""
        return [tuple(pair) for pair in memo(self.user_dict).answer("tagged", text, self._tagged)]

    def frequency(self, word: str) -> int:
        """jieba's dictionary frequency of ``word`` (0 when it is not a dictionary word)."""
        return memo(self.user_dict).answer("frequency", word, self._frequency)

    def flag(self, word: str) -> str:
        """The part-of-speech flag jieba's dictionary (and the user dictionary) gives ``word`` ("" when none): a
        look-up, where ``tagged`` segments and may run the HMM."""
        return memo(self.user_dict).answer("flag", word, self._flag)

    def _cut(self, text: str) -> list[str]:
        return _tokenizer(self.user_dict).lcut(text, HMM=True)

    def _tagged(self, text: str) -> list[list[str]]:
        return [[w.word, w.flag] for w in _pos_tokenizer(self.user_dict).cut(text)]

    def _flag(self, word: str) -> str:
        tagger = _pos_tokenizer(self.user_dict)
        tagger.makesure_userdict_loaded()
        return tagger.word_tag_tab.get(word, "")

    def _frequency(self, word: str) -> int:
        return _tokenizer(self.user_dict).FREQ.get(word) or 0

    def head(self, text: str, max_len: int) -> str:
        """The longest run of whole words at the start of ``text`` no longer than ``max_len`` characters."""
        return self._whole(text, max_len, from_end=False)

    def tail(self, text: str, max_len: int) -> str:
        """The longest run of whole words at the end of ``text`` no longer than ``max_len`` characters."""
        return self._whole(text, max_len, from_end=True)

    def _whole(self, text: str, max_len: int, from_end: bool) -> str:
        if len(text) <= max_len:
            return text
        order = self.cut(text)
        if from_end:
            order.reverse()
        kept, total = [], 0
        for word in order:
            if total + len(word) > max_len:
                break
            kept.append(word)
            total += len(word)
        if from_end:
            kept.reverse()
        return "".join(kept) or order[0]  # never a cut inside a word: the one word, though longer (健全自治区 → 自治区)
