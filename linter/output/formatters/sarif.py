"""SARIF 2.1.0 (OASIS), the format code-scanning services read
(``govlint check --format sarif``).

One run; ``tool.driver.rules`` describes every rule that has a finding
(summary, documentation and how to read it with ``govlint explain``,
default level, and ``helpUri``: the ``file:`` URI of the rule's
documentation as installed — the module whose docstring it is, or the
rules file that declares it); each result has the rule, level (``error``,
``warning``, ``note``), message, the file as a relative URI, the region
(1-based lines, columns in Unicode code points), the offending source line
as snippet, and the baseline fingerprint
(:func:`govlint.output.baseline.fingerprint`) under ``partialFingerprints``.
For page-based formats (.pdf, .docx) the place a person looks for
(``第4页 表3 第5行 第2列``) is a ``logicalLocation`` of the location, ends
the message as in the text format, and page and place are in the result's
``properties``.  Written a result at a time (:func:`stream`).
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence
from urllib.parse import quote

import govlint

from ...findings import Finding
from ...model import Severity
from ...rule import Rule
from ...run.engine import LintResult
from ..baseline import fingerprint
from . import each_finding
from .text import message_with_place, place

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: LintResult, *, rules: Sequence[type[Rule]] = (), **_: object) -> str:
    return "".join(stream(result, rules=rules))


def stream(result: LintResult, *, rules: Sequence[type[Rule]] = (), **_: object) -> Iterator[str]:
    """The log in pieces, one result each (indented as ``json.dumps`` of
    the whole log indents it), so that a large run is written as it is
    formatted."""
    known = {rule.code: rule for rule in rules}
    last = {f.code: f for f in each_finding(result)}  # each rule's last finding describes a rule not known
    used = sorted(last.values(), key=lambda f: f.code)
    descriptors = [_descriptor(f, known.get(f.code)) for f in used]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "govlint", "version": govlint.__version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [] if not used else _RESULTS,
        }],
    }
    text = json.dumps(log, ensure_ascii=False, indent=2)
    if not used:
        yield text
        return
    head, _, tail = text.partition(json.dumps(_RESULTS))
    yield head + "["
    for i, f in enumerate(each_finding(result)):
        item = json.dumps(_result(f, index[f.code]), ensure_ascii=False, indent=2)
        yield ("\n" if i == 0 else ",\n") + _INDENT + item.replace("\n", "\n" + _INDENT)  # strings hold no line breaks
    yield "\n" + _INDENT[:-2] + "]" + tail


#: Where the results go in the log (a string no finding can make: json.dumps escapes the NUL).
_RESULTS = "\0results"
#: How deep a result is indented in the log: runs, the run, its results.
_INDENT = " " * 8


def _descriptor(example: Finding, rule: type[Rule] | None) -> dict:
    summary = rule.summary() if rule else example.name
    descriptor = {
        "id": example.code,
        "name": example.name,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity if rule else example.severity]},
    }
    if rule is not None:
        descriptor["help"] = {"text": f"{rule.documentation().rstrip()}\n\n（命令行查看：govlint explain {rule.code}）"}
        where = help_uri(rule)
        if where:
            descriptor["helpUri"] = where
        descriptor["properties"] = {"plugin": rule.plugin}
    return descriptor


def help_uri(rule: type[Rule]) -> str | None:
    """The ``file:`` URI of where ``rule`` is documented as installed: the
    rules file that declares it, else the module that defines it (its
    docstring is the documentation ``govlint explain`` prints)."""
    kind, _, file = rule.plugin.partition(":")
    path: str | None = os.path.abspath(file) if kind == "rules-file" and file else None
    if path is None:
        try:
            path = inspect.getsourcefile(rule.real())
        except (TypeError, OSError):
            path = None
    return Path(path).resolve().as_uri() if path and os.path.exists(path) else None


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


def _location(f: Finding) -> dict:
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri(f.path)}, "region": _region(f)}}
    where = place(f)
    if where:
        location["logicalLocations"] = [{"name": where, "fullyQualifiedName": f"{f.path} {where}",
                                         "kind": "element"}]
    return location


def _result(f: Finding, rule_index: int) -> dict:
    result = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message_with_place(f)},
        "locations": [_location(f)],
        "partialFingerprints": {"govlint/v1": fingerprint(f)},
    }
    extra = {k: v for k, v in (("page", f.page), ("location", f.location)) if v is not None}
    if extra:
        result["properties"] = extra
    return result
