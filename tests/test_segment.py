"""Splitting repaired paragraphs into articles (title, author, closing note), sections and sentences."""
from __future__ import annotations

from deckgen.models import Document
from deckgen.normalize import normalize
from deckgen.segment import segment, split_sentences


def articles(text: str):
    return segment(normalize(Document(source="t.txt", text=text, encoding="utf-8")), "t.txt")


def test_a_page_of_pieces_split_at_title_author_pairs_and_closing_notes():
    text = ("党建引领社区治理\n□马开军\n强化党建引领作用\n社区党组织加强区域共建。\n（作者系干部学校处长）\n"
            "新能源汽车人才政策\n□翁子立\n新能源汽车产业的首位度不断提高。\n")
    first, second = articles(text)
    assert (first.title, first.author, first.untitled) == ("党建引领社区治理", "马开军", False)
    assert [s.heading for s in first.sections] == ["强化党建引领作用"]
    assert first.paragraphs[-1].text == "社区党组织加强区域共建。"  # the closing note is not body text
    assert (second.title, second.author) == ("新能源汽车人才政策", "翁子立")


def test_a_piece_without_a_title_line_is_untitled():
    (piece,) = articles("党的二十大报告首次明确提出六个必须坚持。我们要深刻领会。\n")
    assert piece.untitled and piece.title.startswith("党的二十大报告")


def test_a_report_title_block_keeps_subtitle_and_byline_out_of_the_sections():
    text = ("2026年政府工作报告\n——2026年1月25日在市第十六届人民代表大会第四次会议上\n市长 殷勇\n"
            "各位代表：现在我代表市人民政府向大会报告工作。\n一、过去一年的工作\n经济运行稳中有进。\n")
    (report,) = articles(text)
    assert report.title.startswith("2026年政府工作报告") and not report.untitled
    assert [s.heading for s in report.sections] == [None, "一、过去一年的工作"]


def test_a_speakers_name_under_the_title_block_is_its_author():
    """As the 2024 政府工作报告 and the 19th congress report print it: the name on a line of its own, a date between."""
    text = ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\n李　强\n"
            "各位代表：现在，我代表国务院，向大会报告政府工作。\n一、2023年工作回顾\n过去一年，经济回升向好。\n")
    (report,) = articles(text)
    assert (report.title.split("\u3000")[0], report.author) == ("政府工作报告", "李强")
    assert [s.heading for s in report.sections] == [None, "一、2023年工作回顾"]
    text = "决胜全面建成小康社会\n——在中国共产党第十九次全国代表大会上的报告\n（2017年10月18日）\n习　近　平\n同志们：现在，我代表第十八届中央委员会向大会作报告。\n"
    (report,) = articles(text)
    assert report.author == "习近平" and [s.heading for s in report.sections] == [None]


def test_sentences_keep_their_closing_quote():
    assert split_sentences("他说：“要干。”我们就干。") == ["他说：“要干。”", "我们就干。"]
