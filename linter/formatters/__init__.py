"""Output formats for ``govlint check``, chosen by name.

A formatter is ``render(result: LintResult, *, color: bool) -> str``;
:data:`FORMATTERS` maps each name to its ``"module:function"`` so that only
the chosen one is imported.  Add a format by adding an entry.
"""

from __future__ import annotations

import importlib
from typing import Callable

from ..engine import LintResult

Formatter = Callable[..., str]

FORMATTERS: dict[str, str] = {
    "text": "govlint.formatters.text:render",
    "json": "govlint.formatters.json:render",
}


def get_formatter(name: str) -> Formatter:
    """The ``render`` function of format ``name`` (KeyError if unknown)."""
    module, _, function = FORMATTERS[name].partition(":")
    return getattr(importlib.import_module(module), function)


def render(result: LintResult, name: str = "text", *, color: bool = False) -> str:
    return get_formatter(name)(result, color=color)
