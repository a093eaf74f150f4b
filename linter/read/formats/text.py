"""Reader for plain-text and Markdown reports, in the layouts extraction makes.

One file may mix them:

* **word-cells** (Word → text, seeds 000–003): every table cell is a line
  starting with a tab; rows are separated by a blank line; merged cells are
  empty cells; a cell's text may continue on the next line without a tab
  (``本年新`` / ``公开数量``).  When the blank line between two rows was lost,
  a label cell that follows a number starts a new row.
* **tab-rows** (PDF → text, seed 004): one row per line, cells separated by
  tabs, some leading (empty) cells lost.
* **markdown**: ``#`` headings and ``|`` pipe tables — in a ``.md`` file, and
  in a ``.txt`` file that is written in Markdown (:func:`looks_markdown`).
* **prose**: a paragraph per line, or lines broken mid-sentence at a fixed
  width by PDF extraction, which are joined back into one paragraph (with
  :class:`~govlint.model.Piece` s mapping each part to its source line; the
  joining is shared with the PDF reader, :mod:`.prose`, which knows where a
  line ends on the page, where this reader guesses the wrap width).
  Page footers (``— 4 —``, ``- 1 -``) are dropped.
* **runs**: a web page's Word runs written one per line by a crawler, so
  that a sentence breaks wherever the formatting changed, often inside a
  date or a number (``统计期限自`` / ``20`` / ``22`` / ``年`` / ``1月1日起至20``
  / …).  Such a line is joined to the one before it only where the break
  cannot be a cell boundary (:func:`_run_continues`): inside a number that a
  unit follows, before a unit, or at punctuation that cannot end or start a
  paragraph — never onto a heading, and never a bare number that no unit
  follows (table cells written one per line stay lines of their own).

Locations are those of the original file: 1-based line, and the column of
the first character of the paragraph or cell.

markdown-it-py not adopted (issue 16, 2026-11-30): same findings on fixtures/ and 199 generated .md, 1.9× slower (1.03 s vs 0.54 s, 202 .md).
"""

from __future__ import annotations

from collections import Counter

import msgspec

from ...model import Cell, InputProblem, Location, Paragraph, Piece, Row, Table
from ...normalize import fold, norm
from ...regexes import compile_re
from .. import ReadResult
from ..decode import decode, fatal_problem
from ..prose import ITEM_START, PAGE_NUMBER, SENTENCE_END, Line, continues, paragraph, width

_LINE_BREAK = compile_re(r"\r\n|\r|\n")
_WORD_CELL = compile_re(r"^[ \u3000\u00a0]*\t(?!.*\t)")
_MD_HEADING = compile_re(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_MD_ROW = compile_re(r"^\s*\|")
#: A pipe that separates two cells of a Markdown row (not an escaped ``\|``).
_MD_PIPE = compile_re(r"(?<!\\)\|")
#: A Markdown ATX heading as a ``.txt`` file must write it to count as one: ``#`` then a space.
_MD_ATX = compile_re(r"^\s{0,3}#{1,6}[ \t]+\S")
_MD_MIN_HEADINGS = 2
_MD_SEPARATOR = compile_re(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBER = compile_re(r"^[+\-]?\d[\d,]*(?:\.\d+)?\s*(?:元|万元|件|个|条|%)?$")
# Continuation lines of a cell are short and never look like a heading.
_MAX_CONTINUATION = 30
# Word runs one per line (:func:`_run_continues`): a line that starts with a
# unit or counter continues the number before it; a line that starts with
# closing punctuation, or follows one that ends with opening punctuation or
# a comma, continues it.
_UNIT_START = compile_re(r"^[年月日号时分件条个项次篇期份人元万%％〕］]")
_DATE_START = compile_re(r"^\d{1,4}[年月日号]")
_BARE_NUMBER = compile_re(r"^\d+(?:\.\d+)?$")
_CLOSING_START = compile_re(r"^[，,、。．；;）)〕】》”’％%！!？?]")
_OPENING_END = compile_re(r"[，,、（(〔【《“‘]$")
# A paragraph this short that starts with an item numeral is a heading:
# nothing is joined onto it; nor onto a lone character (``(`` / ``五`` / ``)``
# of a caption ``第二十条第(五)项`` broken into runs).
_MAX_HEADING = 40
_MIN_RUN = 2


def read_text(data: bytes, path: str) -> ReadResult:
    """Read a ``.txt`` report (as Markdown when it is written in Markdown, see :func:`looks_markdown`)."""
    return _read(data, "text")


def read_markdown(data: bytes, path: str) -> ReadResult:
    """Read a ``.md`` report (the text layouts plus ``#`` headings and pipe tables)."""
    return _read(data, "markdown")


def looks_markdown(lines: tuple[str, ...]) -> bool:
    """Is a ``.txt`` file written in Markdown: a pipe table (a ``|`` row
    followed by its ``|---|`` separator row), or at least two ``#`` heading
    lines?  Then it is read as Markdown is (a report converted to Markdown
    and saved as ``.txt``)."""
    headings = 0
    for previous, line in zip(("",) + lines, lines):
        if _MD_SEPARATOR.match(line) and "|" in line and _MD_ROW.match(previous):
            return True
        if _MD_ATX.match(line):
            headings += 1
            if headings >= _MD_MIN_HEADINGS:
                return True
    return False


def _read(data: bytes, fmt: str) -> ReadResult:
    decoded = decode(data)
    problems: list[InputProblem] = []
    fatal = fatal_problem(decoded, "文本报告")
    if fatal is not None:
        return ReadResult(fmt, (), (), (fatal,))
    if decoded.problem == "encoding":
        problems.append(InputProblem(
            "encoding",
            f"文件无法按 UTF-8 或 GB18030 解码（第 {decoded.bad_line} 行起有无效字节），无效字节已替换为 �",
            Location(decoded.bad_line or 1),
        ))
    lines = tuple(_LINE_BREAK.split(decoded.text))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    blocks = _Builder(lines, markdown=(fmt == "markdown" or looks_markdown(lines))).build()
    return ReadResult(fmt, lines, tuple(blocks), tuple(problems))


class _CellDraft(msgspec.Struct):
    text: str
    line: int
    column: int

    def cell(self) -> Cell:
        return Cell(self.text, Location(self.line, self.column))


class _TableDraft(msgspec.Struct):
    layout: str
    rows: list[list[_CellDraft]] = msgspec.field(default_factory=list)
    open_row: bool = False  # word-cells: the last row may still grow

    def table(self, index: int) -> Table:
        rows = tuple([
            Row(tuple([c.cell() for c in cells]), Location(cells[0].line, cells[0].column, cells[-1].line))
            for cells in self.rows if cells
        ])
        first, last = rows[0].location, rows[-1].cells[-1].location
        return Table(rows, Location(first.line, first.column, last.line), self.layout, index)


class _Builder:
    """Walks the lines once, emitting paragraphs and tables in order."""

    def __init__(self, lines: tuple[str, ...], markdown: bool):
        self.lines = lines
        self.markdown = markdown
        self.blocks: list = []
        self.table: _TableDraft | None = None
        self.prose: list[int] = []  # line numbers of the paragraph being joined
        self.glued: set[int] = set()  # those joined as Word runs (no space put before them)
        self.blank_run = 0
        self.wrap = _wrap_width(lines)

    # -- driving -------------------------------------------------------
    def build(self) -> list:
        for number, line in enumerate(self.lines, start=1):
            self._line(number, line)
        self._close_prose()
        self._close_table()
        return self.blocks

    def _line(self, number: int, line: str) -> None:
        if _WORD_CELL.match(line):
            self._close_prose()
            self._word_cell(number, line)
        elif "\t" in line and not (self.markdown and _MD_ROW.match(line)):
            self._close_prose()
            self._tab_row(number, line)
        elif not norm(line):
            self._blank()
        elif self.markdown and _MD_ROW.match(line):
            self._close_prose()
            self._markdown_row(number, line)
        elif self._continues_cell(line):
            cell = self.table.rows[-1][-1]
            cell.text = f"{cell.text}\n{line.strip()}"
        elif PAGE_NUMBER.match(line):
            self.blank_run = 0
        else:
            self._close_table()
            self._prose_line(number, line)

    # -- tables --------------------------------------------------------
    def _start_table(self, layout: str) -> _TableDraft:
        if self.table is None or self.table.layout != layout:
            self._close_table()
            self.table = _TableDraft(layout)
        return self.table

    def _word_cell(self, number: int, line: str) -> None:
        tab = line.index("\t")
        draft = _CellDraft(line[tab + 1:], number, tab + 2)
        table = self.table
        if table is not None and table.layout == "tab-rows":
            # a lone leading-tab line inside a PDF table is a row with one empty first cell
            self._tab_row(number, line)
            return
        if table is None:
            table = self._start_table("word-cells")
        row = table.rows[-1] if table.rows and table.open_row else None
        if row is None or (_is_label(draft.text) and _is_number(row[-1].text)):
            table.rows.append([draft])
        else:
            row.append(draft)
        table.open_row = True
        self.blank_run = 0

    def _tab_row(self, number: int, line: str) -> None:
        table = self._start_table("tab-rows")
        cells, column = [], 1
        for part in line.split("\t"):
            cells.append(_CellDraft(part, number, column))
            column += len(part) + 1
        table.rows.append(cells)
        table.open_row = False
        self.blank_run = 0

    def _markdown_row(self, number: int, line: str) -> None:
        table = self._start_table("markdown")
        self.blank_run = 0
        if _MD_SEPARATOR.match(line):
            return
        body = line.strip()
        start = line.index("|") + 1
        inner = body[1:-1] if body.endswith("|") and len(body) > 1 else body[1:]
        cells, offset = [], start
        for part in _MD_PIPE.split(inner):
            lead = len(part) - len(part.lstrip())
            cells.append(_CellDraft(part.strip().replace("\\|", "|"), number, offset + lead + 1))
            offset += len(part) + 1
        table.rows.append(cells)

    def _blank(self) -> None:
        self._close_prose()
        self.blank_run += 1
        if self.table is not None:
            self.table.open_row = False
            if self.table.layout != "word-cells" or self.blank_run >= 2:
                self._close_table()

    def _continues_cell(self, line: str) -> bool:
        """A tab-less line right after a word cell continues that cell."""
        table = self.table
        if table is None or table.layout != "word-cells" or not table.open_row:
            return False
        text = line.strip()
        return (
            width(text) <= _MAX_CONTINUATION
            and not text.endswith("。")
            and not ITEM_START.match(text)
        )

    def _close_table(self) -> None:
        if self.table is not None and any(self.table.rows):
            index = sum(1 for b in self.blocks if isinstance(b, Table)) + 1
            self.blocks.append(self.table.table(index))
        self.table = None

    # -- prose ---------------------------------------------------------
    def _prose_line(self, number: int, line: str) -> None:
        heading = _MD_HEADING.match(line) if self.markdown else None
        if heading:
            self._close_prose()
            text = heading.group(2)
            column = line.index(text) + 1 if text else 1
            self.blocks.append(Paragraph(text, Location(number, column), (Piece(0, number, column),),
                                         heading_level=len(heading.group(1))))
            self.blank_run = 0
            return
        if self.prose and not self._joins(number, line):
            self._close_prose()
        self.prose.append(number)
        self.blank_run = 0

    def _joins(self, number: int, line: str) -> bool:
        """Was ``line`` (line ``number``) broken off the paragraph being
        joined, by fixed-width extraction or between two Word runs?"""
        previous = self.lines[self.prose[-1] - 1]
        full = self.wrap is not None and width(previous.strip()) >= self.wrap - 2
        if continues(previous, line, full=full):
            return True
        paragraph = [self.lines[n - 1].strip() for n in self.prose]
        if _run_continues(paragraph, line.strip(), self.lines[number:number + 2]):
            self.glued.add(number)
            return True
        return False

    def _close_prose(self) -> None:
        if not self.prose:
            return
        self.blocks.append(paragraph(Line(self.lines[number - 1], number, glued=number in self.glued)
                                     for number in self.prose))
        self.prose = []
        self.glued.clear()


def _run_continues(paragraph: list[str], line: str, after: tuple[str, ...]) -> bool:
    """Does ``line`` continue ``paragraph`` (its lines, stripped) as the
    next Word run of the same sentence?  ``after``: the (up to two) lines
    that follow ``line``.

    Never after a sentence end, never before an item numeral, never onto a
    heading (a short paragraph that starts with an item numeral) or a lone
    character.  Then the line continues when it starts with a unit (``年``,
    ``件``, ``号``…) right after a digit; with the rest of a date after its
    year or month (``年`` / ``1月1日起至20``); with closing punctuation (``，``, ``）``, ``》``); after opening
    punctuation or a comma; or when it is a bare number (or two) that a unit
    follows — ``20`` / ``22`` / ``年``.  A bare number no unit follows is a
    table cell written on its own line and stays one; so is a value with its
    unit after a number (``3`` / ``1.1499万元``).
    """
    previous = paragraph[-1]
    if not previous or not line or previous.endswith(SENTENCE_END) or ITEM_START.match(fold(line)):
        return False
    first = paragraph[0]
    if len(paragraph) == 1 and (len(first) < _MIN_RUN or ITEM_START.match(fold(first)) and width(first) <= _MAX_HEADING
                                and not any(mark in first for mark in SENTENCE_END)):
        return False
    if _CLOSING_START.match(line) or _OPENING_END.search(previous):
        return True
    if previous[-1].isdigit():
        return bool(_UNIT_START.match(line)) or (_BARE_NUMBER.match(line) is not None and _unit_follows(after))
    if previous[-1] in "年月日" and _DATE_START.match(line):
        return True
    return _BARE_NUMBER.match(line) is not None and _unit_follows(after)


def _unit_follows(after: tuple[str, ...]) -> bool:
    """Do the lines ``after`` a bare number start with its unit, right away
    or after one more bare number (``20`` / ``22`` / ``年``)?"""
    following = [a.strip() for a in after]
    if following and _UNIT_START.match(following[0]):
        return True
    return len(following) == 2 and bool(_BARE_NUMBER.match(following[0])) and bool(_UNIT_START.match(following[1]))


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(norm(text)))


def _is_label(text: str) -> bool:
    value = norm(text)
    return bool(value) and not _NUMBER.match(value) and value not in {"/", "-", "—", "无", "——"}


def _wrap_width(lines: tuple[str, ...]) -> float | None:
    """The width at which PDF extraction wrapped prose, if it did.

    Prose from Word has one paragraph per line and widths all over the place;
    wrapped text has many lines of (nearly) the same width.  Returns that
    width, or None when no width is shared by a third of the long lines.
    """
    widths = [round(width(line.strip())) for line in lines if "\t" not in line and width(line.strip()) >= 12]
    if len(widths) < 6:
        return None
    counts = Counter(widths)
    best, score = None, 0
    for value in counts:
        near = counts[value] + counts.get(value - 1, 0) + counts.get(value + 1, 0)
        if near > score or (near == score and best is not None and value > best):
            best, score = value, near
    if score < max(4, len(widths) // 3):
        return None
    return float(best)
