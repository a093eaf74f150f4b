"""Output formats for ``govlint check``, chosen by name.

A formatter is ``render(result: LintResult, *, color: bool, rules, **_) -> str``:
``rules`` are the rule classes of the run (formats that describe rules, such
as SARIF, read them); a formatter ignores the options it does not use.
:data:`FORMATTERS` maps each name to its ``"module:function"`` so that only
the chosen one is imported.  Add a format by adding an entry.  Paths are
those of the findings (relative to the current directory when under it);
findings come sorted by path, line, column and code.
"""

from __future__ import annotations

import importlib
from typing import Callable, Sequence

from ...rule import Rule
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
           rules: Sequence[type[Rule]] = ()) -> str:
    return get_formatter(name)(result, color=color, rules=rules)
