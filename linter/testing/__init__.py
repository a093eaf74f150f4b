"""Test helpers for rule authors (built-in rules and plugins use the same).

Expected findings are written next to the report text, markdownlint-style:
a marker ``«CODE»`` (or ``«S003,S004»``) at the end of the line the finding
must point at::

    from govlint.testing import assert_findings

    def test_arabic_numeral():
        assert_findings(HeadingNumbering, '''
    一、总体情况
    4、 政府信息公开行政复议、行政诉讼情况 «S003»
    ''')

Markers are removed before the text is read, so line numbers are those of
the report as the reader sees it.

A rule is given as its class or as a code or name (looked up among the
installed plugins, so a plugin's tests also check that it is registered).
A report is inline text, a :class:`~govlint.model.Document`, or a fixture
file given as a :class:`pathlib.Path`::

    assert_fixture_findings("L001", Path(__file__).parent / "fixtures" / "2023.txt",
                            [(78, "L001", "上年问题整改情况")])

Cases can also be data, one YAML file per rule (``rule:`` and a list of
``cases:``, each with ``name``, ``report``, optional ``filename``,
``config`` and ``limits``, limits of :mod:`govlint.limits` set while the
report is read, e.g. ``{TABLE_CELLS: 12}``): :func:`load_cases` reads them
and :func:`check_case` runs one; govlint's own ``tests/rules/cases/`` are
written this way.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import msgspec

from .. import limits as _limits
from ..findings import Finding
from ..model import Document
from ..rule import Rule
from ..run.config import display_path
from ..run.pipeline import read_document

MARKER = re.compile(r"[ \t]*«\s*([A-Z]{1,3}\d{3}(?:\s*,\s*[A-Z]{1,3}\d{3})*)\s*»[ \t]*$")

RuleRef = type[Rule] | str
ReportInput = str | bytes | Document | os.PathLike


def split_markers(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text without markers, and the expected ``(line, code)`` pairs."""
    lines, expected = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        m = MARKER.search(line)
        if m:
            expected.extend((number, code.strip()) for code in m.group(1).split(","))
            line = line[: m.start()]
        lines.append(line)
    return "\n".join(lines), sorted(expected)


def _readers():
    from ..run.plugins import load_plugins

    return load_plugins().readers


def read_report(text: str | bytes, filename: str = "report.txt") -> Document:
    """Read inline report text as if it were the file ``filename``."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(filename, data, readers=_readers())


def read_fixture(path: str | os.PathLike) -> Document:
    """Read a report file (any format a reader handles)."""
    return read_document(os.fspath(path), readers=_readers())


def find_rule(rule: RuleRef) -> type[Rule]:
    """``rule`` itself, or the installed rule with that code or name (its
    class, not a built-in rule's stand-in)."""
    if isinstance(rule, type):
        return rule
    from ..run.plugins import load_plugins

    found = load_plugins().find_rule(rule)
    if found is None:
        raise LookupError(f"no installed rule {rule!r} (is the plugin installed?)")
    return found.real()


def run_rule(rule: RuleRef, report: ReportInput, filename: str = "report.txt", *,
             config: Mapping[str, Any] | None = None) -> list[Finding]:
    """The findings of one rule on a report, sorted, with ``path`` and the
    offending ``source`` line filled in as the engine does.  ``config`` is
    the configuration the rule sees (``Rule.config``).  Exceptions of the
    rule propagate, with their traceback."""
    rule = find_rule(rule)
    if isinstance(report, Document):
        doc = report
    elif isinstance(report, os.PathLike):
        doc = read_fixture(report)
    else:
        doc = read_report(report, filename)
    instance = rule()
    instance.config = MappingProxyType(dict(config or {}))
    path = display_path(doc.path)
    found = [msgspec.structs.replace(f, path=path, source=doc.source_line(f.line).rstrip("\r\n"))
             for f in instance.check(doc)]
    return sorted(found, key=lambda f: f.sort_key)


def assert_findings(rule: RuleRef, marked: str, filename: str = "report.txt", dedent: bool = True, *,
                    config: Mapping[str, Any] | None = None) -> list[Finding]:
    """Run ``rule`` on ``marked`` text and check its findings against the markers.

    Returns the findings so a test can also check their messages.
    """
    text, expected = split_markers(textwrap.dedent(marked) if dedent else marked)
    findings = run_rule(rule, text, filename, config=config)
    compare(findings, expected, text.split("\n"))
    return findings


def assert_fixture_findings(rule: RuleRef, path: str | os.PathLike,
                            expected: Iterable[tuple[int, str] | tuple[int, str, str]], *,
                            config: Mapping[str, Any] | None = None) -> list[Finding]:
    """Run ``rule`` on the report file ``path`` and check its findings:
    ``expected`` holds ``(line, code)`` pairs, or ``(line, code, text)``
    where ``text`` must occur in the finding's message."""
    findings = run_rule(rule, Path(path), config=config)
    expected = list(expected)
    compare(findings, [(e[0], e[1]) for e in expected], read_fixture(path).lines)
    for want in (e for e in expected if len(e) == 3):
        if not any((f.line, f.code) == want[:2] and want[2] in f.message for f in findings):
            raise AssertionError(f"no {want[1]} finding at line {want[0]} mentions {want[2]!r}: "
                                 + "; ".join(f.message for f in findings if f.line == want[0]))
    return findings


def compare(findings: Sequence[Finding], expected: Iterable[tuple[int, str]], lines: Sequence[str] = ()) -> None:
    """AssertionError listing the missing and extra findings unless the
    findings' ``(line, code)`` pairs are exactly ``expected``."""
    expected = sorted(expected)
    got = sorted((f.line, f.code) for f in findings)
    if got != expected:
        raise AssertionError(_explain(expected, got, findings, lines))


def _explain(expected: Sequence[tuple[int, str]], got: Sequence[tuple[int, str]],
             findings: Iterable[Finding], lines: Sequence[str]) -> str:
    out = ["findings differ from the expected ones:"]
    for line, code in sorted(set(expected) - set(got)):
        out.append(f"  missing  {line}:{code}  | {lines[line - 1] if line <= len(lines) else ''}")
    for f in findings:
        if (f.line, f.code) not in expected:
            out.append(f"  extra    {f.line}:{f.code}  {f.message}")
    return "\n".join(out)


class Case(msgspec.Struct, frozen=True):
    """One case of a rule's YAML case file."""

    rule: str
    name: str
    report: str
    filename: str = "report.txt"
    config: Mapping[str, Any] = msgspec.field(default_factory=dict)
    limits: Mapping[str, Any] = msgspec.field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"

    @property
    def marked(self) -> bool:
        """True when the case expects at least one finding."""
        return bool(split_markers(self.report)[1])


def load_cases(path: str | os.PathLike) -> list[Case]:
    """The cases of one YAML case file (needs PyYAML, a test dependency)."""
    import yaml

    data = yaml.safe_load(Path(path).read_text("utf-8"))
    return [Case(data["rule"], c["name"], c["report"], c.get("filename", "report.txt"), c.get("config", {}),
                 c.get("limits", {}))
            for c in data["cases"]]


def check_case(case: Case, rule: RuleRef | None = None) -> list[Finding]:
    """Run a case (with ``rule``, default the installed rule it names)."""
    with _limits.overridden(case.limits):
        return assert_findings(rule or case.rule, case.report, case.filename, config=case.config)
