"""Bytes to text: encoding detection for the encodings reports come in.

Order: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); then UTF-16 without a
BOM, recognised by its zero bytes (the high bytes of ASCII characters, at
odd offsets for little-endian, at even ones for big-endian, with few on the
other side: characters such as U+4E00 have a zero low byte); otherwise
strict UTF-8, then strict GB18030 (a superset of GBK and GB2312).  Data that is neither is
decoded as UTF-8 with replacement characters and reported (E002), so the
rest of the file is still checked.  Binary data (NUL bytes, many control
characters) is reported as such (E004) and not decoded further.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


@dataclass(frozen=True)
class Decoded:
    """The text, the encoding used, and what went wrong (``None`` if nothing).

    ``problem`` is ``"binary"`` (text is empty) or ``"encoding"`` (text has
    U+FFFD where bytes were invalid; ``bad_line`` is the first such line).
    """

    text: str
    encoding: str
    problem: str | None = None
    bad_line: int | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or more than 5% control characters in the first 8 KiB."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05


def decode(data: bytes) -> Decoded:
    """Decode report bytes (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return Decoded(body.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                return _replaced(body, encoding, exc)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        return Decoded("", "binary", "binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return Decoded(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            return _replaced(data, "utf-8", utf8_error)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """``data`` as UTF-16 text when its zero bytes say so (see the module
    docstring) and it decodes to text without control characters."""
    head = data[:8192]
    if len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high <= 10 * low:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return None
        if any(ord(ch) in _CONTROL for ch in text[:4096]):
            return None
        return Decoded(text, encoding)
    return None


def _replaced(data: bytes, encoding: str, exc: UnicodeDecodeError) -> Decoded:
    line = data[: exc.start].count(b"\n") + 1
    return Decoded(data.decode(encoding, errors="replace"), encoding, "encoding", line)
