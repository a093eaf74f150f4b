"""The report model: what readers produce and what rules read.

A report is read into a :class:`Document`: an ordered sequence of blocks
(:class:`Paragraph` and :class:`Table`, tables made of :class:`Row` and
:class:`Cell`), the six :class:`Section` s found among them, the title, organ
and report year, and any :class:`InputProblem` met while reading.

Every element carries a :class:`Location` in the *original* file (1-based line
and column), so every finding points at a line a person can find.  Text is
kept as written; use :func:`govlint.normalize.norm` (or the ``norm``
properties) to match it.

All classes are immutable :class:`msgspec.Struct` s (``frozen=True``:
compared and hashed by value; :func:`msgspec.structs.replace` makes a
changed copy).  Those made by the thousand (locations, cells, paragraphs…)
are ``gc=False``: they hold only text, numbers and other such structs, so
they can be in no reference cycle and the garbage collector need not track
them.  The model is data: it imports nothing of govlint but the text
helpers of :mod:`govlint.normalize`.  What recognition
makes of a document (the tables matched to the templates, the claims of
the prose) is computed on :class:`govlint.recognise.report.Report`, the
Document subclass rules receive.  Rule authors program against this
module; it is part of the public API.
"""

from __future__ import annotations

import enum
from functools import cached_property
from typing import Iterator, Union

import msgspec

from .normalize import is_blank, norm


class Severity(enum.IntEnum):
    """How serious a finding is.  Ordered: ``INFO < WARNING < ERROR``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The English keyword used in output and configuration."""
        return self.name.lower()

    @property
    def chinese(self) -> str:
        return {1: "提示", 2: "警告", 3: "错误"}[self.value]

    def lowered(self) -> "Severity":
        """One level down (``ERROR`` → ``WARNING`` → ``INFO``; ``INFO`` stays):
        the severity of a finding whose evidence is not conclusive."""
        return Severity(max(self.value - 1, Severity.INFO.value))

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        """``"error"``/``"warning"``/``"info"`` (case-insensitive) to a Severity."""
        if isinstance(value, Severity):
            return value
        key = str(value).strip().lower()
        aliases = {"warn": "warning", "information": "info", "err": "error"}
        key = aliases.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"未知的严重级别 {value!r}（可用：error、warning、info）") from None


class Location(msgspec.Struct, frozen=True, gc=False):
    """A place in the source file: 1-based line and column, optionally a range.

    ``page`` is set by page-based readers (PDF); ``label`` is a human-readable
    place for formats without meaningful lines (e.g. ``表3 第5行 第2列``).
    """

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    label: str | None = None


class Piece(msgspec.Struct, frozen=True, gc=False):
    """Where one stretch of a paragraph's text comes from: the text from
    ``offset`` on (up to the next piece) starts at ``line``/``column``."""

    offset: int
    line: int
    column: int


class Paragraph(msgspec.Struct, frozen=True, gc=False):
    """A run of prose (or a heading) as one string.

    Lines that PDF extraction broke mid-sentence are joined back; ``pieces``
    maps offsets in ``text`` back to source lines (see :meth:`location_at`).
    ``heading_level`` is a hint from the format (Markdown ``#`` count), not a
    judgement: the outline decides what is a section heading.
    """

    text: str
    location: Location
    pieces: tuple[Piece, ...] = ()
    heading_level: int | None = None

    @property
    def norm(self) -> str:
        return norm(self.text)

    def location_at(self, offset: int) -> Location:
        """The source location of character ``offset`` of ``text``."""
        best = None
        for piece in self.pieces:
            if piece.offset <= offset:
                best = piece
            else:
                break
        if best is None:
            return self.location
        return Location(best.line, best.column + (offset - best.offset), page=self.location.page)

    @property
    def lines(self) -> tuple[int, ...]:
        """The source lines this paragraph spans."""
        return tuple(p.line for p in self.pieces) or (self.location.line,)


class Cell(msgspec.Struct, frozen=True, gc=False):
    """One table cell.  ``text`` is as written (line breaks inside the cell
    kept as ``\\n``); a cell holding only whitespace is blank, not zero.
    Whether it is blank is worked out once, when the cell is made (table
    recognition asks it of each cell a few times over): ``_blank`` is not
    an argument, whatever is passed is replaced."""

    text: str
    location: Location
    _blank: bool = False

    def __post_init__(self) -> None:
        msgspec.structs.force_setattr(self, "_blank", is_blank(self.text))

    @property
    def norm(self) -> str:
        return norm(self.text)

    @property
    def is_blank(self) -> bool:
        return self._blank


class Row(msgspec.Struct, frozen=True, gc=False):
    """A table row: its cells in order, merged cells repeated or left blank
    as the format gives them."""

    cells: tuple[Cell, ...]
    location: Location

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.norm for c in self.cells)


class Table(msgspec.Struct, frozen=True, gc=False):
    """A table as the reader found it.  ``layout`` names how it was written
    (``word-cells``, ``tab-rows``, ``markdown``…); ``index`` is its 1-based
    number among the document's tables."""

    rows: tuple[Row, ...]
    location: Location
    layout: str
    index: int = 0


Block = Union[Paragraph, Table]


class Numbering(str, enum.Enum):
    """How a top-level heading is numbered."""

    CHINESE = "chinese"          # 一、
    ARABIC = "arabic"            # 4、 / 4.
    PARENTHESISED = "paren"      # （四） / (4)
    NONE = "none"                # no numeral at all


class Wording(str, enum.Enum):
    """How a heading's words compare with the template."""

    CANONICAL = "canonical"      # exactly the template's words
    VARIANT = "variant"          # an accepted variant (DOMAIN.md §2.2)
    TYPO = "typo"                # one or two characters off a known form
    DEVIANT = "deviant"          # recognisably the section, other words


class Section(msgspec.Struct, frozen=True, gc=False):
    """One of the six parts of the report, found by the outline.

    ``number`` is which template section (1–6) the heading was matched to;
    ``numeral`` is the numbering as written (``"一"``, ``"4"``, ``""``) and
    ``numbering`` its style; ``separator`` the character after it
    (``"、"``, ``"."``…).  ``title`` is the heading without its numbering,
    ``wording`` how it compares with the template and ``expected`` the
    template wording it was compared with (the closest known form).
    ``blocks`` is the content between this heading and the next one.
    """

    number: int
    numeral: str
    numbering: Numbering
    separator: str
    title: str
    heading: Paragraph
    wording: Wording
    expected: str
    blocks: tuple[Block, ...]
    end_line: int
    level: int = 1
    confidence: float = 1.0

    @property
    def location(self) -> Location:
        return self.heading.location

    @property
    def start_line(self) -> int:
        return self.heading.location.line

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def text(self) -> str:
        """The section's prose, paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


class SubItem(msgspec.Struct, frozen=True, gc=False):
    """A numbered sub-item inside a section: ``（一）``, ``1.``, ``（1）``, ``①``.

    ``style`` names the marker family (``cn-paren``, ``arabic-dot``,
    ``arabic-paren``, ``circled``), ``value`` its number, ``marker`` the
    marker as written.
    """

    section: int
    style: str
    value: int
    marker: str
    paragraph: Paragraph

    @property
    def location(self) -> Location:
        return self.paragraph.location


class Title(msgspec.Struct, frozen=True, gc=False):
    """The report title, joined when split over several lines."""

    text: str
    location: Location

    @property
    def norm(self) -> str:
        return norm(self.text)


class InputProblem(msgspec.Struct, frozen=True, gc=False):
    """Something wrong with the file itself (reported by the E rules).

    ``kind`` is one of ``unreadable``, ``empty``, ``binary``, ``encoding``,
    ``too-large``, ``unsupported``, ``needs-ocr``, ``encrypted``, ``budget``
    (more work than :mod:`govlint.limits` allows); ``fatal`` problems mean
    there is no report to check, so only input rules run.
    """

    kind: str
    message: str
    location: Location = Location(1)
    fatal: bool = False


class PageDate(msgspec.Struct, frozen=True, gc=False):
    """The publication date a web page states about itself, outside the
    report's text (``<meta name="PubDate">``, ``发布日期：2024-01-17``):
    ``date`` as ``YYYY-MM-DD``, ``source`` what stated it (``meta PubDate``,
    ``发布日期``), ``location`` where."""

    date: str
    source: str
    location: Location


class Document(msgspec.Struct, frozen=True, dict=True):
    """A whole report as read.  See the module docstring.  ``page_date`` is
    the page's publication date for formats that have one (a saved web
    page), else None."""

    path: str
    format: str
    lines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    subitems: tuple[SubItem, ...] = ()
    title: Title | None = None
    organ: str | None = None
    year: int | None = None
    problems: tuple[InputProblem, ...] = ()
    preamble: tuple[Block, ...] = ()
    page_date: PageDate | None = None

    @property
    def fatal(self) -> bool:
        """True when the file could not be read as a report at all."""
        return any(p.fatal for p in self.problems)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    def section(self, number: int) -> Section | None:
        """The first section matched to template section ``number`` (1–6)."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def source_line(self, line: int) -> str:
        """The original text of 1-based ``line`` ('' when out of range)."""
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""

    def walk_cells(self) -> Iterator[tuple[Table, Row, Cell]]:
        for table in self.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield table, row, cell
