"""``govlint check --statistics``: how many findings each rule has, instead
of the findings themselves (as ``ruff check --statistics``).

Text: a table of count, code, name, severity and the rule's summary,
most frequent first (ties by code), then the usual summary line; JSON: a
list of ``{"code", "name", "severity", "count", "summary"}`` in the same order.
A rule's severity is the one its findings were reported at (the most
severe when a configuration or uncertain evidence made them differ).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from ...rule import Rule
from ...run.engine import LintResult
from ..escape import visible
from ..texttable import table
from .text import summary


def rows(result: LintResult, rules: Sequence[type[Rule]] = ()) -> list[dict]:
    """One dict per rule with findings, most frequent first."""
    counts = Counter(f.code for f in result.findings)
    worst: dict[str, object] = {}
    names: dict[str, str] = {}
    for f in result.findings:
        names.setdefault(f.code, f.name)
        if f.code not in worst or f.severity > worst[f.code]:
            worst[f.code] = f.severity
    known = {rule.code: rule for rule in rules}
    return [
        {"code": code, "name": names[code], "severity": worst[code].label, "count": count,
         "summary": known[code].summary() if code in known else ""}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def render(result: LintResult, *, json_format: bool = False, quiet: bool = False,
           rules: Sequence[type[Rule]] = ()) -> str:
    found = rows(result, rules)
    if json_format:
        return json.dumps(found, ensure_ascii=False, indent=2)
    lines = []
    if found:
        lines.append(table(("个数", "代码", "名称", "级别", "说明"),
                           [(str(r["count"]), r["code"], r["name"], r["severity"], visible(r["summary"]))
                            for r in found]))
    if not quiet:
        if lines:
            lines.append("")
        lines.append(summary(result))
    return "\n".join(lines)
