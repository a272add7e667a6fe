"""Repairing PDF-broken and web-scraped text into paragraphs, with the map back to source lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.models import Document
from deckgen.normalize import normalize

DATA = Path(__file__).parent / "data"


def paragraphs(text: str) -> list[str]:
    return [p.text for p in normalize(Document(source="t.txt", text=text, encoding="utf-8"))]


def test_pdf_breaks_and_spaces_are_repaired_and_lines_kept():
    first = "社区党组织加强 区域共建,与驻社区单位联合成立\"社区 党建理事会\",吸纳党务工作者兼任社区\"大党委\"委员,定期"
    doc = Document(source="t.txt", text=first + "\n召开联席会议。\n", encoding="utf-8")
    (para,) = normalize(doc)
    assert para.text == ("社区党组织加强区域共建，与驻社区单位联合成立“社区党建理事会”，吸纳党务工作者兼任社区“大党委”委员，"
                         "定期召开联席会议。")
    assert (para.line, para.end_line) == (1, 2)


def test_item_markers_start_a_new_paragraph():
    assert paragraphs("主要做法有\n一是加强宣传，\n二是培育文化。") == ["主要做法有", "一是加强宣传，", "二是培育文化。"]


def test_web_page_chrome_and_footer_are_dropped():
    text = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n当前位置：\n首页\n>\n要闻\n来源：\n宁夏日报客户端\n"
            "2026-02-09 09:45:30\n政府工作报告\n各位代表：现在我代表政府作报告。\n扫一扫在手机打开当前页\n【\n打印本页\n】\n"
            "相关报道：\n某某新闻\n")
    assert paragraphs(text) == ["政府工作报告", "各位代表：现在我代表政府作报告。"]


def test_a_link_flattened_onto_its_own_line_is_rejoined():
    text = "党中央分别就重大问题作出决定，制定\n“十三五”规划\n、全面从严治党等决定。\n"
    assert paragraphs(text) == ["党中央分别就重大问题作出决定，制定“十三五”规划、全面从严治党等决定。"]


def test_a_short_line_after_a_sentence_cut_at_a_comma_continues_it():
    assert paragraphs("五年来，我们协调推进“四个全面”战略布局，\n“十二五”规划\n胜利完成。") == [
        "五年来，我们协调推进“四个全面”战略布局，“十二五”规划胜利完成。"]


def test_a_heading_after_a_closing_note_cut_at_a_comma_stays_a_heading():
    paras = normalize(Document(source="t.txt", text="(作者系干部学校处长，\n更实举措推进新能源汽车强市建设\n正文。",
                               encoding="utf-8"))
    assert [p.is_heading for p in paras] == [False, True, False]


def test_footnote_references_are_removed_but_glossary_numbers_kept():
    assert paragraphs("四大主导产业［2］占比提高。\n［2］四大主导产业：\n旅游业、现代服务业。") == [
        "四大主导产业占比提高。", "［2］四大主导产业：旅游业、现代服务业。"]


def test_a_standalone_sub_heading_and_a_lead_in_sentence_end_their_paragraph():
    text = "（一）聚力促进更高水平开放\n推动政策红利加速释放。\n我们要深刻领会这一思想的世界观和方法论，主要是：\n必须坚持人民至上。"
    assert paragraphs(text) == ["（一）聚力促进更高水平开放", "推动政策红利加速释放。",
                                "我们要深刻领会这一思想的世界观和方法论，主要是：", "必须坚持人民至上。"]


def test_a_numbered_part_title_is_not_merged_into_the_title_above():
    paras = normalize(Document(source="t.txt", text="政府工作报告\n一、过去一年的工作\n正文。", encoding="utf-8"))
    assert [(p.text, p.is_heading) for p in paras] == [
        ("政府工作报告", True), ("一、过去一年的工作", True), ("正文。", False)]


def test_a_single_line_of_200000_characters_does_not_hang():
    line = "坚持“党建引领”，推进社区治理，" * 12500
    (para,) = normalize(Document(source="t.txt", text=line, encoding="utf-8"))
    assert len(para.text) == len(line)


def wrapped(text: str, width: int) -> str:
    """Hard-wrapped as text copied out of a PDF column: every ``width`` characters, no blank lines."""
    return "\n".join(line[i:i + width] for line in text.splitlines() if line for i in range(0, len(line), width))


@pytest.mark.parametrize("width", [16, 30, 40])
def test_issue11_a_text_wrapped_at_any_width_gives_the_unwrapped_paragraphs(width):
    text = (DATA / "jianwei_sixiao_gongzuofa.txt").read_text(encoding="utf-8")
    assert paragraphs(wrapped(text, width)) == paragraphs(text)


def test_issue11_an_indent_ends_a_paragraph_even_after_a_full_line():
    first, second = "一年来的成就集中表现在经济保持平稳较快发展，综合国力进一步增强。", "社会事业加快发展，人民生活继续改善，对外开放实现新突破。"
    # typeset: the indent takes two characters of a 16-character line
    text = "\n".join("　　" + wrapped("　　" + paragraph, 16)[2:] for paragraph in (first, second))
    assert paragraphs(text) == [first, second]
    # without the indent a full line ending a sentence goes on: nothing says the paragraph ends there
    assert paragraphs(wrapped(first + "\n" + second, 16)) == [first + second]


def test_issue11_lines_of_whole_sentences_are_not_a_wrapped_column():
    text = "坚持人民至上。\n坚持自信自立。\n坚持守正创新。\n坚持问题导向。"
    assert paragraphs(text) == ["坚持人民至上。", "坚持自信自立。", "坚持守正创新。", "坚持问题导向。"]


def test_issue11_a_title_a_scraper_put_on_its_own_line_is_rejoined():
    text = "各级政府认真实施《\n行政许可法\n》，取消和调整了一大批行政审批项目。\n"
    assert paragraphs(text) == ["各级政府认真实施《行政许可法》，取消和调整了一大批行政审批项目。"]


def test_issue11_a_number_wrapped_across_lines_has_no_gap():
    text = "收集并消除隐患问题23\n2个，成立心灵成长工作\n室，开通心理辅导热线，为\n心理困扰者提供帮助服务。"
    assert paragraphs(text) == ["收集并消除隐患问题232个，成立心灵成长工作室，开通心理辅导热线，为心理困扰者提供帮助服务。"]


def test_a_line_of_only_a_zero_width_space_is_read():
    """gov-report-2017/2021 of the bench carry lines holding only U+200B: the rejoining step must not fail on them."""
    text = "政府工作报告\n\u200b\n" + "我们坚持稳中求进工作总基调，推动经济高质量发展。\n" * 3
    paragraphs = normalize(Document(source="t.txt", text=text, encoding="utf-8"))
    assert paragraphs and all("\u200b" not in p.text for p in paragraphs)


def test_the_words_a_footnote_reference_follows_are_kept_as_noted():
    paras = normalize(Document(source="t.txt", text="开放政策落地10多项。三张“零关税”清单［4］、企业和个人\n"
                               "所得税优惠持续优化，ESI［5］排名上升。\n［4］三张“零关税”清单：原辅料、交通工具。",
                               encoding="utf-8"))
    assert [p.noted for p in paras] == [("三张“零关税”清单", "ESI"), ()]
