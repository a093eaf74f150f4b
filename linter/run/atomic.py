"""Writing output files atomically: readers (a CI step, a browser, another
govlint run) never see half a file, and a failed write leaves the old file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike, text: str, *, durable: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the
    same directory and a rename, so readers never see half a file.  The
    file gets the usual permissions (0666 less the umask).  ``durable``:
    flush it to disk before the rename (a cache entry need not be)."""
    path = Path(path)
    directory = Path(os.path.abspath(path)).parent
    mask = os.umask(0)
    os.umask(mask)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
