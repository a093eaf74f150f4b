"""The .pdf reader on the three real PDFs (fixtures/real/huaian-*.pdf) and on
made-up broken ones: pages and labels, page numbers dropped, prose rejoined,
tables found and mapped, scans, encryption (their hand-checked findings are
in fixtures/real/*.pdf.expected, checked by tests/end_to_end/test_golden.py);
tables cut by page breaks, in narrow columns and drawn without rules, on
PDFs that LibreOffice prints here.

Timings on the project machine (2 cores, otherwise idle): 0.29–0.39 s per
PDF (5–6 pages; about 1 s while both cores are busy), nine tenths of it
pdfminer interpreting the pages' content streams (WPS writes a white
rectangle behind every line of text); importing pdfplumber takes 0.3 s,
once per run.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from builders import encrypted_pdf, image_pdf

from govlint.model import Location, Paragraph, Severity, Table
from govlint.read.formats.pdf import read_pdf
from govlint.read.grid import SourceRow, Span, rejoin, table
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins

FIXTURES = Path(__file__).parents[2] / "fixtures"
REAL = FIXTURES / "real"
PDFS = sorted(REAL.glob("*.pdf"))
CITY = REAL / "huaian-city-2024.pdf"


@pytest.fixture(scope="module")
def plugins():
    return load_plugins()


@pytest.fixture(scope="module")
def city():
    return read_pdf(CITY.read_bytes(), str(CITY))


def paragraphs(result) -> list[Paragraph]:
    return [b for b in result.blocks if isinstance(b, Paragraph)]


# -- the real PDFs --------------------------------------------------------

@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_real_pdfs_parse_with_their_tables_mapped_to_canonical_keys(run_govlint, path):
    result = run_govlint("parse", str(path))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert not data["problems"] and len(data["sections"]) == 6
    tables = data["template"]["tables"]
    assert set(tables) == {"t2", "t3", "t4"}
    assert len(tables["t2"]["values"]) == 10 and len(tables["t4"]["values"]) == 15
    assert len(tables["t3"]["values"]) >= 140
    total = tables["t3"]["values"]["t3.new.total"]
    assert total["status"] == "number" and total["page"] in (3, 4) and total["label"].endswith("第4行 第8列")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_real_pdfs_lint_without_a_traceback(run_govlint, path):
    result = run_govlint("check", "--format", "json", str(path))
    assert result.exit_code in (0, 1) and not result.stderr
    findings = json.loads(result.stdout)
    assert all(f["page"] for f in findings)


def test_city_values_by_canonical_key(plugins):
    doc = read_document(str(CITY), readers=plugins.readers)
    value = doc.template.value
    assert (value("t3.new.total").number, value("t3.results.total.total").number) == (3119, 3050)
    assert value("t3.results.unable.need_creation.natural_person").number == 11  # first row on page 5
    assert (value("t4.review.total").number, value("t2.art20_8.fees.amount").raw) == (351, "96171.6")


def test_lines_are_numbered_in_reading_order_with_page_labels(city):
    heading = next(p for p in paragraphs(city) if p.text == "一、总体情况")
    assert (heading.location.line, heading.location.page, heading.location.label) == (9, 1, "第1页 第9行")
    assert city.lines[heading.location.line - 1] == "一、总体情况"
    six = next(p for p in paragraphs(city) if p.text == "六、其他需要报告的事项")
    assert (six.location.page, six.location.label) == (6, "第6页 第11行")


def test_page_numbers_are_dropped(city):
    assert not any(line.strip().startswith("-") and line.strip().endswith("-") for line in city.lines)


def test_prose_broken_at_the_margin_is_rejoined_also_across_pages(city):
    first = next(p for p in paragraphs(city) if p.text.startswith("（一）主动公开情况"))
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in first.text  # broken between pages 1 and 2
    assert first.text.endswith("回应舆论关切。")
    assert first.lines == tuple(range(15, 24))  # 第1页 第15行 to 第2页 第3行
    second = next(p for p in paragraphs(city) if p.text.startswith("（二）依申请公开情况"))
    assert "行政复议 351件" in second.text  # "351" ends one line, "件" starts the next


def test_a_table_broken_by_a_page_is_one_table_with_merged_cells_as_in_word(city):
    tables = [b for b in city.blocks if isinstance(b, Table)]
    assert [(t.location.label, len(t.rows)) for t in tables] == [("第3页 表1", 14), ("第4页 表2", 28), ("第5页 表3", 4)]
    t3 = tables[1]
    assert [c.norm for c in t3.rows[1].cells] == ["", "自然人", "法人或其他组织", "总计"]
    row = t3.rows[9]
    assert [c.norm for c in row.cells[:3]] == ["", "", "3.危及“三安全一稳定”"] and len(row.cells) == 10
    assert t3.rows[-1].cells[0].location.label == "第5页 表2 第28行 第1列"


# -- scans, encryption, broken files --------------------------------------

def codes(plugins, data: bytes) -> list[tuple[str, int | None, str]]:
    doc = read_document("r.pdf", data, readers=plugins.readers)
    return [(f.code, f.page, f.message) for f in lint_document(doc, plugins.rules)]


def test_a_scan_needs_ocr(plugins):
    [(code, page, message)] = codes(plugins, image_pdf())
    assert code == "E007" and "OCR" in message


def test_a_page_without_text_among_pages_with_text_is_reported_on_its_page(plugins):
    import pypdfium2

    document = pypdfium2.PdfDocument(CITY.read_bytes())
    document.import_pages(pypdfium2.PdfDocument(image_pdf()))
    out = io.BytesIO()
    document.save(out)
    found = codes(plugins, out.getvalue())
    assert [(code, page) for code, page, _ in found if code == "E007"] == [("E007", 7)]
    assert "M006" in {code for code, _, _ in found}  # the rest is still checked


def test_an_encrypted_pdf_is_e008(plugins):
    [(code, _, message)] = codes(plugins, encrypted_pdf())
    assert code == "E008" and "密码" in message


@pytest.mark.parametrize("data", [b"%PDF-1.4 this is not really a pdf", CITY.read_bytes()[:20000]])
def test_broken_pdfs_are_e001(plugins, data):
    [(code, _, message)] = codes(plugins, data)
    assert code == "E001" and "不是有效的 PDF" in message


def test_missing_pdfplumber_says_how_to_install(plugins, monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    [(code, _, message)] = codes(plugins, CITY.read_bytes())
    assert code == "E006" and "python3 -m pip install pdfplumber" in message


# -- output ---------------------------------------------------------------

def test_text_output_shows_page_and_line_on_the_page(run_govlint):
    result = run_govlint("check", str(REAL / "huaian-hongze-2023.pdf"))
    assert "huaian-hongze-2023.pdf:84:5: A004 error" in result.stdout
    assert "（位置：第4页 表3 第4行 第5列）" in result.stdout


# -- tables cut by pages, in narrow columns, drawn without rules ----------
#
# PDFs printed by LibreOffice from Word documents built here (skipped where
# `soffice` is not installed): one report, its table 三 in narrow columns so
# that labels wrap into many lines and the table runs over several pages,
# rows cut by the page breaks.

TAB_REPORT = """某某市某某区某某街道办事处2023年政府信息公开工作年度报告
本报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自2023年1月1日至2023年12月31日。
一、总体情况
2023年，街道办事处认真落实政府信息公开各项要求，通过区政府门户网站街道专栏主动公开各类信息312条，依申请公开工作规范有序。
二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t0\t0\t0
第二十条第（五）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政许可\t0\t\t
第二十条第（六）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政处罚\t3\t\t
行政强制\t0\t\t
第二十条第（八）项\t\t\t
信息内容\t本年收费金额（单位：万元）\t\t
行政事业性收费\t0\t\t
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
\t自然人\t法人或其他组织\t总计
\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t
一、本年新收政府信息公开申请数量\t9\t2\t0\t0\t0\t0\t11
二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1
三、本年度办理结果\t（一）予以公开\t4\t1\t0\t0\t0\t0\t5
（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1
（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1
5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
（四）无法提供\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t3
2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
（五）不予处理\t1.信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1
2.重复申请\t0\t0\t0\t0\t0\t0\t0
3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
3.其他\t0\t0\t0\t0\t0\t0\t0
（七）总计\t10\t2\t0\t0\t0\t0\t12
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
五、存在的主要问题及改进情况
政务公开专业人员力量不足，信息发布的及时性有待提高。下一步将加强业务培训，完善信息发布审核机制。
六、其他需要报告的事项
本年度未收取信息处理费。
"""
PROSE = "街道办事处持续完善政务公开工作机制，落实信息发布审核制度，及时更新公开专栏内容，回应群众关切。" * 3


def _word_report(borders: bool, header_rows: int = 0) -> bytes:
    """TAB_REPORT as a Word document: table 三 (after a few paragraphs that
    push it towards the foot of a page) in narrow label columns, with or
    without borders, its first ``header_rows`` repeated on every page."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    from govlint.testing import read_report
    from govlint.testing.formats import table_block

    edges = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    document = docx.Document()
    for block in read_report(TAB_REPORT).blocks:
        if not isinstance(block, Table):
            document.add_paragraph(block.text)
            continue
        table3 = block.rows[0].cells[0].text.startswith("（本列")
        if table3:
            for _ in range(3):
                document.add_paragraph(PROSE)
        grid = table_block(block)
        table = document.add_table(rows=len(grid.rows), cols=grid.width)
        for r, cells in enumerate(grid.rows):
            for cell in cells:
                target = table.cell(r, cell.col)
                if cell.width > 1 or cell.height > 1:
                    target = target.merge(table.cell(r + cell.height - 1, cell.col + cell.width - 1))
                target.text = cell.text
        table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{edges if borders else ""}</w:tblBorders>'))
        if len(block.rows[0].cells) == 2 and header_rows:
            for row in table.rows[:header_rows]:
                row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        if table3:
            table.autofit = False
            for row in table.rows:
                for i, cell in enumerate(row.cells):
                    cell.width = Cm([3.0, 1.3, 1.3][min(i, 2)])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """The report printed to PDF by LibreOffice: ``ruled``, ``headers``
    (header rows repeated on each page), ``unruled`` (no borders)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("printed")
    variants = {"ruled": _word_report(True), "headers": _word_report(True, 3), "unruled": _word_report(False)}
    for name, data in variants.items():
        (folder / f"{name}.docx").write_bytes(data)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), *(str(folder / f"{n}.docx") for n in variants)],
                   check=True, capture_output=True, timeout=180)
    return {name: folder / f"{name}.pdf" for name in variants}


def _table_findings(plugins, path: Path):
    doc = read_document(str(path), readers=plugins.readers)
    rules = [r for r in plugins.rules if r.code[0] in "TA"]
    return doc, lint_document(doc, rules, warn=lambda message: None)


@pytest.mark.parametrize("variant", ["ruled", "headers", "unruled"])
def test_a_printed_table_over_pages_in_narrow_columns_reads_as_the_text_does(plugins, printed, variant):
    doc, found = _table_findings(plugins, printed[variant])
    t3 = doc.template.t3
    pages = {r.location.page for r in t3.rows}
    assert len(pages) >= 2  # the table does run over a page break
    assert not t3.missing and not t3.unknown and all(r.guess is None and r.complete for r in t3.rows)
    assert (doc.template.number("t3.new.total"), doc.template.number("t3.results.total.total")) == (11, 12)
    assert doc.template.number("t3.results.unable.not_held.business") == 1
    assert doc.template.number("t4.review.upheld") == 1 and not doc.template.t2.missing
    # as read from the text: nothing to report (a piece of the tall header
    # cell of an unruled table may be left over as a row: a hint at most)
    assert [(f.code, f.message) for f in found if f.severity > Severity.INFO] == []


def test_a_row_cut_by_a_page_break_is_one_row(plugins, printed, monkeypatch):
    doc = read_document(str(printed["ruled"]), readers=plugins.readers)
    # the header rows LibreOffice repeats on each page are read once
    headed = read_document(str(printed["headers"]), readers=plugins.readers)
    assert len(headed.template.t3.headers) == len(doc.template.t3.headers)
    # without putting the cut rows together, their pieces are rows of their own
    monkeypatch.setattr("govlint.read.formats.pdf.rejoin", lambda rows, breaks: list(rows))
    cut = read_document(str(printed["ruled"]), readers=plugins.readers).template.t3
    assert cut.unknown and len(cut.rows) + len(cut.unknown) > len(doc.template.t3.rows)


# -- grid.rejoin on spans --------------------------------------------------

def _rows(*rows: list[tuple[str, int]]) -> list[SourceRow]:
    """Source rows of (text, column) spans, one line each."""
    return [SourceRow(tuple(Span(text, at=at) for text, at in row), Location(n + 1)) for n, row in enumerate(rows)]


def _texts(rows: list[SourceRow]) -> list[list[str]]:
    return [[s.text for s in row.spans] for row in rows]


def test_rejoin_glues_a_label_cut_by_the_page_to_its_row():
    rows = _rows([("（四）无法提供", 0), ("1.本机关不掌握相关政", 1), ("2", 2), ("1", 3)],
                 [("", 0), ("府信息", 1), ("", 2), ("", 3)],
                 [("", 0), ("2.没有现成信息需要另行制作", 1), ("0", 2), ("0", 3)])
    assert _texts(rejoin(rows, [1])) == [["（四）无法提供", "1.本机关不掌握相关政\n府信息", "2", "1"],
                                         ["", "2.没有现成信息需要另行制作", "0", "0"]]


def test_rejoin_glues_numbers_carried_to_the_next_page_under_their_label():
    rows = _rows([("", 0), ("5.要求行政机关确认或", 1), ("", 2), ("", 3)],
                 [("", 0), ("重新出具已获取信息", 1), ("0", 2), ("3", 3)])
    assert _texts(rejoin(rows, [1])) == [["", "5.要求行政机关确认或\n重新出具已获取信息", "0", "3"]]


@pytest.mark.parametrize("below", [
    [("", 0), ("4.保护第三方合法权益", 1), ("0", 2), ("0", 3)],   # a row of its own: numbers on both sides
    [("", 0), ("（三）不予公开", 1), ("", 2), ("", 3)],             # a new item starts
    [("信息内容", 0), ("本年处理决定数量", 1)],                      # a header under a caption of another width
])
def test_rejoin_leaves_rows_that_are_not_a_continuation(below):
    above = [("", 0), ("3.危及“三安全一稳定”", 1), ("1", 2), ("1", 3)]
    if below[0][0] == "信息内容":
        above = [("第二十条第（五）项", 0)]
        rows = [SourceRow((Span(above[0][0], columns=2, at=0),), Location(1)),
                SourceRow(tuple(Span(t, at=a) for t, a in below), Location(2))]
    else:
        rows = _rows(above, below)
    assert _texts(rejoin(rows, [1])) == _texts(rows)


def test_rejoin_keeps_a_cut_tall_cell_covering_the_rows_below():
    rows = [SourceRow((Span("三、本年度办", rows=2, at=0), Span("（一）予以公开", at=1), Span("1", at=2)), Location(1)),
            SourceRow((Span("（二）部分公开", at=1), Span("0", at=2)), Location(2)),
            SourceRow((Span("理结果", rows=2, at=0), Span("", at=1), Span("", at=2)), Location(3)),
            SourceRow((Span("（三）不予公开", at=1), Span("0", at=2)), Location(4))]
    joined = rejoin(rows, [2])
    assert _texts(joined) == [["三、本年度办\n理结果", "（一）予以公开", "1"], ["（二）部分公开", "0"], ["（三）不予公开", "0"]]
    built = table(joined, index=1, layout="pdf")
    assert [c.text for c in built.rows[2].cells] == ["", "（三）不予公开", "0"]
