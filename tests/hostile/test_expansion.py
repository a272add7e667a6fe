"""Issue 13: small inputs that ask for unbounded work stop with one message naming the limit."""
from __future__ import annotations

import io
import zipfile

import pytest

from hostile_box import LAUGHS, box, refused  # noqa: F401 (box is a fixture)
from minimal_docx import docx, para

SPEC = "key: k13\nsources: [article.txt]\n"
TEXT = "建立“社区吹哨，部门报到”工作机制，推进“五治融合”，增强“四个意识”。"


def numbering(start: str, template: str = "%1、") -> str:
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="{template}"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


def docx_deck(box, data: bytes):
    box.deck("d", "key: k13\nsources: [a.docx]\n", {"a.docx": data})
    return box.run("build", "decks/d")


def test_billion_laughs_in_deck_yaml_config_and_candidates(box):
    folder = box.deck("d", SPEC + LAUGHS + "tags: *l9\n")
    refused(box.run("build", "decks/d"), "MAX_YAML_ALIAS_NODES")
    (folder / "deck.yaml").write_text(SPEC)
    (box.root / "config.yaml").write_text(LAUGHS.replace("l", "x") + "extract: {ignore_terms: *x9}\n")
    refused(box.run("build", "decks/d", "--config", "config.yaml"), "MAX_YAML_ALIAS_NODES")
    (box.root / "config.yaml").unlink()
    (folder / "candidates.yaml").write_text(
        "- id: term:社区吹哨部门报到\n  term: 社区吹哨\n  " + LAUGHS.replace("\n", "\n  ").strip() + "\n  tags: *l9\n")
    refused(box.run("build", "decks/d"), "MAX_YAML_ALIAS_NODES")


def test_a_huge_width_in_name_template(box):
    box.deck("d", SPEC + "deck: {name_template: '{deck:>400000000}'}\n")
    refused(box.run("build", "decks/d"), "MAX_TEMPLATE_WIDTH")


def test_a_docx_part_that_inflates_past_the_limit(box):
    data = docx(para(TEXT), pad=70 * 2**20)
    assert len(data) < 1_000_000
    refused(docx_deck(box, data), "MAX_DOCX_PART_BYTES")


def test_a_docx_list_numbered_from_a_billion(box):
    body = "".join(para(TEXT, num=True) for _ in range(40))
    refused(docx_deck(box, docx(body, numbering("1000000000"))), "MAX_LIST_NUMBER")


def test_a_docx_cell_spanning_300_million_columns(box):
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="300000000"/></w:tcPr>{para(TEXT)}</w:tc>'
    refused(docx_deck(box, docx(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")), "MAX_TABLE_SPAN")


def test_a_docx_of_vertically_merged_rows_builds(box):
    """Its time (linear in the rows) is measured by ``benchmarks/reading.py``, not asserted here."""
    first = f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{para(TEXT)}</w:tc></w:tr>'
    rest = '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>' * 3000
    result = docx_deck(box, docx(f"<w:tbl>{first}{rest}</w:tbl>"))
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_valid_docx_without_numbering_part_builds(box):
    result = docx_deck(box, docx(para(TEXT)))
    assert result.returncode == 0, result.stderr[-2000:]


def many_parts(count: int) -> bytes:
    data = io.BytesIO(docx(para(TEXT), numbering("1")))
    with zipfile.ZipFile(data, "a") as z:
        for i in range(count):
            z.writestr(f"customXml/item{i}.xml", "<a/>")
    return data.getvalue()


@pytest.mark.parametrize("limit, data", [
    ("MAX_LIST_TEMPLATE", lambda: docx(para(TEXT, num=True), numbering("1", "%1" + "、" * 100))),
    ("MAX_DOCX_RATIO", lambda: docx(para(TEXT), numbering("1"), pad=2 * 2**20)),
    ("MAX_DOCX_PARTS", lambda: many_parts(2_000)),
])
def test_the_other_docx_limits(box, limit, data):
    refused(docx_deck(box, data()), limit)


def test_settings_candidates_user_dict_and_glob_depth_are_bounded(box):
    folder = box.deck("d", SPEC + "#" * (1024 * 1024) + "\n")
    refused(box.run("build", "decks/d"), "deck.yaml", "MAX_SETTINGS_BYTES")
    (folder / "deck.yaml").write_text(SPEC + "extract: {user_dict: words.txt}\n")
    (folder / "words.txt").write_text("社区吹哨 3\n" * (21 * 2**20 // 14), encoding="utf-8")
    refused(box.run("build", "decks/d"), "words.txt", "MAX_USER_DICT_BYTES")
    (folder / "deck.yaml").write_text(SPEC)
    (folder / "words.txt").unlink()
    (folder / "candidates.yaml").write_text("#" * (21 * 2**20) + "\n")
    refused(box.run("build", "decks/d"), "candidates.yaml", "MAX_CANDIDATES_BYTES")
    (folder / "candidates.yaml").unlink()
    deep = folder.joinpath(*"abcdefghij")
    deep.mkdir(parents=True)
    (folder / "article.txt").rename(deep / "article.txt")
    (folder / "deck.yaml").write_text("key: k13\nsources: ['**/*.txt']\n")
    refused(box.run("build", "decks/d"), "MAX_GLOB_DEPTH")
