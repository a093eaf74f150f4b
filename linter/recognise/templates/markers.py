"""Which format the tables' *content* looks like, whatever the report year.

Each template lists ``markers``: words printed only in its tables
(DOMAIN.md §2.7: ``本年制发件数`` → 2021, ``本年新制作数量`` → 2019).  They
are looked for in table cells and in short paragraphs (tables flattened to
text by extraction), never in prose — except the column headings among
them (``column_markers``), which prose never writes: those are found in
long paragraphs too, where a crawler flattened a whole web page, tables
included, into one line (``in_text``).  A later rule compares the detected
format with the one the report year calls for.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

import msgspec

from ...model import Block, Location, Paragraph, Table
from ...normalize import compact
from .spec import Template

#: Paragraphs longer than this (compacted) are prose, not table text.
TABLE_TEXT_LENGTH = 40


class MarkerHit(msgspec.Struct, frozen=True, gc=False):
    """``marker`` of ``template`` found at ``location``."""

    template: str
    marker: str
    location: Location
    in_text: bool = False  # found in running text, not in a table or a table's short line


def find_markers(blocks: Iterable[Block], templates: Sequence[Template]) -> tuple[MarkerHit, ...]:
    """Every marker occurrence among ``blocks``, in document order."""
    hits: list[MarkerHit] = []
    templates = tuple(templates)
    for block in blocks:
        if isinstance(block, Paragraph) and len(compact(block.text)) > TABLE_TEXT_LENGTH:
            hits += _in_text(block, templates)
            continue
        for text, location in _texts((block,)):
            found = _markers_in(text, templates)
            if found:
                hits += [MarkerHit(tid, m, location) for tid, m in found]
    return tuple(hits)


@lru_cache(maxsize=16384)
def _markers_in(text: str, templates: tuple[Template, ...]) -> tuple[tuple[str, str], ...]:
    """``(template id, marker)`` of each marker ``text`` holds, compacted
    (remembered: a batch meets the same cell texts in every report)."""
    s = compact(text)
    return tuple((t.id, m) for t in templates for m, c in _compact_markers(t) if c in s) if s else ()


@lru_cache(maxsize=16)
def _compact_markers(template: Template) -> tuple[tuple[str, str], ...]:
    """Each marker of ``template`` with its compact form (made once, not per cell)."""
    return tuple((m, compact(m)) for m in template.markers)


def _in_text(paragraph: Paragraph, templates: Sequence[Template]) -> list[MarkerHit]:
    """The column-heading markers in a long paragraph, each located where it is written."""
    hits = []
    for template in templates:
        for m in template.column_markers:
            offset = paragraph.text.find(m)
            if offset >= 0:
                hits.append(MarkerHit(template.id, m, paragraph.location_at(offset), in_text=True))
    return hits


def detected_template(hits: Sequence[MarkerHit]) -> str | None:
    """The template with the most marker hits (None if none or a tie)."""
    ranked = Counter(h.template for h in hits).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _texts(blocks: Iterable[Block]):
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield cell.text, cell.location
        elif isinstance(block, Paragraph) and len(compact(block.text)) <= TABLE_TEXT_LENGTH:
            yield block.text, block.location
