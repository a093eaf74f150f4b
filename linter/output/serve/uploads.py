"""Uploaded files into a private folder, ready for the check process.

The page sends the files (a browser reads them from the disk, a dropped
folder with their relative paths); :func:`receive` writes each into a
fresh folder under the server's private temporary directory (mode 0700,
made with :func:`tempfile.mkdtemp`), which the request removes when it
ends.  A ``.zip`` is a folder of reports sent as one file: its report
files are unpacked into a folder named after it (or after the one folder
it holds), with the zip-bomb checks of :mod:`govlint.read.safezip` —
entries counted and their declared sizes and compression ratios checked
before anything is inflated, each inflated a chunk at a time never past
its declared size, all of them within :data:`UNPACKED_BYTES`.  Entry
names written by Chinese Windows (GBK, without the UTF-8 flag) are
decoded as such; hidden files, ``__MACOSX`` and files of other types are
left out, as ``govlint check`` leaves them out of a folder.

Names are made safe before anything is written: ``..``, absolute paths,
drive letters and control characters go, each part is shortened to
:data:`NAME_CHARS`, and a name given twice gets `` (2)``.  An archive
that cannot be unpacked is *refused*: it is not an error of the request
but a report of its own, whose E finding the check process makes
(:attr:`Upload.refused`).  Over :data:`MAX_REPORTS` report files, the
request is refused with a message saying so (:class:`UploadError`); the
total size of a request is held to :data:`MAX_REQUEST_BYTES` by the web
server before anything is read.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from collections.abc import Iterable

import msgspec

from ... import limits
from ...read.safezip import check as check_zip, read_parts
from ...read.support import InputError
from ...regexes import compile_re

#: one request's files together (the web server refuses more before reading them)
MAX_REQUEST_BYTES = 100 * limits.MIB
#: report files in one request, those unpacked from archives included
MAX_REPORTS = 200
#: what the archives of one request may unpack to, in total
UNPACKED_BYTES = limits.ZIP_DECLARED
#: characters of one part of a name
NAME_CHARS = 120
ZIP_WHAT = "ZIP 压缩包"

_CONTROL = compile_re(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WINDOWS_RESERVED = compile_re(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)
_UTF8_FLAG = 0x800


class UploadError(Exception):
    """The request cannot be checked; the message (Chinese) says why."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class Upload(msgspec.Struct):
    """What a request brought, in ``folder``: ``paths`` (relative to it)
    to check — files, and the folders archives were unpacked into — and
    the archives ``refused`` as ``(name, kind, message)`` (kind as an
    :class:`~govlint.model.InputProblem`'s, so the E rules report it)."""

    folder: str
    paths: list[str] = msgspec.field(default_factory=list)
    refused: list[tuple[str, str, str]] = msgspec.field(default_factory=list)
    reports: int = 0


def clean_name(name: str) -> str:
    """``name`` as a safe relative posix path (never empty, never leaving
    the folder it is written in)."""
    name = unicode_name(name).replace("\\", "/")
    parts = []
    for part in name.split("/"):
        part = _CONTROL.sub("_", part).strip()
        if part in ("", ".", ".."):
            continue
        if len(part) == 2 and part[1] == ":":  # a drive letter
            continue
        if _WINDOWS_RESERVED.match(part):
            part = "_" + part
        if len(part) > NAME_CHARS:
            stem, ext = posixpath.splitext(part)
            part = stem[: NAME_CHARS - len(ext[:16])] + ext[:16]
        parts.append(part)
    return "/".join(parts) or "未命名"


def unicode_name(name: str) -> str:
    """A name as text that can be written to any file system (lone
    surrogates of undecodable bytes replaced)."""
    return name.encode("utf-8", "replace").decode("utf-8") if re.search("[\ud800-\udfff]", name) else name


def _entry_name(info: zipfile.ZipInfo) -> str:
    """An archive entry's name: ZIP tools that do not set the UTF-8 flag
    write the system's code page (GBK on Chinese Windows), which zipfile
    decoded as cp437."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _hidden(path: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in path.split("/"))


class _Names:
    """Names given out in one folder: a file or folder name taken (or a
    file name where a folder is, or the other way round) gets `` (2)``."""

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.folders: set[str] = set()

    def _free(self, name: str) -> bool:
        prefixes = ["/".join(name.split("/")[:i]) for i in range(1, name.count("/") + 1)]
        return name not in self.files and name not in self.folders and not any(p in self.files for p in prefixes)

    def __call__(self, name: str, folder: bool = False) -> str:
        stem, ext = posixpath.splitext(name) if not folder else (name, "")
        candidate, n = name, 1
        while not self._free(candidate.lower()):
            n += 1
            candidate = f"{stem} ({n}){ext}"
        key = candidate.lower()
        (self.folders if folder else self.files).add(key)
        self.folders.update("/".join(key.split("/")[:i]) for i in range(1, key.count("/") + 1))
        return candidate


def _write(folder: str, relative: str, data: bytes) -> None:
    path = os.path.join(folder, *relative.split("/"))
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(data)


def receive(files: Iterable[tuple[str, bytes]], folder: str, extensions: Iterable[str]) -> Upload:
    """Write ``files`` (name as sent, content) into ``folder`` (see the
    module docstring); ``extensions`` are those a reader claims."""
    extensions = tuple(e.lower() for e in extensions)
    upload = Upload(folder)
    names = _Names()
    budget = [UNPACKED_BYTES]
    for sent, data in files:
        name = clean_name(sent)
        if name.lower().endswith(".zip"):
            _unpack(upload, names, name, data, extensions, budget)
        else:
            name = names(name)
            upload.reports += 1
            _limit(upload)
            _write(folder, name, data)
            upload.paths.append(name)
    return upload


def _limit(upload: Upload) -> None:
    if upload.reports > MAX_REPORTS:
        raise UploadError(f"一次最多检查 {MAX_REPORTS} 份报告（本次超过了这个数）：请分批上传", 413)


def _unpack(upload: Upload, names: _Names, name: str, data: bytes, extensions: tuple[str, ...],
            budget: list[int]) -> None:
    """Unpack archive ``name`` into a folder of ``upload``, or refuse it."""
    shown = names(name)
    try:
        archive = check_zip(data, ZIP_WHAT)
        entries = {}
        for info in archive.infolist():
            entry = clean_name(_entry_name(info))
            if not info.is_dir() and not _hidden(entry) and entry.lower().endswith(extensions):
                entries[info.filename] = entry
        if not entries:
            known = "、".join(sorted(extensions))
            upload.refused.append((shown, "unsupported", f"压缩包中没有可检查的报告文件（支持：{known}）"))
            return
        upload.reports += len(entries)
        _limit(upload)
        parts = read_parts(data, ZIP_WHAT, lambda filename: filename in entries, budget[0],
                           budget_what="报告文件")
    except InputError as exc:
        upload.refused.append((shown, exc.kind, exc.message))
        return
    budget[0] -= sum(len(parts[f]) for f in entries)
    tops = {entry.split("/", 1)[0] for entry in entries.values()}
    nested = len(tops) == 1 and all("/" in entry for entry in entries.values())
    root = names(tops.pop() if nested else posixpath.splitext(shown)[0] or "压缩包", folder=True)
    written = set()
    for filename, entry in entries.items():
        relative = entry.split("/", 1)[1] if nested else entry
        target = f"{root}/{relative}"
        while target.lower() in written:  # two entries with one name once cleaned
            stem, ext = posixpath.splitext(target)
            target = f"{stem} (2){ext}"
        written.add(target.lower())
        _write(upload.folder, target, parts[filename])
    upload.paths.append(root)
