"""Plain-text tables for the terminal, aligned for Chinese text (East
Asian wide characters take two columns)."""

from __future__ import annotations

import unicodedata
from typing import Sequence


def char_width(char: str) -> int:
    """Display width of one character: East Asian wide characters take two columns."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


class _Widths(dict):
    """Character → display width, each worked out on first sight (an
    output of thousands of findings measures the same few thousand
    characters over and over)."""

    def __missing__(self, char: str) -> int:
        found = self[char] = char_width(char)
        return found


_WIDTHS = _Widths()


def width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return len(text) if text.isascii() else sum(map(_WIDTHS.__getitem__, text))


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``header`` and ``rows`` in aligned columns, two spaces apart; the
    last column is not padded."""
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell + " " * (w - width(cell)) for cell, w in zip(row, widths)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)
