"""Profiles of report files, read once per run and cached across runs.

A pre-commit hook checks one file, but its rules over report sets
(:mod:`govlint.repository.reportset`) compare it with every report of the repository's
history folders.  :class:`ProfileStore` makes that cheap:

* within a run, each file is read once (memo by real path), however many
  configurations name its folder;
* across runs, its :class:`~govlint.repository.profile.ReportProfile` is stored as JSON
  in ``.govlint_cache/profiles/`` beside the results cache
  (:mod:`govlint.run.cache`, same root), keyed by a hash of the file's content
  and extension, the profile format and the plugin set (govlint's version
  and source, the readers: :func:`govlint.run.cache.fingerprint`) — an edited
  file, or another govlint, never gets a stale profile.  Entries are
  written atomically (a concurrent run sees a whole entry or none); an
  entry is read as the results cache reads its own (never through a link,
  never from a FIFO, size and nesting bounded before parsing): one that is
  unreadable or damaged is read again from the report and rewritten; a
  cache that cannot be written is simply not used.
* a history file is read under the watchdog's budget (the ``time-limit``
  and ``memory-limit`` of its configuration, :func:`govlint.run.parallel.watchdog`):
  one over budget gives no profile and is named to the run's ``warn``.

The files of the run are stored too (:meth:`ProfileStore.of_data`), so a
later run whose results come from the results cache has their profiles
without reading them.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable

from ..atomic import write_atomic
from ..model import Document
from ..run.cache import DIRECTORY, fingerprint, load_json, read_entry
from ..run.config import display_path
from ..run.parallel import Budget, BudgetExceeded, watchdog
from ..run.pipeline import read_document, read_source
from ..run.plugins import Plugins
from .profile import FORMAT, ReportProfile

SUBDIRECTORY = "profiles"
#: how deep a profile's JSON nests (deeper: damaged, not parsed)
MAX_DEPTH = 8


class ProfileStore:
    """Profiles of report files (module docstring); ``root`` is where the
    cache directory is (None: no cache across runs)."""

    def __init__(self, plugins: Plugins, root: str | None):
        self._readers = plugins.readers
        self._directory = Path(root, DIRECTORY, SUBDIRECTORY, str(FORMAT)) if root is not None else None
        self._fingerprint = fingerprint(plugins) if root is not None else ""
        self._memo: dict[str, ReportProfile | None] = {}

    def of_file(self, path: str, budget: Budget = Budget(),
                warn: Callable[[str], object] = lambda message: None) -> ReportProfile | None:
        """The profile of file ``path`` (None when it is not a readable
        report, or reading it went over ``budget``: then said to ``warn``)."""
        real = os.path.realpath(path)
        if real not in self._memo:
            source = read_source(path, self._readers)
            profile = None
            if not isinstance(source, Document):
                try:
                    with watchdog(budget):
                        profile = self.of_data(path, source)
                except BudgetExceeded as exc:
                    what = "时间" if exc.kind == "time" else "内存"
                    warn(f"历史报告 {display_path(path)} 读取超出{what}限制，未用于跨报告比对")
            self._memo[real] = profile
        return self._memo[real]

    def of_data(self, path: str, data: bytes, doc: Document | None = None) -> ReportProfile | None:
        """The profile of ``data`` read as file ``path``: from the cache,
        else from ``doc`` (``data`` already read) or by reading ``data``."""
        entry = self._entry(path, data)
        cached = _read_entry(entry, path) if entry is not None else None
        if cached is not None:
            return cached
        doc = doc or read_document(path, data, readers=self._readers)
        if doc.fatal:
            return None
        profile = ReportProfile.of(doc)
        if entry is not None:
            _write_entry(entry, profile)
        return profile

    def _entry(self, path: str, data: bytes) -> Path | None:
        if self._directory is None:
            return None
        digest = hashlib.sha256()
        for part in (self._fingerprint, os.path.splitext(path)[1].lower()):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        key = digest.hexdigest()
        return self._directory / key[:2] / f"{key}.json"


def _read_entry(entry: Path, path: str) -> ReportProfile | None:
    """The cached profile (its path set to ``path``: the same content may
    sit in several files), or None when missing or damaged (a damaged entry
    is deleted, to be written again)."""
    try:
        text = read_entry(entry)
    except OSError:
        return None
    if text is None:
        return None  # not a regular file: _write_entry replaces it
    data = load_json(text, MAX_DEPTH)
    try:
        if not isinstance(data, dict):
            raise ValueError("not a profile")
        data["path"] = path
        return ReportProfile.from_data(data)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        try:
            os.unlink(entry)
        except OSError:
            pass
        return None


def _write_entry(entry: Path, profile: ReportProfile) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        ignore = entry.parents[3] / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, "*\n", durable=False)
        write_atomic(entry, json.dumps(profile.to_data(), ensure_ascii=False), durable=False)
    except OSError:
        pass  # a cache that cannot be written is not used
