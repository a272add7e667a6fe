"""Word boundaries from jieba, loaded lazily and owned (never the global tokenizer).

jieba costs about a second to load its dictionary, so ``deckgen --help`` must not
import it. Extraction only segments short spans (list items being trimmed, a
candidate term), never the whole text.
"""
from __future__ import annotations

import logging
from functools import lru_cache


@lru_cache(maxsize=4)
def tokenizer(user_dict: str | None = None):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    if user_dict:
        tok.load_userdict(user_dict)
    return tok


@lru_cache(maxsize=4)
def _pos_tokenizer(user_dict: str | None = None):
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer(user_dict))


def tagged_words(text: str, user_dict: str | None = None) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) of a short span; the tagger loads on first use (about 0.2 s)."""
    return [(w.word, w.flag) for w in _pos_tokenizer(user_dict).cut(text)]


def words(text: str, user_dict: str | None = None) -> list[str]:
    return tokenizer(user_dict).lcut(text, HMM=True)


def word_frequency(word: str, user_dict: str | None = None) -> int:
    """jieba's dictionary frequency of ``word`` (0 when it is not a dictionary word)."""
    return tokenizer(user_dict).FREQ.get(word) or 0


def head_words(text: str, max_len: int, user_dict: str | None = None) -> str:
    """The longest run of whole words at the start of ``text`` no longer than ``max_len`` characters."""
    return _whole_words(text, max_len, user_dict, from_end=False)


def tail_words(text: str, max_len: int, user_dict: str | None = None) -> str:
    """The longest run of whole words at the end of ``text`` no longer than ``max_len`` characters."""
    return _whole_words(text, max_len, user_dict, from_end=True)


def _whole_words(text: str, max_len: int, user_dict: str | None, from_end: bool) -> str:
    if len(text) <= max_len:
        return text
    order = words(text, user_dict)
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
    return "".join(kept) or (text[-max_len:] if from_end else text[:max_len])
