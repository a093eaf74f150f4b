"""Identities between a report and the same organ's report of the year
before (``crossyear.toml``), and the base class of the rules reporting them.

A check's formula is written in the grammar of :mod:`govlint.recognise.identities`
(parsed by it, never evaluated as code); a key prefixed ``prev.`` is read
from the previous year's report.  The cells are labelled with the template
each report's table was matched with, so a 2020 report (2019 format) pairs
with a 2021 one wherever the keys are the same (table 三's rows).
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar, Iterator, Sequence

import msgspec

from govlint.data import read_toml
from govlint.model import Location, Severity
from govlint.recognise.identities import Formula, Number, Operand, Term, cell_labels, fmt, match_key
from govlint.recognise.templates import template
from govlint.repository.reportset import Member, ReportSetRule

PREVIOUS = "prev."


class Cell(msgspec.Struct, frozen=True):
    """One term of an instance: the report it is read from and the cell."""

    report: Member
    operand: Operand


class Outcome(msgspec.Struct, frozen=True):
    """One instance of a check on a pair of reports, every cell a number."""

    check: "Check"
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]
    location: Location

    @property
    def totals(self) -> tuple[Number, Number]:
        return (sum(c.operand.signed for c in self.left), sum(c.operand.signed for c in self.right))

    @property
    def holds(self) -> bool:
        return self.check.formula.holds(*self.totals)

    def describe(self) -> str:
        """``T3.5：a.txt 的“二、上年结转”行“自然人”列 3，不等于 b.txt 的…… 2``."""
        left, right = self.totals
        return f"{self.check.id}：{_side(self.left, left)}，不等于 {_side(self.right, right)}"


class Check(msgspec.Struct, frozen=True):
    """One ``[[check]]`` of ``crossyear.toml`` (see its comments)."""

    id: str
    rule: str
    title: str
    formula: Formula
    each: str
    ref: str

    def evaluate(self, this: Member, previous: Member) -> Iterator[Outcome]:
        """The instances over ``this`` report's cells whose every cell, in
        ``this`` and ``previous``, holds a number."""
        for key, formula in _bound(self.each, self.formula, this.profile.keys):
            left = _cells(formula.left, this, previous)
            right = _cells(formula.right, this, previous)
            anchor = this.profile.figure(key)
            if left is not None and right is not None and anchor is not None:
                yield Outcome(self, left, right, anchor.location)


@lru_cache(maxsize=256)
def _bound(each: str, formula: Formula, keys: tuple[str, ...]) -> tuple[tuple[str, Formula], ...]:
    """Each key of ``keys`` that ``each`` matches, with ``formula`` bound
    for it (worked out once: the profiles of a template share their keys)."""
    return tuple((key, formula.bind(binding)) for key in keys if (binding := match_key(each, key)) is not None)


def _cells(terms: Sequence[Term], this: Member, previous: Member) -> tuple[Cell, ...] | None:
    cells = []
    for term in terms:
        pattern = term.pattern or ""
        report, key = (previous, pattern[len(PREVIOUS):]) if pattern.startswith(PREVIOUS) else (this, pattern)
        table = key.partition(".")[0]
        figure = report.profile.figure(key)
        if figure is None or figure.number is None:
            return None
        spec = template(report.profile.templates[table]).tables[table]
        operand = Operand(key, term.sign, None, figure.number, None, figure.location, **cell_labels(spec, key))
        cells.append(Cell(report, operand))
    return tuple(cells)


def _side(cells: Sequence[Cell], total: Number) -> str:
    """The cells of one side, each prefixed with its file where it changes."""
    parts, last = [], None
    for i, cell in enumerate(cells):
        sign = "−" if cell.operand.sign < 0 else "+"
        where = f"{cell.report.path} 的" if cell.report is not last else ""
        lead = f"{sign} " if i else ("−" if cell.operand.sign < 0 else "")
        parts.append(f"{lead}{where}{cell.operand.cell_name} {fmt(cell.operand.number)}")
        last = cell.report
    text = " ".join(parts)
    return f"{text} = {fmt(total)}" if len(cells) > 1 else text


@lru_cache(maxsize=1)
def checks() -> dict[str, Check]:
    """Every check of ``crossyear.toml`` by id."""
    data = read_toml(__package__, "crossyear.toml")
    return {c["id"]: Check(c["id"], c["rule"], c["title"], Formula.parse(c["formula"]), c["each"], c["ref"])
            for c in data["check"]}


class CrossYearRule(ReportSetRule):
    """Base class of the rules reporting one check (not a rule itself)."""

    #: the id of the check this rule reports (``"T3.5"``)
    check_id: ClassVar[str] = ""
    #: what the message adds after the values
    hint: ClassVar[str] = ""
    severity = Severity.WARNING

    def check_set(self, reports):
        check = checks()[self.check_id]
        for report in reports.targets:
            previous = reports.previous(report)
            if previous is None:
                continue
            for outcome in check.evaluate(report, previous):
                if not outcome.holds:
                    yield self.report_on(report, outcome.location, f"{outcome.describe()}；{self.hint}")
