"""What every rule reads besides the article: built once per extraction from the ``extract`` config."""
from __future__ import annotations

from dataclasses import dataclass

from ..text import match_key
from .lexicon import Lexicon, load_lexicon
from .words import Words


@dataclass(frozen=True, slots=True)
class Context:
    words: Words  # jieba with ``extract.user_dict``: every rule segments through it
    lexicon: Lexicon  # ``extract.lexicon``: empty when switched off
    ignore: frozenset[str]  # match keys of ``extract.ignore_terms``

    @classmethod
    def from_config(cls, options: dict) -> Context:
        """The context for the ``extract`` section of a validated config."""
        return cls(words=Words(options.get("user_dict")), lexicon=load_lexicon(options.get("lexicon", True)),
                   ignore=frozenset(match_key(t) for t in options.get("ignore_terms") or []))
