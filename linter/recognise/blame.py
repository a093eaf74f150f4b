"""The cell to blame: one entry that explains several failing identities.

A cell of table 三 lies on one row (T3.3: 总计 = the six requester columns)
and one or two columns (T3.1, T3.2).  When an entry is wrong, the row and
the column through it both fail, and a reviewer intersects them by hand.
:func:`blame` does it: a cell is *to blame* when

* at least two failing instances (``violated``, ``=``) of the identities
  read it,
* corrected alone, it makes each of them hold with **the same** value
  (``按行应为 4，按列应为 4``), a count (a whole number, not negative),
* no instance that holds reads it (correcting it would break that one),
* and no other cell explains any of those instances as well (two crossing
  rows and columns leave the choice open: nothing is blamed).

A total is blamed the same way: ``一、本年新收``'s 总计 lies on the row
``一、本年新收`` (T3.3) and the column 总计 (T3.1); when it alone disagrees
with both, it is the one named.  Table 四's groups share no cell (one total
per group), so nothing of 四 is blamed in the national format; the
mechanism takes any identities and would.

Each :class:`Blame` carries the instances it explains, so the A rules can
leave them to the one finding on the cell (A014).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import msgspec

from .identities import Number, Operand, Outcome, fmt, identity
from .templates import TemplateTables

#: The identities whose crossings are looked at: table 三's rows and
#: columns, table 四's groups.
CROSSING = ("T3.1", "T3.2", "T3.3", "T4.1")


class Blame(msgspec.Struct, frozen=True):
    """``cell``, corrected to ``expected``, makes every instance of
    ``outcomes`` (the failing ones reading it) hold."""

    cell: Operand
    expected: Number
    outcomes: tuple[Outcome, ...]

    @property
    def doubt(self) -> str | None:
        """Why a row of the instances was read with low confidence, or None."""
        reasons = dict.fromkeys(o.doubt for o in self.outcomes if o.doubt)
        return "；".join(reasons) if reasons else None

    def describe(self) -> str:
        """``“（三）不予公开 3.危及…”行“自然人”列：按行应为 4，按列应为 4，表中为 5（T3.3、T3.2 不成立均因此格）``."""
        by = dict.fromkeys(o.scope_kind or "项" for o in sorted(self.outcomes, key=_row_first))
        expected = "，".join(f"按{kind}应为 {fmt(self.expected)}" for kind in by)
        ids = "、".join(dict.fromkeys(o.identity.id for o in sorted(self.outcomes, key=_row_first)))
        return f"{self.cell.cell_name}：{expected}，表中为 {fmt(self.cell.number)}（{ids} 不成立均因此格）"


def _row_first(outcome: Outcome) -> int:
    return {"行": 0, "列": 1}.get(outcome.scope_kind, 2)


def outcome_id(outcome: Outcome) -> tuple[str, tuple]:
    """An instance's identity, the same whichever rule evaluated it."""
    return outcome.identity.id, tuple(sorted(outcome.binding.items()))


def _correction(outcome: Outcome, operand: Operand) -> Number | None:
    """The value ``operand`` must have for ``outcome`` (``=``) to hold when
    nothing else changes; None when it appears more than once."""
    if sum(1 for o in outcome.operands if o.key == operand.key) != 1:
        return None
    on_left = any(o is operand for o in outcome.left)
    change = -outcome.difference if on_left else outcome.difference
    return operand.number + change * operand.sign


def _is_count(n: Number) -> bool:
    return n >= 0 and (not isinstance(n, Decimal) or n == n.to_integral_value())


def blame(tables: TemplateTables, ids: Iterable[str] = CROSSING) -> tuple[Blame, ...]:
    """The cells to blame in ``tables`` (see the module docstring), in
    template order; worked out once per document."""
    ids = tuple(ids)
    memo_key = ("blame", ids)
    if memo_key in tables.memo:
        return tables.memo[memo_key]
    outcomes = [o for i in ids for o in identity(i).evaluate(tables)
                if o.op == "=" and o.status in ("ok", "violated")]
    # a cell that an instance holding reads is not to blame: only the
    # violated instances' other cells are gathered
    violated = [o for o in outcomes if o.status == "violated"]
    held = {operand.key for o in outcomes if o.status == "ok" for operand in o.operands} if violated else set()
    reading: dict[str, list[tuple[Outcome, Operand]]] = {}
    for outcome in violated:
        for operand in outcome.operands:
            if operand.key is not None and operand.number is not None and operand.key not in held:
                reading.setdefault(operand.key, []).append((outcome, operand))
    candidates: list[Blame] = []
    for uses in reading.values():
        if len(uses) < 2:
            continue
        expected = {_correction(o, operand) for o, operand in uses}
        if len(expected) != 1 or None in expected:
            continue
        value = expected.pop()
        if _is_count(value):
            candidates.append(Blame(uses[0][1], value, tuple(o for o, _ in uses)))
    explaining: dict[tuple, int] = {}
    for c in candidates:
        for o in c.outcomes:
            explaining[outcome_id(o)] = explaining.get(outcome_id(o), 0) + 1
    found = tuple(sorted((c for c in candidates if all(explaining[outcome_id(o)] == 1 for o in c.outcomes)),
                         key=lambda c: c.cell.order))
    tables.memo[memo_key] = found
    return found


def explained(tables: TemplateTables) -> frozenset[tuple[str, tuple]]:
    """The failing instances a blamed cell explains (:func:`outcome_id`)."""
    return frozenset(outcome_id(o) for b in blame(tables) for o in b.outcomes)
