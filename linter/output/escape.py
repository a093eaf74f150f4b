"""Text from files and file names, made safe to print and to parse.

A report can hold anything, and so can a file name: terminal control
sequences (``ESC[2J`` clears the screen, ``ESC]0;…`` sets the title), a
newline that makes one finding look like two, bytes that are not UTF-8
(what unzipping a GBK-named archive on Linux gives: Python holds them as
lone surrogates, which no UTF-8 output can carry).  Every output format
goes through these functions:

* :func:`unicode` — text any UTF-8 output can carry: an undecodable byte
  of a file name as ``\\xb1`` (lone surrogates escaped), everything else as
  it is.  The machine formats (JSON, SARIF, JUnit) then escape what their
  syntax needs themselves;
* :func:`visible` — text for a terminal or a log: as :func:`unicode`, and
  control characters (C0 but the tab, DEL, C1, the bidirectional overrides
  and line separators of Unicode) written out as ``\\x1b``, ``\\n``,
  ``\\u202e``, so nothing quoted from a report acts on the terminal or forges
  a line of output;
* :func:`xml` — text XML 1.0 can hold: as :func:`unicode`, and the
  characters XML forbids (C0 but tab, newline and carriage return,
  U+FFFE, U+FFFF) written out as ``\\x1b``.
"""

from __future__ import annotations

import regex

from ..regexes import compile_regex

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# ``regex``, not ``re``, which compiles a class over a large range a character at a time (~0.6 ms)
_SURROGATE = compile_regex("[\ud800-\udfff]")
_CONTROL = compile_regex("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                         "\ud800-\udfff]")
_XML_FORBIDDEN = compile_regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escaped(match: regex.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def unicode(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of file names) escaped."""
    return _SURROGATE.sub(_escaped, text) if _SURROGATE.search(text) else text


def visible(text: str, *, keep: str = "\t") -> str:
    """``text`` for a terminal: control characters escaped but those in
    ``keep`` (the tab, by default); see the module docstring."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escaped(m), text)


def xml(text: str) -> str:
    """``text`` for XML 1.0: the characters it forbids escaped."""
    return _XML_FORBIDDEN.sub(_escaped, text) if _XML_FORBIDDEN.search(text) else text
