"""The .pdf reader on the three real PDFs (fixtures/real/huaian-*.pdf) and on
made-up broken ones: pages and labels, page numbers dropped, prose rejoined,
tables found and mapped, scans, encryption; and the hand-checked findings
in fixtures/golden/pdfs.expected.

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
import time
from pathlib import Path

import pytest
from builders import encrypted_pdf, image_pdf

from govlint.model import Paragraph, Table
from govlint.read.formats.pdf import read_pdf
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


def test_reading_a_pdf_is_fast():
    data = CITY.read_bytes()
    read_pdf(data, "warm-up.pdf")
    start = time.perf_counter()
    read_pdf(data, str(CITY))
    assert time.perf_counter() - start < 3  # 0.3–0.4 s here; generous for busy CI machines


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


# -- the hand-checked findings ------------------------------------------

def golden() -> tuple[list[tuple[str, int, int, str]], list[tuple[str, int, int, str]]]:
    """(expected, known false positives) from fixtures/golden/pdfs.expected."""
    expected, known = [], []
    for line in (FIXTURES / "golden" / "pdfs.expected").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target = known if line.startswith("~") else expected
        where, code = line.lstrip("~ ").split()
        name, row, col = where.rsplit(":", 2)
        target.append((name, int(row), int(col), code))
    return sorted(expected), sorted(known)


@pytest.fixture(scope="module")
def found():
    from click.testing import CliRunner

    from govlint.cli import main

    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", *map(str, PDFS)])
    assert not result.stderr
    return sorted((Path(f["path"]).name, f["line"], f["column"], f["code"]) for f in json.loads(result.stdout))


def test_pdfs_give_the_hand_checked_findings_and_the_known_false_positives(found):
    expected, known = golden()
    assert found == sorted(expected + known)


def test_pdfs_give_exactly_the_hand_checked_findings(found):
    expected, _ = golden()
    assert found == expected
