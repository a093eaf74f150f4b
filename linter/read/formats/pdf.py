"""Reader for PDF reports with a text layer, with pdfplumber.

Per page, in reading order (top to bottom):

* **tables** by pdfplumber's table finder on the page's *visible* ruling
  (WPS and Word draw an invisible white rectangle behind every line of
  text, which would otherwise make the prose a one-column "table"); a
  "table" with a single column is prose in a box and read as text.  Where
  a page break cuts a table no rule is drawn, so the page's table region
  is closed where its vertical rules end.  Cells spanning several columns
  or rows are mapped as Word's are (:mod:`.grid`).  A table that ends one
  page and resumes at the top of the next is one table: header rows that
  the next page repeats (Word's "repeat as header row"; a tall header cell
  may be cut short there) are not read again, and a row that the page
  break cut in two is put back together (:func:`.grid.rejoin`).  A table
  drawn without rules is read from the positions of its words
  (:mod:`.pdfwords`), where lines end in a run of numbers.
* **text lines** outside the tables.  Page numbers (``- 1 -``, ``— 4 —``,
  ``第 2 页``) are dropped; lines broken at the right margin are joined into
  paragraphs (:mod:`.prose`): a line continues the paragraph when the line
  before it reached the right margin and it is not itself indented, also
  across a page break.

A document without any text is a scan: a fatal ``needs-ocr`` problem
(E007); an image page without text among pages with text (a table pasted
as an image) is reported on that page.  An encrypted PDF that cannot be
opened without a password is ``encrypted`` (E008).

Bounded work (E009, ``budget``): the pages are taken from the page tree
one at a time, and a PDF with more than :data:`~govlint.limits.PDF_PAGES`
is refused before a page is read (reading the first pages only would
report the sections after them missing); each page is released once read.
Streams inflate within :data:`~govlint.limits.PDF_INFLATED` for the whole
document, and what a page makes the interpreter read within
:data:`~govlint.limits.PDF_PAGE_CONTENT`, checked before it is interpreted
(:mod:`.pdfbudget`): a decompression bomb costs a few MB and a fraction of
a second.

Locations: ``line`` is the position of the text line or table row in the
document's reading order, counted over the whole document (what ``govlint
parse`` prints; the document's ``lines`` hold their text), so findings sort
in reading order; ``page`` is the page; ``label`` is what a person looks
for: ``第2页 第14行`` (the 14th line read on page 2, table rows counting one
line each) or ``第4页 表3 第5行 第2列`` for a cell.
"""

from __future__ import annotations

import io
from collections import Counter
from statistics import median
from typing import Iterator, Sequence

import msgspec

from ... import limits
from ...model import InputProblem, Location
from ...normalize import compact
from ...regexes import compile_re
from .. import ReadResult
from ..grid import SourceRow, Span, by_position, rejoin, table
from ..prose import PAGE_NUMBER, Line, continues, paragraph
from ..support import InputError, ReadingOrder, library, reader
from .pdfbudget import budget
from .pdfwords import text_tables

WHAT = " PDF 文件"
#: Fewer characters than this in the whole document: there is no text layer.
MIN_TEXT = 20
_BARE_NUMBER = compile_re(r"^\s*\d{1,3}\s*$")
#: Three numbers standing apart at the end of a line: maybe a row of a table drawn without rules.
_ROW_OF_VALUES = compile_re(r"(?:\s\d[\d,.]*){3,}\s*$")
#: Share of the page height at top and bottom where a bare number is a page number.
_MARGIN = 0.1


@reader("pdf")
def read_pdf(data: bytes, path: str) -> ReadResult:
    """Read a ``.pdf`` report."""
    pdfplumber = library("pdfplumber", "pdfplumber", WHAT)
    with budget() as spent:
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
            found = _pages(pdf)
        except InputError:
            raise
        except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException
            spent.check()
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
            if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
                raise InputError("encrypted", "PDF 文件已加密，需要密码才能打开：请提供未加密的版本") from None
            raise InputError("unreadable",
                             f"文件不是有效的{WHAT}（已损坏或不完整）：{type(cause).__name__}: {cause}") from None
        spent.check()
        pages = []
        try:
            for number, page in enumerate(found, start=1):
                spent.page(page.page_obj, number)
                try:
                    pages.append(_read_page(page, number))
                except Exception:
                    spent.check()  # a stream over the budget, however pdfplumber and pdfminer passed it on
                    raise
                finally:
                    page.close()  # its characters and layout: a long document is read in the memory of a page
                spent.check()
        finally:
            pdf.flush_cache()  # not pdf.close(): that would build every page of the document again
    if sum(page.chars for page in pages) < MIN_TEXT:
        raise InputError("needs-ocr", "PDF 没有文字层（扫描件或图片）：需要先做文字识别（OCR），或提供 Word/文字版 PDF")
    return _Assembler(pages).result()


def _pages(pdf) -> list:
    """The document's pages, as pdfplumber has them (``pdf.pages``), but
    taken from the page tree one by one: no more than
    :data:`~govlint.limits.PDF_PAGES` and one over are ever built (InputError
    E009 with more), whatever the tree declares."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    pages, top = [], 0
    for number, page in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if number > limits.PDF_PAGES:
            raise InputError("budget", f"PDF 文件超过 {limits.PDF_PAGES} 页（上限），远多于任何一份年度报告，未读取")
        pages.append(Page(pdf, page, page_number=number, initial_doctop=top))
        top += pages[-1].height
    return pages


# -- one page -----------------------------------------------------------

class _TextLine(msgspec.Struct):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class _PageTable(msgspec.Struct):
    rows: list[list[Span]]
    top: float


class _Page(msgspec.Struct):
    number: int
    items: list = msgspec.field(default_factory=list)  # _TextLine | _PageTable, top to bottom
    chars: int = 0
    images: int = 0


def _read_page(page, number: int) -> _Page:
    visible = page.filter(_visible)
    rules = [edge for edge in visible.edges if edge["orientation"] == "v"]
    settings = {}
    if rules:  # a table broken by the page has no rule drawn at the break: close it where its vertical rules end
        settings["explicit_horizontal_lines"] = [min(e["top"] for e in rules), max(e["bottom"] for e in rules)]
    # A "table" of one column is prose in a box; one row of several cells is
    # kept (the last row of a table carried over to the next page).
    found = [t for t in visible.find_tables(settings) if _columns(t) > 1 and (len(t.rows) > 1 or _columns(t) > 2)]
    boxes = [t.bbox for t in found]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    result = _Page(number, chars=len(page.chars), images=len(page.images))
    height = float(page.height) or 1.0
    lines = page.filter(outside).extract_text_lines(return_chars=False)
    if any(_ROW_OF_VALUES.search(line["text"]) for line in lines):  # a table drawn without rules?
        unruled = text_tables(page.filter(outside).extract_words(keep_blank_chars=True))
        if unruled:
            result.items += [_PageTable(t.rows, t.bbox[1]) for t in unruled]
            boxes += [t.bbox for t in unruled]
            lines = page.filter(outside).extract_text_lines(return_chars=False)
    for line in lines:
        text = line["text"]
        if PAGE_NUMBER.match(text) or (_BARE_NUMBER.match(text) and not _MARGIN < line["top"] / height < 1 - _MARGIN):
            continue
        result.items.append(_TextLine(text, line["x0"], line["x1"], line["top"], line["bottom"]))
    result.items += [_PageTable(_spans(t), t.bbox[1]) for t in found]
    result.items.sort(key=lambda item: item.top)
    return result


def _visible(obj) -> bool:
    """Drop rectangles nobody sees: not stroked, and filled white or not at all."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    color = obj.get("non_stroking_color")
    white = color is None or (isinstance(color, (tuple, list)) and all(v >= 0.99 for v in color)) or color == 1
    return bool(obj.get("fill")) and not white


def _columns(found) -> int:
    return max((sum(c is not None for c in row.cells) for row in found.rows), default=0)


def _spans(found) -> list[list[Span]]:
    """The cells of a pdfplumber table as spans: each cell at its column,
    as wide and tall as the columns and rows its box covers."""
    lefts = [min((c[0] for c in column.cells if c is not None), default=0.0) for column in found.columns]
    tops = [row.bbox[1] for row in found.rows]
    texts = found.extract()
    rows = []
    for r, row in enumerate(found.rows):
        spans = []
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            columns = sum(1 for left in lefts[c + 1:] if left < box[2] - 1)
            below = sum(1 for top in tops[r + 1:] if top < box[3] - 1)
            spans.append(Span(texts[r][c] or "", 1 + columns, 1 + below, at=c, x0=box[0], x1=box[2]))
        rows.append(spans)
    return rows


# -- the document -------------------------------------------------------

class _Assembler:
    """Numbers the pages' lines and rows in reading order and builds the blocks."""

    def __init__(self, pages: list[_Page]):
        self.pages = pages
        self.order = ReadingOrder()
        self.blocks: list = []
        self.problems: list[InputProblem] = []
        self.prose: list[tuple[Line, _TextLine]] = []
        self.rows: list[SourceRow] = []
        self.breaks: list[int] = []  # indices in rows of the first row after each page break
        self.tables = 0
        self.starts: dict[int, int] = {}  # page → its first line number
        lines = [item for page in pages for item in page.items if isinstance(item, _TextLine)]
        self.size = median(line.bottom - line.top for line in lines) if lines else 12.0
        self.left = _mode(line.x0 for line in lines) or 0.0
        # no line of prose runs to a margin: no line is "full", none is joined
        self.right = _mode(line.x1 for line in lines if line.x1 - line.x0 > 10 * self.size) or float("inf")

    def result(self) -> ReadResult:
        for page in self.pages:
            self.starts[page.number] = self.order.next
            if not page.chars and page.images:
                self._close_table()
                self.problems.append(InputProblem(
                    "needs-ocr", f"第{page.number}页没有文字层（扫描图片），该页内容未检查：需要文字识别（OCR）",
                    Location(self.order.next, page=page.number, label=f"第{page.number}页")))
            for index, item in enumerate(page.items):
                if isinstance(item, _PageTable):
                    self._close_prose()
                    if index > 0:  # only a table at the top of a page continues the one before
                        self._close_table()
                    self._table(item, page.number)
                else:
                    self._close_table()
                    self._line(item, page.number)
        self._close_prose()
        self._close_table()
        return ReadResult("pdf", tuple(self.order.lines), tuple(self.blocks), tuple(self.problems))

    def _label(self, line: int, page: int) -> str:
        return f"第{page}页 第{line - self.starts[page] + 1}行"

    # -- prose ---------------------------------------------------------
    def _line(self, item: _TextLine, page: int) -> None:
        line = Line(item.text, self.order.add(item.text), 1, page)
        if self.prose:
            previous_line, previous = self.prose[-1]
            full = previous.x1 >= self.right - 1.5 * self.size and item.x0 < self.left + 0.8 * self.size
            if not continues(previous_line.text, item.text, full=full):
                self._close_prose()
        self.prose.append((line, item))

    def _close_prose(self) -> None:
        if self.prose:
            first = self.prose[0][0]
            self.blocks.append(paragraph((line for line, _ in self.prose), self._label(first.line, first.page)))
            self.prose = []

    # -- tables --------------------------------------------------------
    def _table(self, item: _PageTable, page: int) -> None:
        repeated = _repeated(self.rows, item.rows) if self.rows else 0
        if self.rows:
            self.breaks.append(len(self.rows))
        for number, spans in enumerate(item.rows):
            line = self.order.add_row(span.text for span in spans)
            if number >= repeated:
                self.rows.append(SourceRow(spans, Location(line, page=page)))

    def _close_table(self) -> None:
        if self.rows:
            self.tables += 1
            rows = by_position(self.rows) if self.breaks else self.rows
            self.blocks.append(table(rejoin(rows, self.breaks), index=self.tables, layout="pdf"))
            self.rows, self.breaks = [], []


def _repeated(table: list[SourceRow], rows: list[list[Span]]) -> int:
    """How many of a page's first ``rows`` repeat the first rows of the
    ``table`` they continue (its header, repeated by Word on each page)."""
    count = 0
    for before, spans in zip(table, rows):
        if not _same_row(before.spans, spans):
            break
        count += 1
    return count if count < len(rows) else 0


def _same_row(first: Sequence[Span], second: Sequence[Span]) -> bool:
    """Same cells, texts equal or one cut short of the other (a tall header cell)."""
    if len(first) != len(second) or not any(s.text.strip() for s in first):
        return False
    for a, b in zip(first, second):
        x, y = compact(a.text), compact(b.text)
        if (a.at, a.columns) != (b.at, b.columns) or not (x == y or (min(len(x), len(y)) >= 2 and
                                                          (x.startswith(y) or y.startswith(x)))):
            return False
    return True


def _mode(values: Iterator[float]) -> float | None:
    """The most common value, to the nearest point (None for none)."""
    counts = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0]) if counts else None
