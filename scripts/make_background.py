#!/usr/bin/env python3
"""Make ``src/deckgen/data/background.tsv``: what political writing in general repeats, for term discovery.

    python scripts/make_background.py [BENCH_TEXTS] [-o OUT]

BENCH_TEXTS defaults to ``../shared/bench/texts`` (87 public reports, 1982–2026). Each text is read on its own,
as deckgen reads a document: its new words (``deckgen.extract.discovery.new_words``: repeated, cohesive and free
strings) that are not words of jieba's dictionary, and its acronyms of two to six capitals. The table keeps those
found in at least ``MIN_DOCUMENTS`` texts, with the number of texts: a string many reports coin again and again is
political stock (加快建设, 营商环境, GDP), however cohesive in one of them, while a report's own coinage stays
under the cut. A string of only one or two texts is never kept, so no single report (the eval texts among the bench
included) leaves its own coinages in the table.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deckgen.extract.background import ACRONYM, FORMAT  # noqa: E402
from deckgen.extract.discovery import new_words  # noqa: E402
from deckgen.extract.words import Words  # noqa: E402
from deckgen.normalize import normalize  # noqa: E402
from deckgen.read import read_source  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "texts"
OUT = ROOT / "src" / "deckgen" / "data" / "background.tsv"
MIN_DOCUMENTS = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", nargs="?", type=Path, default=BENCH)
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    files = sorted(args.texts.glob("*.txt"))
    if not files:
        print(f"{args.texts}: no .txt files", file=sys.stderr)
        return 1
    words = Words()
    documents: Counter[str] = Counter()
    for path in files:
        text = "\n".join(p.text for p in normalize(read_source(path)))  # what deckgen reads of it
        found = {w.word for w in new_words(text, known=lambda word: bool(words.frequency(word)))}
        found |= set(re.findall(ACRONYM, text))
        documents.update(found)
    kept = sorted(((s, n) for s, n in documents.items() if n >= MIN_DOCUMENTS), key=lambda x: (-x[1], x[0]))
    lines = [f"# {FORMAT}", f"# documents\t{len(files)}",
             f"# made by scripts/make_background.py from {len(files)} texts of {args.texts.name}/; "
             f"strings of {MIN_DOCUMENTS} or more of them"]
    args.out.write_text("\n".join(lines + [f"{s}\t{n}" for s, n in kept]) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(kept)} strings from {len(files)} texts, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
