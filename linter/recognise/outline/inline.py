"""Headings run into the text around them, and headings broken over lines.

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
heading) or after a space or a line break (lines that extraction joined);
otherwise the paragraph is a heading candidate as a whole.

:func:`join_markers` does the opposite for a numeral that extraction put
on a line of its own (``一、`` / ``总体情况``, ``（`` / ``一`` / ``）`` / ``编制标准目录``):
it is joined with the paragraph after it.

:func:`cut` and :func:`join` make a paragraph of a stretch of another, or
of several, their pieces (and so every location) still pointing into the
original file.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from ...model import Block, Location, Paragraph, Piece
from ...normalize import compact
from ...regexes import compile_regex
from .numbering import strip_stray
from .wording import loose_prefix, prefix

_CN = "一二三四五六"
_NUMERAL = compile_regex(rf"[{_CN}]、")
_NOT_BEFORE = frozenset("第一二三四五六七八九十百零〇(（")
_PROSE = compile_regex(r"[,;。]")
_SPACE = compile_regex(r"\s")
_STRAY = 3  # characters a stray bullet or letter before a numeral may take
#: A heading numeral or a bracketed sub-item marker standing alone on its line.
_LONE_MARKER = compile_regex(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\))$")
#: The start of a bracketed marker broken over lines: ``（`` / ``一`` / ``）``.
_PARTIAL_MARKER = compile_regex(r"^\((?:[一二三四五六七八九十\d]{1,3})?$")
_MARKER_FIRST = frozenset("(一二三四五六七八九十")
_MARKER_LENGTH = 5
#: What follows the bracketed number of a legal citation (``第二十条第`` / ``（五）`` / ``项``).
_CITATION = compile_regex(r"^[项款条目号]")


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
    if (len(text) <= max_length and not _PROSE.search(text) and not _SPACE.search(paragraph.text.strip())
            and len(paragraph.pieces) < 2):
        return []  # a heading as a whole, or no heading
    if not _headings(text, max_length, None):
        return []
    flat, where = _compact_map(paragraph.text)
    source = _Source(paragraph.text, where, frozenset(p.offset for p in paragraph.pieces))
    return [(0 if at_start else where[start], where[end - 1] + 1)
            for start, end, at_start in _headings(flat, max_length, source)]


class _Source(msgspec.Struct, frozen=True):
    """The original text of a paragraph, the offset in it of each character
    of its compacted text, and the offsets where its source lines start."""

    text: str
    where: list[int]
    line_starts: frozenset[int]

    def breaks_after(self, end: int) -> bool:
        """Is there a space, or the end of a source line, after compacted character ``end - 1``?"""
        after, following = self.where[end - 1] + 1, self.where[end]
        return self.text[after:following].isspace() or following in self.line_starts


def _headings(flat: str, max_length: int, source: _Source | None) -> list[tuple[int, int, bool]]:
    """``(start, end, at_start)`` in ``flat`` (the compacted text) of the
    headings in it; ``source`` tells whether a space or a line break
    follows a heading (None: assume it does, to be decided on the source)."""
    found: list[tuple[int, int, bool]] = []
    for m in _NUMERAL.finditer(flat):
        start = m.start()
        if (start and flat[start - 1] in _NOT_BEFORE) or (found and start < found[-1][1]):
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


def _starts_prose(rest: str, long: bool, source: _Source | None, end: int) -> bool:
    """Does the paragraph go on after a heading at its start: as prose, or
    after a space or the end of a line (a heading joined with the line
    after it: ``主动公开政府信息情况`` / ``第二十条第（一）项``)?"""
    if not rest.strip(":：。.;；"):
        return False
    if _PROSE.search(rest) or long:
        return True
    return source is None or source.breaks_after(end)


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


def join_markers(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` with each numeral standing alone on its line (or broken
    over a few lines) joined with the paragraph that follows it."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = compact(block.text) if isinstance(block, Paragraph) else ""
        if not text or text[0] not in _MARKER_FIRST or len(text) > _MARKER_LENGTH:
            out.append(block)
            i += 1
            continue
        j = i
        while _PARTIAL_MARKER.match(text) and j + 1 < len(blocks) and isinstance(blocks[j + 1], Paragraph):
            j += 1
            text += compact(blocks[j].text)
        if (_LONE_MARKER.match(text) and j + 1 < len(blocks) and isinstance(blocks[j + 1], Paragraph)
                and not _CITATION.match(compact(blocks[j + 1].text))):
            out.append(join(blocks[i:j + 2]))
            i = j + 2
        else:
            out.append(block)
            i += 1
    return out


def join(paragraphs: Sequence[Paragraph]) -> Paragraph:
    """One paragraph of several consecutive ones, their texts run together."""
    text, pieces = "", []
    for p in paragraphs:
        own = p.pieces or (Piece(0, p.location.line, p.location.column),)
        pieces += [Piece(len(text) + piece.offset, piece.line, piece.column) for piece in own]
        text += p.text
    first, last = paragraphs[0].location, paragraphs[-1]
    location = Location(first.line, first.column, last.lines[-1], page=first.page, label=first.label)
    level = next((p.heading_level for p in paragraphs if p.heading_level), None)
    return Paragraph(text, location, tuple(pieces), level)
