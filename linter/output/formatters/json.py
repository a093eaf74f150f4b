"""The machine-readable format: a JSON list with one object per finding
(:meth:`govlint.findings.Finding.as_dict`), UTF-8, indented; written a
finding at a time (:func:`stream`), the text ``json.dumps`` of the whole
list would give."""

from __future__ import annotations

import json
from typing import Iterator

from ...run.engine import LintResult
from . import each_finding


def render(result: LintResult, *, color: bool = False, **_: object) -> str:
    return "".join(stream(result))


def stream(result: LintResult, **_: object) -> Iterator[str]:
    """The list in pieces, one finding's object each (indented one level:
    strings hold no line breaks, JSON escapes them)."""
    first = True
    for finding in each_finding(result):
        item = json.dumps(finding.as_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]" if first else "\n]"
