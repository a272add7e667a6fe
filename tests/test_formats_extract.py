"""The same article through every input format gives the same lists and terms (issue 6)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DATA = Path(__file__).parent / "data"
ORIGINAL = DATA / "jianwei_sixiao_gongzuofa.txt"
FORMATS = sorted((DATA / "formats").glob("jianwei.*"))


def extracted(path: Path) -> tuple:
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return ([(l["name"], l["count"], l["items"]) for l in data["lists"]],
            [(t["term"], t["definition"]) for t in data["terms"]])


def test_every_format_is_covered():
    assert {p.suffix for p in FORMATS} >= {".txt", ".docx", ".pdf", ".html", ".md"}


@pytest.mark.parametrize("path", FORMATS, ids=lambda p: p.name)
def test_same_lists_and_terms_as_the_utf8_original(path):
    assert extracted(path) == extracted(ORIGINAL)


def test_the_bare_html_fragment_gives_the_same_extraction():
    assert extracted(DATA / "jianwei_sixiao_gongzuofa.html") == extracted(ORIGINAL)


def test_a_guessed_encoding_is_named(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(ORIGINAL.read_text(encoding="utf-8").encode("gb18030"))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    assert f"{path}: read as gb18030" in result.stderr
