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
"""

from __future__ import annotations

import re
import textwrap
from typing import Iterable, Sequence

from .findings import Finding
from .model import Document
from .pipeline import read_document
from .rule import Rule

MARKER = re.compile(r"[ \t]*«\s*([A-Z]{1,3}\d{3}(?:\s*,\s*[A-Z]{1,3}\d{3})*)\s*»[ \t]*$")


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


def read_report(text: str | bytes, filename: str = "report.txt") -> Document:
    """Read inline report text as if it were the file ``filename``."""
    from .plugins import load_plugins

    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(filename, data, readers=load_plugins().readers)


def run_rule(rule: type[Rule], report: str | Document, filename: str = "report.txt") -> list[Finding]:
    """The findings of one rule on inline text (or a Document), sorted."""
    doc = report if isinstance(report, Document) else read_report(report, filename)
    return sorted(rule().check(doc), key=lambda f: (f.line, f.column, f.code, f.message))


def assert_findings(rule: type[Rule], marked: str, filename: str = "report.txt",
                    dedent: bool = True) -> list[Finding]:
    """Run ``rule`` on ``marked`` text and check its findings against the markers.

    Returns the findings so a test can also check their messages.
    """
    text, expected = split_markers(textwrap.dedent(marked) if dedent else marked)
    findings = run_rule(rule, text, filename)
    got = sorted((f.line, f.code) for f in findings)
    if got != expected:
        raise AssertionError(_explain(expected, got, findings, text))
    return findings


def _explain(expected: Sequence[tuple[int, str]], got: Sequence[tuple[int, str]],
             findings: Iterable[Finding], text: str) -> str:
    lines = text.split("\n")
    out = ["findings differ from the «markers»:"]
    for line, code in sorted(set(expected) - set(got)):
        out.append(f"  missing  {line}:{code}  | {lines[line - 1] if line <= len(lines) else ''}")
    for f in findings:
        if (f.line, f.code) not in expected:
            out.append(f"  extra    {f.line}:{f.code}  {f.message}")
    return "\n".join(out)
