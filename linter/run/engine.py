"""Running the rules: from paths to findings.

:func:`lint` expands the paths, finds each file's configuration, reads the
file (:func:`govlint.run.pipeline.read_document`) and runs the selected rules
through :func:`lint_document` — on several processes with ``Options.jobs``
(:mod:`govlint.run.parallel`), taking unchanged files' findings from the
results cache with ``Options.cache`` (:mod:`govlint.run.cache`; both are what
the command line does by default, the Python defaults are one process and
no cache).  Everything the command line does, a Python caller can do here::

    from govlint.run.engine import Options, lint

    result = lint(["reports/"], Options(select=("S",)))
    for finding in result.findings:
        print(finding.path, finding.line, finding.code, finding.message)
    raise SystemExit(result.exit_code)

Problems that are not findings (a rule that crashed, a file the pipeline
could not handle, a worker process that died) go to ``warn`` (stderr by
default), in file order, and make the exit code 2; the run goes on.  With
``GOVLINT_DEBUG=1`` the traceback of a rule that crashed is printed to
stderr as well (:func:`~govlint.run.parallel.debug_traceback`).  A rule
crashes whatever it raises: SystemExit, or a KeyboardInterrupt the user did
not cause (:class:`~govlint.run.parallel.Interrupts`), is a crash like any
exception.  Each file is checked under the watchdog
(:func:`~govlint.run.parallel.watchdog`, ``Options.time_limit`` and
``memory_limit`` or the configuration's ``time-limit``/``memory-limit``): a
file over its budget gets an E009 finding instead of its findings, and is
not cached.  A directory that cannot be listed gets an E001 finding.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import msgspec

from .. import limits
from ..findings import Finding
from ..model import Document, Severity
from ..recognise.report import Report
from ..recognise.reportinfo import ReportInfo
from ..repository import KEYS as REPORT_SET_KEYS
from ..rule import Rule
from . import parallel
from .cache import Cache, Entry, root_for as cache_root
from .config import (
    Config,
    ConfigError,
    ConfigFinder,
    Options,
    Settings,
    build_settings,
    check_refs,
    display_path,
    read_config,
)
from .localrules import plugins_for
from .parallel import Budget, BudgetExceeded, Interrupts, cpu_count, debug_traceback, guarded, watchdog
from .paths import STDIN, LintError, expand_paths
from .pipeline import failed, read_document, read_source
from .plugins import Plugins

if TYPE_CHECKING:
    from ..repository.completeness import Completeness
    from ..repository.history import ReportSetPhase
    from ..repository.profile import ReportProfile

#: from this many files on, a run uses every core unless told otherwise
PARALLEL_MIN_FILES = 8
#: The cyclic garbage collector's thresholds while files are checked: a
#: report's model and recognition make hundreds of thousands of small
#: objects, nearly all freed by reference counting, and at Python's
#: default (a collection every 700 allocations) the collector keeps
#: traversing them and the caches; 5–10% of a batch's time, measured.
BATCH_GC_THRESHOLDS = (20000, 20, 20)
#: the file name stdin is read as when ``--stdin-filename`` is not given
STDIN_DEFAULT_NAME = "stdin.txt"

__all__ = ["FileResult", "LintError", "LintResult", "Options", "SettingsResolver", "lint", "lint_document"]

Warn = Callable[[str], None]


class FileResult(msgspec.Struct, frozen=True):
    """The findings for one file, and the fail level that applied to it."""

    path: str
    findings: tuple[Finding, ...]
    fail_level: Severity = Severity.ERROR
    info: ReportInfo | None = None

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_level for f in self.findings)


class LintResult(msgspec.Struct, frozen=True):
    """A whole run: one :class:`FileResult` per file (sorted by path) and
    the internal errors met on the way (already passed to ``warn``)."""

    files: tuple[FileResult, ...]
    errors: tuple[str, ...] = ()
    #: findings hidden by a baseline (:mod:`govlint.output.baseline`)
    suppressed: int = 0
    #: per configuration listing the organs of a report repository, its
    #: completeness (:mod:`govlint.repository.completeness`; ``govlint report``)
    repositories: tuple[Completeness, ...] = ()

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def exit_code(self) -> int:
        """0 clean, 1 a finding at or above the fail level, 2 internal errors."""
        if self.errors:
            return 2
        return 1 if any(result.failed for result in self.files) else 0


def warn_stderr(message: str) -> None:
    print(f"govlint: {message}", file=sys.stderr)


#: the rule running in this thread (named when the watchdog stops a file)
_running = threading.local()


def _instance(rule: type[Rule], settings: Settings | None, running: frozenset[str] = frozenset()) -> Rule:
    instance = rule()
    if settings is not None:
        instance.config = settings.values
    instance.running = running
    return instance


def lint_document(doc: Document, rules: Iterable[type[Rule]], settings: Settings | None = None, *,
                  path: str | None = None, warn: Warn = warn_stderr) -> list[Finding]:
    """Run the enabled ``rules`` on ``doc``: sorted findings with ``path``
    (default: ``doc.path`` as displayed), ``source`` and the configured
    severity filled in, per-file ignores applied.  On a fatal document only
    the input (E) rules run.  ``doc`` may be a plain Document; the rules
    receive it as a :class:`~govlint.recognise.report.Report`."""
    doc = Report.of(doc)
    path = path or display_path(doc.path)
    if settings is not None:
        ignored = settings.ignored_for(doc.path)
        rules = [r for r in rules if r.code in settings.enabled and r.code not in ignored]
    if doc.fatal:
        rules = [r for r in rules if r.code.startswith("E")]
    elif not doc.problems:  # the built-in input rules report problems and nothing else
        rules = [r for r in rules if not f"{r.__module__}.".startswith(_INPUT_RULES)]
    findings = []
    rules = list(rules)
    running = frozenset(r.code for r in rules)
    for rule in rules:
        if rule.over_report_sets:  # runs once the run's files are read (its check finds nothing)
            continue
        _running.rule = rule.code
        ran, found = guarded(lambda: list(_instance(rule, settings, running).check(doc)),
                             lambda why: (warn(f"规则 {rule.code} 在 {path} 上出错：{why}"),
                                          debug_traceback(f"规则 {rule.code} 在 {path} 上出错")))
        if not ran:
            continue
        _running.rule = None
        severity = settings.severities.get(rule.code) if settings else None
        findings.extend(
            msgspec.structs.replace(
                f, path=path, source=doc.source_line(f.line).rstrip("\r\n"), severity=f.severity_for(severity)
            )
            for f in found
        )
    return sorted(findings, key=lambda f: f.sort_key)


def lint(paths: Sequence[str], options: Options = Options(), *, plugins: Plugins | None = None,
         stdin: bytes | None = None, warn: Warn = warn_stderr,
         progress: Callable[[int, int], None] | None = None) -> LintResult:
    """Lint ``paths`` (files, directories, ``-`` for ``stdin``).  Raises
    LintError or ConfigError (before reading any report) for bad paths or
    configuration; everything else is a finding or goes to ``warn``.
    ``progress(done, total)`` is called before each file and at the end."""
    with Interrupts.watching(), _collecting_less():
        return _lint(paths, options, plugins or plugins_for(paths, options), stdin, warn, progress)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """The garbage collector at :data:`BATCH_GC_THRESHOLDS` (then as it
    was), unless it collects as seldom already (the command line sets them
    for its whole process: setting them back makes the next allocation
    collect everything, ~2 ms after a one-report run)."""
    before = gc.get_threshold()
    if before[0] >= BATCH_GC_THRESHOLDS[0]:
        yield
        return
    gc.set_threshold(*BATCH_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _lint(paths: Sequence[str], options: Options, plugins: Plugins, stdin: bytes | None, warn: Warn,
          progress: Callable[[int, int], None] | None) -> LintResult:
    unlisted: dict[str, str] = {}  # directories that could not be listed → why
    settings_for = _SettingsResolver(plugins, options)
    files = expand_paths(paths, plugins.extensions, unreadable=lambda directory, why: unlisted.setdefault(
        os.path.abspath(directory), why), excluded=settings_for.excluded, force_exclude=options.force_exclude)
    files += sorted(unlisted)
    tasks = [(file, settings_for(_config_path(file, options))) for file in files]
    cache = Cache.open(cache_root(options.config), plugins) if options.cache else None
    sets = report_sets(plugins, options, [settings for _, settings in tasks])
    check = _Checker(plugins, options, stdin, cache, sets, unlisted)
    # Files whose findings the cache holds are taken here, first: a
    # re-run over a repository where nearly every file is unchanged starts
    # no worker pool for the few others.
    hits: dict[int, _Checked] = {}
    if cache is not None:
        for i, task in enumerate(tasks):
            if progress is not None:
                progress(len(hits), len(tasks))
            hit = check.cached(*task)
            if hit is not None:
                hits[i] = hit
    todo = [task for i, task in enumerate(tasks) if i not in hits]
    jobs = options.jobs or (cpu_count() if len(todo) >= PARALLEL_MIN_FILES else 1)

    def crashed(file: str) -> _Checked:
        return _Checked(None, (f"检查 {check.shown(file)} 时工作进程意外退出，未能检查此文件",))

    # With several processes, the first file is checked here: the workers
    # fork from this process and inherit what checking it loaded.
    first = 1 if jobs > 1 and todo else 0
    fresh = [check(*task, lookup=False) for task in todo[:first]]
    rest = todo[first:]
    fresh += parallel.run(
        len(rest), lambda i: check(*rest[i], lookup=False), jobs, crashed=lambda i: crashed(rest[i][0]),
        progress=progress and (lambda done, _: progress(len(hits) + first + done, len(tasks))),
    )
    ordered = iter(fresh)
    checked = [hits[i] if i in hits else next(ordered) for i in range(len(tasks))]
    errors: list[str] = []

    def report(message: str) -> None:
        errors.append(message)
        warn(message)

    for (_, settings), one in zip(tasks, checked):
        for message in one.messages:
            report(message)
        if one.result is not None and one.profile is not None:
            sets.add(one.result.path, settings, one.profile)
    if progress is not None:
        progress(len(tasks), len(tasks))
    results = sorted((one.result for one in checked if one.result is not None), key=lambda r: r.path)
    results = sets.finish(results, report)
    return LintResult(tuple(results), tuple(errors), repositories=sets.completeness())


def report_sets(plugins: Plugins, options: Options, settings: list[Settings]) -> ReportSetPhase | _NoReportSets:
    """The phase of the run that runs the rules over report sets; a
    stand-in that keeps nothing when there is no set to check: one file (or
    none), a configuration that leaves the report-set keys (history, the
    organs, the copy threshold) at their plugin defaults and no rule enabled
    that reports on a lone report (:attr:`Rule.alone`) — no other report to
    compare it with, so :mod:`govlint.repository` is not even imported.
    With such a rule enabled (and only built-in rules over report sets,
    whose configuration check reads only those keys), the phase starts
    only when the report may give it something (:class:`_LoneReport`)."""
    lone = len(settings) <= 1 and all(s.values.get(key) == plugins.defaults.get(key)
                                      for s in settings for key in REPORT_SET_KEYS)
    enabled = [r for r in plugins.rules if r.over_report_sets and any(r.code in s.enabled for s in settings)]
    if lone and not any(r.alone for r in enabled):
        return _NoReportSets()

    def start() -> ReportSetPhase:
        from ..repository.history import ReportSetPhase

        return ReportSetPhase(plugins, settings, cache_root(options.config) if options.cache else None)

    if lone and all(r.__module__.startswith(_BUILTIN_RULES) for r in enabled):
        return _LoneReport(start)
    return start()


#: the package of the built-in rules, and of the built-in input (E) rules
_BUILTIN_RULES = "govlint.rules."
_INPUT_RULES = "govlint.rules.input."


class _NoReportSets:
    """The report-set phase of a run with nothing to compare (:func:`report_sets`)."""

    def profile(self, *args: object, **kwargs: object) -> None:
        return None

    def add(self, *args: object) -> None:
        pass

    def finish(self, results: list[FileResult], report: Callable[[str], None]) -> list[FileResult]:
        return results

    def completeness(self) -> tuple[Completeness, ...]:
        return ()


class _LoneReport(_NoReportSets):
    """The report-set phase of a run of one report with the report-set keys
    at their defaults and a rule enabled that reports on a lone report:
    such a rule (C017's hint that the changes against last year could not
    be checked) finds nothing in a report whose prose states no change
    against last year (no claim of kind ``change``), so the phase
    (``start()``) starts only for a report that does: as read, or as the
    results cache remembers it (``changes``)."""

    def __init__(self, start: Callable[[], ReportSetPhase]):
        self._start = start
        self._phase: ReportSetPhase | None = None

    def profile(self, path: str, data: bytes | Document, doc: Document | None,
                settings: Settings, changes: bool = True) -> ReportProfile | None:
        if self._phase is None:
            if not (states_changes(doc) if doc is not None else changes):
                return None
            self._phase = self._start()
        return self._phase.profile(path, data, doc, settings)

    def add(self, path: str, settings: Settings, profile: ReportProfile) -> None:
        self._phase.add(path, settings, profile)

    def finish(self, results: list[FileResult], report: Callable[[str], None]) -> list[FileResult]:
        return results if self._phase is None else self._phase.finish(results, report)

    def completeness(self) -> tuple[Completeness, ...]:
        return () if self._phase is None else self._phase.completeness()


def states_changes(doc: Document) -> bool:
    """Does the prose of ``doc`` state changes against last year (a claim of
    kind ``change``, which C017 may need the report set for)?"""
    return not doc.fatal and any(c.kind == "change" for c in Report.of(doc).claims)


class _Checked(msgspec.Struct, frozen=True):
    """What checking one file gave: its result (None when it could not be
    checked at all) and the messages for ``warn`` (a rule that crashed…)."""

    result: FileResult | None
    messages: tuple[str, ...] = ()
    #: for the rules over report sets (:mod:`govlint.repository.history`), when they want it
    profile: ReportProfile | None = None


class _Checker:
    """Checks one file: read it (or take its findings from the cache), run
    the rules.  Never raises."""

    def __init__(self, plugins: Plugins, options: Options, stdin: bytes | None, cache: Cache | None,
                 sets: ReportSetPhase | _NoReportSets, unlisted: dict[str, str] | None = None):
        self.plugins, self.options, self.stdin, self.cache, self.sets = plugins, options, stdin, cache, sets
        self.unlisted = unlisted or {}

    def shown(self, file: str) -> str:
        """``file`` as findings name it."""
        return (self.options.stdin_filename or STDIN) if file == STDIN else display_path(file)

    def budget(self, settings: Settings) -> Budget:
        """The watchdog's budget for a file: the command line's, else the configuration's, else the default."""
        def pick(given: float | None, configured: float | None, default: float) -> float:
            return given if given is not None else configured if configured is not None else default

        return Budget(pick(self.options.time_limit, settings.time_limit, limits.TIME_LIMIT),
                      pick(self.options.memory_limit, settings.memory_limit, limits.MEMORY_LIMIT))

    def _path(self, file: str) -> str:
        """The path ``file`` is read as."""
        return (self.options.stdin_filename or STDIN_DEFAULT_NAME) if file == STDIN else file

    def _source(self, file: str, path: str) -> bytes | Report:
        """The bytes of ``file``, or the document saying why it cannot be read."""
        if file in self.unlisted:
            return failed(path, "directory", "unreadable", self.unlisted[file])
        return (self.stdin or b"") if file == STDIN else read_source(file, self.plugins.readers)

    def cached(self, file: str, settings: Settings) -> _Checked | None:
        """What checking ``file`` gives when the cache holds its findings, else None."""
        path = self._path(file)
        try:
            source = self._source(file, path)
            if not isinstance(source, bytes):
                return None
            shown = self.shown(file)
            entry = self.cache.get(self.cache.key(path, shown, source, settings, self.options.report_info))
            if entry is None:
                return None
            return _Checked(FileResult(shown, entry.findings, settings.fail_level, entry.info), (),
                            self.sets.profile(path, source, None, settings, changes=entry.changes))
        except Exception:  # checked again the usual way, which says what went wrong
            return None

    def __call__(self, file: str, settings: Settings, *, lookup: bool = True) -> _Checked:
        """Check ``file``; with ``lookup`` False the cache has been asked already (:meth:`cached`)."""
        shown = self.shown(file)
        messages: list[str] = []
        path = self._path(file)
        budget = self.budget(settings)
        try:
            source = self._source(file, path)
            key = None
            if self.cache is not None and isinstance(source, bytes):
                key = self.cache.key(path, shown, source, settings, self.options.report_info)
                entry = self.cache.get(key) if lookup else None
                if entry is not None:
                    return _Checked(FileResult(shown, entry.findings, settings.fail_level, entry.info), (),
                                    self.sets.profile(path, source, None, settings, changes=entry.changes))
            with watchdog(budget):
                doc = source if isinstance(source, Document) else read_document(path, source,
                                                                                readers=self.plugins.readers)
                findings = tuple(lint_document(doc, self.plugins.rules, settings, path=shown, warn=messages.append))
                info = ReportInfo.of(doc) if self.options.report_info else None
                profile = self.sets.profile(path, source, doc, settings)
        except BudgetExceeded as exc:
            return self._over_budget(path, shown, settings, budget, exc, messages)
        except Exception as exc:  # the pipeline promises not to raise; if it does, go on
            return _Checked(None, (*messages, f"检查 {shown} 时出错：{type(exc).__name__}: {exc}"))
        if key is not None and not messages:
            self.cache.put(key, Entry(findings, info, states_changes(doc)))
        return _Checked(FileResult(shown, findings, settings.fail_level, info), tuple(messages), profile)

    def _over_budget(self, path: str, shown: str, settings: Settings, budget: Budget, exc: BudgetExceeded,
                     messages: list[str]) -> _Checked:
        """The result of a file the watchdog stopped: its E009 finding (never cached)."""
        rule = getattr(_running, "rule", None)
        _running.rule = None
        where = f"（停在规则 {rule}）" if rule else ""
        if exc.kind == "memory":
            limit = f"{budget.megabytes:g} MB" if budget.megabytes else "本机可用内存"
            message = (f"检查所需内存超过上限（{limit}），已停止检查此文件{where}：确属正常报告的，"
                       "可用 --memory-limit 或配置项 memory-limit 调高上限")
        else:
            message = (f"检查超过时间上限（{budget.seconds:g} 秒），已停止检查此文件{where}：确属正常报告的，"
                       "可用 --time-limit 或配置项 time-limit 调高上限")
        reader = next((r.name for r in self.plugins.readers if path.lower().endswith(r.extensions)), "unknown")
        doc = failed(path, reader, "budget", message)
        findings = tuple(lint_document(doc, self.plugins.rules, settings, path=shown, warn=messages.append))
        return _Checked(FileResult(shown, findings, settings.fail_level), tuple(messages))


def _config_path(file: str, options: Options) -> str:
    """The path whose directory configuration discovery starts from."""
    if file == STDIN:
        return options.stdin_filename or os.path.join(os.curdir, STDIN_DEFAULT_NAME)
    return file


class _SettingsResolver:
    """Settings per file, from its configuration and the command line;
    computed once per configuration file."""

    def __init__(self, plugins: Plugins, options: Options):
        self._plugins = plugins
        self._options = options
        rules = plugins.rules
        self._command_line = Config(
            select=None if options.select is None else check_refs(options.select, rules, "命令行", "--select"),
            extend_select=check_refs(options.extend_select, rules, "命令行", "--extend-select"),
            ignore=check_refs(options.ignore, rules, "命令行", "--ignore"),
            fail_level=options.fail_level,
            exclude=options.exclude,
            extend_exclude=options.extend_exclude,
        )
        self._finder = ConfigFinder(rules, plugins.defaults)
        self._explicit = self._read_explicit(options.config) if options.config else None
        self._cache: dict[str | None, Settings] = {}

    def _read_explicit(self, path: str) -> Config:
        if not os.path.isfile(path):
            raise ConfigError(f"找不到配置文件：{path}")
        return read_config(path, self._plugins.rules, self._plugins.defaults) or Config(path=path)

    def excluded(self, path: str, is_dir: bool) -> bool:
        """Whether the configuration governing ``path`` excludes it."""
        return self(path).exclusion.excludes(path, is_dir)

    def config_for(self, file: str) -> Config | None:
        """The configuration that governs ``file`` (None: none)."""
        if not self._options.use_config:
            return None
        if self._explicit is not None:
            return self._explicit
        return self._finder.for_file(file)

    def __call__(self, file: str) -> Settings:
        config = self.config_for(file)
        key = config.path if config else None
        if key not in self._cache:
            self._cache[key] = build_settings(self._plugins.rules, config, self._command_line, self._plugins.defaults)
        return self._cache[key]


#: the settings of each file of a run (``govlint check --show-settings`` asks it for one file)
SettingsResolver = _SettingsResolver
