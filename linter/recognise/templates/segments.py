"""Split a table row into label cells and data cells (DOMAIN.md §2.8).

A row's label cells are its leading non-blank, non-value cells: a group
label may share the row with the first sub-row label (``三、本年度办理结果 |
（一）予以公开``), merged cells are left blank.  Its data cells are the cells
after its row label (the last label cell naming a template row, see
:mod:`.matcher`), blanks included.  When damaged extraction glues two
rows into one (``（三）不予公开 0 0 … （四）无法提供 1．本机关… 0 …``), a
text cell that is a known row label starts a new :class:`Segment`.

Blank cells at the edges of the data run mean different things per layout:
in the ``tab-rows`` layout (text from PDF) they are padding left by merged
cells and are dropped, so a lost cell shows as a short row, never as a
shifted one; in the other layouts every cell is explicit and a blank is a
real blank, except blanks beyond the expected count: trailing ones
(Markdown rows padded to the header's width), then leading ones (a PDF
label cell merged over two columns leaves a blank after the label).
"""

from __future__ import annotations

from typing import Callable

import msgspec

from ...model import Cell, Row
from .values import is_value

#: Layouts whose edge blanks are padding from merged cells.
PADDED_LAYOUTS = frozenset({"tab-rows"})


class Segment(msgspec.Struct, frozen=True, gc=False):
    """The cells of one row, or of one part of a glued row."""

    cells: tuple[Cell, ...]

    @property
    def labels(self) -> tuple[Cell, ...]:
        """The non-blank text cells before the first value."""
        out = []
        for cell in self.cells:
            if cell.is_blank:
                continue
            if is_value(cell.text):
                break
            out.append(cell)
        return tuple(out)

    def after(self, cell: Cell | None) -> tuple[Cell, ...]:
        """The cells after ``cell`` (the row label); all cells if None."""
        if cell is None:
            return self.cells
        for index, c in enumerate(self.cells):
            if c is cell:
                return self.cells[index + 1:]
        raise ValueError("cell not in segment")

def split(row: Row, is_row_label: Callable[[str], bool]) -> list[Segment]:
    """The segments of ``row``; ``is_row_label`` says whether a text cell
    names a template row or group (a new segment starts at such a cell once
    the current segment has a value)."""
    cells = row.cells
    starts = [0]
    seen_value = False
    for i, cell in enumerate(cells):
        if cell.is_blank:
            continue
        if is_value(cell.text):
            seen_value = True
        elif seen_value and is_row_label(cell.text):
            starts.append(i)
            seen_value = False
    if len(starts) == 1:  # the usual row: one segment
        return [Segment(cells)]
    return [Segment(cells[a:b]) for a, b in zip(starts, starts[1:] + [len(cells)])]


def trim(data: tuple[Cell, ...], layout: str, expected: int) -> tuple[Cell, ...]:
    """``data`` without the padding blanks of ``layout`` (see module doc)."""
    start, end = 0, len(data)
    if layout in PADDED_LAYOUTS:
        while start < end and data[start].is_blank:
            start += 1
        while end > start and data[end - 1].is_blank:
            end -= 1
    else:
        while end - start > expected and data[end - 1].is_blank:
            end -= 1
        while end - start > expected and data[start].is_blank:
            start += 1
    return tuple(data[start:end])
