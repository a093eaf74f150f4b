"""Output formats for ``govlint check``, chosen by name.

A formatter is ``render(result: LintResult, *, color: bool, rules, quiet: bool, **_) -> str``:
``rules`` are the rule classes of the run (formats that describe rules, such
as SARIF, read them); a formatter ignores the options it does not use.
:data:`FORMATTERS` maps each name to its ``"module:function"`` so that only
the chosen one is imported.  Add a format by adding an entry.  Paths are
those of the findings (relative to the current directory when under it);
findings come sorted by path, line, column and code.  A formatter may
also have ``stream(...)`` (same arguments) yielding the same text in
pieces, so that a large run is written as it is formatted
(:func:`stream`).  :func:`render`
hands a formatter text any UTF-8 output can carry (lone surrogates of
undecodable file names escaped, :func:`govlint.output.escape.unicode`);
each format escapes what its own syntax needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import msgspec

from ...findings import Finding
from ...rule import Rule
from ..escape import unicode

if TYPE_CHECKING:
    from ...run.engine import LintResult

Formatter = Callable[..., str]

FORMATTERS: dict[str, str] = {
    "text": "govlint.output.formatters.text:render",
    "json": "govlint.output.formatters.json:render",
    "sarif": "govlint.output.formatters.sarif:render",
    "github": "govlint.output.formatters.github:render",
    "junit": "govlint.output.formatters.junit:render",
}


def get_formatter(name: str) -> Formatter:
    """The ``render`` function of format ``name`` (KeyError if unknown)."""
    module, _, function = FORMATTERS[name].partition(":")
    return getattr(importlib.import_module(module), function)


def render(result: LintResult, name: str = "text", *, color: bool = False,
           rules: Sequence[type[Rule]] = (), quiet: bool = False) -> str:
    """``result`` in format ``name``; ``quiet``: the findings only, no summary (``--quiet``)."""
    return get_formatter(name)(carried(result), color=color, rules=rules, quiet=quiet)


def stream(result: LintResult, name: str = "text", *, color: bool = False,
           rules: Sequence[type[Rule]] = (), quiet: bool = False) -> Iterator[str]:
    """:func:`render`'s text in pieces whose concatenation is that text
    (one piece for a format without ``stream``)."""
    module, _, function = FORMATTERS[name].partition(":")
    pieces = getattr(importlib.import_module(module), "stream", None)
    if pieces is None:
        yield render(result, name, color=color, rules=rules, quiet=quiet)
        return
    text = ""  # one piece held back: its last line break is dropped, as render drops it
    for piece in pieces(carried(result), color=color, rules=rules, quiet=quiet):
        if text:
            yield text
        text = piece
    if text:
        yield text.removesuffix("\n")


def each_finding(result: LintResult) -> Iterator[Finding]:
    """The findings of ``result.findings``, one file's at a time: a file's
    findings may be held compressed until read
    (:mod:`govlint.repository.stored`), so a large run never has them all
    as objects at once."""
    for file in result.files:
        yield from file.findings


_TEXT_FIELDS = ("path", "code", "name", "message", "source", "location")


def carried(result: LintResult) -> LintResult:
    """``result`` with every path and text of its findings made valid
    Unicode (see the module docstring); the same object when it already is."""
    def clean(finding: Finding) -> Finding:
        changed = {}
        for field in _TEXT_FIELDS:
            value = getattr(finding, field)
            if value is not None and unicode(value) is not value:
                changed[field] = unicode(value)
        return msgspec.structs.replace(finding, **changed) if changed else finding

    files = []
    for file in result.files:
        findings = file.findings  # read once when nothing changes (each_finding: they may be decoded as read)
        if any(clean(f) is not f for f in findings):
            findings = tuple(clean(f) for f in findings)
        path = unicode(file.path)
        if path is not file.path or findings is not file.findings:
            file = msgspec.structs.replace(file, path=path, findings=findings)
        files.append(file)
    return msgspec.structs.replace(result, files=tuple(files))
