"""The .docx reader: document order, merged cells, Word list numbering,
tracked changes, text boxes, locations, and hostile files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from builders import zip_of
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from govlint.model import Paragraph, Table
from govlint.read.formats.docx import read_docx
from govlint.read.formats.wordnum import format_number
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.formats import docx_bytes
from govlint.testing.synthetic import Block

REAL = Path(__file__).parents[2] / "fixtures" / "real"
TEMPLATE = REAL / "template-2021-blank.docx"
W = nsdecls("w")


@pytest.fixture(scope="module")
def plugins():
    return load_plugins()


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read(data: bytes):
    return read_docx(data, "r.docx")


def texts(result) -> list[str]:
    return [b.text for b in result.blocks if isinstance(b, Paragraph)]


def append_xml(document, xml: str) -> None:
    """Append raw body XML (before the section properties)."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


# -- the blank national 2021 template -----------------------------------

@pytest.fixture(scope="module")
def template(plugins):
    return read_document(str(TEMPLATE), readers=plugins.readers)


def test_template_reads_in_document_order_with_its_six_sections(template):
    assert template.format == "docx" and not template.problems
    assert [s.number for s in template.sections] == [1, 2, 3, 4, 5, 6]
    assert [type(b).__name__ for b in template.blocks[3:8]] == ["Paragraph", "Table", "Paragraph", "Table", "Paragraph"]
    assert [t.location.label for t in template.tables] == ["表1", "表2", "表3"]


def test_template_merged_cells_have_the_word_to_text_shape(template):
    t3 = template.tables[1]
    rows = [[c.norm for c in row.cells] for row in t3.rows]
    assert rows[0] == ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"]
    assert rows[1] == ["", "自然人", "法人或其他组织", "总计"]          # vMerge continuation → blank
    assert rows[2] == ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    assert rows[3][:2] == ["一、本年新收政府信息公开申请数量", ""] and len(rows[3]) == 8  # gridSpan → one cell
    assert rows[5][:2] == ["三、本年度办理结果", "(一)予以公开"] and len(rows[5]) == 9
    assert rows[7][:3] == ["", "(三)不予公开", "1.属于国家秘密"] and len(rows[7]) == 10
    assert rows[8][:3] == ["", "", "2.其他法律行政法规禁止公开"]
    t4 = template.tables[2]
    assert [len(r.cells) for r in t4.rows] == [2, 7, 15, 15]


def test_template_tables_map_to_the_2021_format_with_blank_values(template):
    found = template.template
    assert found.detected == "2021"
    for key in ("t2", "t3"):
        match = found.tables[key]
        assert match.template == "2021" and not match.unknown and not match.missing and not match.incomplete
        assert match.values and all(v.status == "blank" for v in match.values.values())
    assert len(found.tables["t3"].values) == 25 * 7


def test_template_table_four_maps_its_blank_row(template):
    match = template.template.tables["t4"]
    assert not match.missing and len(match.values) == 15


def test_check_reports_the_template_blanks_by_cell_label(plugins, template):
    findings = lint_document(template, plugins.rules)
    blanks = [f for f in findings if f.code == "T006"]
    assert {f.location.split()[0] for f in blanks} == {"表1", "表2", "表3"}  # the blank rows of tables 二, 三, 四
    first = blanks[0]
    assert (first.line, first.location) == (7, "表1 第3行 第2列")
    assert template.source_line(first.line).startswith("规章\t")


def test_parse_prints_reading_order_lines_and_labels(run_govlint):
    result = run_govlint("parse", str(TEMPLATE))
    data = json.loads(result.stdout)
    heading = next(b for b in data["blocks"] if b["type"] == "paragraph" and b["text"] == "二、主动公开政府信息情况")
    assert (heading["line"], heading["label"]) == (4, "第4段")
    table = data["blocks"][4]
    assert (table["line"], table["label"], table["rows"][2]["line"]) == (5, "表1", 7)
    assert data["template"]["tables"]["t3"]["values"]["t3.new.total"]["label"] == "表2 第4行 第8列"


# -- Word list numbering ------------------------------------------------

NUMBERING = f"""<w:numbering {W}>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>"""


def numbered_document(paragraphs: list[tuple[str, int | None, int]], styles: str = "") -> bytes:
    """A document of ``(text, numId, ilvl)`` paragraphs with NUMBERING."""
    document = docx.Document()
    numbering = document.part.numbering_part
    numbering._element = parse_xml(NUMBERING)
    if styles:
        document.styles.element.append(parse_xml(styles))
    for text, num_id, ilvl in paragraphs:
        if num_id is None:
            document.add_paragraph(text)
        elif num_id < 0:  # numbered through its style
            document.add_paragraph(text, style="GovHeading")
        else:
            p = document.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return save(document)


def test_auto_numbered_headings_get_their_displayed_numerals():
    data = numbered_document([
        ("某区2023年政府信息公开工作年度报告", None, 0),
        ("总体情况", 1, 0),
        ("主动公开情况", 1, 1), ("依申请公开情况", 1, 1),
        ("主动公开政府信息情况", 1, 0),
        ("新的子项", 1, 1),           # level 1 restarts under a new level-0 item
        ("规章", 1, 2), ("规范性文件", 1, 2),
        ("收到和处理政府信息公开申请情况", 2, 0),  # another instance of the same list continues it
        ("要点", 4, 0),                # bullets show no numeral
        ("存在的主要问题及改进情况", 3, 0),  # start override: a list of its own, from 五
        ("其他需要报告的事项", 3, 0),
        ("第一条", 5, 0), ("细则", 5, 1),
    ])
    assert texts(read(data)) == [
        "某区2023年政府信息公开工作年度报告",
        "一、总体情况", "（一）主动公开情况", "（二）依申请公开情况",
        "二、主动公开政府信息情况", "（一）新的子项", "1.规章", "2.规范性文件",
        "三、收到和处理政府信息公开申请情况",
        "要点",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        "1.第一条", "1.1 细则",
    ]


def test_numbering_through_the_paragraph_style_and_its_base(plugins):
    styles = f"""<w:style {W} w:type="paragraph" w:styleId="GovBase"><w:name w:val="Gov Base"/>
      <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"""
    styles_heading = f"""<w:style {W} w:type="paragraph" w:styleId="GovHeading"><w:name w:val="GovHeading"/>
      <w:basedOn w:val="GovBase"/></w:style>"""
    document = docx.Document()
    document.part.numbering_part._element = parse_xml(NUMBERING)
    document.styles.element.append(parse_xml(styles))
    document.styles.element.append(parse_xml(styles_heading))
    document.add_paragraph("某区人民政府2023年政府信息公开工作年度报告")
    for title in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                  "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"):
        document.add_paragraph(title, style="GovHeading")
        document.add_paragraph("本年度无。")
    doc = read_document("r.docx", save(document), readers=plugins.readers)
    assert [(s.numeral, s.title) for s in doc.sections][:2] == [("一", "总体情况"), ("二", "主动公开政府信息情况")]
    assert len(doc.sections) == 6 and doc.sections[0].heading.heading_level == 1
    # the outline rules; 五 saying only 本年度无 is S008's (what 五 says, not the headings)
    assert not [f for f in lint_document(doc, plugins.rules) if f.code.startswith("S") and f.code != "S008"]


def test_word_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "chineseLegalSimplified") == "肆"
    assert format_number(2, "ideographTraditional") == "乙"
    assert (format_number(4, "upperRoman"), format_number(28, "lowerLetter")) == ("IV", "bb")
    assert (format_number(7, "decimalFullWidth"), format_number(7, "ordinal")) == ("７", "7")


def test_builder_headings_show_chinese_numerals():
    headings = [Block("heading", text, number) for number, text in
                ((1, "一、总体情况"), (2, "二、主动公开政府信息情况"), (4, "四、行政复议"))]
    data = docx_bytes(headings, numbered=True)
    assert texts(read(data)) == ["一、总体情况", "二、主动公开政府信息情况", "四、行政复议"]
    assert b"numPr" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


# -- tracked changes, comments, text boxes, headers, breaks ---------------

def test_tracked_changes_are_read_as_accepted():
    document = docx.Document()
    append_xml(document, f"""<w:p {W}><w:r><w:t>本年度共收到申请</w:t></w:r>
      <w:del w:id="1" w:author="a"><w:r><w:delText>5</w:delText></w:r></w:del>
      <w:ins w:id="2" w:author="a"><w:r><w:t>6</w:t></w:r></w:ins><w:r><w:t>件。</w:t></w:r></w:p>""")
    append_xml(document, f"""<w:p {W}><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr>
      <w:r><w:t>一、总体</w:t></w:r></w:p>""")  # its paragraph mark was deleted: joins the next
    append_xml(document, f"""<w:p {W}><w:r><w:t>情况</w:t></w:r>
      <w:moveFrom w:id="4" w:author="a"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom></w:p>""")
    assert texts(read(save(document))) == ["本年度共收到申请6件。", "一、总体情况"]


def test_comments_headers_and_footers_are_not_report_text():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某区人民政府"
    document.sections[0].footer.paragraphs[0].text = "- 1 -"
    paragraph = document.add_paragraph("一、总体情况")
    document.add_comment(paragraph.runs, text="请核对数字", author="审核人")
    assert texts(read(save(document))) == ["一、总体情况"]


def test_text_boxes_follow_their_paragraph_once():
    box = f"""<w:txbxContent {W}><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>"""
    document = docx.Document()
    append_xml(document, f"""<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
        xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>锚点段落</w:t></w:r><w:r>
      <mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wrap>{box}</wrap></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>
      </mc:AlternateContent></w:r></w:p>""".replace("<wrap>", "").replace("</wrap>", ""))
    document.add_paragraph("下一段")
    assert texts(read(save(document))) == ["锚点段落", "框内文字", "下一段"]


def test_line_breaks_start_new_lines_of_the_same_paragraph():
    document = docx.Document()
    document.add_paragraph("某区人民政府\n2023年政府信息公开工作年度报告")
    document.add_paragraph("")
    document.add_paragraph("一、总体情况")
    result = read(save(document))
    paragraphs = [b for b in result.blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.location.line, p.location.label) for p in paragraphs] == [
        ("某区人民政府", 1, "第1段"), ("2023年政府信息公开工作年度报告", 2, "第1段"), ("一、总体情况", 3, "第2段")]
    assert result.lines == ("某区人民政府", "2023年政府信息公开工作年度报告", "一、总体情况")


# -- tables ---------------------------------------------------------------

def test_row_and_cell_locations_follow_reading_order():
    document = docx.Document()
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "第二十条第（一）项"
    for col, text in enumerate(("规章", "1", "2")):
        table.cell(1, col).text = text
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    result = read(save(document))
    t = next(b for b in result.blocks if isinstance(b, Table))
    assert [[c.text for c in r.cells] for r in t.rows] == [["第二十条第（一）项"], ["规章", "1", "2"]]
    cell = t.rows[1].cells[2]
    assert (cell.location.line, cell.location.column, cell.location.label) == (3, 3, "表1 第2行 第3列")
    assert result.lines[2] == "规章\t1\t2"
    assert result.blocks[-1].location.line == 4


def test_a_frame_table_is_read_as_body_content_and_small_nested_tables_as_cell_text():
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "一、总体情况"
    inner = cell.add_table(rows=2, cols=2)
    for r, row in enumerate((("信息内容", "数量"), ("规章", "0"))):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    data = document.add_table(rows=1, cols=2)
    data.cell(0, 0).text = "备注"
    note = data.cell(0, 1).add_table(rows=1, cols=1)
    note.cell(0, 0).text = "附表"
    result = read(save(document))
    kinds = [(type(b).__name__, getattr(b, "text", None)) for b in result.blocks]
    assert kinds[0] == ("Paragraph", "一、总体情况")
    tables = [b for b in result.blocks if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in tables[0].rows] == [["信息内容", "数量"], ["规章", "0"]]
    assert tables[1].rows[0].cells[1].text.strip() == "附表"


def test_deleted_table_rows_are_dropped():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r in range(3):
        table.cell(r, 0).text, table.cell(r, 1).text = f"行{r}", str(r)
    table.rows[1]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {W} w:id="9" w:author="a"/>'))
    t = next(b for b in read(save(document)).blocks if isinstance(b, Table))
    assert [r.cells[0].text for r in t.rows] == ["行0", "行2"]


# -- hostile and broken files ---------------------------------------------

def problems(plugins, data: bytes) -> list[tuple[str, str]]:
    doc = read_document("r.docx", data, readers=plugins.readers)
    return [(f.code, f.message) for f in lint_document(doc, plugins.rules)]


@pytest.mark.parametrize("data,words", [
    (b"this is not a zip file at all", "ZIP 结构损坏"),
    (TEMPLATE.read_bytes()[:5000], "ZIP 结构损坏"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "97-2003"),
    (zip_of({"a.txt": b"x"}), "不是有效的 Word 文档"),
    (zip_of({f"f{i}.xml": b"<a/>" for i in range(2001)}), "2001 个压缩条目"),
    (zip_of({"word/document.xml": bytes(8 * 1024 * 1024)}), "压缩比"),
])
def test_broken_and_hostile_files_are_e001_not_a_crash(plugins, data, words):
    [(code, message)] = problems(plugins, data)
    assert code == "E001" and words in message


def test_an_entity_bomb_is_refused(plugins):
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "哈">{laughs}]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>一、总体情况&l9;</w:t></w:r></w:p></w:body></w:document>')
    document = docx.Document()
    data = save(document)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["word/document.xml"] = xml.encode("utf-8")
    [(code, message)] = problems(plugins, zip_of(entries))
    assert code == "E001" and "entity" in message


def test_missing_python_docx_says_how_to_install(plugins, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    [(code, message)] = problems(plugins, TEMPLATE.read_bytes())
    assert code == "E006" and "python3 -m pip install python-docx" in message


def test_nothing_imports_the_format_libraries_until_such_a_file_is_read(tmp_path, minimal_report):
    report = tmp_path / "r.txt"
    report.write_text(minimal_report, encoding="utf-8")
    code = (
        "import sys; from govlint.run.engine import lint; lint([sys.argv[1]]); "
        "print(sorted(m for m in ('docx', 'pdfplumber', 'pdfminer', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
