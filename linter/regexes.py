"""Compiling govlint's own patterns, with the compiler's output cached
between runs as Python caches bytecode.

Compiling a pattern means parsing it and generating the matcher's code in
Python; only then does a C constructor build the pattern object.  For
the ~120 patterns a one-report run uses that is ~25 ms, a fifth of the
run.  :func:`compile_re` (:mod:`re`) and :func:`compile_regex`
(:mod:`regex`) keep what each compiler hands to its C constructor, and a
later run calls the constructor with it directly.  The result is the
same pattern object (``re`` patterns compare equal to freshly compiled
ones; the tests check both engines).

The cache lives in the package's ``__pycache__`` folder
(``regexes.cpython-311.marshal``), is read on the first compilation of a
run and written once at exit when the run compiled something new:
atomically, silently not where the folder cannot be written, not at all
when ``sys.pycache_prefix`` is set.  It is keyed by the Python and engine
versions (another version ignores and replaces it), holds at most
:data:`LIMIT` patterns (past that, only those the run used are kept), and
anything unexpected in it — a damaged file, an entry a constructor
refuses, a change in the engines' internals — means compiling as usual.
Like bytecode, it is trusted as much as the package folder it is in.

Only govlint's own patterns (module constants and the data files') go
through here: a user's pattern, or one built per report, is compiled by
``re``/``regex`` as usual.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading
from typing import Any, Callable

import regex

#: At most this many patterns are cached (govlint compiles ~150).
LIMIT = 1000

_lock = threading.RLock()


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, through the cache (module docstring)."""
    return _store().compile("re", pattern, int(flags))


def compile_regex(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(pattern, flags)``, through the cache (module docstring)."""
    return _store().compile("regex", pattern, int(flags))


def _header() -> tuple:
    """What the cached compiler output depends on besides the pattern."""
    import _sre

    return (sys.version, _sre.MAGIC, _sre.CODESIZE, regex.__version__, int(regex.DEFAULT_VERSION))


class _Recorder:
    """Stands in for an engine's C module while one pattern is compiled:
    everything is passed through, and the arguments of ``compile`` made
    by the recording thread are kept."""

    def __init__(self, module: Any) -> None:
        self._module = module
        self._thread = threading.get_ident()
        self.arguments: tuple | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def compile(self, pattern, *arguments):
        if threading.get_ident() == self._thread:
            self.arguments = tuple(_plain(a) for a in arguments)
        return self._module.compile(pattern, *arguments)


def _plain(value: Any) -> Any:
    """``value`` as marshal can store it: the compilers' opcodes and flags
    are ``int`` subclasses, which marshal refuses."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


def _engine(engine: str) -> tuple[Any, str, Callable[[str, int], Any]]:
    """The module of ``engine``'s compiler, the name under which it holds
    the C module, and a compilation that bypasses the engine's own cache
    (so that the compiler runs)."""
    if engine == "re":
        from re import _compiler

        return _compiler, "_sre", _compiler.compile
    from regex import _main

    return _main, "_regex", lambda pattern, flags: regex.compile(pattern, flags, cache_pattern=False)


def _compile(engine: str, pattern: str, flags: int, recording: bool) -> tuple[Any, tuple | None]:
    """``pattern`` compiled by ``engine``, and (``recording``) what its
    compiler handed to the C constructor: the C module replaced by a
    :class:`_Recorder` meanwhile."""
    owner, name, compile = _engine(engine)
    if not recording:
        return compile(pattern, flags), None
    real = getattr(owner, name)
    recorder = _Recorder(real)
    setattr(owner, name, recorder)
    try:
        return compile(pattern, flags), recorder.arguments
    finally:
        setattr(owner, name, real)


class _Store:
    """The cached compiler output of one cache file (``path``; None: none
    kept between runs) and the patterns compiled in this process."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._arguments: dict[tuple, tuple] | None = None  # read on first use
        self._patterns: dict[tuple, Any] = {}
        self._added = False

    def compile(self, engine: str, pattern: str, flags: int) -> Any:
        key = (engine, pattern, flags)
        compiled = self._patterns.get(key)
        if compiled is not None:
            return compiled
        with _lock:
            compiled = self._patterns.get(key)
            if compiled is None:
                compiled = self._patterns[key] = self._build(key)
        return compiled

    def _build(self, key: tuple) -> Any:
        engine, pattern, flags = key
        arguments = self._stored().get(key)
        if arguments is not None:
            owner, name, _ = _engine(engine)
            try:
                return getattr(owner, name).compile(pattern, *arguments)
            except Exception:  # an entry the constructor refuses: compiled again
                del self._arguments[key]
        compiled, arguments = _compile(engine, pattern, flags, len(self._arguments) < LIMIT or self._room())
        if arguments is not None:
            self._arguments[key] = arguments
            self._added = True
        return compiled

    def _room(self) -> bool:
        """Past :data:`LIMIT`: keep only the patterns this run used."""
        used = {k: a for k, a in self._arguments.items() if k in self._patterns}
        if len(used) >= LIMIT:
            return False
        self._arguments, self._added = used, True
        return True

    def _stored(self) -> dict[tuple, tuple]:
        if self._arguments is None:
            self._arguments = self._read()
            if self.path is not None:
                atexit.register(self.save)
        return self._arguments

    def _read(self) -> dict[tuple, tuple]:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as file:
                header, arguments = marshal.loads(file.read())  # load(file) reads piecemeal: 20× slower
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # none yet, or damaged: replaced at exit
        if header != _header() or not isinstance(arguments, dict):
            return {}
        return arguments

    def save(self) -> None:
        """Write the cache file if this run added to it (silently not if it cannot)."""
        if not self._added or self.path is None:
            return
        from .atomic import write_atomic

        with _lock:
            try:
                data = marshal.dumps((_header(), self._arguments))
            except ValueError:  # a value marshal cannot hold: not kept
                return
            try:
                os.makedirs(os.path.dirname(self.path), exist_ok=True)
                write_atomic(self.path, data, durable=False)
            except OSError:
                return  # a folder that cannot be written: compiled on every run
            self._added = False


def _cache_path() -> str | None:
    tag = sys.implementation.cache_tag
    if tag is None or sys.pycache_prefix is not None:
        return None
    return os.path.join(os.path.dirname(__file__), "__pycache__", f"regexes.{tag}.marshal")


_default: _Store | None = None


def _store() -> _Store:
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = _Store(_cache_path())
    return _default
