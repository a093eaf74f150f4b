"""The outline on real reports: title, organ, year, the six sections, sub-items."""

import random
from pathlib import Path

import pytest
from outline_prose import insert_prose

from govlint.model import Numbering, Severity, Wording
from govlint.read import govlint_readers
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.synthetic import LAYOUTS, random_spec, render_located

FIXTURES = Path(__file__).parents[2] / "fixtures"


def doc(name):
    return read_document(str(FIXTURES / name), readers=govlint_readers())


@pytest.mark.parametrize("name, title, title_line, organ, year", [
    ("seeds/000_b08920702986320c.txt", "2020年南关区明珠街道政府信息公开工作年度报告", 3, "南关区明珠街道", 2020),
    ("seeds/001_6fd5ae83f3a742c0.txt", "安丘市兴安街道办事处2020年政府信息公开工作年度报告", 1, "安丘市兴安街道办事处", 2020),
    ("seeds/003_c2afdc98611f7d7b.txt", "2024年南关区新春街道政府信息公开工作年度报告", 1, "南关区新春街道", 2024),
    ("seeds/004_94358fe22916de47.txt", "南岗区保健路街道办事处2020年政府信息公开年度报告", 3, "南岗区保健路街道办事处", 2020),
    ("real/shanghai-office-2025.md", "2025年上海市人民政府办公厅政府信息公开工作年度报告", 2, "上海市人民政府办公厅", 2025),
    ("real/shuyang-county-2025.md", "沐阳县人民政府2025年政府信息公开工作年度报告", 1, "沐阳县人民政府", 2025),
])
def test_title_organ_year(name, title, title_line, organ, year):
    d = doc(name)
    assert (d.title.text, d.title.location.line, d.organ, d.year) == (title, title_line, organ, year)


@pytest.mark.parametrize("name, heads", [
    ("seeds/001_6fd5ae83f3a742c0.txt", [(1, 5), (2, 31), (3, 106), (4, 368), (5, 416), (6, 425)]),
    ("seeds/002_527f70dee024eeb5.txt", [(1, 3), (2, 11), (3, 12), (4, 197), (5, 198), (6, 203)]),
    ("seeds/003_c2afdc98611f7d7b.txt", [(1, 5), (2, 27), (3, 73), (4, 358), (5, 403), (6, 408)]),
    ("seeds/004_94358fe22916de47.txt", [(1, 9), (2, 17), (3, 39), (4, 69), (5, 78), (6, 84)]),
    ("real/shanghai-office-2025.md", [(1, 15), (2, 77), (3, 103), (4, 171), (6, 214)]),
])
def test_sections_found_at_their_lines(name, heads):
    assert [(s.number, s.start_line) for s in doc(name).sections] == heads


def test_numbering_and_wording_are_classified():
    d = doc("seeds/002_527f70dee024eeb5.txt")
    four = d.section(4)
    assert (four.numeral, four.numbering, four.separator) == ("4", Numbering.ARABIC, "、")
    d = doc("seeds/003_c2afdc98611f7d7b.txt")
    assert d.section(3).numbering is Numbering.NONE
    d = doc("seeds/004_94358fe22916de47.txt")
    assert [s.wording for s in d.sections] == [
        Wording.CANONICAL, Wording.VARIANT, Wording.VARIANT, Wording.TYPO, Wording.VARIANT, Wording.CANONICAL]
    assert d.section(4).expected == "因政府信息公开工作被申请行政复议、提起行政诉讼的情况"


def test_section_spans_and_content():
    d = doc("seeds/001_6fd5ae83f3a742c0.txt")
    three = d.section(3)
    assert (three.start_line, three.end_line, len(three.tables), len(three.paragraphs)) == (106, 365, 1, 0)
    assert d.section(6).end_line == 429


def test_table_caption_under_heading_is_not_a_heading():
    d = doc("seeds/004_94358fe22916de47.txt")
    assert [s.start_line for s in d.sections if s.number == 4] == [69]
    assert any(p.location.line == 71 for p in d.section(4).paragraphs)


def test_subitems_levels():
    d = doc("seeds/001_6fd5ae83f3a742c0.txt")
    first = [(i.style, i.value, i.location.line) for i in d.subitems if i.section == 1][:6]
    assert first == [("cn-paren", 1, 7), ("arabic-dot", 1, 9), ("arabic-dot", 2, 10), ("arabic-dot", 3, 11),
                     ("arabic-dot", 4, 12), ("cn-paren", 2, 13)]
    assert ("arabic-paren", 4, 21) in [(i.style, i.value, i.location.line) for i in d.subitems]


def test_unnumbered_heading_only_in_order():
    text = "一、总体情况\n内容。\n三、收到和处理政府信息公开申请情况\n主动公开政府信息情况\n"
    d = read_document("x.txt", text.encode(), readers=govlint_readers())
    assert [s.number for s in d.sections] == [1, 3]


# ---------------------------------------------------------------- issue 12: the outline as one decision


PLUGINS = load_plugins()
#: the outline rules (S008, S009 are about what 五 says, not where headings are)
STRUCTURE = [r for r in PLUGINS.rules if r.code.startswith("S") and r.code not in ("S008", "S009")]


def text_doc(text, name="report.txt"):
    return read_document(name, text.encode("utf-8"), readers=govlint_readers())


def structure(text, name="report.txt"):
    """(line, code, severity) of the S findings of a report given as text."""
    found = lint_document(text_doc(text, name), STRUCTURE)
    return sorted((f.line, f.code, f.severity) for f in found)


# A county bureau's report: 总体情况 with sub-items titled like the sections and a
# loose line about 行政复议/诉讼, then the six real headings (class 1 of issue 12).
BUREAU = """\
某某县交通运输局2023年政府信息公开工作年度报告
一、总体情况
2023年，县交通运输局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，扎实推进政务公开工作。
（一）主动公开政府信息情况
围绕交通建设、行政执法等重点领域，通过局门户网站主动公开政府信息235条。
（二）依申请公开情况
全年收到政府信息公开申请6件，均在法定期限内答复。
（三）政府信息管理
动态更新政府信息公开指南和公开目录。
行政复议、行政诉讼情况
本年度未发生因政府信息公开引起的行政复议和行政诉讼。
二、主动公开政府信息情况
本年度主动公开政府信息情况如下。
三、收到和处理政府信息公开申请情况
本年度收到申请6件。
四、政府信息公开行政复议、行政诉讼情况
本年度无行政复议、行政诉讼案件。
五、存在的主要问题及改进情况
政策解读形式较为单一。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_subitems_and_lines_naming_sections_inside_general_part_are_not_headings():
    d = text_doc(BUREAU)
    assert [(s.number, s.start_line) for s in d.sections] == [(1, 2), (2, 12), (3, 14), (4, 16), (5, 18), (6, 20)]
    assert structure(BUREAU) == []


def test_table_caption_and_loose_row_label_are_not_headings():
    text = """\
某某镇人民政府2022年政府信息公开工作年度报告
一、总体情况
2022年，镇政府认真落实政务公开各项要求。
二、主动公开政府信息情况
二、主动公开政府信息情况
	第二十条第（一）项
	信息内容
	本年制发件数
三、收到和处理政府信息公开申请情况
本年度收到申请2件。
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
本年度无行政复议、行政诉讼案件。
五、存在的主要问题及改进情况
一是公开内容不够全面。
六、其他需要报告的事项
无。
"""
    d = text_doc(text)
    assert [s.start_line for s in d.sections] == [2, 4, 9, 12, 14, 16]
    assert structure(text) == []


def test_swapped_sections_with_their_numerals_are_still_reported():
    text = "一、总体情况\n内容。\n二、主动公开政府信息情况\n内容。\n三、收到和处理政府信息公开申请情况\n内容。\n" \
           "五、存在的主要问题及改进情况\n内容。\n四、政府信息公开行政复议、行政诉讼情况\n内容。\n六、其他需要报告的事项\n无\n"
    assert [s.number for s in text_doc(text).sections] == [1, 2, 3, 5, 4, 6]
    assert structure(text) == [(9, "S002", Severity.ERROR)]


# A web page saved by a crawler: metadata lines, then the whole body on one line
# (class 2 of issue 12; the layout of the pingtan-zone reports).
ONE_LINE = (
    "标题: 平潭综合实验区某某局2021年政府信息公开工作年度报告\n"
    "发布时间: 2022-01-20 10:00\n"
    "文号: \n"
    "==================== 正文 ====================\n"
    "平潭综合实验区某某局2021年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》要求，编制本报告。"
    "如对本报告有疑问，请与局办公室联系（电话：0591-00000000，电子邮箱：abc@163.com）。"
    "一、总体情况2021年，我局认真贯彻落实《条例》，推进政务公开。（一）主动公开方面。全年主动公开信息120条。"
    "（二）依申请公开方面。三是加强行政复议、行政诉讼案件的处理工作。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件303"
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "一、本年新收政府信息公开申请数量2000002二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开2000002"
    "（七）总计2000002四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼 000000000000000"
    "五、存在的主要问题及整改措施2021年，我局政务公开工作仍存在不足。六、其他需要报告的事项 无其他需要报告的事项\n"
)


def test_headings_inline_in_one_line_text_are_found_where_they_are():
    d = text_doc(ONE_LINE)
    assert [s.number for s in d.sections] == [1, 2, 3, 4, 5, 6]
    body = ONE_LINE.split("\n")[4]
    for s in d.sections:
        assert s.location.line == 5
        assert body[s.location.column - 1:].startswith(s.heading.text), s.heading.text
    assert [s.title for s in d.sections][4] == "存在的主要问题及整改措施"
    assert d.section(6).paragraphs[0].text == "无其他需要报告的事项"
    assert d.section(1).paragraphs[0].text.startswith("2021年，我局")
    assert structure(ONE_LINE) == [(5, "S004", Severity.WARNING)]  # 整改措施: a known variant, not a typo
    assert (d.title.text, d.organ, d.year) == ("平潭综合实验区某某局2021年政府信息公开工作年度报告", "平潭综合实验区某某局", 2021)
    assert (d.title.location.line, d.title.location.column) == (1, 5)


def test_inline_headings_in_other_words_end_before_the_next_heading():
    d = text_doc("一、总体情况2020年，我局推进公开。五、存在问题六、其他需要报告的事项 无\n")
    assert [(s.number, s.heading.text, s.location.column) for s in d.sections] == [
        (1, "一、总体情况", 1), (5, "五、存在问题", 20), (6, "六、其他需要报告的事项", 26)]
    assert [p.text for p in d.section(6).paragraphs] == ["无"]


def test_page_labels_are_not_part_of_title_or_organ():
    text = ("索 引 号：001-2021-000123\n标  题：某某市生态环境局2020年度政府信息公开工作年度报告\n"
            "发布日期：2021-01-28\n一、总体情况\n内容。\n")
    d = text_doc(text)
    assert (d.title.text, d.organ, d.year) == ("某某市生态环境局2020年度政府信息公开工作年度报告", "某某市生态环境局", 2020)
    assert (d.title.location.line, d.title.location.column) == (2, 6)


def test_cover_letter_title_does_not_lend_its_words_to_the_organ():
    d = text_doc("某某片区管理局关于报送2020年度政府信息公开工作年度报告的函\n区办公室：\n一、总体情况\n内容。\n")
    assert (d.organ, d.year) == ("某某片区管理局", 2020)


@pytest.mark.parametrize("title, wording", [
    ("政府信息公开行政法复议、行政诉讼情况", Wording.TYPO),       # a key word corrupted: S005
    ("主动公开政府信信息情况", Wording.TYPO),
    ("收到和处理政府信息公开审请情况", Wording.TYPO),
    ("存在的主要问题及整改措施", Wording.VARIANT),              # known variants: S004
    ("政府信息公开工作存在的主要问题及改进情况", Wording.VARIANT),
    ("存在的主要问题及整改情况", Wording.DEVIANT),              # a rewording: S004
    ("政府信息公开行政复议、诉讼情况", Wording.DEVIANT),         # a key word shortened, not corrupted
    ("存在的主要问题及改进举措", Wording.DEVIANT),
])
def test_typo_only_for_corrupted_key_words(title, wording):
    number = {"行": 4, "主": 2, "收": 3, "存": 5, "政": 4}[title[0]]
    if title.startswith("政府信息公开工作"):
        number = 5
    d = text_doc(f"一、总体情况\n内容。\n{'一二三四五六'[number - 1]}、{title}\n内容。\n")
    assert d.section(number).wording is wording


def test_stray_letter_before_a_numeral_is_dropped():
    d = text_doc("一、总体情况\n内容。\nl六、其他需要报告的事项\n无\n")
    six = d.section(6)
    assert (six.numeral, six.numbering, six.title) == ("六", Numbering.CHINESE, "其他需要报告的事项")
    d = text_doc("一、总体情况\n内容。\n●收到和处理政府信息公开申请情况\n	申请人情况\n")
    [finding] = [f for f in lint_document(d, STRUCTURE) if f.code == "S003"]
    assert finding.message == "章节标题缺少序号：应为“三、收到和处理政府信息公开申请情况”"
    d = text_doc("四、政府信息公开行政复议、行政诉讼情况\n内容。\nl六、存在的主要问题及改进情况\n内容。\n")
    [finding] = [f for f in lint_document(d, STRUCTURE) if f.code == "S003"]
    assert finding.message == ("章节序号“六、”与内容不符：“存在的主要问题及改进情况”是第五部分，"
                               "应为“五、存在的主要问题及改进情况”")


def test_weakly_found_heading_gives_graded_findings():
    # 五 is found by its numeral alone (old wording), 四 is missing next to it:
    # graded findings with the reason, not a confident S001 for 五
    text = ("一、总体情况\n内容。\n二、主动公开政府信息情况\n内容。\n三、收到和处理政府信息公开申请情况\n内容。\n"
            "五、下一步工作打算\n加强培训。\n六、其他需要报告的事项\n无\n")
    d = text_doc(text)
    assert d.section(5).confidence < 0.5 and d.section(3).confidence > 0.9
    found = lint_document(d, STRUCTURE)
    assert sorted((f.line, f.code, f.severity) for f in found) == [
        (7, "S001", Severity.WARNING), (7, "S004", Severity.INFO)]
    assert all("标题识别把握不大：第 7 行“五、下一步工作打算”" in f.message for f in found)


def test_kangxi_radicals_from_pdf_extraction_match():
    d = text_doc("⼀、总体情况\n内容。\n四、政府信息公开⾏政复议、⾏政诉讼情况\n内容。\n")
    assert [(s.number, s.wording) for s in d.sections] == [(1, Wording.CANONICAL), (4, Wording.CANONICAL)]


def test_outline_blocks_keep_every_character_of_a_split_paragraph():
    d = text_doc(ONE_LINE)
    body = [b for b in d.blocks if getattr(b, "location", None) and b.location.line == 5]
    assert "".join(b.text for b in body).replace(" ", "") == ONE_LINE.split("\n")[4].replace(" ", "")


# ---------------------------------------------------------------- property: inserted prose, no structure error


SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", range(12))
def test_clean_report_with_heading_like_prose_has_no_structure_error(layout, seed):
    """Sentences naming sections, sub-items titled like sections, captions and
    loose table labels anywhere in a clean report: the same six sections, no S error."""
    rng = random.Random(seed * 7919 + LAYOUTS.index(layout))
    out = render_located(random_spec(rng), layout)
    text = insert_prose(out.text, dict(out.sections), rng, count=rng.randint(3, 7))
    d = read_document("report" + out.extension, text.encode("utf-8"), readers=govlint_readers())
    assert [s.number for s in d.sections] == [1, 2, 3, 4, 5, 6], text
    errors = [f for f in lint_document(d, STRUCTURE) if f.severity is Severity.ERROR]
    assert errors == [], text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_with_heading_like_prose_keeps_its_structure_findings(path):
    base = doc(f"seeds/{path.name}")
    before = sorted((f.code, f.severity) for f in lint_document(base, STRUCTURE))
    rng = random.Random(path.name)
    for _ in range(4):
        text = insert_prose(path.read_text("utf-8"), {s.number: s.start_line for s in base.sections}, rng, count=4)
        d = read_document(path.name, text.encode("utf-8"), readers=govlint_readers())
        assert [s.number for s in d.sections] == [s.number for s in base.sections]
        after = sorted((f.code, f.severity) for f in lint_document(d, STRUCTURE) if f.severity is Severity.ERROR)
        assert set(after) <= set(before) and len(after) <= len(before)


# ---------------------------------------------------------------- line breaks that extraction made

def test_numeral_alone_on_its_line_is_joined_with_the_heading():
    # a PDF printed from a web page: the numeral and the words of a heading on two lines
    text = ("一、\n总体情况\n2021年，我局按要求完成政府信息公开工作。\n（\n一\n）\n编制标准目录\n内容。\n（二）\n加强平台建设\n内容。\n"
            "五、\n存在的主要问题及改进情况\n下一步，我局将逐条改进。\n")
    d = text_doc(text)
    assert [(s.number, s.numbering, s.start_line, s.heading.text) for s in d.sections] == [
        (1, Numbering.CHINESE, 1, "一、总体情况"), (5, Numbering.CHINESE, 12, "五、存在的主要问题及改进情况")]
    assert [(i.marker, i.location.line) for i in d.subitems] == [("(一)", 4), ("(二)", 9)]
    assert [f.code for f in lint_document(d, STRUCTURE)] == ["S001"] * 4  # 二三四六: nothing else


def test_a_citation_broken_over_lines_is_not_a_subitem():
    d = text_doc("一、总体情况\n第二十条第\n(\n五\n)\n项\n信息内容\n")
    assert d.subitems == ()


def test_heading_joined_with_the_next_line_is_split_at_the_line_break():
    # the text reader joined a heading with the caption line under it (wrapped PDF text)
    from govlint.model import Location, Paragraph, Piece
    from govlint.recognise.outline import build
    joined = Paragraph("二、主动公开政府信息情况第二十条第（一）项", Location(7, 1, 8),
                       (Piece(0, 7, 1), Piece(12, 8, 1)))
    blocks = (Paragraph("一、总体情况", Location(5), (Piece(0, 5, 1),)),
              Paragraph("内容。", Location(6), (Piece(0, 6, 1),)), joined)
    found = build(blocks)
    two = found.sections[1]
    assert (two.heading.text, two.location.line, two.wording) == ("二、主动公开政府信息情况", 7, Wording.CANONICAL)
    assert [(p.text, p.location.line) for p in two.paragraphs] == [("第二十条第（一）项", 8)]


def test_a_decimal_value_alone_is_not_a_subitem():
    d = text_doc("一、总体情况\n行政事业性收费\n88.1695\n1.2019年问题整改情况\n")
    assert [(i.marker, i.location.line) for i in d.subitems] == [("1.", 4)]


def test_title_stops_at_the_next_page_label():
    d = text_doc("标题: 莆田市某某局2022年度政府信息公开工作年度报告发布时间: 2023-01-12 10:01 文号:\n一、总体情况\n内容。\n")
    assert (d.title.text, d.organ) == ("莆田市某某局2022年度政府信息公开工作年度报告", "莆田市某某局")


def test_report_before_the_national_format_gets_graded_structure_findings():
    # a 2008 report: seven parts in the old outline; the current format's findings are hints
    text = ("莆田市2008年度政府信息公开工作年度报告\n一、概述\n内容。\n二、主动公开政府信息的情况\n内容。\n"
            "六、政府信息公开工作存在的主要问题及改进情况\n内容。\n七、需要说明的事项与附表\n无\n")
    found = lint_document(text_doc(text), STRUCTURE)
    assert found and all(f.severity is not Severity.ERROR and "2008年度报告早于全国统一格式" in f.message for f in found)
