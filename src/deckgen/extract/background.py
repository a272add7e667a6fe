"""The packaged background: strings political writing repeats everywhere, by the share of reports that coin them.

``data/background.tsv`` is made by ``scripts/make_background.py`` from the 87 public reports of
``../shared/bench``: each report's new words (``discovery``) that are not words of jieba's dictionary, and its
acronyms, kept when three or more reports have them, with how many do. A term found in one document is stock,
not a coinage of its own, when many reports have it (加快建设, 营商环境, GDP); a report's own coinage (GEP核算,
可信数据空间) is never in the table. The table is read once per process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FORMAT = "deckgen background 1"
ACRONYM = r"(?<![A-Za-z0-9])[A-Z]{2,6}(?![A-Za-z])"  # GDP, RCEP: how the script finds acronyms
COMMON_SHARE = 0.08  # of the reports: an acronym this widespread (GDP, AI) is no coined name
STOCK_SHARE = 0.08  # of the reports: a new word this widespread is political stock, not the document's coinage


@dataclass(frozen=True, slots=True)
class Background:
    documents: int
    counts: dict[str, int]  # string → reports that have it

    def share(self, text: str) -> float:
        """The share of the background's reports that have ``text`` (0 for a string it does not hold)."""
        return self.counts.get(text, 0) / self.documents if self.documents else 0.0

    def common(self, acronym: str) -> bool:
        return self.share(acronym) >= COMMON_SHARE

    def stock(self, word: str) -> bool:
        return self.share(word) >= STOCK_SHARE


@lru_cache(maxsize=1)
def background() -> Background:
    """The packaged table."""
    text = resources.files("deckgen").joinpath("data/background.tsv").read_text(encoding="utf-8")
    documents, counts = 0, {}
    for line in text.splitlines():
        key, _, value = line.partition("\t")
        if key == "# documents":
            documents = int(value)
        elif value and not key.startswith("#"):
            counts[key] = int(value)
    return Background(documents, counts)
