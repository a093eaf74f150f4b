"""Rules that are not installed packages: folders of rule modules
(``rule-paths`` in a configuration, ``--rule-path DIR`` on the command
line) and declarative rules files (``rules-files``, see
:mod:`govlint.run.declarative`).

Every ``*.py`` file of a rule path (not recursing; names starting with
``_`` skipped) is imported by its file path under a private module name
(``_govlint_rule_path_<hash>_<stem>``), so it never shadows an installed
module nor is shadowed by one.  A module that implements hooks
(``@hookimpl def govlint_rules()``…) is a plugin like any other; a module
that implements none contributes the :class:`~govlint.rule.Rule`
subclasses it defines.  Plugin names are ``rule-path:<file>`` and
``rules-file:<file>``.

Which sources a run uses: the command line's ``--rule-path`` folders (for
every file), and the ``rule-paths``/``rules-files`` of the configurations
that govern the paths checked — the ``--config`` file, or the nearest
configuration of each path and, for a directory, every configuration
inside it.  Rules from a configuration apply only to the files it governs
(:attr:`Rule.origin`, :func:`govlint.run.config.build_settings`).

A rule path or rules file that does not exist, and an invalid rules file,
are ConfigErrors (exit 2); a rule module that fails to import is reported
and skipped like a broken plugin.
"""

from __future__ import annotations

import inspect
import os
import sys
from types import ModuleType
from typing import Iterable, Iterator, Sequence

import msgspec

from .. import hookspecs
from ..hookspecs import hookimpl
from ..rule import Rule
from .config import (
    CONFIG_FILES,
    ConfigError,
    Options,
    config_file_in,
    display_path,
    load_table,
    nearest_config_file,
    rule_sources,
)
from .paths import parent
from .plugins import Plugins, load_plugins

RULE_PATH, RULES_FILE = "rule-path", "rules-file"


class Source(msgspec.Struct, frozen=True):
    """A rule path or rules file; ``origin`` is set (to ``path``) when it
    comes from a configuration, so its rules apply to that configuration's
    files only."""

    kind: str
    path: str
    origin: str | None = None


class _Provides:
    """A plugin object that provides a fixed list of rule classes."""

    def __init__(self, rules: Sequence[type[Rule]]):
        self._rules = list(rules)

    @hookimpl
    def govlint_rules(self) -> list[type[Rule]]:
        return self._rules


def sources(paths: Iterable[str], options: Options, *, walk: bool = True) -> list[Source]:
    """The rule sources for checking ``paths`` with ``options`` (see the
    module docstring); ``walk=False`` leaves out configurations inside
    directories.  ConfigError for a source that does not exist."""
    found: dict[str, Source] = {}
    for given in options.rule_paths:
        path = os.path.abspath(given)
        found.setdefault(path, Source(RULE_PATH, path))
    if options.use_config:
        if options.config:  # a missing one is reported when the configuration is read
            configs = [options.config] if os.path.isfile(options.config) else []
        else:
            configs = list(_configs(paths, options, walk))
        for config in dict.fromkeys(configs):
            data = load_table(config)
            if not isinstance(data, dict):
                continue  # not a table: reported when the configuration is read
            for kind, key in ((RULE_PATH, "rule-paths"), (RULES_FILE, "rules-files")):
                for path in rule_sources(data, config, key):
                    found.setdefault(path, Source(kind, path, path))
    for source in found.values():
        exists = os.path.isdir(source.path) if source.kind == RULE_PATH else os.path.isfile(source.path)
        if not exists:
            what = "规则目录" if source.kind == RULE_PATH else "规则文件"
            raise ConfigError(f"找不到{what}：{display_path(source.path)}")
    return list(found.values())


def _configs(paths: Iterable[str], options: Options, walk: bool) -> Iterator[str]:
    """The configuration files governing ``paths``."""
    for given in paths:
        if given == "-":
            start = parent(options.stdin_filename or "stdin.txt")
        elif os.path.isdir(given):
            start = os.path.abspath(given)
            if walk:
                yield from _inside(start)
        else:
            start = parent(given)
        nearest = nearest_config_file(start)
        if nearest is not None:
            yield nearest


def _inside(top: str) -> Iterator[str]:
    """Configuration files in the directories under ``top`` (hidden ones skipped)."""
    for directory, subdirs, files in os.walk(top):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        if directory != top and any(name in files for name in CONFIG_FILES):
            found = config_file_in(directory)
            if found is not None:
                yield found


def load(found: Sequence[Source]) -> Plugins:
    """The installed plugins plus ``found``: rules files are read first
    (their errors are ConfigErrors); rule modules load as plugins."""
    extra: list[tuple[str, object]] = []
    origins: dict[str, str | None] = {}
    for source in found:
        if source.kind == RULES_FILE:
            name = f"{RULES_FILE}:{display_path(source.path)}"
            from .declarative import load_rules_file  # only for a rules file: its import costs a one-file run

            plugin = _Provides(load_rules_file(source.path, source.origin))
            extra.append((name, lambda plugin=plugin: plugin))
            continue
        for file in _modules(source.path):
            name = f"{RULE_PATH}:{display_path(file)}"
            extra.append((name, lambda file=file: _plugin(file)))
            origins[name] = source.origin
    plugins = load_plugins(extra)
    for rule in plugins.rules:
        if origins.get(rule.plugin) is not None:
            rule.origin = origins[rule.plugin]
    return plugins


def plugins_for(paths: Iterable[str], options: Options, *, walk: bool = True) -> Plugins:
    """Every plugin a run over ``paths`` uses."""
    return load(sources(paths, options, walk=walk))


def _modules(folder: str) -> list[str]:
    """The rule modules of rule path ``folder``: its ``*.py`` files whose
    names do not start with ``_``, sorted."""
    return sorted(os.path.join(folder, name) for name in os.listdir(folder)
                  if name.endswith(".py") and not name.startswith("_") and os.path.isfile(os.path.join(folder, name)))


def _plugin(file: str) -> object:
    """Import ``file`` under a private name; the module itself when it
    implements hooks, else a plugin providing the rules it defines."""
    import hashlib  # here and below: only a rule path needs them
    import importlib.util

    digest = hashlib.sha1(file.encode("utf-8")).hexdigest()[:12]
    stem = os.path.splitext(os.path.basename(file))[0]
    name = f"_govlint_rule_path_{digest}_{stem.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"无法导入 {display_path(file)}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    if any(callable(getattr(module, hook, None)) for hook in _hook_names()):
        return module
    return _Provides(_defined_rules(module))


def _hook_names() -> list[str]:
    return [name for name in dir(hookspecs) if name.startswith("govlint_")]


def _defined_rules(module: ModuleType) -> list[type[Rule]]:
    return [obj for obj in vars(module).values()
            if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__ and obj.code]
