"""What rules over several reports need to know about one report, kept small.

A run over a repository may hold thousands of reports at once (the run's
files and the history, see :mod:`govlint.repository.history`), so rules over report
sets (:mod:`govlint.repository.reportset`) read a :class:`ReportProfile`, not the whole
:class:`~govlint.recognise.report.Report`: the organ, the year, the template each
table was matched with, every table value by canonical key with its cell's
location, the prints of the sections compared for copying (一 and 五: their
normalised sentences, where each starts and how a message quotes it, see
:class:`~govlint.repository.similarity.SectionPrint` — not their paragraphs),
and the source lines those locations point at (for the finding's ``source``).

A profile is plain data: it is built in the process that read the report
(a ``--jobs`` worker too), pickled to the parent, and written as JSON to
the history cache (:meth:`to_data`, :meth:`from_data`).  Table values and
source lines are stored column-wise (keys, numbers, cell positions; line
numbers and one string) to keep thousands of profiles small — a few KB
each; :meth:`figure` gives a value back with its
:class:`~govlint.model.Location`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Mapping

from ..model import Location
from ..recognise.organs import organ_name
from ..recognise.report import Report
from .similarity import SectionPrint, location_extra

Number = int | Decimal

#: The sections whose prose is kept: 一、总体情况 and 五、存在的主要问题及改进情况
#: (DOMAIN.md §5 E3, the sections copied from year to year).
PROSE_SECTIONS = (1, 5)
#: Bumped whenever the stored form changes (part of the history cache key).
FORMAT = 2


@dataclass(frozen=True, slots=True)
class Figure:
    """One table value of a profile: its number (None unless the cell holds
    a valid number for its column) and where the cell is."""

    key: str
    number: Number | None
    location: Location


@dataclass(frozen=True)
class ReportProfile:
    """One report as rules over report sets see it (module docstring).

    ``path`` is the file's path as it was read (for standard input: the
    name it was read as); ``templates`` maps each recognised table
    (``t2``…) to the template it was matched with; ``prose`` maps a section
    number of :data:`PROSE_SECTIONS` to its
    :class:`~govlint.repository.similarity.SectionPrint` (sections not found
    are absent).  The other fields store the table values and source lines
    compactly; read them with :meth:`figure`, :meth:`number`,
    :meth:`figures` and :meth:`source_line`.
    """

    path: str
    organ: str | None
    year: int | None
    templates: Mapping[str, str]
    #: canonical keys of the values read, their numbers (None: not a valid
    #: number) and cells: line and column of each, one after the other
    keys: tuple[str, ...]
    numbers: tuple[Number | None, ...]
    cells: array
    #: value index -> (end_line, end_column, page, label), for cells that have any
    extras: Mapping[int, tuple[Any, ...]]
    prose: Mapping[int, SectionPrint]
    #: the source lines the locations point at: their numbers, and their texts joined by newlines
    source_lines: array
    source_text: str

    @classmethod
    def of(cls, doc: Report) -> "ReportProfile":
        """The profile of ``doc``."""
        values = [v for match in doc.template.tables.values() for v in match.values.values() if v.key]
        organ = organ_name(doc)
        prose = {n: SectionPrint.of(s.paragraphs, organ) for n in PROSE_SECTIONS if (s := doc.section(n)) is not None}
        lines = {v.location.line for v in values}
        lines.update(line for p in prose.values() for line in p.places[::2])
        lines = sorted(lines)
        return cls(
            path=doc.path,
            organ=organ,
            year=doc.year,
            templates={key: match.template for key, match in doc.template.tables.items()},
            keys=_shared(tuple(v.key for v in values)),
            numbers=tuple(v.number if v.is_number else None for v in values),
            cells=array("i", (n for v in values for n in (v.location.line, v.location.column))),
            extras={i: extra for i, v in enumerate(values) if any(extra := location_extra(v.location))},
            prose=prose,
            source_lines=array("i", lines),
            source_text="\n".join(doc.source_line(line).rstrip("\r\n") for line in lines),
        )

    def __reduce__(self):
        """Pickled (from a ``--jobs`` worker to the parent) to share the
        keys again with the other profiles of the template."""
        return _restore, tuple(getattr(self, f) for f in self.__dataclass_fields__)

    def figure(self, key: str) -> Figure | None:
        """The value at canonical ``key`` (None: no such cell was read)."""
        i = _index(self.keys).get(key)
        if i is None:
            return None
        location = Location(self.cells[2 * i], self.cells[2 * i + 1], *self.extras.get(i, ()))
        return Figure(key, self.numbers[i], location)

    def number(self, key: str) -> Number | None:
        """The number at ``key`` when the cell holds a valid one, else None."""
        i = _index(self.keys).get(key)
        return None if i is None else self.numbers[i]

    def numbers_of(self, table: str) -> dict[str, Number | None]:
        """Key → number of every value of table ``table`` (``t3``) read, in
        reading order (None: not a valid number)."""
        prefix = table + "."
        return {key: n for key, n in zip(self.keys, self.numbers) if key.startswith(prefix)}

    def source_line(self, line: int) -> str:
        """The source text of ``line`` if the profile kept it, else ''."""
        i = bisect_left(self.source_lines, line)
        if i < len(self.source_lines) and self.source_lines[i] == line:
            return self.source_text.split("\n")[i]
        return ""

    # ------------------------------------------------------------ JSON form

    def to_data(self) -> dict[str, Any]:
        """The profile as JSON-ready data (:meth:`from_data` reads it back)."""
        return {
            "format": FORMAT,
            "path": self.path,
            "organ": self.organ,
            "year": self.year,
            "templates": dict(self.templates),
            "keys": list(self.keys),
            "numbers": [str(n) if isinstance(n, Decimal) else n for n in self.numbers],
            "cells": list(self.cells),
            "extras": {str(i): list(extra) for i, extra in self.extras.items()},
            "prose": {str(n): p.to_data() for n, p in self.prose.items()},
            "source_lines": list(self.source_lines),
            "source_text": self.source_text,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "ReportProfile":
        """The profile :meth:`to_data` wrote; ValueError (or KeyError,
        TypeError) for data of another format or damaged."""
        if data.get("format") != FORMAT:
            raise ValueError(f"profile format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            path=data["path"],
            organ=data["organ"],
            year=data["year"],
            templates=dict(data["templates"]),
            keys=_shared(tuple(data["keys"])),
            numbers=tuple(Decimal(n) if isinstance(n, str) else n for n in data["numbers"]),
            cells=array("i", data["cells"]),
            extras={int(i): tuple(extra) for i, extra in data["extras"].items()},
            prose={int(n): SectionPrint.from_data(p) for n, p in data["prose"].items()},
            source_lines=array("i", data["source_lines"]),
            source_text=data["source_text"],
        )


_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _restore(path, organ, year, templates, keys, *rest) -> ReportProfile:
    return ReportProfile(path, organ, year, templates, _shared(keys), *rest)


def _shared(keys: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple object for every profile with these keys (reports of one
    template have the same), so that thousands of profiles hold one copy."""
    return _KEYS.setdefault(keys, keys)


@lru_cache(maxsize=64)
def _index(keys: tuple[str, ...]) -> dict[str, int]:
    return {key: i for i, key in enumerate(keys)}
