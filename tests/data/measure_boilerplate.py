"""Measure boilerplate removers on saved pages built around real articles (README, "Saved web pages").

Each article of ARTICLES is wrapped in each template of ``saved_pages`` and read four ways: deckgen's own
reader, trafilatura, readability-lxml and jusText (with an empty stoplist: it ships none for Chinese). For each
way: *body*, the share of the article's characters in paragraphs read whole; *furniture*, the pages where any
menu entry, crumb, related headline or footer line reaches the normalised text (deckgen's chrome lines dropped); *title*, the pages whose title (the remover's, or
deckgen's first block) is the headline; *items*, the share of the clean text's list names, items and terms that deckgen extracts;
and the time the remover takes per page. Needs the three libraries installed; run from the repository root:

    python tests/data/measure_boilerplate.py
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from saved_pages import TEMPLATES  # noqa: E402

from deckgen.api import extract_documents  # noqa: E402
from deckgen.config import load_config  # noqa: E402
from deckgen.models import Document  # noqa: E402
from deckgen.normalize import normalize  # noqa: E402
from deckgen.readers import blocks_document  # noqa: E402
from deckgen.readers.html import ArticleParser, html_blocks, page_blocks  # noqa: E402

ROOT = Path(__file__).parents[2]
ARTICLES = {  # file → headline (the file's own first line when it is the title)
    "tests/data/jianwei_sixiao_gongzuofa.txt": "犍为县推行“四小工作法”",
    "eval/unseen/texts/ccdi-19-4th-plenum-communique-2020.txt": "中国共产党第十九届中央纪律检查委员会第四次全体会议公报",
    "eval/unseen/texts/cewc-2023-release.txt": "中央经济工作会议在北京举行",
    "eval/unseen/texts/speech-2016-zhishifenzi.txt": "在知识分子、劳动模范、青年代表座谈会上的讲话",
    "eval/unseen/texts/cpc-discipline-regs-2015-excerpt.txt": "中国共产党纪律处分条例",
    "eval/shared/texts/gov-report-2005.txt": "2005年政府工作报告",
}
SQUEEZE = re.compile(r"\s")


def article(path: str, headline: str) -> list[str]:
    lines = [line.strip() for line in (ROOT / path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[1:] if lines[0] == headline else lines


class HandWritten(ArticleParser):
    """deckgen's hand-written rules as they were before readability: a <form> skipped with all it holds."""

    def is_boilerplate(self, tag: str, attributes: dict[str, str | None]) -> bool:
        return tag == "form" or super().is_boilerplate(tag, attributes)


def hand_written_reader(page: str) -> tuple[str, list[str]]:
    """The title is the first block, as the segmenter takes it."""
    parser = HandWritten()
    parser.feed(page)
    parser.close()
    parser.flush()
    blocks = [text for in_main, text in parser.blocks if in_main] or [text for _, text in parser.blocks]
    return blocks[0], blocks[1:]


def trafilatura_reader(page: str) -> tuple[str, list[str]]:
    import trafilatura

    body = trafilatura.extract(page, output_format="html", include_tables=True, include_comments=False) or ""
    return trafilatura.extract_metadata(page).title or "", html_blocks(body)


def readability_reader(page: str) -> tuple[str, list[str]]:
    from readability import Document as Readable

    readable = Readable(page)
    return readable.short_title(), html_blocks(readable.summary(html_partial=True))


def justext_reader(page: str) -> tuple[str, list[str]]:
    import justext

    kept = [p.text for p in justext.justext(page.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0,
                                            encoding="utf-8") if not p.is_boilerplate]
    return (kept or [""])[0], kept[1:]


def deckgen_readability_reader(page: str) -> tuple[str, list[str]]:
    """What deckgen reads now: readability-lxml's main text after deckgen's headline rule."""
    blocks = page_blocks(page)
    return blocks[0], blocks[1:]


READERS = {"deckgen (hand-written)": hand_written_reader, "trafilatura 2.3": trafilatura_reader,
           "readability-lxml 0.9": readability_reader, "jusText 3.0 (empty stoplist)": justext_reader,
           "deckgen: headline rule + readability-lxml": deckgen_readability_reader}


def study_items(document: Document) -> set[str]:
    extraction = extract_documents([document], load_config())
    found = {f"list:{entry.name}" for entry in extraction.lists}
    found |= {f"item:{item}" for entry in extraction.lists for item in entry.items}
    return found | {f"term:{entry.term}" for entry in extraction.terms}


def main() -> None:
    clean_items = {}
    for path, headline in ARTICLES.items():
        text = "\n".join([headline, *article(path, headline)])
        clean_items[path] = study_items(Document(source="clean.txt", text=text, encoding="utf-8"))
    print("| remover | body | pages with furniture | title right | items | time per page |")
    print("|---|---|---|---|---|---|")
    for name, reader in READERS.items():
        body = total = leaked = titled = pages = found_items = all_items = 0
        seconds = 0.0
        for path, headline in ARTICLES.items():
            paragraphs = article(path, headline)
            clean = "\n".join(paragraphs)
            for template in TEMPLATES.values():
                page, furniture = template(headline, paragraphs)
                start = time.perf_counter()
                title, blocks = reader(page)
                seconds += time.perf_counter() - start
                document = blocks_document("page.html", [title, *blocks], "utf-8", cleaned=True)
                got = SQUEEZE.sub("", "".join(blocks))
                body += sum(len(p) for p in paragraphs if SQUEEZE.sub("", p) in got)
                total += sum(map(len, paragraphs))
                shown = "".join(p.text for p in normalize(document)[1:])  # what reaches a deck, past the title
                leaks = [f for f in furniture if f not in clean and f not in headline and f in shown]
                leaked += bool(leaks)
                titled += title == headline
                found = study_items(document) if document.text.strip() else set()
                found_items += len(found & clean_items[path])
                all_items += len(clean_items[path])
                pages += 1
                if leaks or title != headline:
                    print(f"  {name} {Path(path).stem} {template.__name__}: title {title[:30]!r}, leaks {leaks[:4]}",
                          file=sys.stderr)
        print(f"| {name} | {body / total:.2f} | {leaked}/{pages} | {titled}/{pages} | {found_items / all_items:.2f} "
              f"| {1000 * seconds / pages:.0f} ms |")


if __name__ == "__main__":
    main()
