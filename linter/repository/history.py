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
    organs = ["安丘市教育局", …]     # the organs that must report (or organs-file = "机关名单.txt")
    [organ-aliases]                 # name as written -> name to use (govlint.recognise.organs)
    "安丘市教育和体育局" = "安丘市教育局"

With an organ list, each group's reports (the run's and the history's) are
also checked for completeness (:mod:`govlint.repository.completeness`):
:meth:`ReportSetPhase.completeness` gives, per configuration, the listed
organs missing a report of each year and the reports of organs not listed.

Files of the run are grouped by the configuration that governs them; each
group's rules see every file of the run plus its configuration's history
(read through :class:`~govlint.repository.profilecache.ProfileStore`: once per run,
cached across runs) and report on the group's files only, with the group's
selection, severities and per-file ignores.  A history folder that does not
exist is a configuration error.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

import msgspec

from .. import limits
from ..model import Document
from ..recognise.organs import OrganNames
from ..run.config import ConfigError, Settings, config_file_in, display_path
from ..run.parallel import Budget, guarded
from ..run.paths import expand_paths, upwards
from ..run.plugins import Plugins
from . import ALIASES, HISTORY
from .completeness import Completeness, Entry, OrgansError, completeness, listed_organs
from .profile import ReportProfile
from .profilecache import ProfileStore
from .reportset import Member, ReportSet, ReportSetRule, set_rules
from .stored import Batch, Store

#: file systems that hold no reports and may not end or block a walk
_SPECIAL = ("/proc", "/sys", "/dev")

Result = TypeVar("Result")


class _Group(msgspec.Struct):
    """The run's files governed by one configuration."""

    settings: Settings
    reports: list[Member] = msgspec.field(default_factory=list)


class ReportSetPhase:
    """Collects the run's reports and runs the rules over report sets
    (module docstring).  ConfigError for an invalid ``history``,
    ``organ-aliases``, ``organs`` or ``organs-file`` in any of ``settings``."""

    def __init__(self, plugins: Plugins, settings: Iterable[Settings], cache_root: str | None = None):
        self._rules = set_rules(plugins.rules)
        self._groups: dict[int, _Group] = {}
        self._history: dict[int, list[str]] = {}
        self._unlisted: dict[str, str] = {}  # history directories that could not be listed → why
        self._organs: dict[int, tuple[str, ...] | None] = {}  # configuration → the organs it lists
        self._complete: list[Completeness] = []
        for s in settings:
            if id(s) not in self._organs:
                try:
                    self._organs[id(s)] = listed_organs(s.values, s.root)
                except OrgansError as exc:
                    raise ConfigError(f"{_where(s)}{exc}") from None
            if id(s) not in self._history and self.wants(s):
                folders = _history_folders(s)
                _aliases(s)  # checked now, before any report is read
                for rule in self._rules:
                    if rule.code in s.enabled:
                        try:
                            rule.check_config(s.values)
                        except ValueError as exc:
                            raise ConfigError(f"{_where(s)}{exc}") from None
                self._history[id(s)] = expand_paths(folders, plugins.extensions, unreadable=self._unlisted.setdefault)
        wanted = self._rules or any(listed is not None for listed in self._organs.values())
        self._store = ProfileStore(plugins, cache_root) if wanted else None

    def wants(self, settings: Settings) -> bool:
        """True when some rule over report sets is enabled for ``settings``,
        or it lists the organs of a repository (completeness)."""
        return (any(rule.code in settings.enabled for rule in self._rules)
                or self._organs.get(id(settings)) is not None)

    def profile(self, path: str, data: bytes | Document, doc: Document | None,
                settings: Settings, changes: bool = True) -> ReportProfile | None:
        """The profile of the file ``path`` of the run when a rule over
        report sets wants it: ``data`` its bytes (a Document when it could
        not be read), ``doc`` the document read from them (None when its
        results came from the cache).  ``changes`` (what the results cache
        remembers of the report's prose) matters only to the stand-in of a
        run of one report (:class:`govlint.run.engine._LoneReport`)."""
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
        sets added, sorted (a file's findings then held compressed and decoded
        as they are read: :mod:`govlint.repository.stored`); a rule that
        crashes is passed to ``warn``.  The profiles are let go."""
        for directory, why in self._unlisted.items():
            warn(f"{HISTORY} 中的目录 {display_path(directory)} 未能读取（{why}），其中的报告未用于跨报告比对")
        store = Store()
        for group in self._groups.values():
            self._run_group(group, store, warn)
        self._complete.sort(key=lambda c: c.source)
        self._groups.clear()  # the profiles: the output that follows needs none
        return [msgspec.structs.replace(r, findings=store.findings(r.path, r.findings)) if r.path in store else r for r in results]

    def _run_group(self, group: _Group, store: Store, warn: Callable[[str], None]) -> None:
        settings = group.settings
        names = OrganNames(_aliases(settings))
        real = {r.profile.path: os.path.realpath(r.profile.path) for g in self._groups.values() for r in g.reports}
        run = {real[r.profile.path]: msgspec.structs.replace(r, organ=names.canonical(r.profile.organ))
               for g in self._groups.values() for r in g.reports}
        targets = [run[real[r.profile.path]] for r in group.reports]
        reports = [*run.values(), *self._history_reports(settings, run, names, warn)]
        listed = self._organs.get(id(settings))
        if listed is not None:
            source = display_path(config_file_in(settings.root) or settings.root)
            self._complete.append(completeness(source, listed, (Entry(r.path, r.organ, r.year) for r in reports),
                                               names))
        everyone = ReportSet(reports, targets, names, listed)
        ignored = {r.profile.path: settings.ignored_for(r.profile.path) for r in targets}
        for rule in self._rules:
            if rule.code not in settings.enabled:
                continue
            chosen = [r for r in targets if rule.code not in ignored[r.profile.path]]
            if chosen:
                self._check(rule, everyone.retarget(chosen), settings, store.batch(), warn)

    def completeness(self) -> tuple[Completeness, ...]:
        """Per configuration listing organs, the completeness of its
        repository (after :meth:`finish`), by configuration path."""
        return tuple(self._complete)

    def _history_reports(self, settings: Settings, run: Mapping[str, Member], names: OrganNames,
                         warn: Callable[[str], None]) -> list[Member]:
        reports = []
        budget = Budget(settings.time_limit or limits.TIME_LIMIT, settings.memory_limit or limits.MEMORY_LIMIT)
        for path in self._history.get(id(settings), ()):
            if os.path.realpath(path) in run:
                continue
            profile = self._store.of_file(path, budget, warn)
            if profile is not None:
                reports.append(Member(profile, display_path(path), False, names.canonical(profile.organ)))
        return reports

    @staticmethod
    def _check(rule: type[ReportSetRule], reports: ReportSet, settings: Settings, batch: Batch,
               warn: Callable[[str], None]) -> None:
        """Run ``rule`` on ``reports``, its findings to ``batch`` (committed if the rule does not crash)."""
        by_path = {r.path: r for r in reports.targets}
        severity = settings.severities.get(rule.code)

        def check() -> None:
            instance = rule()
            instance.config = settings.values
            for finding in instance.check_set(reports):
                target = by_path.get(finding.path)
                if target is not None:  # never on history files or on files the rule is off for
                    batch.add(finding, target.profile.source_line(finding.line), finding.severity_for(severity))

        ran, _ = guarded(check, lambda why: warn(f"规则 {rule.code} 出错：{why}"))
        if ran:
            batch.commit()


def _history(settings: Settings) -> list[str]:
    value = settings.values.get(HISTORY, [])
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ConfigError(f"{_where(settings)}{HISTORY} 应为字符串列表（报告文件夹，相对于配置文件）")
    return value


def _project(directory: str) -> str:
    """The project a configuration in ``directory`` belongs to: the
    outermost directory, from it upwards, that holds a configuration file
    or a version-control checkout (``.git``, ``.hg``, ``.svn``)."""
    top = directory = os.path.realpath(directory)
    for folder in upwards(directory):
        if config_file_in(folder) is not None or any(os.path.exists(os.path.join(folder, vcs))
                                                     for vcs in (".git", ".hg", ".svn")):
            top = folder
    return top


def _history_folders(settings: Settings) -> list[str]:
    """The history folders of ``settings``, each checked: it exists, lies
    inside the project (:func:`_project`: not ``/``, nor ``..`` out of the
    repository — a hook must not walk the file system) and not on a
    special file system (``/proc``, ``/sys``, ``/dev``)."""
    root = _project(settings.root)
    folders = []
    for given in _history(settings):
        folder = os.path.join(settings.root, given)
        real = os.path.realpath(folder)
        if not os.path.exists(folder):
            raise ConfigError(f"{_where(settings)}{HISTORY} 中的路径不存在：{display_path(folder)}")
        if os.path.commonpath([root, real]) != root:
            raise ConfigError(f"{_where(settings)}{HISTORY} 中的路径 {given} 不在本项目（{display_path(root)}）之内"
                              f"（{display_path(real)}）：报告库应放在配置文件所在的项目目录树中")
        if any(real == special or real.startswith(special + os.sep) for special in _SPECIAL):
            raise ConfigError(f"{_where(settings)}{HISTORY} 中的路径 {given} 是系统目录（{real}），不是报告库")
        folders.append(folder)
    return folders


def _aliases(settings: Settings) -> Mapping[str, str]:
    value: Any = settings.values.get(ALIASES, {})
    if not (isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
        raise ConfigError(f"{_where(settings)}{ALIASES} 应为表（机关名称 = 统一使用的名称）")
    return value


def _where(settings: Settings) -> str:
    """``govlint.toml: ``, the configuration file for messages."""
    return f"{display_path(config_file_in(settings.root) or settings.root)}: "
