"""Data files shipped with govlint (template definitions as TOML), and
:func:`path`, :func:`read_text` and :func:`read_toml`, how govlint finds
and reads its packages' data files.

They go through the package's loader, as :func:`pkgutil.get_data` does (a
file beside the module, or a member of a zip archive), instead of
:mod:`importlib.resources`, whose import (``zipfile`` and its readers,
a few milliseconds) a one-report run would otherwise pay for.

A data file's parsed form is cached as Python caches bytecode: in the
``__pycache__`` folder beside it (``patterns.toml.cpython-311.marshal``),
written atomically (a reader never sees half a file; several processes
may write it at once), silently not where the folder cannot be written,
not at all when ``sys.pycache_prefix`` is set — but also with
``PYTHONDONTWRITEBYTECODE``, which is about bytecode (and is set where an
installed govlint runs from the bytecode pip compiled).  The cache holds
the text it was parsed from and is used only when that is the file's
text byte for byte: it is never stale, and a damaged one is parsed again
and replaced.  Parsing the TOML of a one-report run costs ~6 ms of CPU;
loading the cached forms ~0.5 ms.
"""

from __future__ import annotations

import importlib
import marshal
import os
import sys
from typing import Any


def path(package: str, name: str) -> str:
    """Where data file ``name`` of ``package`` is (beside its ``__init__``)."""
    module = sys.modules.get(package) or importlib.import_module(package)
    return os.path.join(os.path.dirname(module.__file__), name)


def _read_bytes(package: str, name: str) -> tuple[str, bytes]:
    file = path(package, name)
    return file, sys.modules[package].__spec__.loader.get_data(file)


def _decode(data: bytes) -> str:
    """``data`` as UTF-8 text, newlines translated as a file opened in text mode does."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read_text(package: str, name: str) -> str:
    """The UTF-8 text of data file ``name`` of ``package``, newlines
    translated as a file opened in text mode does."""
    return _decode(_read_bytes(package, name)[1])


def read_toml(package: str, name: str) -> dict[str, Any]:
    """Data file ``name`` of ``package`` parsed as TOML (through the cache
    of parsed forms, module docstring)."""
    file, data = _read_bytes(package, name)
    cache = _cache_file(file)
    if cache is not None:
        try:
            with open(cache, "rb") as stored:
                source, parsed = marshal.loads(stored.read())  # load(file) reads piecemeal, far slower
            if source == data:
                return parsed
        except (OSError, EOFError, ValueError, TypeError):
            pass  # none yet, or damaged: parsed again
    import tomllib  # only when the cache cannot answer

    parsed = tomllib.loads(_decode(data))
    if cache is not None:
        _write(cache, data, parsed)
    return parsed


def _cache_file(file: str) -> str | None:
    """Where the parsed form of ``file`` is cached (None: not cached)."""
    tag = sys.implementation.cache_tag
    if tag is None or sys.pycache_prefix is not None:
        return None
    directory, name = os.path.split(file)
    return os.path.join(directory, "__pycache__", f"{name}.{tag}.marshal")


def _write(cache: str, data: bytes, parsed: dict[str, Any]) -> None:
    from ..atomic import write_atomic

    try:
        stored = marshal.dumps((data, parsed))
    except ValueError:  # a value marshal cannot hold (a TOML date): not cached
        return
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        write_atomic(cache, stored, durable=False)
    except OSError:
        pass  # a folder that cannot be written: parsed on every run
