"""Plugin loading: every rule group and reader, built-in or third-party,
comes in through the ``govlint`` entry-point group and the hooks of
:mod:`govlint.hookspecs`.

:func:`load_plugins` never raises for a broken plugin: a plugin that fails
to import or register (whatever it raises: SystemExit, or a
KeyboardInterrupt the user did not cause, too), a hook that crashes, a rule that fails
:meth:`Rule.validate`, and a rule whose code or name is already taken are
reported in :attr:`Plugins.warnings` (Chinese, ready for stderr) and
skipped; everything else loads.  When two plugins claim the same rule code,
rule name or file extension, the first one loaded keeps it.  Built-in
plugins load first (in the order they are declared), then third-party ones
sorted by distribution and entry-point name.  Entry points are read from
each distribution's ``entry_points.txt``, once (:func:`entry_points`:
:mod:`importlib.metadata` would parse every installed distribution's
metadata to find them, a tenth of a one-file run).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from types import ModuleType, SimpleNamespace
from typing import Any, Callable, Iterable, Iterator, Protocol

import msgspec
import pluggy

from .. import hookspecs
from ..read import Reader
from ..rule import Rule
from .parallel import Interrupts, debug_traceback

GROUP = "govlint"


class EntryPoint(Protocol):
    """What loading needs of an entry point (:func:`entry_points` makes
    them; an :class:`importlib.metadata.EntryPoint` is one too)."""

    name: str
    dist: Any

    def load(self) -> Any: ...


class Plugins(msgspec.Struct):
    """What the plugins provide: rule classes (each with ``plugin`` set),
    readers, merged default configuration, and load warnings."""

    manager: pluggy.PluginManager
    rules: list[type[Rule]] = msgspec.field(default_factory=list)
    readers: list[Reader] = msgspec.field(default_factory=list)
    defaults: dict[str, Any] = msgspec.field(default_factory=dict)
    warnings: list[str] = msgspec.field(default_factory=list)

    def rule_by_code(self, code: str) -> type[Rule] | None:
        return next((r for r in self.rules if r.code == code.upper()), None)

    def rule_by_name(self, name: str) -> type[Rule] | None:
        return next((r for r in self.rules if r.name == name), None)

    def find_rule(self, ref: str) -> type[Rule] | None:
        """The rule with code or name ``ref`` (codes case-insensitive)."""
        return self.rule_by_code(ref) or self.rule_by_name(ref)

    @property
    def extensions(self) -> frozenset[str]:
        """Every file extension some reader claims (lower-case, with dot)."""
        return frozenset(ext for reader in self.readers for ext in reader.extensions)


Extra = ModuleType | str | tuple[str, Callable[[], object]]


class _EntryPoint:
    """An entry point as :func:`entry_points` reads it: ``value`` is
    ``module`` or ``module:attribute``; ``dist.name`` its distribution's
    normalised name, ``dist.info`` its metadata folder (``….dist-info``).
    (A plain class: cheaper to define than a dataclass.)"""

    __slots__ = ("name", "value", "dist")

    def __init__(self, name: str, value: str, dist: str, info: str):
        self.name, self.value, self.dist = name, value, SimpleNamespace(name=dist, info=info)

    def load(self) -> Any:
        module, _, attribute = self.value.partition(":")
        found: Any = importlib.import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            found = getattr(found, part)
        return found


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of the distributions on ``sys.path``,
    as :func:`importlib.metadata.entry_points` finds them (the first
    distribution of a name wins), read from each ``entry_points.txt`` once,
    without importing :mod:`importlib.metadata` nor parsing every
    distribution's metadata."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or os.curdir)
        except OSError:
            continue
        for name in names:
            stem, _, suffix = name.rpartition(".")
            if suffix not in ("dist-info", "egg-info"):
                continue
            dist = re.sub(r"[-_.]+", "_", stem.partition("-")[0]).lower()
            if dist in seen:
                continue
            seen.add(dist)
            info = os.path.join(folder or os.curdir, name)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (OSError, UnicodeDecodeError):
                continue
            found += (_EntryPoint(key, value, dist, info) for key, value in _section(text, group))
    return found


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` lines of section ``[group]`` of an ``entry_points.txt``."""
    inside = False
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            inside = line == f"[{group}]"
        elif inside and "=" in line:
            key, _, value = line.partition("=")
            yield key.strip(), value.partition("[")[0].strip()


def load_plugins(extra_modules: Iterable[Extra] = ()) -> Plugins:
    """Load the ``govlint`` entry points, then ``extra_modules``: modules or
    dotted module names (registered under their module name), or
    ``(name, load)`` pairs whose ``load()`` returns the plugin object
    (failing like a broken entry point)."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    for ep in _ordered(entry_points(group=GROUP)):
        _register(plugins, ep.name, ep.load)
    for module in extra_modules:
        if isinstance(module, tuple):
            _register(plugins, *module)
        elif isinstance(module, str):
            _register(plugins, module, lambda name=module: importlib.import_module(name))
        else:
            _register(plugins, module.__name__, lambda plugin=module: plugin)
    taken: tuple[dict, dict] = ({}, {})  # rule codes, rule names → the rule holding each
    for name, plugin in manager.list_name_plugin():
        _collect(plugins, name, plugin, taken)
    return plugins


def _ordered(eps: Iterable[EntryPoint]) -> list[EntryPoint]:
    """Built-in entry points first, in declared order; then the others by
    distribution and entry-point name."""
    builtin, others = [], []
    for ep in eps:
        (builtin if ep.dist is not None and ep.dist.name == GROUP else others).append(ep)
    return builtin + sorted(others, key=lambda ep: (ep.dist.name if ep.dist else "", ep.name))


def _register(plugins: Plugins, name: str, load: Callable[[], object]) -> None:
    try:
        plugins.manager.register(load(), name=name)
    except BaseException as exc:  # a broken plugin must not stop the others, nor end the run
        _unless_user(exc)
        plugins.warnings.append(f"插件 {name} 加载失败：{_describe(exc)}")


def _results(plugins: Plugins, hook: str, plugin: object, name: str, kind: type) -> list[Any]:
    """What each of ``plugin``'s implementations of ``hook`` returned, as a
    ``kind`` (list or dict); implementations that raised or returned
    something else are reported and left out."""
    results = []
    for impl in getattr(plugins.manager.hook, hook).get_hookimpls():
        if impl.plugin is not plugin:
            continue
        try:
            results.append(kind(impl.function() or kind()))
        except BaseException as exc:
            _unless_user(exc)
            plugins.warnings.append(f"插件 {name} 的 {hook} 出错：{_describe(exc)}")
    return results


def _collect(plugins: Plugins, name: str, plugin: object, taken: tuple[dict, dict]) -> None:
    for rules in _results(plugins, "govlint_rules", plugin, name, list):
        for rule in rules:
            _add_rule(plugins, name, rule, taken)
    for readers in _results(plugins, "govlint_readers", plugin, name, list):
        for reader in readers:
            _add_reader(plugins, name, reader)
    for defaults in _results(plugins, "govlint_default_config", plugin, name, dict):
        for key, value in defaults.items():
            plugins.defaults.setdefault(key, value)


def _add_rule(plugins: Plugins, name: str, rule: object, taken: tuple[dict, dict]) -> None:
    """Add ``rule`` unless its code or name is ``taken`` (by code, by name:
    the rule loaded first, and its place in ``plugins.rules``)."""
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        plugins.warnings.append(f"插件 {name} 提供的 {rule!r} 不是 Rule 的子类，已忽略")
        return
    try:
        rule.validate()
    except BaseException as exc:
        _unless_user(exc)
        plugins.warnings.append(f"插件 {name} 的规则 {rule.__name__} 无效，已忽略：{exc}")
        return
    codes, names = taken
    clashes = [found for found in (codes.get(rule.code), names.get(rule.name)) if found is not None]
    if clashes:
        other = min(clashes)[1]  # the first of the rules loaded that it clashes with
        plugins.warnings.append(
            f"插件 {name} 的规则 {rule.code}（{rule.name}）与插件 {other.plugin} 的规则"
            f" {other.code}（{other.name}）代码或名称重复，已忽略"
        )
        return
    rule.plugin = name
    codes[rule.code] = names[rule.name] = (len(plugins.rules), rule)
    plugins.rules.append(rule)


def _add_reader(plugins: Plugins, name: str, reader: object) -> None:
    if not isinstance(reader, Reader):
        plugins.warnings.append(f"插件 {name} 提供的 {reader!r} 不是 Reader，已忽略")
        return
    taken = plugins.extensions & set(reader.extensions)
    if taken:
        plugins.warnings.append(f"插件 {name} 的读取器 {reader.name} 的扩展名 {'、'.join(sorted(taken))} 已被占用，已忽略")
        return
    plugins.readers.append(reader)


def _unless_user(exc: BaseException) -> None:
    """Re-raise ``exc`` if it is the user's Ctrl-C (or not an error of the
    plugin's at all); else, with ``GOVLINT_DEBUG=1``, print its traceback."""
    if isinstance(exc, KeyboardInterrupt) and Interrupts.from_user():
        raise exc
    if isinstance(exc, GeneratorExit):
        raise exc
    debug_traceback("插件出错", exc)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
