"""Headings run into the text around them.

A web page saved as text may hold the whole report on one line
(``…电子邮箱：x@y.com。一、总体情况2020年，本局…二、主动公开政府信息情况第二十条…``),
and a Word paragraph may start with its heading (``一、总体情况 2020年，…``).
:func:`spans` finds, inside a paragraph, a Chinese numeral with ``、``
followed by a known form of the section it numbers (exactly, or with a
key-word typo), or else by words holding that section's signature
(``五、政府信息公开存在的问题及改进措施（一）…``, ending where they read most
like the section), or by a known form of another section (a renumbered
report: ``六、存在的主要问题及改进措施``): that stretch is a heading
candidate, scored like any other.  Table labels (``四、结转下年度继续办理``)
never match.  A heading at the very start of a paragraph is only split off when
the paragraph goes on as prose (sentence punctuation, too long for a
heading, or a space after an exact heading); otherwise the paragraph is a
heading candidate as a whole.

:func:`cut` makes a paragraph of a stretch of another, its pieces (and so
every location) still pointing into the original file.
"""

from __future__ import annotations

import regex

from ...model import Location, Paragraph, Piece
from ...normalize import compact
from .numbering import strip_stray
from .wording import loose_prefix, prefix

_CN = "一二三四五六"
_NUMERAL = regex.compile(rf"[{_CN}]、")
_NOT_BEFORE = frozenset("第一二三四五六七八九十百零〇(（")
_PROSE = regex.compile(r"[,;。]")
_SPACE = regex.compile(r"\s")
_STRAY = 3  # characters a stray bullet or letter before a numeral may take


def _compact_map(text: str) -> tuple[str, list[int]]:
    """``text`` normalised character by character, spaces dropped, and the
    offset in ``text`` of each character of the result."""
    out, where = [], []
    for offset, ch in enumerate(text):
        for mapped in compact(ch):
            out.append(mapped)
            where.append(offset)
    return "".join(out), where


def spans(paragraph: Paragraph, max_length: int) -> list[tuple[int, int]]:
    """``(start, end)`` offsets in ``paragraph.text`` of the headings inside
    it, when the paragraph is more than a heading (see the module docstring)."""
    text = compact(paragraph.text)
    if not _NUMERAL.search(text):
        return []
    if len(text) <= max_length and not _PROSE.search(text) and not _SPACE.search(paragraph.text.strip()):
        return []  # a heading as a whole, or no heading
    if not _headings(text, max_length, None):
        return []
    flat, where = _compact_map(paragraph.text)
    return [(0 if at_start else where[start], where[end - 1] + 1)
            for start, end, at_start in _headings(flat, max_length, (paragraph.text, where))]


def _headings(flat: str, max_length: int, source: tuple[str, list[int]] | None) -> list[tuple[int, int, bool]]:
    """``(start, end, at_start)`` in ``flat`` (the compacted text) of the
    headings in it; ``source`` (the original text and the offset of each
    character of ``flat`` in it) tells whether a space follows a heading."""
    found = []
    for m in _NUMERAL.finditer(flat):
        start = m.start()
        if start and flat[start - 1] in _NOT_BEFORE:
            continue
        at_start = start == 0 or (start <= _STRAY and not strip_stray(flat[:start + 1])[:-1])
        number = _CN.index(flat[start]) + 1
        window = flat[m.end():m.end() + 40]
        length = prefix(window, number) or loose_prefix(window, number) or _other_section(window, number)
        if not length:
            continue
        end = m.end() + length
        rest = flat[end:end + max_length]
        if at_start and not _starts_prose(rest, len(flat) > max_length, source, end):
            continue
        if rest and rest[0] in ":：":
            end += 1
        found.append((start, end, at_start))
    return found


def _other_section(window: str, number: int) -> int | None:
    """A known form of another section than the numeral's (a renumbered
    report: ``六、存在的主要问题及改进措施``)."""
    return next((length for other in range(1, 7) if other != number and (length := prefix(window, other))), None)


def _starts_prose(rest: str, long: bool, source: tuple[str, list[int]] | None, end: int) -> bool:
    """Does the paragraph go on as prose after a heading at its start?"""
    if not rest.strip(":：。.;；"):
        return False
    if _PROSE.search(rest) or long:
        return True
    if source is None:
        return True  # decided on the original text
    original, where = source
    return original[where[end - 1] + 1:where[end]].isspace()


def cut(paragraph: Paragraph, start: int, end: int) -> Paragraph | None:
    """The stretch ``start:end`` of ``paragraph`` as a paragraph of its own
    (surrounding whitespace dropped), or None when it is blank."""
    text = paragraph.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    first = paragraph.location_at(start)
    pieces = [Piece(0, first.line, first.column)]
    pieces += [Piece(p.offset - start, p.line, p.column) for p in paragraph.pieces if start < p.offset < end]
    old = paragraph.location
    last = pieces[-1].line
    end_line = last if old.end_line is not None or last != first.line else None
    location = Location(first.line, first.column, end_line, page=old.page, label=old.label)
    return Paragraph(text[start:end], location, tuple(pieces), paragraph.heading_level if start == 0 else None)
