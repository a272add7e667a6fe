"""Word boundaries from jieba, loaded lazily and owned (never the global tokenizer).

jieba costs about a second to load its dictionary, so ``deckgen --help`` must not
import it. Extraction only segments short spans (list items being trimmed, a
candidate term), never the whole text. One ``Words`` is built per extraction from
``extract.user_dict`` and carried by the extraction context to every rule, so the
user dictionary reaches every jieba call.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
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
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer(user_dict))


@dataclass(frozen=True, slots=True)
class Words:
    """jieba with the user dictionary, if any: segmentation, tagging and dictionary frequency of short spans."""

    user_dict: str | None = None

    def cut(self, text: str) -> list[str]:
        return _tokenizer(self.user_dict).lcut(text, HMM=True)

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech flag) of a short span; the tagger loads on first use (about 0.2 s)."""
        return list(_tagged(text, self.user_dict))

    def frequency(self, word: str) -> int:
        """jieba's dictionary frequency of ``word`` (0 when it is not a dictionary word)."""
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


@lru_cache(maxsize=1 << 14)
def _tagged(text: str, user_dict: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in _pos_tokenizer(user_dict).cut(text))
