"""Golden files: the findings a report must give, checked by hand and
written beside it (``report.pdf`` → ``report.pdf.expected``), markdownlint-
style, with a judgement per line.  Used by govlint's own golden tests and
by ``bench/precision.py``; a reviewer keeping a set of reports can use them
the same way.

Format — one finding per line, the reason after ``#``::

    # comments
    17:1 S004 warning    # 二、主动公开政府信息的情况: a known variant (DOMAIN §2.2)
    ~84:5 A004 error     # judged FALSE: the 总计 cell is 11, the PDF split the row (known false positive)

``line:column CODE severity``; a leading ``~`` marks a finding govlint
gives that a careful reviewer judged false (kept so the file says what
govlint does today, and counted against precision); a reason that is empty
or starts with ``TODO`` marks a line not judged yet.  Every finding of the
report must have its line, and every line its finding (:func:`compare`).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import msgspec

from ..findings import Finding
from ..model import Severity

SUFFIX = ".expected"
_LINE = re.compile(r"^(?P<false>~)?(?P<line>\d+):(?P<column>\d+)\s+(?P<code>[A-Z]{1,3}\d{3})\s+(?P<severity>error|warning|info)$")


class GoldenError(ValueError):
    """A golden file line that cannot be read."""


class Expected(msgspec.Struct, frozen=True):
    """One line of a golden file."""

    line: int
    column: int
    code: str
    severity: Severity
    true: bool
    reason: str = ""

    @property
    def judged(self) -> bool:
        return bool(self.reason) and not self.reason.startswith("TODO")

    @property
    def key(self) -> tuple[int, int, str, Severity]:
        return (self.line, self.column, self.code, self.severity)


def golden_path(report: Path) -> Path:
    """Where ``report``'s golden file lives: beside it."""
    return report.with_name(report.name + SUFFIX)


def parse(text: str, source: str = "") -> list[Expected]:
    """The lines of a golden file (GoldenError names a bad line)."""
    found = []
    for number, raw in enumerate(text.splitlines(), 1):
        body, _, reason = raw.partition("#")
        body = body.strip()
        if not body:
            continue
        m = _LINE.match(body)
        if m is None:
            raise GoldenError(f"{source}:{number}: 无法读取：{raw!r}")
        found.append(Expected(int(m["line"]), int(m["column"]), m["code"], Severity.parse(m["severity"]),
                              not m["false"], reason.strip()))
    return found


def render(findings: Iterable[Finding]) -> str:
    """Golden lines for ``findings``, not judged yet (``# TODO`` and the message)."""
    return "".join(f"{f.line}:{f.column} {f.code} {f.severity.label}".ljust(24) + f"  # TODO {f.message}\n"
                   for f in sorted(findings, key=lambda f: f.sort_key))


class Comparison(msgspec.Struct, frozen=True):
    """Findings against a golden file: ``missing`` lines no finding gave,
    ``unexpected`` findings no line names, and the counts of the findings
    at or above warning judged true, judged false and not judged yet."""

    missing: tuple[Expected, ...]
    unexpected: tuple[Finding, ...]
    true: int
    false: int
    unjudged: int

    @property
    def agrees(self) -> bool:
        return not self.missing and not self.unexpected


def compare(findings: Sequence[Finding], expected: Sequence[Expected]) -> Comparison:
    """Match ``findings`` to ``expected`` line by line (a multiset: the same
    line may stand twice)."""
    want = Counter(e.key for e in expected)
    lines: dict[tuple, list[Expected]] = {}
    for e in expected:
        lines.setdefault(e.key, []).append(e)
    unexpected = []
    counts = Counter()
    for f in findings:
        key = (f.line, f.column, f.code, f.severity)
        if want[key] > 0:
            want[key] -= 1
            line = lines[key][want[key]]
            if f.severity >= Severity.WARNING:
                counts["unjudged" if not line.judged else "true" if line.true else "false"] += 1
        else:
            unexpected.append(f)
            if f.severity >= Severity.WARNING:
                counts["unjudged"] += 1
    missing = []
    for e in expected:
        if want[e.key] > 0:
            want[e.key] -= 1
            missing.append(e)
    return Comparison(tuple(missing), tuple(unexpected), counts["true"], counts["false"], counts["unjudged"])
