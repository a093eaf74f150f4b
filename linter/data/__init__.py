"""Data files shipped with govlint (template definitions as TOML), and
:func:`path`, :func:`read_text` and :func:`read_toml`, how govlint finds
and reads its packages' data files.

They go through the package's loader, as :func:`pkgutil.get_data` does (a
file beside the module, or a member of a zip archive), instead of
:mod:`importlib.resources`, whose import (``zipfile`` and its readers,
a few milliseconds) a one-report run would otherwise pay for.
"""

from __future__ import annotations

import importlib
import os
import sys
import tomllib
from typing import Any


def path(package: str, name: str) -> str:
    """Where data file ``name`` of ``package`` is (beside its ``__init__``)."""
    module = sys.modules.get(package) or importlib.import_module(package)
    return os.path.join(os.path.dirname(module.__file__), name)


def read_text(package: str, name: str) -> str:
    """The UTF-8 text of data file ``name`` of ``package``, newlines
    translated as a file opened in text mode does."""
    file = path(package, name)
    data = sys.modules[package].__spec__.loader.get_data(file)
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read_toml(package: str, name: str) -> dict[str, Any]:
    """Data file ``name`` of ``package`` parsed as TOML."""
    return tomllib.loads(read_text(package, name))
