"""Opening an Office (OOXML) file safely: it is a zip archive, and a
hostile one can be a zip bomb or lie about itself.

:func:`check` reads the archive's directory and refuses, before anything
is decompressed: a directory too large to list (its size and entry count
are read from the end record, before :mod:`zipfile` parses it), too many
entries, too much uncompressed data declared in total, or an entry
declared to be compressed more than any real document is.

:func:`read_parts` then inflates the parts a reader needs, never trusting
what an entry declares: each is inflated :data:`~govlint.limits.ZIP_CHUNK`
at a time (:mod:`zipfile` inflates up to 2 GiB per ``read()`` before it
cuts the result to the declared size), never past its declared size (an
entry whose data go on is then caught by its checksum), only with the
methods Word uses (stored, deflated: bzip2 and LZMA inflate without a
bound per call), and within a budget for all of them together.  Parts the
reader does not need (images, embedded files) are not inflated at all.

Anything refused raises :class:`~.support.InputError`: ``unreadable``
(E001) for a damaged or malicious archive, ``budget`` (E009) for honest
content over the budget.  The limits are those of :mod:`govlint.limits`.
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Callable

from .. import limits
from .decode import signature
from .support import InputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = b"PK\x05\x06"
#: the central directory holds at most this much per entry (name and extra fields included)
_DIRECTORY_PER_ENTRY = 1024
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _mb(size: int) -> str:
    return f"{size / limits.MIB:.0f} MB" if size >= limits.MIB else f"{max(size // limits.KIB, 1)} KB"


def _directory(data: bytes, what: str) -> None:
    """Refuse an archive whose end record announces too many entries or too
    large a directory (zipfile would build an object per entry first)."""
    end = data.rfind(_END, max(0, len(data) - 65536 - 22))
    if end < 0 or len(data) < end + 22:
        return  # no end record: zipfile reports the damage
    _, _, _, _, count, size, _, _ = struct.unpack("<4s4H2LH", data[end:end + 22])
    if count > limits.ZIP_ENTRIES or count == 0xFFFF:
        raise InputError("unreadable",
                         f"文件包含 {count} 个压缩条目（上限 {limits.ZIP_ENTRIES}），疑似恶意构造，未读取")
    if size > limits.ZIP_ENTRIES * _DIRECTORY_PER_ENTRY:
        raise InputError("unreadable", f"压缩包的目录达 {_mb(size)}，疑似恶意构造，未读取")


def check(data: bytes, what: str) -> zipfile.ZipFile:
    """The archive of ``data`` (a ``what`` file, e.g. ``Word 文档（.docx）``),
    once its directory passed the limits; InputError otherwise."""
    if data.startswith(_OLE_MAGIC):
        raise InputError("unreadable", f"这是旧版 Office 97-2003 格式的文件，不是{what}：请用 Word 或 WPS 另存为 .docx 后再检查")
    other = signature(data)
    if other is not None and other[0] != "zip":
        raise InputError("unreadable", f"文件内容是{other[1]}，不是{what}：扩展名与内容不符")
    _directory(data, what)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error) as exc:
        raise InputError("unreadable", f"文件不是有效的{what}（ZIP 结构损坏或文件不完整：{exc}）") from None
    if len(entries) > limits.ZIP_ENTRIES:
        raise InputError("unreadable", f"文件包含 {len(entries)} 个压缩条目（上限 {limits.ZIP_ENTRIES}），疑似恶意构造，未读取")
    total = sum(entry.file_size for entry in entries)
    if total > limits.ZIP_DECLARED:
        raise InputError("unreadable",
                         f"文件解压后达 {_mb(total)}（上限 {_mb(limits.ZIP_DECLARED)}），疑似压缩炸弹，未读取")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > limits.ZIP_RATIO_FLOOR and ratio > limits.ZIP_RATIO:
            raise InputError(
                "unreadable",
                f"压缩条目 {entry.filename} 的压缩比超过 {limits.ZIP_RATIO}:1，疑似压缩炸弹，未读取",
            )
    return archive


def read_parts(data: bytes, what: str, wanted: Callable[[str], bool], budget: int, *,
               budget_what: str = " XML 部分") -> dict[str, bytes]:
    """Every entry of the archive by name: the contents of those ``wanted``
    (inflated within ``budget`` bytes in total, see the module docstring),
    ``b""`` for the others.  InputError for anything refused."""
    archive = check(data, what)
    parts: dict[str, bytes] = {}
    used = 0
    for entry in archive.infolist():
        if entry.is_dir():
            continue
        if not wanted(entry.filename):
            parts[entry.filename] = b""
            continue
        if entry.compress_type not in _METHODS:
            raise InputError("unreadable", f"压缩条目 {entry.filename} 使用了 Word 不使用的压缩方法"
                                           f"（{entry.compress_type}），疑似恶意构造，未读取")
        if used + entry.file_size > budget:
            raise InputError("budget", f"{what.strip()}的{budget_what}解压后超过 {_mb(budget)}（上限），"
                                       f"远大于任何一份年度报告，未读取")
        parts[entry.filename] = _inflate(archive, entry, what)
        used += len(parts[entry.filename])
    return parts


def _inflate(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, what: str) -> bytes:
    """The entry's data, inflated a chunk at a time, at most its declared size."""
    chunks, size = [], 0
    try:
        with archive.open(entry) as stream:
            while True:
                chunk = stream.read(limits.ZIP_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > entry.file_size:  # zipfile stops at the declared size; never trust it to
                    raise zipfile.BadZipFile("解压后超过声明的大小")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, RuntimeError,
            NotImplementedError) as exc:
        raise InputError("unreadable", f"压缩条目 {entry.filename} 已损坏或与其声明的大小不符"
                                       f"（{exc}），文件不是有效的{what}") from None
    return b"".join(chunks)


def stored(parts: dict[str, bytes]) -> io.BytesIO:
    """An archive of ``parts``, uncompressed: what a library that reads
    zip files itself (python-docx) is given, so it inflates nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    out.seek(0)
    return out
