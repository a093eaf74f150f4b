"""The outline on real reports: title, organ, year, the six sections, sub-items."""

from pathlib import Path

import pytest

from govlint.model import Numbering, Wording
from govlint.read import govlint_readers
from govlint.run.pipeline import read_document

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
