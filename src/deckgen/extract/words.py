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


def words(text: str, user_dict: str | None = None) -> list[str]:
    return tokenizer(user_dict).lcut(text, HMM=True)


def word_frequency(word: str, user_dict: str | None = None) -> int:
    """jieba's dictionary frequency of ``word`` (0 when it is not a dictionary word)."""
    return tokenizer(user_dict).FREQ.get(word) or 0


def tail_words(text: str, max_len: int, user_dict: str | None = None) -> str:
    """The longest run of whole words at the end of ``text`` no longer than ``max_len`` characters."""
    if len(text) <= max_len:
        return text
    kept = ""
    for word in reversed(words(text, user_dict)):
        if len(kept) + len(word) > max_len:
            break
        kept = word + kept
    return kept or text[-max_len:]
