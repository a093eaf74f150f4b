"""Tables with merged cells into the row/cell model: one mechanism for
.docx, .html and .pdf.

Every format describes a table as rows of cells that may span several
columns (Word ``gridSpan``, HTML ``colspan``, a wide PDF cell) and several
rows (Word ``vMerge``, HTML ``rowspan``, a tall PDF cell).  The model keeps
the shape the Word → text extraction gives (DOMAIN.md §2.8), which the
table recognition in :mod:`govlint.recognise.templates` reads:

* a cell spanning several columns is **one** cell;
* a cell spanning several rows has its text in its first row; in each row
  below, the place it covers is a **blank** cell (as Word stores a
  ``vMerge`` continuation), one per covering cell whatever its width.

So the blank 2021 template's row ``（三）不予公开 | 1.属于国家秘密 | …`` is
followed by ``(blank) | (blank) | 2.其他法律行政法规禁止公开 | …``.

Labels: a cell is ``表3 第5行 第2列`` (table number in the document, row in
the table, cell in the model row); rows on a PDF page are prefixed with
the page (``第4页 表3 第5行 第2列``).  A cell without a source location of
its own (covered cells; all cells of formats numbered by reading order)
is located at its row's line, with its place in the row as column.

A row that a page break cut in two (Word lets a row break across pages:
the label ``1.本机关不掌握相关政`` at the foot of one page, ``府信息`` at the
top of the next; or the label above and the numbers below) is put back
together by :func:`rejoin` before the table is built: the first row after
the break is glued to the last row before it when every cell of it lies
under a cell of that row (same column and width, or a taller cell from
further up), no column has text on both sides unless both are words (two
numbers are never glued), and it does not start a new item (``（三）``,
``4.``).  A cell that continues on the next page as a taller cell keeps
covering the rows below it.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Sequence

import msgspec

from ..model import Cell, Location, Row, Table
from ..normalize import fold
from ..regexes import compile_re
from .prose import ITEM_START


class Span(msgspec.Struct, frozen=True, gc=False):
    """A cell as the format writes it.  ``at`` is its first grid column
    when the format says (Word, PDF); otherwise (HTML) it takes the next
    column not covered from above.  ``x0``/``x1`` are its left and right
    edges on the page, for formats that place cells (PDF): the columns of
    a table continued over several pages are numbered from them
    (:func:`by_position`)."""

    text: str
    columns: int = 1
    rows: int = 1
    at: int | None = None
    location: Location | None = None
    x0: float | None = None
    x1: float | None = None


class SourceRow(msgspec.Struct, frozen=True):
    """A row as the format writes it: its cells (covered places left out)
    and its location (line, and page for PDF)."""

    spans: Sequence[Span]
    location: Location


#: A cell that holds a number (or what stands for one): never glued to another cell's text.
_VALUE = compile_re(r"\s*(?:[+\-−]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?\s*(?:亿元|万元|元|件|个|项|条|次|%)?"
                    r"|[-—–―/\\]+|无|暂无)\s*")


#: Cell edges closer than this (points) are the same column edge.
EDGE_TOLERANCE = 2.0


def by_position(rows: Sequence[SourceRow]) -> list[SourceRow]:
    """``rows`` with each span's column and width taken from its edges on
    the page (spans without edges keep theirs): one set of columns for a
    table whose pages each had their own (a page where a column holds no
    cell boundary has one column fewer)."""
    edges = sorted({s.x0 for row in rows for s in row.spans if s.x0 is not None})
    lefts: list[float] = []
    for x in edges:
        if not lefts or x - lefts[-1] > EDGE_TOLERANCE:
            lefts.append(x)
    if not lefts:
        return list(rows)

    def place(span: Span) -> Span:
        if span.x0 is None or span.x1 is None:
            return span
        at = max(i for i, x in enumerate(lefts) if x <= span.x0 + EDGE_TOLERANCE)
        width = sum(1 for x in lefts[at + 1:] if x < span.x1 - EDGE_TOLERANCE)
        return msgspec.structs.replace(span, at=at, columns=1 + width)

    return [SourceRow(tuple(place(s) for s in row.spans), row.location) for row in rows]


def rejoin(rows: Sequence[SourceRow], breaks: Iterable[int]) -> list[SourceRow]:
    """``rows`` with the rows a page break split put back together (see the
    module docstring); ``breaks`` are the indices of the first row after
    each page break.  Spans must have their column (``at``)."""
    out = [list(row.spans) for row in rows]
    locations = [row.location for row in rows]
    for first in sorted(set(breaks), reverse=True):
        if 0 < first < len(out) and _glue(out, first):
            del out[first], locations[first]
    return [SourceRow(tuple(spans), location) for spans, location in zip(out, locations)]


def _glue(rows: list[list[Span]], first: int) -> bool:
    """Glue row ``first`` to the row before it, in place, if it is its continuation."""
    below, last = rows[first], first - 1
    if not any(s.text.strip() for s in below) or any(ITEM_START.match(fold(s.text)) for s in below if s.text.strip()):
        return False
    targets = []
    for span in below:
        found = _above(rows, last, span)
        if found is None and not span.text.strip() and span.rows == 1:
            continue  # an empty cell with nothing above it carries nothing
        if found is None:
            return False
        origin, index = found
        upper = rows[origin][index]
        if span.text.strip() and upper.text.strip() and (_VALUE.fullmatch(span.text) or _VALUE.fullmatch(upper.text)):
            return False
        targets.append((origin, index, span))
    for origin, index, span in targets:
        upper = rows[origin][index]
        text = f"{upper.text}\n{span.text}" if upper.text.strip() and span.text.strip() else upper.text + span.text
        height = max(upper.rows, last - origin + span.rows)
        rows[origin][index] = msgspec.structs.replace(upper, text=text, rows=height)
    return True


def _above(rows: list[list[Span]], last: int, span: Span) -> tuple[int, int] | None:
    """The span of row ``last`` (or a taller one from further up reaching
    it) at ``span``'s column with its width: ``(row, index in the row)``."""
    for origin in range(last, -1, -1):
        for index, upper in enumerate(rows[origin]):
            if upper.at == span.at and origin + upper.rows - 1 >= last:
                return (origin, index) if upper.columns == span.columns else None
    return None


def table(rows: Sequence[SourceRow], *, index: int, layout: str) -> Table:
    """The model table of ``rows`` (at least one), the ``index``-th of the
    document.  Time linear in the cells laid out (the blanks included), up
    to sorting each row's cells by column."""
    covers: dict[int, tuple[int, int]] = {}  # grid column → (last row covered, width)
    built = []
    for number, row in enumerate(rows):
        above = {col: cover for col, cover in covers.items() if cover[0] >= number}
        placed = _place(row.spans, above)
        covers = dict(above)
        for col, span in placed:
            if span.rows > 1:
                covers[col] = (number + span.rows - 1, max(1, span.columns))
        cells = sorted([*placed, *((col, None) for col in above)], key=lambda item: item[0])
        built.append(_row(row, number + 1, index, cells))
    first, last = built[0].location, built[-1].location
    where = Location(first.line, first.column, last.line, page=first.page, label=f"{_page(first)}表{index}")
    return Table(tuple(built), where, layout, index)


def _place(spans: Sequence[Span], covers: dict[int, tuple[int, int]]) -> list[tuple[int, Span]]:
    """The grid column of each span of a row, given the columns covered
    from above: its own (``at``), or the first column from where the span
    before it ends that no cell from above covers."""
    placed, col = [], 0
    free: _Free | None = None
    for span in spans:
        if span.at is not None:
            col = span.at
        else:
            free = free or _Free(covers)
            col = free.after(col)
        placed.append((col, span))
        col += max(1, span.columns)
    return placed


class _Free:
    """The columns a row's covers leave free: the runs of columns they
    cover (covers may overlap), merged and in order, so that the first free
    column from any column is one search away."""

    def __init__(self, covers: dict[int, tuple[int, int]]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted((start, start + width) for start, (_, width) in covers.items()):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def after(self, col: int) -> int:
        """The first column from ``col`` on that no cover covers."""
        run = bisect.bisect_right(self.starts, col) - 1
        return self.ends[run] if run >= 0 and col < self.ends[run] else col


def _row(source: SourceRow, number: int, index: int, placed: list[tuple[int, Span | None]]) -> Row:
    prefix = f"{_page(source.location)}表{index} 第{number}行"
    cells = []
    for position, (_, span) in enumerate(placed, start=1):
        label = f"{prefix} 第{position}列"
        if span is not None and span.location is not None:
            location = msgspec.structs.replace(span.location, label=label)
        else:
            location = Location(source.location.line, position, page=source.location.page, label=label)
        cells.append(Cell(span.text if span is not None else "", location))
    return Row(tuple(cells), msgspec.structs.replace(source.location, label=prefix))


def _page(location: Location) -> str:
    return f"第{location.page}页 " if location.page is not None else ""
