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
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Sequence

from ..model import Cell, Location, Row, Table


@dataclass(frozen=True, slots=True)
class Span:
    """A cell as the format writes it.  ``at`` is its first grid column
    when the format says (Word, PDF); otherwise (HTML) it takes the next
    column not covered from above."""

    text: str
    columns: int = 1
    rows: int = 1
    at: int | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A row as the format writes it: its cells (covered places left out)
    and its location (line, and page for PDF)."""

    spans: Sequence[Span]
    location: Location


def table(rows: Sequence[SourceRow], *, index: int, layout: str) -> Table:
    """The model table of ``rows`` (at least one), the ``index``-th of the document."""
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
    """The grid column of each span of a row, given the columns covered from above."""
    placed, col = [], 0
    for span in spans:
        if span.at is not None:
            col = span.at
        else:
            while (end := _covered_until(col, covers)) is not None:
                col = end
        placed.append((col, span))
        col += max(1, span.columns)
    return placed


def _covered_until(col: int, covers: dict[int, tuple[int, int]]) -> int | None:
    """The first column after the cover over ``col``, None if it is free."""
    return next((start + width for start, (_, width) in covers.items() if start <= col < start + width), None)


def _row(source: SourceRow, number: int, index: int, placed: list[tuple[int, Span | None]]) -> Row:
    prefix = f"{_page(source.location)}表{index} 第{number}行"
    cells = []
    for position, (_, span) in enumerate(placed, start=1):
        label = f"{prefix} 第{position}列"
        if span is not None and span.location is not None:
            location = dataclasses.replace(span.location, label=label)
        else:
            location = Location(source.location.line, position, page=source.location.page, label=label)
        cells.append(Cell(span.text if span is not None else "", location))
    return Row(tuple(cells), dataclasses.replace(source.location, label=prefix))


def _page(location: Location) -> str:
    return f"第{location.page}页 " if location.page is not None else ""
