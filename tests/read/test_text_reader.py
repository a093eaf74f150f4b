"""The text reader on the real layouts: Word cells, PDF tab rows, Markdown, wrapped prose."""

from pathlib import Path

import pytest

from govlint.model import Paragraph, Table
from govlint.read.formats.text import read_markdown, read_text

FIXTURES = Path(__file__).parents[2] / "fixtures"


def read(name):
    path = FIXTURES / name
    reader = read_markdown if path.suffix == ".md" else read_text
    return reader(path.read_bytes(), str(path))


def tables(result):
    return [b for b in result.blocks if isinstance(b, Table)]


def paragraph_at(result, line):
    return next(b for b in result.blocks if isinstance(b, Paragraph) and b.location.line == line)


def test_word_cells_rows_and_merged_cells():
    result = read("seeds/001_6fd5ae83f3a742c0.txt")
    t2, t3, t4 = tables(result)
    assert (t2.layout, t2.location.line, t2.location.end_line) == ("word-cells", 32, 103)
    assert (t3.location.line, t4.location.line) == (107, 369)
    # "三、本年度办理结果" shares its row with "（一）予以公开": 2 labels + 7 data cells
    row = next(r for r in t3.rows if r.cells[0].text == "三、本年度办理结果")
    assert [c.text for c in row.cells[:3]] == ["三、本年度办理结果", "（一）予以公开", "0"]
    assert len(row.cells) == 9 and all(c.is_blank for c in row.cells[3:])
    assert (row.cells[3].location.line, row.cells[3].location.column) == (145, 2)


def test_word_cell_text_continues_on_untabbed_line():
    result = read("seeds/001_6fd5ae83f3a742c0.txt")
    header = tables(result)[0].rows[1]
    assert [c.norm for c in header.cells] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert header.cells[2].text == "本年新\n公开数量"
    t4_header = tables(result)[2].rows[1]
    assert t4_header.cells[4].text == "总\n计"


def test_word_cells_row_boundary_lost_between_rows():
    # seed 002 line 79 starts a new row right after a value, with no blank line
    result = read("seeds/002_527f70dee024eeb5.txt")
    (t3,) = tables(result)
    rows = {r.cells[1].location.line: r for r in t3.rows if len(r.cells) > 1}
    assert rows[70].cells[1].norm == "(三)不予公开"
    assert len(rows[70].cells) == 10  # merged placeholder + label + 8 values
    fourth = next(r for r in t3.rows if r.cells[0].location.line == 79)
    assert [c.norm for c in fourth.cells[:2]] == ["(四)无法提供", "1.本机关不掌握相关政府信息"]


def test_blank_cells_are_blank_not_zero():
    result = read("seeds/000_b08920702986320c.txt")
    t3 = tables(result)[1]
    new = next(r for r in t3.rows if r.cells[0].norm.startswith("一、本年新收"))
    assert [c.is_blank for c in new.cells[1:]] == [True] * 6 + [False]
    assert new.cells[-1].norm == "0"


def test_pdf_tab_rows():
    result = read("seeds/004_94358fe22916de47.txt")
    t2, t3, t4 = tables(result)
    assert [t.layout for t in (t2, t3, t4)] == ["tab-rows"] * 3
    assert (t3.location.line, len(t3.rows)) == (41, 27)
    row = next(r for r in t3.rows if r.location.line == 64)  # lost its leading tabs
    assert row.cells[0].norm.startswith("5.要求行政机关确认")
    assert len(t4.rows[-1].cells) == 15 and t4.rows[-1].location.line == 76


def test_markdown_headings_and_pipe_tables():
    result = read("real/shuyang-county-2025.md")
    heading = paragraph_at(result, 8)
    assert (heading.text, heading.heading_level, heading.location.column) == ("一、总体情况", 2, 4)
    table = next(t for t in tables(result) if t.location.line == 56)
    assert table.layout == "markdown"
    assert [c.text for c in table.rows[2].cells] == ["行政规范性文件", "6", "1", "32"]
    assert table.rows[2].cells[1].location.line == 59


def test_wrapped_prose_is_joined_with_line_map():
    result = read("real/shanghai-office-2025.md")
    para = paragraph_at(result, 38)
    assert para.lines == (38, 39, 40, 41, 42, 43, 44)
    assert "办结 1191 件（含上年结转 189 件）" in para.text
    offset = para.text.index("上年结转")
    assert para.location_at(offset).line == 39


def test_page_footer_dropped_and_prose_joined_across_it():
    result = read("real/shanghai-office-2025.md")
    texts = [b.text for b in result.blocks if isinstance(b, Paragraph)]
    assert not any(t.strip() in ("— 1 —", "— 2 —") for t in texts)
    para = paragraph_at(result, 16)
    assert "着力发挥政务公开促落实" in para.norm


def test_word_paragraphs_are_not_joined():
    result = read("seeds/001_6fd5ae83f3a742c0.txt")
    assert paragraph_at(result, 5).text == "一、总体情况"
    assert paragraph_at(result, 6).lines == (6,)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_keep_line_numbers(newline):
    text = newline.join(["标题", "", "一、总体情况", "\t单元格", "\t0"]) + newline
    result = read_text(text.encode(), "x.txt")
    table = tables(result)[0]
    assert paragraph_at(result, 3).text == "一、总体情况"
    assert [c.location.line for c in table.rows[0].cells] == [4, 5]


def test_gbk_and_utf16_and_bom():
    text = "一、总体情况\n本年度收到申请２件。\n"
    for data in (text.encode("gbk"), text.encode("gb18030"), text.encode("utf-16"),
                 b"\xef\xbb\xbf" + text.encode()):
        result = read_text(data, "x.txt")
        assert result.problems == ()
        assert paragraph_at(result, 1).text == "一、总体情况"
        assert paragraph_at(result, 2).norm == "本年度收到申请2件。"


def test_undecodable_bytes_are_a_problem_not_a_crash():
    data = "一、总体情况\n".encode() + b"\xff\xfe\xfa bad\n" + "二、主动公开政府信息情况\n".encode()
    result = read_text(data, "x.txt")
    assert [(p.kind, p.location.line, p.fatal) for p in result.problems] == [("encoding", 2, False)]
    assert paragraph_at(result, 3).text == "二、主动公开政府信息情况"


def test_binary_is_fatal():
    result = read_text(b"\x00\x01\x02PK\x03\x04" * 100, "x.txt")
    assert [(p.kind, p.fatal) for p in result.problems] == [("binary", True)]
    assert result.blocks == ()


# A report converted to Markdown and saved as .txt (class 2 of issue 12).
MARKDOWN_TXT = """\
# 某某区司法局2024年政府信息公开工作年度报告

## 一、总体情况

2024年，区司法局认真贯彻落实《条例》。

## 二、主动公开政府信息情况

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 | 0 | 5 |
"""


def test_markdown_structure_in_a_txt_file_is_read_as_markdown():
    result = read_text(MARKDOWN_TXT.encode(), "x.txt")
    assert result.format == "text"
    heading = paragraph_at(result, 3)
    assert (heading.text, heading.heading_level, heading.location.column) == ("一、总体情况", 2, 4)
    [table] = tables(result)
    assert (table.layout, len(table.rows), table.rows[2].cells[1].location.column) == ("markdown", 3, 13)
    assert [c.text for c in table.rows[2].cells] == ["行政规范性文件", "2", "0", "5"]


@pytest.mark.parametrize("text", [
    "一、总体情况\n# 本段以井号开头，不是标题\n内容。\n",      # one '#' line is no Markdown
    "规章|0|0\n一、总体情况\n",                               # a bar without a separator row
])
def test_plain_text_with_a_stray_hash_or_bar_stays_plain(text):
    result = read_text(text.encode(), "x.txt")
    assert all(getattr(b, "heading_level", None) is None for b in result.blocks)
    assert tables(result) == []


def test_word_runs_one_per_line_are_joined_where_a_sentence_breaks():
    # A crawler wrote each Word run of the page on its own line: dates and
    # numbers broken in two, punctuation on lines of its own; the table
    # below has one cell a line, and its cells stay lines of their own.
    lines = [
        "本报告中所列数据的统计期限自",
        "20",
        "23",
        "年",
        "1月1日起至20",
        "23",
        "年",
        "12月31日止。本报告在",
        "《政府信息公开条例》",
        "、",
        "《某某省政府信息公开办法》",
        "，规定的平台公布。",
        "一、总体情况",
        "2023",
        "年，本局共收到政府信息公开申请",
        "8",
        "件。",
        "行政规范性文件",
        "0",
        "22",
        "政府集中采购",
        "3",
        "1.1499万元",
        "第二十条第",
        "(",
        "五",
        ")",
        "项",
    ]
    result = read_text("\n".join(lines).encode(), "x.txt")
    texts = [(b.location.line, b.text) for b in result.blocks if isinstance(b, Paragraph)]
    assert texts[0] == (1, "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告在")
    assert (9, "《政府信息公开条例》、《某某省政府信息公开办法》，规定的平台公布。") in texts
    assert (13, "一、总体情况") in texts
    assert (14, "2023年，本局共收到政府信息公开申请8件。") in texts
    assert [t for _, t in texts[texts.index((14, "2023年，本局共收到政府信息公开申请8件。")) + 1:]] == [
        "行政规范性文件", "0", "22", "政府集中采购", "3", "1.1499万元", "第二十条第", "(", "五", ")", "项"]
    para = paragraph_at(result, 1)
    assert para.location_at(para.text.index("12月31日")).line == 8
