"""Texts a profile keeps, compressed with a dictionary learned from the
first ones.

The profiles of thousands of reports are held at once
(:mod:`govlint.repository.profile`), each with a few KB of text read only
for a few findings: the source lines its locations point at, the quotes of
its sentences compared for copying.  The reports of a repository share
their tables' labels and much of their wording, so compressed alone a
report's text shrinks to half, and compressed with zlib's preset dictionary
made of the first texts the process compressed (up to :data:`DICTIONARY`
bytes) to an eighth.  Each text keeps a reference to the dictionary it was
compressed with (the same object for all of them once it is full); a
profile crossing processes is pickled with its texts plain and compressed
again where it arrives.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

#: The most the dictionary holds, in bytes.
DICTIONARY = 16384
_dictionary = b""


def zip_text(text: str) -> tuple[bytes, bytes]:
    """``text`` (UTF-8) compressed, and the dictionary it was compressed with
    (for :func:`unzip_text`); ``text`` joins the dictionary while it is not full."""
    global _dictionary
    data, zdict = text.encode("utf-8"), _dictionary
    if len(zdict) < DICTIONARY:
        _dictionary = (zdict + data)[:DICTIONARY]
    compressor = zlib.compressobj(zdict=zdict) if zdict else zlib.compressobj()
    return compressor.compress(data) + compressor.flush(), zdict


@lru_cache(maxsize=16)
def unzip_text(data: bytes, zdict: bytes) -> str:
    """The text :func:`zip_text` compressed to ``data`` with ``zdict`` (the
    last few are kept: a profile's findings read its texts one after the other)."""
    unzip = zlib.decompressobj(zdict=zdict).decompress if zdict else zlib.decompress
    return unzip(data).decode("utf-8")
