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
  a row label followed by its values, as many as the row has cells
  (``行政许可 97``, ``行政处罚　3``, ``规章 0 0 0``), or values alone (``97``)
  right after a paragraph that is a row label — is passed on as that row (a one-row table of layout
  :data:`~.matcher.TEXT_LAYOUT`, each word a cell located in the
  paragraph): damaged Markdown and web-page conversions write table 二 so;
* any other paragraph of prose ends the current table; short fragments (page
  numbers, pieces of a broken header or label) and header lines of the
  current table flattened to text (``信息内容本年收费金额（单位：万元）``) do
  not, and are passed on as :class:`~.matcher.Stray` (a missing row may be
  found written there).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable, Sequence

from ...model import Block, Cell, Location, Paragraph, Row, Table
from ...normalize import compact
from .labels import Label, LabelSet, Level, is_caption
from .matcher import TEXT_LAYOUT, Caption, Item, RowItem, Stray
from .spec import Template
from .values import classify, is_value

#: Paragraphs up to this many characters (compacted) do not end a table.
FRAGMENT_LENGTH = 12
#: Paragraphs longer than this (compacted) are never a row written as text.
LINE_ROW_LENGTH = 60
#: Paragraphs up to this many characters (compacted) holding a column label
#: of the current table are its header flattened to text.
HEADER_LINE_LENGTH = 40
_SECTION_HEADING = re.compile(r"^#*[一二三四五六七八九十]+、")
_WORD = re.compile(r"[^\s\u3000]+")
#: A label glued to its number (``行政许可97``): the label ends with a Chinese character.
_GLUED = re.compile(r"(.*[\u3400-\u9fff）)])([+\-−]?\d[\d,]*(?:\.\d+)?)")


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
    captions, cells, rows = _labels(tuple(templates))
    columns = _columns(tuple(templates))
    regions: dict[str, list[Item]] = defaultdict(list)
    current: str | None = None
    after_row_label = False  # the last item was a paragraph naming a row: values may follow alone
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                current = _vote(row, cells) or current
                if current:
                    regions[current].append(RowItem(row, block))
            after_row_label = False
        elif isinstance(block, Paragraph):
            key, names_row = _caption_key(block, captions)
            line = _line_row(block, rows, current, after_row_label) if current and not key else None
            if key:
                current = key
                regions[key].append(Caption(block))
            elif line is not None:
                regions[current].append(RowItem(line, Table((line,), line.location, TEXT_LAYOUT)))
            elif not _fragment(block.text) and not (current and _header_line(block.text, columns[current])):
                current = None
            elif current:
                regions[current].append(Stray(block))
            after_row_label = bool(key) and names_row
    return dict(regions)


def _line_row(paragraph: Paragraph, rows: LabelSet, current: str, after_row_label: bool) -> Row | None:
    """The row a short paragraph of table ``current``'s region writes out
    (see the module docstring), or None: a label naming a row of that
    table followed by as many values as the row has cells (in some
    template), or values alone after a paragraph naming a row.  Its cells
    are its words: the label (the words before the values), then each value."""
    text = paragraph.text
    if len(compact(text)) > LINE_ROW_LENGTH:
        return None
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if len(words) == 1 and (glued := _GLUED.fullmatch(text, words[0][0], words[0][1])):
        words = [(glued.start(1), glued.end(1)), (glued.start(2), glued.end(2))]
    first = len(words)
    while first > 0 and is_value(text[slice(*words[first - 1])]):
        first -= 1
    values = words[first:]
    if not values or not any(classify(text[a:b])[1] is not None for a, b in values):
        return None
    if first == 0:
        spans = values if after_row_label else []
    else:
        label = text[words[0][0]:words[first - 1][1]]
        named = {m.target for m in rows.best(label) if m.level >= Level.PARTIAL}
        fits = {key for key, count in named if count == len(values)}
        spans = [(words[0][0], words[first - 1][1]), *values] if fits == {current} else []
    if not spans:
        return None
    cells = tuple(Cell(text[a:b], _at(paragraph, a)) for a, b in spans)
    return Row(cells, cells[0].location)


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
    votes: Counter[str] = Counter()
    for cell in row.cells:
        if is_value(cell.text):
            continue
        keys = {m.target for m in labels.best(cell.text)}
        if len(keys) == 1:
            votes[keys.pop()] += 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


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
