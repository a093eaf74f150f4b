"""Which files a run checks: the paths given, directories walked.

:func:`expand_paths` is shared by the run (the paths on the command line)
and the report repository (the ``history`` folders of a configuration).
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

#: the path that names standard input
STDIN = "-"


class LintError(Exception):
    """A usage error (e.g. a path that does not exist); Chinese message."""



def expand_paths(paths: Iterable[str], extensions: Iterable[str], *,
                 unreadable: Callable[[str, str], object] | None = None) -> list[str]:
    """Files to lint: files and ``-`` as given, directories walked
    recursively (sorted; only files with one of ``extensions``; hidden
    files and directories such as ``.git`` or ``.govlint_cache`` skipped;
    symlinked directories followed once).  Duplicates removed.
    LintError for a path that does not exist.  A directory that cannot be
    listed is passed to ``unreadable(directory, why)`` (Chinese), never
    skipped in silence unless no ``unreadable`` is given."""
    extensions = frozenset(e.lower() for e in extensions)
    found: dict[str, str] = {}
    for given in paths:
        if given == STDIN:
            candidates: Iterable[str] = [STDIN]
        elif os.path.isdir(given):
            candidates = _walk(given, extensions, unreadable)
        elif os.path.lexists(given):
            candidates = [given]
        else:
            raise LintError(f"路径不存在：{given}")
        for candidate in candidates:
            found.setdefault(candidate if candidate == STDIN else os.path.abspath(candidate), candidate)
    return list(found.values())


def _walk(top: str, extensions: frozenset[str], unreadable: Callable[[str, str], object] | None) -> Iterator[str]:
    seen = set()

    def failed(error: OSError) -> None:
        if unreadable is not None and error.filename is not None:
            unreadable(os.fsdecode(error.filename), f"无法读取目录：{error.strerror or error}")

    for directory, subdirs, files in os.walk(top, followlinks=True, onerror=failed):
        real = os.path.realpath(directory)
        if real in seen:
            subdirs[:] = []
            continue
        seen.add(real)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions:
                yield os.path.join(directory, name)
