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
* any other paragraph of prose ends the current table; short fragments (page
  numbers, pieces of a broken header) do not.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable, Sequence

from ...model import Block, Paragraph, Row, Table
from ...normalize import compact
from .labels import Label, LabelSet, is_caption
from .matcher import Caption, Item, RowItem
from .spec import Template
from .values import is_value

#: Paragraphs up to this many characters (compacted) do not end a table.
FRAGMENT_LENGTH = 12
_SECTION_HEADING = re.compile(r"^#*[一二三四五六七八九十]+、")


@lru_cache(maxsize=8)
def _labels(templates: tuple[Template, ...]) -> tuple[LabelSet, LabelSet]:
    """``(caption labels, cell labels)`` of every template.  Caption labels
    (possible paragraphs) map to ``(table key, names a row)``, cell labels
    to the table key."""
    captions: list[tuple[Label, tuple[str, bool]]] = []
    cells: list[tuple[Label, str]] = []
    for template in templates:
        for key, spec in template.tables.items():
            names = [spec.title, *spec.column_groups, *spec.header_labels]
            names += [b.caption for b in spec.blocks if b.caption]
            rows = [g.label for g in spec.groups] + [r.label for r in spec.rows if r.label]
            captions += [(label, (key, False)) for label in names] + [(label, (key, True)) for label in rows]
            cells += [(label, key) for label in (*names, *rows, *(c.label for c in spec.columns))]
    return LabelSet(captions), LabelSet(cells)


def split_regions(blocks: Iterable[Block], templates: Sequence[Template]) -> dict[str, list[Item]]:
    """The items of each template table key found among ``blocks``."""
    captions, cells = _labels(tuple(templates))
    regions: dict[str, list[Item]] = defaultdict(list)
    current: str | None = None
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                current = _vote(row, cells) or current
                if current:
                    regions[current].append(RowItem(row, block))
        elif isinstance(block, Paragraph):
            key = _caption_key(block, captions)
            if key:
                current = key
                regions[key].append(Caption(block))
            elif not _fragment(block.text):
                current = None
    return dict(regions)


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


def _caption_key(paragraph: Paragraph, labels: LabelSet) -> str | None:
    text = paragraph.text
    keys = {key for m in labels.best(text) for key, names_row in [m.target] if is_caption(text, m.level, names_row)}
    return keys.pop() if len(keys) == 1 else None


def _fragment(text: str) -> bool:
    s = compact(text)
    return len(s) <= FRAGMENT_LENGTH and not _SECTION_HEADING.match(s)
