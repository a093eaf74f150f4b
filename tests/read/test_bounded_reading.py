"""The readers' budgets on work (govlint.limits), scaled down to small
files: zip entries that lie, XML over its budget, spans clamped to the
table, tables and pages over their budget, unclosable markup, mojibake;
table grids laid out in linear time, cell for cell as the step-by-step
placement did."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from builders import to_docx, to_html
from hostile import CONTENT_TYPES, RELS, _archive, _deflated, _Entry, _honest, big5_text, grid_span_docx

from govlint import limits
from govlint.model import Location
from govlint.read.decode import decode, signature
from govlint.read.formats.docx import read_docx
from govlint.read.formats.html import read_html
from govlint.read.formats.htmltree import parse
from govlint.read.grid import SourceRow, Span, table
from govlint.read.safezip import read_parts
from govlint.read.support import InputError
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins

SEED = Path(__file__).parents[2] / "fixtures" / "seeds" / "003_c2afdc98611f7d7b.txt"


@pytest.fixture(scope="module")
def seed_doc():
    return read_document(str(SEED), readers=load_plugins().readers)


def kind(result) -> list[tuple[str, bool]]:
    return [(p.kind, p.fatal) for p in result.problems]


def package(document: bytes, declared: int | None = None) -> bytes:
    data, crc, size = _deflated([document])
    return _archive([_honest("[Content_Types].xml", CONTENT_TYPES), _honest("_rels/.rels", RELS),
                     _Entry("word/document.xml", data, crc, size if declared is None else declared)])


def test_an_entry_is_inflated_no_further_than_it_declares():
    lying = package(b"<w:document/>" + bytes(4 * 1024 * 1024), declared=100)
    with limits.overridden({"ZIP_CHUNK": 4096}):
        start = time.perf_counter()
        with pytest.raises(InputError) as caught:
            read_parts(lying, "文档", lambda name: True, 10 ** 9)
    assert caught.value.kind == "unreadable" and "声明的大小" in caught.value.message
    assert time.perf_counter() - start < 1


def test_xml_over_the_budget_is_e009_and_media_are_not_inflated(seed_doc):
    data = to_docx(seed_doc)
    with limits.overridden({"DOCX_XML": 10_000}):
        assert kind(read_docx(data, "r.docx")) == [("budget", True)]
    media = io.BytesIO(data)
    with zipfile.ZipFile(media, "a") as archive:
        archive.writestr("word/media/image1.png", bytes(5_000_000))
    parts = read_parts(media.getvalue(), "文档", lambda name: name.endswith(".xml"), 10 ** 9)
    assert parts["word/media/image1.png"] == b"" and parts["word/document.xml"].startswith(b"<?xml")


def test_a_grid_span_beyond_the_table_is_cut_to_it(seed_doc):
    start = time.perf_counter()
    result = read_docx(grid_span_docx(to_docx(seed_doc)), "r.docx")
    assert time.perf_counter() - start < 5 and not result.problems
    first = next(b for b in result.blocks if hasattr(b, "rows"))
    assert len(first.rows[0].cells) <= limits.MAX_SPAN


def test_html_spans_are_cut_to_the_table_and_a_table_over_its_budget_is_e009():
    page = (b"<table><tr><td colspan='60000' rowspan='60000'>a</td><td>1</td></tr>"
            b"<tr><td>b</td></tr><tr><td>c</td><td>2</td></tr></table>")
    [table] = read_html(page, "r.html").blocks
    assert [len(row.cells) for row in table.rows] == [2, 2, 3]  # the rowspan reaches the last row, no further
    with limits.overridden({"TABLE_CELLS": 5}):
        assert kind(read_html(page, "r.html")) == [("budget", True)]


def test_a_page_over_its_tag_budget_is_e009_and_unclosable_openings_are_text():
    with limits.overridden({"HTML_NODES": 50}):
        assert kind(read_html(b"<p>x</p>" * 30, "r.html")) == [("budget", True)]
    root = parse("<p>a</p> 1 < 2 </ <!-- <![")
    text = "".join(n.text for n in root.descendants() if hasattr(n, "text") and not hasattr(n, "tag"))
    assert "1 ＜ 2 ＜/ ＜!-- ＜![" in text


def test_reading_html_is_linear_in_nesting():
    def seconds(levels: int) -> float:
        page = ("<table><tr><td>一</td><td>" * levels + "x" + "</td></tr></table>" * levels).encode()
        start = time.perf_counter()
        read_html(page, "r.html")
        return time.perf_counter() - start

    small, large = seconds(1000), seconds(8000)
    assert large < 20 * small + 0.5  # 8× the levels, far from 64× the time


def test_big5_is_e002_and_binary_that_decodes_as_gb18030_is_e004():
    traditional = "臺北市政府資訊公開工作年度報告，本年度主動公開政府資訊一百二十條。\n" * 5
    assert decode(big5_text(traditional)).problem == "big5"
    gbk = SEED.read_text(encoding="utf-8").replace("\xa0", " ").encode("gbk")
    assert decode(gbk).problem is None and decode(gbk).encoding == "gb18030"
    noise = bytes(b for i in range(3000) for b in (0x81 + i * 7 % 120, 0x40 + i * 13 % 60))
    decoded = decode(noise)
    assert decoded.problem == "binary" and "乱码" in decoded.reason


def test_other_formats_are_named_by_their_signature():
    assert signature(b"%PDF-1.7\n") == ("pdf", "PDF 文档（.pdf）")
    assert signature(b"\x89PNG\r\n\x1a\n....")[0] == "png"
    assert signature("一、总体情况".encode()) is None
    assert decode(b"%PDF-1.4\n1 0 obj\n").reason == "文件内容是PDF 文档（.pdf）"


def test_a_pdf_named_docx_says_so(seed_doc):
    assert "PDF" in read_docx(b"%PDF-1.4\n" + bytes(100), "r.docx").problems[0].message
    assert not read_docx(to_docx(seed_doc), "r.docx").problems
    assert not read_html(to_html(seed_doc), "r.html").problems


# -- table grids in linear time -------------------------------------------------------------


def _reference_table(rows, index):
    """The grid as the step-by-step placement laid it out: a span without a
    column of its own skips, cover after cover, the columns covered from above."""
    covers: dict[int, tuple[int, int]] = {}
    laid = []
    for number, row in enumerate(rows):
        above = {col: cover for col, cover in covers.items() if cover[0] >= number}
        placed, col = [], 0
        for span in row.spans:
            if span.at is not None:
                col = span.at
            else:
                while (end := next((start + width for start, (_, width) in above.items()
                                    if start <= col < start + width), None)) is not None:
                    col = end
            placed.append((col, span))
            col += max(1, span.columns)
        covers = dict(above)
        for col, span in placed:
            if span.rows > 1:
                covers[col] = (number + span.rows - 1, max(1, span.columns))
        laid.append([span.text if span else "" for _, span in
                     sorted([*placed, *((col, None) for col in above)], key=lambda item: item[0])])
    return laid


def test_the_grid_places_cells_as_the_step_by_step_placement_did():
    rng = random.Random(5)
    for _ in range(3000):  # overlapping covers, spans with and without their own column
        mixed = rng.random() < 0.5
        rows = [SourceRow(tuple(Span(f"{r}.{c}", rng.choice([1, 1, 2, 3, 5]), rng.choice([1, 1, 2, 3, 9]),
                                     at=rng.randrange(9) if mixed and rng.random() < 0.4 else None)
                                for c in range(rng.randrange(7))), Location(r + 1))
                for r in range(rng.randrange(1, 9))]
        built = table(rows, index=1, layout="html")
        assert [[cell.text for cell in row.cells] for row in built.rows] == _reference_table(rows, 1)


def test_the_grid_is_laid_out_in_linear_time():
    def seconds(count: int) -> tuple[float, int]:  # every cell spans to the last row: count² / 2 × 20 cells
        rows = [SourceRow(tuple(Span("1", 1, count - r) for _ in range(20)), Location(r + 1)) for r in range(count)]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            built = table(rows, index=1, layout="html")
            best = min(best, time.perf_counter() - start)
        return best, sum(len(row.cells) for row in built.rows)

    (small, cells), (large, more) = seconds(25), seconds(100)  # 6,500 and 101,000 cells
    # 15× the cells: 13-18× the time; the scan of every cover took 50× (and 1,000× at 100× the cells)
    assert more > 15 * cells and large < 30 * small, (small, large)
