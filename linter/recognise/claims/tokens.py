"""A sentence as tokens: numbers (found by regex) and words (jieba, with
govlint's own small dictionary).

The jieba tokenizer is built from ``lexicon.txt`` alone — a few hundred
domain words, read in about a millisecond.  jieba's default dictionary
(350 000 words, 0.6–0.8 s to load) is never touched: only this private
:class:`jieba.Tokenizer` is used, never the module-level ``jieba.cut``.
Words outside the lexicon come out as single characters (no HMM), which
is all the frames need: they look for the lexicon's words and count the
rest as filler.
"""

from __future__ import annotations

import importlib
import logging
import sys
import types
from decimal import Decimal
from functools import lru_cache

import msgspec

from ...data import path
from ...read.numerals import chinese_to_int
from .patterns import LEXICON, PACKAGE, patterns

NUMBER = "num"


class Token(msgspec.Struct, frozen=True, gc=False):
    """A word or a number of a sentence; ``start``/``end`` are offsets in
    the normalised paragraph text.  ``tag`` is the lexicon's tag (None for
    filler), ``"num"`` for a number, whose ``value``, ``unit`` and
    ``hedge`` are then set."""

    text: str
    start: int
    end: int
    tag: str | None = None
    value: int | Decimal | None = None
    unit: str | None = None
    hedge: str | None = None

    @property
    def is_number(self) -> bool:
        return self.tag == NUMBER


class _LazyModule(types.ModuleType):
    """Stands in for a module during ``import jieba``; the real module is
    imported when an attribute is first asked for (and then replaces this
    one as the package's attribute, so jieba itself uses the real one).
    ``functions``: names bound at import (``from hashlib import md5``),
    each a function that calls the real one."""

    def __init__(self, name: str, functions: tuple[str, ...] = ()):
        super().__init__(name)
        for function in functions:
            setattr(self, function, _deferred(name, function))

    def __getattr__(self, name: str):
        if name.startswith("__"):  # asked by the import system while this stands in
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _deferred(module: str, name: str):
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


#: What ``import jieba`` imports that a tokenizer over a given dictionary
#: never uses, each with the names it binds at import: the HMM model for
#: unknown words (``jieba.finalseg``, ~10 ms, used only by ``HMM=True``);
#: what caches the default dictionary (``tempfile``, ``hashlib``, ``shutil``:
#: with what they import, ~6 ms; used only by ``Tokenizer.initialize``).
_STAND_INS = {"jieba.finalseg": (), "tempfile": (), "hashlib": ("md5",), "shutil": ("move",)}


def _import_jieba():
    """``import jieba`` without its ``import pkg_resources``, which jieba
    uses only to locate its default dictionary (never loaded here) and which
    alone costs 0.1–0.2 s (and warns on recent setuptools), and with
    :data:`_STAND_INS` in place of the modules it names (each imported
    should anything use it)."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    stand_ins = {name: _LazyModule(name, functions) for name, functions in _STAND_INS.items()
                 if name not in sys.modules}
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail fast
    sys.modules.update(stand_ins)
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return jieba


@lru_cache(maxsize=1)
def tokenizer():
    """The jieba tokenizer over govlint's lexicon (built once)."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    dictionary = path(PACKAGE, LEXICON)
    tk = jieba.Tokenizer(dictionary=dictionary)
    # Build the prefix dictionary directly: Tokenizer.initialize() would also
    # write a cache file to the temporary directory, pointless for 200 words.
    tk.FREQ, tk.total = tk.gen_pfdict(open(dictionary, "rb"))
    tk.initialized = True
    return tk


@lru_cache(maxsize=16384)
def _cut(text: str) -> tuple[str, ...]:
    """The words of ``text`` (cached: reports share much of their wording)."""
    return tuple(tokenizer().cut(text, HMM=False))


def _number(m, offset: int) -> Token:
    raw = m["value"]
    if raw[0].isdigit():
        digits = raw.replace(",", "")
        value: int | Decimal = Decimal(digits) if "." in digits else int(digits)
    else:
        value = chinese_to_int(raw)
    hedge = m["before"] or m["after"] or m["tail"]
    return Token(m.group(0), offset + m.start(), offset + m.end(), NUMBER, value, m["unit"], hedge)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` (offsets stay those of ``text``)."""
    end = len(text) if end is None else end
    piece = text[start:end]
    pats = patterns()
    tokens: list[Token] = []

    def words(a: int, b: int) -> None:
        at = a
        for word in _cut(piece[a:b]):
            tokens.append(Token(word, start + at, start + at + len(word), pats.tags.get(word)))
            at += len(word)

    last = 0
    for m in pats.number.finditer(piece):
        if m.start() > last:
            words(last, m.start())
        tokens.append(_number(m, start))
        last = m.end()
    if last < len(piece):
        words(last, len(piece))
    return tokens
