"""Map the rows of one template table (二, 三 or 四) to a template's rows.

:func:`read_table` reads the :data:`Item` s that :mod:`.regions` assigned to
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

A row whose label names no template row is *deferred*, then placed by
its position once the whole table is read: when it sits between two
matched rows (or before the first, after the last) whose template rows
leave a gap, and its label resembles a template row missing in that gap
(:func:`.labels.resembles`: the numbering agrees and most characters are
shared — ``2.其他法律行政止公开`` for ``2.其他法律行政法规禁止公开``),
it is that row.  Several such rows in one gap pair with the missing rows in
order.

Every row says how sure the mapping is: ``RowMatch.guess`` is None for a
label matched exactly or as a known variant, else ``"typo"`` (one or two
characters off), ``"partial"`` (a start of the label leaving most of it
out), ``"position"`` (placed by its neighbours, above) or
``"text"`` (a line of text outside the table read as the row, see
:mod:`.regions`); ``RowMatch.doubt`` — and each of its values'
``Value.doubt`` — then says so in words, for findings that rest on it.

Values are assigned to canonical keys only when a row has exactly the
expected number of data cells; otherwise the row is kept with its cells
unassigned (``RowMatch.complete`` is False) and no value is guessed.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Mapping, NamedTuple, Sequence, Union

import msgspec

from ...model import Cell, Location, Paragraph, Row, Table
from .labels import Label, LabelSet, Level, Match, cut_short, inner, is_caption, names_row, pick, quote, resembles
from .segments import Segment, split, trim
from .spec import BlockSpec, ColumnSpec, GroupSpec, RowSpec, TableSpec
from .values import Value, is_value, parse


class Caption(msgspec.Struct, frozen=True):
    """A paragraph naming a table, block, column group or row."""

    paragraph: Paragraph


class RowItem(msgspec.Struct, frozen=True):
    """A row of a model table (of a one-row table of layout
    :data:`TEXT_LAYOUT` for a line of text read as a row)."""

    row: Row
    table: Table


class Stray(msgspec.Struct, frozen=True):
    """A short paragraph among the table's rows that is neither caption nor
    row (a piece of a label broken off by the extraction)."""

    paragraph: Paragraph


Item = Union[Caption, RowItem, Stray]

#: The layout of the one-row tables made of lines of text outside a table.
TEXT_LAYOUT = "text-line"


class RowMatch(msgspec.Struct, frozen=True):
    """A row of the report matched to a template row (``kind == "row"``) or
    to a group label carrying data (``kind == "group"``, a collapsed group).

    ``prefix`` is the template row's (or group's) key path; ``label`` the
    label cell matched and ``level`` how well; both None for a row without
    label (table 四's, or one named by ``caption``).  ``columns`` are the
    columns the row should fill, ``data`` the data cells found, parsed.
    ``guess`` says how the row was recognised when it is not certain
    (``typo``, ``partial``, ``position``, ``text``; see the module docstring) and
    ``doubt`` why, in words (None: certain).
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
    guess: str | None = None
    doubt: str | None = None

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


class TableMatch(msgspec.Struct, frozen=True, dict=True):
    """One template table as found in the report.

    ``template`` is the id of the template it was matched with, ``spec``
    that template's table; ``tables`` the model tables its rows come from.
    ``rows`` are the matched rows in order, ``headers`` the other recognised
    rows (captions, column headers, group labels without data),
    ``unknown`` the rows matching nothing, ``missing`` the prefixes of
    template rows not found.  ``values`` maps canonical keys to values
    (first occurrence; only rows with the expected cell count).  ``texts``
    are the paragraphs among the table's rows that were not read as rows
    (captions, pieces of labels): where a missing row may be written as
    text (:meth:`written_as_text`).
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
    score: int = 0
    texts: tuple[Paragraph, ...] = ()

    @cached_property
    def memo(self) -> dict:
        """What readers of the match derive from it once (see :mod:`govlint.recognise.identities`)."""
        return {}

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

    def written_as_text(self, prefix: str) -> Paragraph | None:
        """A paragraph among the table's rows that names template row
        ``prefix`` (its label or the start of it, four characters or more):
        the row is there, broken out of the table by the extraction."""
        row = next((r for r in self.spec.rows if r.prefix == prefix), None)
        if row is None or not row.label:
            return None
        return next((p for p in self.texts if names_row(p.text, row.label)), None)


class _Found(NamedTuple):
    """A row matched while the items are read, its values not yet parsed:
    every template is tried on a table and only the chosen one's rows
    become :class:`RowMatch` es (:meth:`_Matcher.result`).  ``pending`` is
    the match without its values, ``cells`` the data cells trimmed,
    ``complete`` whether they fill the columns."""

    pending: RowMatch
    cells: tuple[Cell, ...]
    complete: bool

    @property
    def prefix(self) -> str:
        return self.pending.prefix

    @property
    def kind(self) -> str:
        return self.pending.kind

    def match(self) -> RowMatch:
        """The row with its data cells parsed for their columns."""
        pending = self.pending
        columns, prefix, doubt = pending.columns, pending.prefix, pending.doubt
        last = len(columns) - 1
        values = tuple(
            parse(c, columns[min(i, last)].kind, f"{prefix}.{columns[i].key}" if self.complete else None, doubt)
            for i, c in enumerate(self.cells)
        )
        return msgspec.structs.replace(pending, data=values)


class _Index(msgspec.Struct, frozen=True):
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


@lru_cache(maxsize=256)
def _preferred(spec: TableSpec, group: str | None, block: str | None) -> tuple[RowSpec | GroupSpec, ...]:
    """:meth:`_Matcher._prefer`, worked out once per template table, group and block."""
    return tuple(t for _, t in _index(spec).rows
                 if t.parent == group or (isinstance(t, RowSpec) and t.block == block))


_WEIGHT = {Level.EXACT: 2, Level.VARIANT: 1, Level.PARTIAL: 1, Level.TYPO: 1}


class _Matcher:
    """The state of one pass over the items (see the module docstring)."""

    def __init__(self, spec: TableSpec, template: str):
        self.spec = spec
        self.template = template
        self.index = _index(spec)
        self.score = 0
        self.rows: list[_Found] = []
        self.headers: list[Row] = []
        self.unknown: list[Row] = []
        self.tables: list[Table] = []
        self.group: str | None = None
        self.block: str | None = None
        # Caption effects: armed by a caption paragraph, active for the next table.
        self.armed_restrict: Label | None = None
        self.armed_pending: tuple[RowSpec, Paragraph, Level] | None = None
        self.restrict: Label | None = None
        self.pending: tuple[RowSpec, Paragraph, Level] | None = None
        # The last template row matched ("" before any), None once an
        # unknown row or a collapsed group broke the sequence.
        self.previous: str | None = ""
        # Rows whose label names no template row, placed at the end (see the module docstring).
        self.deferred: list[_Deferred] = []
        self.texts: list[Paragraph] = []

    # -- labels -----------------------------------------------------------
    def _prefer(self) -> tuple[RowSpec | GroupSpec, ...]:
        """Rows and groups of the current group or block (for ambiguous labels)."""
        return _preferred(self.spec, self.group, self.block)

    def _row_label(self, text: str) -> Match | None:
        matches = self.index.rows.best(text)
        return pick(matches, self._prefer() if len(matches) > 1 else ())

    def _caption(self, text: str) -> Match | None:
        found = pick(self.index.captions.best(text))
        return found if found and is_caption(text, found.level, names_row=False) else None

    # -- items ------------------------------------------------------------
    def feed(self, item: Item) -> None:
        if isinstance(item, Stray):
            self.texts.append(item.paragraph)
        elif isinstance(item, Caption):
            self.texts.append(item.paragraph)
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
                self.armed_pending = (found.target, paragraph, found.level)

    def _row(self, row: Row, table: Table) -> None:
        texts = [c for c in row.cells if not c.is_blank]
        if not texts:
            unlabelled = self.index.unlabelled
            if unlabelled and self.headers and len(row.cells) == len(unlabelled.columns):
                self._unlabelled(row, table, row.cells)  # table 四's data row left wholly blank
            return
        values = [is_value(c.text) for c in texts]
        if len(texts) == 1 and not values[0] and self._caption_row(texts[0].text):
            self.headers.append(row)
            return
        if not any(values):
            self._row_without_values(row, table, texts)
            return
        for segment in split(row, lambda text: self._row_label(text) is not None):
            labels = segment.labels
            if not labels:
                self._unlabelled(row, table, segment.cells)
                continue
            for cell in reversed(labels):
                found = self._row_label(cell.text)
                if found and isinstance(found.target, GroupSpec) and cell is not labels[-1]:
                    # ``（三）不予公开 | 1.属于国家XX | 0 …``: the group, then a sub-row label matching nothing
                    self.score += 1
                    self.group = found.target.prefix
                    self._defer(row, table, labels[-1], segment.after(labels[-1]))
                    break
                if found:
                    self._labelled(row, table, cell, found, segment.after(cell))
                    break
            else:
                self._defer(row, table, labels[-1], segment.after(labels[-1]))

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
            target, caption, level = pending
            guess = "text" if table.layout == TEXT_LAYOUT else "typo" if level is Level.TYPO else None
            self._add_row(row, table, target, None, None, caption, data, guess)
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

    def _add_row(self, row, table, target: RowSpec, cell, level, caption, data, guess=None, at=None) -> None:
        columns = target.columns
        restricted = tuple(c for c in columns if c.group == self.restrict) if self.restrict else ()
        if restricted and len(trim(data, table.layout, len(columns))) != len(columns):
            columns = restricted
        if guess is None and table.layout == TEXT_LAYOUT:
            guess = "text"
        elif guess is None and level is Level.TYPO:
            guess = "typo"
        elif guess is None and level is Level.PARTIAL and cell is not None and cut_short(cell.text, target.label):
            guess = "partial"
        self._add(row, table, target.prefix, "row", cell, level, caption, columns, data,
                  guess, _doubt(guess, cell, caption, row, target), at)

    def _add(self, row, table, prefix, kind, cell, level, caption, columns, data,
             guess=None, doubt=None, at=None) -> None:
        cells = trim(data, table.layout, len(columns))
        complete = kind == "row" and len(cells) == len(columns)
        match = _Found(RowMatch(row, table, prefix, kind, cell, level, caption, columns, (), guess, doubt),
                       cells, complete)
        if at is None:
            self.rows.append(match)
            self.previous = prefix if kind == "row" else None
        else:
            self.rows.insert(at, match)

    def _block_of_group(self, group: GroupSpec) -> BlockSpec:
        return next(b for b in self.spec.blocks if group in b.groups)

    def _unknown(self, row: Row) -> None:
        self.previous = None
        if not any(r is row for r in self.unknown):
            self.unknown.append(row)

    def _defer(self, row: Row, table: Table, label: Cell, data: tuple[Cell, ...]) -> None:
        """A labelled row naming no template row: unknown unless placed later."""
        self._unknown(row)
        self.deferred.append(_Deferred(row, table, label, data, len(self.rows)))

    def _place_deferred(self) -> None:
        """Place deferred rows in the gaps of the template sequence (see the
        module docstring).  Rows are inserted from the last so that the
        positions recorded stay valid."""
        order = {r.prefix: i for i, r in enumerate(self.spec.rows)}
        matched = {r.prefix for r in self.rows if r.kind == "row"}
        gaps: dict[tuple[int, int], list[_Deferred]] = {}
        for d in self.deferred:
            before = [order[r.prefix] for r in self.rows[:d.position] if r.kind == "row"]
            after = [order[r.prefix] for r in self.rows[d.position:] if r.kind == "row"]
            if before or after:
                gaps.setdefault((before[-1] if before else -1, after[0] if after else len(order)), []).append(d)
        placed: list[tuple[_Deferred, RowSpec]] = []
        for (low, high), rows in gaps.items():
            missing = [r for r in self.spec.rows[low + 1:high] if r.prefix not in matched and r.label]
            pairs = _pair(rows, missing)
            matched.update(r.prefix for _, r in pairs)
            placed += pairs
        for d, target in sorted(placed, key=lambda p: p[0].position, reverse=True):
            self.unknown = [r for r in self.unknown if r is not d.row]
            self.score += _WEIGHT[Level.TYPO]
            self._add_row(d.row, d.table, target, d.label, Level.TYPO, None, d.data, "position", d.position)

    def finish(self) -> None:
        """Place the deferred rows: the score is then final."""
        if self.deferred:
            self._place_deferred()
            self.deferred = []

    @property
    def found(self) -> bool:
        """True when something of the table was recognised (:attr:`TableMatch.found`)."""
        return bool(self.rows or self.headers)

    def result(self) -> TableMatch:
        self.finish()
        rows = tuple(r.match() for r in self.rows)
        matched = {r.prefix for r in rows if r.kind == "row"}
        missing = tuple(r.prefix for r in self.spec.rows if r.prefix not in matched)
        values: dict[str, Value] = {}
        for r in rows:
            for v in r.data:
                if v.key is not None:
                    values.setdefault(v.key, v)
        return TableMatch(
            key=self.spec.key,
            template=self.template,
            spec=self.spec,
            tables=tuple(self.tables),
            rows=rows,
            headers=tuple(self.headers),
            unknown=tuple(self.unknown),
            missing=missing,
            values=values,
            score=self.score,
            texts=tuple(self.texts),
        )


class _Deferred(msgspec.Struct, frozen=True):
    """A row whose label names no template row, and where it was met:
    ``position`` is the number of rows matched before it."""

    row: Row
    table: Table
    label: Cell
    data: tuple[Cell, ...]
    position: int


def _pair(rows: Sequence[_Deferred], missing: Sequence[RowSpec]) -> list[tuple[_Deferred, RowSpec]]:
    """Deferred rows of one gap paired with the template rows missing there:
    in order when there are as many of each, else each row with the only
    missing row it resembles (and which no other row resembles)."""
    if len(rows) == len(missing):
        return [(d, r) for d, r in zip(rows, missing) if resembles(d.label.text, r.label)]
    like = {id(d): [r for r in missing if resembles(d.label.text, r.label)] for d in rows}
    out = []
    for d in rows:
        if len(like[id(d)]) == 1:
            target = like[id(d)][0]
            if sum(target in found for found in like.values()) == 1:
                out.append((d, target))
    return out


def _doubt(guess: str | None, cell: Cell | None, caption: Paragraph | None, row: Row, target: RowSpec) -> str | None:
    """Why a row's mapping is uncertain, in words (None: it is not)."""
    if guess is None:
        return None
    label = inner(target.label.text)
    if guess == "text":
        line = " ".join(c.text.strip() for c in row.cells if not c.is_blank)
        if caption is not None:
            line = f"{caption.text.strip()} {line}"
        return f"“{inner(quote(line))}”是表格之外的文字，按“{label}”行读取"
    written = cell.text if cell is not None else caption.text if caption is not None else ""
    return f"表中“{inner(quote(written))}”行的行名与模板不完全一致，按“{label}”核对"


def read_table(items: Sequence[Item], spec: TableSpec, template: str) -> _Matcher:
    """``items`` read against ``spec``: the rows found and the score
    (:attr:`TableMatch.score`), ``result()`` then building the
    :class:`TableMatch` (only for the template chosen among several)."""
    matcher = _Matcher(spec, template)
    for item in items:
        matcher.feed(item)
    matcher.finish()
    return matcher
