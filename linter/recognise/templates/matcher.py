"""Map the rows of one template table (二, 三 or 四) to a template's rows.

:func:`match_table` reads the :data:`Item` s that :mod:`.regions` assigned to
a template table — caption paragraphs and table rows, in document order,
possibly from several consecutive model tables — and matches them against
one :class:`~.spec.TableSpec`.  Each row is one of:

* a caption row (``第二十条第（一）项``, the table title) or a header row
  (``信息内容 | 本年新制作数量 …``, ``自然人 | 法人或其他组织 | 总计``);
* a data row: its label (the last label cell that names a template row,
  see :mod:`.segments`) gives the template row, the cells after it are its
  data cells;
* a collapsed group: a group label (``（三）不予公开``) with data cells of its
  own, its sub-rows missing;
* an unknown row (a local addition, or damage beyond recognition).

A row without label cells is the row named by the caption paragraph just
before its table — only if that row is the template row following the last
row matched, since damaged layouts stack several label paragraphs before a
table of values — or else the table's unlabelled row (table 四's row of
values), or unknown.  A caption naming a column group (``### 行政复议``)
makes the next table's values fill that group's columns only.

Values are assigned to canonical keys only when a row has exactly the
expected number of data cells; otherwise the row is kept with its cells
unassigned (``RowMatch.complete`` is False) and no value is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence, Union

from ...model import Cell, Location, Paragraph, Row, Table
from .labels import Label, LabelSet, Level, Match, is_caption, pick
from .segments import Segment, split, trim
from .spec import BlockSpec, ColumnSpec, GroupSpec, RowSpec, TableSpec
from .values import Value, is_value, parse


@dataclass(frozen=True, slots=True)
class Caption:
    """A paragraph naming a table, block, column group or row."""

    paragraph: Paragraph


@dataclass(frozen=True, slots=True)
class RowItem:
    """A row of a model table."""

    row: Row
    table: Table


Item = Union[Caption, RowItem]


@dataclass(frozen=True)
class RowMatch:
    """A row of the report matched to a template row (``kind == "row"``) or
    to a group label carrying data (``kind == "group"``, a collapsed group).

    ``prefix`` is the template row's (or group's) key path; ``label`` the
    label cell matched and ``level`` how well; both None for a row without
    label (table 四's, or one named by ``caption``).  ``columns`` are the
    columns the row should fill, ``data`` the data cells found, parsed.
    """

    row: Row
    table: Table
    prefix: str
    kind: str
    label: Cell | None
    level: Level | None
    caption: Paragraph | None
    columns: tuple[ColumnSpec, ...]
    data: tuple[Value, ...]

    @property
    def location(self) -> Location:
        return self.row.location

    @property
    def expected(self) -> int:
        return len(self.columns)

    @property
    def found(self) -> int:
        return len(self.data)

    @property
    def complete(self) -> bool:
        """True when the row has exactly the expected number of data cells."""
        return self.found == self.expected

    @property
    def keys(self) -> tuple[str, ...]:
        """The canonical keys the row fills (none for a collapsed group)."""
        return tuple(f"{self.prefix}.{c.key}" for c in self.columns) if self.kind == "row" else ()


@dataclass(frozen=True)
class TableMatch:
    """One template table as found in the report.

    ``template`` is the id of the template it was matched with, ``spec``
    that template's table; ``tables`` the model tables its rows come from.
    ``rows`` are the matched rows in order, ``headers`` the other recognised
    rows (captions, column headers, group labels without data),
    ``unknown`` the rows matching nothing, ``missing`` the prefixes of
    template rows not found.  ``values`` maps canonical keys to values
    (first occurrence; only rows with the expected cell count).
    """

    key: str
    template: str
    spec: TableSpec
    tables: tuple[Table, ...]
    rows: tuple[RowMatch, ...]
    headers: tuple[Row, ...]
    unknown: tuple[Row, ...]
    missing: tuple[str, ...]
    values: Mapping[str, Value]
    score: int = field(default=0, compare=False)
    #: what readers of the match derive from it once (see :mod:`govlint.recognise.identities`)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def found(self) -> bool:
        """True when something of the table was recognised."""
        return bool(self.rows or self.headers)

    @property
    def incomplete(self) -> tuple[RowMatch, ...]:
        """Rows whose data-cell count differs from the template's."""
        return tuple(r for r in self.rows if not r.complete)

    @property
    def absent_keys(self) -> tuple[str, ...]:
        """Canonical keys of the template with no value (row missing,
        collapsed or with the wrong number of cells)."""
        return tuple(k for k in self.spec.keys if k not in self.values)

    def value(self, key: str) -> Value | None:
        return self.values.get(key)

    def row(self, prefix: str) -> RowMatch | None:
        """The first match of the template row or group ``prefix``."""
        return next((r for r in self.rows if r.prefix == prefix), None)


@dataclass(frozen=True)
class _Index:
    """The labels of a table spec, by what they can name."""

    rows: LabelSet[RowSpec | GroupSpec]
    headers: LabelSet[object]
    captions: LabelSet[object]
    unlabelled: RowSpec | None


@lru_cache(maxsize=32)
def _index(spec: TableSpec) -> _Index:
    rows = tuple((g.label, g) for g in spec.groups) + tuple((r.label, r) for r in spec.rows if r.label)
    headers = tuple((label, label) for label in (*spec.header_labels, *spec.column_groups))
    headers += tuple((c.label, c.label) for c in spec.columns)
    captions = ((spec.title, spec),) + tuple((b.caption, b) for b in spec.blocks if b.caption)
    captions += tuple((label, label) for label in spec.column_groups)
    unlabelled = next((r for r in spec.rows if not r.label), None)
    return _Index(LabelSet(rows), LabelSet(headers), LabelSet(captions), unlabelled)


_WEIGHT = {Level.EXACT: 2, Level.VARIANT: 1, Level.PARTIAL: 1, Level.TYPO: 1}


class _Matcher:
    """The state of one pass over the items (see the module docstring)."""

    def __init__(self, spec: TableSpec):
        self.spec = spec
        self.index = _index(spec)
        self.score = 0
        self.rows: list[RowMatch] = []
        self.headers: list[Row] = []
        self.unknown: list[Row] = []
        self.tables: list[Table] = []
        self.group: str | None = None
        self.block: str | None = None
        # Caption effects: armed by a caption paragraph, active for the next table.
        self.armed_restrict: Label | None = None
        self.armed_pending: tuple[RowSpec, Paragraph] | None = None
        self.restrict: Label | None = None
        self.pending: tuple[RowSpec, Paragraph] | None = None
        # The last template row matched ("" before any), None once an
        # unknown row or a collapsed group broke the sequence.
        self.previous: str | None = ""

    # -- labels -----------------------------------------------------------
    def _prefer(self) -> list[RowSpec | GroupSpec]:
        """Rows and groups of the current group or block (for ambiguous labels)."""
        return [t for _, t in self.index.rows
                if t.parent == self.group or (isinstance(t, RowSpec) and t.block == self.block)]

    def _row_label(self, text: str) -> Match | None:
        matches = self.index.rows.best(text)
        return pick(matches, self._prefer() if len(matches) > 1 else ())

    def _caption(self, text: str) -> Match | None:
        found = pick(self.index.captions.best(text))
        return found if found and is_caption(text, found.level, names_row=False) else None

    # -- items ------------------------------------------------------------
    def feed(self, item: Item) -> None:
        if isinstance(item, Caption):
            self._caption_paragraph(item.paragraph)
        else:
            if not self.tables or self.tables[-1] is not item.table:
                self.tables.append(item.table)
                self.restrict, self.pending = self.armed_restrict, self.armed_pending
                self.armed_restrict = self.armed_pending = None
            self._row(item.row, item.table)

    def _caption_paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text
        found = self._caption(text)
        if found:
            self._apply_caption(found.target, paragraph_before_table=True)
            return
        found = self._row_label(text)
        if found and is_caption(text, found.level, names_row=True):
            self.score += 1
            if isinstance(found.target, GroupSpec):
                self.group = found.target.prefix
            else:
                self.armed_pending = (found.target, paragraph)

    def _row(self, row: Row, table: Table) -> None:
        texts = [c for c in row.cells if not c.is_blank]
        if not texts:
            unlabelled = self.index.unlabelled
            if unlabelled and self.headers and len(row.cells) == len(unlabelled.columns):
                self._unlabelled(row, table, row.cells)  # table 四's data row left wholly blank
            return
        if len(texts) == 1 and not is_value(texts[0].text) and self._caption_row(texts[0].text):
            self.headers.append(row)
            return
        if all(not is_value(c.text) for c in texts):
            self._row_without_values(row, table, texts)
            return
        for segment in split(row, lambda text: self._row_label(text) is not None):
            labels = segment.labels
            if not labels:
                self._unlabelled(row, table, segment.cells)
                continue
            for cell in reversed(labels):
                found = self._row_label(cell.text)
                if found:
                    self._labelled(row, table, cell, found, segment.after(cell))
                    break
            else:
                self._unknown(row)

    def _caption_row(self, text: str) -> bool:
        found = self._caption(text)
        if found:
            self._apply_caption(found.target, paragraph_before_table=False)
        return found is not None

    def _apply_caption(self, target: object, paragraph_before_table: bool) -> None:
        """A table title, block caption or column group was named."""
        self.score += 1
        if isinstance(target, BlockSpec):
            self.block = target.key
        elif isinstance(target, Label) and paragraph_before_table:
            self.armed_restrict = target
        elif isinstance(target, Label):
            self.restrict = target

    def _row_without_values(self, row: Row, table: Table, texts: list[Cell]) -> None:
        """A label row with blank data, a group label, a header, or unknown."""
        labels = [self._row_label(c.text) for c in texts]
        if all(labels):
            self._labelled(row, table, texts[-1], labels[-1], Segment(row.cells).after(texts[-1]))
            return
        headers = [m for m in (pick(self.index.headers.best(c.text)) for c in texts) if m]
        if headers:
            self.score += sum(_WEIGHT[m.level] for m in headers)
            self.headers.append(row)
        else:
            self._unknown(row)

    def _labelled(self, row: Row, table: Table, cell: Cell, found: Match, data: tuple[Cell, ...]) -> None:
        target = found.target
        if isinstance(target, GroupSpec):
            self.score += 1
            self.group = target.prefix
            if any(not c.is_blank for c in data):
                columns = self._block_of_group(target).columns
                self._add(row, table, target.prefix, "group", cell, found.level, None, columns, data)
            elif not any(r is row for r in self.headers):
                self.headers.append(row)
            return
        self.score += _WEIGHT[found.level]
        self.group, self.block = target.parent, target.block
        self.pending = None
        self._add_row(row, table, target, cell, found.level, None, data)

    def _unlabelled(self, row: Row, table: Table, data: tuple[Cell, ...]) -> None:
        pending, self.pending = self.pending, None
        if pending and self._follows(pending[0]):
            self.score += 1
            self._add_row(row, table, pending[0], None, None, pending[1], data)
        elif self.index.unlabelled:
            self.score += 1
            self._add_row(row, table, self.index.unlabelled, None, None, None, data)
        else:
            self._unknown(row)

    def _follows(self, target: RowSpec) -> bool:
        """True when ``target`` is the template row right after the last
        row matched (a caption names the row of values after it only when
        nothing else can be meant)."""
        rows = self.spec.rows
        index = rows.index(target)
        return self.previous == (rows[index - 1].prefix if index else "")

    def _add_row(self, row, table, target: RowSpec, cell, level, caption, data) -> None:
        columns = target.columns
        restricted = tuple(c for c in columns if self.restrict and c.group == self.restrict)
        if restricted and len(trim(data, table.layout, len(columns))) != len(columns):
            columns = restricted
        self._add(row, table, target.prefix, "row", cell, level, caption, columns, data)

    def _add(self, row, table, prefix, kind, cell, level, caption, columns, data) -> None:
        cells = trim(data, table.layout, len(columns))
        complete = kind == "row" and len(cells) == len(columns)
        values = tuple(
            parse(c, columns[min(i, len(columns) - 1)].kind,
                  f"{prefix}.{columns[i].key}" if complete else None)
            for i, c in enumerate(cells)
        )
        self.rows.append(RowMatch(row, table, prefix, kind, cell, level, caption, columns, values))
        self.previous = prefix if kind == "row" else None

    def _block_of_group(self, group: GroupSpec) -> BlockSpec:
        return next(b for b in self.spec.blocks if group in b.groups)

    def _unknown(self, row: Row) -> None:
        self.previous = None
        if not any(r is row for r in self.unknown):
            self.unknown.append(row)

    def result(self, template: str) -> TableMatch:
        matched = {r.prefix for r in self.rows if r.kind == "row"}
        missing = tuple(r.prefix for r in self.spec.rows if r.prefix not in matched)
        values: dict[str, Value] = {}
        for r in self.rows:
            for v in r.data:
                if v.key is not None:
                    values.setdefault(v.key, v)
        return TableMatch(
            key=self.spec.key,
            template=template,
            spec=self.spec,
            tables=tuple(self.tables),
            rows=tuple(self.rows),
            headers=tuple(self.headers),
            unknown=tuple(self.unknown),
            missing=missing,
            values=values,
            score=self.score,
        )


def match_table(items: Sequence[Item], spec: TableSpec, template: str) -> TableMatch:
    """Match ``items`` against ``spec`` (a table of template ``template``)."""
    matcher = _Matcher(spec)
    for item in items:
        matcher.feed(item)
    return matcher.result(template)
