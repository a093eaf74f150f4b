"""Cell values: what a data cell holds, parsed for the column's kind.

A cell is never silently turned into a number.  :func:`parse` keeps apart
what reviewers treat differently (DOMAIN.md §3 T0):

============  ======================================================
status        the cell holds
============  ======================================================
number        a valid value for the column: a non-negative integer
              (``count``), an integer with optional sign (``signed``,
              本年增/减), a decimal with optional unit (``amount``)
negative      a negative number in a column that does not allow one
fraction      a non-integer in an integer column
blank         nothing (spaces, U+3000): missing, *not* zero
dash          ``-``, ``—``, ``——``, ``–``
slash         ``/``, ``\\``
none-word     ``无``, ``暂无``, ``没有``
text          anything else
============  ======================================================

``number`` is set for the first three statuses: an ``int`` for ``count``
and ``signed`` columns, a :class:`~decimal.Decimal` for ``amount``.
``doubt`` is set when the cell's row was recognised with low confidence
(its label off the template, or a line of text read as the row): the reason,
for findings that rest on the value.
Full-width digits, padding (``'　0'``, ``'0 '``), thousands separators and a
trailing unit (``元``, ``万元``, ``件``…; kept in ``unit``) are accepted.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import msgspec

from ...model import Cell, Location
from ...normalize import compact
from ...regexes import compile_re

STATUSES = ("number", "negative", "fraction", "blank", "dash", "slash", "none-word", "text")
#: Statuses of cells that hold a value, not a label (everything but text).
VALUE_STATUSES = frozenset(STATUSES) - {"text"}

_NUMBER = compile_re(
    r"(?P<sign>[+\-−])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?P<unit>亿元|万元|元|件|个|项|条|次|宗|人次)?"
)
_DASHES = frozenset("-—–―─－")
_SLASHES = frozenset("/\\")
_NONE_WORDS = frozenset({"无", "暂无", "没有"})


class Value(msgspec.Struct, frozen=True, gc=False):
    """One data cell read for a template column.

    ``key`` is the canonical key (None when the row's cells could not be
    assigned to columns, see :class:`~govlint.recognise.templates.matcher.RowMatch`),
    ``cell`` the model cell (its location), ``kind`` the column's kind,
    ``raw`` the text as written, ``doubt`` why the cell's row is uncertain
    (None: it is not).
    """

    key: str | None
    cell: Cell
    kind: str
    raw: str
    status: str
    number: int | Decimal | None = None
    unit: str | None = None
    doubt: str | None = None

    @property
    def location(self) -> Location:
        return self.cell.location

    @property
    def is_number(self) -> bool:
        """True when the cell holds a valid value for its column."""
        return self.status == "number"


def parse(cell: Cell, kind: str = "count", key: str | None = None, doubt: str | None = None) -> Value:
    """Read ``cell`` as a value of ``kind`` (``count``, ``signed``, ``amount``)."""
    status, number, unit = classify(cell.text, kind)
    return Value(key, cell, kind, cell.text, status, number, unit, doubt)


@lru_cache(maxsize=16384)
def classify(text: str, kind: str = "count") -> tuple[str, int | Decimal | None, str | None]:
    """``(status, number, unit)`` of ``text`` read for ``kind`` (cached:
    tables repeat the same few texts)."""
    s = compact(text)
    if not s:
        return "blank", None, None
    if set(s) <= _DASHES:
        return "dash", None, None
    if set(s) <= _SLASHES:
        return "slash", None, None
    if s in _NONE_WORDS:
        return "none-word", None, None
    m = _NUMBER.fullmatch(s)
    if not m:
        return "text", None, None
    negative = m["sign"] in ("-", "−")
    magnitude = Decimal(m["digits"].replace(",", "") + (f".{m['frac']}" if m["frac"] else ""))
    value = -magnitude if negative else magnitude
    if kind == "amount":
        return ("negative" if negative and value else "number"), value, m["unit"]
    if value != value.to_integral_value():
        return "fraction", value, m["unit"]
    status = "negative" if negative and value and kind != "signed" else "number"
    return status, int(value), m["unit"]


@lru_cache(maxsize=16384)
def is_value(text: str) -> bool:
    """True when ``text`` reads as a data value (number, dash, 无…), i.e.
    not as a label; blanks are values too (cached: asked of every cell by
    each template tried)."""
    return classify(text)[0] in VALUE_STATUSES
