"""Tables drawn without rules, read from the positions of their words (PDF).

pdfplumber finds a table by its ruling.  A table printed without borders
(a Word table in the default style, a 三线表 with horizontal rules only)
has none: its text arrives as lines in which the cells of a row stand side
by side (``一、本年新收政府信息 0 0 0 0 0 0 0``), and the text of a narrow
cell wraps into a fragment per line (``2.其`` / ``他法`` / ``律行`` / ``政法``
…), which read as prose bury the table.

:func:`text_tables` finds such tables among a page's words:

* a **row of values** is a line ending in a run of at least
  :data:`MIN_VALUES` numbers standing apart (the data cells);
* a table is a run of lines holding at least two rows of values (one of
  :data:`MIN_WIDE` values or more: table 四; one at the foot or the head of
  the page, where a table broken by the page ends or resumes), with the
  lines between and
  around them whose words each stay on one side of where the values begin
  (label fragments to the left, header words above the values) — never a
  line of prose or a heading, which runs across that edge in one piece,
  nor across a gap of :data:`GAP` line heights;
* its **columns**: the values' columns from where the numbers stand, the
  label columns (group label, row label) from where the words left of them
  start (given as the cells' positions, so that the columns of a table
  continued on the next page line up, :func:`govlint.read.grid.by_position`);
* every row of values starts a table row; the fragments below it, up to
  the next row of values, continue its cells column by column (Word puts a
  cell's text at its top, so a wrapped label continues downwards); the
  lines above the first row of values are the header, one row.

Each table is given as rows of :class:`~govlint.read.grid.Span` with their
column, like a ruled table, with the box it occupies (its text is not read
again as prose).
"""

from __future__ import annotations

from statistics import median
from typing import Sequence

import msgspec

from ...regexes import compile_re
from ..grid import Span
from ..prose import PAGE_NUMBER

#: Fewest values at the end of a line for it to be a row of a table.
MIN_VALUES = 3
#: A single row of values this wide is a table on its own (table 四: 15).
MIN_WIDE = 10
#: Vertical gap, in line heights, that ends a table.
GAP = 3.0
#: Widest word (in line heights) of a header line above the values.
HEADER_WORD = 12
_NUMBER = compile_re(r"[+\-−]?\d[\d,]*(?:\.\d+)?(?:万元|元|件|%)?")
_FOLIO = compile_re(r"\d{1,3}")
_VALUE = compile_re(r"[+\-−]?\d[\d,]*(?:\.\d+)?(?:万元|元|件|%)?|[-—–/]+|无")


class Word(msgspec.Struct, frozen=True):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


class TextTable(msgspec.Struct, frozen=True):
    """A table found among words: its rows of spans and its box."""

    rows: list[list[Span]]
    bbox: tuple[float, float, float, float]


def text_tables(words: Sequence[dict]) -> list[TextTable]:
    """The tables drawn without rules among a page's ``words`` (pdfplumber
    word dicts, spaces kept inside words: ``1. 属于国家秘密`` is one cell)."""
    found = [Word(w["text"].strip(), w["x0"], w["x1"], w["top"], w["bottom"]) for w in words if w["text"].strip()]
    if not found:
        return []
    page = _Page(_lines(found, median(w.bottom - w.top for w in found) or 10.0))
    tables, index = [], 0
    while index < len(page.lines):
        if not page.is_row(index):
            index += 1
            continue
        start, index = page.block(index)
        rows = [i for i in range(start, index) if page.is_row(i)]
        at_edge = start == 0 or all(_page_number(line) for line in page.lines[index:])
        if len(rows) >= 2 or any(len(page.runs[i]) >= MIN_WIDE for i in rows) or at_edge:
            tables.append(page.table(start, index))
    return tables


def _page_number(line: list[Word]) -> bool:
    return bool(PAGE_NUMBER.match(" ".join(w.text for w in line)) or _FOLIO.fullmatch("".join(w.text for w in line)))


def _lines(words: list[Word], height: float) -> list[list[Word]]:
    """Words grouped into lines (same top within half a line), top to bottom, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= height / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _values(line: list[Word]) -> list[Word]:
    """The run of values at the end of ``line`` (empty unless one is a number)."""
    run: list[Word] = []
    for word in reversed(line):
        if not _VALUE.fullmatch(word.text):
            break
        run.append(word)
    run.reverse()
    return run if any(_NUMBER.fullmatch(w.text) for w in run) else []


class _Page:
    """A page's lines of words, each with its run of values."""

    def __init__(self, lines: list[list[Word]]):
        self.lines = lines
        self.runs = [_values(line) for line in lines]
        self.height = median(w.bottom - w.top for line in lines for w in line) or 10.0

    def is_row(self, index: int) -> bool:
        """Whether line ``index`` is a row of values."""
        return len(self.runs[index]) >= MIN_VALUES

    def block(self, first: int) -> tuple[int, int]:
        """The lines ``[start, end)`` of the table holding row of values
        ``first``.  Above the first row: header lines (words left of where
        the values begin, or short words above them); below: rows of values
        and the fragments their label cells wrap into — left of the values
        and no wider than the label text of the rows (a caption or a
        heading is wider, and ends the table)."""
        lines, height = self.lines, self.height
        edge = self.runs[first][0].x0

        def near(a: int, b: int) -> bool:
            return abs(lines[a][0].top - lines[b][0].top) <= GAP * height

        def header(line: list[Word]) -> bool:
            return all(w.x1 <= edge or (w.x0 >= edge - height and w.x1 - w.x0 <= HEADER_WORD * height) for w in line)

        start = first
        while start > 0 and near(start - 1, start) and not self.runs[start - 1] and header(lines[start - 1]):
            start -= 1
        labels = [w.x1 for i in range(first, len(lines)) if self.is_row(i) for w in lines[i] if w.x1 <= edge]
        reach = max(labels, default=edge) + height / 2
        end = first + 1
        while end < len(lines) and near(end, end - 1) and (
                self.is_row(end) or all(w.x1 <= min(edge, reach) for w in lines[end])):
            end += 1
        return start, end

    def table(self, start: int, end: int) -> TextTable:
        """The table of lines ``[start, end)``: its columns, then its rows."""
        height, block = self.height, self.lines[start:end]
        values = [w for i in range(start, end) if self.is_row(i) for w in self.runs[i]]
        columns = _clusters([w.center for w in values], height)
        edge = min(w.x0 for w in values) - height / 2
        labels = _clusters([w.x0 for line in block for w in line if w.x1 <= edge], height)

        def column(word: Word) -> int:
            if word.x1 <= edge and labels:
                return max((i for i, x in enumerate(labels) if x <= word.x0 + height / 2), default=0)
            return len(labels) + min(range(len(columns)), key=lambda i: abs(columns[i] - word.center))

        rows: list[list[str]] = []
        for index in range(start, end):
            if self.is_row(index) or not rows:  # a row of values starts a row; lines above it are the header
                rows.append([""] * (len(labels) + len(columns)))
            for word in self.lines[index]:
                i = column(word)
                rows[-1][i] = f"{rows[-1][i]}\n{word.text}" if rows[-1][i] else word.text
        places = [*labels, *columns]
        spans = [[Span(text, at=i, x0=places[i], x1=places[i] + 1) for i, text in enumerate(row)] for row in rows]
        every = [w for line in block for w in line]
        bbox = (min(w.x0 for w in every), min(w.top for w in every), max(w.x1 for w in every),
                max(w.bottom for w in every))
        return TextTable(spans, bbox)


def _clusters(xs: list[float], height: float) -> list[float]:
    """Positions grouped where they lie within a line height of each other:
    each group's smallest position, left to right."""
    out: list[float] = []
    previous = None
    for x in sorted(xs):
        if previous is None or x - previous > height:
            out.append(x)
        previous = x
    return out
