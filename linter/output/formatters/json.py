"""The machine-readable format: a JSON list with one object per finding
(:meth:`govlint.findings.Finding.as_dict`), UTF-8, indented."""

from __future__ import annotations

import json

from ...run.engine import LintResult


def render(result: LintResult, *, color: bool = False, **_: object) -> str:
    return json.dumps([f.as_dict() for f in result.findings], ensure_ascii=False, indent=2)
