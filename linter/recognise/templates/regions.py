"""Which rows belong to which template table (二, 三, 四).

A report's tables do not come one template table per model table: table 二
may be five Markdown tables under ``### 第二十条…`` headings, a table split
across pages arrives as two tables, and a table's caption may be a paragraph
before it.  :func:`split_regions` walks the blocks in order and hands each
template table the items that belong to it:

* a table row votes for the template table whose labels its cells match
  best (row labels, column labels, captions — of every known template); a
  row with no vote (a row of values, a local addition) stays with the
  current table;
* a short paragraph that is a caption or label of a template table (the
  section heading ``三、收到和处理政府信息公开申请情况``, ``第二十条第（一）项``,
  ``### 行政复议``) switches to that table and is passed on as a
  :class:`~.matcher.Caption`;
* inside a table's region, a line of text that is a row written out —
  a row label followed by its values (``行政许可 97``, ``行政处罚　3``,
  ``规章 0 0 0``; not many more than the row has cells), or the values alone on
  the lines after a paragraph naming a row (``规章`` / ``11`` / ``11`` /
  ``11``: each cell on its own line, as crawled web pages give tables; for
  table 四, whose row has no label, the values after its header) — is
  passed on as that row (a one-row table of layout
  :data:`~.matcher.TEXT_LAYOUT`, each word a cell located in its
  paragraph).  Lines of values that do not make up a row are passed on as
  :class:`~.matcher.Stray`;
* any other paragraph of prose ends the current table; short fragments (page
  numbers, pieces of a broken header or label) and header lines of the
  current table flattened to text (``信息内容本年收费金额（单位：万元）``) do
  not, and are passed on as :class:`~.matcher.Stray` (a missing row may be
  found written there); nor does the rest of a row label broken over
  several lines (``（二）部分公开`` / ``（区分处理的，只计这一情形，不计其他情形）``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Sequence

from ...model import Block, Cell, Location, Paragraph, Row, Table
from ...normalize import compact, fold
from ...read.prose import ITEM_START
from ...regexes import compile_re
from .labels import Label, LabelSet, Level, form, is_caption
from .matcher import TEXT_LAYOUT, Caption, Item, RowItem, Stray
from .spec import Template
from .values import classify, is_value

#: Paragraphs up to this many characters (compacted) do not end a table.
FRAGMENT_LENGTH = 12
#: Paragraphs longer than this (compacted) are never a row written as text.
LINE_ROW_LENGTH = 60
#: Most short paragraphs joined into one row label (``3.`` / ``危及`` / ``“`` /
#: ``三安全一稳定`` / ``”``: a crawled page writes each run of text on a line).
LABEL_PIECES = 12
#: How many numbers more than a row has cells a line of text may hold and
#: still be that row (a number split in two by the conversion).
SPLIT_CELLS = 2
#: Paragraphs up to this many characters (compacted) holding a column label
#: of the current table are its header flattened to text.
HEADER_LINE_LENGTH = 40
_SECTION_HEADING = compile_re(r"^#*[一二三四五六七八九十]+、")
_WORD = compile_re(r"[^\s\u3000]+")
#: Punctuation of a sentence: a paragraph holding it is prose, not a cell.
_SENTENCE = compile_re(r"[。，；！？]")
#: A paragraph starting with a unit goes on from the number before it (``4`` / ``件``).
_UNIT = compile_re(r"\s*(?:件|条|项|个|次|份|宗|人次|万元|元|%)")


@lru_cache(maxsize=1)
def _glued() -> re.Pattern:
    """A label glued to its number (``行政许可97``): the label ends with a
    Chinese character.  Compiled when first needed (a class over a large
    range costs ``re`` ~1 ms; most reports never need it)."""
    return compile_re(r"(.*[\u3400-\u9fff）)])([+\-−]?\d[\d,]*(?:\.\d+)?)")


@lru_cache(maxsize=8)
def _columns(templates: tuple[Template, ...]) -> dict[str, tuple[str, ...]]:
    """Per table key, the compacted column labels (four characters or more)
    of every template, for header lines flattened to text."""
    found: dict[str, set[str]] = defaultdict(set)
    for template in templates:
        for key, spec in template.tables.items():
            found[key].update(c for c in (compact(col.label.text) for col in spec.columns) if len(c) >= 4)
    return {key: tuple(sorted(labels)) for key, labels in found.items()}


@lru_cache(maxsize=8)
def _labels(templates: tuple[Template, ...]) -> tuple[LabelSet, LabelSet, LabelSet]:
    """``(caption labels, cell labels, row labels)`` of every template.
    Caption labels (possible paragraphs) map to ``(table key, names a
    row)``, cell labels to the table key, row labels to ``(table key,
    number of data cells)``."""
    captions: list[tuple[Label, tuple[str, bool]]] = []
    cells: list[tuple[Label, str]] = []
    for template in templates:
        for key, spec in template.tables.items():
            names = [spec.title, *spec.column_groups, *spec.header_labels]
            names += [b.caption for b in spec.blocks if b.caption]
            rows = [g.label for g in spec.groups] + [r.label for r in spec.rows if r.label]
            captions += [(label, (key, False)) for label in names] + [(label, (key, True)) for label in rows]
            cells += [(label, key) for label in (*names, *rows, *(c.label for c in spec.columns))]
    rows = [(r.label, (key, len(r.columns))) for t in templates for key, spec in t.tables.items()
            for r in spec.rows if r.label]
    return LabelSet(captions), LabelSet(cells), LabelSet(rows)


def split_regions(blocks: Iterable[Block], templates: Sequence[Template]) -> dict[str, list[Item]]:
    """The items of each template table key found among ``blocks``."""
    walk = _Walk(tuple(templates))
    for block in blocks:
        walk.block(block)
    walk.flush()
    return dict(walk.regions)


@lru_cache(maxsize=8)
def _endings(templates: tuple[Template, ...]) -> tuple[tuple[str, str, str, int], ...]:
    """Every row label as ``(full form, printed, table key, cell count)``,
    for labels with text glued before them."""
    return tuple((form(r.label.text).full, r.label.text, key, len(r.columns))
                 for t in templates for key, spec in t.tables.items() for r in spec.rows if r.label)


@lru_cache(maxsize=8)
def _unlabelled(templates: tuple[Template, ...]) -> dict[str, frozenset[int]]:
    """Per table key, the cell counts of its rows without label (table 四's)."""
    found: dict[str, set[int]] = defaultdict(set)
    for template in templates:
        for key, spec in template.tables.items():
            found[key].update(len(r.columns) for r in spec.rows if not r.label)
    return {key: frozenset(counts) for key, counts in found.items()}


class _Walk:
    """The state of :func:`split_regions`: the current table, the short
    paragraphs met since the last values (a row label may be broken into
    several: ``1.`` / ``属于国家秘密``, ``（二）部分公开`` / ``（区分处理的…）``),
    and the values met since (each cell on its own line)."""

    def __init__(self, templates: tuple[Template, ...]):
        self.templates = templates
        self.captions, self.cells, self.rows = _labels(templates)
        self.columns = _columns(templates)
        self.unlabelled = _unlabelled(templates)
        self.regions: dict[str, list[Item]] = defaultdict(list)
        self.current: str | None = None
        self.recent: list[Paragraph] = []
        # the label of the row the values belong to (text, where), and the cell counts that row can have
        self.label: tuple[str, Location] | None = None
        self.counts: frozenset[int] = frozenset()
        self.values: list[tuple[Paragraph, list[tuple[int, int]]]] = []

    def block(self, block: Block) -> None:
        if isinstance(block, Table):
            self.flush(exact=True)
            self.recent = []
            for row in block.rows:
                self.current = _vote(row, self.cells) or self.current
                if self.current:
                    self.regions[self.current].append(RowItem(row, block))
        elif isinstance(block, Paragraph):
            spans = _values_only(block.text) if self.current else None
            if spans and not self.values:
                self.label, self.counts = self._label()
            if spans and (self.label or self.unlabelled.get(self.current)):
                self.values.append((block, spans))
                return
            key, names_row = _caption_key(block, self.captions)
            self.flush(prose=not key and _goes_on(block.text))
            self._paragraph(block, key, names_row)

    def _label(self, extra: str = "", at: Location | None = None) -> tuple[tuple[str, Location] | None, frozenset[int]]:
        """The row label that the last few short paragraphs, then ``extra``
        (the label part of a line, at ``at``), make: the best match among
        the current table's rows, the fewer pieces on a tie; else a row
        label the last piece ends with (a header glued before it:
        ``本年收费金额（单位：万元）行政事业性收费``).  With the cell counts
        that row can have."""
        best, found = None, (None, frozenset())
        for n in range(0 if extra else 1, min(LABEL_PIECES, len(self.recent)) + 1):
            pieces = self.recent[len(self.recent) - n:]
            text = "".join(p.text.strip() for p in pieces) + extra
            matches = [m for m in self.rows.best(text) if m.target[0] == self.current and m.level >= Level.PARTIAL]
            if matches and (best is None or matches[0].level > best):
                best = matches[0].level
                found = ((text, pieces[0].location if pieces else at), frozenset(m.target[1] for m in matches))
        if best is None and (extra or self.recent):
            text = extra or self.recent[-1].text.strip()
            tail = form(text).full
            ends = [(len(full), label, count) for full, label, key, count in _endings(self.templates)
                    if key == self.current and tail.endswith(full) and len(tail) > len(full)]
            if ends:
                size = max(e[0] for e in ends)
                label = next(label for n, label, _ in ends if n == size)
                found = ((label, at or self.recent[-1].location), frozenset(c for n, _, c in ends if n == size))
        return found

    def _line(self, paragraph: Paragraph) -> Row | None:
        """The row a short paragraph of the current table's region writes
        out (see the module docstring), or None: a row label (completed by
        the short paragraphs before it when broken) followed by values, at
        most :data:`SPLIT_CELLS` more than the row has cells.  Its cells:
        the label, then each value."""
        found = _label_and_values(paragraph.text)
        if found is None:
            return None
        (start, end), values = found
        label, counts = self._label(paragraph.text[start:end], _at(paragraph, start))
        if label is None or len(values) > max(counts) + SPLIT_CELLS:
            return None
        cells = (Cell(*label), *(Cell(paragraph.text[a:b], _at(paragraph, a)) for a, b in values))
        return Row(cells, cells[0].location)

    def _paragraph(self, paragraph: Paragraph, key: str | None, names_row: bool) -> None:
        # a row label with its numbers (``规章 0 0 0``, ``一、本年新收…数量0``) is that row, not a caption
        line = self._line(paragraph) if self.current and (not key or names_row) else None
        if line is not None:
            self.recent = []
            self.regions[self.current].append(RowItem(line, Table((line,), line.location, TEXT_LAYOUT)))
            return
        self.recent = (self.recent + [paragraph])[-LABEL_PIECES:] if len(compact(paragraph.text)) <= LINE_ROW_LENGTH else []
        if key:
            self.current = key
            self.regions[key].append(Caption(paragraph))
        elif not _fragment(paragraph.text) and not (self.current and (
                _header_line(paragraph.text, self.columns[self.current]) or self._label()[0])):
            self.current, self.recent = None, []
        elif self.current:
            self.regions[self.current].append(Stray(paragraph))

    def flush(self, prose: bool = False, exact: bool = False) -> None:
        """The values met since the last row label: one row (the label, then
        the values) when there are as many as that row (or the table's
        unlabelled row) has cells and a sentence does not go on after them
        (``prose``: a label and a number that prose broken line by line
        gives, ``行政事业性收费`` / ``4`` / ``1994万元。``), else pieces of
        text (see :meth:`_fits`).  Before a table (``exact``) the count
        must be the row's: the row's cells may be in the table."""
        if not self.values:
            return
        count = sum(len(spans) for _, spans in self.values)
        if not prose and (count in self.counts if exact and self.label else self._fits(count)):
            cells = tuple(Cell(p.text[a:b], _at(p, a)) for p, spans in self.values for a, b in spans)
            if self.label is not None:
                cells = (Cell(*self.label), *cells)
            row = Row(cells, cells[0].location)
            self.regions[self.current].append(RowItem(row, Table((row,), row.location, TEXT_LAYOUT)))
        else:
            self.regions[self.current].extend(Stray(p) for p, _ in self.values)
        self.values, self.recent, self.label = [], [], None

    def _fits(self, count: int) -> bool:
        """Whether ``count`` values make the row: after a row label, up to
        two more than the row has cells (blanks lost, a number split in
        two: the row is then kept with the wrong count, as a table row
        would be); exactly as many for a row without label."""
        if self.label is None:
            return count in self.unlabelled.get(self.current, frozenset())
        return count <= max(self.counts) + SPLIT_CELLS


def _goes_on(text: str) -> bool:
    """Whether a paragraph goes on with the sentence before it: a unit
    (``件``), or sentence punctuation in text that does not start a new
    item (``1994万元。`` after ``4``, but not ``三、收到和处理…，…``)."""
    return bool(_UNIT.match(text) or (_SENTENCE.search(text) and not ITEM_START.match(fold(text))))


def _values_only(text: str) -> list[tuple[int, int]] | None:
    """The words of a paragraph that holds values only, one a number (None otherwise)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if words and all(is_value(text[a:b]) for a, b in words) and any(
            classify(text[a:b])[1] is not None for a, b in words):
        return words
    return None


def _label_and_values(text: str) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """A short paragraph as a row label followed by values (the label's and
    the values' spans), or None: the words after the label are values, one
    of them a number (``规章 0 0 0``, ``行政许可97``)."""
    if len(compact(text)) > LINE_ROW_LENGTH:
        return None
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if len(words) == 1 and (glued := _glued().fullmatch(text, words[0][0], words[0][1])):
        words = [(glued.start(1), glued.end(1)), (glued.start(2), glued.end(2))]
    first = len(words)
    while first > 0 and is_value(text[slice(*words[first - 1])]):
        first -= 1
    values = words[first:]
    if first == 0 or not values or not any(classify(text[a:b])[1] is not None for a, b in values):
        return None
    return (words[0][0], words[first - 1][1]), values


def _at(paragraph: Paragraph, offset: int) -> Location:
    """Where character ``offset`` of ``paragraph`` is, with the paragraph's
    place label when it is on the paragraph's first line."""
    start = paragraph.location
    where = paragraph.location_at(offset) if paragraph.pieces else Location(
        start.line, start.column + offset, page=start.page)
    if where.line == start.line and start.label:
        return Location(where.line, where.column, page=where.page, label=start.label)
    return where


def _vote(row: Row, labels: LabelSet) -> str | None:
    """The table key most of the row's label cells name (each cell naming
    one table votes), None without votes or on a tie."""
    votes: dict[str, int] = {}
    for cell in row.cells:
        if is_value(cell.text):
            continue
        matches = labels.best(cell.text)
        if matches and all(m.target == matches[0].target for m in matches):
            votes[matches[0].target] = votes.get(matches[0].target, 0) + 1
    if len(votes) < 2:
        return next(iter(votes), None)
    most = max(votes.values())
    winners = [key for key, count in votes.items() if count == most]
    return winners[0] if len(winners) == 1 else None


def _caption_key(paragraph: Paragraph, labels: LabelSet) -> tuple[str | None, bool]:
    """The table a paragraph is a caption of (None: none, or ambiguous),
    and whether it names a row of it."""
    text = paragraph.text
    found = [m.target for m in labels.best(text) if is_caption(text, m.level, m.target[1])]
    keys = {key for key, _ in found}
    if len(keys) != 1:
        return None, False
    return keys.pop(), any(names_row for _, names_row in found)


def _header_line(text: str, columns: tuple[str, ...]) -> bool:
    s = compact(text)
    return len(s) <= HEADER_LINE_LENGTH and any(c in s for c in columns)


def _fragment(text: str) -> bool:
    s = compact(text)
    return len(s) <= FRAGMENT_LENGTH and not _SECTION_HEADING.match(s)
