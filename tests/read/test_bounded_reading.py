"""The readers' budgets on work (govlint.limits), scaled down to small
files: zip entries that lie, XML over its budget, spans clamped to the
table, tables and pages over their budget, unclosable markup, mojibake;
PDF streams inflated within a budget (and decoded exactly as pdfminer
does), PDF pages counted and released; table grids laid out in linear
time, cell for cell as the step-by-step placement did."""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from govlint import limits
from govlint.model import Location
from govlint.read.formats import pdfbudget
from govlint.read.formats.pdf import read_pdf
from govlint.read.formats.pdfbudget import budget
from govlint.read.grid import SourceRow, Span, table
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.hostile import (
    CONTENT_TYPES,
    RELS,
    _archive,
    _deflated,
    _Entry,
    _honest,
    _stream,
    many_pages_pdf,
    pdf_bomb,
    pdf_pages,
    text_page,
    zeros_zlib,
)

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


class Counting:
    """A decompressor that adds the size of everything it gives to ``sizes``."""

    def __init__(self, inner, sizes: list[int]):
        self.inner, self.sizes = inner, sizes

    def decompress(self, *args):
        out = self.inner.decompress(*args)
        self.sizes.append(len(out))
        return out

    def copy(self):
        return Counting(self.inner.copy(), self.sizes)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def counting_inflation(monkeypatch) -> list[int]:
    """The sizes of what every zip decompressor gives from now on."""
    inflated: list[int] = []
    real = zipfile._get_decompressor
    monkeypatch.setattr(zipfile, "_get_decompressor", lambda method: Counting(real(method), inflated))
    return inflated


def problems(result) -> list[tuple[str, bool, str]]:
    return [(p.kind, p.fatal, p.message) for p in result.problems]


def counting_zlib(monkeypatch) -> list[int]:
    """The sizes of what every ``zlib.decompressobj`` gives from now on."""
    inflated: list[int] = []
    real = zlib.decompressobj
    monkeypatch.setattr(zlib, "decompressobj", lambda *args: Counting(real(*args), inflated))
    return inflated


def test_a_pdf_decompression_bomb_is_e009_before_it_is_inflated(monkeypatch):
    bomb = pdf_bomb(1 / 64)  # 32 MiB of zeros in 33 KB
    inflated = counting_zlib(monkeypatch)
    with limits.overridden({"PDF_PAGE_CONTENT": 1 * limits.MIB}):
        assert problems(read_pdf(bomb, "r.pdf")) == [
            ("budget", True, "PDF 第1页的内容（解压后，连同其绘制的表单）超过 1 MB（上限），远多于任何一份年度报告的一页，未读取")]
    assert limits.MIB < sum(inflated) <= limits.MIB + 1  # inflated to the page's budget and one byte, no further


def test_the_streams_of_a_pdf_inflate_within_one_budget_for_the_document():
    content = zlib.compress(text_page(10) + bytes(110 * 1024))  # each page: its text and 110 KB of blanks
    pages = pdf_pages([content] * 5, "/FlateDecode")
    assert not read_pdf(pages, "r.pdf").problems
    with limits.overridden({"PDF_INFLATED": limits.MIB // 2}):
        assert problems(read_pdf(pages, "r.pdf")) == [
            ("budget", True, "PDF 文件的数据流解压后超过 0.5 MB（上限），远大于任何一份年度报告，未读取")]


def test_forms_count_in_the_content_of_the_page_that_draws_them_as_often_as_drawn():
    # two pages; object 8 is a form of 2 MiB of zeros, form /Fk is object k + 1: /F8 to /F14 each draw
    # the next ten times, /F15 is a line of text (a page of 7 bytes drawing /F8 draws 10^7 lines);
    # object 17 is an empty form (drawing it costs pdfminer some 40 µs all the same)
    form = "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
    nested = [_stream(b"/F%d Do\n" % (k + 1) * 10, form + f"/Resources << /XObject << /F{k + 1} {k + 2} 0 R >> >> ")
              for k in range(8, 15)]
    forms = [_stream(zeros_zlib(2 * limits.MIB), form + "/Filter /FlateDecode "), *nested,
             _stream(text_page(1), form + "/Resources << /Font << /F1 3 0 R >> >> "), _stream(b"", form)]
    resources = "/Font << /F1 3 0 R >> /XObject << /Zeros 8 0 R /F8 9 0 R /F14 15 0 R /Empty 17 0 R >>"
    message = "PDF 第2页的内容（解压后，连同其绘制的表单）超过 1 MB（上限），远多于任何一份年度报告的一页，未读取"
    with limits.overridden({"PDF_PAGE_CONTENT": 1 * limits.MIB}):
        zeros = pdf_pages([text_page(5), b"/Zeros Do"], "", resources, *forms)
        assert problems(read_pdf(zeros, "r.pdf")) == [("budget", True, message)]
        laughs = pdf_pages([text_page(5), b"/F8 Do"], "", resources, *forms)
        assert problems(read_pdf(laughs, "r.pdf")) == [("budget", True, message)]
        empty = pdf_pages([text_page(5), b"/Empty Do\n" * 5000], "", resources, *forms)  # 45 KB
        assert problems(read_pdf(empty, "r.pdf")) == [("budget", True, message)]
        assert not read_pdf(pdf_pages([text_page(5), b"/Empty Do\n" * 1000], "", resources, *forms), "r.pdf").problems
        drawn_once = read_pdf(pdf_pages([text_page(5), b"/F14 Do"], "", resources, *forms), "r.pdf")  # 10 lines
    assert not drawn_once.problems and drawn_once.lines[-1].startswith("P" * 10 + "a" * 10)  # drawn on itself


def test_a_pdf_over_its_page_budget_is_e009_without_reading_a_page(monkeypatch):
    with limits.overridden({"PDF_PAGES": 5}):
        assert problems(read_pdf(many_pages_pdf(6), "r.pdf")) == [
            ("budget", True, "PDF 文件超过 5 页（上限），远多于任何一份年度报告，未读取")]
        result = read_pdf(many_pages_pdf(5), "r.pdf")
    assert not result.problems and "Page 5 line 14" in result.lines[-1]
    from pdfminer.pdfpage import PDFPage

    built = []
    real = PDFPage.__init__
    monkeypatch.setattr(PDFPage, "__init__", lambda page, *args: built.append(1) or real(page, *args))
    with limits.overridden({"PDF_PAGES": 5}):
        assert problems(read_pdf(many_pages_pdf(20_000), "r.pdf"))[0][0] == "budget"  # 32 MB
    assert len(built) == 6  # the tree is not walked past the first page over the limit


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc")
def test_the_pages_of_a_pdf_are_released_as_they_are_read(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(many_pages_pdf(limits.PDF_PAGES))  # all a PDF may have
    # the peak of the process's own memory (getrusage counts the memory of the process it was forked from)
    script = ("import re, sys\nfrom govlint.read.formats.pdf import read_pdf\n"
              "result = read_pdf(open(sys.argv[1], 'rb').read(), 'r.pdf')\nassert not result.problems\n"
              "print(int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]) // 1024)")
    peak = int(subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                              check=True, timeout=120).stdout)
    assert peak < 120, peak  # 55 MB here; 230 MB with every page's characters kept


def _stream_of(attrs: dict, raw: bytes):
    from pdfminer.pdftypes import PDFStream

    return PDFStream(dict(attrs), raw)


def _decoded(attrs: dict, raw: bytes, budgeted: bool):
    stream = _stream_of(attrs, raw)
    try:
        if budgeted:
            with budget():
                return stream.get_data()
        return stream.get_data()
    except Exception as exc:  # noqa: BLE001 (the same exception, or the same data)
        return type(exc)


def _decoding_cases() -> list[tuple[dict, bytes]]:
    from pdfminer.psparser import LIT

    text = json.dumps([{"row": i, "value": i * 7 % 13} for i in range(2000)]).encode()  # 50 KB from 9 KB
    packed = zlib.compress(text)
    flate = {"Filter": LIT("FlateDecode")}
    checksum = packed[:-1] + bytes([packed[-1] ^ 1])  # zlib says so at its last byte: the data are kept ...
    cases = [(flate, packed), (flate, packed + b"garbage after the end"), (flate, packed[: len(packed) // 2]),
             (flate, checksum), (flate, checksum + b"\r\n"), (flate, checksum + b"\r\n\n"),  # ... unless 3 bytes follow
             (flate, packed[:-3] + bytes([packed[-3] ^ 0x55]) + packed[-2:]),
             (flate, packed[:5000] + bytes([packed[5000] ^ 0xFF]) + packed[5001:]), (flate, b""), (flate, b"not zlib"),
             (flate, zlib.compress(b"")), ({"Filter": LIT("Fl")}, zlib.compress(b"short"))]
    rows = b"".join(b"\x02" + bytes([i % 256, (3 * i) % 256, 7, i % 5]) for i in range(300))  # PNG "up" rows of 4
    cases.append(({"Filter": LIT("FlateDecode"), "DecodeParms": {"Predictor": 12, "Columns": 4}}, zlib.compress(rows)))
    cases.append(({"Filter": LIT("FlateDecode"), "DecodeParms": {"Predictor": 2, "Columns": 4}}, zlib.compress(rows)))
    cases.append(({"Filter": LIT("FlateDecode"), "DecodeParms": {"Predictor": 7}}, zlib.compress(rows)))
    cases.append(({"Filter": LIT("LZWDecode")}, b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"))
    cases.append(({"Filter": LIT("RunLengthDecode")}, b"\x05123456\xfa7\x04abcde\x80junk"))
    cases.append(({"Filter": LIT("RunLengthDecode")}, b"\x05123"))  # cut short
    cases.append(({"Filter": LIT("ASCII85Decode")}, base64.a85encode(text[:5000], adobe=True)))
    cases.append(({"Filter": LIT("ASCIIHexDecode")}, b"41 42 4>"))
    cases.append(({"Filter": [LIT("ASCII85Decode"), LIT("FlateDecode")]}, base64.a85encode(packed, adobe=True)))
    cases.append(({"Filter": LIT("DCTDecode")}, b"\xff\xd8 an image"))
    cases.append(({"Filter": LIT("Crypt")}, b"x"))
    cases.append(({"Filter": LIT("NoSuchDecode")}, b"x"))
    cases.append(({}, b"plain"))
    rng = random.Random(13)
    for _ in range(40):  # damage anywhere, of any size
        data = bytearray(packed[: rng.randrange(1, len(packed) + 1)])
        for _ in range(rng.randrange(0, 3)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cases.append((flate, bytes(data)))
    return cases


def test_a_budgeted_stream_decodes_exactly_as_pdfminer_decodes_it(monkeypatch):
    monkeypatch.setattr(pdfbudget, "PIECE", 1000)  # streams of several pieces, damage in any of them
    for attrs, raw in _decoding_cases():
        assert _decoded(attrs, raw, budgeted=True) == _decoded(attrs, raw, budgeted=False), (attrs, raw[:40])


def test_outside_a_budget_pdfminer_decodes_as_it_always_did():
    with budget():
        pass
    size = 3 * limits.PDF_PAGE_CONTENT
    assert len(_stream_of({"Filter": _flate()}, zeros_zlib(size)).get_data()) == size
    with limits.overridden({"PDF_INFLATED": 1 * limits.MIB}), budget() as spent, pytest.raises(pdfbudget.OverBudget):
        _stream_of({"Filter": _flate()}, zeros_zlib(size)).get_data()
    assert spent.exceeded and "1 MB（上限）" in spent.exceeded


def _flate():
    from pdfminer.psparser import LIT

    return LIT("FlateDecode")


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


def test_a_grid_of_long_rowspans_is_laid_out_whole():
    # every cell spans to the last row: 100² / 2 × 20 cells, the shape that took cubic time (its time: bench/hostile.py)
    count = 100
    rows = [SourceRow(tuple(Span("1", 1, count - r) for _ in range(20)), Location(r + 1)) for r in range(count)]
    built = table(rows, index=1, layout="html")
    assert [len(row.cells) for row in built.rows] == [20 * (r + 1) for r in range(count)]
    assert all([cell.text for cell in row.cells].count("1") == 20 for row in built.rows)  # its own 20, the rest covered
