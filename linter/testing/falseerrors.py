"""Measuring false errors: generated clean reports, in every layout, linted.

A report of :func:`~govlint.testing.prose.realistic_report` is clean by
construction, so every ERROR finding on it is a false error.  This module
writes a batch of them in one layout (:func:`~govlint.testing.formats.write_reports`:
PDFs printed in one LibreOffice call), lints the files as the command line
does (:func:`govlint.run.engine.lint`, default rules, no configuration, no
cache; ``jobs`` processes) and explains each false error: the layout and
seed that reproduce it, the finding, the report as read around its line
and the generated sentences in that window::

    from govlint.testing.falseerrors import check_layout

    for outcome in check_layout("docx", range(20), tmp_path):
        for error in outcome.errors:
            print(error.explain())

The test ``tests/testing/test_false_errors.py`` and the measurement
``bench/false_errors.py`` both run on it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import msgspec

from ..findings import Finding
from ..model import Severity
from ..recognise.outline import canonical_heading
from ..run.config import Options, display_path
from ..run.engine import lint
from ..run.pipeline import read_document
from ..run.plugins import Plugins, load_plugins
from .formats import write_reports
from .prose import Realistic, Sentence, realistic_report
from .synthetic import SECTIONS

#: Lines shown either side of a finding's line.
WINDOW = 2
#: Text a message quotes (the claim, the heading…).
_QUOTED = re.compile(r"“([^”]+)”")


class FalseError(msgspec.Struct, frozen=True):
    """An error finding on a generated clean report."""

    layout: str
    seed: int
    finding: Finding
    #: the report as read: (line number, text) around the finding's line
    context: tuple[tuple[int, str], ...]
    #: the generated sentences that show in ``context``: those holding text
    #: the message quotes first, then those on the finding's line, the
    #: inserted ones before the composed ones
    near: tuple[Sentence, ...]
    #: the section headings as recognised: (number, line, text)
    outline: tuple[tuple[int, int, str], ...] = ()
    #: generated sentences recognised as section headings
    headings: tuple[Sentence, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        """The bank categories of what most likely provoked the finding: for
        a structure (S) finding the sentences taken for headings, else the
        sentences near it (in the order of :attr:`near`)."""
        culprits = self.headings if self.finding.code.startswith("S") and self.headings else self.near
        return tuple(dict.fromkeys(s.category for s in culprits))

    def explain(self) -> str:
        f = self.finding
        where = f" ({f.location})" if f.location else ""
        out = [f"[{self.layout} seed {self.seed}] {f.code} {f.severity.label} line {f.line}{where}: {f.message}",
               "  report as read:"]
        out += [f"    {'>' if n == f.line else ' '}{n:4d} | {text[:160]}" for n, text in self.context]
        out.append("  generated sentences there:" if self.near else "  no generated sentence there")
        out += [f"    [{s.category}{', inserted' if s.inserted else ''}, section {s.section}] {s.text}"
                for s in self.near]
        if f.code.startswith("S"):
            out.append("  section headings as recognised:")
            out += [f"    {number} line {line}: {text[:80]}" for number, line, text in self.outline]
            out += [f"  taken for a heading: [{s.category}{', inserted' if s.inserted else ''}] {s.text}"
                    for s in self.headings]
        return "\n".join(out)


class Outcome(msgspec.Struct, frozen=True):
    """One generated report linted."""

    layout: str
    report: Realistic
    path: str
    findings: tuple[Finding, ...]
    errors: tuple[FalseError, ...] = ()
    #: internal errors (a rule that crashed on the report)
    problems: tuple[str, ...] = ()

    @property
    def seed(self) -> int:
        return self.report.seed

    @property
    def clean(self) -> bool:
        return not self.errors and not self.problems


def check_layout(layout: str, seeds: Iterable[int], directory: str | os.PathLike, *, jobs: int = 1,
                 plugins: Plugins | None = None) -> list[Outcome]:
    """Write the reports ``seeds`` in ``layout`` to ``directory``, lint them
    and explain their errors (module docstring).  Raises
    :class:`~govlint.testing.formats.PrinterMissing` for ``pdf`` where
    LibreOffice is not installed."""
    plugins = plugins or load_plugins()
    reports = [realistic_report(seed) for seed in seeds]
    paths = write_reports([(f"{layout}-{r.seed:05d}", r.spec) for r in reports], layout, directory)
    problems: list[str] = []
    result = lint([os.fspath(p) for p in paths], Options(jobs=jobs, use_config=False, cache=False),
                  plugins=plugins, warn=problems.append)
    found = {r.path: r.findings for r in result.files}
    outcomes = []
    for report, path in zip(reports, paths):
        shown = display_path(os.fspath(path))
        findings = found.get(shown, ())
        errors = [f for f in findings if f.severity >= Severity.ERROR]
        mine = tuple(p for p in problems if shown in p or path.name in p)
        outcomes.append(Outcome(layout, report, shown, tuple(findings),
                                tuple(explain(layout, report, path, errors, plugins)) if errors else (), mine))
    return outcomes


def explain(layout: str, report: Realistic, path: Path, errors: Sequence[Finding],
            plugins: Plugins | None = None) -> list[FalseError]:
    """The ``errors`` found on ``report`` written in ``layout`` at ``path``,
    with what explains them (:class:`FalseError`)."""
    plugins = plugins or load_plugins()
    doc = read_document(os.fspath(path), readers=plugins.readers)
    outline = tuple((s.number, s.heading.location.line, s.heading.text) for s in doc.sections)
    real = {canonical_heading(n).replace(" ", "") for n in SECTIONS}
    taken = report.near("\n".join(text for _, _, text in outline if "".join(text.split()) not in real))
    out = []
    for finding in errors:
        lines = range(max(1, finding.line - WINDOW), min(len(doc.lines), finding.line + WINDOW) + 1)
        context = tuple((n, doc.source_line(n).rstrip("\r\n")) for n in lines)
        on_line = report.near(doc.source_line(finding.line), share=0)
        around = [s for s in report.near("\n".join(text for _, text in context)) if s not in on_line]
        quoted = [q for q in _QUOTED.findall(finding.message) if len(q) > 1]
        near = sorted(on_line + around, key=lambda s: (not any(q in s.text for q in quoted), s not in on_line,
                                                       not s.inserted))
        out.append(FalseError(layout, report.seed, finding, context, tuple(near), outline, tuple(taken)))
    return out


def summary(outcomes: Sequence[Outcome]) -> dict:
    """Figures for one layout: reports, reports with at least one error,
    the share of error-free reports, false errors by rule code and by
    (code, category of the inserted sentence near it)."""
    errors = [e for o in outcomes for e in o.errors]
    failed = sum(not o.clean for o in outcomes)
    return {
        "reports": len(outcomes),
        "with_error": failed,
        "error_free_rate": round(1 - failed / len(outcomes), 4) if outcomes else None,
        "errors": len(errors),
        "internal_errors": sum(len(o.problems) for o in outcomes),
        "by_code": dict(Counter(e.finding.code for e in errors).most_common()),
        "by_class": dict(Counter(f"{e.finding.code} {(e.categories or ('-',))[0]}" for e in errors).most_common()),
    }


__all__ = ["FalseError", "Outcome", "WINDOW", "check_layout", "explain", "summary"]
