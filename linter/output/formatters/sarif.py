"""SARIF 2.1.0 (OASIS), the format code-scanning services read
(``govlint check --format sarif``).

One run; ``tool.driver.rules`` describes every rule that has a finding
(summary, documentation, default level); each result has the rule, level
(``error``, ``warning``, ``note``), message, the file as a relative URI,
the region (1-based lines, columns in Unicode code points), the offending
source line as snippet, and the baseline fingerprint
(:func:`govlint.output.baseline.fingerprint`) under ``partialFingerprints``.
Page and place of page-based formats go in the result's ``properties``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Sequence
from urllib.parse import quote

import govlint

from ...findings import Finding
from ...model import Severity
from ...rule import Rule
from ...run.engine import LintResult
from ..baseline import fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: LintResult, *, rules: Sequence[type[Rule]] = (), **_: object) -> str:
    findings = result.findings
    known = {rule.code: rule for rule in rules}
    used = sorted({f.code: f for f in findings}.values(), key=lambda f: f.code)
    descriptors = [_descriptor(f, known.get(f.code)) for f in used]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "govlint", "version": govlint.__version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index[f.code]) for f in findings],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _descriptor(example: Finding, rule: type[Rule] | None) -> dict:
    summary = rule.summary() if rule else example.name
    descriptor = {
        "id": example.code,
        "name": example.name,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity if rule else example.severity]},
    }
    if rule is not None:
        descriptor["help"] = {"text": rule.documentation()}
        descriptor["properties"] = {"plugin": rule.plugin}
    return descriptor


def uri(path: str) -> str:
    """A finding's path as a URI reference: relative paths stay relative."""
    posix = PurePosixPath(path)
    return posix.as_uri() if posix.is_absolute() else quote(str(posix), safe="/")


def _region(f: Finding) -> dict:
    region = {"startLine": f.line, "startColumn": f.column}
    if f.end_line is not None and (f.end_line, f.end_column or 0) >= (f.line, f.column):
        region["endLine"] = f.end_line
        if f.end_column is not None:
            region["endColumn"] = f.end_column
    if f.source.strip():
        region["snippet"] = {"text": f.source}
    return region


def _result(f: Finding, rule_index: int) -> dict:
    result = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(f.path)},
            "region": _region(f),
        }}],
        "partialFingerprints": {"govlint/v1": fingerprint(f)},
    }
    extra = {k: v for k, v in (("page", f.page), ("location", f.location)) if v is not None}
    if extra:
        result["properties"] = extra
    return result
