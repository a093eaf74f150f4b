"""The results cache: ``.govlint_cache/results/`` at the project root, as ruff has.

What checking a file finds depends on its content, the settings that apply
to it (configuration and command line), the rules loaded (the plugin set,
with versions and code) and govlint itself.  An entry's key is a SHA-256
over all of these and the file's path (per-file ignores and the path shown
in findings depend on it), so an entry is never stale: change any of them
and the key changes.  The rules' code is identified by each plugin's
distribution (its metadata folder, whose ``METADATA`` holds the version)
*and* the modification times and sizes of its files (govlint's own
included): every file the distribution installed (its ``RECORD``) and
every file of the plugin module's top-level package, so
editing any module of a plugin — the rule modules its hook imports, an
editable install's source, a data file — does not reuse old results.

Where: the directory of the configuration file that governs the current
directory (the project root, found by walking up as for a report), or
else the current directory itself; never inside a directory being linted
that is not one of these, never in a temporary or home directory.  The
directory holds ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*``, and is
skipped when linting directories (it is hidden).

Safety: an entry is written to a temporary file and renamed into place, so
a reader never sees half an entry, and concurrent runs (two terminals, the
``--jobs`` workers) at worst write the same entry twice.  Nothing in the
cache directory can break or block a run: an entry is opened without
following a symbolic link and without waiting (a FIFO or device is never
read), read only if it is a regular file of at most
:data:`govlint.limits.CACHE_ENTRY_BYTES`, its JSON nested at most
:data:`MAX_DEPTH` deep (checked before it is parsed) and of exactly the
shape :meth:`Cache.put` writes (every field of the right type).  Anything
else is a miss; a damaged entry is deleted and rewritten, a non-regular
file replaced by the rewritten entry.  A cache directory that cannot be
created or written is not used, silently (the run is only slower).  Checks
during which a rule crashed are not cached, so the error is reported again
next time.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache
from types import ModuleType
from typing import Any, Iterable

import msgspec

from .. import limits
from ..atomic import write_atomic
from ..findings import Finding
from ..model import Severity
from ..recognise.reportinfo import ReportInfo
from ..regexes import compile_re
from .config import Settings, nearest_config_file
from .paths import parent
from .plugins import GROUP, Plugins

DIRECTORY = ".govlint_cache"
#: this cache's part of the directory (other parts: :mod:`govlint.repository.profilecache`)
SUBDIRECTORY = "results"
#: bumped when the entry format changes; old entries are then never read
FORMAT = "2"
#: an entry's JSON is an object holding a list of objects holding at most a list: deeper is damage
MAX_DEPTH = 4
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is govlint's results cache.\n"


class Entry(msgspec.Struct, frozen=True):
    """What checking a file found.  ``changes``: whether its prose states
    changes against last year (claims of kind ``change``), all a run of
    this one report needs to know to leave the report-set phase out
    (:class:`govlint.run.engine._LoneReport`)."""

    findings: tuple[Finding, ...]
    info: ReportInfo | None
    changes: bool = True


class Cache:
    """Entries under ``directory`` for one plugin set (``fingerprint``)."""

    def __init__(self, directory: str, fingerprint: str):
        self.directory = directory
        self.fingerprint = fingerprint

    @classmethod
    def open(cls, root: str, plugins: Plugins) -> "Cache | None":
        """The cache under ``root``; None when it cannot be created."""
        directory = os.path.join(root, DIRECTORY)
        entries = os.path.join(directory, SUBDIRECTORY, FORMAT)
        try:
            os.makedirs(entries, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "*\n")):
                if not os.path.exists(os.path.join(directory, name)):
                    write_atomic(os.path.join(directory, name), text, durable=False)
        except OSError:
            return None
        return cls(entries, fingerprint(plugins))

    def key(self, path: str, shown: str, data: bytes, settings: Settings, info: bool) -> str:
        """The key of checking ``data`` as file ``path`` (shown as ``shown``)
        with ``settings``; ``info``: whether the entry holds a ReportInfo."""
        import hashlib  # here: a run without the cache does not need it
        digest = hashlib.sha256()
        for part in (FORMAT, self.fingerprint, _settings_text(settings), os.path.abspath(path), shown, str(info)):
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], f"{key}.json")

    def get(self, key: str) -> Entry | None:
        """The entry stored under ``key``; None when there is none or it is
        unusable (a damaged one is deleted; see the module docstring)."""
        path = self._path(key)
        try:
            text = read_entry(path)
        except OSError:
            return None
        if text is None:
            return None  # not a regular file: put() replaces it
        entry = _entry(text, key)
        if entry is None:
            try:
                os.unlink(path)
            except OSError:
                pass
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store ``entry`` (atomically; failures are ignored)."""
        import json  # here and below: a run without the cache never needs it

        data = {
            "key": key,
            "findings": [_finding_data(f) for f in entry.findings],
            "info": entry.info.as_dict() if entry.info is not None else None,
            "changes": entry.changes,
        }
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomic(path, json.dumps(data, ensure_ascii=False), durable=False)
        except OSError:
            pass


def root_for(config: str | None) -> str:
    """Where the cache goes: the directory of the ``--config`` file, else of
    the configuration governing the current directory, else the current
    directory."""
    if config:
        return parent(config)
    here = os.getcwd()
    found = nearest_config_file(here)
    return os.path.dirname(found) if found is not None else here


# ---------------------------------------------------------------- entries


def read_entry(path: str) -> str | None:
    """The text of the entry file ``path``; None when it is not a regular
    file (never waiting on a FIFO, never following a link); OSError when
    it cannot be read; "" when it is too large or not UTF-8 (damaged)."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > limits.CACHE_ENTRY_BYTES:
            return ""
        data = handle.read(limits.CACHE_ENTRY_BYTES + 1)
    try:
        return data.decode("utf-8") if len(data) <= limits.CACHE_ENTRY_BYTES else ""
    except UnicodeDecodeError:
        return ""


_STRING = compile_re(r'"(?:[^"\\]++|\\.)*+"')  # possessive: constant memory on any string
_BRACKETS = compile_re(r"[\[\]{}]")


def _depth(text: str) -> int:
    """How deep the arrays and objects of JSON ``text`` nest (strings skipped)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(text: str, depth: int) -> object | None:
    """``text`` parsed as JSON, None when it is empty, damaged or nests
    deeper than ``depth`` (checked before parsing)."""
    import json

    if not text or _depth(text) > depth:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _entry(text: str, key: str) -> Entry | None:
    """The Entry ``text`` holds for ``key``, None when it is damaged or of another key."""
    data = load_json(text, MAX_DEPTH)
    if not (isinstance(data, dict) and set(data) == {"key", "findings", "info", "changes"} and data["key"] == key
            and isinstance(data["findings"], list) and isinstance(data["changes"], bool)):
        return None
    findings = []
    for item in data["findings"]:
        finding = _finding_or_none(item)
        if finding is None:
            return None
        findings.append(finding)
    info = data["info"]
    if info is None:
        return Entry(tuple(findings), None, data["changes"])
    if not (isinstance(info, dict) and set(info) == set(_INFO_TYPES)
            and all(_is(info[name], kinds) for name, kinds in _INFO_TYPES.items())):
        return None
    return Entry(tuple(findings), ReportInfo(**info), data["changes"])


_NONE = type(None)
#: what each field of a stored finding must be
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "path": (str,), "line": (int,), "column": (int,), "code": (str,), "name": (str,), "message": (str,),
    "end_line": (int, _NONE), "end_column": (int, _NONE), "source": (str,), "page": (int, _NONE),
    "location": (str, _NONE), "certain": (bool,), "severity": (int,),
}
_INFO_TYPES: dict[str, tuple[type, ...]] = {"organ": (str, _NONE), "year": (int, _NONE), "template": (str, _NONE),
                                            "format": (str,)}
_SEVERITIES = frozenset(int(s) for s in Severity)


def _is(value: Any, kinds: tuple[type, ...]) -> bool:
    """``isinstance`` where a bool is not an int."""
    return isinstance(value, kinds) and (not isinstance(value, bool) or bool in kinds)


def _finding_or_none(item: Any) -> Finding | None:
    if not isinstance(item, dict) or set(item) != set(_FIELD_TYPES):
        return None
    if not all(_is(item[name], kinds) for name, kinds in _FIELD_TYPES.items()) or item["severity"] not in _SEVERITIES:
        return None
    return _finding(item)

_FIELDS = ("path", "line", "column", "code", "name", "message", "end_line", "end_column", "source", "page",
           "location", "certain")


def _finding_data(finding: Finding) -> dict[str, Any]:
    data = {name: getattr(finding, name) for name in _FIELDS}
    data["severity"] = int(finding.severity)
    return data


def _finding(data: dict[str, Any]) -> Finding:
    return Finding(severity=Severity(data["severity"]), **{name: data[name] for name in _FIELDS})


# ---------------------------------------------------------------- fingerprints


def _settings_text(settings: Settings) -> str:
    """What of ``settings`` changes the findings, as text (the fail level
    does not: it is applied after the cache)."""
    import json

    return json.dumps({
        "enabled": sorted(settings.enabled),
        "severities": {code: int(level) for code, level in sorted(settings.severities.items())},
        "per_file_ignores": [[glob, sorted(codes)] for glob, codes in settings.per_file_ignores],
        "root": str(settings.root),
        "values": settings.values,
    }, sort_keys=True, ensure_ascii=False, default=repr)


def fingerprint(plugins: Plugins) -> str:
    """The plugin set: govlint's version and source, every plugin's name,
    distribution version and files, every rule (see the module
    docstring)."""
    from .plugins import entry_points  # as the plugins were found (importlib.metadata: every METADATA parsed)

    dists = {ep.name: ep.dist for ep in entry_points(GROUP)}
    parts = _stamps(_package_files())  # govlint's version is that of its entry points
    for name, plugin in plugins.manager.list_name_plugin():
        dist = dists.get(name)
        files = dict.fromkeys(_plugin_files(name, plugin))
        if dist is not None:
            parts.append(f"plugin {name} {dist.name} {dist.info}")
            files[os.path.join(dist.info, "METADATA")] = None  # the version: rewritten by every install
            if dist.name != GROUP:  # govlint's own files are stamped above
                files.update(dict.fromkeys(_distribution_files(dist.info)))
        else:
            parts.append(f"plugin {name}")
        parts.extend(_stamps(files))
    parts += [f"rule {r.plugin} {r.code} {r.name} {int(r.severity)} {r.origin}" for r in plugins.rules]
    parts += [f"reader {r.name} {r.extensions} {r.target}" for r in plugins.readers]
    import hashlib
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


@lru_cache(maxsize=1)
def _package_files() -> tuple[str, ...]:
    """govlint's own source and data files."""
    import govlint
    import govlint.rules

    return tuple(_tree({*govlint.__path__, *govlint.rules.__path__}))


def _plugin_files(name: str, plugin: object) -> Iterable[str]:
    """The source file of a plugin, every file of its top-level package
    (not govlint's: stamped on its own), and the file a local rule plugin
    is named after."""
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(type(plugin).__module__)
    if module is not None and getattr(module, "__file__", None):
        yield module.__file__
        top = sys.modules.get(module.__name__.partition(".")[0])
        if top is not None and top.__name__ != "govlint" and getattr(top, "__path__", None):
            yield from _tree(top.__path__)
    kind, _, file = name.partition(":")
    if file and kind in ("rule-path", "rules-file"):
        yield file


def _tree(roots: Iterable[str]) -> Iterable[str]:
    """Every file under ``roots`` (sorted; ``__pycache__`` left out)."""
    for root in sorted(roots):
        for directory, subdirs, files in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            yield from (os.path.join(directory, f) for f in sorted(files) if not f.endswith(".pyc"))


def _distribution_files(info: str) -> Iterable[str]:
    """The files the distribution of metadata folder ``info`` installed (its
    ``RECORD``: CSV rows whose first field is the path from the folder
    holding ``info``), compiled bytecode left out."""
    import csv

    try:
        with open(os.path.join(info, "RECORD"), encoding="utf-8", newline="") as record:
            rows = list(csv.reader(record))
    except (OSError, UnicodeDecodeError, csv.Error):
        return
    base = os.path.dirname(info)
    for row in rows:
        if row and row[0] and not row[0].endswith(".pyc"):
            yield os.path.normpath(os.path.join(base, row[0]))


def _stamps(files: Iterable[str]) -> list[str]:
    out = []
    for file in files:
        try:
            info = os.stat(file)
            out.append(f"{file} {info.st_mtime_ns} {info.st_size}")
        except OSError:
            out.append(f"{file} missing")
    return out
