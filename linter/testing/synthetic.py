"""Synthetic reports: a complete, valid report rendered from data.

For rule authors (a report to break one cell of), for the property tests and
for the benchmark corpus.  Everything comes from the template data
(:func:`govlint.recognise.templates.template`): table titles, block captions, row and
group labels, column labels and canonical keys, so a new
``template-*.toml`` renders too.  ::

    import random
    from govlint.testing.synthetic import ReportSpec, consistent_values, render_located

    values = consistent_values(random.Random(1), "2021")
    spec = ReportSpec(organ="某某市某某区人民政府办公室", year=2022, values=values)
    out = render_located(spec, layout="tab-rows")
    out.text                       # the report
    out.cells["t3.new.total"]      # Position(line=…, column=…) of that cell

:class:`ReportSpec` holds what a report says: organ, year, template (default:
the one the year calls for; one table may follow another template, see
:meth:`ReportSpec.with_table`), the table values by canonical key (a number,
or a string written as is: ``""`` for a blank cell), prose per section and
whether the title is split over two lines.  :func:`consistent_values` draws
values that satisfy every identity of DOMAIN.md §3 (T3.1–T3.4, T4.1) and
the plausibility checks on table 二, from a :class:`random.Random` or a
Hypothesis ``draw``.

:func:`render` writes the title, the preamble with the statistical period
``YYYY年1月1日至12月31日``, the six headings with prose, tables 二/三/四 under
sections 二/三/四, the organ and the date ``YYYY+1年1月20日``, in one of the
text layouts the reader knows (:mod:`govlint.read.formats.text`):

``word-cells``
    every cell a line starting with a tab, rows separated by a blank line;
    merged cells are empty cells: a group label (``三、本年度办理结果``,
    ``（三）不予公开``) shares the row of its first sub-row and the following
    sub-rows start with empty cells; a header label spanning several rows
    leaves an empty cell in the rows below it.
``tab-rows``
    one row per line, cells separated by tabs; header labels spanning
    several columns are followed by empty cells, every row is padded with
    empty cells to the table's width (PDF extraction, seed 004).
``markdown``
    ``#`` headings, the table title as a ``###`` heading, each block of
    table 二 a pipe table under its caption paragraph, rows padded like
    tab-rows.

Header rows: the first header label is the corner cell over the row labels,
each further header label a row of its own spanning the data columns, then
a row of column-group labels (table 四) and the row of column labels.  The
template data does not say which columns a header label spans (``法人或其他组织``
over five columns in the printed template), so the header rows are
simplified; data rows are laid out exactly as extraction writes them.

:func:`render_located` also returns the position of every value cell, the
line a finding about that cell points at.  :func:`random_spec` draws a whole
valid report (organ, year, values, title split), and :func:`generate_corpus`
writes a varied corpus of them (layouts, templates, years) for the benchmark.

:func:`render_blocks` gives the same report as :class:`Block` s (title,
paragraphs, sub-item titles, section headings, tables as grids of merged
cells) for the document writers of :mod:`govlint.testing.formats` (.docx,
.html, .pdf).  In a grid a group label (``三、本年度办理结果``,
``（三）不予公开``) is one cell spanning its sub-rows, a row label spans the
label columns its row does not use (``一、本年新收…`` over three), the
corner label spans the label columns of every header row, a header label
spans the columns it is over, and the last cell of a row narrower than the
table widens to its edge (a block of table 二 with one data column).
"""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence, Union

import msgspec

from ..recognise.outline import canonical_heading
from ..recognise.templates import ColumnSpec, RowSpec, TableSpec, Template, for_year, template, templates

Number = Union[int, Decimal]
#: What a cell holds in a :class:`ReportSpec`: a number, or text written as is.
CellValue = Union[int, Decimal, str]

LAYOUTS = ("word-cells", "tab-rows", "markdown")
#: The file extension each layout is read from.
EXTENSIONS = {"word-cells": ".txt", "tab-rows": ".txt", "markdown": ".md"}
#: The six sections of both formats (DOMAIN.md §2.2).
SECTIONS = range(1, 7)

# Canonical keys the identities are written in (DOMAIN.md §3, keys.md).
TOTAL = "total"
T3_NEW, T3_CARRIED, T3_RESULTS, T3_CARRY_NEXT = "t3.new", "t3.carried", "t3.results", "t3.carry_next"
T3_RESULTS_TOTAL = f"{T3_RESULTS}.{TOTAL}"

#: Table 二 plausibility (DOMAIN.md §3 T2.2, T2'.1, T2'.2): column ``low``
#: is at most column ``high`` in the same row.
T2_AT_MOST = (("published", "made"), ("published", "total"), ("issued", "in_force"))
#: Table 二 rows left at 0: most organs cannot make 规章 (T2.3).
T2_ZERO_ROWS = ("regulations",)
#: Scales of a report's counts (a 街道, a county bureau, a city government).
SCALES = (3, 30, 300)


# ---------------------------------------------------------------- the spec


def _template_of(template_or_id: Template | str) -> Template:
    return template_or_id if isinstance(template_or_id, Template) else template(template_or_id)


class Position(msgspec.Struct, frozen=True):
    """1-based line and column of a cell's text in the rendered report."""

    line: int
    column: int


class Subheading(str):
    """A paragraph of prose that is the title of a sub-item (``（一）主动公开``):
    written as any paragraph in the text layouts, as a ``###`` heading in
    Markdown and as a bold paragraph or sub-heading by the document
    writers."""

    __slots__ = ()


class ReportSpec(msgspec.Struct, frozen=True):
    """What a synthetic report says (see the module docstring).

    ``template`` is a template id or :class:`~govlint.recognise.templates.Template`
    (default: the one ``year`` calls for); ``tables`` maps a table key to
    another template for that table alone.
    ``prose`` maps a section number to its paragraphs, which may use
    ``{organ}``, ``{year}`` and ``{<canonical key>}``; a sentence whose key
    is absent or not a number is left out (see :func:`fill`).  Sections not given get
    :data:`DEFAULT_PROSE`; ``after`` maps a section number to paragraphs
    written after its tables, ``preamble`` replaces :data:`PREAMBLE`.  A
    paragraph may be a :class:`Subheading`.  ``published`` defaults to 20
    January of the next year.  The sections numbered in ``missing`` are
    left out, heading, prose and tables (a planted defect).
    """

    organ: str
    year: int
    values: Mapping[str, CellValue]
    template: str | Template | None = None
    tables: Mapping[str, str | Template] = msgspec.field(default_factory=dict)
    prose: Mapping[int, Sequence[str]] = msgspec.field(default_factory=dict)
    title_split: bool = False
    published: date | None = None
    after: Mapping[int, Sequence[str]] = msgspec.field(default_factory=dict)
    preamble: Sequence[str] | None = None
    missing: frozenset[int] = frozenset()

    def resolved_template(self) -> Template:
        """The report's template: ``template`` (an id or a
        :class:`~govlint.recognise.templates.Template`, e.g. one read with
        :func:`~govlint.recognise.templates.load_templates`), else the year's."""
        if self.template is not None:
            return _template_of(self.template)
        found = for_year(self.year)
        if found is None:
            raise ValueError(f"no template covers {self.year}; give ReportSpec.template")
        return found

    def table_specs(self) -> tuple[TableSpec, ...]:
        """The tables to render, each from its own template."""
        main = self.resolved_template()
        return tuple(_template_of(self.tables.get(key, main)).tables[key] for key in main.tables)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every canonical key the report's tables have, in reading order."""
        return tuple(k for t in self.table_specs() for k in t.keys)

    def with_values(self, changes: Mapping[str, CellValue]) -> "ReportSpec":
        """A copy with some cells changed (``""`` blanks a cell)."""
        return msgspec.structs.replace(self, values={**self.values, **changes})

    def with_table(self, key: str, other: str | Template, values: Mapping[str, CellValue]) -> "ReportSpec":
        """A copy whose table ``key`` follows template ``other``, its cells
        taken from ``values`` (e.g. ``consistent_values(rng, "2019")``)."""
        kept = {k: v for k, v in self.values.items() if not k.startswith(key + ".")}
        kept.update({k: v for k, v in values.items() if k.startswith(key + ".")})
        return msgspec.structs.replace(self, tables={**self.tables, key: other}, values=kept)


DEFAULT_PROSE: Mapping[int, tuple[str, ...]] = {
    1: (
        "{year}年，{organ}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》"
        "和上级关于政务公开工作的部署要求，不断完善政府信息公开工作机制，推动政府信息公开工作规范有序开展。",
        "（一）主动公开。围绕中心工作和群众关切，通过门户网站、政务新媒体、政务公开栏等渠道及时公开政府信息，做到应公开尽公开。",
        "（二）依申请公开。严格按照法定程序和时限办理政府信息公开申请，本年度新收政府信息公开申请{t3.new.total}件，均依法依规办理。",
        "（三）政府信息管理。严格落实公文公开属性源头认定和信息发布保密审查机制，及时更新政府信息公开指南和公开目录。",
        "（四）平台建设。持续优化政府门户网站政府信息公开专栏，规范栏目设置，提升信息发布的规范性和时效性。",
    ),
    2: (
        "本年度，{organ}通过政府门户网站等渠道主动公开政府信息，及时发布政策文件、规划计划、财政预决算和行政执法等信息，"
        "主动公开政府信息情况如下。",
    ),
    3: (
        "本年度新收政府信息公开申请{t3.new.total}件，上年结转政府信息公开申请{t3.carried.total}件；"
        "本年度办理结果总计{t3.results.total.total}件，其中予以公开{t3.results.public.total}件，"
        "部分公开{t3.results.partial.total}件；结转下年度继续办理{t3.carry_next.total}件。具体情况如下。",
    ),
    4: (
        "本年度，{organ}因政府信息公开工作被申请行政复议{t4.review.total}件，行政复议和行政诉讼的具体情况如下。",
    ),
    5: (
        "（一）存在的主要问题。一是主动公开的深度和广度仍需拓展；二是政策解读的形式不够丰富；三是工作人员的业务能力有待进一步提升。",
        "（二）改进情况。上年度报告所列问题已逐项完成整改。下一步，{organ}将进一步健全政府信息公开工作机制，加强业务培训，丰富政策解读形式，不断提升政府信息公开工作质量。",
    ),
    6: (
        "{organ}严格执行《政府信息公开信息处理费管理办法》，依申请公开中收取信息处理费的情况已在本报告第三部分的统计表中反映。",
        "{organ}本年度无其他需要报告的事项，政府信息公开工作年度报告按规定时限向社会公布。",
    ),
}

PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和政府信息公开工作年度报告格式的有关要求，编制本报告。"
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项六部分组成。",
    "本报告中所列数据的统计期限自{year}年1月1日至12月31日。本报告电子版可在{organ}门户网站下载。"
    "如对本报告有疑问，请与{organ}办公室联系。",
)


# ---------------------------------------------------------------- values


class _Draws:
    """Integers drawn from a :class:`random.Random` (zero-biased counts, as
    in real reports) or from a Hypothesis ``draw`` (shrinks towards 0)."""

    def __init__(self, source: random.Random | Callable[[Any], Any]):
        if isinstance(source, random.Random):
            self.integer = source.randint
            self.count = lambda high: 0 if source.random() < 0.4 else source.randint(1, high)
        else:
            from hypothesis import strategies as st

            self.integer = lambda low, high: source(st.integers(low, high))
            self.count = lambda high: self.integer(0, high)

    def choice(self, items: Sequence[Any]) -> Any:
        return items[self.integer(0, len(items) - 1)]


def consistent_values(source: random.Random | Callable[[Any], Any], template_or_id: Template | str,
                      scale: int | None = None) -> dict[str, Number]:
    """Values for every key of the template satisfying every identity:
    per column of table 三 the outcome rows sum to （七）总计 (T3.2) and
    新收 + 上年结转 = （七）总计 + 结转下年度 (T3.1); the 总计 column sums each
    row (T3.3); each group of table 四 sums to its 总计 (T4.1); table 二 is
    non-negative (本年增/减 never below the previous count) and plausible.

    ``source`` is a :class:`random.Random` or a Hypothesis ``draw``;
    ``scale`` bounds the counts (default: drawn from :data:`SCALES`).
    """
    draws = _Draws(source)
    scale = scale or draws.choice(SCALES)
    values: dict[str, Number] = {}
    for key, spec in _template_of(template_or_id).tables.items():
        values.update(_TABLE_VALUES.get(key, _plain_values)(spec, draws, scale))
    return values


def _draw_cell(column: ColumnSpec, draws: _Draws, scale: int) -> Number:
    if column.kind == "signed":
        return draws.integer(-scale, scale)
    if column.kind == "amount":
        return Decimal(draws.count(scale * 100)) / 100
    return draws.count(scale)


def _plain_values(spec: TableSpec, draws: _Draws, scale: int) -> dict[str, Number]:
    return {f"{row.prefix}.{c.key}": _draw_cell(c, draws, scale) for row in spec.rows for c in row.columns}


def _t2_values(spec: TableSpec, draws: _Draws, scale: int) -> dict[str, Number]:
    values: dict[str, Number] = {}
    for row in spec.rows:
        cells = {c.key: _draw_cell(c, draws, scale) for c in row.columns}
        if row.prefix.rpartition(".")[2] in T2_ZERO_ROWS:
            cells = dict.fromkeys(cells, 0)
        for low, high in T2_AT_MOST:
            if low in cells and high in cells:
                cells[low] = min(cells[low], cells[high])
        for column in row.columns:
            if column.kind == "signed" and "previous" in cells:
                cells[column.key] = max(cells[column.key], -cells["previous"])
        values.update({f"{row.prefix}.{k}": v for k, v in cells.items()})
    return values


def _t3_values(spec: TableSpec, draws: _Draws, scale: int) -> dict[str, Number]:
    outcomes = [r.prefix for r in spec.rows if r.prefix.startswith(T3_RESULTS + ".") and r.prefix != T3_RESULTS_TOTAL]
    parts = [c.key for c in spec.columns if c.key != TOTAL]
    values: dict[str, Number] = {}
    for column in parts:
        cell = {row: draws.count(scale) for row in outcomes}
        cell[T3_RESULTS_TOTAL] = sum(cell.values())
        cell[T3_CARRY_NEXT] = draws.count(scale)
        cell[T3_CARRIED] = draws.integer(0, min(scale, cell[T3_RESULTS_TOTAL] + cell[T3_CARRY_NEXT]))
        cell[T3_NEW] = cell[T3_RESULTS_TOTAL] + cell[T3_CARRY_NEXT] - cell[T3_CARRIED]
        values.update({f"{row}.{column}": n for row, n in cell.items()})
    for row in spec.rows:
        values[f"{row.prefix}.{TOTAL}"] = sum(values[f"{row.prefix}.{c}"] for c in parts)
    return values


def _t4_values(spec: TableSpec, draws: _Draws, scale: int) -> dict[str, Number]:
    values: dict[str, Number] = {}
    for row in spec.rows:
        for _, columns in groupby(row.columns, key=lambda c: c.key.rpartition(".")[0]):
            keys = [f"{row.prefix}.{c.key}" for c in columns]
            parts = {k: draws.count(max(1, scale // 10)) for k in keys if not k.endswith("." + TOTAL)}
            values.update(parts)
            values.update({k: sum(parts.values()) for k in keys if k.endswith("." + TOTAL)})
    return values


_TABLE_VALUES = {"t2": _t2_values, "t3": _t3_values, "t4": _t4_values}


# ---------------------------------------------------------------- table grids


class _Cell(msgspec.Struct, frozen=True):
    """A cell as extraction writes it; ``span`` columns of a header label,
    ``rows`` of a label merged down, ``covered`` for the empty cell a
    merged label leaves in the rows below it."""

    text: str
    key: str | None = None
    span: int = 1
    rows: int = 1
    covered: bool = False


class _Row(msgspec.Struct, frozen=True):
    cells: tuple[_Cell, ...]
    header: bool = False


class _Part(msgspec.Struct, frozen=True):
    """One block of a table: its caption and rows."""

    caption: str | None
    rows: tuple[_Row, ...]


def _cell_text(value: CellValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _parts(spec: TableSpec, values: Mapping[str, CellValue]) -> tuple[_Part, ...]:
    missing = [k for k in spec.keys if k not in values]
    if missing:
        raise KeyError(f"no value for {', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}")
    labelled = any(r.label for r in spec.rows)
    return tuple(
        _Part(block.caption.text if block.caption else None,
              _header_rows(spec, block.columns, labelled) + _data_rows(spec, block.rows, values))
        for block in spec.blocks
    )


def _header_rows(spec: TableSpec, columns: Sequence[ColumnSpec], labelled: bool) -> tuple[_Row, ...]:
    labels = [label.text for label in spec.header_labels]
    corner = labels.pop(0) if labelled and labels else ""
    bands = [[_Cell(text, span=len(columns))] for text in labels]
    if any(c.group for c in columns):
        bands.append([_Cell(group.text, span=len(list(members)))
                      for group, members in groupby(columns, key=lambda c: c.group)])
    bands.append([_Cell(c.label.text) for c in columns])
    if labelled:
        bands = [[_Cell(corner, rows=len(bands)) if i == 0 else _Cell("", covered=True)] + band
                 for i, band in enumerate(bands)]
    return tuple(_Row(tuple(band), header=True) for band in bands)


def _data_rows(spec: TableSpec, rows: Sequence[RowSpec], values: Mapping[str, CellValue]) -> tuple[_Row, ...]:
    groups = {g.prefix: g for g in spec.groups}

    def ancestors(row: RowSpec) -> list:
        found, parent = [], row.parent
        while parent is not None:
            found.insert(0, groups[parent])
            parent = groups[parent].parent
        return found

    chains = [ancestors(row) for row in rows]
    height = {g.prefix: sum(g in chain for chain in chains) for g in groups.values()}
    started: set[str] = set()
    out = []
    for row, chain in zip(rows, chains):
        cells = [_Cell("", covered=True) if g.prefix in started else _Cell(g.label.text, rows=height[g.prefix])
                 for g in chain]
        started.update(g.prefix for g in chain)
        if row.label:
            cells.append(_Cell(row.label.text))
        cells += [_Cell(_cell_text(values[key]), key) for key in row.keys]
        out.append(_Row(tuple(cells)))
    return tuple(out)


# ---------------------------------------------------------------- layouts


class _Output:
    """The lines written so far and the positions recorded."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cells: dict[str, Position] = {}
        self.sections: dict[int, int] = {}
        self.blocks: list[Block] = []

    def emit(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)

    def paragraph(self, text: str) -> int:
        line = self.emit(text)
        self.emit()
        return line

    def cells_line(self, cells: Sequence[_Cell], text: str, starts: Sequence[int]) -> None:
        """Write ``text``, one line holding ``cells`` whose segments start at
        ``starts``; record where each keyed cell's text starts (after any
        padding spaces, as the reader counts)."""
        number = self.emit(text)
        for cell, start in zip(cells, starts):
            if cell.key:
                column = start
                while column < len(text) and text[column] == " ":
                    column += 1
                self.cells[cell.key] = Position(number, column + 1)


class _Layout:
    """How one layout writes the parts of a report (paragraphs are one line
    each, followed by a blank line, in every text layout)."""

    name = ""
    title_mark = ""
    heading_mark = ""
    subheading_mark = ""

    def title(self, out: _Output, lines: Sequence[str]) -> None:
        for line in lines:
            out.paragraph(self.title_mark + line)

    def paragraph(self, out: _Output, text: str) -> None:
        out.paragraph((self.subheading_mark if isinstance(text, Subheading) else "") + text)

    def heading(self, out: _Output, number: int, text: str) -> None:
        out.sections[number] = out.paragraph(self.heading_mark + text)

    def table(self, out: _Output, spec: TableSpec, parts: Sequence[_Part]) -> None:
        raise NotImplementedError

    def signature(self, out: _Output, organ: str, dated: str) -> None:
        out.paragraph(organ)
        out.emit(dated)


def _caption_row(caption: str | None) -> tuple[_Row, ...]:
    return (_Row((_Cell(caption),), header=True),) if caption else ()


class _WordCells(_Layout):
    name = "word-cells"

    def table(self, out, spec, parts):
        out.paragraph(spec.title.text)
        for part in parts:
            for row in _caption_row(part.caption) + part.rows:
                for cell in row.cells:
                    out.cells_line((cell,), "\t" + cell.text, (1,))
                out.emit()
        out.emit()


def _expand(row: _Row) -> list[_Cell]:
    """A row's cells with header spans written out as empty cells."""
    cells: list[_Cell] = []
    for cell in row.cells:
        cells.append(cell)
        if row.header:
            cells += [_Cell("")] * (cell.span - 1)
    return cells


def _padded(rows: Iterable[_Row]) -> list[list[_Cell]]:
    grid = [_expand(row) for row in rows]
    width = max(len(cells) for cells in grid)
    return [cells + [_Cell("")] * (width - len(cells)) for cells in grid]


def _grid_lines(out: _Output, grid: Sequence[Sequence[_Cell]], before: str, between: str, after: str) -> None:
    """Write each row of ``grid`` as ``before`` + cells joined by ``between``
    + ``after``."""
    for cells in grid:
        starts, offset = [], len(before)
        for cell in cells:
            starts.append(offset)
            offset += len(cell.text) + len(between)
        out.cells_line(cells, before + between.join(c.text for c in cells) + after, starts)


class _TabRows(_Layout):
    name = "tab-rows"

    def table(self, out, spec, parts):
        out.paragraph(spec.title.text)
        rows = (row for part in parts for row in _caption_row(part.caption) + part.rows)
        _grid_lines(out, _padded(rows), "", "\t", "")
        out.emit()


class _Markdown(_Layout):
    name = "markdown"
    title_mark = "# "
    heading_mark = "## "
    subheading_mark = "### "

    def table(self, out, spec, parts):
        out.paragraph("### " + spec.title.text)
        for part in parts:
            if part.caption:
                out.paragraph(part.caption)
            header, *body = _padded(part.rows)
            _grid_lines(out, [header], "| ", " | ", " |")
            out.emit("|" + "|".join("---" for _ in header) + "|")
            _grid_lines(out, body, "| ", " | ", " |")
            out.emit()


_LAYOUTS: Mapping[str, _Layout] = {layout.name: layout for layout in (_WordCells(), _TabRows(), _Markdown())}


# ---------------------------------------------------------------- blocks


class GridCell(msgspec.Struct, frozen=True):
    """A cell of a table grid: its text, first grid column, and how many
    columns and rows it spans (a merged cell is one :class:`GridCell`)."""

    text: str
    col: int
    width: int = 1
    height: int = 1


#: What a :class:`Block` can be.
BLOCK_KINDS = ("title", "paragraph", "subheading", "heading", "table", "signature")


class Block(msgspec.Struct, frozen=True):
    """One block of a report for the document writers: a ``kind`` of
    :data:`BLOCK_KINDS`, its ``text`` (a heading's with its numeral, e.g.
    ``一、总体情况``, and its section ``number``), or for a table the cells
    starting in each row and the table's ``width`` in grid columns."""

    kind: str
    text: str = ""
    number: int = 0
    rows: tuple[tuple[GridCell, ...], ...] = ()
    width: int = 0


def _grid(parts: Sequence[_Part]) -> Block:
    """The table ``parts`` as one grid of merged cells (module docstring)."""
    rows = [row for part in parts for row in _caption_row(part.caption) + part.rows]
    labels = max(sum(c.key is None for c in row.cells) for row in rows if not row.header)

    def split(row: _Row) -> tuple[Sequence[_Cell], Sequence[_Cell]]:
        head = min(labels, 1) if row.header else sum(c.key is None for c in row.cells)
        return row.cells[:head], row.cells[head:]

    width = labels + max(sum(c.span for c in split(row)[1]) for row in rows if len(row.cells) > 1)
    grid = []
    for row in rows:
        heads, tail = split(row) if len(row.cells) > 1 else ((), row.cells)
        cells, col = [], 0
        for index, cell in enumerate(heads):
            span = labels - col if index == len(heads) - 1 else 1
            if not cell.covered:
                cells.append(GridCell(cell.text, col, span, cell.rows))
            col += span
        for index, cell in enumerate(tail):
            span = width - col if index == len(tail) - 1 else cell.span
            cells.append(GridCell(cell.text, col, span, cell.rows))
            col += span
        grid.append(tuple(cells))
    return Block("table", rows=tuple(grid), width=width)


class _Blocks(_Layout):
    """Collects :class:`Block` s in ``out.blocks`` instead of writing lines."""

    name = "blocks"

    def title(self, out, lines):
        out.blocks.extend(Block("title", line) for line in lines)

    def paragraph(self, out, text):
        out.blocks.append(Block("subheading" if isinstance(text, Subheading) else "paragraph", str(text)))

    def heading(self, out, number, text):
        out.blocks.append(Block("heading", text, number))

    def table(self, out, spec, parts):
        out.blocks.append(Block("paragraph", spec.title.text))
        out.blocks.append(_grid(parts))

    def signature(self, out, organ, dated):
        out.blocks.extend((Block("signature", organ), Block("signature", dated)))


# ---------------------------------------------------------------- rendering


class Rendered(msgspec.Struct, frozen=True):
    """A rendered report: ``text``, and where things are in it: ``cells``
    maps each canonical key to its cell, ``sections`` each section number
    to its heading's line."""

    text: str
    layout: str
    cells: Mapping[str, Position]
    sections: Mapping[int, int]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.layout]


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
#: A sentence or clause of prose, with its closing 。 or ；.
_CLAUSE = re.compile(r"[^。；]+[。；]?")


def fill(text: str, spec: ReportSpec) -> str | None:
    """``text`` with ``{organ}``, ``{year}`` and ``{<key>}`` filled in from
    ``spec``.  A sentence (or clause ending in ；) naming a key without a
    numeric value is left out, so prose never states what the table does
    not; None when nothing is left."""
    def value(name: str) -> str | None:
        if name in ("organ", "year"):
            return str(getattr(spec, name))
        found = spec.values.get(name)
        return None if found is None or isinstance(found, str) else _cell_text(found)

    kept = []
    for clause in _CLAUSE.findall(text):
        parts = {name: value(name) for name in _PLACEHOLDER.findall(clause)}
        if all(v is not None for v in parts.values()):
            kept.append(_PLACEHOLDER.sub(lambda m: parts[m.group(1)], clause))
    return "".join(kept) or None


def _paragraphs(templates_: Iterable[str], spec: ReportSpec) -> list[str]:
    """The filled paragraphs (a :class:`Subheading` stays one)."""
    filled = ((t, fill(t, spec)) for t in templates_)
    return [Subheading(text) if isinstance(t, Subheading) else text for t, text in filled if text is not None]


def _title_lines(spec: ReportSpec) -> list[str]:
    rest = f"{spec.year}年政府信息公开工作年度报告"
    return [spec.organ, rest] if spec.title_split else [spec.organ + rest]


def _walk(spec: ReportSpec, style: _Layout, out: _Output) -> None:
    """Write the whole report with ``style``."""
    style.title(out, _title_lines(spec))
    for text in _paragraphs(PREAMBLE if spec.preamble is None else spec.preamble, spec):
        style.paragraph(out, text)
    tables = spec.table_specs()
    for number in (n for n in SECTIONS if n not in spec.missing):
        style.heading(out, number, canonical_heading(number))
        for text in _paragraphs(spec.prose.get(number, DEFAULT_PROSE.get(number, ())), spec):
            style.paragraph(out, text)
        for table in tables:
            if table.key == f"t{number}":
                style.table(out, table, _parts(table, spec.values))
        for text in _paragraphs(spec.after.get(number, ()), spec):
            style.paragraph(out, text)
    published = spec.published or date(spec.year + 1, 1, 20)
    style.signature(out, spec.organ, f"{published.year}年{published.month}月{published.day}日")


def render_located(spec: ReportSpec, layout: str = "word-cells") -> Rendered:
    """Render ``spec`` in ``layout`` (one of :data:`LAYOUTS`) and say where
    each value cell and section heading is."""
    try:
        style = _LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r} (expected one of {', '.join(LAYOUTS)})") from None
    out = _Output()
    _walk(spec, style, out)
    return Rendered("\n".join(out.lines) + "\n", layout, dict(out.cells), dict(out.sections))


def render_blocks(spec: ReportSpec) -> tuple[Block, ...]:
    """``spec`` as :class:`Block` s, for the document writers."""
    out = _Output()
    _walk(spec, _Blocks(), out)
    return tuple(out.blocks)


def render(spec: ReportSpec, layout: str = "word-cells") -> str:
    """The text of ``spec`` rendered in ``layout``."""
    return render_located(spec, layout).text


# ---------------------------------------------------------------- corpus

#: Places and bodies that make the organ names of random reports.
PLACES = ("长春市南关区", "哈尔滨市南岗区", "淮安市洪泽区", "宿迁市沭阳县", "杭州市西湖区", "成都市武侯区",
          "南京市鼓楼区", "济南市历下区", "郑州市金水区", "武汉市江汉区", "长沙市岳麓区", "西安市雁塔区")
BODIES = ("人民政府", "人民政府办公室", "发展和改革局", "教育局", "民政局", "司法局", "财政局", "自然资源局",
          "生态环境分局", "住房和城乡建设局", "交通运输局", "卫生健康局", "市场监督管理局", "新春街道办事处",
          "保健路街道办事处", "城关镇人民政府")


def random_spec(source: random.Random | Callable[[Any], Any], year: int | None = None) -> ReportSpec:
    """A random valid report from a :class:`random.Random` or a Hypothesis
    ``draw``: organ, year (default: any year a built-in template covers, up
    to three years into the newest), values, title split one time in four."""
    draws = _Draws(source)
    oldest = min(t.first_year for t in templates().values())
    newest = max(t.first_year for t in templates().values())
    year = year or draws.integer(oldest, newest + 3)
    return ReportSpec(
        organ=draws.choice(PLACES) + draws.choice(BODIES),
        year=year,
        values=consistent_values(source, for_year(year)),
        title_split=draws.integer(0, 3) == 0,
    )


def generate_corpus(directory: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` varied valid reports (all layouts, templates, years) to
    ``directory`` as ``NNNN-YEAR-LAYOUT.txt|.md``; the same seed gives the
    same corpus.  Returns the paths written."""
    rng = random.Random(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        spec = random_spec(rng)
        layout = rng.choice(LAYOUTS)
        path = directory / f"{index:04d}-{spec.year}-{layout}{EXTENSIONS[layout]}"
        path.write_text(render(spec, layout), encoding="utf-8")
        paths.append(path)
    return paths


__all__ = [
    "BLOCK_KINDS", "BODIES", "Block", "CellValue", "DEFAULT_PROSE", "EXTENSIONS", "GridCell", "LAYOUTS", "Number",
    "PLACES", "PREAMBLE", "Position", "Rendered", "ReportSpec", "SECTIONS", "Subheading", "consistent_values", "fill",
    "generate_corpus", "random_spec", "render", "render_blocks", "render_located",
]
