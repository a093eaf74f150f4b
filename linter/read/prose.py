"""Prose lines back into paragraphs: shared by the text and PDF readers.

PDF (and text extracted from PDF) breaks a paragraph into lines at the
page's width.  A line continues the one before it when that line ran to
the full width (how a reader knows this differs: the text reader guesses
the wrap width from the widths of the lines, the PDF reader sees where the
line ends on the page), did not end a sentence, and the new line does not
start a new item (``（二）``, ``3.``, ``①``…; also when PDF extraction
wrote its numeral as a radical, ``⼆、``).  :func:`paragraph` joins the
lines, with :class:`~govlint.model.Piece` s mapping each part back to its
source line.

Page headers and footers (``— 4 —``, ``- 1 -``, ``第 2 页 共 6 页``) are
recognised by :data:`PAGE_NUMBER` and dropped by both readers.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from ..model import Location, Paragraph, Piece
from ..normalize import fold
from ..regexes import compile_re, compile_regex

#: A line that is only a page number.
PAGE_NUMBER = compile_re(
    r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$"
)
#: A line that starts a new item: never glued to the line before it.
ITEM_START = compile_re(
    r"^\s*(?:#|[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|[(（]\d{1,2}[)）]|\d{1,2}\s*[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)"
)
SENTENCE_END = tuple("。！？；!?;：:")


class Line(NamedTuple):
    """One source line of prose: its text as written and where it starts.
    ``page`` is set by page-based readers.  ``glued``: the line continues
    the one before it inside a word or number (Word runs written one per
    line), so no space is put between them."""

    text: str
    line: int
    column: int = 1
    page: int | None = None
    glued: bool = False


# ``regex``, not ``re``, which compiles a class over a large range a character at a time (~0.6 ms)
_NARROW = compile_regex(r"[\u0000-\u2e7f]")


def width(text: str) -> float:
    """Display width in full-width characters (characters before the CJK
    blocks, U+2E80, count half)."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


def continues(previous: str, line: str, *, full: bool) -> bool:
    """Was ``line`` broken off ``previous`` by the page width?  ``full``:
    the previous line ran to the full width of the text."""
    return full and not previous.strip().endswith(SENTENCE_END) and not ITEM_START.match(fold(line))


def paragraph(lines: Iterable[Line], label: str | None = None) -> Paragraph:
    """One paragraph from the lines it was broken into (at least one).

    The parts are stripped and joined without a separator, as Chinese is
    written, except that a space is kept between two ASCII letters or digits
    (``Word`` / ``2019``).  The paragraph's location is its first line's
    (with ``label``), ending at its last line.
    """
    text, pieces, first, last = "", [], None, None
    for part in lines:
        stripped = part.text.strip()
        if text and not part.glued and text[-1].isascii() and text[-1].isalnum() and stripped[:1].isascii() and stripped[:1].isalnum():
            text += " "
        column = part.column + len(part.text) - len(part.text.lstrip())
        pieces.append(Piece(len(text), part.line, column))
        text += stripped
        first = first or part
        last = part
    location = Location(first.line, pieces[0].column, last.line, page=first.page, label=label)
    return Paragraph(text, location, tuple(pieces))
