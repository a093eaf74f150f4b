"""Rules over several reports: the report set and the rule base class.

Some errors show only across reports: this year's 上年结转 against last
year's 结转下年度 (DOMAIN.md §3 T3.5), a report copied from last year's or
from a neighbour's (§5 E3).  A :class:`ReportSetRule` is a rule like any
other (code, name, severity, documentation; registered through the
``govlint_rules`` hook, selected and configured the same way), but instead
of ``check(doc)`` it implements ``check_set(reports)``::

    from govlint.model import Severity
    from govlint.repository.reportset import ReportSetRule

    class NewApplicationsDoubled(ReportSetRule):
        \"\"\"本年新收申请数是上年的两倍以上。

        What it does
        ------------
        ...
        \"\"\"

        code = "A901"
        name = "new-applications-doubled"
        severity = Severity.INFO

        def check_set(self, reports):
            for report in reports.targets:
                last = reports.previous(report)        # same organ, year − 1, or None
                if last is None:
                    continue
                now, before = report.profile.number("t3.new.total"), last.profile.number("t3.new.total")
                if now and before and now > 2 * before:
                    yield self.report_on(report, report.profile.figure("t3.new.total"),
                                         f"本年新收 {now} 件，是上年报告 {last.path} 的 {before} 件的两倍以上")

The engine (:mod:`govlint.repository.history`) runs these rules once the files of the
run are read: :class:`ReportSet` holds every report of the run plus the
reports of the repository's history folders (configuration ``history``);
``targets`` are the reports of the run the rule reports on — findings go
on them only, never on history files.  Each report is a :class:`Member`:
its :class:`~govlint.repository.profile.ReportProfile` (organ, year, table values,
the prose of 一 and 五), the path findings and messages show, and whether
it is a file of the run.  Reports are paired by organ
(:mod:`govlint.recognise.organs`, with the ``organ-aliases`` of the
configuration) and year.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from typing import Any, Iterable, Mapping, Sequence

import msgspec

from ..findings import Finding
from ..recognise.organs import OrganNames
from ..rule import Located, Rule
from .profile import ReportProfile


class Member(msgspec.Struct, frozen=True, eq=False):
    """A member of a report set, one report: ``path`` as findings and messages show it,
    ``in_run`` True for a file of the run, ``organ`` the canonical name
    (:meth:`OrganNames.canonical`)."""

    profile: ReportProfile
    path: str
    in_run: bool
    organ: str | None

    @property
    def year(self) -> int | None:
        return self.profile.year

    def describe(self) -> str:
        """``2023.txt（2023 年）`` for messages."""
        return f"{self.path}（{self.year} 年）" if self.year else self.path


class ReportSet:
    """The reports a rule over report sets sees (module docstring).

    ``reports`` holds each file once (a file of the run that is also in a
    history folder counts as the run's), sorted by path; ``targets`` the
    run's reports this rule reports on.  Reports without an organ name or
    a year are in ``reports`` but are never paired.
    """

    def __init__(self, reports: Iterable[Member], targets: Iterable[Member], names: OrganNames,
                 listed: Sequence[str] | None = None):
        #: the organs the configuration lists (``organs``, ``organs-file``), None: no list
        self.listed: tuple[str, ...] | None = tuple(listed) if listed is not None else None
        self.reports: tuple[Member, ...] = tuple(sorted(reports, key=lambda r: r.path))
        self.targets: tuple[Member, ...] = tuple(sorted(targets, key=lambda r: r.path))
        self.names = names
        self._by_name: dict[str, list[Member]] = defaultdict(list)
        self._by_form: dict[str, list[Member]] = defaultdict(list)
        for report in self.reports:
            if report.organ and report.year:
                self._by_name[report.organ].append(report)
                for form in names.short_forms(report.organ):
                    self._by_form[form].append(report)
        # by path, worked out once for every rule (see retarget)
        self._previous: dict[str, Member | None] = {}

    def retarget(self, targets: Iterable[Member]) -> "ReportSet":
        """The same reports, with what has been worked out about them, for
        other ``targets`` (each rule reports on the files it is on for)."""
        other = copy.copy(self)
        other.targets = tuple(sorted(targets, key=lambda r: r.path))
        return other

    def same_organ(self, report: Member) -> tuple[Member, ...]:
        """The other reports by ``report``'s organ (any year), those whose
        name is written exactly the same way first."""
        if not (report.organ and report.year):
            return ()
        exact = self._by_name[report.organ]
        related = [*self._by_form[report.organ],
                   *(r for form in self.names.short_forms(report.organ)[1:] for r in self._by_name[form])]
        found = dict.fromkeys(r for r in (*exact, *related) if r is not report)
        return tuple(found)

    def previous(self, report: Member) -> Member | None:
        """The same organ's report of the year before (a file of the run
        before a history file; then by path), or None."""
        if not report.year:
            return None
        if report.path not in self._previous:
            candidates = [r for r in self.same_organ(report) if r.year == report.year - 1]
            self._previous[report.path] = min(candidates, key=lambda r: (not r.in_run, r.path), default=None)
        return self._previous[report.path]

    def by_year(self, year: int) -> tuple[Member, ...]:
        """Every report of ``year`` whose organ is known."""
        return tuple(r for r in self.reports if r.year == year and r.organ)


class ReportSetRule(Rule):
    """Base class of rules over several reports (module docstring).  Not a
    rule itself: a subclass sets ``code``, ``name``, ``severity`` and its
    documentation, and implements :meth:`check_set`."""

    over_report_sets = True

    def check(self, doc) -> Iterable[Finding]:
        """Nothing: a rule over report sets runs once the run's files are read."""
        return ()

    @classmethod
    def check_config(cls, values: Mapping[str, Any]) -> None:
        """Raise ValueError (a Chinese message) when the configuration
        ``values`` the rule reads are malformed; called before any report
        is read, so that the run stops with a configuration error (exit 2)
        instead of the rule crashing on every file."""

    def check_set(self, reports: ReportSet) -> Iterable[Finding]:  # pragma: no cover - interface
        """Findings on ``reports.targets``, made with :meth:`report_on`."""
        raise NotImplementedError

    def report_on(self, report: Member, where: Located, message: str) -> Finding:
        """A finding of this rule at ``where`` in ``report`` (a target)."""
        return msgspec.structs.replace(self.report(where, message), path=report.path)


def set_rules(rules: Sequence[type[Rule]]) -> tuple[type[ReportSetRule], ...]:
    """The rules over report sets among ``rules``."""
    return tuple(r for r in rules if r.over_report_sets)
