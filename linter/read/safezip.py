"""Opening an Office (OOXML) file safely: it is a zip archive, and a
hostile one can be a zip bomb.

Before anything is decompressed, :func:`check` reads the archive's
directory and refuses too many entries, too much uncompressed data in
total, or an entry compressed more than any real document is.  The
declared sizes are what the decompressor is held to (``zipfile`` stops an
entry that inflates past its declared size), so a lying directory cannot
get past these limits either.  Anything refused raises
:class:`~.support.InputError` (``unreadable``) with a Chinese message.
"""

from __future__ import annotations

import io
import zipfile

from .support import InputError

#: A report has a few dozen entries (parts, relationships, media).
MAX_ENTRIES = 2000
#: Uncompressed total: text is small, but embedded images can be large.
MAX_TOTAL = 256 * 1024 * 1024
#: XML compresses well (~10–30×); beyond this an entry is a bomb.
MAX_RATIO = 200
#: Entries smaller than this are not held to the ratio (tiny files compress oddly).
RATIO_FLOOR = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check(data: bytes, what: str) -> zipfile.ZipFile:
    """The archive of ``data`` (a ``what`` file, e.g. ``Word 文档（.docx）``),
    once its directory passed the limits; InputError otherwise."""
    if data.startswith(_OLE_MAGIC):
        raise InputError("unreadable", f"这是旧版 Office 97-2003 格式的文件，不是{what}：请用 Word 或 WPS 另存为 .docx 后再检查")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError("unreadable", f"文件不是有效的{what}（ZIP 结构损坏或文件不完整：{exc}）") from None
    if len(entries) > MAX_ENTRIES:
        raise InputError("unreadable", f"文件包含 {len(entries)} 个压缩条目（上限 {MAX_ENTRIES}），疑似恶意构造，未读取")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL:
        raise InputError("unreadable", f"文件解压后达 {total / 1048576:.0f} MB（上限 {MAX_TOTAL // 1048576} MB），疑似压缩炸弹，未读取")
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(
                "unreadable",
                f"压缩条目 {entry.filename} 的压缩比超过 {MAX_RATIO}:1，疑似压缩炸弹，未读取",
            )
    return archive
