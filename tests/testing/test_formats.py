"""Tests for govlint.testing.formats: the seven layouts are what they claim.

A generated report written as .docx, .docx with list-numbered headings,
.html and .pdf reads back with the six sections where they were written and
every table value it has in the text layouts; and each format really has
what makes it hard: merged cells (``gridSpan``/``vMerge``, ``rowspan``/
``colspan``), headings numbered by ``numbering.xml`` and not in their text,
site navigation and ``&nbsp;`` in a saved page, page footers in a PDF.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections import Counter

import pytest

from govlint.model import Table
from govlint.recognise.outline import canonical_heading
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.formats import LAYOUTS, document, html_bytes, printer, write_reports
from govlint.testing.prose import realistic_report
from govlint.testing.synthetic import LAYOUTS as TEXT_LAYOUTS, SECTIONS, random_spec, render_blocks

PLUGINS = load_plugins()
SPEC = realistic_report(6).spec


def values(doc) -> Counter:
    """The numbers in the document's tables."""
    return Counter(c.norm for block in doc.blocks if isinstance(block, Table)
                   for row in block.rows for c in row.cells if re.fullmatch(r"\d+(\.\d+)?", c.norm))


def read(name: str, data: bytes):
    return read_document(name, data, readers=PLUGINS.readers)


@pytest.fixture(scope="module")
def as_text():
    return read("r.txt", document(SPEC, "word-cells"))


@pytest.mark.parametrize("layout", [name for name in LAYOUTS if name not in TEXT_LAYOUTS + ("pdf",)])
def test_documents_read_back_as_written(layout, as_text):
    doc = read("r" + {"html": ".html"}.get(layout, ".docx"), document(SPEC, layout))
    assert [(s.number, s.heading.text) for s in doc.sections if s.heading.text == canonical_heading(s.number)] \
        == [(n, canonical_heading(n)) for n in SECTIONS]
    assert values(doc) == values(as_text)
    assert not doc.problems


def test_word_tables_have_merged_cells_and_headings_list_numbers():
    plain, numbered = (zipfile.ZipFile(io.BytesIO(document(SPEC, layout))).read("word/document.xml").decode()
                       for layout in ("docx", "docx-numbered"))
    for xml in (plain, numbered):
        assert 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml and "w:gridSpan" in xml
    assert ">一、总体情况<" in plain and "numPr" not in plain
    assert ">总体情况<" in numbered and ">一、总体情况<" not in numbered and numbered.count("<w:numPr>") == 6


def test_grid_spans_the_template_merges():
    """Table 三 (2021): the corner over three label columns and three header
    rows, 三、本年度办理结果 down its 22 result rows, （三）不予公开 down its eight."""
    table = [b for b in render_blocks(random_spec(random.Random(2), 2023)) if b.kind == "table"][1]
    cells = {c.text: c for row in table.rows for c in row}
    corner = next(c for t, c in cells.items() if t.startswith("（本列数据"))
    assert (corner.width, corner.height, table.width) == (3, 3, 10)
    assert cells["三、本年度办理结果"].height == 22 and cells["（三）不予公开"].height == 8
    assert cells["一、本年新收政府信息公开申请数量"].width == 3


def test_saved_page_has_navigation_spans_and_blank_cells():
    page = document(SPEC, "html").decode("gbk" if b"charset=gbk" in document(SPEC, "html") else "utf-8")
    assert "当前位置" in page and "<ul class=\"nav\">" in page and 'id="zoom"' in page
    assert "rowspan=" in page and "colspan=" in page and "<p>&nbsp;&nbsp;" in page
    charsets = {html_bytes(render_blocks(realistic_report(seed).spec))[:200].count(b"gbk") for seed in range(12)}
    assert charsets == {0, 1}


@pytest.mark.skipif(printer() is None, reason="LibreOffice (soffice) is not installed: the .pdf layout is printed "
                    "from .docx with `soffice --headless --convert-to pdf` (Debian: libreoffice-writer-nogui "
                    "fonts-noto-cjk)")
def test_pdfs_are_printed_in_one_call_and_read_back(tmp_path, as_text):
    paths = write_reports([("a", SPEC), ("b", realistic_report(7).spec)], "pdf", tmp_path)
    assert [p.name for p in paths] == ["a.pdf", "b.pdf"]
    doc = read_document(str(paths[0]), readers=PLUGINS.readers)
    assert [s.number for s in doc.sections if s.heading.text == canonical_heading(s.number)] == list(SECTIONS)
    assert values(doc) == values(as_text)
    assert not any("— 1 —" in line or "— 2 —" in line for line in doc.lines)  # page footers dropped
