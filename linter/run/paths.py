"""Which files a run checks: the paths given, directories walked, and
what ``exclude``/``extend-exclude`` leave out.

:func:`expand_paths` is shared by the run (the paths on the command line)
and the report repository (the ``history`` folders of a configuration).

:class:`Exclusion` holds gitignore-style patterns (matched with the
``pathspec`` library, imported on the first match only, so a run that
matches nothing does not pay for it), each set relative to a root: the
configuration file's directory, or the current directory for patterns
given on the command line.  :data:`DEFAULT_EXCLUDE` leaves out what is
never a report even where its extension is one a reader claims
(``README.md``, ``CHANGELOG.md``, ``notes.txt``, ``requirements.txt``…) and
the folders of tools (``node_modules/``, ``venv/``, ``build/``…); a
configuration's ``exclude`` replaces it, ``extend-exclude`` adds to it.
As with ruff, files named explicitly are checked even when excluded,
unless ``--force-exclude`` is given (the pre-commit hook gives it: it names
every staged file).

Paths stay strings through a run (``pathlib`` with what it imports costs
a one-report run ~3 ms): :func:`parent`, :func:`upwards`, :func:`relative`
and :func:`posix` are what the run needs of it.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator

import msgspec

#: the path that names standard input
STDIN = "-"

#: what a repository of reports holds besides reports (gitignore-style; see the module docstring)
DEFAULT_EXCLUDE: tuple[str, ...] = tuple(
    f"{stem}{suffix}"
    for stem in ("README", "Readme", "readme", "CHANGELOG", "Changelog", "changelog", "CHANGES", "HISTORY",
                 "NEWS", "LICENSE", "License", "license", "LICENCE", "COPYING", "AUTHORS", "CONTRIBUTING",
                 "CODE_OF_CONDUCT", "SECURITY", "NOTICE", "TODO", "NOTES", "Notes", "notes")
    for suffix in ("", ".*")
) + ("requirements*.txt", "CMakeLists.txt", "robots.txt",
     "node_modules/", "venv/", ".venv/", "site-packages/", "__pycache__/", "build/", "dist/",
     "*.egg-info/", "htmlcov/", "_build/")


def parent(path: str | os.PathLike) -> str:
    """The directory holding ``path``, absolute."""
    return os.path.dirname(os.path.abspath(path))


def upwards(directory: str) -> Iterator[str]:
    """``directory`` (absolute) and each directory above it, the root last."""
    while True:
        yield directory
        above = os.path.dirname(directory)
        if above == directory:
            return
        directory = above


def relative(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` (both absolute and normalised),
    posix-style; ``"."`` for ``root`` itself, None outside it."""
    if path == root:
        return "."
    prefix = root if root.endswith(os.sep) else root + os.sep
    return posix(path[len(prefix):]) if path.startswith(prefix) else None


def posix(path: str) -> str:
    """``path`` with ``/`` between its parts."""
    return path if os.sep == "/" else path.replace(os.sep, "/")


class LintError(Exception):
    """A usage error (e.g. a path that does not exist); Chinese message."""


class Exclusion(msgspec.Struct, frozen=True, dict=True):
    """Gitignore-style patterns, each group relative to its root directory
    (absolute).  A path outside a group's root is matched by its name only."""

    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @cached_property
    def _compiled(self) -> dict[int, Any]:
        """The groups' compiled specs by index, compiled on first use."""
        return {}

    @property
    def patterns(self) -> tuple[str, ...]:
        return tuple(p for _, patterns in self.groups for p in patterns)

    def _spec(self, index: int) -> Any:
        if index not in self._compiled:
            import pathspec

            self._compiled[index] = pathspec.GitIgnoreSpec.from_lines(self.groups[index][1])
        return self._compiled[index]

    def excludes(self, path: str | os.PathLike, is_dir: bool | None = None) -> bool:
        """Whether ``path`` (a file, or a directory when ``is_dir``; looked
        up when None) is excluded.  A file inside an excluded directory is."""
        return self.matching(path, is_dir) is not None

    def matching(self, path: str | os.PathLike, is_dir: bool | None = None) -> tuple[str, str] | None:
        """``(root, pattern)`` that excludes ``path``, None when none does
        (the last pattern that decides, as in gitignore)."""
        if not self.groups or os.fspath(path) == STDIN:
            return None
        absolute = os.path.abspath(path)
        if is_dir is None:
            is_dir = os.path.isdir(absolute)
        for index, (root, patterns) in enumerate(self.groups):
            if not patterns:
                continue
            inside = relative(absolute, root)
            if inside is None:
                inside = os.path.basename(absolute)
            if inside in ("", "."):
                continue
            result = self._spec(index).check_file(inside + ("/" if is_dir else ""))
            if result.include:
                return root, patterns[result.index]
        return None

    def __bool__(self) -> bool:
        return any(patterns for _, patterns in self.groups)



Excluded = Callable[[str, bool], bool]


def expand_paths(paths: Iterable[str], extensions: Iterable[str], *,
                 unreadable: Callable[[str, str], object] | None = None,
                 excluded: Excluded | None = None, force_exclude: bool = False) -> list[str]:
    """Files to lint: files and ``-`` as given, directories walked
    recursively (sorted; only files with one of ``extensions``; hidden
    files and directories such as ``.git`` or ``.govlint_cache`` skipped;
    symlinked directories followed once).  Duplicates removed.
    LintError for a path that does not exist.  A directory that cannot be
    listed is passed to ``unreadable(directory, why)`` (Chinese), never
    skipped in silence unless no ``unreadable`` is given.
    ``excluded(path, is_dir)`` says which files and directories a walk
    leaves out; with ``force_exclude`` it also applies to the paths given."""
    extensions = frozenset(e.lower() for e in extensions)
    found: dict[str, str] = {}
    for given in paths:
        if given == STDIN:
            candidates: Iterable[str] = [STDIN]
        elif os.path.isdir(given):
            if force_exclude and excluded is not None and excluded(given, True):
                continue
            candidates = _walk(given, extensions, unreadable, excluded)
        elif os.path.lexists(given):
            if force_exclude and excluded is not None and excluded(given, False):
                continue
            candidates = [given]
        else:
            raise LintError(f"路径不存在：{given}")
        for candidate in candidates:
            found.setdefault(candidate if candidate == STDIN else os.path.abspath(candidate), candidate)
    return list(found.values())


def _walk(top: str, extensions: frozenset[str], unreadable: Callable[[str, str], object] | None,
          excluded: Excluded | None = None) -> Iterator[str]:
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
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".")
                            and not (excluded and excluded(os.path.join(directory, d), True)))
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions:
                path = os.path.join(directory, name)
                if not (excluded and excluded(path, False)):
                    yield path
