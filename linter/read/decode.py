"""Bytes to text: encoding detection for the encodings reports come in.

Order: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); then UTF-16 without a
BOM, recognised by its zero bytes (the high bytes of ASCII characters, at
odd offsets for little-endian, at even ones for big-endian, with few on the
other side: characters such as U+4E00 have a zero low byte); otherwise
strict UTF-8, then strict GB18030 (a superset of GBK and GB2312).  Data that is neither is
decoded as UTF-8 with replacement characters and reported (E002), so the
rest of the file is still checked.  Binary data (NUL bytes, many control
characters) is reported as such (E004) and not decoded further.

GB18030 accepts almost any run of bytes above 0x80, so text it decodes is
checked for being Chinese at all: in a report nearly every non-ASCII
character is one of the 6,763 characters of GB2312 or its punctuation
(over 90 % in real reports); text where fewer than half are is mojibake.
If the bytes are valid Big5 whose characters are the common traditional
ones, the file is Big5 (E002: to be converted to UTF-8); otherwise it is
binary data or an unknown encoding (E004).  Files whose first bytes are the
signature of another format (a PDF, a .docx or other zip archive, an image)
are reported as that format (:func:`signature`), whatever their extension.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

import msgspec

from ..model import InputProblem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


class Decoded(msgspec.Struct, frozen=True):
    """The text, the encoding used, and what went wrong (``None`` if nothing).

    ``problem`` is ``"binary"`` (text is empty), ``"encoding"`` (text has
    U+FFFD where bytes were invalid; ``bad_line`` is the first such line) or
    ``"big5"`` (text is empty: the file is Big5, not read).  ``reason`` says
    why data is binary when it is more than NUL and control bytes (another
    format's signature, mojibake).
    """

    text: str
    encoding: str
    problem: str | None = None
    bad_line: int | None = None
    reason: str | None = None


#: (signature, format key, what to call it)
_SIGNATURES = (
    (b"%PDF-", "pdf", "PDF 文档（.pdf）"),
    (b"PK\x03\x04", "zip", "ZIP 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "旧版 Office 97-2003 文档（.doc/.xls）"),
    (b"{\\rtf", "rtf", "RTF 文档（.rtf）"),
    (b"\x89PNG\r\n\x1a\n", "png", "PNG 图片"),
    (b"\xff\xd8\xff", "jpeg", "JPEG 图片"),
    (b"GIF87a", "gif", "GIF 图片"),
    (b"GIF89a", "gif", "GIF 图片"),
    (b"Rar!\x1a\x07", "rar", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "7z 压缩包"),
)


def signature(data: bytes) -> tuple[str, str] | None:
    """``(key, Chinese name)`` of the format ``data`` starts like (``pdf``,
    ``zip``, ``ole``, ``rtf``, images, archives), None for anything else.
    A zip archive holding ``word/document.xml`` is named a Word document."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    for magic, key, name in _SIGNATURES:
        if head.startswith(magic) or (key == "pdf" and magic in head):
            if key == "zip" and b"word/document.xml" in data:
                name = "Word 文档（.docx）"
            return key, name
    return None


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
    other = signature(data)
    if other is not None:
        return Decoded("", "binary", "binary", reason=f"文件内容是{other[1]}")
    if looks_binary(data):
        return Decoded("", "binary", "binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            return _replaced(data, "utf-8", utf8_error)
        return _unless_mojibake(data, text)


#: characters sampled to tell Chinese text from mojibake, and how many
#: non-ASCII ones it takes to judge
_SAMPLE = 65536
_EVIDENCE = 20


def _rows(encoding: str, leads: range | list[int], trails: list[int]) -> frozenset[str]:
    found: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                found.update(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                pass
    return frozenset(found)


@lru_cache(maxsize=1)
def _gb2312() -> frozenset[str]:
    """The hanzi of GB2312 (both levels), its punctuation and full-width forms."""
    return _rows("gb2312", [0xA1, 0xA3, *range(0xB0, 0xF8)], list(range(0xA1, 0xFF))) | {"\xa0"}


@lru_cache(maxsize=1)
def _big5_common() -> frozenset[str]:
    """Big5's punctuation and frequently used characters (A140–C67E)."""
    return _rows("big5", range(0xA1, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])


def _share(text: str, known: frozenset[str]) -> float | None:
    """The share of the non-ASCII characters of (the start of) ``text`` in
    ``known``; None when there are too few to judge."""
    sample = text[:_SAMPLE]
    wide = len(sample) - len(sample.encode("ascii", "ignore"))
    if wide < _EVIDENCE:
        return None
    return sum(map(known.__contains__, sample)) / wide


def _unless_mojibake(data: bytes, text: str) -> Decoded:
    """``text`` (decoded as GB18030) unless it is mojibake: Big5 or binary."""
    share = _share(text, _gb2312())
    if share is None or share >= 0.5:
        return Decoded(text, "gb18030")
    try:
        big5 = _share(data[: _SAMPLE * 2].decode("big5", errors="ignore"), _big5_common())
    except LookupError:
        big5 = None
    if big5 is not None and big5 >= 0.8 and _valid_big5(data):
        return Decoded("", "big5", "big5")
    return Decoded("", "binary", "binary", reason=f"按 GB18030 解码后只有 {share:.0%} 是常用汉字和标点（乱码）")


def _valid_big5(data: bytes) -> bool:
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def fatal_problem(decoded: Decoded, what: str) -> InputProblem | None:
    """The problem that stops ``decoded`` from being read as ``what``
    (``文本报告``, ``网页``): binary data or Big5; None otherwise."""
    if decoded.problem == "binary":
        reason = decoded.reason or "文件是二进制数据"
        return InputProblem("binary", f"{reason}，不是{what}（扩展名与内容不符？）", fatal=True)
    if decoded.problem == "big5":
        return InputProblem("encoding", "文件是 Big5 编码（繁体中文）的文本：govlint 读取 UTF-8 与 GB18030/GBK 编码的"
                                        "简体中文报告，请转换为 UTF-8 后再检查", fatal=True)
    return None


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
