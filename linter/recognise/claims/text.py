"""Paragraph text normalised for claim matching, with a map back to the
original offsets (so a claim's location is a place in the file).

:func:`govlint.normalize.norm` is applied character by character —
full-width digits and punctuation to ASCII, zero-width characters and
``[bookmark: …]`` artefacts removed — and whitespace is dropped except
between two ASCII letters or digits: PDF extraction writes ``21 件`` and
``2024 年 1 月``, which must read as ``21件`` and ``2024年1月``.
"""

from __future__ import annotations

from functools import lru_cache

import msgspec

from ...normalize import ARTEFACTS, fold, norm
from ...regexes import compile_re

#: What only the character-by-character path handles: whitespace, the
#: start of an artefact, characters that normalisation removes.
_SPECIAL = compile_re(r"[\s\[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class Normalised(msgspec.Struct, frozen=True, gc=False):
    """``text`` normalised; ``origin[i]`` is the offset in the original
    text of normalised character ``i`` (one extra entry: the original end)."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` offsets of normalised ``[start, end)``."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@lru_cache(maxsize=512)
def normalise(text: str) -> Normalised:
    """``text`` in matching form, keeping each character's original offset
    (remembered for the last few hundred texts: the claims and several rules
    normalise the same paragraphs of a report, one after the other)."""
    if not _SPECIAL.search(text):  # one character out per character in
        return Normalised(fold(text), tuple(range(len(text) + 1)))
    removed = set()
    for m in ARTEFACTS.finditer(text):
        removed.update(range(m.start(), m.end()))
    chars: list[str] = []
    origin: list[int] = []
    pending_space: int | None = None
    for i, ch in enumerate(text):
        if i in removed:
            continue
        if ch.isspace():
            if pending_space is None:
                pending_space = i
            continue
        mapped = norm(ch)
        if not mapped:
            continue
        if pending_space is not None and chars and _ascii_alnum(chars[-1]) and _ascii_alnum(mapped[0]):
            chars.append(" ")
            origin.append(pending_space)
        pending_space = None
        for out in mapped:
            chars.append(out)
            origin.append(i)
    origin.append(len(text))
    return Normalised("".join(chars), tuple(origin))


def split(text: str, separators: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` spans of ``text[start:end]`` cut after each separator
    character (the separator stays with the piece before it); empty pieces
    are dropped."""
    end = len(text) if end is None else end
    spans, begin = [], start
    for i in range(start, end):
        if text[i] in separators:
            spans.append((begin, i + 1))
            begin = i + 1
    if begin < end:
        spans.append((begin, end))
    return spans
