"""Text normalisation for matching (never for locations).

Real extractions write the same label many ways: full-width digits and
punctuation (``１２``, ``（一）``, ``１．``), U+3000 and no-break spaces, spaces
that PDF extraction puts between Chinese characters and digits
(``2023 年 1 月``), Word artefacts such as ``[bookmark: _GoBack]``, and the
radical and compatibility code points PDF fonts map some characters to
(``⼀`` U+2F00 for 一, ``⾏`` for 行, ``⻓`` for 长, ``既`` U+FA42 for 既): the
Kangxi Radicals (U+2F00–U+2FDF) and CJK compatibility ideographs
(U+F900–U+FAFF) by NFKC, the CJK Radicals Supplement (U+2E80–U+2EFF) by
``govlint/data/radicals.toml`` (see there).  Every mapping is one character
to one character.

:func:`norm` maps all of these to one form so that data files and rules can
compare text with plain ``==`` or a regex.  The original text and its
locations are never changed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .data import read_toml
from .regexes import compile_re, compile_regex

# Full-width ASCII (U+FF01–U+FF5E) to ASCII, every Unicode space to ' ',
# zero-width characters and the BOM removed.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\v\f"
_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(ch): " " for ch in _SPACES})
_TABLE.update({ord(ch): None for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
# A few look-alikes that matter for labels and numbers.
_TABLE.update({ord("．"): ".", ord("。"): "。", ord("﹒"): ".", ord("‧"): "."})


#: A radical's variant number in its Unicode name (``CJK RADICAL WATER ONE``).
_VARIANT = compile_re(r" (?:ONE|TWO|THREE|FOUR)$")


def _ideographs() -> dict[int, str]:
    """Radical and compatibility code points → unified ideographs (see the
    module docstring), one character each."""
    table: dict[int, str] = {}
    for start, end in ((0x2F00, 0x2FE0), (0xF900, 0xFB00)):
        for cp in range(start, end):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            if mapped != chr(cp) and len(mapped) == 1:
                table[cp] = mapped
    kangxi = {unicodedata.name(chr(cp), "").removeprefix("KANGXI RADICAL "): table[cp]
              for cp in range(0x2F00, 0x2FE0) if cp in table}
    data = read_toml("govlint.data", "radicals.toml")
    listed = {ord(k): v for k, v in data["supplement"].items()}
    for cp in range(0x2E80, 0x2F00):
        name = unicodedata.name(chr(cp), "").removeprefix("CJK RADICAL ")
        mapped = listed.get(cp) or kangxi.get(name) or kangxi.get(_VARIANT.sub("", name))
        if mapped:
            table[cp] = mapped
    return table


_TABLE.update(_ideographs())

ARTEFACTS = compile_re(r"\[bookmark:[^\]]*\]|\[(?:image|picture):[^\]]*\]", re.IGNORECASE)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’《》【】（）、，。：；！？…—"
# A space is kept only between two ASCII letters/digits ("Word 2019"); any
# space touching a CJK character or CJK punctuation is an extraction artefact.
# ``regex``, not ``re``, which compiles a class over a large range a character at a time (~1.5 ms).
_SPACE_RUN = compile_re(r" +")
_DROP_SPACE = compile_regex(
    rf"(?<=[{_CJK}{_CJK_PUNCT}]) +|(?<=[0-9A-Za-z.%]) +(?=[{_CJK}{_CJK_PUNCT}])|(?<=[(:,;]) +| +(?=[),:;])"
)


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The matching form of ``text``: full-width to half-width, artefacts
    removed, whitespace collapsed, spaces around Chinese text dropped."""
    text = ARTEFACTS.sub("", text).translate(_TABLE)
    text = _SPACE_RUN.sub(" ", text).strip()
    if " " in text:
        text = _DROP_SPACE.sub("", text)
    return text


def fold(text: str) -> str:
    """Full-width to half-width, zero-width characters removed, character by
    character: ``"".join(norm(ch) for ch in text)`` for text without
    whitespace (which ``norm`` collapses)."""
    return text.translate(_TABLE)


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """``norm`` with every space removed (for label comparison)."""
    return norm(text).replace(" ", "")


_INVISIBLE = frozenset(ch for ch, to in ((chr(k), v) for k, v in _TABLE.items()) if to is None)


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but whitespace (U+3000 included)
    and invisible characters (zero-width space, BOM, soft hyphen)."""
    stripped = text.strip()
    if not stripped or stripped[0] not in _INVISIBLE:  # the usual answers, without translating
        return not stripped
    return not text.translate(_TABLE).strip()
