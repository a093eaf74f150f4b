"""What rules over several reports need to know about one report, kept small.

A run over a repository may hold thousands of reports at once (the run's
files and the history, see :mod:`govlint.repository.history`), so rules over report
sets (:mod:`govlint.repository.reportset`) read a :class:`ReportProfile`, not the whole
:class:`~govlint.recognise.report.Report`: the organ, the year, the template each
table was matched with, every table value by canonical key with its cell's
location, the prints of the sections compared for copying (一 and 五: their
normalised sentences, where each starts and how a message quotes it, see
:class:`~govlint.repository.similarity.SectionPrint` — not their paragraphs),
the prose's changes against last year (``同比增加3件``: :class:`Change`),
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

import zlib
from array import array
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache
from typing import Any, Mapping, Sequence

import msgspec

from ..model import Location
from ..recognise.claims import judge, organ_scope
from ..recognise.organs import organ_name
from ..recognise.report import Report
from .similarity import SectionPrint, location_extra
from .textzip import unzip_text, zip_text

Number = int | Decimal

#: The sections whose prose is kept: 一、总体情况 and 五、存在的主要问题及改进情况
#: (DOMAIN.md §5 E3, the sections copied from year to year).
PROSE_SECTIONS = (1, 5)
#: Bumped whenever the stored form changes (part of the history cache key).
FORMAT = 3
#: An empty mapping shared by the profiles that have nothing to put in one (never changed).
_EMPTY: Mapping[Any, Any] = {}


class Figure(msgspec.Struct, frozen=True, gc=False):
    """One table value of a profile: its number (None unless the cell holds
    a valid number for its column) and where the cell is."""

    key: str
    number: Number | None
    location: Location


class Change(msgspec.Struct, frozen=True, gc=False):
    """A change against last year the prose states (``收到申请12件，同比增加3件``,
    claim kind ``change``, :mod:`govlint.recognise.claims.attached`): ``kind``
    the kind of the count it qualifies, ``count`` that count, ``value`` the
    change (None: only its ``direction``, +1, −1 or 0) in ``unit`` (件 or %),
    where it is, ``quote`` the words from the count to the change, and
    ``reason`` why a comparison of the sentence with the tables is
    uncertain (a scope phrase), if it is."""

    kind: str
    count: Number
    value: Number | None
    unit: str | None
    direction: int
    line: int
    column: int
    quote: str
    reason: str | None = None

    @classmethod
    def of(cls, doc: Report) -> tuple[Change, ...]:
        """The changes of ``doc``'s prose whose count is exact, about the
        report's own year and not surely another scope's."""
        organ = organ_scope(doc)
        found = []
        for claim in doc.claims:
            count = claim.of
            if claim.kind != "change" or count is None or count.hedge or count.with_carried or claim.hedge:
                continue
            verdict = judge(count, organ)
            if verdict.compared and count.value is not None:
                where = claim.location
                quote = claim.paragraph.text[count.start:claim.end]
                found.append(cls(count.kind, count.value, claim.value, claim.unit, claim.direction, where.line,
                                 where.column, quote, verdict.reason))
        return tuple(found)

    def to_data(self) -> list[Any]:
        return [self.kind, _number_data(self.count), _number_data(self.value), self.unit, self.direction,
                self.line, self.column, self.quote, self.reason]

    @classmethod
    def from_data(cls, data: Sequence[Any]) -> Change:
        kind, count, value, *rest = data
        return cls(kind, _number_of(count), _number_of(value), *rest)


def _number_data(n: Number | None) -> Any:
    return str(n) if isinstance(n, Decimal) else n


def _number_of(data: Any) -> Number | None:
    return Decimal(data) if isinstance(data, str) else data


class ReportProfile(msgspec.Struct, frozen=True, gc=False):
    """One report as rules over report sets see it (module docstring).

    ``path`` is the file's path as it was read (for standard input: the
    name it was read as); ``templates`` maps each recognised table
    (``t2``…) to the template it was matched with; ``prose`` maps a section
    number of :data:`PROSE_SECTIONS` to its
    :class:`~govlint.repository.similarity.SectionPrint` (sections not found
    are absent).  The other fields store the table values and source lines
    compactly; read them with :meth:`figure`, :meth:`number`,
    :meth:`numbers_of` and :meth:`source_line`, and make a profile with
    :meth:`of` or :meth:`build`.
    """

    path: str
    organ: str | None
    year: int | None
    templates: Mapping[str, str]
    #: canonical keys of the values read (one tuple shared by the profiles of a template)
    keys: tuple[str, ...]
    #: their numbers where a small int (else the least value of the array's
    #: type, and the number in ``odd``; None there: not a valid number), as
    #: an array compressed (:func:`_zipped`; read with :func:`_unzipped`)
    values: bytes
    odd: Mapping[int, Number | None]
    #: the cells: line and column of each, one after the other (compressed the same way)
    cells: bytes
    #: value index -> (end_line, end_column, page, label), for cells that have any
    extras: Mapping[int, tuple[Any, ...]]
    prose: Mapping[int, SectionPrint]
    #: the source lines the locations point at: their numbers (compressed as
    #: ``values``), and their texts joined by newlines, UTF-8, compressed
    #: with the dictionary ``source_dict``
    #: (:mod:`govlint.repository.textzip`; read only for findings)
    source_lines: bytes
    source_zip: bytes
    source_dict: bytes
    changes: tuple[Change, ...] = ()

    @classmethod
    def of(cls, doc: Report) -> ReportProfile:
        """The profile of ``doc``."""
        values = [v for match in doc.template.tables.values() for v in match.values.values() if v.key]
        organ = organ_name(doc)
        prose = {n: SectionPrint.of(s.paragraphs, organ) for n in PROSE_SECTIONS if (s := doc.section(n)) is not None}
        lines = {v.location.line for v in values}
        lines.update(line for p in prose.values() for line in p.places[::2])
        changes = Change.of(doc)
        lines.update(change.line for change in changes)
        return cls.build(doc.path, organ, doc.year,
                         templates={key: match.template for key, match in doc.template.tables.items()},
                         figures=[(v.key, v.number if v.is_number else None, v.location) for v in values],
                         prose=prose, lines={line: doc.source_line(line).rstrip("\r\n") for line in lines},
                         changes=changes)

    @classmethod
    def build(cls, path: str, organ: str | None, year: int | None, *, templates: Mapping[str, str] = _EMPTY,
              figures: Sequence[tuple[str, Number | None, Location]] = (),
              prose: Mapping[int, SectionPrint] = _EMPTY, lines: Mapping[int, str] = _EMPTY,
              changes: Sequence[Change] = ()) -> ReportProfile:
        """A profile from its parts: ``figures`` the table values (canonical
        key, number, cell), ``lines`` the source lines locations point at,
        ``changes`` the prose's changes against last year."""
        numbers = [n for _, n, _ in figures]
        cells = [n for _, _, loc in figures for n in (loc.line, loc.column)]
        extras = {i: extra for i, (_, _, loc) in enumerate(figures) if any(extra := location_extra(loc))}
        ordered = sorted(lines)
        return cls._stored(path, organ, year, templates, tuple(k for k, _, _ in figures), numbers, cells, extras,
                           prose, ordered, "\n".join(lines[line] for line in ordered), changes)

    @classmethod
    def _stored(cls, path, organ, year, templates, keys, numbers, cells, extras, prose, source_lines,
                source_text, changes=()) -> ReportProfile:
        values, odd = _packed(numbers)
        return cls(path, organ, year, _shared(dict(templates)), _shared(tuple(keys)), _zipped(values), odd,
                   _zipped(_ints(cells)), dict(extras) or _EMPTY, dict(prose), _zipped(_ints(source_lines)),
                   *zip_text(source_text), tuple(changes))

    def __reduce__(self):
        """Pickled (from a ``--jobs`` worker to the parent) with the source
        lines' text as text, compressed again with the parent's dictionary,
        and to share the keys and templates again with the other profiles
        of the template."""
        return _restore, (self.path, self.organ, self.year, self.templates, self.keys, self.values, self.odd,
                          self.cells, self.extras, self.prose, self.source_lines, self._source_text(), self.changes)

    def _source_text(self) -> str:
        return "\n".join(_lines(self.source_zip, self.source_dict))

    def _number(self, i: int) -> Number | None:
        values = _unzipped(self.values)
        value = values[i]
        return self.odd[i] if value == _ODD[values.typecode] else value

    @property
    def numbers(self) -> tuple[Number | None, ...]:
        """Every value's number, in the order of :attr:`keys` (None: not a valid number)."""
        return tuple(self._number(i) for i in range(len(self.keys)))

    def figure(self, key: str) -> Figure | None:
        """The value at canonical ``key`` (None: no such cell was read)."""
        i = _index(self.keys).get(key)
        if i is None:
            return None
        cells = _unzipped(self.cells)
        location = Location(cells[2 * i], cells[2 * i + 1], *self.extras.get(i, ()))
        return Figure(key, self._number(i), location)

    def number(self, key: str) -> Number | None:
        """The number at ``key`` when the cell holds a valid one, else None."""
        i = _index(self.keys).get(key)
        return None if i is None else self._number(i)

    def numbers_of(self, table: str) -> dict[str, Number | None]:
        """Key → number of every value of table ``table`` (``t3``) read, in
        reading order (None: not a valid number)."""
        return {self.keys[i]: self._number(i) for i in _by_table(self.keys).get(table, ())}

    def source_line(self, line: int) -> str:
        """The source text of ``line`` if the profile kept it, else ''."""
        lines = _unzipped(self.source_lines)
        i = bisect_left(lines, line)
        if i < len(lines) and lines[i] == line:
            return _lines(self.source_zip, self.source_dict)[i]
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
            "cells": list(_unzipped(self.cells)),
            "extras": {str(i): list(extra) for i, extra in self.extras.items()},
            "prose": {str(n): p.to_data() for n, p in self.prose.items()},
            "source_lines": list(_unzipped(self.source_lines)),
            "source_text": self._source_text(),
            "changes": [change.to_data() for change in self.changes],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ReportProfile:
        """The profile :meth:`to_data` wrote; ValueError (or KeyError,
        TypeError) for data of another format or damaged."""
        if data.get("format") != FORMAT:
            raise ValueError(f"profile format {data.get('format')!r}, expected {FORMAT}")
        return cls._stored(
            data["path"], data["organ"], data["year"], data["templates"], data["keys"],
            [Decimal(n) if isinstance(n, str) else n for n in data["numbers"]], data["cells"],
            {int(i): tuple(extra) for i, extra in data["extras"].items()},
            {int(n): SectionPrint.from_data(p) for n, p in data["prose"].items()},
            data["source_lines"], data["source_text"], [Change.from_data(c) for c in data["changes"]],
        )


#: In :attr:`ReportProfile.values` of each type: the number is in ``odd``.
_ODD = {"h": -(2**15), "i": -(2**31)}


def _packed(numbers: Sequence[Number | None]) -> tuple[array, Mapping[int, Number | None]]:
    """Numbers as 16- or 32-bit ints, and those that are not (None,
    decimals, large ones) by index."""
    ints = [n for n in numbers if type(n) is int and _ODD["i"] < n < 2**31]
    code = "h" if all(_ODD["h"] < n < 2**15 for n in ints) else "i"
    values, odd, mark = [], {}, _ODD[code]
    for i, n in enumerate(numbers):
        if type(n) is int and mark < n <= -mark - 1:
            values.append(n)
        else:
            values.append(mark)
            odd[i] = n
    return array(code, values), odd or _EMPTY


def _ints(numbers: Sequence[int]) -> array:
    """Non-negative ints in the smallest array that holds them."""
    return array("H" if all(0 <= n < 65536 for n in numbers) else "i", numbers)


def _zipped(numbers: array) -> bytes:
    """An array of numbers as one compressed string, its typecode first:
    a profile's table values, cells and line numbers are read for a few
    findings and by the rules one profile after the other, and are kept for
    thousands of reports (mostly small, alike numbers: they compress to a
    third)."""
    return zlib.compress(numbers.typecode.encode("ascii") + numbers.tobytes(), 1)


@lru_cache(maxsize=64)
def _unzipped(data: bytes) -> array:
    """The array :func:`_zipped` compressed (one profile's arrays are read one after the other)."""
    raw = zlib.decompress(data)
    return array(chr(raw[0]), raw[1:])


@lru_cache(maxsize=16)
def _lines(source_zip: bytes, source_dict: bytes) -> tuple[str, ...]:
    """The source lines a profile keeps (a profile's findings ask for them one after the other)."""
    return tuple(unzip_text(source_zip, source_dict).split("\n"))


_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


_TEMPLATES: dict[tuple[tuple[str, str], ...], Mapping[str, str]] = {}


def _restore(path, organ, year, templates, keys, values, odd, cells, extras, prose, source_lines, source_text,
             changes) -> ReportProfile:
    return ReportProfile(path, organ, year, _shared(templates), _shared(keys), values, odd or _EMPTY, cells,
                         extras or _EMPTY, prose, source_lines, *zip_text(source_text), changes)


def _shared(found: Any) -> Any:
    """One object for every profile with these keys or templates (reports
    of one template have the same), so that thousands of profiles hold one copy."""
    if isinstance(found, tuple):
        return _KEYS.setdefault(found, found)
    return _TEMPLATES.setdefault(tuple(sorted(found.items())), found) if found else _EMPTY


@lru_cache(maxsize=64)
def _index(keys: tuple[str, ...]) -> dict[str, int]:
    return {key: i for i, key in enumerate(keys)}


@lru_cache(maxsize=64)
def _by_table(keys: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Table (``t3``) → the indices of its keys, in order (profiles of a template share their keys)."""
    tables: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        table, dot, _ = key.partition(".")
        if dot:
            tables.setdefault(table, []).append(i)
    return {table: tuple(indices) for table, indices in tables.items()}
