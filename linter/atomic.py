"""Writing files atomically (output files, the caches, the data files'
parsed forms): readers (a CI step, a browser, another govlint run) never
see half a file, and a failed write leaves the old file.

An output file the user names (``--write-baseline``, ``--html``) that is a
symbolic link is written *through*: the link stays and its target is
replaced (``follow_symlinks=True``); one that is a directory, a FIFO or a
device is refused, never replaced.  :func:`unwritable` says why a file
cannot be written before any work is done, so that a run is refused at the
start rather than failing at the end.  The caches' own files
(``follow_symlinks=False``) replace whatever is at their place: a link
planted in a cache is replaced, never followed.
"""

from __future__ import annotations

import os
import stat


def _target(path: str, follow_symlinks: bool) -> str:
    return os.path.realpath(path) if follow_symlinks and os.path.islink(path) else path


def unwritable(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot be written as an output file (Chinese), None if
    it can (as far as can be told before writing)."""
    target = _target(os.fspath(path), True)
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        return f"目录 {directory} 不存在" if not os.path.exists(directory) else f"{directory} 不是目录"
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return exc.strerror or str(exc)
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "它是目录" if stat.S_ISDIR(info.st_mode) else "它不是普通文件"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"目录 {directory} 不可写"
    return None


def write_atomic(path: str | os.PathLike, text: str | bytes, *, durable: bool = True,
                 follow_symlinks: bool = False) -> None:
    """Write ``text`` (UTF-8; bytes as they are) to ``path`` through a
    temporary file in the same directory and a rename, so readers never see half a file.  The
    file gets the usual permissions (0666 less the umask).  ``durable``:
    flush it to disk before the rename (a cache entry need not be);
    ``follow_symlinks``: write through a link at ``path`` (see the module
    docstring).  OSError when it cannot be written; IsADirectoryError or
    FileExistsError (nothing replaced) when the target is a directory or
    not a regular file and links are followed."""
    path = _target(os.fspath(path), follow_symlinks)
    if follow_symlinks:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "是目录，未写入", str(path))
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise FileExistsError(17, "不是普通文件，未写入", str(path))
    import tempfile  # here: a run that writes nothing (the usual one) never pays for it

    directory = os.path.dirname(os.path.abspath(path))
    mask = os.umask(0)
    os.umask(mask)
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        out = (os.fdopen(fd, "wb") if isinstance(text, bytes)
               else os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n"))
        with out:
            out.write(text)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
