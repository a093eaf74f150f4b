"""The part of a run that checks reports against each other.

:func:`govlint.run.engine.lint` reads and checks each file on its own; then
:class:`ReportSetPhase` runs the rules over report sets
(:class:`~govlint.repository.reportset.ReportSetRule`) on all of them at once, together
with the repository's other reports::

    phase = ReportSetPhase(plugins, all_settings, cache_root)   # validates the configuration
    for each file checked:                                       # (in a --jobs worker too)
        profile = phase.profile(path, data, doc, settings)       # None unless a rule wants it
    for each file checked, in the parent:
        phase.add(shown_path, settings, profile)
    results = phase.finish(results, warn)                        # adds the findings

The rules run in the parent, once every file's own results are in; only
the small profiles cross from the workers.  When a file's own results come
from the results cache (:mod:`govlint.run.cache`) there is no document:
:meth:`ReportSetPhase.profile` then takes the profile from the profile cache
(:mod:`govlint.repository.profilecache`), which the earlier run filled.

Configuration (keys of the file governing each report; paths relative to
that configuration file's directory)::

    history = ["reports/"]          # folders (or files) of the repository's reports
    [organ-aliases]                 # name as written -> name to use (govlint.recognise.organs)
    "安丘市教育和体育局" = "安丘市教育局"

Files of the run are grouped by the configuration that governs them; each
group's rules see every file of the run plus its configuration's history
(read through :class:`~govlint.repository.profilecache.ProfileStore`: once per run,
cached across runs) and report on the group's files only, with the group's
selection, severities and per-file ignores.  A history folder that does not
exist is a configuration error.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

from ..findings import Finding
from ..model import Document
from ..recognise.organs import OrganNames
from ..run.config import ConfigError, Settings, config_file_in, display_path
from ..run.paths import expand_paths
from ..run.plugins import Plugins
from .profile import ReportProfile
from .profilecache import ProfileStore
from .reportset import Member, ReportSet, ReportSetRule, set_rules

HISTORY = "history"
ALIASES = "organ-aliases"

Result = TypeVar("Result")


@dataclasses.dataclass
class _Group:
    """The run's files governed by one configuration."""

    settings: Settings
    reports: list[Member] = dataclasses.field(default_factory=list)


class ReportSetPhase:
    """Collects the run's reports and runs the rules over report sets
    (module docstring).  ConfigError for an invalid ``history`` or
    ``organ-aliases`` in any of ``settings``."""

    def __init__(self, plugins: Plugins, settings: Iterable[Settings], cache_root: Path | None = None):
        self._rules = set_rules(plugins.rules)
        self._store = ProfileStore(plugins, cache_root) if self._rules else None
        self._groups: dict[int, _Group] = {}
        self._history: dict[int, list[str]] = {}
        for s in settings:
            if id(s) not in self._history and self.wants(s):
                folders = [str(s.root / path) for path in _history(s)]
                _aliases(s)  # checked now, before any report is read
                missing = [f for f in folders if not os.path.exists(f)]
                if missing:
                    raise ConfigError(f"{_where(s)}{HISTORY} 中的路径不存在：{'、'.join(map(display_path, missing))}")
                self._history[id(s)] = expand_paths(folders, plugins.extensions)

    def wants(self, settings: Settings) -> bool:
        """True when some rule over report sets is enabled for ``settings``."""
        return any(rule.code in settings.enabled for rule in self._rules)

    def profile(self, path: str, data: bytes | Document, doc: Document | None,
                settings: Settings) -> ReportProfile | None:
        """The profile of the file ``path`` of the run when a rule over
        report sets wants it: ``data`` its bytes (a Document when it could
        not be read), ``doc`` the document read from them (None when its
        results came from the cache)."""
        if self._store is None or not self.wants(settings) or isinstance(data, Document):
            return None
        return self._store.of_data(path, data, doc)

    def add(self, path: str, settings: Settings, profile: ReportProfile) -> None:
        """A file of the run, ``path`` as its findings show it."""
        group = self._groups.setdefault(id(settings), _Group(settings))
        group.reports.append(Member(profile, path, True, None))

    def finish(self, results: Sequence[Result], warn: Callable[[str], None]) -> list[Result]:
        """``results`` (objects with ``path`` and ``findings``, e.g. the
        engine's FileResult) with the findings of the rules over report
        sets added, sorted; a rule that crashes is passed to ``warn``."""
        found: dict[str, list[Finding]] = defaultdict(list)
        for group in self._groups.values():
            for finding in self._run_group(group, warn):
                found[finding.path].append(finding)
        by_position = attrgetter("sort_key")
        return [dataclasses.replace(r, findings=tuple(sorted((*r.findings, *found[r.path]), key=by_position)))
                if found.get(r.path) else r for r in results]

    def _run_group(self, group: _Group, warn: Callable[[str], None]) -> Iterable[Finding]:
        settings = group.settings
        names = OrganNames(_aliases(settings))
        run = {os.path.realpath(r.profile.path): dataclasses.replace(r, organ=names.canonical(r.profile.organ))
               for g in self._groups.values() for r in g.reports}
        targets = [run[os.path.realpath(r.profile.path)] for r in group.reports]
        reports = [*run.values(), *self._history_reports(settings, run, names)]
        for rule in self._rules:
            if rule.code not in settings.enabled:
                continue
            chosen = [r for r in targets if rule.code not in settings.ignored_for(r.profile.path)]
            if chosen:
                yield from self._check(rule, ReportSet(reports, chosen, names), settings, warn)

    def _history_reports(self, settings: Settings, run: Mapping[str, Member], names: OrganNames) -> list[Member]:
        reports = []
        for path in self._history.get(id(settings), ()):
            if os.path.realpath(path) in run:
                continue
            profile = self._store.of_file(path)
            if profile is not None:
                reports.append(Member(profile, display_path(path), False, names.canonical(profile.organ)))
        return reports

    @staticmethod
    def _check(rule: type[ReportSetRule], reports: ReportSet, settings: Settings,
               warn: Callable[[str], None]) -> Iterable[Finding]:
        by_path = {r.path: r for r in reports.targets}
        try:
            instance = rule()
            instance.config = settings.values
            found = list(instance.check_set(reports))
        except Exception as exc:  # a broken rule must not stop the run
            warn(f"规则 {rule.code} 出错：{type(exc).__name__}: {exc}")
            return
        severity = settings.severities.get(rule.code)
        for finding in found:
            target = by_path.get(finding.path)
            if target is not None:  # never on history files or on files the rule is off for
                yield dataclasses.replace(finding, source=target.profile.source_line(finding.line),
                                          severity=finding.severity_for(severity))


def _history(settings: Settings) -> list[str]:
    value = settings.values.get(HISTORY, [])
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ConfigError(f"{_where(settings)}{HISTORY} 应为字符串列表（报告文件夹，相对于配置文件）")
    return value


def _aliases(settings: Settings) -> Mapping[str, str]:
    value: Any = settings.values.get(ALIASES, {})
    if not (isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
        raise ConfigError(f"{_where(settings)}{ALIASES} 应为表（机关名称 = 统一使用的名称）")
    return value


def _where(settings: Settings) -> str:
    """``govlint.toml: ``, the configuration file for messages."""
    return f"{display_path(config_file_in(settings.root) or settings.root)}: "
