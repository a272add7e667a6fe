"""benchmarks/card_dump.py: every card of a built deck as plain text, rendered by real Anki."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_anki_import import build

DUMP = Path(__file__).resolve().parents[1] / "benchmarks" / "card_dump.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(DUMP), *args], capture_output=True, text=True)


def test_every_card_with_its_note_type_template_front_and_back(config, tmp_path):
    config["cards"]["kinds"] = [*config["cards"]["kinds"], "list_item_typed"]
    info = build(config, tmp_path, timestamp=1000)
    done = run(str(info.output), "-o", str(tmp_path / "cards.txt"))
    assert done.returncode == 0 and not done.stdout
    text = (tmp_path / "cards.txt").read_text(encoding="utf-8")
    assert text.startswith(f"deck.apkg: {info.cards} cards\n")
    assert "     3  deckgen list item typed · Typed\n" in text
    assert text.count("\n#") == info.cards
    definition = text[text.index("deckgen term · Definition · "):].split("\n\n")[0].splitlines()
    assert definition[1:] == ["Q  枫桥经验", "Q  这个提法是什么意思？", "A  就是要求我们把矛盾化解在基层。",
                              "A  《党建引领社区治理的创新路径》马开军", "A  坚持和发展新时代“枫桥经验”，推动社区治理。"]
    typed = text[text.index("deckgen list item typed · Typed · "):].split("\n\n")[0]
    assert "Q  [answer box]" in typed and "A  [to type: " in typed and "[to type" not in typed.split("\nA  ")[0]


def test_search_and_errors(config, tmp_path):
    info = build(config, tmp_path, timestamp=1000)
    done = run(str(info.output), "--search", '"card:Definition"')
    assert done.stdout.startswith("deck.apkg: 1 cards\n")
    missing = run(str(tmp_path / "none.apkg"))
    assert missing.returncode == 1 and "no such deck file" in missing.stderr and not missing.stdout
    (tmp_path / "bad.apkg").write_text("not a zip")
    bad = run(str(tmp_path / "bad.apkg"))
    assert bad.returncode == 1 and "Anki cannot import it" in bad.stderr and "Traceback" not in bad.stderr
